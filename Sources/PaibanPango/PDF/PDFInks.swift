import PaibanCore

/// Inks in the PDF: every item names its ink in the colour space the press separates
/// (DeviceCMYK, DeviceGray for K-only greys, Separation for a spot ink with its CMYK alternate).
/// Black-only ink overprints (ExtGState /OP /op true, /OPM 1): coldset presses misregister, and
/// text that knocks out of a photo or tint leaves a white halo. In Ghostscript and MuPDF only
/// DeviceCMYK 0 0 0 1 overprints this way; DeviceGray black did not.
final class PDFInks {
    let overprint: Int
    let knockout: Int
    /// Separation colour spaces by ink name: object and resource name.
    private(set) var spots: [String: (object: Int, resource: String, alternate: CMYK)] = [:]

    init(file: PDFFile) {
        overprint = file.reserve()
        knockout = file.reserve()
    }

    /// Written once the pages are: the two graphics states and every spot ink used.
    func write(to file: PDFFile) {
        file.object(overprint, "<</Type/ExtGState/OP true/op true/OPM 1>>")
        file.object(knockout, "<</Type/ExtGState/OP false/op false/OPM 0>>")
        for name in spots.keys.sorted() {
            let s = spots[name]!
            var b = PDFBuffer()
            b.append("[/Separation/" + pdfName(name) + "/DeviceCMYK<</FunctionType 2/Domain[0 1]/C0[0 0 0 0]/C1[")
            b.numbers(s.alternate.c, s.alternate.m, s.alternate.y, s.alternate.k)
            b.append("]/N 1>>]")
            file.object(s.object, b)
        }
    }

    /// The operator that sets `paint` for filling (or stroking), registering a spot ink.
    func op(_ paint: Paint, stroke: Bool, file: PDFFile, page: inout PDFStream.PageRecord) -> String {
        var b = PDFBuffer()
        switch paint {
        case .gray(let g):
            b.number(g); b.append(stroke ? " G" : " g")
        case .cmyk(let c):
            b.numbers(c.c, c.m, c.y, c.k); b.append(stroke ? "K" : "k")
        case .spot(let name, let tint, let alternate):
            let s = spots[name] ?? (file.reserve(), "CS\(spots.count + 1)", alternate)
            spots[name] = s
            if !page.colourSpaces.contains(s.resource) { page.colourSpaces.append(s.resource) }
            b.append("/" + s.resource + (stroke ? " CS " : " cs "))
            b.number(tint); b.append(stroke ? " SCN" : " scn")
        }
        return String(decoding: b.bytes, as: UTF8.self)
    }

    /// The page's resources for inks: the graphics states and its spot colour spaces.
    func resources(_ page: PDFStream.PageRecord) -> String {
        var s = "/ExtGState<</GSop \(overprint) 0 R/GSko \(knockout) 0 R>>"
        if !page.colourSpaces.isEmpty {
            s += "/ColorSpace<<"
            for r in page.colourSpaces {
                if let e = spots.values.first(where: { $0.resource == r }) { s += "/\(r) \(e.object) 0 R" }
            }
            s += ">>"
        }
        return s
    }
}

/// The ink state of one content stream, so operators are written only when the ink changes.
struct InkState {
    private var fill: Paint?
    private var stroke: Paint?
    private var overprinting: Bool?

    /// Sets fill and stroke to `paint` (text strokes its emboldened outlines in its own ink).
    mutating func use(_ paint: Paint, _ c: inout PDFBuffer, inks: PDFInks, file: PDFFile, page: inout PDFStream.PageRecord) {
        let op = paint.isBlackInkOnly
        if overprinting != op { c.append(op ? "/GSop gs\n" : "/GSko gs\n"); overprinting = op }
        if fill != paint { c.append(inks.op(paint, stroke: false, file: file, page: &page) + "\n"); fill = paint }
        if stroke != paint { c.append(inks.op(paint, stroke: true, file: file, page: &page) + "\n"); stroke = paint }
    }
}

/// A PDF name's characters: those outside ! … ~ and the delimiters written as #XX.
func pdfName(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        if b > 0x20 && b < 0x7F && !"()<>[]{}/%#".utf8.contains(b) { out.unicodeScalars.append(Unicode.Scalar(b)) }
        else { out += "#" + String(b, radix: 16, uppercase: true).leftPadded(2) }
    }
    return out
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
