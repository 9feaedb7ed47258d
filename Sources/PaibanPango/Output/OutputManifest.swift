import Foundation

/// The list of the files of the set last committed to an output (absolute paths, one a line),
/// kept beside its main file as `.NAME.outputs`: the next run to that output removes those of
/// its members the new set does not have (proofs of pages the edition no longer has, say).
enum OutputManifest {
    static func path(beside file: String) -> String {
        FilePaths.parent(file) + "/." + (file as NSString).lastPathComponent + ".outputs"
    }

    static func read(_ path: String) -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("/") })
    }

    static func write(_ members: Set<String>, to path: String) throws {
        let text = members.sorted().map { $0 + "\n" }.joined()
        try AtomicOutput.write(Array(text.utf8), to: path)
    }
}
