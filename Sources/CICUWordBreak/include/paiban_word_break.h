#ifndef PAIBAN_WORD_BREAK_H
#define PAIBAN_WORD_BREAK_H
#include <stdint.h>

/* ICU's word break iterator behind plain C types. ICU's own headers are included only in the
   .c file: Swift's Foundation bundles an ICU of its own whose C types clash with the system's
   when both are imported into one Swift module. */

typedef struct paiban_word_breaker paiban_word_breaker;

/* A dictionary-based word breaker for `locale` (e.g. "zh"), or NULL. */
paiban_word_breaker *paiban_word_breaker_open(const char *locale);
void paiban_word_breaker_close(paiban_word_breaker *breaker);

/* Writes the word boundaries of `text` (UTF-16, `length` units) strictly inside it, as UTF-16
   offsets in ascending order, into `out` (room for `capacity`). Returns how many there are,
   or -1 when ICU fails. */
int32_t paiban_word_boundaries(paiban_word_breaker *breaker, const uint16_t *text, int32_t length,
                               int32_t *out, int32_t capacity);
#endif
