/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ARM capture, the parts AArch32 and AArch64 share: signal set-up, the
 * si_code normalisation, checkpoint bookkeeping.  Everything compared is
 * read from the signal frame and written back into it (QEMU 7.2 and
 * Linux both reload every captured register from the frame at
 * sigreturn), so there is no assembly signal stub as on MIPS.  See
 * docs/arm-capture.md.
 */
#include <asm/unistd.h>
#include "arch/arm/arch.h"
#include "arch/arm/capture.h"
#include "runner/load.h"
#include "runner/rt/rt.h"
#include "format/trace.h"

#ifndef RISU_VARIANT
#define RISU_VARIANT "arm"
#endif

#define ARM_SA_SIGINFO 0x00000004ul
#define ARM_SA_ONSTACK 0x08000000ul
#define ARM_SA_RESTORER 0x04000000ul

/* Counts nesting for the escape guard (risu_guard). */
static void arm_sig_handler(int sig, siginfo_t *si, void *uc)
{
    risu_handler_enter();
    arm_handle_signal(sig, si, uc);
    risu_handler_leave();
}

static int install(int sig, int ignore)
{
    KSigaction sa;

    memset(&sa, 0, sizeof(sa));
    if (ignore) {
        sa.handler = (void (*)(int, siginfo_t *, void *))1; /* SIG_IGN */
    } else {
        sa.flags = ARM_SA_SIGINFO | ARM_SA_ONSTACK | ARM_SA_RESTORER;
        sa.handler = arm_sig_handler;
        sa.restorer = arm_sigreturn;
        memset(sa.mask, 0xff, sizeof(sa.mask));
        sa.mask[0] &= ~rt_fault_sigs();
    }
    return RT_SYS4(__NR_rt_sigaction, sig, &sa, 0, sizeof(sa.mask));
}

int risu_arch_init(RisuRun *run, char *why, size_t whylen)
{
    if (rt_trap_signals(install, why, whylen) < 0) {
        return -1;
    }
    risu_compare_set_si_code_norm(risu_arm_si_code_norm);
    return arm_probe(run, why, whylen);
}

void risu_arch_run(RisuRun *run)
{
    arm_enter();
}

const char *risu_arch_variant(void)
{
    return RISU_VARIANT;
}

int risu_arch_feature(const RisuRun *run, const char *name)
{
    return arm_feature(run, name);
}

void arm_cp_begin(RisuState *st, uint32_t op, uint32_t off, uint32_t insn,
                  const RisuSpans *sp)
{
    RisuRun *run = &risu_run;

    /* Slots outside the spans keep their values (format/state.h). */
    if (!sp) {
        memset(st->slot, 0, run->arch->nslots * sizeof(st->slot[0]));
    }
    for (int i = 0; sp && i < sp->n; i++) {
        memset(st->slot + sp->lo[i], 0,
               (sp->hi[i] - sp->lo[i]) * sizeof(st->slot[0]));
    }
    st->op = op;
    st->pc_off = off;
    st->insn = insn;
    st->signo = run->sig_no;
    st->si_code = run->sig_code;
    st->fault_flags = run->sig_flags;
    st->fault_addr = run->sig_addr;
    st->features = run->caps;
    run->sig_no = run->sig_code = 0;
    run->sig_flags = 0;
    run->sig_addr = 0;
}
