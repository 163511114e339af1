/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * State classes: see format/classes.h and format/state.h.
 */
#include <string.h>
#include "format/classes.h"

static int nclasses(const RisuArchDesc *a)
{
    int n = 0;

    while (a->class_names && a->class_names[n] && n < RISU_MAX_CLASSES) {
        n++;
    }
    return n;
}

uint32_t risu_classes_all(const RisuArchDesc *a)
{
    return (uint32_t)((1ul << nclasses(a)) - 1);
}

static void put_err(char *err, size_t errlen, const char *what,
                    const char *s, uint32_t n)
{
    size_t k = 0;

    if (!errlen) {
        return;
    }
    for (const char *w = what; *w && k + 1 < errlen; w++) {
        err[k++] = *w;
    }
    for (uint32_t i = 0; i < n && k + 2 < errlen; i++) {
        err[k++] = s[i];
    }
    if (k + 2 < errlen) {
        err[k++] = '\'';
    }
    err[k] = 0;
}

int risu_classes_parse(const RisuArchDesc *a, const char *s, uint32_t len,
                       uint32_t *mask, char *err, size_t errlen)
{
    int nc = nclasses(a);
    uint32_t i = 0;

    *mask = 0;
    while (i < len) {
        uint32_t j = i;
        int c;

        while (j < len && s[j] != ',') {
            j++;
        }
        for (c = 0; c < nc; c++) {
            const char *name = a->class_names[c];
            if (strlen(name) == j - i && !memcmp(name, s + i, j - i)) {
                break;
            }
        }
        if (c == nc) {
            put_err(err, errlen, "unknown state class '", s + i, j - i);
            return -1;
        }
        if (*mask & (1u << c)) {
            put_err(err, errlen, "state class named twice '", s + i, j - i);
            return -1;
        }
        *mask |= 1u << c;
        i = j + 1;
    }
    return 0;
}

const char *risu_classes_text(const RisuArchDesc *a, uint32_t mask,
                              char *buf, size_t len)
{
    size_t k = 0;
    int nc = nclasses(a);

    if (!len) {
        return buf;
    }
    for (int c = 0; c < nc; c++) {
        if (!(mask & (1u << c))) {
            continue;
        }
        if (k && k + 1 < len) {
            buf[k++] = ',';
        }
        for (const char *p = a->class_names[c]; *p && k + 1 < len; p++) {
            buf[k++] = *p;
        }
    }
    buf[k] = 0;
    return buf;
}

int risu_reg_in_classes(const RisuArchDesc *a, int i, uint32_t mask)
{
    uint8_t c;

    if (!a->reg_class) {
        return 1;
    }
    c = a->reg_class(&a->regs[i]);
    return c == RISU_CLASS_ALWAYS || (c < 32 && (mask & (1u << c)));
}

int risu_class_spans(const RisuArchDesc *a, uint32_t mask, RisuSpans *sp)
{
    sp->n = 0;
    for (int i = 0; i < a->nregs; i++) {
        const RisuRegDesc *rd = &a->regs[i];
        int n = sp->n;

        if (!risu_reg_in_classes(a, i, mask)) {
            continue;
        }
        if (n && sp->hi[n - 1] == rd->slot) {
            sp->hi[n - 1] = rd->slot + rd->nslots;
            continue;
        }
        if (n && sp->hi[n - 1] > rd->slot) {
            return -1;      /* not in slot order: spans would overlap */
        }
        if (n == RISU_MAX_SPANS) {
            return -1;
        }
        sp->lo[n] = rd->slot;
        sp->hi[n] = rd->slot + rd->nslots;
        sp->n = n + 1;
    }
    return 0;
}

uint32_t risu_record_classes(const RisuArchDesc *a, uint32_t features)
{
    if (!(features & RISU_FEAT_CLASSES)) {
        return risu_classes_all(a);
    }
    return (features & RISU_FEAT_CLASS_MASK) >> RISU_FEAT_CLASS_SHIFT;
}

int risu_spans_hold(const RisuSpans *sp, uint32_t s)
{
    if (!sp) {
        return 1;
    }
    for (int i = 0; i < sp->n; i++) {
        if (s >= sp->lo[i] && s < sp->hi[i]) {
            return 1;
        }
    }
    return 0;
}
