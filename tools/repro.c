/*
 * Reproducer programs (see repro.h).  The generated file has three
 * parts: data (register values and the memory block), repro_run in
 * assembly (save the caller's registers, load the state, the test code,
 * store the state, restore), and C that fills memory, calls it and
 * prints the result with write(2).
 *
 * Register area ("st", 64-bit slots, the base register points at st[0]
 * and the memory block ends right below it):
 *   MIPS   0-31 GPRs, 32 hi, 33 lo, 34 fcsr, 35 msacsr, 36+2n / 37+2n
 *          f<n> (= bits 63:0 of w<n>) / bits 127:64 of w<n>
 *   A32    0-14 r0-r14 (sp unused), 15 cpsr, 16 fpscr, 17+n d<n>
 *   A64    0-30 x0-x30, 32 nzcv, 33 fpsr, 34 fpcr, 36+2n / 37+2n v<n>
 *   all    100-111 saved registers, 112+k address for the k-th SETMEM
 * Base register: sp on every architecture, the one register neither test
 * instructions nor the generator's fix-ups and clean-ups use (MIPS
 * clean-ups use $gp as scratch); the caller's sp is kept in the save area.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arch/arm/arch.h"
#include "arch/mips/arch.h"
#include "format/image.h"
#include "tools/repro.h"
#include "tools/tutil.h"

#define ST_SAVE 100
#define ST_SETMEM 112
/* A32/T32 ldr reaches 4095 bytes: 112 + 380 slots stay below that. */
#define ST_SETMEM_MAX 380
#define ST_N (ST_SETMEM + ST_SETMEM_MAX)

/* Repro slot for a trace layout slot, or -1 (not set, not printed). */
static int st_index(const TArch *ta, unsigned slot)
{
    switch (ta->family) {
    case TF_MIPS:
        if (slot < 32) {
            return slot == 26 || slot == 27 || slot == 29 ? -1 : (int)slot;
        }
        if (slot == MIPS_SLOT_HI || slot == MIPS_SLOT_LO) {
            return (int)slot;
        }
        if (slot >= MIPS_SLOT_FPR(0) && slot <= MIPS_SLOT_FPR(31)) {
            return 36 + 2 * (int)(slot - MIPS_SLOT_FPR(0));
        }
        if (slot == MIPS_SLOT_FCSR) {
            return 34;
        }
        if (slot >= MIPS_SLOT_WHI(0) && slot <= MIPS_SLOT_WHI(31)) {
            return 37 + 2 * (int)(slot - MIPS_SLOT_WHI(0));
        }
        if (slot == MIPS_SLOT_MSACSR) {
            return 35;
        }
        return -1;
    case TF_ARM:
        if (slot <= A32_SLOT_D(31) && slot != 13) {
            return (int)slot;
        }
        return -1;
    case TF_A64:
        if (slot <= 30) {
            return (int)slot;
        }
        if (slot >= A64_SLOT_NZCV && slot <= A64_SLOT_FPCR) {
            return (int)slot;
        }
        if (slot >= A64_SLOT_V(0) && slot < A64_SLOT_V(0) + 64) {
            return 36 + (int)(slot - A64_SLOT_V(0));
        }
        return -1;
    default:
        return -1;
    }
}

static bool present(const RisuRegDesc *r, const RisuState *st)
{
    return (st->features & r->features) == r->features;
}

/* ---- assembly per architecture ---- */

typedef struct Asm {
    Sb *b;
    const ReproIn *in;
    int nsetmem;
} Asm;

#define A(...) sb_printf(a->b, "    " __VA_ARGS__), sb_puts(a->b, "\n")

static void word_comment(Asm *a, const ReproWord *w)
{
    if (w->comment[0]) {
        sb_printf(a->b, "    /* +0x%x %s */\n", w->off, w->comment);
    }
}

/* MIPS: MSACSR and the MSA vectors, or the FPRs, from the register area
 * (store: into it). */
static void mips_vec_regs(Asm *a, bool n64, int fo, bool store)
{
    const ReproIn *in = a->in;

    if (in->msa) {
        A(".set push");
        A(".set %s", n64 ? "mips64r2" : "mips32r2");
        A(".set fp=64");
        A(".set msa");
        if (store) {
            A("cfcmsa $1, $1");
            A("sw $1, %d($29)", 35 * 8 + fo);
        } else {
            A("lw $1, %d($29)", 35 * 8 + fo);
            A("ctcmsa $1, $1");
        }
        for (int n = 0; n < 32; n++) {
            A("%s $w%d, %d($29)", store ? "st.d" : "ld.d", n,
              (36 + 2 * n) * 8);
        }
        A(".set pop");
    } else if (in->fpu) {
        for (int n = 0; n < 32; n++) {
            if (in->fr1) {
                A("%s $f%d, %d($29)", store ? "sdc1" : "ldc1", n,
                  (36 + 2 * n) * 8);
            } else {
                A("%s $f%d, %d($29)", store ? "swc1" : "lwc1", n,
                  (36 + 2 * n) * 8 + fo);
            }
        }
    }
}

/* MIPS: o32 keeps 32-bit values in the low word of each 64-bit slot. */
static void mips_asm(Asm *a)
{
    const ReproIn *in = a->in;
    bool n64 = in->ta->is64, be = in->ta->big_endian;
    const char *l = n64 ? "ld" : "lw", *s = n64 ? "sd" : "sw";
    int lo = !n64 && be ? 4 : 0, fo = be ? 4 : 0;
    /* Callee-saved registers, then sp last: it becomes the base. */
    static const int saved[] = { 16, 17, 18, 19, 20, 21, 22, 23, 28, 30, 31,
                                 29 };

    A(".text");
    A(".set push");
    A(".set noreorder");
    A(".set noat");
    A(".set nomacro");
    A(".globl repro_run");
    A(".type repro_run, @function");
    sb_puts(a->b, "repro_run:\n");
    for (int i = 0; i < 12; i++) {
        A("%s $%d, %d($4)", s, saved[i], (ST_SAVE + i) * 8 + lo);
    }
    A("move $29, $4");
    if (in->hilo) {
        A("%s $1, %d($29)", l, 32 * 8 + lo);
        A("mthi $1");
        A("%s $1, %d($29)", l, 33 * 8 + lo);
        A("mtlo $1");
    }
    if (in->fpu) {
        A("lw $1, %d($29)", 34 * 8 + fo);
        A("ctc1 $1, $31");
    }
    mips_vec_regs(a, n64, fo, false);
    for (int n = 31; n >= 1; n--) {
        if (n < 26 || n == 28 || n > 29) {
            A("%s $%d, %d($29)", l, n, n * 8 + lo);
        }
    }
    sb_puts(a->b, "    /* ---- the test code ---- */\n");
    A(".globl repro_code");
    sb_puts(a->b, "repro_code:\n");
    for (int i = 0; i < in->nwords; i++) {
        const ReproWord *w = &in->words[i];

        word_comment(a, w);
        if (w->op < 0) {
            A(".word 0x%08x", w->value);
        } else if (w->op == RISU_OP_SETMEM) {
            A("%s $%d, %d($29)  /* SETMEM: block + %d */", l, w->reg,
              (ST_SETMEM + a->nsetmem++) * 8 + lo, w->imm);
            A("nop");
            A("nop");
        } else if (w->op == RISU_OP_MEMOFF) {
            A("%s $%d, $%d, $29  /* MEMOFF */", n64 ? "dsubu" : "subu",
              w->reg, w->reg);
            A("%s $%d, $%d, %d", n64 ? "daddiu" : "addiu", w->reg, w->reg,
              RISU_MEMBLOCK_SIZE);
            A("nop");
        } else {
            A("nop  /* OPTRAP %d: nothing to do here */", w->op);
            A("nop");
            A("nop");
        }
    }
    A(".globl repro_code_end");
    sb_puts(a->b, "repro_code_end:\n");
    sb_puts(a->b, "    /* ---- store the results ---- */\n");
    for (int n = 1; n <= 31; n++) {
        if (n < 26 || n == 28 || n > 29) {
            A("%s $%d, %d($29)", s, n, n * 8 + lo);
        }
    }
    if (in->hilo) {
        A("mfhi $1");
        A("%s $1, %d($29)", s, 32 * 8 + lo);
        A("mflo $1");
        A("%s $1, %d($29)", s, 33 * 8 + lo);
    }
    if (in->fpu) {
        A("cfc1 $1, $31");
        A("sw $1, %d($29)", 34 * 8 + fo);
    }
    mips_vec_regs(a, n64, fo, true);
    for (int i = 0; i < 12; i++) {
        A("%s $%d, %d($29)", l, saved[i], (ST_SAVE + i) * 8 + lo);
    }
    A("jr $31");
    A("nop");
    A(".size repro_run, .-repro_run");
    A(".globl _start");
    sb_puts(a->b, "_start:\n");
    A("%s $29, $29, -32", n64 ? "daddiu" : "addiu");
    A("jal repro_main");
    A("nop");
    sb_puts(a->b, "1:\n");
    A("b 1b");
    A("nop");
    A(".set pop");
}

static const char *arm_reg(int n)
{
    static const char *const names[] = { "r0", "r1", "r2", "r3", "r4", "r5",
                                         "r6", "r7", "r8", "r9", "r10",
                                         "r11", "r12", "sp", "lr", "pc" };

    return names[n & 15];
}

static void arm_asm(Asm *a)
{
    const ReproIn *in = a->in;
    bool t = in->ta->thumb;
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
    sb_puts(a->b, "repro_run:\n");
    A("push {r4-r11, lr}");
    A("vpush {d8-d15}");
    A("mov r1, sp");
    A("str r1, [r0, #%d]", ST_SAVE * 8);
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
    sb_puts(a->b, "    /* ---- the test code ---- */\n");
    A(".globl repro_code");
    sb_puts(a->b, "repro_code:\n");
    for (int i = 0; i < in->nwords; i++) {
        const ReproWord *w = &in->words[i];

        word_comment(a, w);
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
              t ? ".w" : "", w->reg, (ST_SETMEM + a->nsetmem++) * 8,
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
        } else {
            for (int k = 0; k < (t ? 5 : 3); k++) {
                A("nop  /* OPTRAP %d */", w->op);
            }
        }
    }
    A(".globl repro_code_end");
    sb_puts(a->b, "repro_code_end:\n");
    sb_puts(a->b, "    /* ---- store the results ---- */\n");
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
    A("ldr r1, [sp, #%d]", ST_SAVE * 8);
    A("mov sp, r1");
    A("vpop {d8-d15}");
    A("pop {r4-r11, pc}");
    A(".size repro_run, .-repro_run");
    A(".arm");
    A(".balign 4");
    A(".globl repro_restorer");
    sb_puts(a->b, "repro_restorer:\n");
    A("mov r7, #173");
    A("svc 0");
    A(".globl _start");
    sb_puts(a->b, "_start:\n");
    A("bl repro_main");
    sb_puts(a->b, "1:\n");
    A("b 1b");
}

static void a64_asm(Asm *a)
{
    const ReproIn *in = a->in;

    A(".text");
    A(".globl repro_run");
    A(".type repro_run, %%function");
    sb_puts(a->b, "repro_run:\n");
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
    A("str x1, [x0, #%d]", ST_SAVE * 8);
    A("mov sp, x0");
    if (in->fpu) {
        A("ldr x0, [sp, #%d]", 34 * 8);
        A("msr fpcr, x0");
        A("ldr x0, [sp, #%d]", 33 * 8);
        A("msr fpsr, x0");
        for (int n = 0; n < 32; n++) {
            A("ldr q%d, [sp, #%d]", n, (36 + 2 * n) * 8);
        }
    }
    A("ldr x0, [sp, #%d]", 32 * 8);
    A("msr nzcv, x0");
    for (int n = 30; n >= 0; n--) {
        A("ldr x%d, [sp, #%d]", n, n * 8);
    }
    sb_puts(a->b, "    /* ---- the test code ---- */\n");
    A(".globl repro_code");
    sb_puts(a->b, "repro_code:\n");
    for (int i = 0; i < in->nwords; i++) {
        const ReproWord *w = &in->words[i];

        word_comment(a, w);
        if (w->op < 0) {
            A(".word 0x%08x", w->value);
        } else if (w->op == RISU_OP_SETMEM) {
            A("ldr x%d, [sp, #%d]  /* SETMEM: block + %d */", w->reg,
              (ST_SETMEM + a->nsetmem++) * 8, w->imm);
            A("nop");
            A("nop");
        } else if (w->op == RISU_OP_MEMOFF) {
            A("sub x%d, sp, x%d, uxtx  /* MEMOFF */", w->reg, w->reg);
            A("neg x%d, x%d", w->reg, w->reg);
            A("add x%d, x%d, #%d", w->reg, w->reg, RISU_MEMBLOCK_SIZE);
        } else {
            A("nop  /* OPTRAP %d */", w->op);
            A("nop");
            A("nop");
        }
    }
    A(".globl repro_code_end");
    sb_puts(a->b, "repro_code_end:\n");
    sb_puts(a->b, "    /* ---- store the results ---- */\n");
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
        for (int n = 0; n < 32; n++) {
            A("str q%d, [sp, #%d]", n, (36 + 2 * n) * 8);
        }
    }
    A("ldr x1, [sp, #%d]", ST_SAVE * 8);
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
    sb_puts(a->b, "repro_restorer:\n");
    A("mov x8, #139");
    A("svc 0");
    A(".globl _start");
    sb_puts(a->b, "_start:\n");
    A("bl repro_main");
    sb_puts(a->b, "1:\n");
    A("b 1b");
}

#undef A

/* ---- system calls and signal frames in C, per architecture ---- */

/*
 * Offsets into the kernel's siginfo and ucontext (the same under QEMU):
 * measured with each cross compiler's glibc headers, which match the
 * kernel layout; the generated file does not include kernel headers,
 * whose user-space variants do not compile stand-alone on every arch.
 */
static void syscalls_c(const TArch *ta, Sb *b)
{
    const char *call, *out, *clob;
    bool mips = ta->family == TF_MIPS;

    if (mips) {
        sb_puts(b,
"static long sys4(long n, long a, long b, long c, long d)\n"
"{\n"
"    register long v0 __asm__(\"$2\") = n;\n"
"    register long a0 __asm__(\"$4\") = a, a1 __asm__(\"$5\") = b;\n"
"    register long a2 __asm__(\"$6\") = c, a3 __asm__(\"$7\") = d;\n"
"    __asm__ volatile(\"syscall\" : \"+r\"(v0), \"+r\"(a3)\n"
"                     : \"r\"(a0), \"r\"(a1), \"r\"(a2)\n"
"                     : \"$1\", \"$3\", \"$8\", \"$9\", \"$10\", \"$11\","
"\n                       \"$12\", \"$13\", \"$14\", \"$15\", \"$24\","
" \"$25\", ");
        sb_puts(b, ta->r6 ? "\"memory\");\n"
                          : "\"hi\", \"lo\", \"memory\");\n");
        sb_puts(b, "    return a3 ? -v0 : v0;\n}\n");
        if (ta->is64) {
            sb_puts(b, "enum { SYS_WRITE = 5001, SYS_EXIT = 5058, "
                       "SYS_SIGACTION = 5013, SYS_SIGALTSTACK = 5129 };\n"
                       "enum { UC_PC = 616, SI_CODE = 4, SI_ADDR = 16 };\n");
        } else {
            sb_puts(b, "enum { SYS_WRITE = 4004, SYS_EXIT = 4001, "
                       "SYS_SIGACTION = 4194, SYS_SIGALTSTACK = 4206 };\n"
                       "enum { UC_PC = 32, SI_CODE = 4, SI_ADDR = 12 };\n");
        }
        sb_puts(b,
"/* MIPS: flags first, a 128-bit signal set, no restorer; SA_SIGINFO = 8. */\n"
"struct ksigaction {\n"
"    unsigned int flags;\n"
"    void (*handler)(int, void *, void *);\n"
"    unsigned long mask[16 / sizeof(long)];\n"
"};\n"
"struct kstack {\n"
"    void *sp;\n"
"    unsigned long size;\n"
"    int flags;\n"
"};\n"
"enum { KSA_FLAGS = 8 | 0x08000000, SIGSET_BYTES = 16 };\n"
"#define SKIP_INSN(uc) (*(u64 *)((char *)(uc) + UC_PC) += 4)\n"
"#define PC_OF(uc) ((unsigned long)*(u64 *)((char *)(uc) + UC_PC))\n"
"#define SET_RESTORER(sa) ((void)(sa))\n");
        return;
    }
    if (ta->family == TF_ARM) {
        call = "svc 0";
        out = "r";
        clob = "\"memory\"";
        sb_printf(b,
"static long sys4(long n, long a, long b, long c, long d)\n"
"{\n"
"    register long r7 __asm__(\"r7\") = n;\n"
"    register long x0 __asm__(\"%s0\") = a, x1 __asm__(\"%s1\") = b;\n"
"    register long x2 __asm__(\"%s2\") = c, x3 __asm__(\"%s3\") = d;\n"
"    __asm__ volatile(\"%s\" : \"+r\"(x0) : \"r\"(r7), \"r\"(x1), \"r\"(x2),\n"
"                     \"r\"(x3) : %s);\n"
"    return x0;\n"
"}\n", out, out, out, out, call, clob);
        sb_puts(b,
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
        sb_puts(b,
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
    sb_puts(b,
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

static const char *c_body =
"static void put(const char *s)\n"
"{\n"
"    long n = 0;\n"
"\n"
"    while (s[n]) {\n"
"        n++;\n"
"    }\n"
"    sys4(SYS_WRITE, 1, (long)s, n, 0);\n"
"}\n"
"\n"
"static void put_num(u64 v, int base, int digits)\n"
"{\n"
"    char buf[24];\n"
"    int k = sizeof(buf) - 1;\n"
"\n"
"    buf[k] = 0;\n"
"    do {\n"
"        buf[--k] = \"0123456789abcdef\"[base == 16 ? (v & 15) : (v % 10)];\n"
"        v = base == 16 ? v >> 4 : v / 10;\n"
"        digits--;\n"
"    } while ((v || digits > 0) && k > 0);\n"
"    put(buf + k);\n"
"}\n"
"\n"
"static void put_hex(const u64 *v, int nslots)\n"
"{\n"
"    put(\"0x\");\n"
"    for (int s = nslots - 1; s >= 0; s--) {\n"
"        put_num(v[s], 16, 16);\n"
"    }\n"
"    put(\"\\n\");\n"
"}\n"
"\n"
"/* The runner's MEMINIT fill (format/image.h): xorshift64*, LE words. */\n"
"static void meminit(unsigned seed)\n"
"{\n"
"    u64 s = (u64)seed * 0x9E3779B97F4A7C15ull | 1;\n"
"\n"
"    for (unsigned i = 0; i < MEMSIZE; i += 8) {\n"
"        u64 x = s;\n"
"\n"
"        x ^= x >> 12;\n"
"        x ^= x << 25;\n"
"        x ^= x >> 27;\n"
"        s = x;\n"
"        x *= 0x2545F4914F6CDD1Dull;\n"
"        for (int k = 0; k < 8; k++) {\n"
"            blk.mem[i + k] = (unsigned char)(x >> (8 * k));\n"
"        }\n"
"    }\n"
"}\n"
"\n"
"/*\n"
" * Signals from the test code are recorded and the instruction skipped,\n"
" * as the runner does; the handler runs on its own stack because sp\n"
" * points at the register area while the test code runs.\n"
" */\n"
"static char altstack[65536] __attribute__((aligned(16)));\n"
"static struct {\n"
"    int signo, code;\n"
"    unsigned long pc, addr;\n"
"} sigs[16];\n"
"static int nsigs;\n"
"extern char repro_code[], repro_code_end[];\n"
"\n"
"static void on_signal(int sig, void *info, void *uc)\n"
"{\n"
"    if (nsigs < 16) {\n"
"        sigs[nsigs].signo = sig;\n"
"        sigs[nsigs].code = *(int *)((char *)info + SI_CODE);\n"
"        sigs[nsigs].pc = PC_OF(uc);\n"
"        sigs[nsigs].addr = *(unsigned long *)((char *)info + SI_ADDR);\n"
"        nsigs++;\n"
"    }\n"
"    SKIP_INSN(uc);\n"
"}\n"
"\n"
"static void catch_signals(void)\n"
"{\n"
"    /* SIGILL SIGTRAP SIGFPE SIGSEGV, SIGBUS (7 ARM, 10 MIPS) */\n"
"    static const int list[] = { 4, 5, 7, 8, 10, 11 };\n"
"    struct kstack ss = { .sp = altstack, .size = sizeof(altstack) };\n"
"\n"
"    sys4(SYS_SIGALTSTACK, (long)&ss, 0, 0, 0);\n"
"    for (unsigned i = 0; i < sizeof(list) / sizeof(list[0]); i++) {\n"
"        struct ksigaction sa = { .handler = on_signal, .flags = KSA_FLAGS };\n"
"\n"
"        SET_RESTORER(sa);\n"
"        sys4(SYS_SIGACTION, list[i], (long)&sa, 0, SIGSET_BYTES);\n"
"    }\n"
"}\n"
"\n"
"/* Addresses differ between builds: print them relative to something. */\n"
"static void put_addr(unsigned long a)\n"
"{\n"
"    unsigned long m = (unsigned long)blk.mem;\n"
"    unsigned long c = (unsigned long)repro_code;\n"
"\n"
"    if (a >= m && a < m + MEMSIZE + 4096) {\n"
"        put(\"block+0x\");\n"
"        put_num(a - m, 16, 1);\n"
"    } else if (a >= c && a < (unsigned long)repro_code_end) {\n"
"        put(\"code+0x\");\n"
"        put_num(a - c, 16, 1);\n"
"    } else {\n"
"        put(\"0x\");\n"
"        put_num(a, 16, 1);\n"
"    }\n"
"}\n"
"\n"
"void repro_main(void)\n"
"{\n"
"    u64 h = 0xcbf29ce484222325ull;\n"
"\n"
"    meminit(MEMINIT_SEED);\n"
"    for (int k = 0; k < (int)(sizeof(setmem) / sizeof(setmem[0])); k++) {\n"
"        blk.st[SETMEM_SLOT + k] = (unsigned long)blk.mem + setmem[k];\n"
"    }\n"
"    catch_signals();\n"
"    repro_run(blk.st);\n"
"    for (int i = 0; i < nsigs; i++) {\n"
"        put(\"signal \");\n"
"        put_num(sigs[i].signo, 10, 1);\n"
"        put(\" si_code \");\n"
"        put_num(sigs[i].code, 10, 1);\n"
"        put(\" at \");\n"
"        put_addr(sigs[i].pc);\n"
"        put(\" fault \");\n"
"        put_addr(sigs[i].addr);\n"
"        put(\"\\n\");\n"
"    }\n"
"    for (int i = 0; i < (int)(sizeof(out) / sizeof(out[0])); i++) {\n"
"        u64 v[2] = { blk.st[out[i].st] & out[i].mask,\n"
"                     out[i].n == 2 ? blk.st[out[i].st + 1] & out[i].mask\n"
"                                   : 0 };\n"
"\n"
"        put(out[i].name);\n"
"        put(\" \");\n"
"        put_hex(v, out[i].n);\n"
"    }\n"
"    for (int i = 0; i < MEMSIZE; i++) {\n"
"        h = (h ^ blk.mem[i]) * 0x100000001b3ull;\n"
"    }\n"
"    put(\"memhash \");\n"
"    put_hex(&h, 1);\n"
"    sys4(SYS_EXIT, 0, 0, 0, 0);\n"
"    for (;;) {\n"
"    }\n"
"}\n";

char *repro_source(const ReproIn *in, char *err, size_t errlen)
{
    const TArch *ta = in->ta;
    const RisuArchDesc *arch = in->arch;
    Sb b = { 0 };
    Asm a = { &b, in, 0 };
    int nset = 0;

    if (ta->family != TF_MIPS && ta->family != TF_ARM &&
        ta->family != TF_A64) {
        snprintf(err, errlen, "no reproducer generator for arch %s",
                 ta->name);
        return NULL;
    }
    for (int i = 0; i < in->nwords; i++) {
        nset += in->words[i].op == RISU_OP_SETMEM;
    }
    if (nset > ST_SETMEM_MAX) {
        snprintf(err, errlen, "%d memory set-ups in the code, at most %d "
                 "fit the reproducer's register area: shrink further",
                 nset, ST_SETMEM_MAX);
        return NULL;
    }
    nset = 0;
    sb_printf(&b, "/*\n * risu-trace shrink reproducer for %s%s.\n",
              ta->name, ta->big_endian ? " (big-endian)" : "");
    if (in->title) {
        sb_printf(&b, " *\n%s", in->title);
    }
    sb_puts(&b, " *\n * Freestanding: build with -nostdlib -static (see the "
                "README next to it).\n * Prints one \"name 0x...\" line per "
                "register, then a hash of the\n * memory block; diff the "
                "output of the two sides.\n */\n\n");
    sb_puts(&b, "typedef unsigned long long u64;\n\n");
    sb_printf(&b, "#define MEMSIZE %u\n#define MEMINIT_SEED 0x%xu\n"
              "#define SETMEM_SLOT %d\n\n", RISU_MEMBLOCK_SIZE,
              in->meminit_seed, ST_SETMEM);
    sb_puts(&b, "/* The memory block lies right below the register area: the "
                "base register\n * (st) minus MEMSIZE is the block, as the "
                "MEMOFF sequences assume. */\n");
    sb_printf(&b, "static struct {\n    unsigned char mem[MEMSIZE];\n"
              "    u64 st[%d];\n} blk __attribute__((aligned(4096))) = {\n"
              "    .st = {\n", ST_N);
    if (in->set_note) {
        sb_printf(&b, "        /* %s */\n", in->set_note);
    }
    for (int i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *r = &arch->regs[i];

        if (!present(r, in->before) || !r->mask) {
            continue;
        }
        for (int k = 0; k < r->nslots; k++) {
            int st = st_index(ta, r->slot + (unsigned)k);
            uint64_t v = in->before->slot[r->slot + k] & r->mask;

            if (st < 0 || !v) {
                continue;
            }
            sb_printf(&b, "        [%d] = 0x%016llxull,  /* %s%s */\n", st,
                      (unsigned long long)v, r->name,
                      r->nslots > 1 ? (k ? " [127:64]" : " [63:0]") : "");
            nset++;
        }
    }
    if (!nset) {
        sb_puts(&b, "        [0] = 0,  /* every register starts at zero */\n");
    }
    sb_puts(&b, "    },\n};\n\n");

    sb_puts(&b, "/* Byte offsets into the block for each OPTRAP SETMEM, in "
                "order. */\nstatic const long setmem[] = {");
    {
        int k = 0;

        for (int i = 0; i < in->nwords; i++) {
            if (in->words[i].op == RISU_OP_SETMEM) {
                sb_printf(&b, "%s %d", k ? "," : "", in->words[i].imm);
                k++;
            }
        }
        if (!k) {
            sb_puts(&b, " 0");
        }
    }
    sb_puts(&b, " };\n\n");

    sb_puts(&b, "/* What is printed: the trace's register names, masked as "
                "the runner compares. */\nstatic const struct {\n"
                "    const char *name;\n    int st, n;\n    u64 mask;\n"
                "} out[] = {\n");
    for (int i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *r = &arch->regs[i];
        int st = st_index(ta, r->slot);

        if (!present(r, in->before) || !r->mask || st < 0 ||
            r->nslots > 2) {
            continue;
        }
        sb_printf(&b, "    { \"%s\", %d, %d, 0x%016llxull },", r->name, st,
                  r->nslots, (unsigned long long)r->mask);
        if (in->ref_after && in->test_after) {
            uint64_t ra = in->ref_after->slot[r->slot] & r->mask;
            uint64_t tb = in->test_after->slot[r->slot] & r->mask;
            uint64_t rh = r->nslots > 1 ? in->ref_after->slot[r->slot + 1]
                                        : 0;
            uint64_t th = r->nslots > 1 ? in->test_after->slot[r->slot + 1]
                                        : 0;

            if (ra != tb || rh != th) {
                sb_printf(&b, "  /* differs: ref 0x%llx test 0x%llx */",
                          (unsigned long long)ra, (unsigned long long)tb);
            }
        }
        sb_putc(&b, '\n');
    }
    sb_puts(&b, "};\n\nvoid repro_run(u64 *st);\nvoid repro_main(void);\n\n");
    syscalls_c(ta, &b);
    sb_putc(&b, '\n');
    sb_puts(&b, c_body);
    sb_puts(&b, "\n__asm__(\n");
    {
        Sb asmb = { 0 };
        const char *p;

        a.b = &asmb;
        if (ta->family == TF_MIPS) {
            mips_asm(&a);
        } else if (ta->family == TF_ARM) {
            arm_asm(&a);
        } else {
            a64_asm(&a);
        }
        /* Each assembly line becomes one C string literal. */
        p = asmb.s;
        while (p && *p) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);

            sb_puts(&b, "\"");
            for (size_t i = 0; i < n; i++) {
                if (p[i] == '"' || p[i] == '\\') {
                    sb_putc(&b, '\\');
                }
                sb_putc(&b, p[i]);
            }
            sb_puts(&b, "\\n\"\n");
            p += n + (nl ? 1 : 0);
        }
        sb_free(&asmb);
    }
    sb_puts(&b, ");\n");
    return sb_take(&b);
}

/* ---- building and running ---- */

/* Runner flavour, compiler, flags: as MIPS_/ARM_RUNNER_FLAVOURS in
 * runner/rules.mk (with -mfpu=neon so the code may name d16-d31). */
static const struct {
    const char *flavour, *cc, *flags;
} flavours[] = {
    { "mipsel", "mipsel-linux-gnu-gcc", "-march=mips32 -mfp32" },
    { "mipsel-fp64", "mipsel-linux-gnu-gcc", "-march=mips32r2 -mfp64" },
    { "mipsel-fp64-nan2008", "mipsel-linux-gnu-gcc",
      "-march=mips32r2 -mfp64 -mnan=2008" },
    { "mips", "mips-linux-gnu-gcc", "-march=mips32 -mfp32" },
    { "mips-fp64", "mips-linux-gnu-gcc", "-march=mips32r2 -mfp64" },
    { "mips-fp64-nan2008", "mips-linux-gnu-gcc",
      "-march=mips32r2 -mfp64 -mnan=2008" },
    { "mips64el", "mips64el-linux-gnuabi64-gcc", "-march=mips3 -mabi=64" },
    { "mips64", "mips64el-linux-gnuabi64-gcc", "-EB -march=mips3 -mabi=64" },
    { "mips64el-nan2008", "mips64el-linux-gnuabi64-gcc",
      "-march=mips64r2 -mabi=64 -mnan=2008" },
    { "mipsisa32r6el", "mipsisa32r6el-linux-gnu-gcc", "-march=mips32r6" },
    { "mipsisa64r6el", "mipsisa64r6el-linux-gnuabi64-gcc",
      "-march=mips64r6 -mabi=64" },
    { "armhf", "arm-linux-gnueabihf-gcc",
      "-marm -march=armv7-a -mfpu=neon -mfloat-abi=hard" },
    { "aarch64", "aarch64-linux-gnu-gcc", "-march=armv8-a" },
};

#define NFLAV (sizeof(flavours) / sizeof(flavours[0]))

static int flavour_index(const char *name)
{
    for (size_t i = 0; i < NFLAV; i++) {
        if (!strcmp(flavours[i].flavour, name)) {
            return (int)i;
        }
    }
    return -1;
}

static const char *default_flavour(const TArch *ta, bool fr1, bool nan2008)
{
    switch (ta->family) {
    case TF_MIPS:
        if (ta->r6) {
            return ta->is64 ? "mipsisa64r6el" : "mipsisa32r6el";
        }
        if (ta->is64) {
            return ta->big_endian ? "mips64" : "mips64el";
        }
        if (ta->big_endian) {
            return nan2008 ? "mips-fp64-nan2008" : fr1 ? "mips-fp64" : "mips";
        }
        return nan2008 ? "mipsel-fp64-nan2008" : fr1 ? "mipsel-fp64"
                                                     : "mipsel";
    case TF_ARM:
        return "armhf";
    default:
        return "aarch64";
    }
}

void repro_side(const char *cmd, const TArch *ta, bool fr1, bool nan2008,
                ReproSide *out)
{
    Sb emu = { 0 };
    const char *p = cmd;
    char *flav = NULL;
    bool started = false;

    memset(out, 0, sizeof(*out));
    while (p && *p && !flav) {
        size_t n;
        char *w;
        const char *base;

        p += strspn(p, " \t");
        n = strcspn(p, " \t");
        if (!n) {
            break;
        }
        w = xstrndup(p, n);
        p += n;
        base = path_base(w);
        if (!strncmp(base, "risu-", 5)) {
            flav = xstrdup(base + 5);
        } else if (!started && (strchr(w, '=') || !strcmp(w, "env"))) {
            /* VAR=value and env: the runner's environment, not the CPU */
        } else {
            started = true;
            sb_printf(&emu, "%s%s", emu.len ? " " : "", w);
        }
        free(w);
    }
    if (!flav || flavour_index(flav) < 0) {
        /* No runner we know: nothing tells which emulator or CPU ran it. */
        free(flav);
        flav = xstrdup(default_flavour(ta, fr1, nan2008));
        sb_free(&emu);
    } else {
        out->known = true;
    }
    out->emu = sb_take(&emu);
    out->flavour = flav;
    if (flavour_index(flav) >= 0) {
        out->cc = xstrdup(flavours[flavour_index(flav)].cc);
        out->cflags = xstrdup(flavours[flavour_index(flav)].flags);
    } else {
        out->cc = xstrdup("cc");
        out->cflags = xstrdup("");
    }
}

void repro_side_free(ReproSide *s)
{
    free(s->emu);
    free(s->flavour);
    free(s->cc);
    free(s->cflags);
    memset(s, 0, sizeof(*s));
}

char *repro_build_cmd(const ReproSide *s, const char *src, const char *exe)
{
    bool mips = !strncmp(s->flavour, "mips", 4);
    char *qs = sh_quote(src), *qe = sh_quote(exe);
    char *r = xasprintf("%s %s -O1 -ffreestanding -fno-builtin "
                        "-fno-stack-protector%s -static -nostdlib "
                        "-Wl,-e,_start -Wl,--build-id=none -o %s %s -lgcc",
                        s->cc, s->cflags,
                        mips ? " -fno-pic -mno-abicalls -G0" : "", qe, qs);

    free(qs);
    free(qe);
    return r;
}

char *repro_run_cmd(const ReproSide *s, const char *exe)
{
    char *qe = sh_quote(exe);
    char *r = s->emu[0] ? xasprintf("%s %s", s->emu, qe) : xstrdup(qe);

    free(qe);
    return r;
}
