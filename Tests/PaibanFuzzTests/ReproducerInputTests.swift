import Foundation
import PaibanCore
import PaibanInput
import PaibanTestSupport
import Testing

/// The reproducers for stories, photos and manifests (see ReproducerTests for templates).
@Suite struct ReproducerInputTests {
    typealias R = ReproducerTests
    static let layouts = repositoryRoot() + "/Layouts"

    /// Loads an issue folder made of the reproducer manifest `manifest` and story `a`, in a
    /// scratch folder that also holds a real photo beside the issue (`../outside.png`).
    func loadIssue(_ manifest: String, story: String? = nil) throws -> LoadedIssue {
        let parent = try scratchFolder(["issue/issue.yaml": R.text(manifest),
                                        "issue/articles/a.md": story.map(R.text) ?? "---\nid: a\ntitle: 标题\n---\n\n正文。\n"],
                                       prefix: "paiban-fuzz-repro")
        _ = FileManager.default.createFile(atPath: parent + "/outside.png", contents: Data(ImageFile.png))
        return try IssueLoader.load(directory: parent + "/issue", layoutSearchPath: [Self.layouts])
    }

    // MARK: stories

    @Test("story: a body line #热点话题# (not a Markdown heading) is a paragraph with its #s")
    func hashLine() throws {
        let (story, _) = try ArticleLoader.parse(R.text("story-hash-line.md"), file: "story-hash-line.md")
        let paragraphs = story.body.compactMap { if case .paragraph(let p) = $0 { p } else { nil } }
        #expect(paragraphs.count == 2 && paragraphs[0] == "#热点话题#引发讨论。" && paragraphs[1].hasPrefix("##1"), "\(story.body)")
    }

    @Test("story: a key written twice in the front matter is refused at the second's line")
    func duplicateFrontMatterKey() {
        do {
            _ = try ArticleLoader.parse(R.text("story-duplicate-key.md"), file: "story-duplicate-key.md")
            Issue.record("loaded")
        } catch let e as InputError {
            #expect(e.diagnostic.line == 3, "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("story: a quoted title opening with U+FEFF keeps it, or its removal is logged with the field or warned at its line")
    func fieldByteOrderMark() throws {
        let (story, diagnostics) = try ArticleLoader.parse(R.text("story-field-bom.md"), file: "story-field-bom.md")
        let log = story.normalisation.filter { $0.field == "title" }.map(\.change)
        let titleLine = R.text("story-field-bom.md").components(separatedBy: "\n").firstIndex { $0.hasPrefix("title:") }.map { $0 + 1 }
        let warned = diagnostics.contains { $0.line == titleLine && $0.message.contains("byte-order mark") }
        #expect(original(of: story.title ?? "", changes: log) == "\u{FEFF}标题" || (story.title == "标题" && warned),
                "\(String(reflecting: story.title)) \(log) \(diagnostics)")
    }

    // MARK: photos

    @Test("photo: sizes a format cannot hold (PNG 4294967295² and 0², JPEG 0²) are not taken as sizes",
          arguments: ["image-png-4294967295.png", "image-png-0x0.png", "image-jpeg-0x0.jpg"])
    func impossibleSizes(_ name: String) {
        #expect(probeFailures(R.bytes(name)).isEmpty, "\(probeFailures(R.bytes(name)))")
    }

    @Test("photo: four bytes of PNG signature, or no IHDR chunk, is not a PNG",
          arguments: ["image-png-bad-signature.png", "image-png-no-ihdr.png"])
    func notPNG(_ name: String) {
        #expect(R.bytes(name).withUnsafeBufferPointer { imageHeader($0) } == nil)
    }

    // MARK: manifests

    @Test("manifest: an area of Int.max columns is reported and the story placed automatically")
    func hugeArea() throws {
        let loaded = try loadIssue("issue-huge-area.yaml")
        #expect(loaded.issue.pages.first?.stories.first?.fixed == nil)
        #expect(loaded.diagnostics.contains { $0.line == 7 })
    }

    @Test("manifest: dates that are not YYYY-MM-DD are refused at the date's line",
          arguments: ["issue-date-doubled-hyphens.yaml", "issue-date-signed.yaml", "issue-date-huge-year.yaml"])
    func badDate(_ name: String) {
        do {
            let loaded = try loadIssue(name)
            Issue.record("accepted as \(loaded.issue.date)")
        } catch let e as InputError {
            #expect(e.diagnostic.line == 2 && e.diagnostic.message.contains("date"), "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("manifest: a page's `stories: eight` is reported at its line")
    func wrongTypeStories() throws {
        do {
            let loaded = try loadIssue("issue-wrong-type-stories.yaml")
            #expect(loaded.diagnostics.contains { $0.line == 5 }, "\(loaded.diagnostics)")
        } catch let e as InputError {
            #expect(e.diagnostic.line == 5, "\(e)")
        }
    }

    @Test("manifest: a key written twice is refused at the second's line")
    func duplicateKey() {
        #expect(throws: InputError.self) { try loadIssue("issue-duplicate-key.yaml") }
        do { _ = try loadIssue("issue-duplicate-key.yaml") } catch let e as InputError {
            #expect(e.diagnostic.line == 2, "\(e)")
        } catch {}
    }

    @Test("manifest: after a raw U+2028 in a value, lines are still counted as an editor counts them")
    func lineSeparator() throws {
        let loaded = try loadIssue("issue-line-separator.yaml")
        let unknown = loaded.diagnostics.first { $0.message.contains("nosuch") }
        #expect(unknown?.line == 4, "\(loaded.diagnostics)")
    }

    @Test("photo path: ../outside.png, out of the issue folder, is reported")
    func outsidePath() throws {
        let loaded = try loadIssue("issue-one-story.yaml", story: "story-outside-image.md")
        #expect(loaded.diagnostics.contains { $0.message.contains("../outside.png") }, "\(loaded.diagnostics)")
    }
}
