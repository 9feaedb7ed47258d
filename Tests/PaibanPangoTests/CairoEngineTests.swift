import Foundation
import Testing
import PaibanTestSupport

/// `paiban render --engine cairo` as a user runs it: the PDF is Cairo's, a sound file with the
/// own writer's outline, labels and metadata, the same bytes on every run, the same pages as
/// `--engine own` (the pixel comparison is EngineComparisonTests'); split pages come from the
/// same engine; the report says which engine wrote the PDF; PDF/X with it is refused.
@Suite(.serialized) struct CairoEngineTests {
    static let root = repositoryRoot()
    static var binary: String { root + "/.build/debug/paiban" }
    let helper = RenderTests()

    func run(_ path: String, _ args: [String]) throws -> (status: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test("--engine cairo: Cairo's PDF, sound, outlined and labelled like the own writer's, byte-identical on a rerun, the same pages; --split by Cairo too; the report's engine says so; --pdfx refused")
    func cairoEngine() throws {
        guard FileManager.default.fileExists(atPath: Self.binary), FileManager.default.fileExists(atPath: "/usr/bin/pdftoppm") else {
            Issue.record("build paiban and install poppler-utils first"); return
        }
        let dir = NSTemporaryDirectory() + "paiban-engines-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sample = Self.root + "/Examples/semicon-special"
        #expect(try run(Self.binary, ["render", sample, "-o", dir + "/own.pdf"]).status == 0)
        let cairo = try run(Self.binary, ["render", sample, "-o", dir + "/cairo.pdf", "--engine", "cairo", "--split"])
        #expect(cairo.status == 0, "\(cairo.err)")
        #expect(try run(Self.binary, ["render", sample, "-o", dir + "/again.pdf", "--engine", "cairo"]).status == 0)

        let own = try json(String(contentsOfFile: dir + "/own.report.json", encoding: .utf8))
        let report = try json(String(contentsOfFile: dir + "/cairo.report.json", encoding: .utf8))
        #expect(own["engine"] as? String == "own")
        #expect(report["engine"] as? String == "cairo")

        for pdf in ["cairo.pdf", "cairo-p01.pdf", "cairo-p02.pdf"] {
            let info = try helper.run("pdfinfo", [dir + "/" + pdf])
            #expect(info.contains("Producer:        cairo"), "\(pdf) is not Cairo's: \(info)")
            // Cairo 1.16's link tags break the xref (why the Cairo PDF has no jump links): kept out.
            let check = try helper.run("qpdf", ["--check", dir + "/" + pdf])
            #expect(check.contains("No syntax or stream encoding errors"), "\(pdf): \(check)")
        }
        let info = try helper.run("pdfinfo", [dir + "/cairo.pdf"])
        #expect(info.contains("Title:           中国电子报 2026年3月20日 第4521期"), "\(info)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/cairo.pdf")) == Data(contentsOf: URL(fileURLWithPath: dir + "/again.pdf")),
                "two runs gave different bytes")

        // The outline (titles, pages and where each entry lands) and the page labels are the own writer's.
        func outline(_ pdf: String) throws -> [String] {
            let root = try json(helper.run("qpdf", ["--json", dir + "/" + pdf]))
            func walk(_ items: [[String: Any]]) -> [String] {
                items.flatMap { item -> [String] in
                    // [page /XYZ left top zoom]: left and top to a tenth of a point (the zoom is
                    // null in one, 0 in the other: both mean "keep it").
                    let dest = (item["dest"] as? [Any])?.dropFirst(2).prefix(2)
                        .map { String(format: "%.1f", ($0 as? NSNumber)?.doubleValue ?? -1) } ?? []
                    return ["\(item["title"]!) p\(item["destpageposfrom1"]!) \(dest)"] + walk(item["kids"] as! [[String: Any]])
                }
            }
            let labels = (root["pagelabels"] as! [[String: Any]]).map { ($0["label"] as! [String: Any])["/P"] as! String }
            return walk(root["outlines"] as! [[String: Any]]) + labels
        }
        let ownOutline = try outline("own.pdf")
        #expect(ownOutline.count > 10)
        #expect(try outline("cairo.pdf") == ownOutline)

        let ownPages = try EngineComparisonTests().rasters(dir + "/own.pdf")
        let shares = EngineComparisonTests().shares(ownPages, try EngineComparisonTests().rasters(dir + "/cairo.pdf"))
        #expect(shares.allSatisfy { $0 <= EngineComparisonTests.tolerance }, "pages differ: \(shares)")

        let refused = try run(Self.binary, ["render", sample, "-o", dir + "/x.pdf", "--engine", "cairo", "--pdfx", "x1a"])
        #expect(refused.status == 64 && refused.err.contains("--engine cairo writes RGB, not PDF/X: leave out --pdfx"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.pdf"))
    }
}
