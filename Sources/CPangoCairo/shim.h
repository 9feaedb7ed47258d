#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H
#include <stdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <fontconfig/fontconfig.h>

/* Swift does not import function-like or cast macros; these re-expose the few we need. */
static inline void paiban_object_unref(void *obj) { if (obj) g_object_unref(obj); }
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
static inline FILE *paiban_stderr(void) { return stderr; }
static inline FILE *paiban_stdout(void) { return stdout; }
#endif
