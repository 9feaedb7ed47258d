/// House-style settings of the composer.

/// clreq's kinsoku levels (§3.1.4). `basic` lets a solidus end a line; `gb` follows
/// GB/T 15834 §5.1 in full; `strict` also keeps —— off the start of a line (except at
/// paragraph start, w3c/clreq#510).
public enum KinsokuLevel: String, Sendable, CaseIterable {
    case basic, gb, strict
}

/// Punctuation width schemes (标点符号宽度), as in xeCJK: 全角 sets every mark on a full em
/// (compressed where two meet), 开明 keeps only sentence-final 。？！ full width, 半角 sets all
/// marks half width.
public enum PunctuationScheme: String, Sendable, CaseIterable {
    case quanjiao, kaiming, banjiao
}

/// A composition profile: the rules of a house style.
public struct CompositionProfile: Sendable, Equatable {
    public var kinsoku: KinsokuLevel = .gb
    public var punctuation: PunctuationScheme = .quanjiao
    /// Let one ，。、 hang past the measure at a line end (off by default: clreq notes most
    /// mainland publications do not hang).
    public var hanging: Bool = false
    /// Strict character grid (纵横对齐): every Han on an integer em, punctuation not compressed,
    /// Western runs padded to whole ems, line-end ，。、 hung.
    public var grid: Bool = false
    /// Allow 。？！ to give up their blank half mid-line when a line must shrink (clreq §3.5.3
    /// item 7; some styles forbid it).
    public var compressStopsMidLine: Bool = true
    /// Drop the blank leading half of an opening bracket at line start (GB/T 15834 §5.1.10).
    public var trimOpeningAtLineStart: Bool = true
    /// Penalty for breaking between a numeral and the unit or measure word after it (16|亿).
    public var numeralUnitPenalty: Double = 60
    /// Han–Latin spacing: natural, minimum and maximum, in em (clreq §3.2.2, §3.5).
    public var hanLatinSpace: Double = 0.25
    public var hanLatinMin: Double = 0.125
    public var hanLatinMax: Double = 0.5

    public init() {}

    /// Whether an opener at line start loses its blank half: never on a grid, where it keeps
    /// its cell so the Han after it stay on whole ems.
    var trimsOpeningAtLineStart: Bool { trimOpeningAtLineStart && !grid }

    /// The named profiles of `paiban compose --profile`.
    public static func named(_ name: String) -> CompositionProfile? {
        var p = CompositionProfile()
        switch name {
        case "gb": break
        case "basic": p.kinsoku = .basic
        case "strict": p.kinsoku = .strict
        case "hang": p.hanging = true
        case "grid": p.grid = true; p.hanging = true
        default: return nil
        }
        return p
    }
}
