import Foundation
import PaibanCore

/// Reads one story: YAML front matter between `---` lines, then a Markdown body of
/// paragraphs (separated by blank lines) and `## ` subheads.
public enum ArticleLoader {
    static let keys: Set<String> = ["id", "kind", "column", "kicker", "title", "deck", "dateline", "byline",
                                    "credit", "priority", "images", "jump_title"]

    public static func load(file: String) throws -> (Story, [Diagnostic]) {
        let (text, controlWarnings) = try InputFile.readText(file, what: "the story")
        var (story, diagnostics) = try parse(text, file: file)
        diagnostics.insert(contentsOf: controlWarnings, at: 0)
        return (story, diagnostics)
    }

    public static func parse(_ text: String, file: String) throws -> (Story, [Diagnostic]) {
        let lines = splitLines(text)
        guard lines.first?.trimmedSpaces == "---" else {
            throw InputError(file: file, line: 1, "a story starts with YAML front matter between '---' lines (id, title …)")
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmedSpaces == "---" }) else {
            throw InputError(file: file, line: 1, "the front matter is not closed by a '---' line")
        }
        let front = lines[1..<close].joined(separator: "\n")
        let y = try YAMLValue.parse(front, file: file, lineOffset: 1)
        try y.requireMapping("the front matter")
        var diagnostics = y.controlCharacterWarnings() + y.unknownKeys(allowed: keys, in: "the front matter")
        let fallbackID = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let id = try y.string("id") ?? fallbackID
        var kind = StoryKind.news
        if let k = try y.string("kind") {
            if let parsed = StoryKind(rawValue: k) {
                kind = parsed
            } else {
                // A story is never dropped for its kind: it is set as news, and the editor told.
                let node = y["kind"] ?? y
                diagnostics.append(Diagnostic(.warning, file: file, line: node.line,
                                              "unknown kind '\(k)': the story is set as news (kinds: \(StoryKind.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
        }
        // Priority 1 is the most important story, 9 the least.
        let priority = try y.int("priority", in: 1...9) ?? 3
        var images: [ImageRef] = []
        if let list = y["images"] {
            guard let seq = list.sequence else { throw list.error("images must be a list of {file, caption, credit}") }
            for item in seq {
                if let f = item.string {
                    var ref = ImageRef(file: f)
                    ref.line = item.line
                    images.append(ref)
                    continue
                }
                try item.requireMapping("an image")
                diagnostics += item.unknownKeys(allowed: ["file", "caption", "credit"], in: "an image")
                var ref = ImageRef(file: try item.requireString("file"), caption: try item.string("caption"),
                                   credit: try item.string("credit"))
                ref.line = (item["file"] ?? item).line
                images.append(ref)
            }
        }
        let (body, bodyNotes) = MarkdownBody.parse(Array(lines[(close + 1)...]), file: file, firstLine: close + 2)
        diagnostics += bodyNotes
        if body.isEmpty && kind != .photo {
            diagnostics.append(Diagnostic(.warning, file: file, line: close + 2, "the story '\(id)' has no body text"))
        }
        var story = Story(id: id, kind: kind, columnLabel: try y.string("column"), kicker: try y.string("kicker"),
                          title: try y.string("title"), deck: try y.string("deck"), dateline: try y.string("dateline"),
                          byline: try y.string("byline"), credit: try y.string("credit"), priority: priority,
                          images: images, body: body, sourceFile: file)
        story.jumpTitle = try y.string("jump_title")
        story.normaliseFields()
        return (story, diagnostics)
    }
}
