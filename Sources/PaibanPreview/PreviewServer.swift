import Foundation
import Hummingbird
import Logging
import NIOCore
import Paiban
import UnixSignals

/// The preview's HTTP server on 127.0.0.1: the page, the state as JSON, the proofs, and a stream
/// of server-sent events that tells the page when to fetch the state again.
///
/// Server-sent events rather than a WebSocket: the page only listens, EventSource reconnects by
/// itself after the server restarts, and it needs nothing beyond Hummingbird's streamed body.
public struct PreviewServer: Sendable {
    public let state: PreviewState
    public let host: String
    public let port: Int

    public init(state: PreviewState, host: String = "127.0.0.1", port: Int) {
        self.state = state
        self.host = host
        self.port = port
    }

    /// Serves until one of `stopSignals` arrives (the command names them: signal handling is its
    /// business), then stops gracefully. `ready` is told the port bound (the one asked for, or
    /// the system's choice when that was 0). Whoever handles the signals also calls
    /// `state.closeListeners()`, or the open pages' event streams keep the server waiting.
    public func run(stopSignals: [UnixSignal] = [], ready: @escaping @Sendable (Int) async -> Void) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "paiban-preview"),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? port) },
            logger: quietLogger()
        )
        try await app.runService(gracefulShutdownSignals: stopSignals)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let state = self.state
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: previewPageHTML)))
        }
        router.get("/state.json") { _, _ in
            let snapshot = await state.snapshot
            let data = try JSONEncoder().encode(snapshot)
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/proof/{index}") { request, context in
            guard let index = context.parameters.get("index", as: Int.self),
                  let png = await state.proof(index, digest: request.uri.queryParameters.get("h")) else {
                throw HTTPError(.notFound, message: "no such proof now")
            }
            // The address names the proof's bytes, so what is under it never changes.
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: png)))
        }
        router.get("/events") { _, _ in
            let versions = await state.versions()
            let run = await state.snapshot.run
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: ResponseBody { writer in
                                for await version in versions {
                                    // A beat is a comment line: it only proves the page is still there.
                                    let event = version < 0 ? ": beat\n\n" : "event: version\ndata: \(run) \(version)\n\n"
                                    try await writer.write(ByteBuffer(string: event))
                                }
                                try await writer.finish(nil)
                            })
        }
        return router
    }
}

/// Hummingbird logs every request at info; the preview's terminal is for the editor's messages.
private func quietLogger() -> Logger {
    var logger = Logger(label: "paiban-preview")
    logger.logLevel = .warning
    return logger
}
