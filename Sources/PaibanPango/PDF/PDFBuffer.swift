/// Bytes of PDF syntax being built: numbers as PDF writes them, names, and text strings.
/// Numbers are formatted by hand: a page holds tens of thousands of them, and
/// `String(format:)` would cost more than everything else in the writer.
struct PDFBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func append(_ b: UInt8) { bytes.append(b) }

    /// An integer in decimal.
    mutating func int(_ v: Int) {
        if v < 0 { bytes.append(0x2D) }
        var m = v.magnitude
        let start = bytes.count
        repeat { bytes.append(UInt8(0x30 + m % 10)); m /= 10 } while m > 0
        bytes[start...].reverse()
    }

    /// A real to 1/1000 (a thousandth of a point is far below any device's resolution), with
    /// no trailing zeros.
    mutating func number(_ v: Double) {
        let scaled = (v * 1000).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { bytes.append(0x30); return }
        var m = Int(scaled)
        if m < 0 { bytes.append(0x2D); m = -m }
        int(m / 1000)
        var frac = m % 1000
        guard frac != 0 else { return }
        bytes.append(0x2E)
        var div = 100
        while frac != 0 {
            bytes.append(UInt8(0x30 + frac / div))
            frac %= div
            div /= 10
        }
    }

    /// Numbers separated by spaces, then a space.
    mutating func numbers(_ vs: Double...) {
        for v in vs { number(v); bytes.append(0x20) }
    }

    /// Four hex digits (a 2-byte character code).
    mutating func hex16(_ v: UInt16) {
        bytes.append(hexDigit(UInt8(v >> 12)))
        bytes.append(hexDigit(UInt8((v >> 8) & 0xF)))
        bytes.append(hexDigit(UInt8((v >> 4) & 0xF)))
        bytes.append(hexDigit(UInt8(v & 0xF)))
    }

    /// A text string (outline titles, labels, metadata): UTF-16BE with a byte-order mark, in hex.
    mutating func textString(_ s: String) {
        bytes.append(0x3C)
        append("FEFF")
        for u in s.utf16 { hex16(u) }
        bytes.append(0x3E)
    }

    /// An ASCII string (destination names) as a literal, escaped.
    mutating func literal(_ s: String) {
        bytes.append(0x28)
        for b in s.utf8 {
            if b == 0x28 || b == 0x29 || b == 0x5C { bytes.append(0x5C) }
            bytes.append(b)
        }
        bytes.append(0x29)
    }
}

@inline(__always) func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x41 + v - 10 }

/// A PDF date (D:YYYYMMDDHHmmSS+08'00') from the display list's ISO 8601 date.
func pdfDate(iso8601 s: String) -> String? {
    let c = Array(s.utf8)
    guard c.count >= 19 else { return nil }
    func digits(_ r: Range<Int>) -> String? {
        let part = c[r]
        guard part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(decoding: part, as: UTF8.self)
    }
    guard let y = digits(0..<4), let mo = digits(5..<7), let d = digits(8..<10), let h = digits(11..<13),
          let mi = digits(14..<16), let se = digits(17..<19) else { return nil }
    var zone = ""
    if c.count >= 25, c[19] == 0x2B || c[19] == 0x2D, let zh = digits(20..<22), let zm = digits(23..<25) {
        zone = String(UnicodeScalar(c[19])) + zh + "'" + zm + "'"
    } else if c.count > 19, c[19] == 0x5A {
        zone = "Z"
    }
    return "D:" + y + mo + d + h + mi + se + zone
}
