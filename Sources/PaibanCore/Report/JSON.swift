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
        var out = ""
        write(into: &out, pretty: pretty, depth: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += JSON.format(d)
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let items):
            out += "["
            for (k, v) in items.enumerated() {
                if k > 0 { out += pretty ? ", " : "," }
                v.write(into: &out, pretty: pretty, depth: depth + 1)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (k, (key, v)) in fields.enumerated() {
                if k > 0 { out += "," }
                if pretty { JSON.newline(depth + 1, into: &out) }
                JSON.escape(key, into: &out)
                out += pretty ? ": " : ":"
                v.write(into: &out, pretty: pretty, depth: depth + 1)
            }
            if pretty && !fields.isEmpty { JSON.newline(depth, into: &out) }
            out += "}"
        }
    }

    private static func newline(_ depth: Int, into out: inout String) {
        out += "\n"
        for _ in 0..<depth { out += "  " }
    }

    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let r = (d * 1e6).rounded() / 1e6
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) + ".0" }
        return String(r)
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: appended whole (scalar by scalar, the report of an
        // 11-page edition took 20 ms to write).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
