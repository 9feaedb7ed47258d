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
}
