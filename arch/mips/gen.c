/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risugen hooks for MIPS: o32 (mips, mipsel, mipsr6, mipsr6el) and n64
 * (mips64, mips64el, mips64r6, mips64r6el).  See gen/arch.h for the
 * interface and docs/risugen.md for the classes and features.
 */
#include <stdio.h>
#include <string.h>

#include "arch/archtab.h"
#include "arch/mips/isamode.h"
#include "arch/mips/llsc.h"
#include "arch/mips/trap.h"
#include "gen/arch.h"
#include "gen/util.h"

/* capstone 4 values (kept here so only gen/verify.c needs capstone.h) */
#define CS_ARCH_MIPS_ 2
#define CS_MODE_MIPS32R6_ (1u << 6)

#define EM_MIPS_ 8

enum {
    F_MIPS2, F_MIPS3, F_MIPS4, F_MIPS5, F_MIPS32, F_R2, F_R5, F_R6, F_PRE_R6,
    F_MIPS64, F_FPU, F_FR0, F_FR1, F_NAN2008, F_NANLEGACY, F_PS, F_MSA, F_MMI,
    F_LEXT, F_LS2E, F_LS2F, F_DSP, F_DSPR2, F_MT, F_MIPS3D, F_VR54XX,
    F_OCTEON, F_MIPS16, F_MICROMIPS, F_CRC, F_NFEAT
};

static const GenFeatureDesc mips_features[F_NFEAT] = {
    [F_MIPS2] = { "mips2", "MIPS II (ll/sc, traps, likely branches)" },
    [F_MIPS3] = { "mips3", "MIPS III" },
    [F_MIPS4] = { "mips4", "MIPS IV additions MIPS32 kept (movn, pref)" },
    [F_MIPS5] = { "mips5", "MIPS V (LUXC1/SUXC1; implied by r2)" },
    [F_MIPS32] = { "mips32", "MIPS32/MIPS64 Release 1 additions" },
    [F_R2] = { "r2", "Release 2 additions" },
    [F_R5] = { "r5", "Release 5" },
    [F_R6] = { "r6", "Release 6" },
    [F_PRE_R6] = { "pre-r6", "encodings Release 6 removed (= no r6)" },
    [F_MIPS64] = { "mips64", "64-bit GPR operations (n64 arches only)" },
    [F_FPU] = { "fpu", "floating point unit" },
    [F_FR0] = { "fr0", "FR=0: 32-bit FPRs, doubles in even/odd pairs" },
    [F_FR1] = { "fr1", "FR=1: 64-bit FPRs" },
    [F_NAN2008] = { "nan2008", "IEEE 754-2008 NaN encoding" },
    [F_NANLEGACY] = { "nanlegacy", "legacy MIPS NaN encoding" },
    [F_PS] = { "ps", "paired-single format (FIR.PS; QEMU checks it, not "
                     "the ISA level)" },
    [F_MSA] = { "msa", "MIPS SIMD Architecture" },
    [F_MMI] = { "mmi", "Loongson multimedia instructions" },
    [F_LEXT] = { "loongson-ext", "Loongson EXT (gs464) instructions" },
    [F_LS2E] = { "loongson2e", "Loongson-2E integer instructions" },
    [F_LS2F] = { "loongson2f", "Loongson-2F integer instructions" },
    [F_DSP] = { "dsp", "DSP ASE" },
    [F_DSPR2] = { "dspr2", "DSP ASE revision 2" },
    [F_MT] = { "mt", "MT ASE" },
    [F_MIPS3D] = { "mips3d", "MIPS-3D ASE" },
    [F_VR54XX] = { "vr54xx", "NEC VR54xx extensions" },
    [F_OCTEON] = { "octeon", "Cavium Octeon extensions" },
    [F_MIPS16] = { "mips16", "MIPS16e (--arch mips16, mips16el)" },
    [F_MICROMIPS] = { "micromips", "microMIPS (--arch micromips, "
                                   "micromipsel)" },
    [F_CRC] = { "crc", "Release 6 CRC32 ASE (no QEMU 7.2 model has it)" },
};

static const GenCpu mips_cpus[] = {
#define MIPS_CPU(name, bits, feats) { name, bits, feats },
#include "arch/mips/cpus.def"
#undef MIPS_CPU
};

/* variant: bit 0 Release 6, bits 1 up the ISA (arch/mips/isamode.h). */
enum { V_R6 = 1, V_ISA_SHIFT = 1, V_MICRO = MIPS_ISA_MICRO << V_ISA_SHIFT };

static bool is_r6(const GenTarget *t)
{
    return (t->arch->variant & V_R6) != 0;
}

/* The compressed ISA of the image's body, or NULL (standard MIPS). */
static const MipsIsaMode *isa_of(const GenTarget *t)
{
    return mips_isa(t->arch->variant >> V_ISA_SHIFT);
}

static int feature_index(const char *name)
{
    for (int i = 0; i < F_NFEAT; i++) {
        if (!strcmp(mips_features[i].name, name)) {
            return i;
        }
    }
    return -1;
}

/* An image of a compressed arch needs a CPU with that ASE, before R6. */
static const char *isa_finish(GenTarget *t)
{
    const MipsIsaMode *m = isa_of(t);

    if (!m) {
        return NULL;
    }
    if (!gen_has(t, feature_index(m->feature))) {
        return t->cpu ? xasprintf("CPU model %s has no %s (feature %s): "
                                  "--arch %s needs it", t->cpu->name,
                                  m->name, m->feature, t->arch->name)
                      : xasprintf("--arch %s needs the feature %s",
                                  t->arch->name, m->feature);
    }
    if (gen_has(t, F_R6)) {
        return xasprintf("--arch %s is the Release 2-5 %s encoding; "
                         "Release 6 images of it are not generated",
                         t->arch->name, m->name);
    }
    return NULL;
}

static const char *mips_finish_features(GenTarget *t)
{
    GenFeatures *f = &t->features;
    const GenArch *a = t->arch;
    const char *isa_err = isa_finish(t);
#define HAS(x) ((*f & GEN_FEAT(x)) != 0)
#define USER(x) ((t->user_add & GEN_FEAT(x)) != 0)
#define SET(x) (*f |= GEN_FEAT(x))
#define CLR(x) (*f &= ~GEN_FEAT(x))

    if (isa_err) {
        return isa_err;
    }
    if (!a->is64 && HAS(F_MIPS64)) {
        if (USER(F_MIPS64)) {
            return "feature mips64 needs a 64-bit arch (mips64, mips64el, "
                   "mips64r6, mips64r6el)";
        }
        CLR(F_MIPS64);          /* a 64-bit CPU running o32 code */
        if (HAS(F_FR1) && !HAS(F_MSA) && !HAS(F_R6) && !USER(F_FR1)) {
            CLR(F_FR1);         /* o32 FPXX/FP32 binaries run FR=0 */
            SET(F_FR0);
        }
    }
    if (a->is64 && HAS(F_MIPS3)) {
        SET(F_MIPS64);
    }
    if (is_r6(t) && !HAS(F_R6)) {
        return t->cpu ? xasprintf("CPU model %s is not a Release 6 CPU: use "
                                  "an arch without r6", t->cpu->name)
                      : "--arch is Release 6 but the feature r6 is off";
    }
    if (!is_r6(t) && HAS(F_R6)) {
        return xasprintf("Release 6 needs --arch %s", a->is64
                         ? (a->big_endian ? "mips64r6" : "mips64r6el")
                         : (a->big_endian ? "mipsr6" : "mipsr6el"));
    }
    if (HAS(F_CRC) && !HAS(F_R6)) {
        return "the CRC32 ASE (crc) is a Release 6 one: use --arch mipsr6, "
               "mipsr6el, mips64r6 or mips64r6el";
    }
    if (HAS(F_PRE_R6) && HAS(F_R6) && USER(F_PRE_R6)) {
        return "features pre-r6 and r6 contradict";
    }

    /* ISA levels include the lower ones. */
    if (HAS(F_R6)) {
        SET(F_R5);
    }
    if (HAS(F_R5)) {
        SET(F_R2);
    }
    if (HAS(F_R2)) {
        SET(F_MIPS32);
        SET(F_MIPS5);           /* R2 kept MIPS V's LUXC1/SUXC1 */
    }
    if (HAS(F_MIPS32)) {
        SET(F_MIPS4);
    }
    if (HAS(F_MIPS5)) {
        SET(F_MIPS4);
    }
    if (HAS(F_MIPS4)) {
        SET(F_MIPS3);
    }
    if (HAS(F_MIPS3)) {
        SET(F_MIPS2);
    }
    if (HAS(F_DSPR2)) {
        SET(F_DSP);
    }
    if (HAS(F_R6)) {
        CLR(F_PRE_R6);
    } else {
        SET(F_PRE_R6);
    }

    /* FR mode and NaN style: an explicit choice beats the preset. */
    if (USER(F_FR0) && USER(F_FR1)) {
        return "features fr0 and fr1 contradict";
    }
    if (USER(F_NAN2008) && USER(F_NANLEGACY)) {
        return "features nan2008 and nanlegacy contradict";
    }
    if (USER(F_FR0)) {
        CLR(F_FR1);
    }
    if (USER(F_FR1)) {
        CLR(F_FR0);
    }
    if (USER(F_NAN2008)) {
        CLR(F_NANLEGACY);
    }
    if (USER(F_NANLEGACY)) {
        CLR(F_NAN2008);
    }
    if (HAS(F_MSA) || HAS(F_FR0) || HAS(F_FR1) || HAS(F_NAN2008) ||
        HAS(F_MMI) || HAS(F_PS)) {
        if (!HAS(F_FPU)) {
            if (t->user_del & GEN_FEAT(F_FPU)) {
                return "FP features need the fpu feature";
            }
            SET(F_FPU);
        }
    }
    if (HAS(F_FPU)) {
        if (!HAS(F_FR0) && !HAS(F_FR1)) {
            SET(a->is64 || HAS(F_MSA) || HAS(F_R6) ? F_FR1 : F_FR0);
        }
        if (!HAS(F_NAN2008) && !HAS(F_NANLEGACY)) {
            SET(HAS(F_R6) ? F_NAN2008 : F_NANLEGACY);
        }
    } else {
        CLR(F_FR0);
        CLR(F_FR1);
        CLR(F_NAN2008);
        CLR(F_NANLEGACY);
    }
    if (HAS(F_FR0) && a->is64) {
        return "fr0 needs a 32-bit (o32) arch: n64 always runs FR=1";
    }
    if (HAS(F_FR0) && HAS(F_MSA)) {
        return "msa needs fr1 (MSA vectors overlay 64-bit FPRs)";
    }
    if (HAS(F_R6) && HAS(F_FR0)) {
        return "Release 6 has no FR=0 mode";
    }
    if (HAS(F_R6) && HAS(F_NANLEGACY)) {
        return "Release 6 has only the 2008 NaN encoding";
    }
    return NULL;
#undef HAS
#undef USER
#undef SET
#undef CLR
}

/* ---- registers ---- */

/*
 * fprout / fprdout: an FPR the instruction writes through the scalar
 * FPU (or Loongson MMI/EXT) with a 32-bit / 64-bit value.  The register
 * rules are those of fpr / fprd; after the instruction the generator
 * defines what the architecture leaves UNPREDICTABLE (mips_after_reg).
 * vecnzb/h/w/d: an MSA divisor; before the instruction every b/h/w/d
 * element is made non-zero (x / 0 is UNPREDICTABLE per element).
 * gpralnv: ALNV.PS's byte offset; made 0 or 4 mod 8 before the
 * instruction (other values are UNPREDICTABLE).
 * accp: the accumulator of a 32-bit EXTP/EXTPV/EXTPDP/EXTPDPV.  On MIPS64
 * DSPControl.pos has 7 bits, the preamble seeds 0..127 for the DEXTP
 * family, and these take a bit of the 64-bit HI[31:0]:LO[31:0]: pos is
 * first brought below 64 (QEMU 7.2 also aborts on pos >= 64 there).
 */
enum {
    C_GPR, C_GPRNZ, C_GPR32, C_GPR32NZ, C_GPRALNV, C_FPR, C_FPRD, C_FCR,
    C_VEC,
    C_MSACR, C_HWR, C_ACC, C_FPROUT, C_FPRDOUT,
    C_VECNZB, C_VECNZH, C_VECNZW, C_VECNZD, C_ACCP, C_GPR3, C_GPR3ST,
    C_GPR3MV, C_GPR3NZ, C_SP, C_NCLS
};

/*
 * gpr3, gpr3st, gpr3mv: the microMIPS 3-bit register fields
 * (isamode.h): 16, 17, 2-7; the 16-bit stores' sources ($0 for 16);
 * MOVEP's sources.  Their raw values are encodings, not numbers
 * (mips_reg_number).  gpr3nz: gpr3 made non-zero before the instruction
 * (MIPS16e DIV/DIVU divisors).  sp: the stack pointer as the memory base
 * of a compressed image's SP-relative forms (a constant base=29): the
 * generator points it into the memory block and makes it an offset after
 * the access; the runner's handlers run on their own stack and it
 * restores its sp when the image ends.
 */
static const char *const mips_class_names[] = {
    "gpr", "gprnz", "gpr32", "gpr32nz", "gpralnv", "fpr", "fprd", "fcr",
    "vec", "msacr", "hwr", "acc", "fprout", "fprdout", "vecnzb", "vecnzh",
    "vecnzw", "vecnzd", "accp", "fpr-d", "msa", "wr", "gpr3", "gpr3st",
    "gpr3mv", "gpr3nz", "sp", NULL,
};

static int mips_reg_class(const char *name)
{
    static const struct {
        const char *name;
        int cls;
    } map[] = {
        { "gpr", C_GPR }, { "gprnz", C_GPRNZ }, { "gpr32", C_GPR32 },
        { "gpr32nz", C_GPR32NZ }, { "gpralnv", C_GPRALNV },
        { "fpr", C_FPR }, { "fprd", C_FPRD },
        { "fpr-d", C_FPRD }, { "fcr", C_FCR }, { "vec", C_VEC },
        { "msa", C_VEC }, { "wr", C_VEC }, { "msacr", C_MSACR },
        { "hwr", C_HWR }, { "acc", C_ACC }, { "fprout", C_FPROUT },
        { "fprdout", C_FPRDOUT }, { "vecnzb", C_VECNZB },
        { "vecnzh", C_VECNZH }, { "vecnzw", C_VECNZW },
        { "vecnzd", C_VECNZD }, { "accp", C_ACCP }, { "gpr3", C_GPR3 },
        { "gpr3st", C_GPR3ST }, { "gpr3mv", C_GPR3MV },
        { "gpr3nz", C_GPR3NZ }, { "sp", C_SP },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (!strcmp(map[i].name, name)) {
            return map[i].cls;
        }
    }
    return -1;
}

static GenRegKind mips_reg_kind(int cls)
{
    return cls <= C_GPRALNV || cls >= C_GPR3 ? GEN_REG_GPR : GEN_REG_OTHER;
}

static int64_t mips_reg_number(int cls, int64_t raw)
{
    switch (cls) {
    case C_GPR3:
    case C_GPR3NZ:
        return mips_micro_gpr3((int)raw);
    case C_GPR3ST:
        return mips_micro_gpr3_store((int)raw);
    case C_GPR3MV:
        return mips_micro_gpr3_movep((int)raw);
    default:
        return raw;
    }
}

#define GP 28                   /* reserved, 0 during the image */

/* k0/k1 belong to the kernel, gp and sp to the runner. */
static bool gpr_reserved(int64_t r)
{
    return r >= 26 && r <= 29;
}

static bool mips_reg_ok(const GenTarget *t, int cls, int64_t r)
{
    if (r < 0 || r > 31) {
        return false;
    }
    switch (cls) {
    case C_GPR:
    case C_GPR32:
    case C_GPRALNV:
        return !gpr_reserved(r);
    case C_GPRNZ:
    case C_GPR32NZ:
        return r != 0 && !gpr_reserved(r);
    case C_FPRD:
    case C_FPRDOUT:
        /* FR=0: a double lives in an even/odd pair. */
        return gen_has(t, F_FR1) || (r & 1) == 0;
    case C_FCR:
        /* FIR, FCCR, FEXR, FENR, FCSR: the user-visible ones. */
        return r == 0 || r == 25 || r == 26 || r == 28 || r == 31;
    case C_MSACR:
        return r <= 1;          /* MSAIR, MSACSR */
    case C_ACC:
    case C_ACCP:
        return r <= 3;
    case C_GPR3:
    case C_GPR3ST:
    case C_GPR3MV:
    case C_GPR3NZ:
        return r <= 7 && isa_of(t);
    case C_SP:
        return r == 29 && isa_of(t);
    default:
        return true;
    }
}

static bool mips_mem_reg_ok(const GenTarget *t, int64_t r)
{
    return r > 0 && r <= 31 && (!gpr_reserved(r) || (r == 29 && isa_of(t)));
}

/* ---- encodings ---- */

#define OP_LW 0x8c000000u
#define OP_LD 0xdc000000u
#define OP_LDC1 0xd4000000u
#define OP_ADDIU 0x24000000u
#define OP_ANDI 0x30000000u
#define OP_BEQ 0x10000000u
#define OP_BNE 0x14000000u
#define MSA_LD_D 0x78000023u    /* ld.d wd, s10*8(rs) */
#define MSA_CTCMSA 0x783e0019u

static uint32_t i_type(uint32_t op, int rs, int rt, int32_t imm)
{
    return op | (uint32_t)rs << 21 | (uint32_t)rt << 16 | ((uint32_t)imm & 0xffff);
}

static void emit(GenCtx *g, uint32_t w)
{
    gen_emit32(g, w);
}

static void mips_emit_insn(GenCtx *g, uint64_t word, int width)
{
    gen_emit32(g, (uint32_t)word);
}

static void mips_set_reg_small(GenCtx *g, int reg, int64_t v)
{
    emit(g, i_type(OP_ADDIU, 0, reg, (int32_t)v));     /* li reg, v */
}

/* ---- compressed ISAs (isamode.h): the words risugen writes itself ---- */

enum { AFTER_HILO = 1 };     /* tag clobbers-hilo: HI/LO to 0 after */

static int isa_index(const GenTarget *t)
{
    return t->arch->variant >> V_ISA_SHIFT;
}

/* An instruction of the body's ISA: 32 bits as two halfwords. */
static void isa_emit_insn(GenCtx *g, uint64_t word, int width)
{
    if (width == 16) {
        gen_emit16(g, (uint16_t)word);
    } else {
        gen_emit16(g, (uint16_t)(word >> 16));
        gen_emit16(g, (uint16_t)word);
    }
}

/* A 16-bit word must not begin a 32-bit one, nor the reverse. */
static bool isa_word_ok(const GenTarget *t, uint64_t w, int width)
{
    const MipsIsaMode *m = isa_of(t);

    return width == 16 ? !mips_isa_wide(m, (uint32_t)w)
                       : mips_isa_wide(m, (uint32_t)(w >> 16));
}

#define UM_ADDIU 0x30000000u    /* addiu rt, rs, imm16 */
#define UM_LW 0xfc000000u       /* lw rt, off16(base) */
#define UM_BNEZC 0x40a00000u    /* bnezc rs, off16 (halfwords) */
#define UM_MTHI0 0x00002d7cu    /* mthi $0 */
#define UM_MTLO0 0x00003d7cu    /* mtlo $0 */
#define M16_BNEZ 0x2800u        /* bnez rx, off8 (halfwords after it) */
#define M16_LI 0x6800u          /* li rx, imm8 */
#define M16_LW 0x9800u          /* lw ry, imm5*4(rx); EXTENDed: imm16 */
#define M16_NEG 0xe80bu         /* neg rx, ry */

/* The 3-bit MIPS16e field naming GPR reg, or -1 if none does. */
static int m16_enc(int reg)
{
    return reg == 16 || reg == 17 ? reg - 16
                                  : reg >= 2 && reg <= 7 ? reg : -1;
}

/* A MIPS16e 16-bit instruction with an EXTEND holding imm16. */
static uint32_t m16_ext(uint32_t insn, int32_t imm)
{
    uint32_t i = (uint32_t)imm & 0xffff;

    return (0xf000u | (i >> 5 & 0x3f) << 5 | i >> 11) << 16 |
           insn | (i & 0x1f);
}

/* li.e rx, |v|, then neg rx, rx if v < 0: MIPS16e reaches rx only. */
static void m16_set_reg_small(GenCtx *g, int reg, int64_t v)
{
    int x = m16_enc(reg);
    uint32_t rx = (uint32_t)x;

    if (x < 0) {
        gen_fatal("internal error: MIPS16e cannot set $%d with one "
                  "instruction", reg);
    }
    isa_emit_insn(g, m16_ext(M16_LI | rx << 8, (int32_t)(v < 0 ? -v : v)),
                  32);
    if (v < 0) {
        isa_emit_insn(g, M16_NEG | rx << 8 | rx << 5, 16);
    }
}

static void isa_set_reg_small(GenCtx *g, int reg, int64_t v)
{
    switch (isa_index(gen_target(g))) {
    case MIPS_ISA_MICRO:
        isa_emit_insn(g, UM_ADDIU | (uint32_t)reg << 21 |
                         ((uint32_t)v & 0xffff), 32);
        return;
    case MIPS_ISA_M16:
        m16_set_reg_small(g, reg, v);
        return;
    }
    gen_fatal("internal error: no set_reg_small for %s",
              gen_target(g)->arch->name);
}

/* A divisor of 0 is UNPREDICTABLE: make a *nz register non-zero. */
static void isa_prepare_reg(GenCtx *g, int cls, int64_t r)
{
    if (cls == C_GPR3NZ) {
        /* bnez rx, 1f; li rx, 1; 1: (MIPS16e branches have no slot) */
        isa_emit_insn(g, M16_BNEZ | (uint32_t)r << 8 | 1, 16);
        isa_emit_insn(g, M16_LI | (uint32_t)r << 8 | 1, 16);
        return;
    }
    if ((cls != C_GPRNZ && cls != C_GPR32NZ) || r == 0) {
        return;
    }
    switch (isa_index(gen_target(g))) {
    case MIPS_ISA_MICRO:
        /* bnezc r, 1f; li r, 1; 1: */
        isa_emit_insn(g, UM_BNEZC | (uint32_t)r << 16 | 2, 32);
        isa_set_reg_small(g, (int)r, 1);
        return;
    case MIPS_ISA_M16:
        /* mips16e*.decode uses gpr3nz: no 5-bit divisor field. */
        gen_fatal("internal error: class gprnz/gpr32nz in a MIPS16e image");
    }
}

static bool isa_prepare_cls(const GenTarget *t, int cls)
{
    return cls == C_GPRNZ || cls == C_GPR32NZ || cls == C_GPR3NZ;
}

static void isa_after_insn(GenCtx *g, unsigned flags)
{
    if (!(flags & AFTER_HILO)) {
        return;
    }
    switch (isa_index(gen_target(g))) {
    case MIPS_ISA_MICRO:
        isa_emit_insn(g, UM_MTHI0, 32);
        isa_emit_insn(g, UM_MTLO0, 32);
        return;
    case MIPS_ISA_M16:
        /* MIPS16e has no MTHI/MTLO; no MIPS16e pattern clobbers HI/LO. */
        gen_fatal("internal error: clobbers-hilo in a MIPS16e image");
    }
}

/* The body's first word: lw R, off(R) (R holds the body's address). */
static void isa_load_switch_reg(GenCtx *g, int r, int32_t off)
{
    switch (isa_index(gen_target(g))) {
    case MIPS_ISA_MICRO:
        isa_emit_insn(g, UM_LW | (uint32_t)r << 21 | (uint32_t)r << 16 |
                         ((uint32_t)off & 0xffff), 32);
        return;
    case MIPS_ISA_M16: {
        /* lw.e rx, off(rx): R is one of the eight MIPS16e registers. */
        uint32_t x = (uint32_t)m16_enc(r);
        isa_emit_insn(g, m16_ext(M16_LW | x << 8 | x << 5, off), 32);
        return;
    }
    }
}

/* No compressed FPU patterns: nothing to clean up after one. */
static bool isa_after_cls(const GenTarget *t, int cls)
{
    return false;
}

#define MSA_BNZ_B 0x47800000u   /* bnz.df wt, off: df in bits 22:21 */
#define DSP_RDDSP 0x7c0004b8u   /* rddsp rd, mask: mask in 25:16 */
#define DSP_WRDSP 0x7c0004f8u   /* wrdsp rs, mask: mask in 20:11 */
#define MSA_BSETI 0x7a000009u   /* bseti.df wd, ws, m: df/m in 22:16 */

/* DSPControl.pos &= 63 through gp (0 again afterwards), see accp. */
static void mips_clamp_dsp_pos(GenCtx *g)
{
    emit(g, DSP_RDDSP | 1u << 16 | GP << 11);           /* rddsp gp, 1 */
    emit(g, OP_ANDI | GP << 21 | GP << 16 | 0x3f);
    emit(g, DSP_WRDSP | GP << 21 | 1u << 11);           /* wrdsp gp, 1 */
    emit(g, GP << 11 | 0x25);                           /* move gp, $0 */
}

static void mips_prepare_reg(GenCtx *g, int cls, int64_t r)
{
    const GenTarget *t = gen_target(g);
    if (cls == C_ACCP) {
        mips_clamp_dsp_pos(g);
        return;
    }
    if (cls >= C_VECNZB && cls <= C_VECNZD) {
        static const uint32_t dfm[] = { 0x70, 0x60, 0x40, 0x00 };
        uint32_t df = (uint32_t)(cls - C_VECNZB), w = (uint32_t)r & 31;
        /* bnz.df w, 1f; nop; bseti.df w, w, 0 (every element odd); 1: */
        emit(g, MSA_BNZ_B | df << 21 | w << 16 | 2);
        emit(g, 0);
        emit(g, MSA_BSETI | dfm[df] << 16 | w << 11 | w << 6);
        return;
    }
    if (r == 0 || (cls != C_GPR32 && cls != C_GPR32NZ && cls != C_GPRNZ &&
                   cls != C_GPRALNV)) {
        return;
    }
    if (cls == C_GPRALNV) {
        emit(g, OP_ANDI | (uint32_t)r << 21 | (uint32_t)r << 16 | 4);
        return;
    }
    if (t->arch->is64 && (cls == C_GPR32 || cls == C_GPR32NZ)) {
        /* sll r, r, 0 sign-extends the low word on MIPS64. */
        emit(g, (uint32_t)r << 16 | (uint32_t)r << 11);
    }
    if (cls == C_GPR32NZ || cls == C_GPRNZ) {
        /* bnez r, 1f; nop; li r, 1; 1: -- a divisor of 0 is UNPREDICTABLE */
        emit(g, i_type(OP_BNE, (int)r, 0, 2));
        emit(g, 0);
        emit(g, i_type(OP_ADDIU, 0, (int)r, 1));
    }
}

static bool mips_prepare_cls(const GenTarget *t, int cls)
{
    return cls == C_GPRNZ || cls == C_GPR32NZ || cls == C_GPRALNV ||
           ((cls == C_GPR32 || cls == C_ACCP) && t->arch->is64) ||
           (cls >= C_VECNZB && cls <= C_VECNZD);
}

static bool has_tag(const char *const *tags, int n, const char *tag)
{
    for (int i = 0; i < n; i++) {
        if (!strcmp(tags[i], tag)) {
            return true;
        }
    }
    return false;
}


static unsigned mips_tag_flags(const GenTarget *t, const char *const *tags,
                               int ntags)
{
    return has_tag(tags, ntags, "clobbers-hilo") && !gen_has(t, F_R6)
           ? AFTER_HILO : 0;
}

static void mips_after_insn(GenCtx *g, unsigned flags)
{
    if (flags & AFTER_HILO) {
        emit(g, 0x00000011);    /* mthi $0: HI/LO were left UNPREDICTABLE */
        emit(g, 0x00000013);    /* mtlo $0 */
    }
}

/*
 * Scalar FPR results the architecture leaves partly UNPREDICTABLE:
 *  - FR=1, 32-bit result (S, W, MTC1, LWC1, CMP.cond.S...): bits 63:32 of
 *    the FPR (StoreFPR "UNPREDICTABLE32 || value"; the R10000 clears
 *    them, even for a MOVN.S/MOVT.S whose condition is false, the R4400
 *    and QEMU keep them);
 *  - with MSA, any scalar write: bits 127:64 of the vector (MSA spec;
 *    earlier revisions said cleared, QEMU keeps them).
 * The comparison stays exact: after the instruction the generator sets
 * those bits to 0 with instructions whose results are defined.
 */
static bool mips_after_cls(const GenTarget *t, int cls)
{
    /* An o32 FR=1 run before Release 2 (forced with --features) has no
     * instruction that could do it: left as it is. */
    return (cls == C_FPROUT && gen_has(t, F_FR1) &&
            (gen_has(t, F_R2) || t->arch->is64)) ||
           (cls == C_FPRDOUT && gen_has(t, F_MSA));
}

#define MIPS_MTHC1 0x44e00000u  /* mthc1 rt, fs */
#define MIPS_DMFC1 0x44200000u
#define MIPS_DMTC1 0x44a00000u
#define MSA_INSERT 0x79000019u  /* insert.df wd[n], rs: df/n in 21:16 */

static void mips_after_reg(GenCtx *g, int cls, int64_t raw)
{
    const GenTarget *t = gen_target(g);
    uint32_t fd = (uint32_t)raw & 31;

    if (gen_has(t, F_MSA)) {
        if (cls == C_FPROUT) {
            emit(g, MSA_INSERT | 0x31u << 16 | fd << 6);  /* w[1] := 0 */
        }
        if (t->arch->is64) {
            emit(g, MSA_INSERT | 0x39u << 16 | fd << 6);  /* d[1] := 0 */
        } else {
            emit(g, MSA_INSERT | 0x32u << 16 | fd << 6);  /* w[2] := 0 */
            emit(g, MSA_INSERT | 0x33u << 16 | fd << 6);  /* w[3] := 0 */
        }
    } else if (gen_has(t, F_R2)) {
        emit(g, MIPS_MTHC1 | fd << 11);                   /* mthc1 $0, fd */
    } else {
        /*
         * MIPS III/IV/V and MIPS64 R1 have no MTHC1: zero-extend through
         * gp, which the image never uses (k0/k1 are not safe: a kernel may
         * clobber them at any interrupt), and give gp its 0 back.
         */
        emit(g, MIPS_DMFC1 | GP << 16 | fd << 11);
        emit(g, GP << 16 | GP << 11 | 0x3c);              /* dsll32 */
        emit(g, GP << 16 | GP << 11 | 0x3e);              /* dsrl32 */
        emit(g, MIPS_DMTC1 | GP << 16 | fd << 11);
        emit(g, GP << 11 | 0x25);                         /* move gp, $0 */
    }
}

/*
 * A random DSPControl for wrdsp (mask 0x1f: every field but EFI, which
 * keeps its reset value though the seed has a bit for it), so that EXTP*,
 * INSV, PICK, ADDWC and the saturating forms start from varied pos,
 * scount, ccond, c and ouflag.  pos has 7 bits on MIPS64, where the
 * DEXTP family reads the 128-bit accumulator; the 32-bit EXTP family
 * (class accp) brings it below 64 first.
 */
static uint32_t mips_dspctl_seed(Prng *p, bool is64)
{
    uint32_t pos = (uint32_t)prng_below(p, is64 ? 128 : 64);
    uint32_t rest = (uint32_t)gen_val_int(p, 32);
    uint32_t keep = 0x3fu << 7         /* scount */
                    | 1u << 13         /* c */
                    | 1u << 14         /* EFI */
                    | 0xffu << 16      /* ouflag */
                    | (is64 ? 0xffu : 0xfu) << 24;    /* ccond */
    return pos | (rest & keep);
}

/*
 * Preamble data block, addressed from BASE after SETADDR:
 *   0      vectors (32 x 16, with MSA) or FPRs (32 x 8)
 *   +      GPRs (32 x 8), HI, LO, DSP ac1-3 hi/lo, FCSR, MSACSR, DSPControl
 */
enum { BASE = 1, TMP = 2 };

/* R: the register the mode switch goes through (ISAMODE design). */
enum { SWITCH_REG = 2 };

/*
 * An OPTRAP in the standard encoding, whatever the arch's own traps: the
 * preamble of a compressed arch runs before the mode switch.
 */
static void std_optrap(GenCtx *g, int op, int reg, int32_t imm)
{
    const GenTarget *t = gen_target(g);
    uint8_t d[8];

    if (!isa_of(t)) {
        gen_optrap(g, op, reg, imm);
        return;
    }
    emit(g, MIPS_TRAP_OP);
    gen_put32(t, d, (uint32_t)op | (uint32_t)reg << 8);
    gen_put32(t, d + 4, (uint32_t)imm);
    gen_emit_data(g, d, 8);
}

/*
 * Enter the body's ISA: every register but R is loaded, R gets the
 * body's address with the ISA bit, "jr R" switches, and the body's
 * first instruction loads R's own value, its offset compensating the
 * ISA bit so the access is aligned.  No k0/k1: a kernel clobbers them.
 */
static void isa_switch(GenCtx *g, int slot_off)
{
    int body = (int)gen_offset(g) + 12 + 8;

    std_optrap(g, 5 /* RISU_OP_SETADDR */, SWITCH_REG, body + 1);
    emit(g, SWITCH_REG << 21 | 0x08);                 /* jr R */
    emit(g, 0);
    isa_load_switch_reg(g, SWITCH_REG, slot_off - body - 1);
}

static void mips_preamble(GenCtx *g)
{
    const GenTarget *t = gen_target(g);
    const GenArch *a = t->arch;
    Prng *p = gen_prng(g);
    bool msa = gen_has(t, F_MSA), fpu = gen_has(t, F_FPU);
    bool hilo = !gen_has(t, F_R6), dsp = gen_has(t, F_DSP);
    GenNanStyle nan = gen_has(t, F_NAN2008) ? GEN_NAN_IEEE
                                            : GEN_NAN_LEGACY;
    uint8_t data[1024];
    int fpr_off = 0;
    int gpr_off = fpu ? (msa ? 512 : 256) : 0;
    int hilo_off = gpr_off + 256;        /* 4 accumulators x (hi, lo) */
    int ctl_off = hilo_off + 64;         /* FCSR, MSACSR, DSPControl */
    int size = ctl_off + 24;
    uint32_t ld = a->is64 ? OP_LD : OP_LW;
    /* lw reads the first 4 bytes of a slot: store the word there. */
    #define PUTREG(off, v) \
        (a->is64 ? gen_put64(t, data + (off), (v)) \
                 : gen_put32(t, data + (off), (uint32_t)(v)))

    memset(data, 0, sizeof(data));
    if (fpu) {
        for (int i = 0; i < 32; i++) {
            if (msa) {
                uint64_t v[2];
                gen_val_vec128(p, nan, v);
                if (prng_below(p, 2)) {
                    v[0] = gen_val_fpr(p, nan);   /* FP in the FPR view */
                }
                gen_put64(t, data + fpr_off + 16 * i, v[0]);
                gen_put64(t, data + fpr_off + 16 * i + 8, v[1]);
            } else {
                gen_put64(t, data + fpr_off + 8 * i, gen_val_fpr(p, nan));
            }
        }
    }
    for (int r = 1; r < 32; r++) {
        uint64_t v = a->is64 ? gen_val_gpr64(p) : gen_val_int(p, 32);
        PUTREG(gpr_off + 8 * r, v);
    }
    for (int i = 0; i < 8; i++) {
        /* MADD and friends need sign-extended HI/LO words on MIPS64. */
        PUTREG(hilo_off + 8 * i, gen_val_int(p, 32));
    }
    gen_put32(t, data + ctl_off,
              gen_has(t, F_NAN2008) ? 3u << 18 : 0);   /* NAN2008|ABS2008 */
    if (dsp) {
        gen_put32(t, data + ctl_off + 16, mips_dspctl_seed(p, a->is64));
    }

    /* SETADDR; b over the data; nop; data; loads. */
    int code_off = 12 + 8;                /* OPTRAP (12) + b + nop */
    int data_off = (code_off + 15) & ~15;
    std_optrap(g, 5 /* RISU_OP_SETADDR */, BASE, data_off);
    emit(g, i_type(OP_BEQ, 0, 0, (data_off + size - (12 + 4)) / 4));
    emit(g, 0);
    gen_align_data(g, 16);
    gen_emit_data(g, data, (size_t)size);

    if (fpu) {
        emit(g, i_type(OP_LW, BASE, TMP, ctl_off));
        emit(g, 0x44c0f800u | TMP << 16);             /* ctc1 tmp, $31 */
    }
    if (msa) {
        emit(g, i_type(OP_LW, BASE, TMP, ctl_off + 8));
        emit(g, MSA_CTCMSA | TMP << 11 | 1 << 6);     /* ctcmsa MSACSR */
        for (int i = 0; i < 32; i++) {
            emit(g, MSA_LD_D | (uint32_t)((fpr_off + 16 * i) / 8) << 16 |
                        BASE << 11 | (uint32_t)i << 6);
        }
    } else if (fpu) {
        bool fr1 = gen_has(t, F_FR1);
        for (int i = 0; i < 32; i += fr1 ? 1 : 2) {
            emit(g, i_type(OP_LDC1, BASE, i, fpr_off + 8 * i));
        }
    }
    if (hilo) {
        for (int acc = 0; acc < (dsp ? 4 : 1); acc++) {
            emit(g, i_type(ld, BASE, TMP, hilo_off + 16 * acc));
            emit(g, TMP << 21 | (uint32_t)acc << 11 | 0x11);   /* mthi */
            emit(g, i_type(ld, BASE, TMP, hilo_off + 16 * acc + 8));
            emit(g, TMP << 21 | (uint32_t)acc << 11 | 0x13);   /* mtlo */
        }
    }
    if (dsp) {
        emit(g, i_type(OP_LW, BASE, TMP, ctl_off + 16));
        emit(g, 0x7c00fcf8u | TMP << 21);             /* wrdsp tmp, 0x1f */
    }
    for (int r = 1; r < 32; r++) {
        if (r != BASE && !gpr_reserved(r) &&
            !(isa_of(t) && r == SWITCH_REG)) {
            emit(g, i_type(ld, BASE, r, gpr_off + 8 * r));
        }
    }
    emit(g, i_type(ld, BASE, BASE, gpr_off + 8 * BASE));
    if (isa_of(t)) {
        isa_switch(g, data_off + gpr_off + 8 * SWITCH_REG);
    }
    #undef PUTREG
}

/* ---- ELF and disassembly ---- */

#define EF_ABI_O32 0x00001000u
#define EF_NAN2008 0x400u
#define EF_FP64 0x200u
#define STO_MICROMIPS_ 0x80     /* symbol st_other: microMIPS code */
#define STO_MIPS16_ 0xf0        /* symbol st_other: MIPS16 code */

static uint32_t mips_elf_flags(const GenTarget *t)
{
    const GenArch *a = t->arch;
    uint32_t f;
    if (gen_has(t, F_R6)) {
        f = a->is64 ? 0xa0000000u : 0x90000000u;
    } else if (gen_has(t, F_R2)) {
        f = a->is64 ? 0x80000000u : 0x70000000u;
    } else if (gen_has(t, F_MIPS32)) {
        f = a->is64 ? 0x60000000u : 0x50000000u;
    } else if (a->is64) {
        f = gen_has(t, F_MIPS4) ? 0x30000000u : 0x20000000u;
    } else {
        f = 0x10000000u;
    }
    if (!a->is64) {
        f |= EF_ABI_O32;
    }
    if (gen_has(t, F_NAN2008)) {
        f |= EF_NAN2008;
    }
    if (gen_has(t, F_FR1) && !a->is64) {
        f |= EF_FP64;
    }
    if (isa_of(t)) {
        f |= isa_of(t)->elf_ase;
    }
    /* EF_MIPS_MACH: lets objdump pick the vendor extensions itself. */
    if (gen_has(t, F_LEXT)) {
        f |= gen_has(t, F_MSA) ? 0x00a40000u : 0x00a20000u;
    } else if (gen_has(t, F_LS2F)) {
        f |= 0x00a10000u;
    } else if (gen_has(t, F_LS2E)) {
        f |= 0x00a00000u;
    } else if (gen_has(t, F_OCTEON)) {
        f |= 0x008d0000u;
    } else if (gen_has(t, F_VR54XX)) {
        f |= 0x00910000u;
    }
    return f;
}

static int mips_cs_mode(const GenTarget *t)
{
    /* capstone 4 reads Loongson encodings as Octeon or COP2 ones. */
    if (gen_has(t, F_MMI) || gen_has(t, F_LEXT) || gen_has(t, F_LS2E) ||
        gen_has(t, F_LS2F)) {
        return -1;
    }
    if (isa_of(t) && !isa_of(t)->cs_mode) {
        return -1;              /* MIPS16e: objdump only */
    }
    /* The host face's mode, with R6 as the target's features say. */
    unsigned m = arch_find(t->arch->name)->host->cs_mode & ~CS_MODE_MIPS32R6_;
    if (gen_has(t, F_R6)) {
        m |= CS_MODE_MIPS32R6_;
    }
    return (int)m;
}

static const char *mips_objdump_opts(const GenTarget *t)
{
    bool be = t->arch->big_endian;
    static char isabuf[64];

    if (isa_of(t)) {
        snprintf(isabuf, sizeof(isabuf), "%s -m %s", be ? "-EB" : "-EL",
                 isa_of(t)->objdump_machine);
        return isabuf;
    }
    /* Loongson-3 first: its models have the loongson2f integer group too. */
    if (gen_has(t, F_LEXT)) {
        return gen_has(t, F_MSA) ? (be ? "-EB -m mips:gs264e"
                                       : "-EL -m mips:gs264e")
                                 : (be ? "-EB -m mips:gs464"
                                       : "-EL -m mips:gs464");
    }
    if (gen_has(t, F_LS2F)) {
        return be ? "-EB -m mips:loongson_2f" : "-EL -m mips:loongson_2f";
    }
    if (gen_has(t, F_LS2E)) {
        return be ? "-EB -m mips:loongson_2e" : "-EL -m mips:loongson_2e";
    }
    if (gen_has(t, F_MMI)) {
        return be ? "-EB -m mips:gs464" : "-EL -m mips:gs464";
    }
    if (gen_has(t, F_OCTEON)) {
        return be ? "-EB -m mips:octeon2" : "-EL -m mips:octeon2";
    }
    if (gen_has(t, F_VR54XX)) {
        return be ? "-EB -m mips:5400" : "-EL -m mips:5400";
    }
    static char buf[128];
    snprintf(buf, sizeof(buf), "%s -m mips:isa%d%s -M msa,virt,xpa",
             be ? "-EB" : "-EL", t->arch->is64 ? 64 : 32,
             gen_has(t, F_R6) ? "r6" : gen_has(t, F_R5) ? "r5"
             : gen_has(t, F_R2) ? "r2" : "");
    return buf;
}

/*
 * With '_' and '.' alike, the pattern name is the mnemonic ("ADD_S" /
 * "add.s", "COPY_S_B" / "copy_s.b", "PINSRH_0" / "pinsrh_0") or a prefix
 * of it ending at a separator ("MAX_S" / "max_s.w" for the df formats
 * MSA patterns keep as a field, "LD" / "ld.d").  Nothing looser: "ADD_S"
 * must not accept "add.d".  Other spellings go in disasm-aliases.txt.
 */
static bool mips_mnemonic_match(const char *pat, const char *mn)
{
    for (;; pat++, mn++) {
        char a = ascii_tolower(*pat == '_' ? '.' : *pat);
        char b = *mn == '_' ? '.' : *mn;
        if (a == 0) {
            return b == 0 || b == '.';
        }
        if (a != b) {
            return false;
        }
    }
}

/*
 * --edge absent: features whose absence makes their encodings Reserved
 * Instruction.  Not fpu (the kernel emulates a missing FPU), ps (a
 * missing PS format raises Unimplemented Operation, SIGFPE), fr0/fr1 and
 * the NaN encodings (modes).  mips64 only on a 32-bit CPU: a 64-bit CPU
 * running o32 code executes 64-bit operations.  Not vr54xx: its MACC
 * family reuses MULT/MULTU with fields other CPUs ignore.
 */
static GenFeatures mips_undef_when_absent(const GenTarget *t)
{
    GenFeatures m = GEN_FEAT(F_MIPS2) | GEN_FEAT(F_MIPS3) |
                    GEN_FEAT(F_MIPS4) | GEN_FEAT(F_MIPS5) |
                    GEN_FEAT(F_MIPS32) | GEN_FEAT(F_R2) | GEN_FEAT(F_R5) |
                    GEN_FEAT(F_R6) | GEN_FEAT(F_PRE_R6) | GEN_FEAT(F_MSA) |
                    GEN_FEAT(F_MMI) | GEN_FEAT(F_LEXT) | GEN_FEAT(F_LS2E) |
                    GEN_FEAT(F_LS2F) | GEN_FEAT(F_DSP) | GEN_FEAT(F_DSPR2) |
                    GEN_FEAT(F_MT) | GEN_FEAT(F_MIPS3D) | GEN_FEAT(F_OCTEON) |
                    GEN_FEAT(F_CRC);
    bool cpu32 = t->cpu ? t->cpu->bits == 32 : !t->arch->is64;

    if (cpu32) {
        m |= GEN_FEAT(F_MIPS64);
    }
    return m;
}

static int mips_llsc(const GenTarget *t, uint64_t w, int width)
{
    if (isa_of(t)) {
        return width == 32 ? mips_isa_llsc_kind(isa_index(t), (uint32_t)w)
                           : 0;
    }
    return mips_llsc_kind((uint32_t)w, is_r6(t));
}

#define MIPS_ARCH_COMMON(NAME, BE, IS64, VAR, DESCR)                        \
        .name = #NAME, .family = "mips", .descr = DESCR,                    \
        .big_endian = BE, .is64 = IS64, .insnwidth = 32, .variant = VAR,    \
        .features = mips_features, .nfeatures = F_NFEAT,                    \
        .cpus = mips_cpus,                                                  \
        .ncpus = (int)(sizeof(mips_cpus) / sizeof(mips_cpus[0])),           \
        .finish_features = mips_finish_features,                            \
        .undef_when_absent = mips_undef_when_absent,                        \
        .reg_class = mips_reg_class, .reg_class_names = mips_class_names,   \
        .reg_kind = mips_reg_kind, .reg_ok = mips_reg_ok,                   \
        .mem_reg_ok = mips_mem_reg_ok,                                      \
        .llsc_kind = mips_llsc, .preamble = mips_preamble,                  \
        .tag_flags = mips_tag_flags,                                        \
        .elf_machine = EM_MIPS_, .elf_flags = mips_elf_flags,               \
        .code_mapping = 0, .cs_arch = CS_ARCH_MIPS_,                        \
        .cs_mode = mips_cs_mode,                                            \
        .objdump = "mips64el-linux-gnuabi64-objdump",                       \
        .objdump_opts = mips_objdump_opts,                                  \
        .mnemonic_match = mips_mnemonic_match,

#define MIPS_ARCH(NAME, BE, IS64, VAR, DESCR)                               \
    const GenArch gen_arch_##NAME = {                                       \
        MIPS_ARCH_COMMON(NAME, BE, IS64, VAR, DESCR)                        \
        .default_features = (VAR) ? "r6 fpu fr1 nan2008"                   \
                            : (IS64) ? "r2 mips5 mips64 ps fpu fr1 nanlegacy" \
                                     : "r2 fpu fr0 nanlegacy",              \
        .trap_checkpoint = MIPS_TRAP_CHECKPOINT, .trap_op = MIPS_TRAP_OP,   \
        .trap_bytes = 4, .emit_insn = mips_emit_insn,                       \
        .set_reg_small = mips_set_reg_small,                                \
        .prepare_reg = mips_prepare_reg, .after_insn = mips_after_insn,     \
        .prepare_cls = mips_prepare_cls,                                    \
        .after_cls = mips_after_cls, .after_reg = mips_after_reg,           \
    };

/* A compressed ISA's image (isamode.h): o32, the row's traps. */
#define MIPS_ISA_ARCH(NAME, BE, ISA, CK, OP, STO, DFLT, DESCR)              \
    const GenArch gen_arch_##NAME = {                                       \
        MIPS_ARCH_COMMON(NAME, BE, false, (ISA) << V_ISA_SHIFT, DESCR)      \
        .default_features = DFLT,                                           \
        .reg_number = mips_reg_number,                                      \
        .insn_sym_other = STO,                                              \
        .trap_checkpoint = CK, .trap_op = OP, .trap_bytes = 2,              \
        .word_ok = isa_word_ok, .emit_insn = isa_emit_insn,                 \
        .set_reg_small = isa_set_reg_small,                                 \
        .prepare_reg = isa_prepare_reg, .after_insn = isa_after_insn,       \
        .prepare_cls = isa_prepare_cls,                                     \
        .after_cls = isa_after_cls, .after_reg = mips_after_reg,            \
    };

MIPS_ARCH(mips, true, false, 0, "MIPS o32, big-endian, up to Release 5")
MIPS_ARCH(mipsel, false, false, 0, "MIPS o32, little-endian")
MIPS_ARCH(mips64, true, true, 0, "MIPS n64, big-endian, up to Release 5")
MIPS_ARCH(mips64el, false, true, 0, "MIPS n64, little-endian")
MIPS_ARCH(mipsr6, true, false, V_R6, "MIPS32 Release 6 o32, big-endian")
MIPS_ARCH(mipsr6el, false, false, V_R6, "MIPS32 Release 6 o32, little")
MIPS_ARCH(mips64r6, true, true, V_R6, "MIPS64 Release 6 n64, big-endian")
MIPS_ARCH(mips64r6el, false, true, V_R6, "MIPS64 Release 6 n64, little")
/* Without --cpu: what M14K and M14Kc have. */
MIPS_ISA_ARCH(micromips, true, MIPS_ISA_MICRO, MIPS_UMIPS_TRAP_CHECKPOINT,
              MIPS_UMIPS_TRAP_OP, STO_MICROMIPS_, "r2 micromips",
              "microMIPS32 (R2-R5) o32, big-endian")
MIPS_ISA_ARCH(micromipsel, false, MIPS_ISA_MICRO, MIPS_UMIPS_TRAP_CHECKPOINT,
              MIPS_UMIPS_TRAP_OP, STO_MICROMIPS_, "r2 micromips",
              "microMIPS32 (R2-R5) o32, little-endian")
/* Without --cpu: what 24Kc and the later MIPS16e models have. */
MIPS_ISA_ARCH(mips16, true, MIPS_ISA_M16, MIPS16_TRAP_CHECKPOINT,
              MIPS16_TRAP_OP, STO_MIPS16_, "r2 mips16",
              "MIPS16e (MIPS32) o32, big-endian")
MIPS_ISA_ARCH(mips16el, false, MIPS_ISA_M16, MIPS16_TRAP_CHECKPOINT,
              MIPS16_TRAP_OP, STO_MIPS16_, "r2 mips16",
              "MIPS16e (MIPS32) o32, little-endian")
