import ArgumentParser
import Foundation
import Paiban
import PaibanPreview
import UnixSignals

/// `paiban preview`: the edition as a web page on this machine, redrawn on every saved change.
struct Preview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the issue as a live web page: proofs, preflight, grid and jumps, redrawn on every saved change.",
        discussion: """
        Serves http://127.0.0.1:PORT/ until Ctrl-C. The issue folder and its layout are watched; a \
        saved change is on screen within a second. When an edit breaks the input, the last good \
        pages stay and the error is shown with its file and line.
        """
    )

    @Argument(help: "The issue folder (issue.yaml, articles/, images/).")
    var issue: String
    @Option(help: "The port on 127.0.0.1 (0: any free one).")
    var port: Int = 8421
    @Option(help: "Resolution of the proofs shown (72 fills a screen's width with a broadsheet; more for zooming in).")
    var dpi: Double = 72

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard dpi >= 10 && dpi <= 600 else { throw ValidationError("--dpi must be between 10 and 600") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: issue, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(issue): not an issue folder")
        }
    }

    func run() async throws {
        let state = PreviewState()
        IssueWatcher(issueDirectory: issue, options: RenderOptions(), dpi: dpi, state: state, log: { warn($0) }).start()
        let server = PreviewServer(state: state, port: port)
        // Ctrl-C and SIGTERM stop the server gracefully (Hummingbird's service group hears them
        // too); the open pages' event streams are ended here so that it is not kept waiting.
        let closers = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await state.closeListeners() } }
            source.resume()
            return source
        }
        defer { closers.forEach { $0.cancel() } }
        do {
            try await server.run(stopSignals: [.sigint, .sigterm]) { bound in
                // Written straight to the descriptor: a script reading the address must not wait for a buffer.
                FileHandle.standardOutput.write(Data("preview of \(issue) at http://127.0.0.1:\(bound)/ (Ctrl-C stops)\n".utf8))
            }
        } catch {
            warn("preview: cannot serve on 127.0.0.1:\(port): \(error)")
            throw ExitStatus.outputFailed
        }
    }
}
