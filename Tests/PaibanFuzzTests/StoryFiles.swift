import Foundation
import PaibanCore
import PropertyBased

/// A generated story file and what it should load to: the text fields as written, the body
/// lines, and the hostile classes it holds. `clean` stories break no documented rule of the
/// front matter (an unknown kind and a missing title are warnings), so they must load.
struct StoryFile: Sendable, CustomStringConvertible {
    var fields: [(key: String, value: String)] = []
    var frontLines: [String] = []
    var bodyLines: [String] = []
    var kinds: Set<String> = []
    var clean = true
    var crlf = false
    /// A text field written twice (the second time with another value).
    var duplicateKey: String? = nil

    var text: String {
        var t = "---\n" + frontLines.joined(separator: "\n") + (frontLines.isEmpty ? "" : "\n") + "---\n"
            + bodyLines.joined(separator: "\n") + "\n"
        if crlf { t = t.replacingOccurrences(of: "\n", with: "\r\n") }
        return t
    }
    var description: String { "\(String(reflecting: text)) [\(kinds.sorted().joined(separator: ", "))]" }

    /// The front matter's text fields the loader normalises, by their names in the report.
    static let textKeys = ["column", "kicker", "title", "deck", "dateline", "byline", "credit", "jump_title"]

    static let generator = Generator<StoryFile, Shrink.None<StoryFile>> { rng in
        var s = StoryFile()
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        s.frontLines.append("id: fuzz")
        for key in textKeys where chance(0.4) {
            let v = HostileText.string(pieces: 1...4).run(using: &rng)
            s.fields.append((key, v.text))
            s.kinds.formUnion(v.kinds)
            s.frontLines.append("\(key): \(HostileYAML.quoted(v.text))")
        }
        if chance(0.3) { s.frontLines.append("kind: \(HostileYAML.pick(StoryKind.allCases.map(\.rawValue) + ["新闻", "NEWS"], &rng))") }
        if chance(0.3) {
            s.frontLines.append("priority: \(HostileYAML.pick(HostileYAML.absurdNumbers, &rng))")
            s.kinds.insert("absurd-number"); s.clean = false
        } else if chance(0.3) {
            s.frontLines.append("priority: \(Int.random(in: 1...9, using: &rng))")
        }
        if chance(0.15) {
            let key = HostileYAML.pick(["title", "priority", "images", "kind", "byline"], &rng)
            if s.frontLines.contains(where: { $0.hasPrefix(key + ":") }) { s.duplicateKey = key; s.kinds.insert("duplicate-key") }
            s.frontLines.append("\(key): \(HostileYAML.pick(HostileYAML.wrongTypes, &rng))")
            s.kinds.insert("wrong-type"); s.clean = false
        }
        if chance(0.15), let f = s.fields.randomElement(using: &rng) {
            s.frontLines.append("\(f.key): \"重复的值\"")  // the same key twice, another value
            s.duplicateKey = f.key
            s.kinds.insert("duplicate-key"); s.clean = false
        }
        if chance(0.15) { s.crlf = true; s.kinds.insert("crlf") }
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            if chance(0.25) {
                let marker = HostileYAML.pick(["## ", "### ", "# ", "#", "####### ", "##"], &rng)
                let v = HostileText.string(pieces: 1...3).run(using: &rng)
                s.bodyLines.append(marker + v.text.replacingOccurrences(of: "\n", with: " "))
                s.kinds.formUnion(v.kinds); s.kinds.insert("heading")
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let v = HostileText.string(pieces: 1...6).run(using: &rng)
                    s.bodyLines.append(v.text.replacingOccurrences(of: "\n", with: " "))
                    s.kinds.formUnion(v.kinds)
                }
            }
            s.bodyLines.append("")
        }
        return s
    }
}

/// What the body should give, by the README: blank lines separate paragraphs; a line that is a
/// Markdown ATX heading (one to six `#`, then a space or nothing) is a subhead, its `#`s markup;
/// every other character is copy and must reach the story. Compared without whitespace, since
/// joining lines and trimming them is documented.
func expectedBodyScalars(_ lines: [String]) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    for raw in lines {
        let line = raw.trimmingCharacters(in: .whitespaces)
        let hashes = line.prefix { $0 == "#" }.count
        let rest = line.dropFirst(hashes)
        let heading = (1...6).contains(hashes) && (rest.isEmpty || rest.first!.isWhitespace)
        out += visibleScalars(heading ? String(rest) : line)
    }
    return out
}

/// The scalars of `s` but whitespace: Unicode's, and what Foundation's `.whitespaces` holds
/// (with which the loader trims lines; on Linux it has U+200B too).
func visibleScalars(_ s: String) -> [Unicode.Scalar] {
    s.unicodeScalars.filter { !$0.properties.isWhitespace && !CharacterSet.whitespaces.contains($0) }
}
