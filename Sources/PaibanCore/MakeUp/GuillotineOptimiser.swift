/// The page optimiser of Paiban: a modular layout (a guillotine tree of rectangles of whole
/// columns × whole lines) searched by dynamic programming over story variants.
///
/// A page of modules is what Chinese and Western broadsheets print (newspaper-conventions.md
/// §1.2, §3): every story a rectangle, the rectangles cut from the type area by straight cuts.
/// Strecker & Hennig showed that such layouts are found by recursive splitting; the Aftenposten
/// and GN4 work fill them with story variants. Here a region and a run of the page's stories
/// (in order of importance) are solved once and memoised:
///   A  the first story across the region, the rest below it;
///   B  stories stacked in the left columns, the rest to the right;
///   C  the first story top-left, a strip of stories beside it (the 报眼), the rest below.
/// The first story of a region always takes its top-left: importance reads from the top left.
/// Each leaf is one story in one rectangle, scored at its best variant fitted to that height
/// (`PageScore.storyCost`); a region's heights are tried only where some variant of the story
/// fits with no hole and no overset, so rectangles tile the type area exactly whenever the
/// variants allow it.

public final class GuillotineOptimiser: PageOptimiser {
    /// Beyond this many region solves the search keeps to the simplest cuts (A and B, one
    /// story a strip), so a page of very many stories still lays out in well under 100 ms.
    /// Measured: the 10-story pages of the bench edition reach it and end at 12,000–15,000
    /// solves (the rest in the simple cuts); half of it cost the edition 2.6 % more score.
    public var budget = 8_000
    /// Heights tried for a story at the top of a region (its best fits).
    public var heightsPerStory = 6

    public init() {}

    public func plan(_ problem: PageProblem) -> PagePlan {
        // A narrower grid has fewer regions to a page: the same time buys more of them (a
        // 6-column tabloid page of ten small items needed 30,000 to close its last hole).
        let c = max(1, problem.grid.columns)
        let budget = max(self.budget, self.budget * 8 * 8 * 8 * 8 / (c * c * c * c) * 5 / 4)
        var search = Search(problem, budget: budget, heightsPerStory: heightsPerStory)
        var best = search.run()
        // The regions are filled by runs of stories in order of importance, so a region left
        // beside a fixed area (an advertisement's slot at the foot) would get whatever stories
        // come last. The stories that suit each such region best are tried there too, moved
        // to the end of the order (measured: a 4 × 15 slot beside an ad had the page's last,
        // long story overset by 39 lines while a brief fitted it).
        let usable = search.usableRegions()
        guard usable.count > 1, problem.stories.count > 2 else { return best }
        var tried = Set<Int>()
        for region in usable.dropFirst() {
            var costs: [(Int, Double)] = []
            for k in 1..<(problem.stories.count - 1) { costs.append((k, search.leaf(k, region).cost)) }
            let ranked = costs.filter { $0.1 < .infinity }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(2)
            for (k, _) in ranked where !tried.contains(k) {
                tried.insert(k)
                var reordered = problem
                reordered.stories.append(reordered.stories.remove(at: k))
                var again = Search(reordered, budget: budget, heightsPerStory: heightsPerStory)
                let plan = again.run()
                if plan.cost < best.cost { best = plan }
            }
        }
        return best
    }
}

/// One page's search: the memo lives as long as the page. A struct, so that its tables are
/// checked for exclusive access when compiled, not at every access (a class's `var`s cost a
/// runtime check each: with those of the stories' memos, about 4 % of the whole render, perf).
private struct Search {
    let problem: PageProblem
    let stories: [PreparedStory]
    let bottom: Int
    let budget: Int
    var heightsPerStory: Int
    private var memo = SearchTable<Choice>(capacity: 16_384, placeholder: .none)
    /// Leaves by story, width, height and whether a separator line ends them: a flat table
    /// (a dictionary's hashing was 7 % of the search).
    private var leafMemo: [Leaf?]
    /// Heights by story, width and region depth: ranges into `heightPool` (arrays of arrays
    /// cost an allocation and reference counting at every read).
    private var heightMemo: [(start: Int32, count: Int32)]
    private var heightPool: [Int] = []
    private var evaluations = 0
    /// At most this many stories go into a strip or a stack beside the first one.
    let groupSize = 3

    /// A leaf's cost and its fit, by index into `fits` (choices copy placements a great deal:
    /// plain values keep the search free of reference counting, measured 26 % of its time).
    struct Leaf {
        var cost: Double
        var fit: Int32
    }

    struct Module {
        var story: Int32
        var fit: Int32
        var packed: PackedRect
        init(story: Int32, fit: Int32, rect: GridRect) {
            self.story = story
            self.fit = fit
            packed = PackedRect(rect)
        }
        var rect: GridRect { packed.rect }
    }

    /// A rectangle in 16-bit fields (the search stores one in every node it keeps: four Ints
    /// made a node 176 bytes, and zeroing fresh pages for the nodes was 7 % of the search).
    struct PackedRect {
        var column: Int16, line: Int16, columns: Int16, lines: Int16
        init(_ r: GridRect) {
            column = Int16(clamping: r.column); line = Int16(clamping: r.line)
            columns = Int16(clamping: r.columns); lines = Int16(clamping: r.lines)
        }
        var rect: GridRect { GridRect(column: Int(column), line: Int(line), columns: Int(columns), lines: Int(lines)) }
    }

    /// A solved region: its cost and its node in `nodes`, where the layout is kept as a tree
    /// (a leaf's module, or up to three sub-regions in reading order) and only read out at
    /// the end — concatenating placement lists in the inner loop cost more than the search.
    struct Choice {
        var cost: Double
        var node: Int32
        static let none = Choice(cost: .infinity, node: -1)
    }

    struct Node {
        var module: Module?
        var children: (Int32, Int32, Int32)
        /// The fits of the stories at the top-left and at the top-right corner of the region
        /// (on its top line), for the cost of heads side by side with a neighbouring region.
        var topLeft: Int32
        var topRight: Int32
        /// The lines on which heads start along the region's left and right edges: heads of
        /// neighbouring regions starting within a line of each other stand side by side (撞题),
        /// however deep in a stack they are.
        var leftHeads = HeadLines()
        var rightHeads = HeadLines()
    }

    /// A set of grid lines as bits (lines beyond 127 are not tracked: no grid has them).
    struct HeadLines {
        var low: UInt64 = 0, high: UInt64 = 0
        init() {}
        init(line: Int) {
            if line < 64 { low = 1 << UInt64(line) } else if line < 128 { high = 1 << UInt64(line - 64) }
        }
        func union(_ o: HeadLines) -> HeadLines {
            var r = self
            r.low |= o.low
            r.high |= o.high
            return r
        }
        /// Lines of `self` with a line of `o` on them or next to them.
        func collisions(_ o: HeadLines) -> Int {
            let spreadLow = o.low | o.low << 1 | o.low >> 1 | (o.high & 1) << 63
            let spreadHigh = o.high | o.high << 1 | o.high >> 1 | o.low >> 63
            return (low & spreadLow).nonzeroBitCount + (high & spreadHigh).nonzeroBitCount
        }
    }

    /// What the search reads of a fit over and over (its head's size, whether it shows a
    /// photo), kept beside `fits` as plain values: reading them through the fit's variant cost
    /// reference counting at every look.
    private struct FitSummary {
        var titleSize: Points?
        var showsPhoto: Bool
    }
    private var fits: [StoryFit] = []
    private var summaries: [FitSummary] = []

    private func heads(_ m: Module) -> HeadLines {
        summaries[Int(m.fit)].titleSize == nil ? HeadLines() : HeadLines(line: Int(m.packed.line))
    }
    private var nodes: [Node] = []

    private mutating func leafChoice(_ module: Module, cost: Double) -> Choice {
        let h = heads(module)
        nodes.append(Node(module: module, children: (-1, -1, -1), topLeft: module.fit, topRight: module.fit,
                          leftHeads: h, rightHeads: h))
        return Choice(cost: cost, node: Int32(nodes.count - 1))
    }

    private mutating func join(_ cost: Double, _ a: Int32, _ b: Int32, _ c: Int32 = -1, topLeft: Int32, topRight: Int32,
                               leftHeads: HeadLines, rightHeads: HeadLines) -> Choice {
        nodes.append(Node(module: nil, children: (a, b, c), topLeft: topLeft, topRight: topRight,
                          leftHeads: leftHeads, rightHeads: rightHeads))
        return Choice(cost: cost, node: Int32(nodes.count - 1))
    }

    private func node(_ c: Choice) -> Node { nodes[Int(c.node)] }

    /// The modules of a solved region, in reading order.
    private func modules(_ node: Int32, into out: inout [Module]) {
        guard node >= 0 else { return }
        let n = nodes[Int(node)]
        if let m = n.module { out.append(m); return }
        modules(n.children.0, into: &out)
        modules(n.children.1, into: &out)
        modules(n.children.2, into: &out)
    }

    init(_ problem: PageProblem, budget: Int, heightsPerStory: Int) {
        self.problem = problem
        self.stories = problem.stories
        self.bottom = problem.grid.lines
        self.budget = budget
        self.heightsPerStory = heightsPerStory
        let widths = problem.grid.columns + 1, depths = problem.grid.lines + 1
        leafMemo = Array(repeating: nil, count: max(1, problem.stories.count * widths * depths * 2))
        heightMemo = Array(repeating: (-1, 0), count: max(1, problem.stories.count * widths * depths))
        metricsMemo = Array(repeating: nil, count: max(1, problem.stories.count * widths))
        // The reserve is capped: the budget of a one-column grid is in the millions, and 4 ×
        // budget nodes asked for 27 GB there (a fuzz test's layout).
        nodes.reserveCapacity(min(4 * budget, 65_536))
    }

    private var simple: Bool { evaluations > budget }

    /// The free regions a story can go in, in reading order.
    mutating func usableRegions() -> [GridRect] {
        var usable: [GridRect] = []
        for r in problem.regions where canHoldAStory(r) { usable.append(r) }
        return usable.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    mutating func run() -> PagePlan {
        let usable = usableRegions()
        let n = stories.count, m = usable.count
        guard m > 0 else {
            return PagePlan(placements: [], emptyAreas: problem.regions, cost: n > 0 ? .infinity : 0)
        }
        // best[r][s]: the best cost of placing stories s..<n into regions r..<m.
        var best = Array(repeating: Array(repeating: Double.infinity, count: n + 1), count: m + 1)
        var next = Array(repeating: Array(repeating: -1, count: n + 1), count: m + 1)
        best[m][n] = 0
        for r in stride(from: m - 1, through: 0, by: -1) {
            // The first region always starts with the first story: solving it for the later
            // ones too (never used) was half the search on a page without fixed areas.
            for s in (r == 0 ? 0...0 : 0...n) {
                // An empty region is a hole: allowed when no story is left for it, or when the
                // next story could not show its head and three lines there (a strip left above
                // a fixed area): then white, reported, is better than a cut headline.
                let area = Double(usable[r].area)
                let holeCost = s < n && !fits(s, usable[r]) ? PageScore.holeLine * area : PageScore.sliver * area
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
        var empty: [GridRect] = []
        for region in problem.regions where !canHoldAStory(region) { empty.append(region) }
        var s = 0
        for r in 0..<m {
            let e = next[r][s]
            if e == s || e < 0 {
                empty.append(usable[r])
                continue
            }
            var list: [Module] = []
            modules(solve(usable[r], s, e).node, into: &list)
            for p in list {
                placements.append(Placement(story: stories[Int(p.story)].key, rect: p.rect, fit: fits[Int(p.fit)]))
            }
            s = e
        }
        return PagePlan(placements: placements, emptyAreas: empty, cost: best[0][0])
    }

    /// Whether any story could show its head and three lines in `r`.
    private mutating func canHoldAStory(_ r: GridRect) -> Bool {
        guard r.columns >= 1 && r.lines >= 3 else { return false }
        if stories.isEmpty { return true }
        for k in stories.indices where fits(k, r) { return true }
        return false
    }

    private mutating func fits(_ k: Int, _ r: GridRect) -> Bool {
        return metrics(k, r.columns).minimum + (r.endLine < bottom ? 1 : 0) <= r.lines
    }

    // MARK: leaves

    /// A story's natural depth and the fewest lines that show it (head and three lines), per
    /// width: read for every region, so kept as numbers (copying the shape each time was 8 %
    /// of the search).
    private var metricsMemo: [(natural: Int, minimum: Int)?]
    private mutating func metrics(_ k: Int, _ w: Int) -> (natural: Int, minimum: Int) {
        let key = k * (problem.grid.columns + 1) + w
        if let m = metricsMemo[key] { return m }
        let shape = stories[k].shape(columns: w)
        let m = (shape.naturalLines, shape.headLines + min(3, max(1, shape.bodyLines)) + shape.boxPadding)
        metricsMemo[key] = m
        return m
    }

    /// Story `k` alone in `rect`: its best variant fitted there.
    mutating func leaf(_ k: Int, _ rect: GridRect) -> Leaf {
        let separator = rect.endLine < bottom ? 1 : 0
        let key = ((k * (problem.grid.columns + 1) + rect.columns) * (problem.grid.lines + 1) + rect.lines) * 2 + separator
        var l: Leaf
        if let m = leafMemo[key] {
            l = m
        } else {
            if let b = PageScore.bestFit(stories[k], rect, problem, isLead: k == 0) {
                fits.append(b.fit)
                summaries.append(FitSummary(titleSize: b.fit.variant.shape.titleSize, showsPhoto: b.fit.photoLines > 0))
                l = Leaf(cost: b.cost, fit: Int32(fits.count - 1))
            } else {
                l = Leaf(cost: .infinity, fit: -1)
            }
            leafMemo[key] = l
        }
        l.cost += PageScore.positionCost(stories[k], rect, problem)
        return l
    }

    /// Heights (rectangle lines, the separator included) worth trying for story `k` at the top
    /// of `rect`: those where it fits best, most often with no hole and no overset. A range of
    /// `heightPool`.
    private mutating func heights(_ k: Int, columns: Int, in rect: GridRect) -> Range<Int> {
        let key = (k * (problem.grid.columns + 1) + columns) * (problem.grid.lines + 1) + rect.lines
        let known = heightMemo[key]
        if known.start >= 0 { return Int(known.start)..<Int(known.start + known.count) }
        let prepared = stories[k]
        var lo = Int.max, hi = 0
        for v in prepared.variants(columns: columns) {
            let s = v.shape
            let photoMin = v.photo.map { $0.minLines + $0.captionLines } ?? 0
            let photoMax = v.photo.map { $0.maxLines + $0.captionLines } ?? 0
            lo = min(lo, s.headLines + s.boxPadding + s.bodyLines + (v.photo?.columns == columns ? photoMin : 0))
            hi = max(hi, s.headLines + s.boxPadding + s.bodyLines + photoMax + v.headWhiteLimit + 1)
        }
        lo = max(3, lo + 1)
        hi = min(rect.lines - 3, hi + 1)
        // A story taller than the region at every variant (it must jump or be cut) is still
        // tried at the deepest heights the region allows: without them the lead of a full page
        // was only ever tried at the one height left for the next story.
        if lo > hi { lo = max(3, hi - 20) }
        var scored: [(Int, Double)] = []
        if lo <= hi {
            scored.reserveCapacity(hi - lo + 1)
            for h in lo...hi {
                let r = GridRect(column: rect.column, line: rect.line, columns: columns, lines: h)
                scored.append((h, leaf(k, r).cost))
            }
        }
        let count = simple ? 2 : heightsPerStory
        let start = heightPool.count
        heightPool += scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(count).map(\.0)
        heightMemo[key] = (Int32(start), Int32(heightPool.count - start))
        return start..<heightPool.count
    }

    // MARK: regions

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
    private var splitMemo: [[Int]?] = Array(repeating: nil, count: 64)
    private mutating func splitWidths(_ columns: Int) -> [Int] {
        if columns < 64, let w = splitMemo[columns] { return w }
        let w = designerSplits(columns)
        if columns < 64 { splitMemo[columns] = w }
        return w
    }

    private func designerSplits(_ columns: Int) -> [Int] {
        if columns <= 5 { return Array(1..<columns) }
        var out: [Int] = []
        for w in [columns / 2, (columns + 1) / 2, columns / 3, columns - columns / 3, 2, columns - 2, 3, columns - 3, 1, columns - 1]
        where w >= 1 && w < columns && !out.contains(w) { out.append(w) }
        return out
    }

    /// The best arrangement of stories `from..<to` filling `rect` exactly.
    private mutating func solve(_ rect: GridRect, _ from: Int, _ to: Int) -> Choice {
        let key = key(rect, from, to)
        if let c = memo[key] { return c }
        evaluations += 1
        var best = Choice.none
        if to - from == 1 {
            let l = leaf(from, rect)
            if l.fit >= 0 { best = leafChoice(Module(story: Int32(from), fit: l.fit, rect: rect), cost: l.cost) }
            memo[key] = best
            return best
        }
        let first = from
        let simple = self.simple
        // A: the first story across the region's full width, the rest below it. Its best
        // heights first, then those that leave the next story its natural height below, across
        // the region or in half or a third of it (the stories below side by side): a story that
        // jumps fits any height, and these are the ones that let the rest of the page fit.
        let tops = heights(first, columns: rect.columns, in: rect)
        var leaveRoom = (-1, -1, -1)
        for share in 1...3 where rect.columns / share >= 1 {
            let below = rect.lines - (metrics(from + 1, rect.columns / share).natural + 1)
            guard below >= 3 && below <= rect.lines - 3 else { continue }
            guard !heightPool[tops].contains(below), below != leaveRoom.0, below != leaveRoom.1 else { continue }
            if share == 1 { leaveRoom.0 = below } else if share == 2 { leaveRoom.1 = below } else { leaveRoom.2 = below }
        }
        for i in tops.lowerBound..<(tops.upperBound + 3) {
            let h = i < tops.upperBound ? heightPool[i]
                : i == tops.upperBound ? leaveRoom.0 : i == tops.upperBound + 1 ? leaveRoom.1 : leaveRoom.2
            guard h >= 0 else { continue }
            tryAcross(rect, from, to, height: h, best: &best)
        }
        guard rect.columns > 1 else { memo[key] = best; return best }
        let group = simple ? 1 : groupSize
        for w in splitWidths(rect.columns) {
            let left = GridRect(column: rect.column, line: rect.line, columns: w, lines: rect.lines)
            let right = GridRect(column: rect.column + w, line: rect.line, columns: rect.columns - w, lines: rect.lines)
            // B: stories from..<k stacked in the left columns, full height; the rest to the right.
            for k in (from + 1)..<min(to, from + 1 + group) {
                let l = solve(left, from, k)
                guard l.cost < best.cost else { continue }
                let r = solve(right, k, to)
                guard l.cost + r.cost < best.cost else { continue }
                let cost = l.cost + r.cost + sideBySide(l, r)
                guard cost < best.cost else { continue }
                let ln = node(l), rn = node(r)
                best = join(cost, l.node, r.node, topLeft: ln.topLeft, topRight: rn.topRight,
                            leftHeads: ln.leftHeads, rightHeads: rn.rightHeads)
            }
            if simple { continue }
            // C: the first story top-left, stories up to k in the strip to its right, the rest
            // below across the full width (the lead with its 报眼 beside it). The lead's best
            // heights at this width, then the strip's first story's that are not among them.
            let leadHeights = heights(first, columns: w, in: rect)
            let stripHeights = heights(from + 1, columns: rect.columns - w, in: rect)
            for i in leadHeights.lowerBound..<(leadHeights.upperBound + stripHeights.count) {
                let h: Int
                if i < leadHeights.upperBound {
                    h = heightPool[i]
                } else {
                    h = heightPool[stripHeights.lowerBound + i - leadHeights.upperBound]
                    if heightPool[leadHeights].contains(h) { continue }
                }
                tryLeadWithStrip(rect, from, to, leadColumns: w, height: h, group: group, best: &best)
            }
        }
        memo[key] = best
        return best
    }

    /// Cut A at `height`: the first story across `rect`, the rest below it.
    private mutating func tryAcross(_ rect: GridRect, _ from: Int, _ to: Int, height h: Int, best: inout Choice) {
        let top = GridRect(column: rect.column, line: rect.line, columns: rect.columns, lines: h)
        let l = leaf(from, top)
        guard l.fit >= 0, l.cost < best.cost else { return }
        let rest = GridRect(column: rect.column, line: rect.line + h, columns: rect.columns, lines: rect.lines - h)
        let tail = solve(rest, from + 1, to)
        guard l.cost + tail.cost < best.cost else { return }
        let m = Module(story: Int32(from), fit: l.fit, rect: top)
        let leafNode = leafChoice(m, cost: l.cost)
        let t = node(tail), hl = heads(m)
        best = join(l.cost + tail.cost, leafNode.node, tail.node, topLeft: m.fit, topRight: m.fit,
                    leftHeads: hl.union(t.leftHeads), rightHeads: hl.union(t.rightHeads))
    }

    /// Cut C at `height`: the first story in the left `leadColumns`, a strip of stories beside
    /// it, the rest below across the region.
    private mutating func tryLeadWithStrip(_ rect: GridRect, _ from: Int, _ to: Int, leadColumns w: Int, height h: Int,
                                           group: Int, best: inout Choice) {
        let lead = GridRect(column: rect.column, line: rect.line, columns: w, lines: h)
        let strip = GridRect(column: rect.column + w, line: rect.line, columns: rect.columns - w, lines: h)
        let below = GridRect(column: rect.column, line: rect.line + h, columns: rect.columns, lines: rect.lines - h)
        let l = leaf(from, lead)
        guard l.fit >= 0, l.cost < best.cost else { return }
        let leadModule = Module(story: Int32(from), fit: l.fit, rect: lead)
        for k in (from + 2)..<min(to, from + 2 + group) {
            let s = solve(strip, from + 1, k)
            guard l.cost + s.cost < best.cost else { continue }
            let b = solve(below, k, to)
            guard l.cost + s.cost + b.cost < best.cost else { continue }
            let sn = node(s), bn = node(b), lh = heads(leadModule)
            let side = topPair(leadModule.fit, sn.topLeft) + PageScore.headsSideBySide * Double(lh.collisions(sn.leftHeads))
            let cost = l.cost + s.cost + b.cost + side
            guard cost < best.cost else { continue }
            let leadNode = leafChoice(leadModule, cost: l.cost)
            best = join(cost, leadNode.node, s.node, b.node, topLeft: leadModule.fit, topRight: sn.topRight,
                        leftHeads: lh.union(bn.leftHeads), rightHeads: sn.rightHeads.union(bn.rightHeads))
        }
    }

    /// Two neighbouring regions side by side start on the same line: the stories either side
    /// of the cut at the top have their heads side by side (撞题) — a cost, as a designer
    /// staggers them or sets them in different sizes.
    private func sideBySide(_ a: Choice, _ b: Choice) -> Double {
        let x = node(a), y = node(b)
        return topPair(x.topRight, y.topLeft) + PageScore.headsSideBySide * Double(x.rightHeads.collisions(y.leftHeads))
    }

    /// `PageScore.topPair` read from the fits' summaries.
    private func topPair(_ a: Int32, _ b: Int32) -> Double {
        let x = summaries[Int(a)], y = summaries[Int(b)]
        return PageScore.topPair(titleA: x.titleSize, photoA: x.showsPhoto, titleB: y.titleSize, photoB: y.showsPhoto)
    }
}
