import Foundation
import Testing
import PaibanTestSupport

/// A render's outputs (PDF, report, proofs, split pages) as one set, committed whole: what an
/// interrupted, killed, failing or concurrent run leaves, and what no run may write over. Each
/// test drives the built binary as a user or script does.
@Suite(.serialized) struct OutputSetTests {
    static let root = repositoryRoot()
    static var binary: String { root + "/.build/debug/paiban" }
    static var sample: String { root + "/Examples/semicon-special" }
    let fm = FileManager.default

    // MARK: helpers

    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "paiban-outputs-\(UUID().uuidString)"
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func start(_ args: [String], env: [String: String] = [:], stdout: Any = FileHandle.nullDevice) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        p.standardOutput = stdout
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Runs the binary (or `/bin/sh -c script`, when given) to the end.
    func run(_ args: [String], env: [String: String] = [:], shell script: String? = nil)
        throws -> (status: Int32, out: String, err: String)
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: script == nil ? Self.binary : "/bin/sh")
        p.arguments = script.map { ["-c", $0] } ?? args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Every file under `dir` (hidden ones too) with its bytes.
    func snapshot(_ dir: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for rel in (try? fm.subpathsOfDirectory(atPath: dir)) ?? [] {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = fm.contents(atPath: dir + "/" + rel)
            }
        }
        return files
    }

    /// Staging folders and temporary files under `dir`.
    func leftovers(_ dir: String) -> [String] {
        ((try? fm.subpathsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".paiban-staging-") || $0.contains(".part-") }
    }

    func waitUntil(seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }

    /// A staging folder under `dir` with a file in it: a run is writing its set.
    func stagingHasAFile(_ dir: String) -> Bool {
        leftovers(dir).contains { $0.contains(".paiban-staging-") && $0.split(separator: "/").count >= 2 }
    }

    /// A small edition (one short story a page, tabloid) whose lead's title is `title`.
    func tinyIssue(in dir: String, _ name: String, title: String = "甲版头条", pages: Int = 2) throws -> String {
        let issue = dir + "/" + name
        try fm.createDirectory(atPath: issue + "/articles", withIntermediateDirectories: true)
        var manifest = "paper: 测试报\ndate: 2026-03-20\nlayout: tabloid\npages:\n"
        for n in 1...pages {
            manifest += "  - number: \(n)\n    section: 第\(n)版\n    stories: [s\(n)]\n"
            let head = n == 1 ? title : "第\(n)版稿件"
            try "---\ntitle: \(head)\n---\n\n本报讯　这是第\(n)版的一篇短稿，用来检查输出。\n"
                .write(toFile: issue + "/articles/s\(n).md", atomically: true, encoding: .utf8)
        }
        try manifest.write(toFile: issue + "/issue.yaml", atomically: true, encoding: .utf8)
        return issue
    }

    func copySample(to path: String) throws -> String {
        try fm.copyItem(atPath: Self.sample, toPath: path)
        return path
    }

    func set(_ issue: String, _ out: String) -> [String] {
        ["render", issue, "-o", out + "/e.pdf", "--png", out + "/proofs", "--dpi", "20", "--split"]
    }

    // MARK: stale members

    @Test("a re-render with fewer pages leaves no proof or split page of the earlier run, and the manifest lists the new set")
    func fewerPagesLeaveNoStaleMembers() throws {
        let dir = try scratch()
        let out = dir + "/out"
        #expect(try run(set(try tinyIssue(in: dir, "two", pages: 2), out)).status == 0)
        #expect(fm.fileExists(atPath: out + "/proofs/page-02.png") && fm.fileExists(atPath: out + "/e-p02.pdf"))
        let r = try run(set(try tinyIssue(in: dir, "one", pages: 1), out))
        #expect(r.status == 0, "\(r.err)")
        let files = Set(snapshot(out).keys)
        #expect(files == [".e.pdf.outputs", "e.pdf", "e.report.json", "e-p01.pdf", "proofs/page-01.png"], "\(files.sorted())")
    }

    // MARK: signals

    @Test("a render stopped by SIGTERM mid-way exits 143 and leaves the previous set as it was, with no staging or temporary files")
    func sigtermKeepsThePreviousSet() throws {
        let dir = try scratch()
        let out = dir + "/out"
        #expect(try run(set(try tinyIssue(in: dir, "tiny"), out)).status == 0)
        let before = snapshot(out)
        let p = try start(set(Self.sample, out))
        #expect(waitUntil { stagingHasAFile(out) }, "the render never started writing")
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 143)
        #expect(snapshot(out) == before, "the previous set changed")
        #expect(leftovers(out).isEmpty, "\(leftovers(out))")
    }

    @Test("SIGINT exits 130, leaving nothing of its own")
    func sigintExits130() throws {
        let dir = try scratch()
        // The output folder does not exist yet: the set is staged in the nearest folder that does.
        let p = try start(set(Self.sample, dir + "/out"))
        #expect(waitUntil { stagingHasAFile(dir) })
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(snapshot(dir).isEmpty && leftovers(dir).isEmpty, "\(snapshot(dir).keys.sorted())")
    }

    @Test("a run after a SIGKILLed one removes the staging folder and temporary files it left, and commits its own set")
    func leftoversOfAKilledRunAreRemoved() throws {
        let dir = try scratch()
        let out = dir + "/out"
        #expect(try run(set(try tinyIssue(in: dir, "tiny", pages: 2), out)).status == 0)
        try fm.createDirectory(atPath: out + "/proofs", withIntermediateDirectories: true)
        let p = try start(set(Self.sample, out))
        #expect(waitUntil { stagingHasAFile(out) })
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(!leftovers(out).isEmpty, "a killed run should have left its staging (else this test proves nothing)")
        let r = try run(set(try tinyIssue(in: dir, "again", pages: 2), out))
        #expect(r.status == 0, "\(r.err)")
        #expect(leftovers(out).isEmpty, "\(leftovers(out))")
        #expect(fm.fileExists(atPath: out + "/e.pdf") && fm.fileExists(atPath: out + "/proofs/page-02.png"))
    }

    @Test("a SIGTERM that comes while the set is being moved into place waits for the move: the new set is there whole")
    func sigtermDuringTheCommitLetsItFinish() throws {
        let dir = try scratch()
        let out = dir + "/out"
        #expect(try run(set(try tinyIssue(in: dir, "old", title: "旧版头条", pages: 1), out)).status == 0)
        let newIssue = try tinyIssue(in: dir, "new", title: "新版头条", pages: 2)
        let reference = dir + "/reference"
        #expect(try run(set(newIssue, reference)).status == 0)
        let firstMember = out + "/e-p01.pdf"
        let oldInode = try fm.attributesOfItem(atPath: firstMember)[.systemFileNumber] as? Int
        // Moves 200 ms apart: the signal lands after the first member moved, before the last.
        let p = try start(set(newIssue, out), env: ["PAIBAN_TEST_COMMIT_PAUSE_MS": "200"])
        #expect(waitUntil { (try? fm.attributesOfItem(atPath: firstMember)[.systemFileNumber] as? Int) != oldInode })
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 143)
        let after = snapshot(out).filter { !$0.key.hasSuffix(".report.json") && !$0.key.hasSuffix(".outputs") }
        let expected = snapshot(reference).filter { !$0.key.hasSuffix(".report.json") && !$0.key.hasSuffix(".outputs") }
        #expect(after == expected, "\(after.keys.sorted()) vs \(expected.keys.sorted())")
        #expect(leftovers(out).isEmpty)
    }

    // MARK: concurrent renders

    @Test("two renders to the same -o at once end with one run's set: PDF, report, proofs and split pages all of the same run")
    func concurrentRendersLeaveOneRunsSet() throws {
        let dir = try scratch()
        let out = dir + "/out"
        let a = try tinyIssue(in: dir, "a", title: "甲稿标题"), b = try tinyIssue(in: dir, "b", title: "乙稿标题")
        // Each run's set alone, to compare with (renders are deterministic; same -o, so same report).
        #expect(try run(set(a, out)).status == 0)
        let setA = snapshot(out)
        #expect(try run(set(b, out)).status == 0)
        let setB = snapshot(out)
        #expect(setA["e.pdf"] != setB["e.pdf"] && setA["proofs/page-01.png"] != setB["proofs/page-01.png"])
        for _ in 0..<2 {
            // Slow commits (200 ms a file), started together: without a lock they interleave.
            let env = ["PAIBAN_TEST_COMMIT_PAUSE_MS": "200"]
            let pa = try start(set(a, out), env: env), pb = try start(set(b, out), env: env)
            pa.waitUntilExit()
            pb.waitUntilExit()
            #expect(pa.terminationStatus == 0 && pb.terminationStatus == 0)
            let now = snapshot(out)
            #expect(now == setA || now == setB, "a mixed set: \(now.keys.sorted().map { "\($0): \(now[$0] == setA[$0] ? "a" : now[$0] == setB[$0] ? "b" : "?")" })")
        }
    }

    // MARK: same bytes

    @Test("render, render --single-thread and batch give byte-identical PDFs and proofs of the sample (the same glyphs whichever thread made the pages up)")
    func sameBytesWhicheverWay() throws {
        let dir = try scratch()
        let args = ["--png", "--dpi", "30"]
        #expect(try run(["render", Self.sample, "-o", dir + "/piped/edition.pdf", "--png", dir + "/piped/proofs", "--dpi", "30"]).status == 0)
        #expect(try run(["render", Self.sample, "-o", dir + "/single/edition.pdf", "--png", dir + "/single/proofs", "--dpi", "30",
                         "--single-thread"]).status == 0)
        #expect(try run(["batch", Self.sample, "-o", dir + "/batch"] + args).status == 0)
        let batch = dir + "/batch/semicon-special"
        for file in ["edition.pdf", "proofs/page-01.png", "proofs/page-02.png"] {
            let piped = fm.contents(atPath: dir + "/piped/" + file), single = fm.contents(atPath: dir + "/single/" + file)
            #expect(piped != nil && piped == single, "\(file): render and render --single-thread differ")
            #expect(single == fm.contents(atPath: batch + "/" + file), "\(file): render --single-thread and batch differ")
        }
    }

    // MARK: inputs

    @Test("-o, --png or --split onto a file the issue reads (its story, manifest, photo; or a link to one) is refused, naming the path, and the file is untouched")
    func outputsNeverReplaceInputs() throws {
        let dir = try scratch()
        let issue = try copySample(to: dir + "/issue")
        let story = issue + "/articles/hong-kong.md"
        let before = fm.contents(atPath: story)
        let r = try run(["render", issue, "-o", story])
        #expect(r.status == 4)
        #expect(r.err.contains("\(story): not written: the issue reads this file"), "\(r.err)")
        #expect(fm.contents(atPath: story) == before)
        #expect(leftovers(issue).isEmpty)

        try fm.createSymbolicLink(atPath: dir + "/link.pdf", withDestinationPath: issue + "/issue.yaml")
        let linked = try run(["render", issue, "-o", dir + "/link.pdf"])
        #expect(linked.status == 4 && linked.err.contains("issue.yaml, which the issue reads"), "\(linked.err)")

        // A photo named like a proof, in the folder --png names.
        let tiny = try tinyIssue(in: dir, "tiny")
        #expect(try run(["render", tiny, "-o", dir + "/t/e.pdf", "--png", dir + "/t", "--dpi", "20"]).status == 0)
        try fm.createDirectory(atPath: tiny + "/images", withIntermediateDirectories: true)
        try fm.copyItem(atPath: dir + "/t/page-01.png", toPath: tiny + "/images/page-01.png")
        let lead = tiny + "/articles/s1.md"
        let text = try String(contentsOfFile: lead, encoding: .utf8)
        try ("---\nimages:\n  - file: images/page-01.png\n    caption: 图\n" + text.dropFirst(4)).write(toFile: lead, atomically: true, encoding: .utf8)
        let photo = fm.contents(atPath: tiny + "/images/page-01.png")
        let png = try run(["render", tiny, "-o", dir + "/t2/e.pdf", "--png", tiny + "/images"])
        #expect(png.status == 4 && png.err.contains("images/page-01.png: not written"), "\(png.err)")
        #expect(fm.contents(atPath: tiny + "/images/page-01.png") == photo)
        #expect(!fm.fileExists(atPath: dir + "/t2/e.pdf"))
    }

    // MARK: output errors

    @Test("an output that cannot be written exits 3 with one line naming the output (never a staging or temporary file), no usage text")
    func outputErrorsNameTheOutput() throws {
        let dir = try scratch()
        try "x".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
        let notAFolder = try run(["render", Self.sample, "-o", dir + "/file/edition.pdf"])
        #expect(notAFolder.status == 4)
        #expect(notAFolder.err.contains("\(dir)/file/edition.pdf: cannot write: \(dir)/file exists and is not a folder"), "\(notAFolder.err)")
        #expect(!notAFolder.err.contains("USAGE") && !notAFolder.err.contains("Usage"), "\(notAFolder.err)")

        // A file-size limit makes the PDF's write fail part-way, as a full disk does.
        let out = dir + "/limited"
        let limited = try run([], shell: "trap '' XFSZ; ulimit -f 100; exec '\(Self.binary)' render '\(Self.sample)' -o '\(out)/edition.pdf'")
        #expect(limited.status == 4)
        #expect(limited.err.contains("\(out)/edition.pdf: cannot write: File too large"), "\(limited.err)")
        #expect(!limited.err.contains(".part-") && !limited.err.contains("staging") && !limited.err.contains("USAGE"))
        #expect(snapshot(out).isEmpty && leftovers(out).isEmpty, "\(snapshot(out).keys.sorted())")
    }

    @Test("a full disk (a 64 KB tmpfs, where this user may mount one) names the output and leaves nothing")
    func fullDiskNamesTheOutput() throws {
        let dir = try scratch()
        let small = dir + "/small"
        try fm.createDirectory(atPath: small, withIntermediateDirectories: true)
        guard getuid() == 0, try run([], shell: "mount -t tmpfs -o size=64k tmpfs '\(small)' 2>/dev/null").status == 0 else {
            print("fullDiskNamesTheOutput: cannot mount a tmpfs here; the file-size-limit test covers the same path")
            return
        }
        defer { _ = try? run([], shell: "umount '\(small)'") }
        let r = try run(["render", Self.sample, "-o", small + "/edition.pdf", "--png", small + "/proofs"])
        #expect(r.status == 4)
        #expect(r.err.contains("\(small)/edition.pdf: cannot write: No space left on device")
                || r.err.contains("\(small)/proofs/page-01.png: cannot write: No space left on device"), "\(r.err)")
        #expect(!r.err.contains(".part-") && !r.err.contains("staging"))
        #expect(snapshot(small).isEmpty && leftovers(small).isEmpty)
    }

    // MARK: batch

    @Test("batch: inputs with the same folder name (a/x, b/x) and one named like the suffix (c/x-2) each get an output folder of their own")
    func batchFolderNamesAreUnique() throws {
        let dir = try scratch()
        var issues: [String] = []
        for (parent, name, title) in [("a", "x", "甲报头条"), ("b", "x", "乙报头条"), ("c", "x-2", "丙报头条")] {
            try fm.createDirectory(atPath: dir + "/" + parent, withIntermediateDirectories: true)
            issues.append(try tinyIssue(in: dir + "/" + parent, name, title: title, pages: 1))
        }
        let r = try run(["batch"] + issues + ["-o", dir + "/out", "--jobs", "2"])
        #expect(r.status == 0, "\(r.out)")
        let tool = RenderTests().run
        for (folder, title) in [("x", "甲报头条"), ("x-3", "乙报头条"), ("x-2", "丙报头条")] {
            let text = try tool("pdftotext", [dir + "/out/" + folder + "/edition.pdf", "-"]).filter { !$0.isWhitespace }
            #expect(text.contains(title), "out/\(folder) is not the edition headed \(title)")
        }
        #expect(try fm.contentsOfDirectory(atPath: dir + "/out").filter { $0 != "batch.json" }.sorted() == ["x", "x-2", "x-3"])
    }

    @Test("batch interrupted: exit 130; an unfinished edition's folder holds the earlier run's set untouched, a finished one the new set, and the message counts them truly")
    func batchInterruptedIsTruthful() throws {
        let dir = try scratch()
        var issues: [String] = []
        for k in 1...4 { issues.append(try copySample(to: dir + "/e\(k)")) }
        let out = dir + "/out"
        #expect(try run(["batch"] + issues + ["-o", out, "--jobs", "2", "--png", "--dpi", "20"]).status == 0)
        let earlier = issues.indices.map { snapshot(out + "/e\($0 + 1)") }
        // The new run differs: a title changed in every edition.
        for issue in issues {
            let path = issue + "/articles/hong-kong.md"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "title: ", with: "title: 新").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let pipe = Pipe()
        let p = try start(["batch"] + issues + ["-o", out, "--jobs", "2", "--png", "--dpi", "20"], stdout: pipe)
        // Stop it while the first two editions are being written.
        #expect(waitUntil { (1...4).contains { stagingHasAFile(out + "/e\($0)") } })
        kill(p.processIdentifier, SIGINT)
        let said = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130, "\(said)")
        #expect(leftovers(out).isEmpty, "\(leftovers(out))")
        var renewed = 0
        for k in issues.indices {
            let now = snapshot(out + "/e\(k + 1)")
            if now == earlier[k] { continue }
            renewed += 1
            // A finished edition: the new PDF, with its report and proofs.
            #expect(now["edition.pdf"] != earlier[k]["edition.pdf"] && now["proofs/page-01.png"] != nil
                    && now["edition.report.json"] != nil, "e\(k + 1): \(now.keys.sorted())")
        }
        #expect(said.contains("interrupted: \(renewed) of 4 editions finished"), "\(said)")
    }
}
