/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Signal entry stub, image entry/exit and CPU probes.
 *
 * Why assembly: FCSR, MSACSR and the MSA vector upper halves are not in
 * the QEMU signal frame (and the frame's FCSR slot is never written), so
 * they must be read live, before any C code could touch FP state.  The
 * stub saves FCSR, then either all FPRs (no MSA) or all vectors (MSA)
 * plus MSACSR into mips_live, calls mips_sig_handler(sig, info, uc) and,
 * if that returns nonzero (state was modified), reloads them, so the
 * change survives on QEMU (which keeps live FCSR/MSA across sigreturn)
 * and on a real kernel (capture.c also writes the frame/extcontext).
 */
#include "arch/mips/asm.h"
#include "arch/mips/frame.h"

#ifdef MIPS_FR1
#define SAVE_FPR(n)  sdc1 $f##n, (16 * n)($12)
#define LOAD_FPR(n)  ldc1 $f##n, (16 * n)($12)
#else
/* FR=0: 32 single registers, each into the low half of its slot. */
#ifdef __MIPSEB__
#define LO32 4
#else
#define LO32 0
#endif
#define SAVE_FPR(n)  swc1 $f##n, (16 * n + LO32)($12)
#define LOAD_FPR(n)  lwc1 $f##n, (16 * n + LO32)($12)
#endif
#define SAVE_VEC(n)  st.d $w##n, (16 * n)($12)
#define LOAD_VEC(n)  ld.d $w##n, (16 * n)($12)

#define ALL32(M) \
    M(0); M(1); M(2); M(3); M(4); M(5); M(6); M(7); \
    M(8); M(9); M(10); M(11); M(12); M(13); M(14); M(15); \
    M(16); M(17); M(18); M(19); M(20); M(21); M(22); M(23); \
    M(24); M(25); M(26); M(27); M(28); M(29); M(30); M(31)

#if defined(MIPS_HAVE_MSA) && !defined(MIPS_R6) && _MIPS_SIM != _MIPS_SIM_ABI32
/* n64 flavours are built for mips3; MSA needs an R2 assembler mode. */
#define SET_MSA .set mips64r2; .set msa
#else
#define SET_MSA .set msa
#endif

    .text
    .set noat

LEAF(mips_sig_entry)
    PTR_LA  $12, mips_live
    lw      $13, LIVE_MODE($12)
    andi    $14, $13, MIPS_LIVE_FPU
    beqz    $14, 2f
    cfc1    $15, $31
    sw      $15, LIVE_FCSR($12)
#ifdef MIPS_HAVE_MSA
    andi    $14, $13, MIPS_LIVE_MSA
    bnez    $14, 1f
#endif
    ALL32(SAVE_FPR)
    b       2f
#ifdef MIPS_HAVE_MSA
1:
    .set push
    SET_MSA
    cfcmsa  $15, $1
    sw      $15, LIVE_MSACSR($12)
    ALL32(SAVE_VEC)
    .set pop
#endif
2:
    PTR_ADDIU $29, $29, -32
    REG_S   $31, 16($29)
    jal     mips_sig_handler
    beqz    $2, 3f
    jal     mips_load_live
3:
    REG_L   $31, 16($29)
    PTR_ADDIU $29, $29, 32
    jr      $31
END(mips_sig_entry)

/* Load FCSR/FPRs or MSA state from mips_live; clobbers $12-$15 only. */
LEAF(mips_load_live)
    PTR_LA  $12, mips_live
    lw      $13, LIVE_MODE($12)
    andi    $14, $13, MIPS_LIVE_FPU
    beqz    $14, 9f
#ifdef MIPS_HAVE_MSA
    andi    $14, $13, MIPS_LIVE_MSA
    bnez    $14, 1f
#endif
    ALL32(LOAD_FPR)
    b       8f
#ifdef MIPS_HAVE_MSA
1:
    .set push
    SET_MSA
    ALL32(LOAD_VEC)
    lw      $15, LIVE_MSACSR($12)
    ctcmsa  $1, $15
    .set pop
#endif
8:
    lw      $15, LIVE_FCSR($12)
    ctc1    $15, $31
9:
    jr      $31
END(mips_load_live)

/*
 * int mips_enter(entry, sp): save the runner's callee-saved registers,
 * load the initial FP/MSA state from mips_live, zero every GPR (and
 * HI/LO) so master and apprentice start identically, jump to the image.
 * The TESTEND handler redirects the frame PC to mips_image_done.
 */
LEAF(mips_enter)
    PTR_LA  $12, mips_host_ctx
    REG_S   $16, (0 * SZREG)($12)
    REG_S   $17, (1 * SZREG)($12)
    REG_S   $18, (2 * SZREG)($12)
    REG_S   $19, (3 * SZREG)($12)
    REG_S   $20, (4 * SZREG)($12)
    REG_S   $21, (5 * SZREG)($12)
    REG_S   $22, (6 * SZREG)($12)
    REG_S   $23, (7 * SZREG)($12)
    REG_S   $28, (8 * SZREG)($12)
    REG_S   $29, (9 * SZREG)($12)
    REG_S   $30, (10 * SZREG)($12)
    REG_S   $31, (11 * SZREG)($12)
    move    $2, $4
    move    $3, $5
    jal     mips_load_live
    move    $25, $2
    move    $29, $3
#ifndef MIPS_R6
    mthi    $0
    mtlo    $0
#endif
    move    $1, $0
    move    $2, $0
    move    $3, $0
    move    $4, $0
    move    $5, $0
    move    $6, $0
    move    $7, $0
    move    $8, $0
    move    $9, $0
    move    $10, $0
    move    $11, $0
    move    $12, $0
    move    $13, $0
    move    $14, $0
    move    $15, $0
    move    $16, $0
    move    $17, $0
    move    $18, $0
    move    $19, $0
    move    $20, $0
    move    $21, $0
    move    $22, $0
    move    $23, $0
    move    $24, $0
    move    $26, $0
    move    $27, $0
    move    $28, $0
    move    $30, $0
    move    $31, $0
    .set push
    .set noreorder
    jr      $25
    move    $25, $0
    .set pop
END(mips_enter)

LEAF(mips_image_done)
    PTR_LA  $12, mips_host_ctx
    REG_L   $16, (0 * SZREG)($12)
    REG_L   $17, (1 * SZREG)($12)
    REG_L   $18, (2 * SZREG)($12)
    REG_L   $19, (3 * SZREG)($12)
    REG_L   $20, (4 * SZREG)($12)
    REG_L   $21, (5 * SZREG)($12)
    REG_L   $22, (6 * SZREG)($12)
    REG_L   $23, (7 * SZREG)($12)
    REG_L   $28, (8 * SZREG)($12)
    REG_L   $29, (9 * SZREG)($12)
    REG_L   $30, (10 * SZREG)($12)
    REG_L   $31, (11 * SZREG)($12)
    move    $2, $0
    jr      $31
END(mips_image_done)

/*
 * Probes, run under a SIGILL handler that skips the faulting word and
 * notes the trap (capture.c, mips_probing).
 */
LEAF(mips_probe_fir)
    move    $2, $0
    cfc1    $2, $0
    jr      $31
END(mips_probe_fir)

/* MSA: fill $w0 with 0x5a bytes and read a word back (MSAIR reads 0 on
 * QEMU's P5600, so it cannot be the test). */
LEAF(mips_probe_msa)
    move    $2, $0
#ifdef MIPS_HAVE_MSA
    .set push
    SET_MSA
    ldi.b   $w0, 0x5a
    copy_s.w $2, $w0[3]
    .set pop
#endif
    jr      $31
END(mips_probe_msa)

/*
 * FR mode: put X in the upper half of $f0 (FR=1 meaning) and Y in $f1,
 * then read bits 63:32 of $f0 with sdc1.  FR=1 gives X, FR=0 gives Y
 * (there $f1 is the upper half of the even/odd pair).
 */
LEAF(mips_probe_fr)
    li      $13, 0x3c3c0002
    mtc1    $0, $f0
#ifdef MIPS_FR1
    li      $12, 0x5a5a0001
#if __mips_isa_rev >= 2
    mthc1   $12, $f0
#else
    dsll    $14, $12, 32
    dmtc1   $14, $f0
#endif
#endif
    mtc1    $13, $f1
    PTR_ADDIU $29, $29, -16
    sdc1    $f0, 0($29)
#ifdef __MIPSEB__
    lw      $2, 0($29)
#else
    lw      $2, 4($29)
#endif
    PTR_ADDIU $29, $29, 16
    jr      $31
END(mips_probe_fr)

/*
 * DSP ASE: rddsp $2, 0x3f raises SIGILL without it.  Spelled as a word:
 * the n64 flavours assemble for mips3, where GNU as refuses .set dsp.
 */
LEAF(mips_probe_dsp)
    .word   0x7c3f14b8
    jr      $31
END(mips_probe_dsp)

/* Write FCSR and read it back (QEMU's 5KEf ignores writes). */
LEAF(mips_probe_fcsr_write)
    cfc1    $12, $31
    ctc1    $4, $31
    cfc1    $2, $31
    ctc1    $12, $31
    jr      $31
END(mips_probe_fcsr_write)

    .bss
    .align 3
mips_host_ctx:
    .space (HOST_NREGS * SZREG)
