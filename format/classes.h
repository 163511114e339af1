/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * State classes (format/state.h, docs/trace-format.md): parsing an
 * image's "classes=" list, naming a mask, and the slot spans a mask
 * covers.  Freestanding, like the rest of format/.
 */
#ifndef RISU_CLASSES_H
#define RISU_CLASSES_H

#include <stddef.h>
#include <stdint.h>
#include "format/state.h"

/* Slot ranges [lo, hi), ascending and disjoint. */
#define RISU_MAX_SPANS 32
typedef struct RisuSpans {
    int n;
    uint16_t lo[RISU_MAX_SPANS], hi[RISU_MAX_SPANS];
} RisuSpans;

/* Every class of the arch, as a mask (0 when it has none). */
uint32_t risu_classes_all(const RisuArchDesc *a);
/*
 * "gpr,flags,fp" (len bytes, not NUL-terminated) into a mask: 0, or -1
 * with a message naming the unknown or repeated class.
 */
int risu_classes_parse(const RisuArchDesc *a, const char *s, uint32_t len,
                       uint32_t *mask, char *err, size_t errlen);
/* The names in mask, comma-separated, into buf; returns buf. */
const char *risu_classes_text(const RisuArchDesc *a, uint32_t mask,
                              char *buf, size_t len);
/* Is register i captured under mask (its class, or always)? */
int risu_reg_in_classes(const RisuArchDesc *a, int i, uint32_t mask);
/*
 * The slots of the registers captured under mask, merged into spans:
 * 0, or -1 when they need more than RISU_MAX_SPANS.
 */
int risu_class_spans(const RisuArchDesc *a, uint32_t mask, RisuSpans *sp);
/* Does spans hold slot s?  NULL spans hold every slot. */
int risu_spans_hold(const RisuSpans *sp, uint32_t s);
/* A record's classes: its mask, or the arch's all when it holds all. */
uint32_t risu_record_classes(const RisuArchDesc *a, uint32_t features);

#endif
