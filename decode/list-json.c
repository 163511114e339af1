/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-decode --list --json: what --list prints, structured, for
 * scripts.  Masks are hex strings: 64-bit values lose precision as
 * JSON numbers in most readers.
 */
#include "decode/list-json.h"
#include "decode/annot.h"
#include "tools/lib/json.h"

void dt_field_text(StrBuf *b, const DtField *f)
{
    if (f->nsegs == 0) {
        sb_printf(b, "!function=%s", f->func);
        return;
    }
    for (int i = 0; i < f->nsegs; i++) {
        const DtSeg *s = &f->segs[i];
        if (i) {
            sb_putc(b, '|');
        }
        if (s->kind == DT_SEG_NAMED) {
            sb_printf(b, "%s:%s%d", s->name, s->sign ? "s" : "", s->len);
        } else {
            sb_printf(b, "%d:%s%d", s->pos, s->sign ? "s" : "", s->len);
        }
    }
    if (f->func) {
        sb_printf(b, "!%s", f->func);
    }
}

static void kexpr(JsonW *j, const char *k, const DtExpr *e)
{
    json_kstr(j, k, e ? dt_expr_text(e) : NULL);
}

static void kstrs(JsonW *j, const char *k, const char **v, int n)
{
    json_key(j, k);
    json_arr(j);
    for (int i = 0; i < n; i++) {
        json_str(j, v[i]);
    }
    json_arr_end(j);
}

static void kexprs(JsonW *j, const char *k, DtExpr *const *v, int n)
{
    json_key(j, k);
    json_arr(j);
    for (int i = 0; i < n; i++) {
        json_str(j, dt_expr_text(v[i]));
    }
    json_arr_end(j);
}

static void args_json(JsonW *j, const DtPattern *p)
{
    json_key(j, "args");
    json_arr(j);
    for (int k = 0; k < p->nargs; k++) {
        const DtArg *a = &p->args[k];
        json_obj(j);
        json_kstr(j, "name", a->name);
        if (a->kind == DT_ARG_CONST) {
            json_kint(j, "value", a->value);
        } else {
            StrBuf b = { 0 };
            dt_field_text(&b, a->field);
            json_kstr(j, "field", b.s ? b.s : "");
            sb_free(&b);
        }
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void mem_json(JsonW *j, const DtMem *m)
{
    json_key(j, "mem");
    if (!m->present) {
        json_null(j);
        return;
    }
    json_obj(j);
    json_kstr(j, "base", m->base);
    json_kstr(j, "index", m->index);
    kexpr(j, "offset", m->offset);
    kexpr(j, "scale", m->scale);
    json_kint(j, "size", m->size);
    json_kint(j, "align", m->align);
    json_kbool(j, "post", m->post);
    json_kbool(j, "writeback", m->writeback);
    json_obj_end(j);
}

static void annot_json(JsonW *j, const DtAnnot *a)
{
    json_key(j, "regs");
    json_arr(j);
    for (int i = 0; i < a->nroles; i++) {
        json_obj(j);
        json_kstr(j, "class", a->roles[i].cls);
        json_kstr(j, "field", a->roles[i].field);
        json_obj_end(j);
    }
    json_arr_end(j);
    kexprs(j, "constraints", a->constraints, a->nconstraints);
    kexprs(j, "reserved", a->reserved, a->nreserved);
    mem_json(j, &a->mem);
    kstrs(j, "tags", a->tags, a->ntags);
    kstrs(j, "requires", a->requires, a->nrequires);
    json_kuint(j, "weight", a->weight);
    json_kbool(j, "never", a->never);
    json_kstr(j, "never_reason", a->never ? a->never_reason : NULL);
    json_key(j, "dontcare");
    if (a->has_dontcare) {
        json_hex(j, a->dontcare, 1);
    } else {
        json_null(j);
    }
}

void dt_list_json(const DtSet *s, FILE *out)
{
    int hex = dt_set_insnwidth(s) / 4;
    JsonW j;

    json_init(&j, out, true);
    json_arr(&j);
    for (size_t i = 0; i < dt_set_npatterns(s); i++) {
        const DtPattern *p = dt_set_pattern(s, i);
        json_obj(&j);
        json_kstr(&j, "name", p->name);
        json_kstr(&j, "file", p->file);
        json_kint(&j, "line", p->line);
        json_kint(&j, "width", p->width);
        json_khex(&j, "fixedmask", p->fixedmask, hex);
        json_khex(&j, "fixedbits", p->fixedbits, hex);
        json_khex(&j, "dontcaremask", p->dontcaremask, hex);
        json_kstr(&j, "argset", p->argset);
        args_json(&j, p);
        annot_json(&j, &p->annot);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_end(&j);
}
