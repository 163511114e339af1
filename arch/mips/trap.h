/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MIPS checkpoint traps.  Both are reserved SPECIAL function codes that
 * raise SIGILL on every R2, R6 and Loongson model (measured under QEMU
 * 7.2 and documented on hardware).  SDBBP aborts QEMU and break/teq codes
 * 6 and 7 become SIGFPE on a real kernel but SIGTRAP under QEMU, so none
 * of those are used.
 *
 * MIPS16e: two 16-bit RR-format words the MIPS16e ASE manual (MD00076)
 * marks reserved on every implementation, 32- and 64-bit alike (not the
 * 64-bit-only neighbours such as DSRL or ZEW, which a MIPS64 core runs):
 *   CHECKPOINT 0xe815  RR, minor opcode 10101
 *   OPTRAP     0xe871  RR minor opcode CNVT (10001), ry = 011: between
 *                      ZEW (010) and SEB (100)
 * rx = 0.  RR minor 01001 (0xe809) is left alone although MIPS16e
 * reserves it: it was ENTRY/EXIT in the original MIPS16 ASE and GNU
 * objdump still prints it so.  SDBBP (RR 00001) and BREAK (RR 00101) are
 * out for the reasons above.  Measured with
 *   tests/arch/mips/qemu-word.sh mips16el|mips16 CPU 0xe815|0xe871
 * on 4Km 4KEmR1 4KEm 24Kc 24KEc 24Kf 34Kf 74Kf (QEMU 7.2, both byte
 * orders): SIGILL on all 32 runs, while 0x6500 (nop) runs; objdump -m
 * mips:16 prints both as .short.  Not checked against MIPS16e2, which
 * no QEMU 7.2 model implements.  The OPTRAP data words (d0 d1) follow at
 * halfword alignment.
 */
#ifndef ARCH_MIPS_TRAP_H
#define ARCH_MIPS_TRAP_H

#define MIPS_TRAP_CHECKPOINT 0x00000039u /* SPECIAL, funct 0x39 */
#define MIPS_TRAP_OP 0x0000003Du         /* SPECIAL, funct 0x3d; + d0 d1 */
#define MIPS16_TRAP_CHECKPOINT 0xe815u   /* RR, minor 10101 */
#define MIPS16_TRAP_OP 0xe871u           /* RR CNVT, ry 3; + d0 d1 */

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
