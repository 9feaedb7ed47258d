import Foundation
import PaibanCore

/// A story's body as its writers type it: paragraphs separated by blank lines (the lines of one
/// paragraph join without a space, as Chinese copy wraps), `## ` or `### ` subheads, and list
/// items, each its own paragraph (● for a bullet, the number kept for a numbered item). Other
/// Markdown is not part of the format; rather than print its markup as text, each construct is
/// reduced to its text and the writer told at the line: emphasis (set in the body face), links
/// (their text), HTML tags, tables (cells set as text), images (listed under `images:` instead),
/// block quotes, code fences, rules. A line starting with `#` and no space (#两会#) is text.
struct MarkdownBody {
    let file: String
    /// The file's line number of the first body line.
    let firstLine: Int
    private(set) var blocks: [BodyBlock] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var current = ""
    /// Each unsupported construct is reported once per story, at its first line.
    private var reported: Set<String> = []

    init(file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    static func parse(_ lines: [String], file: String, firstLine: Int) -> (blocks: [BodyBlock], diagnostics: [Diagnostic]) {
        var body = MarkdownBody(file: file, firstLine: firstLine)
        for (k, raw) in lines.enumerated() { body.take(raw, line: firstLine + k) }
        body.flush()
        return (body.blocks, body.diagnostics)
    }

    private mutating func take(_ raw: String, line: Int) {
        var text = raw.trimmedSpaces
        if text.isEmpty { flush(); return }
        if let heading = heading(text) {
            flush()
            if heading.level == 2 || heading.level == 3 {
                if !heading.title.isEmpty { blocks.append(.subhead(inline(heading.title, line: line))) }
                return
            }
            note("heading", line, "a level-\(heading.level) heading (\(String(repeating: "#", count: heading.level)) ) is set as a paragraph: ## or ### makes a subhead")
            text = heading.title
        }
        if text.hasPrefix("```") || text.hasPrefix("~~~") {
            note("code", line, "code fences (```) are not part of the story format: the fence is left out, its lines set as text")
            return
        }
        if isRule(text) {
            flush()
            note("rule", line, "a horizontal rule (\(text)) is not part of the story format: left out")
            return
        }
        if text.hasPrefix(">") {
            note("quote", line, "a block quote (>) is set as an ordinary paragraph")
            text = String(text.drop { $0 == ">" || $0 == " " })
        }
        if text.hasPrefix("|") {
            flush()
            if isTableSeparator(text) { return }
            note("table", line, "tables are not supported: each row is set as a paragraph, its cells separated by spaces")
            let cells = text.split(separator: "|").map { $0.trimmedSpaces }.filter { !$0.isEmpty }
            blocks.append(.paragraph(inline(cells.joined(separator: "　"), line: line)))
            return
        }
        if let item = listItem(text) {
            flush()
            blocks.append(.paragraph(inline(item, line: line)))
            return
        }
        let piece = inline(text, line: line)
        current += current.isEmpty ? piece : joiner(current, piece) + piece
    }

    mutating func flush() {
        let t = current.trimmedSpaces
        if !t.isEmpty { blocks.append(.paragraph(t)) }
        current = ""
    }

    private mutating func note(_ kind: String, _ line: Int, _ message: String) {
        guard reported.insert(kind).inserted else { return }
        diagnostics.append(Diagnostic(.warning, file: file, line: line, message))
    }

    /// `## 标题`: the level and the title; nil for text that starts with # (#两会#).
    private func heading(_ text: String) -> (level: Int, title: String)? {
        let hashes = text.prefix { $0 == "#" }.count
        guard hashes > 0, hashes <= 6 else { return nil }
        let rest = text.dropFirst(hashes)
        // A space, a tab or a full-width space after the marks (##　小标题 as typed in Chinese).
        guard rest.isEmpty || rest.first?.isWhitespace == true else { return nil }
        return (hashes, rest.trimmedSpaces)
    }

    /// `- item`, `* item`, `+ item`, `1. item`, `1) item`, `1、item`: the item as a paragraph.
    private func listItem(_ text: String) -> String? {
        for bullet in ["- ", "* ", "+ ", "• "] where text.hasPrefix(bullet) {
            return "●" + text.dropFirst(bullet.count).trimmedSpaces
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = text.dropFirst(digits.count)
        for mark in [". ", ") "] where rest.hasPrefix(mark) {
            // 1. 项目 is set as 1．项目 would be by hand: the number and a full-width point.
            return digits + "．" + rest.dropFirst(mark.count).trimmedSpaces
        }
        return nil
    }

    private func isRule(_ text: String) -> Bool {
        // Lines of copy start with a character no rule has: decided without copying the line.
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_")
        else { return false }
        let t = text.filter { $0 != " " }
        return t.count >= 3 && (t.allSatisfy { $0 == "-" } || t.allSatisfy { $0 == "*" } || t.allSatisfy { $0 == "_" })
    }

    private func isTableSeparator(_ text: String) -> Bool {
        text.allSatisfy { "|-: ".contains($0) } && text.contains("-")
    }

    /// Inline markup reduced to its text: images left out, links to their text, emphasis and
    /// code marks and HTML tags removed. Each kind is reported once.
    private mutating func inline(_ text: String, line: Int) -> String {
        // Most lines of copy hold none of these marks; the patterns are tried only on those that do.
        guard text.containsAnyASCII("!]*_`<") else { return text }
        var s = text
        if s.contains("!["), s.range(of: #"!\[[^\]]*\]\([^)]*\)"#, options: .regularExpression) != nil {
            note("image", line, "an image in the text (![…](…)) is left out: list photos under images: in the front matter")
            s = s.replacingOccurrences(of: #"!\[[^\]]*\]\([^)]*\)"#, with: "", options: .regularExpression)
        }
        if s.contains("](") && s.range(of: #"\[([^\]]+)\]\([^)]*\)"#, options: .regularExpression) != nil {
            note("link", line, "a link ([…](…)) is set as its text; the address is left out")
            s = s.replacingOccurrences(of: #"\[([^\]]+)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        }
        // Single * only between non-digits (5*3*2 is arithmetic); a single _ is left alone
        // (file_name, snake_case in technology copy).
        for (pattern, name) in [(#"\*\*(.+?)\*\*"#, "**"), (#"__(.+?)__"#, "__"),
                                (#"(?<![*\d])\*(?![\s*])([^*]+?)(?<![\s*])\*(?![*\d])"#, "*"), (#"`([^`]+)`"#, "`")]
        where s.range(of: pattern, options: .regularExpression) != nil {
            note("emphasis", line, "emphasis and code marks (\(name)…\(name)) are not supported: the text is set in the body face, the marks left out")
            s = s.replacingOccurrences(of: pattern, with: "$1", options: .regularExpression)
        }
        if s.range(of: #"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>"#, options: .regularExpression) != nil {
            note("html", line, "HTML tags are not part of the story format: the tags are left out, their text kept")
            s = s.replacingOccurrences(of: #"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>"#, with: "", options: .regularExpression)
        }
        return s.trimmedSpaces
    }

    /// Lines of Chinese copy join directly; Western words keep a space between them.
    private func joiner(_ a: String, _ b: String) -> String {
        guard let l = a.unicodeScalars.last, let f = b.unicodeScalars.first else { return "" }
        return l.value < 0x80 && f.value < 0x80 ? " " : ""
    }
}
