import ArgumentParser
import PaibanCore
import PaibanInput
import PaibanPango
#if canImport(Glibc)
import Glibc
#endif

/// `paiban compose`: the paragraph composer from the shell, for proofing and checks.
struct Compose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compose paragraphs from standard input (one per line) into justified lines."
    )

    @Option(help: "Line length in em (characters of the body size).")
    var measure: Double
    @Option(help: "First-line indent in em.")
    var indent: Double = 0
    @Option(help: "Rule profile: gb, basic, strict, hang or grid.")
    var profile: String = "gb"
    @Option(help: "Punctuation widths: quanjiao (全角), kaiming (开明) or banjiao (半角).")
    var punctuation: String = "quanjiao"
    @Option(help: "Body size in points (for shaping and the proof).")
    var size: Double = 10.5
    @Option(help: "Font role: 报宋, 黑体, 楷体 or 仿宋.")
    var font: String = "报宋"
    @Flag(help: "Print the lines and glyph positions as JSON.")
    var json = false
    @Option(help: "Write a proof sheet of the lines to this PDF.")
    var pdf: String?
    @Flag(help: "Set the text exactly as given, without normalising ASCII punctuation.")
    var noNormalize = false

    func validate() throws {
        // A measure beyond 1000 em is no line anyone sets, and its arithmetic would not stay finite.
        guard measure.isFinite, measure >= 1, measure <= 1000 else {
            throw ValidationError("--measure must be from 1 to 1000 em (got \(measure))")
        }
        guard indent.isFinite, indent >= 0, indent < measure else {
            throw ValidationError("--indent must be at least 0 and less than the measure (got \(indent))")
        }
        guard CompositionProfile.named(profile) != nil else {
            throw ValidationError("unknown --profile '\(profile)': use gb, basic, strict, hang or grid")
        }
        guard PunctuationScheme(rawValue: punctuation) != nil else {
            throw ValidationError("unknown --punctuation '\(punctuation)': use quanjiao, kaiming or banjiao")
        }
        guard size.isFinite, size >= 4, size <= 400 else { throw ValidationError("--size must be from 4 to 400 pt (got \(size))") }
        guard FontRole(name: font) != nil else { throw ValidationError("unknown --font '\(font)': use 报宋, 黑体, 楷体 or 仿宋") }
    }

    func run() throws {
        var composerProfile = CompositionProfile.named(profile)!
        composerProfile.punctuation = PunctuationScheme(rawValue: punctuation)!
        let composer = ParagraphComposer(profile: composerProfile)
        let typesetter = try PangoTypesetter()
        let spec = FontSpec(role: FontRole(name: font)!, size: Points(size))

        var composed: [(ComposedParagraph, ShapedParagraph)] = []
        var changes: [[NormalizationChange]] = []
        var lineNumber = 0
        while let bytes = readLineBytes() {
            lineNumber += 1
            // A line that is not UTF-8 is named and left out (readLine would repair it silently).
            guard let given = String(validating: bytes, as: UTF8.self) else {
                warn("standard input line \(lineNumber): not UTF-8 text; the line is left out")
                continue
            }
            let (raw, controls) = removingControlCharacters(given, file: "standard input")
            for d in controls { warn("standard input line \(lineNumber): \(d.message)") }
            let normalized = noNormalize ? NormalizedText(text: raw, changes: []) : normalizeParagraph(raw)
            let text = Array(normalized.text.unicodeScalars)
            if text.isEmpty { continue }
            let shaped = typesetter.shape(text, font: spec)
            let paragraph = composer.compose(text, shaped: shaped.advances, measure: Em(measure), indent: Em(indent))
            composed.append((paragraph, shaped))
            changes.append(normalized.changes)
        }
        let paragraphs = composed.map(\.0)
        if json {
            print(compositionJSON(paragraphs, measure: Em(measure), normalisation: changes).serialized())
        } else {
            for (p, paragraph) in paragraphs.enumerated() {
                for line in paragraph.lines {
                    let pad = line.range.lowerBound == 0 ? String(repeating: "　", count: Int(indent)) : ""
                    print("\(pad)\(paragraph.string(of: line))")
                }
                if p + 1 < paragraphs.count { print("") }
            }
        }
        report(paragraphs, changes)
        if let pdf {
            let title = "paiban compose  measure \(measure) em  indent \(indent) em  profile \(profile)  punctuation \(punctuation)  \(size) pt \(font)"
            try reportingOutputErrors {
                try ProofSheet(title: title, measure: Em(measure), size: Points(size))
                    .writePDF(composed, to: pdf, typesetter: typesetter)
            }
            warn("proof written to \(pdf)")
        }
    }

    /// Problems go to standard error, so the JSON on standard output stays clean.
    private func report(_ paragraphs: [ComposedParagraph], _ changes: [[NormalizationChange]]) {
        for (p, paragraph) in paragraphs.enumerated() {
            for c in changes[p] { warn("paragraph \(p + 1): normalised \(c)") }
            if !paragraph.uncovered.isEmpty {
                let chars = paragraph.uncovered.map { "\(String($0)) U+\(String($0.value, radix: 16, uppercase: true))" }
                warn("paragraph \(p + 1): no font has \(chars.joined(separator: ", "))")
            }
            for (k, line) in paragraph.lines.enumerated() where line.overfull || line.unjustifiable {
                let what = line.overfull ? "overfull (a unit wider than the measure)" : "cannot be justified"
                warn("paragraph \(p + 1) line \(k + 1): \(what): \(paragraph.string(of: line))")
            }
        }
    }
}

/// One line of standard input as bytes, without its newline; nil at the end.
func readLineBytes() -> [UInt8]? {
    var line: [UInt8] = []
    while true {
        let c = getchar()
        if c == EOF { return line.isEmpty ? nil : line }
        if c == 0x0A { return line }
        line.append(UInt8(truncatingIfNeeded: c))
    }
}

func warn(_ message: String) {
    writeToStandardError("paiban: \(message)")
}
