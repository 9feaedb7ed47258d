import Foundation
import PaibanCore
import PaibanInput
import PaibanPango

/// An issue loaded to be rendered to files: what `paiban render` does, as a value. Loading is a
/// step of its own so a caller can say what the input has wrong before the edition is made up.
///
/// ```swift
/// let render = try EditionRender(issueAt: "Examples/semicon-special", options: RenderOptions(dpi: 60))
/// for d in render.inputDiagnostics { print(d) }
/// let outcome = try render.write(pdf: "out/edition.pdf", proofs: "out/proofs")
/// ```
public struct EditionRender: Sendable {
    public let directory: String
    public let options: RenderOptions
    let loaded: LoadedIssue
    private let loadTime: Double

    /// Loads the issue folder. Throws `InputError` when it cannot be read at all; problems with
    /// parts of it are in `inputDiagnostics` (and the report).
    public init(issueAt directory: String, options: RenderOptions = RenderOptions()) throws {
        let start = Date()
        self.directory = directory
        self.options = options
        loaded = try loadIssue(directory, options)
        loadTime = Date().timeIntervalSince(start)
    }

    public var issue: Issue { loaded.issue }
    public var layout: Layout { loaded.layout }
    /// What loading found (errors and warnings with file and line), and the options' warnings.
    public var inputDiagnostics: [Diagnostic] { loaded.diagnostics }

    /// Makes up the edition and writes its output set: the PDF at `pdf`, its report beside it
    /// (NAME.report.json), with `options.split` a PDF per page beside it, with `proofs` a PNG per
    /// page in that folder at `options.dpi`. The set is committed whole: written into a staging
    /// folder and moved into place together, or (on any failure) not at all. Refused before
    /// make-up when an output would replace a file the issue reads. Failures to write are
    /// `OutputError`s naming the output.
    public func write(pdf: String, proofs: String? = nil) throws -> RenderOutcome {
        let names = EditionFiles(pdf: pdf, png: proofs, split: options.split, pages: loaded.issue.pages.map(\.number))
        let outputs = try OutputSet(main: pdf, planned: names.all, inputs: issueInputs(loaded, directory: directory))
        do {
            var outcome = try write(names, into: outputs)
            try outputs.commit()
            outcome.files = names.all
            return outcome
        } catch {
            let named = outputs.naming(error)
            outputs.abandon()
            throw named
        }
    }

    /// Makes up the edition and writes every file of its set into the set's staging.
    private func write(_ names: EditionFiles, into outputs: OutputSet) throws -> RenderOutcome {
        var clock = PhaseClock()
        clock.timings.append(PhaseTime(phase: "load", milliseconds: Int(loadTime * 1000)))
        let pdf = try outputs.staged(names.pdf)
        let document: DisplayDocument
        // The press's settings travel with the writer: every PDF of the set (split pages too) is PDF/X alike.
        let writer = DocumentWriter(print: loaded.layout.print)
        var report: EditionReport
        if options.pipelined && options.engine == .own {
            // Make-up and drawing overlap on two threads: page 1 is drawn while page 2 is made up.
            (document, report) = try makeUpAndWrite(issue: loaded.issue, layout: loaded.layout, output: pdf, writer: writer)
        } else {
            // One thread. Cairo's PDF is drawn once the edition is made up (it is for checks: no
            // streaming wanted).
            let typesetter = try PangoTypesetter()
            (document, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout,
                                              shaper: PangoTextShaping(typesetter), segmenter: houseSegmenter()).run()
            report.diagnostics += try writer.writePDF(document, to: pdf, engine: options.engine)
        }
        clock.lap("make-up and pdf")
        if names.split { try writer.writeSplitPDFs(document, besides: pdf, engine: options.engine) }
        if let png = names.png {
            try writer.writePNGs(document, directory: outputs.stagedFolder(png), dpi: options.dpi,
                                 parallel: options.pipelined)
        }
        let preflight = preflightReport(issue: loaded.issue, layout: loaded.layout, document: document, report: report,
                                        inputDiagnostics: loaded.diagnostics, output: names.pdf,
                                        photoColours: writer.photoColours.all, engine: options.engine.rawValue)
        try AtomicOutput.write(preflight.json.serializedBytes(pretty: true) + [UInt8(ascii: "\n")],
                               to: outputs.staged(names.report))
        clock.lap("png, report")
        return RenderOutcome(preflight: preflight, pages: document.pages.count, diagnostics: report.diagnostics,
                             files: [], timings: clock.timings)
    }
}

/// What a render wrote and found.
public struct RenderOutcome: Sendable {
    /// The preflight: its summary, problems, warnings and the report (also written beside the PDF).
    public var preflight: PreflightReport
    public var pages: Int
    /// What make-up and the writer found (in the report too), for saying as they are.
    public var diagnostics: [Diagnostic]
    /// The files of the set, as committed.
    public var files: [String]
    /// How long each phase took, for profiling a slow edition.
    public var timings: [PhaseTime]
    public var summary: [String] { preflight.summary }
    /// `--strict`: nothing wrong and nothing warned about.
    public var passesStrict: Bool { preflight.passesStrict }
}

public struct PhaseTime: Sendable, Equatable {
    public var phase: String
    public var milliseconds: Int
}

/// Times phases of a render, one after another.
private struct PhaseClock {
    var last = Date()
    var timings: [PhaseTime] = []
    mutating func lap(_ name: String) {
        let now = Date()
        timings.append(PhaseTime(phase: name, milliseconds: Int(now.timeIntervalSince(last) * 1000)))
        last = now
    }
}
