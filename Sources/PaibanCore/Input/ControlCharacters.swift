/// Characters with no printed form that copy may carry in (pasted from a web page, a PDF or
/// a terminal): the loaders remove them with a warning at their line, the normaliser logs their
/// removal from a field.

/// A control character in copy: C0 (but tab, line feed and carriage return), DEL, C1, the line
/// and paragraph separators (Pango breaks a line at them, the composer does not know of it) and
/// the noncharacters U+FFFE/U+FFFF. A byte-order mark is one only inside the text.
public func isControlCharacter(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A, 0x0D: false
    // The bidirectional controls (LRM, RLM, embeddings, overrides, isolates) reorder what
    // follows them in Pango, behind the composer's back.
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}

