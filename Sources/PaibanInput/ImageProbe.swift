import Foundation
import PaibanCore

/// Reads the pixel size of PNG and JPEG files from their headers (no decoding).
public enum ImageProbe {
    public enum Format: String, Sendable { case png, jpeg }

    public static func probe(_ path: String) -> (format: Format, width: Int, height: Int)? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let head = try? h.read(upToCount: 64 * 1024) else { return nil }
        let b = [UInt8](head)
        if b.count >= 24, b[0] == 0x89, b[1] == 0x50, b[2] == 0x4E, b[3] == 0x47 {
            let w = Int(b[16]) << 24 | Int(b[17]) << 16 | Int(b[18]) << 8 | Int(b[19])
            let hh = Int(b[20]) << 24 | Int(b[21]) << 16 | Int(b[22]) << 8 | Int(b[23])
            return (.png, w, hh)
        }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 {
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { i += 1; continue }
                let marker = b[i + 1]
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let len = Int(b[i + 2]) << 8 | Int(b[i + 3])
                // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    let hh = Int(b[i + 5]) << 8 | Int(b[i + 6])
                    let w = Int(b[i + 7]) << 8 | Int(b[i + 8])
                    return (.jpeg, w, hh)
                }
                i += 2 + len
            }
        }
        return nil
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
