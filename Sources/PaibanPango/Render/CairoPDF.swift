import CPangoCairo
import PaibanCore

/// Which writer draws an edition's PDF.
public enum PDFEngine: String, Sendable, CaseIterable {
    /// Paiban's own writer (`PDF/`): DeviceGray black, TrimBox, PDF/X when asked. For the press.
    case own
    /// Cairo's PDF surface, drawn by the proofs' painter: an independent rendering, for checks.
    case cairo
}

/// The edition's PDF drawn through Cairo's PDF surface with the same painter as the PNG proofs
/// (`paiban render --engine cairo`): an independent rendering of the display list, to compare
/// the own writer against page by page. Cairo embeds and subsets the fonts itself and writes RGB
/// (black as 0 0 0 rg), no TrimBox, no output intent and no overprint: not for the press, and
/// never PDF/X. It has the own writer's metadata, page labels and outline, and the same input
/// gives the same bytes (measured on the sample: Cairo dates the file by the metadata given it,
/// else by the clock). Jump lines are not linked: in Cairo 1.16 any link
/// tag (`cairo_tag_begin(cr, CAIRO_TAG_LINK, …)`, to a named destination, a page or a URI) leaves
/// an xref entry pointing at another object, so qpdf finds the file damaged (seen with a
/// two-page C program, one link a page; destinations alone are fine but useless).
extension DocumentWriter {
    /// The whole edition through Cairo, written atomically (a failure names `path` and the
    /// system's reason).
    public func writeCairoPDF(_ doc: DisplayDocument, to path: String) throws {
        let bytes: [UInt8]
        do { bytes = try cairoPDFBytes(doc) } catch let e as OutputError { throw e.renamed { _ in path } }
        try AtomicOutput.write(bytes, to: path)
    }

    /// The PDF `engine` writes, at `path`; what could not be written (the own writer's
    /// diagnostics: Cairo has none to give).
    @discardableResult
    public func writePDF(_ doc: DisplayDocument, to path: String, engine: PDFEngine) throws -> [Diagnostic] {
        switch engine {
        case .own: return try writePDF(doc, to: path)
        case .cairo:
            try writeCairoPDF(doc, to: path)
            return []
        }
    }

    /// The edition's Cairo PDF as bytes. Drawn into memory rather than into Cairo's own file:
    /// Cairo says only "error while writing to output stream" of a full disk, the atomic writer
    /// says which file and why.
    public func cairoPDFBytes(_ doc: DisplayDocument) throws -> [UInt8] {
        guard let first = doc.pages.first else { throw OutputError.cannotWrite("(memory)", "the edition has no pages") }
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, closure, first.width, first.height)!
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Paiban 排版 (Cairo engine)")
        // The edition's date (or SOURCE_DATE_EPOCH's), not the clock's: without it Cairo writes
        // the time of the run and no two runs give the same bytes.
        if !doc.date.isEmpty {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc.date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, doc.date)
        }
        let painter = CairoPainter(fontFiles: fontFiles)
        for page in doc.pages {
            // Before anything is drawn on the page: its size and label apply to the current page.
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            cairo_pdf_surface_set_page_label(surface, page.label)
            let cr = cairo_create(surface)!
            painter.draw(page, on: cr)
            cairo_show_page(cr)
            cairo_destroy(cr)
        }
        addOutline(doc.pages, surface)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw OutputError.cairo("(memory)", String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }

    /// The own writer's outline: each page (closed), and under it its stories, top to bottom.
    private func addOutline(_ pages: [DisplayPage], _ surface: OpaquePointer) {
        for (k, page) in pages.enumerated() {
            let item = cairo_pdf_surface_add_outline(surface, Int32(CAIRO_PDF_OUTLINE_ROOT), page.title,
                                                     "page=\(k + 1) pos=[0 0]", cairo_pdf_outline_flags_t(0))
            for entry in page.outline {
                cairo_pdf_surface_add_outline(surface, item, entry.title, "page=\(k + 1) pos=[0 \(max(0, entry.y - 12))]",
                                              cairo_pdf_outline_flags_t(0))
            }
        }
    }
}

/// Where Cairo's stream writer puts the PDF's bytes.
private final class ByteSink {
    var bytes: [UInt8] = []
}
