/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RisuArchDesc for o32 and n64, expanded from regs.def.  The two differ
 * only in GPR names and width (o32 compares the low 32 bits: a 64-bit
 * kernel sign-extends o32 registers in the frame, a 32-bit one or QEMU's
 * 32-bit targets zero-extend, so the upper half means nothing).
 */
#include "arch/mips/arch.h"

#define REG(name, cls, slot, nslots, feat, mask, src) \
    { name, RISU_CLS_##cls, slot, nslots, FEAT_##feat, mask, src },

#define FEAT_0 0
#define FEAT_HILO MIPS_F_HILO
#define FEAT_FPU MIPS_F_FPU
#define FEAT_MSA MIPS_F_MSA
#define FEAT_DSP MIPS_F_DSP

#define MIPS_GPR_MASK 0xffffffffull
#define GPR(n, o32, n64, cls, mask, src) REG(o32, cls, n, 1, 0, mask, src)
static const RisuRegDesc mips32_regs[] = {
#include "arch/mips/regs.def"
};
#undef GPR
#undef MIPS_GPR_MASK

#define MIPS_GPR_MASK (~0ull)
#define GPR(n, o32, n64, cls, mask, src) REG(n64, cls, n, 1, 0, mask, src)
static const RisuRegDesc mips64_regs[] = {
#include "arch/mips/regs.def"
};
#undef GPR
#undef MIPS_GPR_MASK

#define NREGS(a) ((int)(sizeof(a) / sizeof((a)[0])))

const RisuArchDesc risu_arch_mips32 = {
    "mips32", RISU_ARCH_ID_MIPS32, mips32_regs, NREGS(mips32_regs),
    MIPS_NSLOTS,
};

const RisuArchDesc risu_arch_mips64 = {
    "mips64", RISU_ARCH_ID_MIPS64, mips64_regs, NREGS(mips64_regs),
    MIPS_NSLOTS,
};
