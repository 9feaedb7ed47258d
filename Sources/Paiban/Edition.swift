import Foundation
@_exported import PaibanCore
@_exported import PaibanInput
import PaibanPango

/// What a Swift program asks of a render, as values (no environment variables, no files
/// written, no process-wide state: signal handling belongs to the command).
public struct RenderOptions: Sendable {
    /// Write PDF/X (overrides the layout's `print:`); nil: as the layout says.
    public var pdfx: PrintSettings.Standard?
    /// Folders searched for `Layouts/NAME.yaml` after the issue's own (default: the project's).
    public var layoutSearchPath: [String]
    /// Decode every image at load, so damage inside its data is reported (libjpeg, Cairo).
    public var checkImages = true
    /// Seconds since 1970 for the PDF's dates (reproducible builds); nil: the edition's date.
    public var sourceDateEpoch: Int?

    public init(pdfx: PrintSettings.Standard? = nil, layoutSearchPath: [String]? = nil, checkImages: Bool = true,
                sourceDateEpoch: Int? = nil) {
        self.pdfx = pdfx
        self.layoutSearchPath = layoutSearchPath
            ?? locateResourceDirectory("Layouts", marker: nil, environment: "PAIBAN_LAYOUTS").map { [$0] } ?? []
        self.checkImages = checkImages
        self.sourceDateEpoch = sourceDateEpoch
    }
}

/// An edition made up: its pages as a display list, the make-up's report, and its outputs made
/// in memory on request. It holds Pango and Cairo objects, so it stays on the thread that made it.
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
    private var pdfDiagnostics: [Diagnostic] = []

    /// Loads the issue folder and makes it up. Throws `InputError` when it cannot be read at all;
    /// problems with parts of it are in `inputDiagnostics` and the report.
    public init(issueAt directory: String, options: RenderOptions = RenderOptions()) throws {
        var loaded = try IssueLoader.load(directory: directory, layoutSearchPath: options.layoutSearchPath,
                                          decodeCheck: options.checkImages ? decodingImageCheck : nil)
        if let pdfx = options.pdfx { loaded.layout.print.pdfx = pdfx }
        // Seconds from 1970 to the end of year 9999: what a PDF date can say.
        loaded.issue.sourceDateEpoch = options.sourceDateEpoch.flatMap { (0...253_402_300_799).contains($0) ? $0 : nil }
        let typesetter = try PangoTypesetter()
        let shapes = PangoTextShaping(typesetter)
        let (document, report) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: shapes,
                                               segmenter: houseSegmenter()).run()
        issue = loaded.issue
        layout = loaded.layout
        inputDiagnostics = loaded.diagnostics
        self.document = document
        self.report = report
        writer = DocumentWriter(print: loaded.layout.print)
    }

    /// The edition's PDF (PDF/X when the options or the layout say so).
    public func pdf() throws -> [UInt8] {
        let (bytes, diagnostics) = try writer.pdfBytes(document)
        pdfDiagnostics = diagnostics
        return bytes
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
                               inputDiagnostics: inputDiagnostics, output: output, photoColours: writer.photoColours.all)
    }
}
