import PaibanCore

/// Properties every made-up page must have, checked on the display list (shared by the
/// fixed-advance and the Pango make-up tests). Returns failures as sentences.
public func makeUpFailures(_ doc: DisplayDocument, _ report: EditionReport, layout: Layout, issue: Issue,
                           allowEmptyAreas: Bool = false) -> [String] {
    var failures: [String] = []
    let grid = layout.grid
    let left = layout.typeAreaOrigin.x.value, top = layout.typeAreaOrigin.y.value
    let pitch = grid.linePitch.value
    let typeArea = Rect(x: left, y: top, width: grid.width.value, height: grid.height.value)
    for (page, pr) in zip(doc.pages, report.pages) {
        let areaTop = page.number == 1 ? layout.mastheadLines : 0
        let area = GridRect(column: 0, line: areaTop, columns: grid.columns, lines: grid.lines - areaTop)
        // 1. The story rectangles and the empty areas tile the free type area.
        let rects = pr.stories.map(\.rect) + pr.emptyAreas
        for (i, a) in rects.enumerated() {
            if !area.contains(a) { failures.append("page \(page.number): \(a) is outside the free type area") }
            for b in rects[(i + 1)...] where a.intersects(b) {
                failures.append("page \(page.number): \(a) overlaps \(b)")
            }
        }
        if rects.reduce(0, { $0 + $1.area }) != area.area {
            failures.append("page \(page.number): rectangles cover \(rects.reduce(0) { $0 + $1.area }) of \(area.area) cells (a hole)")
        }
        if !pr.emptyAreas.isEmpty && !allowEmptyAreas { failures.append("page \(page.number): empty areas \(pr.emptyAreas)") }
        let runs = page.glyphRuns
        for r in runs {
            let b = r.bounds
            if let id = r.story {
                // 2. Story text stays inside the type area and inside its story's rectangle.
                if !typeArea.contains(b, tolerance: 0.5) { failures.append("page \(page.number): '\(r.string)' leaves the type area") }
                if let s = pr.stories.first(where: { $0.id == id }) {
                    let x0 = left + grid.columnX(s.rect.column).value
                    let box = Rect(x: x0, y: top + grid.lineY(s.rect.line).value,
                                   width: Double(grid.spanChars(s.rect.columns)) * grid.bodySize.value,
                                   height: Double(s.rect.lines) * pitch)
                    if !box.contains(b, tolerance: 0.5) {
                        failures.append("page \(page.number): '\(r.string)' of \(id) leaves its rectangle \(s.rect)")
                    }
                }
                // 3. Body lines sit on the page's one baseline grid.
                if r.role == .body || r.role == .subhead || r.role == .byline {
                    let k = (r.baseline - top - grid.baselineOffset.value) / pitch
                    if abs(k - k.rounded()) > 1e-6 { failures.append("page \(page.number): '\(r.string)' is off the baseline grid") }
                }
            }
        }
        // 4. No two runs of text overlap.
        let boxes = runs.map(\.bounds)
        for i in boxes.indices {
            for j in (i + 1)..<boxes.count where boxes[i].intersects(boxes[j], tolerance: 0.3) {
                failures.append("page \(page.number): '\(runs[i].string)' overlaps '\(runs[j].string)'")
            }
        }
    }
    // 5. Every character of every story is set once, in order, across all its parts (a jump
    // neither loses nor doubles text), or what is missing is reported overset.
    var parts: [String: [(part: Int, text: String, overset: Int)]] = [:]
    for (page, pr) in zip(doc.pages, report.pages) {
        for s in pr.stories {
            let runs = page.glyphRuns.filter { $0.story == s.id && isBodyRole($0.role) }
            // A part's text is its story's runs inside the part's rectangle.
            let x0 = left + grid.columnX(s.rect.column).value
            let box = Rect(x: x0, y: top + grid.lineY(s.rect.line).value,
                           width: Double(grid.spanChars(s.rect.columns)) * grid.bodySize.value,
                           height: Double(s.rect.lines) * pitch)
            let text = runs.filter { box.contains($0.bounds, tolerance: 0.5) }.map(\.string).joined()
            parts[s.id, default: []].append((s.part, text, s.oversetLines))
        }
    }
    for (id, list) in parts {
        guard let story = issue.stories[id] else { continue }
        let ordered = list.sorted { $0.part < $1.part }
        if ordered.map(\.part) != Array(1...ordered.count) {
            failures.append("story \(id): parts \(ordered.map(\.part)) are not 1…n")
        }
        let a = ordered.map(\.text).joined().filter { !$0.isWhitespace }
        let e = expectedBodyText(story).filter { !$0.isWhitespace }
        if ordered.last?.overset == 0 {
            if a != e { failures.append("story \(id): set text differs from the copy\n set: \(a)\n copy: \(e)") }
        } else if !e.hasPrefix(a) || a.count >= e.count {
            failures.append("story \(id): overset, but the set text is not a leading part of the copy")
        }
    }
    return failures
}

private func isBodyRole(_ r: TextRole) -> Bool {
    r == .body || r == .subhead || r == .byline || r == .editorsNote || r == .advertisement
}

/// The body as it should read on the page: byline, dateline run in, subheads, credit closing it.
public func expectedBodyText(_ story: Story) -> String {
    var out = ""
    if story.kind == .advertisement, let t = story.title { out += normalizeParagraph(t).text }
    if story.kind != .advertisement, let b = story.byline { out += ideographicSpacesBetweenHan(normalizeParagraph(b).text) }
    let last = story.body.lastIndex { if case .paragraph = $0 { return true } else { return false } }
    var first = true
    for (k, block) in story.body.enumerated() {
        switch block {
        case .subhead(let s):
            out += story.kind == .advertisement ? normalizeParagraph(s).text : ideographicSpacesBetweenHan(normalizeParagraph(s).text)
        case .paragraph(let p):
            if first && story.kind == .editorsNote { out += "编者按：" }
            if first && story.kind != .editorsNote && story.kind != .advertisement, let d = story.dateline {
                out += normalizeParagraph(d).text + "\u{3000}"
            }
            out += normalizeParagraph(p).text
            if k == last, story.kind != .advertisement, let c = story.credit { out += c.hasPrefix("（") ? c : "（\(c)）" }
            first = false
        }
    }
    return out
}
