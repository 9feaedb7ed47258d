import Foundation
import PaibanCore

/// Reads and validates a page template (`Layouts/NAME.yaml`). A template that cannot work is
/// refused with a message that says what is wrong and where.
public enum LayoutLoader {
    static let topKeys: Set<String> = ["name", "page", "type_area", "grid", "masthead_lines", "composition",
                                       "rules", "title_sizes", "styles", "jump", "photos", "colours", "boxes", "print"]

    public static func load(file: String) throws -> (Layout, [Diagnostic]) {
        let (text, controlWarnings) = try InputFile.readText(file, what: "the layout template")
        let (layout, warnings) = try parse(text, file: file)
        return (layout, controlWarnings + warnings)
    }

    public static func parse(_ text: String, file: String) throws -> (Layout, [Diagnostic]) {
        let y = try YAMLValue.parse(text, file: file)
        try y.requireMapping("a layout template")
        var warnings = y.controlCharacterWarnings() + y.unknownKeys(allowed: topKeys, in: "the layout")
        let name = try y.string("name") ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent

        guard let page = try y.section("page") else { throw y.error("missing 'page' (width and height, e.g. {width: 390mm, height: 540mm})") }
        let pageWidth = try required(page, "width", in: InputLimits.pageSide)
        let pageHeight = try required(page, "height", in: InputLimits.pageSide)

        // Every grid value has a default (the 对开 broadsheet's), so a template may leave it out.
        let g = try y.section("grid") ?? YAMLValue.parse("{}", file: file)
        warnings += g.unknownKeys(allowed: ["columns", "column_chars", "gutter_chars", "body", "line_gap", "lines"], in: "grid")
        let columns = try g.int("columns", in: InputLimits.columns) ?? 8
        let columnChars = try g.int("column_chars", in: InputLimits.columnChars) ?? 13
        let gutterChars = try g.int("gutter_chars", in: InputLimits.gutterChars) ?? 1
        let bodySize = try g["body"]?.typeSize("the body size") ?? Hao.xiaowu.points
        let lineGap = try g.double("line_gap", in: 0...3) ?? 0.5
        // Leading is set in tenths of a point (五号 at 0.5 字 gives 15.8 pt, not 15.75): every
        // baseline then falls on the same 0.1 pt raster, page after page.
        let pitch = Points((bodySize.value * (1 + lineGap) * 10).rounded() / 10)

        var grid = Grid(columns: columns, columnChars: columnChars, gutterChars: gutterChars, bodySize: bodySize,
                        linePitch: pitch, lines: 0)
        guard grid.width.value <= pageWidth.value else {
            throw (g["columns"] ?? g).error(
                "the type area is \(mm(grid.width)) wide (\(grid.widthChars) 字 of \(bodySize.value)pt) but the page is only \(mm(pageWidth)): use fewer columns, fewer characters per column or a smaller body size")
        }
        let area = try y.section("type_area")
        if let area { warnings += area.unknownKeys(allowed: ["top", "left"], in: "type_area") }
        let top = try area?.length("top", em: bodySize, in: InputLimits.pageOffset) ?? Points(Millimetres(30))
        let left = try area?.length("left", em: bodySize, in: InputLimits.pageOffset)
            ?? Points((pageWidth.value - grid.width.value) / 2)
        guard left.value + grid.width.value <= pageWidth.value + 0.01 else {
            throw (area ?? y).error("the type area (left \(mm(left)) + \(mm(grid.width))) runs off the page (\(mm(pageWidth)) wide)")
        }
        guard top.value < pageHeight.value else { throw (area ?? y).error("the type area starts below the page (top \(mm(top)), page \(mm(pageHeight)) high)") }
        let maxLines = Int((pageHeight.value - top.value) / pitch.value)
        grid.lines = try g.int("lines", in: InputLimits.gridLines) ?? max(InputLimits.gridLines.lowerBound, maxLines - 2)
        guard grid.lines <= maxLines else {
            throw (g["lines"] ?? g).error(
                "\(grid.lines) lines of \(pitch.value)pt from \(mm(top)) run off the page (at most \(maxLines) fit)")
        }

        let mastheadLines = try y.int("masthead_lines", in: 0...InputLimits.gridLines.upperBound) ?? max(8, grid.lines / 7)
        guard mastheadLines >= 4 && mastheadLines < grid.lines / 2 else {
            throw (y["masthead_lines"] ?? y).error("masthead_lines must be between 4 and half the type area (\(grid.lines / 2))")
        }

        var profile = CompositionProfile()
        var indent = 2.0
        if let c = try y.section("composition") {
            warnings += c.unknownKeys(allowed: ["profile", "punctuation", "indent"], in: "composition")
            if let p = try c.string("profile") {
                guard let named = CompositionProfile.named(p) else {
                    throw (c["profile"] ?? c).error("unknown profile '\(p)': use gb, basic, strict, hang or grid")
                }
                profile = named
            }
            if let p = try c.string("punctuation") {
                guard let scheme = PunctuationScheme(rawValue: p) else {
                    throw (c["punctuation"] ?? c).error("unknown punctuation '\(p)': use quanjiao, kaiming or banjiao")
                }
                profile.punctuation = scheme
            }
            indent = try c.double("indent", in: 0...Double(columnChars - 1)) ?? 2
        }

        let colours = try LayoutColours.parse(y["colours"])
        var rules = RuleWeights()
        var rulePaint = Paint.black
        if let r = try y.section("rules") {
            warnings += r.unknownKeys(allowed: ["column", "story", "frame", "colour"], in: "rules")
            if let p = try LayoutColours.named(r, "colour", in: colours) { rulePaint = p }
            if let w = try r.length("column", em: bodySize, in: InputLimits.ruleWeight) { rules.column = w }
            if let w = try r.length("story", em: bodySize, in: InputLimits.ruleWeight) { rules.story = w }
            if let w = try r.length("frame", em: bodySize, in: InputLimits.ruleWeight) { rules.frame = w }
        }

        var titleSizes = [Hao.xiaochu, .yihao, .xiaoyi, .erhao, .xiaoer].map(\.points)
        if let ts = y["title_sizes"] {
            guard let seq = ts.sequence, !seq.isEmpty else { throw ts.error("title_sizes must be a list of sizes, largest first") }
            titleSizes = try seq.map { try $0.typeSize("a title size") }
        }

        let styles = try parseStyles(y.section("styles"), body: bodySize, indent: indent, colours: colours, warnings: &warnings)
        let columnWidth = Points(Double(columnChars) * bodySize.value)
        for (name, style) in [("title", styles.title), ("body", styles.body)] where style.font.size.value > columnWidth.value * 4 {
            throw y.error("the \(name) size \(style.font.size.value)pt is larger than four columns")
        }
        if styles.body.font.size.value > columnWidth.value {
            throw y.error("the body size is larger than a column")
        }
        var layout = Layout(name: name, pageWidth: pageWidth, pageHeight: pageHeight, typeAreaOrigin: (left, top),
                            grid: grid, styles: styles, rules: rules, mastheadLines: mastheadLines,
                            titleSizes: titleSizes, profile: profile, sourceFile: file)
        layout.rulePaint = rulePaint
        if let boxes = try y.section("boxes") {
            warnings += boxes.unknownKeys(allowed: ["fill"], in: "boxes")
            layout.boxFill = try LayoutColours.named(boxes, "fill", in: colours)
        }
        let (print, printWarnings) = try LayoutPrint.parse(y["print"], layoutFile: file)
        layout.print = print
        warnings += printWarnings
        if let j = try y.section("jump") { warnings += try parseJumpMarkers(j, into: &layout.jumpMarkers) }
        if let p = try y.section("photos") {
            warnings += p.unknownKeys(allowed: ["min_ppi", "max_crop", "min_lines"], in: "photos")
            // max_crop is a share of a side: more than 0.6 would print a sliver of the picture.
            if let v = try p.double("min_ppi", in: 50...1200) { layout.photos.minimumPPI = v }
            if let v = try p.double("max_crop", in: 0...0.6) { layout.photos.maximumCrop = v }
            if let v = try p.int("min_lines", in: 3...max(3, grid.lines / 2)) { layout.photos.minimumLines = v }
        }
        return (layout, warnings)
    }

    /// `jump: {out: "（下转第{page}版）", in: "（上接第{page}版）", head: "{title}", numerals: chinese}`
    static func parseJumpMarkers(_ j: YAMLValue, into m: inout JumpMarkers) throws -> [Diagnostic] {
        try j.requireMapping("jump")
        let warnings = j.unknownKeys(allowed: ["out", "in", "head", "numerals"], in: "jump")
        for key in ["out", "in"] {
            guard let t = try j.string(key) else { continue }
            guard t.contains("{page") else {
                throw (j[key] ?? j).error("the jump-\(key) template must contain {page} (or {page_cn}, {page_no}): '\(t)'")
            }
            if key == "out" { m.out = t } else { m.in = t }
        }
        if let h = try j.string("head") { m.head = h }
        if let n = try j.string("numerals") {
            guard let v = JumpMarkers.Numerals(rawValue: n) else { throw (j["numerals"] ?? j).error("numerals must be arabic or chinese") }
            m.numerals = v
        }
        return warnings
    }

    static let styleNames: [String] = ["body", "column_label", "kicker", "title", "deck", "subhead", "byline", "dateline",
                                       "caption", "editors_note", "advertisement", "jump", "paper_name", "masthead",
                                       "page_header", "banner"]

    static func parseStyles(_ y: YAMLValue?, body: Points, indent: Double, colours: [String: Paint] = LayoutColours.builtIn,
                            warnings: inout [Diagnostic]) throws -> Styles {
        func s(_ role: FontRole, _ size: Points, bold: Bool = false, leading: Double = 1.25,
               align: TextStyle.Alignment = .start) -> TextStyle {
            TextStyle(font: FontSpec(role: role, size: size, bold: bold), leading: leading, align: align)
        }
        var d: [String: TextStyle] = [
            "body": s(.baoSong, body, leading: 1.5, align: .justify),
            "column_label": s(.heiTi, Hao.xiaosi.points, bold: true),
            // Heads are centred over their story, as on the sample page; `align` changes it.
            "kicker": s(.heiTi, Hao.sihao.points, align: .center),
            "title": s(.heiTi, Hao.yihao.points, bold: true, leading: 1.2, align: .center),
            "deck": s(.heiTi, Hao.sihao.points, align: .center),
            // 小标题 a size above the body, in 黑体.
            "subhead": s(.heiTi, Points(body.value + 1.5), bold: true, align: .center),
            "byline": s(.kaiTi, body),
            "dateline": s(.heiTi, body, bold: true),
            "caption": s(.kaiTi, Points(body.value * 0.9), align: .justify),
            // 编者按 stands apart from the body: 楷体, a little larger.
            "editors_note": s(.kaiTi, Points(body.value + 1.5), leading: 1.5, align: .justify),
            "advertisement": s(.heiTi, Points(body.value + 1.5), align: .center),
            // The jump-out line stands flush right at the end of its part.
            "jump": s(.kaiTi, body, align: .end),
            "paper_name": s(.heiTi, Points(64), bold: true),
            "masthead": s(.baoSong, Points(body.value + 1.5)),
            "page_header": s(.heiTi, Points(body.value + 1.5)),
            "banner": s(.heiTi, Hao.erhao.points, bold: true),
        ]
        if let y {
            warnings += y.unknownKeys(allowed: Set(styleNames), in: "styles")
            for name in styleNames {
                guard let v = try y.section(name) else { continue }
                warnings += v.unknownKeys(allowed: ["font", "size", "bold", "leading", "align", "colour"], in: "style '\(name)'")
                var st = d[name]!
                if let f = try v.string("font") {
                    guard let role = FontRole(name: f) else {
                        throw (v["font"] ?? v).error("unknown font '\(f)' in style '\(name)': use 报宋, 黑体, 楷体 or 仿宋")
                    }
                    st.font.role = role
                }
                if let sz = v["size"] { st.font.size = try sz.typeSize("the size of style '\(name)'") }
                if let b = try v.bool("bold") { st.font.bold = b }
                if let p = try LayoutColours.named(v, "colour", in: colours) { st.paint = p }
                if let l = try v.double("leading", in: 0.8...4) { st.leading = l }
                if let a = try v.string("align") {
                    guard let al = TextStyle.Alignment(rawValue: a) else {
                        throw (v["align"] ?? v).error("align must be start, center, end or justify")
                    }
                    st.align = al
                }
                d[name] = st
            }
        }
        return Styles(body: d["body"]!, columnLabel: d["column_label"]!, kicker: d["kicker"]!, title: d["title"]!,
                      deck: d["deck"]!, subhead: d["subhead"]!, byline: d["byline"]!, dateline: d["dateline"]!,
                      caption: d["caption"]!, editorsNote: d["editors_note"]!, advertisement: d["advertisement"]!,
                      jump: d["jump"]!, paperName: d["paper_name"]!, masthead: d["masthead"]!,
                      pageHeader: d["page_header"]!, banner: d["banner"]!, indent: indent)
    }

    /// A length the layout cannot do without (the page's width and height).
    static func required(_ y: YAMLValue, _ key: String, in range: ClosedRange<Double>) throws -> Points {
        guard let p = try y.length(key, em: nil, in: range) else { throw y.error("missing '\(key)'") }
        return p
    }

    static func mm(_ p: Points) -> String {
        let v = (p.value * 25.4 / 72 * 10).rounded() / 10
        return "\(v)mm"
    }
}

/// Parses `390mm`, `12pt`, `2字`/`2em` or a bare number of points.
func parseLength(_ text: String, em: Points?) -> Points? {
    let t = text.trimmedSpaces
    func num(_ suffix: String) -> Double? { Double(t.dropLast(suffix.count).trimmedSpaces) }
    if t.hasSuffix("mm"), let v = num("mm") { return Points(Millimetres(v)) }
    if t.hasSuffix("pt"), let v = num("pt") { return Points(v) }
    if let em, t.hasSuffix("字"), let v = num("字") { return Points(v * em.value) }
    if let em, t.hasSuffix("em"), let v = num("em") { return Points(v * em.value) }
    if let v = Double(t) { return Points(v) }
    return nil
}
