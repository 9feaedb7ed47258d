import Foundation
import Paiban

/// What the preview shows now, and who is listening for changes. Renders arrive from the render
/// thread; the server reads the snapshot and the proofs, and streams versions to each page open.
public actor PreviewState {
    public private(set) var snapshot = PreviewSnapshot.empty
    private var proofs: [[UInt8]] = []
    /// The errors the pages on screen were rendered with (by file and message: a line number
    /// moves when a line is added above, and the error is the same one).
    private var shownInputErrors: Set<String> = []
    /// The stories the pages on screen were made up from.
    private var shownStories: Set<String> = []
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]

    public init() {
        // A new token each run: a page open across a restart sees that the state is another
        // one even where the version counter, which starts again at 1, is the same.
        snapshot.run = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// Takes a render. New pages replace the old unless the edit broke the input: the issue
    /// could not be read, or a new error came with a story (or page) lost from the make-up —
    /// a story whose front matter broke is left out, and a page without it would mislead.
    /// Then the last good pages stay and the error is shown over them. An error that loses
    /// nothing (an image not found: a placeholder is drawn) is shown in the preflight instead.
    func publish(_ render: PreviewRender, at time: Date = Date()) {
        var next = snapshot
        switch render {
        case .failed(let diagnostic):
            next.error = PreviewError(diagnostic)
        case .rendered(let r):
            let added = r.inputErrors.filter { !shownInputErrors.contains(Self.key($0)) }
            let lost = !shownStories.isSubset(of: r.stories) || r.pages.count < snapshot.pages.count
            if let first = added.first, lost, !snapshot.pages.isEmpty {
                next.error = PreviewError(first)
            } else {
                next.pages = r.pages
                next.problems = r.problems
                next.title = r.title
                next.error = nil
                next.renderedAt = ISO8601DateFormatter().string(from: time)
                next.renderMilliseconds = r.milliseconds
                proofs = r.proofs
                shownInputErrors = Set(r.inputErrors.map(Self.key))
                shownStories = r.stories
            }
        }
        guard next != snapshot else { return }
        next.version = snapshot.version + 1
        // A proof's address names its bytes: an unchanged page keeps its address (the browser
        // does not fetch it again), and no cache can hold another run's proof under it.
        for i in next.pages.indices { next.pages[i].proof = "/proof/\(i)?h=\(Self.digest(proofs[i]))" }
        snapshot = next
        for listener in listeners.values { listener.yield(next.version) }
    }

    static func key(_ d: Diagnostic) -> String { (d.file ?? "") + "\u{0}" + d.message }

    /// FNV-1a, 64 bits, in base 36: enough to tell proofs apart, not a security measure.
    static func digest(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return String(h, radix: 36)
    }

    /// Page `index`'s proof, if `digest` (when given) is the one shown now.
    public func proof(_ index: Int, digest: String? = nil) -> [UInt8]? {
        guard proofs.indices.contains(index) else { return nil }
        if let digest, digest != Self.digest(proofs[index]) { return nil }
        return proofs[index]
    }

    /// Versions from now on, starting with the current one.
    public func versions() -> AsyncStream<Int> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        // Nothing is told before the first render: a page reconnecting to a server just started
        // keeps what it shows until there is something to replace it with.
        if snapshot.version > 0 { continuation.yield(snapshot.version) }
        continuation.onTermination = { _ in Task { await self.stopListening(id) } }
        listeners[id] = continuation
        return stream
    }

    /// A beat to every listener (a comment line on the event stream), so a page closed without a
    /// word is noticed when writing to it fails.
    func beat() {
        for listener in listeners.values { listener.yield(-1) }
    }

    public var listenerCount: Int { listeners.count }

    /// Ends every event stream, so a server stopping gracefully is not held open by the pages
    /// listening (an event stream never ends by itself: without this Ctrl-C waited for ever).
    public func closeListeners() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    private func stopListening(_ id: UUID) { listeners[id] = nil }
}

extension PreviewError {
    init(_ d: Diagnostic) {
        self.init(file: d.file, line: d.line, message: d.message, description: d.description)
    }
}
