import ArgumentParser
import Dispatch
import Foundation
import PaibanCore
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
    @Option(help: "Write every edition as PDF/X: x1a or x4 (see render --pdfx).")
    var pdfx: PrintSettings.Standard?

    func validate() throws {
        guard !issues.isEmpty else { throw ValidationError("name at least one issue folder") }
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        guard dpi >= 10 && dpi <= 1200 else { throw ValidationError("--dpi must be between 10 and 1200") }
    }

    func run() throws {
        try reportingOutputErrors { try makeOutputFolder(output) }
        let plan = BatchPlan(issues: issues, outputRoot: output)
        let runner = BatchRunner(plan: plan, jobs: jobs, png: png, dpi: dpi, strict: strict, pdfx: pdfx)
        let results = runner.run()
        for line in batchSummaryTable(results, wall: runner.wall) { print(line) }
        try reportingOutputErrors {
            try AtomicOutput.write(Array((batchJSON(results, plan: plan, wall: runner.wall).serialized(pretty: true) + "\n").utf8),
                                   to: output + "/batch.json")
        }
        let failed = results.filter { !$0.succeeded }
        if !failed.isEmpty { throw ExitStatus.editionsFailed }
    }
}

/// Where each edition's outputs go: OUTDIR/NAME, NAME the folder's name, made unique with a
/// suffix (x, x-2, x-3 …) that no other input's own name takes: inputs a/x, b/x and c/x-2 go to
/// x, x-3 and x-2, never two to one folder.
struct BatchPlan {
    struct Job { var issue: String; var name: String; var directory: String }
    var jobs: [Job] = []

    init(issues: [String], outputRoot: String) {
        let bases = issues.map { URL(fileURLWithPath: $0).standardizedFileURL.lastPathComponent }
        let own = Set(bases)
        var taken = Set<String>()
        for (issue, base) in zip(issues, bases) {
            var name = base
            var n = 1
            while taken.contains(name) || (name != base && own.contains(name)) {
                n += 1
                name = "\(base)-\(n)"
            }
            taken.insert(name)
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
    /// Stopped by the batch's Ctrl-C before its outputs were committed.
    var interrupted = false
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
    let pdfx: PrintSettings.Standard?
    private let lock = NSLock()
    private var results: [BatchResult] = []
    private var running: [Int32: BatchPlan.Job] = [:]
    private var interrupted = false
    private var started = Date()
    private(set) var wall = 0.0
    private let tty = isatty(1) != 0

    init(plan: BatchPlan, jobs: Int, png: Bool, dpi: Double, strict: Bool, pdfx: PrintSettings.Standard? = nil) {
        self.pdfx = pdfx
        self.plan = plan
        self.jobs = jobs
        self.png = png
        self.dpi = dpi
        self.strict = strict
    }

    func run() -> [BatchResult] {
        started = Date()
        // Ctrl-C: stop the workers (each removes its staged files: nothing of an unfinished
        // edition is committed), keep what is finished, and say so.
        removeUnfinishedOutputsOnInterrupt(also: { [self] _ in
            stopWorkers()
            let done = lock.withLock { results.filter { !$0.interrupted } }
            let finished = Set(done.map(\.name))
            let unfinished = plan.jobs.filter { !finished.contains($0.name) }
            for job in unfinished { removeUnfinished(job) }
            if tty { writeToStandardOutput("\n") }
            for line in batchSummaryTable(done, wall: Date().timeIntervalSince(started)) { print(line) }
            print("interrupted: \(done.count) of \(plan.jobs.count) editions finished; the \(unfinished.count) unfinished "
                  + "left no files of their own (outputs an earlier run committed are as they were)")
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
        do { try makeOutputFolder(job.directory) } catch { return failBeforeStart("\(error)") }
        let pdf = job.directory + "/edition.pdf"
        var args = ["render", job.issue, "-o", pdf, "--single-thread"]
        if png { args += ["--png", job.directory + "/proofs", "--dpi", String(dpi)] }
        if let pdfx { args += ["--pdfx", pdfx.rawValue] }
        // The log is written under a temporary name and keeps the earlier run's until the
        // worker ends: an edition stopped by Ctrl-C leaves the folder as it was.
        let log = job.directory + "/render.log"
        let partLog = log + ".part-\(getpid())"
        guard FileManager.default.createFile(atPath: partLog, contents: nil) else {
            return failBeforeStart("cannot write \(log)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: selfExecutable())
        p.arguments = args
        let handle = FileHandle(forWritingAtPath: partLog)
        p.standardOutput = handle
        p.standardError = handle
        p.terminationHandler = { [self] proc in
            try? handle?.close()
            var status = proc.terminationReason == .uncaughtSignal ? 128 + proc.terminationStatus : proc.terminationStatus
            // Stopped by a signal (Ctrl-C reaches the workers too): unfinished, unless its outputs
            // were committed before the signal came.
            let stopped = status == 130 || status == 143
            let committed = OutputSet.committed(main: pdf, since: start)
            if stopped && committed { status = 0 }
            let interruptedHere = stopped && !committed
            let firstError = status == 0 || interruptedHere ? nil : firstErrorLine(partLog)
            if interruptedHere { unlink(partLog) } else { rename(partLog, log) }
            // The report is this run's only if its set was committed (else it is an earlier run's).
            let (pages, problems, warnings) = committed ? readReport(job.directory + "/edition.report.json") : (0, 0, 0)
            var result = BatchResult(name: job.name, status: status, pages: pages, problems: problems, warnings: warnings,
                                     seconds: Date().timeIntervalSince(start), output: pdf, firstError: firstError,
                                     strict: strict)
            result.interrupted = interruptedHere
            done(result)
            // Last: the Ctrl-C handler waits for `running` to empty, then reads the results.
            lock.withLock { _ = running.removeValue(forKey: proc.processIdentifier) }
        }
        do {
            // Under the lock Ctrl-C takes to stop the workers: a worker starts before it (and is
            // stopped) or not at all.
            let started = try lock.withLock {
                guard !interrupted else { return false }
                try p.run()
                running[p.processIdentifier] = job
                return true
            }
            if !started {
                try? handle?.close()
                unlink(partLog)
                var result = BatchResult(name: job.name, status: 130, pages: 0, problems: 0, seconds: 0, output: pdf,
                                         firstError: nil, strict: strict)
                result.interrupted = true
                done(result)
            }
        } catch {
            unlink(partLog)
            done(BatchResult(name: job.name, status: 2, pages: 0, problems: 0, seconds: 0, output: pdf,
                             firstError: "cannot start a worker: \(error)", strict: strict))
        }
    }

    /// After Ctrl-C: SIGTERM to every worker, then (one that has not ended in 5 s) SIGKILL, and
    /// wait until all have been reaped.
    private func stopWorkers() {
        let pids = lock.withLock { interrupted = true; return Array(running.keys) }
        for pid in pids { kill(pid, SIGTERM) }
        if !waitForWorkers(seconds: 5) {
            for pid in lock.withLock({ Array(running.keys) }) { kill(pid, SIGKILL) }
            _ = waitForWorkers(seconds: 5)
        }
    }

    private func waitForWorkers(seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if lock.withLock({ running.isEmpty }) { return true }
            usleep(10_000)
        }
        return lock.withLock { running.isEmpty }
    }

    /// What an edition stopped half-way leaves: its log, the staged files of a worker that had
    /// to be killed, and its folder if that leaves it empty (an earlier run's outputs stay).
    private func removeUnfinished(_ job: BatchPlan.Job) {
        unlink(job.directory + "/render.log.part-\(getpid())")
        removeLeftoversOfKilledRuns(in: job.directory)
        removeLeftoversOfKilledRuns(in: job.directory + "/proofs")
        if (try? FileManager.default.contentsOfDirectory(atPath: job.directory))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: job.directory)
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
