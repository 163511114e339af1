/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Process entry, raw system calls and the signal return trampoline for
 * the freestanding aarch64 runner.
 */
    .text

/* The kernel leaves argc, argv[], envp[] at sp (16-byte aligned). */
    .globl _start
    .type _start, %function
_start:
    mov     x0, sp
    mov     x29, #0
    mov     x30, #0
    bl      rt_start_c
1:  b       1b
    .size _start, . - _start

/* long rt_syscall6(a, b, c, d, e, f, nr): x0-x5, number in x8. */
    .globl rt_syscall6
    .type rt_syscall6, %function
rt_syscall6:
    mov     x8, x6
    svc     #0
    ret
    .size rt_syscall6, . - rt_syscall6

/* SA_RESTORER target: no reliance on the vDSO or QEMU's trampoline. */
    .globl arm_sigreturn
    .type arm_sigreturn, %function
arm_sigreturn:
    mov     x8, #139            /* __NR_rt_sigreturn */
    svc     #0
    .size arm_sigreturn, . - arm_sigreturn

    .section .note.GNU-stack, "", %progbits
