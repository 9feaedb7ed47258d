import Testing
import PaibanCore
import PaibanInput
import PaibanTestSupport

/// A story's head block as make-up sets it (fixed advances, the house word list).
@Suite struct HeadSettingTests {
    static let root = repositoryRoot()

    func prepared(_ frontMatter: String, layout: Layout? = nil) throws -> PreparedStory {
        let (story, _) = try ArticleLoader.parse("---\n\(frontMatter)\n---\n\n正文第一段，记者从市交通委获悉。\n", file: "x.md")
        let l = try layout ?? LayoutLoader.load(file: Self.root + "/Layouts/broadsheet.yaml").0
        let setter = TextSetter(shaper: FixedAdvanceTextShaper(), profile: l.profile,
                                segmenter: DictionarySegmenter(words: try #require(testWordList)))
        return PreparedStory(story: story, layout: l, setter: setter)
    }

    func text(_ line: SetLine) -> String { String(String.UnicodeScalarView(line.runs.flatMap(\.text))) }

    @Test("an editor's line break in a YAML block title is where the head breaks; the outline gets it on one line")
    func editorsBreak() throws {
        let p = try prepared("title: |\n  让每一条新线\n  都成为民心线")
        let title = try #require(p.shape(columns: 4).head.first)
        #expect(title.lines.map(text) == ["让每一条新线", "都成为民心线"])
        #expect(p.story.oneLineTitle == "让每一条新线都成为民心线")
    }

    @Test("the byline style's align is honoured (end: flush right in the column)")
    func bylineAlign() throws {
        var (layout, _) = try LayoutLoader.load(file: Self.root + "/Layouts/broadsheet.yaml")
        layout.styles.byline.align = .end
        let p = try prepared("title: 题目\nbyline: 本报记者 周婷", layout: layout)
        guard case .line(let byline)? = p.shape(columns: 2).body.first else { Issue.record("no byline line"); return }
        let run = try #require(byline.runs.first)
        let column = Double(layout.grid.columnChars) * layout.grid.bodySize.value
        #expect(text(byline) == "本报记者　周婷")
        #expect(abs(run.boxes.last! + run.advances.last! - column) < 0.01)
    }

    @Test("a head that cannot break between words at a width is reported on the shape, and the title steps down instead where it can")
    func reportedHead() throws {
        let p = try prepared("title: SEMICONDUCTORMANUFACTURING")
        let shape = p.shape(columns: 1)
        #expect(!shape.headProblems.isEmpty)
        #expect(shape.headProblems.first?.contains("SEMICONDUCTORMANUFACTURING") == true)
        #expect(try prepared("title: 地铁5号线开通").shape(columns: 1).headProblems.isEmpty)
    }
}

@Suite struct CaptionTests {
    func caption(_ caption: String, credit: String?, columns: Int) throws -> [String] {
        let root = repositoryRoot()
        var image = ImageRef(file: "images/x.jpg", caption: caption, credit: credit)
        image.pixelWidth = 3000
        image.pixelHeight = 2000
        let story = Story(id: "p", title: "题", images: [image], body: [.paragraph("正文。")], sourceFile: "p.md")
        let (layout, _) = try LayoutLoader.load(file: root + "/Layouts/broadsheet.yaml")
        let setter = TextSetter(shaper: FixedAdvanceTextShaper(), profile: layout.profile,
                                segmenter: DictionarySegmenter(words: try #require(testWordList)))
        // The caption of the variant whose photo spans the story (3000 pixels allow any width).
        let variant = try #require(PreparedStory(story: story, layout: layout, setter: setter).variants(columns: columns)
            .first { $0.photo?.columns == columns })
        return try #require(variant.photo).caption
            .map { String(String.UnicodeScalarView($0.runs.flatMap(\.text))) }
    }

    @Test("a credit that fits runs on after the caption, kept whole")
    func runOn() throws {
        #expect(try caption("图为项目开工现场", credit: "本报记者 张伟摄", columns: 4) == ["图为项目开工现场（本报记者　张伟摄）"])
    }

    @Test("a caption's closing parenthesis is its credit when it has none, never broken inside")
    func trailingParenthesis() throws {
        let lines = try caption("图为辛国斌会见英国驻华大使现场（资料图）", credit: nil, columns: 1)
        #expect(lines.joined() == "图为辛国斌会见英国驻华大使现场（资料图）")
        #expect(lines.contains { $0.hasSuffix("（资料图）") })
    }
}

@Suite struct TypedDatelineTests {
    @Test("本报讯 typed at the start of the copy is set in the dateline's bold face, its text unchanged")
    func typedDateline() throws {
        let root = repositoryRoot()
        let (story, _) = try ArticleLoader.parse("---\nkind: brief\ntitle: 题\n---\n\n本报讯　即日起至8月31日，市图书馆延长开放时间。\n", file: "b.md")
        let (layout, _) = try LayoutLoader.load(file: root + "/Layouts/broadsheet.yaml")
        let p = PreparedStory(story: story, layout: layout,
                              setter: TextSetter(shaper: FixedAdvanceTextShaper(), profile: layout.profile))
        guard case .line(let first)? = p.shape(columns: 2).body.first else { Issue.record("no body"); return }
        let lead = try #require(first.runs.first)
        #expect(String(String.UnicodeScalarView(lead.text)).hasPrefix("本报讯"))
        #expect(lead.font == layout.styles.dateline.font.sized(layout.styles.body.font.size))
        let all = p.shape(columns: 2).body.compactMap { item -> String? in
            if case .line(let l) = item { return String(String.UnicodeScalarView(l.runs.flatMap(\.text))) } else { return nil }
        }.joined()
        #expect(all == "本报讯　即日起至8月31日，市图书馆延长开放时间。")
    }
}
