import Foundation
import PaibanCore

/// A case of the display-break corpus (Tests/Corpus/display-breaks.tsv): a display line with
/// every break an editor accepts marked by hand, written independently of the engine and
/// conservatively (an unmarked place may still be a word boundary).
public struct DisplayBreakCase: Sendable, CustomStringConvertible {
    public var kind: String
    public var text: [Unicode.Scalar]
    /// Scalar offsets where a break is acceptable.
    public var acceptable: Set<Int>
    public var description: String { "\(kind): \(String(String.UnicodeScalarView(text)))" }

    public static func parse(_ contents: String) -> [DisplayBreakCase] {
        contents.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 2 else { return nil }
            var text: [Unicode.Scalar] = []
            var marks = Set<Int>()
            for s in f[1].unicodeScalars {
                if s == "|" { marks.insert(text.count) } else { text.append(s) }
            }
            return DisplayBreakCase(kind: f[0], text: text, acceptable: marks)
        }
    }

    public static func loadCorpus(file: String = #filePath) -> [DisplayBreakCase] {
        parse((try? String(contentsOfFile: repositoryRoot(file: file) + "/Tests/Corpus/display-breaks.tsv", encoding: .utf8)) ?? "")
    }

    /// How the engine breaks this kind of line.
    public var breaking: DisplayBreaking { kind == "byline" ? .byline : .head }

    /// The breaks of a set display text (offsets where its lines after the first start).
    public static func breaks(_ set: DisplayText) -> [Int] { set.lines.dropFirst().map(\.start) }

    /// Places the corpus's own rules forbid a break, whatever the width: inside a number with
    /// what it counts (12|英寸, 3|比0), inside or at the edge of a Latin word glued to its
    /// neighbour, beside ·, inside a short quotation or book title, before 的了着过们 or a closing
    /// mark or 点号, after an opening mark.
    public var ruleForbidden: Set<Int> {
        var out = Set<Int>()
        let n = text.count
        func western(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }
        let closers = Set("，。、：；？！”’）》」』】".unicodeScalars)
        let openers = Set("“‘（《「『【".unicodeScalars)
        let particles = Set("的了着过们".unicodeScalars)
        var quoteDepth = 0
        for i in 1..<max(1, n) {
            let a = text[i - 1], b = text[i]
            if openers.contains(a) { quoteDepth += 1 }
            if closers.contains(a), quoteDepth > 0 { quoteDepth -= 1 }
            if acceptable.contains(i) { continue }
            if western(a) && (western(b) || isHanCharacter(b)) { out.insert(i) }
            if isHanCharacter(a), western(b), i >= 2, western(text[i - 2]) { out.insert(i) } // 3比|0
            if a == "·" || b == "·" { out.insert(i) }
            if quoteDepth > 0 { out.insert(i) }
            if particles.contains(b) || closers.contains(b) || openers.contains(a) { out.insert(i) }
        }
        return out
    }

    /// The text with the engine's breaks shown as ` / `, for messages.
    public func shown(_ set: DisplayText) -> String {
        set.lines.map { String(String.UnicodeScalarView($0.runs.flatMap(\.text))) }.joined(separator: " / ")
    }
}

/// The house word list (Dictionaries/zh-words.tsv) for tests.
public let testWordList: WordList? = WordList.load(path: repositoryRoot() + "/Dictionaries/zh-words.tsv")
