import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanPango
import PaibanTestSupport

/// Display type end to end with real fonts: both example editions made up with Pango shaping and
/// the house word list, heads read back from the display list and from the PDF.
@Suite struct DisplayTypeTests {
    static let root = repositoryRoot()
    static let displayRoles: Set<TextRole> = [.title, .kicker, .deck, .subhead, .byline, .columnLabel, .advertisement]

    func load(_ name: String) throws -> LoadedIssue {
        try IssueLoader.load(directory: Self.root + "/Examples/\(name)", layoutSearchPath: [Self.root + "/Layouts"])
    }

    @Test("the house word list is found and loads", .timeLimit(.minutes(1)))
    func wordListLoads() {
        #expect(houseWordList != nil)
    }

    @Test("no display line is letter-spaced: each glyph starts where the one before it ends", arguments: ["semicon-special", "newsroom-kinds"])
    func naturalWidth(_ edition: String) throws {
        let doc = try RenderTests().render(load(edition)).doc
        var checked = 0
        for page in doc.pages {
            for case .glyphs(let run) in page.items where Self.displayRoles.contains(run.role) && run.boxes.count > 1 {
                for k in 1..<run.boxes.count where run.text[k] != "\u{3000}" && run.text[k - 1] != "\u{3000}" && run.text[k - 1] != " " {
                    let gap = run.boxes[k] - (run.boxes[k - 1] + run.advances[k - 1])
                    // Han–Latin spacing (¼ em) is the only space between display glyphs.
                    #expect(gap < 0.3 * run.font.size.value, "\(String(String.UnicodeScalarView(run.text))): \(gap) pt before \(run.text[k])")
                }
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test("commentary: the 栏目 logo is framed and 本报评论员 stands under the head; briefs run each item's title in bold")
    func kinds() throws {
        let doc = try RenderTests().render(load("newsroom-kinds")).doc
        let items = doc.pages[0].items
        let runs = items.compactMap { item -> GlyphRun? in if case .glyphs(let g) = item { return g } else { return nil } }
        func text(_ r: GlyphRun) -> String { String(String.UnicodeScalarView(r.text)) }
        let label = try #require(runs.first { $0.story == "commentary-service" && $0.role == .columnLabel })
        #expect(text(label) == "申城时评")
        let frames = items.compactMap { item -> Rect? in if case .box(let r, _, _, _) = item { return r } else { return nil } }
        #expect(frames.contains { $0.contains(label.bounds, tolerance: 0.5) }, "the label is framed")
        let byline = try #require(runs.first { $0.story == "commentary-service" && $0.role == .byline })
        let title = try #require(runs.last { $0.story == "commentary-service" && $0.role == .title })
        #expect(text(byline) == "本报评论员" && byline.baseline > title.baseline)
        let firstBody = try #require(runs.filter { $0.story == "commentary-service" && $0.role == .body }.min { $0.baseline < $1.baseline })
        #expect(byline.baseline < firstBody.baseline, "the byline is above the text")
        let itemHeads = runs.filter { $0.story == "city-briefs" && $0.font.role == .heiTi && $0.role == .body }.map(text)
        #expect(itemHeads.contains { $0.hasPrefix("■中心城区") })
        #expect(runs.filter { $0.story == "city-briefs" && $0.role == .body && $0.font.bold }.count >= 3)
    }

    @Test("an edition numbered A1, A2 never prints 第A2版")
    func labelsInPrint() throws {
        let doc = try RenderTests().render(load("newsroom-kinds")).doc
        let all = doc.pages.flatMap(\.items).compactMap { item -> String? in
            if case .glyphs(let g) = item { return String(String.UnicodeScalarView(g.text)) } else { return nil }
        }.joined()
        #expect(!all.contains("第A"))
        #expect(all.contains("A2"))
    }

    /// headcheck.py (../shared/tools) segments every display line read back from the PDF with
    /// jieba, a segmenter of its own: no break inside a word, no letter-spaced line.
    static let headcheck = root + "/../shared/tools/headcheck.py"

    @Test("headcheck.py finds no head broken inside a word and no letter-spaced line in the kinds edition",
          .enabled(if: FileManager.default.fileExists(atPath: headcheck), "needs ../shared/tools/headcheck.py"))
    func headcheckPasses() throws {
        let helper = RenderTests()
        let pdf = try helper.render(load("newsroom-kinds")).pdf
        let out = try helper.run("env", ["python3", Self.headcheck, pdf])
        #expect(out.contains("bad_breaks=0") && out.contains("letterspaced_lines=0"), "\(out)")
    }
}
