/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "#@ branch" directive (docs/annotations.md): parsing, binding to
 * a pattern's arguments, copy and free.  dt_annot_apply hands over the
 * directive split into words.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

#define MAX_LINKREG 255

#define fail(err, errlen, file, line, ...) \
    dt_annot_error(err, errlen, file, line, "branch: " __VA_ARGS__)


void dt_branch_free(DtBranch *b)
{
    dt_expr_free(b->target);
    free((char *)b->field);
    free((char *)b->reg);
    free((char *)b->link);
    free((char *)b->file);
    memset(b, 0, sizeof(*b));
    b->fieldidx = b->regidx = b->linkidx = b->linkreg = -1;
}

/* link=N (a fixed register number) or link=ARG. */
static int take_link(DtBranch *b, const char *val, const char *file,
                     int line, char *err, size_t errlen)
{
    if (val[0] >= '0' && val[0] <= '9') {
        char *end;
        long n = strtol(val, &end, 10);

        if (*end || n > MAX_LINKREG || b->link || b->linkreg >= 0) {
            return fail(err, errlen, file, line, "link=%s: a field name or "
                        "a register number from 0 to %d, given once", val,
                        MAX_LINKREG);
        }
        b->linkreg = (int)n;
        return 0;
    }
    if (b->linkreg >= 0) {
        return fail(err, errlen, file, line, "duplicate 'link='");
    }
    return dt_annot_take_name(&b->link, "branch", "link", val, file, line,
                              err, errlen);
}

/* rel=, abs= or plus=: the target expression (one per directive). */
static int take_expr(DtBranch *b, DtBranchKind kind, const char *key,
                     const char *val, const char *file, int line, char *err,
                     size_t errlen)
{
    if (b->target) {
        return fail(err, errlen, file, line, "'%s=': only one of rel=, abs= "
                    "and plus= per directive", key);
    }
    if (kind != DT_BRANCH_NONE) {
        b->kind = kind;
    }
    b->target = dt_expr_parse(val, file, line, err, errlen);
    return b->target ? 0 : -1;
}

static int take_flag(DtBranch *b, const char *key, bool *seen_slot,
                     const char *file, int line, char *err, size_t errlen)
{
    bool *f = !strcmp(key, "cond") ? &b->cond
            : !strcmp(key, "likely") ? &b->likely
            : !strcmp(key, "forbidden") ? &b->forbidden
            : !strcmp(key, "slot") ? seen_slot : NULL;

    if (!f) {
        return fail(err, errlen, file, line, "unknown key '%s' (valid: rel= "
                    "abs= reg= field= plus= link= cond slot slot= likely "
                    "forbidden)", key);
    }
    if (*f) {
        return fail(err, errlen, file, line, "duplicate '%s'", key);
    }
    *f = true;
    return 0;
}

static int take_word(DtBranch *b, char *key, bool *seen_slot,
                     const char *file, int line, char *err, size_t errlen)
{
    char *val = strchr(key, '=');

    if (!val) {
        return take_flag(b, key, seen_slot, file, line, err, errlen);
    }
    *val++ = 0;
    if (!strcmp(key, "rel") || !strcmp(key, "abs")) {
        return take_expr(b, key[0] == 'r' ? DT_BRANCH_REL : DT_BRANCH_ABS,
                         key, val, file, line, err, errlen);
    }
    if (!strcmp(key, "plus")) {
        return take_expr(b, DT_BRANCH_NONE, key, val, file, line, err,
                         errlen);
    }
    if (!strcmp(key, "reg")) {
        if (b->reg) {
            return fail(err, errlen, file, line, "duplicate 'reg='");
        }
        return dt_annot_take_name(&b->reg, "branch", key, val, file, line,
                                  err, errlen);
    }
    if (!strcmp(key, "field")) {
        return dt_annot_take_name(&b->field, "branch", key, val, file, line,
                                  err, errlen);
    }
    if (!strcmp(key, "link")) {
        return take_link(b, val, file, line, err, errlen);
    }
    if (!strcmp(key, "slot")) {
        /* slot=W: a slot whose instruction must be W bits wide. */
        if (strcmp(val, "16") && strcmp(val, "32")) {
            return fail(err, errlen, file, line, "slot=%s: the slot "
                        "instruction's width in bits, 16 or 32", val);
        }
        b->slotwidth = atoi(val);
        return take_flag(b, "slot", seen_slot, file, line, err, errlen);
    }
    return fail(err, errlen, file, line, "unknown key '%s=' (valid: rel= "
                "abs= reg= field= plus= link= slot= cond slot likely "
                "forbidden)",
                key);
}

/* The combination rules, once every word is read. */
static int check_shape(DtBranch *b, const char *file, int line, char *err,
                       size_t errlen)
{
    if (b->reg) {
        if (b->kind != DT_BRANCH_NONE) {
            return fail(err, errlen, file, line, "reg= excludes rel= and "
                        "abs= (use plus= for an offset)");
        }
        if (b->field) {
            return fail(err, errlen, file, line, "field= is for rel= and "
                        "abs=, not reg=");
        }
        b->kind = DT_BRANCH_REG;
    } else if (b->kind == DT_BRANCH_NONE) {
        return fail(err, errlen, file, line, "%s",
                    b->target ? "plus= needs reg="
                              : "needs rel=EXPR, abs=EXPR or reg=FIELD");
    } else if (!b->field) {
        return fail(err, errlen, file, line, "%s= needs field=FIELD (the "
                    "argument solved for the target)",
                    b->kind == DT_BRANCH_REL ? "rel" : "abs");
    }
    if (b->likely && (!b->slot || !b->cond)) {
        return fail(err, errlen, file, line, "likely needs cond and slot "
                    "(the slot is nullified when not taken)");
    }
    if (b->forbidden && b->slot) {
        return fail(err, errlen, file, line, "forbidden (a compact branch) "
                    "and slot exclude each other");
    }
    return 0;
}

int dt_branch_apply(DtBranch *out, char **w, int n, const char *file,
                    int line, char *err, size_t errlen)
{
    DtBranch b = { .fieldidx = -1, .regidx = -1, .linkidx = -1,
                   .linkreg = -1, .line = line };
    bool seen_slot = false;

    for (int i = 1; i < n; i++) {
        if (take_word(&b, w[i], &seen_slot, file, line, err, errlen) < 0) {
            goto bad;
        }
        b.slot = seen_slot ? 1 : 0;
    }
    if (check_shape(&b, file, line, err, errlen) < 0) {
        goto bad;
    }
    if (!(b.file = strdup(file))) {
        fail(err, errlen, file, line, "out of memory");
        goto bad;
    }
    dt_branch_free(out);        /* a later branch replaces an earlier one */
    *out = b;
    return 0;

bad:
    dt_branch_free(&b);
    return -1;
}

static int arg_index(const DtPattern *p, const char *name)
{
    for (int i = 0; i < p->nargs; i++) {
        if (p->args[i].name && !strcmp(p->args[i].name, name)) {
            return i;
        }
    }
    return -1;
}

static int bind_name(const DtBranch *b, const DtPattern *p, const char *key,
                     const char *name, int *idx, char *err, size_t errlen)
{
    if (!name) {
        *idx = -1;
        return 0;
    }
    *idx = arg_index(p, name);
    if (*idx < 0) {
        return fail(err, errlen, b->file, b->line, "pattern %s has no field "
                    "'%s' (%s=)", p->name ? p->name : "?", name, key);
    }
    return 0;
}

int dt_branch_bind(DtBranch *b, const DtPattern *p, char *err,
                   size_t errlen)
{
    int reads[DT_MAX_ARGS], n;
    bool found = false;

    if (b->kind == DT_BRANCH_NONE) {
        return 0;
    }
    if (bind_name(b, p, "field", b->field, &b->fieldidx, err, errlen) ||
        bind_name(b, p, "reg", b->reg, &b->regidx, err, errlen) ||
        bind_name(b, p, "link", b->link, &b->linkidx, err, errlen)) {
        return -1;
    }
    if (b->target && dt_expr_bind(b->target, p, err, errlen) < 0) {
        return -1;
    }
    if (b->kind == DT_BRANCH_REG) {
        return 0;
    }
    n = dt_expr_args(b->target, reads, DT_MAX_ARGS);
    for (int i = 0; i < n && i < DT_MAX_ARGS; i++) {
        found |= reads[i] == b->fieldidx;
    }
    if (!found) {
        return fail(err, errlen, b->file, b->line, "the target expression "
                    "'%s' does not read field '%s'",
                    dt_expr_text(b->target), b->field);
    }
    return 0;
}

int dt_branch_copy(DtBranch *dst, const DtBranch *src)
{
    bool ok = true;

    *dst = *src;
    dst->target = NULL;
    dst->field = dst->reg = dst->link = dst->file = NULL;
    if (src->target && !(dst->target = dt_expr_copy(src->target))) {
        ok = false;
    }
#define DUP(x) do { if (src->x && !(dst->x = strdup(src->x))) { \
            ok = false; } } while (0)
    DUP(field);
    DUP(reg);
    DUP(link);
    DUP(file);
#undef DUP
    if (!ok) {
        dt_branch_free(dst);
        return -1;
    }
    return 0;
}
