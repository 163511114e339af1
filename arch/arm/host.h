/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ARM host face internals shared by host.c and repro.c. */
#ifndef ARCH_ARM_HOST_H
#define ARCH_ARM_HOST_H

#include "arch/host.h"

int arm_repro_slot_a32(unsigned slot);
int arm_repro_slot_a64(unsigned slot);
void arm_repro_syscalls_a32(ArchOut *o);
void arm_repro_syscalls_a64(ArchOut *o);
void arm_repro_asm_a32(ArchOut *o, const ArchReproCode *c);
void arm_repro_asm_t32(ArchOut *o, const ArchReproCode *c);
void arm_repro_asm_a64(ArchOut *o, const ArchReproCode *c);

#endif
