import Testing
import PaibanCore
import PaibanInput
import PaibanTestSupport

/// The display list's glyphs with the fixed-advance shaper: one per scalar, the scalar's value
/// for an id, drawn at the composer's origins and moved with their run.
@Suite struct DisplayGlyphTests {
    @Test("every run of the sample carries one glyph per scalar at its origin, in its font's fake face, clustered on its own scalar")
    func glyphsAtOrigins() throws {
        let root = repositoryRoot()
        let loaded = try IssueLoader.load(directory: root + "/Examples/semicon-special", layoutSearchPath: [root + "/Layouts"])
        let (doc, _) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        var runs = 0
        for run in doc.pages.flatMap(\.glyphRuns) {
            runs += 1
            #expect(run.glyphs.map(\.id) == run.text.map(\.value), "“\(run.string)”")
            #expect(run.glyphs.map(\.x) == run.origins, "“\(run.string)”: glyphs not at the origins")
            #expect(run.glyphs.map(\.cluster) == Array(run.text.indices))
            #expect(run.glyphs.allSatisfy { $0.face == FixedAdvanceTextShaper.face(for: run.font) })
        }
        #expect(runs > 400) // 499 on the sample
    }

    @Test("a cluster shows its scalar and those after it that have no glyph; a shifted run moves its glyphs")
    func clustersAndShifts() {
        let face = FaceRef(path: "", index: 0, name: "test")
        let text = Array("e\u{301}x".unicodeScalars)
        // é as one glyph for two scalars, then x.
        var run = GlyphRun(font: FontSpec(role: .baoSong, size: Points(10)), text: text, origins: [0, 5, 5],
                           boxes: [0, 5, 5], advances: [5, 0, 5], baseline: 20, role: .body, story: nil,
                           glyphs: [PositionedGlyph(face: face, id: 7, x: 0, cluster: 0),
                                    PositionedGlyph(face: face, id: 8, x: 5, cluster: 2)])
        #expect(Array(run.clusterText(at: 0)) == Array(text[0..<2]))
        #expect(Array(run.clusterText(at: 1)) == [text[2]])
        run = run.shifted(by: 3)
        #expect(run.glyphs.map(\.x) == [3, 8])
        #expect(run.origins == [3, 8, 8])
    }

    @Test("shaped glyphs are placed scalar by scalar: a cluster's glyphs after its first keep their pen offsets")
    func placedGlyphs() {
        let face = FaceRef(path: "/f.otf", index: 1, name: "f")
        let shaped = ShapedGlyphs(faces: [face], glyphs: [
            .init(face: 0, id: 1, dx: 0), .init(face: 0, id: 2, dx: 0), .init(face: 0, id: 3, dx: 4, yOffset: -1),
        ], start: [0, 1, 3, 3])
        // Scalars 1 and 2 (2 is inside 1's cluster) of the shaped run, placed at 10 and 20.
        let placed = shaped.placed(scalars: [1, 2], origins: [10, 20])
        #expect(placed.map(\.id) == [2, 3])
        #expect(placed.map(\.x) == [10, 14])
        #expect(placed.map(\.yOffset) == [0, -1])
        #expect(placed.map(\.cluster) == [0, 0])
    }
}
