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
        guard let first = doc.pages.first else { throw OutputError.cairo(path, "the edition has no pages") }
        let out = AtomicOutput(path: path)
        let surface = cairo_pdf_surface_create(out.temporaryPath, first.width, first.height)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Paiban 排版")
        if !doc.date.isEmpty {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc.date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, doc.date)
        }
        let cr = cairo_create(surface)!
        var destinations: [String: (page: Int, x: Double, y: Double)] = [:]
        for (k, page) in doc.pages.enumerated() {
            for r in page.glyphRuns {
                if let a = r.anchor { destinations[a] = (k + 1, r.boxes.first ?? 0, max(0, r.baseline - 2 * r.font.size.value)) }
            }
        }
        let painter = CairoPainter(typesetter: typesetter, shapes: shapes, passJPEG: true, destinations: destinations)
        for (k, page) in doc.pages.enumerated() {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            cairo_pdf_surface_set_page_label(surface, page.label)
            // Each page is a structure element of its own: Cairo 1.16 writes a broken xref for a
            // link outside any structure element, and aborts in cairo_surface_finish when one
            // element spans pages with named destinations and an outline
            // (swift-cairo-pango.md §3.2).
            cairo_tag_begin(cr, "Part", nil)
            painter.draw(page, on: cr)
            cairo_tag_end(cr, "Part")
            cairo_show_page(cr)
        }
        // The outline: each page, and under it its stories and continuations, top to bottom.
        for (k, page) in doc.pages.enumerated() {
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
