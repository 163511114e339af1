/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reporting one divergence between two traces, as text or JSON (the
 * schema is in docs/host-tools.md): checkpoint, image offset, word,
 * disassembly, pattern and fields, every differing register by name with
 * both values (FP also as numbers, vectors also per lane), signals, the
 * code of the checkpoint's unit and the preceding instructions.
 */
#ifndef TOOLS_DIVREP_H
#define TOOLS_DIVREP_H

#include <stdint.h>
#include <stdio.h>
#include "tools/lib/json.h"
#include "tools/tctx.h"
#include "tools/tdiff.h"

typedef struct HistEnt {
    uint64_t idx;
    uint32_t pc, insn, prev_end;
} HistEnt;

typedef struct Divergence {
    int number;                 /* 1-based */
    const char *kind;           /* "state", "control", "end" */
    uint64_t ia, ib;            /* checkpoint index in A and in B */
    const RisuState *a, *b;     /* b NULL for "end" when B has no record */
    const RisuState *pa, *pb;
    const StepDiff *sd;
    const HistEnt *hist;        /* preceding checkpoints of A, oldest first */
    int nhist;
    uint32_t prev_end;          /* end of A's previous trap */
    const char *note;           /* "end": which trace stops where */
    const uint8_t *mem_a, *mem_b; /* memory blocks of a COMPAREMEM record
                                     (trace format 2), else NULL */
} Divergence;

void divrep_text(TCtx *c, const RisuArchDesc *arch, const Divergence *dv,
                 FILE *f);
void divrep_json(TCtx *c, const RisuArchDesc *arch, const Divergence *dv,
                 JsonW *j);
/*
 * Operand registers (operands.h) that already differed at the previous
 * checkpoint; 0 means the instruction diverged from equal operands.
 */
int div_inputs_differ(TCtx *c, const RisuArchDesc *arch,
                      const Divergence *dv, int *out, int max);
/* The operands that already differed, whether or not the signal differs. */
int div_operands_before(TCtx *c, const RisuArchDesc *arch,
                        const Divergence *dv, int *out, int max);
/* One-line summary: "checkpoint 7, SRA 0x00196143 at +0x3c8: t1 ..." */
/*
 * A record that ended its run abnormally (RISU_OP_ESCAPE, _WATCHDOG) in
 * words, the word disassembled, appended to b; false for other records.
 */
bool divrep_end_text(TCtx *c, const RisuState *st, StrBuf *b);
void divrep_line(TCtx *c, const RisuArchDesc *arch, const Divergence *dv,
                 char *out, size_t outlen);

#endif
