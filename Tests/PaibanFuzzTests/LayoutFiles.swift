import PropertyBased

/// A generated layout template: the broadsheet's keys with some values made hostile, a section
/// of the wrong type or a key written twice. Emitted in block style, one key a line, so a
/// property knows the line of what it changed.
struct LayoutFile: Sendable, CustomStringConvertible {
    /// (section, key, value); a section's own value when key is empty.
    var entries: [(section: String, key: String, value: String)]
    var kinds: Set<String> = []
    /// The sections replaced by a value of the wrong type, and keys written twice.
    var wrongSections: [String] = []
    var duplicate: (section: String, key: String)? = nil
    /// The values changed, as section.key.
    var changed: [String] = []

    static let base: [(String, String, String)] = [
        ("name", "", "fuzz"),
        ("page", "width", "390mm"), ("page", "height", "540mm"),
        ("type_area", "top", "32mm"),
        ("grid", "columns", "8"), ("grid", "column_chars", "13"), ("grid", "gutter_chars", "1"),
        ("grid", "body", "小五"), ("grid", "line_gap", "0.5"), ("grid", "lines", "100"),
        ("masthead_lines", "", "17"),
        ("composition", "profile", "gb"), ("composition", "punctuation", "quanjiao"), ("composition", "indent", "2"),
        ("rules", "column", "0.3pt"), ("rules", "story", "0.6pt"), ("rules", "frame", "1.2pt"),
        ("title_sizes", "", "[小初, 一号, 小一, 二号, 小二, 三号]"),
        ("photos", "min_ppi", "150"), ("photos", "max_crop", "0.3"), ("photos", "min_lines", "5"),
        ("styles", "body", "{font: 报宋, size: 小五}"), ("styles", "kicker", "{font: 黑体, size: 四号}"),
        ("styles", "title", "{font: 黑体, bold: true, leading: 1.2}"), ("styles", "caption", "{font: 楷体, size: 六号, leading: 1.4}"),
        ("styles", "paper_name", "{font: 黑体, size: 80pt, bold: true}"), ("styles", "jump", "{font: 楷体, size: 小五}"),
    ]

    /// Numbers and lengths per key: lengths take units, counts whole numbers, styles sizes.
    static func hostileValue(section: String, key: String, _ rng: inout any SeededRandomNumberGenerator) -> String {
        let lengthKeys: Set<String> = ["width", "height", "top", "column", "story", "frame"]
        if section == "styles" {
            let size = HostileYAML.pick(HostileYAML.absurdLengths + HostileYAML.absurdNumbers, &rng)
            let leading = HostileYAML.pick(HostileYAML.absurdNumbers, &rng)
            return Bool.random(using: &rng) ? "{font: 黑体, size: \(size)}" : "{font: 黑体, size: 五号, leading: \(leading)}"
        }
        if section == "title_sizes" { return "[\(HostileYAML.pick(HostileYAML.absurdLengths, &rng)), 一号]" }
        if section == "grid" && key == "body" { return HostileYAML.pick(HostileYAML.absurdLengths, &rng) }
        return HostileYAML.pick(lengthKeys.contains(key) ? HostileYAML.absurdLengths : HostileYAML.absurdNumbers, &rng)
    }

    static let generator = Generator<LayoutFile, Shrink.None<LayoutFile>> { rng in
        var f = LayoutFile(entries: base.map { (section: $0.0, key: $0.1, value: $0.2) })
        for _ in 0..<Int.random(in: 1...2, using: &rng) {
            let k = Int.random(in: 1..<f.entries.count, using: &rng)
            let e = f.entries[k]
            f.entries[k].value = hostileValue(section: e.section, key: e.key, &rng)
            f.changed.append("\(e.section).\(e.key)")
            f.kinds.insert("absurd-value")
        }
        if Double.random(in: 0..<1, using: &rng) < 0.15 {
            let section = HostileYAML.pick(["grid", "styles", "page", "type_area", "rules", "photos", "composition", "title_sizes"], &rng)
            let value = HostileYAML.pick(section == "title_sizes" ? HostileYAML.notList : HostileYAML.notMapping, &rng)
            f.entries.removeAll { $0.section == section }
            f.entries.append((section, "", value))
            f.wrongSections.append(section)
            f.kinds.insert("wrong-section")
        }
        if Double.random(in: 0..<1, using: &rng) < 0.1 {
            let e = f.entries.filter { !$0.key.isEmpty && $0.section != "styles" }.randomElement(using: &rng)!
            f.entries.append((e.section, e.key, "7"))
            f.duplicate = (e.section, e.key)
            f.kinds.insert("duplicate-key")
        }
        return f
    }

    /// Values at the edges of what a template may say (one column of one character, no gutter,
    /// the widest line gap, a 1 pt or 200 pt style), for make-up: the loader should take them.
    static let edges: [String: [String]] = [
        "page.width": ["100mm", "1000mm", "30mm"], "page.height": ["100mm", "2000mm", "60mm"],
        "type_area.top": ["0mm", "10mm", "5字"],
        "grid.columns": ["1", "2", "3", "12", "20"], "grid.column_chars": ["1", "2", "5", "30"], "grid.gutter_chars": ["0", "3"],
        "grid.body": ["5pt", "六号", "小四", "14pt", "8Q"], "grid.line_gap": ["0", "3", "0.01"], "grid.lines": ["10", "11", "40"],
        "masthead_lines": ["4", "5"], "composition.profile": ["grid", "hang", "strict", "basic"], "composition.indent": ["0", "1", "5"],
        "title_sizes": ["[1pt]", "[200pt, 1pt]", "[小初]"],
        "styles.kicker": ["{font: 黑体, size: 1pt}", "{font: 黑体, size: 200pt}"], "styles.title": ["{font: 黑体, size: 1pt, leading: 0.8}", "{font: 黑体, leading: 4}"],
        "styles.caption": ["{font: 楷体, size: 1pt}", "{font: 楷体, size: 72pt, leading: 4}"],
        "photos.min_ppi": ["50", "1200"], "photos.max_crop": ["0", "0.6"], "photos.min_lines": ["3"],
    ]

    static let edgeGenerator = Generator<LayoutFile, Shrink.None<LayoutFile>> { rng in
        var f = LayoutFile(entries: base.map { (section: $0.0, key: $0.1, value: $0.2) })
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let (path, values) = edges.randomElement(using: &rng)!
            guard let k = f.entries.firstIndex(where: { "\($0.section)\($0.key.isEmpty ? "" : ".")\($0.key)" == path }) else { continue }
            f.entries[k].value = values.randomElement(using: &rng)!
            f.changed.append(path)
            f.kinds.insert("edge-value")
        }
        return f
    }

    /// The template's text, and the line of each section's first key (1-based).
    var text: (yaml: String, lines: [String: Int]) {
        var out: [String] = [], lines: [String: Int] = [:]
        var sections: [String] = []
        for e in entries where !sections.contains(e.section) { sections.append(e.section) }
        for s in sections {
            lines[s] = out.count + 1
            let own = entries.filter { $0.section == s }
            if let v = own.first(where: { $0.key.isEmpty }) { out.append("\(s): \(v.value)"); continue }
            out.append("\(s):")
            out += own.map { "  \($0.key): \($0.value)" }
        }
        return (out.joined(separator: "\n") + "\n", lines)
    }

    var description: String { "\(String(reflecting: text.yaml)) [\(kinds.sorted().joined(separator: ", "))]" }
}
