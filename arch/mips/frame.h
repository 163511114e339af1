/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the MIPS handler sees: the kernel's sigcontext/ucontext (o32 and
 * n64 layouts, from the target's UAPI headers, checked below), the MSA
 * extended context a real kernel appends, and the "live" save area the
 * assembly stub fills before any C runs.  Shared by capture.S and
 * capture.c.
 */
#ifndef ARCH_MIPS_FRAME_H
#define ARCH_MIPS_FRAME_H

/* Live save area (struct MipsLive), offsets for the assembly stub. */
#define LIVE_VEC 0          /* uint64_t vec[32][2]: [0] = FPR / w[63:0] */
#define LIVE_FCSR 512
#define LIVE_MSACSR 516
#define LIVE_MODE 520       /* MIPS_LIVE_* bits */
#define LIVE_SIZE 528

#define MIPS_LIVE_FPU 1     /* the stub may touch CP1 */
#define MIPS_LIVE_MSA 2     /* ... and MSA */

/* Host context saved by mips_enter, restored by mips_image_done. */
#define HOST_NREGS 12       /* s0-s7, gp, sp, fp, ra */

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <asm/sgidefs.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>

typedef struct MipsLive {
    uint64_t vec[32][2];
    uint32_t fcsr;
    uint32_t msacsr;
    uint32_t mode;
    uint32_t pad;
} __attribute__((aligned(16))) MipsLive;

_Static_assert(__builtin_offsetof(MipsLive, fcsr) == LIVE_FCSR, "live");
_Static_assert(__builtin_offsetof(MipsLive, msacsr) == LIVE_MSACSR, "live");
_Static_assert(__builtin_offsetof(MipsLive, mode) == LIVE_MODE, "live");
_Static_assert(sizeof(MipsLive) == LIVE_SIZE, "live");

/*
 * Layout facts the capture code relies on (Linux UAPI; QEMU's
 * linux-user uses the same offsets).  o32: sigcontext at ucontext+24,
 * sc_regs at +16, sc_fpregs at +272, sc_fpc_csr at +532.  n64:
 * sigcontext at ucontext+40, sc_fpregs at +256, sc_pc at +576.
 */
#if _MIPS_SIM == _MIPS_SIM_ABI32
_Static_assert(__builtin_offsetof(struct ucontext, uc_mcontext) == 24, "uc");
_Static_assert(__builtin_offsetof(struct sigcontext, sc_regs) == 16, "sc");
_Static_assert(__builtin_offsetof(struct sigcontext, sc_fpregs) == 272, "sc");
_Static_assert(__builtin_offsetof(struct sigcontext, sc_fpc_csr) == 532,
               "sc");
#else
_Static_assert(__builtin_offsetof(struct ucontext, uc_mcontext) == 40, "uc");
_Static_assert(__builtin_offsetof(struct sigcontext, sc_fpregs) == 256, "sc");
_Static_assert(__builtin_offsetof(struct sigcontext, sc_pc) == 576, "sc");
#endif

extern MipsLive mips_live;

/* capture.S */
void mips_sig_entry(int sig, siginfo_t *si, void *uc);
int mips_enter(uintptr_t entry, uintptr_t sp);
void mips_image_done(void);
uint32_t mips_probe_fir(void);
uint32_t mips_probe_msa(void);
uint32_t mips_probe_fr(void);
uint32_t mips_probe_fcsr_write(uint32_t v);
void mips_probe_dsp(void);

/* capture.c: called by the stub; nonzero = reload live state. */
int mips_sig_handler(int sig, siginfo_t *si, struct ucontext *uc);
#endif

#endif
