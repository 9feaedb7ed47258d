#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The files of one run that belong together (an edition's PDF, its report, proofs and split
/// pages) made in private staging folders beside where they go, then moved into place in one
/// short step: a folder only ever holds one run's complete set. A run that fails or is
/// interrupted leaves the previous set as it was, and the commit removes what the previous set
/// had and this one has not (the proof of a page the edition no longer has).
///
/// Write each member to `staged(path)` (or into `stagedFolder(folder)`), then `commit()`. Errors
/// from the writers name staged files; `naming(_:)` says them of the outputs.
public final class OutputSet {
    /// The list of the set's members last committed (see `OutputManifest`).
    let manifest: String
    let inputs: InputFiles
    /// Staging folders by the existing folder they stand for.
    private var stagings: [String: StagingFolder] = [:]
    private var finished = false

    /// A set whose manifest goes beside `main` (the PDF). `planned` are the members known now:
    /// refused at once if one would replace an input, before any work is done.
    public init(main: String, planned: [String], inputs: InputFiles) throws {
        manifest = OutputManifest.path(beside: FilePaths.absolute(main))
        self.inputs = inputs
        for p in planned { try check(FilePaths.absolute(p), as: p) }
        // What killed runs left goes first, wherever this set or the last one writes.
        let members = planned.map(FilePaths.absolute) + OutputManifest.read(manifest)
        for folder in Set(members.map { FilePaths.nearestExisting(FilePaths.parent($0)) }) where FilePaths.isFolder(folder) {
            StagingFolder.removeOrphans(in: folder)
        }
    }

    deinit { if !finished { abandon() } }

    /// Where to write the member that goes to `path`.
    public func staged(_ path: String) throws -> String {
        let final = FilePaths.absolute(path)
        try check(final, as: path)
        return try stagedLocation(FilePaths.parent(final), for: path) + "/" + (final as NSString).lastPathComponent
    }

    /// The staged stand-in for `folder`, for a writer that names the files it puts there.
    public func stagedFolder(_ folder: String) throws -> String {
        let final = FilePaths.absolute(folder)
        if let k = FilePaths.kind(final), k != S_IFDIR { throw OutputError.cannotWrite(folder, "exists and is not a folder") }
        return try stagedLocation(final, for: folder)
    }

    /// Moves every staged file into place, under a lock on the folders it goes to.
    public func commit() throws {
        try commitGate.withLock { _ in
            let members = stagings.values.flatMap { $0.files() }.sorted { $0.final < $1.final }
            for m in members { try check(m.final, as: m.final) }
            let folders = Set(members.map { FilePaths.parent($0.final) } + [FilePaths.parent(manifest)])
            for f in folders.sorted() { try FilePaths.makeFolders(f) }
            let lock = try FolderLock(Array(folders))
            defer { lock.release() }
            let previous = OutputManifest.read(manifest)
            let current = Set(members.map(\.final))
            // Both sets listed while files move: a run killed now leaves the next one a full list.
            try OutputManifest.write(previous.union(current), to: manifest)
            for m in members {
                pauseForTests()
                guard rename(m.staged, m.final) == 0 else {
                    throw OutputError.cannotWrite(m.final, FilePaths.errorText())
                }
            }
            for stale in previous.subtracting(current) where inputs.input(at: stale) == nil
                && FilePaths.kind(stale) == S_IFREG {
                unlink(stale)
            }
            // If this fails the list of both sets stays, which only costs the next run a look.
            try? OutputManifest.write(current, to: manifest)
            removeStagings()
            finished = true
            exitIfSignalled()
        }
    }

    /// Whether a set with `main` as its main file was committed at or after `date` (a run
    /// signalled just after its commit has still written its outputs).
    public static func committed(main: String, since date: Date) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: OutputManifest.path(beside: FilePaths.absolute(main))),
              let modified = attributes[.modificationDate] as? Date else { return false }
        return modified >= date
    }

    /// Removes everything staged; the outputs stay as they were.
    public func abandon() {
        removeStagings()
        finished = true
    }

    /// An error about a staged or temporary file, said of the output it stands for.
    public func naming(_ error: any Error) -> any Error {
        guard let e = error as? OutputError else { return error }
        return e.renamed(outputPath)
    }

    /// The output a staged path (or a writer's temporary file of one) stands for.
    func outputPath(_ path: String) -> String {
        var p = path
        if let r = p.range(of: ".part-", options: .backwards), partOwner(String(p[r.lowerBound...])) != nil {
            p = String(p[..<r.lowerBound])
        }
        for s in stagings.values where p == s.path || p.hasPrefix(s.path + "/") {
            return FilePaths.joined(s.root, FilePaths.relative(p, to: s.path))
        }
        return p
    }

    /// The staged path of `folder` (made), in the staging folder of its nearest existing folder.
    /// Errors are said of the output asked for: the user never named the staging folder.
    private func stagedLocation(_ folder: String, for output: String) throws -> String {
        let root: String
        do { root = try FilePaths.nearestExistingFolder(folder) } catch {
            throw OutputError.cannotWrite(output, "\(FilePaths.nearestExisting(folder)) exists and is not a folder")
        }
        do {
            let staging = try stagings[root] ?? StagingFolder(in: root)
            stagings[root] = staging
            let staged = staging.staged(FilePaths.relative(folder, to: root))
            try FilePaths.makeFolders(staged)
            return staged
        } catch OutputError.cannotWrite(_, let why) {
            throw OutputError.cannotWrite(output, why)
        }
    }

    /// Refuses an output that would replace a file the run reads, or something not a file.
    private func check(_ final: String, as given: String) throws {
        if let input = inputs.input(at: final) { throw OutputError.isAnInput(given, input) }
        if let k = FilePaths.kind(final), k != S_IFREG {
            throw OutputError.cannotWrite(given, "exists and is not a regular file; it is not replaced")
        }
    }

    private func removeStagings() {
        for s in stagings.values { s.remove() }
        stagings = [:]
    }
}

/// `PAIBAN_TEST_COMMIT_PAUSE_MS`: a pause before each move of a commit, so tests can make two
/// commits overlap or signal a run in the middle of one. Unset in normal use.
private func pauseForTests() {
    guard let v = getenv("PAIBAN_TEST_COMMIT_PAUSE_MS"), let ms = Int(String(cString: v)), ms > 0 else { return }
    usleep(UInt32(ms) * 1000)
}
