import CPangoCairo
import Foundation
import PaibanCore

/// The faces a writer opens from the display list's `FaceRef`s, each once per writer: HarfBuzz
/// faces for the PDF's subsets, Cairo font faces for the proofs and the Cairo PDF. Both kinds
/// are immutable once made and safe to use from any thread (HarfBuzz's lazy tables load
/// atomically; Cairo guards FreeType with its own lock), so the writer can draw on any thread;
/// the lock guards only these tables.
public final class FontFiles: @unchecked Sendable {
    private struct FileFace: Hashable { var path: String; var index: Int }
    private let lock = NSLock()
    /// nil: the face cannot be opened (no file, not a font).
    private var harfBuzz: [FileFace: OpaquePointer?] = [:]
    private var cairo: [FaceRef: OpaquePointer?] = [:]

    public init() {}

    deinit {
        for case let face? in harfBuzz.values { hb_face_destroy(face) }
        for case let face? in cairo.values { cairo_font_face_destroy(face) }
    }

    /// The HarfBuzz face of a face file (one for its regular and emboldened uses: the PDF
    /// embeds the outlines once and strokes the emboldened text).
    func harfBuzzFace(_ ref: FaceRef) -> OpaquePointer? {
        let key = FileFace(path: ref.path, index: ref.index)
        return lock.withLock {
            if let known = harfBuzz[key] { return known }
            let face = Self.openHarfBuzz(key)
            harfBuzz[key] = face
            return face
        }
    }

    private static func openHarfBuzz(_ key: FileFace) -> OpaquePointer? {
        guard !key.path.isEmpty, let blob = hb_blob_create_from_file_or_fail(key.path) else { return nil }
        defer { hb_blob_destroy(blob) }
        // The low 16 bits are the face in a collection; the high ones name a variable font's
        // instance, which HarfBuzz sets on a font, not a face (as Pango does).
        guard let face = hb_face_create(blob, UInt32(key.index & 0xFFFF)) else { return nil }
        if hb_face_get_glyph_count(face) == 0 {
            hb_face_destroy(face)
            return nil
        }
        return face
    }

    /// The Cairo font face of a face as Pango drew it (file, index, emboldening, no hinting);
    /// nil when Cairo cannot load it (checked here: a face that fails later would put the
    /// drawing context into an error state and stop every drawing after it).
    func cairoFace(_ ref: FaceRef) -> OpaquePointer? {
        lock.withLock {
            if let known = cairo[ref] { return known }
            let face = Self.openCairo(ref)
            cairo[ref] = face
            return face
        }
    }

    private static func openCairo(_ ref: FaceRef) -> OpaquePointer? {
        guard !ref.path.isEmpty, access(ref.path, R_OK) == 0,
              let face = paiban_cairo_face(ref.path, Int32(ref.index), ref.embolden ? 1 : 0) else { return nil }
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        let options = cairo_font_options_create()
        let probe = cairo_scaled_font_create(face, &identity, &identity, options)
        cairo_font_options_destroy(options)
        let status = cairo_scaled_font_status(probe)
        cairo_scaled_font_destroy(probe)
        guard cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS, status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(face)
            return nil
        }
        return face
    }
}
