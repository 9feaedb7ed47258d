import Foundation
import Testing
import PaibanTestSupport

/// PDF/X as a printing plant reads it: the structure read back with qpdf, Ghostscript's strict
/// reading, its separations (tiffsep: text on the black plate only, overprint kept) and its
/// CMYK rendering (tiff32nc: total ink within the limit). Each check is one a plant's preflight
/// makes; the tools are independent of the writer.
@Suite(.serialized) struct PrintProductionTests {
    static let root = repositoryRoot()
    static var binary: String { root + "/.build/debug/paiban" }

    func tool(_ path: String, _ args: [String]) throws -> (status: Int32, out: Data, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1774000000"]) { $1 }
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, o, String(decoding: e, as: UTF8.self))
    }

    static let haveTools = ["/usr/bin/gs", "/usr/bin/qpdf", "/usr/bin/pdfimages"].allSatisfy { FileManager.default.fileExists(atPath: $0) }

    /// The sample edition rendered with `--pdfx standard` (and the layout changed by `layout`).
    func render(_ standard: String, name: String, withoutPhoto: Bool = false,
                layout: ((String) -> String)? = nil) throws -> (pdf: String, dir: String) {
        let dir = NSTemporaryDirectory() + "paiban-print-\(UUID().uuidString)"
        let issue = dir + "/issue"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.root + "/Examples/semicon-special", toPath: issue)
        // Without its photo the page's only colour is what the test puts there (the placeholder is grey, on K).
        if withoutPhoto { try FileManager.default.removeItem(atPath: issue + "/images/jcet-pdm.jpg") }
        if let layout {
            try FileManager.default.createDirectory(atPath: issue + "/Layouts", withIntermediateDirectories: true)
            let t = try String(contentsOfFile: Self.root + "/Layouts/broadsheet.yaml", encoding: .utf8)
            try layout(t).write(toFile: issue + "/Layouts/broadsheet.yaml", atomically: true, encoding: .utf8)
        }
        let pdf = dir + "/\(name).pdf"
        let r = try tool(Self.binary, ["render", issue, "-o", pdf, "--pdfx", standard])
        #expect(r.status == 0, "\(r.err)")
        return (pdf, dir)
    }

    /// Every object of the PDF, uncompressed, as text (qpdf --qdf).
    func qdf(_ pdf: String) throws -> String {
        let out = pdf + ".qdf"
        let r = try tool("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", pdf, out])
        #expect(r.status == 0, "\(r.err)")
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
    }

    @Test("PDF/X-1a: PDF 1.3, GTS_PDFX output intent with an embedded profile, the X-1a keys in Info, Trapped False, TrimBox and BleedBox inside the MediaBox, no link annotations, no RGB anywhere, photos converted to CMYK; Ghostscript and qpdf read it without a warning; reruns give the same bytes")
    func x1a() throws {
        guard FileManager.default.fileExists(atPath: Self.binary), Self.haveTools else { Issue.record("build paiban and install gs, qpdf, poppler first"); return }
        let (pdf, _) = try render("x1a", name: "x1a")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.prefix(8) == Data("%PDF-1.3".utf8))
        let text = try qdf(pdf)
        for key in ["/GTS_PDFXVersion (PDF/X-1:2001)", "/GTS_PDFXConformance (PDF/X-1a:2001)", "/Trapped /False", "/S /GTS_PDFX",
                    "/DestOutputProfile", "/OutputConditionIdentifier", "/TrimBox", "/BleedBox"] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!text.contains("/DeviceRGB") && !text.contains("/ICCBased") && !text.contains("/Annots") && !text.contains("/SMask"))
        let images = try tool("/usr/bin/pdfimages", ["-list", pdf])
        let rows = String(decoding: images.out, as: UTF8.self).split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(" cmyk ") || $0.contains(" gray ") }, "\(rows)")
        let gs = try tool("/usr/bin/gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONWARNING", "-sDEVICE=nullpage", pdf])
        #expect(gs.status == 0 && gs.err.isEmpty, "\(gs.err)")
        let check = try tool("/usr/bin/qpdf", ["--check", pdf])
        #expect(check.status == 0, "\(String(decoding: check.out, as: UTF8.self))")
        let (again, _) = try render("x1a", name: "x1a")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == bytes, "a rerun gave other bytes")
    }

    @Test("PDF/X-4: PDF 1.6, XMP with pdfxid:GTS_PDFXVersion PDF/X-4 and the document's ids, an embedded output profile, RGB photos tagged ICCBased with their JPEG bytes untouched; Ghostscript reads it without a warning")
    func x4() throws {
        guard FileManager.default.fileExists(atPath: Self.binary), Self.haveTools else { Issue.record("build paiban and install gs, qpdf, poppler first"); return }
        let (pdf, _) = try render("x4", name: "x4")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.prefix(8) == Data("%PDF-1.6".utf8))
        let text = try qdf(pdf)
        for key in ["<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", "<xmpMM:DocumentID>", "<pdf:Trapped>False</pdf:Trapped>",
                    "/GTS_PDFXVersion (PDF/X-4)", "/S /GTS_PDFX", "/DestOutputProfile", "/ICCBased", "/Type /Metadata"] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!text.contains("/Annots"))
        // The photo's JPEG is in the file byte for byte.
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/Examples/semicon-special/images/jcet-pdm.jpg"))
        #expect(bytes.range(of: jpeg) != nil, "the JPEG was re-encoded")
        let gs = try tool("/usr/bin/gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONWARNING", "-sDEVICE=nullpage", pdf])
        #expect(gs.status == 0 && gs.err.isEmpty, "\(gs.err)")
    }

    /// One separation of page `page` as 8-bit grey (0 = full ink, as tiffsep writes it), read
    /// from a PGM that Ghostscript writes of the plate.
    func plates(_ pdf: String, page: Int, dpi: Int) throws -> [String: (width: Int, height: Int, ink: [UInt8])] {
        let dir = (pdf as NSString).deletingLastPathComponent + "/sep\(page)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try tool("/usr/bin/gs", ["-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep", "-dOverprint=/enable", "-r\(dpi)",
                                         "-dFirstPage=\(page)", "-dLastPage=\(page)", "-sOutputFile=\(dir)/p.tif", pdf])
        #expect(r.status == 0, "\(r.err)")
        var out: [String: (Int, Int, [UInt8])] = [:]
        for name in ["Cyan", "Magenta", "Yellow", "Black"] {
            let tif = "\(dir)/p(\(name)).tif", pgm = "\(dir)/\(name).pgm"
            // tiffsep's plates are 8-bit grey TIFFs; Ghostscript turns each into a PGM to read simply.
            let c = try tool("/usr/bin/env", ["python3", "-c", "from PIL import Image; Image.open('\(tif)').convert('L').save('\(pgm)')"])
            #expect(c.status == 0, "\(c.err)")
            out[name] = try readPGM(pgm)
        }
        return out
    }

    func readPGM(_ path: String) throws -> (Int, Int, [UInt8]) {
        let d = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var fields: [String] = [], i = 0
        while fields.count < 4 {
            while d[i] == 0x20 || d[i] == 0x0A { i += 1 }
            var s = ""
            while d[i] != 0x20 && d[i] != 0x0A { s.unicodeScalars.append(Unicode.Scalar(d[i])); i += 1 }
            fields.append(s)
        }
        i += 1
        let w = Int(fields[1])!, h = Int(fields[2])!
        // Inverted: tiffsep's plates are 0 where the ink is full.
        return (w, h, d[i..<(i + w * h)].map { 255 - $0 })
    }

    @Test("separations: on a page of text, rules and a black frame every mark is on the black plate alone; text over a cyan tint overprints it (the tint has no holes where the text stands)")
    func textOnBlackOnly() throws {
        guard FileManager.default.fileExists(atPath: Self.binary), Self.haveTools,
              FileManager.default.fileExists(atPath: "/usr/bin/env") else { Issue.record("build paiban and install gs, qpdf, poppler first"); return }
        // Page 1 without its photo and with the 编者按's box tinted 20 % cyan: the cyan plate
        // holds the tint alone, magenta and yellow nothing.
        let (pdf, _) = try render("x1a", name: "sep", withoutPhoto: true) { t in
            t.replacingOccurrences(of: "name: broadsheet", with: "name: broadsheet\ncolours:\n  浅青: {cmyk: [20, 0, 0, 0]}\nboxes: {fill: 浅青}")
        }
        let p = try plates(pdf, page: 1, dpi: 36)
        let black = p["Black"]!.ink, cyan = p["Cyan"]!.ink, w = p["Cyan"]!.width
        #expect(black.filter { $0 > 128 }.count > 5000, "no text on the black plate")
        #expect(p["Magenta"]!.ink.allSatisfy { $0 < 10 } && p["Yellow"]!.ink.allSatisfy { $0 < 10 }, "ink on magenta or yellow")
        // The tint is 20 % (51 of 255); nothing else is on cyan.
        let tinted = cyan.indices.filter { cyan[$0] > 10 }
        #expect(tinted.count > 500 && tinted.allSatisfy { cyan[$0] > 35 && cyan[$0] < 70 }, "cyan beyond the tint")
        // Overprint: a pixel of black text with tint on both sides of it (3 px left and right)
        // stands on the tint; it must still carry the tint (text that knocked out would leave it
        // white on the cyan plate). A box's frame has the tint on one side only.
        let textOnTint = black.indices.filter { i in
            let x = i % w
            return x > 3 && x < w - 3 && black[i] > 200 && cyan[i - 3] > 35 && cyan[i + 3] > 35
        }
        #expect(textOnTint.count > 50, "no text over the tint")
        let knockedOut = textOnTint.filter { cyan[$0] < 35 }
        #expect(knockedOut.isEmpty, "\(knockedOut.count) of \(textOnTint.count) text pixels knock out the tint")
    }

    @Test("bleed and marks: TrimBox inside BleedBox inside a larger MediaBox; crop and registration marks outside the bleed on every plate, nothing of the page there")
    func marks() throws {
        guard FileManager.default.fileExists(atPath: Self.binary), Self.haveTools else { Issue.record("build paiban and install gs, qpdf, poppler first"); return }
        let (pdf, _) = try render("x1a", name: "marks", withoutPhoto: true) { t in
            t.replacingOccurrences(of: "name: broadsheet", with: "name: broadsheet\nprint: {bleed: 3mm, marks: true}")
        }
        let info = String(decoding: try tool("/usr/bin/pdfinfo", ["-box", pdf]).out, as: UTF8.self)
        func box(_ name: String) -> [Double] {
            let line = info.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
            return line.split(separator: " ").dropFirst().compactMap { Double($0) }
        }
        let media = box("MediaBox:"), bleed = box("BleedBox:"), trim = box("TrimBox:")
        #expect(media.count == 4 && bleed.count == 4 && trim.count == 4, "\(info)")
        let mm3 = 72 / 25.4 * 3
        #expect(abs((trim[0] - bleed[0]) - mm3) < 0.02 && abs((bleed[2] - trim[2]) - mm3) < 0.02, "\(bleed) \(trim)")
        #expect(bleed[0] > media[0] + 20 && media[2] > bleed[2] + 20, "no room for marks: \(media) \(bleed)")
        // At 36 dpi: the band between the MediaBox's edge and the BleedBox holds the marks, on every plate.
        let p = try plates(pdf, page: 1, dpi: 36)
        let w = p["Black"]!.width, h = p["Black"]!.height, scale = 36.0 / 72
        let left = Int(bleed[0] * scale) - 1
        for name in ["Cyan", "Magenta", "Yellow", "Black"] {
            let ink = p[name]!.ink
            let band = (0..<h).flatMap { y in (0..<max(0, left)).map { y * w + $0 } }
            #expect(band.contains { ink[$0] > 100 }, "no marks on \(name)")
        }
    }

    @Test("total ink: the X-1a photo, converted through the output profile, stays within the 240 % limit; a layout's ink_limit: 200 is kept too")
    func inkLimit() throws {
        guard FileManager.default.fileExists(atPath: Self.binary), Self.haveTools,
              FileManager.default.fileExists(atPath: "/usr/bin/env") else { Issue.record("build paiban and install gs, qpdf, poppler first"); return }
        for limit in [240, 200] {
            let (pdf, _) = try render("x1a", name: "ink\(limit)") { t in
                limit == 240 ? t : t.replacingOccurrences(of: "name: broadsheet", with: "name: broadsheet\nprint: {ink_limit: \(limit)}")
            }
            let p = try plates(pdf, page: 2, dpi: 24)
            let c = p["Cyan"]!.ink, m = p["Magenta"]!.ink, y = p["Yellow"]!.ink, k = p["Black"]!.ink
            let most = c.indices.map { (Int(c[$0]) + Int(m[$0]) + Int(y[$0]) + Int(k[$0])) * 100 / 255 }.max() ?? 0
            // 4 points for the rounding of each plate at 8 bits and the rendering's interpolation.
            #expect(most <= limit + 4, "total ink \(most) % against a limit of \(limit) %")
            #expect(most > 100, "no photo ink on page 2 (\(most) %)")
        }
    }
}
