/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AArch32 capture for the armhf runner: A32 and Thumb images.
 *
 * Sources (docs/arm-capture.md): r0-r14, pc and CPSR from the signal
 * frame's sigcontext; d0-d31 and FPSCR from the VFP record in
 * uc_regspace.  Write-back goes to the same places: both QEMU 7.2 and
 * Linux reload them at sigreturn.  The CPU state (A32 or Thumb) at a
 * trap is the frame's CPSR.T, so one handler serves both image kinds.
 */
#include <asm/hwcap.h>
#include "arch/arm/arch.h"
#include "arch/arm/capture.h"
#include "arch/arm/llsc.h"
#include "arch/arm/trap.h"
#include "format/image.h"
#include "runner/load.h"
#include "runner/rt/rt.h"

static RisuState cur;
static int thumb_image;

static ArmVfpRecord *find_vfp(ArmUcontext *uc)
{
    uint8_t *p = (uint8_t *)uc->uc_regspace;
    uint8_t *end = p + sizeof(uc->uc_regspace);

    while (p + 8 <= end) {
        ArmVfpRecord *r = (ArmVfpRecord *)p;
        if (r->magic == ARM_VFP_MAGIC && r->size >= sizeof(*r) &&
            p + sizeof(*r) <= end) {
            return r;
        }
        if (!r->magic || r->size < 8 || (r->size & 7)) {
            break;
        }
        p += r->size;
    }
    return 0;
}

static ArmVfpRecord *need_vfp(ArmUcontext *uc)
{
    ArmVfpRecord *v = find_vfp(uc);

    if (!v && (risu_run.caps & ARM_F_FPU)) {
        risu_fatal("signal frame has no VFP record although the CPU has "
                   "VFP (AT_HWCAP)");
    }
    return v;
}

static unsigned long *gpr(struct sigcontext *sc, int r)
{
    return &sc->arm_r0 + r;     /* arm_r0 ... arm_pc are consecutive */
}

_Static_assert(__builtin_offsetof(struct sigcontext, arm_lr) -
               __builtin_offsetof(struct sigcontext, arm_r0) == 14 * 4, "sc");

static uint32_t hw_at(uint32_t off)
{
    const uint8_t *p = risu_run.image + off;
    return p[0] | p[1] << 8;
}

/* First halfword of a 32-bit Thumb instruction: 0b11101, 0b11110, 0b11111. */
static int t32_wide(uint32_t hw)
{
    return (hw >> 11) >= 0x1d;
}

static uint32_t thumb_insn(uint32_t off)
{
    uint16_t hw = hw_at(off);

    if (t32_wide(hw) && off + 4 <= risu_run.code_len) {
        return (uint32_t)hw << 16 | hw_at(off + 2);
    }
    return hw;
}

/*
 * Offset of the tested instruction for the trap at `off`: the one before
 * it, stepping back over OPTRAP clean-up (e.g. MEMOFF) so a report shows
 * the memory instruction.  Thumb: the instruction before may be 2 or 4
 * bytes; the image metadata decides when it names one, else a wide first
 * halfword at off-4 (generated images put a checkpoint, never a wide
 * prefix, before a 16-bit test instruction).
 */
int risu_arch_store_cond(uint32_t insn)
{
    return (thumb_image ? t32_llsc_kind(insn) : a32_llsc_kind(insn)) == 2;
}

static int trap_at(uint32_t o)
{
    if (thumb_image) {
        uint16_t hw = hw_at(o);

        return hw == THUMB_TRAP_CHECKPOINT ? 1 : hw == THUMB_TRAP_OP ? 2 : 0;
    }
    if (o + 4 > risu_run.code_len) {
        return 0;
    }
    o = arm_rd32(risu_run.image + o);
    return o == ARM_TRAP_CHECKPOINT ? 1 : o == ARM_TRAP_OP ? 2 : 0;
}

uint32_t risu_arch_insn_off(const RisuRun *run, uint32_t off)
{
    uint32_t meta;

    /* Literal pools may lie between an instruction and its trap. */
    if (risu_meta_insn_off(run, off, thumb_image ? 2 : 4, trap_at,
                           thumb_image ? 10 : 12, &meta)) {
        return meta;
    }
    if (!thumb_image) {
        const uint8_t *w = run->image;
        for (int h = 0; h < 4 && off >= 16 && off <= run->code_len; h++) {
            if (arm_rd32(w + off - 12) != ARM_TRAP_OP) {
                break;
            }
            off -= 12;
        }
        return off >= 4 ? off - 4 : 0;
    }
    return risu_insn_off16(run, off, THUMB_TRAP_OP, hw_at, t32_wide);
}

static void capture(RisuState *st, ArmUcontext *uc)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    ArmVfpRecord *v;

    for (int r = 0; r < 15; r++) {
        st->slot[A32_SLOT_R(r)] = *gpr(sc, r);
    }
    st->slot[A32_SLOT_R(13)] = (uint32_t)(sc->arm_sp - run->stack_top);
    st->slot[A32_SLOT_CPSR] = sc->arm_cpsr;
    v = need_vfp(uc);
    if (v) {
        int nd = run->caps & ARM_F_D32 ? 32 : 16;
        st->slot[A32_SLOT_FPSCR] = v->fpscr;
        for (int d = 0; d < nd; d++) {
            st->slot[A32_SLOT_D(d)] = v->fpregs[d];
        }
    }
    st->slot[A32_SLOT_MEMHASH] = run->memhash;
}

/* Adopted (or initial) state into the frame; pc is the caller's job. */
static void write_back(const RisuState *st, ArmUcontext *uc)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    ArmVfpRecord *v;

    for (int r = 0; r < 15; r++) {
        *gpr(sc, r) = st->slot[A32_SLOT_R(r)];
    }
    sc->arm_sp = st->slot[A32_SLOT_R(13)] + run->stack_top;
    sc->arm_cpsr = (sc->arm_cpsr & ~(uint32_t)ARM_CPSR_MASK) |
                   (st->slot[A32_SLOT_CPSR] & ARM_CPSR_MASK);
    v = need_vfp(uc);
    if (v) {
        int nd = run->caps & ARM_F_D32 ? 32 : 16;
        v->fpscr = st->slot[A32_SLOT_FPSCR];
        for (int d = 0; d < nd; d++) {
            v->fpregs[d] = st->slot[A32_SLOT_D(d)];
        }
    }
    run->memhash = st->slot[A32_SLOT_MEMHASH];
}

/* Leave a skipped instruction's IT block as the CPU would (ITAdvance). */
static uint32_t it_advance(uint32_t cpsr)
{
    uint32_t it = (cpsr >> 8 & 0xfc) | (cpsr >> 25 & 3);

    if (!(it & 7)) {
        it = 0;
    } else {
        it = (it & 0xe0) | ((it << 1) & 0x1f);
    }
    cpsr &= ~(ARM_CPSR_IT_LO | ARM_CPSR_IT_HI);
    return cpsr | (it & 3) << 25 | (it & 0xfc) << 8;
}

static uint32_t trap_len(uint32_t off)
{
    if (thumb_image) {
        return hw_at(off) == THUMB_TRAP_OP ? 10 : 2;
    }
    return arm_rd32(risu_run.image + off) == ARM_TRAP_OP ? 12 : 4;
}

static void start_image(ArmUcontext *uc)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;

    memset(&cur, 0, sizeof(cur));
    write_back(&cur, uc);
    sc->arm_cpsr &= ~(ARM_CPSR_T | ARM_CPSR_IT_LO | ARM_CPSR_IT_HI);
    if (thumb_image) {
        sc->arm_cpsr |= ARM_CPSR_T;
    }
    sc->arm_pc = (uintptr_t)run->image;
}

static void checkpoint(ArmUcontext *uc, uint32_t op, uint32_t off,
                       uint32_t len)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    uint32_t ioff = risu_arch_insn_off(run, off);
    uint32_t insn = 0;

    if (off >= 2) {
        insn = thumb_image ? thumb_insn(ioff) : arm_rd32(run->image + ioff);
    }
    arm_cp_begin(&cur, op, off, insn, 0);
    capture(&cur, uc);
    if (risu_checkpoint(&cur) == RISU_CP_ADOPT) {
        write_back(&cur, uc);
        if (cur.pc_off + 4 <= run->code_len) {
            off = cur.pc_off;
            len = trap_len(off);
        }
    }
    if (op == RISU_OP_TESTEND) {
        sc->arm_pc = (uintptr_t)arm_image_done;
        sc->arm_cpsr &= ~(ARM_CPSR_T | ARM_CPSR_IT_LO | ARM_CPSR_IT_HI);
    } else {
        sc->arm_pc = (uintptr_t)run->image + off + len;
    }
}

static void set_reg(struct sigcontext *sc, uint32_t r, uintptr_t v)
{
    if (r < 15 && r != 13) {
        *gpr(sc, r) = v;
    }
}

static void optrap(ArmUcontext *uc, uint32_t off, uint32_t len)
{
    RisuRun *run = &risu_run;
    struct sigcontext *sc = &uc->uc_mcontext;
    const uint8_t *d = run->image + off + len - 8;
    uint32_t d0, op, reg;
    int32_t imm;

    if (off + len > run->code_len) {
        risu_fatal("OPTRAP at image offset 0x%x runs past the code", off);
    }
    d0 = arm_rd32(d);
    imm = (int32_t)arm_rd32(d + 4);
    op = d0 & 0xff;
    reg = (d0 >> 8) & 0xff;
    switch (op) {
    case RISU_OP_TESTEND:
        checkpoint(uc, op, off, len);
        return;
    case RISU_OP_COMPAREMEM:
        run->memhash = risu_memhash();
        checkpoint(uc, op, off, len);
        return;
    case RISU_OP_SETMEM:
        set_reg(sc, reg, (uintptr_t)run->mem + imm);
        break;
    case RISU_OP_MEMOFF:
        set_reg(sc, reg, (uintptr_t)*gpr(sc, reg % 15) - (uintptr_t)run->mem);
        break;
    case RISU_OP_SETADDR:
        set_reg(sc, reg, (uintptr_t)run->image + imm);
        break;
    case RISU_OP_MEMINIT:
        risu_meminit((uint32_t)imm);
        break;
    case RISU_OP_CODEOFF:
        set_reg(sc, reg, (uintptr_t)*gpr(sc, reg % 15) -
                (uintptr_t)run->image);
        break;
    case RISU_OP_SKIP:
        sc->arm_pc += risu_skip_len(off, len, imm, thumb_image ? 2 : 4);
        return;
    default:
        risu_fatal("unknown OPTRAP op %u at image offset 0x%x", op, off);
    }
    sc->arm_pc += len;
}

uint32_t risu_arch_insn_word(const RisuRun *run, uint32_t off)
{
    return thumb_image ? thumb_insn(off) : arm_rd32(run->image + off);
}

void arm_handle_signal(int sig, siginfo_t *si, void *ucv)
{
    RisuRun *run = &risu_run;
    ArmUcontext *uc = ucv;
    struct sigcontext *sc = &uc->uc_mcontext;
    uintptr_t pc = sc->arm_pc;
    int thumb = (sc->arm_cpsr & ARM_CPSR_T) != 0;
    uint32_t off;

    /* Once only: test code that jumps there later has escaped. */
    if (pc == (uintptr_t)arm_enter_trap && sig == SIGILL && !run->started) {
        run->started = 1;
        start_image(uc);
        return;
    }
    /* The other instruction set, or a pc it cannot hold, is an escape. */
    off = risu_guard(sig, si->si_code, (uintptr_t)si->si_addr, pc,
                     (pc & (thumb ? 1 : 3)) || thumb != thumb_image ||
                     pc - (uintptr_t)run->image + 2 > run->code_len);
    if (sig == SIGALRM) {
        risu_watchdog(off);
        return;
    }
    if (sig == SIGILL) {
        if (thumb) {
            uint16_t hw = hw_at(off);
            if (hw == THUMB_TRAP_CHECKPOINT) {
                checkpoint(uc, RISU_OP_COMPARE, off, 2);
                return;
            }
            if (hw == THUMB_TRAP_OP) {
                optrap(uc, off, 10);
                return;
            }
        } else if (off + 4 <= run->code_len) {
            uint32_t w = arm_rd32(run->image + off);
            if (w == ARM_TRAP_CHECKPOINT) {
                checkpoint(uc, RISU_OP_COMPARE, off, 4);
                return;
            }
            if (w == ARM_TRAP_OP) {
                optrap(uc, off, 12);
                return;
            }
        }
    }
    /* A test instruction faulted: note it, skip it. */
    risu_note_signal(sig, si->si_code, (uintptr_t)si->si_addr);
    if (thumb) {
        sc->arm_pc += t32_wide(hw_at(off)) ? 4 : 2;
        sc->arm_cpsr = it_advance(sc->arm_cpsr);
    } else {
        sc->arm_pc += 4;
    }
}

const char *const risu_arch_image_names[] = { "arm", "thumb", 0 };

/* The core has checked arch= against risu_arch_image_names. */
int risu_arch_check_image(RisuRun *run, char *why, size_t whylen)
{
    thumb_image = !strcmp(run->img->arch, "thumb");
    if (thumb_image && (run->code_len & 1)) {
        rt_snprintf(why, whylen, "Thumb code length %u is odd",
                    run->code_len);
        return -1;
    }
    if (!thumb_image && (run->code_len & 3)) {
        rt_snprintf(why, whylen, "A32 code length %u is not a multiple of "
                    "4", run->code_len);
        return -1;
    }
    return 0;
}

/*
 * Advanced SIMD requires 32 D registers, but arm64 kernels never set
 * HWCAP_VFPD32 for compat tasks: NEON implies D32.
 */
static bool arm_has_d32(void)
{
    return (rt_hwcap & HWCAP_VFPD32) || (rt_hwcap & HWCAP_NEON);
}

int arm_probe(RisuRun *run, char *why, size_t whylen)
{
    run->arch = &risu_arch_arm32;
    run->caps = 0;
    if (rt_hwcap & HWCAP_VFP) {
        run->caps |= ARM_F_FPU;
        if (arm_has_d32()) {
            run->caps |= ARM_F_D32;
        }
    }
    if (rt_hwcap & HWCAP_NEON) {
        run->caps |= ARM_F_NEON;
    }
    if (!(run->caps & ARM_F_FPU)) {
        /* armhf code (hard-float ABI, the entry stub's vstm) needs VFP. */
        rt_snprintf(why, whylen, "this runner (%s) needs a CPU with VFP",
                    risu_arch_variant());
        return -1;
    }
    return 0;
}

/* Architecture level from AT_PLATFORM ("v7l", "v8l"). */
static int platform_level(void)
{
    if (rt_platform && rt_platform[0] == 'v' && rt_platform[1] >= '0' &&
        rt_platform[1] <= '9') {
        return rt_platform[1] - '0';
    }
    return 0;
}

int arm_feature(const RisuRun *run, const char *name)
{
    static const struct {
        const char *name;
        unsigned long hwcap, hwcap2;
    } tab[] = {
        { "vfp", HWCAP_VFP, 0 },
        { "d32", HWCAP_VFPD32, 0 },
        { "neon", HWCAP_NEON, 0 },
        { "vfpv4", HWCAP_VFPv4, 0 },
        /* A32 and T32 divides: both halves of HWCAP_IDIV */
        { "idiv", HWCAP_IDIVA | HWCAP_IDIVT, 0 },
        { "aes", 0, HWCAP2_AES },
        { "pmull", 0, HWCAP2_PMULL },
        { "sha1", 0, HWCAP2_SHA1 },
        { "sha2", 0, HWCAP2_SHA2 },
        { "crc", 0, HWCAP2_CRC32 },
    };
    static const char *const unchecked[] = {
        /* not visible in AT_HWCAP for AArch32, or AArch64-only names */
        "fp16", "fp", "asimd", "sha3", "sha512", "sm3", "sm4", "fp16arith",
        "fhm", "dotprod", "lse", "rdm", "rcpc", "jscvt", "fcma", "frint",
        "bf16", "i8mm", "flagm", "flagm2", "sb", "bti", "lor", "rcpc2",
    };

    if (!strcmp(name, "d32")) {
        return arm_has_d32();
    }
    for (unsigned i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
        if (!strcmp(name, tab[i].name)) {
            return (rt_hwcap & tab[i].hwcap) == tab[i].hwcap &&
                   (rt_hwcap2 & tab[i].hwcap2) == tab[i].hwcap2;
        }
    }
    if (!strcmp(name, "v7") || !strcmp(name, "v8")) {
        int lvl = platform_level();
        return lvl ? lvl >= name[1] - '0' : 2;
    }
    if (!strcmp(name, "sve")) {
        return 0;
    }
    for (unsigned i = 0; i < sizeof(unchecked) / sizeof(unchecked[0]); i++) {
        if (!strcmp(name, unchecked[i])) {
            return 2;
        }
    }
    return -1;
}

const char *risu_arch_caps_text(const RisuRun *run, char *buf, size_t len)
{
    rt_snprintf(buf, len, "%s %s%s%s%s", rt_platform ? rt_platform : "?",
                run->caps & ARM_F_FPU ? "vfp " : "novfp ",
                run->caps & ARM_F_D32 ? "d32 " : "",
                run->caps & ARM_F_NEON ? "neon " : "",
                thumb_image ? "thumb " : "");
    return buf;
}
