/// Story variants: the shapes a designer would consider for a story, each from really setting
/// it. A variant is a value: its head, body and photo as set at one width with one title size
/// and one photo span, the range of heights it can fill, and what could not be set cleanly. The
/// optimiser chooses among them; the renderer draws the one chosen (see `StoryFit`).
///
/// From the research (newspaper-conventions.md §3): GN4 and Eidos/Sophi lay out "story
/// variants" (the same story pre-set in several sizes) and pack them; Strecker & Hennig and
/// the Norwegian Aftenposten work solve the page as a choice of one variant per story. Here a
/// variant is elastic within set bounds (photo height, white around the head, a line at the
/// foot), which is what lets whole rectangles tile the page exactly.

/// A photo's size in a variant: the columns it spans (from the story's left edge) and the
/// heights in grid lines (its caption not included) it may take within the layout's limits.
public struct PhotoOption: Sendable {
    public var columns: Int
    /// Width of the frame in points.
    public var width: Double
    public var naturalLines: Int
    public var minLines: Int
    public var maxLines: Int
    public var caption: [SetLine]
    public var captionLines: Int
    /// Pixel size of the source (nil when the file is missing: a placeholder keeps its place).
    public var pixels: (width: Int, height: Int)?

    /// Effective resolution at `lines` grid lines of `pitch` points (cover-cropped frame).
    public func ppi(lines: Int, pitch: Double) -> Double? {
        guard let px = pixels else { return nil }
        let h = photoFrameHeight(lines: lines, pitch: pitch)
        let scale = max(width / Double(px.width), h / Double(px.height))
        return 72 / scale
    }
}

/// The photo's frame in a run of `lines` grid lines: a little air above and below it.
func photoFrameHeight(lines: Int, pitch: Double) -> Double { Double(lines) * pitch - 0.3 * pitch }

/// A class, so the optimiser's many fits share one variant rather than copy its lines.
public final class StoryVariant: Sendable {
    public let shape: StoryShape
    /// House sizes larger (+1) or smaller (−1) than the story's priority gives its title.
    public let titleStep: Int
    public let photo: PhotoOption?
    /// The story has a photo, but no size of it is allowed at this width (too few pixels for
    /// its span, or no room): it is left out, and the variant says so.
    public let photoLeftOut: String?
    /// Lines of white the head block may take above and below itself to make copy fit.
    public let headWhiteLimit: Int
    /// Everything that could not be set cleanly in this variant (heads or captions broken
    /// inside a word, a photo left out): the report takes them from the chosen variant only.
    public let diagnostics: [String]
    /// An advertisement's elements (title, copy), which share its white; 0 for a story.
    public let advertisementElements: Int
    /// An advertisement's copy lines, and their ink (the type sizes added up) in grid lines:
    /// its white is spread evenly between them (see `StoryFit.holeLines`).
    public let advertisementLines: Int
    public let advertisementInkLines: Double

    public var columns: Int { shape.columns }

    init(shape: StoryShape, titleStep: Int, photo: PhotoOption?, photoLeftOut: String?, headWhiteLimit: Int,
         diagnostics: [String], advertisementElements: Int = 0, advertisementLines: Int = 0,
         advertisementInkLines: Double = 0) {
        self.shape = shape
        self.titleStep = titleStep
        self.photo = photo
        self.photoLeftOut = photoLeftOut
        self.headWhiteLimit = headWhiteLimit
        self.diagnostics = diagnostics
        self.advertisementElements = advertisementElements
        self.advertisementLines = advertisementLines
        self.advertisementInkLines = advertisementInkLines
    }
}

extension PreparedStory {
    /// The variants of this story `w` columns wide: its title at its priority's size and a
    /// step either way, the photo spanning the story or, when its pixels do not allow that
    /// width, the widest span they do.
    public func variants(columns w: Int) -> [StoryVariant] {
        if let v = variantMemo[w] { return v }
        var out: [StoryVariant] = []
        // Pruned by a cheap estimate (the body's depth at this width, before any other size of
        // head is set): at a width the score rules out — legs under three lines across three
        // columns or more, a long story one column wide — one variant is enough to say so; its
        // title steps are not set (a third of the heads on the bench's news edition).
        let base = self.shape(columns: w, titleStep: 0)
        let legs = base.bodyLines
        let ruledOut = kind != .advertisement && kind != .editorsNote
            && (w >= 3 && legs > 0 && legs < PageScore.thinLegLines || w == 1 && legs > PageScore.shortItemLines)
        let steps = ruledOut ? [0] : titleSteps
        let photos = photoOptions(columns: w)
        for step in steps {
            // A size larger only for a title of at most two lines (a third would be dearer than
            // the step gains); a size smaller only for one of two lines or more, or one that
            // cannot break cleanly (to save a line or a broken word). Measured: a third fewer
            // heads set, no page of the bench or stress editions made up differently.
            if step > 0 && base.titleLineCount > 2 { continue }
            if step < 0 && base.titleLineCount < 2 && base.headProblems.isEmpty { continue }
            let shape = step == 0 ? base : self.shape(columns: w, titleStep: step)
            // A step that sets exactly as another (a title that fell back to the same size) adds nothing.
            if step != 0, out.contains(where: { $0.shape.titleSize == shape.titleSize && $0.shape.headLines == shape.headLines }) {
                continue
            }
            out += variants(shape, titleStep: step, photos: photos)
            if story.kind == .advertisement { break }
        }
        variantMemo[w] = out
        return out
    }

    /// The variants `w` columns wide with the title `step` sizes from its priority's, set even
    /// where `variants(columns:)` prunes that step: for the make-up's second look at a head that
    /// stands abreast of another of its size (`HeadSizeStagger`). None for a step the house
    /// ladder does not give this story.
    func variants(columns w: Int, titleStep step: Int) -> [StoryVariant] {
        guard titleSteps.contains(step) else { return [] }
        return variants(shape(columns: w, titleStep: step), titleStep: step, photos: photoOptions(columns: w))
    }

    /// The variants of one shape: one per photo size, or one without the photo.
    private func variants(_ shape: StoryShape, titleStep step: Int,
                          photos: (options: [(option: PhotoOption, problems: [String])], leftOut: String?)) -> [StoryVariant] {
        if story.kind == .advertisement { return advertisementVariants(shape) }
        let limit = headWhiteLimit(shape)
        if photos.options.isEmpty {
            return [StoryVariant(shape: shape, titleStep: step, photo: nil, photoLeftOut: photos.leftOut,
                                 headWhiteLimit: limit,
                                 diagnostics: shape.headProblems + (photos.leftOut.map { [$0] } ?? []))]
        }
        return photos.options.map { p in
            StoryVariant(shape: shape, titleStep: step, photo: p.option, photoLeftOut: nil,
                         headWhiteLimit: limit, diagnostics: shape.headProblems + p.problems)
        }
    }

    /// Title steps worth trying: the priority's size, one larger and one smaller where the house
    /// has them (a continuation and an untitled story have only their own).
    private var titleSteps: [Int] {
        guard part == 1, story.title?.isEmpty == false, story.kind != .advertisement else { return [0] }
        let index = titleIndex(priority: story.priority), count = titleLadder.count
        var steps = [0]
        if index + 1 < count { steps.append(-1) }
        // A size larger, but never as large as the lead's: headline size follows priority.
        let lead = titleIndex(priority: 1)
        if index > 0 && (story.priority == 1 || index - 1 > lead) { steps.append(1) }
        return steps
    }

    /// White the head may take around itself to make copy fit: up to half its height, at least
    /// three lines (split above and below, a line and a half each side reads as air round a
    /// head, not as a hole: layoutcheck, like a designer, allows a line either side) and at most
    /// four.
    private func headWhiteLimit(_ shape: StoryShape) -> Int {
        guard shape.headLines > 0, story.kind != .editorsNote, story.kind != .advertisement else { return 0 }
        return min(4, max(3, shape.headLines / 2))
    }

    /// The photo's allowed sizes at width `w`: spanning the story, and one column narrower in a
    /// story of three columns or more (a smaller picture with text beside it); when the pixels
    /// do not allow the story's width, the widest span they allow.
    private func photoOptions(columns w: Int) -> (options: [(option: PhotoOption, problems: [String])], leftOut: String?) {
        guard part == 1, let image = story.images.first, story.kind != .advertisement else { return ([], nil) }
        // Spanning the story, one column narrower and half its width (a smaller picture with
        // text beside it) in a story of three columns or more; when the pixels do not allow the
        // story's width, the widest span they allow and the one below it. The score prefers the
        // widest (`PageScore.narrowPhotoColumn`); the narrow ones let long copy keep its photo.
        var spans: [Int] = []
        let allowed = stride(from: w, through: 1, by: -1).filter { photoOption(image, span: $0) != nil }
        if let widest = allowed.first {
            let wanted = widest == w && w >= 3 ? [w, w - 1, (w + 1) / 2] : [widest, widest - 1]
            spans = wanted.filter { allowed.contains($0) }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
        let options = spans.compactMap { p -> (PhotoOption, [String])? in
            // A span's option (with its caption set at the span's width) is the same at every
            // width of story it can stand in: made once (captions were 4 % of make-up).
            if let memo = photoSpanMemo[p] { return memo }
            guard let o = photoOption(image, span: p) else { return nil }
            let caption = captionElement(image, width: o.width)
            var option = o
            option.caption = caption.lines
            if !caption.lines.isEmpty {
                let h = Double(caption.lines.count) * caption.lineHeight
                option.captionLines = Int(((h + 0.3 * pitch) / pitch).rounded(.up))
            }
            let made = (option, caption.problem.map { [$0] } ?? [])
            photoSpanMemo[p] = made
            return made
        }
        if options.isEmpty {
            return ([], "photo \(image.file) left out: its \(image.pixelWidth ?? 0) pixels cannot span even one column at \(Int(layout.photos.minimumPPI)) ppi")
        }
        return (options, nil)
    }

    var pitch: Double { layout.grid.linePitch.value }

    /// The heights a photo may take spanning `span` columns: cropped by at most the layout's
    /// share of either side, never below its minimum effective resolution, never a sliver.
    /// Nil when no height is allowed (too few pixels for the width).
    func photoOption(_ image: ImageRef, span: Int) -> PhotoOption? {
        let limits = layout.photos
        let width = Double(layout.grid.spanChars(span)) * body.value
        let px = image.pixelWidth.flatMap { w in image.pixelHeight.map { (width: w, height: $0) } }
        let aspect = px.map { Double($0.width) / Double(max(1, $0.height)) } ?? image.aspect
        let naturalHeight = width / aspect
        func lines(_ h: Double) -> Double { (h + 0.3 * pitch) / pitch }
        var tallest = naturalHeight / (1 - limits.maximumCrop)
        if let px {
            // Scaled to the width, the pixels must still give the minimum resolution.
            guard Double(px.width) * 72 / width >= limits.minimumPPI - 1e-9 else { return nil }
            // Taller than natural means scaling to the height (the sides cropped).
            tallest = min(tallest, Double(px.height) * 72 / limits.minimumPPI)
        }
        let minLines = max(limits.minimumLines, Int(lines((1 - limits.maximumCrop) * naturalHeight).rounded(.up)))
        let maxLines = Int(lines(tallest).rounded(.down))
        guard minLines <= maxLines else { return nil }
        let natural = max(minLines, min(maxLines, Int(lines(naturalHeight).rounded())))
        return PhotoOption(columns: span, width: width, naturalLines: natural, minLines: minLines, maxLines: maxLines,
                           caption: [], captionLines: 0, pixels: px)
    }
}

extension PreparedStory {
    /// Scales an advertisement's copy is tried at: the style's size up to six times it (a
    /// 60 pt title in a quarter-page box), in steps of a quarter up to four (with half steps
    /// and the phrases run on, a 4 × 30 box of three short lines stayed two fifths white). A
    /// fixed box is filled by the largest that fits (an 8-column box holding five lines of 五号
    /// is a hole with a frame round it).
    static let advertisementScales: [Double] = [1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4, 4.5, 5, 5.5, 6]
    /// The scales of an advertisement the search places (its box sized to its copy).
    static let advertisementScalesPlaced: [Double] = [1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6]
    /// The copy's size over the title's pace (the title stays 1.6–2.4 times the copy at 1).
    static let advertisementCopyGrowth: [Double] = [1, 1.3, 1.6]

    /// An advertisement's variants: its copy at each scale whose lines fit the box's width
    /// without breaking a word (the smallest always, reported if it cannot break cleanly),
    /// with its phrases run on and, where the copy has spaces, stacked one to a line, as ad
    /// copy is set to fill a tall box (全年订阅　优惠多多 as two lines).
    func advertisementVariants(_ shape: StoryShape) -> [StoryVariant] {
        let inner = Double(layout.grid.spanChars(shape.columns)) * body.value - 2 * body.value
        var out: [StoryVariant] = []
        let phrased = story.body.contains { block in
            switch block { case .paragraph(let x), .subhead(let x): x.contains(where: isPhraseSpace) }
        }
        // The copy may also grow faster than the title (a wide, shallow box: the title alone
        // would fill its depth while short copy leaves white beside it), each size set once.
        let base = styles.advertisement.font.size.value
        var copies: [Int: HeadElement?] = [:]
        let fill = fillsFixedBox
        for scale in fill ? Self.advertisementScales : Self.advertisementScalesPlaced {
            let title = advertisementTitle(width: inner, scale: scale)
            if scale > 1 && title?.problem != nil { break }
            for stacked in phrased && fill ? [false, true] : [false] {
                for growth in fill ? Self.advertisementCopyGrowth : [1] {
                    let size = base * scale * growth
                    let key = Int((size * 100).rounded()) * 2 + (stacked ? 1 : 0)
                    let copy = copies[key] ?? advertisementCopy(width: inner, size: size, stacked: stacked,
                                                               gap: title == nil ? 0 : 0.5)
                    copies[key] = copy
                    let elements = [title, copy].compactMap { $0 }
                    let problems = elements.compactMap(\.problem)
                    if !problems.isEmpty && (scale > 1 || growth > 1 || stacked) { break }
                    out.append(advertisementVariant(shape, elements, problems))
                }
            }
        }
        return out
    }

    private func advertisementVariant(_ shape: StoryShape, _ elements: [HeadElement], _ problems: [String]) -> StoryVariant {
        var s = shape
        // The ad's copy stands where a head would: its lines, in whole grid lines.
        s.head = elements
        var points = 0.0, ink = 0.0, lines = 0
        for el in elements {
            points += el.gapBefore * el.lineHeight + Double(el.lines.count) * el.lineHeight
            for l in el.lines { ink += l.runs.first?.font.size.value ?? body.value }
            lines += el.lines.count
        }
        s.headLines = Int(((points + 0.4 * pitch) / pitch).rounded(.up))
        s.uncovered = elements.flatMap(\.uncovered)
        s.displayLines = elements.filter { ($0.lines.first?.runs.first?.font.size.value ?? 0) >= 1.5 * body.value }
            .reduce(0) { $0 + $1.lines.count }
        s.headProblems = problems
        return StoryVariant(shape: s, titleStep: 0, photo: nil, photoLeftOut: nil, headWhiteLimit: 0,
                            diagnostics: problems, advertisementElements: elements.count,
                            advertisementLines: lines, advertisementInkLines: ink / pitch)
    }
}
