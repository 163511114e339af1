/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risugen hooks for ARM: A32 ("arm"), T32 ("thumb") and A64 ("aarch64"),
 * little-endian.  See gen/arch.h and docs/risugen.md.
 *
 * Thumb words follow QEMU's convention: a 32-bit Thumb-2 instruction is
 * the value (first halfword << 16) | second halfword, stored as two
 * little-endian halfwords; a 16-bit one is a pattern of --insnwidth 16.
 */
#include <stdio.h>
#include <string.h>

#include "arch/archtab.h"
#include "arch/arm/llsc.h"
#include "arch/arm/trap.h"
#include "gen/arch.h"
#include "gen/util.h"

#define CS_ARCH_ARM_ 0
#define CS_ARCH_ARM64_ 1
#define CS_MODE_V8_ (1 << 6)
#define EM_ARM_ 40
#define EM_AARCH64_ 183
#define EF_ARM_EABI_VER5_ 0x05000000u

enum {
    F_V7, F_V8, F_VFP, F_D32, F_NEON, F_FP16, F_FP, F_ASIMD, F_CRC, F_AES,
    F_SHA1, F_SHA2, F_SHA3, F_SHA512, F_SM3, F_SM4, F_FP16ARITH, F_FHM,
    F_DOTPROD, F_LSE, F_RDM, F_RCPC, F_JSCVT, F_FCMA, F_FRINT, F_BF16,
    F_I8MM, F_FLAGM, F_IDIV, F_VFPV4, F_FLAGM2, F_SB, F_BTI, F_LOR,
    F_RCPC2, F_PMULL, F_SVE, F_SVE2, F_SVEBITPERM, F_SVEI8MM, F_SVEBF16,
    F_SVEF32MM, F_SVEF64MM, F_SME, F_SVEAES, F_SVEPMULL128, F_SVESHA3,
    F_SVESM4, F_VL256, F_NFEAT
};

static const GenFeatureDesc arm_features[F_NFEAT] = {
    [F_V7] = { "v7", "ARMv7-A" },
    [F_V8] = { "v8", "ARMv8-A AArch32 additions" },
    [F_VFP] = { "vfp", "AArch32 VFP (VFPv3 or later)" },
    [F_D32] = { "d32", "AArch32: 32 double registers (else 16)" },
    [F_NEON] = { "neon", "AArch32 Advanced SIMD" },
    [F_FP16] = { "fp16", "half-precision conversions" },
    [F_FP] = { "fp", "AArch64 floating point" },
    [F_ASIMD] = { "asimd", "AArch64 Advanced SIMD" },
    [F_CRC] = { "crc", "CRC32" },
    [F_AES] = { "aes", "AES and PMULL" },
    [F_SHA1] = { "sha1", "SHA1" },
    [F_SHA2] = { "sha2", "SHA256" },
    [F_SHA3] = { "sha3", "SHA3" },
    [F_SHA512] = { "sha512", "SHA512" },
    [F_SM3] = { "sm3", "SM3" },
    [F_SM4] = { "sm4", "SM4" },
    [F_FP16ARITH] = { "fp16arith", "half-precision arithmetic (v8.2)" },
    [F_FHM] = { "fhm", "FMLAL/FMLSL" },
    [F_DOTPROD] = { "dotprod", "SDOT/UDOT" },
    [F_LSE] = { "lse", "large system extensions (atomics)" },
    [F_RDM] = { "rdm", "SQRDMLAH/SQRDMLSH" },
    [F_RCPC] = { "rcpc", "LDAPR" },
    [F_JSCVT] = { "jscvt", "FJCVTZS" },
    [F_FCMA] = { "fcma", "FCMLA/FCADD" },
    [F_FRINT] = { "frint", "FRINT32/64" },
    [F_BF16] = { "bf16", "BFloat16" },
    [F_I8MM] = { "i8mm", "int8 matrix multiply" },
    [F_FLAGM] = { "flagm", "flag manipulation" },
    [F_IDIV] = { "idiv", "AArch32 SDIV/UDIV (ARMv7VE, every v8)" },
    [F_VFPV4] = { "vfpv4", "AArch32 fused multiply-add VFMA.. (VFPv4)" },
    [F_FLAGM2] = { "flagm2", "AXFLAG/XAFLAG" },
    [F_SB] = { "sb", "speculation barrier SB" },
    [F_BTI] = { "bti", "branch target identification (BTI hints)" },
    [F_LOR] = { "lor", "limited ordering regions LDLAR/STLLR" },
    [F_RCPC2] = { "rcpc2", "LDAPUR/STLUR (RCpc with immediate offset)" },
    [F_PMULL] = { "pmull", "64-bit polynomial multiply PMULL/VMULL.P64" },
    [F_SVE] = { "sve", "SVE (arch/arm/sve*.decode; any vector length)" },
    [F_SVE2] = { "sve2", "SVE2 (arch/arm/sve2.decode)" },
    [F_SVEBITPERM] = { "svebitperm", "SVE2 BEXT/BDEP/BGRP" },
    [F_SVEI8MM] = { "svei8mm", "SVE int8 matrix multiply and USDOT" },
    [F_SVEBF16] = { "svebf16", "SVE BFloat16" },
    [F_SVEF32MM] = { "svef32mm", "SVE FMMLA (single precision)" },
    [F_SVEF64MM] = { "svef64mm", "SVE FMMLA (double), LD1RO, 128-bit "
                     "permutes" },
    [F_SME] = { "sme", "SME: ZA, streaming mode (arch/arm/sme.decode)" },
    [F_SVEAES] = { "sveaes", "SVE2 AESE/AESD/AESMC/AESIMC" },
    [F_SVEPMULL128] = { "svepmull128", "SVE2 PMULLB/PMULLT .Q" },
    [F_SVESHA3] = { "svesha3", "SVE2 RAX1" },
    [F_SVESM4] = { "svesm4", "SVE2 SM4E/SM4EKEY" },
    /*
     * Not a CPU feature but the runner's vector length: patterns that are
     * UNDEFINED under VL 256 (LD1RO, FMMLA .D, the .Q permutes) require
     * it; no --cpu has it, `--features vl256` asks for them and a runner
     * at a shorter VL refuses the image.
     */
    [F_VL256] = { "vl256", "SVE vector length of at least 256 bits "
                  "(the runner refuses a shorter one)" },
};

static const GenCpu arm_cpus[] = {
#define ARM_CPU(name, bits, feats) { name, bits, feats },
#include "arch/arm/cpus.def"
#undef ARM_CPU
};

enum { V_A32, V_T32, V_A64 };

static bool a64(const GenTarget *t)
{
    return t->arch->variant == V_A64;
}

static const char *arm_finish_features(GenTarget *t)
{
    GenFeatures *f = &t->features;
#define HAS(x) ((*f & GEN_FEAT(x)) != 0)
#define SET(x) (*f |= GEN_FEAT(x))
#define IMPLY(x) (*f |= GEN_FEAT(x) & ~t->user_del)
    if (!a64(t)) {
        /* AArch64 only: an AArch32 image of "max" must not require it. */
        *f &= ~(GEN_FEAT(F_SVE) | GEN_FEAT(F_SVE2) |
                GEN_FEAT(F_SVEBITPERM) | GEN_FEAT(F_SVEI8MM) |
                GEN_FEAT(F_SVEBF16) | GEN_FEAT(F_SVEF32MM) |
                GEN_FEAT(F_SVEF64MM) | GEN_FEAT(F_SME) |
                GEN_FEAT(F_SVEAES) | GEN_FEAT(F_SVEPMULL128) |
                GEN_FEAT(F_SVESHA3) | GEN_FEAT(F_SVESM4) | GEN_FEAT(F_VL256));
    }
    if (HAS(F_V8)) {
        SET(F_V7);
        /*
         * ARMv8 AArch32 requires the divide instructions and, with
         * floating point, the fused multiply-adds; an explicit no-X
         * still wins (a v8 model with a feature switched off).
         */
        IMPLY(F_IDIV);
        if (HAS(F_VFP) || HAS(F_NEON) || HAS(F_D32)) {
            IMPLY(F_VFPV4);
        }
    }
    if (HAS(F_NEON) || HAS(F_D32) || HAS(F_VFPV4)) {
        SET(F_VFP);
    }
    /* The later levels of a feature include the earlier ones. */
    if (HAS(F_FLAGM2)) {
        SET(F_FLAGM);
    }
    if (HAS(F_RCPC2)) {
        SET(F_RCPC);
    }
    if (HAS(F_PMULL)) {
        SET(F_AES);
    }
    /*
     * no-sve (a CPU model with sve=off) takes what needs SVE with it,
     * unless asked for by name (then SVE comes back below).
     */
    if (t->user_del & GEN_FEAT(F_SVE)) {
        *f &= ~((GEN_FEAT(F_SVE2) | GEN_FEAT(F_SVEBITPERM) |
                 GEN_FEAT(F_SVEI8MM) | GEN_FEAT(F_SVEBF16) |
                 GEN_FEAT(F_SVEF32MM) | GEN_FEAT(F_SVEF64MM) |
                 GEN_FEAT(F_SVEAES) | GEN_FEAT(F_SVEPMULL128) |
                 GEN_FEAT(F_SVESHA3) | GEN_FEAT(F_SVESM4) |
                 GEN_FEAT(F_VL256)) & ~t->user_add);
    }
    if (HAS(F_SVEPMULL128)) {
        SET(F_SVEAES);
    }
    if (HAS(F_SVEBITPERM) || HAS(F_SVEAES) || HAS(F_SVESHA3) ||
        HAS(F_SVESM4)) {
        SET(F_SVE2);
    }
    if (HAS(F_SVE2) || HAS(F_SVEI8MM) || HAS(F_SVEBF16) ||
        HAS(F_SVEF32MM) || HAS(F_SVEF64MM) || HAS(F_VL256)) {
        SET(F_SVE);
    }
    if (HAS(F_SVE) || HAS(F_ASIMD) || HAS(F_FP16ARITH)) {
        SET(F_FP);
    }
    if (a64(t) && !HAS(F_V8)) {
        return "AArch64 needs an ARMv8 CPU";
    }
    return NULL;
#undef HAS
#undef SET
#undef IMPLY
}

/* ---- registers ---- */

enum {
    C_GPR, C_GPRZR, C_DREG, C_SREG, C_QREG, C_VREG, C_ZREG, C_PREG, C_PG,
    C_ZOFFW, C_ZOFFD, C_ZADDRS, C_ZADDRD, C_NCLS
};

static const char *const arm_class_names[] = {
    "gpr", "gprzr", "dreg", "sreg", "qreg", "vreg", "zreg", "preg", "pg",
    "zoffw", "zoffd", "zaddrs", "zaddrd", NULL,
};

static int arm_reg_class(const char *name)
{
    for (int i = 0; arm_class_names[i]; i++) {
        if (!strcmp(arm_class_names[i], name)) {
            return i;
        }
    }
    return -1;
}

static GenRegKind arm_reg_kind(int cls)
{
    return cls == C_GPR || cls == C_GPRZR ? GEN_REG_GPR : GEN_REG_OTHER;
}

static bool arm_reg_ok(const GenTarget *t, int cls, int64_t r)
{
    int nd = gen_has(t, F_D32) || a64(t) ? 32 : 16;
    if (r < 0 || r > 31) {
        return false;
    }
    switch (cls) {
    case C_GPR:
        /* A64: 31 is sp (or zr, for which use gprzr); A32: no sp, pc. */
        return a64(t) ? r <= 30 : (r <= 12 || r == 14);
    case C_GPRZR:
        return a64(t) ? true : (r <= 12 || r == 14);
    case C_DREG:
        return r < nd;
    case C_QREG:
        /* Numbered as the D register D:Vd: even, within the bank. */
        return a64(t) ? true : ((r & 1) == 0 && r < nd);
    case C_PREG:
        return r <= 15;
    case C_PG:
        /* Governing predicates of 3-bit fields: P0-P7. */
        return r <= 7;
    default:
        return true;
    }
}

/*
 * Vector offsets of gathers and scatters (zoffw: 32-bit elements or
 * offsets, zoffd: 64-bit ones) are ANDed to 0..511 before the test
 * instruction: scaled by at most 8, base + offset stays in the 4096
 * bytes the patterns' `mem` declares, whatever the register held.
 *
 * Vector bases of the vector-plus-immediate and vector-plus-scalar forms
 * (zaddrs: 32-bit addresses, zaddrd: 64-bit) have no GPR a `mem` could
 * name: a random scratch GPR gets SETMEM block + 2048 and INDEX makes
 * the elements block + 2048 + i * step (step -16..15: at most 64
 * elements, so within +-1008, plus the instruction's imm5 * 8).  After
 * the instruction MEMOFF turns the scratch back into an offset and the
 * vector is ANDed to its low 13 bits, the offsets into the 8 KiB-aligned
 * block, so no absolute address reaches a checkpoint.  The 32-bit forms
 * need the block below 4 GiB (the runner maps it at 0x30000000).
 */
static int zaddr_scratch;

static bool arm_prepare_cls(const GenTarget *t, int cls)
{
    (void)t;
    return cls == C_ZOFFW || cls == C_ZOFFD || cls == C_ZADDRS ||
           cls == C_ZADDRD;
}

static void arm_prepare_reg(GenCtx *g, int cls, int64_t r)
{
    uint32_t zr = (uint32_t)r & 31;

    if (cls == C_ZADDRS || cls == C_ZADDRD) {
        Prng *p = gen_prng(g);
        uint32_t esz = cls == C_ZADDRD ? 3 : 2;
        uint32_t step = (uint32_t)prng_below(p, 32);

        zaddr_scratch = (int)prng_below(p, 31);
        gen_optrap(g, RISU_OP_SETMEM, zaddr_scratch, 2048);
        /* index zR.<T>, xS, #step */
        gen_emit32(g, 0x04204400u | esz << 22 | step << 16 |
                      (uint32_t)zaddr_scratch << 5 | zr);
        return;
    }
    /* and zR.d, zR.d, #imm13: N:immr:imms = 0x1008 (D) or 0x008 (S) */
    uint32_t imm13 = cls == C_ZOFFD ? 0x1008u : 0x008u;

    gen_emit32(g, 0x05800000u | imm13 << 5 | zr);
}

static bool arm_after_cls(const GenTarget *t, int cls)
{
    (void)t;
    return cls == C_ZADDRS || cls == C_ZADDRD;
}

static void arm_after_reg(GenCtx *g, int cls, int64_t r)
{
    /* and zR.<T>, zR.<T>, #0x1fff: N:immr:imms = 0x100c (D), 0x00c (S) */
    uint32_t imm13 = cls == C_ZADDRD ? 0x100cu : 0x00cu;

    gen_optrap(g, RISU_OP_MEMOFF, zaddr_scratch, 0);
    gen_emit32(g, 0x05800000u | imm13 << 5 | ((uint32_t)r & 31));
}

static bool arm_mem_reg_ok(const GenTarget *t, int64_t r)
{
    return a64(t) ? r >= 0 && r <= 30 : (r >= 0 && (r <= 12 || r == 14));
}

/* ---- state classes ---- */

/* Bits of arm_class_names (arch/arm/arch.c). */
enum { SC_GPR = 1, SC_FLAGS = 2, SC_FP = 4, SC_SVE = 8, SC_SME = 16 };

/*
 * System instructions (L op0 op1 CRn CRm op2 Rt in bits 21:0): hints,
 * barriers, SYS, MRS and the PSTATE writes other than SVCR (CFINV,
 * XAFLAG, AXFLAG) change the general registers and flags at most; MSR
 * to FPCR or FPSR the FP class; SMSTART/SMSTOP, MSR SVCR and any other
 * MSR anything.
 */
static uint32_t a64_system_classes(uint32_t w)
{
    uint32_t l = (w >> 21) & 1, op0 = (w >> 19) & 3, op1 = (w >> 16) & 7;
    uint32_t crn = (w >> 12) & 15, crm = (w >> 8) & 15, op2 = (w >> 5) & 7;
    uint32_t sysreg = op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
    const uint32_t any = SC_GPR | SC_FLAGS | SC_FP | SC_SVE | SC_SME;

    if (l || op0 == 1) {
        return SC_GPR | SC_FLAGS;       /* MRS, SYSL; SYS */
    }
    if (op0 == 0) {
        /* MSR (immediate) to SVCR is SMSTART/SMSTOP. */
        return crn == 4 && op1 == 3 && op2 == 3 ? any : SC_GPR | SC_FLAGS;
    }
    switch (sysreg) {
    case 0xda10:                        /* NZCV: 3, 3, 4, 2, 0 */
        return SC_GPR | SC_FLAGS;
    case 0xda20:                        /* FPCR: 3, 3, 4, 4, 0 */
    case 0xda21:                        /* FPSR: 3, 3, 4, 4, 1 */
        return SC_GPR | SC_FLAGS | SC_FP;
    default:
        return any;
    }
}

/*
 * What an A64 word can change, from its top-level encoding group
 * (op0, bits 28:25): data processing (immediate, register), branches
 * and integer loads and stores (bit 26, V, clear) the general registers
 * and flags; SIMD and FP, and SIMD&FP loads and stores, also the V
 * registers and FPSR; SVE also Z, P and FFR.  System instructions (MSR
 * to NZCV, FPCR, FPSR, SVCR; SMSTART), SME and the unallocated groups
 * may change anything.  A V register write zeroes Z above bit 127: on a
 * target with SVE the preamble seeds Z, so such a write changes the sve
 * class too; without SVE those bits stay zero (and a CPU that sets them
 * is found at a full checkpoint).
 */
static uint32_t a64_state_classes(const GenTarget *t, uint64_t word,
                                  int width)
{
    uint32_t w = (uint32_t)word, op0 = (w >> 25) & 15;
    const uint32_t all = SC_GPR | SC_FLAGS | SC_FP | SC_SVE | SC_SME;
    uint32_t vec = SC_GPR | SC_FLAGS | SC_FP |
                   (gen_has(t, F_SVE) ? SC_SVE : 0);

    (void)width;
    if ((op0 & 0xe) == 0x8 || (op0 & 0x7) == 0x5) {
        return SC_GPR | SC_FLAGS;           /* DP immediate, register */
    }
    if ((op0 & 0xe) == 0xa) {
        /* Branches, exceptions; system (bits 31:22 1101010100). */
        return (w >> 22) == 0x354 ? a64_system_classes(w) :
               SC_GPR | SC_FLAGS;
    }
    if ((op0 & 0x5) == 0x4) {               /* loads and stores */
        return w & (1u << 26) ? vec : SC_GPR | SC_FLAGS;
    }
    if ((op0 & 0x7) == 0x7) {
        return vec;                         /* SIMD and FP */
    }
    if (op0 == 0x2) {
        return SC_GPR | SC_FLAGS | SC_FP | SC_SVE;
    }
    return all;     /* SME, reserved, unallocated */
}

/* ---- emission ---- */

static void t32(GenCtx *g, uint32_t w)
{
    gen_emit16(g, (uint16_t)(w >> 16));
    gen_emit16(g, (uint16_t)w);
}

static int arm_llsc(const GenTarget *t, uint64_t w, int width)
{
    switch (t->arch->variant) {
    case V_A64:
        return a64_llsc_kind((uint32_t)w);
    case V_T32:
        return width == 32 ? t32_llsc_kind((uint32_t)w) : 0;
    default:
        return a32_llsc_kind((uint32_t)w);
    }
}

static void arm_emit_insn(GenCtx *g, uint64_t w, int width)
{
    const GenTarget *t = gen_target(g);
    if (t->arch->variant == V_T32) {
        if (width == 16) {
            gen_emit16(g, (uint16_t)w);
        } else {
            t32(g, (uint32_t)w);
        }
    } else {
        gen_emit32(g, (uint32_t)w);
    }
}

/* A 16-bit Thumb insn must not look like the first half of a 32-bit one. */
static bool thumb_word_ok(const GenTarget *t, uint64_t w, int width)
{
    if (width == 16) {
        return (w >> 11) < 0x1d;
    }
    return ((w >> 27) & 0x1f) >= 0x1d;
}

static void arm_set_reg_small(GenCtx *g, int reg, int64_t v)
{
    const GenTarget *t = gen_target(g);
    switch (t->arch->variant) {
    case V_A64:
        gen_emit32(g, 0xd2800000u | ((uint32_t)v & 0xffff) << 5 | (uint32_t)reg);
        break;
    case V_T32:
        t32(g, 0xf04f0000u | (uint32_t)reg << 8 | ((uint32_t)v & 0xff));
        break;
    default:
        gen_emit32(g, 0xe3a00000u | (uint32_t)reg << 12 | ((uint32_t)v & 0xff));
        break;
    }
}

/*
 * SME streaming mode (sme.decode tags its patterns `streaming`).
 * Entering with SMSTART (SM and ZA) zeroes Z, P and FFR, so P0-P7 get
 * PTRUE with a random element size and pattern and Z0-Z31 INDEX with
 * random start and step; leaving is SMSTOP SM (ZA and its contents
 * stay).  The runner captures ZA for images whose features name sme.
 */
#define ARM_TAG_STREAMING 1u
#define A64_SMSTART 0xd503477fu
#define A64_SMSTOP_SM 0xd503427fu

static unsigned arm_tag_flags(const GenTarget *t, const char *const *tags,
                              int ntags)
{
    (void)t;
    for (int i = 0; i < ntags; i++) {
        if (!strcmp(tags[i], "streaming")) {
            return ARM_TAG_STREAMING;
        }
    }
    return 0;
}

static void arm_before_insn(GenCtx *g, unsigned flags)
{
    static const uint8_t pats[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 29, 30, 31 };
    unsigned *mode = gen_arch_mode(g);
    Prng *p = gen_prng(g);

    if (!(flags & ARM_TAG_STREAMING)) {
        if (*mode) {
            gen_emit32(g, A64_SMSTOP_SM);
            *mode = 0;
        }
        return;
    }
    if (*mode) {
        return;
    }
    *mode = 1;
    gen_emit32(g, A64_SMSTART);
    for (uint32_t n = 0; n < 8; n++) {
        uint32_t esz = (uint32_t)prng_below(p, 4);
        uint32_t pat = pats[prng_below(p, sizeof(pats))];
        gen_emit32(g, 0x2518e000u | esz << 22 | pat << 5 | n);
    }
    for (uint32_t n = 0; n < 32; n++) {
        uint32_t esz = (uint32_t)prng_below(p, 4);
        uint32_t start = (uint32_t)prng_below(p, 32);
        uint32_t step = (uint32_t)prng_below(p, 32);
        gen_emit32(g, 0x04204000u | esz << 22 | step << 16 | start << 5 | n);
    }
}

enum { BASE = 0, TMP = 1 };

/* ldr Rt, [Rn, #off] / vldr Dd, [Rn, #off] in A32 or T32. */
static void a32_ldr(GenCtx *g, bool thumb, int rt, int off)
{
    if (thumb) {
        t32(g, 0xf8d00000u | BASE << 16 | (uint32_t)rt << 12 | (uint32_t)off);
    } else {
        gen_emit32(g, 0xe5900000u | BASE << 16 | (uint32_t)rt << 12 |
                      (uint32_t)off);
    }
}

static void a32_vldr(GenCtx *g, bool thumb, int d, int off)
{
    uint32_t w = 0xed900b00u | (uint32_t)(d >> 4) << 22 | BASE << 16 |
                 (uint32_t)(d & 15) << 12 | (uint32_t)(off / 4);
    if (thumb) {
        t32(g, w);
    } else {
        gen_emit32(g, w);
    }
}

static void emit_cond(GenCtx *g, bool thumb, uint32_t a32w)
{
    /* The few A32 words used here are T32 words with cond = 0xe. */
    if (thumb) {
        t32(g, a32w);
    } else {
        gen_emit32(g, a32w);
    }
}

/*
 * AArch32 data: D0-D31 (0), R0-R14 (256, 4 bytes each), FPSCR (320),
 * APSR (324).  Loads: FPSCR, APSR flags, D registers, GPRs, R0 last.
 */
static void a32_preamble(GenCtx *g)
{
    const GenTarget *t = gen_target(g);
    Prng *p = gen_prng(g);
    bool thumb = t->arch->variant == V_T32;
    bool vfp = gen_has(t, F_VFP);
    int nd = gen_has(t, F_D32) ? 32 : 16;
    uint8_t data[328];
    enum { D_OFF = 0, R_OFF = 256, FPSCR_OFF = 320, APSR_OFF = 324 };

    memset(data, 0, sizeof(data));
    for (int i = 0; i < 32; i++) {
        gen_put64(t, data + D_OFF + 8 * i,
                  prng_below(p, 4) ? gen_val_fpr(p, GEN_NAN_IEEE)
                                   : gen_val_int(p, 64));
    }
    for (int r = 0; r < 15; r++) {
        gen_put32(t, data + R_OFF + 4 * r, (uint32_t)gen_val_int(p, 32));
    }
    /* NZCV, Q and GE bits at random. */
    gen_put32(t, data + APSR_OFF,
              (uint32_t)prng_next(p) & 0xf80f0000u);

    gen_optrap(g, 5 /* RISU_OP_SETADDR */, BASE, 16);
    if (thumb) {
        int target = 16 + (int)sizeof(data);
        gen_emit16(g, (uint16_t)(0xe000 | (((target - (10 + 4)) / 2) & 0x7ff)));
    } else {
        int target = 16 + (int)sizeof(data);
        gen_emit32(g, 0xea000000u | (((uint32_t)(target - (12 + 8)) / 4) &
                                     0xffffff));
    }
    gen_align_data(g, 16);
    gen_emit_data(g, data, sizeof(data));

    if (vfp) {
        a32_ldr(g, thumb, TMP, FPSCR_OFF);
        emit_cond(g, thumb, 0xeee10a10u | TMP << 12);   /* vmsr fpscr */
        for (int d = 0; d < nd; d++) {
            a32_vldr(g, thumb, d, D_OFF + 8 * d);
        }
    }
    a32_ldr(g, thumb, TMP, APSR_OFF);
    /* msr APSR_nzcvqg, tmp */
    if (thumb) {
        t32(g, 0xf3808c00u | TMP << 16);
    } else {
        gen_emit32(g, 0xe12cf000u | TMP);
    }
    for (int r = 1; r < 15; r++) {
        if (r != 13) {
            a32_ldr(g, thumb, r, R_OFF + 4 * r);
        }
    }
    a32_ldr(g, thumb, BASE, R_OFF);
}

/*
 * SVE data, after the AArch64 data: Z registers (32 times the largest VL,
 * 256 bytes), then P registers and the FFR value (17 times VL/8, at most
 * 32 bytes).  LDR (vector/predicate) with "#i, MUL VL" reads the first
 * 32 * VL and 17 * VL/8 bytes, whatever VL the runner has.
 */
enum { SVE_Z_BYTES = 32 * 256, SVE_P_BYTES = 17 * 32,
       SVE_BYTES = SVE_Z_BYTES + SVE_P_BYTES };

/*
 * The FFR value: WRFFR of a predicate that is not monotonic (a true
 * after a false) leaves FFR UNKNOWN, and first-fault loads assume a
 * monotonic FFR.  The preamble reads it at 16 * PL (PL = VL / 64 bytes,
 * 2..32 in steps of 2), and those slots [16 PL, 17 PL) are disjoint for
 * the possible PLs: each gets a run of ones of random length, then
 * zeros, so FFR is monotonic at every VL.  The other bytes stay random
 * (they are P registers at other VLs).
 */
static void a64_sve_ffr(Prng *p, uint8_t *pd)
{
    for (int pl = 2; pl <= 32; pl += 2) {
        uint8_t *f = pd + 16 * pl;
        int bits = 8 * pl;
        /* All true half of the time, else a prefix of any length. */
        int ones = prng_below(p, 2) ? bits : (int)prng_below(p, bits + 1);

        for (int i = 0; i < pl; i++) {
            int n = ones - 8 * i;
            f[i] = n >= 8 ? 0xff : n <= 0 ? 0 : (uint8_t)((1u << n) - 1);
        }
    }
}

static void a64_sve_data(GenCtx *g, uint8_t *d)
{
    const GenTarget *t = gen_target(g);
    const Prng *main = gen_prng(g);
    Prng sp, *p = &sp;

    /*
     * A stream of its own, seeded from the main one without drawing from
     * it: the test words of a seed stay those of a CPU without SVE.
     */
    prng_seed(p, main->s[0] ^ main->s[3] ^ 0x53564501u);

    for (int i = 0; i < SVE_Z_BYTES; i += 16) {
        uint64_t v[2];
        gen_val_vec128(p, GEN_NAN_IEEE, v);
        gen_put64(t, d + i, v[0]);
        gen_put64(t, d + i + 8, v[1]);
    }
    for (int i = 0; i < SVE_P_BYTES; i += 8) {
        gen_put64(t, d + SVE_Z_BYTES + i, prng_next(p));
    }
    a64_sve_ffr(p, d + SVE_Z_BYTES);
}

/* Z0-Z31, FFR, P0-P15 from the SVE data at BASE + off (TMP is free). */
static void a64_sve_load(GenCtx *g, int off)
{
    /* add tmp, base, #off */
    gen_emit32(g, 0x91000000u | (uint32_t)off << 10 | BASE << 5 | TMP);
    for (uint32_t i = 0; i < 32; i++) {
        /* ldr zI, [tmp, #I, mul vl] */
        gen_emit32(g, 0x85804000u | (i >> 3) << 16 | (i & 7) << 10 |
                      TMP << 5 | i);
    }
    /* add tmp, tmp, #SVE_Z_BYTES (a multiple of 4096: lsl #12) */
    gen_emit32(g, 0x91400000u | (SVE_Z_BYTES >> 12) << 10 | TMP << 5 | TMP);
    /* ldr p0, [tmp, #16, mul vl]; wrffr p0.b */
    gen_emit32(g, 0x85800000u | (16 >> 3) << 16 | TMP << 5);
    gen_emit32(g, 0x25289000u);
    for (uint32_t i = 0; i < 16; i++) {
        /* ldr pI, [tmp, #I, mul vl] */
        gen_emit32(g, 0x85800000u | (i >> 3) << 16 | (i & 7) << 10 |
                      TMP << 5 | i);
    }
}

/*
 * AArch64 data: V0-V31 (0, 16 each), X0-X30 (512), FPCR (760),
 * FPSR (768), NZCV (776); with SVE, the SVE data (784).
 */
static void a64_preamble(GenCtx *g)
{
    const GenTarget *t = gen_target(g);
    Prng *p = gen_prng(g);
    bool fp = gen_has(t, F_FP);
    bool sve = gen_has(t, F_SVE);
    uint8_t data[784 + SVE_BYTES];
    enum { V_OFF = 0, X_OFF = 512, FPCR_OFF = 760, FPSR_OFF = 768,
           NZCV_OFF = 776, SVE_OFF = 784 };
    int size = sve ? SVE_OFF + SVE_BYTES : SVE_OFF;

    memset(data, 0, sizeof(data));
    for (int i = 0; i < 32; i++) {
        uint64_t v[2];
        gen_val_vec128(p, GEN_NAN_IEEE, v);
        if (prng_below(p, 2)) {
            v[0] = gen_val_fpr(p, GEN_NAN_IEEE);    /* scalar FP view */
        }
        gen_put64(t, data + V_OFF + 16 * i, v[0]);
        gen_put64(t, data + V_OFF + 16 * i + 8, v[1]);
    }
    for (int r = 0; r < 31; r++) {
        gen_put64(t, data + X_OFF + 8 * r, gen_val_gpr64(p));
    }
    gen_put64(t, data + NZCV_OFF, prng_next(p) & 0xf0000000u);
    if (sve) {
        a64_sve_data(g, data + SVE_OFF);
    }

    gen_optrap(g, 5 /* RISU_OP_SETADDR */, BASE, 16);
    int target = 16 + size;
    gen_emit32(g, 0x14000000u | (((uint32_t)(target - 12) / 4) & 0x3ffffff));
    gen_align_data(g, 16);
    gen_emit_data(g, data, (size_t)size);

#define LDRX(rt, off) \
    gen_emit32(g, 0xf9400000u | (uint32_t)((off) / 8) << 10 | BASE << 5 | \
                  (uint32_t)(rt))
    if (fp) {
        LDRX(TMP, FPCR_OFF);
        gen_emit32(g, 0xd51b4400u | TMP);           /* msr fpcr */
        LDRX(TMP, FPSR_OFF);
        gen_emit32(g, 0xd51b4420u | TMP);           /* msr fpsr */
        for (int i = 0; i < 32; i++) {
            gen_emit32(g, 0x3dc00000u | (uint32_t)((V_OFF + 16 * i) / 16) << 10 |
                          BASE << 5 | (uint32_t)i); /* ldr qI */
        }
    }
    if (sve) {
        a64_sve_load(g, SVE_OFF);
    }
    LDRX(TMP, NZCV_OFF);
    gen_emit32(g, 0xd51b4200u | TMP);               /* msr nzcv */
    for (int r = 1; r < 31; r++) {
        LDRX(r, X_OFF + 8 * r);
    }
    LDRX(BASE, X_OFF);
#undef LDRX
}

static void arm_preamble(GenCtx *g)
{
    if (a64(gen_target(g))) {
        a64_preamble(g);
    } else {
        a32_preamble(g);
    }
}

/* ---- ELF and disassembly ---- */

static uint32_t arm_elf_flags(const GenTarget *t)
{
    return a64(t) ? 0 : EF_ARM_EABI_VER5_;
}

/* The host face's mode; AArch32 without ARMv8 drops the V8 additions. */
static int arm_cs_mode(const GenTarget *t)
{
    unsigned m = arch_find(t->arch->name)->host->cs_mode;

    if (t->arch->variant != V_A64 && !gen_has(t, F_V8)) {
        m &= ~(unsigned)CS_MODE_V8_;
    }
    return (int)m;
}

static const char *arm_objdump_opts(const GenTarget *t)
{
    switch (t->arch->variant) {
    case V_T32:
        return "-m arm -M force-thumb";
    case V_A32:
        return "-m arm";
    default:
        return "-m aarch64";
    }
}

/*
 * QEMU names such as ADD_rrri or VADD_fp_3s: the part before the first
 * '_' must begin the mnemonic (conditions, S and size suffixes follow).
 */
static bool arm_mnemonic_match(const char *pat, const char *mn)
{
    for (;; pat++, mn++) {
        char a = ascii_tolower(*pat);
        if (a == 0 || a == '_') {
            return true;
        }
        if (a != *mn) {
            return false;
        }
    }
}

/*
 * --edge absent: features whose absence makes their encodings UNDEFINED.
 * Not bti (BTI is a hint: a NOP without the feature), v7/v8 (ARMv8's
 * A32 additions such as LDA were UNPREDICTABLE "should be one" forms on
 * ARMv7), d32 (a register range, not an encoding).
 */
static GenFeatures arm_undef_when_absent(const GenTarget *t)
{
    static const int undef[] = {
        F_VFP, F_NEON, F_FP16, F_IDIV, F_VFPV4, F_FP, F_ASIMD, F_CRC, F_AES,
        F_PMULL, F_SHA1, F_SHA2, F_SHA3, F_SHA512, F_SM3, F_SM4,
        F_FP16ARITH, F_FHM, F_DOTPROD, F_LSE, F_RDM, F_RCPC, F_RCPC2,
        F_JSCVT, F_FCMA, F_FRINT, F_BF16, F_I8MM, F_FLAGM, F_FLAGM2, F_SB,
        F_LOR, F_SVE, F_SVE2, F_SVEBITPERM, F_SVEI8MM, F_SVEBF16,
        F_SVEF32MM, F_SVEF64MM, F_SVEAES, F_SVEPMULL128, F_SVESHA3,
        F_SVESM4,
    };
    GenFeatures m = 0;

    (void)t;
    for (size_t i = 0; i < sizeof(undef) / sizeof(undef[0]); i++) {
        m |= GEN_FEAT(undef[i]);
    }
    return m;
}

#define ARM_ARCH(NAME, VAR, IS64, WIDTH, CK, OP, TB, MAP, EM, CSA, OBJDUMP,  \
                 DFLT, DESCR)                                               \
    const GenArch gen_arch_##NAME = {                                       \
        .name = #NAME, .family = "arm", .descr = DESCR,                     \
        .big_endian = false, .is64 = IS64, .insnwidth = WIDTH,              \
        .variant = VAR, .features = arm_features, .nfeatures = F_NFEAT,     \
        .cpus = arm_cpus,                                                   \
        .ncpus = (int)(sizeof(arm_cpus) / sizeof(arm_cpus[0])),             \
        .default_features = DFLT,                                           \
        .finish_features = arm_finish_features,                             \
        .undef_when_absent = arm_undef_when_absent,                         \
        .reg_class = arm_reg_class, .reg_class_names = arm_class_names,     \
        .reg_kind = arm_reg_kind, .reg_ok = arm_reg_ok,                     \
        .mem_reg_ok = arm_mem_reg_ok,                                       \
        .trap_checkpoint = CK, .trap_op = OP, .trap_bytes = TB,             \
        .word_ok = (VAR) == V_T32 ? thumb_word_ok : NULL,                   \
        .emit_insn = arm_emit_insn, .preamble = arm_preamble,               \
        .llsc_kind = arm_llsc,                                              \
        .set_reg_small = arm_set_reg_small,                                 \
        .prepare_reg = arm_prepare_reg, .prepare_cls = arm_prepare_cls,     \
        .after_reg = arm_after_reg, .after_cls = arm_after_cls,             \
        .elf_machine = EM, .elf_flags = arm_elf_flags,                      \
        .code_mapping = MAP, .cs_arch = CSA, .cs_mode = arm_cs_mode,        \
        .objdump = OBJDUMP, .objdump_opts = arm_objdump_opts,               \
        .mnemonic_match = arm_mnemonic_match,                               \
        .tag_flags = (VAR) == V_A64 ? arm_tag_flags : NULL,                 \
        .state_classes = (VAR) == V_A64 ? a64_state_classes : NULL,         \
        .before_insn = (VAR) == V_A64 ? arm_before_insn : NULL,             \
    };

/* Without --cpu: what every ARMv8.0 CPU in cpus.def has (cortex-a53). */
#define A32_DEFAULT "v8 vfp d32 neon fp16 crc aes pmull sha1 sha2"
#define A64_DEFAULT "v8 fp asimd fp16 crc aes pmull sha1 sha2"

ARM_ARCH(arm, V_A32, false, 32, ARM_TRAP_CHECKPOINT, ARM_TRAP_OP, 4, 'a',
         EM_ARM_, CS_ARCH_ARM_, "arm-linux-gnueabihf-objdump", A32_DEFAULT,
         "AArch32 A32, little-endian")
ARM_ARCH(thumb, V_T32, false, 32, THUMB_TRAP_CHECKPOINT, THUMB_TRAP_OP, 2,
         't', EM_ARM_, CS_ARCH_ARM_, "arm-linux-gnueabihf-objdump",
         A32_DEFAULT, "AArch32 T32 (Thumb-2), little-endian")
ARM_ARCH(aarch64, V_A64, true, 32, A64_TRAP_CHECKPOINT, A64_TRAP_OP, 4, 'x',
         EM_AARCH64_, CS_ARCH_ARM64_, "aarch64-linux-gnu-objdump",
         A64_DEFAULT, "AArch64, little-endian")
