/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The checks decodetree.py makes after parsing: empty groups, group
 * masks, instruction sizes for --varinsnwidth, repeated pattern names
 * with different argument sets, and references between fields
 * (name:len segments).  Overlaps are found while building the decoder
 * (tree.c), exactly where decodetree.py finds them.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/internal.h"

static bool check_empty(DtSet *s, DtNode *n)
{
    bool ok = true;

    if (n->kind == DT_N_PAT) {
        return true;
    }
    if (n != s->root && n->nkids == 0) {
        dt_error(s, n->file, n->line, "empty pattern group");
        n->nobits = true;
        return false;
    }
    for (size_t i = 0; i < n->nkids; i++) {
        ok &= check_empty(s, n->kids[i]);
    }
    return ok;
}

/* MultiPattern.prop_masks: bits fixed to the same value in every member. */
static void prop_masks(DtSet *s, DtNode *n)
{
    uint64_t fixedmask = s->insnmask, undefmask = s->insnmask, fixedbits = 0;
    bool repeat = true;

    if (n->kind == DT_N_PAT) {
        return;
    }
    for (size_t i = 0; i < n->nkids; i++) {
        prop_masks(s, n->kids[i]);
        fixedmask &= n->kids[i]->fixedmask;
        undefmask &= n->kids[i]->undefmask;
    }
    while (repeat && fixedmask != 0) {
        size_t i;
        fixedbits = n->kids[0]->fixedbits & fixedmask;
        for (i = 1; i < n->nkids; i++) {
            uint64_t b = n->kids[i]->fixedbits & fixedmask;
            if (b != fixedbits) {
                fixedmask &= ~(fixedbits ^ b);
                break;
            }
        }
        if (i == n->nkids) {
            repeat = false;
        }
    }
    n->fixedbits = fixedbits & fixedmask;
    n->fixedmask = fixedmask;
    n->undefmask = undefmask;
}

/* MultiPattern.prop_width, for --varinsnwidth. */
static bool prop_width(DtSet *s, DtNode *n)
{
    bool ok = true;

    if (n->kind == DT_N_PAT) {
        return true;
    }
    for (size_t i = 0; i < n->nkids; i++) {
        ok &= prop_width(s, n->kids[i]);
        if (i == 0) {
            n->width = n->kids[i]->width;
        } else if (n->kids[i]->width != n->width && ok) {
            dt_error(s, n->file, n->line,
                     "width mismatch in patterns within braces");
            ok = false;
        }
    }
    return ok;
}

typedef struct SizeEnt {
    uint64_t key;
    size_t idx;
    DtNode *node;
} SizeEnt;

static int cmp_size_ent(const void *a, const void *b)
{
    const SizeEnt *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* build_size_tree: can the loader tell the instruction sizes apart? */
static bool size_tree(DtSet *s, DtNode **pats, size_t n, int width,
                      uint64_t outermask)
{
    uint64_t innermask;
    int maxwidth = pats[0]->width;
    bool onewidth = true;

    if (width > s->insnwidth) {
        dt_error(s, pats[0]->file, pats[0]->line,
                 "instruction sizes cannot be told apart");
        return false;
    }
    innermask = (0xffULL << (s->insnwidth - width)) & ~outermask;
    for (size_t i = 0; i < n; i++) {
        innermask &= pats[i]->fixedmask;
        if (pats[i]->width != pats[0]->width) {
            onewidth = false;
        }
        if (pats[i]->width > maxwidth) {
            maxwidth = pats[i]->width;
        }
    }
    if (onewidth) {
        return true;
    }
    if (innermask == 0) {
        if (width < maxwidth) {
            return size_tree(s, pats, n, width + 8, outermask);
        }
        char msg[1024];
        size_t o = (size_t)snprintf(msg, sizeof(msg),
                                    "overlapping patterns size %d:", width);
        for (size_t i = 0; i < n && i < 6 && o < sizeof(msg); i++) {
            DtNode *p = pats[i];
            o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s %s (%s:%d)",
                                  i ? "," : "",
                                  p->kind == DT_N_PAT ? p->pat->pub.name
                                  : "group", p->file, p->line);
        }
        dt_error(s, pats[0]->file, pats[0]->line, "%s", msg);
        return false;
    }

    /* Bin by the fixed bits under innermask (bin order is immaterial). */
    SizeEnt *e = malloc(n * sizeof(*e));
    uint64_t fullmask = outermask | innermask;
    size_t nbins = 0;
    bool ok = true;

    if (!e) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        e[i].key = pats[i]->fixedbits & innermask;
        e[i].idx = i;
        e[i].node = pats[i];
    }
    qsort(e, n, sizeof(*e), cmp_size_ent);
    for (size_t i = 0; i < n; i++) {
        nbins += i == 0 || e[i].key != e[i - 1].key;
    }
    for (size_t i = 0; i < n && ok;) {
        size_t j = i;
        DtNode **bin = malloc(n * sizeof(*bin));
        if (!bin) {
            abort();
        }
        while (j < n && e[j].key == e[i].key) {
            bin[j - i] = e[j].node;
            j++;
        }
        ok = size_tree(s, bin, j - i, nbins == 1 ? width + 8 : width,
                       fullmask);
        free(bin);
        i = j;
    }
    free(e);
    return ok;
}

static void collect_refs(const DtField *f, const char ***refs, size_t *n,
                         size_t *cap)
{
    if (!f) {
        return;
    }
    for (int i = 0; i < f->nsegs; i++) {
        if (f->segs[i].kind == DT_SEG_NAMED) {
            dt_grow((void **)refs, cap, *n, sizeof(char *));
            (*refs)[(*n)++] = f->segs[i].name;
        }
    }
}

static const DtFld *find_fld(const DtFld *v, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(v[i].name, name) == 0) {
            return &v[i];
        }
    }
    return NULL;
}

/* General.dangling_references: names read but not defined locally. */
static size_t dangling(const DtFld *v, int n, const char ***out)
{
    const char **refs = NULL;
    size_t nr = 0, cap = 0, k = 0;

    for (int i = 0; i < n; i++) {
        collect_refs(v[i].field, &refs, &nr, &cap);
    }
    for (size_t i = 0; i < nr; i++) {
        if (!find_fld(v, n, refs[i])) {
            refs[k++] = refs[i];
        }
    }
    *out = refs;
    return k;
}

/* Does the reference graph of these fields have a cycle? */
static bool has_cycle(const DtFld *v, int n)
{
    /* 0 = unvisited, 1 = on stack, 2 = done; iterative DFS. */
    char *state = calloc((size_t)n + 1, 1);
    int *stack = malloc(((size_t)n + 1) * sizeof(int));
    int *segi = malloc(((size_t)n + 1) * sizeof(int));
    bool cycle = false;

    if (!state || !stack || !segi) {
        abort();
    }
    for (int r = 0; r < n && !cycle; r++) {
        int sp = 0;
        if (state[r]) {
            continue;
        }
        stack[sp] = r;
        segi[sp] = 0;
        state[r] = 1;
        sp++;
        while (sp && !cycle) {
            int u = stack[sp - 1];
            const DtField *f = v[u].field;
            if (!f || segi[sp - 1] >= f->nsegs) {
                state[u] = 2;
                sp--;
                continue;
            }
            const DtSeg *sg = &f->segs[segi[sp - 1]++];
            if (sg->kind != DT_SEG_NAMED) {
                continue;
            }
            const DtFld *t = find_fld(v, n, sg->name);
            if (!t) {
                continue;
            }
            int w = (int)(t - v);
            if (state[w] == 1) {
                cycle = true;
            } else if (state[w] == 0) {
                state[w] = 1;
                stack[sp] = w;
                segi[sp] = 0;
                sp++;
            }
        }
    }
    free(state);
    free(stack);
    free(segi);
    return cycle;
}

/* Evaluation order for a pattern's arguments, referenced ones first. */
static void arg_order(DtSet *s, DtPatX *x)
{
    DtPattern *p = &x->pub;
    int n = p->nargs;
    int *order = dt_arena_alloc(s->arena, ((size_t)n + 1) * sizeof(int));
    char *done = calloc((size_t)n + 1, 1);
    int k = 0;

    if (!done) {
        abort();
    }
    /* Acyclic (checked), so at most n passes. */
    for (int pass = 0; pass <= n && k < n; pass++) {
        for (int i = 0; i < n; i++) {
            const DtField *f = p->args[i].field;
            bool ready = true;
            if (done[i]) {
                continue;
            }
            for (int j = 0; f && j < f->nsegs; j++) {
                if (f->segs[j].kind != DT_SEG_NAMED) {
                    continue;
                }
                for (int m = 0; m < n; m++) {
                    if (!done[m] && m != i &&
                        strcmp(p->args[m].name, f->segs[j].name) == 0) {
                        ready = false;
                    }
                }
            }
            if (ready) {
                done[i] = 1;
                order[k++] = i;
            }
        }
    }
    for (int i = 0; i < n && k < n; i++) {
        if (!done[i]) {
            order[k++] = i;
        }
    }
    free(done);
    x->order = order;
}

static bool check_named(DtSet *s)
{
    bool ok = true;

    for (size_t i = 0; i < s->formats.n; i++) {
        DtGen *f = s->formats.vals[i];
        if (f && has_cycle(f->flds, f->nflds)) {
            if (f->inferred) {
                dt_error(s, f->file, f->line,
                         "field definitions form a cycle");
            } else {
                dt_error(s, f->file, f->line,
                         "field definitions of format @%s form a cycle",
                         f->name);
            }
            ok = false;
        }
    }
    for (size_t i = 0; i < s->npats; i++) {
        DtPatX *x = s->pats[i];
        DtGen *g = &x->g, *fmt = g->fmt;
        const char **fr, **pr;
        size_t nf = dangling(fmt->flds, fmt->nflds, &fr);
        size_t np = dangling(g->flds, g->nflds, &pr);
        bool bad = false;

        for (size_t k = 0; k < nf && !bad; k++) {
            if (!find_fld(g->flds, g->nflds, fr[k])) {
                dt_error(s, g->file, g->line,
                         "format refers to undefined field %s", fr[k]);
                bad = true;
            }
        }
        for (size_t k = 0; k < np && !bad; k++) {
            if (!find_fld(fmt->flds, fmt->nflds, pr[k])) {
                dt_error(s, g->file, g->line,
                         "pattern refers to undefined field %s", pr[k]);
                bad = true;
            }
        }
        if (!bad && nf && np) {
            dt_error(s, g->file, g->line,
                     "pattern that uses fields defined in format cannot use "
                     "format that uses fields defined in pattern");
            bad = true;
        }
        if (!bad && has_cycle(g->flds, g->nflds)) {
            dt_error(s, g->file, g->line, "field definitions form a cycle");
            bad = true;
        }
        for (int k = 0; k < x->pub.nargs && !x->has_named; k++) {
            const DtField *f = x->pub.args[k].field;
            for (int j = 0; f && j < f->nsegs; j++) {
                if (f->segs[j].kind == DT_SEG_NAMED) {
                    x->has_named = true;
                }
            }
        }
        if (!bad && x->has_named) {
            arg_order(s, x);
        }
        x->bad |= bad;
        ok &= !bad;
        free(fr);
        free(pr);
    }
    return ok;
}

static bool check_argsets(DtSet *s)
{
    DtMap first = { 0 };
    bool ok = true;

    for (size_t i = 0; i < s->npats; i++) {
        DtPatX *x = s->pats[i];
        bool found;
        DtPatX *f = dt_map_get(&first, x->pub.name, strlen(x->pub.name),
                               &found);
        if (!found) {
            dt_map_put(&first, x->pub.name, x);
        } else if (f->g.arg != x->g.arg) {
            dt_error(s, x->pub.file, x->pub.line,
                     "%s has conflicting argument sets (&%s here, &%s at "
                     "%s:%d)", x->pub.name, x->g.arg->name, f->g.arg->name,
                     f->pub.file, f->pub.line);
            ok = false;
        }
    }
    dt_map_free(&first);
    return ok;
}

bool dt_check_structure(DtSet *s)
{
    bool ok;

    if (!check_empty(s, s->root)) {
        return false;
    }
    for (size_t i = 0; i < s->root->nkids; i++) {
        prop_masks(s, s->root->kids[i]);
    }
    ok = dt_build_decoder(s);
    if (ok && s->varwidth && s->root->nkids == 0) {
        /* decodetree.py fails (TypeError) building the loader for this. */
        dt_error(s, NULL, 0, "no patterns: a --varinsnwidth decoder needs "
                 "at least one");
        ok = false;
    }
    if (ok && s->varwidth && s->root->nkids) {
        bool wok = true;
        for (size_t i = 0; i < s->root->nkids; i++) {
            wok &= prop_width(s, s->root->kids[i]);
        }
        ok = wok && size_tree(s, s->root->kids, s->root->nkids, 8, 0);
    }
    ok &= check_argsets(s);
    ok &= check_named(s);
    if (!ok) {
        s->decoder = NULL;
    }
    return ok;
}
