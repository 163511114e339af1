/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Assembler helpers shared by start.S and capture.S: one source for o32
 * and n64.  Registers are written as numbers because the o32 and n64
 * names of $8-$15 differ; the temporaries used are $12-$15 and $24,
 * which are caller-saved and not argument registers in either ABI.
 */
#ifndef ARCH_MIPS_ASM_H
#define ARCH_MIPS_ASM_H

#include <asm/sgidefs.h>

#if _MIPS_SIM == _MIPS_SIM_ABI32
#define SZREG 4
#define REG_S sw
#define REG_L lw
#define PTR_LA la
#define PTR_ADDIU addiu
#define PTR_SUBU subu
#else
#define SZREG 8
#define REG_S sd
#define REG_L ld
#define PTR_LA dla
#define PTR_ADDIU daddiu
#define PTR_SUBU dsubu
#endif

/* Register file width of the FPU mode this runner is built for. */
#if defined(__mips_fpr) && __mips_fpr == 64
#define MIPS_FR1 1
#endif

/* MSA needs FR=1; the stub saves vectors only in FR=1 flavours. */
#ifdef MIPS_FR1
#define MIPS_HAVE_MSA 1
#endif

#if __mips_isa_rev >= 6
#define MIPS_R6 1
#endif

#define LEAF(name) \
    .globl name;   \
    .type name, @function; \
    .ent name;     \
name:

#define END(name) \
    .end name;    \
    .size name, .-name

#endif
