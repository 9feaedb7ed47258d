import Foundation
import PaibanCore
import PaibanInput
import PaibanTestSupport
import PropertyBased
import Testing

/// What the loaders accept, make-up must survive: a template with values at the edges of what
/// is allowed, or hostile ones the layout loader lets through, is used to make up a small issue (the fixed-advance shaper), which must not trap and must set
/// every character of its copy or report it overset.
@Suite struct MakeUpProperties {
    /// A two-story issue with a kicker, a deck, a byline and a photo, loaded once.
    static let issue: LoadedIssue? = {
        let dir = try? scratchFolder([
            "issue.yaml": "paper: 测试报\ndate: 2026-03-20\npages:\n  - number: 1\n    section: 要闻\n    stories: [a, b]\n",
            "articles/a.md": "---\nid: a\nkicker: 引题\ntitle: 先进封装成为AI芯片“胜负手”\ndeck: ——副题\nbyline: 本报记者 张心怡\npriority: 1\nimages:\n  - file: images/p.jpg\n    caption: 图为长电科技\n---\n\n"
                + loadRawSampleParagraphs().prefix(4).joined(separator: "\n\n") + "\n",
            "articles/b.md": "---\nid: b\ntitle: 短讯\nkind: brief\n---\n\n" + (loadRawSampleParagraphs().dropFirst(4).first ?? "正文。") + "\n",
        ], prefix: "paiban-fuzz-makeup")
        guard let dir else { return nil }
        try? FileManager.default.createDirectory(atPath: dir + "/images", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/images/p.jpg", contents: Data(ImageFile.jpeg))
        return try? IssueLoader.load(directory: dir, layoutSearchPath: [repositoryRoot() + "/Layouts"])
    }()

    @Test("make-up: a template the loader accepts makes up a small issue without a trap, every character set or reported overset")
    func acceptedTemplatesMakeUp() throws {
        let base = try #require(Self.issue)
        #expect(base.issue.stories.count == 2 && base.issue.stories["a"]?.images.first?.pixelWidth == 2400)
        var madeUp = 0
        let templates = Generator<LayoutFile, Shrink.None<LayoutFile>> { rng in
            Bool.random(using: &rng) ? LayoutFile.edgeGenerator.run(using: &rng) : LayoutFile.generator.run(using: &rng)
        }
        Fuzz.check("make-up", count: 40, templates) { f in
            guard let (layout, _) = try? LayoutLoader.parse(f.text.yaml, file: "fuzz.yaml") else { return [] }
            madeUp += 1
            let (doc, report) = EditionMakeUp(issue: base.issue, layout: layout, shaper: FixedAdvanceTextShaper()).run()
            return storyTextFailures(doc, report, issue: base.issue)
        }
        // Most hostile templates are refused; enough must load for the property to mean something.
        #expect(madeUp >= 5, "only \(madeUp) templates were accepted and made up")
    }
}

/// Every story's copy is set once, in order, or what is missing is reported overset: its body
/// runs in display order (the content stream's reading order) against `expectedBodyText`.
/// Not `makeUpFailures`' text check, which keeps only runs inside the story's rectangle: under
/// the hang and grid profiles a mark hung at the end of a line in the story's last column lies
/// past the rectangle, and that check counts the whole line as lost.
func storyTextFailures(_ doc: DisplayDocument, _ report: EditionReport, issue: PaibanCore.Issue) -> [String] {
    let roles: Set<TextRole> = [.body, .subhead, .byline, .editorsNote, .advertisement]
    var failures: [String] = []
    for (id, story) in issue.stories.sorted(by: { $0.key < $1.key }) {
        let parts = report.pages.flatMap(\.stories).filter { $0.id == id }
        guard !parts.isEmpty else { continue }
        let set = doc.pages.flatMap(\.glyphRuns).filter { $0.story == id && roles.contains($0.role) }
            .map(\.string).joined().filter { !$0.isWhitespace }
        let copy = expectedBodyText(story).filter { !$0.isWhitespace }
        let overset = parts.contains { $0.oversetLines > 0 }
        if overset ? !(copy.hasPrefix(set) && set.count < copy.count) : set != copy {
            failures.append("story \(id): set text \(overset ? "is not a leading part of" : "differs from") the copy\n set: \(set)\n copy: \(copy)")
        }
    }
    return failures
}
