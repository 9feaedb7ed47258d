import Dispatch
import PaibanCore
import PropertyBased
import Testing

/// The composer on hostile paragraphs, with the fixed-advance shaper (the rules, not a font):
/// no trap, no hang, and every character of the normalised paragraph set exactly once.
@Suite struct ComposerProperties {
    struct Case: Sendable, CustomStringConvertible {
        var paragraph: HostileString
        var measure: Double
        var indent: Double
        var profile: String
        var description: String { "\(paragraph) measure \(measure) indent \(indent) profile \(profile)" }
    }

    static let cases = Generator<Case, Shrink.None<Case>> { rng in
        Case(paragraph: HostileText.string(pieces: 1...12).run(using: &rng),
             measure: [1, 1.5, 2, 3, 5, 8, 10, 13, 20].randomElement(using: &rng)!,
             indent: [0, 0, 1, 2, 2, 3].randomElement(using: &rng)!,
             profile: ["gb", "basic", "strict", "hang", "grid"].randomElement(using: &rng)!)
    }

    @Test("composer: the lines' text, joined, is the normalised paragraph (only spaces at breaks left out), each scalar set once in order")
    func everyCharacterSetOnce() {
        Fuzz.check("composer-text", count: 300, Self.cases) { c in
            let text = normalizeParagraph(c.paragraph.text).text
            let start = DispatchTime.now().uptimeNanoseconds
            let p = ParagraphComposer(profile: .named(c.profile)!)
                .compose(text, shaper: FixedAdvanceShaper(), measure: Em(c.measure), indent: Em(c.indent))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var failures = textFailures(p)
            // A hang shows as minutes; a debug build on a busy 2-core machine stays far below this.
            if seconds > 10 { failures.append("took \(seconds) s for \(p.text.count) scalars") }
            return failures
        }
    }

    @Test("composer: glyph positions are finite and move forward; a line not flagged overfull fits its measure")
    func geometryIsSane() {
        Fuzz.check("composer-geometry", count: 150, Self.cases) { c in
            let p = ParagraphComposer(profile: .named(c.profile)!)
                .compose(normalizeParagraph(c.paragraph.text).text, shaper: FixedAdvanceShaper(),
                         measure: Em(c.measure), indent: Em(c.indent))
            var failures: [String] = []
            for (k, line) in p.lines.enumerated() {
                let xs = line.glyphs.map(\.x.value)
                if !xs.allSatisfy(\.isFinite) || !line.glyphs.allSatisfy({ $0.advance.value.isFinite }) {
                    failures.append("line \(k + 1): a position or advance is not finite")
                }
                if zip(xs, xs.dropFirst()).contains(where: { $0 > $1 + 1e-9 }) {
                    failures.append("line \(k + 1): glyphs move backwards \(xs)")
                }
                let end = line.glyphs.filter { !$0.hanging }.map { $0.x.value + $0.advance.value }.max() ?? 0
                if !line.overfull && end > c.measure + 1e-3 {
                    failures.append("line \(k + 1) ends at \(end) em past the measure \(c.measure) but is not flagged overfull")
                }
            }
            return failures
        }
    }
}

/// Every scalar of the paragraph is set once, in order: the lines' ranges follow each other,
/// what lies between two lines is spaces (dropped at a break, as `ComposedLine.range` says),
/// each line's glyphs are exactly its range, and the lines' text joined is the paragraph less
/// its spaces (compared without them, so a doubled or lost character shows whatever the ranges say).
func textFailures(_ p: ComposedParagraph) -> [String] {
    var failures: [String] = []
    var next = 0
    func scalar(_ i: Int) -> String { "scalar \(i) (U+\(String(p.text[i].value, radix: 16, uppercase: true)))" }
    for (k, line) in p.lines.enumerated() {
        if line.range.lowerBound < next { failures.append("line \(k + 1) starts at \(line.range.lowerBound), before \(next)") }
        for i in next..<max(next, line.range.lowerBound) where glyphClass(of: p.text[i]) != .space {
            failures.append("\(scalar(i)) is on no line")
        }
        if line.glyphs.map(\.index) != Array(line.range) {
            failures.append("line \(k + 1): glyphs \(line.glyphs.map(\.index)) are not its range \(line.range)")
        }
        next = max(next, line.range.upperBound)
    }
    for i in next..<p.text.count where glyphClass(of: p.text[i]) != .space { failures.append("\(scalar(i)) after the last line is lost") }
    func visible(_ s: some Sequence<Unicode.Scalar>) -> [Unicode.Scalar] { s.filter { glyphClass(of: $0) != .space } }
    let set = visible(p.lines.flatMap { p.string(of: $0).unicodeScalars })
    if set != visible(p.text) { failures.append("lines joined (\(set.count) visible scalars) differ from the paragraph (\(visible(p.text).count))") }
    return failures
}
