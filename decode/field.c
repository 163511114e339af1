/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Field extraction and insertion, and the field comparison rules that
 * decodetree.py uses when it infers formats.
 */
#include <string.h>

#include "decode/internal.h"

enum {
    FC_FIELD = 1,         /* one pos:len segment */
    FC_NAMED,             /* one name:len segment */
    FC_MULTI,             /* several segments */
    FC_FUNC,              /* segments through !function */
    FC_PARAM,             /* !function only */
};

/* The view of a field with or without its function. */
typedef struct FView {
    const DtSeg *segs;
    int nsegs;
    const char *func;
} FView;

static FView view(const DtField *f)
{
    FView v = { f->segs, f->nsegs, f->func };
    return v;
}

static int vclass(FView v)
{
    if (v.func) {
        return v.nsegs ? FC_FUNC : FC_PARAM;
    }
    if (v.nsegs == 1) {
        return v.segs[0].kind == DT_SEG_NAMED ? FC_NAMED : FC_FIELD;
    }
    return FC_MULTI;
}

int dt_field_class(const DtField *f)
{
    return vclass(view(f));
}

static uint64_t vmask(FView v)
{
    uint64_t m = 0;
    for (int i = 0; i < v.nsegs; i++) {
        if (v.segs[i].kind == DT_SEG_BITS) {
            m |= dt_seg_mask(v.segs[i].pos, v.segs[i].len);
        }
    }
    return m;
}

uint64_t dt_field_mask(const DtField *f)
{
    return vmask(view(f));
}

static bool vsign(FView v)
{
    return v.nsegs ? v.segs[0].sign : false;
}

bool dt_field_sign(const DtField *f)
{
    return vsign(view(f));
}

static bool seg_eq(const DtSeg *a, const DtSeg *b)
{
    if (a->kind == DT_SEG_NAMED) {
        return strcmp(a->name, b->name) == 0;
    }
    return a->sign == b->sign &&
           dt_seg_mask(a->pos, a->len) == dt_seg_mask(b->pos, b->len);
}

/*
 * a.__eq__(b) as the Python classes define it.  Several combinations
 * raise AttributeError in decodetree.py (it then exits with an error);
 * *crash reports those.
 */
static bool view_eq(FView a, FView b, bool *crash)
{
    int ca = vclass(a), cb = vclass(b);

    switch (ca) {
    case FC_FIELD:
        return vsign(a) == vsign(b) && vmask(a) == vmask(b);
    case FC_NAMED:
        if (cb != FC_NAMED) {
            *crash = true;
            return false;
        }
        return strcmp(a.segs[0].name, b.segs[0].name) == 0;
    case FC_MULTI:
        if (cb != FC_MULTI) {
            *crash = true;
            return false;
        }
        if (a.nsegs != b.nsegs) {
            return false;
        }
        for (int i = 0; i < a.nsegs; i++) {
            if (a.segs[i].kind != b.segs[i].kind ||
                !seg_eq(&a.segs[i], &b.segs[i])) {
                return false;
            }
        }
        return true;
    case FC_FUNC:
    case FC_PARAM:
        if (cb != FC_FUNC && cb != FC_PARAM) {
            *crash = true;
            return false;
        }
        if (strcmp(a.func, b.func) != 0) {
            return false;
        }
        if (ca == FC_PARAM) {
            return true;
        }
        if (cb == FC_PARAM) {
            *crash = true;          /* ParameterField has no .base */
            return false;
        }
        a.func = NULL;
        b.func = NULL;
        return view_eq(a, b, crash);
    }
    return false;
}

bool dt_field_pyeq(const DtField *a, const DtField *b, bool *crash)
{
    return view_eq(view(a), view(b), crash);
}

/* ---- extraction ---------------------------------------------------- */

static int find_arg(const DtPattern *p, const char *name)
{
    for (int i = 0; p && i < p->nargs; i++) {
        if (strcmp(p->args[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

/* The value the generated code stores for argument i (after !function). */
static int64_t arg_value(const DtPattern *p, int i, const int64_t *args)
{
    const DtArg *a = &p->args[i];
    DtFunc fn;

    if (a->kind == DT_ARG_CONST) {
        return a->value;
    }
    if (!args) {
        return 0;
    }
    if (a->field->func && dt_func_resolve(a->field->func, &fn)) {
        return dt_func_eval(&fn, args[i]);
    }
    return args[i];
}

int64_t dt_field_extract(const DtField *f, uint64_t insn,
                         const int64_t *args, const DtPattern *p)
{
    uint64_t val = 0;
    int width = 0;

    for (int i = 0; i < f->nsegs; i++) {
        const DtSeg *s = &f->segs[i];
        uint64_t v;

        if (s->kind == DT_SEG_BITS) {
            v = s->pos >= 64 ? 0 : (insn >> s->pos) & dt_len_mask(s->len);
        } else {
            int j = find_arg(p, s->name);
            v = j < 0 ? 0 : (uint64_t)arg_value(p, j, args);
            v &= dt_len_mask(s->len);
        }
        val = s->len >= 64 ? v : (val << s->len) | v;
        width += s->len;
    }
    if (f->nsegs && f->segs[0].sign && width > 0 && width < 64) {
        uint64_t top = 1ULL << (width - 1);
        val = (val ^ top) - top;
    }
    return (int64_t)val;
}

bool dt_field_insertable(const DtField *f)
{
    if (f->nsegs == 0) {
        return false;
    }
    for (int i = 0; i < f->nsegs; i++) {
        if (f->segs[i].kind != DT_SEG_BITS) {
            return false;
        }
    }
    return true;
}

int dt_field_width(const DtField *f)
{
    int w = 0;
    for (int i = 0; i < f->nsegs; i++) {
        if (f->segs[i].kind == DT_SEG_BITS) {
            w += f->segs[i].len;
        }
    }
    return w;
}

uint64_t dt_field_insert(const DtField *f, uint64_t insn, int64_t raw)
{
    uint64_t v = (uint64_t)raw;

    for (int i = f->nsegs - 1; i >= 0; i--) {
        const DtSeg *s = &f->segs[i];
        uint64_t m = dt_len_mask(s->len);

        if (s->kind == DT_SEG_BITS && s->pos < 64) {
            insn = (insn & ~(m << s->pos)) | ((v & m) << s->pos);
        }
        v = s->len >= 64 ? 0 : v >> s->len;
    }
    return insn;
}
