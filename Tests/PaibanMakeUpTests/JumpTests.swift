import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanTestSupport

/// Jumps (转版): cutting, markers and their page numbers, repeated jumps, receiving pages.
@Suite struct JumpTests {
    /// An edition whose first story is far too long for the area fixed for it on page 1.
    func edition(pages: Int = 3, jumpTo: [Int] = [2], jumps: Bool = false, receiving: Set<Int> = [],
                 labels: [Int: String] = [:], markers: JumpMarkers? = nil, leadLines: Int = 20,
                 fillReceiving: Bool = false) throws -> LoadedIssue {
        var loaded = try MakeUpTests.syntheticIssue(layout: "tabloid", pages: pages, storiesPerPage: 3)
        let lead = "s1-0"
        var story = loaded.issue.stories[lead]!
        story.body = Array(repeating: story.body, count: 4).flatMap { $0 }
        story.title = "长篇报道"
        loaded.issue.stories[lead] = story
        loaded.issue.pages[0].stories[0] = StoryOnPage(id: lead, fixed: GridRect(column: 0, line: 13, columns: 3, lines: leadLines),
                                                       line: 7, jumpTo: jumpTo, jumps: jumps)
        for k in loaded.issue.pages.indices {
            let n = loaded.issue.pages[k].number
            loaded.issue.pages[k].receivesJumps = receiving.contains(n)
            loaded.issue.pages[k].label = labels[n]
            if fillReceiving && receiving.contains(n) && n == 2 {
                // Page 2 is taken whole by a story fixed to all of it: no room for a continuation.
                loaded.issue.pages[k].stories = [StoryOnPage(id: loaded.issue.pages[k].stories[0].id,
                                                             fixed: GridRect(column: 0, line: 0, columns: 6, lines: 70), line: 9)]
            }
        }
        loaded.issue.jumpMarkers = markers
        return loaded
    }

    func run(_ loaded: LoadedIssue) -> (DisplayDocument, EditionReport) {
        EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
    }

    func jumpLines(_ doc: DisplayDocument, page: Int) -> [String] {
        var out: [String] = []
        for r in doc.pages.first(where: { $0.number == page })?.glyphRuns ?? [] where r.role == .jump { out.append(r.string) }
        return out
    }

    @Test("a story cut at a line boundary continues on the named page; both parts together are the story")
    func cut() throws {
        let loaded = try edition()
        let (doc, report) = run(loaded)
        let failures = makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let first = try #require(report.pages[0].stories.first { $0.id == "s1-0" })
        #expect(first.continuesOn == 2 && first.oversetLines == 0)
        let second = try #require(report.pages[1].stories.first { $0.id == "s1-0" })
        #expect(second.part == 2 && second.continuedFrom == 1)
        #expect(jumpLines(doc, page: 1) == ["（下转第2版）"])
        #expect(jumpLines(doc, page: 2).first == "（上接第1版）")
    }

    @Test("jump lines link to each other: each names the other part's destination")
    func links() throws {
        let (doc, _) = run(try edition())
        let out = try #require(doc.pages[0].glyphRuns.first { $0.role == .jump })
        let into = try #require(doc.pages[1].glyphRuns.first { $0.role == .jump })
        #expect(out.link == into.anchor && into.link == out.anchor && out.anchor != nil)
    }

    @Test("markers in Chinese numerals and with section labels")
    func numeralsAndLabels() throws {
        let (doc, _) = run(try edition(markers: JumpMarkers(numerals: .chinese)))
        #expect(jumpLines(doc, page: 1) == ["（下转第二版）"])
        #expect(jumpLines(doc, page: 2).first == "（上接第一版）")
        let labelled = try edition(labels: [1: "A1", 2: "A4"],
                                   markers: JumpMarkers(out: "（下转{page}版）", in: "（上接{page}版）"))
        let (doc2, _) = run(labelled)
        #expect(jumpLines(doc2, page: 1) == ["（下转A4版）"])
        #expect(jumpLines(doc2, page: 2).first == "（上接A1版）")
    }

    @Test("a story may jump more than once; every marker names the page its other part is on")
    func twice() throws {
        var loaded = try edition(pages: 3, jumpTo: [2, 3], leadLines: 12)
        // Little room on page 2: the continuation's area is fixed small.
        var s = loaded.issue.stories["s1-0"]!
        s.body = Array(repeating: s.body, count: 3).flatMap { $0 }
        loaded.issue.stories["s1-0"] = s
        loaded.issue.pages[1].stories = [StoryOnPage(id: loaded.issue.pages[1].stories[0].id,
                                                     fixed: GridRect(column: 0, line: 0, columns: 6, lines: 55), line: 9)]
        let (doc, report) = run(loaded)
        let parts = report.pages.flatMap(\.stories).filter { $0.id == "s1-0" }
        #expect(parts.map(\.part) == [1, 2, 3], "\(parts.map(\.part))")
        #expect(parts.map(\.continuesOn) == [2, 3, nil])
        #expect(jumpLines(doc, page: 2) == ["（上接第1版）", "（下转第3版）"])
        #expect(jumpLines(doc, page: 3).first == "（上接第2版）")
        #expect(makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue).isEmpty)
    }

    @Test("jumps: true continues on the next page that receives continuations")
    func receivingPage() throws {
        let (doc, report) = run(try edition(pages: 3, jumpTo: [], jumps: true, receiving: [3]))
        #expect(report.pages[0].stories.first { $0.id == "s1-0" }?.continuesOn == 3)
        #expect(jumpLines(doc, page: 1) == ["（下转第3版）"])
        #expect(report.pages[2].stories.contains { $0.id == "s1-0" && $0.part == 2 })
    }

    @Test("a continuation with no room on its page moves to the next receiving page, and the jump line follows it")
    func move() throws {
        let (doc, report) = run(try edition(pages: 3, jumpTo: [], jumps: true, receiving: [2, 3], fillReceiving: true))
        #expect(jumpLines(doc, page: 1) == ["（下转第3版）"])
        #expect(report.pages[2].stories.contains { $0.id == "s1-0" && $0.part == 2 && $0.continuedFrom == 1 })
        #expect(!report.pages[1].stories.contains { $0.id == "s1-0" })
    }

    @Test("a continuation that does not fit where it lands is reported overset with its size")
    func continuationOverset() throws {
        var loaded = try edition(pages: 2, jumpTo: [2], leadLines: 10)
        var s = loaded.issue.stories["s1-0"]!
        s.body = Array(repeating: s.body, count: 6).flatMap { $0 }
        loaded.issue.stories["s1-0"] = s
        let (_, report) = run(loaded)
        let part = try #require(report.pages[1].stories.first { $0.id == "s1-0" })
        #expect(part.oversetLines > 0)
        #expect(report.diagnostics.contains { $0.message.contains("continuation of 's1-0'") && $0.message.contains("overset by") })
    }

    @Test("a story that fits needs no jump line")
    func noJumpWhenItFits() throws {
        let loaded = try edition(leadLines: 57)
        var s = loaded.issue.stories["s1-0"]!
        s.body = Array(s.body.prefix(1))
        var l = loaded
        l.issue.stories["s1-0"] = s
        let (doc, report) = run(l)
        #expect(jumpLines(doc, page: 1).isEmpty)
        #expect(report.pages[0].stories.first { $0.id == "s1-0" }?.continuesOn == nil)
    }

    @Test("the preflight report lists the jumps with their pages and agrees with the pages")
    func report() throws {
        let loaded = try edition()
        let (doc, report) = run(loaded)
        let pre = preflightReport(issue: loaded.issue, layout: loaded.layout, document: doc, report: report,
                                  inputDiagnostics: [], output: "x.pdf")
        let text = pre.json.serialized()
        #expect(text.contains(#""jumps":[{"story":"s1-0","part":1,"from_page":1,"to_page":2"#))
        let overset = report.pages.flatMap(\.stories).reduce(0) { $0 + $1.oversetLines }
        #expect(text.contains("\"overset_lines\":\(overset)"))
        #expect(pre.summary.first?.contains("1 jumps") == true)
    }
}
