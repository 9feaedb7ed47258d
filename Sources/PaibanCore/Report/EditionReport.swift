/// What make-up did, per page and story: the numbers behind the preflight report.

public struct StoryReport: Sendable {
    public var id: String
    public var rect: GridRect
    /// Body lines set in the story's columns.
    public var linesSet: Int
    /// Body lines that did not fit (overset) and grid lines left empty at the foot (underset).
    public var oversetLines: Int
    public var undersetLines: Int
    /// What normalisation changed in the story's fields at load (the same on every part).
    public var normalised: [FieldNormalisation]
    public var uncovered: [Unicode.Scalar]
    public var fixed: Bool
    /// For a story that jumps: which part this is, the page the previous part is on and the
    /// page the next part is on.
    public var part: Int = 1
    public var continuedFrom: Int? = nil
    public var continuesOn: Int? = nil
    /// Paragraphs whose last line would have been a lone character (孤字) but was not.
    public var orphansAvoided: Int = 0
    /// What make-up had to give up (a photo left out for lack of room, a head cut short).
    public var notes: [String]
    /// The variant drawn and how it was fitted to the rectangle.
    public var variant: VariantReport? = nil
}

/// The chosen variant of a story as the report gives it: its width, title size and lines,
/// photo size and resolution, the white it was given.
public struct VariantReport: Sendable {
    public var columns: Int
    public var lines: Int
    public var titleSize: Double?
    public var titleLines: Int
    public var titleStep: Int
    public var photoColumns: Int?
    public var photoLines: Int?
    public var photoPPI: Double?
    public var headWhite: Int
    public var footWhite: Int

    public init(_ fit: StoryFit, pitch: Double) {
        columns = fit.columns
        lines = fit.contentLines
        titleSize = fit.variant.shape.titleSize?.value
        titleLines = fit.variant.shape.titleLineCount
        titleStep = fit.variant.titleStep
        if let p = fit.variant.photo, fit.photoLines > 0 {
            photoColumns = p.columns
            photoLines = fit.photoLines
            photoPPI = p.ppi(lines: fit.photoLines, pitch: pitch)
        }
        headWhite = fit.headWhite
        footWhite = fit.footWhite
    }
}

public struct PageReport: Sendable {
    public var number: Int
    public var section: String
    public var stories: [StoryReport]
    public var emptyAreas: [GridRect]
    /// White the page could not fill, beyond a line at the foot of a story: rectangles of it
    /// (a story's foot across its columns, an empty area).
    public var holes: [GridRect] = []
    /// Body lines (one column each) the page is short of copy: the white in `holes` in lines
    /// of one column. `--strict` fails on a page short of copy.
    public var shortLines: Int = 0
    /// Share of the free type area (masthead excluded) filled by stories, in per cent.
    public var typeAreaUsed: Double = 100
    /// Fillers (补白) from the pool placed on this page.
    public var fillers: [String] = []
}

public struct EditionReport: Sendable {
    public var pages: [PageReport]
    public var diagnostics: [Diagnostic]
    /// Fillers of the pool no page needed, in the manifest's order.
    public var unusedFillers: [String] = []
    public init(pages: [PageReport], diagnostics: [Diagnostic]) {
        self.pages = pages
        self.diagnostics = diagnostics
    }
}
