/// Page furniture: page 1's masthead (报头) and the inner pages' header (报眉), the 天线 and 地线.

struct Furniture {
    let issue: Issue
    let layout: Layout
    let setter: TextSetter
    let geometry: PageGeometry
    let pageCount: Int

    var date: EditionDate? { EditionDate(issue.date) }

    /// A furniture line that must stay in its place: set on one line at its style's size, else
    /// as small as `minimumScale` of it allows; what still does not fit is cut after the last
    /// whole word that does, and reported, as are characters no font has. Furniture never
    /// breaks onto a second line (it would print over the lead or the 天线).
    private func line(_ text: String, _ style: TextStyle, measure: Double, align: TextStyle.Alignment,
                      role: TextRole, x: Double, baseline: Double, what: String, minimumScale: Double = 0.8,
                      problems: inout [String]) -> [DisplayItem] {
        let clean = ideographicSpacesBetweenHan(normalizeParagraph(text).text)
        var font = style.font
        var set = setter.setDisplay(clean, font: font, measure: measure, align: align, role: role, story: nil)
        if set.lines.count > 1 {
            // The size at which its natural width fits, not below the floor.
            let natural = setter.setDisplay(clean, font: font, measure: 1e6, align: .start, role: role, story: nil)
            let width = natural.lines.first?.width ?? measure
            let scale = max(minimumScale, min(1, measure / max(width, 1) * 0.999))
            font = font.sized(Points(font.size.value * scale))
            set = setter.setDisplay(clean, font: font, measure: measure, align: align, role: role, story: nil)
        }
        let missing = Set(set.uncovered).sorted { $0.value < $1.value }
        if !missing.isEmpty {
            let list = missing.map { "“\(String($0))” U+\(String($0.value, radix: 16, uppercase: true))" }.joined(separator: ", ")
            problems.append("\(what): no font has \(list); it prints as a blank box")
        }
        guard let first = set.lines.first else { return [] }
        if set.lines.count > 1 {
            let shown = first.text
            problems.append("\(what) “\(text)” does not fit its place (\(Int(measure)) pt) even at \(Int((minimumScale * 100).rounded())) % of its size: only “\(shown)” is printed")
        }
        return first.placed(x: x, baseline: baseline)
    }

    /// The masthead across the top `mastheadLines` of page 1: the paper's name, the banner of a
    /// special issue, and the date block (公历, 星期, 农历, 期号, 今日N版).
    func masthead(problems: inout [String]) -> [DisplayItem] {
        let g = geometry
        let styles = layout.styles
        var items: [DisplayItem] = []
        let top = g.top
        let height = Double(layout.mastheadLines) * g.pitch
        let full = g.grid.width.value
        let infoColumns = max(2, g.grid.columns / 4)
        let infoX = g.x(column: g.grid.columns - infoColumns)
        let infoWidth = g.width(columns: infoColumns)
        let nameWidth = infoX - g.left - g.body
        // Paper name, as large as the masthead allows.
        // Paper name, as large as the masthead allows, down to half its style's size: a name
        // that needs less than that is not one a masthead can carry (a 60-character name came
        // out at 1.5 pt), and is reported.
        var nameStyle = styles.paperName
        let nameChars = Double(issue.paperName.unicodeScalars.count)
        nameStyle.font.size = Points(min(nameStyle.font.size.value, height * 0.55,
                                         max(nameWidth / max(nameChars, 1), nameStyle.font.size.value * 0.5)))
        let nameSize = nameStyle.font.size.value
        items += line(issue.paperName, nameStyle, measure: nameWidth, align: .start, role: .paperName,
                      x: g.left, baseline: top + 0.9 * nameSize + 0.1 * height, what: "the paper's name",
                      minimumScale: 1, problems: &problems)
        if let banner = issue.banner, !banner.isEmpty {
            let bs = styles.banner
            let by = top + 0.1 * height + nameSize * 1.15 + bs.font.size.value
            items += line(banner, bs, measure: nameWidth, align: .start, role: .banner, x: g.left,
                          baseline: min(by, top + height - 0.4 * bs.font.size.value), what: "the banner",
                          minimumScale: 0.6, problems: &problems)
        }
        // 本期导读 (报眼): between the name and the date block, the inner pages' leading stories.
        let bannerWidth = issue.banner.map { Double($0.unicodeScalars.count) * styles.banner.font.size.value * 0.8 } ?? 0
        let guideX = g.left + max(nameChars * nameSize, bannerWidth) + 2 * g.body
        items += readersGuide(x: guideX, width: infoX - guideX - g.body, top: top, height: height, problems: &problems)
        // Date block, boxed, on the right.
        var info: [String] = []
        if let d = date { info += ["\(d.gregorian)", d.weekday, d.lunar] }
        if let n = issue.issueNumber { info.append("第\(n)期") }
        info.append("今日\(pageCount)版")
        let ms = styles.masthead
        let lh = ms.font.size.value * 1.5
        let blockHeight = Double(info.count) * lh
        var y = top + (height - blockHeight) / 2
        for text in info {
            items += line(text, ms, measure: infoWidth - 2 * g.body, align: .center, role: .masthead,
                          x: infoX + g.body, baseline: y + 0.5 * (lh - ms.font.size.value) + 0.88 * ms.font.size.value,
                          what: "the date block", problems: &problems)
            y += lh
        }
        // The date block's frame hugs its lines.
        let boxTop = top + (height - blockHeight) / 2 - lh * 0.6
        items.append(.box(Rect(x: infoX, y: boxTop, width: infoWidth, height: blockHeight + lh * 1.2),
                          stroke: 0.6, fill: nil))
        // A heavy rule and a hairline close the masthead.
        let ruleY = top + height - 0.3 * g.pitch
        items.append(.rule(x1: g.left, y1: ruleY - 2, x2: g.left + full, y2: ruleY - 2, width: 2))
        items.append(.rule(x1: g.left, y1: ruleY + 0.5, x2: g.left + full, y2: ruleY + 0.5, width: 0.5))
        return items
    }

    /// A short table of contents: the most important story of each inner page with its page,
    /// as far as room allows (nothing when there is no room or no inner page).
    private func readersGuide(x: Double, width: Double, top: Double, height: Double, problems: inout [String]) -> [DisplayItem] {
        let ms = layout.styles.masthead
        let size = ms.font.size.value
        guard width >= 12 * size else { return [] }
        var entries: [String] = []
        for page in issue.pages.sorted(by: { $0.number < $1.number }) where page.number != 1 {
            guard let first = page.stories.first, let story = issue.stories[first.id], let title = story.oneLineTitle,
                  story.kind != .advertisement else { continue }
            entries.append("\(page.printedName)　\(title)")
        }
        let lh = size * 1.6
        let room = Int((height * 0.8) / lh) - 1
        guard !entries.isEmpty, room >= 1 else { return [] }
        entries = Array(entries.prefix(room))
        var heading = ms
        heading.font = FontSpec(role: .heiTi, size: ms.font.size, bold: true)
        var items: [DisplayItem] = []
        var y = top + (height - Double(entries.count + 1) * lh) / 2
        items += line("本期导读", heading, measure: width, align: .start, role: .masthead, x: x,
                      baseline: y + 0.88 * size, what: "the readers' guide", problems: &problems)
        for e in entries {
            y += lh
            if let l = teaserLine(e, font: ms.font, width: width) { items += l.placed(x: x, baseline: y + 0.88 * size) }
        }
        let ruleX = x - g.body
        items.append(.rule(x1: ruleX, y1: top + (height - Double(entries.count + 1) * lh) / 2 - 0.2 * lh,
                           x2: ruleX, y2: top + (height + Double(entries.count + 1) * lh) / 2 - 0.2 * lh, width: 0.6))
        return items
    }

    /// One teaser line: the entry whole when it fits, else cut where a head may break (between
    /// words, never inside one) and closed with …… so the reader sees it goes on.
    private func teaserLine(_ entry: String, font: FontSpec, width: Double) -> SetLine? {
        let text = ideographicSpacesBetweenHan(normalizeParagraph(entry).text)
        let whole = setter.setDisplay(text, font: font, measure: width, align: .start, role: .masthead, story: nil)
        if whole.lines.count <= 1 { return whole.lines.first }
        guard let start = setter.displayPrefix(text, font: font, measure: width - 2 * font.size.value) else { return nil }
        return setter.setDisplay(start + "……", font: font, measure: width, align: .start, role: .masthead,
                                 story: nil).lines.first
    }

    private var g: PageGeometry { geometry }

    /// The page header above 天线: paper, date, 版次 (the page's printed name: 第2版 or its label) and 版名.
    func pageHeader(_ page: PageSpec, problems: inout [String]) -> [DisplayItem] {
        let g = geometry
        let hs = layout.styles.pageHeader
        let full = g.grid.width.value
        let baseline = g.top - 0.6 * g.pitch
        var items: [DisplayItem] = []
        let third = full / 3
        items += line(issue.paperName, hs, measure: third, align: .start, role: .pageHeader, x: g.left, baseline: baseline,
                      what: "the page header's paper name", problems: &problems)
        if let d = date {
            items += line("\(d.gregorian)　\(d.weekday)", hs, measure: third, align: .center, role: .pageHeader,
                          x: g.left + third, baseline: baseline, what: "the page header's date", problems: &problems)
        }
        let right = page.printedName + (page.section.isEmpty ? "" : "　\(page.section)")
        items += line(right, hs, measure: third, align: .end, role: .pageHeader, x: g.left + 2 * third, baseline: baseline,
                      what: "the page header's section", problems: &problems)
        return items
    }

    /// 天线 over the type area of inner pages and 地线 under every page's type area.
    func frameRules(pageNumber: Int) -> [DisplayItem] {
        let g = geometry
        let w = layout.rules.frame.value
        let full = g.grid.width.value
        var items: [DisplayItem] = []
        if pageNumber != 1 {
            let y = g.top - 0.25 * g.pitch
            items.append(.rule(x1: g.left, y1: y, x2: g.left + full, y2: y, width: w))
        }
        let bottomY = g.top + g.grid.height.value + 0.25 * g.pitch
        items.append(.rule(x1: g.left, y1: bottomY, x2: g.left + full, y2: bottomY, width: w))
        return items
    }
}
