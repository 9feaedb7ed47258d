import PaibanTestSupport
import PropertyBased

/// Hostile copy, in the classes issue 11 names, each piece tagged with its class so a property
/// can say which kind of input broke it (and leave out classes whose fix is pending).
struct Piece: Sendable, CustomStringConvertible {
    var text: String
    var kind: String
    var description: String { "\(kind):\(String(reflecting: text))" }
}

/// A generated text and the classes of its pieces.
struct HostileString: Sendable, CustomStringConvertible {
    var pieces: [Piece]
    var text: String { pieces.map(\.text).joined() }
    var kinds: Set<String> { Set(pieces.map(\.kind)) }
    var description: String { "\(String(reflecting: text)) [\(kinds.sorted().joined(separator: ", "))]" }
}

enum HostileText {
    /// Real copy to surround the hostile pieces with: short stretches of the sample edition's
    /// paragraphs as typed (ASCII marks included), cut at commas.
    static let copy: [String] = {
        let raw = loadRawSampleParagraphs()
        var out: [String] = []
        for p in raw.prefix(40) {
            for part in p.split(whereSeparator: { "，。,".contains($0) }) where part.count >= 2 {
                out.append(String(part.prefix(24)) + "，")
            }
        }
        return out.isEmpty ? ["记者了解到，"] : out
    }()

    static let classes: [(kind: String, pieces: [String])] = [
        // C0 and C1 controls, NUL first; separators, BOM and zero-width marks that editors paste in.
        ("control", ["\u{0}", "\u{1}", "\u{7}", "\u{8}", "\t", "\u{B}", "\u{C}", "\r", "\u{1B}", "\u{7F}", "\u{85}",
                     "\u{9F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{200B}", "\u{200D}", "\u{FFFD}", "\u{FFFF}", "\u{0}\u{0}\u{0}"]),
        // Runs no rule may break, far wider than any column.
        ("long-run", [String(repeating: "—", count: 20), String(repeating: "……", count: 60), String(repeating: "“", count: 30),
                      String(repeating: "”", count: 30), String(repeating: "A", count: 120), String(repeating: "9", count: 80),
                      String(repeating: "。", count: 40), String(repeating: "？！", count: 15), String(repeating: "（", count: 25),
                      String(repeating: "·", count: 30), String(repeating: "——", count: 3) + "……" + String(repeating: "、", count: 10),
                      "https://example.com/" + String(repeating: "a/b-c_d.e", count: 12)]),
        // Right-to-left scripts and bidi controls.
        ("rtl", ["مرحبا بالعالم", "שלום עולם", "\u{202E}反转\u{202C}", "\u{200F}", "\u{200E}", "\u{2067}عربي\u{2069}", "ابجد١٢٣"]),
        // Markdown and HTML an editor's tool may leave in copy (set as text: the loader reads no emphasis).
        ("markdown", ["*强调*", "**加粗**", "_斜体_", "`代码`", "<b>粗体</b>", "<script>alert(1)</script>", "&nbsp;&amp;",
                      "![图](images/x.png)", "[链接](http://example.com)", "\\*", "| 甲 | 乙 |", "|---|---|", "~~删除~~", "[^1]"]),
        // Combining marks without a base, emoji sequences, astral Han, variation selectors.
        ("unicode", ["\u{301}", "\u{20DD}", "👩‍👩‍👧", "🇨🇳", "𠀀𪚥", "葛\u{E0100}", "\u{3099}", "①②③", "Ⅻ", "ｆｕｌｌ", "ﾊﾝｶｸ"]),
        // ASCII punctuation where the normaliser acts (and where it must not): lists, numbers, brackets.
        ("ascii-marks", [",", ":", ";", "(", ")", "!", "?", " , ", "1,234", "10:30", "(((", ")))", "A,B,C", "Hello, world",
                         "\"", "'", "  ", " ", "\u{3000}", "\u{A0}", "re:Invent"]),
    ]

    static let kinds = classes.map(\.kind)

    /// One piece: copy or a hostile piece of a random class.
    static let piece = Generator<Piece, Shrink.None<Piece>> { rng in
        if Int.random(in: 0..<3, using: &rng) == 0 {
            return Piece(text: copy.randomElement(using: &rng)!, kind: "copy")
        }
        let c = classes.randomElement(using: &rng)!
        return Piece(text: c.pieces.randomElement(using: &rng)!, kind: c.kind)
    }

    /// A paragraph (or a field) of 1…`pieces` pieces.
    static func string(pieces: ClosedRange<Int> = 1...10) -> Generator<HostileString, Shrink.None<HostileString>> {
        Generator { rng in
            let n = Int.random(in: pieces, using: &rng)
            return HostileString(pieces: (0..<n).map { _ in piece.run(using: &rng) })
        }
    }
}
