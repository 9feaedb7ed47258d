import CPangoCairo
import Foundation
import PaibanCore

/// What PDF/X adds to the file: the version, the output intent with its profile, page boxes
/// (trim, bleed, a larger sheet for printer's marks), identification in Info and XMP, and no
/// link annotations inside the trim. Paiban writes PDF/X itself rather than converting after:
/// Ghostscript's conversion left PDF/X on this file silently, re-encoded the JPEGs and was not
/// byte-stable.
struct PDFXOutput {
    let settings: PrintSettings
    let standard: PrintSettings.Standard?
    /// The output profile (the plant's, or Paiban's newsprint characterisation) and its name.
    let profile: [UInt8]
    let condition: String
    let profileInfo: String
    /// Room around the trim: the bleed, and 12 mm more for marks when they are asked for.
    let margin: Double

    /// Crop marks stand this far outside the bleed, and are this long (mm, as printers draw them).
    static let markOffset = Points(Millimetres(3)).value
    static let markLength = Points(Millimetres(8)).value

    init(_ settings: PrintSettings) throws {
        self.settings = settings
        standard = settings.pdfx
        margin = settings.bleed.value + (settings.marks ? Self.markOffset + Self.markLength + Points(Millimetres(1)).value : 0)
        if standard == nil {
            // A plain PDF has no output intent: no profile is made.
            (profile, condition, profileInfo) = ([], "", "")
        } else if let path = settings.profile {
            guard let bytes = FileManager.default.contents(atPath: path).map(Array.init), bytes.count > 128 else {
                throw OutputError.cannotWrite(path, "the output profile cannot be read")
            }
            profile = bytes
            condition = settings.condition ?? "Custom"
            profileInfo = (path as NSString).lastPathComponent
        } else {
            var size: UInt32 = 0
            guard let p = paiban_newsprint_profile(settings.inkLimit / 100, &size) else {
                throw OutputError.cannotWrite("newsprint profile", "LittleCMS could not make it")
            }
            profile = Array(UnsafeBufferPointer(start: p, count: Int(size)))
            free(p)
            // Not a registered characterisation: named as what it is.
            condition = settings.condition ?? "Custom"
            profileInfo = "Paiban newsprint (approximating ISO 12647-3 coldset, TVI 26 %, \(Int(settings.inkLimit)) % total ink)"
        }
    }

    var header: String {
        switch standard {
        case .x1a: "%PDF-1.3"
        case .x4: "%PDF-1.6"
        case nil: "%PDF-1.7"
        }
    }

    /// Links are not allowed inside the trim of a PDF/X (the outline and page labels stay).
    var writesLinks: Bool { standard == nil }

    /// The sheet of a page `w` × `h`: its size rounded to 0.01 pt (a reader rounding 1530.7087
    /// one way for the MediaBox and another for the TrimBox finds the boxes not nested), and
    /// where the page's origin goes on it, so the page's top stays exactly at the trim's top.
    func sheet(width w: Double, height h: Double) -> (width: Double, height: Double, dx: Double, dy: Double) {
        let sw = ((w + 2 * margin) * 100).rounded() / 100, sh = ((h + 2 * margin) * 100).rounded() / 100
        return (sw, sh, margin, sh - margin - h)
    }

    /// MediaBox, TrimBox and BleedBox of a page `w` × `h`, every value at 0.01 pt.
    func boxes(width w: Double, height h: Double) -> String {
        func r(_ v: Double) -> String { String(format: "%.2f", (v * 100).rounded() / 100) }
        let s = sheet(width: w, height: h), b = settings.bleed.value
        let top = s.height - margin, bottom = top - h, left = margin, right = margin + w
        return "/MediaBox[0 0 \(r(s.width)) \(r(s.height))]/TrimBox[\(r(left)) \(r(bottom)) \(r(right)) \(r(top))]"
            + "/BleedBox[\(r(left - b)) \(r(bottom - b)) \(r(right + b)) \(r(top + b))]"
    }

    /// The catalogue's output intent, its profile written as an ICC stream.
    func outputIntent(in file: PDFFile) -> String? {
        guard standard != nil else { return nil }
        let icc = file.reserve()
        file.stream(icc, dictionary: "/N 4", data: profile, compress: true)
        var b = PDFBuffer()
        b.append("/OutputIntents[<</Type/OutputIntent/S/GTS_PDFX/OutputConditionIdentifier")
        b.literal(condition)
        b.append("/RegistryName(http://www.color.org)/Info")
        b.literal(profileInfo)
        b.append("/DestOutputProfile \(icc) 0 R>>]")
        return String(decoding: b.bytes, as: UTF8.self)
    }

    /// Info's PDF/X keys.
    var infoKeys: String {
        switch standard {
        case .x1a: "/GTS_PDFXVersion(PDF/X-1:2001)/GTS_PDFXConformance(PDF/X-1a:2001)/Trapped/False"
        case .x4: "/GTS_PDFXVersion(PDF/X-4)/Trapped/False"
        case nil: ""
        }
    }

    /// XMP metadata (PDF/X-4 requires it; X-1a files carry it too), with the pdfxid fields.
    func metadata(title: String, author: String, date: String?, documentID: String, in file: PDFFile) -> Int? {
        guard let standard else { return nil }
        let d = date ?? "1970-01-01T00:00:00Z"
        let version = standard == .x4 ? "PDF/X-4" : "PDF/X-1:2001"
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var xmp = "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        xmp += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description rdf:about=\"\""
        xmp += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
        xmp += " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\""
        xmp += " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\" xmlns:pdfx=\"http://ns.adobe.com/pdfx/1.3/\">\n"
        xmp += "<dc:format>application/pdf</dc:format>\n"
        xmp += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(esc(title))</rdf:li></rdf:Alt></dc:title>\n"
        xmp += "<dc:creator><rdf:Seq><rdf:li>\(esc(author))</rdf:li></rdf:Seq></dc:creator>\n"
        xmp += "<xmp:CreateDate>\(d)</xmp:CreateDate><xmp:ModifyDate>\(d)</xmp:ModifyDate><xmp:MetadataDate>\(d)</xmp:MetadataDate>\n"
        xmp += "<xmp:CreatorTool>Paiban 排版</xmp:CreatorTool><pdf:Producer>Paiban</pdf:Producer><pdf:Trapped>False</pdf:Trapped>\n"
        xmp += "<xmpMM:DocumentID>uuid:\(documentID)</xmpMM:DocumentID><xmpMM:InstanceID>uuid:\(documentID)</xmpMM:InstanceID>"
        xmp += "<xmpMM:VersionID>1</xmpMM:VersionID><xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
        xmp += "<pdfxid:GTS_PDFXVersion>\(version)</pdfxid:GTS_PDFXVersion><pdfx:GTS_PDFXVersion>\(version)</pdfx:GTS_PDFXVersion>\n"
        xmp += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
        let n = file.reserve()
        // Uncompressed, as XMP readers that scan the file for packets expect.
        file.stream(n, dictionary: "/Type/Metadata/Subtype/XML", data: Array(xmp.utf8), compress: false)
        return n
    }

    /// Crop marks at the trim's corners and registration targets at the middle of each side,
    /// outside the bleed, in registration colour (every separation).
    func marks(width w: Double, height h: Double, _ c: inout PDFBuffer, inks: PDFInks, file: PDFFile,
               page: inout PDFStream.PageRecord) {
        guard settings.marks else { return }
        let m = margin, b = settings.bleed.value
        let s = sheet(width: w, height: h)
        c.append("q 1 0 0 1 0 "); c.number(s.dy - m); c.append(" cm\n")
        defer { c.append("Q\n") }
        let off = b + Self.markOffset, len = Self.markLength
        let registration = Paint.spot(name: "All", tint: 1, alternate: CMYK(1, 1, 1, 1))
        c.append("q " + inks.op(registration, stroke: true, file: file, page: &page) + " /GSko gs 0.25 w\n")
        for (x, y, dx, dy) in [(m, m, -1.0, -1.0), (m + w, m, 1.0, -1.0), (m, m + h, -1.0, 1.0), (m + w, m + h, 1.0, 1.0)] {
            c.numbers(x + dx * off, y); c.append("m "); c.numbers(x + dx * (off + len), y); c.append("l S\n")
            c.numbers(x, y + dy * off); c.append("m "); c.numbers(x, y + dy * (off + len)); c.append("l S\n")
        }
        let r = len / 3
        for (x, y) in [(m + w / 2, m - off - len / 2), (m + w / 2, m + h + off + len / 2), (m - off - len / 2, m + h / 2), (m + w + off + len / 2, m + h / 2)] {
            c.numbers(x - r - 2, y); c.append("m "); c.numbers(x + r + 2, y); c.append("l S ")
            c.numbers(x, y - r - 2); c.append("m "); c.numbers(x, y + r + 2); c.append("l S ")
            // A circle from four Bézier arcs (0.5523 of the radius).
            let k = 0.5523 * r
            c.numbers(x + r, y); c.append("m ")
            c.numbers(x + r, y + k, x + k, y + r, x, y + r); c.append("c ")
            c.numbers(x - k, y + r, x - r, y + k, x - r, y); c.append("c ")
            c.numbers(x - r, y - k, x - k, y - r, x, y - r); c.append("c ")
            c.numbers(x + k, y - r, x + r, y - k, x + r, y); c.append("c S\n")
        }
        c.append("Q\n")
    }
}
