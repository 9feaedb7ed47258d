import Foundation
import PaibanCore
import Yams

/// A YAML node with the file it came from, so every complaint names the file and line.
struct YAMLValue {
    let node: Node
    let file: String
    /// Line offset for YAML embedded in a larger file (front matter starts on line 2).
    let lineOffset: Int
    /// Warnings about the text that the parsed tree cannot show (see `droppedEscapes`).
    var textWarnings: [Diagnostic] = []

    var line: Int? { node.mark.map { $0.line + lineOffset } }

    static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> YAMLValue {
        do {
            // UTF-8 named, not `.default`: that reads the process environment for an override
            // on every parse, a tenth of loading an issue's 110 stories (perf, news edition).
            guard let node = try Yams.compose(yaml: text, .default, .default, .utf8) else {
                throw InputError(file: file, line: 1 + lineOffset, "the file is empty")
            }
            // Aliases can make a few lines stand for billions of values ("billion laughs"):
            // every later walk of the tree would never end.
            guard fitsValueBudget(node) else {
                throw InputError(file: file, line: 1 + lineOffset,
                                 "the YAML stands for more than \(yamlValueBudget) values (through its aliases, *name): not a manifest, story or layout")
            }
            var value = YAMLValue(node: node, file: file, lineOffset: lineOffset)
            value.textWarnings = droppedEscapes(text, file: file, lineOffset: lineOffset)
            return value
        } catch let e as YamlError {
            if case .duplicatedKeysInMapping(let keys, let context) = e {
                // Yams' message carries the whole file; say which key, and the line it is repeated on.
                let line = duplicateKeyLine(keys.sorted().first ?? "", in: text, from: context.mark.line)
                throw InputError(file: file, line: line + lineOffset,
                                 "the key \(keys.sorted().map { "'\($0)'" }.joined(separator: ", ")) is given twice in one mapping")
            }
            let mark = yamlErrorMark(e)
            // An unclosed [ or { is noticed on a later line; the error is named at the line it
            // opened on (where the fix goes), with both places shown. Seen: `section: [要闻` on
            // line 11 was reported at line 12, the next key.
            if let mark, let opened = yamlContextMark(e), opened.line < mark.line {
                throw InputError(file: file, line: opened.line + lineOffset,
                                 "broken YAML at column \(opened.column): \(yamlErrorSummary(e))"
                                    + caret(text, line: opened.line, column: opened.column)
                                    + "\n  noticed at line \(mark.line + lineOffset), column \(mark.column):"
                                    + caret(text, line: mark.line, column: mark.column))
            }
            throw InputError(file: file, line: mark.map { $0.line + lineOffset },
                             "broken YAML" + (mark.map { " at column \($0.column)" } ?? "") + ": \(yamlErrorSummary(e))"
                                + (mark.map { caret(text, line: $0.line, column: $0.column) } ?? ""))
        }
    }

    func error(_ message: String) -> InputError { InputError(file: file, line: line, message) }

    /// The value under `key`, if present.
    subscript(_ key: String) -> YAMLValue? {
        // The keys are compared as text: Yams' `mapping[Node(key)]` builds a node and
        // compares tags for every pair (perf: 12 % of reading the stories).
        guard let m = node.mapping,
              let v = m.first(where: { if case .scalar(let k) = $0.key { return k.string == key } else { return false } })?.value
        else { return nil }
        if case .scalar(let s) = v, s.string == "~" || s.string == "null" || s.string.isEmpty, s.style == .plain {
            return nil
        }
        return YAMLValue(node: v, file: file, lineOffset: lineOffset)
    }

    func requireMapping(_ what: String) throws {
        guard node.mapping != nil else { throw error("\(what) must be a mapping of keys to values") }
    }

    /// The scalar's text as written. Control characters a quoted escape ("\\0", "\\a") put in it
    /// are warned about by `controlCharacterWarnings` where the file is read, and removed from
    /// the text fields by the normaliser, which logs each removal with its field.
    var string: String? {
        guard case .scalar(let s) = node else { return nil }
        return s.string
    }

    /// A warning for every scalar in this tree whose escapes give control characters.
    func controlCharacterWarnings() -> [Diagnostic] {
        var out: [Diagnostic] = []
        func walk(_ n: Node) {
            switch n {
            case .scalar(let s):
                let found = s.string.unicodeScalars.filter(isControlCharacter)
                if !found.isEmpty {
                    out.append(Diagnostic(.warning, file: file, line: n.mark.map { $0.line + lineOffset }, controlMessage(Array(found))))
                }
            case .mapping(let m): for (k, v) in m { walk(k); walk(v) }
            case .sequence(let s): for v in s { walk(v) }
            default: break
            }
        }
        walk(node)
        return textWarnings + out
    }

    func string(_ key: String) throws -> String? {
        guard let v = self[key] else { return nil }
        guard let s = v.string else { throw v.error("'\(key)' must be text") }
        return s
    }

    func requireString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else { throw error("missing '\(key)'") }
        return s
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = self[key] else { return nil }
        guard let s = v.string?.lowercased() else { throw v.error("'\(key)' must be true or false") }
        switch s {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw v.error("'\(key)' must be true or false, not '\(s)'")
        }
    }

    var sequence: [YAMLValue]? {
        node.sequence.map { $0.map { YAMLValue(node: $0, file: file, lineOffset: lineOffset) } }
    }

    /// Warns about keys that are not understood (a typo should not pass silently).
    func unknownKeys(allowed: Set<String>, in what: String) -> [Diagnostic] {
        guard let m = node.mapping else { return [] }
        return m.compactMap { k, _ in
            guard let key = k.string, !allowed.contains(key) else { return nil }
            return Diagnostic(.warning, file: file, line: k.mark.map { $0.line + lineOffset },
                              "unknown key '\(key)' in \(what) (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}

private func yamlErrorMark(_ e: YamlError) -> (line: Int, column: Int)? {
    switch e {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
        return (mark.line, mark.column)
    default:
        return nil
    }
}

/// Where the construct the parser was reading began ("while parsing a flow sequence" at …).
private func yamlContextMark(_ e: YamlError) -> (line: Int, column: Int)? {
    let context: YamlError.Context?
    switch e {
    case .scanner(let c, _, _, _), .parser(let c, _, _, _), .composer(let c, _, _, _): context = c
    default: context = nil
    }
    // Only a flow collection ([…], {…}) points back to where the fix goes: a block collection's
    // start (a list begun lines earlier) is not where an indentation slip is.
    guard let context, context.text.contains("flow") else { return nil }
    return (context.mark.line, context.mark.column)
}

/// The offending line and a caret under the column, as compilers show it:
///     title: [未闭合
///            ^
private func caret(_ text: String, line: Int, column: Int) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1 else { return "" }
    // At the end of the text (an unclosed [ or {): the last line that has something, its end marked.
    if line > lines.count || lines[line - 1].trimmedSpaces.isEmpty {
        guard let last = lines[..<min(line, lines.count)].last(where: { !$0.trimmedSpaces.isEmpty }) else { return "" }
        return caret(String(last), line: 1, column: last.count + 1) + "  (the text ends here)"
    }
    let source = String(lines[line - 1].prefix(160))
    // Full-width characters take two cells on a terminal: the caret is placed under them.
    let before = source.prefix(max(0, column - 1))
    let cells = before.reduce(0) { $0 + ($1.unicodeScalars.first.map { $0.value >= 0x1100 && $0.properties.isIdeographic || ($0.value >= 0x3000 && $0.value <= 0xFFEF) } == true ? 2 : 1) }
    return "\n    " + source + "\n    " + String(repeating: " ", count: cells) + "^"
}

private func yamlErrorSummary(_ e: YamlError) -> String {
    switch e {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
         .composer(let context, let problem, _, _):
        let c = context.map { "\($0.text) " } ?? ""
        return c + problem
    default:
        return String(describing: e)
    }
}

/// The line where `key` is given the second time, counting from the mapping's first line (Yams
/// names only the mapping); the mapping's line when it cannot be told.
private func duplicateKeyLine(_ key: String, in text: String, from first: Int) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var seen = 0
    for k in max(0, first - 1)..<lines.count {
        var l = lines[k].drop { $0 == " " }
        if l.hasPrefix("- ") { l = l.dropFirst(2).drop { $0 == " " } }
        let occurrences = l.hasPrefix(key + ":") ? 1 : 0
        let inFlow = l.components(separatedBy: "{" + key + ":").count - 1 + l.components(separatedBy: ", " + key + ":").count - 1
        seen += occurrences + inFlow
        if seen >= 2 { return k + 1 }
    }
    return first
}

/// The most values a manifest, a front matter or a layout may hold, aliases expanded: a
/// 500-page manifest has about 20 000.
let yamlValueBudget = 200_000

/// Whether the tree, aliases expanded, holds at most `yamlValueBudget` values (stops counting
/// as soon as it does not).
private func fitsValueBudget(_ root: Node) -> Bool {
    var left = yamlValueBudget
    var stack = [root]
    while let n = stack.popLast() {
        left -= 1
        if left < 0 { return false }
        switch n {
        case .mapping(let m): for (k, v) in m { stack.append(k); stack.append(v) }
        case .sequence(let s): stack.append(contentsOf: s)
        default: break
        }
    }
    return true
}

/// The YAML reader drops a byte-order mark written as an escape ("\\uFEFF…") from a quoted
/// value without a trace: each line that has one is warned about, so nothing goes unreported.
private func droppedEscapes(_ text: String, file: String, lineOffset: Int) -> [Diagnostic] {
    guard text.range(of: "\\uFEFF", options: .caseInsensitive) != nil else { return [] }
    return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { k, line in
        guard line.range(of: "\\uFEFF", options: .caseInsensitive) != nil else { return nil }
        return Diagnostic(.warning, file: file, line: k + 1 + lineOffset,
                          "a byte-order mark (\\uFEFF) in a quoted value is removed: it has no printed form")
    }
}
