/// Where a display line (headline, kicker, deck, subhead, byline, jump head, masthead line) may
/// break, and at what cost. Body text may break between any two Han characters; a headline may
/// not: 以实干实绩谱写新型工 / 业化 splits a word, and an editor reads a head by its words. The
/// boundaries come from a real segmenter; the composer's line-edge rules (避头尾) still hold; the
/// rules below are the house's, on top of both.

/// Which breaking a display text gets.
public enum DisplayBreaking: Sendable, Hashable {
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
    /// Before a one-character word: the dictionary leaves a character alone where it knows no
    /// word (a name, a new term), so the boundary is doubtful. Dear enough that two lines about
    /// 4 em apart in width are preferred to it (see `DisplayLineCost.balancePerEmSquared`).
    static let besideSingleCharacter = 5.0
    /// After a one-character word: adverbs, prepositions and conjunctions (再, 在, 及, 与) and
    /// the first character of a word the dictionary does not know lead into the next word.
    static let afterSingleCharacter = 12.0
    /// At the edge of a run of one-character words: the run is likely a word the dictionary
    /// does not know (今|起, 再|添), so its edges are doubtful; dearer than beside one single
    /// character, cheaper than a line more (so 外滩观光隧道 / 今起暂停运营 stays two lines).
    static let besideUnknownRun = 8.0
    /// Before 化 性 率, which mostly end a word (国产化率, 可靠性) even where the dictionary
    /// starts one with them (国产|化率).
    static let beforeBoundSuffix = 10.0
    /// Between the parts of a long word (香港|特别行政区|政府): the whole reads better on one
    /// line, but a one-column head may split it there.
    static let insideLongWord = 6.0
    /// At the space between two Western words (SEMICON China): a name reads better whole.
    static let betweenWesternWords = 12.0
    /// At the space between a Western name and its number (China 2026, Windows 11): dearer
    /// than inside the name, so SEMICON China 2026展会规模再创新高 breaks after 2026, not
    /// before it (headcheck, with jieba, read China / 2026 as a break inside a unit).
    static let betweenNameAndNumber = 30.0
    /// Before 地 or 得: as particles they never start a line, but both are also nouns and
    /// verbs' complements (地铁, 获得) where the segmenter cannot tell, so they are only dear.
    static let beforeWeakParticle = 40.0
    /// In a byline, between two people of one role (本报记者　李婧　|陈思远): dear enough that
    /// a byline breaks before its next role even when that leaves lines 5 em apart.
    static let betweenPeople = 8.0
    /// In a byline, between a role and the name it introduces: only when the byline is wider
    /// than its column.
    static let betweenRoleAndName = 12.0
    /// A break inside a word, a name, a number with its unit, or a Western word: a last resort
    /// when nothing else fits, and reported (the make-up then tries a smaller size or width).
    static let insideWord = 1000.0
}

/// Whether the digits ending before `i` are a year (1900–2199) after a Western name and a
/// space (SEMICON China 2026展会): an event's edition. A model number binds to what follows
/// (iPhone 16系列, Mate 70系列: the series is part of the product's name).
private func numberEndsWesternName(_ i: Int, _ text: [Unicode.Scalar], _ classes: [GlyphClass]) -> Bool {
    var k = i - 1
    while k > 0, isDigitLike(text[k]) { k -= 1 }
    guard i - 1 - k == 4, k >= 1, classes[k] == .space, isLatinLetter(text[k - 1]) else { return false }
    // ASCII and full-width digits both carry their value in the low four bits.
    let year = text[(k + 1)..<i].reduce(0) { $0 * 10 + Int($1.value & 0xF) }
    return (1900...2199).contains(year)
}

/// Particles that never start a line (they close the phrase before them).
private let closingParticles: Set<Unicode.Scalar> = ["的", "了", "着", "过", "们"]
private let weakParticles: Set<Unicode.Scalar> = ["地", "得"]
private let boundSuffixes: Set<Unicode.Scalar> = ["化", "性", "率"]
/// Words between two numbers that make one expression of them (3比0, 5至8).
private let scoreWords: Set<Unicode.Scalar> = ["比", "至", "到", "－", "-", "：", ":"]
/// Function words that may follow a number without being its unit (2024|在沪开幕).
private let afterNumberWords: Set<Unicode.Scalar> = Set("在于和与及并将已起由从为是同".unicodeScalars)
/// A quotation up to this many characters (“胜负手”, “一键到家”) is a term and stays on one line.
private let shortQuotation = 10
/// Chinese numerals, which bind to each other and to 第 before them (第十四届).
private let chineseNumerals: Set<Unicode.Scalar> = ["〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
                                                   "十", "百", "千", "万", "亿", "两"]
/// Units and measure words that stay with the number before them (5号线, 186.4亿元, 3月18日).
private let numeralUnits: Set<Unicode.Scalar> = Set("年月日时分秒钟号线层楼届期次倍个件台辆家项条名位人吨米克元角岁天周亿万千百十余多度里亩座款只枚颗套部场所批轮代纳寸斤股例场轮季".unicodeScalars)

/// The cost of a break before each scalar of `text` (index 0 and forbidden places: `.infinity`).
func displayBreakCosts(_ text: [Unicode.Scalar], words: [Int], subwords: [Int] = [], breaking: DisplayBreaking,
                       profile: CompositionProfile) -> [Double] {
    let n = text.count
    var costs = [Double](repeating: .infinity, count: n)
    guard n > 1 else { return costs }
    let classes = classify(text)
    let opportunities = breakOpportunities(text, classes: classes, profile: profile)
    let boundary = Set(words)
    let subword = Set(subwords)
    // The word each boundary closes and opens, to know their lengths.
    var starts = [0] + words.filter { $0 > 0 && $0 < n }
    starts.append(n)
    var wordOf = [Int](repeating: 0, count: n)
    for w in 0..<(starts.count - 1) { for i in starts[w]..<starts[w + 1] { wordOf[i] = w } }
    func isSingleHanWord(_ w: Int) -> Bool {
        w >= 0 && w < starts.count - 1 && starts[w + 1] - starts[w] == 1 && isHanCharacter(text[starts[w]])
            && !closingParticles.contains(text[starts[w]])
    }
    func inUnknownRun(_ w: Int) -> Bool {
        isSingleHanWord(w) && (isSingleHanWord(w - 1) || isSingleHanWord(w + 1))
    }
    let quoted = shortQuotations(text, classes)
    let named = nameZones(text, classes, starts: starts, wordOf: wordOf)
    for i in 1..<n {
        switch opportunities[i] {
        case .forbidden: continue
        case .emergency: costs[i] = DisplayBreakCost.insideWord; continue
        case .allowed: break
        }
        if breaking == .byline {
            costs[i] = bylineBreakCost(i, text, classes)
            continue
        }
        if quoted[i] || named[i] { costs[i] = DisplayBreakCost.insideWord; continue }
        var c = headBreakCost(i, text, classes, boundary: boundary.contains(i) || subword.contains(i),
                              singleBefore: isSingleHanWord(wordOf[i - 1]), singleAfter: isSingleHanWord(wordOf[i]))
        if c < DisplayBreakCost.insideWord && (inUnknownRun(wordOf[i - 1]) || inUnknownRun(wordOf[i])) {
            c = max(c, DisplayBreakCost.besideUnknownRun)
        }
        if subword.contains(i) && !boundary.contains(i) && c < DisplayBreakCost.insideWord {
            c += DisplayBreakCost.insideLongWord
        }
        costs[i] = c
    }
    return costs
}

/// A byline breaks between its parts: before a role (本报记者　张心怡　|通讯员　李四) freely,
/// between two people of one role dearer, between a role and its name only when it must.
private func bylineBreakCost(_ i: Int, _ text: [Unicode.Scalar], _ classes: [GlyphClass]) -> Double {
    guard classes[i - 1] == .space || classes[i - 1] == .pause else { return DisplayBreakCost.insideWord }
    var k = i - 1
    while k > 0, classes[k] == .space { k -= 1 }
    if roleEndings.contains(text[k]) { return DisplayBreakCost.betweenRoleAndName }
    var e = i
    while e < text.count, classes[e] != .space, classes[e] != .pause { e += 1 }
    let nextIsRole = e > i && roleEndings.contains(text[e - 1])
    return nextIsRole ? DisplayBreakCost.afterPunctuation : DisplayBreakCost.betweenPeople
}

/// The last characters of a byline's roles: 记者, 通讯员, 评论员, 新华社, 特约撰稿人.
private let roleEndings: Set<Unicode.Scalar> = ["者", "员", "社", "人", "报"]

private func headBreakCost(_ i: Int, _ text: [Unicode.Scalar], _ classes: [GlyphClass], boundary: Bool,
                           singleBefore: Bool, singleAfter: Bool) -> Double {
    let a = text[i - 1], b = text[i]
    // 的 了 着 过 们 close the phrase before them, even after a closing quote (又“活”了).
    if closingParticles.contains(b) { return DisplayBreakCost.insideWord }
    if classes[i - 1] == .space {
        // The space between two Western words (SEMICON China) is no clause boundary; between
        // a name and its number (China 2026, Windows 11) it is dearer still.
        let western = i >= 2 && classes[i - 2] == .word && classes[i] == .word
        if western && isLatinLetter(text[i - 2]) && isDigitLike(b) { return DisplayBreakCost.betweenNameAndNumber }
        return western ? DisplayBreakCost.betweenWesternWords : DisplayBreakCost.afterPunctuation
    }
    switch classes[i - 1] {
    case .pause, .stop, .closing: return DisplayBreakCost.afterPunctuation
    default: break
    }
    // A name with · (奥尔加·托卡尔丘克) is one word.
    if classes[i - 1] == .middle || classes[i] == .middle { return DisplayBreakCost.insideWord }
    if insideNumber(i, text) { return DisplayBreakCost.insideWord }
    // A year that ends a Western name (SEMICON China 2026展会) is the name's edition, not a
    // count of what follows: the name ends there, as at a space.
    if isDigitLike(a) && isHanCharacter(b) && numberEndsWesternName(i, text, classes) { return DisplayBreakCost.betweenWords }
    // Whatever Han follows a number counts it (12英寸, 337.7万个, 16系列), unless a function
    // word starts the next phrase.
    if isDigitLike(a) && isHanCharacter(b) && !afterNumberWords.contains(b) { return DisplayBreakCost.insideWord }
    // A Western word written onto the Han after it is the first half of a compound (AI芯片,
    // EDA工具, Chiplet技术), as a number is of its unit.
    if classes[i - 1] == .word && isHanCharacter(b) { return DisplayBreakCost.insideWord }
    if !boundary { return DisplayBreakCost.insideWord }
    if closingParticles.contains(a) { return DisplayBreakCost.afterParticle }
    // Two one-character words side by side are, more often than not, one word the dictionary
    // does not know (a name, a new term: 营|收, 芯|片): kept together.
    if singleBefore && singleAfter { return DisplayBreakCost.insideWord }
    if weakParticles.contains(b) { return DisplayBreakCost.beforeWeakParticle }
    if boundSuffixes.contains(b) { return DisplayBreakCost.beforeBoundSuffix }
    // A one-character word ending a line (再, 南, 及) binds to what follows it more often than
    // one starting a line binds to what precedes it: 芯片产业再 / 提速 reads wrong.
    if singleBefore { return DisplayBreakCost.afterSingleCharacter }
    if singleAfter { return DisplayBreakCost.besideSingleCharacter }
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
    // A score or range between two numbers (3比0, 5至8) is one expression.
    if k == i - 1, scoreWords.contains(a), isDigitLike(b), k > 0, isDigitLike(text[k - 1]) { return true }
    return isDigitLike(s) || s == "%" || s == "." || (k < i - 1 && chineseNumerals.contains(s))
}

/// For each boundary, whether it falls inside a short quotation (“胜负手”) or book title (《…》).
private func shortQuotations(_ text: [Unicode.Scalar], _ classes: [GlyphClass]) -> [Bool] {
    var inside = [Bool](repeating: false, count: text.count)
    let pairs: [Unicode.Scalar: Unicode.Scalar] = ["“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", "〈": "〉"]
    var i = 0
    while i < text.count {
        if let close = pairs[text[i]], let j = text[(i + 1)...].firstIndex(of: close), j - i - 1 <= shortQuotation {
            for k in (i + 1)...j { inside[k] = true }
            i = j + 1
        } else {
            i += 1
        }
    }
    return inside
}

/// For each boundary, whether it falls inside a transliterated name written with ·
/// (安东尼奥·古特雷斯): the words either side of the dot, and one more where the dictionary left
/// a single character at the dot (古|特雷斯), are one name.
private func nameZones(_ text: [Unicode.Scalar], _ classes: [GlyphClass], starts: [Int], wordOf: [Int]) -> [Bool] {
    var inside = [Bool](repeating: false, count: text.count)
    for p in text.indices where classes[p] == .middle {
        var lo = p, hi = p + 1
        if p > 0 {
            var w = wordOf[p - 1]
            lo = starts[w]
            if starts[w + 1] - starts[w] == 1, w > 0, isHanCharacter(text[starts[w - 1]]) { w -= 1; lo = starts[w] }
        }
        if p + 1 < text.count {
            var w = wordOf[p + 1]
            hi = starts[w + 1]
            if starts[w + 1] - starts[w] == 1, w + 2 < starts.count, isHanCharacter(text[starts[w + 1]]) { w += 1; hi = starts[w + 1] }
        }
        for k in (lo + 1)..<max(lo + 1, hi) where k < text.count { inside[k] = true }
    }
    return inside
}
