import CPangoCairo
import PaibanCore

/// Writes a display document as PDF (fonts embedded and subset by Cairo, metadata, page labels)
/// or as PNG page proofs. Files appear under their final names only when complete.
public struct DocumentWriter {
    let typesetter: PangoTypesetter
    public init(typesetter: PangoTypesetter) { self.typesetter = typesetter }

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
        let painter = CairoPainter(typesetter: typesetter, passJPEG: true)
        for page in doc.pages {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            cairo_pdf_surface_set_page_label(surface, page.label)
            painter.draw(page, on: cr)
            cairo_show_page(cr)
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            out.abandon()
            throw OutputError.cairo(path, String(cString: cairo_status_to_string(status)))
        }
        try out.commit()
    }

    /// One PNG per page, `page-01.png` …, at `dpi`. Returns the paths written.
    @discardableResult
    public func writePNGs(_ doc: DisplayDocument, directory: String, dpi: Double) throws -> [String] {
        var written: [String] = []
        let painter = CairoPainter(typesetter: typesetter, passJPEG: false)
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
