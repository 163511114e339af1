/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mismatch reports and the small formatter behind every message of the
 * trace code.  No stdio: the target runner has none, and host output must
 * be byte-identical to the target's so reports diff cleanly.
 */
#include <string.h>
#include "format/trace.h"
#include "format/trace-util.h"

void risu_fmt_init(RisuFmt *f, char *buf, size_t size)
{
    f->buf = buf;
    f->size = size;
    f->len = 0;
    if (size) {
        buf[0] = 0;
    }
}

void risu_fmt_char(RisuFmt *f, char c)
{
    if (f->len + 1 < f->size) {
        f->buf[f->len++] = c;
        f->buf[f->len] = 0;
    }
}

void risu_fmt_str(RisuFmt *f, const char *s)
{
    while (s && *s) {
        risu_fmt_char(f, *s++);
    }
}

/* Decimal without 64-bit division: 32-bit targets lack __udivdi3. */
void risu_fmt_u64(RisuFmt *f, uint64_t v)
{
    static const uint64_t pow10[] = {
        10000000000000000000ull, 1000000000000000000ull,
        100000000000000000ull, 10000000000000000ull, 1000000000000000ull,
        100000000000000ull, 10000000000000ull, 1000000000000ull,
        100000000000ull, 10000000000ull, 1000000000ull, 100000000ull,
        10000000ull, 1000000ull, 100000ull, 10000ull, 1000ull, 100ull,
        10ull, 1ull,
    };
    bool started = false;
    size_t i;

    for (i = 0; i < sizeof(pow10) / sizeof(pow10[0]); i++) {
        char d = '0';

        while (v >= pow10[i]) {
            v -= pow10[i];
            d++;
        }
        if (d != '0' || started || i + 1 == sizeof(pow10) / sizeof(pow10[0])) {
            risu_fmt_char(f, d);
            started = true;
        }
    }
}

void risu_fmt_s64(RisuFmt *f, int64_t v)
{
    if (v < 0) {
        risu_fmt_char(f, '-');
        risu_fmt_u64(f, -(uint64_t)v);
    } else {
        risu_fmt_u64(f, (uint64_t)v);
    }
}

static const char hexdig[] = "0123456789abcdef";

static void fmt_hex_bare(RisuFmt *f, uint64_t v, int digits)
{
    while (digits-- > 0) {
        risu_fmt_char(f, hexdig[(v >> (4 * digits)) & 15]);
    }
}

void risu_fmt_hex(RisuFmt *f, uint64_t v, int digits)
{
    risu_fmt_str(f, "0x");
    fmt_hex_bare(f, v, digits < 1 ? 1 : digits > 16 ? 16 : digits);
}

void risu_fmt_bytes(RisuFmt *f, const uint8_t *p, size_t n)
{
    while (n--) {
        fmt_hex_bare(f, *p++, 2);
    }
}

void risu_fmt_pad(RisuFmt *f, size_t col)
{
    while (f->len < col && f->len + 1 < f->size) {
        risu_fmt_char(f, ' ');
    }
}

/* ------------------------------------------------------------------ */

#define LINE 256

static void fmt_signal(RisuFmt *f, const RisuState *st)
{
    if (!st->signo && !st->si_code && !st->fault_flags && !st->fault_addr) {
        risu_fmt_str(f, "none");
        return;
    }
    risu_fmt_str(f, "signal ");
    risu_fmt_s64(f, st->signo);
    risu_fmt_str(f, " si_code ");
    risu_fmt_s64(f, st->si_code);
    if (risu_norm_si_code(st->signo, st->si_code) != st->si_code) {
        risu_fmt_str(f, " (as ");
        risu_fmt_s64(f, risu_norm_si_code(st->signo, st->si_code));
        risu_fmt_char(f, ')');
    }
    risu_fmt_str(f, " fault ");
    risu_fmt_hex(f, st->fault_addr, st->fault_flags & RISU_FAULT_IN_BLOCK ? 4 : 16);
    if (st->fault_flags & RISU_FAULT_IN_BLOCK) {
        risu_fmt_str(f, " (memory block offset)");
    }
}

static void fmt_pair32(RisuFmt *f, const char *what, uint32_t a, uint32_t b,
                       int digits)
{
    risu_fmt_str(f, "  ");
    risu_fmt_str(f, what);
    risu_fmt_str(f, ": ref ");
    risu_fmt_hex(f, a, digits);
    risu_fmt_str(f, " got ");
    risu_fmt_hex(f, b, digits);
}

/* One line per differing slot, named name[hi:lo] for multi-slot registers. */
static void report_reg(const RisuRegDesc *rd, const RisuState *ref,
                       const RisuState *got, RisuPrintFn pr, void *opaque)
{
    bool pr_ref = risu_reg_present(rd, ref->features);
    bool pr_got = risu_reg_present(rd, got->features);
    char line[LINE];
    RisuFmt f;
    int k;

    if (!pr_ref && !pr_got) {
        return;     /* not captured on either side: not compared */
    }
    for (k = rd->nslots - 1; k >= 0; k--) {
        int s = rd->slot + k;

        if (s >= RISU_MAX_SLOTS ||
            (pr_ref == pr_got && !risu_reg_slot_diff(rd, k, ref, got))) {
            continue;
        }
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "  ");
        risu_fmt_str(&f, rd->name);
        if (rd->nslots > 1) {
            risu_fmt_char(&f, '[');
            risu_fmt_u64(&f, (uint64_t)k * 64 + 63);
            risu_fmt_char(&f, ':');
            risu_fmt_u64(&f, (uint64_t)k * 64);
            risu_fmt_char(&f, ']');
        }
        risu_fmt_pad(&f, 16);
        risu_fmt_str(&f, " ref ");
        if (pr_ref) {
            risu_fmt_hex(&f, ref->slot[s], 16);
        } else {
            risu_fmt_str(&f, "(not captured)    ");
        }
        risu_fmt_str(&f, " got ");
        if (pr_got) {
            risu_fmt_hex(&f, got->slot[s], 16);
        } else {
            risu_fmt_str(&f, "(not captured)");
        }
        if (pr_ref && pr_got && rd->mask != ~(uint64_t)0) {
            risu_fmt_str(&f, " mask ");
            risu_fmt_hex(&f, rd->mask, 16);
        }
        pr(opaque, line);
    }
}

static void fmt_sig_name(RisuFmt *f, const RisuState *st, const char *signame)
{
    if (signame && *signame) {
        risu_fmt_str(f, signame);
    } else {
        risu_fmt_str(f, "signal ");
        risu_fmt_s64(f, st->signo);
    }
    risu_fmt_str(f, " si_code ");
    risu_fmt_s64(f, st->si_code);
}

static void fmt_escape(RisuFmt *f, const RisuState *st, const char *signame)
{
    risu_fmt_str(f, "the test word at +");
    risu_fmt_hex(f, st->pc_off, 8);
    risu_fmt_str(f, " (insn ");
    risu_fmt_hex(f, st->insn, 8);
    if (st->fault_flags & RISU_FAULT_IN_IMAGE) {
        risu_fmt_str(f, ") transferred control back to the trap at +");
        risu_fmt_hex(f, st->fault_addr, 8);
        risu_fmt_str(f, " (a loop: test code only runs forward)");
        return;
    }
    risu_fmt_str(f, ") transferred control outside the image: ");
    if (!st->signo) {
        risu_fmt_str(f, "the image returned to the runner without TESTEND");
        return;
    }
    fmt_sig_name(f, st, signame);
    risu_fmt_str(f, " at pc ");
    risu_fmt_hex(f, st->fault_addr,
                 st->fault_flags & RISU_FAULT_IN_BLOCK ? 4 : 16);
    if (st->fault_flags & RISU_FAULT_IN_BLOCK) {
        risu_fmt_str(f, " (memory block offset)");
    }
    if (st->fault_flags & RISU_FAULT_RUNNER) {
        risu_fmt_str(f, ", in the runner's own signal handler");
    }
}

int risu_describe_end(const RisuState *st, const char *signame, char *buf,
                      size_t len)
{
    RisuFmt f;

    risu_fmt_init(&f, buf, len);
    if (st->op == RISU_OP_ESCAPE) {
        fmt_escape(&f, st, signame);
        return 1;
    }
    if (st->op == RISU_OP_WATCHDOG) {
        risu_fmt_str(&f, "the test code looped at +");
        risu_fmt_hex(&f, st->pc_off, 8);
        risu_fmt_str(&f, " (insn ");
        risu_fmt_hex(&f, st->insn, 8);
        risu_fmt_str(&f, "): no checkpoint within the watchdog's time (");
        fmt_sig_name(&f, st, signame);
        risu_fmt_char(&f, ')');
        return 1;
    }
    return 0;
}

static void report_end_line(RisuPrintFn pr, void *opaque,
                            const char *who, const char *what)
{
    char line[LINE];
    RisuFmt f;

    risu_fmt_init(&f, line, sizeof(line));
    risu_fmt_str(&f, who);
    risu_fmt_str(&f, what);
    pr(opaque, line);
}

static void fmt_op(RisuFmt *f, uint32_t op)
{
    risu_fmt_u64(f, op);
    if (op == RISU_OP_ESCAPE) {
        risu_fmt_str(f, " (left the image)");
    } else if (op == RISU_OP_WATCHDOG) {
        risu_fmt_str(f, " (watchdog)");
    }
}

void risu_report_mismatch(const RisuArchDesc *arch, uint64_t index,
                          const RisuState *ref, const RisuState *got,
                          const char *pattern, RisuPrintFn pr, void *opaque)
{
    char line[LINE];
    RisuFmt f;
    int i;

    risu_fmt_init(&f, line, sizeof(line));
    risu_fmt_str(&f, "mismatch at checkpoint ");
    risu_fmt_u64(&f, index);
    risu_fmt_str(&f, ": pc offset ");
    risu_fmt_hex(&f, ref->pc_off, 8);
    risu_fmt_str(&f, " insn ");
    risu_fmt_hex(&f, ref->insn, 8);
    if (pattern && *pattern) {
        risu_fmt_str(&f, " (");
        risu_fmt_str(&f, pattern);
        risu_fmt_char(&f, ')');
    }
    pr(opaque, line);

    if (ref->op != got->op) {
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "  op: ref ");
        fmt_op(&f, ref->op);
        risu_fmt_str(&f, " got ");
        fmt_op(&f, got->op);
        pr(opaque, line);
    }
    if (risu_describe_end(ref, 0, line, sizeof(line))) {
        report_end_line(pr, opaque, "  ref: ", line);
    }
    if (risu_describe_end(got, 0, line, sizeof(line))) {
        report_end_line(pr, opaque, "  got: ", line);
    }
    if (ref->pc_off != got->pc_off) {
        risu_fmt_init(&f, line, sizeof(line));
        fmt_pair32(&f, "pc offset", ref->pc_off, got->pc_off, 8);
        pr(opaque, line);
    }
    if (ref->insn != got->insn) {
        risu_fmt_init(&f, line, sizeof(line));
        fmt_pair32(&f, "insn", ref->insn, got->insn, 8);
        pr(opaque, line);
    }
    if (ref->signo != got->signo || ref->fault_flags != got->fault_flags ||
        ref->fault_addr != got->fault_addr ||
        risu_norm_si_code(ref->signo, ref->si_code) !=
            risu_norm_si_code(got->signo, got->si_code)) {
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "  signal: ref ");
        fmt_signal(&f, ref);
        pr(opaque, line);
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "          got ");
        fmt_signal(&f, got);
        pr(opaque, line);
    }
    if (ref->features != got->features) {
        risu_fmt_init(&f, line, sizeof(line));
        fmt_pair32(&f, "features", ref->features, got->features, 8);
        pr(opaque, line);
    }
    for (i = 0; i < arch->nregs; i++) {
        report_reg(&arch->regs[i], ref, got, pr, opaque);
    }
}
