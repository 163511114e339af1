/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark image: 100000 ALU instructions, each followed by a
 * checkpoint, over registers that change every step (so the trace
 * encodes real register deltas).  Used by `make bench-runner`.
 */
#define CHECKPOINT .word 0x00000039
    .text
    .set noreorder
    .set noat
    .globl start
start:
    li $8, 0x12345678
    li $9, 0x9abcdef0
    li $10, 3
    .rept 12500
    addu $8, $8, $9
    CHECKPOINT
    xor $9, $9, $8
    CHECKPOINT
    sll $11, $8, 3
    CHECKPOINT
    subu $12, $11, $10
    CHECKPOINT
    or $13, $12, $9
    CHECKPOINT
    srl $14, $13, 7
    CHECKPOINT
    and $15, $14, $8
    CHECKPOINT
    addiu $10, $10, 1
    CHECKPOINT
    .endr
    .word 0x0000003d
    .word 1
    .word 0
