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
    /// How photos' colour goes into the PDF: as given; converted to CMYK through the output
    /// profile with a total-ink limit (PDF/X-1a allows no RGB); or RGB tagged as sRGB
    /// (ICCBased, PDF/X-4), the JPEG's bytes kept as they are.
    enum Colour { case asGiven, cmyk(profile: [UInt8], inkLimit: Double), calibratedRGB }
    let colour: Colour
    /// Each photo's colour space in the PDF and, where its pixels were converted, the largest
    /// total ink in percent: for the preflight.
    private(set) var colourOf: [String: (space: String, maxInk: Double?)] = [:]
    private var srgbObject: Int?
    var photoColours: [String: PhotoColour] { colourOf.mapValues { PhotoColour(space: $0.space, maxInk: $0.maxInk) } }
    private var written: [String: Image?] = [:]

    init(colour: Colour = .asGiven) { self.colour = colour }

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
            if frame.components == 3, case .cmyk(let profile, let limit) = colour {
                var w: Int32 = 0, h: Int32 = 0
                guard let px = paiban_decode_jpeg(bytes, UInt(bytes.count), &w, &h) else { return nil }
                defer { free(px) }
                var rgb = [UInt8](repeating: 0, count: Int(w) * Int(h) * 3)
                let words = UnsafeRawPointer(px).assumingMemoryBound(to: UInt32.self)
                for i in 0..<(Int(w) * Int(h)) {
                    let v = words[i]
                    rgb[3 * i] = UInt8((v >> 16) & 0xFF); rgb[3 * i + 1] = UInt8((v >> 8) & 0xFF); rgb[3 * i + 2] = UInt8(v & 0xFF)
                }
                return cmykImage(rgb, width: Int(w), height: Int(h), profile: profile, limit: limit, path: path, file)
            }
            let n = file.reserve()
            var dict = "/Type/XObject/Subtype/Image/Width \(header.width)/Height \(header.height)/BitsPerComponent 8/Filter/DCTDecode"
            switch frame.components {
            case 1: dict += "/ColorSpace/DeviceGray"
            case 4:
                dict += "/ColorSpace/DeviceCMYK"
                // Photoshop writes CMYK JPEGs inverted and says so in an Adobe marker.
                if frame.adobe { dict += "/Decode[1 0 1 0 1 0 1 0]" }
            default: dict += "/ColorSpace" + rgbSpace(file)
            }
            colourOf[path] = (frame.components == 4 ? "CMYK (as given)" : frame.components == 1 ? "Gray" : rgbName, nil)
            file.stream(n, dictionary: dict, data: bytes, compress: false)
            return Image(object: n, pixelWidth: header.width, pixelHeight: header.height)
        case .png:
            if case .cmyk = colour { return decodedPNG(path, file) }
            if var plain = PlainPNG(bytes) {
                if case .calibratedRGB = colour {
                    plain.colorSpace = plain.colorSpace.replacingOccurrences(of: "/DeviceRGB", with: rgbSpace(file))
                }
                colourOf[path] = (plain.colors == 1 && !plain.colorSpace.contains("Indexed") ? "Gray" : rgbName, nil)
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
        if case .cmyk(let profile, let limit) = colour {
            // PDF/X-1a has no transparency: the photo is flattened onto the paper's white.
            if translucent {
                for i in 0..<(w * h) where alpha[i] < 255 {
                    let a = Int(alpha[i])
                    for ch in 0..<3 { rgb[3 * i + ch] = UInt8((Int(rgb[3 * i + ch]) * a + 255 * (255 - a)) / 255) }
                }
            }
            return cmykImage(rgb, width: w, height: h, profile: profile, limit: limit, path: path, file)
        }
        colourOf[path] = (rgbName, nil)
        var mask = ""
        if translucent {
            let m = file.reserve()
            file.stream(m, dictionary: "/Type/XObject/Subtype/Image/Width \(w)/Height \(h)/BitsPerComponent 8/ColorSpace/DeviceGray",
                        deflated: deflate(alpha, level: 1))
            mask = "/SMask \(m) 0 R"
        }
        let n = file.reserve()
        file.stream(n, dictionary: "/Type/XObject/Subtype/Image/Width \(w)/Height \(h)/BitsPerComponent 8/ColorSpace" + rgbSpace(file) + mask,
                    deflated: deflate(rgb, level: 1))
        return Image(object: n, pixelWidth: w, pixelHeight: h)
    }
}

extension PDFImages {
    var rgbName: String { if case .calibratedRGB = colour { "RGB (sRGB, ICCBased)" } else { "RGB" } }

    /// DeviceRGB, or sRGB's profile as an ICCBased space (written once) for PDF/X-4.
    func rgbSpace(_ file: PDFFile) -> String {
        guard case .calibratedRGB = colour else { return "/DeviceRGB" }
        if let n = srgbObject { return "[/ICCBased \(n) 0 R]" }
        var size: UInt32 = 0
        guard let p = paiban_srgb_profile(&size) else { return "/DeviceRGB" }
        let bytes = Array(UnsafeBufferPointer(start: p, count: Int(size)))
        free(p)
        let n = file.reserve()
        file.stream(n, dictionary: "/N 3/Alternate/DeviceRGB", data: bytes, compress: true)
        srgbObject = n
        return "[/ICCBased \(n) 0 R]"
    }

    /// RGB pixels converted to CMYK through the output profile, the total ink held to the
    /// limit, deflated at zlib's fastest level (JPEG re-encoding would lose detail; level 6
    /// shrank little more and cost most of the conversion's time).
    func cmykImage(_ rgb: [UInt8], width w: Int, height h: Int, profile: [UInt8], limit: Double, path: String,
                   _ file: PDFFile) -> Image? {
        var cmyk = [UInt8](repeating: 0, count: w * h * 4)
        var maxInk = 0.0
        let ok = profile.withUnsafeBufferPointer { pr in
            rgb.withUnsafeBufferPointer { src in
                cmyk.withUnsafeMutableBufferPointer { dst in
                    paiban_rgb_to_cmyk(pr.baseAddress, UInt32(pr.count), src.baseAddress, dst.baseAddress, UInt(w * h),
                                       limit / 100, &maxInk)
                }
            }
        }
        guard ok == 1 else { return nil }
        let n = file.reserve()
        file.stream(n, dictionary: "/Type/XObject/Subtype/Image/Width \(w)/Height \(h)/BitsPerComponent 8/ColorSpace/DeviceCMYK",
                    deflated: deflate(cmyk, level: 1))
        colourOf[path] = ("CMYK (converted)", (maxInk * 10).rounded() / 10)
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
