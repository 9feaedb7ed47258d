import Foundation
import Testing
import PaibanTestSupport

/// The Cairo engine as an independent rendering of the display list: the sample edition drawn
/// by Paiban's own PDF writer and by Cairo's PDF surface, rasterised by poppler, agree page by
/// page. Measured at 40 dpi in grey: 0.000 % of pixels differ by more than a quarter of the
/// grey scale on both pages; the tolerance (0.5 %) leaves room for antialiasing on other
/// builds of poppler and Cairo, while page 1 against page 2 differs in 43 %.
@Suite(.serialized) struct CairoEngineTests {
    static let root = repositoryRoot()
    static var binary: String { root + "/.build/debug/paiban" }
    static let tolerance = 0.005

    func run(_ path: String, _ args: [String]) throws -> (Int32, String) {
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

    /// Page `page` of `pdf` as grey pixels.
    func raster(_ pdf: String, page: Int) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        let stem = pdf + "-r\(page)"
        let (status, err) = try run("/usr/bin/pdftoppm", ["-r", "40", "-gray", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf, stem])
        #expect(status == 0, "\(err)")
        let d = [UInt8](try Data(contentsOf: URL(fileURLWithPath: stem + ".pgm")))
        // P5 header: magic, width, height, maxval, each followed by whitespace.
        var fields: [Int] = [], i = 2
        while fields.count < 3 {
            while d[i] == 0x20 || d[i] == 0x0A { i += 1 }
            var v = 0
            while d[i] >= 0x30 && d[i] <= 0x39 { v = v * 10 + Int(d[i] - 0x30); i += 1 }
            fields.append(v)
        }
        i += 1
        return (fields[0], fields[1], Array(d[i..<(i + fields[0] * fields[1])]))
    }

    func differing(_ a: (width: Int, height: Int, pixels: [UInt8]), _ b: (width: Int, height: Int, pixels: [UInt8])) -> Double {
        guard a.width == b.width, a.height == b.height else { return 1 }
        let n = zip(a.pixels, b.pixels).filter { abs(Int($0) - Int($1)) > 64 }.count
        return Double(n) / Double(a.pixels.count)
    }

    @Test("--engine cairo draws the same pages as the own writer (rasterised, within 0.5 % of pixels); the report names the engine; --engine cairo with --pdfx is refused")
    func samePages() throws {
        guard FileManager.default.fileExists(atPath: Self.binary), FileManager.default.fileExists(atPath: "/usr/bin/pdftoppm") else {
            Issue.record("build paiban and install poppler-utils first"); return
        }
        let dir = NSTemporaryDirectory() + "paiban-engines-\(UUID().uuidString)"
        let sample = Self.root + "/Examples/semicon-special"
        #expect(try run(Self.binary, ["render", sample, "-o", dir + "/own.pdf"]).0 == 0)
        #expect(try run(Self.binary, ["render", sample, "-o", dir + "/cairo.pdf", "--engine", "cairo"]).0 == 0)
        let report = try String(contentsOfFile: dir + "/cairo.report.json", encoding: .utf8)
        #expect(report.contains("\"engine\": \"cairo\""))
        for page in 1...2 {
            let share = differing(try raster(dir + "/own.pdf", page: page), try raster(dir + "/cairo.pdf", page: page))
            #expect(share <= Self.tolerance, "page \(page): \(share * 100) % of pixels differ")
        }
        // The measure sees a real difference: one page against the other.
        #expect(differing(try raster(dir + "/own.pdf", page: 1), try raster(dir + "/cairo.pdf", page: 2)) > 0.05)
        let refused = try run(Self.binary, ["render", sample, "-o", dir + "/x.pdf", "--engine", "cairo", "--pdfx", "x1a"])
        #expect(refused.0 == 64 && refused.1.contains("not PDF/X"), "\(refused)")
    }
}
