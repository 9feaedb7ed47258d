#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PaibanCore
import Synchronization

/// Reads the pixel size of PNG and JPEG files from their headers (no decoding).
public enum ImageProbe {
    /// An image larger than this is not a newspaper photo (a 12000 × 12000 TIFF-sized JPEG is 60 MB).
    static let maximumBytes = 256 << 20

    public static func probe(_ path: String) -> (format: ImageFormat, width: Int, height: Int)? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let head = try? h.read(upToCount: 64 * 1024) else { return nil }
        return [UInt8](head).withUnsafeBufferPointer { imageHeader($0) }
    }

    /// Resolves a story's images against the issue folder. An image that cannot be used (not
    /// found, outside the issue, not a regular file, damaged) is an error naming the story file
    /// and the line; it keeps no path, so a placeholder stands in and the report says why.
    static func resolve(_ story: inout Story, directory: String, decodeCheck: ImageDecodeCheck?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for k in story.images.indices {
            let ref = story.images[k]
            switch use(ref.file, directory: directory, decodeCheck: decodeCheck) {
            case .success(let (path, image)):
                story.images[k].path = path
                story.images[k].pixelWidth = image.width
                story.images[k].pixelHeight = image.height
            case .failure(let problem):
                story.images[k].problem = problem.reason
                out.append(Diagnostic(.error, file: story.sourceFile, line: ref.line,
                                      "story '\(story.id)': image '\(ref.file)' \(problem.reason); a placeholder is drawn"))
            }
        }
        return out
    }

    /// The image's real path and size, or why it cannot be used.
    static func use(_ file: String, directory: String, decodeCheck: ImageDecodeCheck?)
        -> Result<(String, ImageValidation.Image), ImageProblem> {
        if file.hasPrefix("/") {
            return .failure(ImageProblem("is an absolute path: name images relative to the issue folder (images/NAME.jpg)"))
        }
        guard let root = realPath(directory) else { return .failure(ImageProblem("cannot be looked up: the issue folder cannot be resolved")) }
        let given = directory + "/" + file
        guard let path = realPath(given) else {
            return .failure(ImageProblem(lexicallyOutside(file) ? "is outside the issue folder" : "not found"))
        }
        // The file itself, symbolic links followed, must lie inside the issue folder: an issue
        // is sent to a render farm whole, and must not read the machine's other files.
        guard path.hasPrefix(root + "/") else { return .failure(ImageProblem("is outside the issue folder (it resolves to \(path))")) }
        let bytes: [UInt8]
        do { bytes = try InputFile.readBytes(path, what: "the image", limit: maximumBytes) } catch let e as InputError {
            return .failure(ImageProblem(e.diagnostic.message.replacingOccurrences(of: "cannot read the image: ", with: "cannot be read: ")))
        } catch { return .failure(ImageProblem("cannot be read")) }
        switch ImageValidation.check(bytes) {
        case .failure(let p): return .failure(p)
        case .success(let image):
            if let decodeCheck, let damage = decodeCheck(path, bytes) { return .failure(ImageProblem("is damaged: \(damage)")) }
            return .success((path, image))
        }
    }

    /// `check` run once per file however many stories show it (the news bench's 20 photos are
    /// 8 files; decoding each once saved 35 ms of a 60 ms check).
    static func once(_ check: ImageDecodeCheck?) -> ImageDecodeCheck? {
        guard let check else { return nil }
        let seen = Mutex<[String: String?]>([:])
        return { path, bytes in
            if let known = seen.withLock({ $0[path] }) { return known }
            let found = check(path, bytes)
            seen.withLock { $0[path] = .some(found) }
            return found
        }
    }

    static func lexicallyOutside(_ file: String) -> Bool {
        var depth = 0
        for part in file.split(separator: "/") {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { return true }
        }
        return false
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
