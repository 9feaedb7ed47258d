/// Flowing a story's body into its columns, line by line on the grid, balanced so the columns
/// end level (or as near as whole lines allow).

/// One unit of body flow. Each takes whole grid lines.
public enum FlowItem: Sendable {
    /// A body line (one grid line).
    case line(SetLine)
    /// A subhead: a blank line above it (unless it opens a column) and its lines; it is kept
    /// with the line after it.
    case subhead([SetLine])

    var lines: Int {
        switch self {
        case .line: 1
        case .subhead(let l): l.count
        }
    }
}

/// Where items go: column index and first grid line within the body area.
public struct FlowPlacement: Sendable {
    public var item: Int
    public var column: Int
    public var line: Int
    /// Lines the item takes here (a subhead's blank line above is not included).
    public var lines: Int
}

public struct FlowResult: Sendable {
    public var placements: [FlowPlacement]
    /// Lines used in the tallest column.
    public var height: Int
    /// Items that did not fit (overset), from this index on.
    public var oversetFrom: Int?
    /// Body lines that did not fit.
    public var oversetLines: Int
    /// Where each column's last line ends (its top included), when the fill was asked for them.
    var columnEnds: [Int] = []
}

/// A body flow as plain numbers, for the optimiser's many trial fills: each item's lines,
/// negative for a subhead (no reference counting in the inner loop: measured 14 % of make-up).
typealias FlowUnits = [Int]

func flowUnits(_ items: [FlowItem]) -> FlowUnits {
    items.map { item in
        switch item {
        case .line: 1
        case .subhead(let l): -l.count
        }
    }
}

/// Fills columns in order: column `c` starts `tops[c]` lines down the body area (below a
/// photo that spans it) and holds at most `capacities[c]` lines.
func fill(_ items: [FlowItem], tops: [Int], capacities: [Int]) -> FlowResult {
    fill(flowUnits(items), tops: tops, capacities: capacities)
}

/// Every item placed, one after another down the columns (`placing: false`: a trial fill,
/// `trialFill`, heights and column ends only).
func fill(_ items: FlowUnits, tops: [Int], capacities: [Int], placing: Bool = true, ends: Bool = false) -> FlowResult {
    guard placing else { return trialFill(items, tops: tops, capacities: capacities, ends: ends) }
    var placements: [FlowPlacement] = []
    var columnEnds = ends ? tops : []
    let columns = capacities.count
    var column = 0, line = 0, tallest = 0
    var i = 0
    while i < items.count {
        let lines = abs(items[i])
        let height = column < columns ? capacities[column] : 0
        var need = lines
        var top = line
        if items[i] < 0 {
            if line > 0 { top += 1; need += 1 }
            // Keep with next: the subhead and one following line in the same column.
            let withNext = need + (i + 1 < items.count ? 1 : 0)
            if line + withNext > height && column < columns - 1 {
                column += 1; line = 0
                continue
            }
        } else if line + need > height && column < columns - 1 {
            column += 1; line = 0
            continue
        }
        if column >= columns || line + need > height {
            // Out of room: the rest is overset.
            let rest = items[i...].reduce(0) { $0 + abs($1) }
            return FlowResult(placements: placements, height: tallest, oversetFrom: i, oversetLines: rest,
                              columnEnds: columnEnds)
        }
        placements.append(FlowPlacement(item: i, column: column, line: tops[column] + top, lines: lines))
        line = top + lines
        tallest = max(tallest, tops[column] + line)
        if ends { columnEnds[column] = tops[column] + line }
        i += 1
    }
    return FlowResult(placements: placements, height: tallest, oversetFrom: nil, oversetLines: 0, columnEnds: columnEnds)
}

/// Consecutive body lines as one run (a subhead stays an item of its own): what trial fills
/// walk, a body's few subheads apart, instead of its every line.
func flowRuns(_ units: FlowUnits) -> FlowUnits {
    var runs: FlowUnits = []
    for u in units {
        if u > 0, let last = runs.last, last > 0 { runs[runs.count - 1] = last + u } else { runs.append(u) }
    }
    return runs
}

/// `fill`'s height, overset and column ends without placements, for the page search's trial
/// fills (thousands a page). A positive unit is a run of body lines (`flowRuns`), split across
/// columns where `fill` would move to the next column line by line; a body given line by line
/// fills the same. Walking runs, not lines, made fills a tenth as long (a story of 300 lines
/// and three subheads is seven runs): fill was 15 % of the search, perf. `oversetFrom` is the
/// run that did not fit.
private func trialFill(_ runs: FlowUnits, tops: [Int], capacities: [Int], ends: Bool) -> FlowResult {
    var columnEnds = ends ? tops : []
    let columns = capacities.count
    var column = 0, line = 0, tallest = 0
    var i = 0
    var left = runs.isEmpty ? 0 : abs(runs[0]) // lines of run i not yet placed
    while i < runs.count {
        let height = column < columns ? capacities[column] : 0
        if runs[i] < 0 {
            var need = left, top = line
            if line > 0 { top += 1; need += 1 }
            // Keep with next: the subhead and one following line in the same column.
            let withNext = need + (i + 1 < runs.count ? 1 : 0)
            if line + withNext > height && column < columns - 1 {
                column += 1; line = 0
                continue
            }
            if column >= columns || line + need > height { break }
            line = top + left
            left = 0
        } else if left > 0 {
            if line + 1 > height && column < columns - 1 {
                column += 1; line = 0
                continue
            }
            if column >= columns || line + 1 > height { break }
            let taken = min(left, height - line)
            line += taken
            left -= taken
        }
        tallest = max(tallest, tops[column] + line)
        if ends { columnEnds[column] = tops[column] + line }
        if left == 0 {
            i += 1
            if i < runs.count { left = abs(runs[i]) }
        }
    }
    guard i >= runs.count else {
        let rest = left + runs[(i + 1)...].reduce(0) { $0 + abs($1) }
        return FlowResult(placements: [], height: tallest, oversetFrom: i, oversetLines: rest, columnEnds: columnEnds)
    }
    return FlowResult(placements: [], height: tallest, oversetFrom: nil, oversetLines: 0, columnEnds: columnEnds)
}

/// The body flowed so its columns end level: the lowest height at which everything fits
/// (columns under a photo start below it, `tops`), then as many of the last columns a line
/// shorter as the copy allows, so no column ends more than a line above the others (a
/// sequential fill at the lowest height leaves the last column up to columns − 1 lines
/// short: 29 lines in 4 columns end 8, 8, 8, 5; levelled they end 8, 7, 7, 7). At most
/// `maxHeight` lines: beyond it the rest is overset.
func levelFlow(_ items: [FlowItem], tops: [Int], maxHeight: Int) -> FlowResult {
    levelFlow(flowUnits(items), tops: tops, maxHeight: maxHeight)
}

/// `placing: false`: the height, overset and column ends only, from trial fills (`items` may
/// then be runs, `flowRuns`).
func levelFlow(_ items: FlowUnits, tops: [Int], maxHeight: Int, placing: Bool = true, ends: Bool = false) -> FlowResult {
    let columns = tops.count
    func capacities(_ h: Int) -> [Int] { tops.map { max(0, h - $0) } }
    guard columns > 0, maxHeight > 0 else {
        return FlowResult(placements: [], height: 0, oversetFrom: items.isEmpty ? nil : 0,
                          oversetLines: items.reduce(0) { $0 + abs($1) })
    }
    let full = fill(items, tops: tops, capacities: capacities(maxHeight), placing: placing)
    if full.oversetFrom != nil || items.isEmpty { return full }
    let total = items.reduce(0) { $0 + abs($1) }
    // The lowest height is at least the lines spread evenly over the columns; a subhead's
    // blank line or a kept pair may need one or two more. Probing up from there takes one to
    // three fills (a binary search from 1 took nine, and this runs for every trial fit).
    var lo = min(maxHeight, max(1, (total + tops.reduce(0, +) + columns - 1) / columns))
    while lo < maxHeight && fill(items, tops: tops, capacities: capacities(lo), placing: false).oversetFrom != nil { lo += 1 }
    // Shorten the last columns that reach the full height, most first, while it all still fits.
    var chosen = capacities(lo)
    let free = chosen.reduce(0, +) - total
    var shortened = min(free, columns - 1)
    while shortened > 0 {
        let caps = shortening(capacities(lo), shortened, in: (0..<columns).reversed())
        if fill(items, tops: tops, capacities: caps, placing: false).oversetFrom == nil { chosen = caps; break }
        shortened -= 1
    }
    // A subhead kept with its next line moves on from a column's foot and leaves it short; the
    // copy then ends early in the last column, two lines or more above the first. Some of the
    // first columns a line shorter as well carry the copy on: the fewest short lines is taken
    // (five lines, a subhead, six lines, a two-line subhead and nine lines in two columns
    // ended 13 and 11, which layoutcheck calls unbalanced; with the first column a line
    // shorter they end 12 and 13). At most 28 trial fills of a few runs each, and only for a
    // body that does not end level.
    guard columns > 1 else { return fill(items, tops: tops, capacities: chosen, placing: placing, ends: ends) }
    var trial = fill(items, tops: tops, capacities: chosen, placing: false, ends: true)
    var white = ragged(trial)
    let most = min(free, columns - 1)
    if white > 0 && most > 0 {
        search: for first in 1...most {
            for last in 0...(most - first) {
                let caps = shortening(shortening(capacities(lo), first, in: 0..<columns), last, in: (0..<columns).reversed())
                let r = fill(items, tops: tops, capacities: caps, placing: false, ends: true)
                guard r.oversetFrom == nil else { continue }
                let w = ragged(r)
                if w < white { white = w; chosen = caps; trial = r }
                if white == 0 { break search }
            }
        }
    }
    return placing ? fill(items, tops: tops, capacities: chosen, placing: true, ends: ends) : trial
}

/// `caps` with the first `count` columns, taken in `order`, that hold lines one line shorter.
private func shortening(_ caps: [Int], _ count: Int, in order: some Sequence<Int>) -> [Int] {
    var caps = caps, left = count
    for c in order where left > 0 && caps[c] > 0 {
        caps[c] -= 1
        left -= 1
    }
    return caps
}

/// Column-lines by which columns ending at `ends` stop short of `height` beyond the line each
/// may end short.
private func shortLines(_ ends: [Int], below height: Int) -> Int {
    ends.reduce(0) { $0 + max(0, height - $1 - 1) }
}

/// A fill's columns measured against its tallest.
private func ragged(_ flow: FlowResult) -> Int {
    shortLines(flow.columnEnds, below: flow.columnEnds.max() ?? 0)
}

/// The level height of a body whose columns start at `tops`, and the column-lines of white it
/// leaves above `foot` (the level height when nil or less) beyond the one line a level column
/// may end short: a subhead kept with its next line, pushed into the next column, can
/// leave a column three lines short in the middle of a story (the sample's lead beside its
/// photo ended 8/8/5/27/27, which layoutcheck calls unbalanced while the sum of the short
/// lines stayed within the tolerance of a line a column). One levelled fill gives both: the
/// search asks for them together, and flowing the body a second time for the ends alone was
/// an eighth of the search (perf, 11-page bench edition).
func naturalFlow(_ items: FlowUnits, tops: [Int], foot: Int? = nil) -> (height: Int, ragged: Int) {
    guard !items.isEmpty, !tops.isEmpty else { return (tops.max() ?? 0, 0) }
    let total = items.reduce(0) { $0 + abs($1) + 1 } + (tops.max() ?? 0)
    let flow = levelFlow(items, tops: tops, maxHeight: total, placing: false, ends: true)
    let height = max(foot ?? flow.height, flow.height)
    guard flow.oversetFrom == nil else { return (flow.height, 0) }
    return (flow.height, shortLines(flow.columnEnds, below: height))
}

/// The column-lines of white a body cut to `height` (for a jump, or set over) leaves in its
/// columns beyond the line each may end short: a cut body fills every column to the foot,
/// except where a subhead kept with its next line does not fit at the foot of one and moves
/// to the next (a tabloid's overfull page had a 2-column story's first column end four lines
/// short above the subhead that opened the second, and layoutcheck called it unbalanced).
func cutFlowWhite(_ runs: FlowUnits, tops: [Int], height: Int) -> Int {
    guard !runs.isEmpty, !tops.isEmpty else { return 0 }
    let flow = fill(runs, tops: tops, capacities: tops.map { max(0, height - $0) }, placing: false, ends: true)
    return shortLines(flow.columnEnds, below: height)
}
