import Foundation
import CPangoCairo   // libjpeg, for the news edition's photos

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

// MARK: - The news edition: 11 pages of ten stories each, as a real news page mixes them

/// The sample's copy, in the order its files and paragraphs come: what the news edition draws on.
struct SampleCopy {
    var paragraphs: [String] = []
    var subheads: [String] = []
    var titles: [String] = []
    var kickers: [String] = []
    var decks: [String] = []
    var columnLabels: [String] = []
    var credits: [String] = []
    var captions: [String] = []

    init(articles dir: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".md") }.sorted()
        for n in names {
            let text = try String(contentsOfFile: dir + "/" + n, encoding: .utf8)
            guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n") else { continue }
            let front = text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound]
            var fields: [String: String] = [:]
            for line in front.split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "")
                guard let colon = t.firstIndex(of: ":") else { continue }
                let key = String(t[..<colon]), value = t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if key == "caption" { captions.append(value) } else if !value.isEmpty { fields[key] = value }
            }
            if fields["kind"] == "advertisement" { continue }
            if let t = fields["title"] { titles.append(t) }
            if let k = fields["kicker"] { kickers.append(k) }
            if let d = fields["deck"] { decks.append(d) }
            if let c = fields["column"] { columnLabels.append(c) }
            if let c = fields["credit"], !credits.contains(c) { credits.append(c) }
            for block in text[end.upperBound...].components(separatedBy: "\n\n") {
                let p = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
                if p.hasPrefix("## ") {
                    subheads.append(String(p.dropFirst(3)).trimmingCharacters(in: CharacterSet(charactersIn: "。 ")))
                } else if !p.isEmpty {
                    paragraphs.append(p)
                }
            }
        }
    }

    /// About `n` characters of body copy from paragraph `cursor` on (which moves past what is
    /// taken); the last paragraph is cut at a clause end near the count and closed with 。.
    /// A subhead goes in after about every `subheadEvery` characters; never fewer than `atLeast`.
    func body(_ n: Int, atLeast: Int, cursor: inout Int, subheadEvery: Int = 0) -> (text: String, characters: Int) {
        var out: [String] = [], total = 0, sinceSubhead = 0
        while total < n {
            var p = Array(paragraphs[cursor % paragraphs.count])
            cursor += 1
            let isLast = p.count > n - total
            if isLast { p = cut(p, n - total, atLeast: atLeast - total) }
            out.append(String(p))
            total += p.count
            sinceSubhead += p.count
            if isLast { break }
            if subheadEvery > 0, sinceSubhead >= subheadEvery, n - total > subheadEvery / 2 {
                let s = subheads[(cursor / 3) % subheads.count]
                out.append("## " + s)
                total += s.count
                sinceSubhead = 0
            }
        }
        return (out.joined(separator: "\n\n"), total)
    }

    /// A brief: one paragraph of about `n` characters, the next of the sample's long enough
    /// paragraphs from `cursor` on, cut as `body` cuts. (Never paragraphs run together: the
    /// text check would find such a run again wherever the same paragraphs follow each other.)
    func brief(_ n: Int, atLeast: Int, cursor: inout Int) -> (text: String, characters: Int) {
        let long = paragraphs.filter { $0.count >= 150 }
        var p = Array(long[cursor % long.count])
        cursor += 1
        if p.count > n { p = cut(p, n, atLeast: atLeast) }
        return (String(p), p.count)
    }

    /// `p` cut to about `room` characters, at least `atLeast`, at a clause end (one just short
    /// of the count if there is one near), closed with 。.
    private func cut(_ p: [Character], _ room: Int, atLeast: Int) -> [Character] {
        let ends = p.indices.filter { "。，；！？,;".contains(p[$0]) }.map { $0 + 1 }.filter { $0 >= atLeast }
        let under = ends.last { $0 <= room }
        let at = under.flatMap { $0 >= room - 60 ? $0 : nil } ?? ends.min { abs($0 - room) < abs($1 - room) } ?? p.count
        var q = Array(p[..<max(1, min(at, p.count))])
        if let last = q.last, "，；,;、：:".contains(last) { q.removeLast() }
        if let last = q.last, !"。！？”".contains(last) { q.append("。") }
        return q
    }
}

/// The news edition's photos: the sample's own 2400 × 1600 photo and crops of it in other
/// sizes and aspect ratios, JPEG as a paper receives them. Each is at least 1,200 pixels wide:
/// at 150 ppi, 8 inches, more than the 55 字 (6.9 in) of four broadsheet columns.
let newsPhotos: (wide: [String], other: [String]) = (
    ["jcet-pdm.jpg", "wide-16x9-2400x1350.jpg", "pano-5x2-2400x960.jpg"],
    ["4x3-1600x1200.jpg", "square-1400x1400.jpg", "portrait-3x4-1200x1600.jpg", "3x2-1500x1000.jpg",
     "portrait-4x5-1280x1600.jpg"])

func writePhotoCrops(from photo: String, into dir: String) throws {
    guard let data = FileManager.default.contents(atPath: photo) else { throw BenchError("cannot read \(photo)") }
    var w: Int32 = 0, h: Int32 = 0
    let bytes = [UInt8](data)
    guard let pixels = bytes.withUnsafeBufferPointer({ paiban_decode_jpeg($0.baseAddress, UInt($0.count), &w, &h) })
    else { throw BenchError("cannot decode \(photo)") }
    defer { free(pixels) }
    for name in newsPhotos.wide + newsPhotos.other where name != "jcet-pdm.jpg" {
        // The size is in the name: …-WxH.jpg; the crop is centred.
        let size = name.split(separator: "-").last!.dropLast(4).split(separator: "x").map { Int($0)! }
        let cw = min(size[0], Int(w)), ch = min(size[1], Int(h))
        let x0 = (Int(w) - cw) / 2, y0 = (Int(h) - ch) / 2
        let jpeg = encodeJPEG(width: cw, height: ch, quality: 82) { y, row in
            let src = pixels + ((y0 + y) * Int(w) + x0) * 4   // Cairo RGB24: B, G, R, unused
            for x in 0..<cw {
                row[3 * x] = src[4 * x + 2]
                row[3 * x + 1] = src[4 * x + 1]
                row[3 * x + 2] = src[4 * x]
            }
        }
        try Data(jpeg).write(to: URL(fileURLWithPath: dir + "/" + name))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// libjpeg's encoder (same input, same bytes); `fill(y, row)` writes row y as RGB.
func encodeJPEG(width: Int, height: Int, quality: Int32, fill: (Int, UnsafeMutablePointer<UInt8>) -> Void) -> [UInt8] {
    let cinfo = UnsafeMutablePointer<jpeg_compress_struct>.allocate(capacity: 1)
    let err = UnsafeMutablePointer<jpeg_error_mgr>.allocate(capacity: 1)
    let out = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>.allocate(capacity: 1)
    let outSize = UnsafeMutablePointer<UInt>.allocate(capacity: 1)
    let row = UnsafeMutablePointer<UInt8>.allocate(capacity: width * 3)
    let rows = UnsafeMutablePointer<JSAMPROW?>.allocate(capacity: 1)
    defer {
        jpeg_destroy_compress(cinfo)
        free(out.pointee)
        for p in [UnsafeMutableRawPointer(cinfo), UnsafeMutableRawPointer(err), UnsafeMutableRawPointer(out),
                  UnsafeMutableRawPointer(outSize), UnsafeMutableRawPointer(row), UnsafeMutableRawPointer(rows)] {
            p.deallocate()
        }
    }
    memset(cinfo, 0, MemoryLayout<jpeg_compress_struct>.size)
    out.pointee = nil
    outSize.pointee = 0
    cinfo.pointee.err = jpeg_std_error(err)   // an error exits the bench: the input is our own
    jpeg_CreateCompress(cinfo, JPEG_LIB_VERSION, MemoryLayout<jpeg_compress_struct>.size)
    jpeg_mem_dest(cinfo, out, outSize)
    cinfo.pointee.image_width = JDIMENSION(width)
    cinfo.pointee.image_height = JDIMENSION(height)
    cinfo.pointee.input_components = 3
    cinfo.pointee.in_color_space = JCS_RGB
    jpeg_set_defaults(cinfo)
    jpeg_set_quality(cinfo, quality, 1)
    jpeg_start_compress(cinfo, 1)
    rows.pointee = row
    for y in 0..<height {
        fill(y, row)
        jpeg_write_scanlines(cinfo, rows, 1)
    }
    jpeg_finish_compress(cinfo)
    return Array(UnsafeBufferPointer(start: out.pointee, count: Int(outSize.pointee)))
}

/// What `generateNewsEdition` wrote.
struct NewsEdition {
    var pages = 0, stories = 0, characters = 0, photos = 0
    var lengths: [Int] = []   // body characters of each story, in manifest order
}

/// Writes the news edition: `pages` broadsheet pages of ten stories each, about `characters`
/// characters of body copy in all, drawn from the sample's articles in order. A page has a
/// lead of 1,500–2,500 characters (priority 1), two stories of 500–900 (priority 2), three of
/// 300–900 (priorities 3–5) and four briefs of 150–300 (4–5); the lead has a kicker or a deck,
/// every third page one more story has a deck; most leads and one other story a page have a
/// photo. No jumps, no fixed areas: every page is made up by the planner. Lengths, heads and
/// photos come from the page and slot numbers, so every run writes the same edition.
func generateNewsEdition(at dir: String, from sample: String, pages: Int = 11, characters: Int = 57_800) throws -> NewsEdition {
    let fm = FileManager.default
    try? fm.removeItem(atPath: dir)
    try fm.createDirectory(atPath: dir + "/articles", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: dir + "/images", withIntermediateDirectories: true)
    try fm.copyItem(atPath: sample + "/images/jcet-pdm.jpg", toPath: dir + "/images/jcet-pdm.jpg")
    try writePhotoCrops(from: sample + "/images/jcet-pdm.jpg", into: dir + "/images")
    let copy = try SampleCopy(articles: sample + "/articles")

    // A spread in 0...1 from page and slot (no random numbers: the same edition every run).
    func spread(_ p: Int, _ k: Int) -> Double {
        let n: Int = (p * 7 + k * 5 + p * k * 3) % 11
        return Double(n) / 10
    }
    let perPage = Double(characters) / Double(pages)
    // Slots after the lead: two priority-2 stories, three others, four briefs.
    let weights: [Double] = [620, 560, 480, 400, 330, 260, 220, 190, 160]
    let ranges: [ClosedRange<Double>] = [500...900, 500...900, 300...900, 300...900, 300...900,
                                         150...300, 150...300, 150...300, 150...300]
    var plan: [[Int]] = []
    for p in 0..<pages {
        let lead: Double = 1500 + 1000 * spread(p, 0)
        var w: [Double] = []
        for (k, weight) in weights.enumerated() { w.append(weight * (0.85 + 0.3 * spread(p, k + 1))) }
        let scale: Double = (perPage - lead) / w.reduce(0, +)
        var lengths = [Int(lead)]
        for (k, x) in w.enumerated() { lengths.append(Int(min(max(x * scale, ranges[k].lowerBound), ranges[k].upperBound))) }
        plan.append(lengths)
    }
    // What the clamps moved goes to the leads (still within 1,500–2,500).
    let short = (characters - plan.joined().reduce(0, +)) / pages
    for p in 0..<pages { plan[p][0] = min(max(plan[p][0] + short, 1500), 2500) }

    let sections = ["要闻", "要闻", "综合", "产业", "集成电路", "通信", "新型显示", "智能制造", "区域经济", "国际", "专题"]
    let suffixes = ["", "取得新进展", "观察", "综述", "见闻", "再提速", "一线行", "新气象"]
    let heads = copy.titles + copy.subheads
    let briefHeads = copy.subheads.flatMap { $0.split(separator: " ").map(String.init) } + copy.kickers
    let names = copy.credits + ["张心怡"]
    var manifest = "paper: 中国电子报\ndate: 2026-03-20\nissue_number: 4521\nlayout: broadsheet\npages:\n"
    var result = NewsEdition(pages: pages)
    var cursor = 0, briefCursor = 0, storyNumber = 0, photoNumber = 0, drift = 0
    for p in 0..<pages {
        manifest += "  - number: \(p + 1)\n    section: \(sections[p % sections.count])\n    stories:\n"
        for k in 0..<10 {
            let id = String(format: "p%02d-s%02d", p + 1, k + 1)
            let isBrief = k >= 6
            let priority = k == 0 ? 1 : k < 3 ? 2 : isBrief ? 4 + (p + k) % 2 : 3 + (p + k) % 3
            var front = ["id: \(id)"]
            let title: String
            if isBrief {
                title = briefHeads[(p * 4 + k) % briefHeads.count]
            } else {
                let h = heads[storyNumber % heads.count]
                let round = storyNumber / heads.count
                title = h.count <= 14 ? h + suffixes[round % suffixes.count] : h
            }
            storyNumber += 1
            front.append("kind: \(isBrief ? "brief" : (k == 0 && p % 4 == 3) || k == 3 ? "feature" : "news")")
            if k == 0 && p % 5 == 2, let label = copy.columnLabels.first { front.append("column: \(label)") }
            if k == 0 && p % 2 == 0 { front.append("kicker: " + (copy.kickers + copy.subheads)[p / 2 % (copy.kickers.count + copy.subheads.count)]) }
            front.append("title: \(title)")
            if (k == 0 && p % 2 == 1) || (k == 1 && p % 3 == 0) {
                let d = (copy.decks + copy.subheads.map { "——" + $0 })[(p + k) % (copy.decks.count + copy.subheads.count)]
                front.append("deck: \(d)")
            }
            let name = names[(p * 10 + k) % names.count]
            if k <= 3 { front.append("byline: 本报记者 \(name)") }
            if k >= 1 { front.append("dateline: 本报讯") }
            if k >= 4 { front.append("credit: \(name)") }
            front.append("priority: \(priority)")
            let photoSlot = 1 + p % 5
            if (k == 0 && p % 4 != 3) || k == photoSlot {
                let file = k == 0 ? newsPhotos.wide[p % newsPhotos.wide.count]
                                  : newsPhotos.other[photoNumber % newsPhotos.other.count]
                if k != 0 { photoNumber += 1 }
                let caption = copy.captions.isEmpty ? "图为\(title)" : copy.captions[(p + k) % copy.captions.count]
                front += ["images:", "  - file: images/\(file)", "    caption: \(caption)"]
                if k == 0 { front.append("    credit: 本报记者 \(name)摄") }
                result.photos += 1
            }
            // What the stories so far came out over or under their plan comes off the next
            // story's (briefs keep theirs), so the edition's total stays close to `characters`.
            let range = k == 0 ? 1500...2500 : k < 3 ? 500...900 : isBrief ? 150...300 : 300...900
            let n = isBrief ? plan[p][k] : min(max(plan[p][k] - drift, range.lowerBound), range.upperBound)
            let body = isBrief ? copy.brief(n, atLeast: range.lowerBound, cursor: &briefCursor)
                : copy.body(n, atLeast: range.lowerBound, cursor: &cursor, subheadEvery: k == 0 ? 650 : 0)
            drift += body.characters - plan[p][k]
            let text = "---\n" + front.joined(separator: "\n") + "\n---\n\n" + body.text + "\n"
            try text.write(toFile: dir + "/articles/\(id).md", atomically: true, encoding: .utf8)
            manifest += "      - \(id)\n"
            result.stories += 1
            result.characters += body.characters
            result.lengths.append(body.characters)
        }
    }
    try manifest.write(toFile: dir + "/issue.yaml", atomically: true, encoding: .utf8)
    return result
}
