/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which captured registers an instruction involves, from its pattern's
 * `reg` roles plus the implicit state its kind reads (FP control for FP
 * operands, the memory block for memory patterns, HI/LO for the MIPS
 * accumulator instructions).  Roles do not say source or destination,
 * so this is the set of operands, a superset of the inputs.
 *
 * diff uses it to tell a divergence whose operands were equal on both
 * sides (the instruction itself behaves differently) from one whose
 * operands already differed (it may only carry an earlier divergence on;
 * two independently recorded traces cannot tell more, unlike the
 * runner's --keep-going, which re-executes from the adopted state).
 */
#ifndef TOOLS_OPERANDS_H
#define TOOLS_OPERANDS_H

#include "format/state.h"
#include "tools/tctx.h"

/* Layout register indices (at most max); -1 when operands are unknown. */
int insn_operands(const TCtx *c, const RisuArchDesc *arch,
                  const InsnInfo *ii, int *out, int max);

#endif
