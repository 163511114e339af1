/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MIPS host face internals shared by host.c and repro.c. */
#ifndef ARCH_MIPS_HOST_H
#define ARCH_MIPS_HOST_H

#include "arch/host.h"

int mips_repro_slot(unsigned slot);
void mips_repro_syscalls_o32(ArchOut *o);
void mips_repro_syscalls_n64(ArchOut *o);
void mips_repro_syscalls_r6_o32(ArchOut *o);
void mips_repro_syscalls_r6_n64(ArchOut *o);
void mips_repro_asm_o32(ArchOut *o, const ArchReproCode *c);
void mips_repro_asm_o32be(ArchOut *o, const ArchReproCode *c);
void mips_repro_asm_n64(ArchOut *o, const ArchReproCode *c);
void mips_repro_asm_n64be(ArchOut *o, const ArchReproCode *c);

#endif
