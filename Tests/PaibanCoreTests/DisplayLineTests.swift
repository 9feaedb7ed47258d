import Testing
import PaibanCore
import PaibanTestSupport

/// Display lines (heads, bylines) with the fixed-advance shaper: 1 em a Han, so widths are counts.
@Suite struct DisplayLineTests {
    static let size = 10.0
    static let font = FontSpec(role: .heiTi, size: Points(size))

    func setter() throws -> TextSetter {
        TextSetter(shaper: FixedAdvanceTextShaper(), profile: CompositionProfile(),
                   segmenter: DictionarySegmenter(words: try #require(testWordList)))
    }

    func lines(_ text: String, ems: Double, align: TextStyle.Alignment = .center,
               breaking: DisplayBreaking = .head) throws -> (DisplayText, [String]) {
        let set = try setter().setDisplay(text, font: Self.font, measure: ems * Self.size, align: align,
                                          role: .title, story: nil, breaking: breaking)
        return (set, set.lines.map { String(String.UnicodeScalarView($0.runs.flatMap(\.text))) })
    }

    @Test("a head breaks between words into balanced lines, not inside 工业化 or 政府")
    func betweenWords() throws {
        #expect(try lines("以实干实绩谱写新型工业化新篇章", ems: 10).1 == ["以实干实绩谱写", "新型工业化新篇章"])
        let (_, hk) = try lines("香港特别行政区政府发布施政报告", ems: 10)
        #expect(hk == ["香港特别行政区政府", "发布施政报告"])
    }

    @Test("no letter-spacing: every glyph of a display line sits at its natural advance, and the line is centred")
    func naturalWidth() throws {
        let (set, text) = try lines("先进封装成为芯片胜负手", ems: 8)
        #expect(text.count == 2)
        for line in set.lines {
            let run = try #require(line.runs.first)
            for k in 1..<run.boxes.count { #expect(abs(run.boxes[k] - run.boxes[k - 1] - Self.size) < 1e-6) }
            let left = run.boxes[0], right = run.boxes.last! + run.advances.last!
            #expect(abs(left - (8 * Self.size - right)) < 1e-6, "centred in the measure")
            #expect(abs(line.width - (right - left)) < 1e-6)
        }
    }

    @Test("align start and end place the natural line at the measure's edges")
    func alignment() throws {
        let (start, _) = try lines("本报记者　张心怡", ems: 13, align: .start, breaking: .byline)
        #expect(start.lines.count == 1 && abs(start.lines[0].runs[0].boxes[0]) < 1e-6)
        let (end, _) = try lines("本报记者　张心怡", ems: 13, align: .end, breaking: .byline)
        let r = end.lines[0].runs[0]
        #expect(abs(r.boxes.last! + r.advances.last! - 13 * Self.size) < 1e-6)
        // A justify style sets display lines flush start, never spread.
        let (j, _) = try lines("本报记者　张心怡", ems: 13, align: .justify, breaking: .byline)
        #expect(abs(j.lines[0].width - 8 * Self.size) < 1e-6)
    }

    @Test("an editor's line break in the field is always a break, and the rest is balanced on its own")
    func forcedBreak() throws {
        #expect(try lines("稳中求进\n以进促稳", ems: 20).1 == ["稳中求进", "以进促稳"])
        #expect(try lines("把对市民的承诺\n落到实处", ems: 30).1 == ["把对市民的承诺", "落到实处"])
    }

    @Test("never before 的 了 们 or a closing mark, never inside 5号线, 186.4亿元, 3月18日, a name with ·, a short quotation")
    func keptTogether() throws {
        for (text, ems) in [("全市上半年研发投入达186.4亿元", 9.0), ("地铁5号线开通运营", 5.0), ("奥尔加·托卡尔丘克获得诺贝尔文学奖", 10.0),
                            ("先进封装成为AI芯片“胜负手”", 8.0), ("会议3月18日在京开幕", 6.0), ("孩子们的暑假去哪儿了", 6.0)] {
            let (set, text) = try lines(text, ems: ems)
            let joined = text.joined(separator: "|")
            for forbidden in ["|的", "|了", "|们", "186|", "186.4|", "|亿", "5|号", "号|线", "3|月", "月|18", "·|", "|·",
                              "托|卡", "“胜|", "胜负|手", "AI|芯片", "|”"] {
                #expect(!joined.contains(forbidden), "\(joined)")
            }
            #expect(set.lines.count >= 2, "\(joined) must break at \(ems) em")
        }
    }

    @Test("a byline breaks between people before role and name, never inside a name")
    func bylines() throws {
        let people = try lines("本报记者　李婧　陈思远　通讯员　王磊", ems: 13, align: .start, breaking: .byline).1
        #expect(people == ["本报记者　李婧　陈思远", "通讯员　王磊"])
        let (set, name) = try lines("本报记者　欧阳晓东", ems: 6, align: .start, breaking: .byline)
        #expect(name == ["本报记者", "欧阳晓东"] && set.acceptable)
        let (tooNarrow, _) = try lines("本报特约评论员", ems: 5, align: .start, breaking: .byline)
        #expect(!tooNarrow.acceptable, "a role wider than the measure has nowhere to break and says so")
    }

    @Test("a display text far longer than any head (3,900 characters) is set line by line: every line inside the measure, every character once")
    func overlongDisplayText() throws {
        let text = String(repeating: "香港特别行政区政府创新科技", count: 300)
        let (set, got) = try lines(text, ems: 12, align: .start)
        #expect(got.joined() == text)
        #expect(set.lines.allSatisfy { !$0.overfull } && got.count >= 325, "\(got.count) lines")
    }

    @Test("a head that cannot break between words in its width says so, naming the text")
    func reportsProblem() throws {
        let (set, _) = try lines("SEMICONDUCTOR", ems: 4)
        #expect(!set.acceptable)
        #expect(set.problem?.contains("SEMICONDUCTOR") == true)
        // Where a word must break, the message shows that break, not the first one.
        let (split, _) = try lines("稳中求进　以进促稳香港特别行政区政府", ems: 5)
        #expect(!split.acceptable)
        #expect(split.problem?.contains("…港特别|行政区…") == true, "\(split.problem ?? "")")
        let (ok, _) = try lines("以实干实绩谱写新型工业化新篇章", ems: 10)
        #expect(ok.acceptable && ok.problem == nil)
    }

    @Test("a run of one-character words costs less than a third line: 外滩观光隧道 / 今起暂停运营 stays two lines")
    func unknownRunEdge() throws {
        #expect(try lines("外滩观光隧道今起暂停运营", ems: 7).1 == ["外滩观光隧道", "今起暂停运营"])
    }

    @Test("without a dictionary, Chinese runs stay whole and heads break at punctuation and spaces")
    func characterFallback() {
        let setter = TextSetter(shaper: FixedAdvanceTextShaper(), profile: CompositionProfile())
        let set = setter.setDisplay("稳中求进　以进促稳", font: Self.font, measure: 6 * Self.size, align: .center,
                                    role: .title, story: nil)
        #expect(set.lines.map { String(String.UnicodeScalarView($0.runs.flatMap(\.text))) } == ["稳中求进", "以进促稳"])
    }
}

@Suite struct DictionarySegmenterTests {
    @Test("jieba's route on the house word list, with the parts of long words")
    func segments() throws {
        let seg = DictionarySegmenter(words: try #require(testWordList))
        func words(_ s: String) -> [String] {
            let t = Array(s.unicodeScalars)
            let b = [0] + seg.wordBoundaries(t) + [t.count]
            return zip(b, b.dropFirst()).map { String(String.UnicodeScalarView(t[$0..<$1])) }
        }
        // jieba knows the whole title as one word; its parts are where a narrow head may break.
        #expect(words("香港特别行政区政府") == ["香港特别行政区政府"])
        let t = Array("香港特别行政区政府".unicodeScalars)
        #expect(seg.subwordBoundaries(t) == [7]) // 香港特别行政区|政府: longest parts first
        #expect(words("先进封装成为芯片").contains("芯片"))
        #expect(words("SEMICON China") == ["SEMICON", " ", "China"])
    }

    @Test("a word list without its #total header is refused")
    func badList() {
        #expect(WordList(bytes: Array("甲\t3\n".utf8)) == nil)
        #expect(WordList(bytes: Array("#total\t10\n甲\t3\n".utf8)) != nil)
    }
}

@Suite struct DisplayDetailTests {
    static let font = FontSpec(role: .heiTi, size: Points(10))
    func setter() throws -> TextSetter {
        TextSetter(shaper: FixedAdvanceTextShaper(), profile: CompositionProfile(),
                   segmenter: DictionarySegmenter(words: try #require(testWordList)))
    }

    @Test("display lines set quotation marks half width (开明): “胜负手”提速 is 6 em, with no hole after the quote")
    func tightQuotes() throws {
        let set = try setter().setDisplay("“胜负手”提速", font: Self.font, measure: 200, align: .start, role: .title, story: nil)
        #expect(abs(set.lines[0].width - 60) < 1e-6)
    }

    @Test("a teaser cut for its room ends between words and within the measure")
    func teaserPrefix() throws {
        let s = try setter()
        let text = "柯吉欣会见香港特别行政区政府创新科技及工业局局长孙东"
        let start = try #require(s.displayPrefix(text, font: Self.font, measure: 100))
        #expect(text.hasPrefix(start) && start.unicodeScalars.count <= 10)
        #expect(start == "柯吉欣会见", "the next word, 香港特别行政区政府, does not fit")
    }
}
