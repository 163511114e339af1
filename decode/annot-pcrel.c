/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "#@ pcrel" (docs/annotations.md):
 *   pcrel target=EXPR field=ARG size=N [align=N] [pcalign=N]   a load
 *   pcrel result=ARG                                           an address
 * Parsed, bound, copied and freed here; decode/annot.c dispatches.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

#define PCREL_MAX_BYTES 64
#define PCREL_MAX_PCALIGN 65536

#define pfail(err, errlen, file, line, ...) \
    dt_annot_error(err, errlen, file, line, "pcrel: " __VA_ARGS__)


/* size=, align=, pcalign=: a decimal number in 1..max; powers of two
 * except size (an LDRD-style pair need not be one, but stays small). */
static int number(int *slot, const char *key, const char *val, int max,
                  bool p2, const char *file, int line, char *err,
                  size_t errlen)
{
    char *end;
    long v;

    if (*slot) {
        return pfail(err, errlen, file, line, "duplicate '%s='", key);
    }
    v = strtol(val, &end, 10);
    if (!*val || *end || v < 1 || v > max || (p2 && (v & (v - 1)))) {
        return pfail(err, errlen, file, line, "%s=%s must be %s from 1 to "
                     "%d", key, val, p2 ? "a power of two" : "an integer",
                     max);
    }
    *slot = (int)v;
    return 0;
}

static int key_value(DtPcrel *pc, char *word, const char *file, int line,
                     char *err, size_t errlen)
{
    char *val = strchr(word, '=');

    if (!val) {
        return pfail(err, errlen, file, line, "'%s' needs a value (valid: "
                     "target= field= size= align= pcalign= result=)", word);
    }
    *val++ = 0;
    if (!strcmp(word, "target")) {
        if (pc->target) {
            return pfail(err, errlen, file, line, "duplicate 'target='");
        }
        pc->target = dt_expr_parse(val, file, line, err, errlen);
        return pc->target ? 0 : -1;
    }
    if (!strcmp(word, "field") || !strcmp(word, "result")) {
        return dt_annot_take_name(word[0] == 'f' ? &pc->field : &pc->result,
                                  "pcrel", word, val, file, line, err,
                                  errlen);
    }
    if (!strcmp(word, "size")) {
        return number(&pc->size, word, val, PCREL_MAX_BYTES, false, file,
                      line, err, errlen);
    }
    if (!strcmp(word, "align") || !strcmp(word, "pcalign")) {
        return number(word[0] == 'a' ? &pc->align : &pc->pcalign, word, val,
                      word[0] == 'a' ? PCREL_MAX_BYTES : PCREL_MAX_PCALIGN,
                      true, file, line, err, errlen);
    }
    return pfail(err, errlen, file, line, "unknown key '%s=' (valid: "
                 "target= field= size= align= pcalign= result=)", word);
}

/* A load names its target, field and size; an address only result=. */
static int check_form(const DtPcrel *pc, const char *file, int line,
                      char *err, size_t errlen)
{
    bool load = pc->target || pc->field || pc->size || pc->align;

    if (pc->result && (load || pc->pcalign)) {
        return pfail(err, errlen, file, line, "result= stands alone (a "
                     "load has target= field= size=)");
    }
    if (!pc->result && !(pc->target && pc->field && pc->size)) {
        return pfail(err, errlen, file, line, "needs target=EXPR field=ARG "
                     "size=N (a load) or result=ARG (an address)");
    }
    return 0;
}

void dt_pcrel_free(DtPcrel *pc)
{
    dt_expr_free(pc->target);
    free((char *)pc->field);
    free((char *)pc->result);
    free((char *)pc->file);
    memset(pc, 0, sizeof(*pc));
}

int dt_pcrel_apply(DtPcrel *dst, char **w, int n, const char *file,
                   int line, char *err, size_t errlen)
{
    DtPcrel pc = { .present = true, .fieldidx = -1, .resultidx = -1,
                   .line = line };

    for (int i = 1; i < n; i++) {
        if (key_value(&pc, w[i], file, line, err, errlen)) {
            goto bad;
        }
    }
    if (check_form(&pc, file, line, err, errlen)) {
        goto bad;
    }
    if (!pc.align) {
        pc.align = 1;
    }
    if (!pc.pcalign) {
        pc.pcalign = 1;
    }
    if (!(pc.file = strdup(file))) {
        pfail(err, errlen, file, line, "out of memory");
        goto bad;
    }
    dt_pcrel_free(dst);         /* a later pcrel replaces an earlier one */
    *dst = pc;
    return 0;

bad:
    dt_pcrel_free(&pc);
    return -1;
}

int dt_pcrel_copy(DtPcrel *dst, const DtPcrel *src)
{
    *dst = *src;
    dst->target = src->target ? dt_expr_copy(src->target) : NULL;
    dst->field = src->field ? strdup(src->field) : NULL;
    dst->result = src->result ? strdup(src->result) : NULL;
    dst->file = src->file ? strdup(src->file) : NULL;
    if ((src->target && !dst->target) || (src->field && !dst->field) ||
        (src->result && !dst->result) || (src->file && !dst->file)) {
        dt_pcrel_free(dst);
        return -1;
    }
    return 0;
}

static int arg_index(const DtPattern *p, const char *n)
{
    for (int i = 0; i < p->nargs; i++) {
        if (p->args[i].name && !strcmp(p->args[i].name, n)) {
            return i;
        }
    }
    return -1;
}

int dt_pcrel_bind(DtPattern *p, char *err, size_t errlen)
{
    DtPcrel *pc = &p->annot.pcrel;
    const char *n = pc->field ? pc->field : pc->result;
    int i;

    if (!pc->present) {
        return 0;
    }
    i = arg_index(p, n);
    if (i < 0) {
        return pfail(err, errlen, pc->file, pc->line, "pattern %s has no "
                     "field '%s'", p->name ? p->name : "?", n);
    }
    if (pc->field) {
        pc->fieldidx = i;
    } else {
        pc->resultidx = i;
    }
    return pc->target ? dt_expr_bind(pc->target, p, err, errlen) : 0;
}
