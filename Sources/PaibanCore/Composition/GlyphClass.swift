/// How a character behaves in Chinese composition: which box it occupies, where its blank half
/// sits (GB positions, clreq §3.1.2), and which line-edge rules apply to it. The sets follow
/// clreq §3.1.4 and GB/T 15834-2011 §5.1 for the mainland (GB) style.
public enum GlyphClass: UInt8, Sendable {
    /// Ideographs, kana, full-width letters and other 1-em boxes that break freely (UAX #14 ID).
    case han
    /// Opening quotes, brackets and book-title marks: ink in the right half, blank left half.
    case opening
    /// Closing quotes, brackets and book-title marks: ink in the left half, blank right half.
    case closing
    /// ，、；： (点号 within a sentence): ink lower left, blank right half.
    case pause
    /// 。？！ (sentence-final 点号): ink lower left, blank right half.
    case stop
    /// Interpunct ·: a fixed ½-em box, glyph centred, never at line start (GB/T 15834 §5.1.7).
    case middle
    /// U+2014 em dash: a pair is the 2-em 破折号; a single one is a connector (一字线).
    case dash
    /// U+2026 ellipsis: a pair is the 2-em 省略号, never split, never at line start.
    case ellipsis
    /// ～ – and other connector marks: never at line start (GB/T 15834 §5.1.6).
    case connector
    /// / and ／: never at line start, and at GB level never at line end (§5.1.9).
    case solidus
    /// Latin letters, digits and the ASCII marks inside words and numbers: a Western word.
    case word
    /// Currency and sign prefixes (￥ $ …) that stay with the following number.
    case prefix
    /// Percent, per mille, degree and other postfixes that stay with the preceding number.
    case postfix
    /// A breakable word space (U+0020 and other spaces collapsed to it).
    case space
    /// Combining marks and variation selectors: part of the previous character.
    case mark

    /// Full-width punctuation with an adjustable blank half (标点挤压 applies).
    var hasBlank: Bool {
        switch self { case .opening, .closing, .pause, .stop: true; default: false }
    }
    /// Punctuation that must not begin a line at any level (行首禁则).
    var neverStartsLine: Bool {
        switch self {
        case .closing, .pause, .stop, .middle, .connector, .solidus, .postfix, .ellipsis, .mark, .space: true
        default: false
        }
    }
    /// Marks that may hang past the measure in the hanging profile (clreq: only 、，。).
    var isPunctuation: Bool {
        switch self {
        case .opening, .closing, .pause, .stop, .middle, .dash, .ellipsis, .connector, .solidus: true
        default: false
        }
    }
}

/// Classifies one scalar without context. Context (dash pairs, digits around `.` and `,`) is
/// applied by `classify(_:)`.
public func glyphClass(of s: Unicode.Scalar) -> GlyphClass {
    let v = s.value
    switch v {
    // The ideographic space (after 本报讯, between Chinese words) is a space too: a break may
    // follow it and it vanishes at a line's edge, but it keeps its full em (see ParagraphMetrics).
    case 0x20, 0x09, 0xA0, 0x2002...0x200A, 0x3000: return .space
    case 0x201C, 0x2018, 0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3010, 0x3016, 0x3018, 0x301A,
         0x300A, 0x3008, 0x300C, 0x300E, 0xFF5F, 0x301D:
        return .opening
    case 0x201D, 0x2019, 0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3011, 0x3017, 0x3019, 0x301B,
         0x300B, 0x3009, 0x300D, 0x300F, 0xFF60, 0x301E, 0x301F:
        return .closing
    case 0xFF0C, 0x3001, 0xFF1B, 0xFF1A: return .pause
    case 0x3002, 0xFF0E, 0xFF1F, 0xFF01, 0x203C, 0x2047, 0x2048, 0x2049: return .stop
    case 0x00B7, 0x30FB, 0x2027, 0xFF65: return .middle
    case 0x2014, 0x2E3A, 0x2015: return .dash
    case 0x2026, 0x22EF, 0x2025: return .ellipsis
    case 0xFF5E, 0x007E, 0x2013, 0x301C, 0x2012: return .connector
    case 0x002F, 0xFF0F: return .solidus
    case 0xFFE5, 0x00A5, 0x0024, 0xFF04, 0x00A3, 0x20AC, 0xFF0B, 0x00B1, 0x2212, 0x0023, 0xFFE1:
        return .prefix
    case 0x0025, 0xFF05, 0x2030, 0x2031, 0x2103, 0x2109, 0x00B0, 0x2032, 0x2033: return .postfix
    case 0x0300...0x036F, 0xFE00...0xFE0F, 0x20D0...0x20FF, 0xE0100...0xE01EF, 0x200D: return .mark
    case 0x21...0x7E, 0xC0...0x24F, 0x370...0x3FF, 0x400...0x4FF, 0x2010, 0x2011:
        return .word // letters, digits and ASCII marks that have not become full width
    default:
        return .han
    }
}

/// True for the scalars that count as Han characters for the 孤字 rule and for Han–Latin spacing.
@inline(__always)
public func isHanCharacter(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
        || (0x20000...0x3FFFF).contains(v) || v == 0x3007
}

/// Classifies a paragraph, resolving what depends on neighbours: a prefix or postfix only
/// binds to a number, and an ASCII `.`/`,` between digits belongs to the number.
public func classify(_ text: [Unicode.Scalar]) -> [GlyphClass] {
    var classes = text.map(glyphClass(of:))
    for i in classes.indices where classes[i] == .prefix || classes[i] == .postfix {
        // A sign that touches no number behaves like the letters around it.
        let prevIsNumber = i > 0 && isDigitLike(text[i - 1])
        let nextIsNumber = i + 1 < text.count && isDigitLike(text[i + 1])
        if classes[i] == .prefix && !nextIsNumber { classes[i] = text[i].value < 0x80 ? .word : .han }
        if classes[i] == .postfix && !prevIsNumber {
            classes[i] = (text[i].value == 0x2103 || text[i].value == 0xFF05) ? .postfix : .word
        }
    }
    return classes
}

@inline(__always)
func isDigitLike(_ s: Unicode.Scalar) -> Bool {
    (0x30...0x39).contains(s.value) || (0xFF10...0xFF19).contains(s.value)
}

@inline(__always)
func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0xC0...0x24F).contains(v)
}
