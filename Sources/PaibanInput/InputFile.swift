#if canImport(Glibc)
import Glibc
#endif
import PaibanCore

/// Reading an input file of an issue (its manifest, a story, a layout): only a regular file is
/// opened (a named pipe would block the render for ever, a folder cannot be read), its bytes
/// must be UTF-8 (the first bad line is named), and control characters are removed with a
/// warning naming their line: a NUL aborts Pango, a bell or an escape prints as nothing.
enum InputFile {
    /// A story or manifest larger than this is not copy (the longest sample story is 12 kB).
    static let maximumBytes = 32 << 20

    /// Why `path` cannot be read as an input file, or nil when it is a regular file.
    static func problem(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == ENOENT ? "not found" : String(cString: strerror(errno)) }
        return kindProblem(st.st_mode)
    }

    /// The text of the file at `path`, and warnings for the control characters taken out of it.
    static func readText(_ path: String, what: String) throws -> (text: String, warnings: [Diagnostic]) {
        let bytes = try readBytes(path, what: what, limit: maximumBytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: path, line: firstInvalidLine(bytes), "\(what) is not UTF-8 text (save it as UTF-8)")
        }
        let (clean, warnings) = removingControlCharacters(text, file: path)
        return (clean, warnings)
    }

    /// The bytes of a regular file, opened without blocking (a FIFO answers at once, and is refused).
    static func readBytes(_ path: String, what: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputError(file: path, "cannot read \(what): " + (errno == ENOENT ? "not found" : String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw InputError(file: path, "cannot read \(what): \(String(cString: strerror(errno)))") }
        if let kind = kindProblem(st.st_mode) { throw InputError(file: path, "cannot read \(what): \(kind)") }
        let size = Int(st.st_size)
        guard size <= limit else { throw InputError(file: path, "\(what) is \(size >> 20) MB: more than \(limit >> 20) MB is not an input of an issue") }
        var bytes = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, size - got) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            got += n
        }
        return Array(bytes[0..<got])
    }

    private static func kindProblem(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "it is a folder, not a file"
        case S_IFIFO: "it is a named pipe, not a file"
        case S_IFSOCK: "it is a socket, not a file"
        case S_IFCHR, S_IFBLK: "it is a device, not a file"
        default: "it is not a regular file"
        }
    }

    /// The 1-based line holding the first byte that is not UTF-8.
    static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1, start = 0
        for (k, b) in bytes.enumerated() where b == 0x0A {
            if String(validating: bytes[start..<k], as: UTF8.self) == nil { return line }
            line += 1
            start = k + 1
        }
        return line
    }
}

/// A character of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms). The composer sets lines in logical order, left to right; Pango could
/// shape such a run, but its words would come out reversed within our lines, so it is refused.
func isRightToLeft(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
    default: false
    }
}

/// `text` without its control characters (and without a leading byte-order mark, which is
/// not a character of the copy) and without right-to-left script: a warning for each line with
/// control characters, an error for each with right-to-left text (copy is lost there).
public func removingControlCharacters(_ text: String, file: String) -> (String, [Diagnostic]) {
    var scalars = Substring(text).unicodeScalars
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    guard scalars.contains(where: { isControlCharacter($0) || isRightToLeft($0) }) else { return (String(scalars), []) }
    var out = String.UnicodeScalarView()
    var warnings: [Diagnostic] = []
    var line = 1
    var controls: [Unicode.Scalar] = []
    var rightToLeft = 0
    func flush() {
        if !controls.isEmpty { warnings.append(Diagnostic(.warning, file: file, line: line, controlMessage(controls))) }
        if rightToLeft > 0 {
            warnings.append(Diagnostic(.error, file: file, line: line,
                                       "right-to-left text (Arabic, Hebrew …) cannot be set by Paiban: its \(rightToLeft) characters on this line are left out"))
        }
        controls = []
        rightToLeft = 0
    }
    for s in scalars {
        if isControlCharacter(s) { controls.append(s); continue }
        if isRightToLeft(s) { rightToLeft += 1; continue }
        out.append(s)
        if s == "\n" { flush(); line += 1 }
    }
    flush()
    return (String(out), warnings)
}

/// "control characters U+0000, U+0007 removed (3 in all)".
func controlMessage(_ found: [Unicode.Scalar]) -> String {
    var seen: [UInt32] = []
    for s in found where !seen.contains(s.value) { seen.append(s.value) }
    let names = seen.prefix(6).map { "U+" + hex4($0) }.joined(separator: ", ")
    let what = found.count == 1 ? "a control character \(names) removed" : "control characters \(names) removed (\(found.count) in all)"
    return what + ": it has no printed form"
}

/// A code point as four (or more) upper-case hex digits.
func hex4(_ v: UInt32) -> String {
    let hex = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
