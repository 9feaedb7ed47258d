/// What an item of the display list is inked with. Newsprint is printed in four process inks
/// and sometimes a spot ink; every paint says which, so the PDF can name inks exactly (black
/// text as K only, which overprints on press) and a proof can show them.

/// A process colour: cyan, magenta, yellow and black, each 0…1 of a solid.
public struct CMYK: Sendable, Hashable, CustomStringConvertible {
    public var c: Double, m: Double, y: Double, k: Double
    public init(_ c: Double, _ m: Double, _ y: Double, _ k: Double) {
        self.c = c; self.m = m; self.y = y; self.k = k
    }
    /// Total area coverage, 0…4 (newsprint takes 2.2–2.4).
    public var totalInk: Double { c + m + y + k }
    public var description: String { "\(c) \(m) \(y) \(k)" }
}

public enum Paint: Sendable, Hashable {
    /// A grey on the black ink alone: 0 is solid black, 1 paper white (PDF's DeviceGray sense).
    case gray(Double)
    case cmyk(CMYK)
    /// A spot ink (Separation) at `tint` 0…1, printed as `alternate` where the ink is not on press.
    case spot(name: String, tint: Double, alternate: CMYK)

    /// Solid black ink: text, rules and frames unless a layout names another colour.
    public static let black = Paint.cmyk(CMYK(0, 0, 0, 1))

    /// The process colour this paint comes to (a spot's alternate at its tint).
    public var process: CMYK {
        switch self {
        case .gray(let g): CMYK(0, 0, 0, 1 - g)
        case .cmyk(let c): c
        case .spot(_, let t, let a): CMYK(a.c * t, a.m * t, a.y * t, a.k * t)
        }
    }

    /// Only the black ink (it may overprint the colours beneath).
    public var isBlackInkOnly: Bool {
        let p = process
        if case .spot = self { return false }
        return p.c == 0 && p.m == 0 && p.y == 0
    }

    /// An RGB rendering for screen proofs: the naive complement (no profile; proofs are for
    /// position and legibility, not colour approval).
    public var rgb: (r: Double, g: Double, b: Double) {
        let p = process
        return ((1 - p.c) * (1 - p.k), (1 - p.m) * (1 - p.k), (1 - p.y) * (1 - p.k))
    }
}
