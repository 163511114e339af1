/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text helpers; see text.h. */
#include "tools/lib/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tools/lib/alloc.h"

char ascii_tolower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int ascii_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)ascii_tolower(*a);
        int cb = (unsigned char)ascii_tolower(*b);

        if (ca != cb || !ca) {
            return ca - cb;
        }
    }
}

size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = xmalloc((lb + 1) * sizeof(*row));
    size_t d;

    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t v = diag + (ascii_tolower(a[i - 1]) !=
                               ascii_tolower(b[j - 1]));

            if (up + 1 < v) {
                v = up + 1;
            }
            if (row[j - 1] + 1 < v) {
                v = row[j - 1] + 1;
            }
            row[j] = v;
            diag = up;
        }
    }
    d = row[lb];
    free(row);
    return d;
}

enum { NSUGGEST = 3 };

/* Insert candidate i at distance d into the sorted best list. */
static void rank(size_t *best, size_t *bestd, int *nb, size_t i, size_t d)
{
    int pos = *nb;

    while (pos > 0 && bestd[pos - 1] > d) {
        pos--;
    }
    if (pos >= NSUGGEST) {
        return;
    }
    if (*nb < NSUGGEST) {
        (*nb)++;
    }
    for (int k = *nb - 1; k > pos; k--) {
        best[k] = best[k - 1];
        bestd[k] = bestd[k - 1];
    }
    best[pos] = i;
    bestd[pos] = d;
}

const char *suggest_names(StrBuf *b, const char *want,
                          const char *const *cands, size_t n)
{
    size_t best[NSUGGEST], bestd[NSUGGEST];
    int nb = 0;

    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(want, cands[i]);
        bool dup = false;

        if (strstr(cands[i], want) && d > 1) {
            d = 1;
        }
        for (int k = 0; k < nb; k++) {
            dup |= !strcmp(cands[best[k]], cands[i]);
        }
        if (!dup) {
            rank(best, bestd, &nb, i, d);
        }
    }
    if (nb) {
        sb_puts(b, " (did you mean ");
        for (int k = 0; k < nb; k++) {
            sb_printf(b, "%s'%s'", k ? (k == nb - 1 ? " or " : ", ") : "",
                      cands[best[k]]);
        }
        sb_puts(b, "?)");
    }
    if (!b->s) {
        sb_puts(b, "");
    }
    return b->s;
}

void hex_bytes(char *out, const uint8_t *p, size_t n)
{
    static const char hx[] = "0123456789abcdef";

    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hx[p[i] >> 4];
        out[2 * i + 1] = hx[p[i] & 15];
    }
    out[2 * n] = 0;
}

char *sh_quote(const char *s)
{
    StrBuf b = { 0 };
    bool plain = *s != 0;

    for (const char *p = s; *p; p++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789_-./=:,+@%", *p)) {
            plain = false;
        }
    }
    if (plain) {
        return xstrdup(s);
    }
    sb_putc(&b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            sb_puts(&b, "'\\''");
        } else {
            sb_putc(&b, *p);
        }
    }
    sb_putc(&b, '\'');
    return sb_take(&b);
}
