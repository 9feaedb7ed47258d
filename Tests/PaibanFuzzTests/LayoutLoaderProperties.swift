import Foundation
import PaibanCore
import PaibanInput
import PaibanTestSupport
import PropertyBased
import Testing

/// The template loader on hostile templates. Its contract (README: "a template that cannot work
/// is refused with the file, line and reason"): no trap; what it accepts is workable; a
/// refusal names the file and a line in it; a section of the wrong type or a key written twice
/// is not passed over in silence.
@Suite struct LayoutLoaderProperties {
    static let file = "/fuzz/Layouts/fuzz.yaml"

    @Test("layout loader: an accepted template is workable; a refusal names the template and a line in it")
    func acceptedIsWorkableRefusedIsLocated() {
        Fuzz.check("layout-loader", count: 300, LayoutFile.generator) { f in
            let (yaml, lines) = f.text
            let lineCount = yaml.unicodeScalars.filter { $0 == "\n" }.count
            do {
                let (layout, warnings) = try LayoutLoader.parse(yaml, file: Self.file)
                var failures = workabilityFailures(layout)
                for s in f.wrongSections {
                    let line = lines[s]!
                    if !warnings.contains(where: { $0.line == line }) {
                        failures.append("'\(s)' is of the wrong type (line \(line)) and the template loads without a word")
                    }
                }
                if let d = f.duplicate, !warnings.contains(where: { $0.message.contains(d.key) }) {
                    failures.append("'\(d.section).\(d.key)' is written twice and the template loads without a word")
                }
                return failures
            } catch let e as InputError {
                var failures: [String] = []
                if e.diagnostic.file != Self.file { failures.append("the error names \(e.diagnostic.file ?? "no file")") }
                if let l = e.diagnostic.line, !(1...lineCount).contains(l) { failures.append("the error's line \(l) is outside the template (1…\(lineCount))") }
                if e.diagnostic.line == nil { failures.append("the error names no line: \(e)") }
                return failures
            } catch {
                return ["an error that is not an InputError: \(error)"]
            }
        }
    }
}

/// What "workable" means for a loaded template: every length finite and on the page, the grid
/// inside the page, sizes that can be set (finite, positive, no wider than the page).
func workabilityFailures(_ l: Layout) -> [String] {
    var failures: [String] = []
    func check(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { failures.append(what()) } }
    let w = l.pageWidth.value, h = l.pageHeight.value
    check(w.isFinite && w > 0 && h.isFinite && h > 0, "page \(w) × \(h) pt")
    let g = l.grid
    // In Double: a count the loader let through must not trap this check either.
    let widthChars = Double(g.columns) * Double(g.columnChars) + Double(g.columns - 1) * Double(g.gutterChars)
    let typeWidth = widthChars * g.bodySize.value, typeHeight = Double(g.lines) * g.linePitch.value
    check(g.bodySize.value.isFinite && g.bodySize.value > 0, "body size \(g.bodySize.value) pt")
    check(g.linePitch.value.isFinite && g.linePitch.value > 0, "line pitch \(g.linePitch.value) pt")
    check(l.typeAreaOrigin.x.value.isFinite && l.typeAreaOrigin.x.value >= 0 && l.typeAreaOrigin.y.value.isFinite && l.typeAreaOrigin.y.value >= 0,
          "type area origin \(l.typeAreaOrigin)")
    check(l.typeAreaOrigin.x.value + typeWidth <= w + 0.01, "type area \(typeWidth) pt wide from \(l.typeAreaOrigin.x.value) on a page of \(w)")
    check(l.typeAreaOrigin.y.value + typeHeight <= h + 0.01, "type area \(typeHeight) pt deep from \(l.typeAreaOrigin.y.value) on a page of \(h)")
    check(g.lines >= 10, "\(g.lines) lines")
    let s = l.styles
    let styles = [("body", s.body), ("column_label", s.columnLabel), ("kicker", s.kicker), ("title", s.title), ("deck", s.deck),
                  ("subhead", s.subhead), ("byline", s.byline), ("dateline", s.dateline), ("caption", s.caption),
                  ("editors_note", s.editorsNote), ("advertisement", s.advertisement), ("jump", s.jump),
                  ("paper_name", s.paperName), ("masthead", s.masthead), ("page_header", s.pageHeader), ("banner", s.banner)]
    for (name, st) in styles {
        let size = st.font.size.value
        check(size.isFinite && size > 0 && size <= w, "style \(name): size \(size) pt on a page \(w) pt wide")
        check(st.leading.isFinite && st.leading >= 0.8 && st.leading <= 4, "style \(name): leading \(st.leading)")
    }
    for t in l.titleSizes { check(t.value.isFinite && t.value > 0 && t.value <= w, "title size \(t.value) pt") }
    for r in [l.rules.column, l.rules.story, l.rules.frame] { check(r.value.isFinite && r.value >= 0 && r.value <= w, "rule weight \(r.value) pt") }
    check(l.mastheadLines >= 4 && l.mastheadLines < g.lines, "masthead \(l.mastheadLines) of \(g.lines) lines")
    return failures
}

/// Whether a value holds a number no template means: not finite, or beyond 10⁵ or within
/// 10⁻⁵ of zero (hex and Int.max included), whatever its unit.
func isAbsurd(_ value: String) -> Bool {
    let numbers = value.split(whereSeparator: { " ,:{}[]".contains($0) }).compactMap { part -> Double? in
        var t = String(part)
        for unit in ["mm", "pt", "字", "em", "Q", "PT"] where t.hasSuffix(unit) { t = String(t.dropLast(unit.count)) }
        return Double(t) ?? Double(t.replacingOccurrences(of: ".inf", with: "inf").replacingOccurrences(of: ".nan", with: "nan"))
    }
    return numbers.contains { !$0.isFinite || abs($0) > 1e5 || ($0 != 0 && abs($0) < 1e-5) }
}
