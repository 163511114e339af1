/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Slow-master image (o32 only): ten checkpoints, each after a 0.3 s
 * nanosleep, so a live master that sent records only when a 64 KiB chunk
 * fills would leave the apprentice without data for 3 s.  mips-tests.sh
 * runs it live with --timeout 2: the master must flush by time.
 */
#include <asm/sgidefs.h>
#include <asm/unistd.h>

#if _MIPS_SIM != _MIPS_SIM_ABI32
#error "slow.S is o32 only"
#endif

#define CHECKPOINT .word 0x00000039
#define OPTRAP(op, reg, imm) .word 0x0000003d; .word (op) | ((reg) << 8); .word (imm)
#define TESTEND 1
#define SETADDR 5

    .text
    .set noreorder
    .set noat
    .globl start
start:
    OPTRAP(SETADDR, 16, ts - start)     /* s0 = &ts (in the image) */
    .rept 10
    move $4, $16
    move $5, $0
    li $2, __NR_nanosleep
    syscall
    CHECKPOINT
    .endr
    OPTRAP(TESTEND, 0, 0)
ts:
    .word 0, 300000000                  /* struct timespec: 0.3 s */
