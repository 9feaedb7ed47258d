import Testing
import PaibanCore

/// Punctuation schemes, hanging, grid, indent and justification behaviour beyond the corpus.
@Suite struct ProfileTests {
    let shaper = FixedAdvanceShaper()

    func compose(_ text: String, _ w: Double, profile: CompositionProfile = CompositionProfile(), indent: Double = 0)
        -> ComposedParagraph
    {
        ParagraphComposer(profile: profile).compose(text, shaper: shaper, measure: Em(w), indent: Em(indent))
    }
    func advance(of c: Character, in p: ComposedParagraph) -> [Double] {
        p.lines.flatMap { $0.glyphs }.filter { Character(p.text[$0.index]) == c }.map(\.advance.value)
    }

    @Test("全角: a lone mid-line comma is a full em; 开明: only 。？！ stay full; 半角: all half")
    func schemes() {
        let text = "甲，乙（丙）丁。戊"
        var p = CompositionProfile()
        #expect(advance(of: "，", in: compose(text, 40, profile: p)) == [1])
        p.punctuation = .kaiming
        let k = compose(text, 40, profile: p)
        #expect(advance(of: "，", in: k) == [0.5])
        #expect(advance(of: "（", in: k) == [0.5])
        #expect(advance(of: "。", in: k) == [1])
        p.punctuation = .banjiao
        #expect(advance(of: "。", in: compose(text, 40, profile: p)) == [0.5])
    }

    @Test("开明: a line short by the half a comma gave up gets it back before any Han gap opens")
    func kaimingStretchesPunctuationFirst() {
        var p = CompositionProfile()
        p.punctuation = .kaiming
        // 一二三四，五六七八九 is 9.5 em in 开明; at 10 em the comma takes the half em back.
        let c = compose("一二三四，五六七八九十一二三", 10, profile: p)
        let line = c.lines[0]
        #expect(c.string(of: line) == "一二三四，五六七八九")
        for (a, b) in zip(line.glyphs, line.glyphs.dropFirst()) where isHanCharacter(c.text[a.index]) && isHanCharacter(c.text[b.index]) {
            #expect(abs(b.x.value - a.x.value - a.advance.value) < 1e-9)
        }
        #expect(abs(line.width.value - 10) < 1e-9)
    }

    @Test("hanging is off by default: no glyph ever passes the measure")
    func noHangingByDefault() {
        let p = compose("一二三四五六七八九十，百千万亿兆京垓秭穰沟。", 10)
        for line in p.lines {
            #expect(!line.glyphs.contains { $0.hanging })
            #expect(line.glyphs.allSatisfy { $0.x.value + $0.advance.value <= 10 + 1e-9 })
        }
    }

    @Test("grid: Han glyphs sit on whole ems even with Latin text on the line")
    func gridWithLatin() {
        let p = compose("在SEMICON展会上，中国企业展示了最新成果和2026年的规划。", 10, profile: .named("grid")!)
        for line in p.lines {
            for g in line.glyphs where isHanCharacter(p.text[g.index]) {
                #expect(abs(g.x.value - g.x.value.rounded()) < 1e-9, "\(p.string(of: line))")
            }
        }
        #expect(auditRules(p, profile: .named("grid")!).isEmpty)
    }

    @Test("the first-line indent applies to the first line only")
    func indent() {
        let p = compose("一是要稳增长，二是要促改革，三是要调结构，四是要惠民生。", 10, indent: 2)
        #expect(p.lines[0].glyphs[0].x == Em(2))
        #expect(p.lines.dropFirst().allSatisfy { $0.glyphs[0].x == Em(0) })
    }

    @Test("a Latin word wider than the measure is broken only as a last resort, and reported")
    func overlongWord() {
        let p = compose("网址是ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ。", 8)
        #expect(!p.lines.isEmpty)
        let all = p.lines.map { p.string(of: $0) }.joined()
        #expect(all == "网址是ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ。")
        #expect(p.lines.allSatisfy { !$0.overfull })
    }

    @Test("every character is set exactly once, in order")
    func nothingLost() {
        let text = "3月3日，工业和信息化部召开会议，动员部署系统树立和践行正确政绩观学习教育工作。连日来，部系统各部门各单位把开展学习教育作为重要政治任务。"
        for w in [6.0, 9, 13, 20] {
            let p = compose(text, w, indent: 2)
            let indices = p.lines.flatMap { $0.glyphs.map(\.index) }
            #expect(indices == Array(0..<p.text.count))
        }
    }

    @Test("an empty paragraph composes to no lines")
    func empty() {
        #expect(compose("", 10).lines.isEmpty)
    }
}
