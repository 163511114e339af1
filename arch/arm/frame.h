/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the ARM handlers see: the kernel's ucontext and the records in
 * it, plus the entry/exit stubs (capture-a32.S, capture-a64.S).
 *
 * AArch32: the ucontext is not in the UAPI headers (it lives in the
 * kernel's arch/arm/include/asm/ucontext.h), so the layout is written out
 * here and pinned by static assertions: sigcontext at +20, a 128-byte
 * signal mask, then uc_regspace (8-byte aligned, +232) holding records
 * {magic, size}; the VFP one (magic 0x56465001, 288 bytes) has d0-d31,
 * FPSCR, then FPEXC/FPINST/FPINST2.  QEMU 7.2 and Linux both write it,
 * and both reload d0-d31 and FPSCR from it at sigreturn.
 *
 * AArch64: the UAPI headers have everything (<asm/sigcontext.h>:
 * fpsimd_context, sve_context, extra_context and the SVE_SIG_* offsets).
 */
#ifndef ARCH_ARM_FRAME_H
#define ARCH_ARM_FRAME_H

#include <stdint.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <asm/sigcontext.h>

#ifdef __aarch64__
#include <asm/ucontext.h>
typedef struct ucontext ArmUcontext;
#else
typedef struct ArmUcontext {
    unsigned long uc_flags;
    void *uc_link;
    struct {
        void *ss_sp;
        int ss_flags;
        unsigned long ss_size;
    } uc_stack;
    struct sigcontext uc_mcontext;
    unsigned long uc_sigmask[32];   /* sigset_t + padding to 128 bytes */
    uint64_t uc_regspace[64];       /* 128 longs, 8-byte aligned */
} ArmUcontext;

typedef struct ArmVfpRecord {
    uint32_t magic;
    uint32_t size;
    uint64_t fpregs[32];
    uint32_t fpscr;
    uint32_t pad;
    uint32_t fpexc;
    uint32_t fpinst;
    uint32_t fpinst2;
    uint32_t pad2;
} ArmVfpRecord;

#define ARM_VFP_MAGIC 0x56465001u

_Static_assert(__builtin_offsetof(ArmUcontext, uc_mcontext) == 20, "uc");
_Static_assert(__builtin_offsetof(ArmUcontext, uc_regspace) == 232, "uc");
_Static_assert(sizeof(struct sigcontext) == 84, "sc");
_Static_assert(__builtin_offsetof(ArmVfpRecord, fpscr) == 264, "vfp");
_Static_assert(sizeof(ArmVfpRecord) == 288, "vfp");
#endif

/* CPSR bits the handler manipulates (ARM ARM, "The CPSR"). */
#define ARM_CPSR_T (1u << 5)
#define ARM_CPSR_IT_LO (3u << 25)       /* IT[1:0] */
#define ARM_CPSR_IT_HI (0x3fu << 10)    /* IT[7:2] */

/* capture-a32.S / capture-a64.S */
extern const uint32_t arm_enter_trap[];
int arm_enter(void);
void arm_image_done(void);
void arm_sigreturn(void);

/* Kernel sigaction (generic layout with a restorer). */
typedef struct KSigaction {
    void (*handler)(int, siginfo_t *, void *);
    unsigned long flags;
    void (*restorer)(void);
    uint32_t mask[2];
} KSigaction;

#endif
