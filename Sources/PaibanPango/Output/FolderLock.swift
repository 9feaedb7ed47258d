#if canImport(Glibc)
import Glibc
#endif

/// An exclusive flock(2) on each of some folders, held while a set of outputs is moved into
/// them: two runs writing the same outputs take turns, so the set on disk is always one run's.
/// Folders are locked in sorted order, so two runs never each hold a folder the other waits for.
/// The lock is on the folder itself: no lock file is left beside the outputs.
struct FolderLock {
    private var descriptors: [Int32] = []

    init(_ folders: [String]) throws {
        for folder in Set(folders).sorted() {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                release()
                throw OutputError.cannotWrite(folder, "cannot open this folder: " + FilePaths.errorText())
            }
            descriptors.append(fd)
            // A filesystem without flock (some network mounts) is written unlocked rather than not at all.
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    func release() {
        for fd in descriptors { close(fd) }
    }
}
