/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ARM reproducer programs (see tools/repro.h and arch/host.h).
 * Register area: A32 0-14 r0-r14 (sp unused), 15 cpsr, 16 fpscr, 17+n
 * d<n>; A64 0-30 x0-x30, 32 nzcv, 33 fpsr, 34 fpcr, 35 the SVE vector
 * length, then Z (16 slots each, 1024 bits: v<n> is its low 128), P (2
 * each) and FFR (2) beyond the fixed part (RP_Z..).  The base register
 * is sp, which no test instruction uses.
 */
#include <stdbool.h>

#include "arch/arm/arch.h"
#include "arch/arm/host.h"
#include "format/image.h"

int arm_repro_slot_a32(unsigned slot)
{
    return slot <= A32_SLOT_D(31) && slot != 13 ? (int)slot : -1;
}

/*
 * A64 Z registers are contiguous (low 128 bits from the v<n> slots, the
 * rest from z<n>.hi), so LDR/STR (vector) move each whole; Z0 is
 * 16-byte aligned past ARCH_REPRO_ST_SETMEM's 380 slots.
 */
enum { RP_VL = 35, RP_Z = 496, RP_P = RP_Z + 16 * 32, RP_FFR = RP_P + 32 };

int arm_repro_slot_a64(unsigned slot)
{
    if (slot <= 30) {
        return (int)slot;
    }
    if (slot >= A64_SLOT_NZCV && slot <= A64_SLOT_FPCR) {
        return (int)slot;
    }
    if (slot >= A64_SLOT_V(0) && slot < A64_SLOT_V(0) + 64) {
        unsigned k = slot - A64_SLOT_V(0);
        return RP_Z + 16 * (int)(k / 2) + (int)(k % 2);
    }
    if (slot == A64_SLOT_VL) {
        return RP_VL;
    }
    if (slot >= A64_SLOT_ZHI(0) && slot < A64_SLOT_ZHI(32)) {
        unsigned k = slot - A64_SLOT_ZHI(0);
        return RP_Z + 16 * (int)(k / A64_ZHI_SLOTS) + 2 +
               (int)(k % A64_ZHI_SLOTS);
    }
    if (slot >= A64_SLOT_P(0) && slot < A64_SLOT_FFR + A64_P_SLOTS) {
        return RP_P + (int)(slot - A64_SLOT_P(0));
    }
    return -1;
}

#define A(...) arch_printf(o, "    " __VA_ARGS__), arch_puts(o, "\n")

static void word_comment(ArchOut *o, const ArchReproWord *w)
{
    if (w->comment[0]) {
        arch_printf(o, "    /* +0x%x %s */\n", w->off, w->comment);
    }
}

static const char *arm_reg(int n)
{
    static const char *const names[] = { "r0", "r1", "r2", "r3", "r4", "r5",
                                         "r6", "r7", "r8", "r9", "r10",
                                         "r11", "r12", "sp", "lr", "pc" };

    return names[n & 15];
}

static void arm_asm(ArchOut *o, const ArchReproCode *in, bool t)
{
    int nsetmem = 0;
    int nd = in->d32 ? 32 : 16;

    A(".syntax unified");
    A(".fpu neon");
    A(".text");
    A(".globl repro_run");
    A(".type repro_run, %%function");
    A("%s", t ? ".thumb" : ".arm");
    if (t) {
        A(".thumb_func");
    }
    A(".balign 4");
    arch_puts(o, "repro_run:\n");
    A("push {r4-r11, lr}");
    A("vpush {d8-d15}");
    A("mov r1, sp");
    A("str r1, [r0, #%d]", ARCH_REPRO_ST_SAVE * 8);
    A("mov sp, r0");
    if (in->fpu) {
        A("ldr r0, [sp, #%d]", 16 * 8);
        A("vmsr fpscr, r0");
        for (int n = 0; n < nd; n++) {
            A("vldr d%d, [sp, #%d]", n, (17 + n) * 8);
        }
    }
    A("ldr r0, [sp, #%d]", 15 * 8);
    A("msr APSR_nzcvqg, r0");
    for (int n = 14; n >= 0; n--) {
        if (n != 13) {
            A("ldr %s, [sp, #%d]", arm_reg(n), n * 8);
        }
    }
    arch_puts(o, "    /* ---- the test code ---- */\n");
    A(".globl repro_code");
    arch_puts(o, "repro_code:\n");
    for (int i = 0; i < in->nwords; i++) {
        const ArchReproWord *w = &in->words[i];

        word_comment(o, w);
        if (w->op < 0) {
            if (t && w->size == 4) {
                A(".hword 0x%04x, 0x%04x", w->value >> 16,
                  w->value & 0xffff);
            } else if (t) {
                A(".hword 0x%04x", w->value);
            } else {
                A(".word 0x%08x", w->value);
            }
        } else if (w->op == RISU_OP_SETMEM) {
            A("ldr%s r%d, [sp, #%d]  /* SETMEM: block + %d */",
              t ? ".w" : "", w->reg, (ARCH_REPRO_ST_SETMEM + nsetmem++) * 8,
              w->imm);
            for (int k = 0; k < (t ? 3 : 2); k++) {
                A("nop");
            }
        } else if (w->op == RISU_OP_MEMOFF) {
            /* reg - block = -(sp - reg) + 8192 */
            A("sub%s r%d, sp, r%d  /* MEMOFF */", t ? ".w" : "", w->reg,
              w->reg);
            A("rsb%s r%d, r%d, #%d", t ? ".w" : "", w->reg, w->reg,
              RISU_MEMBLOCK_SIZE);
            A("nop");
        } else if (w->op == RISU_OP_SKIP && w->data) {
            static const char *const a32[] = { "b .Lpool_end%d", "nop",
                                               "nop" };
            static const char *const t32[] = { "b.w .Lpool_end%d", "nop",
                                               "nop", "nop" };

            arch_repro_pool(o, w, i, t ? t32 : a32, t ? 4 : 3);
        } else {
            for (int k = 0; k < (t ? 5 : 3); k++) {
                A("nop  /* OPTRAP %d */", w->op);
            }
        }
    }
    A(".globl repro_code_end");
    arch_puts(o, "repro_code_end:\n");
    arch_puts(o, "    /* ---- store the results ---- */\n");
    for (int n = 0; n <= 14; n++) {
        if (n != 13) {
            A("str %s, [sp, #%d]", arm_reg(n), n * 8);
        }
    }
    A("mrs r0, APSR");
    A("str r0, [sp, #%d]", 15 * 8);
    if (in->fpu) {
        A("vmrs r0, fpscr");
        A("str r0, [sp, #%d]", 16 * 8);
        for (int n = 0; n < nd; n++) {
            A("vstr d%d, [sp, #%d]", n, (17 + n) * 8);
        }
    }
    A("ldr r1, [sp, #%d]", ARCH_REPRO_ST_SAVE * 8);
    A("mov sp, r1");
    A("vpop {d8-d15}");
    A("pop {r4-r11, pc}");
    A(".size repro_run, .-repro_run");
    A(".arm");
    A(".balign 4");
    A(".globl repro_restorer");
    arch_puts(o, "repro_restorer:\n");
    A("mov r7, #173");
    A("svc 0");
    A(".globl _start");
    arch_puts(o, "_start:\n");
    A("bl repro_main");
    arch_puts(o, "1:\n");
    A("b 1b");
}

/* x0 := sp + slot * 8 (beyond the 4095 of an ADD immediate) */
static void sve_addr(ArchOut *o, int slot)
{
    A("mov x0, #%d", slot * 8);
    A("add x0, sp, x0");
}

/*
 * The recorded vector length first (PR_SVE_SET_VL, which clears the SVE
 * state; exit 3 if the CPU cannot take it), then Z, FFR (through P0)
 * and P.  Before the GPRs: x0, x1 and x8 are free.
 */
static void sve_load(ArchOut *o)
{
    A(".arch_extension sve");
    A("mov x0, #50  /* PR_SVE_SET_VL */");
    A("ldr x1, [sp, #%d]", RP_VL * 8);
    A("mov x8, #167  /* prctl */");
    A("svc 0");
    A("ldr x1, [sp, #%d]", RP_VL * 8);
    A("rdvl x0, #1");
    A("cmp x0, x1");
    A("b.eq 1f");
    A("mov x0, #3");
    A("mov x8, #93  /* exit */");
    A("svc 0");
    arch_puts(o, "1:\n");
    for (int n = 0; n < 32; n++) {
        sve_addr(o, RP_Z + 16 * n);
        A("ldr z%d, [x0]", n);
    }
    sve_addr(o, RP_FFR);
    A("ldr p0, [x0]");
    A("wrffr p0.b");
    for (int n = 0; n < 16; n++) {
        sve_addr(o, RP_P + 2 * n);
        A("ldr p%d, [x0]", n);
    }
}

/* After the GPRs are stored: Z, P, then FFR through P0. */
static void sve_store(ArchOut *o)
{
    for (int n = 0; n < 32; n++) {
        sve_addr(o, RP_Z + 16 * n);
        A("str z%d, [x0]", n);
    }
    for (int n = 0; n < 16; n++) {
        sve_addr(o, RP_P + 2 * n);
        A("str p%d, [x0]", n);
    }
    A("rdffr p0.b");
    sve_addr(o, RP_FFR);
    A("str p0, [x0]");
}

static void a64_asm(ArchOut *o, const ArchReproCode *in)
{
    int nsetmem = 0;

    A(".text");
    A(".globl repro_run");
    A(".type repro_run, %%function");
    arch_puts(o, "repro_run:\n");
    A("stp x29, x30, [sp, #-96]!");
    A("stp x19, x20, [sp, #16]");
    A("stp x21, x22, [sp, #32]");
    A("stp x23, x24, [sp, #48]");
    A("stp x25, x26, [sp, #64]");
    A("stp x27, x28, [sp, #80]");
    A("sub sp, sp, #64");
    A("stp d8, d9, [sp]");
    A("stp d10, d11, [sp, #16]");
    A("stp d12, d13, [sp, #32]");
    A("stp d14, d15, [sp, #48]");
    A("mov x1, sp");
    A("str x1, [x0, #%d]", ARCH_REPRO_ST_SAVE * 8);
    A("mov sp, x0");
    if (in->fpu) {
        A("ldr x0, [sp, #%d]", 34 * 8);
        A("msr fpcr, x0");
        A("ldr x0, [sp, #%d]", 33 * 8);
        A("msr fpsr, x0");
        for (int n = 0; n < 32 && !in->svec; n++) {
            A("ldr q%d, [sp, #%d]", n, (RP_Z + 16 * n) * 8);
        }
    }
    if (in->svec) {
        sve_load(o);
    }
    A("ldr x0, [sp, #%d]", 32 * 8);
    A("msr nzcv, x0");
    for (int n = 30; n >= 0; n--) {
        A("ldr x%d, [sp, #%d]", n, n * 8);
    }
    arch_puts(o, "    /* ---- the test code ---- */\n");
    A(".globl repro_code");
    arch_puts(o, "repro_code:\n");
    for (int i = 0; i < in->nwords; i++) {
        const ArchReproWord *w = &in->words[i];

        word_comment(o, w);
        if (w->op < 0) {
            A(".word 0x%08x", w->value);
        } else if (w->op == RISU_OP_SETMEM) {
            A("ldr x%d, [sp, #%d]  /* SETMEM: block + %d */", w->reg,
              (ARCH_REPRO_ST_SETMEM + nsetmem++) * 8, w->imm);
            A("nop");
            A("nop");
        } else if (w->op == RISU_OP_MEMOFF) {
            A("sub x%d, sp, x%d, uxtx  /* MEMOFF */", w->reg, w->reg);
            A("neg x%d, x%d", w->reg, w->reg);
            A("add x%d, x%d, #%d", w->reg, w->reg, RISU_MEMBLOCK_SIZE);
        } else if (w->op == RISU_OP_SKIP && w->data) {
            static const char *const jump[] = { "b .Lpool_end%d", "nop",
                                                "nop" };

            arch_repro_pool(o, w, i, jump, 3);
        } else {
            A("nop  /* OPTRAP %d */", w->op);
            A("nop");
            A("nop");
        }
    }
    A(".globl repro_code_end");
    arch_puts(o, "repro_code_end:\n");
    arch_puts(o, "    /* ---- store the results ---- */\n");
    for (int n = 0; n <= 30; n++) {
        A("str x%d, [sp, #%d]", n, n * 8);
    }
    A("mrs x0, nzcv");
    A("str x0, [sp, #%d]", 32 * 8);
    if (in->fpu) {
        A("mrs x0, fpsr");
        A("str x0, [sp, #%d]", 33 * 8);
        A("mrs x0, fpcr");
        A("str x0, [sp, #%d]", 34 * 8);
        for (int n = 0; n < 32 && !in->svec; n++) {
            A("str q%d, [sp, #%d]", n, (RP_Z + 16 * n) * 8);
        }
    }
    if (in->svec) {
        sve_store(o);
    }
    A("ldr x1, [sp, #%d]", ARCH_REPRO_ST_SAVE * 8);
    A("mov sp, x1");
    A("ldp d8, d9, [sp]");
    A("ldp d10, d11, [sp, #16]");
    A("ldp d12, d13, [sp, #32]");
    A("ldp d14, d15, [sp, #48]");
    A("add sp, sp, #64");
    A("ldp x19, x20, [sp, #16]");
    A("ldp x21, x22, [sp, #32]");
    A("ldp x23, x24, [sp, #48]");
    A("ldp x25, x26, [sp, #64]");
    A("ldp x27, x28, [sp, #80]");
    A("ldp x29, x30, [sp], #96");
    A("ret");
    A(".size repro_run, .-repro_run");
    A(".globl repro_restorer");
    arch_puts(o, "repro_restorer:\n");
    A("mov x8, #139");
    A("svc 0");
    A(".globl _start");
    arch_puts(o, "_start:\n");
    A("bl repro_main");
    arch_puts(o, "1:\n");
    A("b 1b");
}

#undef A

void arm_repro_asm_a32(ArchOut *o, const ArchReproCode *c)
{
    arm_asm(o, c, false);
}

void arm_repro_asm_t32(ArchOut *o, const ArchReproCode *c)
{
    arm_asm(o, c, true);
}

void arm_repro_asm_a64(ArchOut *o, const ArchReproCode *c)
{
    a64_asm(o, c);
}

/*
 * System calls and the signal frame.  Offsets into the kernel's siginfo
 * and ucontext (the same under QEMU) were measured with each cross
 * compiler's glibc headers, which match the kernel layout; the generated
 * file does not include kernel headers, whose user-space variants do not
 * compile stand-alone on every arch.
 */
static void arm_syscalls(ArchOut *o, bool a64)
{
    const char *call, *out, *clob;

    if (!a64) {
        call = "svc 0";
        out = "r";
        clob = "\"memory\"";
        arch_printf(o,
"static long sys4(long n, long a, long b, long c, long d)\n"
"{\n"
"    register long r7 __asm__(\"r7\") = n;\n"
"    register long x0 __asm__(\"%s0\") = a, x1 __asm__(\"%s1\") = b;\n"
"    register long x2 __asm__(\"%s2\") = c, x3 __asm__(\"%s3\") = d;\n"
"    __asm__ volatile(\"%s\" : \"+r\"(x0) : \"r\"(r7), \"r\"(x1), \"r\"(x2),\n"
"                     \"r\"(x3) : %s);\n"
"    return x0;\n"
"}\n", out, out, out, out, call, clob);
        arch_puts(o,
"enum { SYS_WRITE = 4, SYS_EXIT = 1, SYS_SIGACTION = 174, "
"SYS_SIGALTSTACK = 186, SYS_SIGRETURN = 173 };\n"
"enum { UC_PC = 92, UC_CPSR = 96, SI_CODE = 8, SI_ADDR = 12 };\n"
"/* Thumb: 2 or 4 bytes, from the first halfword (CPSR.T set). */\n"
"static unsigned insn_len(void *uc)\n"
"{\n"
"    unsigned long pc = *(unsigned long *)((char *)uc + UC_PC);\n"
"\n"
"    if (!(*(unsigned long *)((char *)uc + UC_CPSR) & 0x20)) {\n"
"        return 4;\n"
"    }\n"
"    return *(unsigned short *)pc >= 0xe800 ? 4 : 2;\n"
"}\n"
"#define SKIP_INSN(uc) \\\n"
"    (*(unsigned long *)((char *)(uc) + UC_PC) += insn_len(uc))\n"
"#define PC_OF(uc) (*(unsigned long *)((char *)(uc) + UC_PC))\n");
    } else {
        arch_puts(o,
"static long sys4(long n, long a, long b, long c, long d)\n"
"{\n"
"    register long x8 __asm__(\"x8\") = n;\n"
"    register long x0 __asm__(\"x0\") = a, x1 __asm__(\"x1\") = b;\n"
"    register long x2 __asm__(\"x2\") = c, x3 __asm__(\"x3\") = d;\n"
"    __asm__ volatile(\"svc 0\" : \"+r\"(x0)\n"
"                     : \"r\"(x8), \"r\"(x1), \"r\"(x2), \"r\"(x3)\n"
"                     : \"memory\");\n"
"    return x0;\n"
"}\n"
"enum { SYS_WRITE = 64, SYS_EXIT = 93, SYS_SIGACTION = 134, "
"SYS_SIGALTSTACK = 132, SYS_SIGRETURN = 139 };\n"
"enum { UC_PC = 440, SI_CODE = 8, SI_ADDR = 16 };\n"
"#define SKIP_INSN(uc) (*(unsigned long *)((char *)(uc) + UC_PC) += 4)\n"
"#define PC_OF(uc) (*(unsigned long *)((char *)(uc) + UC_PC))\n");
    }
    arch_puts(o,
"/* Generic layout: handler, flags, restorer, 64-bit signal set. */\n"
"struct ksigaction {\n"
"    void (*handler)(int, void *, void *);\n"
"    unsigned long flags;\n"
"    void (*restorer)(void);\n"
"    unsigned long mask[8 / sizeof(long)];\n"
"};\n"
"struct kstack {\n"
"    void *sp;\n"
"    int flags;\n"
"    unsigned long size;\n"
"};\n"
"/* SA_SIGINFO | SA_ONSTACK | SA_RESTORER */\n"
"enum { KSA_FLAGS = 4 | 0x08000000 | 0x04000000, SIGSET_BYTES = 8 };\n"
"void repro_restorer(void);\n"
"#define SET_RESTORER(sa) ((sa).restorer = repro_restorer)\n");
}


void arm_repro_syscalls_a32(ArchOut *o)
{
    arm_syscalls(o, false);
}

void arm_repro_syscalls_a64(ArchOut *o)
{
    arm_syscalls(o, true);
}
