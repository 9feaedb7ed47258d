import PaibanCore

/// The properties the reference corpus states for each case, on top of U1–U6 and 孤字.
/// Returns the failures as sentences (empty when the case holds).
public func corpusFailures(_ c: CorpusCase, _ p: ComposedParagraph) -> [String] {
    var failures = auditRules(p, profile: c.profile).map(\.description)
    let lines = p.lines.map { p.string(of: $0) }
    let text = p.text
    func fail(_ s: String) { failures.append("\(c.id): \(s); lines: \(lines)") }
    func char(_ g: SetGlyph) -> Character { Character(text[g.index]) }
    func added(_ line: ComposedLine, _ k: Int) -> Double {
        line.glyphs[k + 1].x.value - line.glyphs[k].x.value - line.glyphs[k].advance.value
    }
    func near(_ a: Double, _ b: Double, _ tol: Double = 0.001) -> Bool { abs(a - b) <= tol }
    /// Every occurrence of `unit` lies whole on one line.
    func unbroken(_ unit: String) {
        let joined = lines.joined(separator: "\n")
        let flat = lines.joined()
        guard flat.contains(unit) else { fail("\(unit) missing from output"); return }
        if !joined.contains(unit) { fail("\(unit) split across lines") }
    }
    func neverStarts(_ chars: String) {
        for l in lines.dropFirst() where chars.contains(l.first!) { fail("line starts with \(l.first!)") }
    }
    func neverEnds(_ chars: String) {
        for l in lines.dropLast() where chars.contains(l.last!) { fail("line ends with \(l.last!)") }
    }
    func pairAdvance(_ pair: String) -> [Double] {
        var out: [Double] = []
        let a = Character(String(pair.unicodeScalars.first!)), b = Character(String(pair.unicodeScalars.last!))
        for line in p.lines {
            for k in 0..<max(line.glyphs.count - 1, 0) where char(line.glyphs[k]) == a && char(line.glyphs[k + 1]) == b {
                out.append(line.glyphs[k].advance.value + line.glyphs[k + 1].advance.value)
            }
        }
        return out
    }
    func maxAddedHanGap() -> Double {
        var m = 0.0
        for line in p.lines { for k in 0..<max(line.glyphs.count - 1, 0) { m = max(m, added(line, k)) } }
        return m
    }

    switch c.id {
    case "T01":
        if lines.count != 2 { fail("expected 2 lines") }
        if lines.first != "甲乙丙，丁戊己庚辛壬，" { fail("line 1 should push in both commas") }
        if let l = p.lines.first {
            if !near(l.width.value, 10) { fail("line 1 width \(l.width)") }
            for g in l.glyphs where char(g) == "，" && !near(g.advance.value, 0.5) { fail("comma not ½ em") }
        }
        if lines.count > 1 && !lines[1].hasPrefix("癸") { fail("line 2 should start with 癸") }
    case "T02":
        if lines != ["一二三四五六七八九", "十，百千万亿兆京垓秭", "穰沟。"] { fail("wrong lines") }
        if let l = p.lines.first {
            for (k, g) in l.glyphs.enumerated() where !near(g.x.value, 1.125 * Double(k)) { fail("glyph \(k) at \(g.x)") }
        }
    case "T03":
        for line in p.lines {
            let hung = line.glyphs.filter(\.hanging)
            if hung.count > 1 { fail("more than one hanging mark") }
            for g in hung where !"，。、".contains(char(g)) { fail("\(char(g)) hangs") }
            if !line.isLast && !near(line.width.value, 10) { fail("non-hanging width \(line.width)") }
        }
        neverStarts("，")
    case "T04":
        if lines.first != "一二三四五六七八九。" { fail("line 1 should end with 。 pushed in") }
        if let l = p.lines.first {
            if !near(l.width.value, 9.5) { fail("width \(l.width)") }
            if let g = l.glyphs.last, !near(g.advance.value, 0.5) { fail("。 not ½ em") }
            if maxAddedHanGap() > 0.001 && p.lines.first!.glyphs.indices.dropLast().contains(where: { added(l, $0) > 0.001 }) {
                fail("space added on line 1")
            }
        }
    case "T06", "T39":
        neverEnds("“")
        if c.id == "T39" { neverStarts("：") }
        if maxAddedHanGap() > 0.25 + 0.001 { fail("added space \(maxAddedHanGap()) > 0.25 em") }
    case "T07":
        neverStarts("·")
        for line in p.lines { for g in line.glyphs where char(g) == "·" && !near(g.advance.value, 0.5) { fail("· advance \(g.advance)") } }
    case "T08": neverStarts("～")
    case "T10":
        unbroken("——")
        for line in p.lines {
            for k in 0..<max(line.glyphs.count - 1, 0) where char(line.glyphs[k]) == "—" && char(line.glyphs[k + 1]) == "—" {
                let w = line.glyphs[k].advance.value + line.glyphs[k + 1].advance.value
                if !near(w, 2, 0.02) { fail("—— is \(w) em") }
            }
        }
    case "T11": unbroken("……"); neverStarts("…、")
    case "T12": neverStarts("—")
    case "T13": unbroken("1234567.89"); unbroken("7.5%")
    case "T15": unbroken("16"); unbroken("75%")
    case "T16":
        unbroken("SEMICON"); unbroken("China"); unbroken("2026")
        for line in p.lines {
            for k in 0..<max(line.glyphs.count - 1, 0) {
                let a = char(line.glyphs[k]), b = char(line.glyphs[k + 1])
                let hanLatin = (isHan(a) && isLatinOrDigit(b)) || (isLatinOrDigit(a) && isHan(b))
                if hanLatin && added(line, k) < 0.125 - 0.001 { fail("Han–Latin gap \(added(line, k)) < ⅛ em") }
                if (a == "，" && isLatinOrDigit(b)) || (isLatinOrDigit(a) && b == "，") {
                    if added(line, k) > 0.001 { fail("autospace next to ，") }
                }
            }
            let start = line.range.lowerBound == 0 ? p.indent.value : 0
            if let f = line.glyphs.first, !near(f.x.value, start) { fail("line does not start at its edge") }
        }
    case "T17":
        for line in p.lines where !line.isLast {
            var bigSpace = false, hanUnexpanded = false
            for k in 0..<max(line.glyphs.count - 1, 0) {
                let a = char(line.glyphs[k]), b = char(line.glyphs[k + 1])
                if a == " " && line.glyphs[k + 1].x.value - line.glyphs[k].x.value > 0.5 + 0.001 { bigSpace = true }
                if isHan(a) && isHan(b) && added(line, k) < 1e-6 { hanUnexpanded = true }
            }
            if bigSpace && hanUnexpanded { fail("word space over ½ em while a Han gap is unexpanded") }
        }
        unbroken("SEMICON"); unbroken("2026")
    case "T19": neverEnds("《“"); neverStarts("》”")
    case "T20":
        if lines.count != 1 { fail("expected one line") }
        for pair in ["：“", "？”", "。”"] { for w in pairAdvance(pair) where w > 1.5 + 0.001 { fail("\(pair) is \(w) em") } }
    case "T21":
        if lines.count != 1 { fail("expected one line") }
        for line in p.lines { for g in line.glyphs where char(g) == "，" && !near(g.advance.value, 1) { fail("lone ， is \(g.advance)") } }
        for w in pairAdvance("）。") where w > 1.5 + 0.001 { fail("）。 is \(w) em") }
    case "T22": neverStarts("”？，"); neverEnds("“")
    case "T23":
        guard let l = p.lines.first else { break }
        for g in l.glyphs where g.x.value < 2 - 0.001 { fail("\(char(g)) drawn left of the indent") }
        if let g = l.glyphs.first(where: { char($0) == "新" }), !(near(g.x.value, 3) || near(g.x.value, 2.5)) {
            fail("新 at \(g.x)")
        }
        if !near(l.width.value, 12) { fail("line 1 ends at \(l.width)") }
    case "T24":
        if let f = p.lines.first?.glyphs.first, !near(f.x.value, 2) { fail("line 1 starts at \(f.x)") }
        for line in p.lines.dropFirst() { if let f = line.glyphs.first, !near(f.x.value, 0) { fail("later line starts at \(f.x)") } }
        neverStarts("，。")
    case "T26":
        for w in pairAdvance("？！") where !near(w, 1) { fail("？！ is \(w) em") }
    case "T28": neverEnds("“‘"); neverStarts("’”")
    case "T29":
        neverStarts("”）")
        for line in p.lines where !line.isLast {
            for k in 0..<max(line.glyphs.count - 2, 0)
            where char(line.glyphs[k]) == "。" && char(line.glyphs[k + 1]) == "”" && char(line.glyphs[k + 2]) == "）" {
                let w = (0..<3).map { line.glyphs[k + $0].advance.value }.reduce(0, +)
                if w > 2 + 0.001 { fail("。”） is \(w) em") }
            }
        }
    case "T30": unbroken("2025"); unbroken("GDP"); unbroken("5.0%"); unbroken("134.9"); neverStarts("，")
    case "T32": unbroken("￥100"); unbroken("$14")
    case "T33": unbroken("37℃"); unbroken("85%")
    case "T34": neverStarts("/"); neverEnds("/")
    case "T35": unbroken("……"); neverStarts("…"); neverEnds("“")
    case "T37":
        if lines.count != 2 { fail("expected 2 lines") }
        for line in p.lines {
            for g in line.glyphs where isHan(char(g)) && !near(g.x.value, g.x.value.rounded()) { fail("\(char(g)) off the grid at \(g.x)") }
            if !near(line.width.value, 11) { fail("line fills \(line.width) em") }
            if line.glyphs.filter(\.hanging).map(char) != ["。"] { fail("。 should hang") }
        }
    case "T38":
        if p.lines.contains(where: { $0.glyphs.contains(where: \.hanging) }) { fail("a mark hangs in a run") }
        neverStarts("。”")
        if lines.first != "一二三四五六七八九" { fail("line 1 should be 一…九") }
    case "T41":
        if let last = p.lines.last, last.glyphs.filter({ isHan(char($0)) }).count < 2 { fail("孤字") }
    case "T42":
        for w in pairAdvance("”，") where w > 1.5 + 0.001 { fail("”， is \(w) em") }
        neverEnds("“")
    case "T43": unbroken("1.8"); unbroken("2025")
    case "T45":
        if let last = lines.last, last.filter(isHan).count < 2 { fail("last line \(last)") }
    case "T46": neverStarts("”。"); unbroken("。”")
    case "S01": neverStarts("—")
    case "S02":
        unbroken("2025"); unbroken("2026"); unbroken("OSAT"); neverStarts("—")
    case "S03":
        unbroken("2025"); unbroken("2026"); unbroken("LEAP"); unbroken("75%"); unbroken("25%"); unbroken("16")
    default: break
    }
    return failures
}

func isHan(_ c: Character) -> Bool { c.unicodeScalars.count == 1 && isHanCharacter(c.unicodeScalars.first!) }
func isLatinOrDigit(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
