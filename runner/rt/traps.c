/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Signal routing shared by every architecture: the kernel's sigaction
 * layout differs per arch, so the arch supplies install(); the sequence
 * around it is the same everywhere.
 */
#include <asm/signal.h>
#include <asm/unistd.h>
#include "runner/rt/rt.h"

/* Handlers run here so a test image's sp never matters to delivery. */
static unsigned char altstack[128 * 1024] __attribute__((aligned(16)));

unsigned long rt_fault_sigs(void)
{
    return 1ul << (SIGILL - 1) | 1ul << (SIGTRAP - 1) | 1ul << (SIGFPE - 1) |
           1ul << (SIGSEGV - 1) | 1ul << (SIGBUS - 1);
}

int rt_trap_signals(int (*install)(int sig, int ignore), char *why,
                    size_t whylen)
{
    /* SIGALRM: the per-checkpoint watchdog (risu_watchdog). */
    static const int sigs[] = { SIGILL, SIGTRAP, SIGFPE, SIGSEGV, SIGBUS,
                                SIGALRM };
    stack_t ss;

    ss.ss_sp = altstack;
    ss.ss_size = sizeof(altstack);
    ss.ss_flags = 0;
    if (RT_SYS2(__NR_sigaltstack, &ss, 0) < 0) {
        rt_snprintf(why, whylen, "sigaltstack failed");
        return -1;
    }
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        if (install(sigs[i], 0) < 0) {
            rt_snprintf(why, whylen, "rt_sigaction(%d) failed", sigs[i]);
            return -1;
        }
    }
    /* A vanished peer must give EPIPE, not kill the runner. */
    install(SIGPIPE, 1);
    return 0;
}
