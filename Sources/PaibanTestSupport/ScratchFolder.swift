import Foundation

/// A scratch folder holding `files` (relative path → text), for tests that load issue folders.
public func scratchFolder(_ files: [String: String], prefix: String = "paiban-test") throws -> String {
    let dir = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
    for (name, text) in files {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return dir
}
