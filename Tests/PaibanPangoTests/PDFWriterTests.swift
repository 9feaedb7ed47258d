import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanPango
import PaibanTestSupport

/// Paiban's own PDF writer, read back with poppler, qpdf and PyMuPDF: glyphs where the composer
/// put them, a text layer that gives back the copy, subset fonts, press-ready colour, images
/// passed through and embedded once.
@Suite struct PDFWriterTests {
    let helper = RenderTests()

    /// A one-page document of the given items (A4).
    func document(_ items: [DisplayItem]) -> DisplayDocument {
        var doc = DisplayDocument(title: "测试", author: "Paiban", date: "2026-03-20T00:00:00+08:00", pages: [])
        doc.pages = [DisplayPage(number: 1, label: "第1版", title: "第1版", width: 595, height: 842, items: items)]
        return doc
    }

    func run(_ spec: String, text: String, x: Double = 72, baseline: Double = 100) -> DisplayItem {
        let scalars = Array(text.unicodeScalars)
        let size = 12.0
        let origins = scalars.indices.map { x + Double($0) * size }
        var run = GlyphRun(font: FontSpec(role: .baoSong, size: Points(size)), text: scalars, origins: origins, boxes: origins,
                           advances: Array(repeating: size, count: scalars.count), baseline: baseline, role: .body, story: nil)
        run.story = spec
        return .glyphs(run)
    }

    /// Writes the document, its hand-made runs given their glyphs first (shaped as make-up
    /// would: the writer draws glyphs, not text).
    func write(_ doc: DisplayDocument) throws -> String {
        let pdf = helper.temp("doc.pdf")
        try DocumentWriter().writePDF(withGlyphs(doc, try makeTypesetter()), to: pdf)
        return pdf
    }

    func withGlyphs(_ doc: DisplayDocument, _ t: PangoTypesetter) -> DisplayDocument {
        var doc = doc
        for p in doc.pages.indices {
            doc.pages[p].items = doc.pages[p].items.map { item in
                guard case .glyphs(var run) = item, run.glyphs.isEmpty else { return item }
                run.glyphs = t.shape(run.text, font: run.font).placed(Array(run.text.indices), origins: run.origins)
                return .glyphs(run)
            }
        }
        return doc
    }

    /// Runs a short PyMuPDF script with the PDF's path as argv[1]; its standard output.
    func python(_ script: String, _ pdf: String) throws -> String {
        let (status, data) = try helper.execute("env", ["python3", "-c", script, pdf])
        #expect(status == 0, "python3 with pymupdf failed (make test installs pymupdf)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test("every glyph of the sample edition sits at the composer's origin on its baseline")
    func glyphsWhereComposed() throws {
        let (pdf, doc, _) = try helper.render(helper.sample())
        // Each character's origin as the PDF places it: page, character, x, y from the top.
        let out = try python("""
            import sys, pymupdf
            for n, page in enumerate(pymupdf.open(sys.argv[1])):
                for b in page.get_text("rawdict")["blocks"]:
                    for l in b.get("lines", []):
                        for s in l["spans"]:
                            for c in s["chars"]:
                                print(n, ord(c["c"]), round(c["origin"][0], 3), round(c["origin"][1], 3))
            """, pdf)
        struct Key: Hashable { var page: Int; var scalar: UInt32; var y: Int }
        var xs: [Key: [Double]] = [:]
        for line in out.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 4, let page = Int(f[0]), let s = UInt32(f[1]), let x = Double(f[2]), let y = Double(f[3]) else { continue }
            xs[Key(page: page, scalar: s, y: Int((y * 10).rounded())), default: []].append(x)
        }
        var checked = 0, misplaced: [String] = []
        for (k, page) in doc.pages.enumerated() {
            for run in page.glyphRuns {
                for (i, s) in run.text.enumerated() where !s.properties.isWhitespace {
                    let found = xs[Key(page: k, scalar: s.value, y: Int((run.baseline * 10).rounded()))] ?? []
                    checked += 1
                    if !found.contains(where: { abs($0 - run.origins[i]) < 0.01 }) {
                        misplaced.append("p\(k + 1) \(s) at \(run.origins[i]), \(run.baseline): PDF has \(found.prefix(4))")
                    }
                }
            }
        }
        #expect(checked > 5_000)
        #expect(misplaced.count == 0, "glyphs off: \(misplaced.prefix(5))")
    }

    @Test("black is one ink (CMYK 0 0 0 1, overprinting; no RGB operator) and every page has a TrimBox")
    func pressColour() throws {
        let pdf = try helper.render(helper.sample()).pdf
        let qdf = helper.temp("edition.qdf.pdf")
        _ = try helper.run("qpdf", ["--qdf", "--object-streams=disable", pdf, qdf])
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self)
        #expect(text.contains("/GSop gs\n0 0 0 1 k\n0 0 0 1 K"))
        #expect(text.contains("/OP true/op true/OPM 1") || text.contains("/OP true\n  /OPM 1"), "no overprinting graphics state")
        for op in [" rg\n", " RG\n", " rg ", " RG "] { #expect(!text.contains(op), "found colour operator \(op)") }
        let pages = text.components(separatedBy: "/Type /Page\n").count - 1
        #expect(pages == 2)
        #expect(text.components(separatedBy: "/TrimBox").count - 1 == pages)
    }

    @Test("a glyph shared by two characters (高 and the radical ⾼) gives back each in the text layer")
    func sharedGlyphText() throws {
        let pdf = try write(document([run("a", text: "高⾼高⾼")]))
        let text = try helper.run("pdftotext", [pdf, "-"]).filter { !$0.isWhitespace }
        #expect(text == "高⾼高⾼")
    }

    @Test("fonts are embedded as subsets of the glyphs used, not whole faces")
    func fontsSubset() throws {
        let pdf = try write(document([run("a", text: "排版测试"), run("b", text: "Paiban 2026", baseline: 130)]))
        let fonts = try helper.run("pdffonts", [pdf])
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(row.range(of: #"^[A-Z]{6}\+"#, options: .regularExpression) != nil, "subset tag: \(row)")
            #expect(row.contains("yes yes yes"), "embedded, subset, with ToUnicode: \(row)")
        }
        // Noto Serif CJK is 26 MB; a handful of its glyphs is a few kilobytes.
        let size = try FileManager.default.attributesOfItem(atPath: pdf)[.size] as! Int
        #expect(size < 40_000, "\(size) bytes")
        #expect(try helper.run("pdftotext", [pdf, "-"]).filter { !$0.isWhitespace } == "排版测试Paiban2026")
    }

    @Test("a photo is embedded once however often it is placed; JPEG stays JPEG; a plain PNG keeps its own compressed rows; PNG alpha becomes a soft mask")
    func images() throws {
        let jpeg = RenderTests.root + "/Examples/semicon-special/images/jcet-pdm.jpg"
        let jpegSize = try #require(ImageProbe.probe(jpeg))
        let plain = helper.temp("plain.png"), alpha = helper.temp("alpha.png")
        let plainPNG = makePNG(width: 40, height: 30, alpha: false)
        try Data(plainPNG).write(to: URL(fileURLWithPath: plain))
        try Data(makePNG(width: 40, height: 30, alpha: true)).write(to: URL(fileURLWithPath: alpha))
        func place(_ path: String, _ w: Int, _ h: Int, y: Double) -> DisplayItem {
            .image(ImagePlacement(path: path, label: path, frame: Rect(x: 72, y: y, width: 200, height: 120),
                                  crop: Rect(x: 0, y: 0, width: Double(w), height: Double(h)), story: nil))
        }
        var doc = document([place(jpeg, jpegSize.width, jpegSize.height, y: 100), place(jpeg, jpegSize.width, jpegSize.height, y: 300),
                            place(plain, 40, 30, y: 500), place(alpha, 40, 30, y: 650)])
        doc.pages.append(doc.pages[0])
        let pdf = try write(doc)
        // page num type width height color comp bpc enc interp object ID …
        let rows = try helper.run("pdfimages", ["-list", pdf]).split(separator: "\n").dropFirst(2)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.count == 2 * 5, "\(rows)")
        let jpegs = rows.filter { $0[8] == "jpeg" }
        #expect(jpegs.count == 4 && Set(jpegs.map { $0[10] }).count == 1, "one JPEG object for four placements: \(jpegs)")
        let masks = rows.filter { $0[2] == "smask" }
        #expect(masks.count == 2 && Set(masks.map { $0[10] }).count == 1)
        let flate = rows.filter { $0[2] == "image" && $0[8] == "image" }
        #expect(Set(flate.map { $0[10] }).count == 2, "the plain PNG and the alpha PNG's colour: \(flate)")
        // The plain PNG's stream is its IDAT data, byte for byte.
        let plainObject = try #require(flate.map { $0[10] }.sorted { Int($0)! < Int($1)! }.first)
        let raw = try helper.execute("qpdf", ["--show-object=\(plainObject)", "--raw-stream-data", pdf]).output
        #expect([UInt8](raw) == idat(plainPNG))
    }

    @Test("PNG proofs are valid images of each page at the dpi, with its type on them, and the same bytes whether encoded in parallel or not")
    func pngProofs() throws {
        let t = try makeTypesetter()
        let loaded = try helper.sample()
        let (doc, _) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: PangoTextShaping(t)).run()
        let writer = DocumentWriter()
        let a = helper.temp("a"), b = helper.temp("b")
        for d in [a, b] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        let serial = try writer.writePNGs(doc, directory: a, dpi: 30)
        let parallel = try writer.writePNGs(doc, directory: b, dpi: 30, parallel: true)
        #expect(serial.count == doc.pages.count && parallel.count == doc.pages.count)
        for (x, y) in zip(serial, parallel) {
            #expect(FileManager.default.contentsEqual(atPath: x, andPath: y), "\(x) and \(y) differ")
        }
        // Decoded by MuPDF: size, and the share of dark pixels (type and rules on white).
        for (k, path) in serial.enumerated() {
            let out = try python("""
                import sys, pymupdf
                p = pymupdf.Pixmap(sys.argv[1])
                s = p.samples
                dark = sum(1 for i in range(0, len(s), p.n * 7) if s[i] < 128)
                print(p.width, p.height, dark / (len(s) / (p.n * 7)))
                """, path).split(separator: " ")
            let page = doc.pages[k]
            #expect(Int(out[0]) == Int((page.width * 30 / 72).rounded()) && Int(out[1]) == Int((page.height * 30 / 72).rounded()))
            let dark = Double(out[2].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            #expect(dark > 0.02 && dark < 0.6, "page \(k + 1): \(dark) of the pixels dark")
        }
    }

    @Test("the PDF as MuPDF draws it looks like Cairo's proof of the same pages: the right glyphs, photos and rules where the display list puts them")
    func pdfLooksLikeProof() throws {
        let t = try makeTypesetter()
        let loaded = try helper.sample()
        let shapes = PangoTextShaping(t)
        let (doc, _) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: shapes).run()
        let writer = DocumentWriter()
        let pdf = helper.temp("edition.pdf")
        try writer.writePDF(doc, to: pdf)
        let dir = (pdf as NSString).deletingLastPathComponent
        let pngs = try writer.writePNGs(doc, directory: dir, dpi: 40)
        // Of the pixels inked in either picture, the share that differ by more than a quarter of
        // the grey scale (antialiasing differs between the two rasterisers: about 6 % on the
        // front page; a wrong glyph for every character gives over 30 %).
        let out = try python("""
            import sys, pymupdf
            d = pymupdf.open(sys.argv[1])
            for i, page in enumerate(d):
                a = page.get_pixmap(dpi=40, colorspace=pymupdf.csGRAY)
                b = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.Pixmap(sys.argv[1].rsplit('/', 1)[0] + '/page-%02d.png' % (i + 1)))
                w, h = min(a.width, b.width), min(a.height, b.height)
                sa, sb = a.samples, b.samples
                diff = union = 0
                for y in range(h):
                    ra, rb = y * a.stride, y * b.stride
                    for x in range(w):
                        va, vb = sa[ra + x], sb[rb + x]
                        if va < 128 or vb < 128:
                            union += 1
                            if abs(va - vb) > 64: diff += 1
                print(diff / max(1, union))
            """, pdf)
        let shares = out.split(separator: "\n").compactMap { Double($0) }
        #expect(shares.count == pngs.count)
        for (k, share) in shares.enumerated() { #expect(share < 0.12, "page \(k + 1): \(share) of the inked pixels differ") }
    }

    /// A PNG with a gradient, as stored (uncompressed) deflate blocks.
    func makePNG(width: Int, height: Int, alpha: Bool) -> [UInt8] {
        var rows: [UInt8] = []
        for y in 0..<height {
            rows.append(0)
            for x in 0..<width {
                rows += [UInt8(x * 6), UInt8(y * 8), 128]
                if alpha { rows.append(UInt8(x * 6)) }
            }
        }
        var z: [UInt8] = [0x78, 0x01]
        var k = 0
        while k < rows.count {
            let n = min(65535, rows.count - k)
            z.append(k + n == rows.count ? 1 : 0)
            z += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += rows[k..<(k + n)]
            k += n
        }
        var a: UInt32 = 1, b: UInt32 = 0
        for v in rows { a = (a + UInt32(v)) % 65521; b = (b + a) % 65521 }
        z += be32(b << 16 | a)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(UInt32(width)) + be32(UInt32(height)) + [8, alpha ? 6 : 2, 0, 0, 0])
        png += chunk("IDAT", z)
        png += chunk("IEND", [])
        return png
    }

    func idat(_ png: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 8
        while i + 8 <= png.count {
            let n = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            if String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self) == "IDAT" { out += png[(i + 8)..<(i + 8 + n)] }
            i += 12 + n
        }
        return out
    }

    func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let t = Array(type.utf8)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in t + body {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return be32(UInt32(body.count)) + t + body + be32(~crc)
    }
}
