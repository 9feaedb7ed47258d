/// How one candidate line is brought to the measure, and what that costs.
///
/// clreq orders the adjustments (§3.5.3, §3.5.4): shrink line-end punctuation (done by the
/// line edges), then word spaces, brackets, ，、；：, Han–Latin spacing and last 。？！;
/// stretch word spaces and Han–Latin spacing to ½ em before any Han–Han gap is opened, and
/// open those evenly. Knuth–Plass has a single stretch ratio, so the priorities are expressed
/// as a piecewise cost: compressing punctuation is cheap (先挤进), opening Han gaps is dear
/// and grows with the cube of the gap (后推出 only when nothing else works).
struct LineFit {
    /// Fraction of each shrink lane's capacity used, in lane order (`Lane.shrinkSpace` first).
    var shrinkRatio: SIMD8<Double> = .zero
    var spaceStretchRatio = 0.0
    var hanLatinStretchRatio = 0.0
    /// Fraction of the blank halves a half-width scheme took that come back.
    var punctStretchRatio = 0.0
    /// Space added to every even gap, in em.
    var evenGap = 0.0
    /// Space added to every word space and Han–Latin gap beyond their maximum.
    var overStretch = 0.0
    var badness = 0.0
    /// The part of `badness` from opening gaps evenly once every stretch lane is used up (all
    /// of it for a line with nothing to stretch). A shorter line of the same text opens them
    /// wider, so it costs at least this much: the breaker's bound for lines it need not set.
    var openedGapsBadness = 0.0
    /// The line is wider than the measure even fully compressed.
    var overfull = false
    /// The line cannot be justified (nothing to stretch).
    var unjustifiable = false
}

/// Costs of compressing one em of each shrink lane: push-in is preferred to any visible gap.
private let shrinkCostPerEm: SIMD8<Double> = [2, 3, 4, 6, 12, 0, 0, 0]

/// The badness of a line with nothing to stretch: it cannot be justified at all.
let unjustifiableBadness = 1e6

func fitLine(_ acc: Adjustability, target: Double, isLast: Bool, grid: Bool) -> LineFit {
    var fit = LineFit()
    let natural = acc[Lane.natural]
    let eps = 1e-9
    if natural > target + eps {
        var excess = natural - target
        for k in 0..<5 where excess > eps {
            let cap = acc[Lane.shrinkSpace + k] // the shrink lanes, in priority order
            guard cap > eps else { continue }
            let used = min(cap, excess)
            fit.shrinkRatio[k] = used / cap
            fit.badness += shrinkCostPerEm[k] * used
            excess -= used
        }
        if excess > eps {
            fit.overfull = true
            fit.badness = 1e7 + 1e6 * excess
        }
        return fit
    }
    if isLast { return fit }
    var deficit = target - natural
    if deficit <= eps { return fit }
    // Stretch lanes in clreq's order, each up to its capacity: the fraction of it used.
    func take(_ lane: Int, costPerEm: Double) -> Double {
        let cap = acc[lane]
        guard deficit > eps, cap > eps else { return 0 }
        let used = min(cap, deficit)
        fit.badness += costPerEm * used
        deficit -= used
        return used / cap
    }
    fit.spaceStretchRatio = take(Lane.stretchSpace, costPerEm: 8)
    fit.hanLatinStretchRatio = take(Lane.stretchHanLatin, costPerEm: 8)
    fit.punctStretchRatio = take(Lane.stretchPunct, costPerEm: 10)
    guard deficit > eps else { return fit }
    // What is left opens every gap evenly: Han–Han gaps, and word spaces and Han–Latin gaps
    // beyond their ½ em (clreq: "the remaining inter-character spacing … with equal treatment").
    let hanGaps = acc[Lane.evenGaps]
    let gaps = hanGaps + acc[Lane.spaces] + acc[Lane.hanLatinGaps]
    if gaps > 0.5 {
        let g = deficit / gaps
        fit.evenGap = g
        fit.overStretch = g
        let r = g / 0.25
        // Each term added to the badness on its own, after the stretch costs: summed in another
        // order it would round differently, and breaks of equal cost could tie the other way.
        let cubic = 100 * r * r * r
        fit.badness += cubic
        fit.openedGapsBadness = cubic
        if hanGaps < 0.5 { // only Western gaps open: a loose Latin line
            fit.badness += 1000
            fit.openedGapsBadness += 1000
        }
        if grid { // any opened gap takes the line off the grid
            fit.badness += 5000
            fit.openedGapsBadness += 5000
        }
        return fit
    }
    fit.unjustifiable = true
    fit.badness = unjustifiableBadness
    fit.openedGapsBadness = unjustifiableBadness
    return fit
}
