/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MIPS capture: signal handler logic behind the assembly stub, register
 * capture into RisuState slots (layout: regs.def) and write-back when
 * the generic runner adopts a reference state, CPU feature probes.
 *
 * Sources (see docs/mips-capture.md): GPRs, HI/LO, PC and the DSP
 * accumulators and DSPControl from the signal frame (exact on QEMU and
 * Linux); FPRs, FCSR, MSA vectors and MSACSR
 * from the live registers the stub saved (QEMU has no MSA extcontext and
 * leaves the frame FCSR unwritten; FR=0 frames differ between QEMU and
 * Linux, live values do not).  This file is compiled hard-float only so
 * the ELF carries the right FP ABI; tools/check-nofp.sh proves
 * the compiled C contains no FP or MSA instruction.
 */
#include <asm/unistd.h>
#include "arch/mips/arch.h"
#include "arch/mips/asm.h"
#include "arch/mips/frame.h"
#include "arch/mips/isamode.h"
#include "arch/mips/llsc.h"
#include "arch/mips/trap.h"
#include "format/image.h"
#include "runner/load.h"
#include "runner/run.h"
#include "runner/rt/rt.h"

#ifndef RISU_VARIANT
#define RISU_VARIANT "mips"
#endif

#define O32 (_MIPS_SIM == _MIPS_SIM_ABI32)

/* The risugen --arch this build runs: width (ABI), release, byte order. */
#if _MIPS_SIM == _MIPS_SIM_ABI32
#define MIPS_IMG_W "mips"
#else
#define MIPS_IMG_W "mips64"
#endif
#if __mips_isa_rev >= 6
#define MIPS_IMG_R "r6"
#else
#define MIPS_IMG_R ""
#endif
#ifdef __MIPSEL__
#define MIPS_IMG_E "el"
#else
#define MIPS_IMG_E ""
#endif
/* o32 before R6 also runs the compressed arches (isamode.h). */
#if O32 && __mips_isa_rev < 6
#define MIPS_ISA_IMAGES 1
const char *const risu_arch_image_names[] = {
    MIPS_IMG_W MIPS_IMG_R MIPS_IMG_E, "micromips" MIPS_IMG_E,
    "mips16" MIPS_IMG_E, 0,
};
#else
const char *const risu_arch_image_names[] = {
    MIPS_IMG_W MIPS_IMG_R MIPS_IMG_E, 0,
};
#endif

/* The image's compressed ISA (its body), or NULL: a standard image. */
static const MipsIsaMode *isa_image;

/* AT_HWCAP bits (asm/hwcap.h). */
#define MIPS_HWCAP_R6 (1u << 0)
#define MIPS_HWCAP_MSA (1u << 1)
#define MIPS_HWCAP_CRC32 (1u << 2)
#define MIPS_HWCAP_LOONGSON_MMI (1u << 11)
#define MIPS_HWCAP_LOONGSON_EXT (1u << 12)

/* FIR (FCR0) implementation bit: paired single (bit 22 is F64). */
#define MIPS_FIR_PS (1u << 18)

extern unsigned long rt_hwcap;

MipsLive mips_live;
static int mips_has_dsp;            /* rddsp ran without a signal */
/* What the FPU probe found (meaningful with MIPS_F_FPU). */
static struct {
    uint32_t fir;                   /* FIR; 0 without an FPU */
    int nan2008;                    /* FCSR.NAN2008 reads as 1 */
    int fcsr_writable;              /* FCSR accepted a test write */
} mips_fpu;
static volatile int mips_probing;
static volatile int mips_probe_sig;
static RisuState cur;

typedef struct KSigaction {
    unsigned int flags;
    void (*handler)(int, siginfo_t *, void *);
    unsigned long mask[16 / sizeof(unsigned long)];
} KSigaction;

static uint64_t gpr_val(uint64_t v)
{
    return O32 ? (uint32_t)v : v;
}

/* o32 values go back sign-extended, as a 64-bit kernel requires. */
static uint64_t gpr_frame(uint64_t v)
{
    return O32 ? (uint64_t)(int64_t)(int32_t)v : v;
}

static void set_gpr(struct sigcontext *sc, unsigned r, uintptr_t v)
{
    if (r > 0 && r < 32) {
        sc->sc_regs[r] = gpr_frame(v);
    }
}

static void capture(RisuState *st, struct sigcontext *sc)
{
    RisuRun *run = &risu_run;

    for (int i = 0; i < 32; i++) {
        st->slot[MIPS_SLOT_GPR(i)] = gpr_val(sc->sc_regs[i]);
    }
    st->slot[MIPS_SLOT_GPR(29)] = gpr_val(sc->sc_regs[29] - run->stack_top);
    if (run->caps & MIPS_F_HILO) {
        st->slot[MIPS_SLOT_HI] = gpr_val(sc->sc_mdhi);
        st->slot[MIPS_SLOT_LO] = gpr_val(sc->sc_mdlo);
    }
    if (run->caps & MIPS_F_DSP) {
        st->slot[MIPS_SLOT_HIN(1)] = gpr_val(sc->sc_hi1);
        st->slot[MIPS_SLOT_LON(1)] = gpr_val(sc->sc_lo1);
        st->slot[MIPS_SLOT_HIN(2)] = gpr_val(sc->sc_hi2);
        st->slot[MIPS_SLOT_LON(2)] = gpr_val(sc->sc_lo2);
        st->slot[MIPS_SLOT_HIN(3)] = gpr_val(sc->sc_hi3);
        st->slot[MIPS_SLOT_LON(3)] = gpr_val(sc->sc_lo3);
        st->slot[MIPS_SLOT_DSPCTRL] = sc->sc_dsp;
    }
    if (run->caps & MIPS_F_FPU) {
        for (int i = 0; i < 32; i++) {
#ifdef MIPS_FR1
            st->slot[MIPS_SLOT_FPR(i)] = mips_live.vec[i][0];
#else
            st->slot[MIPS_SLOT_FPR(i)] = (uint32_t)mips_live.vec[i][0];
#endif
        }
        st->slot[MIPS_SLOT_FCSR] = mips_live.fcsr;
    }
    if (run->caps & MIPS_F_MSA) {
        for (int i = 0; i < 32; i++) {
            st->slot[MIPS_SLOT_WHI(i)] = mips_live.vec[i][1];
        }
        st->slot[MIPS_SLOT_MSACSR] = mips_live.msacsr;
    }
    st->slot[MIPS_SLOT_MEMHASH] = run->memhash;
}

/* The MSA extended context a real kernel appends; NULL under QEMU. */
static struct msa_extcontext *find_msa_ext(struct ucontext *uc)
{
    unsigned char *p = (unsigned char *)uc->uc_extcontext;

    if (!(uc->uc_mcontext.sc_used_math & USED_EXTCONTEXT)) {
        return 0;
    }
    for (int n = 0; n < 8; n++) {
        struct extcontext *ext = (struct extcontext *)p;
        if (ext->magic == MSA_EXTCONTEXT_MAGIC) {
            return (struct msa_extcontext *)p;
        }
        if (ext->magic == END_EXTCONTEXT_MAGIC || ext->size < 8 ||
            ext->size > 4096) {
            break;
        }
        p += ext->size;
    }
    return 0;
}

/*
 * Write an adopted state back: GPRs and HI/LO into the frame (sigreturn
 * restores them everywhere); FP/MSA into mips_live (the stub reloads it:
 * QEMU keeps live FCSR/MSA upper halves across sigreturn) and into the
 * frame and extcontext (Linux restores those).  FR=0 frames: Linux keeps
 * pairs in the even slots, QEMU one single per slot; the layout written
 * here satisfies both.
 */
static void write_back(const RisuState *st, struct ucontext *uc)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;

    for (int i = 1; i < 32; i++) {
        uint64_t v = st->slot[MIPS_SLOT_GPR(i)];
        if (i == 29) {
            v += run->stack_top;
        }
        sc->sc_regs[i] = gpr_frame(v);
    }
    if (run->caps & MIPS_F_HILO) {
        sc->sc_mdhi = gpr_frame(st->slot[MIPS_SLOT_HI]);
        sc->sc_mdlo = gpr_frame(st->slot[MIPS_SLOT_LO]);
    }
    if (run->caps & MIPS_F_DSP) {
        sc->sc_hi1 = gpr_frame(st->slot[MIPS_SLOT_HIN(1)]);
        sc->sc_lo1 = gpr_frame(st->slot[MIPS_SLOT_LON(1)]);
        sc->sc_hi2 = gpr_frame(st->slot[MIPS_SLOT_HIN(2)]);
        sc->sc_lo2 = gpr_frame(st->slot[MIPS_SLOT_LON(2)]);
        sc->sc_hi3 = gpr_frame(st->slot[MIPS_SLOT_HIN(3)]);
        sc->sc_lo3 = gpr_frame(st->slot[MIPS_SLOT_LON(3)]);
        sc->sc_dsp = (uint32_t)st->slot[MIPS_SLOT_DSPCTRL];
    }
    if (run->caps & MIPS_F_FPU) {
        for (int i = 0; i < 32; i++) {
            uint64_t v = st->slot[MIPS_SLOT_FPR(i)];
            mips_live.vec[i][0] = v;
#ifdef MIPS_FR1
            sc->sc_fpregs[i] = v;
#else
            if (i & 1) {
                sc->sc_fpregs[i - 1] = (uint32_t)sc->sc_fpregs[i - 1] |
                                       (v << 32);
                sc->sc_fpregs[i] = (uint32_t)v;
            } else {
                sc->sc_fpregs[i] = (uint32_t)v;
            }
#endif
        }
        mips_live.fcsr = st->slot[MIPS_SLOT_FCSR];
        sc->sc_fpc_csr = mips_live.fcsr;
    }
    if (run->caps & MIPS_F_MSA) {
        struct msa_extcontext *msa = find_msa_ext(uc);
        for (int i = 0; i < 32; i++) {
            mips_live.vec[i][1] = st->slot[MIPS_SLOT_WHI(i)];
            if (msa) {
                msa->wr[i] = st->slot[MIPS_SLOT_WHI(i)];
            }
        }
        mips_live.msacsr = st->slot[MIPS_SLOT_MSACSR];
        if (msa) {
            msa->csr = mips_live.msacsr;
        }
    }
    run->memhash = st->slot[MIPS_SLOT_MEMHASH];
}

int risu_arch_store_cond(uint32_t insn)
{
    if (isa_image) {
        return mips_isa_llsc_kind((int)(isa_image - mips_isa_modes),
                                  insn) == 2;
    }
#ifdef MIPS_R6
    return mips_llsc_kind(insn, 1) == 2;
#else
    return mips_llsc_kind(insn, 0) == 2;
#endif
}

static uint32_t hw_at(uint32_t off)
{
    return *(const uint16_t *)(risu_run.image + off);
}

/* OPTRAP data words of a compressed trap are only 2-byte aligned. */
static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

/* Traps by the ISA at o: the body's in a compressed image. */
static int trap_at_isa(uint32_t o, const MipsIsaMode *m)
{
    uint32_t w;

    if (m) {
        w = hw_at(o);
        return w == m->trap_checkpoint ? 1 : w == m->trap_op ? 2 : 0;
    }
    w = *(const uint32_t *)(risu_run.image + o);
    return w == MIPS_TRAP_CHECKPOINT ? 1 : w == MIPS_TRAP_OP ? 2 : 0;
}

static int trap_at(uint32_t o)
{
    return trap_at_isa(o, isa_image);
}

/* The instruction at off in a compressed body, as (first << 16) | second. */
static uint32_t isa_insn(uint32_t off)
{
    uint32_t hw = hw_at(off);

    if (mips_isa_wide(isa_image, hw) && off + 4 <= risu_run.code_len) {
        return hw << 16 | hw_at(off + 2);
    }
    return hw;
}

static int isa_wide(uint32_t hw)
{
    return mips_isa_wide(isa_image, hw);
}

/*
 * The image's last generated instruction before the trap at `off`, if
 * the metadata names one since the previous checkpoint: risugen puts
 * clean-ups between an instruction and its checkpoint (mthi/mtlo after
 * MUL, FPR and vector zeroing after scalar FP writes) and literal pools,
 * which the word before the trap would show instead.
 */
static int meta_insn_off(const RisuRun *run, uint32_t off, uint32_t *res)
{
    return isa_image ? risu_meta_insn_off(run, off, 2, trap_at, 10, res)
                     : risu_meta_insn_off(run, off, 4, trap_at, 12, res);
}

/*
 * Offset of the tested instruction for the trap at `off`: from the
 * metadata, else the word before it, stepping back over OPTRAP clean-up
 * (e.g. MEMOFF) so the report shows the memory instruction, not an
 * OPTRAP data word.
 */
uint32_t risu_arch_insn_off(const RisuRun *run, uint32_t off)
{
    const uint32_t *w = (const uint32_t *)run->image;
    uint32_t meta;

    if (meta_insn_off(run, off, &meta)) {
        return meta;
    }
    if (isa_image) {
        return risu_insn_off16(run, off, isa_image->trap_op, hw_at, isa_wide);
    }

    for (int hops = 0; hops < 4 && off >= 16 && off <= run->code_len; hops++) {
        if (w[(off - 12) / 4] != MIPS_TRAP_OP) {
            break;
        }
        off -= 12;
    }
    return off >= 4 ? off - 4 : 0;
}

/* isa: the pc's ISA bit at the trap (the preamble's are standard). */
static uint32_t trap_len(uint32_t off, uintptr_t isa)
{
    if (isa && isa_image) {
        return hw_at(off) == isa_image->trap_op ? 10 : 2;
    }
    return *(const uint32_t *)(risu_run.image + off) == MIPS_TRAP_OP ? 12
                                                                     : 4;
}

static int checkpoint(struct ucontext *uc, uint32_t op, uint32_t off,
                      uint32_t len)
{
    uintptr_t isa = uc->uc_mcontext.sc_pc & 1;
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    RisuState *st = &cur;
    int r;

    st->op = op;
    st->pc_off = off;
    st->insn = off >= 4 ?
               risu_arch_insn_word(run, risu_arch_insn_off(run, off)) : 0;
    st->signo = run->sig_no;
    st->si_code = run->sig_code;
    st->fault_flags = run->sig_flags;
    st->fault_addr = run->sig_addr;
    st->features = run->caps;
    run->sig_no = run->sig_code = 0;
    run->sig_flags = 0;
    run->sig_addr = 0;
    capture(st, sc);

    r = risu_checkpoint(st);
    if (r == RISU_CP_ADOPT) {
        write_back(st, uc);
        if (st->pc_off + 4 <= run->code_len) {
            off = st->pc_off;
            len = trap_len(off, isa);
        }
    }
    if (op == RISU_OP_TESTEND) {
        sc->sc_pc = (uintptr_t)mips_image_done;
    } else {
        sc->sc_pc = ((uintptr_t)run->image + off + len) | isa;
    }
    return r == RISU_CP_ADOPT;
}

uint32_t risu_arch_insn_word(const RisuRun *run, uint32_t off)
{
    return isa_image ? isa_insn(off) : *(const uint32_t *)(run->image + off);
}

/* An OPTRAP of len bytes at off; isa: the pc's ISA bit. */
static int optrap(struct ucontext *uc, uint32_t off, uint32_t len,
                  uintptr_t isa)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    uintptr_t base = (uintptr_t)run->image;
    const uint8_t *d = run->image + off + len - 8;
    uint32_t op, reg;
    int32_t imm;

    if (off + len > run->code_len) {
        risu_fatal("OPTRAP at image offset 0x%x runs past the code", off);
    }
    op = rd32(d) & 0xff;
    reg = (rd32(d) >> 8) & 0xff;
    imm = (int32_t)rd32(d + 4);
    switch (op) {
    case RISU_OP_TESTEND:
        return checkpoint(uc, op, off, len);
    case RISU_OP_COMPAREMEM:
        run->memhash = risu_memhash();
        return checkpoint(uc, op, off, len);
    case RISU_OP_SETMEM:
        set_gpr(sc, reg, (uintptr_t)run->mem + imm);
        break;
    case RISU_OP_MEMOFF:
        set_gpr(sc, reg, (uintptr_t)sc->sc_regs[reg & 31] -
                (uintptr_t)run->mem);
        break;
    case RISU_OP_SETADDR:
        set_gpr(sc, reg, base + imm);
        break;
    case RISU_OP_MEMINIT:
        risu_meminit((uint32_t)imm);
        break;
    case RISU_OP_CODEOFF:
        set_gpr(sc, reg, (uintptr_t)sc->sc_regs[reg & 31] - base);
        break;
    case RISU_OP_SKIP:
        sc->sc_pc = (base + off + risu_skip_len(off, len, imm,
                                                isa ? 2 : 4)) | isa;
        return 0;
    default:
        risu_fatal("unknown OPTRAP op %u at image offset 0x%x", op, off);
    }
    sc->sc_pc = (base + off + len) | isa;
    return 0;
}

/*
 * In a compressed image the pc's ISA bit says which traps apply: the
 * preamble runs the standard encoding, the body the image's ISA.  A
 * standard image never runs with the bit set.
 */
static int handle_signal(int sig, siginfo_t *si, struct ucontext *uc)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    uintptr_t pc = (uintptr_t)sc->sc_pc;
    uintptr_t base = (uintptr_t)run->image;
    uintptr_t isa = isa_image ? pc & 1 : 0;
    const MipsIsaMode *m = isa ? isa_image : 0;
    uint32_t off, unit = m ? 2 : 4;
    int trap;

    if (mips_probing) {
        mips_probe_sig = sig;
        sc->sc_pc += 4;
        return 0;
    }
    /*
     * QEMU 7.2 never fills the frame's FCSR slot; keep it equal to the
     * live value so no sigreturn can load garbage into FCSR.
     */
    if (run->caps & MIPS_F_FPU) {
        sc->sc_fpc_csr = mips_live.fcsr;
    }
    pc -= isa;
    off = risu_guard(sig, si->si_code, (uintptr_t)si->si_addr, pc,
                     (pc & (unit - 1)) || pc - base + unit > run->code_len);
    if (sig == SIGALRM) {
        risu_watchdog(off);
        return 0;
    }
    trap = sig == SIGILL ? trap_at_isa(off, m) : 0;
    if (trap == 1) {
        return checkpoint(uc, RISU_OP_COMPARE, off, unit);
    }
    if (trap == 2) {
        return optrap(uc, off, m ? 10 : 12, isa);
    }
    /* A test instruction faulted: note it, skip it (or its branch). */
    risu_note_signal(sig, si->si_code, (uintptr_t)si->si_addr);
    sc->sc_pc = (base + risu_fault_resume(off, m && mips_isa_wide(m,
                                          hw_at(off)) ? 4 : unit)) | isa;
    return 0;
}

/* Called by the stub (capture.S); counts nesting for risu_guard. */
int mips_sig_handler(int sig, siginfo_t *si, struct ucontext *uc)
{
    int r;

    risu_handler_enter();
    r = handle_signal(sig, si, uc);
    risu_handler_leave();
    return r;
}

static int install(int sig, int ignore)
{
    KSigaction sa;

    memset(&sa, 0, sizeof(sa));
    if (ignore) {
        sa.handler = (void (*)(int, siginfo_t *, void *))1; /* SIG_IGN */
    } else {
        sa.flags = SA_SIGINFO | SA_ONSTACK;
        sa.handler = mips_sig_entry;
        memset(sa.mask, 0xff, sizeof(sa.mask));
        sa.mask[0] &= ~rt_fault_sigs();
    }
    return RT_SYS4(__NR_rt_sigaction, sig, &sa, 0, sizeof(sa.mask));
}

/*
 * A CPU whose FCSR ignores writes (QEMU's 5KEf) keeps the sticky flags
 * of every earlier process on that CPU: under a real kernel in qemu-system
 * one run's FP flags leak into the next, which would then differ from a
 * fresh CPU (qemu-user, a board) at its first checkpoint.  The preamble's
 * FCSR write cannot fix that, so refuse; NAN2008/ABS2008 are read-only
 * by design and not flags.  risu-vm recognises "FCSR leaked".
 */
static int fcsr_leak_check(char *why, size_t whylen)
{
    uint32_t v;

    if (mips_fpu.fcsr_writable) {
        return 0;
    }
    v = mips_probe_fcsr_write(0);
    if (!(v & ~(3u << 18))) {
        return 0;
    }
    rt_snprintf(why, whylen, "FCSR leaked: 0x%08x before the image runs, an "
                "earlier process's flags, and this CPU ignores FCSR writes "
                "(QEMU's 5KEf); use a fresh boot or a CPU whose FCSR is "
                "writable", v);
    return -1;
}

int risu_arch_init(RisuRun *run, char *why, size_t whylen)
{
    uint32_t v;

    run->arch = O32 ? &risu_arch_mips32 : &risu_arch_mips64;
    if (rt_trap_signals(install, why, whylen) < 0) {
        return -1;
    }

    mips_live.mode = 0;
    mips_probing = 1;
    run->caps = 0;
#ifndef MIPS_R6
    run->caps |= MIPS_F_HILO;
#endif
#ifndef MIPS_R6
    /* DSP ASE: no AT_HWCAP bit under QEMU, so try rddsp. */
    mips_probe_sig = 0;
    mips_probe_dsp();
    mips_has_dsp = !mips_probe_sig;
#endif
    mips_probe_sig = 0;
    v = mips_probe_fir();
    if (!mips_probe_sig) {
        run->caps |= MIPS_F_FPU;
        mips_fpu.fir = v;
        v = mips_probe_fr();
#ifdef MIPS_FR1
        if (v != 0x5a5a0001) {
            mips_probing = 0;
            rt_snprintf(why, whylen, "this runner (%s) needs FR=1 but the "
                        "FPU runs with FR=0", RISU_VARIANT);
            return -1;
        }
        run->caps |= MIPS_F_FR1;
#else
        if (v != 0x3c3c0002) {
            mips_probing = 0;
            rt_snprintf(why, whylen, "this runner (%s) needs FR=0 but the "
                        "FPU runs with FR=1", RISU_VARIANT);
            return -1;
        }
#endif
        mips_fpu.nan2008 = (mips_probe_fcsr_write(0) >> 18) & 1;
        mips_fpu.fcsr_writable = (mips_probe_fcsr_write(3) & 3) == 3;
        if (fcsr_leak_check(why, whylen)) {
            mips_probing = 0;
            return -1;
        }
#ifdef MIPS_HAVE_MSA
        /*
         * QEMU executes MSA encodings on CPUs without MSA without any
         * signal, so trust AT_HWCAP first, then check that the probe
         * neither traps (kernel without MSA support) nor misreads.
         */
        if (rt_hwcap & MIPS_HWCAP_MSA) {
            mips_probe_sig = 0;
            v = mips_probe_msa();
            if (!mips_probe_sig && v == 0x5a5a5a5a) {
                run->caps |= MIPS_F_MSA;
            }
        }
#endif
    }
#if defined(MIPS_FR1) && O32 && !defined(MIPS_R6)
    else {
        /* FR=1 flavours are R2+ code; QEMU runs some R2 encodings on R1
         * cores silently wrong, and without an FPU they add nothing. */
        mips_probing = 0;
        rt_snprintf(why, whylen, "this runner (%s) is for CPUs with an "
                    "FR=1 FPU; use risu-mipsel/risu-mips here", RISU_VARIANT);
        return -1;
    }
#endif
    mips_probing = 0;
    mips_live.mode = (run->caps & MIPS_F_FPU ? MIPS_LIVE_FPU : 0) |
                     (run->caps & MIPS_F_MSA ? MIPS_LIVE_MSA : 0);
    return 0;
}

void risu_arch_run(RisuRun *run)
{
    memset(mips_live.vec, 0, sizeof(mips_live.vec));
    mips_live.fcsr = 0;
    mips_live.msacsr = 0;
    mips_enter((uintptr_t)run->image, run->stack_top);
}

const char *risu_arch_variant(void)
{
    return RISU_VARIANT;
}

int risu_arch_feature(const RisuRun *run, const char *name)
{
    static const struct {
        const char *name;
        uint32_t caps;
        unsigned long hwcap;
    } tab[] = {
        { "fpu", MIPS_F_FPU, 0 },
        { "fr1", MIPS_F_FPU | MIPS_F_FR1, 0 },
        { "fp64", MIPS_F_FPU | MIPS_F_FR1, 0 },
        { "msa", MIPS_F_MSA, 0 },
        { "hilo", MIPS_F_HILO, 0 },
        { "mmi", 0, MIPS_HWCAP_LOONGSON_MMI },
        { "loongson-ext", 0, MIPS_HWCAP_LOONGSON_EXT },
        /* Only the kernel can read Config5.CRCP; QEMU 7.2 has no model
         * with the ASE and never sets the bit. */
        { "crc", 0, MIPS_HWCAP_CRC32 },
    };

    for (unsigned i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
        if (!strcmp(name, tab[i].name)) {
            return (run->caps & tab[i].caps) == tab[i].caps &&
                   (rt_hwcap & tab[i].hwcap) == tab[i].hwcap;
        }
    }
    if (!strcmp(name, "fr0") || !strcmp(name, "fp32")) {
        return (run->caps & MIPS_F_FPU) && !(run->caps & MIPS_F_FR1);
    }
    /*
     * DSP state (ac1-ac3, DSPControl) is captured for images that declare
     * dsp (their preamble sets it), so a DSP model still compares with a
     * DSP-less one on other images.  Only a frame from a kernel that knows
     * the CPU has DSP holds it: refuse without a working rddsp.
     */
    if (!strcmp(name, "dsp")) {
        if (mips_has_dsp) {
            risu_run.caps |= MIPS_F_DSP;
        }
        return mips_has_dsp;
    }
    /* Paired single: FIR.PS says whether the FPU has it (QEMU gates the
     * PS instructions on that bit, not on the ISA level). */
    if (!strcmp(name, "ps")) {
        return (run->caps & MIPS_F_FPU) && (mips_fpu.fir & MIPS_FIR_PS);
    }
    if (!strcmp(name, "nan2008")) {
        return (run->caps & MIPS_F_FPU) && mips_fpu.nan2008;
    }
    if (!strcmp(name, "nan-legacy") || !strcmp(name, "nanlegacy")) {
        return (run->caps & MIPS_F_FPU) && !mips_fpu.nan2008;
    }
    if (!strcmp(name, "r6")) {
#ifdef MIPS_R6
        return 1;
#else
        return 0;
#endif
    }
    if (!strcmp(name, "pre-r6")) {
#ifdef MIPS_R6
        return 0;
#else
        return 1;
#endif
    }
    {
        /* ISA levels and ASEs user mode cannot see reliably: accepted. */
        static const char *const unchecked[] = {
            "mips1", "mips2", "mips3", "mips4", "mips5", "mips32", "mips64",
            "r2", "r5", "mips16", "micromips", "mips3d", "mt",
            "dspr2", "vr54xx", "loongson2e", "loongson2f", "octeon",
        };
        for (unsigned i = 0; i < sizeof(unchecked) / sizeof(unchecked[0]);
             i++) {
            if (!strcmp(name, unchecked[i])) {
                return 2;
            }
        }
    }
    return -1;
}

/* The core has checked arch= against risu_arch_image_names. */
int risu_arch_check_image(RisuRun *run, char *why, size_t whylen)
{
    isa_image = 0;
#ifdef MIPS_ISA_IMAGES
    for (int i = 0; i < MIPS_ISA_N; i++) {
        const MipsIsaMode *m = mips_isa(i);
        size_t n = m ? strlen(m->name) : 0;

        if (m && !strncmp(run->img->arch, m->name, n) &&
            !strcmp(run->img->arch + n, MIPS_IMG_E)) {
            isa_image = m;
        }
    }
#endif
    if (run->code_len < 4 || (run->code_len & (isa_image ? 1 : 3))) {
        rt_snprintf(why, whylen, "code length %u is not a positive multiple "
                    "of %d", run->code_len, isa_image ? 2 : 4);
        return -1;
    }
    return 0;
}

const char *risu_arch_caps_text(const RisuRun *run, char *buf, size_t len)
{
    rt_snprintf(buf, len, "%s%s%s%s%s%s%s%s%s%s",
                run->caps & MIPS_F_HILO ? "hilo " : "",
                mips_has_dsp ? "dsp " : "",
                run->caps & MIPS_F_FPU ? "fpu " : "nofpu ",
                run->caps & MIPS_F_FR1 ? "fr1 " : "",
                run->caps & MIPS_F_MSA ? "msa " : "",
                run->caps & MIPS_F_FPU ? (mips_fpu.nan2008 ? "nan2008 "
                                          : "nan-legacy ") : "",
                run->caps & MIPS_F_FPU && !mips_fpu.fcsr_writable ?
                "fcsr-readonly " : "",
                rt_hwcap & MIPS_HWCAP_LOONGSON_MMI ? "mmi " : "",
                isa_image ? isa_image->name : "", isa_image ? " " : "");
    return buf;
}

const char *risu_arch_id_text(const RisuRun *run, char *buf, size_t len)
{
    rt_snprintf(buf, len, "fir 0x%08x ", mips_fpu.fir);
    return buf;
}
