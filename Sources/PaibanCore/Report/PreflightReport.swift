/// The preflight report: what a production editor needs to act on, as JSON
/// (`edition.report.json`) and as a short summary for the terminal. Its numbers come from the
/// same make-up that drew the PDF.

public struct PreflightReport: Sendable {
    public var json: JSON
    public var summary: [String]
    /// Anything wrong: errors, overset text, characters no font has, missing or low-resolution
    /// photos, empty areas. `paiban render --strict` fails on it.
    public var problems: [String]
    /// Every warning about the input or the make-up (an unknown key, a news story without a
    /// title, a story file no page lists, overset text …), as `file:line: warning: message`.
    /// They do not stop the edition, but `--strict` fails on them too.
    public var warnings: [String]

    /// What `--strict` asks: no problem and no warning.
    public var passesStrict: Bool { problems.isEmpty && warnings.isEmpty }

    /// Photos below this effective resolution are flagged (newsprint screens want about 150–200 ppi).
    public static let minimumPPI = 150.0
}

/// A photo's colour as the PDF holds it (from the writer): its colour space and, where its
/// pixels were converted to CMYK, the largest total ink in percent.
public struct PhotoColour: Sendable, Equatable {
    public var space: String
    public var maxInk: Double?
    public init(space: String, maxInk: Double?) {
        self.space = space
        self.maxInk = maxInk
    }
}

public func preflightReport(issue: Issue, layout: Layout, document: DisplayDocument, report: EditionReport,
                            inputDiagnostics: [Diagnostic], output: String,
                            photoColours: [String: PhotoColour] = [:], engine: String = "own") -> PreflightReport {
    var problems: [String] = []
    var pagesJSON: [JSON] = []
    var jumps: [JSON] = []
    var totals = (stories: 0, lines: 0, overset: 0, underset: 0, orphans: 0, normalised: 0)
    totals.normalised = issue.normalisation.count
    var uncovered = Set<Unicode.Scalar>()
    // Pages go by their printed names (A2, or 第2版 when they have no label); problems also give
    // the number the manifest knows the page by.
    let name = issue.printedName(ofPage:)
    func pageRef(_ n: Int) -> String {
        issue.pages.first { $0.number == n }?.label.map { "page \(n) (\($0))" } ?? "page \(n)"
    }

    for page in report.pages {
        var stories: [JSON] = []
        for s in page.stories {
            if s.part == 1 { totals.stories += 1 }
            totals.lines += s.linesSet
            totals.overset += s.oversetLines
            totals.underset += s.undersetLines
            totals.orphans += s.orphansAvoided
            totals.normalised += s.part == 1 ? s.normalised.count : 0
            uncovered.formUnion(s.uncovered)
            var fields: [(String, JSON)] = [
                ("id", .string(s.id)), ("part", .int(s.part)),
                ("area", .object([("column", .int(s.rect.column + 1)), ("line", .int(s.rect.line + 1)),
                                  ("columns", .int(s.rect.columns)), ("lines", .int(s.rect.lines))])),
                ("fixed", .bool(s.fixed)),
                ("lines_set", .int(s.linesSet)), ("overset_lines", .int(s.oversetLines)),
                ("underset_lines", .int(s.undersetLines)), ("orphans_avoided", .int(s.orphansAvoided)),
            ]
            fields.append(("continued_from", s.continuedFrom.map { .int($0) } ?? .null))
            fields.append(("continues_on", s.continuesOn.map { .int($0) } ?? .null))
            if s.part == 1 { fields.append(("normalised", normalisationJSON(s.normalised))) }
            fields.append(("uncovered", .array(Set(s.uncovered).sorted { $0.value < $1.value }.map { .string(String($0)) })))
            fields.append(("notes", .array(s.notes.map { .string($0) })))
            if let v = s.variant { fields.append(("variant", variantJSON(v))) }
            stories.append(.object(fields))
            if s.oversetLines > 0 {
                problems.append("\(pageRef(page.number)): \(s.part > 1 ? "continuation of " : "")\(s.id) overset by \(s.oversetLines) lines")
            }
            if let to = s.continuesOn {
                jumps.append(.object([("story", .string(s.id)), ("part", .int(s.part)), ("from_page", .int(page.number)),
                                      ("to_page", .int(to)), ("from_label", .string(name(page.number))),
                                      ("to_label", .string(name(to)))]))
            }
        }
        for e in page.emptyAreas { problems.append("\(pageRef(page.number)): \(e) is empty") }
        pagesJSON.append(.object([
            ("number", .int(page.number)), ("label", .string(name(page.number))),
            ("section", .string(page.section)),
            ("type_area_used_percent", .number((page.typeAreaUsed * 10).rounded() / 10)),
            ("short_lines", .int(page.shortLines)),
            ("fillers", .array(page.fillers.map { .string($0) })),
            ("holes", .array(page.holes.map(areaJSON))),
            ("stories", .array(stories)),
            ("empty_areas", .array(page.emptyAreas.map {
                .object([("column", .int($0.column + 1)), ("line", .int($0.line + 1)),
                         ("columns", .int($0.columns)), ("lines", .int($0.lines))])
            })),
        ]))
    }
    // Jumps that were planned but found no room show up as continuations never placed.
    var images: [JSON] = []
    for page in document.pages {
        for item in page.items {
            guard case .image(let p) = item else { continue }
            let ppi = p.path == nil ? 0 : min(p.crop.width / (p.frame.width / 72), p.crop.height / (p.frame.height / 72))
            images.append(.object([
                ("story", .string(p.story ?? "")), ("file", .string(p.label)), ("page", .int(page.number)),
                ("found", .bool(p.path != nil)), ("problem", p.problem.map { .string($0) } ?? .null),
                ("frame_mm", .array([.number(p.frame.width * 25.4 / 72), .number(p.frame.height * 25.4 / 72)])),
                ("effective_ppi", .number((ppi * 10).rounded() / 10)),
                ("colour_space", p.path.flatMap { photoColours[$0]?.space }.map { .string($0) } ?? .null),
                ("max_total_ink_percent", p.path.flatMap { photoColours[$0]?.maxInk }.map { .number($0) } ?? .null),
            ]))
            if let path = p.path, let ink = photoColours[path]?.maxInk, ink > layout.print.inkLimit + 0.5 {
                problems.append("\(pageRef(page.number)): photo \(p.label) has \(Int(ink)) % total ink (the limit is \(Int(layout.print.inkLimit)) %)")
            }
            if p.path == nil {
                problems.append("\(pageRef(page.number)): photo \(p.label) of \(p.story ?? "?") \(p.problem ?? "is missing"); a placeholder stands in")
            } else if ppi < PreflightReport.minimumPPI {
                problems.append("\(pageRef(page.number)): photo \(p.label) is \(Int(ppi)) ppi as printed (below \(Int(PreflightReport.minimumPPI)))")
            }
        }
    }
    if !uncovered.isEmpty {
        problems.append("no font has " + uncovered.sorted { $0.value < $1.value }.map { "“\(String($0))”" }.joined(separator: " "))
    }
    let diagnostics = inputDiagnostics + report.diagnostics
    for d in diagnostics where d.severity == .error { problems.append(d.description) }
    let warningLines = diagnostics.filter { $0.severity == .warning }.map(\.description)
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    let date = EditionDate(issue.date)
    let json = JSON.object([
        ("edition", .object([
            ("paper", .string(issue.paperName)), ("date", .string(date?.gregorian ?? "")),
            ("issue_number", issue.issueNumber.map { .int($0) } ?? .null), ("layout", .string(layout.name)), ("pdfx", layout.print.pdfx.map { .string($0.rawValue) } ?? .null),
            ("pages", .int(report.pages.count)), ("output", .string(output)),
            ("normalised", normalisationJSON(issue.normalisation)),
        ])),
        // Which writer drew the PDF (own or cairo): at the top, where a check reads it first.
        ("engine", .string(engine)),
        ("summary", .object([
            ("ok", .bool(problems.isEmpty)), ("stories", .int(totals.stories)), ("lines_set", .int(totals.lines)),
            ("overset_lines", .int(totals.overset)), ("underset_lines", .int(totals.underset)),
            ("orphans_avoided", .int(totals.orphans)), ("punctuation_normalised", .int(totals.normalised)),
            ("uncovered_characters", .array(uncovered.sorted { $0.value < $1.value }.map { .string(String($0)) })),
            ("jumps", .int(jumps.count)), ("errors", .int(errors)), ("warnings", .int(warnings)),
        ])),
        ("problems", .array(problems.map { .string($0) })),
        ("warnings", .array(warningLines.map { .string($0) })),
        ("pages", .array(pagesJSON)),
        ("jumps", .array(jumps)),
        ("fillers", .object([
            ("used", .array(report.pages.flatMap { p in p.fillers.map { JSON.object([("id", .string($0)), ("page", .int(p.number))]) } })),
            ("unused", .array(report.unusedFillers.map { .string($0) })),
        ])),
        ("images", .array(images)),
        ("diagnostics", .array(diagnostics.map { d in
            .object([("severity", .string(d.severity.rawValue)), ("file", d.file.map { .string($0) } ?? .null),
                     ("line", d.line.map { .int($0) } ?? .null), ("message", .string(d.message))])
        })),
    ])
    var summary: [String] = []
    summary.append("\(output): \(report.pages.count) pages, \(totals.stories) stories, \(totals.lines) lines set, "
        + "\(totals.overset) overset, \(totals.underset) underset, \(totals.orphans) 孤字 avoided, "
        + "\(totals.normalised) marks normalised, \(jumps.count) jumps, \(errors) errors, \(warnings) warnings")
    for page in report.pages {
        let list = page.stories.map { s -> String in
            var t = "\(s.id)\(s.part > 1 ? "（续）" : "") \(s.rect.columns)栏×\(s.rect.lines)行"
            if let to = s.continuesOn { t += " →" + name(to) }
            if s.oversetLines > 0 { t += " overset \(s.oversetLines)" }
            return t
        }
        let short = page.shortLines > 0 ? " [short of copy by \(page.shortLines) lines]" : ""
        summary.append("  \(name(page.number)) \(page.section): " + list.joined(separator: ", ") + short)
    }
    if !issue.fillers.isEmpty {
        let used = report.pages.flatMap { p in p.fillers.map { "\($0) → \(name(p.number))" } }
        summary.append("  fillers used: \(used.isEmpty ? "none" : used.joined(separator: ", "))"
            + (report.unusedFillers.isEmpty ? "" : "; unused: " + report.unusedFillers.joined(separator: ", ")))
    }
    summary.append(problems.isEmpty ? "preflight: ok" : "preflight: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
    for p in problems.prefix(20) { summary.append("  - " + p) }
    if problems.count > 20 { summary.append("  … \(problems.count - 20) more in the report") }
    if !warningLines.isEmpty {
        summary.append("\(warningLines.count) warning\(warningLines.count == 1 ? "" : "s") (--strict fails on them):")
        for w in warningLines.prefix(20) { summary.append("  - " + w) }
        if warningLines.count > 20 { summary.append("  … \(warningLines.count - 20) more in the report") }
    }
    return PreflightReport(json: json, summary: summary, problems: problems, warnings: warningLines)
}

/// A grid rectangle as the report gives it: 1-based column and line, columns and lines.
func areaJSON(_ r: GridRect) -> JSON {
    .object([("column", .int(r.column + 1)), ("line", .int(r.line + 1)), ("columns", .int(r.columns)), ("lines", .int(r.lines))])
}

/// The variant a story was drawn in: columns × lines, title size (pt) and lines and the step
/// from its priority's size, the photo's columns, lines and effective ppi, the white given to
/// the head and left at the foot.
func variantJSON(_ v: VariantReport) -> JSON {
    var photo: JSON = .null
    if let c = v.photoColumns, let l = v.photoLines {
        photo = .object([("columns", .int(c)), ("lines", .int(l)),
                         ("ppi", v.photoPPI.map { .number(($0 * 10).rounded() / 10) } ?? .null)])
    }
    return .object([
        ("columns", .int(v.columns)), ("lines", .int(v.lines)),
        ("title_size_pt", v.titleSize.map { .number($0) } ?? .null), ("title_lines", .int(v.titleLines)),
        ("title_step", .int(v.titleStep)), ("photo", photo),
        ("head_white_lines", .int(v.headWhite)), ("foot_white_lines", .int(v.footWhite)),
    ])
}

/// Normalisation changes as the report lists them: the field, the offset in it (Unicode scalars
/// into the field as given), the text before and after ("" when a space was removed).
func normalisationJSON(_ changes: [FieldNormalisation]) -> JSON {
    .array(changes.map {
        .object([("field", .string($0.field)), ("offset", .int($0.change.offset)),
                 ("from", .string($0.change.original)), ("to", .string($0.change.replacement))])
    })
}
