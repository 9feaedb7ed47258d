import Foundation
import PaibanCore
import PaibanPango
#if canImport(Glibc)
import Glibc
#endif

/// `make bench`: the composer on 100,000+ characters of real copy (one core, shaping included);
/// then an 8-page broadsheet edition of about 60,000 characters rendered by `paiban render`
/// start to finish, and the same kind at 24 pages; then an 11-page news edition of 110 stories
/// (leads, shorter stories, briefs, photos, kickers and decks; 57,800 characters), 5 runs; then
/// a batch of 20 8-page editions with 1 and with 2 jobs; last, where `../shared/tools` is beside
/// the repository, its layout and text checks on the sample edition, the news edition and two
/// stress editions. Numbers are printed, not asserted.

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func fmt(_ v: Double, _ digits: Double = 1000) -> String { String((v * digits).rounded() / digits) }

/// Runs a command and returns its wall time and peak memory (max RSS of the process, MB).
func timed(_ path: String, _ args: [String]) -> (seconds: Double, peakMB: Double, status: Int32) {
    var pid: pid_t = 0
    let argv = ([path] + args).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let t0 = now()
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return (0, 0, -1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    return (now() - t0, Double(usage.ru_maxrss) / 1024, status)
}

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "."
// `paiban-bench ROOT --generate DIR` only writes the benchmark edition (for profiling).
if CommandLine.arguments.count > 3 && CommandLine.arguments[2] == "--generate" {
    let n = try generateEdition(at: CommandLine.arguments[3], from: root + "/Examples/semicon-special", pages: 8,
                                characters: 56_000)
    print("wrote \(CommandLine.arguments[3]): 8 pages, \(n) characters")
    exit(0)
}
// `paiban-bench ROOT --generate-news DIR` only writes the 11-page news edition.
if CommandLine.arguments.count > 3 && CommandLine.arguments[2] == "--generate-news" {
    let e = try generateNewsEdition(at: CommandLine.arguments[3], from: root + "/Examples/semicon-special")
    print("wrote \(CommandLine.arguments[3]): \(e.pages) pages, \(e.stories) stories, \(e.photos) photos, \(e.characters) characters")
    exit(0)
}
let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
let paiban = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("paiban").path

// 1. The composer.
do {
    let text = try String(contentsOfFile: root + "/Examples/compose/semicon-paragraphs.txt", encoding: .utf8)
    let paragraphs = text.split(separator: "\n").map { Array(normalizeParagraph(String($0)).text.unicodeScalars) }
        .filter { !$0.isEmpty }
    let perCopy = paragraphs.reduce(0) { $0 + $1.count }
    let copies = (100_000 + perCopy - 1) / perCopy
    let corpus = Array(repeating: paragraphs, count: copies).flatMap { $0 }
    let totalChars = corpus.reduce(0) { $0 + $1.count }
    let typesetter = try PangoTypesetter()
    let spec = FontSpec(role: .baoSong, size: Points(9))
    _ = typesetter.shape(Array("排版".unicodeScalars), font: spec)
    print("composer: \(totalChars) characters of real copy (\(paragraphs.count) paragraphs × \(copies)), 1 core, shaping included")
    for measure in [11.0, 13.0, 16.0] {
        let composer = ParagraphComposer()
        var stats = SpacingStatistics()
        let t0 = now()
        for p in corpus {
            let c = composer.compose(p, shaped: typesetter.shape(p, font: spec).advances, measure: Em(measure), indent: Em(2))
            stats.add(c)
        }
        let dt = now() - t0
        print("  measure \(Int(measure)) em: \(fmt(Double(totalChars) / dt / 1e6)) M chars/s; Han gaps p95 \(fmt(stats.percentile(0.95))) em, max \(fmt(stats.maximum)) em")
    }
}

// 2. One 8-page edition, start to finish.
let work = NSTemporaryDirectory() + "paiban-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }
let edition = work + "/edition"
let chars = try generateEdition(at: edition, from: root + "/Examples/semicon-special", pages: 8, characters: 56_000)
_ = timed(paiban, ["render", edition, "-o", work + "/warm.pdf"]) // fill the page cache

/// The best wall time of `runs` renders of `dir`, and the highest peak memory among them.
func bestRender(_ dir: String, runs: Int) -> (seconds: Double, peakMB: Double) {
    var best = Double.infinity, peak = 0.0
    for _ in 0..<runs {
        let r = timed(paiban, ["render", dir, "-o", dir + ".pdf"])
        if r.status != 0 { print("render of \(dir) failed with status \(r.status)"); exit(1) }
        best = min(best, r.seconds)
        peak = max(peak, r.peakMB)
    }
    return (best, peak)
}

let (best, peak) = bestRender(edition, runs: 3)
print("edition: 8 broadsheet pages, \(chars) characters: \(fmt(best)) s wall (best of 3, start to finish), "
    + "\(fmt(8 / best, 10)) pages/s, \(fmt(Double(chars) / best / 1000, 10)) k chars/s, peak memory \(fmt(peak, 10)) MB")

// How the cost grows: the same kind of edition three times as long (24 pages).
do {
    let long = work + "/edition24"
    let chars24 = try generateEdition(at: long, from: root + "/Examples/semicon-special", pages: 24, characters: 3 * 56_000)
    let (best24, peak24) = bestRender(long, runs: 2)
    print("edition: 24 broadsheet pages, \(chars24) characters: \(fmt(best24)) s wall (best of 2), "
        + "\(fmt((best24 - best) / 16 * 1000, 10)) ms for each page beyond 8, peak memory \(fmt(peak24, 10)) MB")
}

// The 11-page news edition: ten stories a page of mixed lengths, photos of several sizes.
let news = work + "/news"
let newsEdition = try generateNewsEdition(at: news, from: root + "/Examples/semicon-special", pages: 11, characters: 57_800)
do {
    _ = timed(paiban, ["render", news, "-o", news + ".pdf"]) // fill the page cache
    var walls: [Double] = [], peakNews = 0.0
    for _ in 0..<5 {
        let r = timed(paiban, ["render", news, "-o", news + ".pdf"])
        if r.status != 0 { print("render of \(news) failed with status \(r.status)"); exit(1) }
        walls.append(r.seconds)
        peakNews = max(peakNews, r.peakMB)
    }
    walls.sort()
    let median = walls[walls.count / 2], fastest = walls[0], n = Double(newsEdition.pages)
    // Body characters by slot: the leads, the five stories after them, the four briefs.
    func span(_ slots: Range<Int>) -> String {
        let l = newsEdition.lengths.enumerated().filter { slots.contains($0.offset % 10) }.map(\.element)
        return "\(l.min()!)–\(l.max()!)"
    }
    print("edition: \(newsEdition.pages) broadsheet pages, \(newsEdition.stories) stories (leads \(span(0..<1)), "
        + "5 a page of \(span(1..<6)), 4 briefs a page of \(span(6..<10)) characters), \(newsEdition.photos) photos, "
        + "\(newsEdition.characters) characters: "
        + "\(fmt(median)) s wall median, \(fmt(fastest)) s min (5 runs, start to finish), "
        + "\(fmt(median / n * 1000, 10)) ms a page (median / \(newsEdition.pages); \(fmt(fastest / n * 1000, 10)) min), "
        + "peak memory \(fmt(peakNews, 10)) MB")
}

// 3. A batch of 20 editions with 1 and 2 jobs.
var dirs: [String] = []
for k in 1...20 {
    let d = work + "/batch-in/edition-\(k)"
    try FileManager.default.createDirectory(atPath: work + "/batch-in", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: edition, toPath: d)
    dirs.append(d)
}
var times: [Int: Double] = [:]
// Best of two runs each, alternating 1 and 2 jobs, so a busy moment on the machine does not
// decide the speed-up.
var peaks: [Int: Double] = [:]
for round in 0..<2 {
    for jobs in [1, 2] {
        let r = timed(paiban, ["batch"] + dirs + ["-o", work + "/batch-out-\(jobs)-\(round)", "--jobs", String(jobs)])
        if r.status != 0 { print("batch failed with status \(r.status)"); exit(1) }
        times[jobs] = min(times[jobs] ?? .infinity, r.seconds)
        peaks[jobs] = max(peaks[jobs] ?? 0, r.peakMB)
    }
}
for jobs in [1, 2] {
    let t = times[jobs]!
    print("batch: 20 editions (160 pages, \(chars * 20) characters), \(jobs) job\(jobs == 1 ? "" : "s"): "
        + "\(fmt(t)) s wall (best of 2), \(fmt(160 / t, 10)) pages/s, peak memory per worker \(fmt(peaks[jobs]!, 10)) MB")
}
if let t1 = times[1], let t2 = times[2] { print("batch speed-up with 2 jobs: \(fmt(t1 / t2, 100))×") }

// 4. The layout and text checks of ../shared/tools (beside the repository), where they are: on
// the sample edition, the news edition and two stress editions that make_stress.py writes.
// Each prints its summary line; nothing here fails the bench.
let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
let tools = URL(fileURLWithPath: rootPath + "/../shared/tools").standardizedFileURL.path
let fm = FileManager.default
if !fm.fileExists(atPath: tools + "/layoutcheck.py") {
    print("checks: skipped (\(tools)/layoutcheck.py not found)")
} else {
    /// Runs a command and returns its status, standard output and the last line of its error output.
    func run(_ args: [String]) -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe()
        let errFile = work + "/stderr.txt"
        _ = fm.createFile(atPath: errFile, contents: nil)
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: errFile)
        do { try p.run() } catch { return (-1, "", "\(args[0]): \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let err = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
        return (p.terminationStatus, String(decoding: data, as: UTF8.self),
                err.split(separator: "\n").last.map(String.init) ?? "")
    }
    func lastLine(_ s: String) -> String { s.split(separator: "\n").last.map(String.init) ?? "" }

    let t0 = now()
    let articles = rootPath + "/Examples/semicon-special/articles"
    var editions: [(label: String, dir: String)] = [
        ("sample edition (Examples/semicon-special)", rootPath + "/Examples/semicon-special"),
        ("news edition (11 pages, the bench's)", news),
    ]
    for layout in ["broadsheet", "tabloid"] {
        let dir = work + "/stress-" + layout
        let r = run(["python3", tools + "/make_stress.py", dir, "--sources", articles, "--budget", "6500", "--layout", layout])
        if r.status != 0 { print("checks: make_stress.py --layout \(layout) failed (status \(r.status)): \(r.err)"); continue }
        editions.append(("stress edition (make_stress.py --budget 6500 --layout \(layout))", dir))
    }
    print("checks (\(tools): layoutcheck.py PDF --quiet, textcheck.py ISSUE_DIR PDF):")
    for (k, e) in editions.enumerated() {
        let pdf = work + "/check-\(k).pdf"
        let r = run([paiban, "render", e.dir, "-o", pdf])
        if r.status != 0 || !fm.fileExists(atPath: pdf) {
            print("  \(e.label): render failed (status \(r.status)): \(r.err)")
            continue
        }
        print("  \(e.label)")
        // paiban's own summary: pages, stories, lines set and overset, warnings.
        if let made = r.out.split(separator: "\n").first(where: { $0.hasPrefix(pdf + ": ") }) {
            print("    render: " + made.dropFirst(pdf.count + 2))
        }
        let layout = run(["python3", tools + "/layoutcheck.py", pdf, "--quiet"])
        let layoutLine = lastLine(layout.out)
        print("    layout: " + (layoutLine.isEmpty ? "layoutcheck.py failed (status \(layout.status)): \(layout.err)" : layoutLine))
        if fm.fileExists(atPath: tools + "/textcheck.py") {
            let text = run(["python3", tools + "/textcheck.py", e.dir, pdf])
            let textLine = lastLine(text.out)
            print("    text:   " + (textLine.isEmpty ? "textcheck.py failed (status \(text.status)): \(text.err)" : textLine))
        }
    }
    print("checks took \(fmt(now() - t0, 10)) s")
}
