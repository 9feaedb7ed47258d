import Testing
import PaibanCore

/// Repeated ？ and ！ (GB/T 15834 §5.1.2): two together take one em, three take two.
@Suite struct RepeatedMarkTests {
    let shaper = FixedAdvanceShaper()

    func compose(_ text: String, _ w: Double, profile: CompositionProfile = CompositionProfile()) -> ComposedParagraph {
        ParagraphComposer(profile: profile).compose(text, shaper: shaper, measure: Em(w))
    }
    static func profile(_ punctuation: PunctuationScheme) -> CompositionProfile {
        var p = CompositionProfile()
        p.punctuation = punctuation
        return p
    }

    /// The glyphs of the first run of ？/！ on a line, and the room the run takes: from its first
    /// mark's box to the next glyph (or to the end of its last box at the paragraph's end).
    func run(in p: ComposedParagraph) -> (glyphs: [SetGlyph], width: Double, next: SetGlyph?)? {
        for line in p.lines {
            let g = line.glyphs
            guard let a = g.firstIndex(where: { "？！".unicodeScalars.contains(p.text[$0.index]) }) else { continue }
            var b = a
            while b < g.count, "？！".unicodeScalars.contains(p.text[g[b].index]) { b += 1 }
            let end = b < g.count ? g[b].x.value : g[b - 1].x.value + g[b - 1].advance.value
            return (Array(g[a..<b]), end - g[a].x.value, b < g.count ? g[b] : nil)
        }
        return nil
    }

    @Test("two marks together (？？ ！！ ？！ ！？) take one em mid-line, in 全角, 开明, 半角 and on the grid",
          arguments: ["？？", "！！", "？！", "！？"], ["quanjiao", "kaiming", "banjiao", "grid"])
    func pairTakesOneEm(pair: String, scheme: String) throws {
        let profile = scheme == "grid" ? CompositionProfile.named("grid")! : Self.profile(.init(rawValue: scheme)!)
        let p = compose("你真的要走\(pair)我不信", 40, profile: profile)
        let r = try #require(run(in: p))
        #expect(r.glyphs.count == 2)
        #expect(abs(r.width - 1) < 1e-9, "\(pair) takes \(r.width) em")
        // Each mark sits in its ink half, the second against the first.
        #expect(abs(r.glyphs[1].x.value - r.glyphs[0].x.value - 0.5) < 1e-9)
        if scheme == "grid" { #expect(abs(r.next!.x.value - r.next!.x.value.rounded()) < 1e-9, "off the grid") }
    }

    @Test("three marks together (？？？ ！！！) take two em: three ink halves and the last mark's blank",
          arguments: ["？？？", "！！！"], ["quanjiao", "kaiming", "grid"])
    func tripleTakesTwoEm(marks: String, scheme: String) throws {
        let profile = scheme == "grid" ? CompositionProfile.named("grid")! : Self.profile(.init(rawValue: scheme)!)
        let p = compose("这是真的吗\(marks)我不信", 40, profile: profile)
        let r = try #require(run(in: p))
        #expect(r.glyphs.count == 3)
        #expect(abs(r.width - 2) < 1e-9, "\(marks) takes \(r.width) em")
        for (a, b) in zip(r.glyphs, r.glyphs.dropFirst()) { #expect(abs(b.x.value - a.x.value - 0.5) < 1e-9) }
        if scheme == "grid" { #expect(abs(r.next!.x.value - r.next!.x.value.rounded()) < 1e-9, "off the grid") }
    }

    @Test("a pair keeps its one em beside quotation marks: “真的吗？！”他问")
    func pairBesideQuotes() throws {
        let p = compose("他问：“真的吗？！”随后离开。", 40)
        let r = try #require(run(in: p))
        #expect(abs(r.width - 1) < 1e-9, "？！ takes \(r.width) em")
        #expect(p.text[r.next!.index] == "”")
    }

    @Test("a pair at the paragraph's end takes one em and nothing passes it")
    func pairAtEnd() throws {
        let p = compose("难道这还不够吗？？", 40)
        let r = try #require(run(in: p))
        #expect(abs(r.width - 1) < 1e-9)
        #expect(abs(p.lines[0].width.value - 8) < 1e-9)
    }

    @Test("半角: a justified line never opens the pair again; its space goes into the even gaps")
    func pairStaysClosedWhenStretching() throws {
        // At 9.5 em the first line is 一…八 (9 em natural): half an em to add.
        let p = ParagraphComposer(profile: Self.profile(.banjiao)).compose("一二三？！四五六七八九十甲乙丙丁戊己", shaper: shaper,
                                                           measure: Em(10), indent: Em(0.5))
        let line = try #require(p.lines.first { l in !l.isLast && l.glyphs.contains { p.text[$0.index] == "！" } })
        let g = line.glyphs
        let bang = try #require(g.firstIndex { p.text[$0.index] == "！" })
        let hanGap = g[bang + 2].x.value - g[bang + 1].x.value - g[bang + 1].advance.value
        let afterPair = g[bang + 1].x.value - g[bang].x.value - g[bang].advance.value
        #expect(hanGap > 1e-6, "the line was expected to stretch: \(p.string(of: line))")
        #expect(abs(afterPair - hanGap) < 1e-9, "the pair opened by \(afterPair - hanGap) em")
        #expect(abs(g[bang].x.value - g[bang - 1].x.value - 0.5) < 1e-9)
    }
}
