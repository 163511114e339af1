/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reproducer programs (see repro.h).  The generated file has three
 * parts: data (register values and the memory block), repro_run in
 * assembly (save the caller's registers, load the state, the test code,
 * store the state, restore), and C that fills memory, calls it and
 * prints the result with write(2).
 *
 * Register area ("st", 64-bit slots, the base register points at st[0]
 * and the memory block ends right below it): each arch's registers where
 * its repro_slot hook puts them (arch/<family>/repro.c), then
 * ARCH_REPRO_ST_SAVE.. the saved registers and ARCH_REPRO_ST_SETMEM + k
 * the address for the k-th SETMEM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arch/flavour.h"
#include "format/image.h"
#include "tools/repro.h"
#include "tools/tutil.h"

#define ST_SETMEM ARCH_REPRO_ST_SETMEM
/* A32/T32 ldr reaches 4095 bytes: 112 + 380 slots stay below that. */
#define ST_SETMEM_MAX 380
#define ST_N (ST_SETMEM + ST_SETMEM_MAX)

static bool present(const RisuRegDesc *r, const RisuState *st)
{
    return (st->features & r->features) == r->features;
}

/*
 * Slots in the register area: the fixed part, or more where the arch
 * puts registers of this state beyond it (wide vector state).
 */
static int st_size(const ReproIn *in)
{
    int n = ST_N;

    for (int i = 0; i < in->arch->nregs; i++) {
        const RisuRegDesc *r = &in->arch->regs[i];

        for (int k = 0; present(r, in->before) && k < r->nslots; k++) {
            int st = in->ta->repro_slot(r->slot + (unsigned)k);

            n = st >= n ? st + 1 : n;
        }
    }
    return n;
}

/* Lines the arch writers append, into a string buffer. */
static void sb_write(void *opaque, const char *p, size_t n)
{
    sb_putn(opaque, p, n);
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
"    /* SIGILL SIGTRAP SIGFPE SIGSEGV, and SIGBUS (7 or 10) */\n"
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
"        u64 v[16];\n"
"\n"
"        for (int k = 0; k < out[i].n && k < 16; k++) {\n"
"            v[k] = blk.st[out[i].st + k] & out[i].mask;\n"
"        }\n"
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

/* Comment, defines and the block type, up to the register area. */
static void put_head(Sb *b, const ReproIn *in)
{
    const ArchHost *ta = in->ta;

    /* QEMU's own licence, so the file may go into QEMU's tests. */
    sb_puts(b, "/* SPDX-License-Identifier: GPL-2.0-or-later */\n");
    sb_printf(b, "/*\n * risu-trace shrink reproducer for %s%s.\n",
              ta->name, ta->big_endian ? " (big-endian)" : "");
    if (in->title) {
        sb_printf(b, " *\n%s", in->title);
    }
    sb_puts(b, " *\n * Freestanding: build with -nostdlib -static (see the "
               "README next to it).\n * Prints one \"name 0x...\" line per "
               "register, then a hash of the\n * memory block; diff the "
               "output of the two sides.\n */\n\n");
    sb_puts(b, "typedef unsigned long long u64;\n\n");
    sb_printf(b, "#define MEMSIZE %u\n#define MEMINIT_SEED 0x%xu\n"
              "#define SETMEM_SLOT %d\n\n", RISU_MEMBLOCK_SIZE,
              in->meminit_seed, ST_SETMEM);
    sb_puts(b, "/* The memory block lies right below the register area: the "
               "base register\n * (st) minus MEMSIZE is the block, as the "
               "MEMOFF sequences assume. */\n");
    sb_printf(b, "static struct {\n    unsigned char mem[MEMSIZE];\n"
              "    u64 st[%d];\n} blk __attribute__((aligned(4096))) = {\n"
              "    .st = {\n", st_size(in));
}

/* The register area's initial values: the non-zero ones of `before`. */
static void put_initial(Sb *b, const ReproIn *in)
{
    const ArchHost *ta = in->ta;
    const RisuArchDesc *arch = in->arch;
    int nset = 0;

    if (in->set_note) {
        sb_printf(b, "        /* %s */\n", in->set_note);
    }
    for (int i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *r = &arch->regs[i];

        if (!present(r, in->before) || !r->mask) {
            continue;
        }
        for (int k = 0; k < r->nslots; k++) {
            int st = ta->repro_slot(r->slot + (unsigned)k);
            uint64_t v = in->before->slot[r->slot + k] & r->mask;

            if (st < 0 || !v) {
                continue;
            }
            sb_printf(b, "        [%d] = 0x%016llxull,  /* %s", st,
                      (unsigned long long)v, r->name);
            if (r->nslots > 1) {
                sb_printf(b, " [%d:%d]", 64 * k + 63, 64 * k);
            }
            sb_puts(b, " */\n");
            nset++;
        }
    }
    if (!nset) {
        sb_puts(b, "        [0] = 0,  /* every register starts at zero */\n");
    }
    sb_puts(b, "    },\n};\n\n");
}

static void put_setmem(Sb *b, const ReproIn *in)
{
    int k = 0;

    sb_puts(b, "/* Byte offsets into the block for each OPTRAP SETMEM, in "
               "order. */\nstatic const long setmem[] = {");
    for (int i = 0; i < in->nwords; i++) {
        if (in->words[i].op == RISU_OP_SETMEM) {
            sb_printf(b, "%s %d", k ? "," : "", in->words[i].imm);
            k++;
        }
    }
    if (!k) {
        sb_puts(b, " 0");
    }
    sb_puts(b, " };\n\n");
}

/* A comment on the first 64-bit part where the two sides differ. */
static void put_differs(Sb *b, const RisuRegDesc *r, const RisuState *ref,
                        const RisuState *test)
{
    for (int k = 0; k < r->nslots; k++) {
        uint64_t ra = ref->slot[r->slot + k] & r->mask;
        uint64_t tb = test->slot[r->slot + k] & r->mask;

        if (ra != tb) {
            sb_printf(b, "  /* differs: ref 0x%llx test 0x%llx",
                      (unsigned long long)ra, (unsigned long long)tb);
            if (r->nslots > 1) {
                sb_printf(b, " in bits %d:%d", 64 * k + 63, 64 * k);
            }
            sb_puts(b, " */");
            return;
        }
    }
}

/* The registers printed, those that differ after the code marked. */
static void put_outputs(Sb *b, const ReproIn *in)
{
    const ArchHost *ta = in->ta;
    const RisuArchDesc *arch = in->arch;

    sb_puts(b, "/* What is printed: the trace's register names, masked as "
               "the runner compares. */\nstatic const struct {\n"
               "    const char *name;\n    int st, n;\n    u64 mask;\n"
               "} out[] = {\n");
    for (int i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *r = &arch->regs[i];
        int st = ta->repro_slot(r->slot);

        /* the program prints at most 16 slots (1024 bits) a register */
        if (!present(r, in->before) || !r->mask || st < 0 ||
            r->nslots > 16) {
            continue;
        }
        sb_printf(b, "    { \"%s\", %d, %d, 0x%016llxull },", r->name, st,
                  r->nslots, (unsigned long long)r->mask);
        if (in->ref_after && in->test_after) {
            put_differs(b, r, in->ref_after, in->test_after);
        }
        sb_putc(b, '\n');
    }
    sb_puts(b, "};\n\n");
}

/* The arch's assembly for the code, each line one C string literal. */
static void put_asm(Sb *b, const ReproIn *in)
{
    Sb asmb = { 0 };
    const char *p;
    ArchReproCode code = { in->words, in->nwords, in->fpu, in->msa,
                           in->fr1, in->hilo, in->d32, in->svec };

    sb_puts(b, "\n__asm__(\n");
    in->ta->repro_asm(&(ArchOut){ sb_write, &asmb }, &code);
    p = asmb.s;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        sb_puts(b, "\"");
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '"' || p[i] == '\\') {
                sb_putc(b, '\\');
            }
            sb_putc(b, p[i]);
        }
        sb_puts(b, "\\n\"\n");
        p += n + (nl ? 1 : 0);
    }
    sb_free(&asmb);
    sb_puts(b, ");\n");
}

char *repro_source(const ReproIn *in, char *err, size_t errlen)
{
    const ArchHost *ta = in->ta;
    Sb b = { 0 };
    int nset = 0;

    if (!ta->repro_asm) {
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
    put_head(&b, in);
    put_initial(&b, in);
    put_setmem(&b, in);
    put_outputs(&b, in);
    sb_puts(&b, "void repro_run(u64 *st);\nvoid repro_main(void);\n\n");
    ta->repro_syscalls(&(ArchOut){ sb_write, &b });
    sb_putc(&b, '\n');
    sb_puts(&b, c_body);
    put_asm(&b, in);
    return sb_take(&b);
}

/* ---- building and running ---- */

void repro_side(const char *cmd, const ArchHost *ta, bool fr1, bool nan2008,
                ReproSide *out)
{
    Sb emu = { 0 };
    const char *p = cmd;
    char *flav = NULL;
    bool started = false;
    const ArchFlavour *f;

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
    if (!flav || !arch_flavour_find(flav)) {
        /* No runner we know: nothing tells which emulator or CPU ran it. */
        free(flav);
        if (!ta->flavour) {
            rt_err("%s: no runner flavour exists for this architecture "
                   "(no toolchain builds one), so no reproducer either",
                   ta->name);
            exit(2);
        }
        flav = xstrdup(ta->flavour(fr1, nan2008));
        sb_free(&emu);
    } else {
        out->known = true;
    }
    out->emu = sb_take(&emu);
    out->flavour = flav;
    f = arch_flavour_find(flav);
    if (f) {
        out->cc = xstrdup(f->cc);
        out->cflags = f->repro_cflags[0]
                      ? xasprintf("%s %s", f->cflags, f->repro_cflags)
                      : xstrdup(f->cflags);
    } else {
        out->cc = xstrdup("cc");
        out->cflags = xstrdup("");
    }
    out->extra_cflags = ta->repro_cflags;
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
    const char *x = s->extra_cflags ? s->extra_cflags : "";
    char *qs = sh_quote(src), *qe = sh_quote(exe);
    char *r = xasprintf("%s %s -O1 -ffreestanding -fno-builtin "
                        "-fno-stack-protector%s%s -static -nostdlib "
                        "-Wl,-e,_start -Wl,--build-id=none -o %s %s -lgcc",
                        s->cc, s->cflags, x[0] ? " " : "", x, qe, qs);

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
