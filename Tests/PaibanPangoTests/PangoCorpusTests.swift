import Testing
import PaibanCore
import PaibanPango
import PaibanTestSupport

/// Pango objects belong to one thread: each test makes its own typesetter.
func makeTypesetter() throws -> PangoTypesetter {
    try PangoTypesetter(fontsDirectory: fontsDirectory())
}

func fontsDirectory(file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/") + "/Fonts"
}

@Suite struct CorpusWithPangoShaping {
    static let corpus = CorpusCase.loadReferenceCorpus()

    @Test("every corpus case holds with real Noto Serif CJK SC advances", arguments: corpus)
    func corpusCase(_ c: CorpusCase) throws {
        let typesetter = try makeTypesetter()
        let shaper = PangoShaper(typesetter, font: FontSpec(role: .baoSong, size: Points(10)))
        let p = ParagraphComposer(profile: c.profile)
            .compose(c.text, shaper: shaper, measure: Em(c.measure), indent: Em(c.indent))
        #expect(p.uncovered.isEmpty)
        let failures = corpusFailures(c, p)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

@Suite struct Fonts {
    @Test("the house roles resolve to the open fonts named in Fonts/fonts.conf")
    func rolesResolve() throws {
        let t = try makeTypesetter()
        #expect(t.resolvedFamily(FontSpec(role: .baoSong, size: Points(10))).hasPrefix("Noto Serif CJK SC"))
        #expect(t.resolvedFamily(FontSpec(role: .heiTi, size: Points(10))).hasPrefix("Noto Sans CJK SC"))
        #expect(t.resolvedFamily(FontSpec(role: .kaiTi, size: Points(10))).hasPrefix("LXGW WenKai"))
        #expect(t.resolvedFamily(FontSpec(role: .fangSong, size: Points(10))).hasPrefix("LXGW WenKai"))
    }

    @Test("Han and full-width punctuation are one em; SC locl gives a 2-em dash")
    func emBoxes() throws {
        let t = try makeTypesetter()
        let spec = FontSpec(role: .baoSong, size: Points(10))
        for c in ["中", "，", "“", "”", "。", "：", "…", "（", "》"] {
            let a = t.shape(Array(c.unicodeScalars), font: spec).advances.advances
            #expect(abs(a.reduce(0, +) - 1) < 0.001, "\(c) is \(a)")
        }
        let dash = t.shape(Array("——".unicodeScalars), font: spec).advances.advances
        #expect(abs(dash.reduce(0, +) - 2) < 0.001, "—— is \(dash)")
    }

    @Test("characters no font covers are reported, not dropped")
    func uncoveredReported() throws {
        let t = try makeTypesetter()
        // U+10FFFD is a private-use code point that no installed font covers.
        let text = Array("甲\u{10FFFD}乙".unicodeScalars)
        let shaped = t.shape(text, font: FontSpec(role: .baoSong, size: Points(10)))
        #expect(shaped.advances.uncovered == [Unicode.Scalar(0x10FFFD)!])
        #expect(shaped.advances.advances.count == 3)
    }
}
