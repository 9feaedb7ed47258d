#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Path helpers for the output set. Paths are made absolute once, so a staged file maps back to
/// the output it stands for whatever the working directory.
enum FilePaths {
    static func absolute(_ path: String) -> String {
        let abs = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: abs).standardizedFileURL.path
    }

    static func parent(_ path: String) -> String {
        let p = (path as NSString).deletingLastPathComponent
        return p.isEmpty ? "/" : p
    }

    /// `path` relative to `folder` (which contains it); "" for the folder itself.
    static func relative(_ path: String, to folder: String) -> String {
        if path == folder { return "" }
        return String(path.dropFirst(folder == "/" ? 1 : folder.count + 1))
    }

    static func joined(_ folder: String, _ relative: String) -> String {
        relative.isEmpty ? folder : folder + "/" + relative
    }

    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// The kind of file at `path` (following links), nil when nothing is there.
    static func kind(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    static func isFolder(_ path: String) -> Bool { kind(path) == S_IFDIR }

    /// The nearest path that exists at or above `path`.
    static func nearestExisting(_ path: String) -> String {
        var p = path
        while kind(p) == nil && p != "/" { p = parent(p) }
        return p
    }

    /// The nearest folder that exists at or above `folder`: where its staging can go. Something
    /// other than a folder on the way (a file named like the output's folder) is an error.
    static func nearestExistingFolder(_ folder: String) throws -> String {
        let f = nearestExisting(folder)
        guard isFolder(f) else { throw OutputError.cannotWrite(f, "exists and is not a folder") }
        return f
    }

    /// Makes `folder` and those above it; the error names the folder and the system's reason.
    static func makeFolders(_ folder: String) throws {
        if let k = kind(folder) {
            guard k == S_IFDIR else { throw OutputError.cannotWrite(folder, "exists and is not a folder") }
            return
        }
        try makeFolders(parent(folder))
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw OutputError.cannotWrite(folder, errorText())
        }
    }

    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Whether process `pid` is running (EPERM: it is, under another user).
    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// Makes an output folder and those above it (an error names the folder and the reason).
public func makeOutputFolder(_ path: String) throws {
    try FilePaths.makeFolders(FilePaths.absolute(path))
}

/// Removes what killed runs left in `folder` (see `StagingFolder.removeOrphans`).
public func removeLeftoversOfKilledRuns(in folder: String) {
    StagingFolder.removeOrphans(in: FilePaths.absolute(folder))
}
