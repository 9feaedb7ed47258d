/// Input normalisation: copy often arrives with ASCII punctuation where the printed page has
/// full-width marks (text extracted from PDFs, typed on Western keyboards). In text with Han in
/// it, `, : ; ( )` beside Chinese (or separating a Latin list inside Chinese: 41.3%,AI芯片) and
/// `! ?` after Chinese become ，：；（）！？, never inside numbers (1,234, 10:30) or Western
/// phrases (Hello, world); stray spaces around full-width punctuation and runs of spaces are
/// removed; a space between two Han becomes a full-width space. Every change is returned so the
/// preflight report can list it.

/// One change made by the normaliser, at a position in the original text.
public struct NormalizationChange: Sendable, Equatable, CustomStringConvertible {
    /// Offset in Unicode scalars into the text as it was given.
    public var offset: Int
    public var original: String
    public var replacement: String
    public init(offset: Int, original: String, replacement: String) {
        self.offset = offset
        self.original = original
        self.replacement = replacement
    }
    public var description: String {
        let to = replacement.isEmpty ? "(removed)" : "“\(replacement)”"
        return "@\(offset): “\(original)” → \(to)"
    }
}

public struct NormalizedText: Sendable, Equatable {
    public var text: String
    public var changes: [NormalizationChange]
    public init(text: String, changes: [NormalizationChange]) {
        self.text = text
        self.changes = changes
    }
}

/// Normalises one paragraph (or one field: a title, a caption, a byline) of copy.
///
/// The rules are applied until nothing changes, so normalising normalised text changes nothing
/// (a mark made full width can make its neighbour's context Chinese: `abc,(好` becomes
/// `abc，（好`). Every change is reported at its offset in the text as given.
public func normalizeParagraph(_ input: String) -> NormalizedText {
    let src = Array(input.unicodeScalars)
    var text = src
    // origin[k]: where text[k] was in the input. A pass only replaces or removes scalars, in
    // order, so the input and the result align through it.
    var origin = Array(src.indices)
    // Control characters (a NUL, a bell, a bidirectional override) have no printed form and
    // stop Pango: they go first, each removal logged like any other change.
    if src.contains(where: isControlCharacter) {
        origin = src.indices.filter { !isControlCharacter(src[$0]) }
        text = origin.map { src[$0] }
    }
    // Every pass moves scalars one way (ASCII mark to full width, a space to one space, to an
    // ideographic space or to nothing), so this ends; the bound is only a guard.
    for _ in 0...max(src.count, 1) {
        let (next, kept) = normalizationPass(text)
        if next == text { break }
        origin = kept.map { origin[$0] }
        text = next
    }
    var changes: [NormalizationChange] = []
    var k = 0
    for (i, s) in src.enumerated() {
        if k < origin.count && origin[k] == i {
            if text[k] != s {
                changes.append(NormalizationChange(offset: i, original: String(s), replacement: String(text[k])))
            }
            k += 1
        } else {
            changes.append(NormalizationChange(offset: i, original: String(s), replacement: ""))
        }
    }
    var result = ""
    result.unicodeScalars.append(contentsOf: text)
    return NormalizedText(text: result, changes: changes)
}

/// One pass of the rules over `src`: the new text, and for each of its scalars the index in
/// `src` it came from.
private func normalizationPass(_ src: [Unicode.Scalar]) -> ([Unicode.Scalar], [Int]) {
    var out: [Unicode.Scalar] = []
    var origin: [Int] = []
    out.reserveCapacity(src.count)
    origin.reserveCapacity(src.count)
    var parenStack: [Bool] = [] // whether each open ASCII "(" was made full width
    // ASCII marks become full width only in text that has Han in it: a Western title or an
    // English sentence on its own keeps its punctuation whatever marks stand beside it.
    let chinese = src.contains(where: isHanCharacter)
    let lists = chinese ? chineseListSeparators(src) : []

    func nextNonSpace(after i: Int) -> Unicode.Scalar? {
        var j = i + 1
        while j < src.count, glyphClass(of: src[j]) == .space { j += 1 }
        return j < src.count ? src[j] : nil
    }
    func lastNonSpaceOut() -> Unicode.Scalar? {
        var j = out.count - 1
        while j >= 0, glyphClass(of: out[j]) == .space { j -= 1 }
        return j >= 0 ? out[j] : nil
    }

    var spaceRun = false // inside a run of spaces already turned into one full-width space
    for (i, s) in src.enumerated() {
        if glyphClass(of: s) != .space { spaceRun = false }
        let prev = lastNonSpaceOut()
        let next = nextNonSpace(after: i)
        let prevChinese = prev.map(isChineseContext) ?? false
        let nextChinese = next.map(isChineseContext) ?? false
        var replacement: Unicode.Scalar? = nil
        if chinese {
            switch s {
            case ",", ":", ";":
                // Beside Chinese on either side (营收,同比; App,支持; 41.3%,同比), or separating
                // the items of a Latin list inside Chinese text (41.3%,AI芯片). Never inside a
                // number: 1,234 and 10:30 stay as they are. After Latin and followed by a space
                // (Western typing), only when that Latin stands inside Chinese: “SEMICON China,
                // 上海站” after 名称为, not “The sample edition: 中国电子报's …”.
                let betweenDigits = prev.map(isDigitLike) == true && next.map(isDigitLike) == true
                let westernTyping = !prevChinese && i + 1 < src.count && glyphClass(of: src[i + 1]) == .space
                    && !latinStandsInChinese(src, before: i)
                if !betweenDigits && (prevChinese || (nextChinese && !westernTyping) || lists.contains(i)) {
                    replacement = s == "," ? "，" : s == ":" ? "：" : "；"
                }
            case "!", "?":
                // Only after Chinese: Yahoo! and C? keep theirs even before Chinese text.
                if prevChinese { replacement = s == "!" ? "！" : "？" }
            case "(":
                let convert = prevChinese || nextChinese
                parenStack.append(convert)
                if convert { replacement = "（" }
            case ")":
                let convert = parenStack.popLast() ?? (prevChinese || nextChinese)
                if convert { replacement = "）" }
            default:
                break
            }
        }
        if let r = replacement {
            // A space left between the new full-width mark and the text before it goes too.
            while let l = out.last, glyphClass(of: l) == .space {
                out.removeLast()
                origin.removeLast()
            }
            out.append(r)
            origin.append(i)
            continue
        }
        if glyphClass(of: s) == .space && s.value != 0x3000 {
            // Collapse runs of spaces; drop them at paragraph edges and next to full-width marks.
            let atStart = out.isEmpty
            let afterSpace = (out.last.map { glyphClass(of: $0) == .space } ?? false) || spaceRun
            let besideWide = (out.last.map(isWidePunctuation) ?? false) || (next.map(isWidePunctuation) ?? false)
            if atStart || afterSpace || next == nil || besideWide { continue }
            // Between two Chinese words a space is a full-width one (在这里　让我们一起): a
            // half-width space there is a narrow, uneven gap.
            if let p = out.last, isHanCharacter(p), let n = next, isHanCharacter(n) {
                out.append("\u{3000}")
                origin.append(i)
                spaceRun = true
                continue
            }
            if s != " " {
                out.append(" ")
                origin.append(i)
                continue
            }
        }
        out.append(s)
        origin.append(i)
    }
    while let l = out.last, glyphClass(of: l) == .space {
        out.removeLast()
        origin.removeLast()
    }
    return (out, origin)
}

/// The ASCII `,` and `;` that separate the items of a Latin list standing in Chinese text, with
/// Latin on both sides of the mark: 营收41.3%,AI芯片 and 包括A, B,C和D, but not Hello, world,
/// SEMICON China, Shanghai or (x,y).
///
/// A stretch of text between Chinese characters is a Chinese list when it is bounded on both
/// sides by Han, a full-width 点号 or bracket, or the edge of the text (not a quotation mark: an
/// English phrase is quoted with “ ” in Chinese copy), and every item between its separators is
/// one word or number: no space inside it, no bracket or quote, not ending with a full stop.
/// English text has phrases of several words between its commas (A, B and C) or a bracket
/// around it; a Chinese sentence that lists single words or numbers takes 、or ，.
private func chineseListSeparators(_ src: [Unicode.Scalar]) -> Set<Int> {
    var result = Set<Int>()
    func isSpace(_ s: Unicode.Scalar) -> Bool { glyphClass(of: s) == .space }
    /// The text's edge bounds a list typed the Chinese way (AI,5G和IoT), not one typed with
    /// spaces after its commas (Apple, Google …, which may as well be English).
    func isBound(_ k: Int, edge: Bool) -> Bool {
        guard k >= 0 && k < src.count else { return edge }
        return isChineseBound(src[k])
    }
    var a = 0
    while a < src.count {
        guard !isChineseContext(src[a]) else { a += 1; continue }
        var b = a
        while b < src.count, !isChineseContext(src[b]) { b += 1 }
        defer { a = b }
        // src[a..<b] holds no Chinese. Its separators: `,` `;` with Latin on both sides, not in a number.
        func neighbour(_ k: Int, _ step: Int) -> Unicode.Scalar? {
            var j = k + step
            while j >= a && j < b, isSpace(src[j]) { j += step }
            return j >= a && j < b ? src[j] : nil
        }
        var separators: [Int] = []
        for k in a..<b where src[k] == "," || src[k] == ";" {
            guard let l = neighbour(k, -1), let r = neighbour(k, 1) else { continue }
            if isDigitLike(l) && isDigitLike(r) { continue }
            if isListItemEnd(l) && isListItemStart(r) { separators.append(k) }
        }
        guard !separators.isEmpty else { continue }
        let spaced = separators.contains { $0 + 1 < src.count && isSpace(src[$0 + 1]) }
        guard isBound(a - 1, edge: !spaced), isBound(b, edge: !spaced) else { continue }
        // The items between the separators (and the stretch's ends), spaces at their edges trimmed.
        let bounds = [a - 1] + separators + [b]
        var isList = true
        for (lo, hi) in zip(bounds, bounds.dropFirst()) {
            var item = Array(src[(lo + 1)..<hi])
            while let f = item.first, isSpace(f) { item.removeFirst() }
            while let l = item.last, isSpace(l) { item.removeLast() }
            if item.isEmpty || item.last == "." || !item.allSatisfy(isListItemCharacter) {
                isList = false
                break
            }
        }
        if isList { result.formUnion(separators) }
    }
    return result
}

/// What Latin text standing inside Chinese is bounded by: Han, a full-width 点号 or a bracket,
/// not a quotation mark (English quoted in Chinese copy is English).
private func isChineseBound(_ s: Unicode.Scalar) -> Bool {
    if isHanCharacter(s) { return true }
    switch glyphClass(of: s) {
    case .pause, .stop: return true
    case .opening, .closing: return !isQuotationMark(s)
    default: return false
    }
}

/// Whether the Latin text before `i` (back to the nearest Chinese) has Chinese before it.
private func latinStandsInChinese(_ src: [Unicode.Scalar], before i: Int) -> Bool {
    var j = i - 1
    while j >= 0, !isChineseContext(src[j]) { j -= 1 }
    return j >= 0 && isChineseBound(src[j])
}

/// A Latin list item (a word, an abbreviation, a number with its unit or sign) ends and starts
/// with these.
private func isListItemEnd(_ s: Unicode.Scalar) -> Bool {
    isLatinLetter(s) || isDigitLike(s) || glyphClass(of: s) == .postfix
}
private func isListItemStart(_ s: Unicode.Scalar) -> Bool {
    isLatinLetter(s) || isDigitLike(s) || glyphClass(of: s) == .prefix
}
/// What a one-word item of a Latin list may hold: letters, digits, signs and units, and the
/// marks inside words and numbers (Node.js, 3.5, C++, R&D, AT&T, 5G-A, 1,234).
private func isListItemCharacter(_ s: Unicode.Scalar) -> Bool {
    if isLatinLetter(s) || isDigitLike(s) { return true }
    switch glyphClass(of: s) {
    case .prefix, .postfix: return true
    default: return ".-+_&'#/@,".unicodeScalars.contains(s)
    }
}

private func isQuotationMark(_ s: Unicode.Scalar) -> Bool {
    "“”‘’「」『』".unicodeScalars.contains(s)
}

/// Han characters and full-width punctuation make the context Chinese.
private func isChineseContext(_ s: Unicode.Scalar) -> Bool {
    if isHanCharacter(s) { return true }
    return isWidePunctuation(s)
}

private func isWidePunctuation(_ s: Unicode.Scalar) -> Bool {
    switch glyphClass(of: s) {
    case .opening, .closing, .pause, .stop: return true
    case .dash, .ellipsis: return true
    default: return false
    }
}

/// In headlines, subheads and bylines a space between two Chinese words is a full-width space
/// (本报记者　张心怡): an ASCII space there would be a narrow, uneven gap.
public func ideographicSpacesBetweenHan(_ text: String) -> String {
    let s = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    for (i, c) in s.enumerated() {
        if c == " ", i > 0, i + 1 < s.count, isChineseContext(s[i - 1]), isChineseContext(s[i + 1]) {
            out.append("\u{3000}")
        } else {
            out.append(c)
        }
    }
    return String(out)
}
