import Foundation
import Testing
import PaibanTestSupport

/// Hostile issue folders through the real binary, Pango and libjpeg included: each renders
/// (or is refused) with a message naming the file, never a crash, a hang or a silent loss.
@Suite(.serialized) struct HostileRenderTests {
    static let root = repositoryRoot()
    static var binary: String { root + "/.build/debug/paiban" }

    /// Runs the binary, killing it after `timeout` seconds (a hang is a failure, not a stuck suite).
    func run(_ args: [String], timeout: Double = 60) throws -> (status: Int32, reason: Process.TerminationReason, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let deadline = DispatchTime.now() + timeout
        DispatchQueue.global().asyncAfter(deadline: deadline) { if p.isRunning { p.terminate() } }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, p.terminationReason, String(decoding: e, as: UTF8.self))
    }

    /// A copy of the sample edition, changed by `edit`.
    func sample(_ edit: (String) throws -> Void) throws -> String {
        let dir = NSTemporaryDirectory() + "paiban-hostile-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Self.root + "/Examples/semicon-special", toPath: dir)
        try edit(dir)
        return dir
    }

    func replace(_ path: String, _ old: String, _ new: String) throws {
        let t = try String(contentsOfFile: path, encoding: .utf8)
        #expect(t.contains(old), "\(path) no longer has \(old)")
        try t.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a NUL in a story and in the paper's name, an image that is a named pipe, a damaged JPEG: rendered with the problem named, no crash or hang")
    func noCrash() throws {
        guard FileManager.default.fileExists(atPath: Self.binary) else { Issue.record("build paiban first"); return }
        let cases: [(String, (String) throws -> Void, String)] = [
            ("nul", { d in
                try replace(d + "/articles/hong-kong.md", "。", "。\u{0}")
                try replace(d + "/issue.yaml", "paper: 中国电子报", "paper: \"中国\\0电子报\"")
            }, "U+0000"),
            ("pipe", { d in
                try FileManager.default.removeItem(atPath: d + "/images/jcet-pdm.jpg")
                #expect(mkfifo(d + "/images/jcet-pdm.jpg", 0o644) == 0)
            }, "named pipe"),
            ("damaged", { d in
                let path = d + "/images/jcet-pdm.jpg"
                var b = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                for i in (b.count / 2)..<(b.count / 2 + 3000) { b[i] = 0 }
                try Data(b).write(to: URL(fileURLWithPath: path))
            }, "is damaged: Corrupt JPEG data"),
        ]
        for (name, edit, expected) in cases {
            let issue = try sample(edit)
            let r = try run(["render", issue, "-o", issue + "-out/e.pdf", "--png", issue + "-out/p", "--dpi", "20"])
            #expect(r.reason == .exit && (r.status == 0 || r.status == 1), "\(name): \(r.reason) \(r.status)\n\(r.err.prefix(2000))")
            #expect(r.err.contains(expected), "\(name): \(r.err.prefix(2000))")
            #expect(!r.err.contains("Corrupt JPEG data") || r.err.contains("jcet-pdm.jpg"), "\(name): a libjpeg message without its file: \(r.err)")
            #expect(FileManager.default.fileExists(atPath: issue + "-out/e.pdf"), "\(name)")
        }
    }
}

extension HostileRenderTests {
    /// `paiban compose` with `input` on standard input.
    func compose(_ args: [String], input: [UInt8]) throws -> (status: Int32, out: String, err: String) {
        let dir = NSTemporaryDirectory() + "paiban-compose-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(input).write(to: URL(fileURLWithPath: dir + "/in.txt"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["compose"] + args
        p.standardInput = FileHandle(forReadingAtPath: dir + "/in.txt")
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test("compose: a line that is not UTF-8 is named by its line and left out, a NUL removed with a warning, the other lines composed; absurd measures are refused, never trapped on")
    func composeHostile() throws {
        guard FileManager.default.fileExists(atPath: Self.binary) else { Issue.record("build paiban first"); return }
        let input = Array("第一段。\n".utf8) + [0xFF, 0xFE, 0x0A] + Array("含\u{0}空字符的段落。\n".utf8)
        let r = try compose(["--measure", "10"], input: input)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("standard input line 2: not UTF-8") && r.err.contains("standard input line 3") && r.err.contains("U+0000"), "\(r.err)")
        #expect(r.out.contains("第一段。") && r.out.contains("含空字符的段落。"), "\(r.out)")
        for bad in [["--measure", "1e20", "--indent", "1e19"], ["--measure", "nan"], ["--measure", "10", "--size", "inf"]] {
            let b = try compose(bad, input: Array("文字。\n".utf8))
            #expect(b.status == 64 && b.err.contains("must be"), "\(bad): \(b.status) \(b.err)")
        }
    }
}
