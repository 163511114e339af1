/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Naming the memory access behind a divergence in the runner's report
 * (runner/access.c).
 */
#ifndef RISU_ACCESS_H
#define RISU_ACCESS_H

#include <stdint.h>
#include "format/trace.h"

/*
 * When ref and got took different signals (number, si_code or address)
 * and one is SIGBUS or SIGSEGV,
 * print what the instruction accessed (size bytes, pattern alignment
 * align, from the image's mem= metadata) and what each side did; ref_who
 * names the reference's recorder (may be NULL).  Prints nothing else.
 */
void risu_explain_access(const RisuState *ref, const RisuState *got,
                         uint32_t size, uint32_t align, const char *ref_who,
                         RisuPrintFn pr, void *opaque);

#endif
