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
    /// The fillers (补白) pool: ids of stories (short items, house ads) the make-up may drop onto
    /// any page, each at most once in the edition, to fill white it cannot fill otherwise; in the
    /// manifest's order. None of them is listed on a page; each is in `stories`.
    public var fillers: [String] = []
    /// The issue folder, to resolve images.
    public var directory: String
    public var manifestFile: String
    /// Jump markers of the issue's own, overriding the layout's.
    public var jumpMarkers: JumpMarkers?
    /// The time written into the PDF (SOURCE_DATE_EPOCH when set, else the edition's date).
    public var sourceDateEpoch: Int?
    /// What normalisation changed in the manifest's text (paper, banner, page sections) when
    /// it was loaded; the stories' own changes are on each story.
    public var normalisation: [FieldNormalisation] = []

    public init(paperName: String, date: DateComponents, issueNumber: Int?, banner: String?, layoutName: String,
                pages: [PageSpec], stories: [String: Story], directory: String, manifestFile: String,
                jumpMarkers: JumpMarkers? = nil, fillers: [String] = []) {
        self.jumpMarkers = jumpMarkers
        self.fillers = fillers
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

    /// Page `number`'s name as printed, from its spec (a page the edition does not have is 第N版).
    public func printedName(ofPage number: Int) -> String {
        pages.first { $0.number == number }?.printedName ?? PageSpec.printedName(number: number, label: nil)
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
    /// A page label such as A4 for papers numbered by section (叠); nil prints the number.
    public var label: String?
    /// Continuations of stories from earlier pages that name no page of their own land here.
    public var receivesJumps: Bool
    public init(number: Int, section: String, stories: [StoryOnPage], line: Int, label: String? = nil,
                receivesJumps: Bool = false) {
        self.number = number
        self.section = section
        self.stories = stories
        self.line = line
        self.label = label
        self.receivesJumps = receivesJumps
    }

    /// The page's name as printed in the 报眉, the masthead's 本期导读, the PDF's page labels and
    /// outline and the preflight summary: its label (A2) if it has one, else 第2版.
    public var printedName: String { Self.printedName(number: number, label: label) }

    /// The one place a page's printed name is decided: a label stands for the whole name (A2,
    /// never 第A2版); a numbered page is 第N版.
    public static func printedName(number: Int, label: String?) -> String { label ?? "第\(number)版" }
}

public struct StoryOnPage: Sendable, Equatable {
    public var id: String
    /// An area fixed by hand on the grid; nil lets the engine place the story.
    public var fixed: GridRect?
    public var line: Int
    /// Pages the story continues on when it does not fit (转版), in order; empty: it does not jump.
    public var jumpTo: [Int]
    /// The story may jump to the next page that receives continuations.
    public var jumps: Bool
    public init(id: String, fixed: GridRect? = nil, line: Int, jumpTo: [Int] = [], jumps: Bool = false) {
        self.id = id
        self.fixed = fixed
        self.line = line
        self.jumpTo = jumpTo
        self.jumps = jumps || !jumpTo.isEmpty
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

/// How jump lines (转版) read: templates with `{page}` (the page as the house numbers it:
/// 2 or 二, or the page's label such as A4), `{page_cn}`, `{page_no}` and `{title}`. A labelled
/// page drops the 第 before `{page}`: （下转第{page}版） reads （下转A3版）, never （下转第A3版）.
public struct JumpMarkers: Sendable, Equatable {
    public var out: String
    public var `in`: String
    /// The continuation's head; `{title}` is the story's short title (jump_title) or its title.
    public var head: String
    public var numerals: Numerals
    public enum Numerals: String, Sendable { case arabic, chinese }

    public init(out: String = "（下转第{page}版）", in: String = "（上接第{page}版）", head: String = "{title}",
                numerals: Numerals = .arabic) {
        self.out = out
        self.in = `in`
        self.head = head
        self.numerals = numerals
    }

    /// Fills a template for a page; `label` is the page's label, nil for a numbered page.
    public func fill(_ template: String, page: Int, label: String?, title: String) -> String {
        let number = numerals == .chinese ? chineseNumeral(page) : String(page)
        // A label is the page's whole name (A3), so the 第 of 第{page}版 goes with it.
        let template = label == nil ? template : template.replacingOccurrences(of: "第{page}", with: "{page}")
        return template
            .replacingOccurrences(of: "{page}", with: label ?? number)
            .replacingOccurrences(of: "{page_cn}", with: chineseNumeral(page))
            .replacingOccurrences(of: "{page_no}", with: String(page))
            .replacingOccurrences(of: "{title}", with: title)
    }
}
