/// The seam between display-line breaking and a real Chinese word segmenter
/// (`DictionarySegmenter` on the house word list). Chinese is written without spaces, so where a headline may break
/// is a question of words, and words need a dictionary: the core stays free of one.
public protocol WordSegmenting {
    /// The word boundaries of `text`: ascending scalar offsets `0 < i < text.count` where a word
    /// (or a run of punctuation or space) ends and the next begins.
    func wordBoundaries(_ text: [Unicode.Scalar]) -> [Int]
    /// Boundaries between the parts of long words (香港|特别行政区|政府 in 香港特别行政区政府):
    /// where a head may break when the whole word does not fit. Default: none.
    func subwordBoundaries(_ text: [Unicode.Scalar]) -> [Int]
}

extension WordSegmenting {
    public func subwordBoundaries(_ text: [Unicode.Scalar]) -> [Int] { [] }
}

/// A segmenter without a dictionary: every Han character is a word of its own, a Latin word or
/// number is one word, each mark and space is one. It is the safe fallback where no real
/// segmenter is given: display breaking then keeps runs of single characters together (see
/// `DisplayBreakRules`), so it rarely breaks at all inside Chinese text.
public struct CharacterSegmenter: WordSegmenting, Sendable {
    public init() {}
    public func wordBoundaries(_ text: [Unicode.Scalar]) -> [Int] {
        guard text.count > 1 else { return [] }
        var out: [Int] = []
        for i in 1..<text.count {
            let a = text[i - 1], b = text[i]
            if isWesternWordScalar(a) && isWesternWordScalar(b) { continue }
            out.append(i)
        }
        return out
    }
}

/// Letters and digits of a Western word or number, with the marks inside numbers (3.5, 1,234).
func isWesternWordScalar(_ s: Unicode.Scalar) -> Bool {
    isLatinLetter(s) || isDigitLike(s) || s == "." || s == "-" || s == "'"
}
