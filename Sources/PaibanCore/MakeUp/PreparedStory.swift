/// A story prepared for make-up: the body set once at the column measure (it does not change
/// with the story's width), the head, photo and caption set for each width on demand.

public struct HeadElement: Sendable {
    public var lines: [SetLine]
    public var lineHeight: Double
    public var gapBefore: Double
}

/// The story set at one width (in columns).
public struct StoryShape: Sendable {
    public var columns: Int
    public var head: [HeadElement]
    /// Grid lines the head block takes (with the space below it).
    public var headLines: Int
    /// Grid lines of the photo and of its caption (0 without a photo).
    public var imageLines: Int
    public var caption: [SetLine]
    public var captionLines: Int
    /// The body flow and the number of columns it flows in (an advertisement is one wide column).
    public var body: [FlowItem]
    public var bodyColumns: Int
    /// Inset of body text from the column edges (boxed text), in points.
    public var bodyInset: Double
    /// Balanced body height in grid lines.
    public var bodyLines: Int
    /// The title's line count at this width (long titles in narrow stories are avoided).
    public var titleLineCount: Int

    /// Grid lines the whole story needs, before the separator line below it.
    public var naturalLines: Int { headLines + imageLines + captionLines + bodyLines + boxPadding }
    /// Boxed stories (编者按, advertisements) have a line of padding above and one below.
    public var boxPadding: Int = 0
}

public final class PreparedStory {
    public let story: Story
    let layout: Layout
    let setter: TextSetter
    /// Normalisation changes per paragraph (for the report).
    public private(set) var normalisation: [[NormalizationChange]] = []
    public private(set) var uncovered: [Unicode.Scalar] = []
    /// Paragraphs where the 孤字 rule changed the breaks.
    public private(set) var orphansAvoided = 0
    /// The body paragraphs as set (text, font runs, role), to continue one from mid-paragraph.
    private var paragraphs: [(text: [Unicode.Scalar], runs: [StyledRun], role: TextRole, measure: Double)] = []
    private(set) var columnBody: [FlowItem] = []
    /// Inset of 编者按 text inside its box, in points.
    private var noteInset = 0.0
    private var shapes: [Int: StoryShape] = [:]

    /// Which part of a jumping story this is (1 = where it starts) and the page the previous
    /// part is on; `jumpTargets` are the pages it may still continue on.
    public private(set) var part = 1
    public private(set) var continuedFrom: Int? = nil
    /// The label of the page the previous part is on (nil: a numbered page), for `{page}` in the head.
    private(set) var continuedFromLabel: String? = nil
    var jumpTargets: [Int] = []
    /// A unique key per part: the story id, then id#2, id#3 for continuations.
    public var key: String { part == 1 ? story.id : "\(story.id)#\(part)" }
    var canJump: Bool { !jumpTargets.isEmpty }
    var markers: JumpMarkers

    public init(story: Story, layout: Layout, setter: TextSetter, markers: JumpMarkers? = nil) {
        self.story = story
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
        layout = p.layout
        setter = p.setter
        markers = p.markers
        noteInset = p.noteInset
    }

    /// The jump-out line ending a part: （下转第N版）, flush right in the column.
    func jumpOutLines(toPage page: Int, label: String?) -> [FlowItem] {
        let marker = markers.fill(markers.out, page: page, label: label, title: shortTitle)
        let column = Double(layout.grid.columnChars) * layout.grid.bodySize.value
        let p = setter.set(normalizeParagraph(marker).text, font: styles.jump.font, measure: column, align: .end,
                           role: .jump, story: story.id)
        return p.lines.map { .line($0) }
    }

    var shortTitle: String { story.jumpTitle ?? story.title ?? story.id }

    var styles: Styles { layout.styles }
    var body: Points { layout.grid.bodySize }

    public func shape(columns w: Int) -> StoryShape {
        if let s = shapes[w] { return s }
        let s = makeShape(columns: w)
        shapes[w] = s
        return s
    }

    private func makeShape(columns w: Int) -> StoryShape {
        let grid = layout.grid
        let width = Double(grid.spanChars(w)) * body.value
        let pitch = grid.linePitch.value
        var head: [HeadElement] = []
        var titleLines = 0
        if part > 1 {
            // A continuation is headed by its short title, in the smallest headline size.
            var style = styles.title
            style.font.size = layout.titleSizes.last ?? style.font.size
            let text = markers.fill(markers.head, page: continuedFrom ?? 1, label: continuedFromLabel, title: shortTitle)
            let e = headElement(text, style, width, align: .center, role: .title, gap: 0)
            titleLines = e.lines.count
            head.append(e)
        } else if story.kind != .advertisement {
            if let label = story.columnLabel, !label.isEmpty {
                head.append(headElement(label, styles.columnLabel, width, align: .start, role: .columnLabel, gap: 0))
            }
            if let kicker = story.kicker, !kicker.isEmpty {
                head.append(headElement(kicker, styles.kicker, width, align: .center, role: .kicker, gap: head.isEmpty ? 0 : 0.4))
            }
            if let title = story.title, !title.isEmpty {
                var style = styles.title
                style.font.size = layout.titleSize(priority: story.priority)
                // A title never sets larger than fits three characters to a column.
                style.font.size = Points(min(style.font.size.value, width / 3))
                var e = headElement(title, style, width, align: .center, role: .title, gap: head.isEmpty ? 0 : 0.3)
                // In a narrow story the title steps down the house sizes while it would break a
                // word (SEMICO|N at one column) or stack more than three lines: a one-column
                // head is small and short, as on a printed page.
                for smaller in layout.titleSizes.map(\.value).sorted(by: >) where smaller < style.font.size.value {
                    guard e.lines.count > 3 || breaksWord(e.lines, of: title) else { break }
                    style.font.size = Points(smaller)
                    e = headElement(title, style, width, align: .center, role: .title, gap: head.isEmpty ? 0 : 0.3)
                }
                titleLines = e.lines.count
                head.append(e)
            }
            if let deck = story.deck, !deck.isEmpty {
                head.append(headElement(deck, styles.deck, width, align: .center, role: .deck, gap: 0.4))
            }
        }
        var headPoints = 0.0
        for e in head { headPoints += e.gapBefore * e.lineHeight + Double(e.lines.count) * e.lineHeight }
        let headLines = head.isEmpty ? 0 : Int(((headPoints + 0.6 * pitch) / pitch).rounded(.up))

        var imageLines = 0, caption: [SetLine] = [], captionLines = 0
        if part == 1, let image = story.images.first {
            imageLines = max(3, Int((width / image.aspect / pitch).rounded()))
            if let text = captionText(image) {
                let p = setter.set(normalizeParagraph(text).text, font: styles.caption.font, measure: width,
                                   align: .justify, role: .caption, story: story.id)
                caption = p.lines
                let h = Double(caption.count) * styles.caption.font.size.value * styles.caption.leading
                captionLines = Int(((h + 0.3 * pitch) / pitch).rounded(.up))
            }
        }

        var items = columnBody
        var bodyColumns = w
        var inset = 0.0
        var padding = 0
        switch story.kind {
        case .advertisement:
            items = advertisementBody(width: width - 2 * body.value)
            bodyColumns = 1
            inset = body.value
            padding = 2
        case .editorsNote:
            inset = noteInset
            padding = 2
        default:
            break
        }
        var shape = StoryShape(columns: w, head: head, headLines: headLines, imageLines: imageLines, caption: caption,
                               captionLines: captionLines, body: items, bodyColumns: bodyColumns, bodyInset: inset,
                               bodyLines: naturalHeight(items, columns: bodyColumns), titleLineCount: titleLines)
        shape.boxPadding = padding
        return shape
    }

    private func captionText(_ image: ImageRef) -> String? {
        let parts = [image.caption, image.credit.map { "（\($0)）" }].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined()
    }

    /// Whether a line of `text` set as a head ends inside a Latin word or number (the word
    /// was broken because it is wider than the measure).
    private func breaksWord(_ lines: [SetLine], of text: String) -> Bool {
        let scalars = Array(ideographicSpacesBetweenHan(normalizeParagraph(text).text).unicodeScalars)
        func latin(_ i: Int) -> Bool {
            guard i >= 0 && i < scalars.count else { return false }
            let s = scalars[i]
            return s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))
        }
        return lines.dropFirst().contains { latin($0.start - 1) && latin($0.start) }
    }

    /// A head element, its lines balanced: the measure is narrowed while the line count holds,
    /// so a two-line title is two even lines, centred, not one full line and a stub.
    private func headElement(_ text: String, _ style: TextStyle, _ width: Double, align: TextStyle.Alignment,
                             role: TextRole, gap: Double) -> HeadElement {
        let lines = balancedLines(ideographicSpacesBetweenHan(normalizeParagraph(text).text), font: style.font,
                                  width: width, align: align, role: role)
        return HeadElement(lines: lines, lineHeight: style.font.size.value * style.leading, gapBefore: gap)
    }

    /// Display text (headlines, subheads) set solid on whole ems of its size, its lines balanced:
    /// the measure is narrowed while the line count holds, so two lines are two even lines, not a
    /// full line and a stub; then centred in `width` when centred.
    private func balancedLines(_ text: String, font: FontSpec, width: Double, align: TextStyle.Alignment,
                               role: TextRole) -> [SetLine] {
        let step = font.size.value
        var measure = max(step, (width / step + 1e-6).rounded(.down) * step)
        var best = setter.set(text, font: font, measure: measure, align: align, role: role, story: story.id)
        if best.lines.count > 1 {
            // The narrowest whole-em measure that keeps the line count (binary search: the
            // count only grows as the measure narrows).
            var lo = 2, hi = Int((measure / step).rounded()) // ems; `hi` is known to work
            while lo < hi {
                let mid = (lo + hi) / 2
                let trial = setter.set(text, font: font, measure: Double(mid) * step, align: align, role: role,
                                       story: story.id)
                if trial.lines.count > best.lines.count || trial.lines.contains(where: \.overfull) {
                    lo = mid + 1
                } else {
                    hi = mid
                    best = trial
                }
            }
            if Double(hi) * step != measure {
                best = setter.set(text, font: font, measure: Double(hi) * step, align: align, role: role, story: story.id)
                measure = Double(hi) * step
            }
        }
        let shift = align == .center ? (width - measure) / 2 : 0
        if shift > 0 {
            for k in best.lines.indices {
                best.lines[k].runs = best.lines[k].runs.map { $0.shifted(by: shift) }
            }
        }
        uncovered += best.uncovered
        return best.lines
    }

    /// The body: byline on its own line, dateline run into the first paragraph in bold,
    /// subheads, the credit closing the last paragraph.
    private func setBody(measure: Double, align: TextStyle.Alignment) -> [FlowItem] {
        var items: [FlowItem] = []
        if let byline = story.byline, !byline.isEmpty {
            let p = setter.set(ideographicSpacesBetweenHan(normalizeParagraph(byline).text), font: styles.byline.font, measure: measure,
                               align: .start, role: .byline, story: story.id)
            items += p.lines.map { .line($0) }
        }
        let lastParagraph = story.body.lastIndex { if case .paragraph = $0 { return true } else { return false } }
        var firstParagraph = true
        for (k, block) in story.body.enumerated() {
            switch block {
            case .subhead(let s):
                let align = styles.subhead.align == .justify ? TextStyle.Alignment.center : styles.subhead.align
                items.append(.subhead(balancedLines(ideographicSpacesBetweenHan(normalizeParagraph(s).text),
                                                    font: styles.subhead.font, width: measure, align: align,
                                                    role: .subhead)))
            case .paragraph(let raw):
                let n = normalizeParagraph(raw)
                normalisation.append(n.changes)
                var text = Array(n.text.unicodeScalars)
                var runs: [StyledRun] = []
                var prefix: [Unicode.Scalar] = []
                if firstParagraph {
                    if story.kind == .editorsNote {
                        prefix = Array("编者按：".unicodeScalars)
                    } else if let d = story.dateline, !d.isEmpty {
                        prefix = Array((normalizeParagraph(d).text + "\u{3000}").unicodeScalars)
                    }
                }
                if k == lastParagraph, let credit = story.credit, !credit.isEmpty {
                    let c = credit.hasPrefix("（") ? credit : "（\(credit)）"
                    text += Array(c.unicodeScalars)
                }
                let bodyStyle = story.kind == .editorsNote ? styles.editorsNote : styles.body
                if !prefix.isEmpty {
                    runs.append(StyledRun(range: 0..<prefix.count, font: styles.dateline.font.sized(bodyStyle.font.size)))
                }
                runs.append(StyledRun(range: prefix.count..<(prefix.count + text.count), font: bodyStyle.font))
                let role: TextRole = story.kind == .editorsNote ? .editorsNote : .body
                let p = setter.set(prefix + text, runs: runs, measure: measure, indent: styles.indent, align: align,
                                   role: role, story: story.id)
                uncovered += p.uncovered
                if p.orphanAvoided { orphansAvoided += 1 }
                let index = paragraphs.count
                paragraphs.append((prefix + text, runs, role, measure))
                items += p.lines.map { line in
                    var l = line
                    l.paragraph = index
                    return .line(l)
                }
                firstParagraph = false
            }
        }
        return items
    }

    /// An advertisement: its title large and centred, then its lines centred.
    private func advertisementBody(width: Double) -> [FlowItem] {
        var items: [FlowItem] = []
        if let t = story.title, !t.isEmpty {
            var font = styles.advertisement.font
            font.size = Points(min(font.size.value * 1.6, layout.grid.linePitch.value))
            font.bold = true
            let p = setter.set(normalizeParagraph(t).text, font: font, measure: width, align: .center,
                               role: .advertisement, story: story.id)
            items += p.lines.map { .line($0) }
        }
        for block in story.body {
            let s: String
            switch block { case .paragraph(let x), .subhead(let x): s = x }
            let n = normalizeParagraph(s)
            normalisation.append(n.changes)
            var font = styles.advertisement.font
            font.size = Points(min(font.size.value, layout.grid.linePitch.value))
            let p = setter.set(n.text, font: font, measure: width, align: .center, role: .advertisement, story: story.id)
            uncovered += p.uncovered
            items += p.lines.map { .line($0) }
        }
        return items
    }
}
