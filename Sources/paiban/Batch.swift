import ArgumentParser
import Dispatch
import Foundation
import PaibanPango
#if canImport(Glibc)
import Glibc
#endif

/// `paiban batch`: many issue folders rendered in parallel, one worker process per edition at a
/// time (a Cairo or GLib abort takes down one edition, not the batch; Pango objects are never
/// shared). Each edition's output goes to OUTDIR/NAME/: edition.pdf, edition.report.json,
/// render.log and, with --png, proofs/.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render many issue folders in parallel, with progress and a summary."
    )

    @Argument(help: "Issue folders.")
    var issues: [String]
    @Option(name: .shortAndLong, help: "Folder for the outputs: one sub-folder per issue.")
    var output: String
    @Option(help: "Editions rendered at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Also write PNG proofs of every page.")
    var png = false
    @Option(help: "Resolution of the PNG proofs.")
    var dpi: Double = 60
    @Flag(help: "Count an edition whose preflight finds problems or warnings as failed.")
    var strict = false

    func validate() throws {
        guard !issues.isEmpty else { throw ValidationError("name at least one issue folder") }
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        guard dpi >= 10 && dpi <= 1200 else { throw ValidationError("--dpi must be between 10 and 1200") }
    }

    func run() throws {
        try makeDirectory(output)
        let plan = BatchPlan(issues: issues, outputRoot: output)
        let runner = BatchRunner(plan: plan, jobs: jobs, png: png, dpi: dpi, strict: strict)
        let results = runner.run()
        for line in batchSummaryTable(results, wall: runner.wall) { print(line) }
        let failed = results.filter { !$0.succeeded }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

/// Where each edition's outputs go: OUTDIR/NAME, NAME the folder's name (made unique).
struct BatchPlan {
    struct Job { var issue: String; var name: String; var directory: String }
    var jobs: [Job] = []

    init(issues: [String], outputRoot: String) {
        var used: [String: Int] = [:]
        for issue in issues {
            let base = URL(fileURLWithPath: issue).standardizedFileURL.lastPathComponent
            let n = used[base, default: 0]
            used[base] = n + 1
            let name = n == 0 ? base : "\(base)-\(n + 1)"
            jobs.append(Job(issue: issue, name: name, directory: outputRoot + "/" + name))
        }
    }
}

struct BatchResult: Sendable {
    var name: String
    var status: Int32
    var pages: Int
    var problems: Int
    /// Warnings in the edition's report: `--strict` counts them as it counts problems.
    var warnings: Int = 0
    var seconds: Double
    var output: String
    var firstError: String?
    var strict: Bool
    var succeeded: Bool { status == 0 && (!strict || problems + warnings == 0) }
    /// ok, problems, warnings (under --strict) or failed.
    var state: String { succeeded ? "ok" : status != 0 ? "failed(\(status))" : problems > 0 ? "problems" : "warnings" }
}

/// Runs the jobs `jobs` at a time and reports progress: a bar on a terminal, lines otherwise.
final class BatchRunner: @unchecked Sendable {
    let plan: BatchPlan
    let jobs: Int
    let png: Bool
    let dpi: Double
    let strict: Bool
    private let lock = NSLock()
    private var results: [BatchResult] = []
    private var running: [Int32: BatchPlan.Job] = [:]
    private var interrupted = false
    private var started = Date()
    private(set) var wall = 0.0
    private let tty = isatty(1) != 0

    init(plan: BatchPlan, jobs: Int, png: Bool, dpi: Double, strict: Bool) {
        self.plan = plan
        self.jobs = jobs
        self.png = png
        self.dpi = dpi
        self.strict = strict
    }

    func run() -> [BatchResult] {
        started = Date()
        // Ctrl-C: stop the workers (they remove their unfinished files), keep what is finished.
        removeUnfinishedOutputsOnInterrupt(also: { [self] in
            let pids = lock.withLock { interrupted = true; return Array(running.keys) }
            for pid in pids { kill(pid, SIGTERM) }
            // The workers remove their unfinished files and exit; Foundation reaps them.
            for _ in 0..<300 where !lock.withLock({ running.isEmpty }) { usleep(10_000) }
            let done = lock.withLock { results.filter { $0.status != 130 && $0.status != 143 } }
            // Editions that did not finish leave nothing behind: their log goes, and their
            // folder if that leaves it empty (an earlier run's finished files stay).
            let finished = Set(done.map(\.name))
            for job in plan.jobs where !finished.contains(job.name) {
                try? FileManager.default.removeItem(atPath: job.directory + "/render.log")
                if (try? FileManager.default.contentsOfDirectory(atPath: job.directory))?.isEmpty == true {
                    try? FileManager.default.removeItem(atPath: job.directory)
                }
            }
            if tty { writeToStandardOutput("\n") }
            for line in batchSummaryTable(done, wall: Date().timeIntervalSince(started)) { print(line) }
            print("interrupted: \(done.count) of \(plan.jobs.count) editions finished; unfinished outputs removed")
            writeToStandardOutput("")
        })
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        draw()
        for job in plan.jobs {
            slots.wait()
            // After Ctrl-C no new edition starts.
            if lock.withLock({ interrupted }) { break }
            group.enter()
            launch(job) { [self] result in
                lock.withLock { results.append(result) }
                report(result)
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        // Interrupted: the signal handler reports and exits.
        if lock.withLock({ interrupted }) { while true { pause() } }
        wall = Date().timeIntervalSince(started)
        if tty { print("") }
        return plan.jobs.compactMap { job in results.first { $0.name == job.name } }
    }

    private func launch(_ job: BatchPlan.Job, done: @escaping @Sendable (BatchResult) -> Void) {
        let start = Date()
        let strict = self.strict
        // An edition whose output folder cannot be written fails on its own; the batch goes on.
        func failBeforeStart(_ reason: String) {
            done(BatchResult(name: job.name, status: 2, pages: 0, problems: 0, seconds: 0, output: job.directory,
                             firstError: reason, strict: strict))
        }
        do { try makeDirectory(job.directory) } catch { return failBeforeStart("\(error)") }
        let pdf = job.directory + "/edition.pdf"
        var args = ["render", job.issue, "-o", pdf, "--single-thread"]
        if png { args += ["--png", job.directory + "/proofs", "--dpi", String(dpi)] }
        let log = job.directory + "/render.log"
        guard FileManager.default.createFile(atPath: log, contents: nil) else {
            return failBeforeStart("cannot write \(log)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: selfExecutable())
        p.arguments = args
        let handle = FileHandle(forWritingAtPath: log)
        p.standardOutput = handle
        p.standardError = handle
        p.terminationHandler = { [self] proc in
            try? handle?.close()
            lock.withLock { _ = running.removeValue(forKey: proc.processIdentifier) }
            let (pages, problems, warnings) = readReport(job.directory + "/edition.report.json")
            let status = proc.terminationReason == .uncaughtSignal ? 128 + proc.terminationStatus : proc.terminationStatus
            let firstError = status == 0 ? nil : firstErrorLine(log)
            done(BatchResult(name: job.name, status: status, pages: pages, problems: problems, warnings: warnings,
                             seconds: Date().timeIntervalSince(start), output: pdf, firstError: firstError, strict: strict))
        }
        do {
            try p.run()
            lock.withLock { running[p.processIdentifier] = job }
        } catch {
            done(BatchResult(name: job.name, status: 2, pages: 0, problems: 0, seconds: 0, output: pdf,
                             firstError: "cannot start a worker: \(error)", strict: strict))
        }
    }

    private func report(_ r: BatchResult) {
        lock.withLock {
            guard !interrupted else { return }
            if tty {
                draw()
            } else {
                let done = results.count
                print("[\(done)/\(plan.jobs.count)] \(r.name): \(r.state), \(r.pages) pages, \(fmt(r.seconds)) s")
                writeToStandardOutput("")
            }
        }
    }

    /// The progress bar: editions done, pages, time so far and left.
    private func draw() {
        guard tty else { return }
        let done = results.count, total = plan.jobs.count
        let pages = results.reduce(0) { $0 + $1.pages }
        let elapsed = Date().timeIntervalSince(started)
        let left = done == 0 ? "?" : fmt(elapsed / Double(done) * Double(total - done))
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let failed = results.filter { !$0.succeeded }.count
        writeToStandardOutput("\r\(bar) \(done)/\(total) editions, \(pages) pages, \(fmt(elapsed)) s, ~\(left) s left"
              + (failed > 0 ? ", \(failed) failed" : "") + "   ")
    }
}

func batchSummaryTable(_ results: [BatchResult], wall: Double) -> [String] {
    var lines: [String] = []
    let nameWidth = max(7, results.map { $0.name.count }.max() ?? 0)
    func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    lines.append(pad("edition", nameWidth) + "  status      pages  problems  warnings  seconds  output")
    for r in results {
        lines.append(pad(r.name, nameWidth) + "  " + pad(r.state, 10) + "  " + pad(String(r.pages), 5) + "  "
            + pad(String(r.problems), 8) + "  " + pad(String(r.warnings), 8) + "  " + pad(fmt(r.seconds), 7) + "  " + r.output)
        if let e = r.firstError { lines.append(String(repeating: " ", count: nameWidth + 2) + "↳ " + e) }
    }
    let pages = results.reduce(0) { $0 + $1.pages }
    let ok = results.filter(\.succeeded).count
    lines.append("\(ok) of \(results.count) editions succeeded, \(pages) pages in \(fmt(wall)) s"
        + (wall > 0 ? " (\(fmt(Double(pages) / wall)) pages/s)" : ""))
    return lines
}

private func readReport(_ path: String) -> (pages: Int, problems: Int, warnings: Int) {
    guard let data = FileManager.default.contents(atPath: path),
          let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return (0, 0, 0) }
    let pages = ((root["edition"] as? [String: Any])?["pages"] as? Int) ?? 0
    let problems = (root["problems"] as? [Any])?.count ?? 0
    let warnings = (root["warnings"] as? [Any])?.count ?? 0
    return (pages, problems, warnings)
}

private func firstErrorLine(_ log: String) -> String? {
    guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return nil }
    let lines = text.split(separator: "\n")
    return (lines.first { $0.contains("error") } ?? lines.last).map { String($0.prefix(160)) }
}

func selfExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

func fmt(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    return String(r)
}
