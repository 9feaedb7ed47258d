import Foundation
import Paiban

/// Every file of the issue folder (and the layout when it lives elsewhere) with its size and
/// modification time to the nanosecond: two fingerprints differ when a file was saved, added,
/// removed or renamed.
struct FolderFingerprint: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var path: String
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }
    var entries: [Entry]

    static func of(directory: String, extraFiles: [String]) -> FolderFingerprint {
        var paths: [String] = []
        if let walk = FileManager.default.enumerator(atPath: directory) {
            for case let relative as String in walk {
                // Editors' swap and backup files come and go while typing; they are not the issue.
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") { continue }
                paths.append(directory + "/" + relative)
            }
        }
        paths += extraFiles
        return FolderFingerprint(entries: paths.sorted().compactMap(entry))
    }

    private static func entry(_ path: String) -> Entry? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return Entry(path: path, size: Int64(s.st_size), seconds: Int(s.st_mtim.tv_sec), nanoseconds: Int(s.st_mtim.tv_nsec))
    }
}

/// Renders the issue whenever its files change, on a thread of its own (the `Edition` it makes
/// holds Pango and Cairo objects, which stay on the thread that made them), and hands each
/// render to the state.
public final class IssueWatcher: Sendable {
    let issueDirectory: String
    let options: RenderOptions
    let dpi: Double
    let state: PreviewState
    /// Told one line per render, for the terminal the preview runs in.
    let log: @Sendable (String) -> Void
    /// How often the folder is looked at. Save to new proof on screen measured 0.5 s for the
    /// sample and 1.06 s for an 8-page generated edition (make bench), of which the render is
    /// 0.3 and 0.7 s: the poll's share (half of it on average) is kept small; a walk of a
    /// 100-file issue costs well under 1 ms.
    static let pollInterval: UInt32 = 50_000
    /// A change is rendered once the folder has been still this long, so a save that writes
    /// several files (or a file in several writes) is rendered once, whole.
    static let settleInterval: UInt32 = 40_000
    /// Listeners hear a beat this often (in polls: every 10 s), so closed pages are dropped.
    static let beatEvery = 200

    public init(issueDirectory: String, options: RenderOptions, dpi: Double, state: PreviewState,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.log = log
        // Absolute and without a trailing slash, so the files read outside it can be told apart.
        self.issueDirectory = URL(fileURLWithPath: issueDirectory).standardizedFileURL.path
        self.options = options
        self.dpi = dpi
        self.state = state
    }

    /// Renders once now, then on every change, until the process ends.
    public func start() {
        let thread = Thread { [self] in watch() }
        thread.name = "paiban-preview-render"
        thread.start()
    }

    private func watch() {
        var external: [String] = []
        var seen: FolderFingerprint? = nil
        var polls = 0
        var lastRendered: RenderedPages? = nil
        while true {
            var now = FolderFingerprint.of(directory: issueDirectory, extraFiles: external)
            if now != seen {
                // Wait for the folder to settle, then render what it holds.
                while true {
                    usleep(Self.settleInterval)
                    let again = FolderFingerprint.of(directory: issueDirectory, extraFiles: external)
                    if again == now { break }
                    now = again
                }
                seen = now
                let render = renderPreview(issueDirectory: issueDirectory, options: options, dpi: dpi, previous: lastRendered)
                log(render.summary)
                if case .rendered(let r) = render {
                    lastRendered = r
                    let outside = r.externalFiles.filter { !$0.hasPrefix(issueDirectory + "/") }
                    if outside != external {
                        external = outside
                        seen = FolderFingerprint.of(directory: issueDirectory, extraFiles: external)
                    }
                }
                // Handed over in order: the next render waits until this one is published.
                let state = self.state, published = DispatchSemaphore(value: 0)
                Task { await state.publish(render); published.signal() }
                published.wait()
            }
            polls += 1
            if polls % Self.beatEvery == 0 {
                let state = self.state
                Task { await state.beat() }
            }
            usleep(Self.pollInterval)
        }
    }
}
