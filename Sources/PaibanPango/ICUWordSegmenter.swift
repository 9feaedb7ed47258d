import CICUWordBreak
import PaibanCore

/// Word boundaries from ICU's dictionary-based word break (the zh locale's CJ dictionary),
/// for where display lines may break. ICU rather than a segmenter of our own or a port of
/// jieba: it is a system library Debian keeps current (as Pango and HarfBuzz are), it needs no
/// dictionary file of ours, and its dictionary is maintained with Unicode's data. Where it
/// knows no word (names, new terms) it leaves single characters, which the display rules keep
/// together (`DisplayBreakCost`).
///
/// An ICU break iterator is not thread-safe: like a `PangoTypesetter`, one segmenter belongs
/// to one thread. Results are kept per text: a headline is segmented once however many widths
/// and sizes the make-up tries.
public final class ICUWordSegmenter: WordSegmenting {
    private let breaker: OpaquePointer?
    private var cache: [[Unicode.Scalar]: [Int]] = [:]

    public init() {
        breaker = paiban_word_breaker_open("zh")
    }

    deinit {
        paiban_word_breaker_close(breaker)
    }

    /// Whether ICU could be opened (without it every Han character is a word of its own).
    public var isAvailable: Bool { breaker != nil }

    public func wordBoundaries(_ text: [Unicode.Scalar]) -> [Int] {
        if let known = cache[text] { return known }
        let result = segment(text) ?? CharacterSegmenter().wordBoundaries(text)
        cache[text] = result
        return result
    }

    private func segment(_ text: [Unicode.Scalar]) -> [Int]? {
        guard let breaker, text.count > 1 else { return nil }
        // ICU counts UTF-16 units; map them back to scalar offsets.
        var utf16: [UInt16] = []
        var scalarAt: [Int: Int] = [:]
        for (k, s) in text.enumerated() {
            scalarAt[utf16.count] = k
            utf16.append(contentsOf: String(s).utf16)
        }
        var offsets = [Int32](repeating: 0, count: utf16.count)
        let n = utf16.withUnsafeBufferPointer { buffer in
            offsets.withUnsafeMutableBufferPointer { out in
                paiban_word_boundaries(breaker, buffer.baseAddress, Int32(buffer.count), out.baseAddress, Int32(out.count))
            }
        }
        guard n >= 0 else { return nil }
        return offsets.prefix(Int(n)).compactMap { scalarAt[Int($0)] }.filter { $0 > 0 }
    }
}
