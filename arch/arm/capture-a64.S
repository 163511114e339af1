/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Image entry and exit for the aarch64 runner.
 *
 * arm_enter saves the runner's callee-saved state and executes a
 * CHECKPOINT word at arm_enter_trap; the SIGILL handler recognises that
 * address and writes the whole initial state (x0-x30, NZCV, FPSR, FPCR,
 * V, and with SVE the Z, P and FFR registers, all zero; sp at the image
 * stack; pc at the image) into the signal frame, so the image starts
 * from exactly that state with no runner address in any register.
 * TESTEND sends the image to arm_image_done, which restores the runner.
 */
    .text

    .globl arm_enter
    .type arm_enter, %function
arm_enter:
    adrp    x9, arm_host_ctx
    add     x9, x9, :lo12:arm_host_ctx
    stp     x19, x20, [x9, #0]
    stp     x21, x22, [x9, #16]
    stp     x23, x24, [x9, #32]
    stp     x25, x26, [x9, #48]
    stp     x27, x28, [x9, #64]
    stp     x29, x30, [x9, #80]
    mov     x10, sp
    str     x10, [x9, #96]
    stp     d8, d9, [x9, #112]
    stp     d10, d11, [x9, #128]
    stp     d12, d13, [x9, #144]
    stp     d14, d15, [x9, #160]
    .globl arm_enter_trap
arm_enter_trap:
    .inst   0x00005af0          /* CHECKPOINT: the handler starts the image */
1:  b       1b
    .size arm_enter, . - arm_enter

    .globl arm_image_done
    .type arm_image_done, %function
arm_image_done:
    adrp    x9, arm_host_ctx
    add     x9, x9, :lo12:arm_host_ctx
    ldp     x19, x20, [x9, #0]
    ldp     x21, x22, [x9, #16]
    ldp     x23, x24, [x9, #32]
    ldp     x25, x26, [x9, #48]
    ldp     x27, x28, [x9, #64]
    ldp     x29, x30, [x9, #80]
    ldr     x10, [x9, #96]
    mov     sp, x10
    ldp     d8, d9, [x9, #112]
    ldp     d10, d11, [x9, #128]
    ldp     d12, d13, [x9, #144]
    ldp     d14, d15, [x9, #160]
    mov     x0, #0
    ret
    .size arm_image_done, . - arm_image_done

    .bss
    .align 4
arm_host_ctx:
    .space  176

    .section .note.GNU-stack, "", %progbits
