/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Formats ("@name ...") and patterns: bit strings, inline fields,
 * imported fields, constants, argument sets and formats, with the checks
 * decodetree.py makes on each, and the DtPattern built from them.
 */
#include <stdlib.h>

#include "decode/parser.h"

static long flds_find(const DtFlds *f, const char *name)
{
    long i = dt_map_find(&f->idx, name, strlen(name));
    return i;
}

static bool flds_add(DtParser *P, int line, DtFlds *f, const char *name,
                     const DtField *field, int64_t value)
{
    if (flds_find(f, name) >= 0) {
        perr(P, line, "duplicate field %s", name);
        return false;
    }
    if (f->n >= DT_MAX_ARGS) {
        /*
         * Patterns are limited to DT_MAX_ARGS arguments (dt_decode's
         * callers size buffers by it); formats too, which keeps every
         * per-field search short.
         */
        perr(P, line, "more than %d fields", DT_MAX_ARGS);
        return false;
    }
    dt_grow((void **)&f->v, &f->cap, f->n, sizeof(*f->v));
    f->v[f->n].name = name;
    f->v[f->n].field = field;
    f->v[f->n].value = value;
    f->n++;
    dt_map_put(&f->idx, name, NULL);
    return true;
}

static uint64_t fld_mask(const DtFld *f)
{
    return f->field ? dt_field_mask(f->field) : 0;
}

static bool is_bits(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != '0' && p[i] != '1' && p[i] != '.' && p[i] != '-') {
            return false;
        }
    }
    return n > 0;
}

static uint64_t shl(uint64_t x, long n)
{
    return n >= 64 ? 0 : x << n;
}

/* A pattern argument from a field (or a constant of the format). */
static void set_arg(DtArg *a, const DtFld *f)
{
    a->name = f->name;
    a->kind = f->field ? DT_ARG_FIELD : DT_ARG_CONST;
    a->field = f->field;
    a->value = f->value;
}

static void build_pattern(DtParser *P, DtGen *g, DtAnnot *annot)
{
    DtSet *s = P->s;
    DtPatX *x = dt_arena_alloc(s->arena, sizeof(*x));
    DtPattern *p = &x->pub;
    DtArgSet *arg = g->arg;
    DtGen *fmt = g->fmt;
    int n = 0, cap = arg->n + g->nflds + fmt->nflds;

    x->g = *g;
    p->name = g->name;
    p->file = g->file;
    p->line = g->line;
    p->index = (int)s->npats;
    p->width = g->width;
    p->fixedmask = g->fixedmask;
    p->fixedbits = g->fixedbits;
    p->dontcaremask = g->undefmask;
    p->argset = arg->name;
    p->args = dt_arena_alloc(s->arena, (cap + 1) * sizeof(DtArg));

    /* Argument set order first, then any field the set lacks. */
    for (int pass = 0; pass < 2; pass++) {
        const DtGen *srcs[2] = { g, fmt };
        if (pass == 0) {
            for (int i = 0; i < arg->n; i++) {
                const DtFld *f = dt_gen_find(g, arg->members[i]);
                if (!f) {
                    f = dt_gen_find(fmt, arg->members[i]);
                }
                if (!f) {
                    continue;
                }
                set_arg(&p->args[n++], f);
            }
        } else {
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < srcs[k]->nflds; i++) {
                    const DtFld *f = &srcs[k]->flds[i];
                    if (dt_argset_has(arg, f->name)) {
                        continue;
                    }
                    set_arg(&p->args[n++], f);
                }
            }
        }
    }
    p->nargs = n;
    p->annot = *annot;
    if (n > DT_MAX_ARGS) {
        /* dt_decode's callers size their buffers by DT_MAX_ARGS. */
        perr(P, g->line, "pattern has %d arguments, more than %d", n,
             DT_MAX_ARGS);
        dt_annot_free(&p->annot);
        return;
    }

    DtNode *node = dt_arena_alloc(s->arena, sizeof(*node));
    node->kind = DT_N_PAT;
    node->file = p->file;
    node->line = p->line;
    node->fixedbits = p->fixedbits;
    node->fixedmask = p->fixedmask;
    node->undefmask = p->dontcaremask;
    node->width = p->width;
    node->pat = x;
    DtNode *parent = P->stack[P->depth];
    dt_grow((void **)&parent->kids, &parent->cap, parent->nkids,
            sizeof(DtNode *));
    parent->kids[parent->nkids++] = node;
    dt_grow((void **)&s->pats, &s->cappats, s->npats, sizeof(DtPatX *));
    s->pats[s->npats++] = x;
}

static bool add_field_byname(DtParser *P, int line, DtFlds *flds,
                             const char *new_name, const char *p, size_t n)
{
    bool found;
    DtField *f = dt_map_get(&P->s->fields, p, n, &found);

    if (!found) {
        perr(P, line, "undefined field %%%.*s", (int)n, p);
        return false;
    }
    if (!f) {
        return false;           /* its definition already failed */
    }
    return flds_add(P, line, flds, new_name, f, 0);
}

/* What a format or pattern statement has said so far. */
typedef struct GenState {
    uint64_t fixedbits, fixedmask, undefmask, fieldmask;
    long width;
    DtFlds flds;
    DtArgSet *arg;
    DtGen *fmt;
} GenState;

/* "&set", "@fmt"; returns 1 if taken, 0 if not this kind, -1 on error. */
static int gen_ref(DtParser *P, int line, GenState *st, const DtTok *t)
{
    const char *p = t->p;
    size_t n = t->n;
    char q[300];
    bool found;

    if (n && p[0] == '&' && dt_is_word(p + 1, n - 1)) {
        if (st->arg) {
            perr(P, line, "multiple argument sets");
            return -1;
        }
        st->arg = dt_map_get(&P->s->argsets, p + 1, n - 1, &found);
        if (!found) {
            perr(P, line, "undefined argument set %s",
                 dt_qtok(t, q, sizeof(q)));
        }
        return st->arg ? 1 : -1;
    }
    if (n && p[0] == '@' && dt_is_word(p + 1, n - 1)) {
        if (st->fmt) {
            perr(P, line, "multiple formats");
            return -1;
        }
        st->fmt = dt_map_get(&P->s->formats, p + 1, n - 1, &found);
        if (!found) {
            perr(P, line, "undefined format %s", dt_qtok(t, q, sizeof(q)));
        }
        return st->fmt ? 1 : -1;
    }
    return 0;
}

/* "%field", "name=%field", "name=N"; same return convention. */
static int gen_named(DtParser *P, int line, GenState *st, const DtTok *t)
{
    const char *p = t->p;
    size_t n = t->n;
    size_t id = dt_match_c_ident(p, n);

    if (n && p[0] == '%' && dt_is_word(p + 1, n - 1)) {
        return add_field_byname(P, line, &st->flds, dt_tstr(P, p + 1, n - 1),
                                p + 1, n - 1) ? 1 : -1;
    }
    if (id && id + 1 < n && p[id] == '=' && p[id + 1] == '%' &&
        dt_is_word(p + id + 2, n - id - 2)) {
        return add_field_byname(P, line, &st->flds, dt_tstr(P, p, id),
                                p + id + 2, n - id - 2) ? 1 : -1;
    }
    if (id && id + 1 < n && p[id] == '=') {
        size_t d = id + 1;
        bool neg = p[d] == '-';
        uint64_t v = 0;

        d += p[d] == '+' || p[d] == '-';
        if (!dt_is_digits(p + d, n - d)) {
            return 0;
        }
        /* Kept modulo 2^64 where Python has no limit. */
        for (size_t k = d; k < n; k++) {
            v = v * 10 + (uint64_t)(p[k] - '0');
        }
        return flds_add(P, line, &st->flds, dt_tstr(P, p, id), NULL,
                        (int64_t)(neg ? -v : v)) ? 1 : -1;
    }
    return 0;
}

/* Bits ("01.-") and inline fields ("name:len", "name:slen"). */
static bool gen_bits(DtParser *P, int line, GenState *st, const DtTok *t)
{
    DtSet *s = P->s;
    const char *p = t->p;
    size_t n = t->n;
    size_t id = dt_match_c_ident(p, n);
    long shift;
    char q[300];

    if (is_bits(p, n)) {
        uint64_t fms = 0, fbs = 0, ubm = 0;
        shift = (long)n;
        for (size_t k = 0; k < n; k++) {
            fms = (fms << 1) | (p[k] == '0' || p[k] == '1');
            fbs = (fbs << 1) | (p[k] == '1');
            ubm = (ubm << 1) | (p[k] == '-');
        }
        st->fixedbits = shl(st->fixedbits, shift) | fbs;
        st->fixedmask = shl(st->fixedmask, shift) | fms;
        st->undefmask = shl(st->undefmask, shift) | ubm;
    } else if (id && id + 1 < n && p[id] == ':' &&
               dt_is_digits(p + id + 1 + (p[id + 1] == 's'),
                            n - id - 1 - (p[id + 1] == 's'))) {
        bool sign = p[id + 1] == 's';
        size_t d = id + 1 + sign;
        DtField *f;

        shift = dt_parse_count(p + d, n - d);
        if (shift + st->width > s->insnwidth) {
            perr(P, line, "field %.*s exceeds insnwidth", (int)id, p);
            return false;
        }
        f = dt_arena_alloc(s->arena, sizeof(*f));
        f->name = dt_tstr(P, p, id);
        f->file = P->file;
        f->line = line;
        f->nsegs = 1;
        f->segs = dt_arena_alloc(s->arena, sizeof(DtSeg));
        f->segs[0].kind = DT_SEG_BITS;
        f->segs[0].pos = (int)(s->insnwidth - st->width - shift);
        f->segs[0].len = (int)shift;
        f->segs[0].sign = sign;
        if (!flds_add(P, line, &st->flds, f->name, f, 0)) {
            return false;
        }
        st->fixedbits = shl(st->fixedbits, shift);
        st->fixedmask = shl(st->fixedmask, shift);
        st->undefmask = shl(st->undefmask, shift);
    } else {
        perr(P, line, "invalid token \"%s\"", dt_qtok(t, q, sizeof(q)));
        return false;
    }
    st->width += shift;
    if (st->width > DT_COUNT_MAX) {
        st->width = DT_COUNT_MAX;
    }
    return true;
}

/* Every token, then the width rule. */
static bool gen_tokens(DtParser *P, int line, bool is_format, GenState *st,
                       const DtTok *t, size_t nt)
{
    const int insnwidth = P->s->insnwidth;

    for (size_t i = 0; i < nt; i++) {
        int r = gen_ref(P, line, st, &t[i]);
        if (!r) {
            r = gen_named(P, line, st, &t[i]);
        }
        if (r < 0 || (!r && !gen_bits(P, line, st, &t[i]))) {
            return false;
        }
    }
    /* Shorter instructions of a variable-width set are left-aligned. */
    if (P->s->varwidth && st->width < insnwidth && st->width % 8 == 0) {
        long sh = insnwidth - st->width;
        st->fixedbits = shl(st->fixedbits, sh);
        st->fixedmask = shl(st->fixedmask, sh);
        st->undefmask = shl(st->undefmask, sh) | dt_len_mask((int)sh);
    } else if (!(is_format && st->width == 0) && st->width != insnwidth) {
        perr(P, line, "definition has %ld bits", st->width);
        return false;
    }
    for (size_t i = 0; i < st->flds.n; i++) {
        st->fieldmask |= fld_mask(&st->flds.v[i]);
    }
    return true;
}

static bool gen_format(DtParser *P, int line, GenState *st, DtGen *g)
{
    bool found;

    if (st->fmt) {
        perr(P, line, "format referencing format");
        return false;
    }
    if (st->arg) {
        for (size_t i = 0; i < st->flds.n; i++) {
            if (!dt_argset_has(st->arg, st->flds.v[i].name)) {
                perr(P, line, "field %s not in argument set &%s",
                     st->flds.v[i].name, st->arg->name);
                return false;
            }
        }
    } else {
        st->arg = dt_infer_argset(P->s, st->flds.v, st->flds.n);
    }
    dt_map_get(&P->s->formats, g->name, strlen(g->name), &found);
    if (found) {
        perr(P, line, "duplicate format name @%s", g->name);
        return false;
    }
    dt_gen_set_flds(P, g, &st->flds);
    return true;
}

static bool gen_pattern(DtParser *P, int line, GenState *st, DtGen *g)
{
    DtGen *fmt = st->fmt;
    DtArgSet *arg;
    DtFlds none = { 0 };

    if (fmt) {
        if (st->arg) {
            perr(P, line, "pattern specifies both format and argument set");
            return false;
        }
        if (st->fixedmask & fmt->fixedmask) {
            perr(P, line, "pattern fixed bits overlap format fixed bits");
            return false;
        }
        if (st->width != fmt->width) {
            perr(P, line, "pattern uses format of different width");
            return false;
        }
        st->fieldmask |= fmt->fieldmask;
        st->fixedbits |= fmt->fixedbits;
        st->fixedmask |= fmt->fixedmask;
        st->undefmask |= fmt->undefmask;
        dt_gen_set_flds(P, g, &st->flds);
    } else {
        /*
         * decodetree.py moves every field into the inferred format (its
         * constant-field split never triggers): the pattern keeps none.
         */
        fmt = dt_infer_format(P, line, st->arg, st->fieldmask, &st->flds,
                              (int)st->width);
        if (!fmt) {
            return false;
        }
        dt_gen_set_flds(P, g, &none);
    }
    arg = st->arg = fmt->arg;
    for (int i = 0; i < g->nflds; i++) {
        if (!dt_argset_has(arg, g->flds[i].name)) {
            perr(P, line, "field %s not in argument set &%s",
                 g->flds[i].name, arg->name);
            return false;
        }
        if (dt_gen_find(fmt, g->flds[i].name)) {
            perr(P, line, "field %s set by format and pattern",
                 g->flds[i].name);
            return false;
        }
    }
    for (int i = 0; i < arg->n; i++) {
        if (!dt_gen_find(g, arg->members[i]) &&
            !dt_gen_find(fmt, arg->members[i])) {
            perr(P, line, "field %s not initialized", arg->members[i]);
            return false;
        }
    }
    g->fmt = fmt;
    return true;
}

/* Fields, fixed bits and '-' bits must not overlap; patterns cover all. */
static bool gen_masks(DtParser *P, int line, bool is_format,
                      const GenState *st)
{
    const int hex = P->s->insnwidth / 4;
    const uint64_t fld = st->fieldmask, fix = st->fixedmask;
    const uint64_t und = st->undefmask;

    if (fld & fix) {
        perr(P, line, "fieldmask overlaps fixedmask (0x%0*llx & 0x%0*llx)",
             hex, (unsigned long long)fld, hex, (unsigned long long)fix);
        return false;
    }
    if (fld & und) {
        perr(P, line, "fieldmask overlaps undefmask (0x%0*llx & 0x%0*llx)",
             hex, (unsigned long long)fld, hex, (unsigned long long)und);
        return false;
    }
    if (fix & und) {
        perr(P, line, "fixedmask overlaps undefmask (0x%0*llx & 0x%0*llx)",
             hex, (unsigned long long)fix, hex, (unsigned long long)und);
        return false;
    }
    if (!is_format && (fld | fix | und) != P->s->insnmask) {
        perr(P, line, "bits left unspecified (0x%0*llx)", hex,
             (unsigned long long)((fld | fix | und) ^ P->s->insnmask));
        return false;
    }
    return true;
}

void dt_parse_generic(DtParser *P, int line, bool is_format,
                      const char *name, DtTok *t, size_t nt)
{
    DtSet *s = P->s;
    GenState st;
    DtAnnot annot;
    DtGen *g;
    char err[1024];
    bool ok;

    memset(&st, 0, sizeof(st));
    memset(&annot, 0, sizeof(annot));
    if (!is_format && dt_annot_take(P->actx, &annot, err, sizeof(err)) < 0) {
        dt_error_raw(s, err);
    }

    g = dt_new_gen(P, dt_tstr(P, name, strlen(name)), line);
    ok = gen_tokens(P, line, is_format, &st, t, nt);
    g->width = (int)st.width;
    ok = ok && (is_format ? gen_format(P, line, &st, g)
                          : gen_pattern(P, line, &st, g));
    ok = ok && gen_masks(P, line, is_format, &st);
    free(st.flds.v);
    dt_map_free(&st.flds.idx);

    if (!ok) {
        dt_annot_free(&annot);
        /* Remember a failed format's name so its users do not cascade. */
        if (is_format && dt_map_find(&s->formats, name, strlen(name)) < 0) {
            dt_map_put(&s->formats, dt_tstr(P, name, strlen(name)), NULL);
        }
        return;
    }
    g->arg = st.arg;
    g->fixedbits = st.fixedbits;
    g->fixedmask = st.fixedmask;
    g->undefmask = st.undefmask;
    g->fieldmask = st.fieldmask;
    if (is_format) {
        dt_register_format(s, g);
    } else {
        build_pattern(P, g, &annot);
    }
}
