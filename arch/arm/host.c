/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host face of the ARM architectures (see arch/host.h): A32, T32, A64. */
#include <stdio.h>
#include <string.h>

#include "arch/arm/arch.h"
#include "arch/arm/host.h"
#include "arch/arm/trap.h"

/* capstone 4 values (only the disassembler wrappers include capstone.h) */
#define CS_ARCH_ARM_ 0
#define CS_ARCH_ARM64_ 1
#define CS_MODE_ARM_ 0
#define CS_MODE_THUMB_ (1u << 4)
#define CS_MODE_V8_ (1u << 6)

#define ARM_CPU(name, bits, features) { name, bits, features },
static const ArchCpu cpus[] = {
#include "arch/arm/cpus.def"
};
#undef ARM_CPU

static const char *gpr_name_a32(unsigned r, char *buf, size_t len)
{
    snprintf(buf, len, "r%u", r);
    return buf;
}

static const char *gpr_name_a64(unsigned r, char *buf, size_t len)
{
    snprintf(buf, len, "x%u", r);
    return buf;
}

/* A Thumb halfword that starts a 32-bit instruction (0b11101/11110/11111). */
static bool t32_first(uint32_t hw)
{
    return (hw >> 11) >= 0x1d;
}

static bool recorder_thumb(const char *rec)
{
    return arch_has_token(rec, "thumb");
}

static bool recorder_arm(const char *rec)
{
    return !recorder_thumb(rec);
}

/* The preamble ends with a branch over its data block. */
static bool skip_a32(uint32_t off, uint32_t w, int n, uint32_t *from,
                     uint32_t *to)
{
    if ((w & 0xff000000u) != 0xea000000u) {
        return false;
    }
    *to = off + 8 + (uint32_t)(((int32_t)(w << 8) >> 8) * 4);
    *from = off + 4;
    return true;
}

static bool skip_t32(uint32_t off, uint32_t w, int n, uint32_t *from,
                     uint32_t *to)
{
    if (n == 2 && (w & 0xf800) == 0xe000) {
        *to = off + 4 + (uint32_t)(((int32_t)(w << 21) >> 21) * 2);
    } else if (n == 4 && (w & 0xf800d000u) == 0xf0009000u) {
        /* B.W T4: S:I1:I2:imm10:imm11 */
        uint32_t s = w >> 26 & 1, j1 = w >> 13 & 1, j2 = w >> 11 & 1;
        uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
        int32_t imm = (int32_t)(s << 24 | i1 << 23 | i2 << 22 |
                                (w >> 16 & 0x3ff) << 12 | (w & 0x7ff) << 1);

        imm = imm << 7 >> 7;
        *to = off + 4 + (uint32_t)imm;
    } else {
        return false;
    }
    *from = off + (uint32_t)n;
    return true;
}

static bool skip_a64(uint32_t off, uint32_t w, int n, uint32_t *from,
                     uint32_t *to)
{
    if ((w & 0xfc000000u) != 0x14000000u) {
        return false;
    }
    *to = off + (uint32_t)(((int32_t)(w << 6) >> 6) * 4);
    *from = off + 4;
    return true;
}

static bool prefix(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
}

static int operand_a32(const RisuArchDesc *regs, const char *cls, int num,
                       int k, bool *fp, bool *vec)
{
    if (prefix(cls, "gpr")) {
        return k == 0 && num >= 0 && num < 15
               ? arch_reg_find(regs, regs->regs[num].name) : -1;
    }
    if (!strcmp(cls, "dreg")) {
        *fp = true;
        return k == 0 ? arch_reg_index(regs, "d%d", num) : -1;
    }
    if (!strcmp(cls, "sreg")) {
        *fp = true;
        return k == 0 ? arch_reg_index(regs, "d%d", num / 2) : -1;
    }
    if (!strcmp(cls, "qreg")) {
        *fp = true;
        return k < 2 ? arch_reg_index(regs, "d%d", num + k) : -1;
    }
    return -1;
}

static int operand_a64(const RisuArchDesc *regs, const char *cls, int num,
                       int k, bool *fp, bool *vec)
{
    if (prefix(cls, "gpr")) {
        return k == 0 && num >= 0 && num < 31
               ? arch_reg_index(regs, "x%d", num) : -1;
    }
    if (!strcmp(cls, "vreg")) {
        *fp = true;
        return k == 0 ? arch_reg_index(regs, "v%d", num) : -1;
    }
    return -1;
}

static const char *const fpscr[] = { "fpscr", NULL };
static const char *const fpcr[] = { "fpcr", NULL };
/* capstone 4 has no SVE. */
static const char *const cs_blind[] = { "sve", NULL };

static const char *flavour_armhf(bool fr1, bool nan2008)
{
    return "armhf";
}

static const char *flavour_aarch64(bool fr1, bool nan2008)
{
    return "aarch64";
}

/*
 * RISU's implicit rules: an A32/T32 field named r* is never SP or PC
 * (3- and 4-bit ones are plain GPR numbers), "cond" is AL (RISU's
 * default --condprob 0); an A64 5-bit r* field is a GPR or ZR.  Memory
 * blocks are word-aligned, 16-byte on A64; only T32 has 16-bit words.
 */
static const DtRisuFieldRule risu_rules_a32[] = {
    { "r", true, 3, 4, "reg gpr $", false, 0 },
    { "r", true, 5, 32, "constraint $ != 13 && $ != 15", false, 0 },
    { "cond", false, 1, 32, NULL, true, 14 },
    { NULL, false, 0, 0, NULL, false, 0 },
};
static const DtRisuFieldRule risu_rules_a64[] = {
    { "r", true, 5, 5, "reg gprzr $", false, 0 },
    { NULL, false, 0, 0, NULL, false, 0 },
};
static const DtRisuMode risu_arm = {
    .name = "arm", .is_default = true, .mem_align = 4,
    .rules = risu_rules_a32,
};
static const DtRisuMode risu_thumb = {
    .name = "thumb", .has16 = true, .mem_align = 4, .rules = risu_rules_a32,
};
static const DtRisuMode risu_aarch64 = {
    .name = "aarch64", .mem_align = 16, .rules = risu_rules_a64,
};

#define ARM_COMMON                                                          \
    .family = "arm", .big_endian = false,                                   \
    .cpus = cpus, .ncpus = (int)(sizeof(cpus) / sizeof(cpus[0])),           \
    .signames = arch_generic_signames,                                      \
    .nsignames = ARCH_GENERIC_NSIGNAMES,                                    \
    .si_code_norm = risu_arm_si_code_norm, .cs_blind = cs_blind,            \
    .alias_file = "arm/disasm-aliases.txt", .repro_cflags = "",           \
    .feat_fpu = ARM_F_FPU, .feat_d32 = ARM_F_D32

/* V8: the ARMv8 AArch32 additions (VSEL, crypto, LDA/STL...). */
#define AARCH32_HOST(NAME, UNIT, PREFIX, CK, OP, TB, OPB, NOP, SKIP, REC,    \
                     MODE, OBJOPTS, ASM)                                    \
    const ArchHost arch_host_##NAME = {                                     \
        ARM_COMMON, .name = #NAME, .is64 = false,                           \
        .insn_unit = UNIT, .unit_is_prefix = PREFIX,                        \
        .trap_checkpoint = CK, .trap_op = OP, .trap_bytes = TB,             \
        .optrap_bytes = OPB, .nop = NOP, .nop_bytes = UNIT,                 \
        .preamble_skip = SKIP, .trace_arch_id = RISU_ARCH_ID_ARM32,         \
        .recorder_match = REC, .gpr_name = gpr_name_a32,                    \
        .risu = &risu_##NAME,                                               \
        .cs_arch = CS_ARCH_ARM_, .cs_mode = (MODE) | CS_MODE_V8_,           \
        .objdump_machine = "arm", .objdump_options = OBJOPTS,               \
        .operand_reg = operand_a32, .fp_ctrl = fpscr,                       \
        .repro_slot = arm_repro_slot_a32,                                   \
        .repro_syscalls = arm_repro_syscalls_a32, .repro_asm = ASM,         \
        .flavour = flavour_armhf, .qemu_user = "qemu-arm",                  \
    };

AARCH32_HOST(arm, 4, NULL, ARM_TRAP_CHECKPOINT, ARM_TRAP_OP, 4, 12,
             0xe320f000, skip_a32, recorder_arm, CS_MODE_ARM_, NULL,
             arm_repro_asm_a32)
AARCH32_HOST(thumb, 2, t32_first, THUMB_TRAP_CHECKPOINT, THUMB_TRAP_OP, 2, 10,
             0xbf00 /* T1 NOP */, skip_t32, recorder_thumb, CS_MODE_THUMB_,
             "-M force-thumb", arm_repro_asm_t32)

const ArchHost arch_host_aarch64 = {
    ARM_COMMON, .name = "aarch64", .is64 = true,
    .insn_unit = 4, .trap_checkpoint = A64_TRAP_CHECKPOINT,
    .trap_op = A64_TRAP_OP, .trap_bytes = 4, .optrap_bytes = 12,
    .nop = 0xd503201f, .nop_bytes = 4, .preamble_skip = skip_a64,
    .trace_arch_id = RISU_ARCH_ID_ARM64, .gpr_name = gpr_name_a64,
    .risu = &risu_aarch64,
    .cs_arch = CS_ARCH_ARM64_, .cs_mode = CS_MODE_ARM_,
    .objdump_machine = "aarch64",
    .operand_reg = operand_a64, .fp_ctrl = fpcr,
    .repro_slot = arm_repro_slot_a64,
    .repro_syscalls = arm_repro_syscalls_a64,
    .repro_asm = arm_repro_asm_a64, .fr1_always = true,
    .feat_svec = ARM_F_SVE,
    .flavour = flavour_aarch64, .qemu_user = "qemu-aarch64",
};
