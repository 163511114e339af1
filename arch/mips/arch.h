/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MIPS register layout and architecture descriptors, built from
 * arch/mips/regs.def.  Freestanding: used by the target runner and by
 * host tools (trace dump/diff) alike.
 */
#ifndef ARCH_MIPS_ARCH_H
#define ARCH_MIPS_ARCH_H

#include "format/state.h"

/* Trace/protocol arch identifiers ("MP32", "MP64"). */
#define RISU_ARCH_ID_MIPS32 0x4d503332u /* o32: 32-bit GPRs */
#define RISU_ARCH_ID_MIPS64 0x4d503634u /* n64: 64-bit GPRs */

/* Slot numbers (regs.def is the authority; these must agree). */
#define MIPS_SLOT_GPR(n) (n)
#define MIPS_SLOT_HI 32
#define MIPS_SLOT_LO 33
#define MIPS_SLOT_FPR(n) (34 + (n))
#define MIPS_SLOT_FCSR 66
#define MIPS_SLOT_WHI(n) (67 + (n))
#define MIPS_SLOT_MSACSR 99
#define MIPS_SLOT_MEMHASH 100
#define MIPS_SLOT_HIN(n) (99 + 2 * (n))     /* DSP ac1-ac3: n = 1..3 */
#define MIPS_SLOT_LON(n) (100 + 2 * (n))
#define MIPS_SLOT_DSPCTRL 107
#define MIPS_NSLOTS 108

/* Feature bits (format/state.h): values are recorded in traces. */
#define MIPS_F_HILO (1u << 0)   /* pre-R6 HI/LO */
#define MIPS_F_FPU (1u << 1)
#define MIPS_F_MSA (1u << 2)
#define MIPS_F_FR1 (1u << 3)    /* 64-bit FPRs (Status.FR = 1) */
#define MIPS_F_DSP (1u << 7)    /* DSP ASE: ac1-ac3, DSPControl */

extern const RisuArchDesc risu_arch_mips32;
extern const RisuArchDesc risu_arch_mips64;

#endif
