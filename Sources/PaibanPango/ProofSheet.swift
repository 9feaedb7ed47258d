import PaibanCore

/// A proof sheet of composed paragraphs: the lines as set, with the measure marked by two grey
/// hairlines, for checking composition by eye and with pdfcheck. It is a display document
/// written by the same PDF writer as the editions.
public struct ProofSheet {
    public var title: String
    public var measure: Em
    public var size: Points
    /// Baseline-to-baseline distance, in em of the body size.
    public var leading: Double = 1.6

    public init(title: String, measure: Em, size: Points) {
        self.title = title
        self.measure = measure
        self.size = size
    }

    /// Writes the sheet to a PDF (atomically). Paragraphs come with the shaping that made them,
    /// whose glyphs are drawn as they are.
    public func writePDF(_ paragraphs: [(ComposedParagraph, ShapedParagraph)], to path: String,
                         typesetter: PangoTypesetter) throws {
        let margin = 56.0
        let measurePt = measure.at(size).value
        let pageWidth = max(595.28, measurePt + 2 * margin)
        let pageHeight = 841.89
        let lineStep = leading * size.value
        let top = margin + 40

        // The title line at the head of every page.
        let headFont = FontSpec(role: .heiTi, size: Points(8))
        let headText = Array(title.unicodeScalars)
        let headShaped = typesetter.shape(headText, font: headFont)
        var x = margin
        var headOrigins: [Double] = []
        for a in headShaped.advances.advances {
            headOrigins.append(x)
            x += a * headFont.size.value
        }
        var head = GlyphRun(font: headFont, text: headText, origins: headOrigins, boxes: headOrigins,
                            advances: headShaped.advances.advances.map { $0 * headFont.size.value },
                            baseline: margin + 7, role: .pageHeader, story: nil)
        head.glyphs = headShaped.placed(Array(headText.indices), origins: headOrigins)

        var pages: [DisplayPage] = []
        var items: [DisplayItem] = [.glyphs(head)]
        var y = top
        var pageLinesTop = y
        func finishPage() {
            // The measure: grey hairlines (thin filled boxes) at both edges of the lines.
            for edge in [margin, margin + measurePt] {
                let y0 = pageLinesTop - size.value * 1.1, y1 = y - lineStep + size.value * 0.4
                items.append(.box(Rect(x: edge - 0.125, y: y0, width: 0.25, height: max(0, y1 - y0)), stroke: nil, fill: .gray(0.6)))
            }
            let n = pages.count + 1
            pages.append(DisplayPage(number: n, label: "\(n)", title: "\(n)", width: pageWidth, height: pageHeight, items: items))
            items = [.glyphs(head)]
            y = top
            pageLinesTop = y
        }
        for (k, (paragraph, shaped)) in paragraphs.enumerated() {
            // A blank line between paragraphs: a proof with no indent still shows where one ends.
            if k > 0 { y += lineStep }
            for line in paragraph.lines {
                if y + lineStep > pageHeight - margin { finishPage() }
                let glyphs = line.glyphs
                let origins = glyphs.map { margin + $0.origin.at(size).value }
                var run = GlyphRun(font: shaped.spec, text: glyphs.map { shaped.text[$0.index] }, origins: origins,
                                   boxes: glyphs.map { margin + $0.x.at(size).value },
                                   advances: glyphs.map { $0.advance.at(size).value }, baseline: y, role: .body, story: nil)
                run.glyphs = shaped.placed(glyphs.map(\.index), origins: origins)
                items.append(.glyphs(run))
                y += lineStep
            }
        }
        finishPage()
        let doc = DisplayDocument(title: title, author: "Paiban", date: "", pages: pages)
        try DocumentWriter().writePDF(doc, to: path)
    }
}
