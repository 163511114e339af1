/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Load-exclusive / store-exclusive words, for the runner's report (a
 * store-exclusive after a checkpoint) and risugen (a store-exclusive kept
 * off the last exclusive address).  A64: load/store exclusive with o2 0
 * (LDXR/LDAXR/LDXP/LDAXP, STXR/STLXR/STXP/STLXP); A32: LDREX{,B,H,D},
 * STREX{,B,H,D}; T32 (first halfword << 16 | second): the same.
 */
#ifndef ARCH_ARM_LLSC_H
#define ARCH_ARM_LLSC_H

#include <stdint.h>

/* 1 load-exclusive, 2 store-exclusive, 0 neither. */
static inline int a64_llsc_kind(uint32_t w)
{
    return (w & 0x3fc00000) == 0x08400000 ? 1
         : (w & 0x3fc00000) == 0x08000000 ? 2 : 0;
}

static inline int a32_llsc_kind(uint32_t w)
{
    return (w & 0x0f900fff) == 0x01900f9f ? 1
         : (w & 0x0f900ff0) == 0x01800f90 ? 2 : 0;
}

static inline int t32_llsc_kind(uint32_t w)
{
    if ((w & 0xfff00f00) == 0xe8500f00 || (w & 0xfff000c0) == 0xe8d00040) {
        return 1;
    }
    return (w & 0xfff00000) == 0xe8400000 ||
           (w & 0xfff000c0) == 0xe8c00040 ? 2 : 0;
}

#endif
