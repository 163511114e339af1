/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Naming the memory access behind a divergence.  When the two sides of
 * a checkpoint took different signals at an instruction whose image
 * metadata gives its access size and alignment (mem=), the bare signal
 * numbers hide the usual cause: one kernel completes an unaligned access
 * (Linux fixes up many of them in its trap handler) where the other, or
 * an emulator, raises SIGBUS.  The signal numbers are the target's own
 * (<asm/signal.h>); the si_code values are Linux's, the same everywhere.
 */
#include <asm/signal.h>
#include "runner/access.h"
#include "format/trace-util.h"

static const char *sig_name(int32_t signo)
{
    switch (signo) {
    case SIGBUS:
        return "SIGBUS";
    case SIGSEGV:
        return "SIGSEGV";
    case SIGILL:
        return "SIGILL";
    case SIGFPE:
        return "SIGFPE";
    case SIGTRAP:
        return "SIGTRAP";
    }
    return 0;
}

static const char *code_name(int32_t signo, int32_t code)
{
    if (code == 128) {
        return "SI_KERNEL";
    }
    if (signo == SIGBUS) {
        return code == 1 ? "BUS_ADRALN" : code == 2 ? "BUS_ADRERR" :
               code == 3 ? "BUS_OBJERR" : 0;
    }
    if (signo == SIGSEGV) {
        return code == 1 ? "SEGV_MAPERR" : code == 2 ? "SEGV_ACCERR" : 0;
    }
    return 0;
}

static int is_mem_signal(const RisuState *st)
{
    return st->signo == SIGBUS || st->signo == SIGSEGV;
}

/* "raised SIGBUS BUS_ADRALN at block offset 0x0c81", or "completed it
 * without a signal". */
static void fmt_side(RisuFmt *f, const RisuState *st)
{
    const char *s = sig_name(st->signo), *c;

    if (!st->signo) {
        risu_fmt_str(f, "completed it without a signal");
        return;
    }
    risu_fmt_str(f, "raised ");
    if (s) {
        risu_fmt_str(f, s);
    } else {
        risu_fmt_str(f, "signal ");
        risu_fmt_s64(f, st->signo);
    }
    c = code_name(st->signo, st->si_code);
    risu_fmt_char(f, ' ');
    if (c) {
        risu_fmt_str(f, c);
    } else {
        risu_fmt_str(f, "si_code ");
        risu_fmt_s64(f, st->si_code);
    }
    if (st->fault_flags & RISU_FAULT_IN_BLOCK) {
        risu_fmt_str(f, " at block offset ");
        risu_fmt_hex(f, st->fault_addr, 4);
    } else {
        risu_fmt_str(f, " at address ");
        risu_fmt_hex(f, st->fault_addr, 1);
    }
}

/* The block offset of the access, from whichever side reported one. */
static int block_offset(const RisuState *ref, const RisuState *got,
                        uint64_t *off)
{
    const RisuState *st = ref->fault_flags & RISU_FAULT_IN_BLOCK ? ref :
                          got->fault_flags & RISU_FAULT_IN_BLOCK ? got : 0;

    if (!st || !is_mem_signal(st)) {
        return 0;
    }
    *off = st->fault_addr;
    return 1;
}

void risu_explain_access(const RisuState *ref, const RisuState *got,
                         uint32_t size, uint32_t align, const char *ref_who,
                         RisuPrintFn pr, void *opaque)
{
    char line[320];
    RisuFmt f;
    uint64_t off = 0;
    int known = block_offset(ref, got, &off), unaligned;

    if ((ref->signo == got->signo && ref->si_code == got->si_code &&
         ref->fault_flags == got->fault_flags &&
         ref->fault_addr == got->fault_addr) ||
        (!is_mem_signal(ref) && !is_mem_signal(got))) {
        return;
    }
    risu_fmt_init(&f, line, sizeof(line));
    risu_fmt_str(&f, "  access: ");
    unaligned = align > 1 && (known ? (off & (align - 1)) != 0 :
                              ref->signo == SIGBUS || got->signo == SIGBUS);
    if (unaligned) {
        risu_fmt_str(&f, known ? "unaligned " : "probably unaligned ");
    }
    risu_fmt_u64(&f, size);
    risu_fmt_str(&f, "-byte access (the pattern requires ");
    risu_fmt_u64(&f, align);
    risu_fmt_str(&f, "-byte alignment)");
    if (known) {
        risu_fmt_str(&f, " at block offset ");
        risu_fmt_hex(&f, off, 4);
    }
    pr(opaque, line);
    risu_fmt_init(&f, line, sizeof(line));
    risu_fmt_str(&f, "          the reference");
    if (ref_who && *ref_who) {
        risu_fmt_str(&f, " (");
        risu_fmt_str(&f, ref_who);
        risu_fmt_char(&f, ')');
    }
    risu_fmt_char(&f, ' ');
    fmt_side(&f, ref);
    risu_fmt_str(&f, ";");
    pr(opaque, line);
    risu_fmt_init(&f, line, sizeof(line));
    risu_fmt_str(&f, "          this run ");
    fmt_side(&f, got);
    if (unaligned && (!ref->signo || !got->signo)) {
        /* Which one is right for Linux user space is the kernel's call. */
        risu_fmt_str(&f, !ref->signo ? " (the reference's kernel fixed the "
                     "access up)" : " (this kernel fixed the access up)");
    }
    pr(opaque, line);
}
