/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decision tree.  Non-overlapping groups ([ ] and the top level) are
 * split exactly as decodetree.py's ExcMultiPattern.__build_tree splits
 * them, so the same inputs are rejected as overlapping; overlapping
 * groups ({ }) try their members in order, as the generated code does.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/internal.h"

static DtDNode *build_node(DtSet *s, DtNode *n, bool *ok);

static DtDNode *new_dnode(DtSet *s, DtDKind kind)
{
    DtDNode *d = dt_arena_alloc(s->arena, sizeof(*d));
    d->kind = kind;
    return d;
}

static const char *node_desc(DtNode *n, char *buf, size_t len)
{
    if (n->kind == DT_N_PAT) {
        snprintf(buf, len, "%s (%s:%d)", n->pat->pub.name, n->file, n->line);
    } else {
        snprintf(buf, len, "group (%s:%d)", n->file, n->line);
    }
    return buf;
}

static void overlap_error(DtSet *s, DtNode **kids, size_t n)
{
    char msg[1024];
    char one[DT_MAX_NAME_LEN + 64];
    size_t o;

    o = (size_t)snprintf(msg, sizeof(msg), "overlapping patterns:");
    for (size_t i = 0; i < n && o < sizeof(msg); i++) {
        if (i == 6) {
            snprintf(msg + o, sizeof(msg) - o, " and %zu more", n - i);
            break;
        }
        o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s %s",
                              i ? "," : "", node_desc(kids[i], one,
                                                      sizeof(one)));
    }
    dt_error(s, kids[0]->file, kids[0]->line, "%s", msg);
}

typedef struct Binned {
    uint64_t key;
    size_t idx;
    DtNode *node;
} Binned;

static int cmp_binned(const void *a, const void *b)
{
    const Binned *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static bool is_contiguous(uint64_t m, int *shift, int *bits)
{
    int sh = __builtin_ctzll(m);
    uint64_t v = m >> sh;
    if (v & (v + 1)) {
        return false;
    }
    *shift = sh;
    *bits = __builtin_popcountll(m);
    return true;
}

static DtDNode *build_exc(DtSet *s, DtNode **kids, size_t n,
                          uint64_t outermask, bool *ok, int depth)
{
    uint64_t innermask = ~outermask & s->insnmask;
    uint64_t fullmask;
    Binned *b;
    DtDNode *d;
    size_t nb = 0;
    int shift, bits;

    for (size_t i = 0; i < n; i++) {
        innermask &= kids[i]->fixedmask;
    }
    if (innermask == 0) {
        if (n == 1) {
            return build_node(s, kids[0], ok);
        }
        overlap_error(s, kids, n);
        *ok = false;
        return NULL;
    }
    if (depth > 64) {
        /* Each level fixes at least one more bit; cannot happen. */
        abort();
    }
    fullmask = outermask | innermask;

    b = malloc(n * sizeof(*b));
    if (!b) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        b[i].key = kids[i]->fixedbits & innermask;
        b[i].idx = i;
        b[i].node = kids[i];
    }
    qsort(b, n, sizeof(*b), cmp_binned);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || b[i].key != b[i - 1].key) {
            nb++;
        }
    }

    d = new_dnode(s, DT_D_SWITCH);
    d->mask = innermask;
    d->n = nb;
    d->keys = dt_arena_alloc(s->arena, nb * sizeof(uint64_t));
    d->kids = dt_arena_alloc(s->arena, nb * sizeof(DtDNode *));

    DtNode **tmp = malloc(n * sizeof(DtNode *));
    if (!tmp) {
        abort();
    }
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && b[j].key == b[i].key) {
            tmp[j - i] = b[j].node;
            j++;
        }
        d->keys[k] = b[i].key;
        if (j - i > 1 || (tmp[0]->fixedmask & ~fullmask)) {
            d->kids[k] = build_exc(s, tmp, j - i, fullmask, ok, depth + 1);
        } else {
            d->kids[k] = build_node(s, tmp[0], ok);
        }
        k++;
        i = j;
    }
    free(tmp);
    free(b);

    /*
     * Contiguous selectors become direct tables when at least a quarter
     * of the entries are used, so memory stays linear in the patterns.
     */
    if (is_contiguous(innermask, &shift, &bits) && bits <= 16 &&
        (bits <= 4 || nb * 4 >= (1ULL << bits))) {
        size_t size = (size_t)1 << bits;
        DtDNode **tab = dt_arena_alloc(s->arena, size * sizeof(DtDNode *));
        for (size_t i = 0; i < nb; i++) {
            tab[d->keys[i] >> shift] = d->kids[i];
        }
        d->kids = tab;
        d->dense = 1;
        d->shift = shift;
        d->n = size;
    }
    return d;
}

static DtDNode *build_node(DtSet *s, DtNode *n, bool *ok)
{
    DtDNode *d;

    switch (n->kind) {
    case DT_N_PAT:
        d = new_dnode(s, DT_D_PAT);
        d->mask = n->fixedmask;
        d->bits = n->fixedbits & n->fixedmask;
        d->pat = &n->pat->pub;
        return d;
    case DT_N_EXC:
        if (!n->dtree) {
            n->dtree = build_exc(s, n->kids, n->nkids, n->fixedmask, ok, 0);
        }
        return n->dtree ? n->dtree : new_dnode(s, DT_D_NONE);
    case DT_N_INC:
        d = new_dnode(s, DT_D_INC);
        d->n = n->nkids;
        d->kids = dt_arena_alloc(s->arena, n->nkids * sizeof(DtDNode *));
        d->keys = dt_arena_alloc(s->arena, n->nkids * sizeof(uint64_t) * 2);
        for (size_t i = 0; i < n->nkids; i++) {
            DtNode *k = n->kids[i];
            d->keys[2 * i] = k->fixedmask;
            d->keys[2 * i + 1] = k->fixedbits & k->fixedmask;
            d->kids[i] = build_node(s, k, ok);
        }
        return d;
    }
    return NULL;
}

DtDNode *dt_build_exc(DtSet *s, DtNode *group, bool *ok)
{
    if (group->nkids == 0) {
        return new_dnode(s, DT_D_NONE);
    }
    return build_exc(s, group->kids, group->nkids, group->fixedmask, ok, 0);
}

bool dt_build_decoder(DtSet *s)
{
    bool ok = true;
    DtDNode *d = dt_build_exc(s, s->root, &ok);
    if (ok) {
        s->decoder = d;
    }
    return ok;
}

/* ---- decoding -------------------------------------------------------- */

static const DtPattern *walk(const DtDNode *d, uint64_t w)
{
    for (;;) {
        switch (d->kind) {
        case DT_D_SWITCH:
            if (d->dense) {
                d = d->kids[(w & d->mask) >> d->shift];
                if (!d) {
                    return NULL;
                }
            } else {
                uint64_t key = w & d->mask;
                size_t lo = 0, hi = d->n;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (d->keys[mid] < key) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                if (lo == d->n || d->keys[lo] != key) {
                    return NULL;
                }
                d = d->kids[lo];
            }
            break;
        case DT_D_PAT:
            return (w & d->mask) == d->bits ? d->pat : NULL;
        case DT_D_INC:
            for (size_t i = 0; i < d->n; i++) {
                if ((w & d->keys[2 * i]) == d->keys[2 * i + 1]) {
                    const DtPattern *p = walk(d->kids[i], w);
                    if (p) {
                        return p;
                    }
                }
            }
            return NULL;
        case DT_D_NONE:
            return NULL;
        }
    }
}

static void extract_args(const DtPattern *p, uint64_t insn, int64_t *args)
{
    const DtPatX *x = (const DtPatX *)p;

    for (int k = 0; k < p->nargs; k++) {
        int i = x->order ? x->order[k] : k;
        const DtArg *a = &p->args[i];
        args[i] = a->kind == DT_ARG_CONST ? a->value
                  : dt_field_extract(a->field, insn, args, p);
    }
}

const DtPattern *dt_decode(const DtSet *s, uint64_t insn, int64_t *args)
{
    const DtPattern *p;

    if (!s->decoder) {
        return NULL;
    }
    insn &= s->insnmask;
    p = walk(s->decoder, insn);
    if (p && args) {
        extract_args(p, insn, args);
    }
    return p;
}

bool dt_pattern_match(const DtSet *s, const DtPattern *p, uint64_t insn,
                      int64_t *args)
{
    insn &= s->insnmask;
    if (!s->decoder || (insn & p->fixedmask) != p->fixedbits) {
        return false;
    }
    if (args) {
        extract_args(p, insn, args);
    }
    return true;
}
