import Foundation
import PropertyBased

/// A generated issue folder: a manifest with hostile values (dates, numbers, areas, sections
/// of the wrong type, keys twice), plain stories a, b, c, and photos that may be hostile files
/// or paths out of the folder.
struct IssueFolder: Sendable, CustomStringConvertible {
    var manifest: [String] = []
    var stories: [String: String] = [:]
    var images: [String: [UInt8]] = [:]
    var kinds: Set<String> = []
    /// The date as written, when it is written as a plain scalar.
    var date: String? = nil
    /// Top-level keys, or `pages[0].stories`, given a value of the wrong type, with their
    /// lines in the manifest; a key written twice.
    var wrongSections: [String] = []
    var wrongLines: [Int] = []
    var duplicateKey: String? = nil
    /// Story ids the pages list (each must be placed or named in a diagnostic).
    var listed: [String] = []
    /// Image paths the stories name that leave the folder.
    var outsidePaths: [String] = []

    var description: String {
        var s = "issue.yaml: \(String(reflecting: manifest.joined(separator: "\n")))"
        for (k, v) in stories.sorted(by: { $0.key < $1.key }) { s += "\n\(k): \(String(reflecting: v))" }
        for (k, v) in images.sorted(by: { $0.key < $1.key }) { s += "\n\(k): \(v.count) bytes \(v.prefix(24).map { String(format: "%02x", $0) }.joined())" }
        return s + "\n[\(kinds.sorted().joined(separator: ", "))]"
    }

    static let generator = Generator<IssueFolder, Shrink.None<IssueFolder>> { rng in
        var f = IssueFolder()
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        func pick(_ v: [String]) -> String { HostileYAML.pick(v, &rng) }
        let paper = HostileText.string(pieces: 1...3).run(using: &rng)
        f.manifest.append("paper: \(HostileYAML.quoted(paper.text))")
        f.kinds.formUnion(paper.kinds)
        if chance(0.2) {
            f.date = pick(HostileYAML.badDates); f.kinds.insert("bad-date")
        } else {
            f.date = "2026-03-20"
        }
        f.manifest.append("date: \(f.date!)")
        if chance(0.3) { f.manifest.append("issue_number: \(pick(HostileYAML.absurdNumbers))"); f.kinds.insert("absurd-number") }
        if chance(0.2) {
            f.manifest.append("layout: \(pick(["../../Layouts/broadsheet", "/etc/passwd", "nosuch", "\"\"", "tabloid/../broadsheet"]))")
            f.kinds.insert("layout-path")
        }
        // Pages: the stories a, b, c, an unknown id, one listed twice; areas and jumps absurd.
        f.manifest.append("pages:")
        for page in 1...Int.random(in: 1...2, using: &rng) {
            let number = chance(0.2) ? pick(HostileYAML.absurdNumbers) : "\(page)"
            if number != "\(page)" { f.kinds.insert("absurd-number") }
            f.manifest += ["  - number: \(number)", "    section: \(HostileYAML.quoted(HostileText.string(pieces: 1...2).run(using: &rng).text))"]
            if page == 2 && chance(0.5) { f.manifest.append("    receives_jumps: true") }
            f.manifest.append("    stories:")
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let id = pick(["a", "b", "c", "a", "nosuch"])
                f.listed.append(id)
                switch Int.random(in: 0..<16, using: &rng) {
                case 0:
                    func n() -> String { pick(["1", "3", "0", "-1", "9223372036854775807", "4294967296", "1e300", "8"]) }
                    f.manifest += ["      - id: \(id)", "        area: {column: \(n()), line: \(n()), columns: \(n()), lines: \(n())}"]
                    f.kinds.insert("absurd-area")
                case 1, 2:
                    f.manifest += ["      - id: \(id)", "        jump_to: \(pick(["2", "[2, 2]", "9223372036854775807", "-1", "[1]", "0", "x"]))"]
                    f.kinds.insert("absurd-jump")
                case 3:
                    f.manifest += ["      - id: \(id)", "        jumps: \(pick(["true", "yes", "nan", "2"]))"]
                default:
                    f.manifest.append("      - \(id)")
                }
            }
        }
        if chance(0.2) { f.manifest.append("fillers: \(pick(["[c]", "[nosuch, c, c]", "5", "{id: c}", "[[c]]"]))"); f.kinds.insert("fillers") }
        if chance(0.2) {
            // A section of the wrong type replaces what was there, or is added.
            let key = pick(["pages", "jump", "fillers", "paper", "banner", "date"])
            f.manifest.removeAll { $0.hasPrefix(key + ":") }
            if key == "pages" { f.manifest.removeAll { $0.hasPrefix("  ") }; f.listed = [] }
            if key == "date" { f.date = nil }
            let wrong = ["paper", "banner"].contains(key) ? HostileYAML.notText
                : key == "jump" ? HostileYAML.notMapping : key == "fillers" ? HostileYAML.notList : HostileYAML.wrongTypes
            f.manifest.append("\(key): \(pick(wrong.filter { $0 != "\"\"" && $0 != "true" }))")
            f.wrongSections.append(key); f.wrongLines.append(f.manifest.count); f.kinds.insert("wrong-section")
        } else if chance(0.15), let k = f.manifest.firstIndex(where: { $0.hasPrefix("    stories:") }) {
            // A page's stories given as text, not a list: the page's entries go.
            f.manifest[k] = "    stories: \(pick(["a", "eight", "{a: 1}"]))"
            while k + 1 < f.manifest.count, f.manifest[k + 1].hasPrefix("      ") { f.manifest.remove(at: k + 1) }
            f.listed = []
            f.wrongSections.append("pages[0].stories"); f.wrongLines.append(k + 1); f.kinds.insert("wrong-section")
        }
        if chance(0.08) { f.manifest.append("paper: 另一张报纸"); f.duplicateKey = "paper"; f.kinds.insert("duplicate-key") }
        // Stories: a, b, c; one may carry a photo, hostile or outside the folder.
        for id in ["a", "b", "c"] {
            var front = ["id: \(id)", "title: 标题\(id)"]
            if chance(0.5) {
                let path = chance(0.9) ? pick(["images/p.png", "images/p.jpg", "images/missing.jpg"])
                    : pick(["../outside.png", ImageFile.root + "/Examples/semicon-special/images/jcet-pdm.jpg", "images/../../outside.png"])
                if path.hasPrefix("/") || path.contains("..") { f.outsidePaths.append(path); f.kinds.insert("outside-path") }
                front += ["images:", "  - file: \(path)", "    caption: 图"]
            }
            f.stories["articles/\(id).md"] = "---\n" + front.joined(separator: "\n") + "\n---\n\n" + HostileText.string(pieces: 1...5).run(using: &rng).text.replacingOccurrences(of: "\n", with: " ") + "\n"
        }
        for name in ["images/p.png", "images/p.jpg"] {
            let img = ImageFile.generator.run(using: &rng)
            f.images[name] = img.bytes
            f.kinds.insert("image-\(img.kind)")
        }
        return f
    }

    /// Writes the folder under `dir` (a fresh temporary folder).
    func write(to dir: String) throws {
        let fm = FileManager.default
        for sub in ["articles", "images"] { try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        try (manifest.joined(separator: "\n") + "\n").write(toFile: dir + "/issue.yaml", atomically: false, encoding: .utf8)
        for (name, text) in stories { try text.write(toFile: dir + "/" + name, atomically: false, encoding: .utf8) }
        for (name, bytes) in images { _ = fm.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        // A real photo beside the folder, for the stories whose paths climb out to it.
        _ = fm.createFile(atPath: (dir as NSString).deletingLastPathComponent + "/outside.png", contents: Data(ImageFile.png))
    }
}
