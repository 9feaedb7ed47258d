#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

/// Writes outputs atomically: the content goes to a temporary file beside the target and is
/// renamed over it only when complete, so no reader (or interrupted run) ever sees half a file.
public struct AtomicOutput {
    public let finalPath: String
    public let temporaryPath: String

    public init(path: String) {
        finalPath = path
        temporaryPath = path + ".part-\(getpid())"
        pendingOutputs.withLock { _ = $0.insert(temporaryPath) }
    }

    /// Moves the finished temporary file into place.
    public func commit() throws {
        defer { pendingOutputs.withLock { _ = $0.remove(temporaryPath) } }
        guard rename(temporaryPath, finalPath) == 0 else {
            let err = FilePaths.errorText()
            unlink(temporaryPath)
            throw OutputError.cannotWrite(finalPath, err)
        }
    }

    public func abandon() {
        unlink(temporaryPath)
        pendingOutputs.withLock { _ = $0.remove(temporaryPath) }
    }

    /// Writes bytes to `path` atomically. A failure names `path` and the system's reason (a full
    /// disk says so), never the temporary file.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let out = AtomicOutput(path: path)
        guard let f = fopen(out.temporaryPath, "wb") else {
            let err = FilePaths.errorText()
            out.abandon()
            throw OutputError.cannotWrite(path, err)
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        var err = written == bytes.count ? 0 : errno
        if fclose(f) != 0 && err == 0 { err = errno }
        guard err == 0 else {
            out.abandon()
            throw OutputError.cannotWrite(path, FilePaths.errorText(err))
        }
        try out.commit()
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case cannotWrite(String, String)
    case cairo(String, String)
    /// An output would replace a file the render reads (the second path).
    case isAnInput(String, String)
    public var description: String {
        switch self {
        case .cannotWrite(let p, let why): "\(p): cannot write: \(why)"
        case .cairo(let p, let why): "\(p): drawing failed: \(why)"
        case .isAnInput(let p, let input):
            p == input ? "\(p): not written: the issue reads this file; write the outputs elsewhere"
                : "\(p): not written: it is \(input), which the issue reads; write the outputs elsewhere"
        }
    }

    /// The same error said of another path (a staged file's error, of the output it stands for).
    func renamed(_ name: (String) -> String) -> OutputError {
        switch self {
        case .cannotWrite(let p, let why): .cannotWrite(name(p), why)
        case .cairo(let p, let why): .cairo(name(p), why)
        case .isAnInput(let p, let input): .isAnInput(name(p), input)
        }
    }
}

/// Temporary files being written, removed if the process is interrupted.
private let pendingOutputs = Mutex<Set<String>>([])
/// Staging folders of output sets not yet committed, removed if the process is interrupted.
let pendingFolders = Mutex<Set<String>>([])
/// Held while an output set is moved into place: an interrupt waits for the move to end, so a
/// set is in place whole or not at all.
let commitGate = Mutex<Void>(())

/// The signal that is stopping the process, 0 while none is.
private let receivedSignal = Atomic<Int32>(0)

private func exitRemovingUnfinishedOutputs(_ sig: Int32) -> Never {
    for p in pendingOutputs.withLock({ $0 }) { unlink(p) }
    // Twice: a writer thread may have made a file while the tree went.
    for f in pendingFolders.withLock({ $0 }) { FilePaths.removeTree(f); FilePaths.removeTree(f) }
    _exit(128 + sig)
}

/// Called at the end of a commit, still holding `commitGate`: a signal that came during the
/// commit (and waits for it) ends the process here, with the signal's status, rather than
/// racing the rest of the run to its normal exit.
func exitIfSignalled() {
    let sig = receivedSignal.load(ordering: .sequentiallyConsistent)
    if sig != 0 { exitRemovingUnfinishedOutputs(sig) }
}

/// On Ctrl-C or SIGTERM, removes the temporary files and staging folders of outputs not yet
/// complete and exits with 128 + the signal (130 for SIGINT, 143 for SIGTERM): an interrupted run
/// leaves the outputs as they were before it, and nothing of its own. `cleanup` runs first.
public func removeUnfinishedOutputsOnInterrupt(also cleanup: (@Sendable (Int32) -> Void)? = nil) {
    for sig in [SIGINT, SIGTERM] {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            receivedSignal.store(sig, ordering: .sequentiallyConsistent)
            cleanup?(sig)
            commitGate.withLock { _ in exitRemovingUnfinishedOutputs(sig) }
        }
        source.resume()
        // The source must live as long as the process.
        _ = Unmanaged.passRetained(source as AnyObject)
    }
}
