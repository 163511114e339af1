/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --verify: disassemble every generated word and check it against the
 * pattern it was made from.  capstone first (per arch/mode/endianness);
 * words it cannot decode or names differently (capstone 4's R6 gaps and
 * COP1X mix-ups...) go to binutils objdump in one batch at the end, whose
 * verdict is final; targets with Loongson extensions use objdump only.  A word is a problem
 * when no disassembler decodes it, or its mnemonic does not fit the
 * pattern name (the arch's rule, or arch/<family>/disasm-aliases.txt:
 * lines "PATTERN-GLOB MNEMONIC..." where a MNEMONIC ending in '*' is a
 * prefix).  The MNEMONIC "(none)" says no disassembler knows the pattern:
 * its undecodable words are counted apart, as checked by decode-back only
 * (a word a disassembler reads as another instruction is still a problem).
 */
#include <capstone/capstone.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gen/gen.h"

GenVerify *gen_verifier;

typedef struct Alias {
    char *glob;
    char **mn;
    int nmn;
} Alias;

typedef struct PatStat {
    uint64_t words, invalid, mismatch;
    uint64_t unknown;           /* undecodable, as "(none)" allows */
    uint64_t bad_word;          /* first invalid word */
    uint64_t mis_word;          /* first mismatching word */
    char mis_text[96];
} PatStat;

typedef struct Pending {
    uint32_t pat;
    uint64_t word;
    int width;
    bool cs_said;           /* capstone decoded it, as another insn */
    char cs_text[48];
} Pending;

struct GenVerify {
    const GenTarget *t;
    GenPatterns *ps;
    csh cs;
    bool cs_ok;
    PatStat *st;
    Alias *alias;
    int nalias;
    Pending *pend;
    size_t npend, cappend;
    uint64_t total;
};

static void load_aliases(GenVerify *v)
{
    char *path = xasprintf("%s/arch/%s/disasm-aliases.txt", gen_data_dir(),
                           v->t->arch->family);
    char err[512];
    char *text = read_file(path, READ_MAX_TEXT, NULL, err, sizeof(err));
    free(path);
    if (!text) {
        return;
    }
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = 0;
        }
        char *s2 = NULL, *tok = strtok_r(line, " \t\r", &s2);
        if (!tok) {
            continue;
        }
        v->alias = xrealloc(v->alias, (size_t)(v->nalias + 1) * sizeof(Alias));
        Alias *a = &v->alias[v->nalias++];
        a->glob = xstrdup(tok);
        a->mn = NULL;
        a->nmn = 0;
        while ((tok = strtok_r(NULL, " \t\r", &s2))) {
            a->mn = xrealloc(a->mn, (size_t)(a->nmn + 1) * sizeof(char *));
            a->mn[a->nmn++] = xstrdup(tok);
        }
    }
    free(text);
}

GenVerify *gen_verify_new(const GenTarget *t, GenPatterns *ps,
                          bool objdump_only)
{
    GenVerify *v = xcalloc(1, sizeof(*v));
    v->t = t;
    v->ps = ps;
    v->st = xcalloc(ps->npats + 1, sizeof(*v->st));
    int mode = t->arch->cs_mode(t);
    /* A negative mode: capstone lacks the extensions, objdump only. */
    if (objdump_only && !t->arch->objdump) {
        gen_fatal("--verify=objdump: no objdump for --arch %s",
                  t->arch->name);
    }
    v->cs_ok = mode >= 0 && !objdump_only &&
               cs_open((cs_arch)t->arch->cs_arch, (cs_mode)mode, &v->cs) ==
               CS_ERR_OK;
    if (!v->cs_ok && !t->arch->objdump) {
        gen_fatal("--verify: capstone cannot open this architecture");
    }
    load_aliases(v);
    return v;
}

static int word_bytes(const GenTarget *t, uint64_t w, int width, uint8_t *b)
{
    if (width == 16) {
        gen_put16(t, b, (uint16_t)w);
        return 2;
    }
    if (width == 32 && t->arch->trap_bytes == 2) {
        /* Thumb-2: first halfword (bits 31:16) first. */
        gen_put16(t, b, (uint16_t)(w >> 16));
        gen_put16(t, b + 2, (uint16_t)w);
        return 4;
    }
    if (width == 64) {
        gen_put64(t, b, w);
        return 8;
    }
    gen_put32(t, b, (uint32_t)w);
    return 4;
}

static bool names_match(GenVerify *v, const char *pat, const char *mn)
{
    for (int i = 0; i < v->nalias; i++) {
        if (!dt_glob_match(v->alias[i].glob, pat)) {
            continue;
        }
        for (int k = 0; k < v->alias[i].nmn; k++) {
            const char *a = v->alias[i].mn[k];
            size_t n = strlen(a);
            if (n && a[n - 1] == '*' ? !strncmp(a, mn, n - 1)
                                     : !strcmp(a, mn)) {
                return true;
            }
        }
    }
    return v->t->arch->mnemonic_match(pat, mn);
}

static bool fits(GenVerify *v, uint32_t pat, const char *mn)
{
    char low[64];
    size_t i;
    for (i = 0; mn[i] && i < sizeof(low) - 1; i++) {
        low[i] = ascii_tolower(mn[i]);
    }
    low[i] = 0;
    return names_match(v, v->ps->pats[pat].p->name, low);
}

/* Final verdict: mn NULL = no disassembler decodes the word. */
static void judge(GenVerify *v, uint32_t pat, uint64_t w, const char *mn,
                  const char *ops)
{
    PatStat *s = &v->st[pat];
    if (!mn && names_match(v, v->ps->pats[pat].p->name, "(none)")) {
        s->unknown++;
    } else if (!mn) {
        if (!s->invalid++) {
            s->bad_word = w;
        }
    } else if (!fits(v, pat, mn)) {
        if (!s->mismatch++) {
            s->mis_word = w;
            snprintf(s->mis_text, sizeof(s->mis_text), "%s%s%s", mn,
                     ops && *ops ? " " : "", ops ? ops : "");
        }
    }
}

void gen_verify_word(GenVerify *v, const GenPat *gp, uint64_t word, int width)
{
    uint32_t pat = (uint32_t)(gp - v->ps->pats);
    uint8_t b[8];
    int n = word_bytes(v->t, word, width, b);
    cs_insn *insn = NULL;

    v->total++;
    v->st[pat].words++;
    size_t got = v->cs_ok ? cs_disasm(v->cs, b, (size_t)n, 0, 1, &insn) : 0;
    bool cs_valid = got == 1 && insn[0].size == n;
    if (cs_valid && fits(v, pat, insn[0].mnemonic)) {
        cs_free(insn, got);
        return;
    }
    if (!v->t->arch->objdump) {
        judge(v, pat, word, cs_valid ? insn[0].mnemonic : NULL,
              cs_valid ? insn[0].op_str : NULL);
        if (got) {
            cs_free(insn, got);
        }
        return;
    }
    /* capstone has gaps and bugs (R6, COP1X, vendor ASEs): ask objdump. */
    xgrow((void **)&v->pend, &v->cappend, v->npend + 1, sizeof(*v->pend));
    Pending *pd = &v->pend[v->npend++];
    memset(pd, 0, sizeof(*pd));
    pd->pat = pat;
    pd->word = word;
    pd->width = width;
    if (cs_valid) {
        pd->cs_said = true;
        snprintf(pd->cs_text, sizeof(pd->cs_text), "%.20s %.26s",
                 insn[0].mnemonic, insn[0].op_str);
    }
    if (got) {
        cs_free(insn, got);
    }
}

/* objdump's verdict on a pending word; capstone's if objdump has none. */
static void judge_pending(GenVerify *v, const Pending *pd, const char *mn,
                          const char *ops)
{
    if (!mn && pd->cs_said) {
        char text[48], *sp;
        snprintf(text, sizeof(text), "%s", pd->cs_text);
        sp = strchr(text, ' ');
        if (sp) {
            *sp++ = 0;
        }
        judge(v, pd->pat, pd->word, text, sp);
        return;
    }
    judge(v, pd->pat, pd->word, mn, ops);
}

/* Run objdump over the words capstone could not decode. */
static void run_objdump(GenVerify *v)
{
    char path[] = "/tmp/risugen-verify-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        gen_fatal_status(1, "--verify: mkstemp: %s", strerror(errno));
    }
    FILE *f = fdopen(fd, "wb");
    uint64_t *offs = xcalloc(v->npend + 1, sizeof(*offs));
    uint64_t off = 0;
    for (size_t i = 0; i < v->npend; i++) {
        uint8_t b[8];
        int n = word_bytes(v->t, v->pend[i].word, v->pend[i].width, b);
        fwrite(b, 1, (size_t)n, f);
        offs[i] = off;
        off += (uint64_t)n;
    }
    fclose(f);

    char *cmd = xasprintf("%s -D -z -b binary %s %s 2>/dev/null",
                          v->t->arch->objdump,
                          v->t->arch->objdump_opts(v->t), path);
    FILE *p = popen(cmd, "r");
    bool *seen = xcalloc(v->npend + 1, sizeof(bool));
    char line[512];
    size_t next = 0;
    while (p && fgets(line, sizeof(line), p)) {
        /* "   1c:\t7c41fcf8 \tmnemonic\toperands" */
        char *colon = strchr(line, ':');
        char *endp;
        if (!colon || colon == line) {
            continue;
        }
        uint64_t o = strtoull(line, &endp, 16);
        if (endp != colon || colon[1] != '\t') {
            continue;
        }
        char *tab = strchr(colon + 2, '\t');
        while (next < v->npend && offs[next] < o) {
            next++;
        }
        if (next >= v->npend || offs[next] != o) {
            continue;
        }
        char *mn = tab ? tab + 1 : NULL, *ops = NULL;
        if (mn) {
            mn[strcspn(mn, "\n")] = 0;
            char *t2 = strpbrk(mn, " \t");
            if (t2) {
                *t2 = 0;
                ops = t2 + 1;
            }
        }
        bool bad = !mn || !*mn || !strcmp(mn, "(bad)") ||
                   !strcmp(mn, ".word") || !strcmp(mn, ".short") ||
                   !strcmp(mn, ".inst") || !strcmp(mn, "udf");
        judge_pending(v, &v->pend[next], bad ? NULL : mn, ops);
        seen[next] = true;
    }
    int rc = p ? pclose(p) : -1;
    for (size_t i = 0; i < v->npend; i++) {
        if (!seen[i]) {
            judge_pending(v, &v->pend[i], NULL, NULL);
        }
    }
    if (rc != 0) {
        gen_warn("--verify: '%s' failed; its words count as invalid", cmd);
    }
    unlink(path);
    free(cmd);
    free(seen);
    free(offs);
}

uint64_t gen_verify_finish(GenVerify *v, FILE *out)
{
    uint64_t bad = 0, pats = 0, unknown = 0, upats = 0;
    if (v->npend) {
        run_objdump(v);
    }
    for (size_t i = 0; i < v->ps->npats; i++) {
        const PatStat *s = &v->st[i];
        const DtPattern *p = v->ps->pats[i].p;
        int hex = (v->ps->pats[i].width + 3) / 4;
        if (!s->words) {
            continue;
        }
        pats++;
        unknown += s->unknown;
        upats += s->unknown != 0;
        if (!s->invalid && !s->mismatch) {
            continue;
        }
        fprintf(out, "verify: %s (%s:%d): %" PRIu64 " words", p->name,
                p->file, p->line, s->words);
        if (s->invalid) {
            fprintf(out, ", %" PRIu64 " invalid (e.g. %0*" PRIx64 ")",
                    s->invalid, hex, s->bad_word);
        }
        if (s->mismatch) {
            fprintf(out, ", %" PRIu64 " disassemble as another insn "
                    "(e.g. %0*" PRIx64 " '%s')", s->mismatch, hex,
                    s->mis_word, s->mis_text);
        }
        fputc('\n', out);
        bad += s->invalid + s->mismatch;
    }
    fprintf(out, "verify: %" PRIu64 " words of %" PRIu64 " patterns: %"
            PRIu64 " problem(s)%s\n", v->total, pats, bad,
            v->npend ? " (objdump checked what capstone could not)" : "");
    if (unknown) {
        fprintf(out, "verify: %" PRIu64 " words of %" PRIu64 " patterns "
                "no disassembler knows (disasm-aliases \"(none)\"): "
                "checked by decoding back only\n", unknown, upats);
    }
    if (v->cs_ok) {
        cs_close(&v->cs);
    }
    for (int i = 0; i < v->nalias; i++) {
        for (int k = 0; k < v->alias[i].nmn; k++) {
            free(v->alias[i].mn[k]);
        }
        free(v->alias[i].mn);
        free(v->alias[i].glob);
    }
    free(v->alias);
    free(v->pend);
    free(v->st);
    free(v);
    return bad;
}
