/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MIPS checkpoint traps.  Both are reserved SPECIAL function codes that
 * raise SIGILL on every R2, R6 and Loongson model (measured under QEMU
 * 7.2 and documented on hardware).  SDBBP aborts QEMU and break/teq codes
 * 6 and 7 become SIGFPE on a real kernel but SIGTRAP under QEMU, so none
 * of those are used.
 */
#ifndef ARCH_MIPS_TRAP_H
#define ARCH_MIPS_TRAP_H

#define MIPS_TRAP_CHECKPOINT 0x00000039u /* SPECIAL, funct 0x39 */
#define MIPS_TRAP_OP 0x0000003Du         /* SPECIAL, funct 0x3d; + d0 d1 */

#endif
