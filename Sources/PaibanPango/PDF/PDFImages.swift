#if canImport(Glibc)
import Glibc
#endif
import CPangoCairo
import PaibanCore

/// Image XObjects, written once per document however many pages show them. Photos go in as
/// they are where PDF can hold them: a JPEG as DCT data, a plain PNG as its own deflated rows
/// (PNG predictors); only a PNG with transparency or interlacing is decoded (by Cairo) and
/// deflated again, with its alpha as a soft mask.
final class PDFImages {
    struct Image {
        let object: Int
        let pixelWidth: Int
        let pixelHeight: Int
    }
    private var written: [String: Image?] = [:]

    /// The image at `path` as an XObject, or nil when it cannot be read (a placeholder is drawn).
    func image(_ path: String, in file: PDFFile) -> Image? {
        if let known = written[path] { return known }
        let made = make(path, file)
        written[path] = made
        return made
    }

    private func make(_ path: String, _ file: PDFFile) -> Image? {
        guard let bytes = readFile(path), let header = bytes.withUnsafeBufferPointer({ imageHeader($0) }) else { return nil }
        switch header.format {
        case .jpeg:
            guard let frame = bytes.withUnsafeBufferPointer({ jpegFrame($0) }) else { return nil }
            let n = file.reserve()
            var dict = "/Type/XObject/Subtype/Image/Width \(header.width)/Height \(header.height)/BitsPerComponent 8/Filter/DCTDecode"
            switch frame.components {
            case 1: dict += "/ColorSpace/DeviceGray"
            case 4:
                dict += "/ColorSpace/DeviceCMYK"
                // Photoshop writes CMYK JPEGs inverted and says so in an Adobe marker.
                if frame.adobe { dict += "/Decode[1 0 1 0 1 0 1 0]" }
            default: dict += "/ColorSpace/DeviceRGB"
            }
            file.stream(n, dictionary: dict, data: bytes, compress: false)
            return Image(object: n, pixelWidth: header.width, pixelHeight: header.height)
        case .png:
            if let plain = PlainPNG(bytes) {
                let n = file.reserve()
                var dict = "/Type/XObject/Subtype/Image/Width \(plain.width)/Height \(plain.height)/BitsPerComponent \(plain.depth)"
                dict += "/ColorSpace" + plain.colorSpace
                dict += "/Filter/FlateDecode/DecodeParms<</Predictor 15/Colors \(plain.colors)/BitsPerComponent \(plain.depth)/Columns \(plain.width)>>"
                file.stream(n, dictionary: dict, data: plain.data, compress: false)
                return Image(object: n, pixelWidth: plain.width, pixelHeight: plain.height)
            }
            return decodedPNG(path, file)
        }
    }

    /// A PNG PDF cannot take as it is: Cairo decodes it; colour and alpha go in separately,
    /// deflated at zlib's fastest level (a photo's pixels shrink little more at level 6, and a
    /// 2400 × 1600 one took 100 ms longer).
    private func decodedPNG(_ path: String, _ file: PDFFile) -> Image? {
        let s = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(s) }
        guard cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(s) else { return nil }
        let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        let hasAlpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        var alpha = [UInt8](repeating: 255, count: w * h)
        var translucent = false
        rgb.withUnsafeMutableBufferPointer { rgbOut in
            alpha.withUnsafeMutableBufferPointer { alphaOut in
                for y in 0..<h {
                    let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                    var o = y * w
                    for x in 0..<w {
                        let v = row[x]
                        let a = hasAlpha ? UInt32(v >> 24) : 255
                        var r = (v >> 16) & 0xFF, g = (v >> 8) & 0xFF, b = v & 0xFF
                        if a < 255 {
                            translucent = true
                            // Cairo premultiplies; PDF wants the colour itself.
                            if a > 0 { r = min(255, r * 255 / a); g = min(255, g * 255 / a); b = min(255, b * 255 / a) }
                        }
                        rgbOut[3 * o] = UInt8(truncatingIfNeeded: r)
                        rgbOut[3 * o + 1] = UInt8(truncatingIfNeeded: g)
                        rgbOut[3 * o + 2] = UInt8(truncatingIfNeeded: b)
                        alphaOut[o] = UInt8(truncatingIfNeeded: a)
                        o += 1
                    }
                }
            }
        }
        var mask = ""
        if translucent {
            let m = file.reserve()
            file.stream(m, dictionary: "/Type/XObject/Subtype/Image/Width \(w)/Height \(h)/BitsPerComponent 8/ColorSpace/DeviceGray",
                        deflated: deflate(alpha, level: 1))
            mask = "/SMask \(m) 0 R"
        }
        let n = file.reserve()
        file.stream(n, dictionary: "/Type/XObject/Subtype/Image/Width \(w)/Height \(h)/BitsPerComponent 8/ColorSpace/DeviceRGB" + mask,
                    deflated: deflate(rgb, level: 1))
        return Image(object: n, pixelWidth: w, pixelHeight: h)
    }
}

func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    guard fseek(f, 0, SEEK_END) == 0 else { return nil }
    let size = ftell(f)
    guard size > 0, fseek(f, 0, SEEK_SET) == 0 else { return nil }
    var bytes = [UInt8](repeating: 0, count: size)
    let read = bytes.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, size, f) }
    return read == size ? bytes : nil
}

/// A PNG whose compressed rows PDF can use directly: not interlaced, no transparency, grey,
/// RGB or palette.
struct PlainPNG {
    var width = 0, height = 0, depth = 0, colors = 1
    var colorSpace = ""
    var data: [UInt8] = []

    init?(_ b: [UInt8]) {
        guard b.count > 33 else { return nil }
        var i = 8
        var colorType = -1
        var palette: [UInt8] = []
        scan: while i + 8 <= b.count {
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            let body = i + 8
            guard length >= 0, body + length <= b.count else { return nil }
            switch type {
            case "IHDR":
                guard length >= 13 else { return nil }
                width = Int(b[body]) << 24 | Int(b[body + 1]) << 16 | Int(b[body + 2]) << 8 | Int(b[body + 3])
                height = Int(b[body + 4]) << 24 | Int(b[body + 5]) << 16 | Int(b[body + 6]) << 8 | Int(b[body + 7])
                depth = Int(b[body + 8])
                colorType = Int(b[body + 9])
                guard b[body + 12] == 0 else { return nil } // interlaced
            case "PLTE": palette = Array(b[body..<(body + length)])
            case "tRNS": return nil
            case "IDAT": data.append(contentsOf: b[body..<(body + length)])
            case "IEND": break scan
            default: break
            }
            i = body + length + 4
        }
        guard width > 0, height > 0, !data.isEmpty else { return nil }
        switch colorType {
        case 0: colors = 1; colorSpace = "/DeviceGray"
        case 2: colors = 3; colorSpace = "/DeviceRGB"
        case 3:
            guard !palette.isEmpty, palette.count % 3 == 0 else { return nil }
            colors = 1
            var hex = PDFBuffer(capacity: palette.count * 2)
            for v in palette { hex.append(hexDigit(v >> 4)); hex.append(hexDigit(v & 0xF)) }
            colorSpace = "[/Indexed/DeviceRGB \(palette.count / 3 - 1)<" + String(decoding: hex.bytes, as: UTF8.self) + ">]"
        default: return nil
        }
    }
}
