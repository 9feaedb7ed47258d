import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanPango
import PaibanTestSupport

/// The own PDF writer checked against an independent rendering of the same display list:
/// Cairo's PDF surface drawn by the proofs' painter (its own font subsetting, text operators
/// and image encoding). Both PDFs are rasterised by poppler page by page and compared pixel by
/// pixel, so a glyph, rule or photo the own writer misplaces, drops or draws twice shows up as
/// pixels that differ.
///
/// Measured on the sample edition (2 broadsheet pages, 615 × 851 = 523 365 pixels a page at
/// 40 dpi in grey): page 1 has no pixel that differs at all; on page 2, 788 pixels differ by at
/// most 8 grey levels, all on the edges of the advertisement's "SEMICON China 2026", a face
/// fontconfig emboldens (the own writer strokes its outlines, `2 Tr` at size/24; Cairo emboldens
/// them in FreeType). So a pixel counts as differing when off by more than `threshold`, 32
/// levels (four times that), and a page passes with at most `tolerance` of its pixels differing:
/// 0.01 %, 52 pixels, room for another poppler's or Cairo's antialiasing on a few glyph edges.
/// Since advertisements fill their boxes, the sample's SEMICON ad sets its copy at 23.6 pt, and
/// 37 pixels of its "30" differ by up to 64 levels at 40 dpi (0.007 %; the two subsets' CFF
/// hints, hinted by poppler's FreeType at this size): at 300 dpi the glyphs are identical, at
/// the same positions to 0.002 pt. One 11-character body line left out differs in 129 pixels
/// (0.025 %, two and a half times the tolerance), one story moved 1 pt to the right in 9 007
/// (1.7 %): both fail, below.
@Suite struct EngineComparisonTests {
    static let root = repositoryRoot()
    static let threshold = 32
    static let tolerance = 0.0001

    /// Grey pixels of one page, as pdftoppm writes them (binary PGM).
    struct Raster {
        var width = 0, height = 0
        var pixels: [UInt8] = []

        init(pgm path: String) throws {
            let d = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            // P5, width, height, maxval, each ended by one whitespace byte; then the pixels.
            var fields: [Int] = [], i = 2
            while fields.count < 3 {
                while d[i] == 0x20 || d[i] == 0x0A { i += 1 }
                var v = 0
                while d[i] >= 0x30 && d[i] <= 0x39 { v = v * 10 + Int(d[i] - 0x30); i += 1 }
                fields.append(v)
            }
            i += 1
            (width, height) = (fields[0], fields[1])
            pixels = Array(d[i..<(i + width * height)])
        }

        /// The share of pixels off by more than `threshold` grey levels (1 for pages of other sizes).
        func differing(from o: Raster, threshold: Int = EngineComparisonTests.threshold) -> Double {
            guard width == o.width, height == o.height else { return 1 }
            var n = 0
            for k in 0..<pixels.count where abs(Int(pixels[k]) - Int(o.pixels[k])) > threshold { n += 1 }
            return Double(n) / Double(pixels.count)
        }
    }

    let helper = RenderTests()

    /// Every page of `pdf`, rasterised at 40 dpi in grey.
    func rasters(_ pdf: String) throws -> [Raster] {
        let stem = pdf + "-page"
        let status = try helper.execute("pdftoppm", ["-r", "40", "-gray", pdf, stem]).status
        #expect(status == 0, "pdftoppm failed on \(pdf)")
        let dir = (pdf as NSString).deletingLastPathComponent, prefix = (stem as NSString).lastPathComponent + "-"
        // pdftoppm pads page numbers to the page count's digits, so names sort in page order.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".pgm") }.sorted()
        return try files.map { try Raster(pgm: dir + "/" + $0) }
    }

    func shares(_ a: [Raster], _ b: [Raster]) -> [Double] {
        a.count == b.count ? zip(a, b).map { $0.differing(from: $1) } : [1]
    }

    func percent(_ shares: [Double]) -> String {
        shares.map { String(format: "%.3f %%", $0 * 100) }.joined(separator: ", ")
    }

    @Test("the own writer's pages and Cairo's of the same display list rasterise alike, and the comparison sees one line left out or one story moved by 1 pt")
    func ownWriterMatchesCairo() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/pdftoppm") else { Issue.record("install poppler-utils"); return }
        let loaded = try helper.sample()
        let t = try makeTypesetter()
        let shapes = PangoTextShaping(t)
        let (doc, _) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: shapes,
                                     segmenter: houseSegmenter()).run()
        let writer = DocumentWriter()
        let dir = NSTemporaryDirectory() + "paiban-engines-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writer.writePDF(doc, to: dir + "/own.pdf")
        try writer.writeCairoPDF(doc, to: dir + "/cairo.pdf")
        let ownPages = try rasters(dir + "/own.pdf")
        #expect(ownPages.count == doc.pages.count)

        let same = shares(ownPages, try rasters(dir + "/cairo.pdf"))
        #expect(same.allSatisfy { $0 <= Self.tolerance }, "pages differ: \(percent(same)) (tolerance \(Self.tolerance * 100) %)")

        // The comparison is not blind: a small real difference on page 1 fails it.
        var page = doc.pages[0]
        let body = try #require(page.items.firstIndex { if case .glyphs(let g) = $0 { g.role == .body } else { false } })
        page.items.remove(at: body)
        let missing = try perturbed(doc, page: page, writer: writer, against: ownPages, in: dir)
        #expect(missing[0] > Self.tolerance, "one body line left out: page 1 differs in only \(percent(missing))")

        page = doc.pages[0]
        let story = try #require(page.glyphRuns.first { $0.role == .body }?.story)
        page.items = page.items.map { item in
            guard case .glyphs(let g) = item, g.story == story else { return item }
            return .glyphs(g.shifted(by: 1))
        }
        let moved = try perturbed(doc, page: page, writer: writer, against: ownPages, in: dir)
        #expect(moved[0] > Self.tolerance, "story \(story) moved 1 pt: page 1 differs in only \(percent(moved))")
    }

    /// The edition with page 1 replaced, drawn by Cairo, against the own writer's true pages.
    func perturbed(_ doc: DisplayDocument, page: DisplayPage, writer: DocumentWriter, against own: [Raster],
                   in dir: String) throws -> [Double] {
        var changed = doc
        changed.pages[0] = page
        let pdf = dir + "/changed-\(UUID().uuidString).pdf"
        try writer.writeCairoPDF(changed, to: pdf)
        return shares(own, try rasters(pdf))
    }
}
