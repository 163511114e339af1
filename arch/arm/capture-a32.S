/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Image entry and exit for the armhf runner.
 *
 * arm_enter saves the runner's callee-saved state and executes a
 * CHECKPOINT word at arm_enter_trap; the SIGILL handler recognises that
 * address and writes the whole initial state (every GPR, flags, FPSCR,
 * d0-d31 zero; sp at the image stack; pc at the image, T set for Thumb)
 * into the signal frame, so the image starts from exactly that state
 * with no runner address left in any register (lr included).  TESTEND
 * sends the image to arm_image_done, which restores the runner.
 */
    .syntax unified
    .arm
    .fpu vfpv3-d16
    .text

    .globl arm_enter
    .type arm_enter, %function
arm_enter:
    ldr     r12, =arm_host_ctx
    stmia   r12!, {r4-r11}
    str     sp, [r12], #4
    str     lr, [r12], #4
    vstmia  r12, {d8-d15}
    .globl arm_enter_trap
arm_enter_trap:
    .inst   0xe7fe5af0          /* CHECKPOINT: the handler starts the image */
1:  b       1b
    .size arm_enter, . - arm_enter

    .globl arm_image_done
    .type arm_image_done, %function
arm_image_done:
    ldr     r12, =arm_host_ctx
    ldmia   r12!, {r4-r11}
    ldr     sp, [r12], #4
    ldr     lr, [r12], #4
    vldmia  r12, {d8-d15}
    mov     r0, #0
    bx      lr
    .size arm_image_done, . - arm_image_done
    .ltorg

    .bss
    .align 3
arm_host_ctx:
    .space  10 * 4 + 8 * 8

    .section .note.GNU-stack, "", %progbits
