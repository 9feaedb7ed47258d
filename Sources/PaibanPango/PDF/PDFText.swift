import CPangoCairo
import PaibanCore

/// Text on a PDF page: each glyph run as the composer placed it, in the embedded fonts.
extension PDFStream {
    func text(_ run: GlyphRun, _ c: inout PDFBuffer, _ page: inout PageRecord) {
        let size = run.font.size.value
        let glyphs = run.glyphs
        // One text object per stretch the shaper shaped as one (see `PositionedGlyph.shapingRun`).
        for stretch in run.shapingStretches {
            let face = glyphs[stretch.lowerBound].face
            guard let font = embedded(face) else {
                noteLeftOut(run, stretch, page: pages.count + 1)
                continue
            }
            if !page.fonts.contains(where: { $0 === font }) { page.fonts.append(font) }
            c.append("BT/"); c.append(font.resourceName); c.append(" "); c.number(size); c.append(" Tf")
            // A face fontconfig emboldens (no bold of its own): stroke the outlines as Cairo
            // does, by a 24th of the size.
            if face.embolden { c.append(" 2 Tr "); c.number(size / 24); c.append(" w") }
            c.append("\n")
            var writer = TextWriter(size: size, baseline: page.height - run.baseline)
            for cluster in run.clusters(in: stretch) {
                // The cluster's text: its scalar and any that follow without glyphs of their own.
                let text = Array(run.clusterText(at: cluster.lowerBound))
                var placed: [(code: UInt16, x: Double, y: Double)] = []
                for p in glyphs[cluster] where p.id <= 0xFFFF {
                    placed.append((font.code(for: p.id), p.x + p.xOffset, page.height - run.baseline - p.yOffset))
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
            }
            writer.close(&c)
            c.append(face.embolden ? "ET 0 Tr\n" : "ET\n")
        }
        if let a = run.anchor {
            anchors[a] = (pages.count, run.boxes.first ?? 0, page.height - max(0, run.baseline - 2 * size))
        }
        if let l = run.link {
            let b = run.bounds
            page.links.append(((b.x, page.height - b.maxY, b.maxX, page.height - b.y), l))
        }
    }

    /// The embedded font for a face file (nil for a face the PDF cannot embed or open). The
    /// regular and emboldened uses of a face share one font.
    func embedded(_ face: FaceRef) -> EmbeddedFont? {
        let key = FaceFile(path: face.path, index: face.index)
        if let known = fontOfFace[key] { return known }
        var made: EmbeddedFont? = nil
        if let hb = fontFiles.harfBuzzFace(face) {
            let number = file.reserve()
            made = EmbeddedFont(face: hb, resourceName: "F\(fonts.count + 1)", objectNumber: number)
            if let made { fonts.append(made) } else {
                // Every reserved number is written: an unusable face's becomes an empty object.
                file.object(number, "null")
            }
        }
        fontOfFace[key] = made
        return made
    }

    /// Text in a face the PDF cannot embed (no readable file, CFF2 or bitmap-only glyphs) is
    /// left out, and said: the scalars of glyphs `range` of the run.
    func noteLeftOut(_ run: GlyphRun, _ range: Range<Int>, page: Int) {
        let name = run.glyphs[range.lowerBound].face.name
        let from = run.glyphs[range.lowerBound].cluster
        let to = range.upperBound < run.glyphs.count ? run.glyphs[range.upperBound].cluster : run.text.count
        var entry = leftOut[name] ?? ([], [])
        for s in run.text[from..<max(from, to)] where !entry.text.contains(s) && !s.properties.isWhitespace { entry.text.append(s) }
        if entry.pages.last != page { entry.pages.append(page) }
        leftOut[name] = entry
    }
}

/// A face file, as the PDF embeds it.
struct FaceFile: Hashable {
    var path: String
    var index: Int
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
