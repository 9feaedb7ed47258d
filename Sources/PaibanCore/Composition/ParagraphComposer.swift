/// The paragraph composer: Chinese text in, justified lines out.

/// A line as composed.
public struct ComposedLine: Sendable, Equatable {
    /// Scalars set on the line (trailing spaces at the break excluded).
    public var range: Range<Int>
    public var glyphs: [SetGlyph]
    /// Where the last non-hanging glyph ends, in em from the start of the measure.
    public var width: Em
    public var isLast: Bool
    /// The line could not be brought inside the measure (a word or number wider than it).
    public var overfull: Bool
    /// The line could not be justified (nothing on it can take space).
    public var unjustifiable: Bool
    /// The largest space added between two Han characters, in em.
    public var maxHanGap: Em
}

public struct ComposedParagraph: Sendable, Equatable {
    public var text: [Unicode.Scalar]
    public var lines: [ComposedLine]
    public var measure: Em
    public var indent: Em
    /// Scalars no font covers, as reported by the shaper.
    public var uncovered: [Unicode.Scalar]
    /// The 孤字 rule changed the breaks: without it the last line would hold a lone character.
    public var orphanAvoided = false
    /// Breaks made where the rules forbid one, because a run no rule lets break (40 × —) is
    /// wider than the measure: the caller reports them.
    public var forbiddenBreaks = 0

    /// The text of a line.
    public func string(of line: ComposedLine) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: text[line.range])
        return s
    }
}

public struct ParagraphComposer: Sendable {
    public var profile: CompositionProfile
    public init(profile: CompositionProfile = CompositionProfile()) { self.profile = profile }

    /// Composes a paragraph whose scalars have been shaped already.
    public func compose(_ text: [Unicode.Scalar], shaped: ShapedAdvances, measure: Em, indent: Em = .zero)
        -> ComposedParagraph
    {
        compose(text, shaped: shaped, measure: measure, indent: indent, unbroken: false)
    }

    /// The text set on one line at its natural width (justification aside), however long.
    public func composeUnbroken(_ text: [Unicode.Scalar], shaped: ShapedAdvances) -> ComposedParagraph {
        compose(text, shaped: shaped, measure: Em(1e9), indent: .zero, unbroken: true)
    }

    private func compose(_ text: [Unicode.Scalar], shaped: ShapedAdvances, measure: Em, indent: Em, unbroken: Bool)
        -> ComposedParagraph
    {
        precondition(shaped.advances.count == text.count, "one advance per scalar")
        guard !text.isEmpty else {
            return ComposedParagraph(text: text, lines: [], measure: measure, indent: indent, uncovered: [])
        }
        let classes = classify(text)
        let metrics = ParagraphMetrics(text: text, classes: classes, advances: shaped.advances, profile: profile)
        let opportunities = breakOpportunities(text, classes: classes, profile: profile)
        let input = BreakerInput(text: text, metrics: metrics, opportunities: opportunities,
                                 profile: profile, measure: measure.value, indent: indent.value)
        let (breaks, orphanAvoided) = unbroken ? (unbrokenLine(input), false) : chooseBreaks(input)
        var lines: [ComposedLine] = []
        lines.reserveCapacity(breaks.count)
        for b in breaks {
            let startX = b.start == 0 ? indent.value : 0
            let glyphs = setLine(b, metrics: metrics, profile: profile, startX: startX)
            let width = glyphs.last(where: { !$0.hanging }).map { $0.x + $0.advance } ?? Em(startX)
            var maxGap = 0.0
            for k in 1..<max(glyphs.count, 1) {
                let a = glyphs[k - 1], g = glyphs[k]
                if isHanCharacter(text[a.index]) && isHanCharacter(text[g.index]) {
                    maxGap = max(maxGap, g.x.value - a.x.value - a.advance.value)
                }
            }
            lines.append(ComposedLine(range: b.start..<b.end, glyphs: glyphs, width: width, isLast: b.isLast,
                                      overfull: width.value > measure.value + 1e-6,
                                      unjustifiable: b.fit.unjustifiable, maxHanGap: Em(maxGap)))
        }
        var result = ComposedParagraph(text: text, lines: lines, measure: measure, indent: indent,
                                       uncovered: shaped.uncovered)
        result.orphanAvoided = orphanAvoided
        result.forbiddenBreaks = forbiddenBreaks(breaks, opportunities)
        return result
    }

    /// Shapes and composes a paragraph.
    public func compose(_ paragraph: String, shaper: some TextShaper, measure: Em, indent: Em = .zero)
        -> ComposedParagraph
    {
        let text = Array(paragraph.unicodeScalars)
        return compose(text, shaped: shaper.shape(text), measure: measure, indent: indent)
    }
}
