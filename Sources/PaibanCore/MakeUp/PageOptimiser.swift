/// The page optimiser's interface: a page's stories (in order of importance) and its free
/// type area in, one variant and one rectangle per story out. The make-up only talks to this
/// protocol, so another algorithm (a genetic search, an ILP, SILE-style page builders swapped
/// behind a small interface) can be put in the guillotine search's place.

public protocol PageOptimiser {
    func plan(_ problem: PageProblem) -> PagePlan
}

/// What a page asks of the optimiser.
public struct PageProblem {
    /// The stories to place, most important first.
    public var stories: [PreparedStory]
    /// The free type area as rectangles that tile it (fixed areas and the masthead taken out).
    public var regions: [GridRect]
    public var grid: Grid
    /// The first line below the masthead (0 on inside pages).
    public var areaTop: Int
    /// Page 1: the 头条 takes at least half the width on a broadsheet.
    public var isFrontPage: Bool

    public init(stories: [PreparedStory], regions: [GridRect], grid: Grid, areaTop: Int, isFrontPage: Bool) {
        self.stories = stories
        self.regions = regions
        self.grid = grid
        self.areaTop = areaTop
        self.isFrontPage = isFrontPage
    }
}

public struct Placement: Sendable {
    public var story: String
    public var rect: GridRect
    /// The variant chosen and fitted to `rect`: what the renderer draws.
    public var fit: StoryFit

    public init(story: String, rect: GridRect, fit: StoryFit) {
        self.story = story
        self.rect = rect
        self.fit = fit
    }
}

public struct PagePlan: Sendable {
    /// In reading order (the order of the layout's modules, top-left first).
    public var placements: [Placement]
    /// Free areas no story was given (reported as holes).
    public var emptyAreas: [GridRect]
    public var cost: Double

    public init(placements: [Placement], emptyAreas: [GridRect], cost: Double) {
        self.placements = placements
        self.emptyAreas = emptyAreas
        self.cost = cost
    }
}

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
