#if canImport(Glibc)
import Glibc
#endif
import Dispatch
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
            let err = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError.cannotWrite(finalPath, err)
        }
    }

    public func abandon() {
        unlink(temporaryPath)
        pendingOutputs.withLock { _ = $0.remove(temporaryPath) }
    }

    /// Writes bytes to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let out = AtomicOutput(path: path)
        guard let f = fopen(out.temporaryPath, "wb") else {
            throw OutputError.cannotWrite(path, String(cString: strerror(errno)))
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        guard written == bytes.count, closed == 0 else {
            out.abandon()
            throw OutputError.cannotWrite(path, "short write")
        }
        try out.commit()
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case cannotWrite(String, String)
    case cairo(String, String)
    public var description: String {
        switch self {
        case .cannotWrite(let p, let why): "\(p): cannot write: \(why)"
        case .cairo(let p, let why): "\(p): drawing failed: \(why)"
        }
    }
}

/// Temporary files being written, removed if the process is interrupted.
private let pendingOutputs = Mutex<Set<String>>([])

/// On Ctrl-C or SIGTERM, removes the temporary files of outputs not yet complete and exits
/// with 130 (128 + SIGINT): an interrupted run leaves finished files intact and no partial ones.
public func removeUnfinishedOutputsOnInterrupt(also cleanup: (@Sendable () -> Void)? = nil) {
    for sig in [SIGINT, SIGTERM] {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            cleanup?()
            let paths = pendingOutputs.withLock { $0 }
            for p in paths { unlink(p) }
            _exit(130)
        }
        source.resume()
        // The source must live as long as the process.
        _ = Unmanaged.passRetained(source as AnyObject)
    }
}
