/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark image for the aarch64 runner: 100000 instructions (integer,
 * FP and SIMD), each followed by a checkpoint, over registers that
 * change every step so the trace encodes real register deltas.  Used by
 * `make bench-runner-arm` and the dead-peer tests.
 */
#define CHECKPOINT .inst 0x00005af0
    .text
    .globl start
start:
    movz x8, #0x5678
    movk x8, #0x1234, lsl #16
    movz x9, #0xdef0
    movk x9, #0x9abc, lsl #16
    mov x10, #3
    fmov d1, #1.0
    movi v3.4s, #7
    .rept 12500
    add x8, x8, x9
    CHECKPOINT
    eor x9, x9, x8
    CHECKPOINT
    lsl x11, x8, #3
    CHECKPOINT
    sub x12, x11, x10
    CHECKPOINT
    fadd d0, d0, d1
    CHECKPOINT
    add v2.4s, v2.4s, v3.4s
    CHECKPOINT
    orr x13, x12, x9
    CHECKPOINT
    add x10, x10, #1
    CHECKPOINT
    .endr
    .inst 0x00005af1
    .word 1
    .word 0
