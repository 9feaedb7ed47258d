import CPangoCairo
import Dispatch
import Foundation
import PaibanCore

/// The edition's PDF, written page by page as pages arrive (drawing overlaps make-up), then
/// finished with the fonts (subset to the glyphs the pages used), links, named destinations,
/// outline, page labels and metadata, and moved into place.
///
/// Paiban writes the PDF itself from the shaped glyphs rather than through Cairo's PDF surface:
/// Cairo copies each CJK face's whole 16 MB CFF table twice to embed a few hundred glyphs, which
/// was most of an edition's rendering time; and a press PDF wants what Cairo cannot give (black
/// as DeviceGray, a TrimBox). Cairo still draws the PNG proofs.
public final class PDFStream {
    private let out: AtomicOutput
    private let file: PDFFile
    private let typesetter: PangoTypesetter
    private let shapes: PangoTextShaping?
    private let header: DisplayDocument
    private let pagesObject: Int
    private var fonts: [EmbeddedFont] = []
    private var fontOfFace: [UnsafeMutableRawPointer: EmbeddedFont?] = [:]
    private let images = PDFImages()
    private var pages: [PageRecord] = []
    /// Jump lines' destinations by name: page index, and x, y in PDF space.
    private var anchors: [String: (page: Int, x: Double, y: Double)] = [:]
    /// Text the PDF could not show, by font: the characters and the pages (reported at finish).
    private var leftOut: [String: (text: [Unicode.Scalar], pages: [Int])] = [:]
    /// Problems found while writing (text in a font that cannot be embedded), for the report.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Prepare the fonts on several threads at the end (off for batch workers, which keep every
    /// core busy with editions already).
    public var parallelFonts = false

    private struct PageRecord {
        var object: Int
        var contents: Int
        var width: Double
        var height: Double
        var label: String
        var fonts: [EmbeddedFont] = []
        var images: [Int] = []
        /// Link areas (PDF space: x1 y1 x2 y2) and their destination names.
        var links: [(rect: (Double, Double, Double, Double), destination: String)] = []
    }

    init(path: String, header: DisplayDocument, typesetter: PangoTypesetter, shapes: PangoTextShaping?) throws {
        out = AtomicOutput(path: path)
        do { file = try PDFFile(path: out.temporaryPath) } catch {
            out.abandon()
            throw OutputError.cannotWrite(path, "\(error)")
        }
        self.typesetter = typesetter
        self.shapes = shapes
        self.header = header
        pagesObject = file.reserve()
    }

    /// A stream for pages drawn with the writer's typesetter (and the make-up's shaping, if any).
    public convenience init(path: String, header: DisplayDocument, writer: DocumentWriter) throws {
        try self.init(path: path, header: header, typesetter: writer.typesetter, shapes: writer.shapes)
    }

    /// Draws a page into its content stream and writes it.
    public func add(_ page: DisplayPage) {
        var record = PageRecord(object: file.reserve(), contents: file.reserve(), width: page.width,
                                height: page.height, label: page.label)
        var c = PDFBuffer(capacity: 1 << 17)
        // Black is DeviceGray 0: one ink (K) on press, where RGB black would become four.
        c.append("0 g 0 G\n")
        let h = page.height
        for item in page.items {
            switch item {
            case .glyphs(let run): text(run, &c, &record)
            case .rule(let x1, let y1, let x2, let y2, let w):
                c.number(w); c.append(" w ")
                c.numbers(x1, h - y1); c.append("m ")
                c.numbers(x2, h - y2); c.append("l S\n")
            case .box(let r, let stroke, let fill):
                c.append("q ")
                if let g = fill { c.number(g); c.append(" g ") }
                if let w = stroke { c.number(w); c.append(" w ") }
                c.numbers(r.x, h - r.maxY, r.width, r.height)
                c.append(fill != nil && stroke != nil ? "re B Q\n" : fill != nil ? "re f Q\n" : "re S Q\n")
            case .image(let p): image(p, &c, &record)
            }
        }
        file.stream(record.contents, dictionary: "", data: c.bytes, compress: true)
        pages.append(record)
    }

    private func text(_ run: GlyphRun, _ c: inout PDFBuffer, _ page: inout PageRecord) {
        let (shaped, origins) = shapedGlyphs(run, typesetter: typesetter, shapes: shapes)
        let size = run.font.size.value
        let scale = Double(paiban_pango_scale())
        for segment in shaped.segments(origins: origins) {
            guard let pangoFont = segment.font, let font = embedded(pangoFont) else {
                noteLeftOut(segment, page: pages.count + 1)
                continue
            }
            if !page.fonts.contains(where: { $0 === font }) { page.fonts.append(font) }
            c.append("BT/"); c.append(font.resourceName); c.append(" "); c.number(size); c.append(" Tf")
            // A face fontconfig emboldens (no bold of its own): stroke the outlines as Cairo
            // does, by a 24th of the size.
            let bold = paiban_is_emboldened(pangoFont) != 0
            if bold { c.append(" 2 Tr "); c.number(size / 24); c.append(" w") }
            c.append("\n")
            var writer = TextWriter(size: size, baseline: page.height - run.baseline)
            let glyphs = segment.glyphs
            var g = 0
            while g < glyphs.count {
                let scalar = glyphs[g].scalar
                var end = g + 1
                while end < glyphs.count && glyphs[end].scalar == scalar { end += 1 }
                // The cluster's text: its scalar and any that follow without glyphs of their own.
                let textEnd = end < glyphs.count ? glyphs[end].scalar : segment.scalars.count
                let text = Array(segment.scalars[scalar..<max(scalar + 1, textEnd)])
                var placed: [(code: UInt16, x: Double, y: Double)] = []
                for p in glyphs[g..<end] {
                    // No ink: PANGO_GLYPH_EMPTY and PANGO_GLYPH_INVALID_INPUT.
                    if p.info.glyph == 0x0FFF_FFFF || p.info.glyph == 0xFFFF_FFFF { continue }
                    // A character the font lacks (reported in preflight) shows the font's .notdef
                    // box where it goes, and keeps its text.
                    let glyph = paiban_is_unknown_glyph(p.info.glyph) != 0 ? 0 : p.info.glyph
                    guard glyph <= 0xFFFF else { continue }
                    placed.append((font.code(for: glyph), p.pen + Double(p.info.geometry.x_offset) / scale,
                                   page.height - run.baseline - Double(p.info.geometry.y_offset) / scale))
                }
                // One glyph maps back to its text through ToUnicode; a cluster of several, or a
                // glyph already showing other text, carries its text as ActualText.
                if placed.count == 1 && font.map(placed[0].code, to: text) {
                    writer.show(placed[0].code, x: placed[0].x, y: placed[0].y, width: font.width(placed[0].code), into: &c)
                } else if !placed.isEmpty {
                    writer.close(&c)
                    var s = ""
                    s.unicodeScalars.append(contentsOf: text)
                    c.append("/Span<</ActualText ")
                    c.textString(s)
                    c.append(">>BDC\n")
                    for p in placed { writer.show(p.code, x: p.x, y: p.y, width: font.width(p.code), into: &c) }
                    writer.close(&c)
                    c.append("EMC\n")
                }
                g = end
            }
            writer.close(&c)
            c.append(bold ? "ET 0 Tr\n" : "ET\n")
        }
        if let a = run.anchor {
            anchors[a] = (pages.count, run.boxes.first ?? 0, page.height - max(0, run.baseline - 2 * size))
        }
        if let l = run.link {
            let b = run.bounds
            page.links.append(((b.x, page.height - b.maxY, b.maxX, page.height - b.y), l))
        }
    }

    private func image(_ p: ImagePlacement, _ c: inout PDFBuffer, _ page: inout PageRecord) {
        let h = page.height, r = p.frame
        guard let path = p.path, let img = images.image(path, in: file) else {
            // A missing image: a grey frame crossed through, so the page shows where it goes.
            c.append("q 0.85 g ")
            c.numbers(r.x, h - r.maxY, r.width, r.height)
            c.append("re f 0.4 G 0.5 w ")
            c.numbers(r.x, h - r.y); c.append("m "); c.numbers(r.maxX, h - r.maxY); c.append("l ")
            c.numbers(r.maxX, h - r.y); c.append("m "); c.numbers(r.x, h - r.maxY); c.append("l S Q\n")
            return
        }
        if !page.images.contains(img.object) { page.images.append(img.object) }
        // The crop (source pixels) scaled onto the frame, clipped to it.
        let sx = r.width / p.crop.width, sy = r.height / p.crop.height
        let w = Double(img.pixelWidth) * sx, ht = Double(img.pixelHeight) * sy
        let left = r.x - p.crop.x * sx, top = r.y - p.crop.y * sy
        c.append("q ")
        c.numbers(r.x, h - r.maxY, r.width, r.height)
        c.append("re W n ")
        c.numbers(w, 0, 0, ht, left, h - (top + ht))
        c.append("cm /Im\(img.object) Do Q\n")
    }

    /// The embedded font for a Pango font's face (nil for a face the PDF cannot embed).
    private func embedded(_ font: UnsafeMutablePointer<PangoFont>) -> EmbeddedFont? {
        guard let hb = pango_font_get_hb_font(font), let face = hb_font_get_face(hb) else { return nil }
        let key = UnsafeMutableRawPointer(face)
        if let known = fontOfFace[key] { return known }
        let number = file.reserve()
        let made = EmbeddedFont(face: face, resourceName: "F\(fonts.count + 1)", objectNumber: number)
        if let made { fonts.append(made) } else {
            // Every reserved number is written: an unusable face's becomes an empty object.
            file.object(number, "null")
        }
        fontOfFace[key] = made
        return made
    }

    /// Text in a face the PDF cannot embed (CFF2 or bitmap-only glyphs) is left out, and said.
    private func noteLeftOut(_ segment: GlyphSegment, page: Int) {
        var name = "no font"
        if let f = segment.font, let d = paiban_font_description(f) {
            name = String(cString: d)
            g_free(d)
        }
        var entry = leftOut[name] ?? ([], [])
        for s in segment.scalars where !entry.text.contains(s) && !s.properties.isWhitespace { entry.text.append(s) }
        if entry.pages.last != page { entry.pages.append(page) }
        leftOut[name] = entry
    }

    /// Writes fonts, pages and the document's structure, and moves the file into place.
    /// `outline` gives each page's title and its stories.
    public func finish(outline: [DisplayPage]) throws {
        for name in leftOut.keys.sorted() {
            let e = leftOut[name]!
            var chars = ""
            chars.unicodeScalars.append(contentsOf: e.text.prefix(20))
            diagnostics.append(Diagnostic(.error, "page \(e.pages.map(String.init).joined(separator: ", ")): “\(chars)” is set in \(name), which the PDF cannot embed (CFF2 or bitmap glyphs); that text is left out of the PDF — map the role to another font in Fonts/fonts.conf"))
        }
        do {
            try writeStructure(outline: outline)
            try out.commit()
        } catch {
            out.abandon()
            throw error
        }
    }

    private func writeStructure(outline: [DisplayPage]) throws {
        guard !pages.isEmpty else { throw OutputError.cannotWrite(out.finalPath, "the edition has no pages") }
        let prepared = prepareFonts()
        for (f, p) in zip(fonts, prepared) {
            guard let p else { throw OutputError.cannotWrite(out.finalPath, "HarfBuzz could not subset the font \(f.postScriptName)") }
            f.write(p, to: file)
        }
        for p in pages {
            var annots: [Int] = []
            for link in p.links where anchors[link.destination] != nil {
                let n = file.reserve()
                var a = PDFBuffer()
                a.append("<</Type/Annot/Subtype/Link/Rect[")
                a.numbers(link.rect.0, link.rect.1, link.rect.2, link.rect.3)
                a.append("]/Border[0 0 0]/Dest")
                a.literal(link.destination)
                a.append(">>")
                file.object(n, a)
                annots.append(n)
            }
            var d = PDFBuffer()
            d.append("<</Type/Page/Parent \(pagesObject) 0 R/MediaBox[0 0 ")
            d.numbers(p.width, p.height)
            d.append("]/TrimBox[0 0 ")
            d.numbers(p.width, p.height)
            d.append("]/Resources<</Font<<")
            for f in p.fonts { d.append("/\(f.resourceName) \(f.objectNumber) 0 R") }
            d.append(">>/XObject<<")
            for i in p.images { d.append("/Im\(i) \(i) 0 R") }
            d.append(">>>>/Contents \(p.contents) 0 R")
            if !annots.isEmpty { d.append("/Annots[" + annots.map { "\($0) 0 R" }.joined(separator: " ") + "]") }
            d.append(">>")
            file.object(p.object, d)
        }
        file.object(pagesObject, "<</Type/Pages/Kids[" + pages.map { "\($0.object) 0 R" }.joined(separator: " ")
                    + "]/Count \(pages.count)>>")

        var catalog = PDFBuffer()
        catalog.append("<</Type/Catalog/Pages \(pagesObject) 0 R/PageLabels<</Nums[")
        for (k, p) in pages.enumerated() { catalog.int(k); catalog.append("<</P "); catalog.textString(p.label); catalog.append(">>") }
        catalog.append("]>>")
        if !anchors.isEmpty {
            catalog.append("/Names<</Dests<</Names[")
            for name in anchors.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let a = anchors[name]!
                catalog.literal(name)
                catalog.append("[\(pages[a.page].object) 0 R/XYZ ")
                catalog.numbers(a.x, a.y)
                catalog.append("null]")
            }
            catalog.append("]>>>>")
        }
        if let o = writeOutline(outline) { catalog.append("/Outlines \(o) 0 R") }
        catalog.append(">>")
        let root = file.reserve()
        file.object(root, catalog)

        var info = PDFBuffer()
        info.append("<</Title ")
        info.textString(header.title)
        info.append("/Author ")
        info.textString(header.author)
        info.append("/Creator ")
        info.textString("Paiban 排版")
        info.append("/Producer(Paiban)")
        if let date = pdfDate(iso8601: header.date) { info.append("/CreationDate(\(date))/ModDate(\(date))") }
        info.append(">>")
        let infoObject = file.reserve()
        file.object(infoObject, info)
        try file.close(root: root, info: infoObject)
    }

    /// Subsets and compresses the fonts, side by side when `parallelFonts` is set: it is the
    /// one step left after the last page is drawn, so an edition's wall time waits on it.
    private func prepareFonts() -> [PreparedFont?] {
        guard parallelFonts && fonts.count > 1 else { return fonts.map { $0.prepare() } }
        let work = FontPreparation(fonts: fonts)
        DispatchQueue.concurrentPerform(iterations: fonts.count) { work.prepare($0) }
        return work.results
    }

    /// The outline: each page (closed), and under it its stories and continuations, top to bottom.
    private func writeOutline(_ outline: [DisplayPage]) -> Int? {
        let count = min(outline.count, pages.count)
        guard count > 0 else { return nil }
        let root = file.reserve()
        let pageItems = (0..<count).map { _ in file.reserve() }
        for k in 0..<count {
            let page = outline[k], record = pages[k]
            let kids = page.outline.map { _ in file.reserve() }
            var d = PDFBuffer()
            d.append("<</Title ")
            d.textString(page.title)
            d.append("/Parent \(root) 0 R")
            if k > 0 { d.append("/Prev \(pageItems[k - 1]) 0 R") }
            if k + 1 < count { d.append("/Next \(pageItems[k + 1]) 0 R") }
            if let first = kids.first, let last = kids.last { d.append("/First \(first) 0 R/Last \(last) 0 R/Count -\(kids.count)") }
            d.append("/Dest[\(record.object) 0 R/XYZ 0 ")
            d.number(record.height)
            d.append(" null]>>")
            file.object(pageItems[k], d)
            for (j, entry) in page.outline.enumerated() {
                var e = PDFBuffer()
                e.append("<</Title ")
                e.textString(entry.title)
                e.append("/Parent \(pageItems[k]) 0 R")
                if j > 0 { e.append("/Prev \(kids[j - 1]) 0 R") }
                if j + 1 < kids.count { e.append("/Next \(kids[j + 1]) 0 R") }
                e.append("/Dest[\(record.object) 0 R/XYZ 0 ")
                e.number(record.height - max(0, entry.y - 12))
                e.append(" null]>>")
                file.object(kids[j], e)
            }
        }
        file.object(root, "<</Type/Outlines/First \(pageItems[0]) 0 R/Last \(pageItems[count - 1]) 0 R/Count \(count)>>")
        return root
    }

    public func abandon() {
        out.abandon()
    }
}

/// Builds the glyphs of one text object: each glyph goes where the composer put it; the
/// TJ array's numbers move the pen from where the font's advance left it.
private struct TextWriter {
    let size: Double
    var y: Double
    var pen = 0.0
    var open = false
    var lastWasGlyph = false

    init(size: Double, baseline: Double) {
        self.size = size
        self.y = baseline
    }

    mutating func show(_ code: UInt16, x: Double, y: Double, width: Double, into c: inout PDFBuffer) {
        if !open || abs(y - self.y) > 0.0005 {
            close(&c)
            c.append("1 0 0 1 ")
            c.numbers(x, y)
            c.append("Tm[")
            pen = x
            self.y = y
            open = true
            lastWasGlyph = false
        }
        let adjust = ((pen - x) * 1000 / size * 1000).rounded() / 1000
        if adjust != 0 {
            c.number(adjust)
            lastWasGlyph = false
        }
        if lastWasGlyph {
            c.bytes.removeLast() // continue the hex string: <00010002>
        } else {
            c.append("<")
        }
        c.hex16(code)
        c.append(">")
        lastWasGlyph = true
        pen = x + width * size / 1000
    }

    mutating func close(_ c: inout PDFBuffer) {
        guard open else { return }
        c.append("]TJ\n")
        open = false
        lastWasGlyph = false
    }
}

/// Fonts prepared on several threads: each iteration touches one font only (its own HarfBuzz
/// face, which HarfBuzz allows from any thread, and its own tables) and writes one slot.
private final class FontPreparation: @unchecked Sendable {
    let fonts: [EmbeddedFont]
    private let lock = NSLock()
    private(set) var results: [PreparedFont?]
    init(fonts: [EmbeddedFont]) {
        self.fonts = fonts
        results = Array(repeating: nil, count: fonts.count)
    }
    func prepare(_ k: Int) {
        let p = fonts[k].prepare()
        lock.withLock { results[k] = p }
    }
}
