/// Where a display line (headline, kicker, deck, subhead, byline, jump head, masthead line) may
/// break, and at what cost. Body text may break between any two Han characters; a headline may
/// not: 以实干实绩谱写新型工 / 业化 splits a word, and an editor reads a head by its words. The
/// boundaries come from a real segmenter; the composer's line-edge rules (避头尾) still hold; the
/// rules below are the house's, on top of both.

/// Which breaking a display text gets.
public enum DisplayBreaking: Sendable, Equatable {
    /// Heads and other display lines: between words, after punctuation or a space preferred.
    case head
    /// Bylines (本报记者　张心怡　通讯员　李四): only between their parts, at a space or after 、，.
    case byline
}

/// The costs of breaking a display line, in the units of the balance term (one unit is the
/// cost of one line being one em off the lines' mean width, see `DisplayLineCost`).
enum DisplayBreakCost {
    /// After punctuation or at a space: the phrase ends there, which is where editors break
    /// two-clause heads (稳中求进　以进促稳).
    static let afterPunctuation = 0.0
    /// After 的 了 着 过 们: the phrase they close ends there (把对市民的 / 承诺落到实处).
    static let afterParticle = 0.5
    /// Between two words of two or more characters each: a clean break.
    static let betweenWords = 1.0
    /// Next to a one-character word. ICU's dictionary leaves a character alone where it knows
    /// no word (习|近平, a name), and one-character verbs and prepositions bind to what follows:
    /// measured on the display-break corpus, 9 in 10 of the unacceptable word boundaries have a
    /// single character on one side. Dear enough that two lines 3 em apart in width are preferred.
    static let besideSingleCharacter = 5.0
    /// At the space between two Western words (SEMICON China): a name reads better whole.
    static let betweenWesternWords = 12.0
    /// Before 地 or 得: as particles they never start a line, but both are also nouns and
    /// verbs' complements (地铁, 获得) where the segmenter cannot tell, so they are only dear.
    static let beforeWeakParticle = 40.0
    /// A break inside a word, a name, a number with its unit, or a Western word: a last resort
    /// when nothing else fits, and reported (the make-up then tries a smaller size or width).
    static let insideWord = 1000.0
}

/// Particles that never start a line (they close the phrase before them).
private let closingParticles: Set<Unicode.Scalar> = ["的", "了", "着", "过", "们"]
private let weakParticles: Set<Unicode.Scalar> = ["地", "得"]
/// Chinese numerals, which bind to each other and to 第 before them (第十四届).
private let chineseNumerals: Set<Unicode.Scalar> = ["〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
                                                   "十", "百", "千", "万", "亿", "两"]
/// Units and measure words that stay with the number before them (5号线, 186.4亿元, 3月18日).
private let numeralUnits: Set<Unicode.Scalar> = Set("年月日时分秒钟号线层楼届期次倍个件台辆家项条名位人吨米克元角岁天周亿万千百十余多度里亩座款只枚颗套部场所批轮代纳寸斤股例场轮季".unicodeScalars)

/// The cost of a break before each scalar of `text` (index 0 and forbidden places: `.infinity`).
func displayBreakCosts(_ text: [Unicode.Scalar], words: [Int], breaking: DisplayBreaking,
                       profile: CompositionProfile) -> [Double] {
    let n = text.count
    var costs = [Double](repeating: .infinity, count: n)
    guard n > 1 else { return costs }
    let classes = classify(text)
    let opportunities = breakOpportunities(text, classes: classes, profile: profile)
    let boundary = Set(words)
    // The word each boundary closes and opens, to know their lengths.
    var starts = [0] + words.filter { $0 > 0 && $0 < n }
    starts.append(n)
    var wordOf = [Int](repeating: 0, count: n)
    for w in 0..<(starts.count - 1) { for i in starts[w]..<starts[w + 1] { wordOf[i] = w } }
    func isSingleHanWord(_ w: Int) -> Bool {
        w >= 0 && w < starts.count - 1 && starts[w + 1] - starts[w] == 1 && isHanCharacter(text[starts[w]])
    }
    for i in 1..<n {
        switch opportunities[i] {
        case .forbidden: continue
        case .emergency: costs[i] = DisplayBreakCost.insideWord; continue
        case .allowed: break
        }
        if breaking == .byline {
            let part = classes[i - 1] == .space || classes[i - 1] == .pause
            costs[i] = part ? DisplayBreakCost.afterPunctuation : DisplayBreakCost.insideWord
            continue
        }
        costs[i] = headBreakCost(i, text, classes, boundary: boundary.contains(i),
                                 singleBefore: isSingleHanWord(wordOf[i - 1]), singleAfter: isSingleHanWord(wordOf[i]))
    }
    return costs
}

private func headBreakCost(_ i: Int, _ text: [Unicode.Scalar], _ classes: [GlyphClass], boundary: Bool,
                           singleBefore: Bool, singleAfter: Bool) -> Double {
    let a = text[i - 1], b = text[i]
    if classes[i - 1] == .space {
        // The space between two Western words (SEMICON China) is no clause boundary.
        let western = i >= 2 && classes[i - 2] == .word && classes[i] == .word
        return western ? DisplayBreakCost.betweenWesternWords : DisplayBreakCost.afterPunctuation
    }
    switch classes[i - 1] {
    case .pause, .stop, .closing: return DisplayBreakCost.afterPunctuation
    default: break
    }
    if closingParticles.contains(b) { return DisplayBreakCost.insideWord }
    // A name with · (奥尔加·托卡尔丘克) is one word.
    if classes[i - 1] == .middle || classes[i] == .middle { return DisplayBreakCost.insideWord }
    if insideNumber(i, text) { return DisplayBreakCost.insideWord }
    if !boundary { return DisplayBreakCost.insideWord }
    if closingParticles.contains(a) { return DisplayBreakCost.afterParticle }
    // Two one-character words side by side are, more often than not, one word the dictionary
    // does not know (a name, a new term: 营|收, 芯|片): kept together.
    if singleBefore && singleAfter { return DisplayBreakCost.insideWord }
    if weakParticles.contains(b) { return DisplayBreakCost.beforeWeakParticle }
    if singleBefore || singleAfter { return DisplayBreakCost.besideSingleCharacter }
    return DisplayBreakCost.betweenWords
}

/// Whether the boundary before `i` falls inside a number with its units: 5号线, 186.4亿元,
/// 3月18日, 第十四届 (the composer keeps digits together; these are the units after them).
private func insideNumber(_ i: Int, _ text: [Unicode.Scalar]) -> Bool {
    let a = text[i - 1], b = text[i]
    let bJoins = isDigitLike(b) || numeralUnits.contains(b) || chineseNumerals.contains(b)
    guard bJoins else { return false }
    if a == "第" && chineseNumerals.contains(b) { return true }
    if chineseNumerals.contains(a) && (chineseNumerals.contains(b) || numeralUnits.contains(b)) {
        // 十四|五 or 十四|届, but not a word that merely ends in 一 (统一|大): only numerals
        // after 第 or another numeral count.
        let before = i >= 2 ? text[i - 2] : " "
        return before == "第" || chineseNumerals.contains(before) || isDigitLike(before)
    }
    // Walk back over units to the number they count.
    var k = i - 1
    while k >= 0, numeralUnits.contains(text[k]) { k -= 1 }
    guard k >= 0 else { return false }
    let s = text[k]
    return isDigitLike(s) || s == "%" || s == "." || (k < i - 1 && chineseNumerals.contains(s))
}
