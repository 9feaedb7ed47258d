import Testing
@testable import PaibanCore
import PaibanTestSupport

/// The breaker leaves out lines it can show cannot beat the best one found (`looseLines`): a
/// speed-up only. If the bound it uses were ever wrong, paragraphs would break differently, so
/// every paragraph of the sample copy and the clreq corpus is broken both ways, under every
/// profile and punctuation scheme, at narrow and wide measures, and the breaks compared.
@Suite struct LooseLineSkipTests {
    static let punctuation: [PunctuationScheme] = [.quanjiao, .kaiming, .banjiao]
    static let profiles = ["gb", "basic", "strict", "hang", "grid"]

    func breaks(_ text: [Unicode.Scalar], _ profile: CompositionProfile, measure: Double, indent: Double,
                skipping: Bool) -> (lines: [LineBreak], orphanAvoided: Bool) {
        let classes = classify(text)
        let advances = FixedAdvanceShaper().shape(text).advances
        var input = BreakerInput(text: text, metrics: ParagraphMetrics(text: text, classes: classes, advances: advances,
                                                                       profile: profile),
                                 opportunities: breakOpportunities(text, classes: classes, profile: profile),
                                 profile: profile, measure: measure, indent: indent)
        input.skipsLooseLines = skipping
        return chooseBreaks(input)
    }

    @Test("skipping lines that cannot win never changes a paragraph's breaks or their fit")
    func sameBreaks() {
        let sample = loadSampleParagraphs().map { Array($0.unicodeScalars) }
        let corpus = CorpusCase.loadReferenceCorpus().map { Array(normalizeParagraph($0.text).text.unicodeScalars) }
        #expect(sample.count > 20 && corpus.count > 20, "the copy to test on is there")
        var compared = 0
        for name in Self.profiles {
            for scheme in Self.punctuation {
                var profile = CompositionProfile.named(name)!
                profile.punctuation = scheme
                for measure in [5.0, 13.0, 21.0] {
                    for text in sample + corpus where !text.isEmpty {
                        let fast = breaks(text, profile, measure: measure, indent: 2, skipping: true)
                        let full = breaks(text, profile, measure: measure, indent: 2, skipping: false)
                        #expect(fast.lines == full.lines && fast.orphanAvoided == full.orphanAvoided,
                                "\(name) \(scheme) \(measure) em: \(String(String.UnicodeScalarView(text.prefix(20))))")
                        #expect(zip(fast.lines, full.lines).allSatisfy { $0.fit.badness == $1.fit.badness && $0.next == $1.next })
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 1_000)
    }
}
