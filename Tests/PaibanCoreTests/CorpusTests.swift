import Testing
import PaibanCore
import PaibanTestSupport

/// The reference corpus (cjk-line-composition.md §4), composed with the fixed-advance shaper so
/// the results depend on the rules only, not on a font.
let corpus = CorpusCase.loadReferenceCorpus()

@Suite struct CorpusWithFixedAdvances {
    @Test("every corpus case holds its stated properties and U1–U6", arguments: corpus)
    func corpusCase(_ c: CorpusCase) {
        let p = ParagraphComposer(profile: c.profile)
            .compose(c.text, shaper: FixedAdvanceShaper(), measure: Em(c.measure), indent: Em(c.indent))
        let failures = corpusFailures(c, p)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("the corpus file has all the reference cases")
    func corpusIsComplete() {
        #expect(corpus.count >= 39)
    }
}
