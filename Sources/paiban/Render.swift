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

    func validate() throws {
        guard dpi >= 10 && dpi <= 1200 else { throw ValidationError("--dpi must be between 10 and 1200") }
    }

    func run() throws {
        removeUnfinishedOutputsOnInterrupt()
        let outcome = try renderEdition(issueDirectory: issue, output: output, png: png, dpi: dpi, split: split,
                                        pipelined: !singleThread)
        for line in outcome.summary { print(line) }
        if strict && !outcome.passesStrict { throw ExitCode(1) }
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

/// Loads, makes up and writes one edition. Throws `ExitCode(2)` when the issue cannot be read
/// at all; problems with parts of it are in the outcome.
func renderEdition(issueDirectory: String, output: String, png: String?, dpi: Double, split: Bool,
                   pipelined: Bool, quiet: Bool = false) throws -> RenderOutcome {
    let clock = PhaseClock(enabled: ProcessInfo.processInfo.environment["PAIBAN_TIMINGS"] != nil)
    var layoutPath: [String] = []
    if let dir = locateResourceDirectory("Layouts", marker: nil, environment: "PAIBAN_LAYOUTS") { layoutPath.append(dir) }
    var loaded: LoadedIssue
    do {
        loaded = try IssueLoader.load(directory: issueDirectory, layoutSearchPath: layoutPath)
    } catch let e as InputError {
        warn(e.description)
        throw ExitCode(2)
    }
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let v = Int(epoch) {
        loaded.issue.sourceDateEpoch = v
    }
    if houseWordList == nil {
        // Without the word list headlines still set, but break only at punctuation and spaces.
        loaded.diagnostics.append(Diagnostic(.warning, file: "Dictionaries/zh-words.tsv",
                                             "the word list was not found (set PAIBAN_DICTIONARIES): headlines break only at punctuation and spaces"))
    }
    if !quiet { for d in loaded.diagnostics { warn(d.description) } }
    // The output's folder is made if it is missing (-o out/edition.pdf in a fresh checkout).
    let folder = (output as NSString).deletingLastPathComponent
    if !folder.isEmpty { try makeDirectory(folder) }
    clock.lap("load")
    let typesetter = try PangoTypesetter()
    let document: DisplayDocument, writer: DocumentWriter
    var report: EditionReport
    if pipelined {
        // Make-up and drawing overlap on two threads: page 1 is drawn while page 2 is made up.
        // The pages bring the text make-up shaped, shaped again here: the same glyphs as one thread's.
        let shapes = PangoTextShaping(typesetter)
        writer = DocumentWriter(typesetter: typesetter, shapes: shapes)
        (document, report) = try makeUpAndWrite(issue: loaded.issue, layout: loaded.layout, output: output,
                                                writer: writer, adopter: PageAdopter(shapes))
    } else {
        // One thread: the glyphs make-up shaped are drawn as they are.
        let shapes = PangoTextShaping(typesetter)
        (document, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: shapes,
                                          segmenter: houseSegmenter()).run()
        writer = DocumentWriter(typesetter: typesetter, shapes: shapes)
        report.diagnostics += try writer.writePDF(document, to: output)
    }
    clock.lap("make-up and pdf")
    if !quiet { for d in report.diagnostics { warn(d.description) } }
    if split { try writer.writeSplitPDFs(document, besides: output) }
    if let png {
        try makeDirectory(png)
        try writer.writePNGs(document, directory: png, dpi: dpi, parallel: pipelined)
    }
    let preflight = preflightReport(issue: loaded.issue, layout: loaded.layout, document: document, report: report,
                                    inputDiagnostics: loaded.diagnostics, output: output)
    let reportPath = (output.hasSuffix(".pdf") ? String(output.dropLast(4)) : output) + ".report.json"
    try AtomicOutput.write(Array((preflight.json.serialized(pretty: true) + "\n").utf8), to: reportPath)
    clock.lap("png, report")
    return RenderOutcome(summary: preflight.summary, problems: preflight.problems, warnings: preflight.warnings,
                         pages: document.pages.count)
}

func makeDirectory(_ path: String) throws {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
        guard isDir.boolValue else { throw ValidationError("\(path) exists and is not a folder") }
        return
    }
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        // Foundation wraps the system's reason; say that one (No such file or directory …).
        let posix = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError)
            .map { String(cString: strerror($0.code.rawValue)) }
        throw OutputError.cannotWrite(path, "cannot create this folder: " + (posix ?? error.localizedDescription))
    }
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
