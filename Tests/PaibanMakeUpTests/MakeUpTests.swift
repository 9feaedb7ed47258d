import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanTestSupport

/// Page make-up with the fixed-advance shaper: geometry asserted on the display list.
@Suite struct MakeUpTests {
    static let root = repositoryRoot()

    func sample() throws -> LoadedIssue {
        try IssueLoader.load(directory: Self.root + "/Examples/semicon-special", layoutSearchPath: [Self.root + "/Layouts"])
    }

    @Test("the sample front page tiles, stays on the grid and sets every character once")
    func samplePage() throws {
        let loaded = try sample()
        let (doc, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let failures = makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
        #expect(report.pages[0].stories.count == 8)
    }

    @Test("the lead story takes the top-left of the free area, the fixed advertisement its slot")
    func leadAndFixed() throws {
        let loaded = try sample()
        let (_, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let stories = report.pages[0].stories
        let lead = try #require(stories.first { $0.id == "performance-view" })
        #expect(lead.rect.column == 0 && lead.rect.line == loaded.layout.mastheadLines)
        #expect(lead.rect.columns >= 3)
        let ad = try #require(stories.first { $0.id == "ad-ccid" })
        #expect(ad.rect == GridRect(column: 6, line: 80, columns: 2, lines: 20) && ad.fixed)
    }

    /// A synthetic edition: the sample copy spread over pages of another layout.
    static func syntheticIssue(layout: String, pages: Int, storiesPerPage: Int) throws -> LoadedIssue {
        let base = try IssueLoader.load(directory: root + "/Examples/semicon-special", layoutSearchPath: [root + "/Layouts"])
        let (l, _) = try LayoutLoader.load(file: root + "/Layouts/\(layout).yaml")
        let source = base.issue.stories.values.filter { $0.kind == .news }.sorted { $0.id < $1.id }
        var stories: [String: Story] = [:]
        var specs: [PageSpec] = []
        var n = 0
        for p in 1...pages {
            var onPage: [StoryOnPage] = []
            for k in 0..<storiesPerPage {
                var s = source[n % source.count]
                n += 1
                s.id = "s\(p)-\(k)"
                s.priority = k + 1
                // Vary the lengths: some stories short, some long.
                if k % 3 == 2 { s.body = Array(s.body.prefix(2)) }
                stories[s.id] = s
                onPage.append(StoryOnPage(id: s.id, line: 0))
            }
            specs.append(PageSpec(number: p, section: "第\(p)版", stories: onPage, line: 0))
        }
        let issue = Issue(paperName: "测试晚报", date: DateComponents(year: 2026, month: 5, day: 4), issueNumber: 100,
                          banner: nil, layoutName: layout, pages: specs, stories: stories, directory: root,
                          manifestFile: "issue.yaml")
        return LoadedIssue(issue: issue, layout: l, diagnostics: [])
    }

    @Test("other layouts and story mixes tile without holes or overlaps",
          arguments: [("tabloid", 3, 4), ("tabloid", 2, 6), ("broadsheet", 2, 5), ("broadsheet", 1, 9)])
    func synthetic(layout: String, pages: Int, perPage: Int) throws {
        let loaded = try Self.syntheticIssue(layout: layout, pages: pages, storiesPerPage: perPage)
        let (doc, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        #expect(doc.pages.count == pages)
        let failures = makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test("text that does not fit is reported as overset with its story and lines, never dropped")
    func overset() throws {
        var loaded = try Self.syntheticIssue(layout: "tabloid", pages: 1, storiesPerPage: 2)
        // Far more copy than a page holds.
        for id in loaded.issue.stories.keys {
            let body = loaded.issue.stories[id]!.body
            loaded.issue.stories[id]!.body = Array(repeating: body, count: 6).flatMap { $0 }
        }
        let (doc, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let total = report.pages[0].stories.reduce(0) { $0 + $1.oversetLines }
        #expect(total > 0)
        #expect(report.diagnostics.contains { $0.message.contains("overset by") })
        let failures = makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test("fixed areas that overlap are refused with the manifest line; the story is placed automatically; a free area no story can take is reported")
    func overlappingFixed() throws {
        var loaded = try Self.syntheticIssue(layout: "tabloid", pages: 1, storiesPerPage: 3)
        loaded.issue.pages[0].stories[1].fixed = GridRect(column: 0, line: 20, columns: 3, lines: 20)
        loaded.issue.pages[0].stories[2].fixed = GridRect(column: 2, line: 30, columns: 3, lines: 20)
        loaded.issue.pages[0].stories[2].line = 12
        let (doc, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        #expect(report.diagnostics.contains { $0.line == 12 && $0.message.contains("overlaps") })
        #expect(report.pages[0].stories.count == 3)
        // The fixed story cuts the free area into three rectangles; two stories leave one empty.
        #expect(report.diagnostics.contains { $0.message.contains("is empty") })
        let failures = makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue, allowEmptyAreas: true)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test("a strip too shallow for any story (left above a fixed area) stays empty and is reported, instead of a story squeezed into it")
    func sliverLeftEmpty() throws {
        var loaded = try sample()
        // The lead's fixed area moved four lines down: four lines free across the page above it.
        let top = loaded.layout.mastheadLines
        loaded.issue.pages[0].stories[0].fixed = GridRect(column: 0, line: top + 4, columns: 8, lines: 40)
        let (doc, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let page = report.pages[0]
        #expect(page.emptyAreas.contains(GridRect(column: 0, line: top, columns: 8, lines: 4)), "\(page.emptyAreas)")
        #expect(!page.stories.contains { $0.rect.line < top + 4 }, "\(page.stories.map { "\($0.id) \($0.rect)" })")
        let failures = makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue, allowEmptyAreas: true)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test("the masthead carries the date with 星期 and 农历, and the issue number")
    func masthead() throws {
        let loaded = try sample()
        let (doc, _) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let text = doc.pages[0].glyphRuns.filter { $0.story == nil }.map(\.string).joined(separator: "|")
        #expect(text.contains("2026年3月20日"))
        #expect(text.contains("星期五"))
        #expect(text.contains("农历丙午年二月初二"))
        #expect(text.contains("第4521期"))
        #expect(text.contains("SEMICON China 2026 特刊"))
    }
}

/// Headlines set for the width a story is given.
@Suite struct HeadlineTests {
    @Test("a narrow story's title never breaks a Latin word across lines, and steps down the house sizes to stay within three lines")
    func narrowTitle() throws {
        let root = repositoryRoot()
        let (layout, _) = try LayoutLoader.load(file: root + "/Layouts/broadsheet.yaml")
        let setter = TextSetter(shaper: FixedAdvanceTextShaper(), profile: layout.profile)
        let story = Story(id: "t", title: "SEMICON China 2026 展会规模再创新高", priority: 1,
                          body: [.paragraph("正文。")], sourceFile: "t.md")
        let smallest = layout.titleSizes.map(\.value).min()!
        for columns in 1...3 {
            let shape = PreparedStory(story: story, layout: layout, setter: setter).shape(columns: columns)
            let title = try #require(shape.head.first { $0.lines.first?.runs.first?.role == .title })
            let lines = title.lines.map(\.text)
            for (a, b) in zip(lines, lines.dropFirst()) {
                // Two Latin characters either side of a break are two words only where the title
                // has a space between them.
                guard let x = a.last, let y = b.first, x.isASCII && (x.isLetter || x.isNumber),
                      y.isASCII && (y.isLetter || y.isNumber) else { continue }
                #expect(story.title!.contains("\(x) \(y)"), "\(columns) columns: a word broken between “\(a)” and “\(b)”")
            }
            let size = title.lines[0].runs[0].font.size.value
            #expect(lines.count <= 3 || size == smallest, "\(columns) columns: \(lines) at \(size) pt")
        }
        // Wide, the lead keeps its size (小初, 36 pt).
        let wide = PreparedStory(story: story, layout: layout, setter: setter).shape(columns: 6)
        #expect(wide.head.first?.lines.first?.runs.first?.font.size.value == layout.titleSizes[0].value)
    }
}
