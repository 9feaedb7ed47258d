/// Input normalisation: copy often arrives with ASCII punctuation where the printed page has
/// full-width marks (text extracted from PDFs, typed on Western keyboards). In Chinese context
/// `, : ; ( ) ! ?` become ，：；（）！？; stray spaces around full-width punctuation and runs of
/// spaces are removed; a space between two Han becomes a full-width space. Every change is
/// returned so the preflight report can list it.

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

/// Normalises one paragraph of copy.
public func normalizeParagraph(_ input: String) -> NormalizedText {
    let src = Array(input.unicodeScalars)
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(src.count)
    var changes: [NormalizationChange] = []
    var parenStack: [Bool] = [] // whether each open ASCII "(" was made full width

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
    func record(_ i: Int, _ from: String, _ to: String) {
        changes.append(NormalizationChange(offset: i, original: from, replacement: to))
    }

    var spaceRun = false // inside a run of spaces already turned into one full-width space
    for (i, s) in src.enumerated() {
        if glyphClass(of: s) != .space { spaceRun = false }
        let prev = lastNonSpaceOut()
        let next = nextNonSpace(after: i)
        let prevChinese = prev.map(isChineseContext) ?? false
        let nextChinese = next.map(isChineseContext) ?? false
        var replacement: Unicode.Scalar? = nil
        switch s {
        case ",", ":":
            // 1,234 and 10:30 stay as they are.
            let betweenDigits = prev.map(isDigitLike) == true && next.map(isDigitLike) == true
            if !betweenDigits && (prevChinese || (nextChinese && prev.map(isLatinLetter) != true)) {
                replacement = s == "," ? "，" : "："
            }
        case ";":
            if prevChinese || nextChinese { replacement = "；" }
        case "!", "?":
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
        if let r = replacement {
            // A space left between the new full-width mark and the text before it goes too.
            dropTrailingSpace(&out, changes: &changes, at: i)
            out.append(r)
            record(i, String(s), String(r))
            continue
        }
        if glyphClass(of: s) == .space && s.value != 0x3000 {
            // Collapse runs of spaces; drop them at paragraph edges and next to full-width marks.
            let atStart = out.isEmpty
            let afterSpace = (out.last.map { glyphClass(of: $0) == .space } ?? false) || spaceRun
            let besideWide = (out.last.map(isWidePunctuation) ?? false) || (next.map(isWidePunctuation) ?? false)
            if atStart || afterSpace || next == nil || besideWide {
                record(i, String(s), "")
                continue
            }
            // Between two Chinese words a space is a full-width one (在这里　让我们一起): a
            // half-width space there is a narrow, uneven gap.
            if let p = out.last, isHanCharacter(p), let n = next, isHanCharacter(n) {
                out.append("\u{3000}")
                record(i, String(s), "\u{3000}")
                spaceRun = true
                continue
            }
            if s != " " {
                out.append(" ")
                record(i, String(s), " ")
                continue
            }
        }
        out.append(s)
    }
    while let l = out.last, glyphClass(of: l) == .space { out.removeLast() }
    var text = ""
    text.unicodeScalars.append(contentsOf: out)
    return NormalizedText(text: text, changes: changes)
}

private func dropTrailingSpace(_ out: inout [Unicode.Scalar], changes: inout [NormalizationChange], at i: Int) {
    while let l = out.last, glyphClass(of: l) == .space {
        out.removeLast()
        changes.append(NormalizationChange(offset: i - 1, original: String(l), replacement: ""))
    }
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
