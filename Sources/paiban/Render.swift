import ArgumentParser
import Foundation
import PaibanCore
import PaibanInput
import PaibanPango

/// `paiban render`: an issue folder in; the edition's PDF, PNG proofs and the preflight report out.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lay out an issue folder and write the edition as PDF, with PNG proofs and a preflight report."
    )

    @Argument(help: "The issue folder (issue.yaml, articles/, images/).")
    var issue: String
    @Option(name: .shortAndLong, help: "The PDF to write; the report goes beside it as NAME.report.json.")
    var output: String = "edition.pdf"
    @Option(help: "Also write PNG proofs of every page into this folder.")
    var png: String?
    @Option(help: "Resolution of the PNG proofs.")
    var dpi: Double = 100
    @Flag(help: "Also write one PDF per page (NAME-p01.pdf …).")
    var split = false
    @Flag(help: "Exit with status 1 when the preflight finds anything wrong, warnings included.")
    var strict = false
    @Flag(help: "Use one thread (batch workers do: the batch already keeps every core busy).")
    var singleThread = false
    @Option(help: "Write PDF/X for the press: x1a (PDF/X-1a:2001, all CMYK) or x4 (PDF/X-4); overrides the layout's print: section.")
    var pdfx: PrintSettings.Standard?
    @Option(help: "Which writer draws the PDF: own (Paiban's, for the press) or cairo (Cairo's PDF surface: RGB, not PDF/X; an independent rendering for checks).")
    var engine: PDFEngine = .own

    func validate() throws {
        guard dpi >= 10 && dpi <= 1200 else { throw ValidationError("--dpi must be between 10 and 1200") }
        if engine == .cairo, let option = ownWriterOptions.first(where: \.given) {
            throw ValidationError("--engine cairo writes RGB, not PDF/X: leave out \(option.name) or use --engine own")
        }
    }

    /// The options given that only the own writer can honour (what the press needs: PDF/X, and
    /// whatever print option comes next joins this list), refused with `--engine cairo` by name.
    var ownWriterOptions: [(name: String, given: Bool)] {
        [("--pdfx", pdfx != nil)]
    }

    func run() throws {
        removeUnfinishedOutputsOnInterrupt()
        let outcome = try reportingOutputErrors {
            try renderEdition(issueDirectory: issue, output: output, png: png, dpi: dpi, split: split,
                              pipelined: !singleThread, pdfx: pdfx, engine: engine)
        }
        for line in outcome.summary { print(line) }
        if strict && !outcome.passesStrict { throw ExitStatus.preflight }
    }
}

struct RenderOutcome {
    var summary: [String]
    var problems: [String]
    var warnings: [String]
    var pages: Int
    /// `--strict`: nothing wrong and nothing warned about.
    var passesStrict: Bool { problems.isEmpty && warnings.isEmpty }
}

/// Loads, makes up and writes one edition. Throws `ExitStatus.inputUnreadable` (2) when the issue cannot be read
/// at all; problems with parts of it are in the outcome. The PDF, its report, proofs and split
/// pages are one `OutputSet`: they appear together when all are written, or not at all.
func renderEdition(issueDirectory: String, output: String, png: String?, dpi: Double, split: Bool,
                   pipelined: Bool, quiet: Bool = false, pdfx: PrintSettings.Standard? = nil,
                   engine: PDFEngine = .own) throws -> RenderOutcome {
    let clock = PhaseClock(enabled: ProcessInfo.processInfo.environment["PAIBAN_TIMINGS"] != nil)
    var layoutPath: [String] = []
    if let dir = locateResourceDirectory("Layouts", marker: nil, environment: "PAIBAN_LAYOUTS") { layoutPath.append(dir) }
    var loaded: LoadedIssue
    do {
        loaded = try IssueLoader.load(directory: issueDirectory, layoutSearchPath: layoutPath,
                                      decodeCheck: decodingImageCheck)
    } catch let e as InputError {
        warn(e.description)
        throw ExitStatus.inputUnreadable
    }
    if let pdfx { loaded.layout.print.pdfx = pdfx }
    if engine == .cairo && loaded.layout.print.pdfx != nil {
        // The layout asks for PDF/X, which Cairo cannot write: said, and a plain PDF written.
        loaded.diagnostics.append(Diagnostic(.warning, file: loaded.layout.sourceFile,
                                             "print: pdfx is ignored with --engine cairo (Cairo writes RGB, not PDF/X)"))
        loaded.layout.print.pdfx = nil
    }
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
        // Seconds from 1970 to the end of year 9999: what a PDF date can say.
        if let v = Int(epoch), (0...253_402_300_799).contains(v) {
            loaded.issue.sourceDateEpoch = v
        } else {
            loaded.diagnostics.append(Diagnostic(.warning, file: "SOURCE_DATE_EPOCH",
                                                 "'\(epoch)' is not a time from 1970 to 9999 in seconds; the PDF is dated now"))
        }
    }
    if houseWordList == nil {
        // Without the word list headlines still set, but break only at punctuation and spaces.
        loaded.diagnostics.append(Diagnostic(.warning, file: "Dictionaries/zh-words.tsv",
                                             "the word list was not found (set PAIBAN_DICTIONARIES): headlines break only at punctuation and spaces"))
    }
    if !quiet { for d in loaded.diagnostics { warn(d.description) } }
    let names = EditionOutputs(pdf: output, png: png, split: split, pages: loaded.issue.pages.map(\.number))
    // Refused here, before make-up, if an output would replace a file the issue reads.
    let outputs = try OutputSet(main: output, planned: names.all, inputs: issueInputs(loaded, directory: issueDirectory))
    clock.lap("load")
    do {
        let outcome = try writeEdition(loaded, names: names, into: outputs, dpi: dpi, pipelined: pipelined, engine: engine,
                                       quiet: quiet, clock: clock)
        try outputs.commit()
        return outcome
    } catch {
        let named = outputs.naming(error)
        outputs.abandon()
        throw named
    }
}

/// Makes up the edition and writes every file of its set into the set's staging.
private func writeEdition(_ loaded: LoadedIssue, names: EditionOutputs, into outputs: OutputSet, dpi: Double,
                          pipelined: Bool, engine: PDFEngine, quiet: Bool, clock: PhaseClock) throws -> RenderOutcome {
    let pdf = try outputs.staged(names.pdf)
    let document: DisplayDocument
    // The press's settings travel with the writer: every PDF of the set (split pages too) is PDF/X alike.
    let writer = DocumentWriter(print: loaded.layout.print)
    var report: EditionReport
    if pipelined && engine == .own {
        // Make-up and drawing overlap on two threads: page 1 is drawn while page 2 is made up.
        (document, report) = try makeUpAndWrite(issue: loaded.issue, layout: loaded.layout, output: pdf, writer: writer)
    } else {
        // One thread. Cairo's PDF is drawn once the edition is made up (it is for checks: no
        // streaming wanted).
        let typesetter = try PangoTypesetter()
        (document, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: PangoTextShaping(typesetter),
                                          segmenter: houseSegmenter()).run()
        report.diagnostics += try writer.writePDF(document, to: pdf, engine: engine)
    }
    clock.lap("make-up and pdf")
    if !quiet { for d in report.diagnostics { warn(d.description) } }
    if names.split { try writer.writeSplitPDFs(document, besides: pdf, engine: engine) }
    if let png = names.png {
        try writer.writePNGs(document, directory: outputs.stagedFolder(png), dpi: dpi, parallel: pipelined)
    }
    let preflight = preflightReport(issue: loaded.issue, layout: loaded.layout, document: document, report: report,
                                    inputDiagnostics: loaded.diagnostics, output: names.pdf,
                                    photoColours: writer.photoColours.all, engine: engine.rawValue)
    try AtomicOutput.write(Array((preflight.json.serialized(pretty: true) + "\n").utf8), to: outputs.staged(names.report))
    clock.lap("png, report")
    return RenderOutcome(summary: preflight.summary, problems: preflight.problems, warnings: preflight.warnings,
                         pages: document.pages.count)
}

/// Phase timings on standard error when PAIBAN_TIMINGS is set (for profiling a slow edition).
final class PhaseClock {
    let enabled: Bool
    var last = Date()
    init(enabled: Bool) { self.enabled = enabled }
    func lap(_ name: String) {
        guard enabled else { return }
        let now = Date()
        warn("timing: \(name) \(Int(now.timeIntervalSince(last) * 1000)) ms")
        last = now
    }
}

extension PrintSettings.Standard: ExpressibleByArgument {}
extension PDFEngine: ExpressibleByArgument {}
