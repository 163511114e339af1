/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ARM checkpoint traps: permanently undefined encodings (UDF), which
 * raise SIGILL on every ARMv7/v8 CPU and under QEMU.
 *   A32   CHECKPOINT 0xe7fe5af0 (UDF #0xe5a0)  OPTRAP 0xe7fe5af1 (UDF #0xe5a1)
 *   A64   CHECKPOINT 0x00005af0 (UDF #0x5af0)  OPTRAP 0x00005af1 (UDF #0x5af1)
 *   Thumb CHECKPOINT 0xde5a     (UDF #0x5a)    OPTRAP 0xde5b     (UDF #0x5b)
 * The checkpoint words are Linaro RISU's; each OPTRAP is the next UDF
 * immediate.  OPTRAP is followed by two 32-bit data words (little-endian);
 * in Thumb they need only halfword alignment.
 */
#ifndef ARCH_ARM_TRAP_H
#define ARCH_ARM_TRAP_H

#define ARM_TRAP_CHECKPOINT 0xe7fe5af0u
#define ARM_TRAP_OP 0xe7fe5af1u
#define A64_TRAP_CHECKPOINT 0x00005af0u
#define A64_TRAP_OP 0x00005af1u
#define THUMB_TRAP_CHECKPOINT 0xde5au
#define THUMB_TRAP_OP 0xde5bu

#endif
