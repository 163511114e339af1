/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RisuArchDesc for AArch32 and AArch64, expanded from the register
 * tables.  Both build on the host too, so host tools can name registers
 * without a trace header.
 */
#include "arch/arm/arch.h"

#define REG(name, cls, slot, nslots, feat, mask, src) \
    { name, RISU_CLS_##cls, slot, nslots, FEAT_##feat, mask, src },

#define FEAT_0 0
#define FEAT_FPU ARM_F_FPU
#define FEAT_D32 (ARM_F_FPU | ARM_F_D32)
#define FEAT_SVE (ARM_F_FPU | ARM_F_SVE)
#define FEAT_SME (ARM_F_FPU | ARM_F_SME)

static const RisuRegDesc arm32_regs[] = {
#include "arch/arm/regs-a32.def"
};

static const RisuRegDesc arm64_regs[] = {
#include "arch/arm/regs-a64.def"
};

/* regs-a64.def up to the SVE registers, then regs-a64l.def. */
#undef REG
#define REG(name, cls, slot, nslots, feat, mask, src) REG_##feat(name, cls, \
    slot, nslots, feat, mask, src)
#define REG_0(name, cls, slot, nslots, feat, mask, src) \
    { name, RISU_CLS_##cls, slot, nslots, FEAT_##feat, mask, src },
#define REG_FPU REG_0
#define REG_SVE(name, cls, slot, nslots, feat, mask, src)
static const RisuRegDesc arm64l_regs[] = {
#include "arch/arm/regs-a64.def"
#undef REG
#define REG REG_0
#include "arch/arm/regs-a64l.def"
};

#define NREGS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/*
 * State classes (format/state.h): what an image can change, so what a
 * checkpoint must capture.  gpr: the general registers and sp; flags:
 * CPSR/NZCV; fp: FPSCR, FPSR, FPCR and the D/V registers (and so the low
 * 128 bits of Z); sve: the vector length, Z bits above 128, P and FFR;
 * sme: SVCR, SVL and ZA.  The memory hash is captured at every
 * checkpoint (it changes only at COMPAREMEM).  risugen's side is
 * arm_state_classes (arch/arm/gen.c); the names are in the same order.
 */
static const char *const arm_class_names[] = {
    "gpr", "flags", "fp", "sve", "sme", 0,
};

static uint8_t a32_reg_class(const RisuRegDesc *rd)
{
    if (rd->slot == A32_SLOT_MEMHASH) {
        return RISU_CLASS_ALWAYS;
    }
    return rd->slot < A32_SLOT_CPSR ? 0 : rd->slot == A32_SLOT_CPSR ? 1 : 2;
}

/* arm64 and arm64l share slots 0-100; arm64 ends before SVCR. */
static uint8_t a64_reg_class(const RisuRegDesc *rd)
{
    if (rd->slot == A64_SLOT_MEMHASH) {
        return RISU_CLASS_ALWAYS;
    }
    if (rd->slot <= A64_SLOT_SP) {
        return 0;
    }
    if (rd->slot == A64_SLOT_NZCV) {
        return 1;
    }
    if (rd->slot < A64_SLOT_MEMHASH) {
        return 2;
    }
    return rd->slot < A64L_SLOT_SVCR ? 3 : 4;
}

const RisuArchDesc risu_arch_arm32 = {
    "arm32", RISU_ARCH_ID_ARM32, arm32_regs, NREGS(arm32_regs), A32_NSLOTS,
    arm_class_names, a32_reg_class,
};

const RisuArchDesc risu_arch_arm64 = {
    "arm64", RISU_ARCH_ID_ARM64, arm64_regs, NREGS(arm64_regs), A64_NSLOTS,
    arm_class_names, a64_reg_class,
};

const RisuArchDesc risu_arch_arm64l = {
    "arm64l", RISU_ARCH_ID_ARM64, arm64l_regs, NREGS(arm64l_regs),
    A64L_NSLOTS, arm_class_names, a64_reg_class,
};

/*
 * QEMU 7.2 linux-user reports every UDF-class SIGILL (the checkpoint
 * traps and undefined test instructions) with ILL_ILLOPN (2); Linux
 * reports ILL_ILLOPC (1) on both AArch32 and AArch64.  The difference
 * says nothing about the instruction, so 2 compares as 1.  Other codes
 * and signals are compared as they are.
 */
int32_t risu_arm_si_code_norm(int32_t signo, int32_t code)
{
    return signo == 4 /* SIGILL */ && code == 2 /* ILL_ILLOPN */ ? 1 : code;
}
