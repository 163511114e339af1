/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MIPS reproducer programs (see tools/repro.h and arch/host.h).
 * Register area: 0-31 GPRs, 32 hi, 33 lo, 34 fcsr, 35 msacsr, 36+2n /
 * 37+2n f<n> (= bits 63:0 of w<n>) / bits 127:64 of w<n>.  The base
 * register is sp: MIPS clean-ups use $gp as scratch, and neither test
 * instructions nor fix-ups use sp.  o32 keeps 32-bit values in the low
 * word of each 64-bit slot.
 */
#include <stdbool.h>

#include "arch/mips/arch.h"
#include "arch/mips/host.h"
#include "format/image.h"

int mips_repro_slot(unsigned slot)
{
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
}

#define A(...) arch_printf(o, "    " __VA_ARGS__), arch_puts(o, "\n")

static void word_comment(ArchOut *o, const ArchReproWord *w)
{
    if (w->comment[0]) {
        arch_printf(o, "    /* +0x%x %s */\n", w->off, w->comment);
    }
}

/* MSACSR and the MSA vectors, or the FPRs, from the register area
 * (store: into it). */
static void mips_vec_regs(ArchOut *o, const ArchReproCode *in, bool n64,
                          int fo, bool store)
{

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

static void mips_asm(ArchOut *o, const ArchReproCode *in, bool n64, bool be)
{
    int nsetmem = 0;
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
    arch_puts(o, "repro_run:\n");
    for (int i = 0; i < 12; i++) {
        A("%s $%d, %d($4)", s, saved[i], (ARCH_REPRO_ST_SAVE + i) * 8 + lo);
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
    mips_vec_regs(o, in, n64, fo, false);
    for (int n = 31; n >= 1; n--) {
        if (n < 26 || n == 28 || n > 29) {
            A("%s $%d, %d($29)", l, n, n * 8 + lo);
        }
    }
    arch_puts(o, "    /* ---- the test code ---- */\n");
    /* LDPC reads from its address rounded down to 8: keep it mod 8. */
    A(".balign 8");
    if (in->nwords && in->words[0].off % 8) {
        A("nop");
    }
    A(".globl repro_code");
    arch_puts(o, "repro_code:\n");
    for (int i = 0; i < in->nwords; i++) {
        const ArchReproWord *w = &in->words[i];

        word_comment(o, w);
        if (w->op < 0) {
            A(".word 0x%08x", w->value);
        } else if (w->op == RISU_OP_SETMEM) {
            A("%s $%d, %d($29)  /* SETMEM: block + %d */", l, w->reg,
              (ARCH_REPRO_ST_SETMEM + nsetmem++) * 8 + lo, w->imm);
            A("nop");
            A("nop");
        } else if (w->op == RISU_OP_MEMOFF) {
            A("%s $%d, $%d, $29  /* MEMOFF */", n64 ? "dsubu" : "subu",
              w->reg, w->reg);
            A("%s $%d, $%d, %d", n64 ? "daddiu" : "addiu", w->reg, w->reg,
              RISU_MEMBLOCK_SIZE);
            A("nop");
        } else if (w->op == RISU_OP_SKIP && w->data) {
            static const char *const jump[] = { "b .Lpool_end%d", "nop",
                                                "nop" };

            arch_repro_pool(o, w, i, jump, 3);
        } else {
            A("nop  /* OPTRAP %d: nothing to do here */", w->op);
            A("nop");
            A("nop");
        }
    }
    A(".globl repro_code_end");
    arch_puts(o, "repro_code_end:\n");
    arch_puts(o, "    /* ---- store the results ---- */\n");
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
    mips_vec_regs(o, in, n64, fo, true);
    for (int i = 0; i < 12; i++) {
        A("%s $%d, %d($29)", l, saved[i], (ARCH_REPRO_ST_SAVE + i) * 8 + lo);
    }
    A("jr $31");
    A("nop");
    A(".size repro_run, .-repro_run");
    A(".globl _start");
    arch_puts(o, "_start:\n");
    A("%s $29, $29, -32", n64 ? "daddiu" : "addiu");
    A("jal repro_main");
    A("nop");
    arch_puts(o, "1:\n");
    A("b 1b");
    A("nop");
    A(".set pop");
}


#undef A

void mips_repro_asm_o32(ArchOut *o, const ArchReproCode *c)
{
    mips_asm(o, c, false, false);
}

void mips_repro_asm_o32be(ArchOut *o, const ArchReproCode *c)
{
    mips_asm(o, c, false, true);
}

void mips_repro_asm_n64(ArchOut *o, const ArchReproCode *c)
{
    mips_asm(o, c, true, false);
}

void mips_repro_asm_n64be(ArchOut *o, const ArchReproCode *c)
{
    mips_asm(o, c, true, true);
}

/*
 * System calls and the signal frame.  Offsets into the kernel's siginfo
 * and ucontext (the same under QEMU) were measured with each cross
 * compiler's glibc headers, which match the kernel layout; the generated
 * file does not include kernel headers, whose user-space variants do not
 * compile stand-alone on every arch.  R6 has no HI/LO to clobber.
 */
static void mips_syscalls(ArchOut *o, bool n64, bool r6)
{
    arch_puts(o,
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
    arch_puts(o, r6 ? "\"memory\");\n"
                      : "\"hi\", \"lo\", \"memory\");\n");
    arch_puts(o, "    return a3 ? -v0 : v0;\n}\n");
    if (n64) {
        arch_puts(o, "enum { SYS_WRITE = 5001, SYS_EXIT = 5058, "
                   "SYS_SIGACTION = 5013, SYS_SIGALTSTACK = 5129 };\n"
                   "enum { UC_PC = 616, SI_CODE = 4, SI_ADDR = 16 };\n");
    } else {
        arch_puts(o, "enum { SYS_WRITE = 4004, SYS_EXIT = 4001, "
                   "SYS_SIGACTION = 4194, SYS_SIGALTSTACK = 4206 };\n"
                   "enum { UC_PC = 32, SI_CODE = 4, SI_ADDR = 12 };\n");
    }
    arch_puts(o,
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
}

void mips_repro_syscalls_o32(ArchOut *o)
{
    mips_syscalls(o, false, false);
}

void mips_repro_syscalls_n64(ArchOut *o)
{
    mips_syscalls(o, true, false);
}

void mips_repro_syscalls_r6_o32(ArchOut *o)
{
    mips_syscalls(o, false, true);
}

void mips_repro_syscalls_r6_n64(ArchOut *o)
{
    mips_syscalls(o, true, true);
}
