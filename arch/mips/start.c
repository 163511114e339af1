/*
 * C half of the process entry: split the initial stack into argc, argv,
 * the environment and the aux vector (for the page size: MIPS kernels
 * run with 4K, 16K or 64K pages), then run main.
 */
#include "runner/rt/rt.h"

int risu_main(int argc, char **argv);
_Noreturn void rt_start_c(long *sp);

unsigned long rt_pagesize;
unsigned long rt_hwcap;

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
        if (aux[0] == 6 /* AT_PAGESZ */) {
            rt_pagesize = aux[1];
        } else if (aux[0] == 16 /* AT_HWCAP */) {
            rt_hwcap = aux[1];
        }
    }
    rt_exit(risu_main(argc, argv));
}
