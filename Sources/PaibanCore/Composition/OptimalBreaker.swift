/// Whole-paragraph optimal line breaking (Knuth–Plass total fit) over the tailored break
/// opportunities. Hard rules are absent edges; house preferences are penalties; a last line
/// with fewer than two Han (孤字) is all but forbidden.

/// One chosen line: scalars `start..<end` are set on it (`end` excludes trailing spaces).
struct LineBreak: Equatable {
    var start: Int
    var end: Int
    /// Where the next line starts (after the spaces the break discarded).
    var next: Int
    var hanging: Bool
    var fit: LineFit
    var isLast: Bool
    static func == (a: LineBreak, b: LineBreak) -> Bool {
        a.start == b.start && a.end == b.end && a.hanging == b.hanging
    }
}

struct BreakerInput {
    var text: [Unicode.Scalar]
    var metrics: ParagraphMetrics
    var opportunities: [BreakOpportunity]
    var profile: CompositionProfile
    var measure: Double
    var indent: Double
    /// Lines shown to cost more than the best found are not set (`looseLines`); off only in
    /// the test that checks the breaks are the same either way.
    var skipsLooseLines = true
}

private struct Node {
    var position: Int
    var total: Double
    var previous: Int
    var hanging: Bool
    var fit: LineFit
    var end: Int
}

/// Demerits that keep a 孤字 out unless nothing else is possible.
private let orphanDemerits = 1e9
/// A last line whose text is one Han and a Western word (约$14。) is no 孤字, but two Han read
/// better when they cost little: about one line at ⅛-em gaps.
private let loneHanDemerits = 2e4
private let lineDemeritBase = 10.0

/// Chooses the breaks of a paragraph. Never fails: when no arrangement satisfies the rules the
/// least bad one is returned with its lines marked overfull or unjustifiable, and the caller
/// reports them.
func chooseBreaks(_ input: BreakerInput) -> (lines: [LineBreak], orphanAvoided: Bool) {
    let first = run(input, level: .rules)
    guard first.lines.contains(where: { $0.fit.overfull }) else { return first }
    // A word or number wider than the measure: allow breaking inside it, as a last resort.
    let second = run(input, level: .insideWords)
    guard second.lines.contains(where: { $0.fit.overfull }) else { return second }
    // A run no rule lets break is wider than the measure (40 × —, 60 × ……, “““…): break it
    // where the rules forbid rather than print it across the next column; the caller reports it.
    return run(input, level: .anywhere)
}

/// The whole paragraph as one line at its natural width, without searching for breaks: what
/// a display text's natural widths are measured from (the search is quadratic when nothing
/// ever ends a line, and a 3,900-character text took seconds).
func unbrokenLine(_ input: BreakerInput) -> [LineBreak] {
    let n = input.text.count, m = input.metrics
    guard n > 0 else { return [] }
    var end = n
    while end > 0, m.classes[end - 1] == .space { end -= 1 }
    guard end > 0 else { return [] }
    var acc = m.prefix[end] - m.prefix[0] - m.glue[end - 1]
    if !input.profile.grid { acc = acc - m.rbPart[end - 1] }
    if input.profile.trimsOpeningAtLineStart && m.classes[0] == .opening { acc = acc - m.lbPart[0] }
    let fit = fitLine(acc, target: input.measure - input.indent, isLast: true, grid: input.profile.grid)
    return [LineBreak(start: 0, end: end, next: n, hanging: false, fit: fit, isLast: true)]
}

/// How far the breaker may go to keep every line inside the measure.
private enum BreakLevel { case rules, insideWords, anywhere }

/// Demerits for a break the rules forbid: above an emergency break inside a word (1e4), so the
/// fewest such breaks are made.
private let forbiddenBreakPenalty = 1e5

/// Whether a break before `text[p]` keeps every character whole: never between a base and its
/// combining mark, variation selector or emoji modifier, nor after a zero-width joiner.
private func keepsCharacterWhole(_ text: [Unicode.Scalar], _ p: Int) -> Bool {
    let s = text[p]
    if text[p - 1].value == 0x200D || s.value == 0x200D { return false }
    if (0xFE00...0xFE0F).contains(s.value) || (0xE0100...0xE01EF).contains(s.value) || (0x1F3FB...0x1F3FF).contains(s.value) {
        return false
    }
    switch s.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return false
    default: return true
    }
}

/// How many of the chosen breaks fall where the rules forbid one (made only by the last resort).
func forbiddenBreaks(_ lines: [LineBreak], _ opportunities: [BreakOpportunity]) -> Int {
    lines.dropLast().filter { line in
        guard line.next < opportunities.count else { return false }
        if case .forbidden = opportunities[line.next] { return true }
        return false
    }.count
}

/// The breaks, and whether the best arrangement without the 孤字 rule would have ended on a
/// lone character (so the rule changed the paragraph: a 孤字 avoided, for the report).
private func run(_ input: BreakerInput, level: BreakLevel) -> (lines: [LineBreak], orphanAvoided: Bool) {
    let n = input.text.count
    let m = input.metrics
    guard n > 0 else { return ([], false) }
    var nodes = [Node(position: 0, total: 0, previous: -1, hanging: false, fit: LineFit(), end: 0)]
    var active: [Int] = [0]
    var lastDeactivated = 0
    var bestOrphanEnding = Double.infinity
    let hangable = input.profile.hanging

    // Candidate break positions, the paragraph end last.
    var candidates: [(Int, Double)] = []
    candidates.reserveCapacity(n / 2 + 1)
    for p in 1..<n {
        switch input.opportunities[p] {
        case .allowed(let penalty): candidates.append((p, penalty))
        case .emergency: if level != .rules { candidates.append((p, 1e4)) }
        case .forbidden: if level == .anywhere && keepsCharacterWhole(input.text, p) { candidates.append((p, forbiddenBreakPenalty)) }
        }
    }
    candidates.append((n, 0))
    // Whether lines that start later are never wider nor more stretchable (`looseLines`).
    let prunable = input.skipsLooseLines && widthsGrowWithText(m)

    for (p, penalty) in candidates {
        let isLast = p == n
        var end = p
        while end > 0, m.classes[end - 1] == .space { end -= 1 }
        var best: Node? = nil
        // Demerits every line still to try here costs at least, once one has opened Han gaps.
        var looseLines: Double? = nil
        var k = 0
        while k < active.count {
            let a = nodes[active[k]]
            let s = a.position
            guard end > s else { k += 1; continue }
            if let lower = looseLines, let b = best,
               a.total + lower >= b.total + 1e-9 * max(1, abs(b.total), lower) {
                // This line cannot beat the best found (see below): not set.
                k += 1
                continue
            }
            let target = input.measure - (s == 0 ? input.indent : 0)
            var acc = m.prefix[end] - m.prefix[s] - m.glue[end - 1]
            if !input.profile.grid { acc = acc - m.rbPart[end - 1] }
            if input.profile.trimsOpeningAtLineStart && m.classes[s] == .opening { acc = acc - m.lbPart[s] }
            let minWidth = acc[Lane.natural] - (acc * Lane.shrinkMask).sum()
            // Hanging: one ，。、 past the measure, not in a run of marks.
            let canHangHere = hangable && end - s >= 2 && canHang(input.text[end - 1], m.classes[end - 2])
            var hangAcc = acc
            if canHangHere {
                hangAcc = acc - m.box[end - 1]
                if !input.profile.grid { hangAcc = hangAcc + m.rbPart[end - 1] } // its blank was already removed
                hangAcc[Lane.han] = acc[Lane.han]
                hangAcc[Lane.units] = acc[Lane.units]
            }
            let hangGain = acc[Lane.natural] - hangAcc[Lane.natural]
            if minWidth - hangGain > target + 1.5 {
                // Too far back for this and every later break.
                lastDeactivated = active[k]
                active.remove(at: k)
                continue
            }
            let from = active[k]
            k += 1
            let orphan = isLast && s > 0 && isOrphan(acc)
            let options = canHangHere && !(isLast && acc[Lane.natural] <= target + 1e-9) ? 2 : 1
            var unhung = LineFit()
            for option in 0..<options {
                let hanging = option == 1
                let fit = fitLine(hanging ? hangAcc : acc, target: target, isLast: isLast, grid: input.profile.grid)
                if !hanging { unhung = fit }
                if fit.overfull { continue }
                var d = (lineDemeritBase + fit.badness) * (lineDemeritBase + fit.badness) + penalty * penalty
                if hanging { d += 1 }
                if orphan {
                    bestOrphanEnding = min(bestOrphanEnding, a.total + d)
                    d += orphanDemerits
                } else if isLast && s > 0 && acc[Lane.han] < 2 {
                    d += loneHanDemerits
                }
                let total = a.total + d
                if best == nil || total < best!.total {
                    best = Node(position: p, total: total, previous: from, hanging: hanging, fit: fit, end: end)
                }
            }
            if looseLines == nil && !isLast && prunable && (unhung.evenGap > 0 || unhung.unjustifiable) {
                // The first line here that opens Han gaps. The nodes after it in `active` start
                // later, so their lines are shorter: no wider, no more stretch, no more gaps, so
                // at least as loose (`widthsGrowWithText`), and each costs at least this line's
                // demerits from opening gaps (capped at an unjustifiable line's: a line with
                // no gaps at all costs that, however short). A node whose total with them
                // cannot beat the best line found is not tried: in a 13-字 column most of the
                // dozen nodes short of the measure were set for nothing at every break (the
                // breaker was the largest single function of a render, perf).
                let bad = lineDemeritBase + min(unhung.openedGapsBadness, unjustifiableBadness)
                looseLines = bad * bad + penalty * penalty
            }
        }
        if best == nil && (active.isEmpty || isLast) {
            // Nothing reaches here within the measure: an overfull line from the best node left.
            let base = active.min(by: { nodes[$0].total < nodes[$1].total }) ?? lastDeactivated
            let a = nodes[base]
            let s = a.position
            if end > s {
                let target = input.measure - (s == 0 ? input.indent : 0)
                var acc = m.prefix[end] - m.prefix[s] - m.glue[end - 1]
                if !input.profile.grid { acc = acc - m.rbPart[end - 1] }
                let fit = fitLine(acc, target: target, isLast: isLast, grid: input.profile.grid)
                best = Node(position: p, total: a.total + fit.badness * fit.badness, previous: base,
                            hanging: false, fit: fit, end: end)
            }
        }
        if var node = best {
            node.position = p
            nodes.append(node)
            active.append(nodes.count - 1)
            if isLast { break }
        }
    }
    // The paragraph-end node is the last one appended at position n.
    guard let last = nodes.lastIndex(where: { $0.position == n }) else { return ([], false) }
    var lines: [LineBreak] = []
    var i = last
    while nodes[i].previous >= 0 {
        let node = nodes[i]
        let prev = nodes[node.previous]
        lines.append(LineBreak(start: prev.position, end: node.end, next: node.position,
                               hanging: node.hanging, fit: node.fit, isLast: node.position == n))
        i = node.previous
    }
    return (lines.reversed(), bestOrphanEnding < nodes[last].total)
}

/// Whether every character and gap adds to a line's width, stretch and gap counts (none takes
/// any away), so a line that starts later ends no wider and no more stretchable: what lets the
/// breaker skip lines shorter than one already too loose. True for all text the composer's
/// metrics make; checked, not assumed, so a metric that ever subtracts turns the skip off.
private func widthsGrowWithText(_ m: ParagraphMetrics) -> Bool {
    let lanes = [Lane.natural, Lane.stretchSpace, Lane.stretchHanLatin, Lane.stretchPunct,
                 Lane.evenGaps, Lane.spaces, Lane.hanLatinGaps]
    for i in 0..<m.count {
        let step = m.prefix[i + 1] - m.prefix[i]
        for lane in lanes where step[lane] < 0 { return false }
        for lane in lanes where m.lbPart[i][lane] < 0 || m.lbPart[i][lane] > step[lane] { return false }
    }
    return true
}

/// Only 、，。 may hang (clreq), and not when another mark precedes them.
@inline(__always)
private func canHang(_ s: Unicode.Scalar, _ before: GlyphClass) -> Bool {
    (s == "，" || s == "。" || s == "、" || s == "．") && !before.isPunctuation
}

/// 孤字: a paragraph's last line holding a single character of text — one Han or one Western
/// word or number — with or without punctuation (clreq §3.4.4).
@inline(__always)
private func isOrphan(_ acc: Adjustability) -> Bool {
    acc[Lane.units] < 2
}
