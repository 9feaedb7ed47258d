/// A story's display lines: its head elements, byline, subheads, caption and an
/// advertisement's lines, each set by the display setter (between words, natural width,
/// aligned as its style says). Nothing here records report state: what could not break
/// cleanly travels with the element it belongs to.

extension PreparedStory {
    /// A head element (栏目题, 引题, 主题, 副题, continuation head), a byline or a subhead, in
    /// `width`, aligned as its style says (a style asking for justify is set flush start:
    /// display lines are never letter-spaced).
    func headElement(_ text: String, _ style: TextStyle, _ width: Double, role: TextRole, gap: Double,
                     breaking: DisplayBreaking = .head) -> HeadElement {
        let prepared = ideographicSpacesBetweenHan(normalizeParagraph(text).text)
        let set = setter.setDisplay(prepared, font: style.font, measure: width, align: style.align, role: role,
                                    story: story.id, breaking: breaking)
        var e = HeadElement(lines: set.lines, lineHeight: style.font.size.value * style.leading, gapBefore: gap)
        e.problem = set.problem.map { "\(role.rawValue) \($0)" }
        e.uncovered = set.uncovered
        return e
    }

    /// The caption under a photo: its sentence set as text (justified unless the style says
    /// otherwise), the credit (（本报记者　张三摄）) kept whole, flush right, on the caption's last
    /// line when it fits there and on a line of its own when not.
    func captionElement(_ image: ImageRef, width: Double) -> HeadElement {
        let style = styles.caption
        let lineHeight = style.font.size.value * style.leading
        var lines: [SetLine] = []
        var uncovered: [Unicode.Scalar] = []
        var problem: String? = nil
        if let caption = image.caption, !caption.isEmpty {
            let text = normalizeParagraph(caption).text
            if style.align == .justify {
                let p = setter.set(text, font: style.font, measure: width, align: .justify, role: .caption, story: story.id)
                lines = p.lines
                uncovered += p.uncovered
            } else {
                let d = setter.setDisplay(text, font: style.font, measure: width, align: style.align, role: .caption,
                                          story: story.id)
                lines = d.lines
                uncovered += d.uncovered
                problem = d.problem
            }
        }
        if let credit = image.credit, !credit.isEmpty {
            let text = ideographicSpacesBetweenHan(normalizeParagraph(credit.hasPrefix("（") ? credit : "（\(credit)）").text)
            let d = setter.setDisplay(text, font: style.font, measure: width, align: .end, role: .caption,
                                      story: story.id, breaking: .byline)
            uncovered += d.uncovered
            problem = problem ?? d.problem
            // One em between the sentence and the credit when they share a line.
            if d.lines.count == 1, let last = lines.last, let c = d.lines.first,
               last.width + style.font.size.value + c.width <= width + 1e-6 {
                lines[lines.count - 1].runs += c.runs
            } else {
                lines += d.lines
            }
        }
        var e = HeadElement(lines: lines, lineHeight: lineHeight, gapBefore: 0)
        e.problem = problem.map { "caption \($0)" }
        e.uncovered = uncovered
        return e
    }

    /// An advertisement: its title large and bold, then its lines, each as display lines
    /// aligned as the advertisement style says (centred by default).
    func advertisementBody(width: Double) -> HeadElement {
        var lines: [SetLine] = []
        var uncovered: [Unicode.Scalar] = []
        var problems: [String] = []
        let style = styles.advertisement
        let align = style.align == .justify ? TextStyle.Alignment.center : style.align
        func add(_ text: String, _ font: FontSpec) {
            let d = setter.setDisplay(normalizeParagraph(text).text, font: font, measure: width, align: align,
                                      role: .advertisement, story: story.id)
            lines += d.lines
            uncovered += d.uncovered
            if let p = d.problem { problems.append(p) }
        }
        if let t = story.title, !t.isEmpty {
            var font = style.font
            font.size = Points(min(font.size.value * 1.6, layout.grid.linePitch.value))
            font.bold = true
            add(t, font)
        }
        var font = style.font
        font.size = Points(min(font.size.value, layout.grid.linePitch.value))
        for block in story.body {
            switch block { case .paragraph(let x), .subhead(let x): add(x, font) }
        }
        var e = HeadElement(lines: lines, lineHeight: 0, gapBefore: 0)
        e.problem = problems.first.map { "advertisement \($0)" }
        e.uncovered = uncovered
        return e
    }
}
