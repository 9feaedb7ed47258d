#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H
#include <stdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include "newsprint.h"

/* Swift does not import function-like or cast macros; these re-expose the few we need. */
static inline void paiban_object_unref(void *obj) { if (obj) g_object_unref(obj); }
static inline void paiban_object_ref(void *obj) { if (obj) g_object_ref(obj); }
static inline int paiban_pango_scale(void) { return PANGO_SCALE; }
static inline PangoItem *paiban_item_at(GList *l) { return (PangoItem *)l->data; }
static inline PangoFcFontMap *paiban_as_fc_font_map(PangoFontMap *m) {
    return PANGO_IS_FC_FONT_MAP(m) ? PANGO_FC_FONT_MAP(m) : NULL;
}
static inline int paiban_is_unknown_glyph(PangoGlyph g) { return (g & PANGO_GLYPH_UNKNOWN_FLAG) != 0; }
/* The family name fontconfig resolved for a Pango font, for reports. Caller frees. */
static inline char *paiban_font_description(PangoFont *font) {
    PangoFontDescription *d = pango_font_describe(font);
    char *s = pango_font_description_to_string(d);
    pango_font_description_free(d);
    return s;
}
/* Whether fontconfig asks for synthetic bold (a role wants bold and the family has none). */
static inline int paiban_is_emboldened(PangoFont *font) {
    if (!PANGO_IS_FC_FONT(font)) return 0;
    FcPattern *p = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcBool b = FcFalse;
    if (p) FcPatternGetBool(p, FC_EMBOLDEN, 0, &b);
    return b == FcTrue;
}
/* The file, face index, full name and emboldening of a Pango font's face, as fontconfig
   resolved it: what a back end needs to open the face again. NULL when the font has no file
   (the strings point into the font's pattern: copy them while the font lives). */
static inline const char *paiban_font_file(PangoFont *font, int *index, const char **name, int *embolden) {
    *index = 0; *name = NULL; *embolden = 0;
    if (!font || !PANGO_IS_FC_FONT(font)) return NULL;
    FcPattern *p = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file = NULL, *full = NULL;
    if (!p || FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch) return NULL;
    FcPatternGetInteger(p, FC_INDEX, 0, index);
    if (FcPatternGetString(p, FC_FULLNAME, 0, &full) == FcResultMatch
        || FcPatternGetString(p, FC_FAMILY, 0, &full) == FcResultMatch) *name = (const char *)full;
    FcBool b = FcFalse;
    FcPatternGetBool(p, FC_EMBOLDEN, 0, &b);
    *embolden = b == FcTrue;
    return (const char *)file;
}
/* A Cairo font face for a face file, as Pango's own for it: the file and index, emboldened when
   fontconfig asked for it, unhinted (what the typesetter's context asks of Pango's fonts). */
static inline cairo_font_face_t *paiban_cairo_face(const char *file, int index, int embolden) {
    FcPattern *p = FcPatternCreate();
    FcPatternAddString(p, FC_FILE, (const FcChar8 *)file);
    FcPatternAddInteger(p, FC_INDEX, index);
    FcPatternAddBool(p, FC_EMBOLDEN, embolden ? FcTrue : FcFalse);
    FcPatternAddBool(p, FC_HINTING, FcFalse);
    FcPatternAddInteger(p, FC_HINT_STYLE, FC_HINT_NONE);
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(p);
    FcPatternDestroy(p);
    return face;
}
static inline FILE *paiban_stderr(void) { return stderr; }
static inline FILE *paiban_stdout(void) { return stdout; }

/* JPEG decoding for PNG proofs (PDF output passes JPEG through untouched). libjpeg reports
   errors by longjmp, which Swift cannot catch, so the decoder lives here. Returns a malloc'd
   buffer in Cairo's RGB24 layout (stride width * 4), or NULL. */
struct paiban_jpeg_error { struct jpeg_error_mgr mgr; jmp_buf jump; };
static void paiban_jpeg_fail(j_common_ptr cinfo) {
    longjmp(((struct paiban_jpeg_error *)cinfo->err)->jump, 1);
}
/* libjpeg prints its warnings ("Corrupt JPEG data: …") to stderr without the file's name; the
   load-time check below reports them with it, so the decoders stay quiet. */
static void paiban_jpeg_quiet(j_common_ptr cinfo) { (void)cinfo; }

/* Decodes the whole JPEG at 1/8 scale (every coefficient is still entropy-decoded, which is
   where damage shows, at a fraction of the full decode's cost) and returns 0 when libjpeg
   found nothing wrong, else 1 with its first message in `message`. */
struct paiban_jpeg_check { struct jpeg_error_mgr mgr; jmp_buf jump; char first[JMSG_LENGTH_MAX]; int problems; };
static void paiban_jpeg_check_fail(j_common_ptr cinfo) {
    struct paiban_jpeg_check *c = (struct paiban_jpeg_check *)cinfo->err;
    if (!c->problems++) cinfo->err->format_message(cinfo, c->first);
    longjmp(c->jump, 1);
}
static void paiban_jpeg_check_message(j_common_ptr cinfo, int level) {
    struct paiban_jpeg_check *c = (struct paiban_jpeg_check *)cinfo->err;
    if (level < 0 && !c->problems++) cinfo->err->format_message(cinfo, c->first);
}
static inline int paiban_check_jpeg(const unsigned char *data, unsigned long size, char *message, unsigned long capacity) {
    struct jpeg_decompress_struct cinfo;
    struct paiban_jpeg_check check;
    JSAMPROW volatile row = NULL;
    check.problems = 0;
    check.first[0] = 0;
    cinfo.err = jpeg_std_error(&check.mgr);
    check.mgr.error_exit = paiban_jpeg_check_fail;
    check.mgr.emit_message = paiban_jpeg_check_message;
    check.mgr.output_message = paiban_jpeg_quiet;
    if (setjmp(check.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(row);
    } else {
        jpeg_create_decompress(&cinfo);
        jpeg_mem_src(&cinfo, data, size);
        jpeg_read_header(&cinfo, TRUE);
        cinfo.scale_num = 1;
        cinfo.scale_denom = 8;
        cinfo.dct_method = JDCT_IFAST;
        cinfo.do_fancy_upsampling = FALSE;
        jpeg_start_decompress(&cinfo);
        row = malloc((size_t)cinfo.output_width * cinfo.output_components);
        while (row && cinfo.output_scanline < cinfo.output_height) {
            JSAMPROW rows[1] = { row };
            jpeg_read_scanlines(&cinfo, rows, 1);
        }
        jpeg_finish_decompress(&cinfo);
        jpeg_destroy_decompress(&cinfo);
        free(row);
    }
    if (check.problems && capacity > 0) { strncpy(message, check.first, capacity - 1); message[capacity - 1] = 0; }
    return check.problems ? 1 : 0;
}

static inline unsigned char *paiban_decode_jpeg(const unsigned char *data, unsigned long size, int *width, int *height) {
    struct jpeg_decompress_struct cinfo;
    struct paiban_jpeg_error err;
    unsigned char *volatile out = NULL;
    unsigned char *volatile row = NULL;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = paiban_jpeg_fail;
    err.mgr.output_message = paiban_jpeg_quiet;
    if (setjmp(err.jump)) { jpeg_destroy_decompress(&cinfo); free(out); free(row); return NULL; }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    int w = (int)cinfo.output_width, h = (int)cinfo.output_height;
    out = malloc((size_t)w * h * 4);
    row = malloc((size_t)w * 3);
    if (!out || !row) { jpeg_destroy_decompress(&cinfo); free(out); free(row); return NULL; }
    while (cinfo.output_scanline < cinfo.output_height) {
        int y = (int)cinfo.output_scanline;
        JSAMPROW rows[1] = { row };
        jpeg_read_scanlines(&cinfo, rows, 1);
        unsigned int *dst = (unsigned int *)(out + (size_t)y * w * 4);
        for (int x = 0; x < w; x++) dst[x] = 0xFF000000u | (row[3*x] << 16) | (row[3*x+1] << 8) | row[3*x+2];
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    *width = w; *height = h;
    return out;
}
#endif
