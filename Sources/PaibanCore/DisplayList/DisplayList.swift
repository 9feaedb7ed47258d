/// The display list: everything a page shows, positioned in points from the page's top-left.
/// The PDF and PNG back ends draw the same list, and tests assert geometry on it without
/// parsing PDF.

public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func intersects(_ o: Rect, tolerance: Double = 0.01) -> Bool {
        x < o.maxX - tolerance && o.x < maxX - tolerance && y < o.maxY - tolerance && o.y < maxY - tolerance
    }
    public func contains(_ o: Rect, tolerance: Double = 0.01) -> Bool {
        o.x >= x - tolerance && o.maxX <= maxX + tolerance && o.y >= y - tolerance && o.maxY <= maxY + tolerance
    }
    public var description: String { "(\(x), \(y), \(width) × \(height))" }
}

/// What a run of text is, for tests and reports.
public enum TextRole: String, Sendable {
    case body, columnLabel, kicker, title, deck, subhead, byline, caption, editorsNote, advertisement
    case jump, masthead, pageHeader, banner, paperName
}

/// Text of one font on one baseline. `origins[i]` is where scalar i's glyph origin goes;
/// `boxes[i]` where its set box starts and `advances[i]` the box's width (they differ from
/// the origin for a bracket that lost its blank half). `glyphs` are what the back ends draw:
/// the shaper's glyphs placed at the origins, each in the face that has it.
public struct GlyphRun: Sendable, Equatable {
    public var font: FontSpec
    public var text: [Unicode.Scalar]
    public var origins: [Double]
    public var boxes: [Double]
    public var advances: [Double]
    public var baseline: Double
    public var role: TextRole
    /// The story the text belongs to (nil for furniture).
    public var story: String?
    /// A jump line links to the other part of its story (`link`, a destination name) and is
    /// itself a destination (`anchor`).
    public var link: String? = nil
    public var anchor: String? = nil
    /// The ink the text is printed in.
    public var paint: Paint = .black
    /// The glyphs, in drawing order (a run with none draws nothing).
    public var glyphs: [PositionedGlyph]

    public init(font: FontSpec, text: [Unicode.Scalar], origins: [Double], boxes: [Double], advances: [Double],
                baseline: Double, role: TextRole, story: String?, glyphs: [PositionedGlyph] = []) {
        self.font = font
        self.text = text
        self.origins = origins
        self.boxes = boxes
        self.advances = advances
        self.baseline = baseline
        self.role = role
        self.story = story
        self.glyphs = glyphs
    }

    public var string: String {
        var s = ""
        s.unicodeScalars.append(contentsOf: text)
        return s
    }

    /// Moves the run horizontally.
    public func shifted(by dx: Double) -> GlyphRun {
        var g = self
        g.origins = origins.map { $0 + dx }
        g.boxes = boxes.map { $0 + dx }
        for k in g.glyphs.indices { g.glyphs[k].x += dx }
        return g
    }

    /// The em boxes of the run (ascent 0.88, descent 0.12 of the size).
    public var bounds: Rect {
        let size = font.size.value
        let minX = boxes.min() ?? 0
        let maxX = zip(boxes, advances).map { $0 + $1 }.max() ?? minX
        return Rect(x: minX, y: baseline - 0.88 * size, width: maxX - minX, height: size)
    }
}

public struct ImagePlacement: Sendable, Equatable {
    /// Absolute path of the image file, or nil when it is missing (a placeholder is drawn).
    public var path: String?
    public var label: String
    /// Where the image shows on the page (the frame).
    public var frame: Rect
    /// The part of the image shown, in pixels of the source (cover-cropped to the frame).
    public var crop: Rect
    public var story: String?
    /// Why the image cannot be drawn (a placeholder stands in), when it cannot.
    public var problem: String?
    public init(path: String?, label: String, frame: Rect, crop: Rect, story: String?, problem: String? = nil) {
        self.path = path
        self.label = label
        self.frame = frame
        self.crop = crop
        self.story = story
        self.problem = problem
    }
}

public enum DisplayItem: Sendable, Equatable {
    case glyphs(GlyphRun)
    /// A straight rule, in black unless a layout names its colour.
    case rule(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, paint: Paint = .black)
    /// A rectangle: stroked with `stroke` width in `strokePaint` and/or filled with `fill` (a tint).
    case box(Rect, stroke: Double?, fill: Paint?, strokePaint: Paint = .black)
    case image(ImagePlacement)
}

/// An entry of the document outline under its page: a story (or a continuation) and where it starts.
public struct OutlineEntry: Sendable, Equatable {
    public var title: String
    public var y: Double
    public init(title: String, y: Double) {
        self.title = title
        self.y = y
    }
}

public struct DisplayPage: Sendable, Equatable {
    public var number: Int
    /// The page label (版次) shown in viewers.
    public var label: String
    /// The page's title in the outline: 第1版 要闻.
    public var title: String
    public var width: Double
    public var height: Double
    public var items: [DisplayItem]
    public var outline: [OutlineEntry]
    public init(number: Int, label: String, title: String, width: Double, height: Double, items: [DisplayItem],
                outline: [OutlineEntry] = []) {
        self.number = number
        self.label = label
        self.title = title
        self.width = width
        self.height = height
        self.items = items
        self.outline = outline
    }
    public var glyphRuns: [GlyphRun] {
        items.compactMap { if case .glyphs(let g) = $0 { return g } else { return nil } }
    }
}

public struct DisplayDocument: Sendable, Equatable {
    public var title: String
    public var author: String
    /// ISO 8601 date of the edition, for PDF metadata (deterministic output).
    public var date: String
    public var pages: [DisplayPage]
    public init(title: String, author: String, date: String, pages: [DisplayPage]) {
        self.title = title
        self.author = author
        self.date = date
        self.pages = pages
    }
}
