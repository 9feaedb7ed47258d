/// Line splitting and trimming for the loaders (the one way they trim), on Unicode scalars.
///
/// Foundation's `components(separatedBy:)`, `replacingOccurrences` and
/// `trimmingCharacters(in: .whitespaces)` go through NSString on Linux. With these instead
/// (and the front matter's keys compared as text), reading the 110 stories of the 11-page
/// bench edition went from 134 to about 51 ms of CPU (perf). They do the same on the scalars.

/// The scalars `CharacterSet.whitespaces` holds (Unicode's space separators, the tab and
/// U+200B ZERO WIDTH SPACE), so trimming reads as before.
@inline(__always)
func isHorizontalSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs at either end (`trimmingCharacters(in: .whitespaces)`).
    var trimmedSpaces: String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isHorizontalSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isHorizontalSpace($0) })!
        return String(Substring(scalars[first...last]))
    }

    /// Whether any of `bytes` (ASCII) occurs in the text.
    func containsAnyASCII(_ bytes: StaticString) -> Bool {
        let set = UnsafeBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount)
        return utf8.contains { set.contains($0) }
    }
}

/// The lines of `text`, split at LF; a CR before the LF is dropped (`\r\n` line ends), a lone
/// CR kept. The same as replacing "\r\n" by "\n" and splitting at "\n".
func splitLines(_ text: String) -> [String] {
    text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
        var l = line[...]
        if l.last == UInt8(ascii: "\r") { l = l.dropLast() }
        return String(Substring(l))
    }
}
