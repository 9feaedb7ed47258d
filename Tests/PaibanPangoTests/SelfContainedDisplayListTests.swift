import Foundation
import Testing
import PaibanCore
import PaibanInput
import PaibanPango
import PaibanTestSupport

/// The display list is self-contained: its runs carry their glyphs (face file, glyph id,
/// position), so a writer draws a document without the typesetter that made it up, on any
/// thread. Before, runs carried a handle into the make-up's shaper, and a writer on another
/// shaper resolved it to whatever paragraph it held under that number.
@Suite struct SelfContainedDisplayListTests {
    let helper = RenderTests()

    /// The sample made up on a thread of its own by a typesetter that is gone when this returns.
    func madeUpElsewhere(_ loaded: LoadedIssue) throws -> DisplayDocument {
        final class Box: @unchecked Sendable { var result: Result<DisplayDocument, Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let worker = Thread {
            box.result = Result {
                let t = try makeTypesetter()
                return EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: PangoTextShaping(t),
                                     segmenter: houseSegmenter()).run().0
            }
            done.signal()
        }
        worker.stackSize = 8 << 20
        worker.start()
        done.wait()
        return try #require(box.result).get()
    }

    /// What a writer makes of a document: the own PDF, Cairo's PDF and page 1's proof.
    func outputs(_ doc: DisplayDocument, _ writer: DocumentWriter) throws -> [[UInt8]] {
        [try writer.pdfBytes(doc).bytes, try writer.cairoPDFBytes(doc), try writer.pngBytes(doc.pages[0], dpi: 40)]
    }

    @Test("a document made up on another thread by a typesetter since freed draws byte for byte as one made up and drawn here, and a writer on a third thread draws it the same")
    func drawsWithoutItsShaper() throws {
        let loaded = try helper.sample()
        let elsewhere = try madeUpElsewhere(loaded)
        let t = try makeTypesetter()
        let here = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: PangoTextShaping(t),
                                 segmenter: houseSegmenter()).run().0
        #expect(elsewhere == here, "two typesetters made up different display lists")
        let reference = try outputs(here, DocumentWriter())
        #expect(try outputs(elsewhere, DocumentWriter()) == reference)

        final class Box: @unchecked Sendable { var result: Result<[[UInt8]], Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let writer = DocumentWriter()
        Thread {
            box.result = Result { try outputs(elsewhere, writer) }
            done.signal()
        }.start()
        done.wait()
        #expect(try #require(box.result).get() == reference)
    }

    @Test("every run of the sample with ink has glyphs, each in a face file that exists, none the .notdef box")
    func glyphsNameTheirFaces() throws {
        let (_, doc, _) = try helper.render(helper.sample())
        var faces = Set<FaceRef>()
        var glyphs = 0
        for run in doc.pages.flatMap(\.glyphRuns) {
            let inked = run.text.contains { !$0.properties.isWhitespace }
            #expect(!inked || !run.glyphs.isEmpty, "“\(run.string)” has no glyphs")
            for g in run.glyphs {
                faces.insert(g.face)
                #expect(g.id != 0, "“\(run.string)” shows .notdef")
                #expect(run.text.indices.contains(g.cluster))
            }
            glyphs += run.glyphs.count
        }
        #expect(glyphs > 5_000) // 6 129 on the sample
        // 报宋, 黑体 and 楷体 at least, each from a file on this machine.
        #expect(faces.count >= 3, "\(faces)")
        for f in faces { #expect(FileManager.default.fileExists(atPath: f.path), "\(f)") }
    }

    @Test("text whose face has no file (the fixed-advance shaper's) is reported by the own writer and left out by both engines, not drawn from somewhere else")
    func faceWithoutFile() throws {
        let loaded = try helper.sample()
        let (doc, _) = EditionMakeUp(issue: loaded.issue, layout: loaded.layout, shaper: FixedAdvanceTextShaper()).run()
        let writer = DocumentWriter()
        let (bytes, diagnostics) = try writer.pdfBytes(doc)
        #expect(diagnostics.contains { $0.message.contains("is set in fixed-advance 报宋, which the PDF cannot embed") },
                "\(diagnostics.map(\.message))")
        let pdf = helper.temp("fake.pdf")
        try Data(bytes).write(to: URL(fileURLWithPath: pdf))
        let text = try helper.run("pdftotext", [pdf, "-"])
        #expect(text.unicodeScalars.filter { !$0.properties.isWhitespace }.isEmpty, "text drawn: \(text.prefix(80))")
        // Cairo draws the rest of the page (rules, boxes, photos) as if the text were not there:
        // a face it cannot load must not stop the drawing after it.
        var bare = doc.pages[0]
        bare.items = bare.items.filter { if case .glyphs = $0 { false } else { true } }
        #expect(try writer.pngBytes(doc.pages[0], dpi: 20) == writer.pngBytes(bare, dpi: 20))
        #expect(!(try writer.cairoPDFBytes(doc)).isEmpty)
    }
}
