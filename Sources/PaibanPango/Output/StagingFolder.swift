#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A private folder inside `root` where a run writes the outputs that go into `root` or below it
/// until they are moved into place: on the same filesystem, so each move is a rename. Its name
/// carries the owner's pid, and the owner holds a lock on it while it lives, so a later run can
/// tell a killed run's leftovers (removed) from a live run's work (left alone).
final class StagingFolder {
    static let prefix = ".paiban-staging-"
    let root: String
    let path: String
    private var lock: Int32 = -1

    init(in root: String) throws {
        Self.removeOrphans(in: root)
        self.root = root
        var made: String? = nil
        while made == nil {
            let p = FilePaths.joined(root, Self.prefix + "\(getpid())-\(stagingNumbers.add(1, ordering: .relaxed).newValue)")
            if mkdir(p, 0o700) == 0 { made = p } else if errno != EEXIST {
                throw OutputError.cannotWrite(root, FilePaths.errorText())
            }
        }
        path = made!
        pendingFolders.withLock { _ = $0.insert(path) }
        lock = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if lock >= 0 { _ = flock(lock, LOCK_EX | LOCK_NB) }
    }

    /// The files staged, each with the path it goes to (temporary files of writers still at work
    /// are not outputs).
    func files() -> [(staged: String, final: String)] {
        let subpaths = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        return subpaths.sorted().compactMap { rel in
            let staged = path + "/" + rel
            guard FilePaths.kind(staged) == S_IFREG, partOwner(rel) == nil else { return nil }
            return (staged, FilePaths.joined(root, rel))
        }
    }

    /// Where `relative` (a path under `root`) is staged.
    func staged(_ relative: String) -> String { FilePaths.joined(path, relative) }

    func remove() {
        FilePaths.removeTree(path)
        // A writer thread may have created a file while the tree went: once more.
        if FilePaths.kind(path) != nil { FilePaths.removeTree(path) }
        if lock >= 0 { close(lock); lock = -1 }
        pendingFolders.withLock { _ = $0.remove(path) }
    }

    /// Removes what killed runs left in `folder`: staging folders whose owner is gone (its pid
    /// not running and its lock free) and temporary files `NAME.part-PID` of a pid not running.
    static func removeOrphans(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let p = FilePaths.joined(folder, name)
            if name.hasPrefix(prefix) {
                let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap { Int32($0) }
                guard let pid, !FilePaths.isRunning(pid), lockIsFree(p) else { continue }
                FilePaths.removeTree(p)
            } else if let pid = partOwner(name), !FilePaths.isRunning(pid) {
                unlink(p)
            }
        }
    }

    private static func lockIsFree(_ folder: String) -> Bool {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }
}

/// The pid in a temporary file's name (`edition.pdf.part-1234`, as `AtomicOutput` names them).
func partOwner(_ name: String) -> Int32? {
    guard let r = name.range(of: ".part-", options: .backwards) else { return nil }
    let digits = name[r.upperBound...]
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
    return Int32(digits)
}

private let stagingNumbers = Atomic<Int>(0)
