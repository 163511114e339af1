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

/*
 * microMIPS (arch/mips/isamode.h): 16-bit words of the reserved major
 * opcodes 110001 and 111001 (the microMIPS32 opcode table's reserved
 * 16-bit rows of column 001, next to POOL16F; the other bits are free).
 * Per the microMIPS32 manual a reserved opcode raises Reserved
 * Instruction, i.e. SIGILL on Linux.  Measured under qemu-mips and
 * qemu-mipsel 7.2 on M14K and M14Kc: SIGILL for 0xc400, 0xc7ff, 0xe400,
 * 0xe7ff (and for 0xa400, opcode 101001, the third such row), while
 * MOVE16 (0x0c00) runs.  Not BREAK16/SDBBP16 for the reasons above.
 * OPTRAP data words follow the 16-bit trap, 2-byte aligned.
 */
#define MIPS_UMIPS_TRAP_CHECKPOINT 0xc400u
#define MIPS_UMIPS_TRAP_OP 0xe400u

#endif
