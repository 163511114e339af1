/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Field definitions ("%name pos:len ... !function=f") and argument sets
 * ("&name member member:type ... !extern"), checked as decodetree.py
 * checks them.
 */
#include <stdlib.h>

#include "decode/parser.h"

/* "pos:len" or "pos:slen": bits of the instruction word. */
static int bits_token(DtParser *P, int line, DtTok *tok, DtSeg *seg)
{
    const char *p = tok->p;
    size_t n = tok->n, c = 0;
    char q[300];

    while (c < n && p[c] >= '0' && p[c] <= '9') {
        c++;
    }
    if (c && c + 1 < n && p[c] == ':') {
        bool sign = p[c + 1] == 's';
        size_t d = c + 1 + sign;
        if (dt_is_digits(p + d, n - d)) {
            long po = dt_parse_count(p, c);
            long le = dt_parse_count(p + d, n - d);
            if (po + le > P->s->insnwidth) {
                perr(P, line, "field %s too large",
                     dt_qtok(tok, q, sizeof(q)));
                return -1;
            }
            seg->kind = DT_SEG_BITS;
            seg->pos = (int)po;
            seg->len = (int)le;
            seg->sign = sign;
            return 1;
        }
    }
    perr(P, line, "invalid field token \"%s\"", dt_qtok(tok, q, sizeof(q)));
    return -1;
}

/*
 * One token of a field definition: a segment into *seg, or the
 * !function= into *func.  Returns 1 for a segment, 0 for a function,
 * -1 on an error (reported).
 */
static int field_token(DtParser *P, int line, DtTok *tok, DtSeg *seg,
                       const char **func)
{
    const char *p = tok->p;
    size_t n = tok->n, id;

    if (n >= 10 && memcmp(p, "!function=", 10) == 0) {
        if (*func) {
            perr(P, line, "duplicate function");
            return -1;
        }
        size_t e = 10;
        while (e < n && p[e] != '=') {
            e++;
        }
        /* An empty name counts as no function, as in decodetree.py. */
        *func = e > 10 ? dt_tstr(P, p + 10, e - 10) : NULL;
        return 0;
    }
    id = dt_match_c_ident(p, n);
    if (id && id + 1 < n && p[id] == ':') {
        bool sign = p[id + 1] == 's';
        size_t d = id + 1 + sign;
        if (dt_is_digits(p + d, n - d)) {
            /*
             * name:len reads another argument of the pattern.  The
             * signed form crashes the decodetree.py we follow (it
             * passes "sN" to int()); we accept it as documented.
             */
            seg->kind = DT_SEG_NAMED;
            seg->name = dt_tstr(P, p, id);
            seg->sign = sign;
            seg->len = (int)dt_parse_count(p + d, n - d);
            seg->pos = 0;
            return 1;
        }
    }
    return bits_token(P, line, tok, seg);
}

/* The segments together: not too wide, something there, no overlap. */
static bool field_segs_ok(DtParser *P, int line, const DtSeg *segs,
                          size_t nsegs, long width, const char *func)
{
    if (width > P->s->insnwidth) {
        perr(P, line, "field too large");
        return false;
    }
    if (nsegs == 0 && !func) {
        perr(P, line, "field with no value");
        return false;
    }
    if (nsegs > 1) {
        uint64_t mask = 0;
        for (size_t i = 0; i < nsegs; i++) {
            if (segs[i].kind != DT_SEG_BITS) {
                continue;
            }
            uint64_t m = dt_seg_mask(segs[i].pos, segs[i].len);
            if (mask & m) {
                perr(P, line, "field components overlap");
                return false;
            }
            mask |= m;
        }
    }
    return true;
}

void dt_parse_field(DtParser *P, int line, const char *name, size_t nlen,
                        DtTok *t, size_t nt)
{
    DtSet *s = P->s;
    DtSeg *segs = NULL;
    size_t nsegs = 0, capsegs = 0;
    const char *func = NULL;
    long width = 0;
    bool found;

    for (size_t i = 0; i < nt; i++) {
        DtSeg seg = { 0 };
        int r = field_token(P, line, &t[i], &seg, &func);

        if (r < 0) {
            goto fail;
        }
        if (r == 0) {
            continue;
        }
        dt_grow((void **)&segs, &capsegs, nsegs, sizeof(*segs));
        segs[nsegs++] = seg;
        width += seg.len;
        if (width > DT_COUNT_MAX) {
            width = DT_COUNT_MAX;
        }
    }

    if (!field_segs_ok(P, line, segs, nsegs, width, func)) {
        goto fail;
    }
    dt_map_get(&s->fields, name, nlen, &found);
    if (found) {
        perr(P, line, "duplicate field %%%.*s", (int)nlen, name);
        goto fail;
    }

    DtField *f = dt_arena_alloc(s->arena, sizeof(*f));
    f->name = dt_tstr(P, name, nlen);
    f->file = P->file;
    f->line = line;
    f->nsegs = (int)nsegs;
    f->segs = dt_arena_alloc(s->arena, (nsegs ? nsegs : 1) * sizeof(DtSeg));
    if (nsegs) {
        memcpy(f->segs, segs, nsegs * sizeof(DtSeg));
    }
    f->func = func;
    dt_map_put(&s->fields, f->name, f);
    free(segs);
    return;

fail:
    free(segs);
    /* Remember the name so later references do not cascade. */
    if (dt_map_find(&s->fields, name, nlen) < 0) {
        dt_map_put(&s->fields, dt_tstr(P, name, nlen), NULL);
    }
}

void dt_parse_argset(DtParser *P, int line, const char *name, size_t nlen,
                         DtTok *t, size_t nt)
{
    DtSet *s = P->s;
    DtArgSet *a = dt_arena_alloc(s->arena, sizeof(*a));
    DtMap seen = { 0 };
    char q[300];
    bool found;

    a->members = dt_arena_alloc(s->arena, (nt + 1) * sizeof(char *));
    a->types = dt_arena_alloc(s->arena, (nt + 1) * sizeof(char *));
    a->all_int = true;
    for (size_t i = 0; i < nt; i++) {
        const char *p = t[i].p;
        size_t n = t[i].n;
        size_t id = dt_match_c_ident(p, n);
        const char *type = "int";

        if (dt_tok_is(&t[i], "!extern")) {
            a->is_extern = true;
            continue;
        }
        if (id == n) {
            /* plain member */
        } else if (id && id + 1 < n && p[id] == ':' &&
                   dt_match_c_ident(p + id + 1, n - id - 1) == n - id - 1) {
            type = dt_tstr(P, p + id + 1, n - id - 1);
            if (strcmp(type, "int") != 0) {
                a->all_int = false;
            }
        } else {
            perr(P, line, "invalid argument set token \"%s\"",
                 dt_qtok(&t[i], q, sizeof(q)));
            goto fail;
        }
        if (dt_map_find(&seen, p, id) >= 0) {
            perr(P, line, "duplicate argument \"%.*s\"", (int)id, p);
            goto fail;
        }
        a->members[a->n] = dt_tstr(P, p, id);
        a->types[a->n] = type;
        dt_map_put(&seen, a->members[a->n], NULL);
        a->n++;
    }
    dt_map_get(&s->argsets, name, nlen, &found);
    if (found) {
        perr(P, line, "duplicate argument set &%.*s", (int)nlen, name);
        goto fail;
    }
    a->name = dt_tstr(P, name, nlen);
    dt_register_argset(s, a);
    dt_map_free(&seen);
    return;

fail:
    dt_map_free(&seen);
    if (dt_map_find(&s->argsets, name, nlen) < 0) {
        dt_map_put(&s->argsets, dt_tstr(P, name, nlen), NULL);
    }
}
