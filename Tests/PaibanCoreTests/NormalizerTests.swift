import Testing
import PaibanCore

/// Input normalisation of copy that arrives with ASCII punctuation.
@Suite struct NormalizerTests {
    @Test("ASCII , : ; ( ) ! ? in Chinese context become full width, and each change is listed")
    func chineseContext() {
        let r = normalizeParagraph("年鉴,还有更多(OSAT):好!对吗?是;否")
        #expect(r.text == "年鉴，还有更多（OSAT）：好！对吗？是；否")
        #expect(r.changes.count == 7)
        #expect(r.changes.first == NormalizationChange(offset: 2, original: ",", replacement: "，"))
    }

    @Test("numbers, times and Western text keep their ASCII punctuation")
    func westernContext() {
        #expect(normalizeParagraph("共1,234元").text == "共1,234元")
        #expect(normalizeParagraph("上午10:30开会").text == "上午10:30开会")
        #expect(normalizeParagraph("He said: no, thanks (really)!").text == "He said: no, thanks (really)!")
        #expect(normalizeParagraph("http://example.com").changes.isEmpty)
    }

    @Test("a space left beside full-width punctuation is removed and reported")
    func spacesBesidePunctuation() {
        let r = normalizeParagraph("年鉴, 还有")
        #expect(r.text == "年鉴，还有")
        #expect(r.changes.contains(NormalizationChange(offset: 3, original: " ", replacement: "")))
    }

    @Test("runs of spaces collapse; paragraph edges are trimmed; a space between Han is full width")
    func spaceRuns() {
        #expect(normalizeParagraph("  在这里   让我们 ").text == "在这里\u{3000}让我们")
        #expect(normalizeParagraph("扫码关注 微信号").text == "扫码关注\u{3000}微信号")
        #expect(normalizeParagraph("SEMICON China 2026").text == "SEMICON China 2026")
        #expect(normalizeParagraph("在 SEMICON 展").text == "在 SEMICON 展")
    }

    @Test("a parenthesis pair is converted together")
    func parenthesesPair() {
        #expect(normalizeParagraph("委外封装厂(OSAT)、代工厂").text == "委外封装厂（OSAT）、代工厂")
        #expect(normalizeParagraph("(详见3-8版)").text == "（详见3-8版）")
    }
}
