import Paiban

/// One render of the issue as the preview page shows it: every page's proof and overlays, the
/// preflight beside them, and what stopped the latest render if it failed. A pure value, made
/// on the render thread and handed to the server as it is.
public struct PreviewSnapshot: Sendable, Codable, Equatable {
    /// Counts renders that changed what is on screen (pages or error); the page reloads when it grows.
    public var version: Int
    /// Which run of the server made it (a page reloads when it changes).
    public var run: String = ""
    /// The title and date, for the page's heading.
    public var title: String
    public var pages: [PreviewPage]
    /// The preflight of the pages shown: problems first, then warnings.
    public var problems: [PreviewProblem]
    /// Why the latest edit could not be shown (the input broke); the pages are the last good ones.
    public var error: PreviewError?
    /// When the pages shown were rendered, and how long it took (milliseconds).
    public var renderedAt: String
    public var renderMilliseconds: Int

    public static let empty = PreviewSnapshot(version: 0, title: "", pages: [], problems: [], error: nil,
                                              renderedAt: "", renderMilliseconds: 0)
}

/// A page: its size in points, its proof's address, and what the overlays draw over it.
public struct PreviewPage: Sendable, Codable, Equatable {
    public var index: Int
    public var number: Int
    public var label: String
    public var width: Double
    public var height: Double
    /// Where the PNG proof is served (changes with each render, so the browser never shows a stale one).
    public var proof: String
    public var grid: PreviewGrid
    public var stories: [PreviewStory]
    public var jumps: [PreviewJump]
}

/// The type area's character grid in page points: column edges, and every line's top and baseline.
public struct PreviewGrid: Sendable, Codable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    /// Left edge and width of each column.
    public var columns: [[Double]]
    /// One body character (字) and one line pitch (行), for the cells.
    public var character: Double
    public var pitch: Double
    public var lines: Int
    public var baselineOffset: Double
}

/// A story's rectangle on the page and the variant make-up chose for it.
public struct PreviewStory: Sendable, Codable, Equatable {
    public var id: String
    public var part: Int
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    /// The grid rectangle: columns × lines from column, line (counted from 1).
    public var area: String
    /// The variant in a designer's words: 3栏 × 40行, 题 2行 36 pt, 图 2栏 × 12行 at 180 ppi.
    public var variant: String
    public var overset: Int
    public var continuesOn: Int?
    public var continuedFrom: Int?
}

/// A jump line (（下转…）/（上接…）) and the part of the story it leads to.
public struct PreviewJump: Sendable, Codable, Equatable {
    public var story: String
    public var text: String
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    /// Index of the page the link goes to, and the y there (points).
    public var toPage: Int?
    public var toY: Double?
}

/// A preflight line, with the story and page it is about so the page can scroll to it.
public struct PreviewProblem: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case problem, warning }
    public var kind: Kind
    public var message: String
    public var story: String?
    /// Index of the page (0 is the first) where the story or the problem is.
    public var page: Int?
}

/// The input error that keeps the last good pages on screen, with its file and line.
public struct PreviewError: Sendable, Codable, Equatable {
    public var file: String?
    public var line: Int?
    public var message: String
    /// `file:line: error: message`, as the command line prints it.
    public var description: String
}
