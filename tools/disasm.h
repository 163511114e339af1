/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Capstone 4 wrapper: one handle per target (arch, mode and byte order
 * from the host face, arch/host.h), one instruction at a time.  Capstone gaps (Loongson
 * MMI/EXT, which it reads as other instructions; SVE; some R6) are left
 * to the caller, which shows our decoder's pattern name next to it.
 */
#ifndef TOOLS_DISASM_H
#define TOOLS_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arch/archtab.h"

typedef struct Disasm Disasm;

/* NULL when capstone has no mode for the arch (unknown layouts). */
Disasm *dis_open(const ArchHost *a);
void dis_close(Disasm *d);
/*
 * Disassemble a recorded instruction value at image offset addr into
 * "mnemonic operands".  Returns false (and "(unknown)" in out) if
 * capstone cannot decode it.
 */
bool dis_insn(Disasm *d, uint32_t insn, uint64_t addr, char *out,
              size_t outlen);

#endif
