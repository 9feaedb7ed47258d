import Foundation
import Testing
import Paiban
@testable import PaibanPreview

/// The preview's rules without a browser: what stays on screen when an edit breaks the input,
/// and which story a preflight line is about.
struct PreviewStateTests {
    func pages(_ label: String, errors: [Diagnostic] = [], stories: Set<String> = ["a", "b"]) -> PreviewRender {
        let grid = PreviewGrid(x: 0, y: 0, width: 10, height: 10, columns: [[0, 10]], character: 1, pitch: 1, lines: 10, baselineOffset: 0.8)
        let page = PreviewPage(index: 0, number: 1, label: label, width: 100, height: 100, proof: "", grid: grid, stories: [], jumps: [])
        return .rendered(RenderedPages(title: "t", pages: [page], proofs: [Array(label.utf8)], drawn: [], dpi: 72, problems: [],
                                       inputErrors: errors, stories: stories, externalFiles: [], milliseconds: 1))
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

    @Test("an edit that adds an error and loses a story (its front matter broke) keeps the pages; errors the pages already had, moved to another line, do not")
    func newInputErrorIsABreak() async {
        let old = Diagnostic(.error, file: "a.md", line: 1, "image not found")
        let state = PreviewState()
        await state.publish(pages("first", errors: [old]))
        #expect(await state.snapshot.pages.map(\.label) == ["first"], "the first render is shown even with errors")
        let moved = Diagnostic(.error, file: "a.md", line: 2, "image not found")
        await state.publish(pages("second", errors: [moved]))
        #expect(await state.snapshot.pages.map(\.label) == ["second"], "a line added above an error does not make it new")
        await state.publish(pages("third", errors: [moved, Diagnostic(.error, file: "b.md", line: 3, "front matter broke")],
                                  stories: ["a"]))
        #expect(await state.snapshot.pages.map(\.label) == ["second"])
        #expect(await state.snapshot.error?.file == "b.md")
        await state.publish(pages("mended", errors: [moved]))
        #expect(await state.snapshot.pages.map(\.label) == ["mended"])
        #expect(await state.snapshot.error == nil)
    }

    @Test("an error that loses nothing (an image not found: a placeholder stands in) shows the new pages")
    func recoverableErrorShown() async {
        let state = PreviewState()
        await state.publish(pages("first"))
        await state.publish(pages("placeholder", errors: [Diagnostic(.error, file: "a.md", line: 4, "image not found")]))
        #expect(await state.snapshot.pages.map(\.label) == ["placeholder"])
        #expect(await state.snapshot.error == nil)
    }

    @Test("a proof's address names its bytes: unchanged pages keep their address, another run's proof never matches")
    func proofAddresses() async {
        let state = PreviewState()
        await state.publish(pages("A"))
        let first = await state.snapshot.pages.first?.proof
        await state.publish(pages("A", errors: [Diagnostic(.warning, "x")]))
        await state.publish(pages("B"))
        let second = await state.snapshot.pages.first?.proof
        #expect(first != second)
        #expect(second == "/proof/0?h=" + PreviewState.digest(Array("B".utf8)))
        #expect(await state.proof(0, digest: PreviewState.digest(Array("A".utf8))) == nil, "a stale address is not answered with another proof")
        #expect(await state.proof(0, digest: PreviewState.digest(Array("B".utf8))) == Array("B".utf8))
        #expect(await state.snapshot.run != PreviewState().snapshot.run, "each run has its own token")
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
