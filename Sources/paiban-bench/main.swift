import PaibanCore
import PaibanPango
#if canImport(Glibc)
import Glibc
#endif

/// `make bench`: composes at least 100,000 characters of real news copy (the sample edition's
/// paragraphs, repeated) at newspaper measures, shaping included, on one core, and prints the
/// throughput. Numbers are printed, not asserted.

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let args = CommandLine.arguments
let corpusPath = args.count > 1 ? args[1] : "Examples/compose/semicon-paragraphs.txt"
guard let file = fopen(corpusPath, "r") else {
    writeToStandardError("paiban-bench: cannot open \(corpusPath)")
    exit(1)
}
var paragraphs: [[Unicode.Scalar]] = []
var lineBuffer: UnsafeMutablePointer<CChar>? = nil
var capacity = 0
while getline(&lineBuffer, &capacity, file) > 0 {
    let line = String(cString: lineBuffer!).trimmingCharacters(in: "\n")
    let text = normalizeParagraph(line).text
    if !text.isEmpty { paragraphs.append(Array(text.unicodeScalars)) }
}
fclose(file)
let perCopy = paragraphs.reduce(0) { $0 + $1.count }
guard perCopy > 0 else { writeToStandardError("paiban-bench: empty corpus"); exit(1) }
let copies = (100_000 + perCopy - 1) / perCopy
let corpus = Array(repeating: paragraphs, count: copies).flatMap { $0 }
let totalChars = corpus.reduce(0) { $0 + $1.count }

let start = now()
let typesetter = try PangoTypesetter()
let spec = FontSpec(role: .baoSong, size: Points(9))
_ = typesetter.shape(Array("排版".unicodeScalars), font: spec) // first font load, timed separately
let fontLoad = now() - start
print("paiban-bench: \(totalChars) characters (\(paragraphs.count) paragraphs × \(copies)), 1 core")
print(String(repeating: "-", count: 72))
for measure in [11.0, 13.0, 16.0] {
    let composer = ParagraphComposer()
    var lines = 0
    var stats = SpacingStatistics()
    let t0 = now()
    for p in corpus {
        let shaped = typesetter.shape(p, font: spec)
        let c = composer.compose(p, shaped: shaped.advances, measure: Em(measure), indent: Em(2))
        lines += c.lines.count
        stats.add(c)
    }
    let dt = now() - t0
    let rate = Double(totalChars) / dt
    print("measure \(Int(measure)) em: \(lines) lines in \(fmt(dt * 1000)) ms = \(fmt(rate / 1e6)) M chars/s   "
        + "Han gaps p95 \(fmt(stats.percentile(0.95))) em, max \(fmt(stats.maximum)) em")
}
// Composition alone (shaping excluded), to show where the time goes.
do {
    let composer = ParagraphComposer()
    let shaped = corpus.map { typesetter.shape($0, font: spec).advances }
    let t0 = now()
    for (p, s) in zip(corpus, shaped) { _ = composer.compose(p, shaped: s, measure: Em(13), indent: Em(2)) }
    let dt = now() - t0
    print("composer only, measure 13 em: \(fmt(Double(totalChars) / dt / 1e6)) M chars/s")
}
print("first font load: \(fmt(fontLoad * 1000)) ms")

func fmt(_ v: Double) -> String {
    let r = (v * 1000).rounded() / 1000
    return String(r)
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
