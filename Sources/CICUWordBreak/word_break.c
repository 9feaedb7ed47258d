#include "paiban_word_break.h"
#include <stdlib.h>
#include <unicode/ubrk.h>

struct paiban_word_breaker { UBreakIterator *iterator; };

paiban_word_breaker *paiban_word_breaker_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status) || !it) return NULL;
    paiban_word_breaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); return NULL; }
    b->iterator = it;
    return b;
}

void paiban_word_breaker_close(paiban_word_breaker *b) {
    if (!b) return;
    ubrk_close(b->iterator);
    free(b);
}

int32_t paiban_word_boundaries(paiban_word_breaker *b, const uint16_t *text, int32_t length,
                               int32_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(b->iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t n = 0;
    ubrk_first(b->iterator);
    for (int32_t p = ubrk_next(b->iterator); p != UBRK_DONE && p < length; p = ubrk_next(b->iterator)) {
        if (n < capacity) out[n] = p;
        n++;
    }
    /* The iterator must not keep a pointer into the caller's buffer. */
    UErrorCode reset = U_ZERO_ERROR;
    ubrk_setText(b->iterator, NULL, 0, &reset);
    return n;
}
