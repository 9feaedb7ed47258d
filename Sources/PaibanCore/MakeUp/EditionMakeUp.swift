/// Page make-up for a whole edition: each page's stories placed (fixed by hand or planned),
/// set, ruled and framed; stories that do not fit continue on later pages (转版) with jump
/// lines whose page numbers the engine works out, laying out again until they are stable.

public struct EditionMakeUp {
    public let issue: Issue
    public let layout: Layout
    public let setter: TextSetter
    var markers: JumpMarkers { issue.jumpMarkers ?? layout.jumpMarkers }
    /// Called with each page as it is made up, and the number of the layout pass it belongs to
    /// (a later pass replaces the pages of an earlier one), so a back end can draw page 1 while
    /// page 2 is being made up.
    public var pageSink: (@Sendable (_ pass: Int, _ page: DisplayPage) -> Void)? = nil
    /// The algorithm that places a page's stories (the guillotine search unless replaced).
    public var optimiser: any PageOptimiser = GuillotineOptimiser()

    /// `segmenter` gives the word boundaries display lines break at (`houseSegmenter()` in a real render;
    /// the default keeps Chinese text unbroken where it can, for tests without a dictionary).
    public init(issue: Issue, layout: Layout, shaper: any TextShaping,
                segmenter: any WordSegmenting = CharacterSegmenter()) {
        self.issue = issue
        self.layout = layout
        self.setter = TextSetter(shaper: shaper, profile: layout.profile, segmenter: segmenter)
    }

    public func run() -> (DisplayDocument, EditionReport) {
        // Continuations that found no room on the page first chosen move to their next page;
        // the jump lines before them change with it, so the edition is laid out again until
        // nothing moves.
        var moves: [String: Int] = [:]
        var result = pass(moves, number: 0)
        for n in 1..<7 {
            if result.moves == moves { break }
            moves = result.moves
            result = pass(moves, number: n)
        }
        if result.moves != moves {
            result.diagnostics.append(Diagnostic(.warning, file: issue.manifestFile,
                                                 "jump pages did not settle after 7 layouts; the last one is written"))
        }
        var doc = header
        doc.pages = result.pages
        removeDanglingLinks(&doc.pages)
        var report = EditionReport(pages: result.reports, diagnostics: result.diagnostics)
        report.unusedFillers = result.unusedFillers
        return (doc, report)
    }

    /// The document's title, author and date, known before any page is made up.
    public var header: DisplayDocument {
        let date = EditionDate(issue.date)
        let title = "\(issue.paperName) \(date?.gregorian ?? "")" + (issue.issueNumber.map { " 第\($0)期" } ?? "")
        return DisplayDocument(title: title, author: issue.paperName, date: pdfDate(date), pages: [])
    }

    private func pdfDate(_ date: EditionDate?) -> String {
        if let epoch = issue.sourceDateEpoch { return iso8601(epoch: epoch) }
        return date?.iso8601 ?? ""
    }

    private struct Pass {
        var pages: [DisplayPage] = []
        var reports: [PageReport] = []
        var diagnostics: [Diagnostic] = []
        var moves: [String: Int] = [:]
        var unusedFillers: [String] = []
    }

    private func pageLabel(_ n: Int) -> String? { issue.pages.first { $0.number == n }?.label }

    /// Pages a story on `page` may continue on, in order: those the manifest names, else the
    /// later pages that receive continuations.
    private func jumpTargets(_ s: StoryOnPage, page: Int) -> [Int] {
        let numbers = Set(issue.pages.map(\.number))
        if !s.jumpTo.isEmpty { return s.jumpTo.filter { $0 > page && numbers.contains($0) } }
        guard s.jumps else { return [] }
        return issue.pages.filter { $0.receivesJumps && $0.number > page }.map(\.number).sorted()
    }

    private func pass(_ moves: [String: Int], number: Int) -> Pass {
        var out = Pass()
        out.moves = moves
        let geometry = PageGeometry(layout: layout)
        let furniture = Furniture(issue: issue, layout: layout, setter: setter, geometry: geometry,
                                  pageCount: issue.pages.count)
        var pending: [Int: [PreparedStory]] = [:]
        // The fillers (补白) not used yet: each goes on at most one page, the first that needs it.
        var fillers = issue.fillers
        for page in issue.pages.sorted(by: { $0.number < $1.number }) {
            let stories = preparedStories(page, continuations: pending[page.number] ?? [])
            var made = makeUp(page, stories, geometry: geometry, furniture: furniture, moves: moves, fillers: fillers)
            fillers.removeAll { made.fillersUsed.contains($0) }
            // Continuations leave for the pages their jump lines name.
            for (next, target) in made.continuations { pending[target, default: []].append(next) }
            // A continuation that found no room here moves to its next page, if it has one.
            for c in made.unplaced {
                if let next = c.jumpTargets.first {
                    out.moves[c.key] = next
                } else {
                    made.diagnostics.append(Diagnostic(.error, file: c.story.sourceFile,
                                                       "page \(page.number): no room for the continuation of '\(c.story.id)' from page \(c.continuedFrom ?? 0) (\(c.columnBody.reduce(0) { $0 + $1.lines }) lines overset)"))
                }
            }
            out.pages.append(made.page)
            pageSink?(number, made.page)
            out.reports.append(made.report)
            out.diagnostics += made.diagnostics
        }
        out.unusedFillers = fillers
        return out
    }

    /// A page's stories, set: continuations first (a reader who follows a jump line finds the
    /// rest of the story at the top), then the page's own in the manifest's order.
    private func preparedStories(_ page: PageSpec, continuations: [PreparedStory]) -> [(PreparedStory, GridRect?, Int)] {
        var stories: [(PreparedStory, GridRect?, Int)] = continuations.map { ($0, nil, page.line) }
        for s in page.stories {
            guard let story = issue.stories[s.id] else { continue }
            let prepared = PreparedStory(story: story, layout: layout, setter: setter, markers: markers)
            prepared.jumpTargets = jumpTargets(s, page: page.number)
            stories.append((prepared, s.fixed, s.line))
        }
        return stories
    }

    /// Whether no story may continue on another page and no filler may go on any of them:
    /// then each page is made up on its own in one pass, and the pages can be made up side by
    /// side (`independentPage(at:)`).
    public var pagesAreIndependent: Bool {
        issue.fillers.isEmpty && !issue.pages.contains { p in p.stories.contains { $0.jumps || !$0.jumpTo.isEmpty } }
    }

    /// Page `index` (in page-number order) of an edition whose pages are independent: the same
    /// page, report and diagnostics `run()` gives for it. Several threads, each with its own
    /// `EditionMakeUp` and shaper, can make up the pages of one edition this way.
    public func independentPage(at index: Int) -> (page: DisplayPage, report: PageReport, diagnostics: [Diagnostic]) {
        precondition(pagesAreIndependent, "pages with jumps depend on each other")
        let page = issue.pages.sorted(by: { $0.number < $1.number })[index]
        let geometry = PageGeometry(layout: layout)
        let furniture = Furniture(issue: issue, layout: layout, setter: setter, geometry: geometry,
                                  pageCount: issue.pages.count)
        let made = makeUp(page, preparedStories(page, continuations: []), geometry: geometry, furniture: furniture,
                          moves: [:])
        return (made.page, made.report, made.diagnostics)
    }

    private struct PageResult {
        var page: DisplayPage
        var report: PageReport
        var diagnostics: [Diagnostic]
        var continuations: [(PreparedStory, Int)]
        var unplaced: [PreparedStory]
        var fillersUsed: [String] = []
    }

    private func makeUp(_ page: PageSpec, _ stories: [(PreparedStory, GridRect?, Int)], geometry g: PageGeometry,
                        furniture: Furniture, moves: [String: Int], fillers: [String] = []) -> PageResult {
        var items: [DisplayItem] = []
        var diagnostics: [Diagnostic] = []
        let grid = layout.grid
        let areaTop = page.number == 1 ? layout.mastheadLines : 0
        let area = GridRect(column: 0, line: areaTop, columns: grid.columns, lines: grid.lines - areaTop)
        var furnitureProblems: [String] = []
        items += page.number == 1 ? furniture.masthead(problems: &furnitureProblems)
            : furniture.pageHeader(page, problems: &furnitureProblems)
        for p in furnitureProblems {
            diagnostics.append(Diagnostic(.error, file: issue.manifestFile, line: page.line, "page \(page.number): \(p)"))
        }
        items += furniture.frameRules(pageNumber: page.number)

        // Stories fixed by hand first; a fixed area that overlaps another or the masthead is refused.
        var fixed: [(PreparedStory, GridRect)] = []
        var auto: [PreparedStory] = []
        for (prepared, area0, line) in stories {
            guard let r = area0 else { auto.append(prepared); continue }
            let id = prepared.story.id
            if !area.contains(r) {
                diagnostics.append(Diagnostic(.error, file: issue.manifestFile, line: line,
                                              "page \(page.number): story '\(id)' area \(r) overlaps the masthead (lines 1–\(areaTop)); placed automatically instead"))
                auto.append(prepared)
            } else if let other = fixed.first(where: { $0.1.intersects(r) }) {
                diagnostics.append(Diagnostic(.error, file: issue.manifestFile, line: line,
                                              "page \(page.number): story '\(id)' area \(r) overlaps '\(other.0.story.id)'; placed automatically instead"))
                auto.append(prepared)
            } else {
                prepared.fillsFixedBox = true
                fixed.append((prepared, r))
            }
        }
        let regions = freeRegions(area: area, taken: fixed.map(\.1))
        var problem = PageProblem(stories: auto, regions: regions, grid: grid, areaTop: areaTop,
                                  isFrontPage: page.number == 1)
        var plan = optimiser.plan(problem)
        // Copy short of the page after a larger photo and head: a filler from the pool comes
        // before white round the heads, and before white left over (the designer's order).
        var fillersUsed: [String] = []
        for _ in 0..<3 where whiteToFill(plan) > 0 {
            guard let (filler, better) = bestFiller(fillers.filter { !fillersUsed.contains($0) }, problem, plan) else { break }
            auto.append(filler)
            problem.stories = auto
            plan = better
            fillersUsed.append(filler.story.id)
        }
        // A fixed area gets the variant that fits it best (an advertisement's copy set as large
        // as its box allows), decided here once like the planned ones.
        let fixedFits: [(PreparedStory, GridRect, StoryFit, Bool)] = fixed.compactMap { prepared, rect in
            PageScore.bestFit(prepared, rect, problem, isLead: false).map { (prepared, rect, $0.fit, true) }
        }
        // Then the page's heads of one size abreast, fixed areas' included, set a size apart.
        plan = HeadSizeStagger.apply(plan, problem, fixed: fixedFits.map { Placement(story: $0.0.key, rect: $0.1, fit: $0.2) })
        let placedKeys = Set(plan.placements.map(\.story))
        var unplaced: [PreparedStory] = []
        for s in auto where !placedKeys.contains(s.key) {
            if s.part > 1 { unplaced.append(s); continue }
            diagnostics.append(Diagnostic(.error, file: s.story.sourceFile,
                                          "page \(page.number): no room for story '\(s.story.id)'; it is not on the page"))
        }
        var storyReports: [StoryReport] = []
        var continuations: [(PreparedStory, Int)] = []
        var outline: [OutlineEntry] = []
        let byKey = Dictionary(uniqueKeysWithValues: auto.map { ($0.key, $0) })
        // Drawn in reading order: fixed areas among the planned modules by their top-left, the
        // modules in the order the layout reads (the search gives them top-left first).
        var all: [(PreparedStory, GridRect, StoryFit, Bool)] = plan.placements.compactMap { p in
            byKey[p.story].map { ($0, p.rect, p.fit, false) }
        }
        for f in fixedFits {
            let at = all.firstIndex { ($0.1.line, $0.1.column) > (f.1.line, f.1.column) } ?? all.count
            all.insert(f, at: at)
        }
        var holes: [GridRect] = plan.emptyAreas
        for (prepared, rect, fit, isFixed) in all {
            // The next part lands where the manifest says, unless an earlier layout moved it.
            let target = prepared.jumpTargets.first.map { moves["\(prepared.story.id)#\(prepared.part + 1)"] ?? $0 }
            let jumpOut = target.map { prepared.jumpOutLines(toPage: $0, label: pageLabel($0)) }
            var r = renderStory(prepared, fit, in: rect, geometry: g, fixed: isFixed, jumpOut: jumpOut)
            items += r.items
            items += storyRules(rect, areaTop: areaTop, geometry: g)
            r.report.part = prepared.part
            r.report.continuedFrom = prepared.continuedFrom
            if fit.holeLines > 0 && r.continueFrom == nil && prepared.kind == .advertisement {
                // An advertisement's box is the advertiser's: white in it is no copy the page
                // is short of, but the desk should know the copy does not fill it.
                diagnostics.append(Diagnostic(.warning, file: prepared.story.sourceFile,
                                              "page \(page.number): advertisement '\(prepared.story.id)' fills its box (\(rect)) with its copy at the largest size that fits, and leaves \(fit.holeLines) lines more white than spacing its lines can take"))
            } else if fit.holeLines > 0 && r.continueFrom == nil {
                let boxed = prepared.kind == .editorsNote
                // A box is sized to its content; a story's white is at its foot.
                holes.append(GridRect(column: rect.column, line: rect.line + fit.contentLines - fit.holeLines - (boxed ? 1 : 0),
                                      columns: rect.columns, lines: fit.holeLines))
            }
            if fit.footLineUnderShortColumns && rect.endLine < grid.lines && r.continueFrom == nil {
                // The tolerated line at a story's foot, under columns that end a line short
                // above the separator: two lines of white and the rule's line read as a hole
                // (layoutcheck measures one, a designer sees one): copy the page is short of.
                holes.append(GridRect(column: rect.column, line: rect.line + fit.contentLines - 1,
                                      columns: rect.columns, lines: 1))
            }
            if fit.bodyWhite > 0 && r.continueFrom == nil {
                // White beside a photo: in the last columns, at the foot of the body area.
                let columns = max(1, min(rect.columns - (fit.variant.photo?.columns ?? 0), fit.bodyWhite))
                let lines = max(1, fit.bodyWhite / columns)
                holes.append(GridRect(column: rect.endColumn - columns, line: rect.line + fit.bodyTop + fit.bodyLines - lines,
                                      columns: columns, lines: lines))
            }
            if let from = r.continueFrom, let target {
                let rest = Array(prepared.jumpTargets.drop { $0 <= target })
                let next = prepared.continuation(from: from, fromPage: page.number, fromLabel: page.label, targets: rest)
                continuations.append((next, target))
                r.report.continuesOn = target
            }
            storyReports.append(r.report)
            let title = (prepared.story.oneLineTitle ?? prepared.story.kind.untitledName ?? prepared.story.id) + (prepared.part > 1 ? "（续）" : "")
            outline.append(OutlineEntry(title: title, y: g.y(line: rect.line)))
            if r.report.oversetLines > 0 {
                let what = prepared.part > 1 ? "the continuation of '\(prepared.story.id)'" : "story '\(prepared.story.id)'"
                diagnostics.append(Diagnostic(.warning, file: prepared.story.sourceFile,
                                              "page \(page.number): \(what) overset by \(r.report.oversetLines) lines (\(rect))"))
            }
            for note in r.report.notes {
                diagnostics.append(Diagnostic(.warning, file: prepared.story.sourceFile,
                                              "page \(page.number): story '\(prepared.story.id)': \(note)"))
            }
            if prepared.part == 1 {
                for c in Set(r.report.uncovered).sorted(by: { $0.value < $1.value }) {
                    diagnostics.append(Diagnostic(.error, file: prepared.story.sourceFile,
                                                  "story '\(prepared.story.id)': no font has “\(String(c))” U+\(String(c.value, radix: 16, uppercase: true))"))
                }
            }
        }
        let shortLines = holes.reduce(0) { $0 + $1.area }
        if shortLines > 0 {
            diagnostics.append(Diagnostic(.warning, file: issue.manifestFile, line: page.line,
                                          "page \(page.number): short of copy by \(shortLines) lines (white at \(holes.map(\.description).joined(separator: "; ")))"))
        }
        for e in plan.emptyAreas {
            diagnostics.append(Diagnostic(.warning, file: issue.manifestFile, line: page.line,
                                          "page \(page.number): \(e) is empty (no story left for it, or too shallow to show one: move the fixed areas beside it)"))
        }
        outline.sort { $0.y < $1.y }
        let label = page.printedName
        let displayPage = DisplayPage(number: page.number, label: label,
                                      title: label + (page.section.isEmpty ? "" : " " + page.section),
                                      width: layout.pageWidth.value, height: layout.pageHeight.value,
                                      items: layout.inked(items),
                                      outline: outline)
        var pageReport = PageReport(number: page.number, section: page.section, stories: storyReports,
                                    emptyAreas: plan.emptyAreas)
        pageReport.holes = holes
        pageReport.shortLines = shortLines
        pageReport.typeAreaUsed = area.area == 0 ? 100 : 100 * Double(area.area - shortLines) / Double(area.area)
        pageReport.fillers = fillersUsed
        return PageResult(page: displayPage, report: pageReport,
                          diagnostics: diagnostics, continuations: continuations, unplaced: unplaced,
                          fillersUsed: fillersUsed)
    }

    /// Column-lines of white a plan leaves that make-up does not tolerate: beyond a line at a
    /// story's foot, beside a photo, and the empty areas.
    private func shortLines(_ plan: PagePlan) -> Int {
        plan.placements.reduce(0) { total, p in
            total + (p.fit.variant.advertisementElements > 0 ? 0 : p.fit.holeLines * p.rect.columns) + p.fit.bodyWhite
        } + plan.emptyAreas.reduce(0) { $0 + $1.area }
    }

    private func oversetLines(_ plan: PagePlan) -> Int { plan.placements.reduce(0) { $0 + $1.fit.oversetLines } }

    /// The white a filler could take: short lines and the white given to heads, column-lines.
    private func whiteToFill(_ plan: PagePlan) -> Int {
        shortLines(plan) + plan.placements.reduce(0) { $0 + $1.fit.headWhite * $1.rect.columns }
    }

    /// The filler from `pool` that leaves the page the least white to fill (ties: the better
    /// page), if it takes a fair share of it without leaving the page shorter or setting copy over. Each is tried as the page's
    /// least important story, wherever the optimiser puts it.
    private func bestFiller(_ pool: [String], _ problem: PageProblem, _ plan: PagePlan) -> (PreparedStory, PagePlan)? {
        var best: (PreparedStory, PagePlan, Int)? = nil
        let short = whiteToFill(plan), overset = oversetLines(plan)
        // Each try is a whole page's search (about 15 ms), on pages short of copy only; a pool is
        // a handful of items (cutting it to the first six left a fitting house ad untried).
        for id in pool {
            guard let story = issue.stories[id] else { continue }
            let filler = PreparedStory(story: story, layout: layout, setter: setter, markers: markers)
            var p = problem
            p.stories.append(filler)
            let candidate = optimiser.plan(p)
            guard candidate.placements.contains(where: { $0.story == filler.key }) else { continue }
            let s = whiteToFill(candidate)
            // Worth it when it takes at least a column's depth of white (a few lines of head
            // white are air, not a reason to add a story), and sets nothing over.
            guard s + 8 <= short, shortLines(candidate) <= shortLines(plan), oversetLines(candidate) <= overset else { continue }
            if best == nil || s < best!.2 || s == best!.2 && candidate.cost < best!.1.cost { best = (filler, candidate, s) }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// A story's rules: a rule along its top edge when a story sits above it, and a column rule
    /// in the gutter on its left when a story sits beside it.
    private func storyRules(_ r: GridRect, areaTop: Int, geometry g: PageGeometry) -> [DisplayItem] {
        var items: [DisplayItem] = []
        let x0 = g.x(column: r.column), width = g.width(columns: r.columns)
        if r.line > areaTop {
            let y = g.y(line: r.line) - 0.5 * g.pitch
            items.append(.rule(x1: x0, y1: y, x2: x0 + width, y2: y, width: layout.rules.story.value))
        }
        if r.column > 0 {
            let x = x0 - 0.5 * Double(layout.grid.gutterChars) * g.body
            let bottomLine = r.endLine < layout.grid.lines ? r.endLine - 1 : r.endLine
            items.append(.rule(x1: x, y1: g.y(line: r.line) + 0.15 * g.pitch, x2: x,
                               y2: g.y(line: bottomLine) - 0.15 * g.pitch, width: layout.rules.column.value))
        }
        return items
    }
}

/// Links whose destination was never drawn (a continuation with no room) are dropped, so the
/// PDF has no dangling links.
func removeDanglingLinks(_ pages: inout [DisplayPage]) {
    var anchors = Set<String>()
    for p in pages { for r in p.glyphRuns { if let a = r.anchor { anchors.insert(a) } } }
    for k in pages.indices {
        pages[k].items = pages[k].items.map { item in
            guard case .glyphs(var g) = item, let l = g.link, !anchors.contains(l) else { return item }
            g.link = nil
            return .glyphs(g)
        }
    }
}

/// SOURCE_DATE_EPOCH as an ISO 8601 date in UTC.
func iso8601(epoch: Int) -> String {
    let days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400
    let secs = epoch - days * 86400
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(two(m))-\(two(d))T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))Z"
}
