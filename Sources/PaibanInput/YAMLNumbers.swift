import PaibanCore

/// Every number read from a manifest, a story or a layout goes through here, with the range it
/// may take: a value outside it (Int.max columns, `infmm`, `1e-300pt`, NaN) is refused where it
/// is read, naming the file and line, and never reaches arithmetic that would trap or a font
/// size Pango cannot take. The ranges are the `InputLimits` below.
extension YAMLValue {
    /// A whole number under `key` within `range`, or nil when the key is absent.
    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = self[key] else { return nil }
        guard let s = v.string, let i = Int(s.trimmedSpaces) else {
            throw v.error("'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(v.string ?? "a list or mapping")')")
        }
        guard range.contains(i) else { throw v.error("'\(key)' must be from \(range.lowerBound) to \(range.upperBound) (got \(i))") }
        return i
    }

    /// This node as a whole number within `range` (an item of a list).
    func intValue(_ what: String, in range: ClosedRange<Int>) throws -> Int {
        guard let s = string, let i = Int(s.trimmedSpaces), range.contains(i) else {
            throw error("\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(string ?? "a list or mapping")')")
        }
        return i
    }

    /// A finite number under `key` within `range`, or nil when the key is absent.
    func double(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let v = self[key] else { return nil }
        guard let s = v.string, let d = Double(s.trimmedSpaces) else {
            throw v.error("'\(key)' must be a number from \(format(range.lowerBound)) to \(format(range.upperBound)) (got '\(v.string ?? "a list or mapping")')")
        }
        guard d.isFinite, range.contains(d) else {
            throw v.error("'\(key)' must be from \(format(range.lowerBound)) to \(format(range.upperBound)) (got \(s))")
        }
        return d
    }

    /// A length (`390mm`, `12pt`, `2字`) under `key` within `range` (in mm), or nil when absent.
    func length(_ key: String, em: Points?, in range: ClosedRange<Double>) throws -> Points? {
        guard let v = self[key] else { return nil }
        guard let s = v.string, let p = parseLength(s, em: em) else {
            throw v.error("'\(v.string ?? "a list or mapping")' is not a length: use mm, pt\(em == nil ? "" : " or 字") (\(key))")
        }
        let mm = p.value * 25.4 / 72
        guard mm.isFinite, range.contains(mm) else {
            throw v.error("'\(key)' must be from \(format(range.lowerBound))mm to \(format(range.upperBound))mm (got \(s))")
        }
        return p
    }

    /// This node as a type size (`小五`, `9pt`, `13Q`) within the sizes a press can print.
    func typeSize(_ what: String) throws -> Points {
        guard let s = string, let p = parseTypeSize(s) else {
            throw error("'\(string ?? "a list or mapping")' is not a size: use a 号 (小五), points (9pt) or Q (13Q) (\(what))")
        }
        guard p.value.isFinite, InputLimits.typeSize.contains(p.value) else {
            throw error("\(what) \(s) cannot be printed: a size must be from \(format(InputLimits.typeSize.lowerBound))pt to \(format(InputLimits.typeSize.upperBound))pt")
        }
        return p
    }

    /// The section under `key` as a mapping, or nil when absent (`grid: eight` is an error
    /// naming its line, not a section silently ignored).
    func section(_ key: String) throws -> YAMLValue? {
        guard let v = self[key] else { return nil }
        guard v.node.mapping != nil else {
            throw v.error("'\(key)' must be a mapping of keys to values (got '\(v.string ?? "a list")')")
        }
        return v
    }
}

/// The ranges numbers in the input may take: wide enough for any real paper, narrow enough that
/// every sum and product on them stays finite and every size is one a press can print.
enum InputLimits {
    /// A page side: from a 50 mm label to a 3 m poster.
    static let pageSide: ClosedRange<Double> = 50...3000
    /// Margins and offsets on the page.
    static let pageOffset: ClosedRange<Double> = 0...3000
    /// Type sizes in points: 4 pt (below 八号, 5 pt, nothing is legible on newsprint) to 400 pt
    /// (a 报头 of 140 mm).
    static let typeSize: ClosedRange<Double> = 4...400
    /// Rules, in mm: up to a 5 mm bar.
    static let ruleWeight: ClosedRange<Double> = 0...5
    static let columns: ClosedRange<Int> = 1...48
    static let columnChars: ClosedRange<Int> = 1...400
    static let gutterChars: ClosedRange<Int> = 0...20
    static let gridLines: ClosedRange<Int> = 10...2000
    /// Page numbers, jump targets and issue numbers as papers print them.
    static let pageNumber: ClosedRange<Int> = 1...9999
    static let issueNumber: ClosedRange<Int> = 0...99_999_999
    /// Grid positions in an `area:`; checked against the layout's grid once it is known.
    static let gridPosition: ClosedRange<Int> = 1...2000
}

private func format(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v)
}
