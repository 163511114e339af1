/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Process entry, raw system calls and the signal return trampoline for
 * the freestanding armhf runner (assembled as A32 whatever the compiler
 * default: the runner's own code is A32, images may be A32 or Thumb).
 */
    .syntax unified
    .arm
    .text

/* The kernel leaves argc, argv[], envp[] at sp; C does the rest. */
    .globl _start
    .type _start, %function
_start:
    mov     r0, sp
    bic     sp, sp, #7          /* AAPCS: 8-byte aligned at calls */
    mov     fp, #0
    mov     lr, #0
    bl      rt_start_c
1:  b       1b
    .size _start, . - _start

/*
 * long rt_syscall6(a, b, c, d, e, f, nr): EABI passes a-d in r0-r3 and
 * e, f, nr on the stack; the kernel wants r0-r5 and the number in r7,
 * and returns -errno in r0.
 */
    .globl rt_syscall6
    .type rt_syscall6, %function
rt_syscall6:
    push    {r4, r5, r7, lr}
    ldr     r4, [sp, #16]
    ldr     r5, [sp, #20]
    ldr     r7, [sp, #24]
    svc     #0
    pop     {r4, r5, r7, pc}
    .size rt_syscall6, . - rt_syscall6

/* SA_RESTORER target: no reliance on the kernel's or QEMU's sigpage. */
    .globl arm_sigreturn
    .type arm_sigreturn, %function
arm_sigreturn:
    mov     r7, #173            /* __NR_rt_sigreturn */
    svc     #0
    .size arm_sigreturn, . - arm_sigreturn

    .section .note.GNU-stack, "", %progbits
