/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ARM register layouts (AArch32 for the armhf runner, AArch64) and their
 * architecture descriptors, built from regs-a32.def and regs-a64.def.
 * Freestanding: used by the target runners and by host tools alike.
 */
#ifndef ARCH_ARM_ARCH_H
#define ARCH_ARM_ARCH_H

#include "format/state.h"

/* Trace/protocol arch identifiers ("AR32", "AR64"). */
#define RISU_ARCH_ID_ARM32 0x41523332u
#define RISU_ARCH_ID_ARM64 0x41523634u

/*
 * Compare masks.  CPSR: N Z C V (31:28), Q (27), GE[3:0] (19:16) are the
 * user-visible flags (the APSR); mode, T, J, IT, E, A/I/F are execution
 * state the kernel or the instruction set owns and differ legitimately
 * (a Thumb image runs with T set).  PSTATE: only N Z C V are compared;
 * DIT, SSBS, TCO, BTYPE, PAN and the rest are not results of the tested
 * instructions.
 */
#define ARM_GPR_MASK 0xffffffffull
#define ARM_CPSR_MASK 0xf80f0000ull
#define A64_PSTATE_MASK 0xf0000000ull

/* AArch32 slots (regs-a32.def is the authority; these must agree). */
#define A32_SLOT_R(n) (n)
#define A32_SLOT_CPSR 15
#define A32_SLOT_FPSCR 16
#define A32_SLOT_D(n) (17 + (n))
#define A32_SLOT_MEMHASH 49
#define A32_NSLOTS 50

/* AArch64 slots. */
#define A64_SLOT_X(n) (n)
#define A64_SLOT_SP 31
#define A64_SLOT_NZCV 32
#define A64_SLOT_FPSR 33
#define A64_SLOT_FPCR 34
#define A64_SLOT_V(n) (35 + 2 * (n))
#define A64_SLOT_MEMHASH 99
#define A64_SLOT_VL 100
#define A64_ZHI_SLOTS 14        /* bits 1023:128 of each Z register */
#define A64_SLOT_ZHI(n) (101 + A64_ZHI_SLOTS * (n))
#define A64_P_SLOTS 2           /* 128 bits: VL/8 for VL <= 1024 */
#define A64_SLOT_P(n) (549 + A64_P_SLOTS * (n))
#define A64_SLOT_FFR 581
#define A64_NSLOTS 583
/* Largest SVE vector length the layout holds, in bytes (1024 bits). */
#define A64_SVE_VL_MAX 128

/* AArch64 "arm64l" slots (regs-a64l.def): 0-100 as above. */
#define A64L_ZHI_SLOTS 30       /* bits 2047:128 of each Z register */
#define A64L_SLOT_ZHI(n) (101 + A64L_ZHI_SLOTS * (n))
#define A64L_P_SLOTS 4          /* 256 bits: VL/8 for VL <= 2048 */
#define A64L_SLOT_P(n) (1061 + A64L_P_SLOTS * (n))
#define A64L_SLOT_FFR 1125
#define A64L_SLOT_SVCR 1129
#define A64L_SLOT_SVL 1130
#define A64L_ZA_ROW_SLOTS 8     /* 512 bits */
#define A64L_ZA_ROWS 64
#define A64L_SLOT_ZA(n) (1131 + A64L_ZA_ROW_SLOTS * (n))
#define A64L_SLOT_TPIDR2 1643
#define A64L_NSLOTS 1644
#define A64L_SVE_VL_MAX 256     /* the architecture's limit, 2048 bits */
#define A64L_SME_VL_MAX 64      /* 512 bits: ZA is SVL/8 x SVL/8 bytes */

/* Feature bits (format/state.h): values are recorded in traces.  Bits
 * 0, 2, 3 and 7 are MIPS's in traces written before the split. */
#define ARM_F_FPU (1u << 1)     /* VFP (A32), FP/AdvSIMD (A64) */
#define ARM_F_NEON (1u << 4)    /* Advanced SIMD */
#define ARM_F_SVE (1u << 5)
#define ARM_F_D32 (1u << 6)     /* AArch32: VFP d16-d31 exist */
#define ARM_F_SME (1u << 8)     /* SME: SVCR, SVL and ZA captured */

extern const RisuArchDesc risu_arch_arm32;
extern const RisuArchDesc risu_arch_arm64;
extern const RisuArchDesc risu_arch_arm64l;

/* si_code normalisation for both (risu_compare_set_si_code_norm): the
 * runners install it; host tools should for RISU_ARCH_ID_ARM32/64. */
int32_t risu_arm_si_code_norm(int32_t signo, int32_t si_code);

#endif
