import CPangoCairo
import PaibanCore

/// A paragraph itemised and shaped by Pango/HarfBuzz in one font: per-scalar advances for the
/// composer, and its glyphs as values (face file, glyph id, offsets) for the display list. Pango's
/// own objects are freed once it is shaped: nothing here belongs to the typesetter that made it.
public struct ShapedParagraph: Sendable {
    public let text: [Unicode.Scalar]
    public let spec: FontSpec
    public private(set) var advances = ShapedAdvances(advances: [])
    /// Each scalar's glyphs (none for scalars inside a cluster), to be placed at the composer's origins.
    public private(set) var glyphs = ShapedGlyphs(faces: [], glyphs: [], start: [0])

    init(text: [Unicode.Scalar], spec: FontSpec, typesetter: PangoTypesetter) {
        self.text = text
        self.spec = spec
        shape(typesetter)
    }

    private mutating func shape(_ t: PangoTypesetter) {
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
        let pangoScale = Double(paiban_pango_scale())
        let scale = pangoScale * spec.size.value
        var uncovered: [Unicode.Scalar] = []
        // Per scalar: its glyphs, and which item gave them (a scalar takes its glyphs from one item).
        var ofScalar = [[ShapedGlyphs.Glyph]](repeating: [], count: n)
        var itemOfScalar = [Int](repeating: -1, count: n)
        var penOfScalar = [Double](repeating: 0, count: n)
        var faces: [FaceRef] = []
        var faceIndex: [FaceRef: Int] = [:]
        bytes.withUnsafeBufferPointer { buf in
            let base = buf.baseAddress!
            let attrs = pango_attr_list_new()
            defer { pango_attr_list_unref(attrs) }
            var list = pango_itemize(t.context, base, 0, Int32(byteCount), attrs, nil)
            let head = list
            var itemIndex = 0
            while let node = list {
                let item = paiban_item_at(node)!
                let glyphString = pango_glyph_string_new()!
                let offset = Int(item.pointee.offset)
                // Punctuation alone (a paragraph opening with ——, a line of ……) itemises as
                // Common script, and HarfBuzz then skips the zh-Hans `locl` forms that make the
                // dash full width. Chinese copy is Han unless it says otherwise.
                if item.pointee.analysis.script == UInt8(PANGO_SCRIPT_COMMON.rawValue) {
                    item.pointee.analysis.script = UInt8(PANGO_SCRIPT_HAN.rawValue)
                }
                pango_shape_full(base + offset, item.pointee.length, base, Int32(byteCount),
                                 &item.pointee.analysis, glyphString)
                let face = t.face(of: item.pointee.analysis.font)
                let f: Int
                if let known = faceIndex[face] { f = known } else {
                    f = faces.count
                    faces.append(face)
                    faceIndex[face] = f
                }
                for g in 0..<Int(glyphString.pointee.num_glyphs) {
                    let info = glyphString.pointee.glyphs[g]
                    let scalar = Int(scalarAt[offset + Int(glyphString.pointee.log_clusters[g])])
                    let width = Double(info.geometry.width)
                    adv[scalar] += width / scale
                    let unknown = paiban_is_unknown_glyph(info.glyph) != 0
                    if unknown { uncovered.append(text[scalar]) }
                    if itemOfScalar[scalar] != itemIndex {
                        ofScalar[scalar] = []
                        itemOfScalar[scalar] = itemIndex
                        penOfScalar[scalar] = 0
                    }
                    // No ink: PANGO_GLYPH_EMPTY and PANGO_GLYPH_INVALID_INPUT take their advance
                    // only. A character the font lacks (reported in preflight) is drawn as the
                    // face's .notdef box where it goes.
                    if info.glyph != 0x0FFF_FFFF && info.glyph != 0xFFFF_FFFF {
                        ofScalar[scalar].append(ShapedGlyphs.Glyph(
                            face: f, id: unknown ? 0 : info.glyph, dx: penOfScalar[scalar] / pangoScale,
                            xOffset: Double(info.geometry.x_offset) / pangoScale,
                            yOffset: Double(info.geometry.y_offset) / pangoScale, shapingRun: itemIndex))
                    }
                    penOfScalar[scalar] += width
                }
                pango_glyph_string_free(glyphString)
                pango_item_free(item)
                itemIndex += 1
                list = node.pointee.next
            }
            g_list_free(head)
        }
        advances = ShapedAdvances(advances: adv, uncovered: uncovered)
        var start = [0]
        start.reserveCapacity(n + 1)
        for g in ofScalar { start.append(start[start.count - 1] + g.count) }
        glyphs = ShapedGlyphs(faces: faces, glyphs: ofScalar.flatMap { $0 }, start: start)
    }

    /// The glyphs of the paragraph's scalars `indices`, scalar j's drawn from `origins[j]`.
    public func placed(_ indices: [Int], origins: [Double]) -> [PositionedGlyph] {
        glyphs.placed(scalars: indices, origins: origins)
    }
}
