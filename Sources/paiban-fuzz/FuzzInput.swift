import Foundation

/// Packing an issue folder into one fuzz input and back: each file is the byte 0x1C (FS), its
/// path relative to the folder, a newline, then its bytes. Unpacking keeps every path inside
/// the scratch folder (no `..`, no absolute path, at most three parts), whatever the fuzzer
/// made of it; the loader itself may still follow a story's photo path out of the folder.
enum FuzzInput {
    static let separator: UInt8 = 0x1C

    static func pack(_ files: [(path: String, bytes: [UInt8])]) -> [UInt8] {
        files.flatMap { [separator] + Array($0.path.utf8) + [0x0A] + $0.bytes }
    }

    static func unpack(_ input: [UInt8]) -> [(path: String, bytes: [UInt8])] {
        input.split(separator: separator, omittingEmptySubsequences: true).compactMap { record in
            guard let newline = record.firstIndex(of: 0x0A) else { return nil }
            let name = String(decoding: record[record.startIndex..<newline], as: UTF8.self)
            let parts = name.split(separator: "/").filter { $0 != ".." && $0 != "." && !$0.contains("\0") }.suffix(3)
            guard !parts.isEmpty else { return nil }
            return (parts.joined(separator: "/"), Array(record[(newline + 1)...]))
        }
    }

    /// The seed corpus from the repository's examples and layouts, one file an input, each with
    /// its selector byte (see FuzzTarget): every story, every layout, the head of every photo,
    /// each example issue packed whole, and the composer's sample paragraphs.
    static func writeSeeds(to dir: String, root: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func read(_ path: String) -> [UInt8] { [UInt8](fm.contents(atPath: path) ?? Data()) }
        var seeds: [(String, [UInt8])] = []
        for example in ["semicon-special", "newsroom-kinds"] {
            let base = root + "/Examples/" + example
            var files: [(path: String, bytes: [UInt8])] = [("issue.yaml", read(base + "/issue.yaml"))]
            for name in ((try? fm.contentsOfDirectory(atPath: base + "/articles")) ?? []).sorted() {
                let bytes = read(base + "/articles/" + name)
                seeds.append(("story-\(example)-\(name)", [0] + bytes))
                files.append(("articles/" + name, bytes))
            }
            for name in ((try? fm.contentsOfDirectory(atPath: base + "/images")) ?? []).sorted() {
                // The head is what the probe reads; a small stand-in keeps the packed issue short.
                let head = Array(read(base + "/images/" + name).prefix(2048))
                seeds.append(("image-\(example)-\(name)", [2] + head))
                files.append(("images/" + name, head))
            }
            seeds.append(("issue-\(example)", [3] + pack(files)))
        }
        for name in ["broadsheet", "tabloid"] { seeds.append(("layout-\(name)", [1] + read(root + "/Layouts/\(name).yaml"))) }
        // Small inputs too: a mutation of a short template or manifest reaches each value soon.
        seeds.append(("layout-small", [1] + Array("page: {width: 390mm, height: 540mm}\ntype_area: {top: 32mm}\ngrid: {columns: 8, column_chars: 13, body: 小五, line_gap: 0.5}\nstyles: {kicker: {size: 四号}}\n".utf8)))
        let manifest = "paper: 报\ndate: 2026-03-20\npages:\n  - number: 1\n    stories:\n      - id: a\n        area: {column: 1, line: 20, columns: 2, lines: 20}\n"
        seeds.append(("issue-small", [3] + pack([("issue.yaml", Array(manifest.utf8)), ("articles/a.md", Array("---\nid: a\ntitle: 题\n---\n\n正文。\n".utf8))])))
        let paragraphs = String(decoding: read(root + "/Examples/compose/semicon-paragraphs.txt"), as: UTF8.self)
        for (k, p) in paragraphs.split(separator: "\n").prefix(12).enumerated() { seeds.append(("paragraph-\(k)", [4, UInt8(9 + k)] + Array(p.utf8))) }
        for (name, bytes) in seeds { _ = fm.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        print("\(seeds.count) seeds written to \(dir)")
    }
}
