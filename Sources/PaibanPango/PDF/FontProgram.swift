import CPangoCairo

/// What kind of outlines a face has, which decides how the PDF embeds it and which character
/// codes its text uses.
enum FontOutlines {
    /// A CID-keyed CFF (Noto CJK, Source Han): embedded as CIDFontType0C; codes are CIDs, which
    /// the subset keeps, so a page can be written before the subset exists.
    case cidCFF(cidOfGlyph: [UInt16])
    /// A name-keyed CFF (a Western OpenType font): embedded as OpenType; codes are glyph ids,
    /// so its subset keeps glyph ids.
    case nameCFF
    /// TrueType outlines: embedded as CIDFontType2; codes are the face's glyph ids, mapped to
    /// the subset's by a CIDToGIDMap.
    case trueType
}

func tableData(_ face: OpaquePointer, _ tag: String) -> [UInt8] {
    withTable(face, tag) { Array($0) }
}

/// Runs `body` on a table's bytes where HarfBuzz holds them (a CJK face's CFF table is 16 MB:
/// copying it to read a few hundred bytes of it was the mistake that made Cairo slow).
func withTable<T>(_ face: OpaquePointer, _ tag: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    let t = tag.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    let blob = hb_face_reference_table(face, t)
    defer { hb_blob_destroy(blob) }
    var length: UInt32 = 0
    guard let p = hb_blob_get_data(blob, &length), length > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    return p.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { body(UnsafeBufferPointer(start: $0, count: Int(length))) }
}

func blobBytes(_ blob: OpaquePointer?) -> [UInt8] {
    var length: UInt32 = 0
    guard let p = hb_blob_get_data(blob, &length), length > 0 else { return [] }
    return p.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
}

func faceOutlines(_ face: OpaquePointer) -> FontOutlines? {
    let cff: FontOutlines?? = withTable(face, "CFF ") { d in
        guard !d.isEmpty else { return .none }
        guard let top = CFFTopDict(d) else { return .some(nil) }
        if top.isCIDKeyed, let cids = top.charset(d) { return .some(.cidCFF(cidOfGlyph: cids)) }
        return .some(.nameCFF)
    }
    if let cff { return cff }
    let hasGlyf = withTable(face, "glyf") { !$0.isEmpty }
    return hasGlyf ? .trueType : nil
}

/// The parts of a CFF Top DICT the embedding needs: whether it is CID-keyed, where its
/// charset (glyph → CID) and CharStrings are.
struct CFFTopDict {
    var isCIDKeyed = false
    var charsetOffset = 0
    var charStringsOffset = 0

    init?(_ d: UnsafeBufferPointer<UInt8>) {
        guard d.count > 4 else { return nil }
        // Header, then the Name INDEX, then the Top DICT INDEX (one entry).
        guard let nameEnd = cffIndexEnd(d, at: Int(d[2])), let top = cffIndexFirst(d, at: nameEnd) else { return nil }
        var operands: [Int] = []
        var i = top.lowerBound
        while i < top.upperBound {
            let b0 = Int(d[i])
            switch b0 {
            case 32...246: operands.append(b0 - 139); i += 1
            case 247...250:
                guard i + 1 < d.count else { return nil }
                operands.append((b0 - 247) * 256 + Int(d[i + 1]) + 108); i += 2
            case 251...254:
                guard i + 1 < d.count else { return nil }
                operands.append(-(b0 - 251) * 256 - Int(d[i + 1]) - 108); i += 2
            case 28:
                guard i + 2 < d.count else { return nil }
                operands.append(Int(Int16(bitPattern: UInt16(d[i + 1]) << 8 | UInt16(d[i + 2])))); i += 3
            case 29:
                guard i + 4 < d.count else { return nil }
                let v = UInt32(d[i + 1]) << 24 | UInt32(d[i + 2]) << 16 | UInt32(d[i + 3]) << 8 | UInt32(d[i + 4])
                operands.append(Int(Int32(bitPattern: v))); i += 5
            case 30:
                // A real: nibbles up to an 0xF; its value is not needed here.
                i += 1
                while i < top.upperBound && (d[i] & 0x0F) != 0x0F && (d[i] >> 4) != 0x0F { i += 1 }
                i += 1
                operands.append(0)
            case 12:
                guard i + 1 < d.count else { return nil }
                if d[i + 1] == 30 { isCIDKeyed = true }
                operands.removeAll(); i += 2
            default:
                if b0 == 15, let v = operands.last { charsetOffset = v }
                if b0 == 17, let v = operands.last { charStringsOffset = v }
                operands.removeAll(); i += 1
            }
        }
    }

    /// CID of each glyph (glyph 0 is CID 0), from charset formats 0, 1 and 2.
    func charset(_ d: UnsafeBufferPointer<UInt8>) -> [UInt16]? {
        guard charStringsOffset > 0, charStringsOffset + 2 <= d.count, charsetOffset > 2, charsetOffset < d.count else { return nil }
        let glyphs = Int(d[charStringsOffset]) << 8 | Int(d[charStringsOffset + 1])
        var cids = [UInt16](repeating: 0, count: glyphs)
        func u16(_ i: Int) -> Int? { i + 1 < d.count ? Int(d[i]) << 8 | Int(d[i + 1]) : nil }
        var gid = 1
        var i = charsetOffset + 1
        switch d[charsetOffset] {
        case 0:
            while gid < glyphs { guard let c = u16(i) else { return nil }; cids[gid] = UInt16(c); gid += 1; i += 2 }
        case 1, 2:
            let wide = d[charsetOffset] == 2
            while gid < glyphs {
                guard let first = u16(i) else { return nil }
                guard let left = wide ? u16(i + 2) : (i + 2 < d.count ? Int(d[i + 2]) : nil) else { return nil }
                i += wide ? 4 : 3
                for k in 0...left where gid < glyphs { cids[gid] = UInt16(truncatingIfNeeded: first + k); gid += 1 }
            }
        default: return nil
        }
        return cids
    }
}

/// The byte after a CFF INDEX that starts at `at`.
private func cffIndexEnd(_ d: UnsafeBufferPointer<UInt8>, at: Int) -> Int? {
    guard at + 2 <= d.count else { return nil }
    let count = Int(d[at]) << 8 | Int(d[at + 1])
    if count == 0 { return at + 2 }
    guard at + 3 <= d.count else { return nil }
    let offSize = Int(d[at + 2])
    let offsets = at + 3
    guard offSize >= 1 && offSize <= 4, let last = cffOffset(d, offsets + count * offSize, offSize) else { return nil }
    return offsets + (count + 1) * offSize - 1 + last
}

/// The byte range of the first entry of a CFF INDEX.
private func cffIndexFirst(_ d: UnsafeBufferPointer<UInt8>, at: Int) -> Range<Int>? {
    guard at + 3 <= d.count else { return nil }
    let count = Int(d[at]) << 8 | Int(d[at + 1])
    let offSize = Int(d[at + 2])
    guard count >= 1, offSize >= 1 && offSize <= 4,
          let a = cffOffset(d, at + 3, offSize), let b = cffOffset(d, at + 3 + offSize, offSize) else { return nil }
    let base = at + 3 + (count + 1) * offSize - 1
    guard base + b <= d.count, a <= b else { return nil }
    return (base + a)..<(base + b)
}

private func cffOffset(_ d: UnsafeBufferPointer<UInt8>, _ at: Int, _ size: Int) -> Int? {
    guard at + size <= d.count else { return nil }
    var v = 0
    for k in 0..<size { v = v << 8 | Int(d[at + k]) }
    return v
}

/// A subset of a face holding `glyphs` (and what they need), made by HarfBuzz's subsetter.
struct FontSubset {
    /// The font program as the PDF embeds it (the bare CFF table for a CID-keyed CFF).
    var program: [UInt8]
    /// Face glyph id → subset glyph id.
    var newGlyph: [UInt32: UInt32]

    init?(face: OpaquePointer, glyphs: [UInt32], outlines: FontOutlines) {
        guard let input = hb_subset_input_create_or_fail() else { return nil }
        defer { hb_subset_input_destroy(input) }
        let set = hb_subset_input_glyph_set(input)
        for g in glyphs { hb_set_add(set, g) }
        // The PDF needs outlines and metrics only; layout tables are large and slow to subset.
        let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG", "kern", "morx", "COLR", "CPAL"] {
            hb_set_add(drop, tag.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        var flags = HB_SUBSET_FLAGS_DEFAULT.rawValue
        switch outlines {
        case .cidCFF:
            // Flattened charstrings subset faster and come out smaller than re-packed subroutines.
            flags |= HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue
            // Only the bare CFF table is embedded: the tables around it need not be subset
            // (the body face's subset went from 21 to 17 ms, the bold head face's from 11 to 8).
            for tag in ["cmap", "hmtx", "hhea", "OS/2", "post", "name"] {
                hb_set_add(drop, tag.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            }
        case .nameCFF:
            flags |= HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue | HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue
        case .trueType: break
        }
        hb_subset_input_set_flags(input, flags)
        guard let plan = hb_subset_plan_create_or_fail(face, input) else { return nil }
        defer { hb_subset_plan_destroy(plan) }
        var mapping: [UInt32: UInt32] = [:]
        let map = hb_subset_plan_old_to_new_glyph_mapping(plan)
        for g in glyphs {
            let n = hb_map_get(map, g)
            if n != UInt32.max { mapping[g] = n } // UInt32.max: HB_MAP_VALUE_INVALID
        }
        guard let subset = hb_subset_plan_execute_or_fail(plan) else { return nil }
        defer { hb_face_destroy(subset) }
        switch outlines {
        case .cidCFF:
            program = tableData(subset, "CFF ")
        case .nameCFF, .trueType:
            let blob = hb_face_reference_blob(subset)
            program = blobBytes(blob)
            hb_blob_destroy(blob)
        }
        guard !program.isEmpty else { return nil }
        newGlyph = mapping
    }
}
