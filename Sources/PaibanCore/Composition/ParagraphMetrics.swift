/// The box-and-glue model of a paragraph (Knuth–Plass items, with clreq's adjustment classes).
///
/// Every character is an element: an optional blank before its ink (openers), the ink box
/// ("core"), an optional blank after it (closers, 点号), and the glue after it (Han–Latin
/// spacing, even inter-character spacing). Blanks and glue carry their capacity to shrink or
/// stretch in clreq's priority classes; prefix sums over these vectors make the width and the
/// adjustability of any candidate line an O(1) subtraction.

/// Lanes of an `Adjustability` vector.
enum Lane {
    static let natural = 0
    /// Shrink capacities in clreq §3.5.3 order, in consecutive lanes 1...5: word spaces,
    /// brackets, ，、；：, Han–Latin, 。？！.
    static let shrinkSpace = 1, shrinkBracket = 2, shrinkPause = 3, shrinkHanLatin = 4, shrinkStop = 5
    /// 1 in the shrink lanes: `(acc * shrinkMask).sum()` is a line's total shrinkability.
    static let shrinkMask: SIMD16<Double> = [0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    /// Stretch capacities in clreq §3.5.4 order: word spaces to ½ em, Han–Latin to ½ em, then even spacing.
    static let stretchSpace = 6, stretchHanLatin = 7
    /// Stretch: blank halves a 开明 or 半角 scheme took from a mark may come back (up to full
    /// width) before any Han gap opens.
    static let stretchPunct = 13
    static let evenGaps = 8, spaces = 9, hanLatinGaps = 10
    /// Counts for the 孤字 rule.
    static let han = 11
    /// Units of text for the 孤字 rule: each Han character, and each Western word or number.
    static let units = 12
}

typealias Adjustability = SIMD16<Double>

/// Per-element metrics of one paragraph under one profile.
struct ParagraphMetrics {
    let count: Int
    let classes: [GlyphClass]
    let advance: [Double]
    /// Width of the blank the ink sits behind in a full-width box (openers: the left half).
    let inkOffset: [Double]
    /// Horizontal shift that centres a fixed-width mark (·) in its box.
    let centreShift: [Double]
    let core: [Double]
    var lbNatural: [Double]
    var rbNatural: [Double]
    /// Vectors: the element's box, the glue after it, and its two blanks alone (for line edges).
    var box: [Adjustability]
    var glue: [Adjustability]
    var lbPart: [Adjustability]
    var rbPart: [Adjustability]
    /// prefix[i] = sum over elements < i of box + glue.
    var prefix: [Adjustability]

    init(text: [Unicode.Scalar], classes: [GlyphClass], advances: [Double], profile: CompositionProfile) {
        let n = text.count
        count = n
        self.classes = classes
        advance = advances
        var inkOffset = [Double](repeating: 0, count: n)
        var centre = [Double](repeating: 0, count: n)
        var core = advances
        var lb = [Double](repeating: 0, count: n)
        var rb = [Double](repeating: 0, count: n)
        let compress = !profile.grid

        // Ink and blank halves in GB positions. `given` is what a half-width scheme took away.
        var givenL = [Double](repeating: 0, count: n), givenR = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let a = advances[i]
            switch classes[i] {
            case .opening:
                inkOffset[i] = a / 2; core[i] = a / 2
                lb[i] = schemeKeepsBlank(.opening, profile) ? a / 2 : 0
                givenL[i] = a / 2 - lb[i]
            case .closing, .pause, .stop:
                core[i] = a / 2
                rb[i] = schemeKeepsBlank(classes[i], profile) ? a / 2 : 0
                givenR[i] = a / 2 - rb[i]
            case .middle:
                // GB: a fixed ½ em, centred; on a grid it takes a whole cell.
                let box = profile.grid ? 1.0 : 0.5
                core[i] = box
                centre[i] = (box - a) / 2
            default:
                break
            }
        }
        // Adjacent punctuation (clreq §3.1.6): two full-width marks together take 1.5 em, the
        // remaining blank between a closing mark and an opener.
        if compress {
            for i in 1..<max(n, 1) where classes[i - 1].hasBlank && classes[i].hasBlank {
                let a = classes[i - 1], b = classes[i]
                givenR[i - 1] = 0; givenL[i] = 0 // marks side by side stay compressed
                if b == .opening && a != .opening {
                    lb[i] = max(0, min(lb[i], 0.5 - rb[i - 1]))
                    rb[i - 1] = min(rb[i - 1], 0.5)
                } else {
                    rb[i - 1] = 0
                    lb[i] = 0
                }
            }
        }
        // Repeated ？ and ！ (GB/T 15834 §5.1.2): two together (？？ ！！ ？！ ！？) take one em,
        // three (？？？ ！！！) two. The marks stand side by side, each in its ink half, and only
        // the third keeps its blank (which, like any 。？！'s, goes at a line end and may give way
        // mid-line); the blanks taken between them never come back when a line stretches. On the
        // grid too: one cell, two cells.
        // Longer runs, which the standard does not describe, follow the rule for adjacent marks.
        var runStart = 0
        while runStart < n {
            guard isQuestionOrBang(text[runStart]) else { runStart += 1; continue }
            var runEnd = runStart
            while runEnd < n, isQuestionOrBang(text[runEnd]) { runEnd += 1 }
            let length = runEnd - runStart
            if length == 2 || length == 3 {
                for k in runStart..<runEnd {
                    lb[k] = 0; givenL[k] = 0
                    if k < runEnd - 1 || length == 2 { rb[k] = 0; givenR[k] = 0 }
                }
            }
            runStart = runEnd
        }
        // Grid: each Western word, and each word space, is padded to whole ems so the Han
        // after it stays on the grid (clreq: grid alignment in mixed text).
        if profile.grid {
            var i = 0
            while i < n {
                guard isWesternRun(classes[i]) || classes[i] == .space else { i += 1; continue }
                var j = i, w = 0.0
                if classes[i] == .space {
                    w = advances[i]; j = i + 1
                } else {
                    while j < n, isWesternRun(classes[j]) { w += advances[j]; j += 1 }
                }
                let pad = max(1, (w - 1e-9).rounded(.up)) - w
                lb[i] += pad / 2; rb[j - 1] += pad / 2
                i = j
            }
        }

        var box = [Adjustability](repeating: .zero, count: n)
        var glue = [Adjustability](repeating: .zero, count: n)
        var lbPart = [Adjustability](repeating: .zero, count: n)
        var rbPart = [Adjustability](repeating: .zero, count: n)
        for i in 0..<n {
            let c = classes[i]
            var l = Adjustability.zero, r = Adjustability.zero, b = Adjustability.zero
            l[Lane.natural] = lb[i]
            r[Lane.natural] = rb[i]
            if compress {
                if let lane = shrinkLane(for: c, scalar: text[i], profile: profile) {
                    l[lane] = lb[i]
                    r[lane] = rb[i]
                }
                l[Lane.stretchPunct] = givenL[i]
                r[Lane.stretchPunct] = givenR[i]
            }
            b[Lane.natural] = core[i]
            if c == .space {
                let w = advances[i]
                b[Lane.natural] = w
                // A word space shrinks to ¼ em and stretches to ½ em; the ideographic space is a
                // fixed em.
                if text[i].value != 0x3000 {
                    if compress { b[Lane.shrinkSpace] = max(0, w - 0.25) }
                    if compress { b[Lane.stretchSpace] = max(0, 0.5 - w) }
                    b[Lane.spaces] = 1
                }
            }
            if isHanCharacter(text[i]) { b[Lane.han] = 1; b[Lane.units] = 1 }
            if startsTextUnit(classes, i) { b[Lane.units] = 1 }
            lbPart[i] = l
            rbPart[i] = r
            box[i] = b + l + r
        }
        // Glue between neighbours.
        for i in 0..<max(n - 1, 0) {
            var g = Adjustability.zero
            let a = classes[i], b = classes[i + 1]
            if isHanLatinBoundary(a, b) && !profile.grid {
                g[Lane.natural] = profile.hanLatinSpace
                g[Lane.shrinkHanLatin] = profile.hanLatinSpace - profile.hanLatinMin
                g[Lane.stretchHanLatin] = profile.hanLatinMax - profile.hanLatinSpace
                g[Lane.hanLatinGaps] = 1
            } else if takesEvenSpacing(a, b) {
                g[Lane.evenGaps] = 1
            }
            glue[i] = g
        }
        var prefix = [Adjustability](repeating: .zero, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + box[i] + glue[i] }

        self.inkOffset = inkOffset
        self.centreShift = centre
        self.core = core
        self.lbNatural = lb
        self.rbNatural = rb
        self.box = box
        self.glue = glue
        self.lbPart = lbPart
        self.rbPart = rbPart
        self.prefix = prefix
    }
}

private func isQuestionOrBang(_ s: Unicode.Scalar) -> Bool { s == "？" || s == "！" }

private func isWesternRun(_ c: GlyphClass) -> Bool { c == .word || c == .prefix || c == .postfix }

/// Which blank halves a punctuation scheme keeps (before compression).
private func schemeKeepsBlank(_ c: GlyphClass, _ p: CompositionProfile) -> Bool {
    if p.grid { return true }
    switch p.punctuation {
    case .quanjiao: return true
    case .kaiming: return c == .stop
    case .banjiao: return false
    }
}

/// The clreq reduction class of a punctuation mark's blank.
private func shrinkLane(for c: GlyphClass, scalar: Unicode.Scalar, profile: CompositionProfile) -> Int? {
    switch c {
    case .opening, .closing: return Lane.shrinkBracket
    case .pause: return Lane.shrinkPause
    case .stop: return profile.compressStopsMidLine ? Lane.shrinkStop : nil
    default: return nil
    }
}

/// Han–Latin spacing goes between a Han (or other ideographic box) and a Western word, in
/// either order, but not next to punctuation (clreq §3.2.4).
@inline(__always)
func isHanLatinBoundary(_ a: GlyphClass, _ b: GlyphClass) -> Bool {
    (a == .han && (b == .word || b == .prefix)) || ((a == .word || a == .postfix) && b == .han)
}

/// Where the last, even inter-character spacing may go: between boxes that can be pulled apart,
/// never inside a Western word or number, a 2-em dash or ellipsis, before a closing mark or
/// closing mark, after an opener, or around connectors and solidi (clreq §3.5.4).
@inline(__always)
func takesEvenSpacing(_ a: GlyphClass, _ b: GlyphClass) -> Bool {
    switch (a, b) {
    case (.space, _), (_, .space), (_, .mark): return false
    case (.opening, _): return false
    // Even spacing may open before 点号 (their ink sits at the left of a full box, so a gap
    // before them reads as ordinary inter-character space) but not between two marks, and
    // closing brackets and quotes stay against the text they close.
    case (_, .closing), (_, .postfix): return false
    case (let x, .pause), (let x, .stop): return !x.isPunctuation
    case (.connector, _), (_, .connector), (.solidus, _), (_, .solidus): return false
    case (.dash, .dash), (.ellipsis, .ellipsis): return false
    case (.word, .word), (.prefix, _): return false
    default: return true
    }
}

/// A Western word or number starts here (it counts as one unit of text for the 孤字 rule).
@inline(__always)
func startsTextUnit(_ c: [GlyphClass], _ i: Int) -> Bool {
    let western: (GlyphClass) -> Bool = { $0 == .word || $0 == .prefix || $0 == .postfix }
    return western(c[i]) && (i == 0 || !western(c[i - 1]))
}
