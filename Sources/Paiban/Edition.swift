import Foundation
@_exported import PaibanCore
@_exported import PaibanInput
import PaibanPango

/// An edition made up: its pages as a display list, the make-up's report, and its outputs made
/// in memory on request (`EditionRender` writes them to files, as `paiban render` does). Made up
/// on one thread, as `paiban render --single-thread`; the pages are plain values (each glyph
/// names its face file), so they can be drawn anywhere.
///
/// ```swift
/// import Paiban
/// let edition = try Edition(issueAt: "Examples/semicon-special")
/// let pdf = try edition.pdf()                     // [UInt8]
/// let proof = try edition.proof(page: 0, dpi: 60) // PNG bytes
/// print(edition.preflight().summary.joined(separator: "\n"))
/// ```
public final class Edition {
    public let issue: Issue
    public let layout: Layout
    /// Every page as positioned glyph runs, rules, boxes and images (points from the top-left).
    public let document: DisplayDocument
    public let report: EditionReport
    /// What loading the issue found (errors and warnings with file and line).
    public let inputDiagnostics: [Diagnostic]
    private let writer: DocumentWriter
    private let engine: PDFEngine
    private var pdfDiagnostics: [Diagnostic] = []

    /// Loads the issue folder and makes it up. Throws `InputError` when it cannot be read at all;
    /// problems with parts of it are in `inputDiagnostics` and the report.
    public init(issueAt directory: String, options: RenderOptions = RenderOptions()) throws {
        let loaded = try loadIssue(directory, options)
        let typesetter = try PangoTypesetter()
        let (document, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: PangoTextShaping(typesetter),
                                               segmenter: houseSegmenter()).run()
        issue = loaded.issue
        layout = loaded.layout
        inputDiagnostics = loaded.diagnostics
        engine = options.engine
        self.document = document
        self.report = report
        writer = DocumentWriter(print: loaded.layout.print)
    }

    /// The edition's PDF by the options' engine (PDF/X when the options or the layout say so,
    /// with the own writer).
    public func pdf() throws -> [UInt8] {
        switch engine {
        case .own:
            let (bytes, diagnostics) = try writer.pdfBytes(document)
            pdfDiagnostics = diagnostics
            return bytes
        case .cairo:
            return try writer.cairoPDFBytes(document)
        }
    }

    /// Page `index`'s PNG proof (0 is the first page).
    public func proof(page index: Int, dpi: Double = 100) throws -> [UInt8] {
        guard document.pages.indices.contains(index) else {
            throw OutputError.cannotWrite("page \(index + 1)", "the edition has \(document.pages.count) pages")
        }
        return try writer.pngBytes(document.pages[index], dpi: dpi)
    }

    /// The preflight: problems, warnings, a summary and the report as JSON (photo colours and ink
    /// once `pdf()` has been made).
    public func preflight(output: String = "edition.pdf") -> PreflightReport {
        var r = report
        r.diagnostics += pdfDiagnostics
        return preflightReport(issue: issue, layout: layout, document: document, report: r,
                               inputDiagnostics: inputDiagnostics, output: output, photoColours: writer.photoColours.all,
                               engine: engine.rawValue)
    }
}
