/// A page template: page size, the character grid (字 × 行), styles and furniture.

/// How an element is set.
public struct TextStyle: Sendable, Equatable {
    public var font: FontSpec
    /// Baseline-to-baseline distance as a multiple of the size (headlines); body text uses the grid.
    public var leading: Double
    public var align: Alignment
    /// The ink the text prints in (a layout may set the 报头 in 大红).
    public var paint: Paint = .black
    public init(font: FontSpec, leading: Double = 1.25, align: Alignment = .start) {
        self.font = font
        self.leading = leading
        self.align = align
    }
    public enum Alignment: String, Sendable { case start, center, end, justify }
}

/// The character grid of the type area (版心).
public struct Grid: Sendable, Equatable {
    public var columns: Int
    /// Characters per basic column (基本栏) and per gutter (栏空), in body ems.
    public var columnChars: Int
    public var gutterChars: Int
    public var bodySize: Points
    /// Baseline-to-baseline distance of body lines (one 行).
    public var linePitch: Points
    /// Body lines in the type area.
    public var lines: Int

    public init(columns: Int, columnChars: Int, gutterChars: Int, bodySize: Points, linePitch: Points, lines: Int) {
        self.columns = columns
        self.columnChars = columnChars
        self.gutterChars = gutterChars
        self.bodySize = bodySize
        self.linePitch = linePitch
        self.lines = lines
    }

    /// Width of the type area in body ems: columns × characters + gutters.
    public var widthChars: Int { columns * columnChars + (columns - 1) * gutterChars }
    /// Width of `n` merged columns (长栏) in body ems.
    public func spanChars(_ n: Int) -> Int { n * columnChars + (n - 1) * gutterChars }
    public var width: Points { Points(Double(widthChars) * bodySize.value) }
    public var height: Points { Points(Double(lines) * linePitch.value) }
    /// Left edge of column `c` (0-based), from the type area's left, in points.
    public func columnX(_ c: Int) -> Points { Points(Double(c * (columnChars + gutterChars)) * bodySize.value) }
    /// Top of grid line `l` (0-based) from the type area's top, in points.
    public func lineY(_ l: Int) -> Points { Points(Double(l) * linePitch.value) }
    /// Body baseline within a grid line cell: the em box centred in the cell.
    public var baselineOffset: Points {
        Points((linePitch.value - bodySize.value) / 2 + 0.88 * bodySize.value)
    }
}

public struct RuleWeights: Sendable, Equatable {
    /// Vertical rules between columns of different stories (栏线).
    public var column: Points
    /// Rules between stories (花线/隔线).
    public var story: Points
    /// 天线 and 地线 framing the type area.
    public var frame: Points
    public init(column: Points = Points(0.3), story: Points = Points(0.6), frame: Points = Points(1)) {
        self.column = column
        self.story = story
        self.frame = frame
    }
}

public struct Layout: Sendable, Equatable {
    public var name: String
    public var pageWidth: Points
    public var pageHeight: Points
    /// Top-left of the type area on the page.
    public var typeAreaOrigin: (x: Points, y: Points)
    public var grid: Grid
    public var styles: Styles
    public var rules: RuleWeights
    /// Lines of the type area that page 1's masthead takes.
    public var mastheadLines: Int
    /// Headline sizes by story priority (1 first); stories beyond the list take the last.
    public var titleSizes: [Points] { didSet { titleLadder = Layout.ladder(titleSizes) } }
    /// The distinct title sizes, largest first (read for every variant the page search sets,
    /// so made once).
    public private(set) var titleLadder: [Double] = []
    /// The composition profile of body text.
    public var profile: CompositionProfile
    public var sourceFile: String
    /// Jump lines (转版) as this house writes them.
    public var jumpMarkers = JumpMarkers()
    /// How far make-up may scale and crop photos.
    public var photos = PhotoLimits()
    /// The ink of rules and frames, and the tint boxes (编者按, advertisements) are filled with.
    public var rulePaint: Paint = .black
    public var boxFill: Paint? = nil
    /// What the press wants of the PDF (PDF/X, profile, bleed, marks, ink limit).
    public var print = PrintSettings()

    /// The style a text role prints in.
    public func style(for role: TextRole) -> TextStyle {
        switch role {
        case .body: styles.body
        case .columnLabel: styles.columnLabel
        case .kicker: styles.kicker
        case .title: styles.title
        case .deck: styles.deck
        case .subhead: styles.subhead
        case .byline: styles.byline
        case .caption: styles.caption
        case .editorsNote: styles.editorsNote
        case .advertisement: styles.advertisement
        case .jump: styles.jump
        case .masthead: styles.masthead
        case .pageHeader: styles.pageHeader
        case .banner: styles.banner
        case .paperName: styles.paperName
        }
    }

    /// Page items inked as the layout says: text by its role's style (the paper's name by its
    /// own), rules and frames in the rule ink. Decided here once for every page.
    public func inked(_ items: [DisplayItem]) -> [DisplayItem] {
        items.map { item in
            switch item {
            case .glyphs(var g):
                g.paint = style(for: g.role).paint
                return .glyphs(g)
            case .rule(let x1, let y1, let x2, let y2, let w, _):
                return .rule(x1: x1, y1: y1, x2: x2, y2: y2, width: w, paint: rulePaint)
            case .box(let r, let stroke, let fill, _):
                return .box(r, stroke: stroke, fill: fill, strokePaint: rulePaint)
            case .image: return item
            }
        }
    }

    public static func == (a: Layout, b: Layout) -> Bool {
        a.name == b.name && a.grid == b.grid && a.pageWidth == b.pageWidth && a.pageHeight == b.pageHeight
            && a.typeAreaOrigin.x == b.typeAreaOrigin.x && a.typeAreaOrigin.y == b.typeAreaOrigin.y
    }

    public init(name: String, pageWidth: Points, pageHeight: Points, typeAreaOrigin: (x: Points, y: Points),
                grid: Grid, styles: Styles, rules: RuleWeights, mastheadLines: Int, titleSizes: [Points],
                profile: CompositionProfile, sourceFile: String) {
        self.name = name
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.typeAreaOrigin = typeAreaOrigin
        self.grid = grid
        self.styles = styles
        self.rules = rules
        self.mastheadLines = mastheadLines
        self.titleSizes = titleSizes
        self.titleLadder = Layout.ladder(titleSizes)
        self.profile = profile
        self.sourceFile = sourceFile
    }

    private static func ladder(_ sizes: [Points]) -> [Double] { Array(Set(sizes.map(\.value))).sorted(by: >) }

    public func titleSize(priority: Int) -> Points {
        titleSizes[max(0, min(titleSizes.count - 1, priority - 1))]
    }
}

/// How far make-up may scale and crop a photo to fit copy (`photos:` in a layout).
public struct PhotoLimits: Sendable, Equatable {
    /// The lowest effective resolution a photo may print at. Newsprint is screened at 85–100
    /// lpi; 1.5–2 × the screen is the usual rule, so 150 ppi is the floor a picture desk accepts.
    public var minimumPPI: Double
    /// The largest share of its width or of its height a photo may lose to cropping (either
    /// side). A third keeps the subject: a designer crops the margins, not the picture.
    public var maximumCrop: Double
    /// The fewest grid lines a photo is given (no slivers): 5 lines of a 13.5 pt pitch are
    /// about 24 mm, the smallest picture a broadsheet prints beside a head.
    public var minimumLines: Int
    public init(minimumPPI: Double = 150, maximumCrop: Double = 0.3, minimumLines: Int = 5) {
        self.minimumPPI = minimumPPI
        self.maximumCrop = maximumCrop
        self.minimumLines = minimumLines
    }
}

/// Styles per element.
public struct Styles: Sendable, Equatable {
    public var body: TextStyle
    public var columnLabel: TextStyle
    public var kicker: TextStyle
    public var title: TextStyle
    public var deck: TextStyle
    public var subhead: TextStyle
    public var byline: TextStyle
    public var dateline: TextStyle
    public var caption: TextStyle
    public var editorsNote: TextStyle
    public var advertisement: TextStyle
    public var jump: TextStyle
    public var paperName: TextStyle
    public var masthead: TextStyle
    public var pageHeader: TextStyle
    public var banner: TextStyle
    /// First-line indent of body paragraphs, in body ems.
    public var indent: Double

    public init(body: TextStyle, columnLabel: TextStyle, kicker: TextStyle, title: TextStyle, deck: TextStyle,
                subhead: TextStyle, byline: TextStyle, dateline: TextStyle, caption: TextStyle,
                editorsNote: TextStyle, advertisement: TextStyle, jump: TextStyle, paperName: TextStyle,
                masthead: TextStyle, pageHeader: TextStyle, banner: TextStyle, indent: Double) {
        self.body = body
        self.columnLabel = columnLabel
        self.kicker = kicker
        self.title = title
        self.deck = deck
        self.subhead = subhead
        self.byline = byline
        self.dateline = dateline
        self.caption = caption
        self.editorsNote = editorsNote
        self.advertisement = advertisement
        self.jump = jump
        self.paperName = paperName
        self.masthead = masthead
        self.pageHeader = pageHeader
        self.banner = banner
        self.indent = indent
    }
}

/// The press's requirements, from the layout's `print:` section (the command line may override).
public struct PrintSettings: Sendable, Equatable {
    public enum Standard: String, Sendable { case x1a, x4 }
    /// Write PDF/X-1a:2001 or PDF/X-4; nil: a plain PDF.
    public var pdfx: Standard? = nil
    /// The plant's output profile (an ICC file); nil: Paiban's own newsprint characterisation.
    public var profile: String? = nil
    /// The output condition the profile characterises, as the press names it.
    public var condition: String? = nil
    /// Bleed around the trim, and printer's marks outside it on a larger sheet.
    public var bleed = Points(0)
    public var marks = false
    /// Total ink limit for photos converted to CMYK, in percent (newsprint: 220–240).
    public var inkLimit = 240.0
    public init() {}
}
