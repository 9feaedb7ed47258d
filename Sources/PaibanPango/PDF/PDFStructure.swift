import Dispatch
import Foundation
import PaibanCore

/// What a PDF holds besides its pages' content: fonts, page objects with their links, the page
/// tree, named destinations, page labels, outline and metadata, written when it is finished.
extension PDFStream {
    func writeStructure(outline: [DisplayPage]) throws {
        guard !pages.isEmpty else { throw OutputError.cannotWrite((out?.finalPath ?? "(memory)"), "the edition has no pages") }
        let prepared = prepareFonts()
        for (f, p) in zip(fonts, prepared) {
            guard let p else { throw OutputError.cannotWrite((out?.finalPath ?? "(memory)"), "HarfBuzz could not subset the font \(f.postScriptName)") }
            f.write(p, to: file)
        }
        for p in pages {
            var annots: [Int] = []
            for link in p.links where pdfx.writesLinks && anchors[link.destination] != nil {
                let n = file.reserve()
                var a = PDFBuffer()
                a.append("<</Type/Annot/Subtype/Link/Rect[")
                let dy = pdfx.sheet(width: p.width, height: p.height).dy
                a.numbers(link.rect.0, link.rect.1 + dy, link.rect.2, link.rect.3 + dy)
                a.append("]/Border[0 0 0]/Dest")
                a.literal(link.destination)
                a.append(">>")
                file.object(n, a)
                annots.append(n)
            }
            var d = PDFBuffer()
            d.append("<</Type/Page/Parent \(pagesObject) 0 R" + pdfx.boxes(width: p.width, height: p.height))
            d.append("/Resources<</Font<<")
            for f in p.fonts { d.append("/\(f.resourceName) \(f.objectNumber) 0 R") }
            d.append(">>/XObject<<")
            for i in p.images { d.append("/Im\(i) \(i) 0 R") }
            d.append(">>" + inks.resources(p) + ">>/Contents \(p.contents) 0 R")
            if !annots.isEmpty { d.append("/Annots[" + annots.map { "\($0) 0 R" }.joined(separator: " ") + "]") }
            d.append(">>")
            file.object(p.object, d)
        }
        inks.write(to: file)
        file.object(pagesObject, "<</Type/Pages/Kids[" + pages.map { "\($0.object) 0 R" }.joined(separator: " ")
                    + "]/Count \(pages.count)>>")

        var catalog = PDFBuffer()
        // The language (screen readers, search) and the edition's title in the viewer's title bar.
        catalog.append("<</Type/Catalog/Pages \(pagesObject) 0 R")
        // Language and viewer preferences are PDF 1.4: not in a PDF/X-1a (PDF 1.3).
        if pdfx.standard != .x1a { catalog.append("/Lang(zh-CN)/ViewerPreferences<</DisplayDocTitle true>>") }
        if let intent = pdfx.outputIntent(in: file) { catalog.append(intent) }
        if let m = pdfx.metadata(title: header.title, author: header.author, date: header.date.isEmpty ? nil : header.date,
                                 documentID: documentID, in: file) {
            catalog.append("/Metadata \(m) 0 R")
        }
        catalog.append("/PageLabels<</Nums[")
        for (k, p) in pages.enumerated() { catalog.int(k); catalog.append("<</P "); catalog.textString(p.label); catalog.append(">>") }
        catalog.append("]>>")
        if !anchors.isEmpty {
            catalog.append("/Names<</Dests<</Names[")
            for name in anchors.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let a = anchors[name]!
                catalog.literal(name)
                catalog.append("[\(pages[a.page].object) 0 R/XYZ ")
                let s = pdfx.sheet(width: pages[a.page].width, height: pages[a.page].height)
                catalog.numbers(a.x + s.dx, a.y + s.dy)
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
        info.append(pdfx.infoKeys + ">>")
        let infoObject = file.reserve()
        file.object(infoObject, info)
        try file.close(root: root, info: infoObject)
    }

    /// The document's identifier in XMP, from what it shows (the same input gives the same file).
    var documentID: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in (header.title + "|" + header.date + "|\(pages.count)").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16).leftPad(16) + String(h &* 0x9E37_79B9_7F4A_7C15, radix: 16).leftPad(16)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    /// The outline: each page (closed), and under it its stories and continuations, top to bottom.
    func writeOutline(_ outline: [DisplayPage]) -> Int? {
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
            d.number(record.height + pdfx.sheet(width: record.width, height: record.height).dy)
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
                e.number(record.height + pdfx.sheet(width: record.width, height: record.height).dy - max(0, entry.y - 12))
                e.append(" null]>>")
                file.object(kids[j], e)
            }
        }
        file.object(root, "<</Type/Outlines/First \(pageItems[0]) 0 R/Last \(pageItems[count - 1]) 0 R/Count \(count)>>")
        return root
    }

    /// Subsets and compresses the fonts, side by side when `parallelFonts` is set: it is the
    /// one step left after the last page is drawn, so an edition's wall time waits on it.
    func prepareFonts() -> [PreparedFont?] {
        guard parallelFonts && fonts.count > 1 else { return fonts.map { $0.prepare() } }
        let work = FontPreparation(fonts: fonts)
        // The largest subset first: the body face's 750 glyphs took 25 ms, the other three
        // 22 ms together, so started last it kept the edition waiting 30 ms instead of 25.
        let order = fonts.indices.sorted { fonts[$0].glyphCount > fonts[$1].glyphCount }
        DispatchQueue.concurrentPerform(iterations: fonts.count) { work.prepare(order[$0]) }
        return work.results
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

private extension String {
    func leftPad(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
