import Foundation
import Testing
import PaibanCore
@testable import PaibanInput
import PaibanTestSupport

/// Input a user (or an attacker) can put in an issue folder: nothing crashes, hangs or traps;
/// each problem is named with its file and line, and what can still be set is.
@Suite struct HostileInputTests {
    static let root = LayoutLoaderTests.root
    static let manifest = "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories: [a]\n"
    static let story = "---\nid: a\ntitle: 标题\n---\n\n正文第一段。\n"

    func load(_ files: [String: String], decodeCheck: ImageDecodeCheck? = nil) throws -> LoadedIssue {
        try IssueLoader.load(directory: try scratchFolder(files), layoutSearchPath: [Self.root + "/Layouts"],
                             decodeCheck: decodeCheck)
    }

    /// The layout template with `old` replaced by `new`, parsed.
    func layout(replacing old: String, with new: String) throws -> (Layout, [Diagnostic]) {
        let text = try String(contentsOfFile: Self.root + "/Layouts/broadsheet.yaml", encoding: .utf8)
        #expect(text.contains(old), "the template no longer has \(old)")
        return try LayoutLoader.parse(text.replacingOccurrences(of: old, with: new), file: "broadsheet.yaml")
    }

    func refusal(_ body: () throws -> Any) -> InputError? {
        do { _ = try body(); return nil } catch let e as InputError { return e } catch { return nil }
    }

    @Test("numbers out of range or not finite in a layout are refused at their line, never trapped on",
          arguments: [("width: 390mm", "width: infmm"), ("width: 390mm", "width: 1e300mm"), ("width: 390mm", "width: 1e-300pt"),
                      ("width: 390mm", "width: nanmm"), ("columns: 8", "columns: 9223372036854775807"),
                      ("column_chars: 13", "column_chars: 9223372036854775807"), ("lines: 100", "lines: 9223372036854775807"),
                      ("line_gap: 0.5", "line_gap: .inf"), ("[小初, 一号, 小一, 二号, 小二, 三号]", "[infpt]"),
                      ("[小初, 一号, 小一, 二号, 小二, 三号]", "[1e300pt]"), ("caption: {font: 楷体, size: 六号", "caption: {font: 楷体, size: 1e-300pt"),
                      ("byline: {font: 楷体, size: 小五", "byline: {font: 楷体, size: 0pt"), ("column: 0.3pt", "column: 1e308pt")])
    func absurdLayoutNumbers(_ edit: (String, String)) throws {
        let e = refusal { try layout(replacing: edit.0, with: edit.1) }
        #expect(e != nil, "\(edit.1) was accepted")
        #expect(e?.diagnostic.line != nil, "\(String(describing: e))")
    }

    @Test("a section of the wrong type (grid: eight, styles: [..]) is an error naming its line")
    func wrongSectionType() throws {
        let text = try String(contentsOfFile: Self.root + "/Layouts/broadsheet.yaml", encoding: .utf8)
        let gridLine = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("grid:") }) + 1
        let g = refusal { try layout(replacing: "grid:\n  columns: 8", with: "grid: eight\nx:\n  columns: 8") }
        #expect(g?.diagnostic.message.contains("'grid' must be a mapping") == true && g?.diagnostic.line == gridLine, "\(String(describing: g))")
        let styles = text.replacingOccurrences(of: #"styles:\n(  .*\n)+"#, with: "styles: [a, b]\n", options: .regularExpression)
        let s = refusal { try LayoutLoader.parse(styles, file: "b.yaml") }
        #expect(s?.diagnostic.message.contains("'styles' must be a mapping") == true && s?.diagnostic.line != nil, "\(String(describing: s))")
    }

    @Test("an area or a jump target at Int.max is reported at its line; the story is still placed and the issue loads")
    func hugeAreaAndJump() throws {
        let loaded = try load([
            "issue.yaml": "paper: 测试报\ndate: 2026-01-05\npages:\n  - number: 1\n    stories:\n      - id: a\n        area: {column: 1, line: 1, columns: 9223372036854775807, lines: 20}\n        jump_to: 9223372036854775807\n  - number: 2\n    stories: []\n",
            "articles/a.md": Self.story,
        ])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.line == 7 && $0.message.contains("'columns' must be from 1") }, "\(errors)")
        #expect(errors.contains { $0.line == 8 && $0.message.contains("jump_to") }, "\(errors)")
        #expect(loaded.issue.pages[0].stories.map(\.id) == ["a"] && loaded.issue.pages[0].stories[0].fixed == nil)
    }

    @Test("dates that are not a real YYYY-MM-DD in 1900–2199 are refused at their line",
          arguments: ["-2026-03-20", "2026--03--20", "9223372036854775807-03-20", "2026-02-30", "26-03-20", "2026-3-20x"])
    func badDates(_ date: String) throws {
        let e = refusal { try load(["issue.yaml": Self.manifest.replacingOccurrences(of: "2026-01-05", with: date),
                                    "articles/a.md": Self.story]) }
        #expect(e?.diagnostic.line == 2 && e?.diagnostic.message.contains("real date") == true, "\(String(describing: e))")
    }

    @Test("control characters (NUL, bell, escape, a NUL written as a YAML escape) are removed with a warning at their line; the text around them is kept")
    func controlCharacters() throws {
        let loaded = try load([
            "issue.yaml": Self.manifest.replacingOccurrences(of: "paper: 测试报", with: "paper: \"测试\\0报\""),
            "articles/a.md": "---\nid: a\ntitle: 标\u{7}题\n---\n\n正文\u{0}第一段\u{1B}。\n",
        ])
        let warnings = loaded.diagnostics.filter { $0.message.contains("control character") }
        #expect(warnings.contains { $0.file?.hasSuffix("issue.yaml") == true && $0.line == 1 }, "\(warnings)")
        #expect(warnings.contains { $0.file?.hasSuffix("a.md") == true && $0.line == 3 }, "\(warnings)")
        #expect(warnings.contains { $0.file?.hasSuffix("a.md") == true && $0.line == 6 && $0.message.contains("U+0000") }, "\(warnings)")
        #expect(loaded.issue.paperName == "测试报")
        let a = try #require(loaded.issue.stories["a"])
        #expect(a.title == "标题" && a.body == [.paragraph("正文第一段。")])
    }

    @Test("right-to-left script is refused with an error at its line; the Chinese on the line is kept")
    func rightToLeft() throws {
        let loaded = try load(["issue.yaml": Self.manifest, "articles/a.md": Self.story + "\n中文مرحبا בעולם文字。\n"])
        let e = loaded.diagnostics.filter { $0.message.contains("right-to-left") }
        #expect(e.count == 1 && e.first?.severity == .error && e.first?.line == 8, "\(loaded.diagnostics)")
        // The space between the two right-to-left words stays, as an ideographic space between Han.
        #expect(loaded.issue.stories["a"]?.body.last == .paragraph("中文\u{3000}文字。"))
    }

    @Test("a manifest that is not UTF-8, a folder or a named pipe says so, not 'no issue.yaml'")
    func unreadableManifest() throws {
        let latin = try scratchFolder(["articles/a.md": Self.story])
        try Data((Self.manifest + "# caf\u{e9}\n").utf8.map { $0 } .dropLast(4) + [0x63, 0x61, 0x66, 0xE9, 0x0A])
            .write(to: URL(fileURLWithPath: latin + "/issue.yaml"))
        let e1 = refusal { try IssueLoader.load(directory: latin, layoutSearchPath: [Self.root + "/Layouts"]) }
        #expect(e1?.diagnostic.message.contains("not UTF-8") == true && e1?.diagnostic.line != nil, "\(String(describing: e1))")
        let folder = try scratchFolder(["articles/a.md": Self.story])
        try FileManager.default.createDirectory(atPath: folder + "/issue.yaml", withIntermediateDirectories: true)
        let e2 = refusal { try IssueLoader.load(directory: folder, layoutSearchPath: [Self.root + "/Layouts"]) }
        #expect(e2?.diagnostic.message.contains("is a folder") == true, "\(String(describing: e2))")
        let pipe = try scratchFolder(["articles/a.md": Self.story])
        #expect(mkfifo(pipe + "/issue.yaml", 0o644) == 0)
        let e3 = refusal { try IssueLoader.load(directory: pipe, layoutSearchPath: [Self.root + "/Layouts"]) }
        #expect(e3?.diagnostic.message.contains("named pipe") == true, "\(String(describing: e3))")
    }

    @Test("a story that is a named pipe is an error and does not hang the load; the other stories load")
    func storyPipe() throws {
        let dir = try scratchFolder(["issue.yaml": Self.manifest, "articles/a.md": Self.story])
        #expect(mkfifo(dir + "/articles/b.md", 0o644) == 0)
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        #expect(loaded.diagnostics.contains { $0.file?.hasSuffix("b.md") == true && $0.message.contains("named pipe") })
        #expect(loaded.issue.stories["a"] != nil)
    }

    @Test("a key given twice names the line it is repeated on, without the file's text")
    func duplicateKey() throws {
        let e = refusal { try load(["issue.yaml": "paper: 甲报\ndate: 2026-01-05\npaper: 乙报\npages: []\n", "articles/a.md": Self.story]) }
        #expect(e?.diagnostic.line == 3 && e?.diagnostic.message.contains("'paper' is given twice") == true, "\(String(describing: e))")
        #expect((e?.description.count ?? 999) < 200, "\(String(describing: e))")
    }

    /// A story with one image, the given file name, and the image files given.
    func withImage(_ name: String, _ images: [String: [UInt8]], check: ImageDecodeCheck? = nil) throws -> LoadedIssue {
        let dir = try scratchFolder(["issue.yaml": Self.manifest,
                                     "articles/a.md": "---\nid: a\ntitle: 图\nimages:\n  - file: \(name)\n---\n\n正文。\n"])
        try FileManager.default.createDirectory(atPath: dir + "/images", withIntermediateDirectories: true)
        for (n, b) in images { try Data(b).write(to: URL(fileURLWithPath: dir + "/images/" + n)) }
        return try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"], decodeCheck: check)
    }

    @Test("an image that is truncated, damaged, claims 4294967295 × 4294967295 or 0 × 0 pixels, or is no image is an error at its front-matter line and keeps no path (a placeholder, never 'found')")
    func unusableImages() throws {
        let good = TestImages.png(width: 4, height: 3)
        let cases: [(String, [UInt8], String)] = [
            ("cut.png", Array(good.dropLast(20)), "truncated"),
            ("crc.png", good.enumerated().map { $0.offset == 40 ? $0.element ^ 0xFF : $0.element }, "checksum"),
            ("huge.png", TestImages.png(width: 4_294_967_295, height: 4_294_967_295), "4294967295 × 4294967295"),
            ("zero.png", TestImages.png(width: 0, height: 0), "0 × 0"),
            ("text.jpg", Array("not an image".utf8), "not a PNG or JPEG"),
            ("cut.jpg", Array(TestImages.jpegHeader(width: 100, height: 80)), "truncated"),
        ]
        for (name, bytes, reason) in cases {
            let loaded = try withImage("images/" + name, [name: bytes])
            let image = try #require(loaded.issue.stories["a"]?.images.first)
            #expect(image.path == nil && image.problem?.contains(reason) == true, "\(name): \(String(describing: image.problem))")
            #expect(loaded.diagnostics.contains { $0.severity == .error && $0.line == 5 && $0.message.contains(reason) }, "\(name): \(loaded.diagnostics)")
        }
        let ok = try withImage("images/ok.png", ["ok.png": good])
        #expect(ok.issue.stories["a"]?.images.first?.pixelWidth == 4 && ok.diagnostics.isEmpty, "\(ok.diagnostics)")
    }

    @Test("damage only a decoder sees is an error through the decode check the renderer passes in")
    func decodeCheck() throws {
        let loaded = try withImage("images/ok.png", ["ok.png": TestImages.png(width: 4, height: 3)], check: { _, _ in "Corrupt JPEG data" })
        #expect(loaded.issue.stories["a"]?.images.first?.path == nil)
        #expect(loaded.diagnostics.contains { $0.message.contains("is damaged: Corrupt JPEG data") })
    }

    @Test("image paths that leave the issue folder (../, absolute, a symbolic link pointing out) are refused at their line")
    func imagesStayInside() throws {
        let outside = try scratchFolder([:]) + "-outside.png"
        try Data(TestImages.png(width: 4, height: 3)).write(to: URL(fileURLWithPath: outside))
        for name in ["../../etc/passwd", outside, "images/../../x.png"] {
            let loaded = try withImage(name, [:])
            #expect(loaded.diagnostics.contains { $0.line == 5 && ($0.message.contains("outside the issue") || $0.message.contains("absolute path")) },
                    "\(name): \(loaded.diagnostics)")
        }
        let dir = try scratchFolder(["issue.yaml": Self.manifest,
                                     "articles/a.md": "---\nid: a\ntitle: 图\nimages:\n  - file: images/l.png\n---\n\n正文。\n"])
        try FileManager.default.createDirectory(atPath: dir + "/images", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/images/l.png", withDestinationPath: outside)
        let linked = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        #expect(linked.issue.stories["a"]?.images.first?.path == nil)
        #expect(linked.diagnostics.contains { $0.message.contains("outside the issue folder") }, "\(linked.diagnostics)")
    }

    @Test("a manifest whose aliases stand for billions of values is refused at once, not walked for ever")
    func billionLaughs() throws {
        var lines = ["paper: 测试报", "date: 2026-01-05", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1...8 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        lines += ["pages:", "  - number: 1", "    stories: [a]"]
        let e = refusal { try load(["issue.yaml": lines.joined(separator: "\n") + "\n", "articles/a.md": Self.story]) }
        #expect(e?.diagnostic.message.contains("aliases") == true, "\(String(describing: e))")
    }

    @Test("a layout named by a path (../../x) is refused at its line")
    func layoutPath() throws {
        let e = refusal { try load(["issue.yaml": Self.manifest + "layout: ../../../etc/passwd\n", "articles/a.md": Self.story]) }
        #expect(e?.diagnostic.line == 6 && e?.diagnostic.message.contains("not a path") == true, "\(String(describing: e))")
    }

    @Test("an image that is a named pipe is an error, not a hang")
    func imagePipe() throws {
        let dir = try scratchFolder(["issue.yaml": Self.manifest,
                                     "articles/a.md": "---\nid: a\ntitle: 图\nimages: [images/p.jpg]\n---\n\n正文。\n"])
        try FileManager.default.createDirectory(atPath: dir + "/images", withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/images/p.jpg", 0o644) == 0)
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [Self.root + "/Layouts"])
        #expect(loaded.diagnostics.contains { $0.message.contains("named pipe") && $0.line == 4 }, "\(loaded.diagnostics)")
    }
}

/// Small image files built byte by byte, so a test says exactly what is wrong with one.
enum TestImages {
    /// A PNG of `width` × `height` (the header says so; the data is a few grey rows).
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let t = Array(type.utf8)
            return be(UInt32(data.count)) + t + data + be(crc32(t + data))
        }
        var ihdr = be(width) + be(height)
        ihdr += [8, 0, 0, 0, 0]
        // A stored (uncompressed) zlib block of 3 rows of filter 0 + 4 grey pixels.
        let raw: [UInt8] = Array(repeating: [0, 128, 128, 128, 128], count: 3).flatMap { $0 }
        let zlib: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count), 0, ~UInt8(raw.count), 0xFF] + raw + be(adler32(raw))
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    /// A JPEG's start (SOI and a frame header) with nothing after it: a file cut short.
    static func jpegHeader(width: UInt16, height: UInt16) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, UInt8(height >> 8), UInt8(height & 0xFF),
         UInt8(width >> 8), UInt8(width & 0xFF), 0x01, 0x01, 0x11, 0x00]
    }

    static func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    static func adler32(_ b: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, s: UInt32 = 0
        for x in b { a = (a + UInt32(x)) % 65521; s = (s + a) % 65521 }
        return s << 16 | a
    }
}
