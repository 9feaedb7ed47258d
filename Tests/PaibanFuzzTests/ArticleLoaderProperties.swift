import Foundation
import PaibanCore
import PaibanInput
import PaibanTestSupport
import PropertyBased
import Testing

/// The story loader on hostile files: no trap; a story that breaks no rule loads; what loads
/// holds every character written (normalisation changes undone from the story's own log);
/// what is refused names the file and a line inside it.
@Suite struct ArticleLoaderProperties {
    static let file = "/fuzz/articles/fuzz.md"

    @Test("story loader: a story breaking no rule loads, every character written reaches its fields or is in its normalisation log; a refusal names a line of the file")
    func everyCharacterLoadedOrReported() {
        Fuzz.check("article-loader", count: 300, StoryFile.generator) { s in
            let text = s.text
            let lineCount = text.unicodeScalars.filter { $0 == "\n" }.count + 1
            let story: Story, diagnostics: [Diagnostic]
            do {
                (story, diagnostics) = try ArticleLoader.parse(text, file: Self.file)
            } catch let e as InputError {
                var failures: [String] = []
                if s.clean { failures.append("a story breaking no rule is refused: \(e)") }
                if e.diagnostic.file != Self.file { failures.append("the error names \(e.diagnostic.file ?? "no file")") }
                if let l = e.diagnostic.line, !(1...lineCount).contains(l) { failures.append("the error's line \(l) is outside the file (1…\(lineCount))") }
                if e.diagnostic.line == nil { failures.append("the error names no line: \(e)") }
                return failures
            } catch {
                return ["an error that is not an InputError (no file, no line): \(error)"]
            }
            if let key = s.duplicateKey, !diagnostics.contains(where: { $0.message.contains(key) }) {
                return ["'\(key)' is written twice and the story loads without a word (title: \(story.title ?? "nil"))"]
            }
            return storyFailures(story, s, diagnostics: diagnostics)
        }
    }

    @Test("story loader: a story file saved with a UTF-8 byte-order mark loads as the same story")
    func byteOrderMark() throws {
        let dir = try scratchFolder(["x": ""], prefix: "paiban-fuzz-bom")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Fuzz.check("article-bom", count: 40, StoryFile.generator) { s in
            let plain = dir + "/fuzz.md", marked = dir + "/marked/fuzz.md"
            try? FileManager.default.createDirectory(atPath: dir + "/marked", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: plain, contents: Data(s.text.utf8))
            _ = FileManager.default.createFile(atPath: marked, contents: Data([0xEF, 0xBB, 0xBF] + Array(s.text.utf8)))
            let a = Result { try ArticleLoader.load(file: plain).0 }.map { ($0.title, $0.body) }
            let b = Result { try ArticleLoader.load(file: marked).0 }.map { ($0.title, $0.body) }
            switch (a, b) {
            case (.success(let x), .success(let y)): return x.0 == y.0 && x.1 == y.1 ? [] : ["the marked file loads otherwise"]
            case (.failure, .failure): return []
            default: return ["one loads and the other does not: \(a) / \(b)"]
            }
        }
    }

    @Test("story loader: a file that is not UTF-8, or is cut short, is refused with its name, never trapped on")
    func unreadableFiles() throws {
        let dir = try scratchFolder([:], prefix: "paiban-fuzz-story")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        Fuzz.check("article-bytes", count: 60, StoryFile.generator) { s in
            var bytes = Array(s.text.utf8)
            // Cut anywhere (a multi-byte character may be split), or put bytes no UTF-8 has inside.
            let cut = bytes.isEmpty ? 0 : (s.text.unicodeScalars.count * 7919) % bytes.count
            bytes = Array(bytes.prefix(cut)) + ([[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8]][cut % 4])
            let path = dir + "/story.md"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            do {
                _ = try ArticleLoader.load(file: path)
                return ["bytes that are not UTF-8 loaded as a story"]
            } catch let e as InputError {
                return e.diagnostic.file == path ? [] : ["the error names \(e.diagnostic.file ?? "no file")"]
            } catch {
                return ["an error that is not an InputError: \(error)"]
            }
        }
    }
}

/// The loaded story against the file: each text field is the value written, once its
/// normalisation changes are undone, and the body holds every visible character written.
func storyFailures(_ story: Story, _ s: StoryFile, diagnostics: [Diagnostic] = []) -> [String] {
    var failures: [String] = []
    func log(_ field: String) -> [NormalizationChange] { story.normalisation.filter { $0.field == field }.map(\.change) }
    let loaded: [String: String?] = ["column": story.columnLabel, "kicker": story.kicker, "title": story.title,
                                     "deck": story.deck, "dateline": story.dateline, "byline": story.byline,
                                     "credit": story.credit, "jump_title": story.jumpTitle]
    for (key, value) in s.fields {
        guard let got = loaded[key] ?? nil else {
            if !value.isEmpty { failures.append("\(key) \(String(reflecting: value)) was not loaded") }
            continue
        }
        // Compared without whitespace: YAML folds a space before an escaped line separator
        // (U+2028) in a quoted scalar, which is YAML's rule, not the loader's.
        let back = original(of: got, changes: log(key))
        // The YAML reader drops a byte-order mark written as \uFEFF; the loader warns of it.
        let bomWarned = diagnostics.contains { $0.message.contains("byte-order mark") }
        let withoutMarks = value.replacingOccurrences(of: "\u{FEFF}", with: "")
        let undone = back.map(visibleScalars)
        if undone != visibleScalars(value) && !(bomWarned && undone.map { $0.filter { $0 != "\u{FEFF}" } } == visibleScalars(withoutMarks)) { failures.append("\(key): written \(String(reflecting: value)), loaded \(String(reflecting: got)), undone \(String(reflecting: back))") }
    }
    var body: [Unicode.Scalar] = []
    var paragraphs = 0, subheads = 0
    for block in story.body {
        let (text, field): (String, String)
        switch block {
        case .paragraph(let t): paragraphs += 1; (text, field) = (t, "paragraph \(paragraphs)")
        case .subhead(let t): subheads += 1; (text, field) = (t, "subhead \(subheads)")
        }
        guard let back = original(of: text, changes: log(field)) else {
            failures.append("\(field): its normalisation log does not fit its text \(String(reflecting: text))")
            continue
        }
        body += visibleScalars(back)
    }
    let expected = expectedBodyScalars(s.bodyLines)
    if body != expected {
        // Markdown the format reduces to its text: the markup (ASCII marks) may go without a
        // word, and list items gain ● or a full-width point; any other character may go only
        // with a warning at a line of the body. Nothing is invented or reordered.
        let bodyStart = s.frontLines.count + 3
        let warned = diagnostics.contains { $0.severity == .warning && ($0.line ?? 0) >= bodyStart }
        let kept = body.filter { $0 != "●" && $0 != "．" }
        if let lost = lostScalars(expected, keeping: kept) {
            let unmarked = lost.filter { !($0.isASCII && $0.properties.generalCategory != .decimalNumber && !$0.properties.isAlphabetic) }
            if !unmarked.isEmpty && !warned {
                failures.append("the body lost \(String(String.UnicodeScalarView(unmarked))) without a warning; loaded \(story.body)")
            }
        } else {
            let firstNew = firstUnmatched(expected, kept).map { String(String.UnicodeScalarView(kept[$0..<min(kept.count, $0 + 8)])) } ?? ""
            failures.append("the body holds \(body.count) visible scalars, the file \(expected.count), not in the file's order (from “\(firstNew)”); loaded \(story.body)")
        }
    }
    return failures
}

/// The scalars of `all` that are not in `kept`, when `kept` is `all` with some left out (in
/// order); nil when it is not.
func lostScalars(_ all: [Unicode.Scalar], keeping kept: [Unicode.Scalar]) -> [Unicode.Scalar]? {
    var lost: [Unicode.Scalar] = []
    var k = 0
    for s in all {
        if k < kept.count && kept[k] == s { k += 1 } else { lost.append(s) }
    }
    return k == kept.count ? lost : nil
}

/// Where `kept` first holds a scalar that `all`, from there on, does not.
func firstUnmatched(_ all: [Unicode.Scalar], _ kept: [Unicode.Scalar]) -> Int? {
    var k = 0
    for s in all where k < kept.count && kept[k] == s { k += 1 }
    return k < kept.count ? k : nil
}
