import CPangoCairo
import PaibanCore

/// One worker's Pango state: a font map on Paiban's private fontconfig setup and a context set
/// for device-independent geometry (72 dpi, no hinting, no position rounding, zh-cn).
/// Pango objects are not thread-safe: create one `PangoTypesetter` per thread or process and
/// never hand it to another.
public final class PangoTypesetter {
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private let fontConfig: PrivateFontConfig
    private var descriptions: [FontSpec: OpaquePointer] = [:]
    /// The face of each Pango font shaping met, the font held (a freed font's address could
    /// come back as another font's).
    private var faces: [UnsafeMutableRawPointer: FaceRef] = [:]

    public convenience init() throws {
        try self.init(fontsDirectory: try locateFontsDirectory())
    }

    public init(fontsDirectory: String) throws {
        fontConfig = try PrivateFontConfig(directory: fontsDirectory)
        fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)
        if let fc = paiban_as_fc_font_map(fontMap) {
            pango_fc_font_map_set_config(fc, fontConfig.config)
        }
        context = pango_font_map_create_context(fontMap)
        pango_cairo_context_set_resolution(context, 72)
        pango_context_set_round_glyph_positions(context, 0)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_language(context, pango_language_from_string("zh-cn"))
    }

    deinit {
        for (_, d) in descriptions { pango_font_description_free(d) }
        for (font, _) in faces { paiban_object_unref(font) }
        paiban_object_unref(UnsafeMutableRawPointer(context))
        paiban_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    func description(for spec: FontSpec) -> OpaquePointer {
        if let d = descriptions[spec] { return d }
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, spec.role.rawValue)
        pango_font_description_set_absolute_size(d, spec.size.value * Double(paiban_pango_scale()))
        pango_font_description_set_weight(d, spec.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        descriptions[spec] = d
        return d
    }

    /// The face a Pango font draws from, as a value (a face with no path when there is no font
    /// or it has no file: no back end draws it, the PDF writer reports its text).
    func face(of font: UnsafeMutablePointer<PangoFont>?) -> FaceRef {
        guard let font else { return FaceRef(path: "", index: 0, name: "no font") }
        let key = UnsafeMutableRawPointer(font)
        if let known = faces[key] { return known }
        var index: Int32 = 0, embolden: Int32 = 0
        var name: UnsafePointer<CChar>? = nil
        let face: FaceRef
        if let file = paiban_font_file(font, &index, &name, &embolden) {
            face = FaceRef(path: String(cString: file), index: Int(index), name: name.map { String(cString: $0) } ?? "",
                           embolden: embolden != 0)
        } else {
            var description = "a font with no file"
            if let d = paiban_font_description(font) {
                description = String(cString: d)
                g_free(d)
            }
            face = FaceRef(path: "", index: 0, name: description)
        }
        paiban_object_ref(key)
        faces[key] = face
        return face
    }

    /// Shapes a paragraph in one font; the result keeps the glyphs as values.
    public func shape(_ text: [Unicode.Scalar], font spec: FontSpec) -> ShapedParagraph {
        ShapedParagraph(text: text, spec: spec, typesetter: self)
    }

    /// The file and face that a role resolves to, for the README and reports.
    public func resolvedFamily(_ spec: FontSpec) -> String {
        guard let font = pango_font_map_load_font(fontMap, context, description(for: spec)) else { return "(none)" }
        defer { paiban_object_unref(UnsafeMutableRawPointer(font)) }
        guard let s = paiban_font_description(font) else { return "(unknown)" }
        defer { g_free(s) }
        return String(cString: s)
    }
}

/// A `TextShaper` for the composer that shapes with one font of a typesetter.
public struct PangoShaper: TextShaper {
    let typesetter: PangoTypesetter
    let spec: FontSpec
    public init(_ typesetter: PangoTypesetter, font: FontSpec) {
        self.typesetter = typesetter
        self.spec = font
    }
    public func shape(_ text: [Unicode.Scalar]) -> ShapedAdvances {
        typesetter.shape(text, font: spec).advances
    }
}
