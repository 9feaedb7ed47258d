import PaibanCore
import PaibanPango

/// What a Swift program (or the `paiban` command) asks of a render, as values: no files are
/// read for them, and no signal handler or process-wide setting is touched (interrupt handling,
/// printing and exit statuses belong to the command).
public struct RenderOptions: Sendable {
    /// Write PDF/X (overrides the layout's `print:`); nil: as the layout says.
    public var pdfx: PrintSettings.Standard?
    /// Folders searched for `Layouts/NAME.yaml` after the issue's own (default: the project's).
    public var layoutSearchPath: [String]
    /// Decode every image at load, so damage inside its data is reported (libjpeg, Cairo).
    public var checkImages = true
    /// Seconds since 1970 for the PDF's dates (reproducible builds); nil: the edition's date.
    /// Outside 1970 to 9999 it is left out with a warning in the report.
    public var sourceDateEpoch: Int?
    /// Which writer draws the PDF (and split pages). Cairo writes no PDF/X: a layout's `pdfx`
    /// is then ignored with a warning.
    public var engine: PDFEngine = .own
    /// Make-up and drawing on threads of their own: page 1 is drawn into the PDF while page 2 is
    /// made up, and an edition whose pages stand alone is made up two pages at a time. Off: one
    /// thread (batch workers, which keep every core busy with editions already). The files are
    /// the same bytes either way. The Cairo engine always draws once make-up is done.
    public var pipelined = true
    /// Resolution of the PNG proofs (`EditionRender.write(pdf:proofs:)`).
    public var dpi: Double = 100
    /// Also write one PDF per page beside the edition's (NAME-p01.pdf …).
    public var split = false
    /// Warnings about the options as given (a SOURCE_DATE_EPOCH that is no date), reported
    /// with what loading the issue found.
    public private(set) var warnings: [Diagnostic] = []

    public init(pdfx: PrintSettings.Standard? = nil, layoutSearchPath: [String]? = nil, checkImages: Bool = true,
                sourceDateEpoch: Int? = nil, engine: PDFEngine = .own, pipelined: Bool = true, dpi: Double = 100,
                split: Bool = false) {
        self.pdfx = pdfx
        self.layoutSearchPath = layoutSearchPath
            ?? locateResourceDirectory("Layouts", marker: nil, environment: "PAIBAN_LAYOUTS").map { [$0] } ?? []
        self.checkImages = checkImages
        self.sourceDateEpoch = sourceDateEpoch
        self.engine = engine
        self.pipelined = pipelined
        self.dpi = dpi
        self.split = split
    }

    /// The PDF's date from a SOURCE_DATE_EPOCH value as text (the command passes its
    /// environment's): seconds from 1970 to the end of 9999; anything else is a warning, and the
    /// PDF is dated now.
    public mutating func setSourceDateEpoch(_ text: String) {
        if let v = Int(text), Self.datable.contains(v) {
            sourceDateEpoch = v
        } else {
            sourceDateEpoch = nil
            warnings.append(Self.undatable(text))
        }
    }

    /// Seconds from 1970 to the end of year 9999: what a PDF date can say.
    static let datable = 0...253_402_300_799

    static func undatable(_ text: String) -> Diagnostic {
        Diagnostic(.warning, file: "SOURCE_DATE_EPOCH", "'\(text)' is not a time from 1970 to 9999 in seconds; the PDF is dated now")
    }
}
