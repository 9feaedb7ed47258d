import CPangoCairo

/// PNG proofs encoded here rather than by `cairo_surface_write_to_png`, which uses libpng's
/// default zlib level and took 170 ms of every 100 dpi broadsheet page (its drawing took 12).
/// A page proof is mostly white with black type: with the Up filter and zlib's fastest level
/// the files come out smaller than Cairo's (zlib's run-length strategy measured no faster and
/// a third larger).
struct PNGEncoder {
    /// Pixels copied out of a Cairo RGB24 image (32 bits a pixel, native-endian xRGB), so the
    /// encoding can run on another thread without touching Cairo.
    struct Pixels: Sendable {
        var width: Int
        var height: Int
        var stride: Int
        var data: [UInt8]

        /// Copies an RGB24 image surface's pixels (the caller owns the surface).
        init(surface: OpaquePointer) {
            cairo_surface_flush(surface)
            width = Int(cairo_image_surface_get_width(surface))
            height = Int(cairo_image_surface_get_height(surface))
            stride = Int(cairo_image_surface_get_stride(surface))
            let base = cairo_image_surface_get_data(surface)!
            data = Array(UnsafeBufferPointer(start: base, count: stride * height))
        }
    }

    static func encode(_ p: Pixels, level: Int32 = 1) -> [UInt8] {
        // Filtered rows: a filter byte, then RGB. Up (2): each byte minus the one above.
        let rowBytes = 1 + 3 * p.width
        var raw = [UInt8](repeating: 0, count: rowBytes * p.height)
        p.data.withUnsafeBytes { src in
            raw.withUnsafeMutableBufferPointer { dst in
                let out = dst.baseAddress!
                for y in 0..<p.height {
                    let line = (src.baseAddress! + y * p.stride).assumingMemoryBound(to: UInt32.self)
                    // The row above (white above the first row: Up needs a previous row of zeros,
                    // which subtracting nothing gives).
                    let above = y > 0 ? (src.baseAddress! + (y - 1) * p.stride).assumingMemoryBound(to: UInt32.self) : nil
                    var o = out + y * rowBytes
                    o.pointee = 2
                    o += 1
                    for x in 0..<p.width {
                        let v = line[x], u = above?[x] ?? 0
                        o[0] = UInt8(truncatingIfNeeded: v >> 16) &- UInt8(truncatingIfNeeded: u >> 16)
                        o[1] = UInt8(truncatingIfNeeded: v >> 8) &- UInt8(truncatingIfNeeded: u >> 8)
                        o[2] = UInt8(truncatingIfNeeded: v) &- UInt8(truncatingIfNeeded: u)
                        o += 3
                    }
                }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(p.width))
        header += bigEndian(UInt32(p.height))
        header += [8, 2, 0, 0, 0] // 8 bits, RGB, deflate, adaptive filtering, not interlaced
        chunk("IHDR", header, into: &png)
        chunk("IDAT", deflate(raw, level: level), into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    private static func chunk(_ type: String, _ body: [UInt8], into png: inout [UInt8]) {
        let tag = Array(type.utf8)
        png += bigEndian(UInt32(body.count))
        png += tag
        png += body
        var crc = crc32(0, tag, UInt32(tag.count))
        crc = body.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        png += bigEndian(UInt32(crc))
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
