/// Page make-up for a whole edition: each page's stories placed (fixed by hand or planned),
/// set, ruled and framed, into one display document and a report.

public struct EditionMakeUp {
    public let issue: Issue
    public let layout: Layout
    public let setter: TextSetter

    public init(issue: Issue, layout: Layout, shaper: any TextShaping) {
        self.issue = issue
        self.layout = layout
        self.setter = TextSetter(shaper: shaper, profile: layout.profile)
    }

    public func run() -> (DisplayDocument, EditionReport) {
        let geometry = PageGeometry(layout: layout)
        let furniture = Furniture(issue: issue, layout: layout, setter: setter, geometry: geometry,
                                  pageCount: issue.pages.count)
        var pages: [DisplayPage] = []
        var reports: [PageReport] = []
        var diagnostics: [Diagnostic] = []
        for page in issue.pages.sorted(by: { $0.number < $1.number }) {
            let (items, report, d) = makeUp(page, geometry: geometry, furniture: furniture)
            pages.append(DisplayPage(number: page.number, label: "第\(page.number)版", width: layout.pageWidth.value,
                                     height: layout.pageHeight.value, items: items))
            reports.append(report)
            diagnostics += d
        }
        let date = EditionDate(issue.date)
        let title = "\(issue.paperName) \(date?.gregorian ?? "")" + (issue.issueNumber.map { " 第\($0)期" } ?? "")
        let doc = DisplayDocument(title: title, author: issue.paperName, date: date?.iso8601 ?? "", pages: pages)
        return (doc, EditionReport(pages: reports, diagnostics: diagnostics))
    }

    private func makeUp(_ page: PageSpec, geometry g: PageGeometry, furniture: Furniture)
        -> ([DisplayItem], PageReport, [Diagnostic])
    {
        var items: [DisplayItem] = []
        var diagnostics: [Diagnostic] = []
        let grid = layout.grid
        let areaTop = page.number == 1 ? layout.mastheadLines : 0
        let area = GridRect(column: 0, line: areaTop, columns: grid.columns, lines: grid.lines - areaTop)
        items += page.number == 1 ? furniture.masthead() : furniture.pageHeader(page)
        items += furniture.frameRules(pageNumber: page.number)

        // Stories fixed by hand first; a fixed area that overlaps another or the masthead is refused.
        var fixed: [(PreparedStory, GridRect)] = []
        var auto: [PreparedStory] = []
        for s in page.stories {
            guard let story = issue.stories[s.id] else { continue }
            let prepared = PreparedStory(story: story, layout: layout, setter: setter)
            guard let r = s.fixed else { auto.append(prepared); continue }
            if !area.contains(r) {
                diagnostics.append(Diagnostic(.error, file: issue.manifestFile, line: s.line,
                                              "page \(page.number): story '\(s.id)' area \(r) overlaps the masthead (lines 1–\(areaTop)); placed automatically instead"))
                auto.append(prepared)
            } else if let other = fixed.first(where: { $0.1.intersects(r) }) {
                diagnostics.append(Diagnostic(.error, file: issue.manifestFile, line: s.line,
                                              "page \(page.number): story '\(s.id)' area \(r) overlaps '\(other.0.story.id)'; placed automatically instead"))
                auto.append(prepared)
            } else {
                fixed.append((prepared, r))
            }
        }
        let regions = freeRegions(area: area, taken: fixed.map(\.1))
        let planner = PagePlanner(stories: auto, grid: grid, bottom: grid.lines)
        let plan = planner.plan(regions: regions)
        if plan.placements.count < auto.count {
            let placed = Set(plan.placements.map(\.story))
            for s in auto where !placed.contains(s.story.id) {
                diagnostics.append(Diagnostic(.error, file: s.story.sourceFile,
                                              "page \(page.number): no room for story '\(s.story.id)'; it is not on the page"))
            }
        }
        var storyReports: [StoryReport] = []
        let byID = Dictionary(uniqueKeysWithValues: auto.map { ($0.story.id, $0) })
        let all: [(PreparedStory, GridRect, Bool)] = fixed.map { ($0.0, $0.1, true) }
            + plan.placements.compactMap { p in byID[p.story].map { ($0, p.rect, false) } }
        for (prepared, rect, isFixed) in all {
            let r = renderStory(prepared, in: rect, geometry: g, bottom: grid.lines, fixed: isFixed)
            items += r.items
            items += storyRules(rect, areaTop: areaTop, geometry: g)
            storyReports.append(r.report)
            if r.report.oversetLines > 0 {
                diagnostics.append(Diagnostic(.warning, file: prepared.story.sourceFile,
                                              "page \(page.number): story '\(prepared.story.id)' overset by \(r.report.oversetLines) lines (\(rect))"))
            }
            for note in r.report.notes {
                diagnostics.append(Diagnostic(.warning, file: prepared.story.sourceFile,
                                              "page \(page.number): story '\(prepared.story.id)': \(note)"))
            }
            for c in Set(prepared.uncovered) {
                diagnostics.append(Diagnostic(.error, file: prepared.story.sourceFile,
                                              "story '\(prepared.story.id)': no font has “\(String(c))” U+\(String(c.value, radix: 16, uppercase: true))"))
            }
        }
        for e in plan.emptyAreas {
            diagnostics.append(Diagnostic(.warning, file: issue.manifestFile, line: page.line,
                                          "page \(page.number): \(e) is empty (not enough stories to fill the page)"))
        }
        storyReports.sort { ($0.rect.line, $0.rect.column) < ($1.rect.line, $1.rect.column) }
        return (items, PageReport(number: page.number, section: page.section, stories: storyReports,
                                  emptyAreas: plan.emptyAreas), diagnostics)
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
