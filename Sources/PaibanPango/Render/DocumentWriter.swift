#if canImport(Glibc)
import Glibc
#endif
import CPangoCairo
import Dispatch
import Foundation
import PaibanCore

/// Writes a display document as PDF (Paiban's own writer: fonts subset and embedded, links,
/// outline, page labels, metadata) or as PNG page proofs (Cairo). Files appear under their
/// final names only when complete. It needs no typesetter: the display list names each glyph's
/// face file, so a document made up anywhere (another thread, another typesetter) draws the same
/// here, and one writer may draw on any thread.
public struct DocumentWriter: Sendable {
    /// What the press wants: PDF/X, profile, bleed and marks (a plain PDF by default).
    public var print = PrintSettings()
    /// Each photo's colour in the PDFs written, for the preflight (shared by the writer's copies).
    public let photoColours = PhotoColourLog()
    /// The faces opened for drawing, each once for all the writer's files (shared by its copies).
    public let fontFiles = FontFiles()
    public init(print: PrintSettings = PrintSettings()) {
        self.print = print
    }

    /// The whole edition in one PDF: metadata, page labels (版次), an outline of pages and the
    /// stories on each (continuations included), jump lines linked both ways.
    /// Returns what could not be written (text in a font the PDF cannot embed).
    @discardableResult
    public func writePDF(_ doc: DisplayDocument, to path: String) throws -> [Diagnostic] {
        guard !doc.pages.isEmpty else { throw OutputError.cannotWrite(path, "the edition has no pages") }
        let stream = try PDFStream(path: path, header: doc, writer: self)
        for page in doc.pages { stream.add(page) }
        try stream.finish(outline: doc.pages)
        return stream.diagnostics
    }

    /// The whole edition's PDF as bytes, made in memory (the same writer as `writePDF`), and
    /// what could not be written.
    public func pdfBytes(_ doc: DisplayDocument) throws -> (bytes: [UInt8], diagnostics: [Diagnostic]) {
        guard !doc.pages.isEmpty else { throw OutputError.cannotWrite("(memory)", "the edition has no pages") }
        let stream = try PDFStream(path: "", header: doc, writer: self)
        for page in doc.pages { stream.add(page) }
        try stream.finish(outline: doc.pages)
        return (stream.bytes, stream.diagnostics)
    }

    /// One page's PNG proof as bytes, at `dpi`.
    public func pngBytes(_ page: DisplayPage, dpi: Double) throws -> [UInt8] {
        let painter = CairoPainter(fontFiles: fontFiles)
        return PNGEncoder.encode(try proofPixels(page, dpi: dpi, painter: painter, name: "(memory)"))
    }

    /// A page drawn at `dpi` on white, its pixels copied out of Cairo (shared by the proofs on
    /// disk and in memory).
    func proofPixels(_ page: DisplayPage, dpi: Double, painter: CairoPainter, name: String) throws -> PNGEncoder.Pixels {
        let scale = dpi / 72
        let w = Int32((page.width * scale).rounded()), h = Int32((page.height * scale).rounded())
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        painter.draw(page, on: cr)
        cairo_destroy(cr)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw OutputError.cairo(name, String(cString: cairo_status_to_string(status))) }
        return PNGEncoder.Pixels(surface: surface)
    }

    /// The PDF of page `page` alone: `STEM-p01.pdf`.
    public static func splitPageName(stem: String, page: Int) -> String {
        stem + (page < 10 ? "-p0\(page).pdf" : "-p\(page).pdf")
    }

    /// The PNG proof of page `page`: `page-01.png`.
    public static func proofName(page: Int) -> String {
        page < 10 ? "page-0\(page).png" : "page-\(page).png"
    }

    /// One PDF per page beside `path`: `NAME-p01.pdf` …, by `engine` (the edition's); links to
    /// other pages are dropped.
    @discardableResult
    public func writeSplitPDFs(_ doc: DisplayDocument, besides path: String, engine: PDFEngine = .own) throws -> [String] {
        let stem = path.hasSuffix(".pdf") ? String(path.dropLast(4)) : path
        var written: [String] = []
        for page in doc.pages {
            var single = doc
            var p = page
            p.items = p.items.map { item in
                guard case .glyphs(var g) = item else { return item }
                g.link = nil
                g.anchor = nil
                return .glyphs(g)
            }
            single.pages = [p]
            let name = Self.splitPageName(stem: stem, page: page.number)
            try writePDF(single, to: name, engine: engine)
            written.append(name)
        }
        return written
    }

    /// One PNG per page, `page-01.png` …, at `dpi`. Returns the paths written. With `parallel`,
    /// pages are encoded on other threads while the next is drawn (drawing a page takes a tenth
    /// of encoding it); the encoders get copied pixels.
    @discardableResult
    public func writePNGs(_ doc: DisplayDocument, directory: String, dpi: Double, parallel: Bool = false) throws -> [String] {
        var written: [String] = []
        let painter = CairoPainter(fontFiles: fontFiles)
        let encoders = PNGWriters(parallel: parallel)
        for page in doc.pages {
            let path = directory + "/" + Self.proofName(page: page.number)
            let pixels: PNGEncoder.Pixels
            do { pixels = try proofPixels(page, dpi: dpi, painter: painter, name: path) } catch {
                encoders.wait()
                throw error
            }
            encoders.write(pixels, to: path)
            written.append(path)
        }
        try encoders.finish()
        return written
    }
}

/// Encodes and writes PNG proofs, on other threads when `parallel` (at most two pages in
/// flight, so a 48-page edition does not hold 48 pages of pixels), else right away.
final class PNGWriters: @unchecked Sendable {
    private let parallel: Bool
    private let group = DispatchGroup()
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var failure: Error?

    init(parallel: Bool) { self.parallel = parallel }

    func write(_ pixels: PNGEncoder.Pixels, to path: String) {
        guard parallel else { record { try AtomicOutput.write(PNGEncoder.encode(pixels), to: path) }; return }
        slots.wait()
        DispatchQueue.global().async(group: group) {
            self.record { try AtomicOutput.write(PNGEncoder.encode(pixels), to: path) }
            self.slots.signal()
        }
    }

    private func record(_ work: () throws -> Void) {
        do { try work() } catch { lock.withLock { if failure == nil { failure = error } } }
    }

    func wait() { group.wait() }

    /// Waits for every page; the first failure, if any.
    func finish() throws {
        group.wait()
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}

/// Photos' colours as the writer put them in the PDF, gathered from its streams (a stream may
/// run on the drawing thread of a pipelined render).
public final class PhotoColourLog: @unchecked Sendable {
    private let lock = NSLock()
    private var colours: [String: PhotoColour] = [:]
    public init() {}
    func record(_ c: [String: PhotoColour]) { lock.withLock { colours.merge(c) { $1 } } }
    public var all: [String: PhotoColour] { lock.withLock { colours } }
}
