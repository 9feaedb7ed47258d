import CPangoCairo
import PaibanCore

/// The decode check the loader runs on every image: a JPEG decoded whole by libjpeg (at 1/8
/// scale: every coefficient is still entropy-decoded, which is where damage shows), a PNG by
/// Cairo's decoder (zlib data a checksum cannot vouch for). Measured on the news bench's 20
/// photos: see README.
public let decodingImageCheck: ImageDecodeCheck = { path, bytes in
    guard bytes.count >= 2 else { return "empty" }
    if bytes[0] == 0xFF && bytes[1] == 0xD8 {
        var message = [CChar](repeating: 0, count: 256)
        let bad = bytes.withUnsafeBufferPointer { b in
            message.withUnsafeMutableBufferPointer { paiban_check_jpeg(b.baseAddress, UInt(b.count), $0.baseAddress, UInt($0.count)) }
        }
        return bad == 0 ? nil : String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    let surface = cairo_image_surface_create_from_png(path)
    defer { cairo_surface_destroy(surface) }
    let status = cairo_surface_status(surface)
    return status == CAIRO_STATUS_SUCCESS ? nil : "the PNG decoder stops: " + String(cString: cairo_status_to_string(status))
}
