#if canImport(Glibc)
import Glibc
#endif

/// The files a render reads (the manifest, its stories, images and layout). Outputs are
/// never written over them nor removed as stale members of an earlier set. Files are told apart
/// by device and inode, so a symbolic link, a hard link or a path spelled with `..` is caught too.
public struct InputFiles: Sendable {
    private struct Identity: Hashable, Sendable { var device: UInt64; var inode: UInt64 }
    private var paths: [Identity: String] = [:]

    public init(_ files: [String]) {
        for f in files { if let id = Self.identity(f) { paths[id] = f } }
    }

    /// The input `path` is (or points at), if it is one.
    public func input(at path: String) -> String? {
        Self.identity(path).flatMap { paths[$0] }
    }

    private static func identity(_ path: String) -> Identity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Identity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }
}
