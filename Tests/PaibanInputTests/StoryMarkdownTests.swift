import Testing
import PaibanCore
@testable import PaibanInput

/// The story body as writers type it: only ## and ### make subheads, lists are paragraphs, and
/// Markdown the format does not support is set as its text with a warning at its line, never
/// printed as raw markup without a word.
@Suite struct StoryMarkdownTests {
    func parse(_ body: String) throws -> (Story, [Diagnostic]) {
        try ArticleLoader.parse("---\nid: a\ntitle: 题\n---\n" + body, file: "a.md")
    }

    @Test("a paragraph starting with # (#两会#) is text; ## and ### start subheads; # heading is a paragraph with a warning")
    func hashes() throws {
        let (s, d) = try parse("#两会#代表委员热议。\n\n## 小标题\n\n### 三级\n\n# 一级标题\n")
        #expect(s.body == [.paragraph("#两会#代表委员热议。"), .subhead("小标题"), .subhead("三级"), .paragraph("一级标题")], "\(s.body)")
        #expect(d.count == 1 && d[0].line == 11 && d[0].message.contains("level-1 heading"), "\(d)")
    }

    @Test("list items are paragraphs of their own: ● for a bullet, the number with a full-width point")
    func lists() throws {
        let (s, d) = try parse("前文。\n- 第一项\n* 第二项\n\n1. 甲\n2) 乙\n")
        #expect(s.body == [.paragraph("前文。"), .paragraph("●第一项"), .paragraph("●第二项"), .paragraph("1．甲"), .paragraph("2．乙")], "\(s.body)")
        #expect(d.isEmpty, "\(d)")
    }

    @Test("emphasis, links, HTML, tables, images, quotes: their text is kept, the markup removed, one warning per kind at its first line")
    func unsupported() throws {
        let (s, d) = try parse("这是**重点**和*强调*。\n\n见[网站](https://x.cn)。\n\n<b>粗</b>体\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n![图](x.png)\n\n> 引用\n\n算式5*3*2。\n")
        let texts = s.body.map { if case .paragraph(let p) = $0 { p } else { "" } }
        #expect(texts == ["这是重点和强调。", "见网站。", "粗体", "甲　乙", "1　2", "引用", "算式5*3*2。"], "\(texts)")
        let byLine = Dictionary(d.map { ($0.line ?? 0, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(byLine[5]?.contains("emphasis") == true && byLine[7]?.contains("link") == true && byLine[9]?.contains("HTML") == true
                && byLine[11]?.contains("tables") == true && byLine[15]?.contains("image") == true && byLine[17]?.contains("block quote") == true, "\(d)")
        #expect(d.allSatisfy { $0.severity == .warning } && d.count == 6, "\(d)")
    }
}
