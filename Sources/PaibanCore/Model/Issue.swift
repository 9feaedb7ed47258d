import Foundation

/// An edition (一期报纸) as the manifest describes it.
public struct Issue: Sendable {
    public var paperName: String
    public var date: DateComponents
    /// 总期号.
    public var issueNumber: Int?
    /// A banner across the masthead, e.g. "SEMICON China 2026 特刊".
    public var banner: String?
    public var layoutName: String
    public var pages: [PageSpec]
    public var stories: [String: Story]
    /// The issue folder, to resolve images.
    public var directory: String
    public var manifestFile: String

    public init(paperName: String, date: DateComponents, issueNumber: Int?, banner: String?, layoutName: String,
                pages: [PageSpec], stories: [String: Story], directory: String, manifestFile: String) {
        self.paperName = paperName
        self.date = date
        self.issueNumber = issueNumber
        self.banner = banner
        self.layoutName = layoutName
        self.pages = pages
        self.stories = stories
        self.directory = directory
        self.manifestFile = manifestFile
    }
}

public struct PageSpec: Sendable, Equatable {
    /// 版次.
    public var number: Int
    /// 版名: 要闻, 综合 …
    public var section: String
    /// Stories in order of importance.
    public var stories: [StoryOnPage]
    /// Line of the manifest, for messages.
    public var line: Int
    public init(number: Int, section: String, stories: [StoryOnPage], line: Int) {
        self.number = number
        self.section = section
        self.stories = stories
        self.line = line
    }
}

public struct StoryOnPage: Sendable, Equatable {
    public var id: String
    /// An area fixed by hand on the grid; nil lets the engine place the story.
    public var fixed: GridRect?
    public var line: Int
    public init(id: String, fixed: GridRect? = nil, line: Int) {
        self.id = id
        self.fixed = fixed
        self.line = line
    }
}

/// A rectangle on the page grid: whole columns × whole lines, 0-based.
public struct GridRect: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var column: Int
    public var line: Int
    public var columns: Int
    public var lines: Int
    public init(column: Int, line: Int, columns: Int, lines: Int) {
        self.column = column
        self.line = line
        self.columns = columns
        self.lines = lines
    }
    public var endColumn: Int { column + columns }
    public var endLine: Int { line + lines }
    public var area: Int { columns * lines }
    public func intersects(_ o: GridRect) -> Bool {
        column < o.endColumn && o.column < endColumn && line < o.endLine && o.line < endLine
    }
    public func contains(_ o: GridRect) -> Bool {
        o.column >= column && o.endColumn <= endColumn && o.line >= line && o.endLine <= endLine
    }
    public var description: String { "columns \(column + 1)–\(endColumn), lines \(line + 1)–\(endLine)" }
}
