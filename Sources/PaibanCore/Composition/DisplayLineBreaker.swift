/// Choosing a display text's breaks: the fewest lines that fit the measure, then among the
/// allowed breaks (`displayBreakCosts`) the set whose lines are nearest equal, as papers set a
/// two-line head (two even lines, the first not much the shorter), at the least break cost.
/// A dynamic programme over the allowed breaks: O(lines × breaks²), a few hundred steps for a
/// head.

/// The weights of a display text's line choice, in one unit with `DisplayBreakCost`.
enum DisplayLineCost {
    /// Per em², each line's distance from the lines' mean width: lines of 9 and 7 em cost 1
    /// (each 1 em off), so a break before a one-character word (5, against 1 between words) is
    /// taken only when the clean breaks leave two lines more than 4 em apart.
    static let balancePerEmSquared = 0.5
    /// The first line may be up to this much shorter than the mean without extra cost; beyond
    /// it each em² costs this again: a head reads top-down, and a short first line over a long
    /// second one looks like a stub above the head.
    static let firstLineShortfallAllowance = 1.0
    static let firstLineShortfallPerEmSquared = 1.0
    /// A line more than the fewest that fit: a head one line deeper takes grid lines from the
    /// story, so it must buy a much better break (an inside-word break for a clean one).
    static let extraLine = 20.0
    /// Per em a line runs past the measure (only when nothing fits: a word wider than it).
    static let overfullPerEm = 1e6
}

struct DisplayLineChoice: Equatable {
    /// Where each line starts, the first at the segment's start.
    var starts: [Int]
    var cost: Double
    /// A break inside a word was needed.
    var breaksWord: Bool
    /// A line is wider than the measure.
    var overfull: Bool
}

/// Breaks `segment` of a text into lines of at most `measure` em. `width(a, b)` is the natural
/// width in em of the line holding scalars `a..<b`; `costs[i]` the cost of a break before `i`.
func chooseDisplayBreaks(segment: Range<Int>, costs: [Double], measure: Double,
                         width: (Int, Int) -> Double) -> DisplayLineChoice {
    var candidates = [segment.lowerBound]
    for i in segment.dropFirst() where costs[i].isFinite { candidates.append(i) }
    candidates.append(segment.upperBound)
    let m = candidates.count
    let total = width(segment.lowerBound, segment.upperBound)
    if total <= measure + 1e-6 || m == 2 {
        return DisplayLineChoice(starts: [segment.lowerBound], cost: 0, breaksWord: false,
                                 overfull: total > measure + 1e-6)
    }
    // No room at all (a box's padding wider than its column): each unit on a line of its own,
    // overfull and reported; the balancing below divides by the measure.
    if m > maximumBalancedCandidates || !(measure > 0) || !total.isFinite {
        return greedyBreaks(candidates, costs: costs, measure: measure, width: width)
    }
    let fewest = min(m - 1, max(1, Int((total / measure - 1e-9).rounded(.up))))
    var best: (choice: DisplayLineChoice, total: Double)? = nil
    for k in fewest...min(fewest + 2, m - 1) {
        guard let c = bestBreaks(lines: k, candidates: candidates, costs: costs, measure: measure,
                                 target: total / Double(k), width: width) else { continue }
        let t = c.cost + DisplayLineCost.extraLine * Double(k - fewest)
        if best == nil || t < best!.total { best = (c, t) }
    }
    return best?.choice ?? DisplayLineChoice(starts: [segment.lowerBound], cost: .infinity, breaksWord: false,
                                             overfull: true)
}

/// Above this many break candidates a text is no head (a 3,900-character "title" took minutes
/// in the balancing programme, cubic in its length); it is set line by line instead. A head of
/// 40 characters has about 45.
let maximumBalancedCandidates = 240

/// Each line as long as the measure allows, ending at its cheapest clean break among the last
/// few that fit (a break inside a word only when no other fits); a unit wider than the measure
/// stands on its own line, overfull.
private func greedyBreaks(_ c: [Int], costs: [Double], measure: Double, width: (Int, Int) -> Double) -> DisplayLineChoice {
    var starts = [c[0]]
    var i = 0
    var breaksWord = false, overfull = false
    while i < c.count - 1 {
        var j = i + 1
        var clean: Int? = nil
        while j < c.count && width(c[i], c[j]) <= measure + 1e-6 {
            if j == c.count - 1 || costs[c[j]] < DisplayBreakCost.insideWord { clean = j }
            j += 1
        }
        let end = clean ?? max(i + 1, j - 1)
        if clean == nil && end < c.count - 1 { breaksWord = true }
        if width(c[i], c[end]) > measure + 1e-6 { overfull = true }
        if end < c.count - 1 { starts.append(c[end]) }
        i = end
    }
    return DisplayLineChoice(starts: starts, cost: Double(starts.count), breaksWord: breaksWord, overfull: overfull)
}

/// The cheapest way to set the candidates' span in exactly `lines` lines.
private func bestBreaks(lines k: Int, candidates c: [Int], costs: [Double], measure: Double, target: Double,
                        width: (Int, Int) -> Double) -> DisplayLineChoice? {
    let m = c.count
    // cost[l][j]: the text up to candidate j set in l lines; from[l][j]: the line's start.
    var cost = [[Double]](repeating: [Double](repeating: .infinity, count: m), count: k + 1)
    var from = [[Int]](repeating: [Int](repeating: -1, count: m), count: k + 1)
    cost[0][0] = 0
    for l in 1...k {
        for j in 1..<m {
            // The last line must end at the end; earlier ones must leave a candidate per line.
            if l == k && j != m - 1 { continue }
            if m - 1 - j < k - l { continue }
            if j < l { continue }
            // Lines longer back from j only grow: past the first one wider than the measure
            // none can fit (a unit wider than the measure still gets its own line).
            for i in stride(from: j - 1, through: l - 1, by: -1) {
                let w = width(c[i], c[j])
                if w > measure + 1e-6 && i < j - 1 { break }
                guard cost[l - 1][i].isFinite else { continue }
                var line = DisplayLineCost.balancePerEmSquared * (w - target) * (w - target)
                if l == 1 {
                    let short = target - DisplayLineCost.firstLineShortfallAllowance - w
                    if short > 0 { line += DisplayLineCost.firstLineShortfallPerEmSquared * short * short }
                }
                if i > 0 { line += costs[c[i]] }
                if w > measure + 1e-6 { line += DisplayLineCost.overfullPerEm * (w - measure) }
                let t = cost[l - 1][i] + line
                // Visited from the longest line down: on a tie the earliest start wins, as before.
                if t <= cost[l][j] {
                    cost[l][j] = t
                    from[l][j] = i
                }
            }
        }
    }
    guard cost[k][m - 1].isFinite else { return nil }
    var starts: [Int] = []
    var j = m - 1
    var overfull = false
    for l in stride(from: k, to: 0, by: -1) {
        let i = from[l][j]
        if width(c[i], c[j]) > measure + 1e-6 { overfull = true }
        starts.append(c[i])
        j = i
    }
    starts.reverse()
    let breaksWord = starts.dropFirst().contains { costs[$0] >= DisplayBreakCost.insideWord }
    return DisplayLineChoice(starts: starts, cost: cost[k][m - 1], breaksWord: breaksWord, overfull: overfull)
}
