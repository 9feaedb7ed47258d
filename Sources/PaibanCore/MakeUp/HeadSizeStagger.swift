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
        // Only fits change here, never rectangles: the pairs abreast are the same every round.
        let pairs = abreastPairs(plan.placements + fixed)
        for _ in 0..<rounds {
            var changed = false
            for (a, b) in pairs where a < planned || b < planned {
                let all = plan.placements + fixed
                guard let size = all[a].fit.variant.shape.titleSize, size == all[b].fit.variant.shape.titleSize else { continue }
                let lesser = lesserOf(a, b, planned: planned) { rank[all[$0].story] ?? 0 }
                let p = all[lesser]
                guard let prepared = byKey[p.story] else { continue }
                let isLead = rank[p.story] == 0
                let old = PageScore.storyCost(prepared, p.fit, p.rect, problem, isLead: isLead)
                let apart = variantsApart(prepared, columns: p.rect.columns, from: sizesAbreast(of: lesser, pairs, all))
                guard let better = PageScore.bestFit(prepared, p.rect, problem, isLead: isLead, among: apart),
                      better.cost - old < PageScore.sameSizeHeadsSideBySide else { continue }
                plan.placements[lesser].fit = better.fit
                plan.cost += better.cost - old - PageScore.sameSizeHeadsSideBySide
                changed = true
            }
            if !changed { break }
        }
        return plan
    }

    /// The placement of a pair whose head changes: a planned one beside a fixed area (an
    /// editor's slot stays as it is), else the later in the page's order of importance.
    private static func lesserOf(_ a: Int, _ b: Int, planned: Int, rank: (Int) -> Int) -> Int {
        if b >= planned { return a }
        if a >= planned { return b }
        return rank(a) < rank(b) ? b : a
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
    private static func sizesAbreast(of k: Int, _ pairs: [(Int, Int)], _ placements: [Placement]) -> Set<Double> {
        var sizes = Set<Double>()
        for (a, b) in pairs where a == k || b == k {
            if let s = placements[a == k ? b : a].fit.variant.shape.titleSize { sizes.insert(s.value) }
        }
        return sizes
    }

    /// The story's variants `columns` wide whose title is none of `sizes`: its own and those a
    /// title step either way, set here if the variants' pruning left them out (a one-line title
    /// is not set a size smaller to save a line, but may be to stand apart).
    private static func variantsApart(_ prepared: PreparedStory, columns w: Int, from sizes: Set<Double>) -> [StoryVariant] {
        (prepared.variants(columns: w) + prepared.variants(columns: w, titleStep: -1) + prepared.variants(columns: w, titleStep: 1))
            .filter { v in v.shape.titleSize.map { !sizes.contains($0.value) } ?? false }
    }
}
