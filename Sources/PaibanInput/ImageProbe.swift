import Foundation
import PaibanCore

/// Reads the pixel size of PNG and JPEG files from their headers (no decoding).
public enum ImageProbe {
    public static func probe(_ path: String) -> (format: ImageFormat, width: Int, height: Int)? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let head = try? h.read(upToCount: 64 * 1024) else { return nil }
        return [UInt8](head).withUnsafeBufferPointer { imageHeader($0) }
    }

    /// Resolves a story's images against the issue folder, reporting missing or unreadable files.
    static func resolve(_ story: inout Story, directory: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for k in story.images.indices {
            let ref = story.images[k]
            let path = ref.file.hasPrefix("/") ? ref.file : directory + "/" + ref.file
            guard FileManager.default.fileExists(atPath: path) else {
                out.append(Diagnostic(.error, file: story.sourceFile, line: nil,
                                      "story '\(story.id)': image '\(ref.file)' not found; a placeholder is drawn"))
                continue
            }
            guard let info = probe(path) else {
                out.append(Diagnostic(.error, file: story.sourceFile, line: nil,
                                      "story '\(story.id)': image '\(ref.file)' is not a PNG or JPEG file; a placeholder is drawn"))
                continue
            }
            story.images[k].path = path
            story.images[k].pixelWidth = info.width
            story.images[k].pixelHeight = info.height
        }
        return out
    }
}
