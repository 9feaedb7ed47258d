import Foundation
import Paiban

/// What the preview shows now, and who is listening for changes. Renders arrive from the render
/// thread; the server reads the snapshot and the proofs, and streams versions to each page open.
public actor PreviewState {
    public private(set) var snapshot = PreviewSnapshot.empty
    private var proofs: [[UInt8]] = []
    /// The errors the pages on screen were rendered with: an edit that adds another is a break.
    private var shownInputErrors: Set<String> = []
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]

    public init() {}

    /// Takes a render: new pages replace the old unless the edit broke the input, in which case
    /// the last good pages stay and the error is shown over them.
    func publish(_ render: PreviewRender, at time: Date = Date()) {
        var next = snapshot
        switch render {
        case .failed(let diagnostic):
            next.error = PreviewError(diagnostic)
        case .rendered(let r):
            let errors = Set(r.inputErrors.map(\.description))
            if let added = r.inputErrors.first(where: { !shownInputErrors.contains($0.description) }), !snapshot.pages.isEmpty {
                next.error = PreviewError(added)
            } else {
                next.pages = r.pages
                next.problems = r.problems
                next.title = r.title
                next.error = nil
                next.renderedAt = ISO8601DateFormatter().string(from: time)
                next.renderMilliseconds = r.milliseconds
                proofs = r.proofs
                shownInputErrors = errors
            }
        }
        guard next != snapshot else { return }
        next.version = snapshot.version + 1
        for i in next.pages.indices { next.pages[i].proof = "/proof/\(i)?v=\(next.version)" }
        snapshot = next
        for listener in listeners.values { listener.yield(next.version) }
    }

    public func proof(_ index: Int) -> [UInt8]? {
        proofs.indices.contains(index) ? proofs[index] : nil
    }

    /// Versions from now on, starting with the current one.
    public func versions() -> AsyncStream<Int> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.yield(snapshot.version)
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
