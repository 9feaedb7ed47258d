/// Draws a placed story into display items: head block, photo with caption, body flowed into
/// the story's columns and balanced, boxes for 编者按 and advertisements.

struct RenderedStory {
    var items: [DisplayItem]
    var report: StoryReport
    /// The body item the next part starts from, when the story jumps.
    var continueFrom: Int?
}

/// Destination names of jump lines: `paiban-jump-ID-PART-out` ends a part, `…-in` opens one.
func jumpAnchor(_ id: String, part: Int, _ end: String) -> String { "paiban-jump-\(id)-\(part)-\(end)" }

func renderStory(_ prepared: PreparedStory, _ fit: StoryFit, in rect: GridRect, geometry g: PageGeometry,
                 fixed: Bool, jumpOut: [FlowItem]? = nil) -> RenderedStory {
    let shape = fit.variant.shape
    let story = prepared.story
    var items: [DisplayItem] = []
    let x0 = g.x(column: rect.column)
    let width = g.width(columns: rect.columns)
    let contentLines = fit.contentLines
    let boxed = story.kind == .editorsNote || story.kind == .advertisement
    // A box centres its content: the white its fit leaves goes half above, half below (an
    // advertisement spreads it between its lines, below; its padding lines are white already).
    let isAd = story.kind == .advertisement
    let boxWhiteAbove = boxed && !isAd ? fit.footWhite / 2 : 0
    var line = rect.line + (boxed ? 1 : 0) + boxWhiteAbove
    // Display lines that could not break between words, a photo left out: the variant's own.
    var notes: [String] = fit.variant.diagnostics + (prepared.part == 1 ? prepared.bodyProblems : [])
    if fit.photoDropped, let image = story.images.first {
        notes.append("photo \(image.file) left out: no room for it in \(rect)")
    }

    // Head: elements stacked, the block centred in its lines and the white it was given.
    if shape.headLines > 0 {
        let headHeight = Double(shape.headLines + fit.headWhite + (isAd ? fit.footWhite : 0)) * g.pitch
        // A head taller than its rectangle: what does not fit is not drawn over the story
        // below (the story is reported overset).
        func place(_ l: SetLine, size: Double, baseline: Double) {
            if baseline + 0.12 * size <= g.y(line: rect.line + contentLines) {
                items += l.placed(x: x0 + (isAd ? g.body : 0), baseline: baseline)
            } else if !notes.contains(where: { $0.hasPrefix("headline") }) {
                notes.append("headline taller than \(rect)")
            }
        }
        if isAd {
            // An advertisement's lines share its white evenly, measured between their ink
            // (type size), above the first and below the last, so no gap reads as a hole.
            let ink = fit.variant.advertisementInkLines * g.pitch
            let gap = max(0, headHeight - ink) / Double(fit.variant.advertisementLines + 1)
            var y = g.y(line: line)
            for l in shape.head.flatMap(\.lines) {
                let size = l.runs.first?.font.size.value ?? g.body
                y += gap
                place(l, size: size, baseline: y + 0.88 * size)
                y += size
            }
        } else {
            var points = 0.0
            for e in shape.head { points += e.gapBefore * e.lineHeight + Double(e.lines.count) * e.lineHeight }
            // Optical centre: a little above the middle (0.3 of the white above the block). Added
            // white goes a third above, two thirds below: above it meets the white at the foot of
            // the story overhead and the separator, which together read as a hole at three lines.
            var y = g.y(line: line) + max(0, headHeight - points) * (fit.headWhite > 0 ? 0.33 : 0.3)
            for e in shape.head {
                y += e.gapBefore * e.lineHeight
                if e.framed, !e.lines.isEmpty { items.append(frame(around: e, x: x0, top: y)) }
                for l in e.lines {
                    let size = l.runs.first?.font.size.value ?? g.body
                    place(l, size: size, baseline: y + (e.lineHeight - size) / 2 + 0.88 * size)
                    y += e.lineHeight
                }
            }
        }
        line += shape.headLines + fit.headWhite
    }
    let bodyTop = line
    // Photo, its frame the width of the columns it spans, cropped to whole lines (the crop
    // and the ppi were checked against the layout's limits when the variant was made).
    if let image = story.images.first, let photo = fit.variant.photo, fit.photoLines > 0 {
        let frame = Rect(x: x0, y: g.y(line: line) + 0.15 * g.pitch, width: photo.width,
                         height: photoFrameHeight(lines: fit.photoLines, pitch: g.pitch))
        items.append(.image(ImagePlacement(path: image.path, label: image.file, frame: frame,
                                           crop: coverCrop(image, frame: frame), story: story.id, problem: image.problem)))
        var y = g.y(line: line + fit.photoLines)
        let cs = prepared.layout.styles.caption
        for l in photo.caption {
            let size = cs.font.size.value
            let lh = size * cs.leading
            items += l.placed(x: x0, baseline: y + (lh - size) / 2 + 0.88 * size)
            y += lh
        }
    }
    // Body, balanced in the columns that are left.
    let available = max(0, rect.line + contentLines - bodyTop - (boxed ? 1 : 0) - boxWhiteAbove)
    var body = shape.body
    let tops = fit.columnTops
    var flow = levelFlow(body, tops: tops, maxHeight: available)
    var continueFrom: Int? = nil
    if flow.oversetFrom != nil, let out = jumpOut {
        // The story jumps: fill the columns with as much as fits together with the jump-out
        // line, cut at a line boundary (never right after a subhead).
        let capacities = tops.map { max(0, available - $0) }
        func fits(_ k: Int) -> Bool {
            fill(Array(body[..<k]) + out, tops: tops, capacities: capacities).oversetFrom == nil
        }
        var lo = 0, hi = body.count
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if fits(mid) { lo = mid } else { hi = mid - 1 }
        }
        var k = lo
        while k > 0, case .subhead = body[k - 1] { k -= 1 }
        continueFrom = k
        body = Array(body[..<k]) + out
        flow = fill(body, tops: tops, capacities: capacities)
    }
    let outStart = continueFrom ?? Int.max
    for p in flow.placements {
        let colX = shape.bodyColumns == 1 ? x0 : g.x(column: rect.column + p.column)
        let lines: [SetLine]
        switch body[p.item] {
        case .line(let l): lines = [l]
        case .subhead(let ls): lines = ls
        }
        for (k, l) in lines.enumerated() {
            var placed = l.placed(x: colX + shape.bodyInset, baseline: g.baseline(line: bodyTop + p.line + k))
            // Jump lines link the parts of a story both ways.
            let id = story.id, part = prepared.part
            if p.item >= outStart {
                placed = placed.map { linked($0, anchor: jumpAnchor(id, part: part, "out"), link: jumpAnchor(id, part: part + 1, "in")) }
            } else if part > 1 && p.item == 0 {
                placed = placed.map { linked($0, anchor: jumpAnchor(id, part: part, "in"), link: jumpAnchor(id, part: part - 1, "out")) }
            }
            items += placed
        }
    }
    if boxed {
        let top = g.y(line: rect.line) + 0.35 * g.pitch
        let bottomY = g.y(line: rect.line + contentLines) - 0.35 * g.pitch
        let box = Rect(x: x0, y: top, width: width, height: bottomY - top)
        // A tint goes under the box's text (drawn first), the frame over it.
        if let tint = prepared.layout.boxFill { items.insert(.box(box, stroke: nil, fill: tint), at: 0) }
        items.append(.box(box, stroke: story.kind == .advertisement ? 1.0 : 0.6, fill: nil))
    }
    let bodyLineCount = body.reduce(0) { $0 + $1.lines }
    let used = bodyTop - rect.line + flow.height + (boxed ? 1 : 0)
    var report = StoryReport(id: story.id, rect: rect, linesSet: bodyLineCount - flow.oversetLines,
                             oversetLines: flow.oversetLines,
                             undersetLines: flow.oversetFrom == nil ? max(0, contentLines - used) : 0,
                             normalised: story.normalisation, uncovered: prepared.uncovered + shape.uncovered,
                             fixed: fixed, notes: notes)
    report.variant = VariantReport(fit, pitch: g.pitch)
    report.orphansAvoided = prepared.part == 1 ? prepared.orphansAvoided : 0
    return RenderedStory(items: items, report: report, continueFrom: continueFrom)
}

/// The frame of a framed head element (a commentary's 栏目 logo): its lines' extent, a quarter
/// of its size clear on every side.
private func frame(around e: HeadElement, x: Double, top: Double) -> DisplayItem {
    let size = e.lines.first?.runs.first?.font.size.value ?? e.lineHeight
    let boxes = e.lines.flatMap(\.runs).flatMap { zip($0.boxes, $0.advances).map { ($0, $0 + $1) } }
    let minX = boxes.map(\.0).min() ?? 0, maxX = boxes.map(\.1).max() ?? 0
    let pad = 0.25 * size
    let lead = (e.lineHeight - size) / 2
    return .box(Rect(x: x + minX - pad, y: top + lead - pad, width: maxX - minX + 2 * pad,
                     height: Double(e.lines.count) * e.lineHeight - 2 * lead + 2 * pad), stroke: 0.8, fill: nil)
}

private func linked(_ item: DisplayItem, anchor: String, link: String) -> DisplayItem {
    guard case .glyphs(var g) = item, g.role == .jump else { return item }
    g.anchor = anchor
    g.link = link
    return .glyphs(g)
}

/// The part of the image that fills the frame without distortion (cover, centred).
func coverCrop(_ image: ImageRef, frame: Rect) -> Rect {
    let w = Double(image.pixelWidth ?? 3), h = Double(image.pixelHeight ?? 2)
    let frameAspect = frame.width / frame.height
    if w / h > frameAspect {
        let cw = h * frameAspect
        return Rect(x: (w - cw) / 2, y: 0, width: cw, height: h)
    }
    let ch = w / frameAspect
    return Rect(x: 0, y: (h - ch) / 2, width: w, height: ch)
}
