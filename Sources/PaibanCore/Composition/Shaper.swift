/// The seam between the pure-Swift composer and a real shaping engine (Pango/HarfBuzz in
/// PaibanPango). The composer needs only each character's advance; make-up also takes the
/// glyphs (as values: face file, glyph id, offsets) into the display list it hands the back ends.

/// Advances of a paragraph's scalars, in em of the font size. A cluster's advance sits on its
/// first scalar; the other scalars of the cluster have 0.
public struct ShapedAdvances: Sendable, Equatable {
    public var advances: [Double]
    /// Scalars that no available font covers (they are drawn as boxes and reported).
    public var uncovered: [Unicode.Scalar]
    /// For make-up: the glyphs of each styled run (nil: the shaper gave none), which make-up
    /// places at the composer's origins in the display list.
    public var runGlyphs: [ShapedGlyphs?] = []
    public init(advances: [Double], uncovered: [Unicode.Scalar] = []) {
        self.advances = advances
        self.uncovered = uncovered
    }
}

public protocol TextShaper {
    func shape(_ text: [Unicode.Scalar]) -> ShapedAdvances
}

/// A shaper with fixed advances, for tests of the core that must not depend on fonts:
/// 1 em for Han and full-width marks, ½ em for Latin letters, digits and half-width marks,
/// ¼ em for a space.
public struct FixedAdvanceShaper: TextShaper, Sendable {
    public var latin: Double
    public var space: Double
    public init(latin: Double = 0.5, space: Double = 0.25) {
        self.latin = latin
        self.space = space
    }
    public func shape(_ text: [Unicode.Scalar]) -> ShapedAdvances {
        ShapedAdvances(advances: text.map { s in
            switch glyphClass(of: s) {
            case .space: return s.value == 0x3000 ? 1 : space
            case .mark: return 0
            case .word: return latin
            case .middle: return 0.5
            case .prefix, .postfix, .solidus, .connector:
                return s.value < 0x2000 ? latin : 1
            default: return 1
            }
        })
    }
}
