import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanTestSupport

/// Pages numbered by section (A1, A2 …): every place a page is named prints its label, and
/// pages without one keep 第N版.
@Suite struct PageLabelTests {
    let jumps = JumpTests()

    /// JumpTests' edition with sections that do not look like page names (要闻, 综合, 体育 …).
    func edition(pages: Int, labels: [Int: String], markers: JumpMarkers? = nil) throws -> LoadedIssue {
        var loaded = try jumps.edition(pages: pages, labels: labels, markers: markers)
        let sections = ["要闻", "综合", "体育", "副刊"]
        for k in loaded.issue.pages.indices { loaded.issue.pages[k].section = sections[k % sections.count] }
        return loaded
    }

    /// The text of a page's runs of one role (story nil: furniture), joined.
    func text(_ doc: DisplayDocument, page: Int, role: TextRole, story: String? = nil) -> String {
        (doc.pages.first { $0.number == page }?.glyphRuns ?? [])
            .filter { $0.role == role && $0.story == story }.map(\.string).joined(separator: "|")
    }

    @Test("the 报眉 of a labelled page prints its label (A2), never 第2版; an unlabelled page keeps 第3版")
    func pageHeader() throws {
        let (doc, _) = jumps.run(try edition(pages: 3, labels: [1: "A1", 2: "A2"]))
        let labelled = text(doc, page: 2, role: .pageHeader)
        #expect(labelled.contains("A2") && !labelled.contains("第2版"), "\(labelled)")
        #expect(text(doc, page: 3, role: .pageHeader).contains("第3版"))
    }

    @Test("default jump lines name a labelled page without 第: （下转A3版） and （上接A1版）")
    func defaultJumpLines() throws {
        let (doc, _) = jumps.run(try edition(pages: 2, labels: [1: "A1", 2: "A3"]))
        #expect(jumps.jumpLines(doc, page: 1) == ["（下转A3版）"])
        #expect(jumps.jumpLines(doc, page: 2).first == "（上接A1版）")
    }

    @Test("a house template's 第{page} drops 第 for a label and keeps it for a number; {page_cn} keeps its 第")
    func templates() {
        let m = JumpMarkers(numerals: .chinese)
        #expect(m.fill("（转第{page}版·{title}）", page: 3, label: "A3", title: "芯片") == "（转A3版·芯片）")
        #expect(m.fill("（转第{page}版·{title}）", page: 3, label: nil, title: "芯片") == "（转第三版·芯片）")
        #expect(m.fill("（下转第{page_cn}版）", page: 3, label: "A3", title: "") == "（下转第三版）")
        #expect(m.fill("（见{page}）", page: 3, label: "A3", title: "") == "（见A3）")
    }

    @Test("the continuation head's {page} is the label of the page the story came from")
    func continuationHead() throws {
        let markers = JumpMarkers(head: "{title}（上接{page}）")
        let (doc, _) = jumps.run(try edition(pages: 2, labels: [1: "A1", 2: "A3"], markers: markers))
        let head = text(doc, page: 2, role: .title, story: "s1-0").replacingOccurrences(of: "|", with: "")
        #expect(head == "长篇报道（上接A1）", "\(head)")
    }

    @Test("the masthead's 本期导读 names an inner page by its label")
    func readersGuide() throws {
        var loaded = try MakeUpTests().sample()
        loaded.issue.pages[0].label = "A1"
        loaded.issue.pages[1].label = "A2"
        let (doc, _) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let masthead = text(doc, page: 1, role: .masthead)
        #expect(masthead.contains("本期导读"), "\(masthead)")
        #expect(masthead.contains("A2　") && !masthead.contains("第2版"), "\(masthead)")
    }

    @Test("outline titles, viewer page labels, the report's pages and jumps and the summary use the label; numbered pages keep 第N版")
    func outlineReportAndSummary() throws {
        let loaded = try edition(pages: 3, labels: [1: "A1", 2: "A2"])
        let (doc, report) = jumps.run(loaded)
        #expect(doc.pages.map(\.label) == ["A1", "A2", "第3版"])
        #expect(doc.pages.map(\.title) == ["A1 要闻", "A2 综合", "第3版 体育"])
        let pre = preflightReport(issue: loaded.issue, layout: loaded.layout, document: doc, report: report,
                                  inputDiagnostics: [], output: "x.pdf")
        let json = pre.json.serialized()
        #expect(json.contains(#""number":2,"label":"A2""#), "\(json.prefix(400))")
        #expect(json.contains(#""number":3,"label":"第3版""#))
        #expect(json.contains(#""from_page":1,"to_page":2,"from_label":"A1","to_label":"A2""#))
        let lines = pre.summary.filter { $0.hasPrefix("  ") }
        #expect(lines.first?.hasPrefix("  A1 ") == true && lines.first?.contains("→A2") == true, "\(pre.summary)")
        #expect(lines.contains { $0.hasPrefix("  A2 ") } && lines.contains { $0.hasPrefix("  第3版 ") }, "\(pre.summary)")
        #expect(!pre.summary.contains { $0.contains("第A") || $0.contains("第2版") }, "\(pre.summary)")
    }
}
