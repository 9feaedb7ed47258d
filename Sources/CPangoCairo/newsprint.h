/* Paiban's own newsprint characterisation, made with LittleCMS when a layout names no plant
   profile: a model of coldset offset on newsprint (ISO 12647-3 inks and paper, a tone value
   increase of 26 % at 40 %, heavy grey-component replacement, a total ink limit). It is an
   approximation for proofs and conversion, not a registered characterisation; a press's own
   ICC profile (print: {profile: …}) replaces it. */
#include <lcms2.h>
#include <math.h>

/* Tone value increase: 40 % on the plate prints as 66 % (26 points), ISO 12647-3's curve. */
static const double paiban_tvi_gamma = 2.11;
static double paiban_printed(double t) { return 1.0 - pow(1.0 - t, paiban_tvi_gamma); }
static double paiban_plate(double printed) { return 1.0 - pow(1.0 - printed, 1.0 / paiban_tvi_gamma); }

/* Paper and the inks' filters in linear RGB: newsprint is greyish (L* 82), cyan passes little
   red, magenta little green, yellow little blue, black almost nothing. */
static const double paiban_paper[3] = { 0.62, 0.60, 0.54 };
static const double paiban_filter[4][3] = {
    { 0.10, 0.55, 0.80 }, { 0.75, 0.12, 0.45 }, { 0.95, 0.85, 0.10 }, { 0.05, 0.05, 0.05 } };

static void paiban_cmyk_to_lab(const double cmyk[4], cmsCIELab *lab) {
    double rgb[3];
    for (int ch = 0; ch < 3; ch++) {
        double r = paiban_paper[ch];
        for (int i = 0; i < 4; i++) { double a = paiban_printed(cmyk[i]); r *= 1.0 - a * (1.0 - paiban_filter[i][ch]); }
        rgb[ch] = r;
    }
    /* Linear sRGB to XYZ (D65 matrix; the PCS white is the paper, as a relative profile). */
    cmsCIEXYZ xyz = { 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2],
                      0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2],
                      0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2] };
    cmsXYZ2Lab(cmsD50_XYZ(), lab, &xyz);
}

static cmsInt32Number paiban_a2b(const cmsUInt16Number in[], cmsUInt16Number out[], void *cargo) {
    (void)cargo;
    double cmyk[4] = { in[0] / 65535.0, in[1] / 65535.0, in[2] / 65535.0, in[3] / 65535.0 };
    cmsCIELab lab;
    paiban_cmyk_to_lab(cmyk, &lab);
    cmsFloat2LabEncoded(out, &lab);
    return 1;
}

/* Lab to CMYK: the colour's absorption per RGB channel against the paper, black taken for the
   common grey (heavy GCR: newspapers print neutrals mostly in K), each ink back through the
   tone curve, and the total held to the limit by taking colour out of C, M and Y. */
static cmsInt32Number paiban_b2a(const cmsUInt16Number in[], cmsUInt16Number out[], void *cargo) {
    double limit = *(const double *)cargo;
    cmsCIELab lab; cmsCIEXYZ xyz;
    cmsLabEncoded2Float(&lab, in);
    cmsLab2XYZ(cmsD50_XYZ(), &xyz, &lab);
    double rgb[3] = { 3.2406 * xyz.X - 1.5372 * xyz.Y - 0.4986 * xyz.Z,
                      -0.9689 * xyz.X + 1.8758 * xyz.Y + 0.0415 * xyz.Z,
                      0.0557 * xyz.X - 0.2040 * xyz.Y + 1.0570 * xyz.Z };
    double a[3];
    for (int ch = 0; ch < 3; ch++) {
        double r = rgb[ch] / paiban_paper[ch];
        a[ch] = r >= 1 ? 0 : r <= 0 ? 1 : 1 - r;
    }
    double grey = fmin(a[0], fmin(a[1], a[2]));
    double k = grey * 0.9;
    double cmy[3];
    for (int i = 0; i < 3; i++) cmy[i] = k >= 1 ? 0 : fmax(0, (a[i] - k) / (1 - k));
    double plate[4] = { paiban_plate(cmy[0]), paiban_plate(cmy[1]), paiban_plate(cmy[2]), paiban_plate(k) };
    double total = plate[0] + plate[1] + plate[2] + plate[3];
    if (total > limit && plate[0] + plate[1] + plate[2] > 0) {
        double scale = fmax(0, (limit - plate[3]) / (plate[0] + plate[1] + plate[2]));
        for (int i = 0; i < 3; i++) plate[i] *= scale;
    }
    for (int i = 0; i < 4; i++) out[i] = (cmsUInt16Number)lround(fmin(1, fmax(0, plate[i])) * 65535.0);
    return 1;
}

static void paiban_fix_profile_header(unsigned char *bytes, unsigned int n) {
    static const unsigned char created[12] = { 0x07, 0xEA, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0 };
    if (n > 100) { memcpy(bytes + 24, created, 12); memset(bytes + 84, 0, 16); }
}

/* The profile as ICC bytes (malloc'd, *size set), or NULL. `limit` is the total ink, 0…4. */
static inline unsigned char *paiban_newsprint_profile(double limit, unsigned int *size) {
    cmsHPROFILE h = cmsCreateProfilePlaceholder(NULL);
    if (!h) return NULL;
    /* ICC v2: what PDF 1.3 (PDF/X-1a:2001) knows; lcms writes lut16 tables for it. Their Lab
       is read with v2's encoding, 0.4 % off the v4 one the samplers use: well under a ΔE of 1. */
    cmsSetProfileVersion(h, 2.4);
    cmsSetDeviceClass(h, cmsSigOutputClass);
    cmsSetColorSpace(h, cmsSigCmykData);
    cmsSetPCS(h, cmsSigLabData);
    cmsSetHeaderRenderingIntent(h, INTENT_PERCEPTUAL);
    cmsMLU *desc = cmsMLUalloc(NULL, 1), *copy = cmsMLUalloc(NULL, 1);
    cmsMLUsetASCII(desc, "en", "US", "Paiban newsprint (approximating ISO 12647-3 coldset, TVI 26%)");
    cmsMLUsetASCII(copy, "en", "US", "No copyright, use freely");
    cmsWriteTag(h, cmsSigProfileDescriptionTag, desc);
    cmsWriteTag(h, cmsSigCopyrightTag, copy);
    cmsWriteTag(h, cmsSigMediaWhitePointTag, cmsD50_XYZ());
    cmsMLUfree(desc); cmsMLUfree(copy);
    cmsPipeline *a2b = cmsPipelineAlloc(NULL, 4, 3), *b2a = cmsPipelineAlloc(NULL, 3, 4);
    cmsStage *fwd = cmsStageAllocCLut16bit(NULL, 9, 4, 3, NULL), *rev = cmsStageAllocCLut16bit(NULL, 17, 3, 4, NULL);
    cmsStageSampleCLut16bit(fwd, paiban_a2b, NULL, 0);
    cmsStageSampleCLut16bit(rev, paiban_b2a, &limit, 0);
    /* A lut16 holds curves, CLUT, curves: identity curves around each CLUT. */
    cmsPipelineInsertStage(a2b, cmsAT_END, cmsStageAllocToneCurves(NULL, 4, NULL));
    cmsPipelineInsertStage(a2b, cmsAT_END, fwd);
    cmsPipelineInsertStage(a2b, cmsAT_END, cmsStageAllocToneCurves(NULL, 3, NULL));
    cmsPipelineInsertStage(b2a, cmsAT_END, cmsStageAllocToneCurves(NULL, 3, NULL));
    cmsPipelineInsertStage(b2a, cmsAT_END, rev);
    cmsPipelineInsertStage(b2a, cmsAT_END, cmsStageAllocToneCurves(NULL, 4, NULL));
    const cmsTagSignature atob[3] = { cmsSigAToB0Tag, cmsSigAToB1Tag, cmsSigAToB2Tag };
    const cmsTagSignature btoa[3] = { cmsSigBToA0Tag, cmsSigBToA1Tag, cmsSigBToA2Tag };
    for (int i = 0; i < 3; i++) { cmsWriteTag(h, atob[i], a2b); cmsWriteTag(h, btoa[i], b2a); }
    cmsPipelineFree(a2b); cmsPipelineFree(b2a);
    cmsUInt32Number n = 0;
    unsigned char *bytes = NULL;
    if (cmsSaveProfileToMem(h, NULL, &n) && n > 0 && (bytes = malloc(n)) && cmsSaveProfileToMem(h, bytes, &n)) {
        *size = n;
        /* The header's creation time (bytes 24–35) is the clock's: fixed, with the profile ID
           (84–99, an MD5 of the rest) left unset, so the same edition gives the same PDF. */
        paiban_fix_profile_header(bytes, n);
    } else { free(bytes); bytes = NULL; }
    cmsCloseProfile(h);
    return bytes;
}

/* RGB pixels (8-bit, sRGB) to CMYK through `profile` (ICC bytes), perceptual, the total ink held
   to `limit` (0…4) by taking colour out of C, M and Y. Returns 1 and the largest total ink in
   percent in *max_ink, or 0 when the profile cannot be used. */
static inline int paiban_rgb_to_cmyk(const unsigned char *profile, unsigned int size, const unsigned char *rgb,
                                     unsigned char *cmyk, unsigned long pixels, double limit, double *max_ink) {
    cmsHPROFILE out = cmsOpenProfileFromMem(profile, size), in = cmsCreate_sRGBProfile();
    if (!out || !in) { if (out) cmsCloseProfile(out); if (in) cmsCloseProfile(in); return 0; }
    cmsHTRANSFORM t = cmsCreateTransform(in, TYPE_RGB_8, out, TYPE_CMYK_8, INTENT_PERCEPTUAL, 0);
    cmsCloseProfile(in); cmsCloseProfile(out);
    if (!t) return 0;
    cmsDoTransform(t, rgb, cmyk, (cmsUInt32Number)pixels);
    cmsDeleteTransform(t);
    int cap = (int)lround(limit * 255), most = 0;
    for (unsigned long p = 0; p < pixels; p++) {
        unsigned char *q = cmyk + 4 * p;
        int total = q[0] + q[1] + q[2] + q[3];
        if (total > cap) {
            int colour = q[0] + q[1] + q[2], room = cap - q[3] > 0 ? cap - q[3] : 0;
            for (int i = 0; i < 3; i++) q[i] = colour > 0 ? (unsigned char)(q[i] * room / colour) : 0;
            total = q[0] + q[1] + q[2] + q[3];
        }
        if (total > most) most = total;
    }
    *max_ink = most * 100.0 / 255.0;
    return 1;
}

/* sRGB's ICC profile as bytes (malloc'd), for an RGB photo kept as it is in PDF/X-4. */
static inline unsigned char *paiban_srgb_profile(unsigned int *size) {
    cmsHPROFILE h = cmsCreate_sRGBProfile();
    cmsUInt32Number n = 0;
    unsigned char *bytes = NULL;
    if (h && cmsSaveProfileToMem(h, NULL, &n) && n > 0 && (bytes = malloc(n)) && cmsSaveProfileToMem(h, bytes, &n)) {
        *size = n;
        paiban_fix_profile_header(bytes, n);
    }
    else { free(bytes); bytes = NULL; }
    if (h) cmsCloseProfile(h);
    return bytes;
}
