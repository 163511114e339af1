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

/*
 * State classes (format/state.h): gpr, hilo (HI/LO), fp (FPRs and
 * FCSR), msa (W bits 127:64 and MSACSR), dsp (ac1-ac3, DSPControl).  The
 * memory hash is captured at every checkpoint.  risugen does not declare
 * classes for MIPS images yet, so its runners capture everything; an
 * image that declares them is compared on those classes only between
 * full checkpoints, as on any arch.
 */
static const char *const mips_class_names[] = {
    "gpr", "hilo", "fp", "msa", "dsp", 0,
};

static uint8_t mips_reg_class(const RisuRegDesc *rd)
{
    unsigned s = rd->slot;

    if (s == MIPS_SLOT_MEMHASH) {
        return RISU_CLASS_ALWAYS;
    }
    if (s < MIPS_SLOT_HI) {
        return 0;
    }
    if (s <= MIPS_SLOT_LO) {
        return 1;
    }
    if (s <= MIPS_SLOT_FCSR) {
        return 2;
    }
    return s <= MIPS_SLOT_MSACSR ? 3 : 4;
}

const RisuArchDesc risu_arch_mips32 = {
    "mips32", RISU_ARCH_ID_MIPS32, mips32_regs, NREGS(mips32_regs),
    MIPS_NSLOTS, mips_class_names, mips_reg_class,
};

const RisuArchDesc risu_arch_mips64 = {
    "mips64", RISU_ARCH_ID_MIPS64, mips64_regs, NREGS(mips64_regs),
    MIPS_NSLOTS, mips_class_names, mips_reg_class,
};
