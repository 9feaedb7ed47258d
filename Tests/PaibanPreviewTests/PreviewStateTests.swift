import Foundation
import Testing
import Paiban
@testable import PaibanPreview

/// The preview's rules without a browser: what stays on screen when an edit breaks the input,
/// and which story a preflight line is about.
struct PreviewStateTests {
    func pages(_ label: String, errors: [Diagnostic] = []) -> PreviewRender {
        let grid = PreviewGrid(x: 0, y: 0, width: 10, height: 10, columns: [[0, 10]], character: 1, pitch: 1, lines: 10, baselineOffset: 0.8)
        let page = PreviewPage(index: 0, number: 1, label: label, width: 100, height: 100, proof: "", grid: grid, stories: [], jumps: [])
        return .rendered(RenderedPages(title: "t", pages: [page], proofs: [Array(label.utf8)], drawn: [], dpi: 72, problems: [],
                                       inputErrors: errors, externalFiles: [], milliseconds: 1))
    }

    @Test("an unreadable issue keeps the last good pages and shows the error with its file and line; mending it clears the error")
    func brokenKeepsLastGood() async {
        let state = PreviewState()
        await state.publish(pages("A1"))
        #expect(await state.snapshot.version == 1)
        await state.publish(.failed(Diagnostic(.error, file: "x/issue.yaml", line: 7, "bad")))
        let broken = await state.snapshot
        #expect(broken.pages.map(\.label) == ["A1"])
        #expect(await state.proof(0) == Array("A1".utf8))
        #expect(broken.error?.description == "x/issue.yaml:7: error: bad")
        #expect(broken.version == 2, "the error is news: the page is told")
        await state.publish(pages("A1 mended"))
        #expect(await state.snapshot.error == nil)
        #expect(await state.snapshot.pages.map(\.label) == ["A1 mended"])
    }

    @Test("an edit that adds an input error (a story left out) keeps the pages; errors the pages already had do not")
    func newInputErrorIsABreak() async {
        let old = Diagnostic(.error, file: "a.md", line: 1, "old")
        let state = PreviewState()
        await state.publish(pages("first", errors: [old]))
        #expect(await state.snapshot.pages.map(\.label) == ["first"], "the first render is shown even with errors")
        await state.publish(pages("second", errors: [old]))
        #expect(await state.snapshot.pages.map(\.label) == ["second"])
        await state.publish(pages("third", errors: [old, Diagnostic(.error, file: "b.md", line: 3, "front matter broke")]))
        #expect(await state.snapshot.pages.map(\.label) == ["second"])
        #expect(await state.snapshot.error?.file == "b.md")
    }

    @Test("proof addresses carry the version, so a browser never shows a stale proof")
    func proofAddresses() async {
        let state = PreviewState()
        await state.publish(pages("A"))
        await state.publish(pages("B"))
        #expect(await state.snapshot.pages.first?.proof == "/proof/0?v=2")
    }

    @Test("a preflight line names a story as a word of its own, not inside a longer id")
    func storyMentions() {
        #expect(mentions("page 2 (A2): lead overset by 4 lines", id: "lead"))
        #expect(!mentions("page 2 (A2): lead-2 overset by 4 lines", id: "lead"))
        #expect(!mentions("misleading", id: "lead"))
        #expect(pageNumber(in: "page 12 (A12): short of copy") == 12)
        #expect(pageNumber(in: "no page here") == nil)
    }
}
