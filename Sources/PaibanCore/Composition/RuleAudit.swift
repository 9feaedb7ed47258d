/// Checks composed lines against the universal rules (the reference corpus's U1–U6 and the
/// 孤字 rule). Used by the tests and by the preflight report, so a rule broken anywhere is
/// counted the same way everywhere.

public struct RuleViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case lineStart = "U1 line starts with a forbidden mark"
        case lineEnd = "U2 line ends with a forbidden mark"
        case splitUnit = "U3 unbreakable unit split"
        case overfull = "U4 overfull line"
        case notJustified = "U5 line not justified"
        case letterSpaced = "U6 Latin word letter-spaced"
        case orphan = "孤字 last line holding a single character of text"
    }
    public var kind: Kind
    public var line: Int
    public var text: String
    public var description: String { "\(kind.rawValue) (line \(line + 1): \(text))" }
}

public func auditRules(_ p: ComposedParagraph, profile: CompositionProfile) -> [RuleViolation] {
    var out: [RuleViolation] = []
    let text = p.text
    let classes = classify(text)
    let tol = 0.001
    for (k, line) in p.lines.enumerated() {
        let s = p.string(of: line)
        func add(_ kind: RuleViolation.Kind) { out.append(RuleViolation(kind: kind, line: k, text: s)) }
        guard let first = line.glyphs.first, let last = line.glyphs.last else { continue }
        let fc = classes[first.index]
        if k > 0 {
            let startsDashPair = fc == .dash && first.index + 1 < text.count && classes[first.index + 1] == .dash
            if fc.neverStartsLine || (fc == .dash && !startsDashPair)
                || (startsDashPair && profile.kinsoku == .strict) {
                add(.lineStart)
            }
        }
        if !line.isLast {
            let lc = classes[last.index]
            if lc == .opening || lc == .prefix || (lc == .solidus && profile.kinsoku != .basic) { add(.lineEnd) }
            // A break at a space is a word boundary; only a break between touching units can split one.
            let next = line.range.upperBound < text.count && classes[line.range.upperBound] != .space
                ? line.range.upperBound : nil
            if let n = next, splitsUnit(classes[last.index], classes[n], text[last.index], text[n]) {
                add(.splitUnit)
            }
            if abs(line.width.value - p.measure.value) > tol { add(.notJustified) }
        }
        if line.width.value > p.measure.value + tol { add(.overfull) }
        for (a, b) in zip(line.glyphs, line.glyphs.dropFirst())
        where classes[a.index] == .word && classes[b.index] == .word {
            if abs(b.x.value - a.x.value - a.advance.value) > 1e-6 { add(.letterSpaced); break }
        }
        if line.isLast && k > 0 {
            let units = line.glyphs.filter { isHanCharacter(text[$0.index]) || startsTextUnit(classes, $0.index) }.count
            if units < 2 { add(.orphan) }
        }
    }
    return out
}

private func splitsUnit(_ a: GlyphClass, _ b: GlyphClass, _ sa: Unicode.Scalar, _ sb: Unicode.Scalar) -> Bool {
    switch (a, b) {
    case (.dash, .dash), (.ellipsis, .ellipsis), (.prefix, .word), (.word, .postfix): return true
    case (.word, .word): return !(sa == "-" && isLatinLetter(sb))
    default: return false
    }
}

/// Spacing statistics of composed paragraphs: the space added between adjacent Han characters.
public struct SpacingStatistics: Sendable {
    public var gaps: [Double] = []
    public var lines = 0
    public var nonLastLines = 0
    public var stretchedLines = 0
    public init() {}

    public mutating func add(_ p: ComposedParagraph) {
        for line in p.lines {
            lines += 1
            if !line.isLast { nonLastLines += 1 }
            var stretched = false
            for (a, b) in zip(line.glyphs, line.glyphs.dropFirst())
            where isHanCharacter(p.text[a.index]) && isHanCharacter(p.text[b.index]) {
                let g = b.x.value - a.x.value - a.advance.value
                gaps.append(g)
                if g > 1e-6 { stretched = true }
            }
            if stretched { stretchedLines += 1 }
        }
    }

    public func percentile(_ q: Double) -> Double {
        guard !gaps.isEmpty else { return 0 }
        let sorted = gaps.sorted()
        return sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded(.up)))]
    }
    public var maximum: Double { gaps.max() ?? 0 }
}
