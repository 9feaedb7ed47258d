#if canImport(Glibc)
import Glibc
#endif
import CPangoCairo
import PaibanCore

/// Writes a display document as PDF (fonts embedded and subset by Cairo, metadata, page labels)
/// or as PNG page proofs. Files appear under their final names only when complete.
public struct DocumentWriter {
    let typesetter: PangoTypesetter
    /// The shaper the make-up measured with, if on this typesetter: its glyphs are drawn as they are.
    let shapes: PangoTextShaping?
    public init(typesetter: PangoTypesetter, shapes: PangoTextShaping? = nil) {
        self.typesetter = typesetter
        self.shapes = shapes
    }

    /// The whole edition in one PDF: metadata, page labels (版次), an outline of pages and the
    /// stories on each (continuations included), jump lines linked both ways.
    public func writePDF(_ doc: DisplayDocument, to path: String) throws {
        guard !doc.pages.isEmpty else { throw OutputError.cairo(path, "the edition has no pages") }
        let stream = PDFStream(path: path, header: doc, destinations: jumpDestinations(doc), writer: self)
        for page in doc.pages { stream.add(page) }
        try stream.finish(outline: doc.pages)
    }

    /// One PDF per page beside `path`: `NAME-p01.pdf` …; links to other pages are dropped.
    @discardableResult
    public func writeSplitPDFs(_ doc: DisplayDocument, besides path: String) throws -> [String] {
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
            let name = stem + (page.number < 10 ? "-p0\(page.number).pdf" : "-p\(page.number).pdf")
            try writePDF(single, to: name)
            written.append(name)
        }
        return written
    }

    /// One PNG per page, `page-01.png` …, at `dpi`. Returns the paths written.
    @discardableResult
    public func writePNGs(_ doc: DisplayDocument, directory: String, dpi: Double) throws -> [String] {
        var written: [String] = []
        let painter = CairoPainter(typesetter: typesetter, shapes: shapes, passJPEG: false)
        for page in doc.pages {
            let scale = dpi / 72
            let w = Int32((page.width * scale).rounded()), h = Int32((page.height * scale).rounded())
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
            let cr = cairo_create(surface)!
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_scale(cr, scale, scale)
            painter.draw(page, on: cr)
            cairo_destroy(cr)
            let name = page.number < 10 ? "page-0\(page.number).png" : "page-\(page.number).png"
            let path = directory + "/" + name
            let out = AtomicOutput(path: path)
            let status = cairo_surface_write_to_png(surface, out.temporaryPath)
            cairo_surface_destroy(surface)
            guard status == CAIRO_STATUS_SUCCESS else {
                out.abandon()
                throw OutputError.cairo(path, String(cString: cairo_status_to_string(status)))
            }
            try out.commit()
            written.append(path)
        }
        return written
    }
}

/// Finishes a PDF surface written to `out`'s temporary file and moves it into place, or removes
/// it and reports Cairo's error.
func finishPDF(_ surface: OpaquePointer, _ out: AtomicOutput) throws {
    cairo_surface_finish(surface)
    let status = cairo_surface_status(surface)
    cairo_surface_destroy(surface)
    guard status == CAIRO_STATUS_SUCCESS else {
        out.abandon()
        throw OutputError.cairo(out.finalPath, String(cString: cairo_status_to_string(status)))
    }
    try out.commit()
}

/// Where each jump line's destination is: page (from 1), x, y.
func jumpDestinations(_ doc: DisplayDocument) -> [String: (page: Int, x: Double, y: Double)] {
    var destinations: [String: (page: Int, x: Double, y: Double)] = [:]
    for (k, page) in doc.pages.enumerated() {
        for r in page.glyphRuns {
            if let a = r.anchor { destinations[a] = (k + 1, r.boxes.first ?? 0, max(0, r.baseline - 2 * r.font.size.value)) }
        }
    }
    return destinations
}

/// A PDF written page by page (so drawing can start while later pages are still being made up),
/// then given its outline and moved into place.
public final class PDFStream {
    let out: AtomicOutput
    let surface: OpaquePointer
    let cr: OpaquePointer
    let painter: CairoPainter
    private var pages = 0

    init(path: String, header: DisplayDocument, destinations: [String: (page: Int, x: Double, y: Double)],
         writer: DocumentWriter) {
        out = AtomicOutput(path: path)
        // The size is set again for every page.
        surface = cairo_pdf_surface_create(out.temporaryPath, 595, 842)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, header.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, header.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Paiban 排版")
        if !header.date.isEmpty {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, header.date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, header.date)
        }
        cr = cairo_create(surface)!
        painter = CairoPainter(typesetter: writer.typesetter, shapes: writer.shapes, passJPEG: true,
                               destinations: destinations)
    }

    /// Public entry for a streamed edition: no jump links (they need every page's destinations).
    public convenience init(path: String, header: DisplayDocument, writer: DocumentWriter) {
        self.init(path: path, header: header, destinations: [:], writer: writer)
    }

    public func add(_ page: DisplayPage) {
        cairo_pdf_surface_set_size(surface, page.width, page.height)
        cairo_pdf_surface_set_page_label(surface, page.label)
        // Each page is a structure element of its own: Cairo 1.16 writes a broken xref for a
        // link outside any structure element, and aborts in cairo_surface_finish when one
        // element spans pages with named destinations and an outline (swift-cairo-pango.md §3.2).
        cairo_tag_begin(cr, "Part", nil)
        painter.draw(page, on: cr)
        cairo_tag_end(cr, "Part")
        cairo_show_page(cr)
        pages += 1
    }

    /// Adds the outline (each page, and under it its stories and continuations, top to bottom;
    /// added after drawing, see above) and moves the file into place.
    public func finish(outline: [DisplayPage]) throws {
        for (k, page) in outline.enumerated() where k < pages {
            let pageEntry = cairo_pdf_surface_add_outline(surface, 0, page.title, "page=\(k + 1)",
                                                          cairo_pdf_outline_flags_t(0))
            for entry in page.outline {
                _ = cairo_pdf_surface_add_outline(surface, pageEntry, entry.title,
                                                  "page=\(k + 1) pos=[0 \(max(0, entry.y - 12))]",
                                                  cairo_pdf_outline_flags_t(0))
            }
        }
        cairo_destroy(cr)
        try finishPDF(surface, out)
    }

    public func abandon() {
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        out.abandon()
    }
}
