/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sanity image for the aarch64 runner (like RISU's test_aarch64.s):
 * loads known values into every register class, checkpoints, then
 * raises one signal of each kind a test instruction can raise and
 * exercises every OPTRAP op.  Position independent: data is reached
 * through SETADDR.  tests/runner/arm-sanity.py knows the same values and
 * checks a --dump of this image exactly.
 *
 * Build: aarch64-linux-gnu-gcc -c [-DSANITY_SVE] arm-sanity-a64.S;
 * objcopy -O binary -j .text.  Values:
 *   x n      (0xfedcba98 - n) << 32 | (0x01010101 * n ^ 0x80000000)
 *   v n      lo = 0x40000000 + n * 0x00110011 | (0xc0000000 + n) << 32,
 *            hi = 0x5a5a0000 + n | (0xa5a5a5a5 ^ n) << 32
 *   FPCR 0x07c00000, FPSR 0x0800009f, NZCV 0xa0000000, MEMINIT 1234
 *   SVE:     z n = INDEX(a, b) .d: element i = a + i * b with
 *            a = 0x0123456789abcdef ^ n << 56, b = 0x0101010101010101 + n
 *            (so v n is elements 0 and 1); p n = WHILELO .b 3n + 1
 *            elements; FFR = p5.
 */
#define CHECKPOINT .inst 0x00005af0
#define OPTRAP(op, reg, imm) .inst 0x00005af1; .word (op) | ((reg) << 8); \
    .word (imm)
#define TESTEND 1
#define SETMEM 2
#define MEMOFF 3
#define COMPAREMEM 4
#define SETADDR 5
#define MEMINIT 6
#define CODEOFF 7
#define SKIP 8

#define ALL32(M) \
    M(0); M(1); M(2); M(3); M(4); M(5); M(6); M(7); \
    M(8); M(9); M(10); M(11); M(12); M(13); M(14); M(15); \
    M(16); M(17); M(18); M(19); M(20); M(21); M(22); M(23); \
    M(24); M(25); M(26); M(27); M(28); M(29); M(30); M(31)
#define ALL16(M) \
    M(0); M(1); M(2); M(3); M(4); M(5); M(6); M(7); \
    M(8); M(9); M(10); M(11); M(12); M(13); M(14); M(15)

#define OFF_X 0
#define OFF_CTL (31 * 8)            /* FPCR, FPSR, NZCV */
#define OFF_V (OFF_CTL + 40)        /* 16-byte aligned */

#define LD_Q(n) ldr q##n, [x9, #(OFF_V + 16 * n)]
#define SVE_Z(n) \
    movz x1, #((n) << 8), lsl #48; \
    eor x1, x1, x2; \
    add x3, x4, #(n); \
    index z##n.d, x1, x3
#define SVE_P(n) mov x1, #(3 * (n) + 1); whilelo p##n.b, xzr, x1
#define LD_X(n) ldr x##n, [x9, #(OFF_X + 8 * n)]

    .arch armv8.2-a+sve
    .text
    .globl start
start:
origin:                             /* local: resolved by the assembler */
    OPTRAP(SETADDR, 9, data - start)
    ALL32(LD_Q)
#ifdef SANITY_SVE
    ldr x2, =0x0123456789abcdef
    ldr x4, =0x0101010101010101
    ALL32(SVE_Z)
    ALL16(SVE_P)
    wrffr p5.b
#endif
    ldr x1, [x9, #OFF_CTL]
    msr fpcr, x1
    ldr x1, [x9, #(OFF_CTL + 8)]
    msr fpsr, x1
    ldr x1, [x9, #(OFF_CTL + 16)]
    msr nzcv, x1
    LD_X(1); LD_X(2); LD_X(3); LD_X(4); LD_X(5); LD_X(6); LD_X(7)
    LD_X(8); LD_X(10); LD_X(11); LD_X(12); LD_X(13); LD_X(14)
    LD_X(15); LD_X(16); LD_X(17); LD_X(18); LD_X(19); LD_X(20)
    LD_X(21); LD_X(22); LD_X(23); LD_X(24); LD_X(25); LD_X(26)
    LD_X(27); LD_X(28); LD_X(29); LD_X(30); LD_X(0)
    LD_X(9)
    CHECKPOINT                      /* 0: every register known */

    brk #0                          /* SIGTRAP, skipped */
    CHECKPOINT                      /* 1: carries the SIGTRAP */

    OPTRAP(MEMINIT, 0, 1234)
    OPTRAP(SETMEM, 8, 8188)
    ldr w9, [x8]                    /* last word of the block */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 2: x8 = 8188, x9 = block word */

    OPTRAP(SETMEM, 8, 8192)
    ldr w10, [x8]                   /* guard page: SIGSEGV, skipped */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 3: SIGSEGV at block offset 8192 */

    .inst 0x00000000                /* UDF #0: SIGILL, skipped */
    CHECKPOINT                      /* 4: SIGILL (si_code normalised) */

    .inst 0x00005af2                /* UDF #0x5af2: SIGILL, skipped */
    CHECKPOINT                      /* 5: SIGILL */

    OPTRAP(SETMEM, 8, 17)
    ldxr w10, [x8]                  /* unaligned exclusive: SIGBUS */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 6: SIGBUS at block offset 17 */

    OPTRAP(SKIP, 0, 8)              /* a literal pool of checkpoint */
pool:                               /* words, so running into it shows */
    CHECKPOINT
    CHECKPOINT
    ldr w11, pool + 4               /* 0x5af0 */
    adr x12, origin + 36
    OPTRAP(CODEOFF, 12, 0)          /* x12 = 36 */
    OPTRAP(SETMEM, 8, 0)
    str w9, [x8]
    OPTRAP(MEMOFF, 8, 0)
    OPTRAP(COMPAREMEM, 0, 0)        /* 7: memory hash */
    OPTRAP(TESTEND, 0, 0)           /* 8: end */
    .ltorg

    .balign 16
data:
#define XV(n) .word ((0x01010101 * (n)) ^ 0x80000000); .word (0xfedcba98 - (n))
    XV(0); XV(1); XV(2); XV(3); XV(4); XV(5); XV(6); XV(7); XV(8); XV(9)
    XV(10); XV(11); XV(12); XV(13); XV(14); XV(15); XV(16); XV(17); XV(18)
    XV(19); XV(20); XV(21); XV(22); XV(23); XV(24); XV(25); XV(26); XV(27)
    XV(28); XV(29); XV(30)
    .dword 0x07c00000, 0x0800009f, 0xa0000000, 0, 0
#define VV(n) .word 0x40000000 + (n) * 0x00110011; .word 0xc0000000 + (n); \
              .word 0x5a5a0000 + (n); .word 0xa5a5a5a5 ^ (n)
    ALL32(VV)
