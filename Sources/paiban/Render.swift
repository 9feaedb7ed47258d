import ArgumentParser
import Foundation
import Paiban
import PaibanPango

/// `paiban render`: an issue folder in; the edition's PDF, PNG proofs and the preflight report out.
/// The library's `EditionRender` does the work; the command parses, prints, handles Ctrl-C and
/// says how it went by its exit status.
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
        var options = RenderOptions(pdfx: pdfx, engine: engine, pipelined: !singleThread, dpi: dpi, split: split)
        let environment = ProcessInfo.processInfo.environment
        if let epoch = environment["SOURCE_DATE_EPOCH"] { options.setSourceDateEpoch(epoch) }
        let render: EditionRender
        do {
            render = try EditionRender(issueAt: issue, options: options)
        } catch let e as InputError {
            warn(e.description)
            throw ExitStatus.inputUnreadable
        }
        for d in render.inputDiagnostics { warn(d.description) }
        let outcome = try reportingOutputErrors { try render.write(pdf: output, proofs: png) }
        for d in outcome.diagnostics { warn(d.description) }
        if environment["PAIBAN_TIMINGS"] != nil {
            // Phase timings on standard error, for profiling a slow edition.
            for t in outcome.timings { warn("timing: \(t.phase) \(t.milliseconds) ms") }
        }
        for line in outcome.summary { print(line) }
        if strict && !outcome.passesStrict { throw ExitStatus.preflight }
    }
}

/// Runs `body`; an output that cannot be written is said in one line (`paiban: PATH: …`, never
/// with the usage text: the command line was right) and exits with status 4.
func reportingOutputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as OutputError {
        warn(e.description)
        throw ExitStatus.outputFailed
    }
}

extension PrintSettings.Standard: ExpressibleByArgument {}
extension PDFEngine: ExpressibleByArgument {}
