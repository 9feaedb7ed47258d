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
}

public struct PageReport: Sendable {
    public var number: Int
    public var section: String
    public var stories: [StoryReport]
    public var emptyAreas: [GridRect]
}

public struct EditionReport: Sendable {
    public var pages: [PageReport]
    public var diagnostics: [Diagnostic]
    public init(pages: [PageReport], diagnostics: [Diagnostic]) {
        self.pages = pages
        self.diagnostics = diagnostics
    }
}
