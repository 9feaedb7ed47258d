/// Display lines for make-up: headlines, kickers, decks, subheads, bylines, captions' credits,
/// jump heads and the masthead's lines. Unlike body text they are never justified: each line is
/// set at its natural width (punctuation compressed as in the body, never letter-spaced) and
/// aligned as its style says, and lines break only between words (`displayBreakCosts`), the
/// breaks chosen for balanced lines (`chooseDisplayBreaks`). A line break in the text itself
/// (an editor's `|` block in YAML) is always a break.

/// A display text as set at one measure.
public struct DisplayText: Sendable {
    public var lines: [SetLine]
    public var uncovered: [Unicode.Scalar]
    /// Why the text could not be broken acceptably at this measure (a word wider than the
    /// measure, or no break between words that fits); nil when it could.
    public var problem: String?
    public var acceptable: Bool { problem == nil }
}

extension TextSetter {
    /// Sets a display text in one font.
    public func setDisplay(_ string: String, font: FontSpec, measure: Double, align: TextStyle.Alignment,
                           role: TextRole, story: String?, breaking: DisplayBreaking = .head) -> DisplayText {
        let text = Array(string.unicodeScalars)
        return setDisplay(text, runs: [StyledRun(range: 0..<text.count, font: font)], measure: measure, align: align,
                          role: role, story: story, breaking: breaking)
    }

    /// Sets a display text whose runs may differ in font; ems are those of `runs[0]`'s size.
    /// `align` places each line in `measure` (justify counts as start: display lines are not
    /// justified).
    public func setDisplay(_ input: [Unicode.Scalar], runs inputRuns: [StyledRun], measure: Double,
                           align: TextStyle.Alignment, role: TextRole, story: String?,
                           breaking: DisplayBreaking = .head) -> DisplayText {
        let (text, runs, forced) = removingForcedBreaks(input, runs: inputRuns)
        guard !text.isEmpty, let first = runs.first else { return DisplayText(lines: [], uncovered: [], problem: nil) }
        let size = first.font.size.value
        let shaped = shaper.advances(text, runs: runs)
        let em = ShapedAdvances(advances: shaped.advances.map { $0 / size }, uncovered: shaped.uncovered)
        let composer = ParagraphComposer(profile: displayProfile)
        let key = DisplayMemo.Key(text: text, fonts: runs.map(\.font))
        let (natural, costs) = analysis(text, key: key, advances: em.advances, breaking: breaking)
        let target = measure / size
        var starts: [Int] = []
        var problem: String? = nil
        var segmentStart = 0
        for end in forced + [text.count] {
            defer { segmentStart = end }
            let segment = segmentStart..<end
            guard !segment.isEmpty else { continue }
            let choice = chooseDisplayBreaks(segment: segment, costs: costs, measure: target, width: natural.width)
            starts += choice.starts
            if problem == nil && (choice.breaksWord || choice.overfull) {
                problem = describeProblem(text, choice: choice, costs: costs, segment: segment, measure: target)
            }
        }
        let ends = Array(starts.dropFirst()) + [text.count]
        var lines: [SetLine] = []
        for (a, b) in zip(starts, ends) {
            let range = natural.trimmed(a, b)
            guard !range.isEmpty else { continue }
            let lineKey = DisplayMemo.LineKey(text: key, range: range)
            let glyphs = displayMemo.lines[lineKey] ?? composer.composeUnbroken(
                Array(text[range]), shaped: ShapedAdvances(advances: Array(em.advances[range]))
            ).lines.flatMap(\.glyphs)
            displayMemo.lines[lineKey] = glyphs
            guard !glyphs.isEmpty else { continue }
            let width = naturalExtent(glyphs) * size
            let shift: Double
            switch align {
            case .center: shift = (measure - width) / 2
            case .end: shift = measure - width
            case .start, .justify: shift = 0
            }
            let out = glyphRuns(glyphs, text: text, runs: runs, shaped: shaped, size: size, shift: shift,
                                offset: range.lowerBound, role: role, story: story)
            var set = SetLine(runs: out, width: width, isLast: b == text.count, overfull: width > measure + 1e-6)
            set.start = range.lowerBound
            lines.append(set)
        }
        return DisplayText(lines: lines, uncovered: shaped.uncovered, problem: problem)
    }

    /// Display lines are set solid, off the body's grid and never hung; they tighten their
    /// marks: quotation marks, brackets and pauses half width (开明), so “胜负手”提速 has no hole
    /// after the quote; only 。？！ keep their em.
    var displayProfile: CompositionProfile {
        var p = profile
        p.grid = false
        p.hanging = false
        if p.punctuation == .quanjiao { p.punctuation = .kaiming }
        return p
    }

    /// A text's natural widths (per text and fonts) and break costs (per text: where a text may
    /// break does not depend on its size), each worked out once and kept in `displayMemo`.
    private func analysis(_ text: [Unicode.Scalar], key: DisplayMemo.Key, advances: [Double],
                          breaking: DisplayBreaking) -> (NaturalWidths, [Double]) {
        let natural = displayMemo.natural[key]
            ?? NaturalWidths(text: text, advances: advances, composer: ParagraphComposer(profile: displayProfile))
        displayMemo.natural[key] = natural
        let costKey = DisplayMemo.CostKey(text: text, breaking: breaking)
        let costs = displayMemo.costs[costKey]
            ?? displayBreakCosts(text, words: segmenter.wordBoundaries(text), subwords: segmenter.subwordBoundaries(text),
                                 breaking: breaking, profile: displayProfile)
        displayMemo.costs[costKey] = costs
        return (natural, costs)
    }

    /// The longest start of a one-line text that fits `measure` and ends where a head may break
    /// (between words), for a line that must be cut (a teaser); nil when no such start fits.
    public func displayPrefix(_ string: String, font: FontSpec, measure: Double) -> String? {
        let text = Array(joiningLineBreaks(string).unicodeScalars)
        guard text.count > 1 else { return nil }
        let size = font.size.value
        let shaped = shaper.advances(text, runs: [StyledRun(range: 0..<text.count, font: font)])
        let (natural, costs) = analysis(text, key: DisplayMemo.Key(text: text, fonts: [font]),
                                        advances: shaped.advances.map { $0 / size }, breaking: .head)
        let end = (1..<text.count).last { costs[$0] < DisplayBreakCost.insideWord && natural.width(0, $0) * size <= measure }
        return end.map { String(String.UnicodeScalarView(text[natural.trimmed(0, $0)])) }
    }

    /// The text without its line breaks (an editor's own), the runs moved to match, and where
    /// each break was.
    private func removingForcedBreaks(_ text: [Unicode.Scalar], runs: [StyledRun])
        -> ([Unicode.Scalar], [StyledRun], [Int]) {
        let isBreak: (Unicode.Scalar) -> Bool = { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" }
        guard text.contains(where: isBreak) else { return (text, runs, []) }
        var out: [Unicode.Scalar] = []
        var newIndex = [Int](repeating: 0, count: text.count + 1)
        var forced: [Int] = []
        for (i, s) in text.enumerated() {
            newIndex[i] = out.count
            if isBreak(s) {
                if forced.last != out.count && !out.isEmpty { forced.append(out.count) }
            } else {
                out.append(s)
            }
        }
        newIndex[text.count] = out.count
        let moved = runs.map { r in
            StyledRun(range: newIndex[r.range.lowerBound]..<newIndex[r.range.upperBound], font: r.font, role: r.role)
        }
        return (out, moved, forced.filter { $0 < out.count })
    }

    private func describeProblem(_ text: [Unicode.Scalar], choice: DisplayLineChoice, costs: [Double],
                                 segment: Range<Int>, measure: Double) -> String {
        func str(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(text[r])) }
        let whole = str(segment)
        let m = String(format: "%.1f", measure)
        if choice.overfull {
            return "“\(whole)” has a word wider than \(m) 字 of its size"
        }
        // The break that falls inside a word, to show the editor where.
        let at = choice.starts.first { $0 > segment.lowerBound && costs[$0] >= DisplayBreakCost.insideWord }
            ?? segment.lowerBound
        let before = str(max(segment.lowerBound, at - 3)..<at), after = str(at..<min(segment.upperBound, at + 3))
        return "“\(whole)” cannot break between words in \(m) 字 of its size (best: …\(before)|\(after)…)"
    }
}

/// Per text and fonts: its break costs and natural widths (see `TextSetter.displayMemo`).
final class DisplayMemo {
    struct Key: Hashable {
        var text: [Unicode.Scalar]
        var fonts: [FontSpec]
    }
    struct CostKey: Hashable {
        var text: [Unicode.Scalar]
        var breaking: DisplayBreaking
    }
    struct LineKey: Hashable {
        var text: Key
        var range: Range<Int>
    }
    var costs: [CostKey: [Double]] = [:]
    var natural: [Key: NaturalWidths] = [:]
    /// Each line's glyphs as composed (in ems, before it is placed in its measure).
    var lines: [LineKey: [SetGlyph]] = [:]
}

/// Natural widths of lines cut from one text: the text composed once as a single line, each
/// candidate line's width read off its glyphs, corrected for what a line's edges change (a
/// closing mark at the end loses its blank half, an opener at the start its leading half,
/// GB/T 15834 §5.1.10) and without the spaces a break leaves at either edge.
struct NaturalWidths {
    let text: [Unicode.Scalar]
    let classes: [GlyphClass]
    let left: [Double], right: [Double]

    init(text: [Unicode.Scalar], advances: [Double], composer: ParagraphComposer) {
        self.text = text
        classes = classify(text)
        let one = composer.composeUnbroken(text, shaped: ShapedAdvances(advances: advances))
        var left = [Double](repeating: 0, count: text.count), right = left
        for g in one.lines.flatMap(\.glyphs) {
            let a = advances[g.index]
            var l = g.x.value, r = g.x.value + g.advance.value
            switch classes[g.index] {
            case .opening: l = r - a / 2   // at a line start only its ink half is left
            case .closing, .pause, .stop: r = l + a / 2
            default: break
            }
            left[g.index] = l
            right[g.index] = r
        }
        self.left = left
        self.right = right
    }

    /// The line's scalars without the spaces at its edges.
    func trimmed(_ a: Int, _ b: Int) -> Range<Int> {
        var lo = a, hi = b
        while lo < hi, classes[lo] == .space { lo += 1 }
        while hi > lo, classes[hi - 1] == .space { hi -= 1 }
        return lo..<hi
    }

    /// The natural width in em of the line holding `a..<b`.
    func width(_ a: Int, _ b: Int) -> Double {
        let r = trimmed(a, b)
        guard !r.isEmpty else { return 0 }
        return max(0, right[r.upperBound - 1] - left[r.lowerBound])
    }
}

/// Where a line's last non-hanging glyph ends, from its first glyph's box.
private func naturalExtent(_ glyphs: [SetGlyph]) -> Double {
    guard let first = glyphs.first, let last = glyphs.last(where: { !$0.hanging }) else { return 0 }
    return last.x.value + last.advance.value - first.x.value
}
