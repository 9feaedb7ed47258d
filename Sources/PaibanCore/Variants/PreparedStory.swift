/// A story prepared for make-up: the body set once at the column measure (it does not change
/// with the story's width), the head, photo and caption set for each width on demand.

public struct HeadElement: Sendable {
    public var lines: [SetLine]
    public var lineHeight: Double
    public var gapBefore: Double
    /// Why the element could not break between words in its width (nil: it could).
    public var problem: String? = nil
    public var uncovered: [Unicode.Scalar] = []
    /// Drawn in a frame (a commentary's 栏目 logo).
    public var framed = false
}

/// The story's head and body set at one width (in columns) with one title size; the photo's
/// sizes are the variant's (see `StoryVariant`).
public struct StoryShape: Sendable {
    public var columns: Int
    public var head: [HeadElement]
    /// Grid lines the head block takes (with the space below it).
    public var headLines: Int
    /// The body flow and the number of columns it flows in (an advertisement is one wide column).
    public var body: [FlowItem]
    public var bodyColumns: Int
    /// Inset of body text from the column edges (boxed text), in points.
    public var bodyInset: Double
    /// Level body height in grid lines without a photo.
    public var bodyLines: Int
    /// Column-lines a column of that body ends short beyond the line level columns may
    /// (`naturalFlow`): the columns do not end level.
    public var raggedLines = 0
    /// The body's flow as numbers, for trial fills, and the lines it takes in all (a subhead's
    /// blank line above it counted).
    var bodyUnits: FlowUnits = [] {
        didSet {
            bodyLineCount = bodyUnits.reduce(0) { $0 + abs($1) + ($1 < 0 ? 1 : 0) }
            bodyRuns = flowRuns(bodyUnits)
        }
    }
    /// The same flow with its lines in runs, for the search's trial fills (`flowRuns`).
    private(set) var bodyRuns: FlowUnits = []
    public private(set) var bodyLineCount = 0
    /// The title's line count and size at this width.
    public var titleLineCount: Int
    public var titleSize: Points?
    /// Lines of display type (kicker and title: text at least 1.5 × the body size) stacked in
    /// the head: four or more in a story one or two columns wide is a stacked head (叠题).
    public var displayLines: Int = 0
    /// Display lines of this shape that could not break between words (for the report and
    /// for the optimiser, which prefers widths where every head sets cleanly).
    public var headProblems: [String] = []
    /// Characters no font has in the head at this width.
    public var uncovered: [Unicode.Scalar] = []
    /// Boxed stories (编者按, advertisements) have a line of padding above and one below.
    public var boxPadding: Int = 0

    /// Grid lines the story needs without a photo, before the separator line below it.
    public var naturalLines: Int { headLines + bodyLines + boxPadding }
}

public final class PreparedStory {
    public let story: Story
    let layout: Layout
    let setter: TextSetter
    public private(set) var uncovered: [Unicode.Scalar] = []
    /// Paragraphs where the 孤字 rule changed the breaks.
    public private(set) var orphansAvoided = 0
    /// Bylines and subheads that could not break between words at the column measure.
    public private(set) var bodyProblems: [String] = []
    /// The body paragraphs as set (text, font runs, role), to continue one from mid-paragraph.
    private var paragraphs: [(text: [Unicode.Scalar], runs: [StyledRun], role: TextRole, measure: Double)] = []
    private(set) var columnBody: [FlowItem] = []
    /// Inset of 编者按 text inside its box, in points.
    private var noteInset = 0.0
    private var shapes: [Int: StoryShape] = [:]
    /// Variants per width, and level body heights per width and photo span (see StoryVariants).
    /// (Read for every rectangle the page search tries: open-addressed tables, as SipHash on
    /// these keys was the search's largest hashing cost once its own memo had a table, perf.)
    var variantMemo = SearchTable<[StoryVariant]>(capacity: 16, placeholder: [])
    var bodyHeightMemo = SearchTable<(lines: Int, white: Int, ragged: Int)>(capacity: 64, placeholder: (0, 0, 0))
    var photoSpanMemo: [Int: (PhotoOption, [String])] = [:]
    /// A head's text as display lines set it (normalised, spaces between Han runs), by the
    /// text: the head is set at every width and size tried, and normalising it each time was
    /// a tenth of setting the heads (perf, 11-page bench edition).
    var displayTextMemo: [String: String] = [:]

    /// Which part of a jumping story this is (1 = where it starts) and the page the previous
    /// part is on; `jumpTargets` are the pages it may still continue on.
    public private(set) var part = 1
    public private(set) var continuedFrom: Int? = nil
    /// The label of the page the previous part is on (nil: a numbered page), for `{page}` in the head.
    private(set) var continuedFromLabel: String? = nil
    var jumpTargets: [Int] = []
    /// The story is given a fixed area by the manifest: an advertisement then tries every way
    /// of setting its copy that could fill it (`advertisementVariants`); placed by the search,
    /// its box is sized to the copy, and the coarse sizes do (the full set, tried at every
    /// width the search asks for, doubled the sample's make-up with its two ads unfixed).
    var fillsFixedBox = false
    /// A unique key per part: the story id, then id#2, id#3 for continuations.
    public var key: String { part == 1 ? story.id : "\(story.id)#\(part)" }
    var canJump: Bool { !jumpTargets.isEmpty }
    var markers: JumpMarkers

    /// The story's kind and priority, read by the optimiser for every fit (a copy of the whole
    /// story each time was measurable).
    public let kind: StoryKind
    public let priority: Int

    public init(story: Story, layout: Layout, setter: TextSetter, markers: JumpMarkers? = nil) {
        self.story = story
        kind = story.kind
        priority = story.priority
        self.layout = layout
        self.setter = setter
        self.markers = markers ?? layout.jumpMarkers
        let column = Double(layout.grid.columnChars) * layout.grid.bodySize.value
        if story.kind == .editorsNote {
            // Boxed text keeps clear of the box (which stays inside the type area): a whole
            // number of its own ems, at least half a body em in from each side, centred.
            let size = layout.styles.editorsNote.font.size.value
            let measure = ((column - layout.grid.bodySize.value) / size + 1e-9).rounded(.down) * size
            noteInset = (column - measure) / 2
            columnBody = setBody(measure: measure, align: .justify)
        } else if story.kind != .advertisement {
            columnBody = setBody(measure: column, align: .justify)
        }
    }

    /// The continuation of this story from body item `from` on, opening with its jump-in line
    /// (（上接第N版）) under a continuation head.
    func continuation(from: Int, fromPage: Int, fromLabel: String?, targets: [Int]) -> PreparedStory {
        let next = PreparedStory(continuing: self)
        next.part = part + 1
        next.continuedFrom = fromPage
        next.continuedFromLabel = fromLabel
        next.jumpTargets = targets
        next.paragraphs = paragraphs
        let marker = Array(normalizeParagraph(markers.fill(markers.in, page: fromPage, label: fromLabel,
                                                             title: shortTitle)).text.unicodeScalars)
        let column = Double(layout.grid.columnChars) * layout.grid.bodySize.value
        let markerRun = StyledRun(range: 0..<marker.count, font: styles.jump.font, role: .jump)
        var rest = Array(columnBody[from...])
        if case .line(let first)? = rest.first, let k = first.paragraph {
            // The jump-in line runs into the continued text: the cut paragraph is set again from
            // the cut on, after the marker (the same characters, no indent).
            let p = paragraphs[k]
            let tail = Array(p.text[first.start...])
            var runs = [markerRun]
            for r in p.runs where r.range.upperBound > first.start {
                let lo = max(r.range.lowerBound, first.start) - first.start + marker.count
                let hi = r.range.upperBound - first.start + marker.count
                runs.append(StyledRun(range: lo..<hi, font: r.font))
            }
            let set = setter.set(marker + tail, runs: runs, measure: p.measure, indent: 0, align: .justify,
                                 role: p.role, story: story.id)
            let end = rest.firstIndex { item in
                if case .line(let l) = item { return l.paragraph != k } else { return true }
            } ?? rest.count
            rest.replaceSubrange(0..<end, with: set.lines.map { .line($0) })
        } else {
            // The continuation opens with a subhead: the jump-in line stands on its own.
            let line = setter.set(marker, runs: [markerRun], measure: column, align: .start, role: .jump, story: story.id)
            rest = line.lines.map { .line($0) } + rest
        }
        next.columnBody = rest
        return next
    }

    private init(continuing p: PreparedStory) {
        story = p.story
        kind = p.kind
        priority = p.priority
        layout = p.layout
        setter = p.setter
        markers = p.markers
        noteInset = p.noteInset
    }

    /// The jump-out line ending a part: （下转第N版）, flush right in the column.
    func jumpOutLines(toPage page: Int, label: String?) -> [FlowItem] {
        let marker = markers.fill(markers.out, page: page, label: label, title: shortTitle)
        let column = Double(layout.grid.columnChars) * layout.grid.bodySize.value
        // A display line, aligned as the jump style says (flush right by default).
        let p = setter.setDisplay(normalizeParagraph(marker).text, font: styles.jump.font, measure: column,
                                  align: styles.jump.align == .justify ? .end : styles.jump.align, role: .jump,
                                  story: story.id)
        return p.lines.map { .line($0) }
    }

    var shortTitle: String { story.shortTitle }

    var styles: Styles { layout.styles }
    var body: Points { layout.grid.bodySize }

    /// The story set `w` columns wide, its title `titleStep` house sizes larger (+1) or
    /// smaller (−1) than its priority gives.
    public func shape(columns w: Int, titleStep: Int = 0) -> StoryShape {
        let key = w * 8 + titleStep + 4
        if let s = shapes[key] { return s }
        let s = makeShape(columns: w, titleStep: titleStep)
        shapes[key] = s
        return s
    }

    /// The house title sizes, largest first, and the index of the size a priority gives.
    var titleLadder: [Double] { layout.titleLadder }
    func titleIndex(priority: Int) -> Int {
        titleLadder.firstIndex(of: layout.titleSize(priority: priority).value) ?? 0
    }

    private func makeShape(columns w: Int, titleStep: Int) -> StoryShape {
        let grid = layout.grid
        let width = Double(grid.spanChars(w)) * body.value
        // Heads keep half a body em clear of each side, as a gutter's worth of air between
        // a head and the rules beside its story.
        let headInset = 0.5 * body.value
        let pitch = grid.linePitch.value
        var head: [HeadElement] = []
        var titleLines = 0
        var titleSize: Points? = nil
        if part > 1 {
            // A continuation is headed by its short title, in the smallest headline size.
            var style = styles.title
            style.font.size = layout.titleSizes.last ?? style.font.size
            let text = markers.fill(markers.head, page: continuedFrom ?? 1, label: continuedFromLabel, title: shortTitle)
            let e = headElement(text, style, width, role: .title, gap: 0, inset: headInset)
            titleLines = e.lines.count
            head.append(e)
        } else if story.kind != .advertisement {
            if let label = story.columnLabel ?? (story.kind == .briefs && story.title == nil ? "简讯" : nil),
               !label.isEmpty {
                var e = headElement(label, styles.columnLabel, width, role: .columnLabel, gap: 0)
                // A commentary's 栏目 (人民时评, 本报评论) is its logo: framed, at the head's start.
                if story.kind == .commentary {
                    e.framed = true
                    // Clear of its frame, which starts at the story's edge.
                    let inset = 0.3 * styles.columnLabel.font.size.value
                    if styles.columnLabel.align == .start {
                        for k in e.lines.indices { e.lines[k].runs = e.lines[k].runs.map { $0.shifted(by: inset) } }
                    }
                }
                head.append(e)
            }
            if let kicker = story.kicker, !kicker.isEmpty {
                head.append(headElement(kicker, styles.kicker, width, role: .kicker, gap: head.isEmpty ? 0 : 0.4,
                                        inset: headInset))
            }
            if let title = story.title, !title.isEmpty {
                var style = styles.title
                let ladder = titleLadder
                let index = max(0, min(ladder.count - 1, titleIndex(priority: story.priority) - titleStep))
                style.font.size = Points(ladder.isEmpty ? layout.titleSize(priority: story.priority).value : ladder[index])
                // A title never sets larger than fits three characters to a column.
                style.font.size = Points(min(style.font.size.value, width / 3))
                var e = headElement(title, style, width, role: .title, gap: head.isEmpty ? 0 : 0.3, inset: headInset)
                // In a narrow story the title steps down the house sizes while it cannot break
                // between words (SEMICO|N at one column) or stacks more than three lines: a
                // one-column head is small and short, as on a printed page.
                for smaller in layout.titleSizes.map(\.value).sorted(by: >) where smaller < style.font.size.value {
                    guard e.lines.count > 3 || e.problem != nil else { break }
                    style.font.size = Points(smaller)
                    e = headElement(title, style, width, role: .title, gap: head.isEmpty ? 0 : 0.3, inset: headInset)
                }
                titleLines = e.lines.count
                titleSize = style.font.size
                head.append(e)
            }
            if let deck = story.deck, !deck.isEmpty {
                head.append(headElement(deck, styles.deck, width, role: .deck, gap: 0.4, inset: headInset))
            }
            if story.kind == .commentary {
                // 本报评论员 (or the writer) under the head, centred over the text it signs.
                var style = styles.byline
                style.align = .center
                head.append(headElement(story.byline ?? "本报评论员", style, width, role: .byline,
                                        gap: head.isEmpty ? 0 : 0.5, breaking: .byline))
            }
        }
        var headPoints = 0.0
        for e in head { headPoints += e.gapBefore * e.lineHeight + Double(e.lines.count) * e.lineHeight }
        let headLines = head.isEmpty ? 0 : Int(((headPoints + 0.6 * pitch) / pitch).rounded(.up))

        var items = columnBody
        var bodyColumns = w
        var inset = 0.0
        var padding = 0
        switch story.kind {
        case .advertisement:
            // Its lines are the variant's (set at several sizes, see `advertisementVariants`).
            items = []
            bodyColumns = 1
            inset = body.value
            padding = 2
        case .editorsNote:
            inset = noteInset
            padding = 2
        default:
            break
        }
        var shape = StoryShape(columns: w, head: head, headLines: headLines, body: items, bodyColumns: bodyColumns,
                               bodyInset: inset, bodyLines: 0, titleLineCount: titleLines, titleSize: titleSize)
        shape.boxPadding = padding
        shape.bodyUnits = flowUnits(items)
        let natural = naturalFlow(shape.bodyRuns, tops: Array(repeating: 0, count: max(0, bodyColumns)))
        shape.bodyLines = natural.height
        shape.raggedLines = natural.ragged
        shape.displayLines = head.filter { e in
            (e.lines.first?.runs.first?.font.size.value ?? 0) >= 1.5 * body.value && e.lines.first?.runs.first?.role != .columnLabel
        }.reduce(0) { $0 + $1.lines.count }
        shape.headProblems = head.compactMap(\.problem)
        shape.uncovered = head.flatMap(\.uncovered)
        return shape
    }

    /// The body: byline on its own line, dateline run into the first paragraph in bold,
    /// subheads, the credit closing the last paragraph.
    private func setBody(measure: Double, align: TextStyle.Alignment) -> [FlowItem] {
        var items: [FlowItem] = []
        // A commentary's byline stands under its head (see `makeShape`), not above the text.
        if story.kind != .commentary, let byline = story.byline, !byline.isEmpty {
            let e = headElement(byline, styles.byline, measure, role: .byline, gap: 0, breaking: .byline)
            bodyProblems += e.problem.map { [$0] } ?? []
            uncovered += e.uncovered
            items += e.lines.map { .line($0) }
        }
        let lastParagraph = story.body.lastIndex { if case .paragraph = $0 { return true } else { return false } }
        var firstParagraph = true
        // In a 简讯 roundup each item's title runs into its paragraph: ■ and the title in bold.
        var itemTitle: String? = nil
        for (k, block) in story.body.enumerated() {
            if story.kind == .briefs, case .subhead(let s) = block {
                if let pending = itemTitle { items += setBriefsItem(title: pending, text: nil, measure: measure, align: align) }
                itemTitle = s
                continue
            }
            if story.kind == .briefs, case .paragraph(let raw) = block, let title = itemTitle {
                let text = Array(normalizeParagraph(raw).text.unicodeScalars) + (k == lastParagraph ? closingCredit : [])
                items += setBriefsItem(title: title, text: text, measure: measure, align: align)
                itemTitle = nil
                firstParagraph = false
                continue
            }
            switch block {
            case .subhead(let s):
                let e = headElement(s, styles.subhead, measure, role: .subhead, gap: 0)
                bodyProblems += e.problem.map { [$0] } ?? []
                uncovered += e.uncovered
                items.append(.subhead(e.lines))
            case .paragraph(let raw):
                let n = normalizeParagraph(raw)
                var text = Array(n.text.unicodeScalars)
                var prefix: [Unicode.Scalar] = []
                if firstParagraph {
                    if story.kind == .editorsNote {
                        prefix = Array("编者按：".unicodeScalars)
                    } else if let d = story.dateline, !d.isEmpty {
                        prefix = Array((normalizeParagraph(d).text + "\u{3000}").unicodeScalars)
                    } else if let typed = typedDateline(text) {
                        // 本报讯 typed into the copy is set as a dateline too, in bold.
                        prefix = Array(text[..<typed])
                        text = Array(text[typed...])
                    }
                }
                if k == lastParagraph { text += closingCredit }
                let note = story.kind == .editorsNote
                items += setParagraph(runIn: prefix, text: text, style: note ? styles.editorsNote : styles.body,
                                      role: note ? .editorsNote : .body, measure: measure, align: align)
                firstParagraph = false
            }
        }
        if let pending = itemTitle { items += setBriefsItem(title: pending, text: nil, measure: measure, align: align) }
        return items
    }

    /// One item of a 简讯 roundup: ■ and its title run in bold, an ideographic space, its text.
    private func setBriefsItem(title: String, text: [Unicode.Scalar]?, measure: Double,
                               align: TextStyle.Alignment) -> [FlowItem] {
        let head = Array(("■" + normalizeParagraph(title).text + (text == nil ? "" : "\u{3000}")).unicodeScalars)
        return setParagraph(runIn: head, text: text ?? [], style: styles.body, role: .body, measure: measure, align: align)
    }

    /// The writer's name closing a short item, （耀文）, or nothing.
    private var closingCredit: [Unicode.Scalar] {
        guard let credit = story.credit, !credit.isEmpty else { return [] }
        return Array((credit.hasPrefix("（") ? credit : "（\(credit)）").unicodeScalars)
    }

    /// A body paragraph, its run-in start (dateline, 编者按：, a briefs item's title) in the
    /// dateline's bold face at the text's size, kept so a jump can continue it mid-paragraph.
    private func setParagraph(runIn prefix: [Unicode.Scalar], text: [Unicode.Scalar], style: TextStyle, role: TextRole,
                              measure: Double, align: TextStyle.Alignment) -> [FlowItem] {
        var runs: [StyledRun] = []
        if !prefix.isEmpty {
            runs.append(StyledRun(range: 0..<prefix.count, font: styles.dateline.font.sized(style.font.size)))
        }
        if !text.isEmpty { runs.append(StyledRun(range: prefix.count..<(prefix.count + text.count), font: style.font)) }
        let p = setter.set(prefix + text, runs: runs, measure: measure, indent: styles.indent, align: align,
                           role: role, story: story.id)
        uncovered += p.uncovered
        if p.orphanAvoided { orphansAvoided += 1 }
        let index = paragraphs.count
        if let problem = p.settingProblem("paragraph \(index + 1)"), !bodyProblems.contains(problem) { bodyProblems.append(problem) }
        paragraphs.append((prefix + text, runs, role, measure))
        return p.lines.map { line in
            var l = line
            l.paragraph = index
            return .line(l)
        }
    }

    /// Where a dateline typed at the start of the copy ends, its space included: 本报讯,
    /// 本报北京3月18日电, 新华社上海6月1日电 followed by a space (the editor did not give it as
    /// `dateline:`). Nil when the paragraph opens otherwise.
    private func typedDateline(_ text: [Unicode.Scalar]) -> Int? {
        guard let space = text.prefix(24).firstIndex(where: { $0 == "\u{3000}" || $0 == " " }), space >= 3 else { return nil }
        let head = String(String.UnicodeScalarView(text[..<space]))
        let wire = ["本报", "新华社", "中新社"].contains { head.hasPrefix($0) } && head.hasSuffix("电")
        guard head == "本报讯" || wire else { return nil }
        var end = space
        while end < text.count, text[end] == "\u{3000}" || text[end] == " " { end += 1 }
        return end
    }
}
