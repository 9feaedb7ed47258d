import Foundation

/// Chinese word segmentation by jieba's method on jieba's dictionary (Dictionaries/zh-words.tsv,
/// made by tools/make-word-list.py): every dictionary word found at each position forms a
/// DAG, and the route through it with the highest product of word probabilities is the
/// segmentation (jieba's `cut` without its HMM for unknown words; a word the dictionary does
/// not know comes out as single characters, which `DisplayBreakRules` keeps together).
///
/// Why this and not ICU's dictionary break: on the hand-marked display-break corpus ICU split
/// 常委|会, 马拉|松, 人工|智能, 芯|片 and 世界|杯, its CJ dictionary being thin on mainland
/// news vocabulary; jieba's 349,046 words are. The list is searched in place (sorted by UTF-8
/// bytes), so loading it is reading 4 MB, with no table to build at start-up.

/// A sorted `word<TAB>frequency` list, searched in place. Immutable, so one is shared by every
/// thread of a process.
public struct WordList: Sendable {
    let bytes: [UInt8]
    /// Where the first word's line starts (after the `#total` header).
    let first: Int
    /// The sum of all frequencies.
    let logTotal: Double

    /// A list in the file's format; nil when the header is missing.
    public init?(bytes: [UInt8]) {
        let header = Array("#total\t".utf8)
        guard bytes.count > header.count, Array(bytes[0..<header.count]) == header,
              let nl = bytes.firstIndex(of: 10) else { return nil }
        var total = 0.0
        for b in bytes[header.count..<nl] where b >= 48 && b <= 57 { total = total * 10 + Double(b - 48) }
        guard total > 0 else { return nil }
        self.bytes = bytes
        first = nl + 1
        logTotal = log(total)
    }

    /// The frequency of `key` (0: not a word) and whether some word starts with it.
    func lookup(_ key: [UInt8]) -> (frequency: Double, isPrefix: Bool) {
        let at = lowerBound(key)
        guard at < bytes.count else { return (0, false) }
        var k = 0
        var i = at
        while k < key.count, i < bytes.count, bytes[i] == key[k] { k += 1; i += 1 }
        guard k == key.count else { return (0, false) }
        guard i < bytes.count, bytes[i] == 9 else { return (0, true) }
        var f = 0.0
        i += 1
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { f = f * 10 + Double(bytes[i] - 48); i += 1 }
        return (f, true)
    }

    /// The start of the first line whose word is not less than `key`.
    private func lowerBound(_ key: [UInt8]) -> Int {
        var lo = first, hi = bytes.count
        while lo < hi {
            var s = (lo + hi) / 2
            while s > lo, bytes[s - 1] != 10 { s -= 1 }
            if wordLess(at: s, than: key) {
                var e = s
                while e < bytes.count, bytes[e] != 10 { e += 1 }
                lo = e + 1
            } else {
                hi = s
            }
        }
        return lo
    }

    private func wordLess(at s: Int, than key: [UInt8]) -> Bool {
        var i = s, k = 0
        while i < bytes.count, bytes[i] != 9, bytes[i] != 10 {
            if k == key.count { return false }
            if bytes[i] != key[k] { return bytes[i] < key[k] }
            i += 1; k += 1
        }
        return k < key.count
    }
}

public struct DictionarySegmenter: WordSegmenting, Sendable {
    public let words: WordList
    /// The word list's longest words are 16 characters (56 of them exceed 12); the prefix test
    /// stops a lookup long before that in most places.
    static let longestWord = 16

    public init(words: WordList) { self.words = words }

    /// Inside each word of four or more Han, the edges of its tiling by the longest dictionary
    /// words of two or more characters it holds (as jieba's search mode finds them), when they
    /// tile it whole.
    public func subwordBoundaries(_ text: [Unicode.Scalar]) -> [Int] {
        let bounds = [0] + wordBoundaries(text) + [text.count]
        var out: [Int] = []
        for (a, b) in zip(bounds, bounds.dropFirst()) where b - a >= 4 && text[a..<b].allSatisfy(isHanCharacter) {
            let word = Array(text[a..<b])
            let utf8 = word.map { Array(String($0).utf8) }
            var cuts: [Int] = []
            var i = 0
            while i < word.count {
                var longest = 0
                var key: [UInt8] = []
                for j in (i + 1)...min(word.count, i + Self.longestWord) {
                    key += utf8[j - 1]
                    let found = words.lookup(key)
                    if found.frequency > 0 && j - i >= 2 && j - i < word.count { longest = j - i }
                    if !found.isPrefix { break }
                }
                guard longest > 0 else { cuts = []; break }
                i += longest
                if i < word.count { cuts.append(a + i) }
            }
            out += cuts
        }
        return out
    }

    public func wordBoundaries(_ text: [Unicode.Scalar]) -> [Int] {
        var out: [Int] = []
        var i = 0
        while i < text.count {
            var j = i + 1
            if inBlock(text[i]) {
                while j < text.count, inBlock(text[j]) { j += 1 }
                for b in segmentBlock(Array(text[i..<j])) { out.append(i + b) }
            } else {
                while j < text.count, isWesternWordScalar(text[i]) && isWesternWordScalar(text[j]) { j += 1 }
            }
            if j < text.count { out.append(j) }
            i = j
        }
        return out
    }

    /// What jieba segments as one block: Han, with the Latin letters and digits that dictionary
    /// words may hold (4S店, 5号线).
    private func inBlock(_ s: Unicode.Scalar) -> Bool {
        isHanCharacter(s) || (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)))
    }

    /// Boundaries strictly inside one block, by jieba's most probable route.
    private func segmentBlock(_ block: [Unicode.Scalar]) -> [Int] {
        route(block, wordGraph(block))
    }

    /// dag[i]: the ends j of dictionary words block[i..<j], with their log probabilities (a
    /// single character is always there).
    private func wordGraph(_ block: [Unicode.Scalar]) -> [[(end: Int, logP: Double)]] {
        let n = block.count
        let utf8 = block.map { Array(String($0).utf8) }
        var dag = [[(end: Int, logP: Double)]](repeating: [], count: n)
        for i in 0..<n {
            var key: [UInt8] = []
            for j in (i + 1)...min(n, i + Self.longestWord) {
                key += utf8[j - 1]
                let found = words.lookup(key)
                if found.frequency > 0 { dag[i].append((j, log(found.frequency) - words.logTotal)) }
                if !found.isPrefix { break }
            }
            if !dag[i].contains(where: { $0.end == i + 1 }) {
                dag[i].append((i + 1, -words.logTotal)) // an unknown character counts once
            }
        }
        return dag
    }

    /// Most probable route through the word graph, as boundaries.
    private func route(_ block: [Unicode.Scalar], _ dag: [[(end: Int, logP: Double)]]) -> [Int] {
        let n = block.count
        var route = [Double](repeating: 0, count: n + 1)
        var next = [Int](repeating: n, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var best = -Double.infinity
            for (j, p) in dag[i] where p + route[j] > best {
                best = p + route[j]
                next[i] = j
            }
            route[i] = best
        }
        var out: [Int] = []
        var i = 0
        while i < n {
            var j = next[i]
            // Consecutive Latin letters and digits the dictionary does not know are one word.
            if j == i + 1, block[i].isASCII {
                while j < n, next[j] == j + 1, block[j].isASCII { j += 1 }
            }
            if j < n { out.append(j) }
            i = j
        }
        return out
    }
}

extension WordList {
    /// Reads a word list file; nil when it cannot be read or is not one.
    public static func load(path: String) -> WordList? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return WordList(bytes: [UInt8](data))
    }
}
