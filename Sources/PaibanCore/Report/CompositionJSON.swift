/// The JSON form of composed paragraphs printed by `paiban compose --json`: lengths in em,
/// `x` from the start of the measure, `advance` as set before justification space is added,
/// `width` where the line's last non-hanging glyph ends.
public func compositionJSON(_ paragraphs: [ComposedParagraph], measure: Em,
                            normalisation: [[NormalizationChange]] = []) -> JSON {
    var lines: [JSON] = []
    var uncovered: [JSON] = []
    for (p, paragraph) in paragraphs.enumerated() {
        for line in paragraph.lines {
            let glyphs: [JSON] = line.glyphs.map { g in
                .object([
                    ("char", .string(String(paragraph.text[g.index]))),
                    ("x", .number(g.x.value)),
                    ("advance", .number(g.advance.value)),
                    ("hanging", .bool(g.hanging)),
                ])
            }
            lines.append(.object([
                ("paragraph", .int(p)),
                ("last", .bool(line.isLast)),
                ("width", .number(line.width.value)),
                ("text", .string(paragraph.string(of: line))),
                ("glyphs", .array(glyphs)),
            ]))
        }
        for s in paragraph.uncovered {
            uncovered.append(.object([("paragraph", .int(p)), ("char", .string(String(s)))]))
        }
    }
    var changes: [JSON] = []
    for (p, list) in normalisation.enumerated() {
        for c in list {
            changes.append(.object([
                ("paragraph", .int(p)), ("offset", .int(c.offset)),
                ("from", .string(c.original)), ("to", .string(c.replacement)),
            ]))
        }
    }
    return .object([
        ("measure", .number(measure.value)),
        ("lines", .array(lines)),
        ("normalised", .array(changes)),
        ("uncovered", .array(uncovered)),
    ])
}
