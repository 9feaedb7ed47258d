import Testing
import PaibanCore
import PaibanTestSupport

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

/// ASCII `, ; :` between Latin text or numbers and Chinese, in a Chinese sentence.
@Suite struct NormalizerLatinContextTests {
    @Test("a mark after a Latin word or number and before Chinese is full width: App,支持 → App，支持",
          arguments: [
              ("App,支持多语言", "App，支持多语言"),
              ("AI,大模型成为焦点", "AI，大模型成为焦点"),
              ("iPhone 16,售价5999元", "iPhone 16，售价5999元"),
              ("2025年营收41.3%,同比增长", "2025年营收41.3%，同比增长"),
              ("展会名称为SEMICON China, 上海站", "展会名称为SEMICON China，上海站"),
              ("参展商包括Intel;英特尔", "参展商包括Intel；英特尔"),
              ("关键词AI:人工智能", "关键词AI：人工智能"),
              ("发布了GPT-5 ,引发关注", "发布了GPT-5，引发关注"),
          ])
    func latinBeforeChinese(input: String, expected: String) {
        #expect(normalizeParagraph(input).text == expected)
    }

    @Test("the separators of a list of Latin words or numbers standing in Chinese text are full width",
          arguments: [
              ("营收增长41.3%,AI芯片占比过半", "营收增长41.3%，AI芯片占比过半"),
              ("营收增长41.3%, AI芯片占比过半", "营收增长41.3%，AI芯片占比过半"),
              ("重点发展AI,5G,IoT等领域", "重点发展AI，5G，IoT等领域"),
              ("包括A, B和C三类", "包括A，B和C三类"),
              ("增长5%,1,234元", "增长5%，1,234元"),
              ("支持Node.js,C++和Go", "支持Node.js，C++和Go"),
              ("AI,5G和IoT成为热点", "AI，5G和IoT成为热点"),
              ("展商有Apple, Google和微软", "展商有Apple，Google和微软"),
              ("两款芯片（H100,H200）", "两款芯片（H100，H200）"),
              ("采用5nm;3nm工艺", "采用5nm；3nm工艺"),
          ])
    func chineseLatinList(input: String, expected: String) {
        #expect(normalizeParagraph(input).text == expected)
    }

    @Test("numbers, Western phrases, quoted English and names keep their ASCII marks inside Chinese text",
          arguments: [
              "共1,234元",
              "上午10:30开会",
              "增长3.5个百分点",
              "比分定格在3:2",
              "在SEMICON China, Shanghai举行",
              "他用英文写道“Hello, world”。",
              "亚马逊AWS re:Invent大会",
              "雅虎Yahoo!公司",
              "标语是“Think different, think big”。",
              "访问https://example.com:8080/a,b获取",
              "The sample edition: 中国电子报's special issue",
              "Apple, Google和微软",
          ])
    func westernKept(input: String) {
        let r = normalizeParagraph(input)
        #expect(r.text == input)
        #expect(r.changes.isEmpty, "\(r.changes)")
    }

    @Test("an English parenthesis in Chinese text: the brackets become full width, the phrase inside keeps its commas")
    func englishParenthesis() {
        #expect(normalizeParagraph("其英文全称(A, B and C)由此而来").text == "其英文全称（A, B and C）由此而来")
        #expect(normalizeParagraph("营收(含税)").text == "营收（含税）")
        #expect(normalizeParagraph("国际半导体产业协会(Semiconductor Equipment and Materials International, SEMI)").text
            == "国际半导体产业协会（Semiconductor Equipment and Materials International, SEMI）")
    }

    @Test("text without Han keeps its ASCII marks, even beside full-width ones")
    func noHanNoChange() {
        for s in ["Hello, world (test): ok; fine!", "SEMICON China, Shanghai", "“OK”,Go", "A, B and C"] {
            #expect(normalizeParagraph(s).text == s)
        }
    }
}

/// What the normaliser promises about its output and its report.
@Suite struct NormalizerPropertyTests {
    static let corpus = CorpusCase.loadReferenceCorpus().map(\.text)
    static let sampleCopy = loadRawSampleParagraphs()
    static let cases = [
        "年鉴,还有更多(OSAT):好!对吗?是;否", "年鉴  ,还有", "  在这里   让我们 ", "abc,(好", "(,好",
        "App,支持", "41.3%, AI芯片", "重点发展AI,5G,IoT等领域", "两款芯片(H100,H200)", "其英文全称(A, B and C)由此而来",
        "扫码关注 微信号:cena1984", "本报记者 张心怡", "他说 :“好 。”", "甲 \u{00A0} 乙", "x ,y ,z 和",
    ]

    @Test("normalising normalised text changes nothing: the corpus, the sample copy and every case here")
    func idempotent() {
        #expect(Self.corpus.count > 30 && Self.sampleCopy.count > 20)
        for text in Self.corpus + Self.sampleCopy + Self.cases {
            let once = normalizeParagraph(text)
            let twice = normalizeParagraph(once.text)
            #expect(twice.text == once.text, "“\(text)”")
            #expect(twice.changes.isEmpty, "“\(text)”: \(twice.changes)")
        }
    }

    @Test("a mark made full width makes its neighbour's context Chinese in the same call: abc,(好 → abc，（好")
    func neighboursSettleInOneCall() {
        #expect(normalizeParagraph("abc,(好").text == "abc，（好")
        #expect(normalizeParagraph("(,好").text == "（，好")
    }

    @Test("every change names the offset of the character it changed in the text as given, and the changes rebuild the result")
    func offsetsPointAtTheInput() {
        for text in Self.sampleCopy + Self.cases {
            let src = Array(text.unicodeScalars)
            let r = normalizeParagraph(text)
            var rebuilt = src.map { String($0) }
            for c in r.changes {
                #expect(c.offset >= 0 && c.offset < src.count && String(src[c.offset]) == c.original, "“\(text)”: \(c)")
                if c.offset < src.count { rebuilt[c.offset] = c.replacement }
            }
            #expect(rebuilt.joined() == r.text, "“\(text)”")
            #expect(r.changes.map(\.offset) == r.changes.map(\.offset).sorted())
        }
        // Two spaces before a mark: both are named, each at its own offset.
        #expect(normalizeParagraph("年鉴  ,还有").changes == [
            NormalizationChange(offset: 2, original: " ", replacement: ""),
            NormalizationChange(offset: 3, original: " ", replacement: ""),
            NormalizationChange(offset: 4, original: ",", replacement: "，"),
        ])
    }
}
