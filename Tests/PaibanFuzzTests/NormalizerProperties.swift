import PaibanCore
import PropertyBased
import Testing

/// The normaliser on hostile text: what it documents (every change returned at its offset in
/// the text as given; normalising normalised text changes nothing) holds beyond the sample copy.
@Suite struct NormalizerProperties {
    @Test("normaliser: the changes, undone, give back the text as given, and a second pass changes nothing")
    func changesAccountForEveryScalar() {
        Fuzz.check("normaliser", count: 400, HostileText.string(pieces: 1...12)) { s in
            let r = normalizeParagraph(s.text)
            var failures: [String] = []
            if let back = original(of: r.text, changes: r.changes) {
                if back != s.text { failures.append("undoing the changes gives \(String(reflecting: back))") }
            } else {
                failures.append("the changes \(r.changes) do not fit the result \(String(reflecting: r.text))")
            }
            let again = normalizeParagraph(r.text)
            if again.text != r.text || !again.changes.isEmpty { failures.append("a second pass changes \(again.changes)") }
            return failures
        }
    }
}

/// The text as given, rebuilt from a normalised field and its changes (offsets into the text as
/// given; a removed scalar has an empty replacement). Nil when the changes do not fit the text:
/// a replacement that is not there, or scalars left over.
func original(of normalised: String, changes: [NormalizationChange]) -> String? {
    let out = Array(normalised.unicodeScalars)
    var byOffset: [Int: NormalizationChange] = [:]
    for c in changes {
        guard byOffset[c.offset] == nil else { return nil }
        byOffset[c.offset] = c
    }
    let length = out.count + changes.filter { $0.replacement.isEmpty }.count
    var result = String.UnicodeScalarView()
    var j = 0
    for i in 0..<length {
        if let c = byOffset[i] {
            result.append(contentsOf: c.original.unicodeScalars)
            let r = Array(c.replacement.unicodeScalars)
            guard j + r.count <= out.count, Array(out[j..<(j + r.count)]) == r else { return nil }
            j += r.count
        } else {
            guard j < out.count else { return nil }
            result.append(out[j])
            j += 1
        }
    }
    return j == out.count && byOffset.keys.allSatisfy({ $0 < length }) ? String(result) : nil
}
