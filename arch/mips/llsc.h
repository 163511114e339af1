/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Load-linked / store-conditional words, for the runner's report (SC
 * after a checkpoint) and risugen (a store-conditional kept off the last
 * linked address).  Before Release 6: LL 0x30, LLD 0x34, SC 0x38, SCD
 * 0x3c; Release 6: SPECIAL3 functions 0x36/0x37 and 0x26/0x27, bit 6 0.
 */
#ifndef ARCH_MIPS_LLSC_H
#define ARCH_MIPS_LLSC_H

#include <stdint.h>

/* 1 load-linked, 2 store-conditional, 0 neither. */
static inline int mips_llsc_kind(uint32_t w, int r6)
{
    uint32_t op = w >> 26;

    if (r6) {
        if (op != 0x1f || (w & 0x40)) {
            return 0;
        }
        return (w & 0x3e) == 0x36 ? 1 : (w & 0x3e) == 0x26 ? 2 : 0;
    }
    return op == 0x30 || op == 0x34 ? 1 : op == 0x38 || op == 0x3c ? 2 : 0;
}

#endif
