/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Register value formatting: hex of multi-slot values, IEEE doubles and
 * singles from raw bits (NaN payloads shown, since legacy-MIPS and
 * NaN2008 differ exactly there), and vector lanes.  Pure functions.
 */
#ifndef TOOLS_REGFMT_H
#define TOOLS_REGFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "tools/tutil.h"

/* "1.5", "-0", "inf", "-inf", "nan(0x8000000000000)", "-nan(0x1)" */
void fmt_f64(char *out, size_t n, uint64_t bits);
void fmt_f32(char *out, size_t n, uint32_t bits);
/* "0x" then all slots, most significant first, 16 digits each */
void fmt_hexval(char *out, size_t n, const uint64_t *slots, int nslots);
/* Lane i (lane 0 = least significant bits) of `bits` width. */
uint64_t vec_lane(const uint64_t *slots, int nslots, int bits, int i);
/*
 * Append "{l0, l1, ...}" (lane 0 first): hex of the lane width, or
 * numbers for fp lanes (32 or 64 bits).
 */
void fmt_lanes(Sb *b, const uint64_t *slots, int nslots, int bits, bool fp);
/* Lane suffix letter for a width: b h w d (MIPS) / b h s d (ARM). */
char lane_letter(int bits, bool s_lanes);

#endif
