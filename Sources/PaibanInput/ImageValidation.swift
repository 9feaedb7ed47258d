import PaibanCore

/// The structure of a PNG or JPEG file, checked whole before the image is used: a file cut
/// short, a chunk whose checksum fails, a header claiming 4294967295 × 4294967295 or 0 × 0
/// pixels is refused at load, so the make-up never sizes a photo from a header no reader can
/// draw, and the PDF never embeds one. Decoding-level damage inside a JPEG's scan (which only
/// a decoder sees) is the `ImageDecodeCheck` the renderer passes in.
enum ImageValidation {
    /// Cairo's image surfaces stop at 32767 pixels a side; a newspaper photo is under 10000.
    static let maximumSide = 30000
    /// 150 megapixels: a 12000 × 12500 scan, decoded, is 600 MB.
    static let maximumPixels = 150_000_000

    struct Image { var format: ImageFormat; var width: Int; var height: Int }

    /// The image's format and size, or why it cannot be used.
    static func check(_ b: [UInt8]) -> Result<Image, ImageProblem> {
        if b.count >= 8, b[0] == 0x89, b[1] == 0x50, b[2] == 0x4E, b[3] == 0x47 { return png(b) }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xD8 { return jpeg(b) }
        return .failure(ImageProblem("is not a PNG or JPEG file"))
    }

    static func sized(_ format: ImageFormat, _ w: Int, _ h: Int) -> Result<Image, ImageProblem> {
        guard w >= 1, h >= 1 else { return .failure(ImageProblem("claims \(w) × \(h) pixels")) }
        guard w <= maximumSide, h <= maximumSide, w * h <= maximumPixels else {
            return .failure(ImageProblem("claims \(w) × \(h) pixels, more than a page can use (at most \(maximumSide) a side)"))
        }
        return .success(Image(format: format, width: w, height: h))
    }

    // MARK: PNG

    static func png(_ b: [UInt8]) -> Result<Image, ImageProblem> {
        guard b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return .failure(ImageProblem("has a broken PNG signature")) }
        var i = 8
        var header: (w: Int, h: Int)?
        var sawData = false
        while i + 12 <= b.count {
            let length = be32(b, i)
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            guard length <= b.count - i - 12 else { return .failure(ImageProblem("is cut short inside its \(type) chunk (truncated)")) }
            let crcAt = i + 8 + length
            guard crc32(b[(i + 4)..<crcAt]) == UInt32(be32(b, crcAt)) else {
                return .failure(ImageProblem("is damaged: the checksum of its \(type) chunk fails"))
            }
            if header == nil {
                guard type == "IHDR", length == 13 else { return .failure(ImageProblem("does not start with a PNG header chunk")) }
                header = (be32(b, i + 8), be32(b, i + 12))
                let depth = b[i + 16], colour = b[i + 17]
                guard validDepth(depth, colour: colour) else {
                    return .failure(ImageProblem("has bit depth \(depth) with colour type \(colour), which PNG does not allow"))
                }
            }
            if type == "IDAT" { sawData = true }
            if type == "IEND" {
                guard sawData, let header else { return .failure(ImageProblem("has no image data")) }
                return sized(.png, header.w, header.h)
            }
            i = crcAt + 4
        }
        return .failure(ImageProblem("ends before its last chunk (truncated)"))
    }

    static func validDepth(_ d: UInt8, colour: UInt8) -> Bool {
        switch colour {
        case 0: [1, 2, 4, 8, 16].contains(d)
        case 3: [1, 2, 4, 8].contains(d)
        case 2, 4, 6: [8, 16].contains(d)
        default: false
        }
    }

    // MARK: JPEG

    /// Walks the markers: every segment within the file, a frame header with a sane size and
    /// 1, 3 or 4 components, at least one scan, and the end-of-image marker after the scans.
    static func jpeg(_ b: [UInt8]) -> Result<Image, ImageProblem> {
        var i = 2
        var frame: (w: Int, h: Int)?
        var sawScan = false
        while i + 1 < b.count {
            // Stray bytes between segments: decoders skip them (with a warning the decode check reports).
            guard b[i] == 0xFF else { i += 1; continue }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD9 {
                guard sawScan, let frame else { return .failure(ImageProblem("has no image data")) }
                return sized(.jpeg, frame.w, frame.h)
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            guard i + 4 <= b.count else { break }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2, i + 2 + length <= b.count else { break }
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard length >= 8 else { return .failure(ImageProblem("has a broken frame header")) }
                let components = Int(b[i + 9])
                guard [1, 3, 4].contains(components) else {
                    return .failure(ImageProblem("has \(components) colour components (gray, RGB or CMYK can be printed)"))
                }
                frame = (Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]))
            }
            i += 2 + length
            if marker == 0xDA {
                guard frame != nil else { return .failure(ImageProblem("has image data before its frame header")) }
                sawScan = true
                i = endOfEntropyData(b, from: i)
            }
        }
        return .failure(ImageProblem("ends before its end-of-image marker (truncated)"))
    }

    /// The offset of the first marker after a scan's entropy-coded data (FF 00 is a data byte,
    /// FF D0–D7 a restart inside the scan).
    static func endOfEntropyData(_ b: [UInt8], from start: Int) -> Int {
        var i = start
        while i + 1 < b.count {
            if b[i] == 0xFF, b[i + 1] != 0x00, !(0xD0...0xD7).contains(b[i + 1]), b[i + 1] != 0xFF { return i }
            i += 1
        }
        return b.count
    }

    static func be32(_ b: [UInt8], _ i: Int) -> Int {
        Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
    }
}

/// Why an image file cannot be used, said after its name ("is cut short …").
public struct ImageProblem: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320).
func crc32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
}

private let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
}
