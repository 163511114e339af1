/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The floor under a checkpoint (make bench-floor-arm, arm-floor-a64.c):
 *
 * floor_traps: FLOOR_BLOCK checkpoint trap words (A64_TRAP_CHECKPOINT,
 * SIGILL under QEMU 7.2), the handler only steps over them, so each one
 * costs exactly QEMU's signal delivery plus sigreturn.
 *
 * floor_stubs: the same number of checkpoints with no signal: each trap
 * word is replaced by a branch to its own stub, which saves every
 * register a capture needs (x0-x30, sp, NZCV, FPSR, FPCR and V0-V31, or
 * with SVE Z0-Z31, P0-P15 and FFR at the current VL) into a save area,
 * calls floor_capture (empty: the floor, not a runner), restores it all
 * and branches back.  x0 is freed through TPIDR_EL0, which a freestanding
 * runner owns, so no register or flag of the test code changes.
 */
    .arch armv8.2-a+sve

#define FLOOR_BLOCK 64
#define FLOOR_ONCE 16384
#define SAVE_X      0           /* x0..x30 */
#define SAVE_SP     248
#define SAVE_NZCV   256
#define SAVE_FPSR   264
#define SAVE_FPCR   272
#define SAVE_V      288         /* 32 x 16 bytes */
#define SAVE_Z      1824        /* 32 x VL, then 17 x VL/8 (P0-P15, FFR) */

    .text
/* void floor_traps(long loops) */
    .globl floor_traps
    .type floor_traps, %function
floor_traps:
1:
    .rept FLOOR_BLOCK
    .inst 0x00005af0
    .endr
    subs    x0, x0, #1
    b.ne    1b
    ret
    .size floor_traps, . - floor_traps

/*
 * floor_traps_once / floor_stubs_once: FLOOR_ONCE checkpoints, each
 * behind a NOP (the "test instruction"), all different code run once,
 * as in a generated image: QEMU translates every block, which a loop
 * hides.
 */
    .globl floor_traps_once
    .type floor_traps_once, %function
floor_traps_once:
    .rept FLOOR_ONCE
    nop
    .inst 0x00005af0
    .endr
    ret
    .size floor_traps_once, . - floor_traps_once

/* void floor_stubs(long loops, int sve) */
    .globl floor_stubs
    .type floor_stubs, %function
floor_stubs:
    adrp    x2, floor_sve
    str     w1, [x2, :lo12:floor_sve]
    .altmacro
    .macro site k
    b       stub_\k
ret_\k:
    .endm
    .set    k, 0
1:
    .rept FLOOR_BLOCK
    site    %(k)
    .set    k, k + 1
    .endr
    subs    x0, x0, #1
    b.ne    1b
    ret

/* One stub per checkpoint: it knows where to go back to. */
    .macro stub k
stub_\k:
    msr     tpidr_el0, x0
    adrp    x0, floor_save
    add     x0, x0, :lo12:floor_save
    str     x30, [x0, #SAVE_X + 8 * 30]
    bl      floor_common
    ldr     x30, [x0, #SAVE_X + 8 * 30]
    ldr     x0, [x0, #SAVE_X]
    b       ret_\k
    .endm
    .set    k, 0
    .rept FLOOR_BLOCK
    stub    %(k)
    .set    k, k + 1
    .endr
    .size floor_stubs, . - floor_stubs

    .globl floor_stubs_once
    .type floor_stubs_once, %function
floor_stubs_once:
    adrp    x2, floor_sve
    str     w1, [x2, :lo12:floor_sve]
    .set    k, FLOOR_BLOCK
    .rept FLOOR_ONCE
    nop
    site    %(k)
    .set    k, k + 1
    .endr
    ret
    .set    k, FLOOR_BLOCK
    .rept FLOOR_ONCE
    stub    %(k)
    .set    k, k + 1
    .endr
    .noaltmacro
    .size floor_stubs_once, . - floor_stubs_once

/*
 * x0 = the save area, the test's x0 in TPIDR_EL0, x30 saved by the stub.
 * Returns with every register as the test left it but x0 and x30.
 */
    .type floor_common, %function
floor_common:
    stp     x1, x2, [x0, #SAVE_X + 8]
    mrs     x1, tpidr_el0
    str     x1, [x0, #SAVE_X]
    stp     x3, x4, [x0, #SAVE_X + 24]
    stp     x5, x6, [x0, #SAVE_X + 40]
    stp     x7, x8, [x0, #SAVE_X + 56]
    stp     x9, x10, [x0, #SAVE_X + 72]
    stp     x11, x12, [x0, #SAVE_X + 88]
    stp     x13, x14, [x0, #SAVE_X + 104]
    stp     x15, x16, [x0, #SAVE_X + 120]
    stp     x17, x18, [x0, #SAVE_X + 136]
    stp     x19, x20, [x0, #SAVE_X + 152]
    stp     x21, x22, [x0, #SAVE_X + 168]
    stp     x23, x24, [x0, #SAVE_X + 184]
    stp     x25, x26, [x0, #SAVE_X + 200]
    stp     x27, x28, [x0, #SAVE_X + 216]
    str     x29, [x0, #SAVE_X + 232]
    mov     x1, sp
    str     x1, [x0, #SAVE_SP]
    mrs     x1, nzcv
    str     x1, [x0, #SAVE_NZCV]
    mrs     x1, fpsr
    str     x1, [x0, #SAVE_FPSR]
    mrs     x1, fpcr
    str     x1, [x0, #SAVE_FPCR]
    mov     x19, x0
    mov     x20, x30
    adrp    x1, floor_sve
    ldr     w1, [x1, :lo12:floor_sve]
    cbnz    w1, 2f
    add     x1, x0, #SAVE_V
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    str     q\r, [x1], #16
    .endr
    .irp r, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    str     q\r, [x1], #16
    .endr
    b       3f
2:  add     x1, x0, #SAVE_Z
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    str     z\r, [x1, #\r, mul vl]
    .endr
    .irp r, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    str     z\r, [x1, #\r, mul vl]
    .endr
    addvl   x1, x1, #16
    addvl   x1, x1, #16
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    str     p\r, [x1, #\r, mul vl]
    .endr
    rdffr   p0.b
    str     p0, [x1, #16, mul vl]
    ldr     p0, [x1, #0, mul vl]
3:
    mov     x0, x19
    bl      floor_capture
    mov     x0, x19
    mov     x30, x20
    adrp    x1, floor_sve
    ldr     w1, [x1, :lo12:floor_sve]
    cbnz    w1, 4f
    add     x1, x0, #SAVE_V
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    ldr     q\r, [x1], #16
    .endr
    .irp r, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ldr     q\r, [x1], #16
    .endr
    b       5f
4:  add     x1, x0, #SAVE_Z
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    ldr     z\r, [x1, #\r, mul vl]
    .endr
    .irp r, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ldr     z\r, [x1, #\r, mul vl]
    .endr
    addvl   x1, x1, #16
    addvl   x1, x1, #16
    ldr     p0, [x1, #16, mul vl]
    wrffr   p0.b
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    ldr     p\r, [x1, #\r, mul vl]
    .endr
5:
    ldr     x1, [x0, #SAVE_FPCR]
    msr     fpcr, x1
    ldr     x1, [x0, #SAVE_FPSR]
    msr     fpsr, x1
    ldr     x1, [x0, #SAVE_NZCV]
    msr     nzcv, x1
    ldr     x1, [x0, #SAVE_SP]
    mov     sp, x1
    ldp     x1, x2, [x0, #SAVE_X + 8]
    ldp     x3, x4, [x0, #SAVE_X + 24]
    ldp     x5, x6, [x0, #SAVE_X + 40]
    ldp     x7, x8, [x0, #SAVE_X + 56]
    ldp     x9, x10, [x0, #SAVE_X + 72]
    ldp     x11, x12, [x0, #SAVE_X + 88]
    ldp     x13, x14, [x0, #SAVE_X + 104]
    ldp     x15, x16, [x0, #SAVE_X + 120]
    ldp     x17, x18, [x0, #SAVE_X + 136]
    ldp     x19, x20, [x0, #SAVE_X + 152]
    ldp     x21, x22, [x0, #SAVE_X + 168]
    ldp     x23, x24, [x0, #SAVE_X + 184]
    ldp     x25, x26, [x0, #SAVE_X + 200]
    ldp     x27, x28, [x0, #SAVE_X + 216]
    ldr     x29, [x0, #SAVE_X + 232]
    ret
    .size floor_common, . - floor_common

/* Process entry: sp holds argc, argv[], envp[], auxv. */
    .globl _start
    .type _start, %function
_start:
    mov     x0, sp
    bl      floor_main
1:  b       1b
    .size _start, . - _start

/* long floor_syscall(a, b, c, d, nr) */
    .globl floor_syscall
    .type floor_syscall, %function
floor_syscall:
    mov     x8, x4
    svc     #0
    ret
    .size floor_syscall, . - floor_syscall

    .globl floor_sigreturn
    .type floor_sigreturn, %function
floor_sigreturn:
    mov     x8, #139            /* __NR_rt_sigreturn */
    svc     #0
    .size floor_sigreturn, . - floor_sigreturn

    .bss
    .p2align 6
floor_save:
    .skip   SAVE_Z + 34 * 256   /* up to 2048-bit vectors */
floor_sve:
    .skip   4

    .section .note.GNU-stack, "", %progbits
