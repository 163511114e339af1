/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sanity image for the armhf runner (like RISU's test_arm.s), assembled
 * as A32, or as Thumb with -DSANITY_THUMB (same source, unified
 * syntax): loads known values into every register class, checkpoints,
 * then raises one signal of each kind a test instruction can raise and
 * exercises every OPTRAP op.  Position independent: data is reached
 * through SETADDR.  tests/runner/arm-sanity.py checks a --dump exactly.
 *
 * Values: r n = 0x01010101 * n ^ 0x80000000 (r0-r12, lr = r14);
 *   d n = (0xc0000000 + n) << 32 | 0x40000000 + n * 0x00110011;
 *   FPSCR 0x53c0009f, APSR 0xa8050000 (N C Q GE=0101), MEMINIT 1234.
 */
    .syntax unified
    .arch armv7-a
    .fpu neon
#ifdef SANITY_THUMB
    .thumb
#define CHECKPOINT .short 0xde5a
#define OPTRAP(op, reg, imm) .short 0xde5b; \
    .short ((op) | ((reg) << 8)) & 0xffff; .short 0; \
    .short (imm) & 0xffff; .short ((imm) >> 16) & 0xffff
#define UDF1 .short 0xde00                      /* UDF #0 (16-bit) */
#define UDF2 .short 0xf7f1, 0xa001              /* UDF.W #0x1001 */
#else
    .arm
#define CHECKPOINT .inst 0xe7fe5af0
#define OPTRAP(op, reg, imm) .inst 0xe7fe5af1; .word (op) | ((reg) << 8); \
    .word (imm)
#define UDF1 .inst 0xe7f000f0                   /* UDF #0 */
#define UDF2 .inst 0xe7f002f2                   /* UDF #0x22 */
#endif
#define TESTEND 1
#define SETMEM 2
#define MEMOFF 3
#define COMPAREMEM 4
#define SETADDR 5
#define MEMINIT 6
#define CODEOFF 7
#define SKIP 8

#define OFF_D 0
#define OFF_R 256
#define OFF_FPSCR 316
#define OFF_APSR 320

#define LD_D(n) vldr d##n, [r12, #(OFF_D + 8 * n)]
#define LD_R(n) ldr r##n, [r12, #(OFF_R + 4 * n)]
#define ALL32(M) \
    M(0); M(1); M(2); M(3); M(4); M(5); M(6); M(7); \
    M(8); M(9); M(10); M(11); M(12); M(13); M(14); M(15); \
    M(16); M(17); M(18); M(19); M(20); M(21); M(22); M(23); \
    M(24); M(25); M(26); M(27); M(28); M(29); M(30); M(31)

    .text
    .globl start
start:
origin:                             /* local: resolved by the assembler */
    OPTRAP(SETADDR, 12, data - start)
    ldr r1, [r12, #OFF_FPSCR]
    vmsr fpscr, r1
    ALL32(LD_D)
    ldr r1, [r12, #OFF_APSR]
    msr APSR_nzcvqg, r1
    LD_R(0); LD_R(1); LD_R(2); LD_R(3); LD_R(4); LD_R(5); LD_R(6)
    LD_R(7); LD_R(8); LD_R(9); LD_R(10); LD_R(11); LD_R(14)
    LD_R(12)
    CHECKPOINT                      /* 0: every register known */

    bkpt #0                         /* SIGTRAP, skipped */
    CHECKPOINT                      /* 1: carries the SIGTRAP */

    OPTRAP(MEMINIT, 0, 1234)
    OPTRAP(SETMEM, 8, 8188)
    ldr r9, [r8]                    /* last word of the block */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 2: r8 = 8188, r9 = block word */

    OPTRAP(SETMEM, 8, 8192)
    ldr r10, [r8]                   /* guard page: SIGSEGV, skipped */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 3: SIGSEGV at block offset 8192 */

    UDF1                            /* SIGILL, skipped */
    CHECKPOINT                      /* 4: SIGILL (si_code normalised) */

    UDF2                            /* SIGILL, skipped (Thumb: 4 bytes) */
    CHECKPOINT                      /* 5: SIGILL */

    OPTRAP(SETMEM, 8, 17)
    ldrex r10, [r8]                 /* unaligned exclusive: SIGBUS */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 6: SIGBUS at block offset 17 */

    OPTRAP(SKIP, 0, 8)              /* a literal pool of checkpoint */
pool:                               /* words, so running into it shows */
    CHECKPOINT
    CHECKPOINT
#ifdef SANITY_THUMB
    CHECKPOINT
    CHECKPOINT
#endif
    ldr r11, pool + 4               /* A32 0xe7fe5af0, Thumb 0xde5ade5a */
    adr r10, origin + 36
    OPTRAP(CODEOFF, 10, 0)          /* r10 = 36 */
    OPTRAP(SETMEM, 8, 0)
    str r9, [r8]
    OPTRAP(MEMOFF, 8, 0)
    OPTRAP(COMPAREMEM, 0, 0)        /* 7: memory hash */
    OPTRAP(TESTEND, 0, 0)           /* 8: end */

    .balign 8
data:
#define DV(n) .word 0x40000000 + (n) * 0x00110011; .word 0xc0000000 + (n)
    ALL32(DV)
#define RV(n) .word ((0x01010101 * (n)) ^ 0x80000000)
    RV(0); RV(1); RV(2); RV(3); RV(4); RV(5); RV(6); RV(7); RV(8); RV(9)
    RV(10); RV(11); RV(12); RV(13); RV(14)
    .word 0x53c0009f
    .word 0xa8050000
