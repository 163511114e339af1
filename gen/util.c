/* SPDX-License-Identifier: GPL-2.0-or-later */
/* risugen error reporting; see util.h. */
#include "gen/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void (*cleanup_fn)(void);
static GenTrap *trap;

void gen_trap_set(GenTrap *t)
{
    trap = t;
}

void gen_trap_clear(void)
{
    trap = NULL;
}

bool gen_trapping(void)
{
    return trap != NULL;
}

void gen_set_cleanup(void (*fn)(void))
{
    cleanup_fn = fn;
}

static _Noreturn void vfatal(int status, const char *fmt, va_list ap)
{
    char msg[4096];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    if (trap) {
        GenTrap *t = trap;
        trap = NULL;
        snprintf(t->msg, sizeof(t->msg), "%s", msg);
        longjmp(t->jb, 1);
    }
    /* "file:line: error: ..." diagnostics already say what they are. */
    fprintf(stderr, "%s%s\n",
            strstr(msg, ": error: ") ? "" : "risugen: error: ", msg);
    if (cleanup_fn) {
        void (*fn)(void) = cleanup_fn;
        cleanup_fn = NULL;
        fn();
    }
    /* Error exits leave their allocations to the kernel: _exit keeps
     * LeakSanitizer from reporting them (stdout is flushed first). */
    fflush(NULL);
    _exit(status);
}

void gen_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfatal(GEN_EXIT_USAGE, fmt, ap);
    va_end(ap);
}

void gen_fatal_status(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfatal(status, fmt, ap);
    va_end(ap);
}

void gen_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("risugen: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void gen_out_of_memory(void)
{
    gen_fatal_status(1, "out of memory");
}
