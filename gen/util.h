/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risugen's error reporting (with the clean-up that removes a partial
 * image); the host utility layer (allocation, strings, files, text)
 * comes from tools/lib.
 */
#ifndef GEN_UTIL_H
#define GEN_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tools/lib/util.h"

/* Exit status for usage and input errors (unknown arch, bad pattern...). */
#define GEN_EXIT_USAGE 2

/*
 * Cleanup hook run before an error exit (removes the temporary output
 * file so no partial image is left behind).
 */
void gen_set_cleanup(void (*fn)(void));
/* "risugen: error: ..." on stderr, cleanup, exit(GEN_EXIT_USAGE). */
void gen_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
/* Same, exit status given (1 for I/O and internal failures). */
void gen_fatal_status(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));
/*
 * While a trap is set, gen_fatal returns to it (longjmp) with its
 * message instead of exiting: risu-trace parses the options an image
 * recorded with risugen's own rules and must survive bad ones.  The
 * trap is cleared when it fires.
 */
typedef struct GenTrap {
    jmp_buf jb;
    char msg[4096];
} GenTrap;
void gen_trap_set(GenTrap *t);
void gen_trap_clear(void);
bool gen_trapping(void);
void gen_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Ends risugen when memory runs out (for xalloc_set_failure). */
void gen_out_of_memory(void) __attribute__((noreturn));

#endif
