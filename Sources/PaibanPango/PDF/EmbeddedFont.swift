import CPangoCairo

/// One face as the PDF embeds it: a Type 0 font with 2-byte codes (Identity-H), the glyphs the
/// document used, their widths and the text each shows (ToUnicode). Pages refer to it while it
/// fills; it is subset and written once, when the document is finished.
final class EmbeddedFont {
    let face: OpaquePointer
    let resourceName: String
    /// The Type 0 font dictionary's object number, reserved up front for the pages.
    let objectNumber: Int
    let outlines: FontOutlines
    private let metrics: OpaquePointer
    private let unitsPerEm: Double
    /// Face glyph id of each code used, and the text each code shows.
    private var glyphOfCode: [UInt16: UInt32] = [:]
    private var textOfCode: [UInt16: [Unicode.Scalar]] = [:]
    private var widthOfCode: [UInt16: Double] = [:]

    init?(face: OpaquePointer, resourceName: String, objectNumber: Int) {
        guard let outlines = faceOutlines(face) else { return nil }
        hb_face_reference(face)
        self.face = face
        self.resourceName = resourceName
        self.objectNumber = objectNumber
        self.outlines = outlines
        metrics = hb_font_create(face)
        unitsPerEm = Double(max(1, hb_face_get_upem(face)))
    }

    deinit {
        hb_font_destroy(metrics)
        hb_face_destroy(face)
    }

    /// The code that shows face glyph `glyph`, registering it for the subset.
    func code(for glyph: UInt32) -> UInt16 {
        let code: UInt16
        switch outlines {
        case .cidCFF(let cids): code = Int(glyph) < cids.count ? cids[Int(glyph)] : 0
        case .nameCFF, .trueType: code = UInt16(truncatingIfNeeded: glyph)
        }
        if glyphOfCode[code] == nil { glyphOfCode[code] = glyph }
        return code
    }

    /// The advance the PDF gives `code`, in thousandths of the size (the font's own advance:
    /// the W array must agree with the font program).
    func width(_ code: UInt16) -> Double {
        if let w = widthOfCode[code] { return w }
        let adv = Double(hb_font_get_glyph_h_advance(metrics, glyphOfCode[code] ?? 0))
        let w = (adv * 1000 / unitsPerEm * 1000).rounded() / 1000
        widthOfCode[code] = w
        return w
    }

    /// Records that `code` shows `text`. False when the code already shows other text (one
    /// glyph for 高 and the radical ⾼): that occurrence needs ActualText instead.
    func map(_ code: UInt16, to text: [Unicode.Scalar]) -> Bool {
        if let t = textOfCode[code] { return t == text }
        textOfCode[code] = text
        return true
    }

    /// How many glyphs the subset will hold: what preparing the font costs grows with it.
    var glyphCount: Int { glyphOfCode.count }

    /// Subsets the face to the glyphs used and compresses what the font's streams hold. It
    /// touches only this font and its HarfBuzz face (HarfBuzz faces are safe to read from any
    /// thread), so fonts can be prepared side by side. Nil when HarfBuzz cannot subset the face.
    func prepare() -> PreparedFont? {
        let codes = glyphOfCode.keys.sorted()
        var glyphs = Set(glyphOfCode.values)
        glyphs.insert(0)
        guard let subset = FontSubset(face: face, glyphs: glyphs.sorted(), outlines: outlines) else { return nil }
        var cidToGID: [UInt8]? = nil
        if case .trueType = outlines {
            // Code (the face's glyph id) → the subset's glyph id.
            var map = [UInt8](repeating: 0, count: 2 * (Int(codes.last ?? 0) + 1))
            for c in codes {
                let g = subset.newGlyph[glyphOfCode[c]!] ?? 0
                map[2 * Int(c)] = UInt8(g >> 8)
                map[2 * Int(c) + 1] = UInt8(g & 0xFF)
            }
            cidToGID = deflate(map)
        }
        for c in codes { _ = width(c) }
        return PreparedFont(codes: codes, program: deflate(subset.program), programLength: subset.program.count,
                            cidToGID: cidToGID, toUnicode: deflate(toUnicodeCMap(codes)))
    }

    /// Writes the font's objects from what `prepare` made.
    func write(_ prepared: PreparedFont, to file: PDFFile) {
        let codes = prepared.codes
        let name = subsetTag(codes) + "+" + postScriptName
        let descendant = file.reserve(), descriptor = file.reserve(), program = file.reserve(), toUnicode = file.reserve()
        var cidToGID: Int? = nil
        switch outlines {
        case .cidCFF: file.stream(program, dictionary: "/Subtype/CIDFontType0C", deflated: prepared.program)
        case .nameCFF: file.stream(program, dictionary: "/Subtype/OpenType", deflated: prepared.program)
        case .trueType: file.stream(program, dictionary: "/Length1 \(prepared.programLength)", deflated: prepared.program)
        }
        if let map = prepared.cidToGID {
            let n = file.reserve()
            file.stream(n, dictionary: "", deflated: map)
            cidToGID = n
        }

        var d = PDFBuffer()
        d.append("<</Type/FontDescriptor/FontName/\(name)/Flags 4/FontBBox[")
        let bbox = boundingBox
        d.numbers(bbox.0, bbox.1, bbox.2, bbox.3)
        d.append("]/ItalicAngle 0/Ascent ")
        d.number(metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, fallback: 880))
        d.append("/Descent ")
        d.number(metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, fallback: -120))
        d.append("/CapHeight ")
        d.number(metric(HB_OT_METRICS_TAG_CAP_HEIGHT, fallback: 700))
        d.append("/StemV 80")
        switch outlines {
        case .cidCFF, .nameCFF: d.append("/FontFile3 \(program) 0 R>>")
        case .trueType: d.append("/FontFile2 \(program) 0 R>>")
        }
        file.object(descriptor, d)

        var c = PDFBuffer()
        switch outlines {
        case .cidCFF, .nameCFF: c.append("<</Type/Font/Subtype/CIDFontType0")
        case .trueType: c.append("<</Type/Font/Subtype/CIDFontType2")
        }
        c.append("/BaseFont/\(name)/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>")
        c.append("/FontDescriptor \(descriptor) 0 R/DW 1000/W[")
        // Runs of consecutive codes, leaving out the default width.
        var k = 0
        while k < codes.count {
            if width(codes[k]) == 1000 { k += 1; continue }
            var end = k + 1
            while end < codes.count && codes[end] == codes[end - 1] + 1 && width(codes[end]) != 1000 { end += 1 }
            c.int(Int(codes[k]))
            c.append("[")
            for j in k..<end { c.number(width(codes[j])); c.append(" ") }
            c.append("]")
            k = end
        }
        c.append("]")
        if let m = cidToGID { c.append("/CIDToGIDMap \(m) 0 R") }
        c.append(">>")
        file.object(descendant, c)

        file.stream(toUnicode, dictionary: "", deflated: prepared.toUnicode)
        file.object(objectNumber, "<</Type/Font/Subtype/Type0/BaseFont/\(name)/Encoding/Identity-H/DescendantFonts[\(descendant) 0 R]/ToUnicode \(toUnicode) 0 R>>")
    }

    private func toUnicodeCMap(_ codes: [UInt16]) -> [UInt8] {
        var b = PDFBuffer(capacity: 64 * codes.count + 400)
        b.append("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
        let mapped = codes.filter { textOfCode[$0] != nil }
        var k = 0
        while k < mapped.count {
            let end = min(mapped.count, k + 100)
            b.int(end - k)
            b.append(" beginbfchar\n")
            for code in mapped[k..<end] {
                b.append("<")
                b.hex16(code)
                b.append("><")
                var s = ""
                s.unicodeScalars.append(contentsOf: textOfCode[code]!)
                for u in s.utf16 { b.hex16(u) }
                b.append(">\n")
            }
            b.append("endbfchar\n")
            k = end
        }
        b.append("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n")
        return b.bytes
    }

    var postScriptName: String {
        var buf = [CChar](repeating: 0, count: 128)
        var length = UInt32(buf.count)
        _ = hb_ot_name_get_utf8(face, hb_ot_name_id_t(HB_OT_NAME_ID_POSTSCRIPT_NAME), hb_language_from_string("en", -1), &length, &buf)
        let raw = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // A PDF name: keep what needs no escaping.
        let clean = String(raw.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        return clean.isEmpty ? "Font" : clean
    }

    /// Six capitals that identify the subset (deterministic: the same glyphs, the same tag).
    private func subsetTag(_ codes: [UInt16]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in codes { h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }
        for b in postScriptName.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        var tag = ""
        for _ in 0..<6 { tag.unicodeScalars.append(Unicode.Scalar(UInt8(65 + h % 26))); h /= 26 }
        return tag
    }

    /// The face's bounding box from its `head` table, in thousandths of an em.
    private var boundingBox: (Double, Double, Double, Double) {
        let head = tableData(face, "head")
        guard head.count >= 44 else { return (0, -120, 1000, 880) }
        func v(_ at: Int) -> Double { Double(Int16(bitPattern: UInt16(head[at]) << 8 | UInt16(head[at + 1]))) * 1000 / unitsPerEm }
        return (v(36), v(38), v(40), v(42))
    }

    private func metric(_ tag: hb_ot_metrics_tag_t, fallback: Double) -> Double {
        var p: hb_position_t = 0
        guard hb_ot_metrics_get_position(metrics, tag, &p) != 0 else { return fallback }
        return (Double(p) * 1000 / unitsPerEm).rounded()
    }
}

/// A font's subset and streams, compressed, ready to write.
struct PreparedFont {
    var codes: [UInt16]
    var program: [UInt8]
    /// The font program's size before compression (/Length1 of a TrueType program).
    var programLength: Int
    var cidToGID: [UInt8]?
    var toUnicode: [UInt8]
}
