/// The page score: what a designer (美编) weighs when making up a page, as costs (lower is
/// better), every weight a named constant here and nowhere else.
///
/// Two tiers. Hard rules cost `PageScore.rule` and more, so no preference can outweigh them,
/// yet the search still returns the least bad page when no page keeps them all (and the
/// report says what was broken): no hole larger than a line, no stacked head, no long story
/// one column wide, the front-page lead at least half the width. Preferences cost tens to
/// hundreds: copy that fits, photos near their natural size, titles at their priority's size
/// in at most two lines, wide short modules, no heads or photos side by side.
///
/// From the research (newspaper-conventions.md §3): Strecker & Hennig's "modular layout"
/// scores white, aspect and importance-to-position; Gonzalez et al. and the GN4/Eidos auto
/// layouts make holes infeasible rather than costly, and fill by variants. The copy-fit order
/// below is the one the conventions give a 美编: the photo first, a head a size larger, a
/// filler, then white round the heads.
public enum PageScore {
    // MARK: hard rules
    /// The unit of a broken rule: larger than any page's preferences add up to.
    public static let rule = 10_000.0
    /// Each column-line of white beyond the one line tolerated at a story's foot (a hole).
    /// Per line, so the search still prefers a small hole to a large one.
    public static let holeLine = 0.05 * rule
    /// Each column-line a body column ends short of the others beyond the line level columns
    /// may: columns that do not end level, a hard rule, costed as white in a hole.
    public static let raggedColumnLine = holeLine
    /// A story that cannot show its head and three lines of text in its rectangle (a sliver).
    public static let sliver = 20 * rule
    /// Four or more lines of display type in a story one or two columns wide (叠题): a
    /// stacked head, which layoutcheck and a designer both reject.
    /// Never, while any other arrangement exists: on an overfull page more overset (reported,
    /// for the editor to cut) is the right answer, a stacked head printed is not.
    public static let never = 10_000 * rule
    public static let stackedHead = never
    /// A story one column wide that is not a short item with a head of at most two lines.
    public static let longSingleColumn = never
    /// A title that needs a fourth line at this width (titles are set in one to three).
    public static let fourthTitleLine = never
    /// Body lines up to which a story is a short item that may stand one column wide (about
    /// 500 characters of 13-字 lines).
    public static let shortItemLines = 40
    /// Text spread over three or more columns less than three lines deep: a story spread thin,
    /// which no designer prints, however short the page's copy (without it a page short of copy
    /// stacked every story across the full width to give each head more white).
    public static let thinLegs = rule
    public static let thinLegLines = 3
    /// Each column the front page's lead is narrower than half the page (broadsheet).
    public static let frontLeadNarrow = rule

    // MARK: copy that does not fit
    /// Copy that does not fit and cannot jump: each line (one column), plus once per story.
    public static let oversetLine = 150.0
    public static let overset = 2_000.0
    /// Each line a story that may jump carries to a later page (it jumps, but the page should
    /// hold what it can).
    public static let jumpLine = 2.0
    /// A jumping story showing fewer than six lines a column before it jumps.
    public static let jumpShortStart = 400.0
    public static let jumpMinimumLines = 6

    // MARK: copy-fit means, cheapest first
    /// Each line a photo is taller than its natural height (within its limits).
    public static let photoGrowLine = 0.4
    /// Each line a photo is cropped shorter than natural.
    public static let photoCropLine = 1.5
    /// Each column a photo is narrower than its story (a designer's review: the lead's photo
    /// a thumbnail while a lesser story's was large).
    public static let narrowPhotoColumn = 25.0
    /// The fewest lines of text under a photo narrower than its story (fewer, but some, are
    /// a sliver: the hard limit on photo proportions), and the cost of fewer.
    public static let textUnderPhotoMinimum = 3
    public static let textSliverUnderPhoto = rule
    /// The one line of white at the foot of level columns, per column.
    public static let footLine = 1.0
    /// That line under columns that end a line short, above a separator (a hole to the eye,
    /// and reported as short copy): per column, a hole line's cost. (At half of it the sample
    /// kept a 2.1 × 3 hole, 0.4 % of its page 2, by layoutcheck; at three quarters too.)
    public static let footLineUnderShortColumnsLine = holeLine
    /// Each column-line of white an advertisement's copy leaves in its box.
    public static let advertisementWhiteLine = 1.0
    /// A title one size larger / smaller than its priority gives.
    public static let titleStepUp = 8.0
    public static let titleStepDown = 14.0
    /// Each column-line of white given to a head block.
    public static let headWhiteLine = 3.0

    // MARK: shape and importance
    /// A third title line and each beyond it; in a story one or two columns wide, where three
    /// lines of display type already read as a column of heads, more.
    public static let extraTitleLine = 60.0
    public static let extraTitleLineNarrow = 200.0
    /// A photo deeper than this share of its story's rectangle (the text under it becomes a
    /// strip): each line beyond. Under a photo spanning the story, legs shallower than
    /// `legsUnderPhotoLines`: each missing line in each column.
    public static let photoDepthShare = 0.6
    public static let deepPhotoLine = 30.0
    public static let legsUnderPhotoLines = 6
    public static let shallowUnderPhotoLine = 60.0
    /// A display line that cannot break between words at this width (it is reported).
    public static let headProblem = 150.0
    /// A variant that leaves the story's photo out (its pixels cannot span any width, or no
    /// rectangle at this depth has room for it): a broken rule, as the editor chose the photo;
    /// on a page over full it is still cheaper than leaving copy out.
    public static let photoLeftOut = rule
    /// Shallow legs: each missing line below eight in each column of a multi-column story
    /// (12 let the sample's page 2 stack four 8-column bands of 3–4-line legs; at 30 the top
    /// of the page is two modules side by side; at 40 a tabloid page of ten small items kept a hole).
    public static let shallowLeg = 30.0
    public static let shallowLegLines = 8
    /// A boxed note (编者按) three columns wide or more: each column-line its columns are
    /// shallower than `noteLegLines`.
    public static let shallowNoteLine = 150.0
    public static let noteLegLines = 4
    /// Each column narrower than a story's importance asks for (lead, 编者按; others).
    public static let narrowLead = 120.0
    public static let narrowStory = 40.0
    /// A short story (under `shortItemLines` body lines) whose module is taller than wide:
    /// each line of excess height. Short modules read best wider than tall.
    public static let tallShortModule = 1.0
    /// A single column taller than half the type area: each line beyond.
    public static let tallSingleColumn = 2.0
    /// Importance near the top: each line below the free area's top of a priority-1 or -2
    /// story (the 头条 and the next stories belong high on the page, in the 报眼).
    public static let importantLow = 0.8
    /// Two heads side by side starting on the same line (撞题), and more when they are the
    /// same size; two photos side by side at the top of neighbouring stories.
    /// A designer's review of the first pages made up found 撞题 the commonest fault, costed at
    /// 40 and 150 only for the top stories of two regions: now every pair of heads starting
    /// within a line of each other across a cut, deep in a stack too, costs this.
    public static let headsSideBySide = 150.0
    public static let sameSizeHeadsSideBySide = 400.0
    public static let photosTouching = 100.0
}

extension PageScore {
    /// The columns a story's importance asks for on a page `columns` wide.
    static func preferredColumns(priority: Int, kind: StoryKind, columns c: Int) -> Int {
        if kind == .advertisement || kind == .brief || kind == .briefs { return 1 }
        // A boxed note one column wide is a tall, thin box: two columns at least.
        if kind == .editorsNote { return max(1, min(2, c / 3)) }
        switch priority {
        case 1: return max(1, (c + 1) / 2)
        case 2: return max(1, c / 3)
        default: return max(1, min(2, c / 4))
        }
    }

    /// The cost of `fit` as the story `prepared` placed at `rect` on a page of `problem`.
    static func storyCost(_ prepared: PreparedStory, _ fit: StoryFit, _ rect: GridRect, _ problem: PageProblem,
                          isLead: Bool) -> Double {
        let v = fit.variant
        var cost = 0.0
        let w = rect.columns
        // Holes and the tolerated foot line.
        cost += holeLine * Double(fit.holeLines * w + fit.bodyWhite)
        cost += footLine * Double(min(1, fit.footWhite) * w)
        cost += raggedColumnLine * Double(fit.raggedLines)
        // An advertisement's copy is set as large as its box allows: among sizes that leave no
        // hole, the one with the least white (spread evenly between short lines, the white of a
        // small size is no hole in depth, but a wide box of small lines is white either side).
        if v.advertisementElements > 0 { cost += advertisementWhiteLine * Double(fit.footWhite * w) }
        if fit.footLineUnderShortColumns && rect.endLine < problem.grid.lines {
            cost += footLineUnderShortColumnsLine * Double(w)
        }
        // A sliver: not even the head and three lines.
        let minimum = v.shape.headLines + min(3, max(1, v.shape.bodyLines)) + v.shape.boxPadding
        if fit.contentLines < minimum { cost += sliver }
        // Copy that does not fit.
        if fit.oversetLines > 0 { cost += overset + oversetLine * Double(fit.oversetLines) }
        if fit.jumps {
            let carried = max(0, v.shape.bodyLines + fit.photoLines + fit.captionLines - fit.bodyLines)
            cost += jumpLine * Double(carried * max(1, v.shape.bodyColumns))
            if fit.jumpLinesShown < jumpMinimumLines {
                cost += jumpShortStart + 50 * Double(jumpMinimumLines - fit.jumpLinesShown)
            }
        }
        // Copy-fit means.
        if let p = v.photo {
            cost += narrowPhotoColumn * Double(max(0, w - p.columns))
            if p.columns < w && fit.photoLines > 0 {
                // Text beside a photo narrower than its story, and a line or two of it under
                // the photo: a sliver no designer sets (a 3 × 46-line photo over one line of
                // its story's text, in a 7-column stress edition).
                let under = fit.bodyLines - fit.photoLines - fit.captionLines
                if under > 0 && under < textUnderPhotoMinimum { cost += textSliverUnderPhoto }
            }
            let d = fit.photoLines - p.naturalLines
            cost += d > 0 ? photoGrowLine * Double(d) : photoCropLine * Double(-d)
        }
        if v.photoLeftOut != nil || fit.photoDropped { cost += photoLeftOut }
        cost += v.titleStep > 0 ? titleStepUp * Double(v.titleStep) : titleStepDown * Double(-v.titleStep)
        cost += headWhiteLine * Double(fit.headWhite * w)
        // Heads.
        if v.shape.titleLineCount > 2 {
            cost += (w <= 2 ? extraTitleLineNarrow : extraTitleLine) * Double(v.shape.titleLineCount - 2)
        }
        if fit.photoLines > 0 {
            let deep = Double(fit.photoLines + fit.captionLines) - photoDepthShare * Double(fit.contentLines)
            if deep > 0 { cost += deepPhotoLine * deep }
            if fit.photoSpansStory && !fit.jumps {
                let under = fit.bodyLines - fit.photoLines - fit.captionLines
                if under < legsUnderPhotoLines {
                    cost += shallowUnderPhotoLine * Double((legsUnderPhotoLines - max(0, under)) * v.shape.bodyColumns)
                }
            }
        }
        if v.shape.titleLineCount > 3 { cost += fourthTitleLine * Double(v.shape.titleLineCount - 3) }
        cost += headProblem * Double(v.shape.headProblems.count)
        let kind = prepared.kind
        // An advertisement too: its copy grown to display size and stacked a phrase a line in
        // two columns reads as a column of heads (layoutcheck counted the sample's 2-column ad).
        if w <= 2 && v.shape.displayLines >= 4 { cost += stackedHead }
        if w == 1 && kind != .advertisement
            && (v.shape.bodyLines > shortItemLines || v.shape.titleLineCount > 2 || fit.photoLines > 0 && v.shape.bodyLines > 20) {
            cost += longSingleColumn
        }
        // Shape.
        if v.shape.bodyColumns >= 3 && v.shape.bodyLines < thinLegLines && v.shape.bodyLines > 0 && kind != .editorsNote
            && kind != .advertisement {
            cost += thinLegs
        }
        if v.shape.bodyColumns > 1 && v.shape.bodyLines < shallowLegLines && v.shape.bodyLines > 0 && kind != .editorsNote
            && kind != .advertisement {
            cost += shallowLeg * Double((shallowLegLines - v.shape.bodyLines) * v.shape.bodyColumns)
        }
        if kind == .editorsNote && v.shape.bodyColumns >= 3 && v.shape.bodyLines < noteLegLines {
            // A note in many columns of a line or two reads as fragments, one per column (a
            // designer's review: a 2-line 编者按 across all seven columns); deeper and narrower.
            cost += shallowNoteLine * Double((noteLegLines - v.shape.bodyLines) * v.shape.bodyColumns)
        }
        let wanted = preferredColumns(priority: prepared.priority, kind: kind, columns: problem.grid.columns)
        if w < wanted { cost += (prepared.priority == 1 || kind == .editorsNote ? narrowLead : narrowStory) * Double(wanted - w) }
        if isLead && problem.isFrontPage && problem.grid.columns >= 6 && prepared.part == 1 {
            let half = (problem.grid.columns + 1) / 2
            if w < half { cost += frontLeadNarrow * Double(half - w) }
        }
        let grid = problem.grid
        let widthPoints = Double(grid.spanChars(w)) * grid.bodySize.value
        let heightPoints = Double(rect.lines) * grid.linePitch.value
        if v.shape.bodyLines <= shortItemLines && heightPoints > widthPoints && kind != .advertisement {
            cost += tallShortModule * (heightPoints - widthPoints) / grid.linePitch.value
        }
        if w == 1 && rect.lines > grid.lines / 2 { cost += tallSingleColumn * Double(rect.lines - grid.lines / 2) }
        return cost
    }

    /// Importance near the top: what it costs to place `prepared` as low as `rect` starts.
    static func positionCost(_ prepared: PreparedStory, _ rect: GridRect, _ problem: PageProblem) -> Double {
        let p = prepared.priority
        guard p <= 2, prepared.part == 1 else { return 0 }
        return importantLow * Double(3 - p) * Double(rect.line - problem.areaTop)
    }

    /// The best variant of `prepared` fitted to `rect` (the separator line below it excluded
    /// unless the rectangle ends at the foot of the type area), with its cost.
    /// `among`: the variants to choose from, when not all of the story's at this width.
    static func bestFit(_ prepared: PreparedStory, _ rect: GridRect, _ problem: PageProblem,
                        isLead: Bool, among: [StoryVariant]? = nil) -> (fit: StoryFit, cost: Double)? {
        let content = rect.lines - (rect.endLine < problem.grid.lines ? 1 : 0)
        guard content > 0 else { return nil }
        var best: (fit: StoryFit, cost: Double)? = nil
        for v in among ?? prepared.variants(columns: rect.columns) {
            let f = prepared.fit(v, lines: content, mayJump: prepared.canJump)
            let c = storyCost(prepared, f, rect, problem, isLead: isLead)
            if c < best?.cost ?? .infinity { best = (f, c) }
        }
        return best
    }

    /// The stories at the top of two neighbouring regions, both starting on the region's top
    /// line: heads of the same size side by side are the worst 撞题, and photos right under
    /// both heads touch. (Each pair of heads starting within a line of each other across a cut
    /// costs `headsSideBySide` besides, wherever it is.)
    static func topPair(_ a: StoryFit, _ b: StoryFit) -> Double {
        topPair(titleA: a.variant.shape.titleSize, photoA: a.photoLines > 0,
                titleB: b.variant.shape.titleSize, photoB: b.photoLines > 0)
    }

    /// The same, from the title sizes and whether a photo shows under each.
    static func topPair(titleA: Points?, photoA: Bool, titleB: Points?, photoB: Bool) -> Double {
        guard let ha = titleA, let hb = titleB else { return 0 }
        var cost = 0.0
        if ha == hb { cost += sameSizeHeadsSideBySide }
        if photoA && photoB { cost += photosTouching }
        return cost
    }
}
