import PropertyBased

/// Hostile YAML values, in the classes issue 11 names, and the quoting that carries any text
/// through YAML unchanged (so a property knows what a field should hold).
enum HostileYAML {
    /// Numbers no template or manifest means: infinities, NaN, overflow, signs, other digits.
    static let absurdNumbers = ["inf", ".inf", "-.inf", "nan", ".nan", "1e300", "1e-300", "-1", "0", "-0",
                                "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                                "99999999999999999999", "0x7fffffffffffffff", "1_000", "+5", "١٢", "１２", "3.7", "1e308"]
    /// Lengths with units around the same numbers.
    static let absurdLengths = ["1e300mm", "1e-300pt", "infmm", "-.infpt", "nanpt", "-5mm", "0mm", "0pt",
                                "9223372036854775807pt", "1e308字", "1e-300mm", "4294967295mm", "mm", "pt", "12 pt", "12PT"]
    /// Values of the wrong type for a section or a field.
    static let wrongTypes = ["eight", "[1, 2]", "{a: 1}", "[]", "{}", "\"\"", "true", "'[..]'", "[[[]]]", "{x: {y: {z: 1}}}"]
    /// Those that are wrong for a key holding text, a mapping or a list (an empty mapping or
    /// list is a right one for the last two: all defaults, no entries).
    static let notText = ["[1, 2]", "{a: 1}", "[]", "{}", "[[[]]]", "{x: {y: {z: 1}}}"]
    static let notMapping = wrongTypes.filter { $0 != "{}" }
    static let notList = wrongTypes.filter { $0 != "[]" }
    /// Dates the manifest must refuse (each is refused by YYYY-MM-DD).
    static let badDates = ["-2026-03-20", "2026--03--20", "9223372036854775807-03-20", "2026-02-29", "2026-13-01",
                           "2026-00-10", "2026-04-31", "20260320", "2026/03/20", "2026-3-20-1", "２０２６-０３-２０",
                           "2026-03-20T10:00", "+2026-03-20", "2026-03--20", "-1--1--1", "2026-03-20-"]

    /// `s` as a YAML double-quoted scalar: every character libyaml will not take as printable
    /// (C0/C1 controls, NEL, LS, PS, BOM, U+FFFE/FFFF), and `"` and `\`, escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
                out.unicodeScalars.append(u)
            default:
                out += "\\u" + String(repeating: "0", count: max(0, 4 - String(u.value, radix: 16).count))
                    + String(u.value, radix: 16, uppercase: true)
            }
        }
        return out + "\""
    }

    /// One of `values`, picked by `rng`.
    static func pick(_ values: [String], _ rng: inout any SeededRandomNumberGenerator) -> String {
        values.randomElement(using: &rng)!
    }
}
