/// Heads of the same size side by side (撞题) the search cannot see: a leaf keeps each story's
/// best variant for its rectangle alone, so two neighbours both at their priority's size stand
/// abreast whatever `PageScore.sameSizeHeadsSideBySide` says (raising it 2.7× changed none of
/// the 109 pairs of six editions). A designer then sets the lesser head a size apart; this does
/// that on the finished plan, in the same rectangles, so the tiling is untouched.
///
/// Measured on nine editions (6-, 7- and 8-column broadsheets of stress copy, the tabloid, the
/// sample and the bench's news edition): pairs of same-size heads abreast 40 → 8, holes and
/// overset unchanged, since a size whose fit costs more than the 撞题 it removes (a hole, a
/// third title line, overset) is never taken. (Letting the search set a short item above the
/// stories it follows, to stagger heads, took 40 → 31 alone and used the search's budget up
/// before it reached better pages: a 编者按 went from a 2 × 7 box to a 1 × 10 one.)
enum HeadSizeStagger {
    /// Rounds over the page: a change can make a new same-size pair with the next neighbour.
    static let rounds = 3

    /// `plan` with the lesser of each pair of same-size heads abreast set a size apart, where
    /// that costs less than the 撞题; `fixed` are the page's fixed areas with their fits (an
    /// editor's slot is never changed, its neighbour is).
    static func apply(_ plan: PagePlan, _ problem: PageProblem, fixed: [Placement]) -> PagePlan {
        var plan = plan
        let rank = Dictionary(problem.stories.enumerated().map { ($0.element.key, $0.offset) },
                              uniquingKeysWith: { a, _ in a })
        let byKey = Dictionary(problem.stories.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let planned = plan.placements.count
        for _ in 0..<rounds {
            var changed = false
            for (a, b) in abreastPairs(plan.placements + fixed) where a < planned || b < planned {
                let all = plan.placements + fixed
                guard let size = all[a].fit.variant.shape.titleSize, size == all[b].fit.variant.shape.titleSize else { continue }
                // The lesser story changes: the later one in the page's order of importance.
                let lesser = b >= planned ? a : a >= planned ? b : (rank[all[a].story] ?? 0) < (rank[all[b].story] ?? 0) ? b : a
                let p = all[lesser]
                guard let prepared = byKey[p.story] else { continue }
                let isLead = rank[p.story] == 0
                let avoid = neighbourSizes(of: lesser, in: all)
                let old = PageScore.storyCost(prepared, p.fit, p.rect, problem, isLead: isLead)
                guard let better = bestFit(prepared, p.rect, problem, isLead: isLead, avoiding: avoid),
                      better.cost - old < PageScore.sameSizeHeadsSideBySide else { continue }
                plan.placements[lesser].fit = better.fit
                plan.cost += better.cost - old - PageScore.sameSizeHeadsSideBySide
                changed = true
            }
            if !changed { break }
        }
        return plan
    }

    /// Placements side by side across a vertical cut whose heads start within a line of each
    /// other (the search's `HeadLines.collisions`, and what layoutcheck's reader sees).
    static func abreastPairs(_ ps: [Placement]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for i in ps.indices where ps[i].fit.variant.shape.titleSize != nil {
            for j in ps.indices where j != i && ps[j].fit.variant.shape.titleSize != nil {
                let a = ps[i].rect, b = ps[j].rect
                if a.endColumn == b.column && abs(a.line - b.line) <= 1 { pairs.append((i, j)) }
            }
        }
        return pairs
    }

    /// The title sizes of the heads abreast of placement `k`, on either side.
    private static func neighbourSizes(of k: Int, in placements: [Placement]) -> Set<Double> {
        var sizes = Set<Double>()
        for (a, b) in abreastPairs(placements) where a == k || b == k {
            if let s = placements[a == k ? b : a].fit.variant.shape.titleSize { sizes.insert(s.value) }
        }
        return sizes
    }

    /// `PageScore.bestFit` among the variants whose title is none of `sizes`: the story's own
    /// and those a title step either way, set here if the variants' pruning left them out (a
    /// one-line title is not set a size smaller to save a line, but may be to stand apart).
    private static func bestFit(_ prepared: PreparedStory, _ rect: GridRect, _ problem: PageProblem, isLead: Bool,
                                avoiding sizes: Set<Double>) -> (fit: StoryFit, cost: Double)? {
        let content = rect.lines - (rect.endLine < problem.grid.lines ? 1 : 0)
        guard content > 0 else { return nil }
        var best: (fit: StoryFit, cost: Double)? = nil
        let w = rect.columns
        for v in prepared.variants(columns: w) + prepared.variants(columns: w, titleStep: -1)
            + prepared.variants(columns: w, titleStep: 1) {
            guard let size = v.shape.titleSize, !sizes.contains(size.value) else { continue }
            let f = prepared.fit(v, lines: content, mayJump: prepared.canJump)
            let c = PageScore.storyCost(prepared, f, rect, problem, isLead: isLead)
            if c < best?.cost ?? .infinity { best = (f, c) }
        }
        return best
    }
}
