/// A story's display lines: its head elements, byline, subheads, caption and an
/// advertisement's lines, each set by the display setter (between words, natural width,
/// aligned as its style says). Nothing here records report state: what could not break
/// cleanly travels with the element it belongs to.

extension PreparedStory {
    /// A head element (栏目题, 引题, 主题, 副题, continuation head), a byline or a subhead, in
    /// `width`, aligned as its style says (a style asking for justify is set flush start:
    /// display lines are never letter-spaced).
    /// `inset` keeps the lines that far clear of both edges (a head does not run into the
    /// column rules beside its story).
    func headElement(_ text: String, _ style: TextStyle, _ width: Double, role: TextRole, gap: Double,
                     breaking: DisplayBreaking = .head, inset: Double = 0) -> HeadElement {
        let prepared = displayText(text)
        var set = setter.setDisplay(prepared, font: style.font, measure: width - 2 * inset, align: style.align,
                                    role: role, story: story.id, breaking: breaking)
        if inset > 0 && set.problem != nil {
            // The air is given up before a word is broken.
            return headElement(text, style, width, role: role, gap: gap, breaking: breaking, inset: 0)
        }
        if inset > 0 {
            for k in set.lines.indices { set.lines[k].runs = set.lines[k].runs.map { $0.shifted(by: inset) } }
        }
        var e = HeadElement(lines: set.lines, lineHeight: style.font.size.value * style.leading, gapBefore: gap)
        e.problem = set.problem.map { "\(role.rawValue) \($0)" }
        e.uncovered = set.uncovered
        return e
    }

    /// `text` as display lines set it, normalised once per story.
    private func displayText(_ text: String) -> String {
        if let known = displayTextMemo[text] { return known }
        let prepared = ideographicSpacesBetweenHan(normalizeParagraph(text).text)
        displayTextMemo[text] = prepared
        return prepared
    }

    /// The caption under a photo: its sentence set as text (justified unless the style says
    /// otherwise), the credit (（本报记者　张三摄）) kept whole: run on after the sentence when it
    /// fits on its last line, else on a line of its own, flush right. A caption that ends in a
    /// parenthesis (…现场（资料图）) and has no credit of its own has that as its credit.
    func captionElement(_ image: ImageRef, width: Double) -> HeadElement {
        let style = styles.caption
        let lineHeight = style.font.size.value * style.leading
        var lines: [SetLine] = []
        var uncovered: [Unicode.Scalar] = []
        var problem: String? = nil
        var (sentence, credit) = (image.caption.map { normalizeParagraph($0).text } ?? "", image.credit ?? "")
        if credit.isEmpty, sentence.hasSuffix("）"), let open = sentence.lastIndex(of: "（"), open != sentence.startIndex {
            credit = String(sentence[open...])
            sentence = String(sentence[..<open])
        }
        if !sentence.isEmpty {
            if style.align == .justify {
                let p = setter.set(sentence, font: style.font, measure: width, align: .justify, role: .caption, story: story.id)
                lines = p.lines
                uncovered += p.uncovered
            } else {
                let d = setter.setDisplay(sentence, font: style.font, measure: width, align: style.align, role: .caption,
                                          story: story.id)
                lines = d.lines
                uncovered += d.uncovered
                problem = d.problem
            }
        }
        if !credit.isEmpty {
            let text = ideographicSpacesBetweenHan(normalizeParagraph(credit.hasPrefix("（") ? credit : "（\(credit)）").text)
            let d = setter.setDisplay(text, font: style.font, measure: width, align: .end, role: .caption,
                                      story: story.id, breaking: .byline)
            uncovered += d.uncovered
            problem = problem ?? d.problem
            if d.lines.count == 1, let last = lines.last, let c = d.lines.first, last.width + c.width <= width + 1e-6,
               style.align == .justify || style.align == .start {
                // Run on: the credit's parenthesis follows the sentence directly.
                let start = last.runs.flatMap { zip($0.boxes, $0.advances).map { $0 + $1 } }.max() ?? 0
                let from = c.runs.flatMap(\.boxes).min() ?? 0
                lines[lines.count - 1].runs += c.runs.map { $0.shifted(by: start - from) }
            } else {
                lines += d.lines
            }
        }
        var e = HeadElement(lines: lines, lineHeight: lineHeight, gapBefore: 0)
        e.problem = problem.map { "caption \($0)" }
        e.uncovered = uncovered
        return e
    }

    // MARK: advertisements
    // An advertisement: its title large and bold, then its copy, each as display lines aligned
    // as the advertisement style says (centred by default), at a scale of the style's size (a
    // box is filled by setting its copy larger, never by spacing it out). Each element carries
    // its own line height: an advertisement is not set on the body grid.

    /// The title large and bold: it grows faster than the copy (it is the ad's display line),
    /// down to the copy's pace when it would take more than two lines or break inside a word.
    func advertisementTitle(width: Double, scale: Double) -> HeadElement? {
        guard let t = story.title, !t.isEmpty else { return nil }
        let style = styles.advertisement
        var title: HeadElement? = nil
        for factor in [2.4, 1.6] {
            var font = style.font
            font.size = Points(style.font.size.value * factor * scale)
            font.bold = true
            let e = advertisementElement([t], font, width: width, gap: 0)
            title = e
            if e.lines.count <= 2 && e.problem == nil { break }
        }
        return title
    }

    /// The copy at `size` points; `stacked`: each phrase (the copy's words between spaces) on a
    /// line of its own.
    func advertisementCopy(width: Double, size: Double, stacked: Bool, gap: Double) -> HeadElement? {
        var font = styles.advertisement.font
        font.size = Points(size)
        var texts = story.body.map { block -> String in switch block { case .paragraph(let x), .subhead(let x): x } }
        if stacked { texts = texts.flatMap { $0.split(whereSeparator: isPhraseSpace).map(String.init) } }
        return texts.isEmpty ? nil : advertisementElement(texts, font, width: width, gap: gap)
    }

    private func advertisementElement(_ texts: [String], _ font: FontSpec, width: Double, gap: Double) -> HeadElement {
        let style = styles.advertisement
        let align = style.align == .justify ? TextStyle.Alignment.center : style.align
        var lines: [SetLine] = []
        var uncovered: [Unicode.Scalar] = []
        var problem: String? = nil
        for text in texts {
            let d = setter.setDisplay(normalizeParagraph(text).text, font: font, measure: width, align: align,
                                      role: .advertisement, story: story.id)
            lines += d.lines
            uncovered += d.uncovered
            problem = problem ?? d.problem.map { "advertisement \($0)" }
        }
        var e = HeadElement(lines: lines, lineHeight: font.size.value * 1.35, gapBefore: gap)
        e.problem = problem
        e.uncovered = uncovered
        return e
    }
}

/// The spaces between an advertisement's phrases (全年订阅　优惠多多): where stacked copy breaks.
func isPhraseSpace(_ c: Character) -> Bool { c == " " || c == "\u{3000}" }
