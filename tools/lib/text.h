/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text helpers for the host programs: locale-independent ASCII case,
 * "did you mean" suggestions, hex and shell quoting.
 */
#ifndef TOOLS_LIB_TEXT_H
#define TOOLS_LIB_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "tools/lib/strbuf.h"

char ascii_tolower(char c);
/* Case-insensitive ASCII compare (the same in every locale). */
int ascii_strcasecmp(const char *a, const char *b);

/* Levenshtein distance, ignoring ASCII case. */
size_t edit_distance(const char *a, const char *b);
/*
 * Append " (did you mean 'X', 'Y' or 'Z'?)": the up to three candidates
 * nearest to want (a candidate containing want counts as distance 1;
 * ties in candidate order), nothing when there are no candidates.
 * Returns b->s, never NULL.
 */
const char *suggest_names(StrBuf *b, const char *want,
                          const char *const *cands, size_t n);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_bytes(char *out, const uint8_t *p, size_t n);
/* Quote one word for POSIX sh ('...' with '\'' for quotes); allocated. */
char *sh_quote(const char *s);

#endif
