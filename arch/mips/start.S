/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Process entry and raw system calls for the freestanding runner.
 */
#include "arch/mips/asm.h"

    .text
    .set noreorder

/* The kernel leaves argc, argv[], envp[] at sp; C does the rest. */
LEAF(_start)
    move    $4, $29
    li      $12, -16
    and     $29, $29, $12
    PTR_ADDIU $29, $29, -32
    jal     rt_start_c
    nop
1:  b       1b
    nop
END(_start)

/*
 * long rt_syscall6(a, b, c, d, e, f, nr).  o32 passes arguments 5 and 6
 * on the stack at 16($sp) and 20($sp); the caller already put e and f
 * exactly there, so the stub only fetches nr (24($sp)).  n64 has e, f,
 * nr in $8, $9, $10.  The kernel flags errors in $7.
 */
LEAF(rt_syscall6)
#if _MIPS_SIM == _MIPS_SIM_ABI32
    lw      $2, 24($29)
#else
    move    $2, $10
#endif
    syscall
    beqz    $7, 1f
    nop
    PTR_SUBU $2, $0, $2
1:  jr      $31
    nop
END(rt_syscall6)
