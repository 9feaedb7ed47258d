import Testing
@testable import PaibanCore

/// The rule tables: which boundaries allow a break, at each kinsoku level.
@Suite struct BreakRuleTests {
    /// The boundaries of `text` where a break is allowed, as "前|后" marks.
    func marked(_ text: String, _ profile: CompositionProfile = CompositionProfile()) -> String {
        let s = Array(text.unicodeScalars)
        let ops = breakOpportunities(s, classes: classify(s), profile: profile)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0, case .allowed = ops[i] { out += "|" }
            out.unicodeScalars.append(c)
        }
        return out
    }

    @Test("no break before 点号, closing marks, interpuncts, connectors or postfixes (行首禁则)")
    func lineStartProhibitions() {
        #expect(marked("甲，乙。丙、丁；戊：己？庚！") == "甲，|乙。|丙、|丁；|戊：|己？|庚！")
        #expect(marked("甲”乙）丙》丁") == "甲”|乙）|丙》|丁")
        #expect(marked("甲·乙～丙") == "甲·|乙～|丙")
        #expect(marked("75%的") == "75%|的")
    }

    @Test("no break after opening marks or a currency prefix (行尾禁则)")
    func lineEndProhibitions() {
        #expect(marked("甲“乙（丙《丁") == "甲|“乙|（丙|《丁")
        #expect(marked("为￥100元") == "为|￥100|元")
    }

    @Test("curly quotes are tailored to opening and closing, not UAX #14's ambiguous QU")
    func quotesTailored() {
        #expect(marked("说：“好。”甲") == "说：|“好。”|甲")
    }

    @Test("—— and …… are never split; …… never starts a line; —— may at GB level but not strict")
    func dashesAndEllipses() {
        #expect(marked("甲——乙") == "甲|——|乙")
        var strict = CompositionProfile()
        strict.kinsoku = .strict
        #expect(marked("甲——乙", strict) == "甲——|乙")
        #expect(marked("甲……乙") == "甲……|乙")
        #expect(marked("北京—上海") == "北|京—|上|海")
    }

    @Test("solidus neither starts nor, at GB level, ends a line; basic lets it end one")
    func solidus() {
        #expect(marked("晓/处") == "晓/处")
        var basic = CompositionProfile()
        basic.kinsoku = .basic
        #expect(marked("晓/处", basic) == "晓/|处")
    }

    @Test("Latin words and numbers stay whole; spaces break")
    func westernUnits() {
        #expect(marked("在SEMICON China 2026展") == "在|SEMICON |China |2026|展")
        #expect(marked("1,234.5万") == "1,234.5|万")
    }

    @Test("numeral|unit is allowed but penalised (house preference, not a rule)")
    func numeralUnitPenalty() {
        let s = Array("16亿".unicodeScalars)
        let ops = breakOpportunities(s, classes: classify(s), profile: CompositionProfile())
        #expect(ops[2] == .allowed(penalty: CompositionProfile().numeralUnitPenalty))
    }

    @Test("classes: GB positions of punctuation")
    func classes() {
        #expect(glyphClass(of: "“") == .opening)
        #expect(glyphClass(of: "”") == .closing)
        #expect(glyphClass(of: "，") == .pause)
        #expect(glyphClass(of: "？") == .stop)
        #expect(glyphClass(of: "·") == .middle)
        #expect(glyphClass(of: "中") == .han)
        #expect(glyphClass(of: "A") == .word)
        // A prefix or postfix binds only to a number.
        #expect(classify(Array("$14".unicodeScalars)).first == .prefix)
        #expect(classify(Array("$a".unicodeScalars)).first == .word)
    }
}
