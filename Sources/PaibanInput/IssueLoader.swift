import Dispatch
import Foundation
import PaibanCore

/// Reads an issue folder: `issue.yaml`, `articles/*.md`, and the layout it names (from the
/// folder's own `Layouts/` or the project's). Problems with one story are reported and that
/// story is left out; the rest of the issue still loads.
public struct LoadedIssue: Sendable {
    public var issue: Issue
    public var layout: Layout
    public var diagnostics: [Diagnostic]
    public init(issue: Issue, layout: Layout, diagnostics: [Diagnostic]) {
        self.issue = issue
        self.layout = layout
        self.diagnostics = diagnostics
    }
}

/// Results of the parallel story reads, one slot per file.
private final class LoadSlots: @unchecked Sendable {
    private var slots: [Result<(Story, [Diagnostic]), any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ r: Result<(Story, [Diagnostic]), any Error>) { lock.withLock { slots[k] = r } }
    func get(_ k: Int) throws -> (Story, [Diagnostic]) { try lock.withLock { slots[k]! }.get() }
}

public enum IssueLoader {
    static let keys: Set<String> = ["paper", "date", "issue_number", "banner", "layout", "pages", "jump", "fillers"]

    /// `decodeCheck` is a decoder's look at each image (the renderer passes libjpeg's): damage
    /// inside a JPEG's scan is seen only by decoding it.
    public static func load(directory: String, layoutSearchPath: [String] = [],
                            decodeCheck: ImageDecodeCheck? = nil) throws -> LoadedIssue {
        let manifest = directory + "/issue.yaml"
        try requireFolder(directory)
        if InputFile.problem(manifest) == "not found" { throw InputError(file: manifest, "no issue.yaml in \(directory)") }
        let (text, controlWarnings) = try InputFile.readText(manifest, what: "the manifest")
        let y = try YAMLValue.parse(text, file: manifest)
        try y.requireMapping("issue.yaml")
        var diagnostics = controlWarnings + y.controlCharacterWarnings() + y.unknownKeys(allowed: keys, in: "issue.yaml")
        let paper = try y.requireString("paper")
        let dateText = try y.requireString("date")
        guard let date = parseDate(dateText) else {
            throw (y["date"] ?? y).error("date '\(dateText)' must be a real date, YYYY-MM-DD, from 1900 to 2199")
        }
        let issueNumber = try y.int("issue_number", in: InputLimits.issueNumber)
        let layoutName = try y.string("layout") ?? "broadsheet"
        // A layout is named, not pathed: `../../x` would read a template from outside the issue
        // and the project's Layouts.
        guard !layoutName.contains("/"), !layoutName.hasPrefix("."), !layoutName.isEmpty else {
            throw (y["layout"] ?? y).error("layout '\(layoutName)' must be a template's name (broadsheet, tabloid, or one in the issue's Layouts/), not a path")
        }

        // Stories: every Markdown file under articles/.
        var stories: [String: Story] = [:]
        let articlesDir = directory + "/articles"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: articlesDir)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        if files.isEmpty { diagnostics.append(Diagnostic(.warning, file: articlesDir, "no stories (*.md) found")) }
        // Stories are read in parallel (each is independent), then taken in file order.
        let loaded = LoadSlots(count: files.count)
        let decodeCheck = ImageProbe.once(decodeCheck)
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            let path = articlesDir + "/" + files[k]
            loaded.set(k, Result {
                var (story, d) = try ArticleLoader.load(file: path)
                d += ImageProbe.resolve(&story, directory: directory, decodeCheck: decodeCheck)
                return (story, d)
            })
        }
        for (k, f) in files.enumerated() {
            let path = articlesDir + "/" + f
            do {
                let (story, d) = try loaded.get(k)
                diagnostics += d
                if let other = stories[story.id] {
                    diagnostics.append(Diagnostic(.error, file: path, line: 2,
                                                  "story id '\(story.id)' is already used by \(other.sourceFile); this one is left out"))
                    continue
                }
                stories[story.id] = story
                if let d = missingTitle(story) { diagnostics.append(d) }
            } catch let e as InputError {
                diagnostics.append(e.diagnostic)
            } catch {
                diagnostics.append(Diagnostic(.error, file: path, "\(error)"))
            }
        }

        guard let pagesNode = y["pages"], let pageList = pagesNode.sequence, !pageList.isEmpty else {
            throw (y["pages"] ?? y).error("missing 'pages': a list of {number, section, stories}")
        }
        var pages: [PageSpec] = []
        var seenStories: [String: Int] = [:]
        for p in pageList {
            try p.requireMapping("a page")
            diagnostics += p.unknownKeys(allowed: ["number", "section", "stories", "label", "receives_jumps"], in: "a page")
            let number = try p.int("number", in: InputLimits.pageNumber) ?? (pages.count + 1)
            if pages.contains(where: { $0.number == number }) { throw (p["number"] ?? p).error("page \(number) is listed twice") }
            let section = try p.string("section") ?? ""
            var onPage: [StoryOnPage] = []
            if let list = p["stories"], list.sequence == nil {
                diagnostics.append(list.error("page \(number): 'stories' must be a list of story ids (e.g. [lead, second]); the page gets none").diagnostic)
            }
            for s in p["stories"]?.sequence ?? [] {
                let entryLine = s.line ?? p.line ?? 0
                var id: String
                var fixed: GridRect? = nil
                var jumpTo: [Int] = []
                var jumps = false
                if let str = s.string {
                    id = str
                } else {
                    try s.requireMapping("a story entry")
                    diagnostics += s.unknownKeys(allowed: ["id", "area", "jump_to", "jumps"], in: "a story entry")
                    id = try s.requireString("id")
                    // A bad area or jump target is reported and left out: the story is still
                    // placed (automatically, without that jump), and the edition renders.
                    if let a = s["area"] {
                        do { fixed = try parseArea(a) } catch let e as InputError {
                            diagnostics.append(Diagnostic(.error, file: manifest, line: e.diagnostic.line,
                                                          e.diagnostic.message + "; the story is placed automatically"))
                        }
                    }
                    if let j = s["jump_to"] {
                        for v in j.sequence ?? [j] {
                            do { jumpTo.append(try v.intValue("jump_to (a page number or a list of them)", in: InputLimits.pageNumber)) }
                            catch let e as InputError {
                                diagnostics.append(Diagnostic(.error, file: manifest, line: e.diagnostic.line,
                                                              e.diagnostic.message + "; that jump is ignored"))
                            }
                        }
                    }
                    jumps = try s.bool("jumps") ?? false
                }
                guard stories[id] != nil else {
                    diagnostics.append(Diagnostic(.error, file: manifest, line: entryLine,
                                                  "page \(number): unknown story id '\(id)' (stories found: \(knownIDs(stories)))"))
                    continue
                }
                if let first = seenStories[id] {
                    diagnostics.append(Diagnostic(.error, file: manifest, line: entryLine,
                                                  "story '\(id)' is already placed on page \(first); left out here"))
                    continue
                }
                seenStories[id] = number
                onPage.append(StoryOnPage(id: id, fixed: fixed, line: entryLine, jumpTo: jumpTo, jumps: jumps))
            }
            pages.append(PageSpec(number: number, section: section, stories: onPage, line: p.line ?? 0,
                                  label: try p.string("label"), receivesJumps: try p.bool("receives_jumps") ?? false))
        }

        let fillers = readFillers(y["fillers"], stories: stories, onPages: seenStories, manifest: manifest,
                                  diagnostics: &diagnostics)

        // A story file no page lists (and that is not a filler) is left out of the edition: say
        // so, it is easily forgotten.
        let pooled = Set(fillers)
        for story in stories.values.sorted(by: { $0.sourceFile < $1.sourceFile })
        where seenStories[story.id] == nil && !pooled.contains(story.id) {
            diagnostics.append(Diagnostic(.warning, file: story.sourceFile,
                                          "story '\(story.id)' is on no page of issue.yaml; it is left out of the edition"))
        }

        // Jumps go forward, to pages that exist, never onto their own page.
        let numbers = Set(pages.map(\.number))
        for k in pages.indices {
            let page = pages[k]
            for j in page.stories.indices {
                let s = page.stories[j]
                var kept: [Int] = []
                for t in s.jumpTo {
                    let problem: String?
                    if t == page.number { problem = "onto its own page" }
                    else if !numbers.contains(t) { problem = "to page \(t), which the edition does not have" }
                    else if t < page.number { problem = "backwards, to page \(t)" }
                    else if let last = kept.last, t <= last { problem = "to page \(t) after page \(last)" }
                    else { problem = nil }
                    if let problem {
                        diagnostics.append(Diagnostic(.error, file: manifest, line: s.line,
                                                      "page \(page.number): story '\(s.id)' cannot jump \(problem); that jump is ignored"))
                    } else {
                        kept.append(t)
                    }
                }
                if s.jumps && s.jumpTo.isEmpty && !pages.contains(where: { $0.receivesJumps && $0.number > page.number }) {
                    diagnostics.append(Diagnostic(.error, file: manifest, line: s.line,
                                                  "page \(page.number): story '\(s.id)' may jump but no later page receives continuations (receives_jumps: true)"))
                }
                pages[k].stories[j].jumpTo = kept
                pages[k].stories[j].jumps = s.jumps && (!kept.isEmpty || s.jumpTo.isEmpty)
            }
        }

        let layoutFile = try findLayout(layoutName, issueDirectory: directory, searchPath: layoutSearchPath,
                                        manifest: manifest, line: y["layout"]?.line)
        let (layout, layoutWarnings) = try LayoutLoader.load(file: layoutFile)
        diagnostics += layoutWarnings
        // Areas fixed by hand must lie on the grid; one that does not is dropped, and its story
        // placed automatically, so the rest of the edition still renders (an edition moved to
        // another layout keeps its manifest).
        for (k, page) in pages.enumerated() {
            for (j, s) in page.stories.enumerated() {
                guard let r = s.fixed else { continue }
                if r.endColumn > layout.grid.columns || r.endLine > layout.grid.lines {
                    diagnostics.append(Diagnostic(.error, file: manifest, line: s.line,
                                                  "story '\(s.id)': area \(r) is outside the \(layout.grid.columns) columns × \(layout.grid.lines) lines of layout '\(layout.name)'; the story is placed automatically"))
                    pages[k].stories[j].fixed = nil
                }
            }
        }
        var markers: JumpMarkers? = nil
        if let j = try y.section("jump") {
            var m = layout.jumpMarkers
            diagnostics += try LayoutLoader.parseJumpMarkers(j, into: &m)
            markers = m
        }
        var issue = Issue(paperName: paper, date: date, issueNumber: issueNumber, banner: try y.string("banner"),
                          layoutName: layoutName, pages: pages, stories: stories, directory: directory,
                          manifestFile: manifest, jumpMarkers: markers, fillers: fillers)
        issue.normaliseManifestText()
        return LoadedIssue(issue: issue, layout: layout, diagnostics: diagnostics)
    }

    /// The `fillers:` list (补白): story ids, each a plain id or `{id: X}`, in the manifest's order.
    /// An unknown id is an error and is skipped; an id listed twice is kept once; a story a page
    /// lists stays on its page and is not pooled (both warnings, at the entry's line). The pool is
    /// optional, so a malformed list or entry is an error that leaves it (or the entry) out rather
    /// than stopping the edition.
    static func readFillers(_ node: YAMLValue?, stories: [String: Story], onPages: [String: Int], manifest: String,
                            diagnostics: inout [Diagnostic]) -> [String] {
        guard let node else { return [] }
        guard let entries = node.sequence else {
            diagnostics.append(node.error("'fillers' must be a list of story ids (each an id or {id: X}); no fillers are used").diagnostic)
            return []
        }
        var pool: [String] = []
        var firstLine: [String: Int] = [:]
        for e in entries {
            let line = e.line ?? node.line ?? 0
            let id: String
            if let s = e.string {
                id = s
            } else {
                do {
                    try e.requireMapping("a filler entry")
                    diagnostics += e.unknownKeys(allowed: ["id"], in: "a filler entry")
                    id = try e.requireString("id")
                } catch let error as InputError {
                    diagnostics.append(error.diagnostic)
                    continue
                } catch {
                    diagnostics.append(Diagnostic(.error, file: manifest, line: line, "\(error)"))
                    continue
                }
            }
            guard stories[id] != nil else {
                diagnostics.append(Diagnostic(.error, file: manifest, line: line,
                                              "fillers: unknown story id '\(id)' (stories found: \(knownIDs(stories))); it is left out of the pool"))
                continue
            }
            if let first = firstLine[id] {
                diagnostics.append(Diagnostic(.warning, file: manifest, line: line,
                                              "fillers: '\(id)' is already listed at line \(first); it is in the pool once"))
                continue
            }
            firstLine[id] = line
            if let page = onPages[id] {
                diagnostics.append(Diagnostic(.warning, file: manifest, line: line,
                                              "fillers: '\(id)' is also listed on page \(page); it is placed there and is not a filler"))
                continue
            }
            pool.append(id)
        }
        return pool
    }

    /// A warning for a story of a kind that prints a headline but has no title, at its empty
    /// `title:` line, else at the front matter's first line.
    static func missingTitle(_ story: Story) -> Diagnostic? {
        guard story.kind.needsTitle,
              (story.title ?? "").trimmedSpaces.isEmpty else { return nil }
        let lines = splitLines((try? String(contentsOfFile: story.sourceFile, encoding: .utf8)) ?? "")
        let front = lines.dropFirst().prefix { $0.trimmedSpaces != "---" }
        let line = front.firstIndex { $0.hasPrefix("title:") }.map { $0 + 1 } ?? 1
        return Diagnostic(.warning, file: story.sourceFile, line: line,
                          "story '\(story.id)' is \(story.kind.rawValue) but has no title: news, feature and commentary print a headline (add title: to the front matter, or give the story another kind)")
    }

    /// `area: {column: 7, line: 80, columns: 2, lines: 20}`, 1-based as editors count.
    static func parseArea(_ a: YAMLValue) throws -> GridRect {
        try a.requireMapping("an area")
        let r = InputLimits.gridPosition
        guard let c = try a.int("column", in: r), let l = try a.int("line", in: r), let cs = try a.int("columns", in: r),
              let ls = try a.int("lines", in: r)
        else { throw a.error("an area needs column, line, columns and lines (whole numbers, counted from 1)") }
        return GridRect(column: c - 1, line: l - 1, columns: cs, lines: ls)
    }

    /// The issue folder must be a folder: a file or a missing path is named as such.
    static func requireFolder(_ directory: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) else {
            throw InputError(file: directory, "the issue folder does not exist")
        }
        guard isFolder.boolValue else { throw InputError(file: directory, "this is a file, not an issue folder (one holding issue.yaml)") }
    }

    /// The first story ids of the folder, for a message about an id it does not have.
    static func knownIDs(_ stories: [String: Story]) -> String {
        stories.keys.sorted().prefix(12).joined(separator: ", ")
    }

    static func findLayout(_ name: String, issueDirectory: String, searchPath: [String], manifest: String, line: Int?) throws -> String {
        let candidates = [issueDirectory + "/Layouts"] + searchPath
        for dir in candidates {
            let f = dir + "/" + name + ".yaml"
            if FileManager.default.fileExists(atPath: f) { return f }
        }
        throw InputError(file: manifest, line: line, "layout '\(name)' not found (looked in \(candidates.joined(separator: ", ")))")
    }

    /// A real calendar date, YYYY-MM-DD, in the years a paper is dated (2026-02-29, -2026-03-20,
    /// 2026--03--20 and year 9223372036854775807 are refused).
    static func parseDate(_ s: String) -> DateComponents? {
        let fields = s.trimmedSpaces.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, (1...2).contains(fields[1].count), (1...2).contains(fields[2].count),
              fields.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let parts = fields.compactMap { Int($0) }
        guard parts.count == 3, (1900...2199).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2])
        else { return nil }
        // The day checked against the Gregorian month by arithmetic: a Calendar here cost the
        // load 2-8 ms of ICU start-up on the critical path (the masthead's 农历 needs ICU, but
        // on a make-up thread, beside the other pages).
        guard parts[2] <= daysIn(month: parts[1], year: parts[0]) else { return nil }
        return DateComponents(year: parts[0], month: parts[1], day: parts[2])
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
