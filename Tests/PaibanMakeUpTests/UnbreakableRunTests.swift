import Testing
import PaibanCore
import PaibanInput
import PaibanTestSupport

/// A run of characters no rule lets break (a row of dashes, of ellipses, of opening quotes)
/// wider than a column: it is broken and reported, and never printed across the next story.
@Suite struct UnbreakableRunTests {
    @Test("40 × —, 60 × …… and 40 × “ in a story's paragraphs stay inside its rectangle, and each paragraph so broken is a warning naming it")
    func staysInside() throws {
        typealias P = PageOptimiserTests
        var lead = P.story("lead", characters: 900, priority: 1, seed: 1)
        let runs = [String(repeating: "—", count: 40), String(repeating: "……", count: 60), String(repeating: "“", count: 40)]
        lead.body.insert(contentsOf: runs.map { .paragraph("前文" + $0 + "后文。") }, at: 1)
        let others = (2...7).map { P.story("s\($0)", characters: 500 + 60 * $0, priority: 3, seed: $0) }
        let loaded = try P.issue("broadsheet", [P.onPage([lead] + others)], stories: [lead] + others)
        let makeUp = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper())
        let (doc, report) = makeUp.run()
        let failures = makeUpFailures(doc, report, layout: loaded.layout, issue: loaded.issue, allowEmptyAreas: true)
        #expect(failures.filter { $0.contains("leaves") }.isEmpty, "\(failures)")
        let notes = report.diagnostics.filter { $0.message.contains("story 'lead'") && $0.message.contains("wider than its column") }
        #expect(notes.map { $0.message.components(separatedBy: "paragraph ").last?.prefix(1) ?? "" }.sorted() == ["2", "3", "4"],
                "\(report.diagnostics.map(\.message))")
        #expect(notes.allSatisfy { $0.severity == .warning })
    }

    @Test("the composer keeps every line of such a run inside the measure and counts the breaks the rules forbid")
    func composerBreaks() {
        let text = Array(("甲" + String(repeating: "—", count: 40) + "乙。").unicodeScalars)
        let shaped = FixedAdvanceShaper().shape(text)
        let p = ParagraphComposer().compose(text, shaped: shaped, measure: Em(13))
        #expect(p.lines.allSatisfy { !$0.overfull }, "\(p.lines.map { p.string(of: $0) })")
        #expect(p.forbiddenBreaks >= 3)
        let plain = Array("一段没有长串的普通文字，在十三个字的栏宽里正常断行，不需要违反任何规则。".unicodeScalars)
        #expect(ParagraphComposer().compose(plain, shaped: FixedAdvanceShaper().shape(plain), measure: Em(13)).forbiddenBreaks == 0)
    }
}
