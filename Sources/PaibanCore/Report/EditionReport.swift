/// What make-up did, per page and story: the numbers behind the preflight report.

public struct StoryReport: Sendable {
    public var id: String
    public var rect: GridRect
    /// Body lines set in the story's columns.
    public var linesSet: Int
    /// Body lines that did not fit (overset) and grid lines left empty at the foot (underset).
    public var oversetLines: Int
    public var undersetLines: Int
    public var normalised: [NormalizationChange]
    public var uncovered: [Unicode.Scalar]
    public var fixed: Bool
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
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
