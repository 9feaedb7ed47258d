import PaibanCore

/// The page score's hard rules and the make-up's promises, checked on what was drawn (the
/// display list) and what was reported, not on the optimiser's own numbers: a rule the score
/// keeps but the renderer breaks is still caught. Returns failures as sentences naming the
/// page and the story.
///
/// Per page:
///  1. every story's body columns end level: the last body baselines of its columns (runs of
///     role `.body` inside its rectangle, grouped by column) differ by at most one line pitch,
///     for a story that does not continue on another page;
///  2. no stacked head (叠题): a story one or two columns wide has at most three baselines of
///     title or kicker text at least 1.5 × the body size;
///  3. a story one column wide has at most two title lines;
///  4. under a photo narrower than its story, each column it spans holds no body text or at
///     least three lines of it (one or two are a sliver);
///  5. every image prints at `layout.photos.minimumPPI` or more (crop pixels over frame inches,
///     the lower of the two axes; a placeholder for a missing file has no pixels and is skipped);
///  6. the page has no holes (`PageReport.holes`) unless `allowShortCopy`.
public func pageRuleFailures(_ doc: DisplayDocument, _ report: EditionReport, layout: Layout,
                             allowShortCopy: Bool = false) -> [String] {
    var failures: [String] = []
    let grid = layout.grid
    let left = layout.typeAreaOrigin.x.value, top = layout.typeAreaOrigin.y.value
    let pitch = grid.linePitch.value, body = grid.bodySize.value
    let columnStride = Double(grid.columnChars + grid.gutterChars) * body
    for (page, pr) in zip(doc.pages, report.pages) {
        let runs = page.glyphRuns
        for s in pr.stories {
            let name = "page \(page.number): story '\(s.id)'" + (s.part > 1 ? " (part \(s.part))" : "")
            let box = Rect(x: left + grid.columnX(s.rect.column).value, y: top + grid.lineY(s.rect.line).value,
                           width: Double(grid.spanChars(s.rect.columns)) * body, height: Double(s.rect.lines) * pitch)
            let own = runs.filter { $0.story == s.id && box.contains($0.bounds, tolerance: 0.5) }
            // 1. Level columns.
            if s.continuesOn == nil {
                var last: [Int: Double] = [:]
                for r in own where r.role == .body {
                    let column = Int(((r.bounds.x - left + 1) / columnStride).rounded(.down))
                    last[column] = max(last[column] ?? -.infinity, r.baseline)
                }
                if let lo = last.values.min(), let hi = last.values.max(), hi - lo > pitch + 1e-6 {
                    let ends = last.keys.sorted().map { c in
                        "column \(c + 1) at line \(Int(((last[c]! - top - grid.baselineOffset.value) / pitch).rounded()) + 1)"
                    }
                    failures.append("\(name): its columns do not end level, \(String(format: "%.1f", (hi - lo) / pitch)) lines apart (\(ends.joined(separator: ", ")))")
                }
            }
            // 2. No stacked head in a story one or two columns wide.
            if s.rect.columns <= 2 {
                let display = own.filter { ($0.role == .title || $0.role == .kicker) && $0.font.size.value >= 1.5 * body - 1e-9 }
                let baselines = distinct(display.map(\.baseline))
                if baselines.count > 3 {
                    failures.append("\(name): a stacked head, \(baselines.count) lines of display type in a story \(s.rect.columns) column\(s.rect.columns == 1 ? "" : "s") wide")
                }
            }
            // 3. A one-column story's title in at most two lines.
            if s.rect.columns == 1 {
                let lines = distinct(own.filter { $0.role == .title }.map(\.baseline)).count
                if lines > 2 { failures.append("\(name): \(lines) title lines in a story one column wide") }
            }
            // 4. Under a photo narrower than its story, no text or three lines at least in each
            // column it spans (one or two lines there are a sliver).
            for item in page.items {
                guard case .image(let image) = item, image.story == s.id, image.frame.width < box.width - columnStride / 2
                else { continue }
                for c in 0..<s.rect.columns {
                    let x = left + grid.columnX(s.rect.column + c).value
                    guard x + 1 >= image.frame.x, x + 1 < image.frame.maxX else { continue } // a column the photo spans
                    let under = distinct(own.filter {
                        $0.role == .body && $0.bounds.y >= image.frame.maxY && $0.bounds.x >= x - 1 && $0.bounds.x < x + columnStride - 1
                    }.map(\.baseline)).count
                    if under > 0 && under < 3 {
                        failures.append("\(name): \(under) line\(under == 1 ? "" : "s") of text under its photo in column \(s.rect.column + c + 1), a sliver")
                    }
                }
            }
        }
        // 5. Photos at the layout's resolution or better.
        for item in page.items {
            guard case .image(let image) = item, image.path != nil else { continue }
            let ppi = min(image.crop.width / (image.frame.width / 72), image.crop.height / (image.frame.height / 72))
            if ppi < layout.photos.minimumPPI - 1e-6 {
                failures.append("page \(page.number): story '\(image.story ?? "?")': photo \(image.label) prints at \(String(format: "%.0f", ppi)) ppi, below the layout's \(Int(layout.photos.minimumPPI))")
            }
        }
        // 6. No holes, unless the page may be short of copy.
        if !allowShortCopy {
            for h in pr.holes {
                let owner = pr.stories.first { $0.rect.contains(h) }.map { "story '\($0.id)'" } ?? "no story"
                failures.append("page \(page.number): \(owner): a hole at \(h) (\(h.area) column-lines of white)")
            }
        }
    }
    return failures
}

/// Baselines that differ by more than a hundredth of a point.
private func distinct(_ values: [Double]) -> [Double] {
    var out: [Double] = []
    for v in values.sorted() where out.last.map({ v - $0 > 0.01 }) ?? true { out.append(v) }
    return out
}
