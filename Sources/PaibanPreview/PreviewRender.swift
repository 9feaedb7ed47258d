import Foundation
import Paiban

/// What one render of the issue gave: the pages to show with their proofs, or the input error
/// that stopped it. Made and used on one thread (an `Edition` holds Pango and Cairo objects);
/// only these values leave it.
enum PreviewRender: Sendable {
    case rendered(RenderedPages)
    case failed(Diagnostic)
}

extension PreviewRender {
    /// One line for the terminal: what was rendered, or what stopped it.
    var summary: String {
        switch self {
        case .failed(let d): return d.description + " (the last good pages stay on screen)"
        case .rendered(let r):
            let problems = r.problems.filter { $0.kind == .problem }.count, warnings = r.problems.count - problems
            return "rendered \(counted(r.pages.count, "page")) in \(r.milliseconds) ms: \(counted(problems, "problem")), \(counted(warnings, "warning"))"
                + r.inputErrors.map { "\n" + $0.description }.joined()
        }
    }
}

private func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)" + (n == 1 ? "" : "s") }

struct RenderedPages: Sendable {
    var title: String
    var pages: [PreviewPage]
    var proofs: [[UInt8]]
    /// The pages drawn, so the next render redraws only the pages an edit changed.
    var drawn: [DisplayPage]
    var dpi: Double
    var problems: [PreviewProblem]
    /// The errors loading the issue found (a story whose front matter broke is left out, say):
    /// an edit that adds one keeps the last good pages on screen.
    var inputErrors: [Diagnostic]
    /// The stories loaded (a story whose file broke is missing here).
    var stories: Set<String>
    /// Files outside the issue folder the render read (a layout from the project's Layouts/).
    var externalFiles: [String]
    var milliseconds: Int
}

/// Loads, makes up and proofs the issue (on the calling thread). A page equal to the same page
/// of `previous` keeps its proof: an edit to one story redraws one page, not the edition (a
/// broadsheet proof at 72 dpi costs about 0.1 s to draw and encode).
func renderPreview(issueDirectory: String, options: RenderOptions, dpi: Double,
                   previous: RenderedPages? = nil) -> PreviewRender {
    let started = ContinuousClock.now
    let edition: Edition
    do {
        edition = try Edition(issueAt: issueDirectory, options: options)
    } catch let e as InputError {
        return .failed(e.diagnostic)
    } catch {
        return .failed(Diagnostic(.error, file: issueDirectory, "\(error)"))
    }
    var proofs: [[UInt8]] = []
    for (index, page) in edition.document.pages.enumerated() {
        if let previous, previous.dpi == dpi, previous.drawn.indices.contains(index), previous.drawn[index] == page {
            proofs.append(previous.proofs[index])
            continue
        }
        do {
            proofs.append(try edition.proof(page: index, dpi: dpi))
        } catch {
            return .failed(Diagnostic(.error, file: issueDirectory, "the proof of page \(index + 1) could not be drawn: \(error)"))
        }
    }
    let pages = previewPages(edition)
    let preflight = edition.preflight()
    let elapsed = ContinuousClock.now - started
    return .rendered(RenderedPages(
        title: edition.document.title,
        pages: pages,
        proofs: proofs,
        drawn: edition.document.pages,
        dpi: dpi,
        problems: previewProblems(preflight, edition: edition, pages: pages),
        inputErrors: edition.inputDiagnostics.filter { $0.severity == .error },
        stories: Set(edition.issue.stories.keys),
        externalFiles: [edition.layout.sourceFile],
        milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)))
}

/// Each page's size, grid, story rectangles (with their variants) and jump links, in points.
func previewPages(_ edition: Edition) -> [PreviewPage] {
    let layout = edition.layout
    let grid = previewGrid(layout)
    let reports = Dictionary(edition.report.pages.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
    let anchors = jumpAnchors(edition.document)
    return edition.document.pages.enumerated().map { index, page in
        let stories = (reports[page.number]?.stories ?? []).map { previewStory($0, layout: layout) }
        let jumps = page.glyphRuns.filter { $0.role == .jump }.map { run in
            let b = run.bounds
            let target = run.link.flatMap { anchors[$0] }
            return PreviewJump(story: run.story ?? "", text: run.string, x: b.x, y: b.y, width: b.width, height: b.height,
                               toPage: target?.page, toY: target?.y)
        }
        return PreviewPage(index: index, number: page.number, label: page.label, width: page.width, height: page.height,
                           proof: "", grid: grid, stories: stories, jumps: jumps)
    }
}

/// Where each jump line's destination is: page index and the line's top.
private func jumpAnchors(_ document: DisplayDocument) -> [String: (page: Int, y: Double)] {
    var anchors: [String: (page: Int, y: Double)] = [:]
    for (index, page) in document.pages.enumerated() {
        for run in page.glyphRuns {
            if let a = run.anchor, anchors[a] == nil { anchors[a] = (index, run.bounds.y) }
        }
    }
    return anchors
}

func previewGrid(_ layout: Layout) -> PreviewGrid {
    let g = layout.grid
    let left = layout.typeAreaOrigin.x.value, top = layout.typeAreaOrigin.y.value
    let columnWidth = Double(g.columnChars) * g.bodySize.value
    return PreviewGrid(x: left, y: top, width: g.width.value, height: g.height.value,
                       columns: (0..<g.columns).map { [left + g.columnX($0).value, columnWidth] },
                       character: g.bodySize.value, pitch: g.linePitch.value, lines: g.lines,
                       baselineOffset: g.baselineOffset.value)
}

func previewStory(_ s: StoryReport, layout: Layout) -> PreviewStory {
    let g = layout.grid
    let r = s.rect
    let x = layout.typeAreaOrigin.x.value + g.columnX(r.column).value
    let y = layout.typeAreaOrigin.y.value + g.lineY(r.line).value
    return PreviewStory(id: s.id, part: s.part, x: x, y: y,
                        width: Double(g.spanChars(max(r.columns, 1))) * g.bodySize.value,
                        height: Double(r.lines) * g.linePitch.value,
                        area: "\(r.columns)栏 × \(r.lines)行 at column \(r.column + 1), line \(r.line + 1)",
                        variant: s.variant.map(variantWords) ?? (s.fixed ? "fixed area" : ""),
                        overset: s.oversetLines, continuesOn: s.continuesOn, continuedFrom: s.continuedFrom)
}

/// The chosen variant as a designer would say it.
func variantWords(_ v: VariantReport) -> String {
    var words = ["\(v.columns)栏 × \(v.lines)行"]
    if let size = v.titleSize {
        let step = v.titleStep == 0 ? "" : (v.titleStep > 0 ? " (a step larger)" : " (a step smaller)")
        words.append("题 \(v.titleLines)行 \(formatPoints(size)) pt\(step)")
    }
    if let c = v.photoColumns, let l = v.photoLines {
        words.append("图 \(c)栏 × \(l)行" + (v.photoPPI.map { " at \(Int($0.rounded())) ppi" } ?? ""))
    }
    if v.headWhite + v.footWhite > 0 { words.append("white \(v.headWhite)+\(v.footWhite)行") }
    return words.joined(separator: ", ")
}

private func formatPoints(_ p: Double) -> String {
    p == p.rounded() ? String(Int(p)) : String(format: "%.1f", p)
}
