/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host face of the MIPS architectures (see arch/host.h): o32 and n64,
 * both byte orders, before and from Release 6.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/mips/arch.h"
#include "arch/mips/host.h"
#include "arch/mips/isamode.h"
#include "arch/mips/trap.h"

/* capstone 4 values (only the disassembler wrappers include capstone.h) */
#define CS_ARCH_MIPS_ 2
#define CS_MODE_BE_ (1u << 31)
#define CS_MODE_MIPS32_ (1u << 2)
#define CS_MODE_MIPS64_ (1u << 3)
#define CS_MODE_MIPS32R6_ (1u << 6)

#define MIPS_CPU(name, bits, features) { name, bits, features },
static const ArchCpu cpus[] = {
#include "arch/mips/cpus.def"
};
#undef MIPS_CPU

/* Linux keeps the SVR4 numbering on MIPS (EMT 7, BUS 10). */
static const char *const signames[] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
    "SIGEMT", "SIGFPE", "SIGKILL", "SIGBUS", "SIGSEGV", "SIGSYS",
    "SIGPIPE", "SIGALRM", "SIGTERM", "SIGUSR1",
};

/* The o32 names from regs.def (n64 names the same registers alike). */
static const char *const gpr_names[32] = {
#define GPR(n, o32, n64, cls, mask, src) [n] = o32,
#define REG(...)
#define MIPS_GPR_MASK 0
#include "arch/mips/regs.def"
#undef GPR
#undef REG
#undef MIPS_GPR_MASK
};

static const char *gpr_name(unsigned r, char *buf, size_t len)
{
    if (r < 32) {
        return gpr_names[r];
    }
    snprintf(buf, len, "r%u", r);
    return buf;
}

static bool recorder_r6(const char *rec)
{
    return !strncmp(rec, "risu-mipsisa32r6", 16) ||
           !strncmp(rec, "risu-mipsisa64r6", 16);
}

/* Runners name a compressed image's ISA in their capabilities. */
static bool recorder_isa(const char *rec)
{
    for (int i = 0; i < MIPS_ISA_N; i++) {
        if (mips_isa(i) && arch_has_token(rec, mips_isa(i)->name)) {
            return true;
        }
    }
    return false;
}

static bool recorder_pre_r6(const char *rec)
{
    return !recorder_r6(rec) && !recorder_isa(rec);
}

static bool recorder_micro(const char *rec)
{
    return arch_has_token(rec, mips_isa(MIPS_ISA_MICRO)->name);
}

static bool micro_first(uint32_t unit)
{
    return mips_isa_wide(mips_isa(MIPS_ISA_MICRO), unit);
}

static bool recorder_m16(const char *rec)
{
    return arch_has_token(rec, mips_isa(MIPS_ISA_M16)->name);
}

static bool m16_first(uint32_t unit)
{
    return mips_isa_wide(mips_isa(MIPS_ISA_M16), unit);
}

/* b = beq $0, $0, off16; the delay slot is code, not data. */
static bool preamble_skip(uint32_t off, uint32_t w, int n, uint32_t *from,
                          uint32_t *to)
{
    if ((w & 0xffff0000u) != 0x10000000u) {
        return false;
    }
    *to = off + 4 + (uint32_t)((int16_t)w * 4);
    *from = off + 8;
    return true;
}

/*
 * A compressed arch's preamble is standard MIPS32 (isamode.h): its
 * OPTRAP SETADDR and "b" over the data are 32-bit words.
 */
static bool isa_preamble_data(const ArchHost *a, const uint8_t *code,
                              uint32_t len, uint32_t *from, uint32_t *to)
{
    uint32_t target;

    if (len < 16 || arch_rd32(a, code) != MIPS_TRAP_OP ||
        !preamble_skip(12, arch_rd32(a, code + 12), 4, from, &target) ||
        target <= *from || target > len) {
        return false;
    }
    *to = target;
    return true;
}

/* capstone 4 reads Loongson encodings as Octeon or COP2 ones. */
static const char *const cs_blind[] = { "mmi", "loongson-ext", "loongson2e",
                                        "loongson2f", NULL };
/* ... and has no MIPS16e mode at all. */
static const char *const cs_blind_m16[] = { "mips16", NULL };

static const ArchObjdumpRule objdump_rules[] = {
    { "loongson-ext", "mips:gs464e", NULL },
    { "mmi", "mips:gs464", NULL },
    { "loongson2e", "mips:gs464", NULL },
    { "loongson2f", "mips:gs464", NULL },
    { "msa", NULL, "-M msa" },
    { NULL, NULL, NULL },
};

static bool prefix(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
}

static int operand_reg(const RisuArchDesc *regs, const char *cls, int num,
                       int k, bool *fp, bool *vec)
{
    /* microMIPS 3-bit fields hold encodings (isamode.h). */
    if (!strcmp(cls, "gpr3") || !strcmp(cls, "gpr3nz")) {
        num = mips_micro_gpr3(num);
    } else if (!strcmp(cls, "gpr3st")) {
        num = mips_micro_gpr3_store(num);
    } else if (!strcmp(cls, "gpr3mv")) {
        num = mips_micro_gpr3_movep(num);
    }
    if (prefix(cls, "gpr")) {
        return k == 0 && num > 0 && num < 32
               ? arch_reg_find(regs, regs->regs[num].name) : -1;
    }
    if (prefix(cls, "fpr")) {
        *fp = true;
        /* FR=0 doubles use the odd register of the pair too. */
        return k == 0 ? arch_reg_index(regs, "f%d", num)
               : k == 1 && !(num & 1) ? arch_reg_index(regs, "f%d", num + 1)
               : -1;
    }
    if (prefix(cls, "vec") || !strcmp(cls, "msa") || !strcmp(cls, "wr")) {
        *vec = true;
        return k == 0 ? arch_reg_index(regs, "f%d", num)
               : k == 1 ? arch_reg_index(regs, "w%d.hi", num) : -1;
    }
    if (!strcmp(cls, "fcr")) {
        return k == 0 ? arch_reg_find(regs, "fcsr") : -1;
    }
    if (!strcmp(cls, "msacr")) {
        return k == 0 ? arch_reg_find(regs, "msacsr") : -1;
    }
    if (!strcmp(cls, "acc")) {
        if (k > 1) {
            return -1;
        }
        if (num) {
            return arch_reg_index(regs, k ? "lo%d" : "hi%d", num);
        }
        return arch_reg_find(regs, k ? "lo" : "hi");
    }
    return -1;
}

/* The accumulator instructions read or write HI/LO without a role. */
static const char *const *implicit_regs(const char *pattern)
{
    static const char *const hilo_insns[] = { "MFHI", "MFLO", "MADD", "MADDU",
                                              "MSUB", "MSUBU", NULL };
    static const char *const hilo[] = { "hi", "lo", NULL };

    for (int i = 0; hilo_insns[i]; i++) {
        if (!strcmp(pattern, hilo_insns[i])) {
            return hilo;
        }
    }
    return NULL;
}

static const char *const fp_ctrl[] = { "fcsr", NULL };
static const char *const vec_ctrl[] = { "fcsr", "msacsr", NULL };

/* With MSA, f<n> and w<n>.hi are the halves of one 128-bit w<n>. */
static int vec_number(const char *nm, uint32_t features)
{
    char *end;
    long n;

    if (!(features & MIPS_F_MSA)) {
        return -1;
    }
    if (nm[0] == 'f' && nm[1] >= '0' && nm[1] <= '9') {
        n = strtol(nm + 1, &end, 10);
        return *end ? -1 : (int)n;
    }
    if (nm[0] == 'w' && nm[1] >= '0' && nm[1] <= '9') {
        n = strtol(nm + 1, &end, 10);
        return strcmp(end, ".hi") ? -1 : (int)n;
    }
    return -1;
}

/* Runner flavours (arch/flavour.h) by ISA, ABI, byte order, FR and NaN. */
static const char *flavour_o32el(bool fr1, bool nan2008)
{
    return nan2008 ? "mipsel-fp64-nan2008" : fr1 ? "mipsel-fp64" : "mipsel";
}

static const char *flavour_o32be(bool fr1, bool nan2008)
{
    return nan2008 ? "mips-fp64-nan2008" : fr1 ? "mips-fp64" : "mips";
}

static const char *flavour_n64el(bool fr1, bool nan2008)
{
    return "mips64el";
}

static const char *flavour_n64be(bool fr1, bool nan2008)
{
    return "mips64";
}

static const char *flavour_r6_o32(bool fr1, bool nan2008)
{
    return "mipsisa32r6el";
}

static const char *flavour_r6_n64(bool fr1, bool nan2008)
{
    return "mipsisa64r6el";
}

#define MIPS_HOST(NAME, BE, IS64, R6, SYSCALLS, ASM, FLAVOUR)                \
    const ArchHost arch_host_##NAME = {                                     \
        .name = #NAME, .family = "mips", .big_endian = BE, .is64 = IS64,    \
        .cpus = cpus, .ncpus = (int)(sizeof(cpus) / sizeof(cpus[0])),       \
        .insn_unit = 4, .trap_checkpoint = MIPS_TRAP_CHECKPOINT,            \
        .trap_op = MIPS_TRAP_OP, .trap_bytes = 4, .optrap_bytes = 12,       \
        .nop = 0 /* sll $0, $0, 0 */, .nop_bytes = 4,                       \
        .preamble_skip = preamble_skip,                                     \
        .trace_arch_id = (IS64) ? RISU_ARCH_ID_MIPS64 : RISU_ARCH_ID_MIPS32, \
        .recorder_match = (R6) ? recorder_r6 : recorder_pre_r6,             \
        .signames = signames,                                               \
        .nsignames = (int)(sizeof(signames) / sizeof(signames[0])),         \
        .gpr_name = gpr_name,                                               \
        .cs_arch = CS_ARCH_MIPS_,                                           \
        .cs_mode = ((IS64) ? CS_MODE_MIPS64_ : CS_MODE_MIPS32_) |           \
                   ((R6) ? CS_MODE_MIPS32R6_ : 0) | ((BE) ? CS_MODE_BE_ : 0), \
        .cs_blind = cs_blind,                                               \
        .objdump_machine = (IS64) ? ((R6) ? "mips:isa64r6" : "mips:isa64r2") \
                                  : ((R6) ? "mips:isa32r6" : "mips:isa32r2"), \
        .objdump_rules = objdump_rules,                                     \
        .alias_file = "mips/disasm-aliases.txt",                            \
        .operand_reg = operand_reg, .implicit_regs = implicit_regs,         \
        .fp_ctrl = fp_ctrl, .vec_ctrl = vec_ctrl, .vec_number = vec_number, \
        .repro_slot = mips_repro_slot, .repro_syscalls = SYSCALLS,          \
        .repro_asm = ASM,                                                   \
        .repro_cflags = "-fno-pic -mno-abicalls -G0",                       \
        .feat_fpu = MIPS_F_FPU, .feat_vec = MIPS_F_MSA,                     \
        .feat_hilo = MIPS_F_HILO,                                           \
        .fr1_always = (IS64) || (R6), .flavour = FLAVOUR,                   \
        .qemu_user = (IS64) ? ((BE) ? "qemu-mips64" : "qemu-mips64el")     \
                            : ((BE) ? "qemu-mips" : "qemu-mipsel"),         \
    };

MIPS_HOST(mips, true, false, false, mips_repro_syscalls_o32,
          mips_repro_asm_o32be, flavour_o32be)
MIPS_HOST(mipsel, false, false, false, mips_repro_syscalls_o32,
          mips_repro_asm_o32, flavour_o32el)
MIPS_HOST(mips64, true, true, false, mips_repro_syscalls_n64,
          mips_repro_asm_n64be, flavour_n64be)
MIPS_HOST(mips64el, false, true, false, mips_repro_syscalls_n64,
          mips_repro_asm_n64, flavour_n64el)
/*
 * Debian has no big-endian Release 6 toolchain, so no runner flavour
 * exists for these two: images are generated (for boards with their own
 * runner build) but nothing here names a runner that cannot run them.
 */
MIPS_HOST(mipsr6, true, false, true, mips_repro_syscalls_r6_o32,
          mips_repro_asm_o32be, NULL)
MIPS_HOST(mipsr6el, false, false, true, mips_repro_syscalls_r6_o32,
          mips_repro_asm_o32, flavour_r6_o32)
MIPS_HOST(mips64r6, true, true, true, mips_repro_syscalls_r6_n64,
          mips_repro_asm_n64be, NULL)
MIPS_HOST(mips64r6el, false, true, true, mips_repro_syscalls_r6_n64,
          mips_repro_asm_n64, flavour_r6_n64)

/*
 * Compressed arches (isamode.h): o32 on the o32 runners, halfword units.
 * No reproducer programs: their writers emit standard-encoding code.
 */
#define MIPS_ISA_HOST(NAME, BE, ISA, CK, OP, NOP, PREFIX, RECORDER,         \
                      CSMODE, BLIND, MACHINE, FLAVOUR)                      \
    const ArchHost arch_host_##NAME = {                                     \
        .name = #NAME, .family = "mips", .big_endian = BE, .is64 = false,   \
        .cpus = cpus, .ncpus = (int)(sizeof(cpus) / sizeof(cpus[0])),       \
        .insn_unit = 2, .unit_is_prefix = PREFIX,                           \
        .trap_checkpoint = CK, .trap_op = OP, .trap_bytes = 2,              \
        .optrap_bytes = 10, .nop = NOP, .nop_bytes = 2,                     \
        .preamble_data = isa_preamble_data,                                 \
        .trace_arch_id = RISU_ARCH_ID_MIPS32, .recorder_match = RECORDER,   \
        .signames = signames,                                               \
        .nsignames = (int)(sizeof(signames) / sizeof(signames[0])),         \
        .gpr_name = gpr_name,                                               \
        .cs_arch = CS_ARCH_MIPS_,                                           \
        .cs_mode = CS_MODE_MIPS32_ | (CSMODE) | ((BE) ? CS_MODE_BE_ : 0),   \
        .cs_blind = BLIND,                                                  \
        .objdump_machine = MACHINE, .objdump_rules = objdump_rules,         \
        .alias_file = "mips/disasm-aliases.txt",                            \
        .operand_reg = operand_reg, .implicit_regs = implicit_regs,         \
        .fp_ctrl = fp_ctrl, .vec_ctrl = vec_ctrl, .vec_number = vec_number, \
        .repro_slot = mips_repro_slot,                                      \
        .feat_fpu = MIPS_F_FPU, .feat_vec = MIPS_F_MSA,                     \
        .feat_hilo = MIPS_F_HILO, .flavour = FLAVOUR,                       \
        .qemu_user = (BE) ? "qemu-mips" : "qemu-mipsel",                    \
    };

MIPS_ISA_HOST(micromips, true, MIPS_ISA_MICRO, MIPS_UMIPS_TRAP_CHECKPOINT,
              MIPS_UMIPS_TRAP_OP, 0x0c00, micro_first, recorder_micro,
              MIPS_CS_MODE_MICRO_, cs_blind, "mips:micromips", flavour_o32be)
MIPS_ISA_HOST(micromipsel, false, MIPS_ISA_MICRO, MIPS_UMIPS_TRAP_CHECKPOINT,
              MIPS_UMIPS_TRAP_OP, 0x0c00, micro_first, recorder_micro,
              MIPS_CS_MODE_MICRO_, cs_blind, "mips:micromips", flavour_o32el)
MIPS_ISA_HOST(mips16, true, MIPS_ISA_M16, MIPS16_TRAP_CHECKPOINT,
              MIPS16_TRAP_OP, 0x6500, m16_first, recorder_m16, 0, cs_blind_m16,
              "mips:16", flavour_o32be)
MIPS_ISA_HOST(mips16el, false, MIPS_ISA_M16, MIPS16_TRAP_CHECKPOINT,
              MIPS16_TRAP_OP, 0x6500, m16_first, recorder_m16, 0, cs_blind_m16,
              "mips:16", flavour_o32el)
