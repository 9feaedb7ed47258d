import Testing
import PaibanCore
import PaibanTestSupport

/// The sample edition's real copy at newspaper measures, under every profile: the universal
/// rules hold on every line, not only on the corpus's short cases.
@Suite struct SampleCopyTests {
    static let paragraphs = loadSampleParagraphs()

    @Test("the sample copy loads")
    func loads() { #expect(Self.paragraphs.count > 20) }

    @Test("U1–U6 and 孤字 hold on all sample copy", arguments: ["gb", "strict", "hang", "grid"], [10.0, 13, 16])
    func universalRules(profileName: String, measure: Double) {
        let profile = CompositionProfile.named(profileName)!
        let composer = ParagraphComposer(profile: profile)
        for text in Self.paragraphs {
            let p = composer.compose(text, shaper: FixedAdvanceShaper(), measure: Em(measure), indent: Em(2))
            let violations = auditRules(p, profile: profile)
            #expect(violations.isEmpty, "\(violations)")
        }
    }

    @Test("grid keeps every Han of the sample copy on a whole em", arguments: [10.0, 13])
    func gridAlignment(measure: Double) {
        let composer = ParagraphComposer(profile: .named("grid")!)
        for text in Self.paragraphs {
            let p = composer.compose(text, shaper: FixedAdvanceShaper(latin: 0.55, space: 0.3), measure: Em(measure), indent: Em(2))
            for line in p.lines {
                for g in line.glyphs where isHanCharacter(p.text[g.index]) {
                    #expect(abs(g.x.value - g.x.value.rounded()) < 1e-9, "\(p.string(of: line))")
                }
            }
        }
    }

    @Test("spacing quality: p95 of added Han–Han space ≤ ⅛ em and none above ½ em", arguments: [10.0, 13, 16])
    func spacing(measure: Double) {
        var stats = SpacingStatistics()
        let composer = ParagraphComposer()
        for text in Self.paragraphs {
            stats.add(composer.compose(text, shaper: FixedAdvanceShaper(), measure: Em(measure), indent: Em(2)))
        }
        #expect(stats.percentile(0.95) <= 0.125 + 1e-9)
        #expect(stats.maximum <= 0.5 + 1e-9, "max \(stats.maximum)")
    }
}
