import CPangoCairo
import PaibanCore

/// The edition's PDF drawn through Cairo's PDF surface with the same painter as the PNG proofs
/// (`paiban render --engine cairo`): an independent rendering of the display list, to compare
/// the own writer against page by page. Cairo writes RGB (black as 0 0 0 rg), no TrimBox, no
/// output intent and no overprint: not for the press, and never PDF/X.
extension DocumentWriter {
    public func writeCairoPDF(_ doc: DisplayDocument, to path: String) throws {
        guard let first = doc.pages.first else { throw OutputError.cannotWrite(path, "the edition has no pages") }
        let out = AtomicOutput(path: path)
        let surface = cairo_pdf_surface_create(out.temporaryPath, first.width, first.height)!
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Paiban 排版 (Cairo engine)")
        // The edition's date, not the clock's, so reruns give the same dates.
        if !doc.date.isEmpty {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc.date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, doc.date)
        }
        let painter = CairoPainter(typesetter: typesetter, shapes: shapes)
        for page in doc.pages {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            cairo_pdf_surface_set_page_label(surface, page.label)
            let cr = cairo_create(surface)!
            painter.draw(page, on: cr)
            cairo_show_page(cr)
            cairo_destroy(cr)
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            out.abandon()
            throw OutputError.cairo(path, String(cString: cairo_status_to_string(status)))
        }
        try out.commit()
    }
}
