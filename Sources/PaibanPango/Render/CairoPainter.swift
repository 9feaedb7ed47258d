import CPangoCairo
import PaibanCore

/// Draws display items on a Cairo context: the PNG proofs.
final class CairoPainter {
    let typesetter: PangoTypesetter
    /// Decoded images by path, kept for the document (a photo may repeat).
    private var images: [String: OpaquePointer] = [:]

    /// The make-up's shaper, whose glyphs are drawn as they are (nil: runs are shaped here).
    private let shapes: PangoTextShaping?

    init(typesetter: PangoTypesetter, shapes: PangoTextShaping?) {
        self.typesetter = typesetter
        self.shapes = shapes
    }

    deinit { for (_, s) in images { cairo_surface_destroy(s) } }

    func draw(_ page: DisplayPage, on cr: OpaquePointer) {
        for item in page.items {
            switch item {
            case .glyphs(let run): drawGlyphs(run, cr)
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

    private func drawGlyphs(_ run: GlyphRun, _ cr: OpaquePointer) {
        source(run.paint, cr)
        let (shaped, origins) = shapedGlyphs(run, typesetter: typesetter, shapes: shapes)
        shaped.draw(cr, origins: origins, baseline: run.baseline)
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
