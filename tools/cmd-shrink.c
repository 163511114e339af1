/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace shrink: from an image on which a reference and an
 * implementation under test diverge, the smallest image that still
 * diverges the same way, and a standalone reproducer program.
 *
 *   1. Record (or read) both traces of the image; find the divergence
 *      (the first, or --at K) and its signature (the registers or the
 *      signal that differ).
 *   2. Cut everything after the divergent checkpoint (a COMPAREMEM and
 *      TESTEND end the image instead).
 *   3. ddmin over the units before it (unit = the code between two
 *      checkpoints: fix-ups, address set-up, the test instruction,
 *      clean-up): a removed unit becomes NOPs, so checkpoint numbers and
 *      everything else stay put.
 *   4. ddmin over the initial register values: the preamble loads them
 *      from a data block, and a value zeroed there leaves the register at
 *      its entry value 0.  Registers are found in the block by value.
 *   5. Compact: drop the NOP units and their checkpoints if the
 *      divergence survives that (an index-bound fault, like RISU_INJECT,
 *      does not).
 *   6. Write the shrunk image, both traces, the diff, and a reproducer
 *      (repro.c: registers from the reference's state before the code,
 *      the code, a print of the result) with the commands that build and
 *      run it on each side; run them when the tools are there.
 * Every candidate is judged by actually running both commands; a
 * candidate whose run fails or times out counts as "does not diverge".
 * With traces instead of commands nothing can be rerun: the reproducer is
 * then built from the reference's full state before the divergence.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "format/image.h"
#include "tools/cmds.h"
#include "tools/ddmin.h"
#include "tools/divrep.h"
#include "tools/lib/json.h"
#include "tools/repro.h"
#include "tools/runcmd.h"
#include "tools/shrgroup.h"
#include "tools/tctx.h"
#include "tools/tdiff.h"
#include "tools/tracein.h"
#include "tools/tutil.h"

typedef struct Shrink {
    TCtx c;
    const ArchHost *ta;
    char *ref_cmd, *test_cmd;     /* templates, or NULL */
    char *ref_trace, *test_trace; /* given traces, or NULL */
    char *dir;                    /* output directory */
    double timeout;
    bool verbose;
    int ncand;                    /* candidates run */
    /* baseline */
    TraceIn tref;                 /* kept open: its layout is `arch` */
    const RisuArchDesc *arch;
    RisuState *ra, *rb;
    uint64_t na, nb;
    uint64_t d;                   /* divergent record */
    uint32_t *uend;               /* end of record r's trap */
    /* signature */
    bool sig_signal, sig_control;
    int *sig_regs;
    int nsig;
    /* candidate state */
    bool *keep;                   /* per record: unit kept */
    int *grp;                     /* per record: first unit of its group */
    uint32_t cut;                 /* end of the kept code (truncating) */
    int *items;                   /* units ddmin works on */
    int nitems;
    bool *zero;                   /* per register: value zeroed */
    uint32_t **zoff;              /* per register: data offsets */
    int **zlen;
    int *nz;
    int *ritems;                  /* registers ddmin works on */
    int nritems;
    bool compact;
    bool test_cmd_owned;
    /* last candidate */
    RisuState *ca, *cb;
    uint64_t cna, cnb;
} Shrink;

static void say(const Shrink *S, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say(const Shrink *S, const char *fmt, ...)
{
    va_list ap;

    (void)S;
    fputs("shrink: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static char *path_in(const Shrink *S, const char *name)
{
    return xasprintf("%s/%s", S->dir, name);
}

/* ---- images ---- */

static void put_optrap(const ArchHost *ta, Sb *code, unsigned op)
{
    uint8_t buf[12];

    if (ta->trap_bytes == 2) {
        arch_wr16(ta, buf, ta->trap_op);
    } else {
        arch_wr32(ta, buf, ta->trap_op);
    }
    arch_wr32(ta, buf + ta->trap_bytes, op);
    arch_wr32(ta, buf + ta->trap_bytes + 4, 0);
    sb_putn(code, (const char *)buf, (size_t)ta->optrap_bytes);
}

/* Does the image end after the divergent unit (COMPAREMEM, TESTEND)? */
static bool cut_after(const Shrink *S)
{
    return S->d + 2 < S->na;
}

static void fill_nops(const ArchHost *ta, uint8_t *p, uint32_t len)
{
    for (uint32_t k = 0; k + (uint32_t)ta->nop_bytes <= len;
         k += (uint32_t)ta->nop_bytes) {
        if (ta->nop_bytes == 2) {
            arch_wr16(ta, p + k, ta->nop);
        } else {
            arch_wr32(ta, p + k, ta->nop);
        }
    }
}

/*
 * A removed unit becomes NOPs, except its literal pools (OPTRAP SKIP and
 * its data): a later PC-relative load still reads the same bytes.
 */
static void remove_unit(const ArchHost *ta, uint8_t *code, uint32_t len,
                        uint32_t from, uint32_t to)
{
    uint32_t off = from, start = from, w;

    while (off < to) {
        bool past;
        uint32_t pool = arch_skip_at(ta, code, len, off, &past);
        int n;

        if (pool) {
            fill_nops(ta, code + start, off - start);
            off += (uint32_t)ta->optrap_bytes + pool;
            start = off;
            continue;
        }
        n = arch_trap_at(ta, code, len, off) == 2 ? ta->optrap_bytes
            : arch_insn_at(ta, code, len, off, &w);
        if (n <= 0) {
            break;
        }
        off += (uint32_t)n;
    }
    if (start < to) {
        fill_nops(ta, code + start, to - start);
    }
}

/*
 * Metadata lines of [from, to) moved by delta (compacting): a group is
 * copied whole, so its join= and slot= offsets move with it.
 */
static uint32_t copy_lines(const TImage *img, uint32_t from, uint32_t to,
                           int64_t delta, uint32_t *noff, char **nname,
                           uint32_t nn)
{
    for (uint32_t i = 0; i < img->ninsns; i++) {
        if (img->insn_off[i] >= from && img->insn_off[i] < to) {
            noff[nn] = (uint32_t)(img->insn_off[i] + delta);
            nname[nn++] = shrink_shift_attrs(img->insn_text[i], delta);
        }
    }
    return nn;
}

/*
 * Build the candidate: units not kept are NOPs (or, compacted, gone), the
 * image ends after the divergent unit, zeroed registers are zero in the
 * preamble data.  Returns the index the divergent checkpoint has in it.
 */
static uint64_t build(Shrink *S, const char *path)
{
    const TImage *img = &S->c.img;
    uint32_t cut = S->cut;
    bool truncate = cut_after(S);
    uint8_t *src = xmalloc(img->code_len);
    Sb code = { 0 };
    uint32_t *noff = xcalloc(img->ninsns + 1, sizeof(uint32_t));
    char **nname = xcalloc(img->ninsns + 1, sizeof(char *));
    uint32_t nn = 0;
    uint64_t di = S->d;
    char *meta, err[400], sha[65], *extra;
    static const char *const drop[] = { "shrunk-from", NULL };

    memcpy(src, img->code, img->code_len);
    for (int r = 0; r < S->arch->nregs; r++) {
        for (int k = 0; S->zero[r] && k < S->nz[r]; k++) {
            memset(src + S->zoff[r][k], 0, (size_t)S->zlen[r][k]);
        }
    }
    if (!truncate) {
        cut = img->code_len;
    }
    if (!S->compact) {
        for (uint64_t r = 1; r < S->d; r++) {
            if (!S->keep[r]) {
                remove_unit(S->ta, src, img->code_len, S->uend[r - 1],
                            S->ra[r].pc_off);
            }
        }
        sb_putn(&code, (const char *)src, cut);
        for (uint32_t i = 0; i < img->ninsns; i++) {
            uint32_t o = img->insn_off[i];
            long r = -1;

            if (o >= cut) {
                break;
            }
            for (uint64_t k = 1; k < S->d && r < 0; k++) {
                if (o >= S->uend[k - 1] && o < S->ra[k].pc_off) {
                    r = (long)k;
                }
            }
            if (r < 0 || S->keep[r]) {
                noff[nn] = o;
                nname[nn++] = img->insn_text[i];
            }
        }
    } else {
        di = 0;
        sb_putn(&code, (const char *)src, S->uend[0]);
        for (uint64_t r = 1; r <= S->d; r++) {
            uint32_t from = S->uend[r - 1], to = S->uend[r];

            if (r != S->d && !S->keep[r]) {
                continue;
            }
            nn = copy_lines(img, from, to, (int64_t)code.len - from,
                            noff, nname, nn);
            sb_putn(&code, (const char *)src + from, to - from);
            di++;
        }
        if (truncate && cut > S->uend[S->d]) {
            nn = copy_lines(img, S->uend[S->d], cut,
                            (int64_t)code.len - S->uend[S->d], noff, nname,
                            nn);
            sb_putn(&code, (const char *)src + S->uend[S->d],
                    cut - S->uend[S->d]);
        }
    }
    if (truncate) {
        put_optrap(S->ta, &code, RISU_OP_COMPAREMEM);
        put_optrap(S->ta, &code, RISU_OP_TESTEND);
    }
    hex_bytes(sha, img->digest, 32);
    extra = xasprintf("shrunk-from=%s\n", sha);
    meta = img->has_meta ? timg_meta_build(img, drop, extra, noff, nname, nn)
                         : NULL;
    if (timg_write_raw(path, (const uint8_t *)code.s, (uint32_t)code.len,
                       meta, err, sizeof(err))) {
        rt_err("%s", err);
        exit(RT_ERROR);
    }
    free(extra);
    free(meta);
    free(noff);
    for (uint32_t i = 0; S->compact && i < nn; i++) {
        free(nname[i]);
    }
    free(nname);
    free(src);
    sb_free(&code);
    return di;
}

/* ---- running ---- */

static void free_cand(Shrink *S)
{
    free(S->ca);
    free(S->cb);
    S->ca = S->cb = NULL;
    S->cna = S->cnb = 0;
}

/*
 * Run the commands on an image.  Sides without a command take the given
 * trace.  Returns false (with why) when a run fails or a trace is bad.
 */
static bool run_pair(Shrink *S, const char *image, const char *tag,
                     RisuState **ra, uint64_t *na, RisuState **rb,
                     uint64_t *nb, char *why, size_t whylen)
{
    char *cmds[2], *traces[2], *paths[2] = { S->ref_trace, S->test_trace };
    const char *tmpl[2] = { S->ref_cmd, S->test_cmd };
    RisuState **out[2] = { ra, rb };
    uint64_t *cnt[2] = { na, nb };
    RunRes res[2];
    int n = 0, idx[2];
    bool ok = true;

    for (int s = 0; s < 2; s++) {
        traces[s] = NULL;
        if (tmpl[s]) {
            char name[64];

            snprintf(name, sizeof(name), "%s-%s.trace", tag,
                     s ? "test" : "ref");
            traces[s] = path_in(S, name);
            unlink(traces[s]);
            cmds[n] = expand_template(tmpl[s], image, traces[s]);
            idx[n++] = s;
        }
    }
    if (n) {
        run_cmds(cmds, n, S->timeout, res);
        S->ncand++;
        for (int i = 0; i < n; i++) {
            int s = idx[i];

            if (ok && (res[i].timed_out || res[i].status != 0)) {
                snprintf(why, whylen, "%s command %s (%s)",
                         s ? "test" : "reference",
                         res[i].timed_out ? "timed out" : "failed",
                         res[i].output ? res[i].output : "");
                ok = false;
            }
            run_res_free(&res[i]);
            free(cmds[i]);
        }
    }
    for (int s = 0; s < 2 && ok; s++) {
        TraceIn t;
        int rc = tin_read_all(traces[s] ? traces[s] : paths[s], &t, out[s],
                              cnt[s]);

        if (rc) {
            snprintf(why, whylen, "%s", t.err);
            ok = false;
        }
        tin_close(&t);
    }
    for (int s = 0; s < 2; s++) {
        free(traces[s]);
    }
    return ok;
}

/* Does the pair diverge at checkpoint di the way the original did? */
static bool same_divergence(Shrink *S, const RisuState *a, uint64_t na,
                            const RisuState *b, uint64_t nb, uint64_t di)
{
    StepDiff sd;
    RisuState *zero;
    bool hit = false;

    if (di >= na || di >= nb) {
        return false;
    }
    zero = xcalloc(1, sizeof(*zero));
    diff_init(&sd, S->arch);
    diff_step(S->arch, S->ta, di ? &a[di - 1] : zero, di ? &b[di - 1] : zero,
              &a[di], &b[di], &sd);
    hit = (S->sig_signal && sd.signal) || (S->sig_control && sd.control);
    for (int i = 0; i < sd.nregs && !hit; i++) {
        for (int k = 0; k < S->nsig && !hit; k++) {
            hit = sd.regs[i] == S->sig_regs[k];
        }
    }
    diff_free(&sd);
    free(zero);
    return hit;
}

static bool try_candidate(Shrink *S)
{
    char *img = path_in(S, "cand.bin");
    uint64_t di = build(S, img);
    char why[4200];
    bool ok;

    free_cand(S);
    ok = run_pair(S, img, "cand", &S->ca, &S->cna, &S->cb, &S->cnb, why,
                  sizeof(why));
    if (!ok && S->verbose) {
        say(S, "candidate rejected: %s", why);
    }
    ok = ok && same_divergence(S, S->ca, S->cna, S->cb, S->cnb, di);
    free(img);
    return ok;
}

/* ddmin item i is a group: its units are kept or removed together. */
static void apply_sel(Shrink *S, const bool *sel, int n)
{
    for (uint64_t r = 1; r < S->d; r++) {
        for (int i = 0; i < n; i++) {
            if (S->grp[r] == S->items[i]) {
                S->keep[r] = sel[i];
            }
        }
    }
}

static bool test_units(void *opaque, const bool *sel, int n)
{
    Shrink *S = opaque;

    apply_sel(S, sel, n);
    return try_candidate(S);
}

static bool test_regs(void *opaque, const bool *sel, int n)
{
    Shrink *S = opaque;

    for (int i = 0; i < n; i++) {
        S->zero[S->ritems[i]] = !sel[i];
    }
    return try_candidate(S);
}

/* ---- finding initial values in the preamble data ---- */

static void add_occ(Shrink *S, int r, uint32_t off, int len)
{
    S->zoff[r] = xrealloc(S->zoff[r], (size_t)(S->nz[r] + 1) *
                          sizeof(uint32_t));
    S->zlen[r] = xrealloc(S->zlen[r], (size_t)(S->nz[r] + 1) * sizeof(int));
    S->zoff[r][S->nz[r]] = off;
    S->zlen[r][S->nz[r]++] = len;
}

static int find_bytes(Shrink *S, int r, uint32_t from, uint32_t to,
                      uint64_t v, int len)
{
    uint8_t pat[8];
    int found = 0;

    for (int i = 0; i < len; i++) {
        int sh = S->ta->big_endian ? 8 * (len - 1 - i) : 8 * i;

        pat[i] = (uint8_t)(v >> sh);
    }
    for (uint32_t o = (from + 3) & ~3u; o + (uint32_t)len <= to; o += 4) {
        if (!memcmp(S->c.img.code + o, pat, (size_t)len)) {
            add_occ(S, r, o, len);
            found++;
        }
    }
    return found;
}

/* Registers with a non-zero initial value that the data block holds. */
static void find_initial_values(Shrink *S)
{
    uint32_t from, to;
    const RisuState *st0 = &S->ra[0];

    if (!preamble_data(S->ta, S->c.img.code, S->c.img.code_len, &from, &to)) {
        say(S, "no preamble data block found: initial values not shrunk");
        return;
    }
    for (int r = 0; r < S->arch->nregs; r++) {
        const RisuRegDesc *d = &S->arch->regs[r];
        bool any = false;

        if (!d->mask || d->cls == RISU_CLS_SP || !diff_present(d, st0) ||
            !strcmp(d->name, "memhash") || d->nslots > 2) {
            continue;
        }
        for (int k = 0; k < d->nslots; k++) {
            uint64_t v = st0->slot[d->slot + k] & d->mask;
            int64_t sv = (int64_t)v;

            if (!v) {
                continue;
            }
            any = true;
            /*
             * The block holds 8-byte values for 64-bit registers and FR=1
             * FPRs, 4-byte ones for o32 GPRs and FR=0 singles (also as
             * halves of a pair): look for both.  Zeroing a few bytes too
             * many is harmless: every candidate is run.
             */
            find_bytes(S, r, from, to, st0->slot[d->slot + k], 8);
            if (v >> 32 == 0 || (sv >= INT32_MIN && sv <= INT32_MAX)) {
                find_bytes(S, r, from, to, v, 4);
            }
        }
        if (any && S->nz[r]) {
            S->ritems[S->nritems++] = r;
        }
    }
}

/* ---- output ---- */

static int collect_words(Shrink *S, const TImage *img, uint32_t from,
                         uint32_t to, ReproWord **wp)
{
    int n = 0, cap = 64;
    uint32_t off = from;
    ReproWord *w = xcalloc((size_t)cap, sizeof(*w));

    while (off < to) {
        if (n == cap) {
            cap *= 2;
            w = xrealloc(w, (size_t)cap * sizeof(*w));
        }
        char line[512];
        InsnInfo ii;
        int kind, sz;
        TCtx *c = &S->c;
        TImage saved = c->img;

        c->img = *img;
        sz = tctx_describe_at(c, off, line, sizeof(line), &ii, &kind);
        c->img = saved;
        memset(&w[n], 0, sizeof(w[n]));
        w[n].off = off;
        w[n].size = sz;
        w[n].op = -1;
        snprintf(w[n].comment, sizeof(w[n].comment), "%.190s", line);
        if (kind == TK_OPTRAP) {
            uint32_t d0 = arch_rd32(S->ta, img->code + off +
                                     S->ta->trap_bytes);

            w[n].op = (int)(d0 & 0xff);
            w[n].reg = (int)(d0 >> 8 & 0xff);
            w[n].imm = (int32_t)arch_rd32(S->ta, img->code + off +
                                           S->ta->trap_bytes + 4);
            if (w[n].op == RISU_OP_SKIP) {
                w[n].data = img->code + off + S->ta->optrap_bytes;
                w[n].ndata = (uint32_t)sz - (uint32_t)S->ta->optrap_bytes;
            }
        } else if (kind == TK_CHECKPOINT) {
            off += (uint32_t)sz;
            continue;
        } else {
            arch_insn_at(S->ta, img->code, img->code_len, off, &w[n].value);
        }
        if (sz <= 0) {
            break;
        }
        off += (uint32_t)sz;
        n++;
    }
    *wp = w;
    return n;
}

typedef struct Final {
    char *image, *ref_trace, *test_trace, *repro, *readme;
    char *build[2], *run[2];
    int verified;                 /* 1 differ, 0 same, -1 not run */
    char *verify_note;
    int agree;                    /* registers equal to the ref trace */
    int disagree;                 /* -1: not checked */
    char *disagree_list;
} Final;

/*
 * Cross-check the reference side's reproducer output against the
 * reference trace at the divergent checkpoint: the program must compute
 * what the runner captured, or it reproduces something else.
 */
static void check_against_trace(Shrink *S, const char *outp,
                                const RisuState *want, Final *F)
{
    Sb bad = { 0 };
    const char *p = outp;

    F->agree = 0;
    F->disagree = 0;
    while (*p) {
        size_t n = strcspn(p, "\n");
        /* wide enough for the widest register (16 slots) */
        char name[64], hex[300];

        if (sscanf(p, "%63s 0x%299s", name, hex) == 2 &&
            strcmp(name, "memhash")) {
            for (int r = 0; r < S->arch->nregs; r++) {
                const RisuRegDesc *d = &S->arch->regs[r];
                size_t hl = strlen(hex);
                bool same = true;

                if (strcmp(d->name, name) || hl != (size_t)d->nslots * 16) {
                    continue;
                }
                for (int k = 0; k < d->nslots; k++) {
                    char part[17];
                    uint64_t v;

                    memcpy(part, hex + (d->nslots - 1 - k) * 16, 16);
                    part[16] = 0;
                    v = strtoull(part, NULL, 16);
                    same &= v == (want->slot[d->slot + k] & d->mask);
                }
                if (same) {
                    F->agree++;
                } else {
                    F->disagree++;
                    sb_printf(&bad, "%s%s", bad.len ? " " : "", name);
                }
            }
        }
        p += n + (p[n] ? 1 : 0);
    }
    F->disagree_list = sb_take(&bad);
}

/* Value of the line whose first word is key (NULL if none). */
static const char *line_value(const char *text, const char *key, int nth,
                              size_t *len)
{
    size_t kl = strlen(key);

    for (const char *p = text; *p; ) {
        size_t n = strcspn(p, "\n");

        if (n > kl && !strncmp(p, key, kl) && p[kl] == ' ' && !nth--) {
            *len = n - kl - 1;
            return p + kl + 1;
        }
        p += n + (p[n] ? 1 : 0);
    }
    return NULL;
}

/* "name: ref X, test Y" for every line that differs, matched by name. */
static char *output_diff(const char *ref, const char *test)
{
    Sb d = { 0 };
    const char *texts[2] = { ref, test };

    for (int side = 0; side < 2; side++) {
        for (const char *p = texts[side]; *p; ) {
            size_t n = strcspn(p, "\n"), k = strcspn(p, " \n");
            char *key = xstrndup(p, k);
            int nth = 0;

            /* the nth line with this key on this side */
            for (const char *q = texts[side]; q < p; ) {
                size_t m = strcspn(q, "\n");

                nth += !strncmp(q, key, k) && q[k] == ' ';
                q += m + (q[m] ? 1 : 0);
            }
            if (k < n) {
                size_t la = 0, lb = 0;
                const char *va = line_value(ref, key, nth, &la);
                const char *vb = line_value(test, key, nth, &lb);

                if ((side == 0 || !va) &&
                    (!va || !vb || la != lb || memcmp(va, vb, la))) {
                    sb_printf(&d, "  %s: ref %.*s, test %.*s\n", key,
                              va ? (int)la : 4, va ? va : "none",
                              vb ? (int)lb : 4, vb ? vb : "none");
                }
            } else if (side == 0 && !strstr(test, key)) {
                sb_printf(&d, "  ref only: %.*s\n", (int)n, p);
            } else if (side == 1 && !strstr(ref, key)) {
                sb_printf(&d, "  test only: %.*s\n", (int)n, p);
            }
            free(key);
            p += n + (p[n] ? 1 : 0);
        }
    }
    return sb_take(&d);
}

static void write_text(const char *path, const char *text)
{
    char err[400];

    if (write_file(path, text, strlen(text), err, sizeof(err))) {
        rt_err("%s", err);
        exit(RT_ERROR);
    }
}

static bool in_path(const char *prog)
{
    char *cmd = xasprintf("command -v %s >/dev/null 2>&1", prog);
    int rc = system(cmd);

    free(cmd);
    return rc == 0;
}

/* First word of a command line. */
static char *first_word(const char *s)
{
    s += strspn(s, " \t");
    return xstrndup(s, strcspn(s, " \t"));
}

/*
 * The one-line report of the divergence at checkpoint d, the code before
 * it ending at prev_end; img, if not NULL, stands for the loaded image.
 */
static void divergence_line(Shrink *S, const TImage *img,
                            const RisuState *a, const RisuState *b,
                            uint64_t d, uint32_t prev_end,
                            char *line, size_t size)
{
    Divergence dv = { 0 };
    StepDiff sd;
    RisuState *zero = xcalloc(1, sizeof(*zero));
    TImage saved = S->c.img;

    diff_init(&sd, S->arch);
    diff_step(S->arch, S->ta, d ? &a[d - 1] : zero,
              d ? &b[d - 1] : zero, &a[d], &b[d], &sd);
    dv.kind = "state";
    dv.ia = dv.ib = d;
    dv.a = &a[d];
    dv.b = &b[d];
    dv.pa = d ? &a[d - 1] : zero;
    dv.pb = d ? &b[d - 1] : zero;
    dv.sd = &sd;
    dv.prev_end = prev_end;
    if (img) {
        S->c.img = *img;
    }
    divrep_line(&S->c, S->arch, &dv, line, size);
    S->c.img = saved;
    diff_free(&sd);
    free(zero);
}

/* The MEMINIT seed: its op trap sits right before checkpoint 0. */
static uint32_t meminit_seed(const Shrink *S, const TImage *fimg,
                             const RisuState *a)
{
    const ArchHost *ta = S->ta;
    uint32_t o;

    if (a[0].pc_off < (uint32_t)ta->optrap_bytes) {
        return 0;
    }
    o = a[0].pc_off - (uint32_t)ta->optrap_bytes;
    if (arch_trap_at(ta, fimg->code, fimg->code_len, o) == 2 &&
        (arch_rd32(ta, fimg->code + o + ta->trap_bytes) & 0xff) ==
        RISU_OP_MEMINIT) {
        return arch_rd32(ta, fimg->code + o + ta->trap_bytes + 4);
    }
    return 0;
}

/* Build and run commands of each side; can[s]: side s can run here. */
static int repro_commands(Shrink *S, Final *F, const ReproIn *in,
                          ReproSide side[2], bool can[2], Sb *readme)
{
    const char *tmpl[2] = { S->ref_cmd, S->test_cmd };
    int nrun = 0;

    sb_printf(readme, "Reproducer made by risu-trace shrink from %s.\n\n"
              "Build and run on each side, then compare the outputs:\n\n",
              S->c.img.path);
    for (int s = 0; s < 2; s++) {
        char *exe = path_in(S, s ? "repro-test" : "repro-ref");
        char *cc;

        repro_side(tmpl[s], S->ta, in->fr1, in->nan2008, &side[s]);
        F->build[s] = repro_build_cmd(&side[s], F->repro, exe);
        F->run[s] = repro_run_cmd(&side[s], exe);
        sb_printf(readme, "# %s (%s)\n%s\n%s > %s.out\n\n",
                  s ? "implementation under test" : "reference",
                  side[s].flavour, F->build[s], F->run[s], exe);
        /* A side runs here only if its command named a known runner
         * (so the emulator and CPU are known) and the tools exist. */
        cc = first_word(side[s].cc);
        can[s] = in_path(cc) && tmpl[s] && side[s].known;
        if (side[s].emu[0]) {
            char *emu = first_word(side[s].emu);

            can[s] = can[s] && in_path(emu);
            free(emu);
        }
        nrun += can[s];
        free(cc);
        free(exe);
    }
    sb_printf(readme, "diff %s/repro-ref.out %s/repro-test.out\n",
              S->dir, S->dir);
    return nrun;
}

/*
 * Build, then run, the n sides idx[] on this host; outs[s] gets side s's
 * output.  False if a build failed (F->verify_note says which).
 */
static bool repro_build_run(Shrink *S, Final *F, const int *idx, int n,
                            char *outs[2])
{
    char *cmds[2];
    RunRes res[2];
    bool built = true;

    for (int i = 0; i < n; i++) {
        cmds[i] = F->build[idx[i]];
    }
    run_cmds(cmds, n, S->timeout, res);
    for (int i = 0; i < n; i++) {
        if (res[i].status) {
            built = false;
            F->verify_note = xasprintf("building the %s reproducer "
                                       "failed: %s", idx[i] ? "test" :
                                       "reference", res[i].output);
        }
        run_res_free(&res[i]);
    }
    if (!built) {
        return false;
    }
    for (int i = 0; i < n; i++) {
        cmds[i] = F->run[idx[i]];
    }
    run_cmds(cmds, n, S->timeout, res);
    for (int i = 0; i < n; i++) {
        int s = idx[i];
        char *p = path_in(S, s ? "repro-test.out" : "repro-ref.out");

        outs[s] = res[i].output ? xstrdup(res[i].output) : xstrdup("");
        write_text(p, outs[s]);
        free(p);
        run_res_free(&res[i]);
    }
    return true;
}

/* Does the output of the side(s) that ran show the divergence? */
static void repro_judge(Shrink *S, Final *F, char *outs[2], int s, int n,
                        const RisuState *a, const RisuState *b, uint64_t di)
{
    Final other = { .disagree = -1 };

    if (n == 2) {
        check_against_trace(S, outs[0], &a[di], F);
        F->verified = strcmp(outs[0], outs[1]) != 0;
        if (F->verified) {
            F->verify_note = output_diff(outs[0], outs[1]);
        } else {
            F->verify_note = xstrdup("both sides print the same "
                                     "state: the divergence does not "
                                     "come from the instructions "
                                     "alone (runner environment, "
                                     "RISU_INJECT, signal delivery?)");
        }
        return;
    }
    /*
     * One side only (a board or golden trace on the other): its program
     * must agree with its own trace and differ from the other side's
     * trace.
     */
    check_against_trace(S, outs[s], s ? &b[di] : &a[di], F);
    check_against_trace(S, outs[s], s ? &a[di] : &b[di], &other);
    F->verified = other.disagree > 0;
    F->verify_note = xasprintf("only the %s side can run here; "
                               "its output differs from the "
                               "other side's trace in: %s",
                               s ? "test" : "reference",
                               other.disagree > 0 ?
                               other.disagree_list : "nothing");
    free(other.disagree_list);
}

/* README with each side's commands; run the sides that can run here. */
static void repro_verify(Shrink *S, Final *F, const ReproIn *in,
                         const RisuState *a, const RisuState *b, uint64_t di)
{
    Sb readme = { 0 };
    ReproSide side[2];
    char *outs[2] = { NULL, NULL };
    bool can[2] = { true, true };
    int nrun = repro_commands(S, F, in, side, can, &readme);

    F->verified = -1;
    if (nrun) {
        int idx[2] = { 0, 0 }, n = 0;

        for (int s = 0; s < 2; s++) {
            if (can[s]) {
                idx[n++] = s;
            }
        }
        if (repro_build_run(S, F, idx, n, outs)) {
            repro_judge(S, F, outs, idx[0], n, a, b, di);
        }
    } else if (!F->verify_note) {
        F->verify_note = xstrdup("not run: compiler or emulator not "
                                 "found, or no side has a command naming "
                                 "a known runner");
    }
    F->readme = path_in(S, "README");
    write_text(F->readme, readme.s);
    sb_free(&readme);
    free(outs[0]);
    free(outs[1]);
    for (int s = 0; s < 2; s++) {
        repro_side_free(&side[s]);
    }
}

/*
 * The reproducer drops checkpoints and runs no OPTRAP CODEOFF/SKIP, so a
 * branch in its code would land elsewhere or leave a link register
 * absolute: refuse rather than write a program that silently differs.
 */
static bool repro_refuses_branch(const TImage *fimg, const ReproWord *w,
                                 int nw, uint32_t from, uint32_t to)
{
    long i = shrink_branch_in(fimg, from, to);
    uint32_t join = 0;

    for (int k = 0; i < 0 && k < nw; k++) {
        if (w[k].op == RISU_OP_CODEOFF) {
            rt_err("shrink: no reproducer: its code holds the OPTRAP "
                   "CODEOFF at 0x%x (the link register of a branch before "
                   "it); reproducers of branch groups are not supported",
                   w[k].off);
            return true;
        }
    }
    if (i < 0) {
        return false;
    }
    timg_insn_attr(fimg, (uint32_t)i, " join=", &join);
    rt_err("shrink: no reproducer: its code holds the branch %s at 0x%x "
           "(join 0x%x); reproducers of branch groups are not supported "
           "(the shrunk image reproduces it under the runner)",
           fimg->insn_name[i], fimg->insn_off[i], join);
    return true;
}

static void make_repro(Shrink *S, const TImage *fimg, const RisuState *a,
                       const RisuState *b, uint64_t di,
                       uint32_t code_from, uint32_t code_to,
                       const char *why_regs, Final *F)
{
    ReproWord *w;
    int nw = collect_words(S, fimg, code_from, code_to, &w);

    if (repro_refuses_branch(fimg, w, nw, code_from, code_to)) {
        free(w);
        return;
    }
    ReproIn in = { 0 };
    char err[400], *src, *title, line[600];
    Sb t = { 0 };
    const RisuState *before;
    uint64_t bi;

    /* The state the code starts from: the checkpoint before it. */
    bi = 0;
    for (uint64_t r = 0; r < di; r++) {
        if (a[r].pc_off < code_from) {
            bi = r;
        }
    }
    before = &a[bi];
    sb_printf(&t, " * Image %s, checkpoint %llu.\n", S->c.img.path,
              (unsigned long long)S->d);
    divergence_line(S, fimg, a, b, di, code_from, line, sizeof(line));
    sb_printf(&t, " * Divergence (shrunk image, A = reference, B = "
              "test): %s\n", line);
    title = sb_take(&t);
    in.ta = S->ta;
    in.arch = S->arch;
    in.before = before;
    in.ref_after = &a[di];
    in.test_after = &b[di];
    in.words = w;
    in.nwords = nw;
    in.meminit_seed = meminit_seed(S, fimg, a);
    in.fpu = (before->features & S->ta->feat_fpu) != 0;
    in.msa = (before->features & S->ta->feat_vec) != 0;
    in.hilo = (before->features & S->ta->feat_hilo) != 0;
    in.d32 = (before->features & S->ta->feat_d32) != 0;
    in.svec = S->ta->feat_svec &&
              (before->features & S->ta->feat_svec) != 0;
    in.fr1 = S->ta->fr1_always || timg_has_feature(&S->c.img, "fr1");
    in.nan2008 = timg_has_feature(&S->c.img, "nan2008");
    in.title = title;
    in.set_note = why_regs;
    src = repro_source(&in, err, sizeof(err));
    free(title);
    if (!src) {
        say(S, "no reproducer: %s", err);
        free(w);
        return;
    }
    F->repro = path_in(S, "repro.c");
    write_text(F->repro, src);
    free(src);
    free(w);
    repro_verify(S, F, &in, a, b, di);
}

/* ---- the command ---- */

/*
 * A side given as a trace describes the original image.  The final image
 * shares its checkpoints up to the divergent one di (all of them if it
 * was not cut), so those records under a header naming the final image
 * are that side's trace of it: written to NAME in the output directory,
 * with *n cut to match, so that the diff and the counts describe the
 * final image.
 */
static int cut_trace(Shrink *S, const char *image, const char *given,
                     const RisuState *recs, uint64_t *n, uint64_t di,
                     const char *name)
{
    TraceIn t;
    char err[600];
    uint8_t *buf;
    size_t len;
    char *path;
    int rc;

    if (!(buf = read_file(image, READ_MAX_IMAGE, &len, err, sizeof(err)))) {
        rt_err("%s", err);
        return -1;
    }
    if (tin_open(&t, given)) {
        rt_err("%s", t.err);
        tin_close(&t);
        free(buf);
        return -1;
    }
    risu_sha256(buf, len, t.h.image_digest);
    free(buf);
    if (cut_after(S) && *n > di + 1) {
        *n = di + 1;
    }
    path = path_in(S, name);
    rc = tout_write_all(path, t.arch, &t.h, recs, *n, err, sizeof(err));
    if (rc) {
        rt_err("shrink: %s", err);
    }
    free(path);
    tin_close(&t);
    return rc;
}

static void shrink_free(Shrink *S, Final *F)
{
    free_cand(S);
    for (int r = 0; S->zoff && r < S->arch->nregs; r++) {
        free(S->zoff[r]);
        free(S->zlen[r]);
    }
    free(S->zoff);
    free(S->zlen);
    free(S->nz);
    free(S->zero);
    free(S->ritems);
    free(S->items);
    free(S->keep);
    free(S->grp);
    free(S->uend);
    free(S->sig_regs);
    if (S->tref.r) {
        tin_close(&S->tref);
    }
    tctx_free(&S->c);
    free(S->c.patdirs);
    if (S->test_cmd_owned) {
        free(S->test_cmd);
    }
    free(F->image);
    free(F->ref_trace);
    free(F->test_trace);
    free(F->repro);
    free(F->readme);
    for (int s = 0; s < 2; s++) {
        free(F->build[s]);
        free(F->run[s]);
    }
    free(F->verify_note);
    free(F->disagree_list);
}

static int setup_baseline(Shrink *S, long at)
{
    char why[4200];
    StepDiff sd;
    RisuState *zero;
    bool found = false;
    TraceIn t;

    if (!run_pair(S, S->c.img.path, "orig", &S->ra, &S->na, &S->rb, &S->nb,
                  why, sizeof(why))) {
        rt_err("shrink: the original image does not run: %s", why);
        return -1;
    }
    /* The layout: from a trace of this image (both sides share it). */
    {
        char *p = S->ref_trace ? xstrdup(S->ref_trace)
                               : path_in(S, "orig-ref.trace");

        if (tin_open(&S->tref, p)) {
            rt_err("%s", S->tref.err);
            free(p);
            return -1;
        }
        free(p);
        S->arch = S->tref.arch;
        if (S->test_trace || S->test_cmd) {
            char *q = S->test_trace ? xstrdup(S->test_trace)
                                    : path_in(S, "orig-test.trace");

            if (tin_open(&t, q) || check_pair(&S->tref, &t, why,
                                              sizeof(why))) {
                rt_err("%s", t.rc ? t.err : why);
                tin_close(&t);
                free(q);
                return -1;
            }
            tin_close(&t);
            free(q);
        }
        if (tctx_settle(&S->c, &S->tref, why, sizeof(why))) {
            rt_err("%s", why);
            return -1;
        }
    }
    zero = xcalloc(1, sizeof(*zero));
    diff_init(&sd, S->arch);
    for (uint64_t k = 0; k < S->na && k < S->nb; k++) {
        diff_step(S->arch, S->ta, k ? &S->ra[k - 1] : zero,
                  k ? &S->rb[k - 1] : zero, &S->ra[k], &S->rb[k], &sd);
        if (diff_any(&sd) && (at < 0 || (uint64_t)at == k)) {
            S->d = k;
            found = true;
            break;
        }
    }
    if (!found && at < 0 && S->na != S->nb) {
        S->d = S->na < S->nb ? S->na - 1 : S->nb - 1;
        sd.control = true;
        found = S->na && S->nb;
    }
    if (!found) {
        rt_err("shrink: %s: no divergence%s between the reference and the "
               "test (%llu and %llu checkpoints): nothing to shrink",
               S->c.img.path, at >= 0 ? " at that checkpoint" : "",
               (unsigned long long)S->na, (unsigned long long)S->nb);
        diff_free(&sd);
        free(zero);
        return -1;
    }
    S->sig_signal = sd.signal;
    S->sig_control = sd.control || sd.insn;
    S->sig_regs = xcalloc((size_t)sd.nregs + 1, sizeof(int));
    S->nsig = sd.nregs;
    memcpy(S->sig_regs, sd.regs, (size_t)sd.nregs * sizeof(int));
    diff_free(&sd);
    free(zero);
    S->uend = xcalloc(S->na + 1, sizeof(uint32_t));
    for (uint64_t r = 0; r < S->na; r++) {
        S->uend[r] = S->ra[r].pc_off + tctx_trap_len(&S->c, S->ra[r].pc_off);
        if (S->uend[r] > S->c.img.code_len ||
            (r && S->uend[r] <= S->uend[r - 1])) {
            rt_err("shrink: %s does not fit the image (checkpoint %llu at "
                   "pc offset 0x%x)", S->tref.path, (unsigned long long)r,
                   S->ra[r].pc_off);
            return -1;
        }
    }
    return 0;
}

typedef struct ShrinkOpts {
    const char *image, *out;      /* -o: a copy of the final image */
    bool json, regs, units;
    long at;                      /* divergent checkpoint, -1: first */
} ShrinkOpts;

/* What minimising kept, and the final image as the runs saw it. */
typedef struct Outcome {
    int nkept, nrkept, t_units, t_regs, units_before;
    bool compacted;
    RisuState *fa, *fb;           /* records of the final image */
    uint64_t fna, fnb, fdi, fn;
    TImage fimg;
} Outcome;

/* "-- RUNNER-CMD...": the test side as a runner command prefix. */
static int shrink_runner_cmd(Shrink *S, int argc, char **argv)
{
    Sb b = { 0 };

    for (int i = optind; i < argc; i++) {
        char *q = sh_quote(argv[i]);

        sb_printf(&b, "%s%s", b.len ? " " : "", q);
        free(q);
    }
    sb_puts(&b, " --master -t {trace} {image}");
    if (S->test_cmd || S->test_trace) {
        sb_free(&b);
        return usage_error("shrink");
    }
    S->test_cmd = sb_take(&b);
    S->test_cmd_owned = true;
    return 0;
}

static int shrink_options(int argc, char **argv, Shrink *S, ShrinkOpts *o)
{
    static const struct option lo[] = {
        { "image", required_argument, NULL, 'i' },
        { "ref", required_argument, NULL, 'r' },
        { "test", required_argument, NULL, 't' },
        { "ref-cmd", required_argument, NULL, 'R' },
        { "test-cmd", required_argument, NULL, 'T' },
        { "repro", required_argument, NULL, 'd' },
        { "timeout", required_argument, NULL, 'w' },
        { "at", required_argument, NULL, 'a' },
        { "json", no_argument, NULL, 'j' },
        { "no-regs", no_argument, NULL, 'n' },
        { "no-units", no_argument, NULL, 'u' },
        { "patterns", required_argument, NULL, 'p' },
        { "verbose", no_argument, NULL, 'v' },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "i:r:t:R:T:o:d:w:a:jnup:v", lo,
                              NULL)) != -1) {
        switch (opt) {
        case 'i':
            o->image = optarg;
            break;
        case 'r':
            S->ref_trace = optarg;
            break;
        case 't':
            S->test_trace = optarg;
            break;
        case 'R':
            S->ref_cmd = optarg;
            break;
        case 'T':
            S->test_cmd = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'd':
            S->dir = optarg;
            break;
        case 'w':
            S->timeout = strtod(optarg, NULL);
            break;
        case 'a':
            o->at = strtol(optarg, NULL, 10);
            break;
        case 'j':
            o->json = true;
            break;
        case 'n':
            o->regs = false;
            break;
        case 'u':
            o->units = false;
            break;
        case 'p':
            tctx_add_patdir(&S->c, optarg);
            break;
        case 'v':
            S->verbose = true;
            break;
        default:
            return usage_error("shrink");
        }
    }
    if (optind < argc && shrink_runner_cmd(S, argc, argv)) {
        return RT_ERROR;
    }
    if (!o->image || (!S->ref_trace == !S->ref_cmd) ||
        (!S->test_trace == !S->test_cmd)) {
        return usage_error("shrink");
    }
    if (!S->dir) {
        S->dir = "risu-repro";
    }
    return 0;
}

/* Output directory, image and the baseline runs. */
static int shrink_load(Shrink *S, const ShrinkOpts *o)
{
    char err[600];

    if (tctx_load_image(&S->c, o->image, err, sizeof(err))) {
        rt_err("%s", err);
        return -1;
    }
    if (!S->c.ta_known || S->c.img.is_elf) {
        rt_err("shrink: %s: need a raw image with metadata (arch)",
               o->image);
        return -1;
    }
    S->ta = S->c.ta;
    if (setup_baseline(S, o->at)) {
        return -1;
    }
    {
        char line[600];

        divergence_line(S, NULL, S->ra, S->rb, S->d,
                        S->d ? S->uend[S->d - 1] : 0, line, sizeof(line));
        say(S, "divergence: %s", line);
    }
    say(S, "original: %llu checkpoints, %u bytes of code",
        (unsigned long long)S->na, S->c.img.code_len);
    return 0;
}

static bool group_has_code(const Shrink *S, uint64_t g)
{
    for (uint64_t r = g; r < S->d && S->grp[r] == (int)g; r++) {
        if (S->ra[r].pc_off > S->uend[r - 1]) {
            return true;
        }
    }
    return false;
}

/*
 * Units that must stay together (tools/shrgroup.h), and the cut: after
 * the divergent checkpoint, or after the join of a branch group the
 * divergent unit is part of, so every branch target stays inside.
 */
static void shrink_group_setup(Shrink *S)
{
    uint64_t d = S->d;
    uint32_t *from = xcalloc(d + 1, sizeof(uint32_t));
    uint32_t *to = xcalloc(d + 1, sizeof(uint32_t));
    uint32_t reach;

    for (uint64_t r = 1; r <= d; r++) {
        from[r] = S->uend[r - 1];
        to[r] = S->ra[r].pc_off;
    }
    S->grp = xcalloc(d + 1, sizeof(int));
    reach = shrink_groups(&S->c.img, from, to, (int)d, S->grp);
    S->cut = S->uend[d];
    if (reach) {
        S->cut = reach + (uint32_t)tctx_trap_len(&S->c, reach);
        say(S, "the divergent unit is in a branch group: the image ends "
            "after its join checkpoint at 0x%x", reach);
    }
    free(from);
    free(to);
}

/* Candidate state: every unit before the divergence is a ddmin item. */
static void shrink_items(Shrink *S, Outcome *u)
{
    int nregs = S->arch->nregs;

    shrink_group_setup(S);
    S->keep = xcalloc(S->na + 1, sizeof(bool));
    S->zero = xcalloc((size_t)nregs + 1, sizeof(bool));
    S->zoff = xcalloc((size_t)nregs + 1, sizeof(uint32_t *));
    S->zlen = xcalloc((size_t)nregs + 1, sizeof(int *));
    S->nz = xcalloc((size_t)nregs + 1, sizeof(int));
    S->ritems = xcalloc((size_t)nregs + 1, sizeof(int));
    S->items = xcalloc(S->na + 1, sizeof(int));
    for (uint64_t r = 0; r < S->na; r++) {
        S->keep[r] = true;
        /* a group reaching the divergent unit stays whole with it */
        if (r >= 1 && r < S->d && S->grp[r] == (int)r &&
            S->grp[S->d] != (int)r && group_has_code(S, r)) {
            S->items[S->nitems++] = (int)r;
        }
    }
    u->units_before = S->nitems;
}

/* n ddmin items, all selected. */
static bool *all_selected(int n)
{
    bool *sel = xcalloc((size_t)n + 1, sizeof(bool));

    for (int i = 0; i < n; i++) {
        sel[i] = true;
    }
    return sel;
}

/*
 * Compacting moves the units after a removed one.  A branch group moved
 * keeps its relative layout, but its target also sits in SETADDR
 * immediates and absolute jumps (MIPS J) as an image offset, so such a
 * group stays where it is: NOPs of the same size keep every offset.
 */
static bool compact_moves_branch(Shrink *S)
{
    const TImage *img = &S->c.img;
    bool removed = false;

    for (uint64_t r = 1; r <= S->d; r++) {
        uint32_t to = r == S->d ? S->cut : S->uend[r];
        long i;

        if (r < S->d && !S->keep[r]) {
            removed = removed || S->uend[r] > S->uend[r - 1];
            continue;
        }
        i = removed ? shrink_branch_in(img, S->uend[r - 1], to) : -1;
        if (i >= 0) {
            say(S, "not compacting: it would move the branch %s at 0x%x "
                "(its target is an image offset): NOPs kept",
                img->insn_name[i], img->insn_off[i]);
            return true;
        }
    }
    return false;
}

/* Both sides rerun: minimise the units, then the initial values. */
static int minimise_both(Shrink *S, const ShrinkOpts *o, Outcome *u)
{
    bool *sel;

    if (!try_candidate(S)) {
        rt_err("shrink: cutting the image after checkpoint %llu loses "
               "the divergence; not shrinking", (unsigned long long)S->d);
        return -1;
    }
    say(S, "cut after the divergent checkpoint: ok");
    sel = all_selected(S->nitems);
    u->nkept = o->units ? ddmin(S->nitems, test_units, S, sel, &u->t_units)
                        : S->nitems;
    apply_sel(S, sel, S->nitems);
    free(sel);
    say(S, "units before the divergence: %d, still needed: %d (%d runs)",
        S->nitems, u->nkept, u->t_units);
    if (o->regs) {
        find_initial_values(S);
        if (S->nritems) {
            sel = all_selected(S->nritems);
            u->nrkept = ddmin(S->nritems, test_regs, S, sel, &u->t_regs);
            for (int i = 0; i < S->nritems; i++) {
                S->zero[S->ritems[i]] = !sel[i];
            }
            free(sel);
            say(S, "initial register values: %d non-zero, %d still "
                "needed (%d runs)", S->nritems, u->nrkept, u->t_regs);
        }
    }
    if (compact_moves_branch(S)) {
        return 0;
    }
    S->compact = true;
    u->compacted = try_candidate(S);
    if (!u->compacted) {
        S->compact = false;
        say(S, "compacting loses the divergence (bound to checkpoint "
            "numbers): NOPs kept");
    } else {
        say(S, "compacted: removed units and their checkpoints");
    }
    return 0;
}

static int minimise(Shrink *S, const ShrinkOpts *o, Outcome *u)
{
    if (S->ref_cmd && S->test_cmd) {
        return minimise_both(S, o, u);
    }
    if (S->ref_cmd || S->test_cmd) {
        /* One side reruns: only the cut can be checked, against the other
         * side's trace (same code up to the divergence, same records). */
        for (uint64_t r = 1; r < S->d; r++) {
            S->keep[r] = true;
        }
        if (!try_candidate(S)) {
            rt_err("shrink: the cut image does not reproduce the divergence "
                   "with the given trace");
            return -1;
        }
        say(S, "only one side can be rerun: cut after the divergence, "
            "units and registers not minimised");
    } else {
        say(S, "no commands: nothing rerun; the reproducer uses the "
            "reference's full state before the divergence");
    }
    return 0;
}

/* Build the final image and record it (or reuse the given traces). */
static int final_image(Shrink *S, Final *F, Outcome *u)
{
    F->image = path_in(S, "shrunk.bin");
    u->fdi = build(S, F->image);
    if (S->ref_cmd || S->test_cmd) {
        char why[4200];

        if (!run_pair(S, F->image, "shrunk", &u->fa, &u->fna, &u->fb,
                      &u->fnb, why, sizeof(why)) ||
            !same_divergence(S, u->fa, u->fna, u->fb, u->fnb, u->fdi)) {
            rt_err("shrink: the final image does not diverge any more (%s)",
                   why);
            return -1;
        }
        if (!S->ref_cmd || !S->test_cmd) {
            /* The given trace describes the original image. */
            bool given_ref = !S->ref_cmd;

            if (cut_trace(S, F->image,
                          given_ref ? S->ref_trace : S->test_trace,
                          given_ref ? u->fa : u->fb,
                          given_ref ? &u->fna : &u->fnb, u->fdi,
                          given_ref ? "shrunk-ref.trace"
                                    : "shrunk-test.trace")) {
                return -1;
            }
        }
    } else {
        /* Unverified: the given traces describe the original image. */
        u->fa = S->ra;
        u->fb = S->rb;
        u->fna = S->na;
        u->fnb = S->nb;
        u->fdi = S->d;
        free(F->image);
        F->image = xstrdup(S->c.img.path);
    }
    /* Checkpoints of the final image, as a side that ran it saw them. */
    u->fn = S->test_cmd && !S->ref_cmd ? u->fnb : u->fna;
    return 0;
}

static int copy_image(const char *from, const char *to)
{
    char e2[400];
    uint8_t *buf;
    size_t len;

    if (!(buf = read_file(from, READ_MAX_IMAGE, &len, e2, sizeof(e2))) ||
        write_file(to, buf, len, e2, sizeof(e2))) {
        rt_err("%s", e2);
        return -1;
    }
    free(buf);
    return 0;
}

static void reproduce(Shrink *S, Final *F, Outcome *u)
{
    /* The code the reproducer runs: after the checkpoint that follows
     * the preamble (or the last checkpoint not part of a kept unit),
     * up to the divergent checkpoint. */
    const RisuState *fa = u->fa;
    uint64_t fdi = u->fdi;
    uint32_t from, to = fa[fdi].pc_off;
    char *note;

    if (S->ref_cmd && S->test_cmd) {
        /* Everything after checkpoint 0: the kept units (NOPs where
         * units were removed without compacting). */
        from = fa[0].pc_off + tctx_trap_len(&S->c, fa[0].pc_off);
    } else {
        from = fdi ? fa[fdi - 1].pc_off +
                     (uint32_t)tctx_trap_len(&S->c, fa[fdi - 1].pc_off)
                   : 0;
    }
    note = S->ref_cmd && S->test_cmd ?
           xasprintf("state at checkpoint 0 of the shrunk image: the "
                     "initial values ddmin could not zero") :
           xasprintf("the reference's full state at checkpoint %llu "
                     "(nothing was rerun, so nothing was minimised)",
                     (unsigned long long)(fdi ? fdi - 1 : 0));
    make_repro(S, &u->fimg, u->fa, u->fb, fdi, from, to, note, F);
    free(note);
}

/* Keep the final traces and the diff next to the image. */
static void write_diff(Shrink *S, Final *F)
{
    char *cmdline;
    /* Given traces stand when nothing was rerun; otherwise both are
     * traces of the final image (a given one cut by cut_trace). */
    bool rerun = S->ref_cmd || S->test_cmd;
    char *rt = path_in(S, "shrunk-ref.trace");
    char *tt = path_in(S, "shrunk-test.trace");
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    char *q[5];

    F->ref_trace = rerun ? rt : xstrdup(S->ref_trace);
    F->test_trace = rerun ? tt : xstrdup(S->test_trace);
    if (!rerun) {
        free(rt);
        free(tt);
    }
    self[n > 0 ? n : 0] = 0;
    q[0] = sh_quote(n > 0 ? self : "risu-trace");
    q[1] = sh_quote(F->image);
    q[2] = sh_quote(F->ref_trace);
    q[3] = sh_quote(F->test_trace);
    q[4] = sh_quote(S->dir);
    cmdline = xasprintf("%s diff --quiet --image %s %s %s > "
                        "%s/diff.txt 2>&1", q[0], q[1], q[2], q[3], q[4]);
    for (int i = 0; i < 5; i++) {
        free(q[i]);
    }
    if (system(cmdline) < 0) {
        rt_warn("could not write %s/diff.txt", S->dir);
    }
    free(cmdline);
}

/* null for -1 (not known), else the truth of v */
static void json_tristate(JsonW *j, const char *key, int known, bool v)
{
    json_key(j, key);
    if (known < 0) {
        json_null(j);
    } else {
        json_bool(j, v);
    }
}

static void report_json(const Shrink *S, const Final *F, const Outcome *u)
{
    JsonW j;

    json_init(&j, stdout, true);
    json_obj(&j);
    json_kstr(&j, "schema", "risu-trace-shrink/1");
    json_kstr(&j, "image", S->c.img.path);
    json_kuint(&j, "checkpoint", S->d);
    json_kuint(&j, "checkpoints_before", S->na);
    json_kuint(&j, "checkpoints_after", u->fn);
    json_kuint(&j, "code_bytes_before", S->c.img.code_len);
    json_kuint(&j, "code_bytes_after", u->fimg.code_len);
    json_kint(&j, "units_before", u->units_before);
    json_kint(&j, "units_kept", S->ref_cmd && S->test_cmd ? u->nkept
                                                           : u->units_before);
    json_kint(&j, "registers_nonzero_before", S->nritems);
    json_kint(&j, "registers_kept", u->nrkept);
    json_kbool(&j, "compacted", u->compacted);
    json_kint(&j, "runs", S->ncand);
    json_kstr(&j, "shrunk_image", F->image);
    json_kstr(&j, "ref_trace", F->ref_trace);
    json_kstr(&j, "test_trace", F->test_trace);
    json_kstr(&j, "reproducer", F->repro);
    json_kstr(&j, "readme", F->readme);
    json_key(&j, "commands");
    json_obj(&j);
    json_kstr(&j, "build_ref", F->build[0]);
    json_kstr(&j, "run_ref", F->run[0]);
    json_kstr(&j, "build_test", F->build[1]);
    json_kstr(&j, "run_test", F->run[1]);
    json_obj_end(&j);
    json_tristate(&j, "verified", F->verified, F->verified);
    json_kstr(&j, "verify_note", F->verify_note);
    json_tristate(&j, "output_matches_trace", F->disagree,
                  F->disagree == 0 && F->agree > 0);
    json_kstr(&j, "output_mismatches", F->disagree_list);
    json_obj_end(&j);
    json_end(&j);
}

static void report_text(const Shrink *S, const Final *F, const Outcome *u)
{
    char err[600];
    char *diff = path_in(S, "diff.txt");
    uint8_t *txt;
    size_t len;

    if ((txt = read_file(diff, READ_MAX_TEXT, &len, err, sizeof(err)))) {
        fwrite(txt, 1, len, stdout);
        free(txt);
    }
    free(diff);
    printf("shrunk image: %s (%llu checkpoints, %u bytes of code; was "
           "%llu, %u)\n", F->image, (unsigned long long)u->fn,
           u->fimg.code_len, (unsigned long long)S->na, S->c.img.code_len);
    if (!F->repro) {
        return;
    }
    printf("reproducer: %s (commands in %s)\n", F->repro, F->readme);
    for (int s = 0; s < 2; s++) {
        printf("  %s: %s\n        %s\n", s ? "test" : "ref ",
               F->build[s], F->run[s]);
    }
    if (F->disagree >= 0) {
        printf("reproducer output vs its own trace: %d registers "
               "agree%s%s\n", F->agree,
               F->disagree ? ", differ: " : "",
               F->disagree ? F->disagree_list : "");
    }
    printf("reproducer %s%s%s\n",
           F->verified < 0 ? "not run" :
           F->verified ? "verified: it shows the divergence" :
                         "does NOT show the divergence",
           F->verify_note ? ":\n" : "",
           F->verify_note ? F->verify_note : "");
}

/* Everything after the options; the caller frees S, F and u. */
static int shrink_run(Shrink *S, const ShrinkOpts *o, Final *F, Outcome *u)
{
    char err[600];

    if (shrink_load(S, o)) {
        return RT_ERROR;
    }
    shrink_items(S, u);
    if (minimise(S, o, u) || final_image(S, F, u) ||
        (o->out && copy_image(F->image, o->out))) {
        return RT_ERROR;
    }
    if (timg_load(&u->fimg, F->image, err, sizeof(err))) {
        rt_err("%s", err);
        return RT_ERROR;
    }
    reproduce(S, F, u);
    write_diff(S, F);
    if (o->json) {
        report_json(S, F, u);
    } else {
        report_text(S, F, u);
    }
    timg_free(&u->fimg);
    return RT_OK;
}

int cmd_shrink(int argc, char **argv)
{
    Shrink S = { .timeout = 60 };
    ShrinkOpts o = { .regs = true, .units = true, .at = -1 };
    Final F = { .disagree = -1 };
    Outcome u = { 0 };
    int rc = shrink_options(argc, argv, &S, &o);

    if (rc) {
        return rc;
    }
    if (mkdir(S.dir, 0777) && errno != EEXIST) {
        rt_err("shrink: %s: %s", S.dir, strerror(errno));
        return RT_ERROR;
    }
    rc = shrink_run(&S, &o, &F, &u);
    shrink_free(&S, &F);
    if (u.fa != S.ra) {
        free(u.fa);
        free(u.fb);
    }
    free(S.ra);
    free(S.rb);
    return rc;
}
