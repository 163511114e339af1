/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace diff A B [--image IMG] [--keep-going] [--context N] [--json]
 *
 * Streams both traces (any length; only the last N checkpoints of A are
 * kept for context) and reports each divergence with tdiff.h's
 * resynchronisation.  Exit 0 no differences, 1 differences, 2 errors:
 * a trace that is cut or corrupt is an error even when everything read
 * so far matched, so a damaged file never passes as "no differences".
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "tools/cmds.h"
#include "tools/divrep.h"
#include "tools/lib/json.h"
#include "tools/tracein.h"
#include "tools/tutil.h"

static void json_side(JsonW *j, const char *key, const TraceIn *t)
{
    char hex[65];

    json_key(j, key);
    json_obj(j);
    json_kstr(j, "path", t->path);
    json_kstr(j, "layout", t->arch->name);
    json_kstr(j, "arch", t->arch_name);
    json_kbool(j, "big_endian", t->h.big_endian);
    json_kstr(j, "recorder", t->h.recorder);
    json_khex(j, "features", t->h.features, 1);
    hex_bytes(hex, t->h.image_digest, 32);
    json_kstr(j, "image_sha256", hex);
    json_kuint(j, "records_read", t->n);
    json_obj_end(j);
}

/* Headers must describe the same experiment; say how they differ. */
int check_pair(const TraceIn *a, const TraceIn *b, char *err, size_t errlen)
{
    char ha[65], hb[65];

    if (a->h.arch_id != b->h.arch_id) {
        snprintf(err, errlen, "%s holds %s state (%s-endian) but %s holds "
                 "%s (%s-endian): traces of different architectures",
                 a->path, a->arch->name, a->h.big_endian ? "big" : "little",
                 b->path, b->arch->name, b->h.big_endian ? "big" : "little");
        return -1;
    }
    if (memcmp(a->h.image_digest, b->h.image_digest, 32)) {
        hex_bytes(ha, a->h.image_digest, 32);
        hex_bytes(hb, b->h.image_digest, 32);
        snprintf(err, errlen, "%s and %s were recorded from different images "
                 "(image SHA-256 %.16s.. and %.16s..)", a->path, b->path, ha,
                 hb);
        return -1;
    }
    if (memcmp(a->h.layout_digest, b->h.layout_digest, 32)) {
        hex_bytes(ha, a->h.layout_digest, 32);
        hex_bytes(hb, b->h.layout_digest, 32);
        snprintf(err, errlen, "%s and %s use different register layouts "
                 "(layout SHA-256 %.16s.. and %.16s..: runners of different "
                 "versions?)", a->path, b->path, ha, hb);
        return -1;
    }
    return 0;
}

/* With --json, even an early error is a JSON document (and exit 2). */
static int early_error(bool json, const char *msg)
{
    rt_err("%s", msg);
    if (json) {
        JsonW j;

        json_init(&j, stdout, true);
        json_obj(&j);
        json_kstr(&j, "schema", "risu-trace-diff/1");
        json_key(&j, "divergences");
        json_arr(&j);
        json_arr_end(&j);
        json_kint(&j, "count", 0);
        json_kbool(&j, "complete", false);
        json_kstr(&j, "result", "error");
        json_kstr(&j, "error", msg);
        json_obj_end(&j);
        json_end(&j);
    }
    return RT_ERROR;
}

typedef struct Hist {
    HistEnt *e;
    int cap, n, head;
} Hist;

static void hist_push(Hist *h, uint64_t idx, const RisuState *st,
                      uint32_t prev_end)
{
    if (!h->cap) {
        return;
    }
    h->e[h->head] = (HistEnt){ idx, st->pc_off, st->insn, prev_end };
    h->head = (h->head + 1) % h->cap;
    if (h->n < h->cap) {
        h->n++;
    }
}

/* Oldest first, into out. */
static int hist_get(const Hist *h, HistEnt *out)
{
    for (int i = 0; i < h->n; i++) {
        out[i] = h->e[(h->head - h->n + i + h->cap) % h->cap];
    }
    return h->n;
}

typedef struct DiffOpts {
    const char *image;
    bool keep, json;
    long context, maxdiv;
} DiffOpts;

/* Both traces, walked in step. */
typedef struct Walk {
    TCtx c;
    TraceIn ta, tb;
    RisuState *st[4];   /* a, b, prev a, prev b */
    StepDiff sd;
    Hist hist;
    HistEnt *hbuf;
    JsonW j;
    int ra, rb;                   /* last tin_read results */
    int ndiv, nclean;             /* divergences, from equal operands */
    uint64_t ncmp, ia, ib;
    uint32_t prev_end;
    const char *error;
} Walk;

static int diff_options(int argc, char **argv, DiffOpts *o, Walk *W)
{
    static const struct option lo[] = {
        { "image", required_argument, NULL, 'i' },
        { "keep-going", no_argument, NULL, 'k' },
        { "context", required_argument, NULL, 'c' },
        { "json", no_argument, NULL, 'j' },
        { "patterns", required_argument, NULL, 'p' },
        { "max", required_argument, NULL, 'm' },
        { "quiet", no_argument, NULL, 'q' },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "i:kc:jp:m:q", lo, NULL)) != -1) {
        switch (opt) {
        case 'i':
            o->image = optarg;
            break;
        case 'k':
            o->keep = true;
            break;
        case 'c':
            o->context = strtol(optarg, NULL, 10);
            if (o->context < 0 || o->context > 10000) {
                rt_err("diff: bad --context %s", optarg);
                return RT_ERROR;
            }
            break;
        case 'j':
            o->json = true;
            break;
        case 'p':
            tctx_add_patdir(&W->c, optarg);
            break;
        case 'm':
            o->maxdiv = strtol(optarg, NULL, 10);
            break;
        case 'q':
            rt_quiet = true;
            break;
        default:
            return usage_error("diff");
        }
    }
    if (argc - optind != 2) {
        return usage_error("diff");
    }
    return 0;
}

/* Both traces and the image; on error, everything is closed again. */
static int diff_open(Walk *W, const DiffOpts *o, const char *a,
                     const char *b)
{
    char err[600];
    int rc;

    if (tin_open(&W->ta, a)) {
        rc = early_error(o->json, W->ta.err);
        tin_close(&W->ta);
        free(W->c.patdirs);
        return rc;
    }
    if (tin_open(&W->tb, b)) {
        rc = early_error(o->json, W->tb.err);
        tin_close(&W->ta);
        tin_close(&W->tb);
        free(W->c.patdirs);
        return rc;
    }
    if (check_pair(&W->ta, &W->tb, err, sizeof(err)) ||
        (o->image && tctx_load_image(&W->c, o->image, err, sizeof(err))) ||
        tctx_settle(&W->c, &W->ta, err, sizeof(err))) {
        rc = early_error(o->json, err);
        tin_close(&W->ta);
        tin_close(&W->tb);
        tctx_free(&W->c);
        free(W->c.patdirs);
        return rc;
    }
    for (int i = 0; i < 4; i++) {
        W->st[i] = xcalloc(1, sizeof(RisuState));
    }
    diff_init(&W->sd, W->ta.arch);
    W->hist.cap = (int)o->context;
    W->hist.e = xcalloc((size_t)o->context + 1, sizeof(HistEnt));
    W->hbuf = xcalloc((size_t)o->context + 1, sizeof(HistEnt));
    return 0;
}

static void diff_header(Walk *W, const DiffOpts *o)
{
    const TCtx *c = &W->c;

    if (!o->json) {
        printf("A: %s (%s, %s-endian, recorder \"%s\")\n", W->ta.path,
               W->ta.arch_name, W->ta.h.big_endian ? "big" : "little",
               W->ta.h.recorder);
        printf("B: %s (%s, %s-endian, recorder \"%s\")\n", W->tb.path,
               W->tb.arch_name, W->tb.h.big_endian ? "big" : "little",
               W->tb.h.recorder);
        if (c->have_img) {
            printf("image: %s (%s, seed %s, %u instructions%s)\n",
                   c->img.path, c->img.arch, c->img.seed, c->img.ninsns,
                   c->have_ps ? "" : "; pattern files not loaded");
        }
        return;
    }
    json_init(&W->j, stdout, true);
    json_obj(&W->j);
    json_kstr(&W->j, "schema", "risu-trace-diff/1");
    json_key(&W->j, "image");
    if (c->have_img) {
        char hex[65];

        json_obj(&W->j);
        json_kstr(&W->j, "path", c->img.path);
        json_kstr(&W->j, "arch", c->img.arch);
        json_kstr(&W->j, "seed", c->img.seed);
        hex_bytes(hex, c->img.digest, 32);
        json_kstr(&W->j, "sha256", hex);
        json_kbool(&W->j, "patterns_loaded", c->have_ps);
        json_obj_end(&W->j);
    } else {
        json_null(&W->j);
    }
    json_kbool(&W->j, "keep_going", o->keep);
    json_key(&W->j, "divergences");
    json_arr(&W->j);
}

static void print_stdout(void *opaque, const char *line)
{
    (void)opaque;
    printf("%s\n", line);
}

/*
 * Both records carry their memory block (COMPAREMEM, format 2): name the
 * bytes in which they differ (ref = A, got = B).
 */
static void diff_mem(Walk *W)
{
    const uint8_t *ma, *mb;

    if (W->ra != 1 || W->rb != 1) {
        return;
    }
    ma = risu_trace_reader_mem(W->ta.r);
    mb = risu_trace_reader_mem(W->tb.r);
    if (ma && mb) {
        risu_report_memdiff(ma, mb, RISU_MEMBLOCK_SIZE, 8, print_stdout, 0);
    }
}

/* Report the divergence at the current pair (or where one run ended). */
static void diff_report(Walk *W, const DiffOpts *o)
{
    Divergence dv = { 0 };
    char note[200];
    RisuState **st = W->st;
    int in[4];

    note[0] = 0;
    if (W->ra && W->rb) {
        dv.kind = W->sd.control ? "control" : "state";
        dv.b = st[1];
    } else {
        /* One run ended sooner (the reader catches cuts and damage). */
        snprintf(note, sizeof(note), "%s ends after %llu checkpoints; "
                 "%s goes on (next pc offset 0x%x)", !W->ra ? "A" : "B",
                 (unsigned long long)(!W->ra ? W->ia : W->ib),
                 !W->ra ? "B" : "A", (!W->ra ? st[1] : st[0])->pc_off);
        dv.kind = "end";
        dv.note = note;
    }
    dv.number = ++W->ndiv;
    dv.ia = W->ia;
    dv.ib = W->ib;
    dv.a = W->ra ? st[0] : st[1];
    dv.pa = st[2];
    dv.pb = st[3];
    dv.sd = &W->sd;
    dv.prev_end = W->prev_end;
    dv.nhist = hist_get(&W->hist, W->hbuf);
    dv.hist = W->hbuf;
    if (W->ra == 1 && W->rb == 1) {
        dv.mem_a = risu_trace_reader_mem(W->ta.r);
        dv.mem_b = risu_trace_reader_mem(W->tb.r);
    }
    if (o->json) {
        divrep_json(&W->c, W->ta.arch, &dv, &W->j);
    } else {
        divrep_text(&W->c, W->ta.arch, &dv, stdout);
        diff_mem(W);
    }
    W->nclean += div_inputs_differ(&W->c, W->ta.arch, &dv, in, 4) == 0;
}

/* Past the current pair, which joins the history. */
static void diff_advance(Walk *W)
{
    hist_push(&W->hist, W->ia, W->st[0], W->prev_end);
    W->prev_end = W->st[0]->pc_off + tctx_trap_len(&W->c, W->st[0]->pc_off);
    W->ia++;
    W->ib++;
}

/*
 * Out of step (one side skipped or added a checkpoint): drop checkpoints
 * from the side that is behind until both stand at the same pc offset,
 * then carry on from the next pair.  False: stop (W->error on a read
 * error).
 */
static bool diff_resync(Walk *W)
{
    RisuState **st = W->st;

    while (W->ra == 1 && W->rb == 1 && st[0]->pc_off != st[1]->pc_off) {
        if (st[0]->pc_off < st[1]->pc_off) {
            memcpy(st[2], st[0], sizeof(RisuState));
            W->ra = tin_read(&W->ta, st[0]);
            W->ia++;
        } else {
            memcpy(st[3], st[1], sizeof(RisuState));
            W->rb = tin_read(&W->tb, st[1]);
            W->ib++;
        }
    }
    if (W->ra < 0 || W->rb < 0) {
        W->error = W->ra < 0 ? W->ta.err : W->tb.err;
        return false;
    }
    if (W->ra != 1 || W->rb != 1) {
        /* No common pc offset before one trace ended. */
        return false;
    }
    W->prev_end = st[2]->pc_off + tctx_trap_len(&W->c, st[2]->pc_off);
    return true;
}

static void diff_walk(Walk *W, const DiffOpts *o)
{
    RisuState **st = W->st;
    bool reuse = false;

    for (;;) {
        if (!reuse) {
            memcpy(st[2], st[0], sizeof(RisuState));
            memcpy(st[3], st[1], sizeof(RisuState));
            W->ra = tin_read(&W->ta, st[0]);
            W->rb = tin_read(&W->tb, st[1]);
        }
        reuse = false;
        if (W->ra < 0 || W->rb < 0) {
            W->error = W->ra < 0 ? W->ta.err : W->tb.err;
            break;
        }
        if (!W->ra && !W->rb) {
            break;
        }
        if (W->ra && W->rb) {
            diff_step(W->ta.arch, W->c.ta, st[2], st[3], st[0], st[1],
                      &W->sd);
            W->ncmp++;
            if (!diff_any(&W->sd)) {
                diff_advance(W);
                continue;
            }
        }
        diff_report(W, o);
        if (!W->ra || !W->rb || !o->keep ||
            (o->maxdiv && W->ndiv >= o->maxdiv)) {
            break;
        }
        if (W->sd.control) {
            if (!diff_resync(W)) {
                break;
            }
            reuse = true;
            continue;
        }
        diff_advance(W);
    }
}

static void diff_summary(Walk *W, const DiffOpts *o)
{
    const char *error = W->error;
    int ndiv = W->ndiv;

    if (o->json) {
        json_arr_end(&W->j);
        json_kuint(&W->j, "checkpoints", W->ncmp);
        json_kint(&W->j, "count", ndiv);
        json_kint(&W->j, "count_equal_operands", W->nclean);
        json_kbool(&W->j, "complete", !error && (o->keep || !ndiv));
        json_kstr(&W->j, "result", error ? "error" : ndiv ? "differ"
                                                          : "match");
        json_kstr(&W->j, "error", error);
        json_side(&W->j, "a", &W->ta);
        json_side(&W->j, "b", &W->tb);
        json_obj_end(&W->j);
        json_end(&W->j);
    } else if (!error && ndiv) {
        printf("%d divergence%s in %llu checkpoints", ndiv,
               ndiv == 1 ? "" : "s", (unsigned long long)W->ncmp);
        if (o->keep && W->nclean != ndiv) {
            printf(": %d from equal operands, %d whose operands already "
                   "differed", W->nclean, ndiv - W->nclean);
        }
        printf("%s\n", o->keep ? "" : " (stopped at the first; "
                                      "--keep-going for all)");
    } else if (!error) {
        printf("no differences in %llu checkpoints\n",
               (unsigned long long)W->ncmp);
    }
    if (error) {
        rt_err("%s", error);
        if (!o->json) {
            rt_err("compared %llu checkpoints before the error: no verdict",
                   (unsigned long long)W->ncmp);
        }
    }
}

static void walk_free(Walk *W)
{
    diff_free(&W->sd);
    for (int i = 0; i < 4; i++) {
        free(W->st[i]);
    }
    free(W->hist.e);
    free(W->hbuf);
    tin_close(&W->ta);
    tin_close(&W->tb);
    tctx_free(&W->c);
    free(W->c.patdirs);
}

int cmd_diff(int argc, char **argv)
{
    DiffOpts o = { .context = 4 };
    Walk W = { 0 };
    int rc = diff_options(argc, argv, &o, &W);

    if (rc || (rc = diff_open(&W, &o, argv[optind], argv[optind + 1]))) {
        return rc;
    }
    diff_header(&W, &o);
    diff_walk(&W, &o);
    rc = W.error ? RT_ERROR : W.ndiv ? RT_DIFFER : RT_OK;
    diff_summary(&W, &o);
    walk_free(&W);
    return rc;
}
