#if canImport(Glibc)
import Glibc
#endif

/// Writes outputs atomically: the content goes to a temporary file beside the target and is
/// renamed over it only when complete, so no reader (or interrupted run) ever sees half a file.
public struct AtomicOutput {
    public let finalPath: String
    public let temporaryPath: String

    public init(path: String) {
        finalPath = path
        temporaryPath = path + ".part-\(getpid())"
    }

    /// Moves the finished temporary file into place.
    public func commit() throws {
        guard rename(temporaryPath, finalPath) == 0 else {
            let err = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError.cannotWrite(finalPath, err)
        }
    }

    public func abandon() { unlink(temporaryPath) }

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
