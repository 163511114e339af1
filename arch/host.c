/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers every host face shares (see host.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/flavour.h"
#include "arch/host.h"
#include "format/image.h"

void arch_puts(ArchOut *o, const char *s)
{
    o->write(o->opaque, s, strlen(s));
}

void arch_printf(ArchOut *o, const char *fmt, ...)
{
    char small[256], *s = small;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= sizeof(small)) {
        s = malloc((size_t)n + 1);
        if (!s) {
            abort();
        }
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    o->write(o->opaque, s, (size_t)n);
    if (s != small) {
        free(s);
    }
}

uint32_t arch_rd16(const ArchHost *a, const uint8_t *p)
{
    return a->big_endian ? (uint32_t)p[0] << 8 | p[1]
                         : (uint32_t)p[1] << 8 | p[0];
}

uint32_t arch_rd32(const ArchHost *a, const uint8_t *p)
{
    if (a->big_endian) {
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
               (uint32_t)p[2] << 8 | p[3];
    }
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
           (uint32_t)p[1] << 8 | p[0];
}

void arch_wr16(const ArchHost *a, uint8_t *p, uint32_t v)
{
    p[a->big_endian ? 0 : 1] = (uint8_t)(v >> 8);
    p[a->big_endian ? 1 : 0] = (uint8_t)v;
}

void arch_wr32(const ArchHost *a, uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[a->big_endian ? 3 - i : i] = (uint8_t)(v >> (8 * i));
    }
}

void arch_wr_unit(const ArchHost *a, uint8_t *p, uint32_t v)
{
    if (a->insn_unit == 2) {
        arch_wr16(a, p, v);
    } else {
        arch_wr32(a, p, v);
    }
}

static uint32_t rd_unit(const ArchHost *a, const uint8_t *p)
{
    return a->insn_unit == 2 ? arch_rd16(a, p) : arch_rd32(a, p);
}

int arch_insn_at(const ArchHost *a, const uint8_t *code, uint32_t len,
                 uint32_t off, uint32_t *insn)
{
    uint32_t u = (uint32_t)a->insn_unit, w;

    if (off + u > len) {
        return 0;
    }
    w = rd_unit(a, code + off);
    if (!a->unit_is_prefix || !a->unit_is_prefix(w)) {
        *insn = w;
        return (int)u;
    }
    if (off + 2 * u > len) {
        return 0;
    }
    *insn = w << 16 | rd_unit(a, code + off + u);
    return (int)(2 * u);
}

int arch_insn_size(const ArchHost *a, uint32_t insn)
{
    return a->insn_unit == 2 && insn <= 0xffff ? 2 : 4;
}

int arch_insn_bytes(const ArchHost *a, uint32_t insn, uint8_t out[4])
{
    if (a->insn_unit == 2) {
        if (insn <= 0xffff) {
            arch_wr16(a, out, insn);
            return 2;
        }
        arch_wr16(a, out, insn >> 16);
        arch_wr16(a, out + 2, insn & 0xffff);
        return 4;
    }
    arch_wr32(a, out, insn);
    return 4;
}

const ArchHost *arch_host_unknown(bool big_endian)
{
    static const ArchHost unknown[2] = {
        { .name = "unknown", .big_endian = false, .insn_unit = 4,
          .trap_bytes = 4, .optrap_bytes = 12, .nop_bytes = 4,
          .signames = arch_generic_signames,
          .nsignames = ARCH_GENERIC_NSIGNAMES },
        { .name = "unknown", .big_endian = true, .insn_unit = 4,
          .trap_bytes = 4, .optrap_bytes = 12, .nop_bytes = 4,
          .signames = arch_generic_signames,
          .nsignames = ARCH_GENERIC_NSIGNAMES },
    };

    return &unknown[big_endian];
}

int arch_trap_at(const ArchHost *a, const uint8_t *code, uint32_t len,
                 uint32_t off)
{
    uint32_t w;

    /* No family: an unknown architecture, whose trap words we lack. */
    if (!a->family || off + (uint32_t)a->trap_bytes > len) {
        return 0;
    }
    w = a->trap_bytes == 2 ? arch_rd16(a, code + off)
                           : arch_rd32(a, code + off);
    if (w == a->trap_checkpoint) {
        return 1;
    }
    if (w == a->trap_op && off + (uint32_t)a->optrap_bytes <= len) {
        return 2;
    }
    return 0;
}

void arch_repro_pool(ArchOut *o, const ArchReproWord *w, int k,
                     const char *const *jump, int njump)
{
    for (int i = 0; i < njump; i++) {
        arch_printf(o, "    ");
        arch_printf(o, jump[i], k);
        arch_puts(o, i ? "\n" : "  /* SKIP: over the literal pool */\n");
    }
    for (uint32_t i = 0; i < w->ndata; i++) {
        arch_printf(o, "%s0x%02x", i % 16 ? ", " : "    .byte ", w->data[i]);
        if (i % 16 == 15 || i + 1 == w->ndata) {
            arch_puts(o, "\n");
        }
    }
    arch_printf(o, ".Lpool_end%d:\n", k);
}

uint32_t arch_skip_at(const ArchHost *a, const uint8_t *code, uint32_t len,
                      uint32_t off, bool *past)
{
    uint32_t d, end = off + (uint32_t)a->optrap_bytes;
    int32_t imm;

    *past = false;
    if (arch_trap_at(a, code, len, off) != 2) {
        return 0;
    }
    d = arch_rd32(a, code + off + a->trap_bytes);
    imm = (int32_t)arch_rd32(a, code + off + a->trap_bytes + 4);
    if ((d & 0xff) != RISU_OP_SKIP || imm <= 0) {
        return 0;
    }
    *past = (uint32_t)imm > len - end;
    return *past ? len - end : (uint32_t)imm;
}

const char *const arch_generic_signames[ARCH_GENERIC_NSIGNAMES] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
    "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
    "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
};

const char *arch_signame(const ArchHost *a, int signo)
{
    if (signo <= 0 || signo >= a->nsignames) {
        return signo == 0 ? "none" : "SIG?";
    }
    return a->signames[signo];
}

const char *arch_sicode_name(const ArchHost *a, int signo, int code)
{
    const char *sig = arch_signame(a, signo);
    static const char *const ill[] = { NULL, "ILL_ILLOPC", "ILL_ILLOPN",
        "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC",
        "ILL_BADSTK" };
    static const char *const fpe[] = { NULL, "FPE_INTDIV", "FPE_INTOVF",
        "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV",
        "FPE_FLTSUB" };
    static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR" };
    static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR",
        "BUS_OBJERR" };
    static const char *const trap[] = { NULL, "TRAP_BRKPT", "TRAP_TRACE" };

    if (code == 0) {
        return "SI_USER";
    }
    if (code == 0x80) {
        return "SI_KERNEL";
    }
#define PICK(tab) \
    (code > 0 && code < (int)(sizeof(tab) / sizeof(tab[0])) ? tab[code] : NULL)
    if (!strcmp(sig, "SIGILL")) {
        return PICK(ill);
    }
    if (!strcmp(sig, "SIGFPE")) {
        return PICK(fpe);
    }
    if (!strcmp(sig, "SIGSEGV")) {
        return PICK(segv);
    }
    if (!strcmp(sig, "SIGBUS")) {
        return PICK(bus);
    }
    if (!strcmp(sig, "SIGTRAP")) {
        return PICK(trap);
    }
#undef PICK
    return NULL;
}

int32_t arch_si_norm(const ArchHost *a, int32_t signo, int32_t code)
{
    return a->si_code_norm ? a->si_code_norm(signo, code) : code;
}

int arch_host_flavours(const ArchHost *a, const char **out, int max)
{
    int n = 0;

    if (!a->flavour) {
        return 0;
    }
    /* Every (FR, NaN) need, in the order a user meets them. */
    for (int k = 0; k < 4; k++) {
        const char *f = a->flavour(k & 1, k >> 1);
        bool dup = false;

        for (int i = 0; i < n; i++) {
            dup |= !strcmp(out[i], f);
        }
        if (!dup && n < max && arch_flavour_find(f)) {
            out[n++] = f;
        }
    }
    return n;
}

bool arch_has_token(const char *s, const char *word)
{
    size_t n = strlen(word);

    while (*s) {
        while (*s == ' ') {
            s++;
        }
        if (!strncmp(s, word, n) && (s[n] == ' ' || !s[n])) {
            return true;
        }
        while (*s && *s != ' ') {
            s++;
        }
    }
    return false;
}

int arch_reg_index(const RisuArchDesc *regs, const char *fmt, int num)
{
    char name[32];

    snprintf(name, sizeof(name), fmt, num);
    return arch_reg_find(regs, name);
}

int arch_reg_find(const RisuArchDesc *regs, const char *name)
{
    for (int i = 0; i < regs->nregs; i++) {
        if (!strcmp(regs->regs[i].name, name)) {
            return i;
        }
    }
    return -1;
}
