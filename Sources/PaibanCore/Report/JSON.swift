/// A small JSON value with deterministic output (keys in the order given, numbers rounded to
/// micro-units), for machine-readable output that diffs cleanly between runs.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    public func serialized(pretty: Bool = false) -> String {
        String(decoding: serializedBytes(pretty: pretty), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, for writing to a file. Written into bytes, not a String:
    /// appending to a String checks and grows it piece by piece, and the 450 kB report of the
    /// 11-page bench edition took 10 ms to serialise that way, at the very end of a render.
    public func serializedBytes(pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, pretty: pretty, depth: 0)
        return out
    }

    private func write(into out: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .number(let d): out += JSON.format(d).utf8
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (k, v) in items.enumerated() {
                if k > 0 { out += (pretty ? ", " : ",").utf8 }
                v.write(into: &out, pretty: pretty, depth: depth + 1)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (k, (key, v)) in fields.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { JSON.newline(depth + 1, into: &out) }
                JSON.escape(key, into: &out)
                out += (pretty ? ": " : ":").utf8
                v.write(into: &out, pretty: pretty, depth: depth + 1)
            }
            if pretty && !fields.isEmpty { JSON.newline(depth, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ depth: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { out += [UInt8(ascii: " "), UInt8(ascii: " ")] }
    }

    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let r = (d * 1e6).rounded() / 1e6
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) + ".0" }
        return String(r)
    }

    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: appended whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s.utf8
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += "\\\"".utf8
            case UInt8(ascii: "\\"): out += "\\\\".utf8
            case UInt8(ascii: "\n"): out += "\\n".utf8
            case UInt8(ascii: "\r"): out += "\\r".utf8
            case UInt8(ascii: "\t"): out += "\\t".utf8
            case 0..<0x20:
                // Other control characters as \u00XX (UTF-8 bytes below 0x20 are always ASCII).
                let hex = Array("0123456789abcdef".utf8)
                out += "\\u00".utf8
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
