import CPangoCairo
import PaibanCore

/// A proof sheet of composed paragraphs: the lines as set, with the measure marked by two
/// hairlines, for checking composition by eye and with pdfcheck.
public struct ProofSheet {
    public var title: String
    public var measure: Em
    public var size: Points
    /// Baseline-to-baseline distance, in em of the body size.
    public var leading: Double = 1.6

    public init(title: String, measure: Em, size: Points) {
        self.title = title
        self.measure = measure
        self.size = size
    }

    /// Writes the sheet to a PDF (atomically). Paragraphs come with the shaping that made them.
    public func writePDF(_ paragraphs: [(ComposedParagraph, ShapedParagraph)], to path: String,
                         typesetter: PangoTypesetter) throws {
        let margin = 56.0
        let measurePt = measure.at(size).value
        let pageWidth = max(595.28, measurePt + 2 * margin)
        let pageHeight = 841.89
        let lineStep = leading * size.value
        let out = AtomicOutput(path: path)
        let surface = cairo_pdf_surface_create(out.temporaryPath, pageWidth, pageHeight)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Paiban")
        let cr = cairo_create(surface)!
        let top = margin + 40
        var y = top
        var pageLinesTop = y

        func header() {
            cairo_set_source_rgb(cr, 0, 0, 0)
            let layout = pango_layout_new(typesetter.context)!
            pango_layout_set_font_description(layout, typesetter.description(for: FontSpec(role: .heiTi, size: Points(8))))
            pango_layout_set_text(layout, title, -1)
            cairo_move_to(cr, margin, margin)
            pango_cairo_show_layout(cr, layout)
            paiban_object_unref(UnsafeMutableRawPointer(layout))
        }
        func measureMarks(from y0: Double, to y1: Double) {
            cairo_save(cr)
            cairo_set_source_rgb(cr, 0.85, 0.2, 0.2)
            cairo_set_line_width(cr, 0.25)
            for x in [margin, margin + measurePt] {
                cairo_move_to(cr, x, y0 - size.value * 1.1)
                cairo_line_to(cr, x, y1 - lineStep + size.value * 0.4)
            }
            cairo_stroke(cr)
            cairo_restore(cr)
        }
        header()
        for (k, (paragraph, shaped)) in paragraphs.enumerated() {
            // A blank line between paragraphs: a proof with no indent still shows where one ends.
            if k > 0 { y += lineStep }
            for line in paragraph.lines {
                if y + lineStep > pageHeight - margin {
                    measureMarks(from: pageLinesTop, to: y)
                    cairo_show_page(cr)
                    header()
                    y = top
                    pageLinesTop = y
                }
                let origins = line.glyphs.map { (index: $0.index, x: margin + $0.origin.at(size).value) }
                cairo_set_source_rgb(cr, 0, 0, 0)
                shaped.draw(cr, origins: origins, baseline: y)
                y += lineStep
            }
        }
        measureMarks(from: pageLinesTop, to: y)
        cairo_show_page(cr)
        cairo_destroy(cr)
        try finishPDF(surface, out)
    }
}

/// Finishes a Cairo PDF surface written to `out`'s temporary file and moves it into place, or removes
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
