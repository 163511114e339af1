/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * C half of the process entry, shared by every target: the arch's
 * _start (arch/<a>/start*.S) passes the initial stack pointer, where the
 * kernel left argc, argv[], envp[] and the aux vector.  Keep the page
 * size (MIPS kernels run with 4K, 16K or 64K pages), AT_HWCAP/AT_HWCAP2
 * (FPU, MSA, MMI, VFP, Neon, SVE features) and AT_PLATFORM (the AArch32
 * architecture level), then run main.
 */
#include <linux/auxvec.h>
#include "runner/rt/rt.h"

unsigned long rt_pagesize;
unsigned long rt_hwcap;
unsigned long rt_hwcap2;
const char *rt_platform;

_Noreturn void rt_start_c(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    unsigned long *aux;

    rt_environ = envp;
    while (*envp) {
        envp++;
    }
    for (aux = (unsigned long *)(envp + 1); aux[0] != AT_NULL; aux += 2) {
        switch (aux[0]) {
        case AT_PAGESZ:
            rt_pagesize = aux[1];
            break;
        case AT_PLATFORM:
            rt_platform = (const char *)aux[1];
            break;
        case AT_HWCAP:
            rt_hwcap = aux[1];
            break;
        case AT_HWCAP2:
            rt_hwcap2 = aux[1];
            break;
        }
    }
    rt_exit(risu_main(argc, argv));
}
