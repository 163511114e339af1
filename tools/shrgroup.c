/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Groups of shrink units (tools/shrgroup.h).  Spans are intervals of
 * offsets, so their union over the ordered units is a run of units:
 * a unit joined to the one before it belongs to that one's group.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/shrgroup.h"
#include "tools/tutil.h"

bool timg_insn_attr(const TImage *img, uint32_t i, const char *key,
                    uint32_t *v)
{
    const char *p = strstr(img->insn_text[i], key);
    char *end;

    if (!p) {
        return false;
    }
    *v = (uint32_t)strtoul(p + strlen(key), &end, 16);
    return end != p + strlen(key);
}

/* Link every unit that overlaps [s, e] to the one before it. */
static void link_span(const uint32_t *from, const uint32_t *to, int n,
                      uint32_t s, uint32_t e, bool *linked)
{
    int first = 0;

    for (int r = 1; r <= n; r++) {
        if (from[r] <= e && to[r] >= s) {
            if (first) {
                linked[r] = true;
            } else {
                first = r;
            }
        }
    }
}

uint32_t shrink_groups(const TImage *img, const uint32_t *from,
                       const uint32_t *to, int n, int *grp)
{
    bool *linked = xcalloc((size_t)n + 1, sizeof(bool));
    uint32_t reach = 0, v;

    for (uint32_t i = 0; i < img->ninsns; i++) {
        uint32_t o = img->insn_off[i];

        if (timg_insn_attr(img, i, " join=", &v) && v > o) {
            link_span(from, to, n, o, v, linked);
            if (n >= 1 && o <= to[n] && v > to[n] && v > reach) {
                reach = v;
            }
        }
        if (timg_insn_attr(img, i, " slot=", &v) && v < o) {
            link_span(from, to, n, v, o, linked);
        }
    }
    for (int r = 0; r <= n; r++) {
        grp[r] = r && linked[r] ? grp[r - 1] : r;
    }
    free(linked);
    return reach;
}

/* Append text[..p) and " key=<v + delta>"; returns the rest after v. */
static const char *shift_one(Sb *sb, const char *text, const char *p,
                             const char *key, int64_t delta)
{
    char *end;
    uint64_t v = strtoull(p + strlen(key), &end, 16);

    sb_putn(sb, text, (size_t)(p - text));
    sb_printf(sb, "%s%" PRIx64, key, (uint64_t)((int64_t)v + delta));
    return end;
}

char *shrink_shift_attrs(const char *text, int64_t delta)
{
    static const char *const keys[] = { " join=", " slot=" };
    Sb sb = { 0 };

    for (;;) {
        const char *p = NULL, *key = NULL;

        for (int k = 0; k < 2; k++) {
            const char *q = strstr(text, keys[k]);

            if (q && (!p || q < p)) {
                p = q;
                key = keys[k];
            }
        }
        if (!p) {
            break;
        }
        text = shift_one(&sb, text, p, key, delta);
    }
    sb_printf(&sb, "%s", text);
    return sb_take(&sb);
}

long shrink_branch_in(const TImage *img, uint32_t from, uint32_t to)
{
    uint32_t v;

    for (uint32_t i = 0; i < img->ninsns; i++) {
        if (img->insn_off[i] >= from && img->insn_off[i] < to &&
            timg_insn_attr(img, i, " join=", &v)) {
            return (long)i;
        }
    }
    return -1;
}
