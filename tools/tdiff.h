/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trace comparison for `risu-trace diff` (and shrink's "does it still
 * diverge?").  Two traces of the same image, recorded independently, are
 * compared checkpoint by checkpoint.  After a divergence B carries wrong
 * values that A does not; comparing raw states would then report them
 * again at every later checkpoint.  diff_step therefore resynchronises
 * as the runner's --keep-going does, by adopting A's state: B's result
 * at checkpoint k is taken to be A's state at k-1 with exactly the bits
 * that B changed from k-1 to k applied on top (B_hat).  A register is a
 * new divergence when A and B differ at k and A differs from B_hat; one
 * that differs only because of an earlier divergence is "carried".
 * Signals and the instruction are compared as recorded at each
 * checkpoint (they are not state).
 */
#ifndef TOOLS_TDIFF_H
#define TOOLS_TDIFF_H

#include <stdbool.h>
#include "format/state.h"
#include "arch/archtab.h"

typedef struct StepDiff {
    bool control;         /* op or pc offset differ: traces out of step */
    bool insn;            /* instruction word differs */
    bool features;
    bool signal;
    int nregs;            /* new register divergences (indices) */
    int ncarried;         /* differing only because of earlier ones */
    int *regs;
    int *carried;
} StepDiff;

/* regs/carried arrays of arch->nregs entries. */
void diff_init(StepDiff *d, const RisuArchDesc *arch);
void diff_free(StepDiff *d);
/*
 * Compare checkpoint a/b given the previous checkpoint of each side (the
 * all-zero entry state before the first).
 */
void diff_step(const RisuArchDesc *arch, const ArchHost *ta,
               const RisuState *pa, const RisuState *pb,
               const RisuState *a, const RisuState *b, StepDiff *d);
bool diff_any(const StepDiff *d);
/* Is register r captured in st (all its feature bits present)? */
bool diff_present(const RisuRegDesc *r, const RisuState *st);

#endif
