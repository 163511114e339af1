/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text helpers for the parser: UTF-8, Python's whitespace, and the
 * identifier classes of decodetree.py's regular expressions.
 */
#ifndef RISU_DECODE_TEXT_H
#define RISU_DECODE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Numbers larger than this only ever lead to "too large" errors. */
#define DT_COUNT_MAX (1L << 30)

/* Length of the code point at s (0 if invalid); *cp receives it. */
size_t dt_utf8_decode(const char *s, size_t n, uint32_t *cp);
bool dt_utf8_valid(const char *s, size_t n, size_t *bad);
bool dt_is_space_cp(uint32_t c);
/* Byte length of the whitespace code point at s, or 0. */
size_t dt_space_at(const char *s, size_t n);
/* Byte length of the code point at s (1 for a stray byte). */
size_t dt_char_len(const char *s, size_t n);

/* Printable rendering of a token for diagnostics. */
void dt_quote_token(char *out, size_t outlen, const char *p, size_t n);

/* Length of the [a-zA-Z][a-zA-Z0-9_]* prefix of p. */
size_t dt_match_c_ident(const char *p, size_t n);
/* p is entirely [a-zA-Z0-9_]* (possibly empty). */
bool dt_is_word(const char *p, size_t n);
/* p is [0-9]+. */
bool dt_is_digits(const char *p, size_t n);
/* Decimal digits, saturating at DT_COUNT_MAX. */
long dt_parse_count(const char *p, size_t n);

#endif
