/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Naming a memory divergence in the runner's report (runner/memreport.c).
 */
#ifndef RISU_MEMREPORT_H
#define RISU_MEMREPORT_H

#include <stdint.h>
#include "format/trace.h"
#include "runner/load.h"

/*
 * The reference's block `ref` against this run's `got`: the differing
 * ranges (risu_report_memdiff), then the memory instructions the image
 * metadata (mem=) knows between image offsets `from` (the previous
 * COMPAREMEM, 0 for none) and `to` (this one): the words that could
 * have written there.  Prints nothing if the blocks are equal.
 */
void risu_report_mem(const RisuImage *img, const uint8_t *ref,
                     const uint8_t *got, uint32_t from, uint32_t to,
                     RisuPrintFn pr, void *opaque);

#endif
