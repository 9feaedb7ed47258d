import CPangoCairo
import PaibanCore

/// Text on a PDF page: each glyph run as the composer placed it, in the embedded fonts.
extension PDFStream {
    func text(_ run: GlyphRun, _ c: inout PDFBuffer, _ page: inout PageRecord) {
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

    /// The embedded font for a Pango font's face (nil for a face the PDF cannot embed).
    func embedded(_ font: UnsafeMutablePointer<PangoFont>) -> EmbeddedFont? {
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
    func noteLeftOut(_ segment: GlyphSegment, page: Int) {
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
