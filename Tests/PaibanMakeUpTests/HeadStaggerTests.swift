import Foundation
import Testing
@testable import PaibanCore
import PaibanInput
import PaibanTestSupport

/// Two page properties the search's leaves cannot see on their own: heads of one size abreast
/// (撞题), which make-up sets a size apart, and columns a subhead leaves short in the middle of
/// a story, which the score must count as columns that do not end level.
@Suite struct HeadStaggerTests {
    static let root = repositoryRoot()

    static func prepared(_ id: String, title: String, priority: Int, characters: Int, seed: Int,
                         layout: Layout) -> PreparedStory {
        let story = PageOptimiserTests.story(id, characters: characters, priority: priority, seed: seed, title: title)
        return PreparedStory(story: story, layout: layout, setter: TextSetter(shaper: FixedAdvanceTextShaper(), profile: layout.profile))
    }

    /// Two stories of the same priority and copy, side by side at the top of an inside page of
    /// the broadsheet, each four columns wide and as deep as the longer needs (its separator
    /// line included): each alone at its best is at its priority's size, so the heads match.
    static func abreast() throws -> (grid: Grid, a: PreparedStory, b: PreparedStory, left: GridRect, right: GridRect) {
        let (layout, _) = try LayoutLoader.load(file: root + "/Layouts/broadsheet.yaml")
        let a = prepared("a", title: "产业链协同创新步伐加快", priority: 2, characters: 900, seed: 1, layout: layout)
        let b = prepared("b", title: "新材料企业扩产提速", priority: 2, characters: 900, seed: 2, layout: layout)
        let depth = max(a.shape(columns: 4).naturalLines, b.shape(columns: 4).naturalLines) + 1
        return (layout.grid, a, b, GridRect(column: 0, line: 0, columns: 4, lines: depth),
                GridRect(column: 4, line: 0, columns: 4, lines: depth))
    }

    @Test("heads of one size side by side are set a size apart: the lesser story's head changes, the more important one's does not, and the rectangles stay")
    func sameSizeHeadsAbreastAreSetApart() throws {
        let (grid, a, b, left, right) = try Self.abreast()
        let area = GridRect(column: 0, line: 0, columns: grid.columns, lines: grid.lines)
        let problem = PageProblem(stories: [a, b], regions: [area], grid: grid, areaTop: 0, isFrontPage: false)
        let fa = try #require(PageScore.bestFit(a, left, problem, isLead: true))
        let fb = try #require(PageScore.bestFit(b, right, problem, isLead: false))
        try #require(fa.fit.variant.shape.titleSize == fb.fit.variant.shape.titleSize, "the case needs two heads of one size")
        let plan = PagePlan(placements: [Placement(story: a.key, rect: left, fit: fa.fit), Placement(story: b.key, rect: right, fit: fb.fit)],
                            emptyAreas: [], cost: fa.cost + fb.cost)
        let staggered = HeadSizeStagger.apply(plan, problem, fixed: [])
        let sizes = staggered.placements.map { $0.fit.variant.shape.titleSize?.value ?? 0 }
        #expect(sizes[0] == fa.fit.variant.shape.titleSize?.value, "the more important head keeps its size")
        #expect(sizes[0] != sizes[1], "heads abreast still one size: \(sizes)")
        #expect(staggered.placements.map(\.rect) == [left, right])
        // No copy lost and no more white for it: a size is never bought with a hole.
        #expect(staggered.placements[1].fit.oversetLines == 0)
        #expect(staggered.placements[1].fit.holeLines <= fb.fit.holeLines)
    }

    @Test("a head abreast of a fixed area's head of its size is the one set apart: the editor's slot is left as it is")
    func fixedNeighbourKeepsItsHead() throws {
        let (grid, a, b, left, right) = try Self.abreast()
        let problem = PageProblem(stories: [b], regions: [GridRect(column: 4, line: 0, columns: 4, lines: grid.lines)],
                                  grid: grid, areaTop: 0, isFrontPage: false)
        let fa = try #require(PageScore.bestFit(a, left, problem, isLead: false))
        let fb = try #require(PageScore.bestFit(b, right, problem, isLead: true))
        try #require(fa.fit.variant.shape.titleSize == fb.fit.variant.shape.titleSize)
        let plan = PagePlan(placements: [Placement(story: b.key, rect: right, fit: fb.fit)], emptyAreas: [], cost: fb.cost)
        let staggered = HeadSizeStagger.apply(plan, problem, fixed: [Placement(story: a.key, rect: left, fit: fa.fit)])
        #expect(staggered.placements[0].fit.variant.shape.titleSize != fa.fit.variant.shape.titleSize)
    }

    @Test("a subhead kept with its next line leaves a column three lines short of the other: two column-lines of white beyond the line a level column may end short")
    func subheadPushedToTheNextColumnIsRagged() {
        // Four lines, a two-line subhead, six lines, in two columns: the subhead and its next
        // line do not fit under the four lines until the columns are eight deep, so the first
        // column ends at 8 and the second at 5.
        let ragged: FlowUnits = [1, 1, 1, 1, -2, 1, 1, 1, 1, 1, 1]
        let flow = naturalFlow(ragged, tops: [0, 0])
        #expect(flow.height == 8)
        #expect(flow.ragged == 2)
        // The search reads it from runs of lines: the same.
        #expect(naturalFlow(flowRuns(ragged), tops: [0, 0]) == flow)
        // Without the subhead the same twelve lines end level, 6 and 6.
        let level: FlowUnits = Array(repeating: 1, count: 12)
        #expect(naturalFlow(level, tops: [0, 0]).ragged == 0)
    }

    @Test("levelling a body tries its first columns a line shorter too: copy whose last column would end two lines short ends level")
    func firstColumnsShortenedToEndLevel() {
        // Five lines, a subhead, six lines, a two-line subhead, nine lines, in two columns, 13
        // deep. With only the last column a line shorter the two-line subhead ends the first
        // column and the second ends at 11, two lines above it. With the first a line shorter
        // the subhead opens the second column and the two end 12 and 13.
        let body: FlowUnits = Array(repeating: 1, count: 5) + [-1] + Array(repeating: 1, count: 6) + [-2]
            + Array(repeating: 1, count: 9)
        let flow = naturalFlow(body, tops: [0, 0])
        #expect(flow.ragged == 0, "columns still end apart: \(flow)")
        #expect(flow.height == 13)
        #expect(naturalFlow(flowRuns(body), tops: [0, 0]) == flow)
        // The renderer places it as the search measured it.
        let placed = levelFlow(body, tops: [0, 0], maxHeight: 100)
        var ends = [0, 0]
        for p in placed.placements { ends[p.column] = max(ends[p.column], p.line + p.lines) }
        #expect(ends == [12, 13])
    }

    @Test("a body cut to its rectangle (set over, or jumping) counts the white a subhead leaves at a column's foot when it moves on to the next")
    func cutBodyCountsWhiteAboveAMovedSubhead() {
        // Sixteen lines, a three-line subhead, forty lines, cut to two columns of twenty: the
        // subhead, its blank line and the line kept with it need five lines, four are left, so
        // the first column ends at 16: three lines short beyond the one a column may.
        let body: FlowUnits = Array(repeating: 1, count: 16) + [-3] + Array(repeating: 1, count: 40)
        #expect(cutFlowWhite(flowRuns(body), tops: [0, 0], height: 20) == 3)
        #expect(cutFlowWhite(body, tops: [0, 0], height: 20) == 3)
        // Without the subhead the cut body fills both columns to the foot.
        #expect(cutFlowWhite(Array(repeating: 1, count: 59), tops: [0, 0], height: 20) == 0)
    }

    @Test("the score counts columns that do not end level as a hole: a fit whose columns end apart costs at least a hole line a column-line")
    func raggedColumnsCostLikeAHole() throws {
        let (layout, _) = try LayoutLoader.load(file: Self.root + "/Layouts/broadsheet.yaml")
        let grid = layout.grid
        let a = Self.prepared("a", title: "产业链协同创新步伐加快", priority: 2, characters: 900, seed: 1, layout: layout)
        let problem = PageProblem(stories: [a], regions: [GridRect(column: 0, line: 0, columns: grid.columns, lines: grid.lines)],
                                  grid: grid, areaTop: 0, isFrontPage: false)
        let rect = GridRect(column: 0, line: 0, columns: 4, lines: 30)
        let fit = try #require(PageScore.bestFit(a, rect, problem, isLead: false)).fit
        var ragged = fit
        ragged.raggedLines = 3
        let extra = PageScore.storyCost(a, ragged, rect, problem, isLead: false) - PageScore.storyCost(a, fit, rect, problem, isLead: false)
        #expect(extra >= 3 * PageScore.holeLine, "extra cost \(extra)")
    }
}
