/// Line-break opportunities: UAX #14's pair rules, restricted to the classes Chinese news copy
/// uses, with the zh-CN tailoring of clreq/GB/T 15834 applied on top:
/// - “ ‘ are openers and ” ’ closers (UAX #14 calls them ambiguous QU);
/// - · ～ – and a single — never start a line (UAX #14 lets them);
/// - / neither starts nor (at GB level) ends a line;
/// - —— and …… are never split, …… never starts a line, —— not in strict mode;
/// - digits with their separators and their prefix/postfix, and Latin words, stay whole;
/// - breaking between a numeral and the Han unit after it is allowed but penalised.

/// What the composer may do at the boundary before a character.
public enum BreakOpportunity: Sendable, Equatable {
    /// A break is never allowed here.
    case forbidden
    /// A break is allowed, at this penalty (0 = free).
    case allowed(penalty: Double)
    /// Only as a last resort, when a unit is wider than the measure (inside a Latin word or number).
    case emergency
}

/// Break opportunities for each boundary: element `i` is the boundary before scalar `i`.
/// Index 0 (paragraph start) is always `.forbidden`; the paragraph end is implicit.
public func breakOpportunities(
    _ text: [Unicode.Scalar], classes: [GlyphClass], profile: CompositionProfile
) -> [BreakOpportunity] {
    let n = text.count
    var result = [BreakOpportunity](repeating: .forbidden, count: n)
    guard n > 1 else { return result }
    for i in 1..<n {
        result[i] = opportunity(before: i, text, classes, profile)
    }
    return result
}

@inline(__always)
private func opportunity(
    before i: Int, _ text: [Unicode.Scalar], _ c: [GlyphClass], _ profile: CompositionProfile
) -> BreakOpportunity {
    let a = c[i - 1], b = c[i]
    // LB7 × SP, and combining marks stay with their base (LB9).
    if b == .space || b == .mark { return .forbidden }
    // Line-start prohibitions (行首禁则) win over a preceding space (LB13/LB21).
    if b.neverStartsLine { return .forbidden }
    if b == .dash {
        if a == .dash { return .forbidden } // inside a 2-em dash (LB17 B2 × B2)
        let pairStarts = i + 1 < c.count && c[i + 1] == .dash
        if !pairStarts { return .forbidden } // a single — is a connector
        if profile.kinsoku == .strict { return .forbidden }
    }
    // LB18: break after spaces. Between two Western words (a name such as SEMICON China) the
    // break is allowed but dear: copy reads better with the name on one line.
    if a == .space {
        let westernBefore = i >= 2 && c[i - 2] == .word
        return .allowed(penalty: westernBefore && b == .word ? 7 * profile.numeralUnitPenalty : 0)
    }
    // Line-end prohibitions (行尾禁则): openers, a prefix before its number, a solidus at GB level.
    if a == .opening || a == .prefix { return .forbidden }
    if a == .solidus && profile.kinsoku != .basic { return .forbidden }
    // Western words and numbers are not broken (clreq §3.2.4, jlreq §3.1.10).
    if a == .word && b == .word {
        // A break after a hyphen between letters is a normal Western break point.
        if text[i - 1] == "-" && isLatinLetter(text[i]) { return .allowed(penalty: 50) }
        return .emergency
    }
    // House preference: a numeral keeps its unit or measure word (16亿, 3月); a letter its Han (A股).
    if a == .word && b == .han {
        if isDigitLike(text[i - 1]) { return .allowed(penalty: profile.numeralUnitPenalty) }
        return .allowed(penalty: profile.numeralUnitPenalty / 2)
    }
    if a == .postfix && b == .han { return .allowed(penalty: profile.numeralUnitPenalty / 2) }
    return .allowed(penalty: 0)
}
