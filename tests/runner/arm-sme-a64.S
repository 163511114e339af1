/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SME image for the aarch64 runner (metadata features=sme, so the
 * runner uses the arm64l layout): PSTATE.ZA and PSTATE.SM on and off,
 * ZA written by LDR (ZA array vector), MOVA and FMOPA, read back by
 * MOVA, cleared by ZERO.  arm-tests.sh checks SVCR, VL and the ZA rows
 * at each checkpoint of a --dump:
 *   0 svcr 0            4 svcr 3, za.r5 = 0x11..
 *   1 svcr 2 (ZA)       5 z3 = za.r2 (MOVA from ZA)
 *   2 za.r2 = block     6 FMOPA writes za1.s rows (1, 5, 9 ...)
 *   3 svcr 3 (SM), vl = SVL; 7 svcr 2; 8 ZA all zero; 9 svcr 0
 * TPIDR2_EL0 is 0x5a5a at checkpoints 0-3 and 0xa5a5 from 4 on.
 * Build: aarch64-linux-gnu-gcc -c; objcopy -O binary -j .text.
 */
#define CHECKPOINT .inst 0x00005af0
#define OPTRAP(op, reg, imm) .inst 0x00005af1; .word (op) | ((reg) << 8); \
    .word (imm)
#define TESTEND 1
#define SETMEM 2
#define MEMINIT 6

    .arch armv9-a+sme
    .text
    OPTRAP(MEMINIT, 0, 1234)
    OPTRAP(SETMEM, 1, 0)
    mov     x0, #0x11
    mov     x2, #0x5a5a
    msr     S3_3_C13_C0_5, x2
    CHECKPOINT
    smstart za
    CHECKPOINT
    mov     w12, #2
    ldr     za[w12, 0], [x1]
    CHECKPOINT
    smstart sm
    CHECKPOINT
    ptrue   p0.b
    dup     z1.b, w0
    mov     w12, #5
    mova    za0h.b[w12, 0], p0/m, z1.b
    mov     x2, #0xa5a5
    msr     S3_3_C13_C0_5, x2
    CHECKPOINT
    mov     w12, #2
    mova    z3.b, p0/m, za0h.b[w12, 0]
    CHECKPOINT
    fmov    z2.s, #1.0
    fmopa   za1.s, p0/m, p0/m, z2.s, z2.s
    CHECKPOINT
    smstop  sm
    CHECKPOINT
    zero    {za}
    CHECKPOINT
    smstop
    CHECKPOINT
    OPTRAP(TESTEND, 0, 0)
