import CPangoCairo
import PaibanCore

/// Draws display items on a Cairo context; the PDF and PNG back ends share it.
final class CairoPainter {
    let typesetter: PangoTypesetter
    /// Decoded images by path, kept for the document (a photo may repeat).
    private var images: [String: OpaquePointer] = [:]
    private let passJPEG: Bool

    /// PDF only: the jump lines' destinations (page from 1, x, y); a jump line whose other
    /// part was drawn becomes a link to it.
    private let destinations: [String: (page: Int, x: Double, y: Double)]

    /// The make-up's shaper, whose glyphs are drawn as they are (nil: runs are shaped here).
    private let shapes: PangoTextShaping?

    init(typesetter: PangoTypesetter, shapes: PangoTextShaping?, passJPEG: Bool,
         destinations: [String: (page: Int, x: Double, y: Double)] = [:]) {
        self.typesetter = typesetter
        self.shapes = shapes
        self.passJPEG = passJPEG
        self.destinations = destinations
    }

    deinit { for (_, s) in images { cairo_surface_destroy(s) } }

    /// Placements of each image on the page being drawn.
    private var usesOnPage: [String: Int] = [:]

    func draw(_ page: DisplayPage, on cr: OpaquePointer) {
        usesOnPage = [:]
        for item in page.items {
            switch item {
            case .glyphs(let run): drawGlyphs(run, cr)
            case .rule(let x1, let y1, let x2, let y2, let w):
                cairo_set_source_rgb(cr, 0, 0, 0)
                cairo_set_line_width(cr, w)
                cairo_move_to(cr, x1, y1)
                cairo_line_to(cr, x2, y2)
                cairo_stroke(cr)
            case .box(let r, let stroke, let fill):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                if let g = fill {
                    cairo_set_source_rgb(cr, g, g, g)
                    if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
                }
                if let w = stroke {
                    cairo_set_source_rgb(cr, 0, 0, 0)
                    cairo_set_line_width(cr, w)
                    cairo_stroke(cr)
                }
            case .image(let placement): drawImage(placement, cr)
            }
        }
    }

    private func drawGlyphs(_ run: GlyphRun, _ cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        let shaped: ShapedParagraph
        let origins: [(index: Int, x: Double)]
        if let src = run.source, let p = shapes?.paragraph(src.handle) {
            shaped = p
            origins = zip(src.offsets, run.origins).map { (index: $0, x: $1) }
        } else {
            shaped = typesetter.shape(run.text, font: run.font)
            origins = run.origins.enumerated().map { (index: $0.offset, x: $0.element) }
        }
        guard !destinations.isEmpty, run.anchor != nil || run.link.map({ destinations[$0] != nil }) == true else {
            shaped.draw(cr, origins: origins, baseline: run.baseline)
            return
        }
        // A jump line is a named destination, and a link to the other part (its area is the
        // ink drawn inside the tag).
        if let a = run.anchor {
            let x = run.boxes.first ?? 0, y = max(0, run.baseline - 2 * run.font.size.value)
            cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(a)' x=\(x) y=\(y)")
            cairo_tag_end(cr, CAIRO_TAG_DEST)
        }
        if let l = run.link, destinations[l] != nil { cairo_tag_begin(cr, CAIRO_TAG_LINK, "dest='\(l)'") }
        shaped.draw(cr, origins: origins, baseline: run.baseline)
        if let l = run.link, destinations[l] != nil { cairo_tag_end(cr, CAIRO_TAG_LINK) }
    }

    private func drawImage(_ p: ImagePlacement, _ cr: OpaquePointer) {
        guard let path = p.path, let surface = load(path) else {
            placeholder(p, cr)
            return
        }
        // Surfaces made for one placement (JPEG in PDF) go when drawn; the cache keeps the rest.
        defer { if images[path] == nil { cairo_surface_destroy(surface) } }
        // A filled rectangle, not a clipped paint: Cairo 1.16's PDF surface mishandles a paint
        // once structure tags are open (swift-cairo-pango.md §3.2 b).
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

    /// PNG decodes through Cairo. JPEG goes into PDF as it is (no re-encoding): Cairo keeps the
    /// JPEG bytes attached to a surface of the right size and writes them as a DCT stream.
    private func load(_ path: String) -> OpaquePointer? {
        if passJPEG && (path.lowercased().hasSuffix(".jpg") || path.lowercased().hasSuffix(".jpeg")) {
            // A fresh surface for each placement; pages share one embedded JPEG through its
            // unique id, but a second placement on the same page gets an id of its own: Cairo
            // 1.16 writes a duplicate resource key when one image is painted twice on a page.
            let n = usesOnPage[path, default: 0]
            usesOnPage[path] = n + 1
            return jpegSurface(path, uniqueID: "paiban:" + path + (n == 0 ? "" : "#\(n)"))
        }
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

    private func jpegSurface(_ path: String, uniqueID: String = "") -> OpaquePointer? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        fseek(f, 0, SEEK_END)
        let size = ftell(f)
        fseek(f, 0, SEEK_SET)
        guard size > 0, let buf = malloc(size) else { return nil }
        guard fread(buf, 1, size, f) == size else { free(buf); return nil }
        let bytes = buf.assumingMemoryBound(to: UInt8.self)
        guard passJPEG else {
            // Proofs: decode the pixels.
            defer { free(buf) }
            var w: Int32 = 0, h: Int32 = 0
            guard let pixels = paiban_decode_jpeg(bytes, UInt(size), &w, &h) else { return nil }
            let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
            cairo_surface_flush(s)
            let stride = Int(cairo_image_surface_get_stride(s))
            if let data = cairo_image_surface_get_data(s) {
                for y in 0..<Int(h) { memcpy(data + y * stride, pixels + y * Int(w) * 4, Int(w) * 4) }
            }
            cairo_surface_mark_dirty(s)
            free(pixels)
            return s
        }
        guard let header = imageHeader(UnsafeBufferPointer(start: bytes, count: size)), header.format == .jpeg else {
            free(buf)
            return nil
        }
        let dims = (header.width, header.height)
        // The PDF shows the attached JPEG data; the surface only gives Cairo the image's size,
        // so it is a 1-bit one (a 2400 × 1600 photo as RGB pixels would be 15 MB to allocate
        // and copy for nothing).
        let s = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(dims.0), Int32(dims.1))
        cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, bytes, UInt(size), free, buf)
        let id = Array(uniqueID.utf8)
        let idBuffer = malloc(id.count)!
        id.withUnsafeBytes { _ = memcpy(idBuffer, $0.baseAddress!, id.count) }
        cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, idBuffer.assumingMemoryBound(to: UInt8.self),
                                    UInt(id.count), free, idBuffer)
        return s
    }
}
