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
#include "tools/cmds.h"
#include "tools/divrep.h"
#include "tools/json.h"
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

int cmd_diff(int argc, char **argv)
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
    const char *image = NULL;
    bool keep = false, json = false;
    long context = 4, maxdiv = 0;
    TCtx c = { 0 };
    TraceIn ta, tb;
    RisuState *st[4];   /* a, b, prev a, prev b */
    StepDiff sd;
    Hist hist = { 0 };
    HistEnt *hbuf;
    JsonW j;
    char err[600];
    int opt, rc = RT_OK, ndiv = 0, ra = 0, rb = 0;
    bool reuse = false;
    uint64_t ncmp = 0;
    int nclean = 0;
    uint64_t ia = 0, ib = 0;
    uint32_t prev_end = 0;
    const char *error = NULL;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "i:kc:jp:m:q", lo, NULL)) != -1) {
        switch (opt) {
        case 'i':
            image = optarg;
            break;
        case 'k':
            keep = true;
            break;
        case 'c':
            context = strtol(optarg, NULL, 10);
            if (context < 0 || context > 10000) {
                rt_err("diff: bad --context %s", optarg);
                return RT_ERROR;
            }
            break;
        case 'j':
            json = true;
            break;
        case 'p':
            tctx_add_patdir(&c, optarg);
            break;
        case 'm':
            maxdiv = strtol(optarg, NULL, 10);
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
    if (tin_open(&ta, argv[optind])) {
        rc = early_error(json, ta.err);
        tin_close(&ta);
        free(c.patdirs);
        return rc;
    }
    if (tin_open(&tb, argv[optind + 1])) {
        rc = early_error(json, tb.err);
        tin_close(&ta);
        tin_close(&tb);
        free(c.patdirs);
        return rc;
    }
    if (check_pair(&ta, &tb, err, sizeof(err)) ||
        (image && tctx_load_image(&c, image, err, sizeof(err))) ||
        tctx_settle(&c, &ta, err, sizeof(err))) {
        rc = early_error(json, err);
        tin_close(&ta);
        tin_close(&tb);
        tctx_free(&c);
        free(c.patdirs);
        return rc;
    }
    for (int i = 0; i < 4; i++) {
        st[i] = xcalloc(1, sizeof(RisuState));
    }
    diff_init(&sd, ta.arch);
    hist.cap = (int)context;
    hist.e = xcalloc((size_t)context + 1, sizeof(HistEnt));
    hbuf = xcalloc((size_t)context + 1, sizeof(HistEnt));

    if (json) {
        json_init(&j, stdout, true);
        json_obj(&j);
        json_kstr(&j, "schema", "risu-trace-diff/1");
        json_key(&j, "image");
        if (c.have_img) {
            char hex[65];

            json_obj(&j);
            json_kstr(&j, "path", c.img.path);
            json_kstr(&j, "arch", c.img.arch);
            json_kstr(&j, "seed", c.img.seed);
            hex_bytes(hex, c.img.digest, 32);
            json_kstr(&j, "sha256", hex);
            json_kbool(&j, "patterns_loaded", c.have_ps);
            json_obj_end(&j);
        } else {
            json_null(&j);
        }
        json_kbool(&j, "keep_going", keep);
        json_key(&j, "divergences");
        json_arr(&j);
    } else {
        printf("A: %s (%s, %s-endian, recorder \"%s\")\n", ta.path,
               ta.arch_name, ta.h.big_endian ? "big" : "little",
               ta.h.recorder);
        printf("B: %s (%s, %s-endian, recorder \"%s\")\n", tb.path,
               tb.arch_name, tb.h.big_endian ? "big" : "little",
               tb.h.recorder);
        if (c.have_img) {
            printf("image: %s (%s, seed %s, %u instructions%s)\n",
                   c.img.path, c.img.arch, c.img.seed, c.img.ninsns,
                   c.have_ps ? "" : "; pattern files not loaded");
        }
    }

    for (;;) {
        Divergence dv = { 0 };
        char note[200];

        if (!reuse) {
            memcpy(st[2], st[0], sizeof(RisuState));
            memcpy(st[3], st[1], sizeof(RisuState));
            ra = tin_read(&ta, st[0]);
            rb = tin_read(&tb, st[1]);
        }
        reuse = false;
        if (ra < 0 || rb < 0) {
            error = ra < 0 ? ta.err : tb.err;
            break;
        }
        if (!ra && !rb) {
            break;
        }
        note[0] = 0;
        if (ra && rb) {
            diff_step(ta.arch, c.ta, st[2], st[3], st[0], st[1], &sd);
            ncmp++;
            if (!diff_any(&sd)) {
                hist_push(&hist, ia, st[0], prev_end);
                prev_end = st[0]->pc_off + tctx_trap_len(&c, st[0]->pc_off);
                ia++;
                ib++;
                continue;
            }
            dv.kind = sd.control ? "control" : "state";
            dv.b = st[1];
        } else {
            /* One run ended sooner (the reader catches cuts and damage). */
            snprintf(note, sizeof(note), "%s ends after %llu checkpoints; "
                     "%s goes on (next pc offset 0x%x)", !ra ? "A" : "B",
                     (unsigned long long)(!ra ? ia : ib), !ra ? "B" : "A",
                     (!ra ? st[1] : st[0])->pc_off);
            dv.kind = "end";
            dv.note = note;
        }
        dv.number = ++ndiv;
        dv.ia = ia;
        dv.ib = ib;
        dv.a = ra ? st[0] : st[1];
        dv.pa = st[2];
        dv.pb = st[3];
        dv.sd = &sd;
        dv.prev_end = prev_end;
        dv.nhist = hist_get(&hist, hbuf);
        dv.hist = hbuf;
        if (json) {
            divrep_json(&c, ta.arch, &dv, &j);
        } else {
            divrep_text(&c, ta.arch, &dv, stdout);
        }
        {
            int in[4];

            nclean += div_inputs_differ(&c, ta.arch, &dv, in, 4) == 0;
        }
        if (!ra || !rb || !keep || (maxdiv && ndiv >= maxdiv)) {
            break;
        }
        if (sd.control) {
            /*
             * Out of step (one side skipped or added a checkpoint): drop
             * checkpoints from the side that is behind until both stand at
             * the same pc offset, then carry on from the next pair.
             */
            while (ra == 1 && rb == 1 && st[0]->pc_off != st[1]->pc_off) {
                if (st[0]->pc_off < st[1]->pc_off) {
                    memcpy(st[2], st[0], sizeof(RisuState));
                    ra = tin_read(&ta, st[0]);
                    ia++;
                } else {
                    memcpy(st[3], st[1], sizeof(RisuState));
                    rb = tin_read(&tb, st[1]);
                    ib++;
                }
            }
            if (ra < 0 || rb < 0) {
                error = ra < 0 ? ta.err : tb.err;
                break;
            }
            if (ra != 1 || rb != 1) {
                /* No common pc offset before one trace ended. */
                break;
            }
            prev_end = st[2]->pc_off + tctx_trap_len(&c, st[2]->pc_off);
            reuse = true;
            continue;
        }
        hist_push(&hist, ia, st[0], prev_end);
        prev_end = st[0]->pc_off + tctx_trap_len(&c, st[0]->pc_off);
        ia++;
        ib++;
    }

    if (error) {
        rc = RT_ERROR;
    } else if (ndiv) {
        rc = RT_DIFFER;
    }
    if (json) {
        json_arr_end(&j);
        json_kuint(&j, "checkpoints", ncmp);
        json_kint(&j, "count", ndiv);
        json_kint(&j, "count_equal_operands", nclean);
        json_kbool(&j, "complete", !error && (keep || !ndiv));
        json_kstr(&j, "result", error ? "error" : ndiv ? "differ" : "match");
        json_kstr(&j, "error", error);
        json_side(&j, "a", &ta);
        json_side(&j, "b", &tb);
        json_obj_end(&j);
        json_end(&j);
    } else if (!error) {
        if (ndiv) {
            printf("%d divergence%s in %llu checkpoints", ndiv,
                   ndiv == 1 ? "" : "s", (unsigned long long)ncmp);
            if (keep && nclean != ndiv) {
                printf(": %d from equal operands, %d whose operands already "
                       "differed", nclean, ndiv - nclean);
            }
            printf("%s\n", keep ? "" : " (stopped at the first; "
                                       "--keep-going for all)");
        } else {
            printf("no differences in %llu checkpoints\n",
                   (unsigned long long)ncmp);
        }
    }
    if (error) {
        rt_err("%s", error);
        if (!json) {
            rt_err("compared %llu checkpoints before the error: no verdict",
                   (unsigned long long)ncmp);
        }
    }
    diff_free(&sd);
    for (int i = 0; i < 4; i++) {
        free(st[i]);
    }
    free(hist.e);
    free(hbuf);
    tin_close(&ta);
    tin_close(&tb);
    tctx_free(&c);
    free(c.patdirs);
    return rc;
}
