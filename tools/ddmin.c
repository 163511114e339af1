/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ddmin over a set of items (see ddmin.h). */
#include <stdlib.h>
#include <string.h>
#include "tools/ddmin.h"
#include "tools/tutil.h"

typedef struct Cache {
    bool **sets;
    bool *res;
    int n, cap, len;
} Cache;

static bool cached_test(Cache *c, DdTest test, void *opaque, const bool *keep,
                        int *ntests)
{
    bool r;

    for (int i = 0; i < c->n; i++) {
        if (!memcmp(c->sets[i], keep, (size_t)c->len)) {
            return c->res[i];
        }
    }
    r = test(opaque, keep, c->len);
    if (ntests) {
        (*ntests)++;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->sets = xrealloc(c->sets, (size_t)c->cap * sizeof(bool *));
        c->res = xrealloc(c->res, (size_t)c->cap);
    }
    c->sets[c->n] = xmalloc((size_t)c->len);
    memcpy(c->sets[c->n], keep, (size_t)c->len);
    c->res[c->n++] = r;
    return r;
}

int ddmin(int n, DdTest test, void *opaque, bool *keep, int *ntests)
{
    Cache cache = { .len = n > 0 ? n : 0 };
    int *cur, ncur = 0, parts = 2;
    bool *cand;

    if (n <= 0) {
        return 0;
    }
    cur = xcalloc((size_t)n + 1, sizeof(int));
    cand = xcalloc((size_t)n + 1, 1);

    for (int i = 0; i < n; i++) {
        if (keep[i]) {
            cur[ncur++] = i;
        }
    }
    /* Cheapest answer first: nothing but the fixed part is needed. */
    if (ncur) {
        memset(cand, 0, (size_t)n);
        if (cached_test(&cache, test, opaque, cand, ntests)) {
            ncur = 0;
        }
    }
    while (ncur >= 2) {
        bool reduced = false;

        if (parts > ncur) {
            parts = ncur;
        }
        /* Try each chunk alone, then each complement. */
        for (int pass = 0; pass < 2 && !reduced; pass++) {
            for (int k = 0; k < parts && !reduced; k++) {
                int lo = ncur * k / parts, hi = ncur * (k + 1) / parts;
                int m = 0;

                memset(cand, 0, (size_t)n);
                for (int i = 0; i < ncur; i++) {
                    bool in = i >= lo && i < hi;

                    if (pass == 0 ? in : !in) {
                        cand[cur[i]] = true;
                    }
                }
                if (!cached_test(&cache, test, opaque, cand, ntests)) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    if (cand[i]) {
                        cur[m++] = i;
                    }
                }
                ncur = m;
                parts = pass == 0 ? 2 : (parts - 1 > 2 ? parts - 1 : 2);
                reduced = true;
            }
        }
        if (!reduced) {
            if (parts >= ncur) {
                break;
            }
            parts = parts * 2 < ncur ? parts * 2 : ncur;
        }
    }
    /* Down to one item: the empty set was tried first and failed. */
    memset(keep, 0, (size_t)n);
    for (int i = 0; i < ncur; i++) {
        keep[cur[i]] = true;
    }
    for (int i = 0; i < cache.n; i++) {
        free(cache.sets[i]);
    }
    free(cache.sets);
    free(cache.res);
    free(cur);
    free(cand);
    return ncur;
}
