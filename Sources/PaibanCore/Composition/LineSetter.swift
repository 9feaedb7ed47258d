/// Sets one chosen line: applies the fit's adjustments in clreq order and gives every glyph its
/// position.

/// One glyph as set, in em of the font size from the start of the measure.
public struct SetGlyph: Sendable, Equatable {
    /// Index of the scalar in the paragraph text.
    public var index: Int
    /// Where the glyph's set box starts.
    public var x: Em
    /// The box's width as set before justification space is added (compression included).
    public var advance: Em
    /// Where to put the glyph's origin when drawing (differs from `x` for openers that lost
    /// their blank half, centred marks and grid padding).
    public var origin: Em
    /// The glyph hangs past the measure.
    public var hanging: Bool
}

func setLine(_ line: LineBreak, metrics m: ParagraphMetrics, profile: CompositionProfile,
             startX: Double) -> [SetGlyph] {
    let fit = line.fit
    var glyphs: [SetGlyph] = []
    glyphs.reserveCapacity(line.end - line.start)
    var x = startX
    let trimStart = profile.trimsOpeningAtLineStart && m.classes[line.start] == .opening
    let wholeEms = profile.grid ? wholeEmGaps(line, metrics: m) : nil
    for j in line.start..<line.end {
        let c = m.classes[j]
        var lb = (j == line.start && trimStart) ? 0 : m.lbNatural[j]
        var rb = m.rbNatural[j]
        if j == line.end - 1 && (!profile.grid || line.hanging) { rb = 0 }
        // Shrink blanks by their lane's ratio (equal amounts within a class).
        if lb > 0, m.lbPart[j] != .zero { lb -= shrinkUsed(m.lbPart[j], fit) }
        if rb > 0, m.rbPart[j] != .zero { rb -= shrinkUsed(m.rbPart[j], fit) }
        var adv = lb + m.core[j] + rb
        var after = 0.0
        if c == .space {
            let w = m.advance[j]
            adv = lb + w + rb - fit.shrinkRatio[0] * m.box[j][Lane.shrinkSpace]
            let fixed = m.box[j][Lane.spaces] == 0 // the ideographic space keeps its em
            after = fit.spaceStretchRatio * m.box[j][Lane.stretchSpace] + (wholeEms == nil && !fixed ? fit.overStretch : 0)
        }
        // A blank a half-width scheme took comes back as space around the mark (justification
        // space, not part of its advance): before an opener, after a closing mark or 点号.
        if fit.punctStretchRatio > 0 {
            if !(j == line.start && trimStart) { x += fit.punctStretchRatio * m.lbPart[j][Lane.stretchPunct] }
            if j < line.end - 1 { after += fit.punctStretchRatio * m.rbPart[j][Lane.stretchPunct] }
        }
        let origin = x + lb - m.inkOffset[j] + m.centreShift[j]
        let hanging = line.hanging && j == line.end - 1
        glyphs.append(SetGlyph(index: j, x: Em(x), advance: Em(adv), origin: Em(origin), hanging: hanging))
        x += adv + after
        if j < line.end - 1 {
            let g = m.glue[j]
            if g[Lane.hanLatinGaps] > 0 {
                x += g[Lane.natural] - fit.shrinkRatio[3] * g[Lane.shrinkHanLatin]
                    + fit.hanLatinStretchRatio * g[Lane.stretchHanLatin] + fit.overStretch
            }
            if let wholeEms {
                x += wholeEms[j - line.start]
            } else if g[Lane.evenGaps] > 0 {
                x += fit.evenGap
            }
        }
    }
    return glyphs
}

@inline(__always)
private func shrinkUsed(_ part: Adjustability, _ fit: LineFit) -> Double {
    var used = 0.0
    for k in 0..<5 { used += fit.shrinkRatio[k] * part[Lane.shrinkSpace + k] }
    return used
}

/// On a grid, a line that must open space gets it in whole ems, so every Han stays on the
/// grid: first after 点号 and word spaces (where a pause reads naturally), then spread evenly over the other
/// gaps. Returns the space after each element of the line, or nil when the amount is not a
/// whole number of ems (then the line is spaced evenly and leaves the grid).
private func wholeEmGaps(_ line: LineBreak, metrics m: ParagraphMetrics) -> [Double]? {
    let count = line.end - line.start
    var gaps = [Double](repeating: 0, count: count)
    guard line.fit.evenGap > 0 else { return gaps }
    var eligible: [Int] = []
    for j in line.start..<(line.end - 1) where m.glue[j][Lane.evenGaps] > 0 || m.box[j][Lane.spaces] > 0 {
        eligible.append(j - line.start)
    }
    let total = line.fit.evenGap * Double(eligible.count)
    let units = Int(total.rounded())
    guard units > 0, abs(total - Double(units)) < 1e-6, !eligible.isEmpty else { return nil }
    let afterPunctuation = eligible.filter { k in
        let c = m.classes[line.start + k]
        return c == .pause || c == .stop || m.box[line.start + k][Lane.spaces] > 0
    }
    var chosen = Array(afterPunctuation.prefix(units))
    let rest = eligible.filter { !chosen.contains($0) }
    let remaining = units - chosen.count
    if remaining > 0 {
        guard rest.count >= remaining else { return nil }
        for r in 0..<remaining { chosen.append(rest[(2 * r + 1) * rest.count / (2 * remaining)]) }
    }
    for k in chosen { gaps[k] += 1 }
    return gaps
}
