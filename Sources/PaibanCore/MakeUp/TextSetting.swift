/// Setting text for make-up: paragraphs in one or more fonts composed to a measure in points,
/// returned as positioned glyph runs relative to the line's start and baseline.

/// A range of a paragraph set in one font.
public struct StyledRun: Sendable, Equatable {
    public var range: Range<Int>
    public var font: FontSpec
    /// What this part of the text is, when it differs from the paragraph's role (a run-in jump line).
    public var role: TextRole?
    public init(range: Range<Int>, font: FontSpec, role: TextRole? = nil) {
        self.range = range
        self.font = font
        self.role = role
    }
}

/// Shaping for make-up: advances in points of each scalar, each run in its own font.
public protocol TextShaping {
    func advances(_ text: [Unicode.Scalar], runs: [StyledRun]) -> ShapedAdvances
}

/// The fixed-advance shaper at real sizes, for tests of make-up without fonts. Its glyphs are
/// one per scalar, the glyph id the scalar's value, in a face of no file named after the role
/// (`FixedAdvanceTextShaper.face(for:)`): the display list has glyphs a test can check, which
/// no back end can draw.
public struct FixedAdvanceTextShaper: TextShaping, Sendable {
    public var base = FixedAdvanceShaper()
    public init() {}
    public func advances(_ text: [Unicode.Scalar], runs: [StyledRun]) -> ShapedAdvances {
        var em = base.shape(text).advances
        for r in runs { for i in r.range { em[i] *= r.font.size.value } }
        var out = ShapedAdvances(advances: em)
        out.runGlyphs = runs.map { r in
            ShapedGlyphs(faces: [Self.face(for: r.font)],
                         glyphs: text[r.range].map { ShapedGlyphs.Glyph(face: 0, id: $0.value, dx: 0) },
                         start: Array(0...r.range.count))
        }
        return out
    }

    /// The fake face of a font: no file, its role (and weight) for a name.
    public static func face(for font: FontSpec) -> FaceRef {
        FaceRef(path: "", index: 0, name: "fixed-advance " + font.role.rawValue + (font.bold ? " bold" : ""))
    }
}

/// One set line: glyph runs whose origins are relative to the line start, baseline 0.
public struct SetLine: Sendable {
    public var runs: [GlyphRun]
    public var width: Double
    public var isLast: Bool
    public var overfull: Bool
    /// Where the line starts in its paragraph's text (scalar offset), so a story cut at this
    /// line can be continued from exactly there.
    public var start: Int = 0
    /// The body paragraph the line belongs to (set by make-up; nil for other text).
    public var paragraph: Int? = nil
    public var text: String { runs.map(\.string).joined() }
}

public struct SetParagraph: Sendable {
    public var lines: [SetLine]
    public var uncovered: [Unicode.Scalar]
    public var orphanAvoided = false
    /// Breaks made where the rules forbid one (see `ComposedParagraph.forbiddenBreaks`).
    public var forbiddenBreaks = 0
    public var lineCount: Int { lines.count }
    /// What is wrong with the setting that a reader would see, for the report: nil when nothing.
    public func settingProblem(_ where_: String) -> String? {
        let sample = lines.first { $0.overfull }?.text ?? ""
        if lines.contains(where: \.overfull) {
            return "\(where_): “\(sample.prefix(12))…” is wider than its column and runs past it"
        }
        if forbiddenBreaks > 0 {
            return "\(where_): a run wider than its column that no rule lets break was broken \(forbiddenBreaks == 1 ? "once" : "\(forbiddenBreaks) times") where the rules forbid"
        }
        return nil
    }
}

/// Composes paragraphs for make-up with one shaper and one profile.
public struct TextSetter {
    public let shaper: any TextShaping
    public var profile: CompositionProfile
    /// Word boundaries for display lines (heads break between words, see `setDisplay`).
    public let segmenter: any WordSegmenting
    /// What a display text's breaking needs that does not depend on its measure, kept per text:
    /// make-up sets each head at every width and size it tries, and segmenting it each time was
    /// 7 % of a single-threaded 8-page render (perf). A memo of pure results, no report state.
    let displayMemo = DisplayMemo()

    public init(shaper: any TextShaping, profile: CompositionProfile,
                segmenter: any WordSegmenting = CharacterSegmenter()) {
        self.shaper = shaper
        self.profile = profile
        self.segmenter = segmenter
    }

    /// Sets `text` (already normalised) to `measure` points. Ems are those of `runs[0]`'s size;
    /// `indent` is in those ems. Lines are justified (all but the last) and then aligned.
    public func set(_ text: [Unicode.Scalar], runs: [StyledRun], measure: Double, indent: Double = 0,
                    align: TextStyle.Alignment = .justify, role: TextRole, story: String?,
                    profile override: CompositionProfile? = nil) -> SetParagraph {
        guard !text.isEmpty, let first = runs.first else { return SetParagraph(lines: [], uncovered: []) }
        let size = first.font.size.value
        let shaped = shaper.advances(text, runs: runs)
        let em = ShapedAdvances(advances: shaped.advances.map { $0 / size }, uncovered: shaped.uncovered)
        var p = override ?? profile
        if align != .justify { p.hanging = false }
        let composed = ParagraphComposer(profile: p).compose(text, shaped: em, measure: Em(measure / size),
                                                             indent: Em(indent))
        var lines: [SetLine] = []
        lines.reserveCapacity(composed.lines.count)
        for line in composed.lines {
            var width = line.width.value * size
            var shift = 0.0
            // Headlines and other centred text: a line that is not justified is aligned.
            let justified = align == .justify && !line.isLast
            if !justified && align != .justify && align != .start {
                let natural = naturalWidth(line, size: size)
                shift = align == .center ? (measure - natural) / 2 : measure - natural
                width = natural
            }
            let out = glyphRuns(line.glyphs, text: text, runs: runs, shaped: shaped, size: size, shift: shift,
                                role: role, story: story)
            var set = SetLine(runs: out, width: width, isLast: line.isLast, overfull: line.overfull)
            set.start = line.range.lowerBound
            lines.append(set)
        }
        var result = SetParagraph(lines: lines, uncovered: composed.uncovered)
        result.orphanAvoided = composed.orphanAvoided
        result.forbiddenBreaks = composed.forbiddenBreaks
        return result
    }

    /// A line's glyphs as runs, one per styled run it touches, each with the shaper's glyphs
    /// placed at its origins. `offset` is where the composed text starts in the shaped text (a
    /// display line is composed on its own), so each scalar finds its glyphs.
    func glyphRuns(_ glyphs: [SetGlyph], text: [Unicode.Scalar], runs: [StyledRun], shaped: ShapedAdvances,
                   size: Double, shift: Double, offset: Int = 0, role: TextRole, story: String?) -> [GlyphRun] {
        var out: [GlyphRun] = []
        for (k, r) in runs.enumerated() {
            let mine = glyphs.filter { r.range.contains($0.index + offset) }
            guard !mine.isEmpty else { continue }
            var g = GlyphRun(font: r.font, text: mine.map { text[$0.index + offset] },
                             origins: mine.map { $0.origin.value * size + shift },
                             boxes: mine.map { $0.x.value * size + shift },
                             advances: mine.map { $0.advance.value * size },
                             baseline: 0, role: r.role ?? role, story: story)
            if k < shaped.runGlyphs.count, let glyphs = shaped.runGlyphs[k] {
                g.glyphs = glyphs.placed(scalars: mine.map { $0.index + offset - r.range.lowerBound }, origins: g.origins)
            }
            out.append(g)
        }
        return out
    }

    /// A non-justified line's width: its natural extent (glyph boxes), before any centring.
    private func naturalWidth(_ line: ComposedLine, size: Double) -> Double {
        guard let last = line.glyphs.last(where: { !$0.hanging }), let first = line.glyphs.first else { return 0 }
        return (last.x.value + last.advance.value - first.x.value) * size
    }

    /// Sets a short text (a headline, a caption) in one font.
    public func set(_ string: String, font: FontSpec, measure: Double, align: TextStyle.Alignment,
                    role: TextRole, story: String?) -> SetParagraph {
        let text = Array(string.unicodeScalars)
        return set(text, runs: [StyledRun(range: 0..<text.count, font: font)], measure: measure, align: align,
                   role: role, story: story)
    }
}
