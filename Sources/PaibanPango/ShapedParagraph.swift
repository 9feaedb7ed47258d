import CPangoCairo
import PaibanCore

/// A paragraph itemised and shaped by Pango/HarfBuzz: per-scalar advances for the composer,
/// and the glyphs (with their fonts) for drawing at the composer's positions.
public final class ShapedParagraph {
    public let text: [Unicode.Scalar]
    public let spec: FontSpec
    public private(set) var advances = ShapedAdvances(advances: [])
    /// Glyphs of each scalar: (run, first glyph, glyph count); count 0 for scalars inside a cluster.
    private var glyphsOfScalar: [(run: Int32, first: Int32, count: Int32)]
    private var runs: [(item: UnsafeMutablePointer<PangoItem>, glyphs: UnsafeMutablePointer<PangoGlyphString>)] = []

    init(text: [Unicode.Scalar], spec: FontSpec, typesetter: PangoTypesetter) {
        self.text = text
        self.spec = spec
        glyphsOfScalar = Array(repeating: (0, 0, 0), count: text.count)
        shape(typesetter)
    }

    deinit {
        for r in runs {
            pango_glyph_string_free(r.glyphs)
            pango_item_free(r.item)
        }
    }

    private func shape(_ t: PangoTypesetter) {
        let n = text.count
        var adv = [Double](repeating: 0, count: n)
        guard n > 0 else { advances = ShapedAdvances(advances: adv); return }
        // UTF-8 bytes and the scalar index at each byte offset.
        var bytes: [CChar] = []
        bytes.reserveCapacity(n * 3 + 1)
        var scalarAt: [Int32] = []
        scalarAt.reserveCapacity(n * 3)
        for (i, s) in text.enumerated() {
            // Pango's itemiser asserts (and aborts the process) on a NUL inside the text. The
            // loaders strip control characters with a warning; this guards text a program
            // builds itself. A space keeps every byte offset where it was.
            if s.value == 0 { bytes.append(0x20); scalarAt.append(Int32(i)); continue }
            for b in String(s).utf8 { bytes.append(CChar(bitPattern: b)); scalarAt.append(Int32(i)) }
        }
        let byteCount = bytes.count
        bytes.append(0)
        pango_context_set_font_description(t.context, t.description(for: spec))
        let scale = Double(paiban_pango_scale()) * spec.size.value
        var uncovered: [Unicode.Scalar] = []
        bytes.withUnsafeBufferPointer { buf in
            let base = buf.baseAddress!
            let attrs = pango_attr_list_new()
            defer { pango_attr_list_unref(attrs) }
            var list = pango_itemize(t.context, base, 0, Int32(byteCount), attrs, nil)
            let head = list
            while let node = list {
                let item = paiban_item_at(node)!
                let glyphs = pango_glyph_string_new()!
                let offset = Int(item.pointee.offset)
                // Punctuation alone (a paragraph opening with ——, a line of ……) itemises as
                // Common script, and HarfBuzz then skips the zh-Hans `locl` forms that make the
                // dash full width. Chinese copy is Han unless it says otherwise.
                if item.pointee.analysis.script == UInt8(PANGO_SCRIPT_COMMON.rawValue) {
                    item.pointee.analysis.script = UInt8(PANGO_SCRIPT_HAN.rawValue)
                }
                pango_shape_full(base + offset, item.pointee.length, base, Int32(byteCount),
                                 &item.pointee.analysis, glyphs)
                let runIndex = Int32(runs.count)
                runs.append((item, glyphs))
                let count = Int(glyphs.pointee.num_glyphs)
                for g in 0..<count {
                    let info = glyphs.pointee.glyphs[g]
                    let scalar = Int(scalarAt[offset + Int(glyphs.pointee.log_clusters[g])])
                    adv[scalar] += Double(info.geometry.width) / scale
                    if paiban_is_unknown_glyph(info.glyph) != 0 { uncovered.append(text[scalar]) }
                    let e = glyphsOfScalar[scalar]
                    if e.count == 0 || e.run != runIndex {
                        glyphsOfScalar[scalar] = (runIndex, Int32(g), 1)
                    } else {
                        glyphsOfScalar[scalar].count += 1
                    }
                }
                list = node.pointee.next
            }
            g_list_free(head)
        }
        advances = ShapedAdvances(advances: adv, uncovered: uncovered)
    }

    /// The glyphs of scalars placed at the given origins (in points), in runs of one font.
    /// Within a scalar its glyphs keep the font's advances; the next scalar's glyphs start at
    /// that scalar's origin: the composer's placement, not the font's.
    func segments(origins: [(index: Int, x: Double)]) -> [GlyphSegment] {
        let scale = Double(paiban_pango_scale())
        var segments: [GlyphSegment] = []
        var k = 0
        while k < origins.count {
            let first = glyphsOfScalar[origins[k].index]
            if first.count == 0 { k += 1; continue }
            var end = k + 1
            while end < origins.count {
                let g = glyphsOfScalar[origins[end].index]
                if g.count != 0 && g.run != first.run { break }
                end += 1
            }
            let run = runs[Int(first.run)]
            var segment = GlyphSegment(font: run.item.pointee.analysis.font, item: run.item,
                                       scalars: (k..<end).map { text[origins[$0].index] }, glyphs: [])
            for j in k..<end {
                let entry = glyphsOfScalar[origins[j].index]
                var pen = origins[j].x
                for g in 0..<Int(entry.count) {
                    let info = run.glyphs.pointee.glyphs[Int(entry.first) + g]
                    segment.glyphs.append(PlacedGlyph(info: info, pen: pen, scalar: j - k))
                    pen += Double(info.geometry.width) / scale
                }
            }
            segments.append(segment)
            k = end
        }
        return segments
    }

    /// Draws the glyphs of scalars at the given origins (on the current baseline y).
    /// Each segment goes out as one glyph item with its text, so the text layer maps every
    /// glyph back to the characters it shows.
    func draw(_ cr: OpaquePointer, origins: [(index: Int, x: Double)], baseline y: Double) {
        let scale = Double(paiban_pango_scale())
        for segment in segments(origins: origins) {
            // The segment's text, and each scalar's byte offset in it.
            var text: [CChar] = []
            var byteOffset: [Int32] = []
            for s in segment.scalars {
                byteOffset.append(Int32(text.count))
                for b in String(s).utf8 { text.append(CChar(bitPattern: b)) }
            }
            let glyphs = segment.glyphs
            let gs = pango_glyph_string_new()!
            pango_glyph_string_set_size(gs, Int32(glyphs.count))
            for (i, placed) in glyphs.enumerated() {
                var info = placed.info
                // Widths position the next glyph.
                if i + 1 < glyphs.count {
                    info.geometry.width = Int32(((glyphs[i + 1].pen - placed.pen) * scale).rounded())
                }
                gs.pointee.glyphs[i] = info
                gs.pointee.log_clusters[i] = byteOffset[placed.scalar]
            }
            let item = pango_item_copy(segment.item)!
            item.pointee.offset = 0
            item.pointee.length = Int32(text.count)
            item.pointee.num_chars = Int32(segment.scalars.count)
            text.append(0)
            var glyphItem = PangoGlyphItem(item: item, glyphs: gs, y_offset: 0, start_x_offset: 0, end_x_offset: 0)
            cairo_move_to(cr, glyphs.first?.pen ?? 0, y)
            text.withUnsafeBufferPointer { pango_cairo_show_glyph_item(cr, $0.baseAddress, &glyphItem) }
            pango_item_free(item)
            pango_glyph_string_free(gs)
        }
    }
}

/// Glyphs of consecutive scalars in one font (valid while their `ShapedParagraph` lives).
struct GlyphSegment {
    let font: UnsafeMutablePointer<PangoFont>?
    let item: UnsafeMutablePointer<PangoItem>
    /// The scalars the glyphs show, in order.
    let scalars: [Unicode.Scalar]
    var glyphs: [PlacedGlyph]
}

/// A glyph and where its pen position is (points); `scalar` indexes the segment's scalars.
struct PlacedGlyph {
    let info: PangoGlyphInfo
    let pen: Double
    let scalar: Int
}

/// The shaped text a display run is drawn from, and each glyph's scalar with its origin: the
/// make-up's own shaping when it was done on this typesetter, else the run shaped here.
func shapedGlyphs(_ run: GlyphRun, typesetter: PangoTypesetter, shapes: PangoTextShaping?)
    -> (ShapedParagraph, [(index: Int, x: Double)])
{
    if let src = run.source, let p = shapes?.paragraph(src.handle) {
        return (p, zip(src.offsets, run.origins).map { (index: $0, x: $1) })
    }
    return (typesetter.shape(run.text, font: run.font), run.origins.enumerated().map { (index: $0.offset, x: $0.element) })
}
