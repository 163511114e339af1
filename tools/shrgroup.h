/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shrink units that must stay together: a branch (from its unit through
 * its join checkpoint: the target is an offset, the not-taken checkpoint
 * may or may not have run) and a slot owner with its members (delay
 * slot, fall-through, Thumb IT block), as the metadata's join=/slot=
 * attributes delimit them.
 */
#ifndef TOOLS_SHRGROUP_H
#define TOOLS_SHRGROUP_H

#include <stdbool.h>
#include <stdint.h>
#include "tools/timage.h"

/* The " key=HEX" attribute (" join=", " slot=") of metadata line i. */
bool timg_insn_attr(const TImage *img, uint32_t i, const char *key,
                    uint32_t *v);

/*
 * Units 1..n: unit r spans [from[r], to[r]] (to: its checkpoint).
 * grp[r] := the first unit of r's group.  Returns the furthest join
 * offset of a branch group that starts at or before unit n but whose
 * join lies after to[n] (0 if none): the image must keep it.
 */
uint32_t shrink_groups(const TImage *img, const uint32_t *from,
                       const uint32_t *to, int n, int *grp);

/* text with its join= and slot= offsets moved by delta (malloc'd). */
char *shrink_shift_attrs(const char *text, int64_t delta);

/* Index of the first branch (join=) line in [from, to), or -1. */
long shrink_branch_in(const TImage *img, uint32_t from, uint32_t to);

#endif
