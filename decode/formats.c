/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decodetree.py's inference (QEMU 10.1 and later): a pattern without a
 * format first gets its argument set -- the first existing all-int set
 * with exactly the pattern's field names, else a new one named
 * DECODE<n> -- and then the first format of that very argument set with
 * the same field mask, width and equal fields, else a new format named
 * DECODE_Fmt_<n>.  (Before 10.1 any format with equal fields was reused,
 * even one whose argument set had members the pattern left unset: see
 * docs/decode-library.md for why that rule is not kept.)  Which object
 * is first decides some errors, so the order is kept; hash indexes only
 * skip candidates that cannot match.
 */
#include <stdio.h>

#include "decode/parser.h"

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

/* Order-insensitive key of a set of names. */
static uint64_t names_key(const char *const *names, size_t stride, size_t n)
{
    uint64_t k = mix(n + 1);
    for (size_t i = 0; i < n; i++) {
        k += mix(dt_hash_str(*(const char *const *)
                             ((const char *)names + i * stride)));
    }
    return k;
}

static uint64_t argset_key(const DtArgSet *a)
{
    return names_key(a->members, sizeof(char *), (size_t)a->n);
}

static uint64_t flds_names_key(const DtFld *f, size_t n)
{
    return n ? names_key(&f->name, sizeof(DtFld), n) : names_key(NULL, 0, 0);
}

static uint64_t format_key(uint64_t fieldmask, int width, uint64_t names)
{
    return mix(fieldmask ^ mix((uint64_t)width + 7)) + names;
}

void dt_register_argset(DtSet *s, DtArgSet *a)
{
    long old = dt_map_find(&s->argsets, a->name, strlen(a->name));

    if (old >= 0 && s->argsets.vals[old]) {
        ((DtArgSet *)s->argsets.vals[old])->replaced = true;
    }
    dt_map_put(&s->argsets, a->name, a);
    if (a->all_int) {
        dt_index_add(&s->argidx, argset_key(a),
                     (size_t)dt_map_find(&s->argsets, a->name,
                                         strlen(a->name)), a);
    }
}

void dt_register_format(DtSet *s, DtGen *g)
{
    long old = dt_map_find(&s->formats, g->name, strlen(g->name));

    if (old >= 0 && s->formats.vals[old]) {
        ((DtGen *)s->formats.vals[old])->replaced = true;
    }
    dt_map_put(&s->formats, g->name, g);
    dt_index_add(&s->fmtidx,
                 format_key(g->fieldmask, g->width,
                            flds_names_key(g->flds, (size_t)g->nflds)),
                 (size_t)dt_map_find(&s->formats, g->name, strlen(g->name)),
                 g);
}

const DtFld *dt_gen_find(const DtGen *g, const char *name)
{
    for (int i = 0; i < g->nflds; i++) {
        if (strcmp(g->flds[i].name, name) == 0) {
            return &g->flds[i];
        }
    }
    return NULL;
}

bool dt_argset_has(const DtArgSet *a, const char *name)
{
    for (int i = 0; i < a->n; i++) {
        if (strcmp(a->members[i], name) == 0) {
            return true;
        }
    }
    return false;
}

/* infer_argument_set: the first all-int set with exactly these names. */
DtArgSet *dt_infer_argset(DtSet *s, const DtFld *flds, size_t n)
{
    size_t nc;
    const DtIndexEnt *c = dt_index_get(&s->argidx, flds_names_key(flds, n),
                                       &nc);

    for (size_t i = 0; i < nc; i++) {
        DtArgSet *a = c[i].val;
        size_t k;

        if (a->replaced || (size_t)a->n != n) {
            continue;
        }
        for (k = 0; k < n; k++) {
            if (!dt_argset_has(a, flds[k].name)) {
                break;
            }
        }
        if (k == n) {
            return a;
        }
    }

    DtArgSet *a = dt_arena_alloc(s->arena, sizeof(*a));
    char buf[DT_MAX_NAME_LEN + 32];
    snprintf(buf, sizeof(buf), "%s%zu", s->decode_name, s->argsets.n);
    a->name = dt_arena_strdup(s->arena, buf);
    a->n = (int)n;
    a->members = dt_arena_alloc(s->arena, (n + 1) * sizeof(char *));
    a->types = dt_arena_alloc(s->arena, (n + 1) * sizeof(char *));
    a->all_int = true;
    for (size_t k = 0; k < n; k++) {
        a->members[k] = flds[k].name;
        a->types[k] = "int";
    }
    dt_register_argset(s, a);
    return a;
}

/* eq_fields_for_fmts; returns -1 where decodetree.py would crash. */
static int eq_fields_for_fmts(const DtFlds *a, const DtGen *b)
{
    if (a->n != (size_t)b->nflds) {
        return 0;
    }
    for (size_t i = 0; i < a->n; i++) {
        const DtFld *fa = &a->v[i];
        const DtFld *fb = dt_gen_find(b, fa->name);
        bool crash = false;

        if (!fb) {
            return 0;
        }
        /* Constants compare by identity: never equal. */
        if (!fa->field || !fb->field) {
            return 0;
        }
        if (dt_field_class(fa->field) != dt_field_class(fb->field)) {
            return 0;
        }
        if (!dt_field_pyeq(fa->field, fb->field, &crash)) {
            return crash ? -1 : 0;
        }
    }
    return 1;
}

DtGen *dt_new_gen(DtParser *P, const char *name, int line)
{
    DtGen *g = dt_arena_alloc(P->s->arena, sizeof(*g));
    g->name = name;
    g->file = P->file;
    g->line = line;
    return g;
}

void dt_gen_set_flds(DtParser *P, DtGen *g, const DtFlds *f)
{
    g->nflds = (int)f->n;
    g->flds = dt_arena_alloc(P->s->arena, (f->n + 1) * sizeof(DtFld));
    if (f->n) {
        memcpy(g->flds, f->v, f->n * sizeof(DtFld));
    }
}

/*
 * dt_infer_format: a pattern without @format shares the first format with
 * the same argument set (given, or inferred from its fields first), field
 * mask, width and fields.
 */
DtGen *dt_infer_format(DtParser *P, int line, DtArgSet *arg,
                           uint64_t fieldmask, const DtFlds *flds, int width)
{
    DtSet *s = P->s;
    bool has_const = false;
    size_t nc;
    const DtIndexEnt *c;

    /* Constants compare by identity in Python: such fields never match. */
    for (size_t i = 0; i < flds->n; i++) {
        has_const |= !flds->v[i].field;
    }
    if (!arg) {
        arg = dt_infer_argset(s, flds->v, flds->n);
    }
    c = dt_index_get(&s->fmtidx,
                     format_key(fieldmask, width,
                                flds_names_key(flds->v, flds->n)), &nc);
    for (size_t i = 0; i < nc && !has_const; i++) {
        DtGen *f = c[i].val;
        int eq;

        if (f->replaced || f->arg != arg ||
            fieldmask != f->fieldmask || width != f->width) {
            continue;
        }
        eq = eq_fields_for_fmts(flds, f);
        if (eq < 0) {
            perr(P, line, "fields of this pattern cannot be compared with "
                 "format @%s (decodetree.py fails here)", f->name);
            return NULL;
        }
        if (eq) {
            return f;
        }
    }

    char buf[DT_MAX_NAME_LEN + 32];
    snprintf(buf, sizeof(buf), "%s_Fmt_%zu", s->decode_name, s->formats.n);
    /* Inferred: located at the pattern that caused it, for diagnostics. */
    DtGen *f = dt_new_gen(P, dt_arena_strdup(s->arena, buf), line);
    f->inferred = true;
    f->arg = arg;
    f->fieldmask = fieldmask;
    f->width = width;
    dt_gen_set_flds(P, f, flds);
    dt_register_format(s, f);
    return f;
}
