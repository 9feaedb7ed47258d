/// Automatic placement: the stories of a page, in order of importance, become a modular layout
/// of rectangles (whole columns × whole lines) that tile the free type area without overlaps or
/// holes. The layout is a guillotine tree searched exhaustively over a few shapes per node:
/// the first story always takes the top-left of its region (头条 top left), and its width and
/// height come from really setting it at each width. The score prefers stories that fill their
/// rectangles exactly (no overset, little white), titles of at most two lines, and leads wider
/// than the stories after them.

public struct Placement: Sendable, Equatable {
    public var story: String
    public var rect: GridRect
}

public struct PagePlan: Sendable {
    public var placements: [Placement]
    /// Free areas no story was given (reported as holes).
    public var emptyAreas: [GridRect]
    public var cost: Double
}

final class PagePlanner {
    let stories: [PreparedStory]
    let grid: Grid
    /// The bottom line of the type area: a story ending there needs no separator line.
    let bottom: Int
    private var memo: [Int: Choice] = [:]
    private var evaluations = 0
    /// Beyond this many evaluations the search keeps only the simplest shapes (a page with very
    /// many stories still lays out quickly).
    private let budget = 6_000

    /// A region and a run of stories packed into one integer (a cheap dictionary key).
    private func key(_ r: GridRect, _ from: Int, _ to: Int) -> Int {
        var k = r.column
        k = k << 8 | r.columns
        k = k << 12 | r.line
        k = k << 12 | r.lines
        k = k << 10 | from
        return k << 10 | to
    }

    /// Widths to try for the left part of a region: every split of a narrow region; for a wide
    /// one the splits a designer uses (halves, thirds, a narrow column beside a wide one).
    private func splitWidths(_ columns: Int) -> [Int] {
        if columns <= 4 { return Array(1..<columns) }
        var out: [Int] = []
        for w in [columns / 2, (columns + 1) / 2, columns / 3, columns - columns / 3, 2, columns - 2, 3, columns - 3]
        where w >= 1 && w < columns && !out.contains(w) { out.append(w) }
        return out
    }

    private struct Choice {
        var cost: Double
        var placements: [(Int, GridRect)]
    }

    init(stories: [PreparedStory], grid: Grid, bottom: Int) {
        self.stories = stories
        self.grid = grid
        self.bottom = bottom
    }

    /// Plans `stories` into the free regions, in reading order.
    func plan(regions: [GridRect]) -> PagePlan {
        let usable = regions.filter { canHoldAStory($0) }
            .sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        let n = stories.count
        let m = usable.count
        guard m > 0 else {
            return PagePlan(placements: [], emptyAreas: regions, cost: n > 0 ? .infinity : 0)
        }
        // best[r][s]: the best cost of placing stories s..<n into regions r..<m.
        var best = Array(repeating: Array(repeating: Double.infinity, count: n + 1), count: m + 1)
        var next = Array(repeating: Array(repeating: -1, count: n + 1), count: m + 1)
        best[m][n] = 0
        for r in stride(from: m - 1, through: 0, by: -1) {
            for s in 0...n {
                // An empty region is a hole: allowed only when no story is left for it, or when
                // the next story could not show its head and three lines there (a strip left
                // above a fixed area): then white, reported, is better than a cut headline.
                let holeCost = s < n && !fits(s, usable[r]) ? 50_000 + 1_000 * Double(usable[r].area)
                                                            : 1e6 * Double(usable[r].area)
                if best[r + 1][s] + holeCost < best[r][s] {
                    best[r][s] = best[r + 1][s] + holeCost
                    next[r][s] = s
                }
                guard s < n else { continue }
                for e in (s + 1)...n where best[r + 1][e] < .infinity {
                    let c = solve(usable[r], s, e).cost + best[r + 1][e]
                    if c < best[r][s] { best[r][s] = c; next[r][s] = e }
                }
            }
        }
        var placements: [Placement] = []
        var empty: [GridRect] = regions.filter { !canHoldAStory($0) }
        var s = 0
        for r in 0..<m {
            let e = next[r][s]
            if e == s || e < 0 {
                empty.append(usable[r])
                continue
            }
            for (k, rect) in solve(usable[r], s, e).placements {
                placements.append(Placement(story: stories[k].key, rect: rect))
            }
            s = e
        }
        return PagePlan(placements: placements, emptyAreas: empty, cost: best[0][0])
    }

    /// Whether any of the page's stories could show its head and three lines of text in `r`.
    /// A sliver too shallow for that (a strip left above a fixed area) stays empty and is
    /// reported: a story squeezed into it would show a cut headline and nothing else.
    private func canHoldAStory(_ r: GridRect) -> Bool {
        guard r.columns >= 1 && r.lines >= 3 else { return false }
        return stories.isEmpty || stories.indices.contains { fits($0, r) }
    }

    /// Whether story `k` can show its head and three lines of text in `r` (separator included).
    private func fits(_ k: Int, _ r: GridRect) -> Bool {
        let shape = stories[k].shape(columns: r.columns)
        return minimumLines(shape) + (r.endLine < bottom ? 1 : 0) <= r.lines
    }

    /// The fewest lines that show a story: its head and three lines of text (a boxed story
    /// with its padding).
    private func minimumLines(_ shape: StoryShape) -> Int {
        shape.headLines + min(3, max(1, shape.bodyLines)) + shape.boxPadding
    }

    /// The best arrangement of stories `from..<to` filling `rect` exactly.
    private func solve(_ rect: GridRect, _ from: Int, _ to: Int) -> Choice {
        let key = key(rect, from, to)
        if let c = memo[key] { return c }
        evaluations += 1
        var best = Choice(cost: .infinity, placements: [])
        func consider(_ c: Choice) { if c.cost < best.cost { best = c } }
        let count = to - from
        if count == 1 {
            best = Choice(cost: fillCost(from, rect), placements: [(from, rect)])
            memo[key] = best
            return best
        }
        let simple = evaluations > budget
        let first = from
        // A: the first story across the region's full width, the rest below it.
        // Heights that fit the first story, or that leave the next one its natural height below.
        var topHeights = heights(first, columns: rect.columns, in: rect)
        let below = rect.lines - (stories[from + 1].shape(columns: rect.columns).naturalLines + 1)
        if below >= 3 && below <= rect.lines - 3 && !topHeights.contains(below) { topHeights.append(below) }
        for h in topHeights {
            let top = GridRect(column: rect.column, line: rect.line, columns: rect.columns, lines: h)
            let rest = GridRect(column: rect.column, line: rect.line + h, columns: rect.columns, lines: rect.lines - h)
            let tail = solve(rest, from + 1, to)
            consider(Choice(cost: fillCost(first, top) + tail.cost, placements: [(first, top)] + tail.placements))
        }
        guard rect.columns > 1 else { memo[key] = best; return best }
        // At most this many stories go into a strip or a stack beside the first one.
        let group = simple ? 1 : 3
        for w in splitWidths(rect.columns) {
            let left = GridRect(column: rect.column, line: rect.line, columns: w, lines: rect.lines)
            let right = GridRect(column: rect.column + w, line: rect.line, columns: rect.columns - w, lines: rect.lines)
            // B/D: stories from..<k stacked in the left columns, full height; the rest to the right.
            for k in (from + 1)..<min(to, from + 1 + group) {
                let l = solve(left, from, k)
                guard l.cost < best.cost else { continue }
                let r = solve(right, k, to)
                consider(Choice(cost: l.cost + r.cost, placements: l.placements + r.placements))
            }
            if simple { continue }
            // C: the first story top-left, stories up to k in the strip to its right, the rest
            // below across the full width (the lead with its 报眼 column beside it).
            // Heights that fit the lead, or the story beside it.
            var leadHeights = heights(first, columns: w, in: rect)
            for h in heights(from + 1, columns: rect.columns - w, in: rect) where !leadHeights.contains(h) { leadHeights.append(h) }
            for h in leadHeights {
                let lead = GridRect(column: rect.column, line: rect.line, columns: w, lines: h)
                let strip = GridRect(column: rect.column + w, line: rect.line, columns: rect.columns - w, lines: h)
                let below = GridRect(column: rect.column, line: rect.line + h, columns: rect.columns, lines: rect.lines - h)
                let leadCost = fillCost(first, lead)
                guard leadCost < best.cost else { continue }
                for k in (from + 2)..<min(to, from + 2 + group) {
                    let s = solve(strip, from + 1, k)
                    guard leadCost + s.cost < best.cost else { continue }
                    let b = solve(below, k, to)
                    consider(Choice(cost: leadCost + s.cost + b.cost,
                                    placements: [(first, lead)] + s.placements + b.placements))
                }
            }
        }
        memo[key] = best
        return best
    }

    /// Heights to try for a story at the top of a region: its natural height (with the
    /// separator line) and a line either side, leaving at least 3 lines below.
    private func heights(_ k: Int, columns: Int, in rect: GridRect) -> [Int] {
        let natural = stories[k].shape(columns: columns).naturalLines + 1
        var out: [Int] = []
        for h in (evaluations > budget / 2 ? [natural] : [natural, natural - 1, natural + 1]) where h >= 3 && h <= rect.lines - 3 {
            if !out.contains(h) { out.append(h) }
        }
        return out
    }

    /// How well story `k` fills `rect`.
    func fillCost(_ k: Int, _ rect: GridRect) -> Double {
        let prepared = stories[k]
        let shape = prepared.shape(columns: rect.columns)
        let separator = rect.endLine < bottom ? 1 : 0
        let available = rect.lines - separator
        var diff = available - shape.naturalLines
        var cost = 0.0
        // A photo may be cropped to up to 40 % less height to make room (see renderStory).
        let crop = min(max(0, -diff), photoSlack(shape))
        if crop > 0 {
            diff += crop
            cost += 4 * Double(crop)
        }
        if diff < 0 && prepared.canJump {
            // A story that may jump fills what it is given and continues later; it should still
            // show a fair start here (at least six lines a column).
            cost += 3 * Double(-diff * max(1, shape.bodyColumns))
            let bodyHere = available - (shape.naturalLines - shape.bodyLines)
            if bodyHere < 6 { cost += 400 + 50 * Double(6 - bodyHere) }
        } else if diff < 0 {
            // Overset: text that does not fit (roughly lines × columns of it).
            cost += 80 * Double(-diff * max(1, shape.bodyColumns)) + 500
        } else {
            // White space left in the story's columns.
            cost += 6.0 * Double(diff * rect.columns)
        }
        // A sliver that cannot show the head and three lines of text is no place for a story:
        // it would show a cut headline and nothing else.
        if available < minimumLines(shape) { cost += 200_000 }
        if shape.titleLineCount > 2 { cost += 80 * Double(shape.titleLineCount - 2) }
        // A width at which a head cannot break between words (it is reported) is a last resort:
        // dearer than a third title line.
        cost += 150 * Double(shape.headProblems.count)
        // Shallow legs: text spread over many columns a few lines deep reads badly (a boxed
        // 编者按 across the columns is the exception: a few lines is its usual shape).
        if shape.bodyColumns > 1 && shape.bodyLines < 8 && shape.bodyLines > 0 && prepared.story.kind != .editorsNote {
            cost += 12 * Double((8 - shape.bodyLines) * shape.bodyColumns)
        }
        // Importance: the lead deserves width; small items do not need it.
        let story = prepared.story
        let wanted = preferredColumns(priority: story.priority, kind: story.kind)
        if rect.columns < wanted {
            cost += (story.priority == 1 || story.kind == .editorsNote ? 120 : 40) * Double(wanted - rect.columns)
        }
        // Very tall single columns read badly.
        if rect.columns == 1 && rect.lines > grid.lines / 2 { cost += Double(rect.lines - grid.lines / 2) * 2 }
        return cost
    }

    private func preferredColumns(priority: Int, kind: StoryKind) -> Int {
        let c = grid.columns
        if kind == .advertisement || kind == .brief || kind == .briefs { return 1 }
        // A boxed note one column wide is a tall, thin box: two columns at least.
        if kind == .editorsNote { return max(1, min(2, c / 3)) }
        switch priority {
        case 1: return max(1, (c + 1) / 2)
        case 2: return max(1, c / 3)
        default: return max(1, min(2, c / 4))
        }
    }
}

/// How many lines a story's photo may give up by cropping.
func photoSlack(_ shape: StoryShape) -> Int { shape.imageLines * 2 / 5 }

/// The free type area once fixed rectangles are taken out, as rectangles that tile it.
func freeRegions(area: GridRect, taken: [GridRect]) -> [GridRect] {
    var free = [area]
    for t in taken {
        var next: [GridRect] = []
        for r in free {
            guard r.intersects(t) else { next.append(r); continue }
            let top = max(r.line, t.line), bottom = min(r.endLine, t.endLine)
            if t.line > r.line { next.append(GridRect(column: r.column, line: r.line, columns: r.columns, lines: t.line - r.line)) }
            if t.endLine < r.endLine {
                next.append(GridRect(column: r.column, line: t.endLine, columns: r.columns, lines: r.endLine - t.endLine))
            }
            if t.column > r.column {
                next.append(GridRect(column: r.column, line: top, columns: t.column - r.column, lines: bottom - top))
            }
            if t.endColumn < r.endColumn {
                next.append(GridRect(column: t.endColumn, line: top, columns: r.endColumn - t.endColumn, lines: bottom - top))
            }
        }
        free = next.filter { $0.lines > 0 && $0.columns > 0 }
    }
    return free
}
