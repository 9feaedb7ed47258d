import CPangoCairo
import PaibanCore

/// Draws display items on a Cairo context: the PNG proofs and the Cairo engine's PDF. Text is
/// drawn from the display list's glyphs alone, each in its face opened from its file.
final class CairoPainter {
    /// Where the faces come from (the writer's).
    let fontFiles: FontFiles
    /// Decoded images by path, kept for the document (a photo may repeat).
    private var images: [String: OpaquePointer] = [:]

    init(fontFiles: FontFiles) {
        self.fontFiles = fontFiles
    }

    deinit { for (_, s) in images { cairo_surface_destroy(s) } }

    func draw(_ page: DisplayPage, on cr: OpaquePointer) {
        // Glyph outlines as the typesetter's Pango fonts had them: unhinted, metrics unhinted.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        // A PDF surface keeps each glyph's text (its copy-out), as Pango gave it.
        let withText = cairo_surface_has_show_text_glyphs(cairo_get_target(cr)) != 0
        for item in page.items {
            switch item {
            case .glyphs(let run): drawGlyphs(run, cr, withText: withText)
            case .rule(let x1, let y1, let x2, let y2, let w, let paint):
                source(paint, cr)
                cairo_set_line_width(cr, w)
                cairo_move_to(cr, x1, y1)
                cairo_line_to(cr, x2, y2)
                cairo_stroke(cr)
            case .box(let r, let stroke, let fill, let strokePaint):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                if let fill {
                    source(fill, cr)
                    if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
                }
                if let w = stroke {
                    source(strokePaint, cr)
                    cairo_set_line_width(cr, w)
                    cairo_stroke(cr)
                }
            case .image(let placement): drawImage(placement, cr)
            }
        }
    }

    /// A proof shows an ink by its naive RGB (see `Paint.rgb`).
    private func source(_ paint: Paint, _ cr: OpaquePointer) {
        let c = paint.rgb
        cairo_set_source_rgb(cr, c.r, c.g, c.b)
    }

    /// The run's glyphs, one shaping run at a time (as Pango drew them: the Cairo PDF's text is
    /// grouped as it was). A face Cairo cannot load is skipped (the PDF writer reports its text).
    private func drawGlyphs(_ run: GlyphRun, _ cr: OpaquePointer, withText: Bool) {
        source(run.paint, cr)
        cairo_set_font_size(cr, run.font.size.value)
        let glyphs = run.glyphs
        for stretch in run.shapingStretches {
            guard let cairoFace = fontFiles.cairoFace(glyphs[stretch.lowerBound].face) else { continue }
            cairo_set_font_face(cr, cairoFace)
            var placed = pangoPositions(glyphs[stretch], baseline: run.baseline, cr)
            guard withText else {
                cairo_show_glyphs(cr, &placed, Int32(placed.count))
                continue
            }
            // Each cluster's glyphs and the UTF-8 of the text it shows.
            var utf8: [CChar] = []
            var clusters: [cairo_text_cluster_t] = []
            for cluster in run.clusters(in: stretch) {
                let before = utf8.count
                for s in run.clusterText(at: cluster.lowerBound) { for b in String(s).utf8 { utf8.append(CChar(bitPattern: b)) } }
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(utf8.count - before), num_glyphs: Int32(cluster.count)))
            }
            cairo_show_text_glyphs(cr, utf8, Int32(utf8.count), &placed, Int32(placed.count), &clusters,
                                   Int32(clusters.count), cairo_text_cluster_flags_t(0))
        }
    }

    /// The stretch's glyphs where Pango's renderer put them before glyphs were values: from
    /// the first glyph's pen as a Cairo current point (24.8 fixed point in device space), each
    /// next one by the pen distance rounded to Pango units (1/1024 pt). Placed at their exact
    /// pens instead (as the own writer places them), Cairo's PDF, whose TJ rounds positions to
    /// 1/1000 em, put the sample's “刊” 0.0007 pt left of its earlier place, and that glyph, on a
    /// pixel edge at 40 dpi, made 61 pixels (0.012 %) of page 1 differ from the own writer's
    /// where the engine comparison had measured none. Placed as Pango did, the sample's Cairo PDF
    /// and proofs are what they were but for sizes: Pango rounded them down to 1/1024 pt (44.1
    /// drawn at 44.0996), Cairo now draws the size the own writer writes (24 pixels of page 2 at
    /// 50 dpi change, by at most 15 grey levels).
    private func pangoPositions(_ glyphs: ArraySlice<PositionedGlyph>, baseline: Double, _ cr: OpaquePointer)
        -> [cairo_glyph_t]
    {
        var baseX = 0.0, baseY = 0.0
        cairo_move_to(cr, glyphs.first?.x ?? 0, baseline)
        cairo_get_current_point(cr, &baseX, &baseY)
        cairo_new_path(cr)
        let unit = Double(paiban_pango_scale())
        var pen = 0 // Pango units from the base
        var out: [cairo_glyph_t] = []
        out.reserveCapacity(glyphs.count)
        var previous: Double? = nil
        for g in glyphs {
            if let p = previous { pen += Int(((g.x - p) * unit).rounded()) }
            previous = g.x
            out.append(cairo_glyph_t(index: UInt(g.id), x: baseX + Double(pen + Int((g.xOffset * unit).rounded())) / unit,
                                     y: baseY + g.yOffset))
        }
        return out
    }

    private func drawImage(_ p: ImagePlacement, _ cr: OpaquePointer) {
        guard let path = p.path, let surface = load(path) else {
            placeholder(p, cr)
            return
        }
        cairo_save(cr)
        let sx = p.frame.width / p.crop.width, sy = p.frame.height / p.crop.height
        cairo_translate(cr, p.frame.x - p.crop.x * sx, p.frame.y - p.crop.y * sy)
        cairo_scale(cr, sx, sy)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_rectangle(cr, p.crop.x, p.crop.y, p.crop.width, p.crop.height)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// A missing image: a grey frame with its name, so the page still shows where it goes.
    private func placeholder(_ p: ImagePlacement, _ cr: OpaquePointer) {
        let r = p.frame
        cairo_save(cr)
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4)
        cairo_set_line_width(cr, 0.5)
        cairo_move_to(cr, r.x, r.y); cairo_line_to(cr, r.maxX, r.maxY)
        cairo_move_to(cr, r.maxX, r.y); cairo_line_to(cr, r.x, r.maxY)
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    /// Decoded images, cached for the document: PNG through Cairo, JPEG through libjpeg.
    private func load(_ path: String) -> OpaquePointer? {
        if let s = images[path] { return s }
        var surface: OpaquePointer? = nil
        let lower = path.lowercased()
        if lower.hasSuffix(".png") {
            let s = cairo_image_surface_create_from_png(path)
            if cairo_surface_status(s) == CAIRO_STATUS_SUCCESS { surface = s } else { cairo_surface_destroy(s) }
        } else if lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") {
            surface = jpegSurface(path)
        }
        if let surface { images[path] = surface }
        return surface
    }

    private func jpegSurface(_ path: String) -> OpaquePointer? {
        guard let bytes = readFile(path) else { return nil }
        var w: Int32 = 0, h: Int32 = 0
        guard let pixels = paiban_decode_jpeg(bytes, UInt(bytes.count), &w, &h) else { return nil }
        defer { free(pixels) }
        let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        if let data = cairo_image_surface_get_data(s) {
            for y in 0..<Int(h) { memcpy(data + y * stride, pixels + y * Int(w) * 4, Int(w) * 4) }
        }
        cairo_surface_mark_dirty(s)
        return s
    }
}
