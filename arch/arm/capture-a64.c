/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AArch64 capture.
 *
 * Sources (docs/arm-capture.md): x0-x30, sp, pc and PSTATE from the
 * signal frame's sigcontext; FPSR, FPCR and v0-v31 from its
 * fpsimd_context record; with SVE, the vector length, Z (bits above
 * 127), P and FFR from its sve_context record, which QEMU and Linux move
 * into an extra_context area when it does not fit the 4 KiB reserved
 * space (QEMU 7.2: vector lengths above 512 bits).  Write-back goes to
 * the same records: both QEMU and Linux reload them at sigreturn.
 */
#include <asm/hwcap.h>
#include <asm/unistd.h>
#include <linux/prctl.h>
#include "arch/arm/arch.h"
#include "arch/arm/capture.h"
#include "arch/arm/llsc.h"
#include "arch/arm/trap.h"
#include "format/classes.h"
#include "format/image.h"
#include "runner/load.h"
#include "runner/rt/rt.h"

/* Linux 6.3 asm/sigcontext.h; the cross headers here are older. */
#define A64_TPIDR2_MAGIC 0x54504902u

typedef struct A64Records {
    struct fpsimd_context *fp;
    struct sve_context *sve;
    struct za_context *za;
    uint64_t *tpidr2;           /* the tpidr2 record's value, if any */
    int sve_regs;               /* the record holds register data */
    int za_regs;                /* PSTATE.ZA: the record holds ZA */
    unsigned vq;                /* vector length in quadwords */
} A64Records;

/*
 * Where the SVE (and SME) registers go: regs-a64.def's layout up to
 * 1024-bit vectors, without SME state, or regs-a64l.def's ("arm64l").
 */
typedef struct A64Layout {
    const RisuArchDesc *desc;
    unsigned vl_max;            /* bytes */
    unsigned zhi, zhi_slots, p, p_slots, ffr;
    int sme;                    /* SVCR, SVL and ZA captured */
} A64Layout;

static const A64Layout layout_std = {
    &risu_arch_arm64, A64_SVE_VL_MAX, A64_SLOT_ZHI(0), A64_ZHI_SLOTS,
    A64_SLOT_P(0), A64_P_SLOTS, A64_SLOT_FFR, 0,
};
static const A64Layout layout_long = {
    &risu_arch_arm64l, A64L_SVE_VL_MAX, A64L_SLOT_ZHI(0), A64L_ZHI_SLOTS,
    A64L_SLOT_P(0), A64L_P_SLOTS, A64L_SLOT_FFR, 1,
};
static const A64Layout *lay = &layout_std;

static RisuState cur;
static unsigned sve_vl;         /* SVE vector length in bytes, 0 if none */
static unsigned sme_vl;         /* SME streaming length in bytes, 0 if none */
static unsigned sme_vl_orig;    /* SVL before lowering, 0 if unchanged */

/*
 * Walk the record list in __reserved, continuing into the extra_context
 * area after the terminator when there is one.  Anything malformed is
 * fatal: a frame we misread would make every comparison meaningless.
 */
static void find_records(ArmUcontext *uc, A64Records *r)
{
    uint8_t *p = uc->uc_mcontext.__reserved;
    uint8_t *end = p + sizeof(uc->uc_mcontext.__reserved);
    uint8_t *extra = 0;
    uint32_t extra_size = 0;

    memset(r, 0, sizeof(*r));
    for (int n = 0; n < 64; n++) {
        struct _aarch64_ctx *h = (struct _aarch64_ctx *)p;

        if (p + sizeof(*h) > end) {
            risu_fatal("signal frame: record list runs off its area");
        }
        if (!h->magic) {
            if (!extra) {
                break;
            }
            p = extra;
            end = extra + extra_size;
            extra = 0;
            continue;
        }
        if (h->size < sizeof(*h) || (h->size & 15) || h->size > end - p) {
            risu_fatal("signal frame: bad record magic 0x%08x size %u",
                       h->magic, h->size);
        }
        switch (h->magic) {
        case FPSIMD_MAGIC:
            r->fp = (struct fpsimd_context *)p;
            break;
        case SVE_MAGIC:
            r->sve = (struct sve_context *)p;
            break;
        case ZA_MAGIC:
            r->za = (struct za_context *)p;
            break;
        case A64_TPIDR2_MAGIC:
            r->tpidr2 = (uint64_t *)(p + 8);
            break;
        case EXTRA_MAGIC: {
            struct extra_context *e = (struct extra_context *)p;
            extra = (uint8_t *)(uintptr_t)e->datap;
            extra_size = e->size;
            break;
        }
        default:
            break;      /* esr ...: not compared */
        }
        p += h->size;
    }
    if (!r->fp) {
        risu_fatal("signal frame has no fpsimd_context record");
    }
    if (r->sve) {
        r->vq = sve_vq_from_vl(r->sve->vl);
        r->sve_regs = r->sve->head.size >= SVE_SIG_CONTEXT_SIZE(r->vq);
        if (r->sve->vl > lay->vl_max || r->sve->vl % 16 || !r->vq) {
            risu_fatal("signal frame: SVE vector length %u bytes; the "
                       "register layout holds at most %u", r->sve->vl,
                       lay->vl_max);
        }
    }
    if (r->za) {
        unsigned zq = sve_vq_from_vl(r->za->vl);

        r->za_regs = r->za->head.size >= ZA_SIG_CONTEXT_SIZE(zq);
        if (r->za->vl > A64L_SME_VL_MAX || r->za->vl % 16 || !zq) {
            risu_fatal("signal frame: SME vector length %u bytes; the "
                       "register layout holds at most %u", r->za->vl,
                       A64L_SME_VL_MAX);
        }
    }
}

static uint64_t ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);       /* little-endian, like the frame */
    return v;
}

/*
 * TPIDR2_EL0 from the frame's tpidr2 record (Linux 6.3, QEMU 7.2.20 and
 * later write it and reload it at sigreturn).  Without one the handler
 * still runs with the interrupted value (those kernels and QEMUs leave
 * TPIDR2 alone on signal delivery), so MRS reads it; only reached with
 * SME, where the register exists.
 */
static uint64_t read_tpidr2(const A64Records *r)
{
    uint64_t v;

    if (r->tpidr2) {
        return *r->tpidr2;
    }
    __asm__ volatile("mrs %0, S3_3_C13_C0_5" : "=r"(v));
    return v;
}

/* SVCR, SVL, ZA and TPIDR2 (arm64l layout, with SME). */
static void capture_sme(RisuState *st, const A64Records *r)
{
    const uint8_t *base = (const uint8_t *)r->za;
    unsigned zq, svl;

    if (!(risu_run.caps & ARM_F_SME)) {
        return;
    }
    if (!r->za) {
        risu_fatal("signal frame has no za_context although the CPU has "
                   "SME (AT_HWCAP2)");
    }
    st->slot[A64L_SLOT_SVCR] =
        (r->sve && (r->sve->flags & SVE_SIG_FLAG_SM) ? 1 : 0) |
        (r->za_regs ? 2 : 0);
    svl = r->za->vl;
    st->slot[A64L_SLOT_SVL] = svl;
    st->slot[A64L_SLOT_TPIDR2] = read_tpidr2(r);
    if (!r->za_regs) {
        return;     /* PSTATE.ZA is 0: ZA reads as zero */
    }
    zq = sve_vq_from_vl(svl);
    for (unsigned row = 0; row < svl; row++) {
        memcpy(&st->slot[A64L_SLOT_ZA(row)],
               base + ZA_SIG_ZAV_OFFSET(zq, row), svl);
    }
}

/*
 * The state classes the checkpoint holds (sp, NULL: all; format/state.h):
 * an image without SVE instructions skips the Z, P and FFR copies, one
 * without FP/SIMD ones the record walk too.
 */
static void capture(RisuState *st, ArmUcontext *uc, const RisuSpans *sp)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    A64Records r;
    int fp = risu_spans_hold(sp, A64_SLOT_V(0));
    int sve = risu_spans_hold(sp, A64_SLOT_VL);
    int sme = lay->sme && risu_spans_hold(sp, A64L_SLOT_SVCR);

    for (int i = 0; i < 31; i++) {
        st->slot[A64_SLOT_X(i)] = sc->regs[i];
    }
    st->slot[A64_SLOT_SP] = sc->sp - run->stack_top;
    st->slot[A64_SLOT_NZCV] = sc->pstate;
    st->slot[A64_SLOT_MEMHASH] = run->memhash;
    if (!fp && !sve && !sme) {
        return;
    }
    find_records(uc, &r);
    if (fp) {
        st->slot[A64_SLOT_FPSR] = r.fp->fpsr;
        st->slot[A64_SLOT_FPCR] = r.fp->fpcr;
        for (int i = 0; i < 32; i++) {
            memcpy(&st->slot[A64_SLOT_V(i)], &r.fp->vregs[i], 16);
        }
    }
    if (sme) {
        capture_sme(st, &r);
    }
    if (!sve || !(run->caps & ARM_F_SVE)) {
        return;
    }
    if (!r.sve) {
        risu_fatal("signal frame has no sve_context although the CPU has "
                   "SVE (AT_HWCAP)");
    }
    st->slot[A64_SLOT_VL] = r.sve->vl;
    /* Linux without live SVE state: Z.hi, P, FFR are 0. */
    if (r.sve_regs) {
        const uint8_t *base = (const uint8_t *)r.sve;
        unsigned vl = r.sve->vl;
        for (int z = 0; z < 32; z++) {
            /* Bits VL-1:128 are the register's slots, in order. */
            memcpy(&st->slot[lay->zhi + lay->zhi_slots * z],
                   base + SVE_SIG_ZREG_OFFSET(r.vq, z) + 16, vl - 16);
        }
        for (int n = 0; n <= 16; n++) {
            const uint8_t *pp = base + (n < 16 ? SVE_SIG_PREG_OFFSET(r.vq, n)
                                        : SVE_SIG_FFR_OFFSET(r.vq));
            int slot = n < 16 ? lay->p + lay->p_slots * n : lay->ffr;
            uint8_t buf[32] = { 0 };
            memcpy(buf, pp, vl / 8);
            for (unsigned k = 0; k < lay->p_slots; k++) {
                st->slot[slot + k] = ld64(buf + 8 * k);
            }
        }
    }
}

/* Adopted (or initial) state into the frame; pc is the caller's job. */
static void write_back(const RisuState *st, ArmUcontext *uc)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    A64Records r;

    for (int i = 0; i < 31; i++) {
        sc->regs[i] = st->slot[A64_SLOT_X(i)];
    }
    sc->sp = st->slot[A64_SLOT_SP] + run->stack_top;
    sc->pstate = (sc->pstate & ~A64_PSTATE_MASK) |
                 (st->slot[A64_SLOT_NZCV] & A64_PSTATE_MASK);
    find_records(uc, &r);
    r.fp->fpsr = st->slot[A64_SLOT_FPSR];
    r.fp->fpcr = st->slot[A64_SLOT_FPCR];
    for (int i = 0; i < 32; i++) {
        memcpy(&r.fp->vregs[i], &st->slot[A64_SLOT_V(i)], 16);
    }
    run->memhash = st->slot[A64_SLOT_MEMHASH];
    /*
     * With SVE register data in the frame, sigreturn takes Z (all of it,
     * V included) from there, so both records must agree.  Without it
     * (Linux, SVE state not live) Z.hi, P and FFR come back as zero and
     * cannot be set from here.
     */
    if (r.sve && r.sve_regs) {
        uint8_t *base = (uint8_t *)r.sve;
        unsigned vl = r.sve->vl;
        for (int z = 0; z < 32; z++) {
            uint8_t *zp = base + SVE_SIG_ZREG_OFFSET(r.vq, z);
            memcpy(zp, &st->slot[A64_SLOT_V(z)], 16);
            memcpy(zp + 16, &st->slot[lay->zhi + lay->zhi_slots * z], vl - 16);
        }
        for (int n = 0; n <= 16; n++) {
            uint8_t *pp = base + (n < 16 ? SVE_SIG_PREG_OFFSET(r.vq, n)
                                  : SVE_SIG_FFR_OFFSET(r.vq));
            int slot = n < 16 ? lay->p + lay->p_slots * n : lay->ffr;
            memcpy(pp, &st->slot[slot], vl / 8);
        }
    }
    /*
     * ZA goes back when the frame holds it (PSTATE.ZA on); SVCR cannot be
     * changed from here (the records' shapes follow it), so an adopted
     * state keeps the run's own SM and ZA modes.
     */
    if (lay->sme && r.tpidr2) {
        *r.tpidr2 = st->slot[A64L_SLOT_TPIDR2];
    }
    if (lay->sme && r.za && r.za_regs) {
        unsigned zq = sve_vq_from_vl(r.za->vl);
        for (unsigned row = 0; row < r.za->vl; row++) {
            memcpy((uint8_t *)r.za + ZA_SIG_ZAV_OFFSET(zq, row),
                   &st->slot[A64L_SLOT_ZA(row)], r.za->vl);
        }
    }
}

int risu_arch_store_cond(uint32_t insn)
{
    return a64_llsc_kind(insn) == 2;
}

static int trap_at(uint32_t o)
{
    uint32_t w = arm_rd32(risu_run.image + o);

    return w == A64_TRAP_CHECKPOINT ? 1 : w == A64_TRAP_OP ? 2 : 0;
}

/*
 * Offset of the tested instruction for the trap at `off`: from the
 * metadata (literal pools may lie between them), else the word before
 * it, stepping back over OPTRAP clean-up (e.g. MEMOFF).
 */
uint32_t risu_arch_insn_off(const RisuRun *run, uint32_t off)
{
    uint32_t meta;

    if (risu_meta_insn_off(run, off, 4, trap_at, 12, &meta)) {
        return meta;
    }
    for (int h = 0; h < 4 && off >= 16 && off <= run->code_len; h++) {
        if (arm_rd32(run->image + off - 12) != A64_TRAP_OP) {
            break;
        }
        off -= 12;
    }
    return off >= 4 ? off - 4 : 0;
}

static uint32_t trap_len(uint32_t off)
{
    return arm_rd32(risu_run.image + off) == A64_TRAP_OP ? 12 : 4;
}

static void start_image(ArmUcontext *uc)
{
    memset(&cur, 0, sizeof(cur));
    write_back(&cur, uc);
    uc->uc_mcontext.pc = (uintptr_t)risu_run.image;
}

static void checkpoint(ArmUcontext *uc, uint32_t op, uint32_t off,
                       uint32_t len)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    uint32_t insn = 0;
    const RisuSpans *sp;

    if (off >= 4) {
        insn = arm_rd32(run->image + risu_arch_insn_off(run, off));
    }
    sp = risu_cp_spans(op);
    arm_cp_begin(&cur, op, off, insn, sp);
    capture(&cur, uc, sp);
    if (risu_checkpoint(&cur) == RISU_CP_ADOPT) {
        write_back(&cur, uc);
        if (cur.pc_off + 4 <= run->code_len) {
            off = cur.pc_off;
            len = trap_len(off);
        }
    }
    if (op == RISU_OP_TESTEND) {
        sc->pc = (uintptr_t)arm_image_done;
    } else {
        sc->pc = (uintptr_t)run->image + off + len;
    }
}

static void set_reg(struct sigcontext *sc, uint32_t r, uintptr_t v)
{
    if (r < 31) {
        sc->regs[r] = v;
    }
}

static void optrap(ArmUcontext *uc, uint32_t off)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    const uint8_t *d = run->image + off + 4;
    uint32_t d0, op, reg;
    int32_t imm;

    if (off + 12 > run->code_len) {
        risu_fatal("OPTRAP at image offset 0x%x runs past the code", off);
    }
    d0 = arm_rd32(d);
    imm = (int32_t)arm_rd32(d + 4);
    op = d0 & 0xff;
    reg = (d0 >> 8) & 0xff;
    switch (op) {
    case RISU_OP_TESTEND:
        checkpoint(uc, op, off, 12);
        return;
    case RISU_OP_COMPAREMEM:
        run->memhash = risu_memhash();
        checkpoint(uc, op, off, 12);
        return;
    case RISU_OP_SETMEM:
        set_reg(sc, reg, (uintptr_t)run->mem + imm);
        break;
    case RISU_OP_MEMOFF:
        set_reg(sc, reg, (uintptr_t)sc->regs[reg % 31] -
                (uintptr_t)run->mem);
        break;
    case RISU_OP_SETADDR:
        set_reg(sc, reg, (uintptr_t)run->image + imm);
        break;
    case RISU_OP_MEMINIT:
        risu_meminit((uint32_t)imm);
        break;
    case RISU_OP_CODEOFF:
        set_reg(sc, reg, (uintptr_t)sc->regs[reg % 31] -
                (uintptr_t)run->image);
        break;
    case RISU_OP_SKIP:
        sc->pc += risu_skip_len(off, 12, imm, 4);
        return;
    default:
        risu_fatal("unknown OPTRAP op %u at image offset 0x%x", op, off);
    }
    sc->pc += 12;
}

uint32_t risu_arch_insn_word(const RisuRun *run, uint32_t off)
{
    return arm_rd32(run->image + off);
}

void arm_handle_signal(int sig, siginfo_t *si, void *ucv)
{
    RisuRun *run = &risu_run;
    ArmUcontext *uc = ucv;
    struct sigcontext *sc = &uc->uc_mcontext;
    uintptr_t pc = sc->pc;
    uint32_t off;

    /* Once only: test code that jumps there later has escaped. */
    if (pc == (uintptr_t)arm_enter_trap && sig == SIGILL && !run->started) {
        run->started = 1;
        start_image(uc);
        return;
    }
    off = risu_guard(sig, si->si_code, (uintptr_t)si->si_addr, pc,
                     (pc & 3) != 0);
    if (sig == SIGALRM) {
        risu_watchdog(off);
        return;
    }
    if (sig == SIGILL) {
        uint32_t w = arm_rd32(run->image + off);
        if (w == A64_TRAP_CHECKPOINT) {
            checkpoint(uc, RISU_OP_COMPARE, off, 4);
            return;
        }
        if (w == A64_TRAP_OP) {
            optrap(uc, off);
            return;
        }
    }
    /* A test instruction faulted: note it, skip it. */
    risu_note_signal(sig, si->si_code, (uintptr_t)si->si_addr);
    sc->pc += 4;
}

const char *const risu_arch_image_names[] = { "aarch64", 0 };

/*
 * The core has checked arch= against risu_arch_image_names.  The layout
 * is chosen here, once the image is known: "arm64l" for SVE vectors
 * longer than 1024 bits, or for an image that declares "sme" on a CPU
 * with SME; "arm64" (the layout of every earlier trace) otherwise.
 */
int risu_arch_check_image(RisuRun *run, char *why, size_t whylen)
{
    if (run->code_len & 3) {
        rt_snprintf(why, whylen, "code length %u is not a multiple of 4",
                    run->code_len);
        return -1;
    }
    if (sve_vl > A64_SVE_VL_MAX ||
        (sme_vl && risu_image_has_feature(run->img, "sme"))) {
        lay = &layout_long;
        run->arch = lay->desc;
        if (sme_vl) {
            run->caps |= ARM_F_SME;
        }
    }
    return 0;
}

/*
 * SME: ZA is SVL/8 x SVL/8 bytes; the arm64l layout holds it up to a
 * 512-bit streaming length.  A longer default is lowered with
 * PR_SME_SET_VL, which Linux and QEMU both offer, and said so in the
 * capabilities (and so in the trace header), rather than silently
 * dropping state.
 */
static int probe_sme(char *why, size_t whylen)
{
    long vl;

    sme_vl = 0;
    if (!(rt_hwcap2 & HWCAP2_SME)) {
        return 0;
    }
    vl = RT_SYS2(__NR_prctl, PR_SME_GET_VL, 0);
    if (vl < 0) {
        rt_snprintf(why, whylen, "AT_HWCAP2 has SME but PR_SME_GET_VL "
                    "fails (%ld)", vl);
        return -1;
    }
    vl &= PR_SME_VL_LEN_MASK;
    if (vl > A64L_SME_VL_MAX) {
        long r = RT_SYS2(__NR_prctl, PR_SME_SET_VL, A64L_SME_VL_MAX);
        if (r < 0 || (r & PR_SME_VL_LEN_MASK) > A64L_SME_VL_MAX) {
            rt_snprintf(why, whylen, "SME vector length %ld bits is more "
                        "than the %u this runner captures, and "
                        "PR_SME_SET_VL failed", vl * 8, A64L_SME_VL_MAX * 8);
            return -1;
        }
        sme_vl_orig = vl;
        vl = r & PR_SME_VL_LEN_MASK;
    }
    sme_vl = vl;
    return 0;
}

/*
 * SVE: the arm64l layout holds every architectural vector length (2048
 * bits at most); arm64 holds up to 1024.
 */
int arm_probe(RisuRun *run, char *why, size_t whylen)
{
    run->arch = &risu_arch_arm64;
    run->caps = ARM_F_FPU;
    if (rt_hwcap & HWCAP_ASIMD) {
        run->caps |= ARM_F_NEON;
    }
    sve_vl = 0;
    if (rt_hwcap & HWCAP_SVE) {
        long vl = RT_SYS2(__NR_prctl, PR_SVE_GET_VL, 0);
        if (vl < 0) {
            rt_snprintf(why, whylen, "AT_HWCAP has SVE but PR_SVE_GET_VL "
                        "fails (%ld)", vl);
            return -1;
        }
        vl &= PR_SVE_VL_LEN_MASK;
        if (vl > A64L_SVE_VL_MAX) {
            rt_snprintf(why, whylen, "SVE vector length %ld bits is more "
                        "than the architecture's 2048", vl * 8);
            return -1;
        }
        sve_vl = vl;
        run->caps |= ARM_F_SVE;
    }
    return probe_sme(why, whylen);
}

int arm_feature(const RisuRun *run, const char *name)
{
    static const struct {
        const char *name;
        unsigned long hwcap, hwcap2;
    } tab[] = {
        { "fp", HWCAP_FP, 0 },
        { "fp16", HWCAP_FP, 0 },
        { "asimd", HWCAP_ASIMD, 0 },
        { "aes", HWCAP_AES, 0 },
        { "pmull", HWCAP_PMULL, 0 },
        { "sha1", HWCAP_SHA1, 0 },
        { "sha2", HWCAP_SHA2, 0 },
        { "crc", HWCAP_CRC32, 0 },
        { "lse", HWCAP_ATOMICS, 0 },
        { "fp16arith", HWCAP_FPHP | HWCAP_ASIMDHP, 0 },
        { "rdm", HWCAP_ASIMDRDM, 0 },
        { "jscvt", HWCAP_JSCVT, 0 },
        { "fcma", HWCAP_FCMA, 0 },
        { "rcpc", HWCAP_LRCPC, 0 },
        { "sha3", HWCAP_SHA3, 0 },
        { "sm3", HWCAP_SM3, 0 },
        { "sm4", HWCAP_SM4, 0 },
        { "dotprod", HWCAP_ASIMDDP, 0 },
        { "sha512", HWCAP_SHA512, 0 },
        { "sve", HWCAP_SVE, 0 },
        { "fhm", HWCAP_ASIMDFHM, 0 },
        { "flagm", HWCAP_FLAGM, 0 },
        { "flagm2", 0, HWCAP2_FLAGM2 },
        { "sb", HWCAP_SB, 0 },
        { "bti", 0, HWCAP2_BTI },
        { "rcpc2", HWCAP_ILRCPC, 0 },
        { "sve2", HWCAP_SVE, HWCAP2_SVE2 },
        { "frint", 0, HWCAP2_FRINT },
        { "i8mm", 0, HWCAP2_I8MM },
        { "bf16", 0, HWCAP2_BF16 },
        { "svebitperm", HWCAP_SVE, HWCAP2_SVEBITPERM },
        { "svei8mm", HWCAP_SVE, HWCAP2_SVEI8MM },
        { "svebf16", HWCAP_SVE, HWCAP2_SVEBF16 },
        { "svef32mm", HWCAP_SVE, HWCAP2_SVEF32MM },
        { "svef64mm", HWCAP_SVE, HWCAP2_SVEF64MM },
        { "sme", 0, HWCAP2_SME },
        { "sveaes", HWCAP_SVE, HWCAP2_SVEAES },
        { "svepmull128", HWCAP_SVE, HWCAP2_SVEPMULL },
        { "svesha3", HWCAP_SVE, HWCAP2_SVESHA3 },
        { "svesm4", HWCAP_SVE, HWCAP2_SVESM4 },
    };

    for (unsigned i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
        if (!strcmp(name, tab[i].name)) {
            return (rt_hwcap & tab[i].hwcap) == tab[i].hwcap &&
                   (rt_hwcap2 & tab[i].hwcap2) == tab[i].hwcap2;
        }
    }
    if (!strcmp(name, "v8")) {
        return 1;
    }
    /* The image's patterns are UNDEFINED under VL 256 (gen.c). */
    if (!strcmp(name, "vl256")) {
        return (run->caps & ARM_F_SVE) && sve_vl >= 32;
    }
    /*
     * AArch32 names in a shared CPU feature list mean nothing here; FEAT_LOR
     * has no hwcap (Linux does not advertise it to EL0).
     */
    if (!strcmp(name, "v7") || !strcmp(name, "vfp") ||
        !strcmp(name, "d32") || !strcmp(name, "neon") ||
        !strcmp(name, "idiv") || !strcmp(name, "vfpv4") ||
        !strcmp(name, "lor")) {
        return 2;
    }
    return -1;
}

const char *risu_arch_caps_text(const RisuRun *run, char *buf, size_t len)
{
    char sve[48] = "", sme[48] = "";

    if (run->caps & ARM_F_SVE) {
        rt_snprintf(sve, sizeof(sve), "sve vl=%u ", sve_vl * 8);
    }
    /* The arm64 layout's words are those of its earlier traces. */
    if (run->caps & ARM_F_SME) {
        rt_snprintf(sme, sizeof(sme), "sme svl=%u%s ", sme_vl * 8,
                    sme_vl_orig ? " (lowered)" : "");
    } else if (rt_hwcap2 & HWCAP2_SME) {
        rt_snprintf(sme, sizeof(sme), "sme(za not captured) ");
    }
    rt_snprintf(buf, len, "fp %s%s%s", run->caps & ARM_F_NEON ? "asimd " : "",
                sve, sme);
    return buf;
}
