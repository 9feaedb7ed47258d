import Foundation

/// Writes a benchmark edition: `pages` broadsheet pages filled with the sample edition's real
/// copy (its stories repeated under new ids) until about `characters` characters of body text.
func generateEdition(at dir: String, from sample: String, pages: Int, characters: Int) throws -> Int {
    let fm = FileManager.default
    try? fm.removeItem(atPath: dir)
    try fm.createDirectory(atPath: dir + "/articles", withIntermediateDirectories: true)
    try fm.copyItem(atPath: sample + "/images", toPath: dir + "/images")
    let names = try fm.contentsOfDirectory(atPath: sample + "/articles").filter { $0.hasSuffix(".md") }.sorted()
    var sources: [(name: String, text: String, body: Int)] = []
    for n in names {
        let text = try String(contentsOfFile: sample + "/articles/" + n, encoding: .utf8)
        guard !text.contains("kind: advertisement"), !text.contains("kind: photo") else { continue }
        let body = text.components(separatedBy: "\n---\n").last?.unicodeScalars.count ?? 0
        sources.append((String(n.dropLast(3)), text, body))
    }
    var manifest = "paper: 中国电子报\ndate: 2026-03-20\nissue_number: 4521\nlayout: broadsheet\npages:\n"
    var total = 0, k = 0
    let perPage = characters / pages
    for p in 1...pages {
        manifest += "  - number: \(p)\n    section: 第\(p)版\n    stories:\n"
        var onPage = 0, count = 0
        while onPage < perPage || count < 3 {
            let s = sources[k % sources.count]
            k += 1
            let id = "\(s.name)-\(p)-\(count)"
            var text = s.text.replacingOccurrences(of: "id: \(s.name)", with: "id: \(id)")
                .replacingOccurrences(of: "priority: 1", with: "priority: \(min(count + 1, 9))")
            // Stories as long as a page's usual five to eight: this one's copy, then the next's.
            let next = sources[k % sources.count]
            text += "\n" + (next.text.components(separatedBy: "\n---\n").last ?? "")
            if count > 0, let images = text.range(of: "images:\n") {
                // One photo a page, as on a real news page; the copies run without theirs.
                let end = text.range(of: "\n---\n", range: images.upperBound..<text.endIndex)?.lowerBound ?? images.upperBound
                text.removeSubrange(images.lowerBound..<end)
            }
            try text.write(toFile: dir + "/articles/\(id).md", atomically: true, encoding: .utf8)
            manifest += "      - \(id)\n"
            onPage += s.body + next.body
            total += s.body + next.body
            count += 1
        }
    }
    try manifest.write(toFile: dir + "/issue.yaml", atomically: true, encoding: .utf8)
    return total
}
