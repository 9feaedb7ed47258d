import Foundation
import Testing
import PaibanCore
@testable import PaibanInput
import PaibanTestSupport

/// Issue folders: stories with front matter, the manifest, and errors that name file and line
/// while the rest of the issue still loads.
@Suite struct IssueLoaderTests {
    static let root = LayoutLoaderTests.root

    /// A scratch issue folder with the given files.
    func folder(_ files: [String: String]) throws -> String { try scratchFolder(files) }

    @Test("the sample edition loads with every story and its photo")
    func sample() throws {
        let loaded = try IssueLoader.load(directory: Self.root + "/Examples/semicon-special",
                                          layoutSearchPath: [Self.root + "/Layouts"])
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.issue.stories.count == 12)
        #expect(loaded.issue.pages.map(\.number) == [1, 2] && loaded.issue.pages[1].receivesJumps)
        #expect(loaded.issue.pages[0].stories.prefix(2).map(\.jumpTo) == [[2], [2]])
        #expect(loaded.issue.banner == "SEMICON China 2026 特刊")
        let packaging = try #require(loaded.issue.stories["advanced-packaging"])
        #expect(packaging.images.first?.pixelWidth == 2400)
        // Loaded normalised: a space between Chinese words is a full-width one.
        #expect(packaging.byline == "本报记者\u{3000}张心怡")
        #expect(packaging.body.contains(.subhead("盈利贡献度凸显\u{3000}市场动能更加清晰")))
        let ad = try #require(loaded.issue.pages.first?.stories.last)
        #expect(ad.fixed == GridRect(column: 6, line: 80, columns: 2, lines: 20))
    }

    @Test("a story with broken front matter is reported with its line; the others load")
    func brokenStory() throws {
        let dir = try folder([
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories: [good, bad]\n",
            "articles/good.md": "---\nid: good\ntitle: 好稿\n---\n\n正文第一段。\n",
            "articles/bad.md": "---\nid: bad\ntitle: [未闭合\n---\n\n正文。\n",
        ])
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        #expect(loaded.issue.stories["good"] != nil)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.file?.hasSuffix("articles/bad.md") == true && $0.line != nil }, "\(errors)")
        #expect(errors.contains { $0.message.contains("unknown story id 'bad'") && $0.line == 5 }, "\(errors)")
    }

    @Test("an unknown story id names the manifest line")
    func unknownStory() throws {
        let dir = try folder([
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories:\n      - nosuch\n",
            "articles/a.md": "---\nid: a\n---\n\n正文。\n",
        ])
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        let e = try #require(loaded.diagnostics.first { $0.message.contains("nosuch") })
        #expect(e.file?.hasSuffix("issue.yaml") == true && e.line == 6)
    }

    @Test("a news or feature story without a title is a warning at its title line (or the front matter's first); a brief, photo, 编者按 or advertisement may have none")
    func missingTitle() throws {
        let dir = try folder([
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories: [n, f, b, e, p, ad, t]\n",
            "articles/n.md": "---\nid: n\n---\n\n正文。\n",
            "articles/f.md": "---\nid: f\nkind: feature\ntitle: \"\"\n---\n\n正文。\n",
            "articles/b.md": "---\nid: b\nkind: brief\n---\n\n正文。\n",
            "articles/e.md": "---\nid: e\nkind: editors-note\n---\n\n正文。\n",
            "articles/p.md": "---\nid: p\nkind: photo\n---\n\n正文。\n",
            "articles/ad.md": "---\nid: ad\nkind: advertisement\n---\n\n正文。\n",
            "articles/t.md": "---\nid: t\ntitle: 有题\n---\n\n正文。\n",
        ])
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        let untitled = loaded.diagnostics.filter { $0.message.contains("has no title") }
        #expect(untitled.allSatisfy { $0.severity == .warning }, "\(untitled)")
        #expect(untitled.map { ($0.file.map { ($0 as NSString).lastPathComponent } ?? "", $0.line ?? 0) }
                    .sorted { $0.0 < $1.0 }.map { "\($0.0):\($0.1)" } == ["f.md:4", "n.md:1"], "\(untitled)")
        #expect(loaded.issue.stories.count == 7)
    }

    @Test("a story file no page lists is a warning naming the file; listed stories raise none")
    func unlistedStory() throws {
        let dir = try folder([
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories: [a]\n",
            "articles/a.md": "---\nid: a\ntitle: 甲\n---\n\n正文。\n",
            "articles/forgotten.md": "---\nid: forgotten\ntitle: 乙\n---\n\n正文。\n",
        ])
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        let unlisted = loaded.diagnostics.filter { $0.message.contains("on no page") }
        #expect(unlisted.count == 1, "\(loaded.diagnostics)")
        #expect(unlisted.first?.severity == .warning && unlisted.first?.file?.hasSuffix("articles/forgotten.md") == true
                && unlisted.first?.message.contains("'forgotten'") == true, "\(unlisted)")
    }

    /// An edition with page 1 listing `a`, the given `fillers:` block, and stories a, b, c (c an
    /// advertisement).
    func withFillers(_ fillers: String) throws -> LoadedIssue {
        let dir = try folder([
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories: [a]\nfillers:\n\(fillers)",
            "articles/a.md": "---\nid: a\ntitle: 甲\n---\n\n正文。\n",
            "articles/b.md": "---\nid: b\nkind: brief\n---\n\n短讯。\n",
            "articles/c.md": "---\nid: c\nkind: advertisement\ntitle: 广告\n---\n\n欢迎订阅。\n",
        ])
        return try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
    }

    @Test("the fillers pool is read in the manifest's order, plain ids and {id: X} alike, any kind; no warnings")
    func fillersInOrder() throws {
        let loaded = try withFillers("  - c\n  - {id: b}\n")
        #expect(loaded.issue.fillers == ["c", "b"])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.issue.pages[0].stories.map(\.id) == ["a"])
    }

    @Test("no fillers: key, or an empty one, is an empty pool")
    func noFillers() throws {
        #expect(try withFillers("").issue.fillers.isEmpty)
        #expect(try withFillers("  []\n").issue.fillers.isEmpty)
    }

    @Test("a filler with an unknown id is an error naming the manifest and its line; it is skipped")
    func unknownFiller() throws {
        let loaded = try withFillers("  - b\n  - nosuch\n  - c\n")
        let e = try #require(loaded.diagnostics.first { $0.message.contains("'nosuch'") })
        #expect(e.severity == .error && e.file?.hasSuffix("issue.yaml") == true && e.line == 8, "\(e)")
        #expect(e.message.contains("unknown story id"))
        #expect(loaded.issue.fillers == ["b", "c"])
    }

    @Test("a filler listed twice is a warning at the second listing's line; it is kept once, where first listed")
    func duplicateFiller() throws {
        let loaded = try withFillers("  - b\n  - c\n  - {id: b}\n")
        #expect(loaded.issue.fillers == ["b", "c"])
        let w = loaded.diagnostics.filter { $0.message.contains("'b'") }
        #expect(w.count == 1 && w.first?.severity == .warning && w.first?.line == 9
                && w.first?.file?.hasSuffix("issue.yaml") == true, "\(loaded.diagnostics)")
    }

    @Test("a filler a page also lists is a warning at its line; it stays on the page and is not in the pool")
    func fillerOnAPage() throws {
        let loaded = try withFillers("  - a\n  - b\n")
        #expect(loaded.issue.fillers == ["b"])
        #expect(loaded.issue.pages[0].stories.map(\.id) == ["a"])
        let w = try #require(loaded.diagnostics.first { $0.message.contains("'a'") })
        #expect(w.severity == .warning && w.line == 7 && w.message.contains("page 1"), "\(w)")
    }

    @Test("a story file that is a filler raises no 'on no page' warning; a story neither listed nor pooled still does")
    func fillerIsNotUnlisted() throws {
        let loaded = try withFillers("  - b\n")
        let unlisted = loaded.diagnostics.filter { $0.message.contains("on no page") }
        #expect(unlisted.count == 1 && unlisted.first?.file?.hasSuffix("articles/c.md") == true, "\(loaded.diagnostics)")
    }

    @Test("an unknown key in a filler entry is a warning at its line; the filler is kept")
    func fillerUnknownKey() throws {
        let loaded = try withFillers("  - {id: b, size: 2}\n")
        #expect(loaded.issue.fillers == ["b"])
        let w = try #require(loaded.diagnostics.first { $0.message.contains("'size'") })
        #expect(w.severity == .warning && w.line == 7 && w.message.contains("filler entry"), "\(w)")
    }

    @Test("a fillers: that is not a list, or an entry with no id, is an error; the rest of the edition loads")
    func malformedFillers() throws {
        let notAList = try withFillers("  b\n")
        #expect(notAList.issue.fillers.isEmpty && notAList.issue.pages.count == 1)
        #expect(notAList.diagnostics.contains { $0.severity == .error && $0.message.contains("'fillers' must be a list") },
                "\(notAList.diagnostics)")
        let noID = try withFillers("  - {name: b}\n  - c\n")
        #expect(noID.issue.fillers == ["c"])
        #expect(noID.diagnostics.contains { $0.severity == .error && $0.message.contains("missing 'id'") && $0.line == 7 },
                "\(noID.diagnostics)")
    }

    @Test("a missing image is reported and the story still loads")
    func missingImage() throws {
        let dir = try folder([
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories: [a]\n",
            "articles/a.md": "---\nid: a\nimages:\n  - file: images/none.jpg\n    caption: 图说\n---\n\n正文。\n",
        ])
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        #expect(loaded.issue.stories["a"]?.images.first?.path == nil)
        #expect(loaded.diagnostics.contains { $0.message.contains("images/none.jpg") && $0.severity == .error })
    }

    @Test("a missing manifest, a bad date and an unknown layout stop with a clear message")
    func manifestErrors() throws {
        let empty = try folder(["articles/a.md": "---\nid: a\n---\n正文。\n"])
        #expect(throws: InputError.self) { try IssueLoader.load(directory: empty) }
        let badDate = try folder(["issue.yaml": "paper: 报\ndate: 2026/1/5\npages: [{number: 1}]\n"])
        do { _ = try IssueLoader.load(directory: badDate); Issue.record("accepted a bad date") } catch let e as InputError {
            #expect(e.description.contains("issue.yaml:2") && e.description.contains("YYYY-MM-DD"))
        }
        let noLayout = try folder(["issue.yaml": "paper: 报\ndate: 2026-01-05\nlayout: nosuch\npages: [{number: 1}]\n"])
        do { _ = try IssueLoader.load(directory: noLayout); Issue.record("accepted an unknown layout") } catch let e as InputError {
            #expect(e.description.contains("layout 'nosuch' not found"))
        }
    }

    @Test("dates must exist: 2026-02-29, 2100-02-29, 1900-02-29 and 2026-04-31 are refused; 2028-02-29, 2000-02-29 and 2026-12-31 are not")
    func dates() {
        #expect(IssueLoader.parseDate("2026-02-29") == nil)
        #expect(IssueLoader.parseDate("2028-02-29") != nil)
        #expect(IssueLoader.parseDate("2026-3-20")?.day == 20)
        // The Gregorian century rule: divisible by 100 is no leap year unless by 400 too.
        #expect(IssueLoader.parseDate("2100-02-29") == nil)
        #expect(IssueLoader.parseDate("1900-02-29") == nil)
        #expect(IssueLoader.parseDate("2000-02-29") != nil)
        #expect(IssueLoader.parseDate("2026-04-31") == nil)
        #expect(IssueLoader.parseDate("2026-12-31") != nil)
        #expect(IssueLoader.parseDate("2026-13-01") == nil)
    }

    @Test("Markdown body: paragraphs, subheads, lines of one paragraph joined")
    func markdownBody() throws {
        let (story, _) = try ArticleLoader.parse("---\nid: x\ntitle: 题\n---\n\n第一段\n接着。\n\n## 小标题\n\n第二段。\n", file: "x.md")
        #expect(story.body == [.paragraph("第一段接着。"), .subhead("小标题"), .paragraph("第二段。")])
    }

    @Test("PNG and JPEG sizes are read from their headers")
    func imageProbe() throws {
        let jpeg = Self.root + "/Examples/semicon-special/images/jcet-pdm.jpg"
        let info = try #require(ImageProbe.probe(jpeg))
        #expect(info.format == .jpeg && info.width == 2400 && info.height == 1600)
        // A PNG: the 1 × 1 image written here.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
                            0, 0, 0x01, 0x2C, 0, 0, 0, 0xC8, 8, 2, 0, 0, 0]
        let path = NSTemporaryDirectory() + "probe-\(UUID().uuidString).png"
        try Data(png).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = try #require(ImageProbe.probe(path))
        #expect(p.format == .png && p.width == 300 && p.height == 200)
    }
}

/// Jump declarations are checked when the manifest is read.
@Suite struct JumpDeclarationTests {
    func load(_ stories: String, pages: String = "") throws -> LoadedIssue {
        let dir = try IssueLoaderTests().folder([
            "issue.yaml": "paper: 报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories:\n\(stories)\n  - number: 2\n    stories: []\n\(pages)",
            "articles/a.md": "---\nid: a\n---\n\n正文。\n",
        ])
        return try IssueLoader.load(directory: dir, layoutSearchPath: [IssueLoaderTests.root + "/Layouts"])
    }

    @Test("a jump backwards, onto its own page or to a missing page is an error naming the story")
    func refusedJumps() throws {
        for (target, words) in [("1", "own page"), ("7", "does not have")] {
            let loaded = try load("      - {id: a, jump_to: \(target)}")
            let e = loaded.diagnostics.first { $0.severity == .error && $0.message.contains("'a'") }
            #expect(e?.message.contains(words) == true, "\(loaded.diagnostics)")
            #expect(e?.line == 6)
            #expect(loaded.issue.pages[0].stories[0].jumpTo.isEmpty)
        }
        let back = try IssueLoaderTests().folder([
            "issue.yaml": "paper: 报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories: []\n  - number: 2\n    stories:\n      - {id: a, jump_to: 1}\n",
            "articles/a.md": "---\nid: a\n---\n\n正文。\n",
        ])
        let loaded = try IssueLoader.load(directory: back, layoutSearchPath: [IssueLoaderTests.root + "/Layouts"])
        #expect(loaded.diagnostics.contains { $0.message.contains("backwards") && $0.message.contains("'a'") })
    }

    @Test("a fixed area outside the layout's grid is an error naming the manifest line; the story is placed automatically and the edition still loads")
    func areaOutsideGrid() throws {
        let loaded = try load("      - {id: a, area: {column: 8, line: 81, columns: 2, lines: 20}}")
        let e = loaded.diagnostics.first { $0.severity == .error && $0.message.contains("outside") }
        #expect(e?.line == 6 && e?.message.contains("'a'") == true && e?.message.contains("placed automatically") == true,
                "\(loaded.diagnostics)")
        #expect(loaded.issue.pages[0].stories[0].fixed == nil)
    }

    @Test("jumps: true needs a later page that receives continuations")
    func noReceivingPage() throws {
        let loaded = try load("      - {id: a, jumps: true}")
        #expect(loaded.diagnostics.contains { $0.message.contains("receives_jumps") })
    }
}

@Suite struct StoryKindLoading {
    @Test("an unknown kind is a warning at its own line and the story is set as news, never dropped")
    func unknownKind() throws {
        let (story, diagnostics) = try ArticleLoader.parse("---\nkind: opinion\ntitle: 题\n---\n\n正文。\n", file: "x.md")
        #expect(story.kind == .news && story.body.count == 1)
        let d = try #require(diagnostics.first { $0.message.contains("opinion") })
        #expect(d.severity == .warning && d.file == "x.md" && d.line == 2)
    }

    @Test("an unknown front-matter key is reported at the line it is on")
    func unknownKeyLine() throws {
        let (_, diagnostics) = try ArticleLoader.parse("---\ntitle: 题\ncolour: red\n---\n\n正文。\n", file: "x.md")
        #expect(diagnostics.first { $0.message.contains("colour") }?.line == 3)
    }

    @Test("commentary and briefs are kinds of their own; brief still works", arguments: ["commentary", "briefs", "brief"])
    func newKinds(_ kind: String) throws {
        let (story, diagnostics) = try ArticleLoader.parse("---\nkind: \(kind)\ntitle: 题\n---\n\n## 条目\n\n正文。\n", file: "x.md")
        #expect(story.kind.rawValue == kind)
        #expect(diagnostics.isEmpty)
    }
}
