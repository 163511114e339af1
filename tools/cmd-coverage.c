/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace coverage [--json] [--html FILE] [--image IMG]... FILE...
 *
 * FILEs are images and traces (told apart by the trace magic).  Per
 * pattern, and per tag: how often it was generated (image tables), how
 * often a checkpoint executed it without a signal or with which signal
 * (traces), and how often it diverged (when two or more traces of one
 * image are given, the first is the reference for the others).  Patterns
 * in the images' selections that were never generated are listed.  Edge
 * words (risugen --edge) count for the pattern they derive from, per
 * class, with the SIGILL rate of each class.  A
 * trace whose image is missing, or a damaged file, is an error (exit 2):
 * a coverage report over half the data would mislead.  --html FILE also
 * draws the per-tag counts as bars (tools/covhtml.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "tools/cmds.h"
#include "tools/covhtml.h"
#include "tools/divrep.h"
#include "tools/edgename.h"
#include "tools/lib/json.h"
#include "tools/tctx.h"
#include "tools/tdiff.h"
#include "tools/tracein.h"
#include "tools/tutil.h"

#define NSIG_SLOTS 32

/* Edge words of one class derived from a pattern (risugen --edge). */
typedef struct EdgeCount {
    uint64_t generated, executed, ok, diverged;
    uint64_t sig[NSIG_SLOTS];
} EdgeCount;

typedef struct Row {
    char *name;
    const DtPattern *p;           /* from some image's pattern set */
    uint64_t generated, executed, ok, diverged, diverged_clean;
    uint64_t sig[NSIG_SLOTS];     /* by signal number */
    bool selected;
    EdgeCount *edge;              /* [GEN_EDGE_NCLASSES], or NULL */
} Row;

/* Edge words that ran without SIGILL, the first MAX_ODD of them. */
#define MAX_ODD 200
typedef struct OddEdge {
    const TImage *img;
    uint32_t off, word;
    const char *name;             /* the table entry */
    int signo;
} OddEdge;

typedef struct Cov {
    Row *rows;
    size_t nrows, cap;
    size_t *hash;                 /* open addressing: row index + 1 */
    size_t hcap;
    TCtx *imgs;
    int nimgs;
    char **traces;
    int ntraces;
    int *trace_img;
    uint64_t *trace_records;
    const ArchHost *ta;              /* of the first image: signal names */
    uint64_t totgen, totexec;     /* instructions generated, checkpoints */
    uint64_t totedge;             /* of totgen, edge words */
    int sigill;                   /* SIGILL's number for the arch */
    OddEdge odd[MAX_ODD];
    uint64_t nodd;                /* all of them, listed or not */
    int nselected;                /* patterns the pattern sets select */
    char **never;                 /* selected, never generated */
    int nnever;
    char **tags;                  /* sorted, each once */
    int ntags;
} Cov;

static uint64_t hstr(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;

    while (*s) {
        h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
    }
    return h;
}

static Row *row(Cov *c, const char *name)
{
    size_t i;

    if (c->nrows * 2 >= c->hcap) {
        size_t ncap = c->hcap ? c->hcap * 2 : 1024;

        free(c->hash);
        c->hash = xcalloc(ncap, sizeof(size_t));
        c->hcap = ncap;
        for (size_t r = 0; r < c->nrows; r++) {
            i = hstr(c->rows[r].name) & (ncap - 1);
            while (c->hash[i]) {
                i = (i + 1) & (ncap - 1);
            }
            c->hash[i] = r + 1;
        }
    }
    i = hstr(name) & (c->hcap - 1);
    while (c->hash[i]) {
        Row *r = &c->rows[c->hash[i] - 1];

        if (!strcmp(r->name, name)) {
            return r;
        }
        i = (i + 1) & (c->hcap - 1);
    }
    if (c->nrows == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->rows = xrealloc(c->rows, c->cap * sizeof(Row));
    }
    memset(&c->rows[c->nrows], 0, sizeof(Row));
    c->rows[c->nrows].name = xstrdup(name);
    c->hash[i] = ++c->nrows;
    return &c->rows[c->nrows - 1];
}

/* The row and edge counter of a table entry (NULL: a normal one). */
static Row *entry_row(Cov *c, const char *name, EdgeCount **ec)
{
    EdgeName e;
    Row *r;

    *ec = NULL;
    if (!edge_name_parse(name, &e)) {
        return row(c, name);
    }
    r = row(c, e.pattern);
    if (!r->edge) {
        r->edge = xcalloc(GEN_EDGE_NCLASSES, sizeof(EdgeCount));
    }
    *ec = &r->edge[e.cls];
    return r;
}

static void count_signal(uint64_t *sig, uint64_t *ok, const RisuState *st)
{
    if (st->signo > 0 && st->signo < NSIG_SLOTS) {
        sig[st->signo]++;
    } else if (st->signo) {
        sig[0]++;
    } else {
        (*ok)++;
    }
}

static bool is_trace(const char *path)
{
    FILE *f = fopen(path, "rb");
    char m[8] = { 0 };
    bool t;

    if (!f) {
        return false;
    }
    t = fread(m, 1, 8, f) == 8 && !memcmp(m, "RISUTRC\n", 8);
    fclose(f);
    return t;
}

/*
 * Table entries in the unit that ends at record `st` (after prev_end):
 * calls fn for each.  Returns how many.
 */
static int unit_patterns(const TImage *img, uint32_t prev_end, uint32_t pc,
                         void (*fn)(Cov *, const TImage *, long,
                                    const RisuState *, int),
                         Cov *c, const RisuState *st, int arg)
{
    long i = timg_index_before(img, pc);
    int n = 0;

    while (i >= 0 && img->insn_off[i] >= prev_end) {
        fn(c, img, i, st, arg);
        n++;
        i--;
    }
    return n;
}

/* The signal slot of SIGILL in the first image's arch (-1: none). */
static int sigill_slot(const Cov *c)
{
    for (int s = 1; s < NSIG_SLOTS; s++) {
        if (!strcmp(arch_signame(c->ta, s), "SIGILL")) {
            return s;
        }
    }
    return -1;
}

/* An edge word that ran without SIGILL: kept to be listed. */
static void note_odd(Cov *c, const TImage *img, long i, const RisuState *st)
{
    OddEdge *o;

    if (c->nodd++ >= MAX_ODD) {
        return;
    }
    o = &c->odd[c->nodd - 1];
    o->img = img;
    o->off = img->insn_off[i];
    o->name = img->insn_name[i];
    o->signo = st->signo;
    o->word = 0;
    arch_insn_at(img->arch_known ? img->ta : c->ta, img->code,
                 img->code_len, o->off, &o->word);
}

static void count_exec(Cov *c, const TImage *img, long i,
                       const RisuState *st, int arg)
{
    EdgeCount *ec;
    Row *r = entry_row(c, img->insn_name[i], &ec);

    (void)arg;
    if (ec) {
        ec->executed++;
        count_signal(ec->sig, &ec->ok, st);
        if (c->sigill > 0 && st->signo != c->sigill) {
            note_odd(c, img, i, st);
        }
        return;
    }
    r->executed++;
    count_signal(r->sig, &r->ok, st);
}

static void count_div(Cov *c, const TImage *img, long i,
                      const RisuState *st, int clean)
{
    EdgeCount *ec;
    Row *r = entry_row(c, img->insn_name[i], &ec);

    (void)st;
    if (ec) {
        ec->diverged++;
        return;
    }
    r->diverged++;
    r->diverged_clean += clean;
}

static int scan_trace(Cov *c, int t)
{
    TCtx *x = &c->imgs[c->trace_img[t]];
    TraceIn in;
    RisuState *st = xcalloc(1, sizeof(*st));
    uint32_t prev_end = 0;
    int rc;

    if (tin_open(&in, c->traces[t])) {
        rt_err("%s", in.err);
        tin_close(&in);
        free(st);
        return -1;
    }
    while ((rc = tin_read(&in, st)) == 1) {
        if (in.n > 1) {
            unit_patterns(&x->img, prev_end, st->pc_off, count_exec, c, st,
                          0);
        }
        prev_end = st->pc_off + tctx_trap_len(x, st->pc_off);
    }
    if (rc < 0) {
        rt_err("%s", in.err);
    }
    c->trace_records[t] = in.n;
    tin_close(&in);
    free(st);
    return rc < 0 ? -1 : 0;
}

/* Divergences of trace t against the reference trace ref of one image. */
static int compare_traces(Cov *c, int ref, int t)
{
    TCtx *x = &c->imgs[c->trace_img[t]];
    TraceIn a, b;
    RisuState *s[4];
    StepDiff sd;
    uint32_t prev_end = 0;
    char err[600];
    int ra, rb, rc = 0;

    if (tin_open(&a, c->traces[ref]) || tin_open(&b, c->traces[t])) {
        rt_err("%s", a.rc ? a.err : b.err);
        tin_close(&a);
        tin_close(&b);
        return -1;
    }
    if (check_pair(&a, &b, err, sizeof(err))) {
        rt_err("%s", err);
        tin_close(&a);
        tin_close(&b);
        return -1;
    }
    for (int i = 0; i < 4; i++) {
        s[i] = xcalloc(1, sizeof(RisuState));
    }
    diff_init(&sd, a.arch);
    for (;;) {
        memcpy(s[2], s[0], sizeof(RisuState));
        memcpy(s[3], s[1], sizeof(RisuState));
        ra = tin_read(&a, s[0]);
        rb = tin_read(&b, s[1]);
        if (ra < 0 || rb < 0) {
            rt_err("%s", ra < 0 ? a.err : b.err);
            rc = -1;
            break;
        }
        if (ra != 1 || rb != 1) {
            break;
        }
        if (s[0]->pc_off != s[1]->pc_off) {
            /* Out of step: count it once, do not guess further. */
            unit_patterns(&x->img, prev_end, s[0]->pc_off, count_div, c,
                          s[0], 1);
            break;
        }
        diff_step(a.arch, x->ta, s[2], s[3], s[0], s[1], &sd);
        if (diff_any(&sd) && a.n > 1) {
            Divergence dv = { .kind = "state", .a = s[0], .b = s[1],
                              .pa = s[2], .pb = s[3], .sd = &sd,
                              .prev_end = prev_end };
            int in[4];

            unit_patterns(&x->img, prev_end, s[0]->pc_off, count_div, c,
                          s[0], div_inputs_differ(x, a.arch, &dv, in, 4)
                                == 0);
        }
        prev_end = s[0]->pc_off + tctx_trap_len(x, s[0]->pc_off);
    }
    diff_free(&sd);
    for (int i = 0; i < 4; i++) {
        free(s[i]);
    }
    tin_close(&a);
    tin_close(&b);
    return rc;
}

static void add_tags(const DtPattern *p, char ***tags, int *ntags)
{
    for (int k = 0; p && k < p->annot.ntags; k++) {
        bool have = false;

        for (int i = 0; i < *ntags && !have; i++) {
            have = !strcmp((*tags)[i], p->annot.tags[k]);
        }
        if (!have) {
            *tags = xrealloc(*tags, (size_t)(*ntags + 1) * sizeof(char *));
            (*tags)[(*ntags)++] = (char *)p->annot.tags[k];
        }
    }
}

/* Sum of the generated patterns tagged `tag` into *sum; their number. */
static int tag_sum(const Cov *c, const char *tag, Row *sum)
{
    int np = 0;

    memset(sum, 0, sizeof(*sum));
    for (size_t r = 0; r < c->nrows; r++) {
        const Row *w = &c->rows[r];
        bool has = false;

        for (int k = 0; w->p && k < w->p->annot.ntags && !has; k++) {
            has = !strcmp(w->p->annot.tags[k], tag);
        }
        if (!has || !w->generated) {
            continue;
        }
        np++;
        sum->generated += w->generated;
        sum->executed += w->executed;
        sum->ok += w->ok;
        sum->diverged += w->diverged;
        for (int s = 0; s < NSIG_SLOTS; s++) {
            sum->sig[s] += w->sig[s];
        }
    }
    return np;
}

static int cmp_rows(const void *a, const void *b)
{
    return strcmp(((const Row *)a)->name, ((const Row *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sig_text(const Cov *c, const uint64_t *sig, Sb *b)
{
    for (int s = 0; s < NSIG_SLOTS; s++) {
        if (sig[s]) {
            sb_printf(b, "%s%s:%llu", b->len ? " " : "",
                      s ? arch_signame(c->ta, s) : "other",
                      (unsigned long long)sig[s]);
        }
    }
}

static void sig_json(const Cov *c, JsonW *j, const uint64_t *sig)
{
    json_key(j, "signals");
    json_obj(j);
    for (int s = 0; s < NSIG_SLOTS; s++) {
        if (sig[s]) {
            json_kuint(j, s ? arch_signame(c->ta, s) : "other", sig[s]);
        }
    }
    json_obj_end(j);
}

typedef struct CovOpts {
    bool json;
    const char *html;
    char **imgpaths, **patdirs;
    int nimgpaths, npatdirs;
} CovOpts;

static void push_str(char ***v, int *n, char *s)
{
    *v = xrealloc(*v, (size_t)(*n + 1) * sizeof(char *));
    (*v)[(*n)++] = s;
}

/* Options; the operands are traces (into c) or images (into o). */
static int cov_options(int argc, char **argv, CovOpts *o, Cov *c)
{
    static const struct option lo[] = {
        { "json", no_argument, NULL, 'j' },
        { "image", required_argument, NULL, 'i' },
        { "patterns", required_argument, NULL, 'p' },
        { "html", required_argument, NULL, 'H' },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "ji:p:", lo, NULL)) != -1) {
        switch (opt) {
        case 'j':
            o->json = true;
            break;
        case 'i':
            push_str(&o->imgpaths, &o->nimgpaths, optarg);
            break;
        case 'p':
            push_str(&o->patdirs, &o->npatdirs, optarg);
            break;
        case 'H':
            o->html = optarg;
            break;
        default:
            return usage_error("coverage");
        }
    }
    if (optind >= argc && !o->nimgpaths) {
        return usage_error("coverage");
    }
    for (int i = optind; i < argc; i++) {
        if (is_trace(argv[i])) {
            push_str(&c->traces, &c->ntraces, argv[i]);
        } else {
            push_str(&o->imgpaths, &o->nimgpaths, argv[i]);
        }
    }
    return 0;
}

/* Every image, its generated instructions counted. */
static int cov_load_images(Cov *c, const CovOpts *o)
{
    char err[600];

    c->imgs = xcalloc((size_t)o->nimgpaths + 1, sizeof(TCtx));
    for (int i = 0; i < o->nimgpaths; i++) {
        TCtx *x = &c->imgs[c->nimgs];

        x->patdirs = o->patdirs;
        x->npatdirs = o->npatdirs;
        if (tctx_load_image(x, o->imgpaths[i], err, sizeof(err))) {
            rt_err("%s", err);
            return -1;
        }
        c->nimgs++;
        if (!x->img.has_meta || !x->ta_known) {
            rt_err("%s: no metadata (arch, instruction table): nothing to "
                   "count", o->imgpaths[i]);
            return -1;
        }
        for (uint32_t k = 0; k < x->img.ninsns; k++) {
            EdgeCount *ec;
            Row *r = entry_row(c, x->img.insn_name[k], &ec);

            if (ec) {
                ec->generated++;
                c->totedge++;
            } else {
                r->generated++;
            }
            c->totgen++;
        }
    }
    if (!c->nimgs) {
        rt_err("coverage: no image given (traces need their images)");
        return -1;
    }
    /* Without an arch in the metadata: generic signal names. */
    c->ta = c->imgs[0].ta ? c->imgs[0].ta : arch_host_unknown(false);
    c->sigill = sigill_slot(c);
    return 0;
}

/* Trace t's image, by digest, settled to the trace's layout. */
static int cov_trace_image(Cov *c, int t)
{
    TraceIn in;
    int found = -1;
    char err[600];

    if (tin_open(&in, c->traces[t])) {
        rt_err("%s", in.err);
        tin_close(&in);
        return -1;
    }
    for (int i = 0; i < c->nimgs && found < 0; i++) {
        if (!memcmp(c->imgs[i].img.digest, in.h.image_digest, 32)) {
            found = i;
        }
    }
    if (found < 0) {
        char hex[65];

        hex_bytes(hex, in.h.image_digest, 32);
        rt_err("%s: recorded from an image that was not given (image "
               "SHA-256 %.16s..); add it to the command line",
               c->traces[t], hex);
        tin_close(&in);
        return -1;
    }
    if (tctx_settle(&c->imgs[found], &in, err, sizeof(err))) {
        rt_err("%s", err);
        tin_close(&in);
        return -1;
    }
    tin_close(&in);
    c->trace_img[t] = found;
    return 0;
}

static int cov_scan_traces(Cov *c)
{
    c->trace_img = xcalloc((size_t)c->ntraces + 1, sizeof(int));
    c->trace_records = xcalloc((size_t)c->ntraces + 1, sizeof(uint64_t));
    for (int t = 0; t < c->ntraces; t++) {
        if (cov_trace_image(c, t) || scan_trace(c, t)) {
            return -1;
        }
        c->totexec += c->trace_records[t];
    }
    return 0;
}

/* Is trace t the first one of its image (the reference)? */
static bool first_of_image(const Cov *c, int t)
{
    bool first = true;

    for (int q = 0; q < t; q++) {
        first &= c->trace_img[q] != c->trace_img[t];
    }
    return first;
}

/* Divergences: the first trace of each image is its reference. */
static int cov_divergences(Cov *c)
{
    for (int t = 0; t < c->ntraces; t++) {
        for (int r = 0; r < t; r++) {
            if (c->trace_img[r] == c->trace_img[t]) {
                if (first_of_image(c, r) && compare_traces(c, r, t)) {
                    return -1;
                }
                break;
            }
        }
    }
    return 0;
}

/* Rows for the patterns image i's pattern set selects; names matched. */
static void cov_select(Cov *c, int i)
{
    const PatSet *ps = &c->imgs[i].ps;

    for (int n = 0; n < ps->nns; n++) {
        size_t np = dt_set_npatterns(ps->ns[n].set);

        for (size_t k = 0; k < np; k++) {
            const DtPattern *p = dt_set_pattern(ps->ns[n].set, k);
            Row *r;

            if (!ps_selected(ps, p)) {
                continue;
            }
            r = row(c, p->name);
            if (!r->p) {
                r->p = p;
            }
            if (!r->selected) {
                r->selected = true;
                c->nselected++;
            }
        }
    }
    for (size_t r = 0; r < c->nrows; r++) {
        if (!c->rows[r].p) {
            c->rows[r].p = ps_find(ps, c->rows[r].name);
        }
    }
}

/* Selection, never generated, tags. */
static void cov_summarise(Cov *c)
{
    for (int i = 0; i < c->nimgs; i++) {
        if (c->imgs[i].have_ps) {
            cov_select(c, i);
        }
    }
    if (c->nrows) {      /* qsort's base must not be NULL, even for 0 */
        qsort(c->rows, c->nrows, sizeof(Row), cmp_rows);
    }
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].selected && !c->rows[r].generated) {
            push_str(&c->never, &c->nnever, c->rows[r].name);
        }
    }
    free(c->hash);
    c->hash = NULL;
    for (size_t r = 0; r < c->nrows; r++) {
        add_tags(c->rows[r].p, &c->tags, &c->ntags);
    }
    if (c->ntags) {
        qsort(c->tags, (size_t)c->ntags, sizeof(char *), cmp_str);
    }
}

/* Per class over every pattern. */
static void edge_totals(const Cov *c, EdgeCount *tot)
{
    memset(tot, 0, GEN_EDGE_NCLASSES * sizeof(*tot));
    for (size_t r = 0; r < c->nrows; r++) {
        const EdgeCount *e = c->rows[r].edge;

        for (int k = 0; e && k < GEN_EDGE_NCLASSES; k++) {
            tot[k].generated += e[k].generated;
            tot[k].executed += e[k].executed;
            tot[k].ok += e[k].ok;
            tot[k].diverged += e[k].diverged;
            for (int sg = 0; sg < NSIG_SLOTS; sg++) {
                tot[k].sig[sg] += e[k].sig[sg];
            }
        }
    }
}

static void json_edge_count(const Cov *c, JsonW *j, const EdgeCount *e)
{
    json_obj(j);
    json_kuint(j, "generated", e->generated);
    json_kuint(j, "executed", e->executed);
    json_kuint(j, "no_signal", e->ok);
    sig_json(c, j, e->sig);
    json_kuint(j, "diverged", e->diverged);
    json_obj_end(j);
}

/* "edge": per class of a pattern's edge words. */
static void json_row_edges(const Cov *c, JsonW *j, const Row *w)
{
    if (!w->edge) {
        return;
    }
    json_key(j, "edge");
    json_obj(j);
    for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
        if (w->edge[k].generated || w->edge[k].executed) {
            json_key(j, gen_edge_class_names[k]);
            json_edge_count(c, j, &w->edge[k]);
        }
    }
    json_obj_end(j);
}

/* "edge_not_sigill": the edge words that ran without SIGILL. */
static void json_odd(const Cov *c, JsonW *j)
{
    char what[200];

    json_kuint(j, "edge_not_sigill_total", c->nodd);
    json_key(j, "edge_not_sigill");
    json_arr(j);
    for (uint64_t k = 0; k < c->nodd && k < MAX_ODD; k++) {
        const OddEdge *o = &c->odd[k];

        json_obj(j);
        json_kstr(j, "image", o->img->path);
        json_kuint(j, "offset", o->off);
        json_khex(j, "word", o->word, 8);
        json_kstr(j, "pattern", o->name);
        json_key(j, "edge");
        json_str(j, edge_describe(o->name, what, sizeof(what)) ? what
                                                                : NULL);
        json_key(j, "signal");
        json_str(j, o->signo ? arch_signame(c->ta, o->signo) : NULL);
        json_obj_end(j);
    }
    json_arr_end(j);
}

/* "edge_classes": totals and the SIGILL rate of the executed ones. */
static void json_edge_classes(const Cov *c, JsonW *j)
{
    EdgeCount tot[GEN_EDGE_NCLASSES];
    int ill = c->sigill;

    edge_totals(c, tot);
    json_key(j, "edge_classes");
    json_obj(j);
    for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
        uint64_t n = ill > 0 ? tot[k].sig[ill] : 0;

        json_key(j, gen_edge_class_names[k]);
        json_obj(j);
        json_kuint(j, "generated", tot[k].generated);
        json_kuint(j, "executed", tot[k].executed);
        json_kuint(j, "sigill", n);
        json_kuint(j, "no_signal", tot[k].ok);
        json_kuint(j, "other_signal", tot[k].executed - n - tot[k].ok);
        json_kuint(j, "diverged", tot[k].diverged);
        json_key(j, "sigill_rate");
        if (tot[k].executed) {
            json_double(j, (double)n / (double)tot[k].executed);
        } else {
            json_null(j);
        }
        json_obj_end(j);
    }
    json_obj_end(j);
}

static void json_images_traces(const Cov *c, JsonW *j)
{
    json_key(j, "images");
    json_arr(j);
    for (int i = 0; i < c->nimgs; i++) {
        json_obj(j);
        json_kstr(j, "path", c->imgs[i].img.path);
        json_kstr(j, "arch", c->imgs[i].img.arch);
        json_kstr(j, "seed", c->imgs[i].img.seed);
        json_kuint(j, "generated", c->imgs[i].img.ninsns);
        json_kbool(j, "patterns_loaded", c->imgs[i].have_ps);
        json_obj_end(j);
    }
    json_arr_end(j);
    json_key(j, "traces");
    json_arr(j);
    for (int t = 0; t < c->ntraces; t++) {
        json_obj(j);
        json_kstr(j, "path", c->traces[t]);
        json_kstr(j, "image", c->imgs[c->trace_img[t]].img.path);
        json_kuint(j, "checkpoints", c->trace_records[t]);
        json_kstr(j, "role", first_of_image(c, t) ? "reference"
                                                  : "compared");
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void json_patterns_tags(const Cov *c, JsonW *j)
{
    json_key(j, "patterns");
    json_arr(j);
    for (size_t r = 0; r < c->nrows; r++) {
        Row *w = &c->rows[r];

        json_obj(j);
        json_kstr(j, "name", w->name);
        json_key(j, "tags");
        json_arr(j);
        for (int k = 0; w->p && k < w->p->annot.ntags; k++) {
            json_str(j, w->p->annot.tags[k]);
        }
        json_arr_end(j);
        json_kuint(j, "generated", w->generated);
        json_kuint(j, "executed", w->executed);
        json_kuint(j, "ok", w->ok);
        sig_json(c, j, w->sig);
        json_kuint(j, "diverged", w->diverged);
        json_kuint(j, "diverged_equal_operands", w->diverged_clean);
        json_row_edges(c, j, w);
        json_obj_end(j);
    }
    json_arr_end(j);
    json_key(j, "tags");
    json_arr(j);
    for (int t = 0; t < c->ntags; t++) {
        Row sum;
        int np = tag_sum(c, c->tags[t], &sum);

        json_obj(j);
        json_kstr(j, "tag", c->tags[t]);
        json_kint(j, "patterns_generated", np);
        json_kuint(j, "generated", sum.generated);
        json_kuint(j, "executed", sum.executed);
        json_kuint(j, "ok", sum.ok);
        sig_json(c, j, sum.sig);
        json_kuint(j, "diverged", sum.diverged);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void report_json(const Cov *c)
{
    JsonW j;

    json_init(&j, stdout, true);
    json_obj(&j);
    json_kstr(&j, "schema", "risu-trace-coverage/1");
    json_images_traces(c, &j);
    json_patterns_tags(c, &j);
    json_kuint(&j, "edge_words", c->totedge);
    json_edge_classes(c, &j);
    json_odd(c, &j);
    json_kint(&j, "selected", c->nselected);
    json_key(&j, "never_generated");
    json_arr(&j);
    for (int i = 0; i < c->nnever; i++) {
        json_str(&j, c->never[i]);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    json_end(&j);
}

static void text_patterns(const Cov *c)
{
    printf("%-24s %9s %9s %9s %9s %9s  %s\n", "pattern", "generated",
           "executed", "ok", "diverged", "(eq.ops)", "signals");
    for (size_t r = 0; r < c->nrows; r++) {
        Row *w = &c->rows[r];
        Sb s = { 0 };

        if (!w->generated) {
            continue;
        }
        sig_text(c, w->sig, &s);
        printf("%-24s %9llu %9llu %9llu %9llu %9llu  %s\n", w->name,
               (unsigned long long)w->generated,
               (unsigned long long)w->executed,
               (unsigned long long)w->ok,
               (unsigned long long)w->diverged,
               (unsigned long long)w->diverged_clean, s.s ? s.s : "");
        sb_free(&s);
    }
}

static void text_tags(const Cov *c)
{
    if (c->ntags) {
        printf("\n%-24s %9s %9s %9s %9s %9s  %s\n", "tag", "patterns",
               "generated", "executed", "ok", "diverged", "signals");
    }
    for (int t = 0; t < c->ntags; t++) {
        Row sum;
        int np = tag_sum(c, c->tags[t], &sum);
        Sb s = { 0 };

        sig_text(c, sum.sig, &s);
        printf("%-24s %9d %9llu %9llu %9llu %9llu  %s\n", c->tags[t], np,
               (unsigned long long)sum.generated,
               (unsigned long long)sum.executed,
               (unsigned long long)sum.ok,
               (unsigned long long)sum.diverged, s.s ? s.s : "");
        sb_free(&s);
    }
}

static void text_edge_rows(const Cov *c)
{
    printf("\n%-24s %-9s %9s %9s %9s %9s  %s\n", "edge words of", "class",
           "generated", "executed", "no signal", "diverged", "signals");
    for (size_t r = 0; r < c->nrows; r++) {
        const Row *w = &c->rows[r];

        for (int k = 0; w->edge && k < GEN_EDGE_NCLASSES; k++) {
            const EdgeCount *e = &w->edge[k];
            Sb s = { 0 };

            if (!e->generated && !e->executed) {
                continue;
            }
            sig_text(c, e->sig, &s);
            printf("%-24s %-9s %9llu %9llu %9llu %9llu  %s\n", w->name,
                   gen_edge_class_names[k],
                   (unsigned long long)e->generated,
                   (unsigned long long)e->executed,
                   (unsigned long long)e->ok,
                   (unsigned long long)e->diverged, s.s ? s.s : "");
            sb_free(&s);
        }
    }
}

/* What a signal number is called (0: none). */
static const char *signal_text(const Cov *c, int signo)
{
    return signo ? arch_signame(c->ta, signo) : "no signal";
}

static void text_odd(const Cov *c)
{
    char what[200];

    if (!c->nodd) {
        return;
    }
    printf("\nedge words without SIGILL: %llu%s\n",
           (unsigned long long)c->nodd, c->nodd > MAX_ODD ? " (first "
           "200 listed)" : "");
    for (uint64_t k = 0; k < c->nodd && k < MAX_ODD; k++) {
        const OddEdge *o = &c->odd[k];

        if (!edge_describe(o->name, what, sizeof(what))) {
            snprintf(what, sizeof(what), "%s", o->name);
        }
        printf("  %s +0x%x 0x%0*x  %-40s %s\n", o->img->path, o->off,
               arch_insn_size(o->img->arch_known ? o->img->ta : c->ta,
                              o->word) * 2, o->word, what,
               signal_text(c, o->signo));
    }
}

/* Per class: how many edge words raised SIGILL, as they all should. */
static void text_edges(const Cov *c)
{
    EdgeCount tot[GEN_EDGE_NCLASSES];
    int ill = c->sigill;

    if (!c->totedge) {
        return;
    }
    text_edge_rows(c);
    edge_totals(c, tot);
    printf("\n%-10s %9s %9s %9s %9s %9s  %s\n", "edge class", "generated",
           "executed", "SIGILL", "other sig", "no signal", "SIGILL rate");
    for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
        uint64_t n = ill > 0 ? tot[k].sig[ill] : 0;
        char rate[32] = "-";

        if (tot[k].executed) {
            snprintf(rate, sizeof(rate), "%.1f%%",
                     100.0 * (double)n / (double)tot[k].executed);
        }
        printf("%-10s %9llu %9llu %9llu %9llu %9llu  %s\n",
               gen_edge_class_names[k],
               (unsigned long long)tot[k].generated,
               (unsigned long long)tot[k].executed,
               (unsigned long long)n,
               (unsigned long long)(tot[k].executed - n - tot[k].ok),
               (unsigned long long)tot[k].ok, rate);
    }
    text_odd(c);
}

static void report_text(const Cov *c)
{
    bool loaded = true;

    for (int i = 0; i < c->nimgs; i++) {
        loaded &= c->imgs[i].have_ps;
    }
    printf("coverage: %d image%s (%llu generated instructions), %d "
           "trace%s (%llu checkpoints)\n", c->nimgs,
           c->nimgs == 1 ? "" : "s", (unsigned long long)c->totgen,
           c->ntraces, c->ntraces == 1 ? "" : "s",
           (unsigned long long)c->totexec);
    text_patterns(c);
    text_edges(c);
    text_tags(c);
    if (!loaded) {
        /* Counting against no (or another) file would mislead. */
        printf("\nnever generated: unknown (the pattern files of %s not "
               "loaded)\n", c->nimgs == 1 ? "the image were" :
               "an image were");
        return;
    }
    printf("\nnever generated: %d of %d selected patterns%s\n", c->nnever,
           c->nselected, c->nnever ? ":" : "");
    for (int i = 0; i < c->nnever; i++) {
        printf("%s%s", i % 8 ? " " : "  ", c->never[i]);
        if (i % 8 == 7 || i == c->nnever - 1) {
            putchar('\n');
        }
    }
}

/* --html FILE: the tag table as bars; 0 or RT_ERROR. */
static int report_html(const Cov *c, const char *path)
{
    CovBar *bars = xcalloc((size_t)c->ntags + 1, sizeof(*bars));
    char summary[256];
    int rc;

    for (int t = 0; t < c->ntags; t++) {
        Row sum;

        tag_sum(c, c->tags[t], &sum);
        bars[t] = (CovBar){ c->tags[t], sum.generated, sum.executed,
                            sum.diverged };
    }
    snprintf(summary, sizeof(summary), "%d image%s (%llu generated "
             "instructions), %d trace%s (%llu checkpoints); bars per tag: "
             "generated, executed, diverged", c->nimgs,
             c->nimgs == 1 ? "" : "s", (unsigned long long)c->totgen,
             c->ntraces, c->ntraces == 1 ? "" : "s",
             (unsigned long long)c->totexec);
    rc = cov_html_write(path, "risu-trace coverage", summary, bars,
                        c->ntags);
    if (rc) {
        rt_err("coverage: cannot write %s: %s", path, strerror(errno));
    }
    free(bars);
    return rc ? RT_ERROR : 0;
}

static void cov_free(Cov *c, CovOpts *o)
{
    for (size_t r = 0; r < c->nrows; r++) {
        free(c->rows[r].name);
        free(c->rows[r].edge);
    }
    free(c->rows);
    free(c->hash);
    free(c->never);
    free(c->tags);
    for (int i = 0; i < c->nimgs; i++) {
        tctx_free(&c->imgs[i]);
    }
    free(c->imgs);
    free(c->traces);
    free(c->trace_img);
    free(c->trace_records);
    free(o->imgpaths);
    free(o->patdirs);
}

int cmd_coverage(int argc, char **argv)
{
    Cov c = { 0 };
    CovOpts o = { 0 };
    int rc = cov_options(argc, argv, &o, &c);

    if (rc) {
        return rc;
    }
    if (cov_load_images(&c, &o) || cov_scan_traces(&c) ||
        cov_divergences(&c)) {
        rc = RT_ERROR;
    } else {
        cov_summarise(&c);
        if (o.json) {
            report_json(&c);
        } else {
            report_text(&c);
        }
        if (o.html) {
            rc = report_html(&c, o.html);
        }
    }
    cov_free(&c, &o);
    return rc;
}
