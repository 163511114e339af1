/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sanity image for the MIPS runners (like RISU's test_*.s): loads known
 * values into every register class, checkpoints, then raises one signal
 * of each kind a test instruction can raise and exercises every OPTRAP
 * op.  Position independent: data is reached through SETADDR.
 * tests/runner/sanity.py knows the same values and checks a --dump of
 * this image exactly.
 *
 * Build: <cc> -c [-DSANITY_FPU [-DSANITY_MSA]] sanity.S; objcopy -O
 * binary -j .text.  Values:
 *   GPR n     lo32 = 0x01010101*n ^ 0x80000000, hi32 = 0xfedcba98 - n
 *             (o32: lo32 only); HI = value(40), LO = value(41)
 *   FPR n     FR=1: (0xc0000000+n) << 32 | 0x40000000 + n*0x00110011
 *             FR=0: 0x40000000 + n*0x00110011
 *   w n       bits 63:0 as FPR n (FR=1), bits 127:64 =
 *             (0xa5a5a5a5 ^ n) << 32 | 0x5a5a0000 + n
 *   FCSR 0x0001f07e, MSACSR 0x0000007d, MEMINIT seed 1234
 */
#include <asm/sgidefs.h>

#if _MIPS_SIM == _MIPS_SIM_ABI32
#define SZ 4
#define LREG lw
#define GPRVAL(n) .word ((0x01010101 * (n)) ^ 0x80000000)
#else
#define SZ 8
#define LREG ld
#define GPRVAL(n) .dword (((0xfedcba98 - (n)) << 32) | ((0x01010101 * (n)) ^ 0x80000000))
#endif
#if __mips_isa_rev >= 6
#define R6 1
#endif

#define CHECKPOINT .word 0x00000039
#define OPTRAP(op, reg, imm) .word 0x0000003d; .word (op) | ((reg) << 8); .word (imm)
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

#define OFF_GPR 0
#define OFF_HI (32 * SZ)
#define OFF_LO (33 * SZ)
#define OFF_FCSR (34 * SZ)
#define OFF_MSACSR (OFF_FCSR + 4)
#define OFF_FPRW (OFF_FCSR + 8)
#define OFF_FPRD (OFF_FPRW + 128)
#define OFF_W (OFF_FPRD + 256)

#define LD_GPR(n) LREG $n, (OFF_GPR + SZ * n)($24)
#define LD_FPRW(n) lwc1 $f##n, (OFF_FPRW + 4 * n)($24)
#define LD_FPRD(n) ldc1 $f##n, (OFF_FPRD + 8 * n)($24)
#define LD_W(n) ld.d $w##n, (OFF_W + 16 * n)($24)

    .text
    .set noreorder
    .set noat
    .globl start
start:
    OPTRAP(SETADDR, 24, data - start)
#ifndef R6
    LREG $1, OFF_HI($24)
    mthi $1
    LREG $1, OFF_LO($24)
    mtlo $1
#endif
#ifdef SANITY_FPU
#if defined(__mips_fpr) && __mips_fpr == 64
    ALL32(LD_FPRD)
#else
    ALL32(LD_FPRW)
#endif
    lw $1, OFF_FCSR($24)
    ctc1 $1, $31
#endif
#ifdef SANITY_MSA
    .set push
#if !defined(R6) && _MIPS_SIM != _MIPS_SIM_ABI32
    .set mips64r2
#endif
    .set msa
    ALL32(LD_W)
    lw $1, OFF_MSACSR($24)
    ctcmsa $1, $1
    .set pop
#endif
    LD_GPR(1); LD_GPR(2); LD_GPR(3); LD_GPR(4); LD_GPR(5); LD_GPR(6)
    LD_GPR(7); LD_GPR(8); LD_GPR(9); LD_GPR(10); LD_GPR(11); LD_GPR(12)
    LD_GPR(13); LD_GPR(14); LD_GPR(15); LD_GPR(16); LD_GPR(17)
    LD_GPR(18); LD_GPR(19); LD_GPR(20); LD_GPR(21); LD_GPR(22)
    LD_GPR(23); LD_GPR(25); LD_GPR(28); LD_GPR(30); LD_GPR(31)
    LD_GPR(24)
    nop
    CHECKPOINT                      /* 0: every register known */

    teq $0, $0                      /* SIGTRAP, skipped */
    CHECKPOINT                      /* 1: carries the SIGTRAP */

    OPTRAP(MEMINIT, 0, 1234)
    OPTRAP(SETMEM, 8, 8188)
    lw $9, 0($8)                    /* last word of the block */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 2: t0 = 8188, t1 = block word */

    OPTRAP(SETMEM, 8, 8192)
    lw $10, 0($8)                   /* guard page: SIGSEGV, skipped */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 3: SIGSEGV at block offset 8192 */

    OPTRAP(SETMEM, 8, 16)
    lw $10, 1($8)                   /* unaligned: SIGBUS, skipped */
    OPTRAP(MEMOFF, 8, 0)
    CHECKPOINT                      /* 4: SIGBUS at block offset 17 */

    OPTRAP(SKIP, 0, 8)              /* a literal pool: checkpoint words, */
pool:                               /* so running into it shows */
    CHECKPOINT
    CHECKPOINT
    OPTRAP(SETADDR, 14, pool - start)
    lw $13, 4($14)                  /* t1/a5 = 0x39 */
    OPTRAP(SETADDR, 12, 0x7654)
    OPTRAP(CODEOFF, 12, 0)          /* t0/a4 = 0x7654 */
    OPTRAP(CODEOFF, 14, 0)
    OPTRAP(SETMEM, 8, 0)
    sw $9, 0($8)
    OPTRAP(MEMOFF, 8, 0)
    OPTRAP(COMPAREMEM, 0, 0)        /* 5: memory hash */
    OPTRAP(TESTEND, 0, 0)           /* 6: end */

    .align 4
data:
#define GV(n) GPRVAL(n)
    ALL32(GV)
    GPRVAL(40)
    GPRVAL(41)
    .word 0x0001f07e
    .word 0x0000007d
#define FW(n) .word 0x40000000 + (n) * 0x00110011
    ALL32(FW)
#ifdef __MIPSEB__
#define FD(n) .word 0xc0000000 + (n); .word 0x40000000 + (n) * 0x00110011
#define WV(n) FD(n); .word 0xa5a5a5a5 ^ (n); .word 0x5a5a0000 + (n)
#else
#define FD(n) .word 0x40000000 + (n) * 0x00110011; .word 0xc0000000 + (n)
#define WV(n) FD(n); .word 0x5a5a0000 + (n); .word 0xa5a5a5a5 ^ (n)
#endif
    ALL32(FD)
    ALL32(WV)
