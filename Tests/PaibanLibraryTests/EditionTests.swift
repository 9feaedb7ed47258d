import Foundation
import Testing
import Paiban
import PaibanTestSupport

/// The library as a Swift program uses it (the README's example): an edition loaded, made up
/// and written in memory gives the same bytes as the command does.
@Suite(.serialized) struct EditionTests {
    static let root = repositoryRoot()
    static let sample = root + "/Examples/semicon-special"

    /// The command's outputs for the sample, single-threaded, dated by SOURCE_DATE_EPOCH.
    func command(_ extra: [String]) throws -> String {
        let dir = NSTemporaryDirectory() + "paiban-lib-\(UUID().uuidString)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.root + "/.build/debug/paiban")
        p.arguments = ["render", Self.sample, "-o", dir + "/e.pdf", "--single-thread", "--png", dir + "/p", "--dpi", "30"] + extra
        p.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1774000000"]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return dir
    }

    @Test("Edition(issueAt:) makes up the sample; pdf() and proof(page:) give, in memory, the bytes `paiban render --single-thread` writes; preflight() reports it ok")
    func sameAsTheCommand() throws {
        guard FileManager.default.fileExists(atPath: Self.root + "/.build/debug/paiban") else { Issue.record("build paiban first"); return }
        let edition = try Edition(issueAt: Self.sample, options: RenderOptions(layoutSearchPath: [Self.root + "/Layouts"],
                                                                             sourceDateEpoch: 1_774_000_000))
        #expect(edition.document.pages.count == 2)
        let pdf = try edition.pdf()
        #expect(pdf.starts(with: Array("%PDF-1.7".utf8)))
        let dir = try command([])
        #expect(pdf == [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/e.pdf"))), "the library's PDF differs from the command's")
        let png = try edition.proof(page: 0, dpi: 30)
        #expect(png == [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/p/page-01.png"))), "the proofs differ")
        let pre = edition.preflight()
        #expect(pre.problems.isEmpty, "\(pre.problems)")
        #expect(throws: (any Error).self) { try edition.proof(page: 5) }
    }

    @Test("options as values: pdfx x4 gives a PDF/X-4 in memory")
    func pdfxOption() throws {
        let edition = try Edition(issueAt: Self.sample, options: RenderOptions(pdfx: .x4, layoutSearchPath: [Self.root + "/Layouts"]))
        let pdf = try edition.pdf()
        #expect(pdf.starts(with: Array("%PDF-1.6".utf8)))
        #expect(String(decoding: pdf, as: UTF8.self).contains("pdfxid:GTS_PDFXVersion>PDF/X-4<"))
    }

    /// Every file of a set, by name relative to its folder, the report with the folder's path taken out.
    func files(_ dir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir).sorted() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isFolder), !isFolder.boolValue,
                  !name.hasPrefix(".") else { continue }
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            if name.hasSuffix(".json") { bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: dir, with: "DIR").utf8) }
            out[name] = bytes
        }
        return out
    }

    @Test("EditionRender writes the set `paiban render` writes (PDF, split pages, proofs, report), byte for byte, pipelined and on one thread")
    func renderSameAsTheCommand() throws {
        guard FileManager.default.fileExists(atPath: Self.root + "/.build/debug/paiban") else { Issue.record("build paiban first"); return }
        let dir = try command(["--split"])
        let expected = try files(dir)
        #expect(expected.keys.sorted() == ["e-p01.pdf", "e-p02.pdf", "e.pdf", "e.report.json", "p/page-01.png", "p/page-02.png"],
                "\(expected.keys.sorted())")
        for pipelined in [true, false] {
            let mine = NSTemporaryDirectory() + "paiban-lib-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: mine) }
            var options = RenderOptions(layoutSearchPath: [Self.root + "/Layouts"], pipelined: pipelined, dpi: 30, split: true)
            options.setSourceDateEpoch("1774000000")
            let render = try EditionRender(issueAt: Self.sample, options: options)
            let outcome = try render.write(pdf: mine + "/e.pdf", proofs: mine + "/p")
            #expect(outcome.pages == 2 && outcome.passesStrict, "\(outcome.preflight.problems) \(outcome.preflight.warnings)")
            #expect(outcome.files.count == 6)
            let written = try files(mine)
            #expect(written.keys.sorted() == expected.keys.sorted())
            for (name, bytes) in expected { #expect(written[name] == bytes, "\(name) differs (pipelined: \(pipelined))") }
        }
    }

    @Test("a SOURCE_DATE_EPOCH that is no date is a warning in the report, as the command says it; one out of range too")
    func undatableEpoch() throws {
        var options = RenderOptions(layoutSearchPath: [Self.root + "/Layouts"])
        options.setSourceDateEpoch("soon")
        #expect(options.sourceDateEpoch == nil)
        let render = try EditionRender(issueAt: Self.sample, options: options)
        #expect(render.inputDiagnostics.contains { $0.file == "SOURCE_DATE_EPOCH" && $0.message.contains("'soon' is not a time") })
        let edition = try Edition(issueAt: Self.sample, options: RenderOptions(layoutSearchPath: [Self.root + "/Layouts"],
                                                                             sourceDateEpoch: -1))
        #expect(edition.inputDiagnostics.contains { $0.file == "SOURCE_DATE_EPOCH" && $0.message.contains("'-1' is not a time") })
    }

    /// The README's `import Paiban` block.
    func readmeExample() throws -> String {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "## The library: `import Paiban`"))
        let open = try #require(readme.range(of: "```swift\n", range: section.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```\n", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound])
    }

    @Test("the README's library example is Sources/paiban-example line for line, which builds, and runs from a folder with the Examples: the PDF and the set written")
    func readmeExampleRuns() throws {
        let program = try String(contentsOfFile: Self.root + "/Sources/paiban-example/main.swift", encoding: .utf8)
        let code = program.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("//") }
            .joined(separator: "\n")
        #expect(code == (try readmeExample()), "README.md's example and Sources/paiban-example/main.swift differ")
        let binary = Self.root + "/.build/debug/paiban-example"
        guard FileManager.default.fileExists(atPath: binary) else { Issue.record("build paiban-example first"); return }
        let dir = NSTemporaryDirectory() + "paiban-example-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/Examples", withDestinationPath: Self.root + "/Examples")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("2 pages, 12 stories"), "\(printed)")
        for f in ["edition.pdf", "edition.report.json", "edition-p01.pdf", "edition-p02.pdf", "proofs/page-01.png", "proofs/page-02.png"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/out/" + f), "out/\(f) not written")
        }
    }
}
