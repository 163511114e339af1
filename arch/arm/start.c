/*
 * C half of the process entry (armhf and aarch64): split the initial
 * stack into argc, argv, the environment and the aux vector (page size,
 * AT_HWCAP/AT_HWCAP2 for the FPU/Neon/SVE features, AT_PLATFORM for the
 * AArch32 architecture level), then run main.  Also the two symbols
 * Debian's libz.a expects from a libc (-fstack-protector code).
 */
#include "runner/rt/rt.h"

int risu_main(int argc, char **argv);
_Noreturn void rt_start_c(long *sp);

unsigned long rt_pagesize;
unsigned long rt_hwcap;
unsigned long rt_hwcap2;
const char *rt_platform;

uintptr_t __stack_chk_guard = 0x5a5af00du;
_Noreturn void __stack_chk_fail(void);

_Noreturn void __stack_chk_fail(void)
{
    rt_write_all(2, "risu: stack smashing detected\n", 30);
    rt_exit(2);
}

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
    for (aux = (unsigned long *)(envp + 1); aux[0]; aux += 2) {
        switch (aux[0]) {
        case 6:     /* AT_PAGESZ */
            rt_pagesize = aux[1];
            break;
        case 15:    /* AT_PLATFORM */
            rt_platform = (const char *)aux[1];
            break;
        case 16:    /* AT_HWCAP */
            rt_hwcap = aux[1];
            break;
        case 26:    /* AT_HWCAP2 */
            rt_hwcap2 = aux[1];
            break;
        }
    }
    rt_exit(risu_main(argc, argv));
}

/* libgcc's EABI division helpers call raise(SIGFPE) on division by 0. */
int raise(int sig);

int raise(int sig)
{
    return rt_kill(rt_getpid(), sig);
}
