/// A variant fitted to a rectangle's height: how many lines its photo, the white round its head
/// and the foot take, decided once. The optimiser scores fits; the renderer draws the fit it
/// was given and decides nothing again.
///
/// Top to bottom a story reads: (a box's padding line) head block, the white given to it, the
/// photo and caption when they span the story, the body in its columns (under a narrower
/// photo the first columns start below it), the white left at the foot, (padding).

public struct StoryFit: Sendable {
    public var variant: StoryVariant
    /// Grid lines of the rectangle the story fills, the separator line below it excluded.
    public var contentLines: Int
    /// Grid lines of the photo frame and of its caption (0 without a photo).
    public var photoLines: Int
    public var captionLines: Int
    /// Lines of white given to the head block to make copy fit.
    public var headWhite: Int
    /// Lines from the top of the body area at which each body column starts: below the photo
    /// and its caption in the columns it spans (all of them when it spans the story), else 0.
    public var columnTops: [Int] {
        let span = photoLines > 0 ? variant.photo?.columns ?? 0 : 0
        return (0..<variant.shape.bodyColumns).map { $0 < span ? photoLines + captionLines : 0 }
    }
    /// Height of the body area in lines: the photo, its caption and the columns.
    public var bodyLines: Int
    /// Lines left white below the body, the columns ending level above them.
    public var footWhite: Int
    /// Column-lines of white inside the body area beyond what level columns leave (columns
    /// beside a photo taller than the copy needs): a hole, counted like one.
    public var bodyWhite: Int = 0
    /// Column-lines by which body columns end short of the others beyond a line: columns
    /// that do not end level (a hard rule of the page, costed by the optimiser).
    public var raggedLines: Int = 0
    /// Lines of copy (one column's worth each) that do not fit and are not carried by a jump.
    public var oversetLines: Int
    /// The story is cut here and continues on a later page.
    public var jumps: Bool
    /// The variant's photo did not fit the rectangle and is left out.
    public var photoDropped = false
    /// Lines of copy a column shows here when it jumps.
    public var jumpLinesShown: Int = 0

    /// The deepest white between an advertisement's lines that still reads as air, in grid
    /// lines (a margin under the three lines at which layoutcheck sees a hole: type's ink is
    /// measured from its size, and glyphs are a little smaller).
    public static let advertisementGapLines = 2.2

    public var columns: Int { variant.columns }
    public var photoSpansStory: Bool { (variant.photo?.columns ?? 0) == variant.columns }
    /// Lines above the body area: padding, head and its white.
    public var bodyTop: Int { variant.shape.boxPadding / 2 + variant.shape.headLines + headWhite }
    /// Lines of white the fit leaves beyond what make-up tolerates (a line at the foot of
    /// level columns): hole lines across the story's columns.
    public var holeLines: Int {
        // An advertisement spreads its white evenly between its lines of copy, above the first
        // and below the last: a hole only where a gap would be deeper than
        // `advertisementGapLines` (layoutcheck and a designer see three lines of white as a hole).
        if variant.advertisementElements > 0 {
            let gaps = Double(variant.advertisementLines + 1)
            let white = Double(contentLines - variant.shape.boxPadding) - variant.advertisementInkLines
            return max(0, Int((white - gaps * StoryFit.advertisementGapLines).rounded(.up)))
        }
        // A box is sized to its content: its padding is all the white it has.
        if variant.shape.boxPadding > 0 { return footWhite }
        return max(0, footWhite - 1)
    }

    /// The tolerated foot line under columns some of which end a line short: the two lines
    /// of white and the separator below read as a three-line hole, so the optimiser avoids it
    /// (measured: the sample's 3-line holes were all of this kind).
    public var footLineUnderShortColumns: Bool { footWhite == 1 && variant.shape.boxPadding == 0 && endsShort }

    /// Whether some of the body's columns end a line above the others.
    public var endsShort: Bool {
        let columns = variant.shape.bodyColumns
        let span = photoLines > 0 ? min(columns, variant.photo?.columns ?? 0) : 0
        let capacity = span * max(0, bodyLines - photoLines - captionLines) + (columns - span) * bodyLines
        return !jumps && capacity > variant.shape.bodyLineCount
    }
}

extension PreparedStory {
    /// The level body height (lines) of `w` columns whose first `span` columns start `top`
    /// lines down (below a photo), and the column-lines of white it leaves beyond a line a
    /// column (a photo beside copy too short to fill the columns next to it): memoised, as the
    /// optimiser asks for it many times.
    func bodyHeight(_ shape: StoryShape, span: Int, top: Int) -> (lines: Int, white: Int, ragged: Int) {
        let w = shape.columns
        if span == 0 || top == 0 { return (shape.bodyLines, 0, shape.raggedLines) }
        if span >= w { return (top + shape.bodyLines, 0, shape.raggedLines) }
        let key = (w * 16 + span) * 4096 + top
        if let h = bodyHeightMemo[key] { return h }
        let tops = (0..<shape.bodyColumns).map { $0 < span ? top : 0 }
        let natural = naturalFlow(shape.bodyRuns, tops: tops, foot: top)
        let h = max(top, natural.height)
        let capacity = tops.reduce(0) { $0 + max(0, h - $1) }
        // Level columns leave up to a line short in every column but one.
        let r = (h, max(0, capacity - shape.bodyLineCount - (shape.bodyColumns - 1)), natural.ragged)
        bodyHeightMemo[key] = r
        return r
    }

    /// `variant` fitted into `lines` grid lines (the separator excluded). The designer's means
    /// in order: a photo a little taller (within its limits) or cropped shorter; a line of white
    /// at the foot of level columns; white around the head; what is left is white at the foot
    /// (a hole, which the optimiser avoids) or copy that does not fit (overset, or cut for a
    /// jump when `mayJump`).
    public func fit(_ variant: StoryVariant, lines: Int, mayJump: Bool) -> StoryFit {
        let shape = variant.shape
        let fixed = shape.headLines + shape.boxPadding
        let w = variant.columns
        var f = StoryFit(variant: variant, contentLines: lines, photoLines: 0, captionLines: 0, headWhite: 0,
                         bodyLines: shape.bodyLines,
                         footWhite: 0, oversetLines: 0, jumps: false)
        f.raggedLines = shape.raggedLines
        if let photo = variant.photo {
            let span = photo.columns
            func body(_ p: Int) -> (lines: Int, white: Int, ragged: Int) { bodyHeight(variant.shape, span: span, top: p + photo.captionLines) }
            var p = photo.naturalLines
            if span >= w {
                // Spanning the story the photo adds its own lines only: the size is arithmetic.
                let room = lines - fixed - photo.captionLines - shape.bodyLines
                p = room < p ? max(photo.minLines, room) : min(photo.maxLines, room)
            } else {
                // Beside a photo narrower than the story, copy too short for it leaves white:
                // the photo is cropped down to where the columns next to it fill.
                while p > photo.minLines && body(p).white > 0 { p -= 1 }
                if fixed + body(p).lines > lines {
                    // Long copy: crop the photo shorter, down to its limit.
                    while p > photo.minLines && fixed + body(p).lines > lines { p -= 1 }
                } else {
                    // Short copy: the photo grows first, up to its limit (while the columns
                    // next to it still fill).
                    while p < photo.maxLines && fixed + body(p + 1).lines <= lines && body(p + 1).white == 0 { p += 1 }
                }
            }
            if fixed + p + photo.captionLines + 2 > lines {
                // No room for the photo even cropped to its limit, with two lines of text under
                // it: it is left out (the variant says so), never drawn past its story.
                f.photoDropped = true
            } else {
                f.photoLines = p
                f.captionLines = photo.captionLines
                f.bodyLines = body(p).lines
                f.bodyWhite = body(p).white
                f.raggedLines = body(p).ragged
            }
        }
        let slack = lines - fixed - f.bodyLines
        if slack >= 0 {
            let foot = min(slack, 1)
            f.headWhite = min(slack - foot, variant.headWhiteLimit)
            f.footWhite = slack - f.headWhite
            return f
        }
        // A body cut for a jump or set over fills its columns to the foot, unless a subhead
        // moved on from the foot of one leaves it short.
        f.raggedLines = cutFlowWhite(shape.bodyRuns, tops: f.columnTops, height: lines - fixed)
        if mayJump {
            f.jumps = true
            f.bodyLines = lines - fixed
            f.jumpLinesShown = max(0, f.bodyLines - (f.columnTops.min() ?? 0))
            return f
        }
        f.bodyLines = lines - fixed
        f.oversetLines = -slack * max(1, shape.bodyColumns)
        return f
    }
}
