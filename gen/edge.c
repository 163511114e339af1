/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decode-edge words (--edge, docs/risugen.md "Edge words"): words every
 * correct implementation must refuse with SIGILL, derived from the
 * selected patterns and judged by the full decoder (the inputs and the
 * arch's encoding space, gen/patload.c):
 *   reserved   a pattern's fixed bits, its constraints, and one of its
 *              `reserved` values (the manual says UNDEFINED);
 *   neighbour  one or two fixed bits of the last word flipped;
 *   absent     a pattern whose `requires` names only features the target
 *              lacks and whose absence the arch declares UNDEFINED.
 * None may be claimed by another pattern the target has.  The metadata
 * table names each "CLASS:PATTERN[:DETAIL]" (docs/image-format.md).
 */
#include <string.h>

#include "gen/gen.h"

enum {
    EDGE_TRIES = 1000,      /* per edge word */
    EDGE_PROBE = 20000,     /* per candidate at start-up */
    FLIP_TRIES = 64,
};

/* Can gp give an edge word of this kind at all?  Its own PRNG stream. */
static bool probe(GenCtx *g, const GenPat *gp, GenWordKind kind, size_t i,
                  GenWordStats *st)
{
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    uint64_t w;
    int which;
    Prng p;

    memset(st, 0, sizeof(*st));
    prng_seed(&p, 0x65646765ULL + i);
    return gen_make_edge_word(g->ps, &g->target, &p, gp, kind, EDGE_PROBE,
                              &w, raw, dec, &which, st);
}

/*
 * A pattern whose reserved values are all claimed by other patterns is
 * worth a word to its author: the description says UNDEFINED where a
 * pattern the target has decodes.
 */
static void warn_reserved(const GenPat *gp, const GenWordStats *st)
{
    const DtPattern *p = gp->p;

    if (st->shadow && st->fail[GEN_FAIL_SHADOW]) {
        gen_warn("%s:%d: pattern %s: no reserved word in %d tries: e.g. "
                 "claimed by %s (%s:%d); no reserved edge words from it",
                 p->file, p->line, p->name, EDGE_PROBE, st->shadow->name,
                 st->shadow->file, st->shadow->line);
    } else {
        gen_warn("%s:%d: pattern %s: no word in %d tries holds a reserved "
                 "value and the constraints; no reserved edge words from "
                 "it", p->file, p->line, p->name, EDGE_PROBE);
    }
}

static void collect(GenCtx *g)
{
    GenPatterns *ps = g->ps;
    GenEdge *e = &g->edge;
    unsigned want = g->opts->edge_classes;
    GenWordStats st;
    int nquiet = -3;            /* three warnings, then a count */

    e->res = xcalloc(ps->nsel + 1, sizeof(*e->res));
    e->abs = xcalloc(ps->npats + 1, sizeof(*e->abs));
    for (size_t i = 0; (want & 1u << GEN_EDGE_RESERVED) && i < ps->nsel;
         i++) {
        GenPat *gp = ps->sel[i];
        if (!gp->p->annot.nreserved) {
            continue;
        }
        if (probe(g, gp, GEN_WORD_RESERVED, i, &st)) {
            e->res[e->nres++] = gp;
        } else if (nquiet < 0 || g->opts->stats) {
            warn_reserved(gp, &st);
            nquiet += nquiet < 0;
        } else {
            nquiet++;
        }
    }
    if (nquiet > 0) {
        gen_warn("%d more patterns give no reserved edge words (--stats "
                 "lists them)", nquiet);
    }
    for (size_t i = 0; (want & 1u << GEN_EDGE_ABSENT) && i < ps->npats;
         i++) {
        GenPat *gp = &ps->pats[i];
        /* Every word claimed (an R6 reuse of a removed encoding): none. */
        if (gp->absent_undef && probe(g, gp, GEN_WORD_ABSENT, i, &st)) {
            e->abs[e->nabs++] = gp;
        }
    }
}

void gen_edge_init(GenCtx *g)
{
    GenEdge *e = &g->edge;
    unsigned want = g->opts->edge_classes;
    static const char *const why[GEN_EDGE_NCLASSES] = {
        [GEN_EDGE_RESERVED] = "no selected pattern has a reserved value "
                              "that can be generated",
        [GEN_EDGE_ABSENT] = "no pattern needs only features the target "
                            "lacks whose absence is UNDEFINED",
    };

    collect(g);
    e->flipbits = xcalloc(64, sizeof(int));
    e->active = want & ~(e->nres ? 0 : 1u << GEN_EDGE_RESERVED) &
                ~(e->nabs ? 0 : 1u << GEN_EDGE_ABSENT);
    for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
        if ((want & ~e->active) & 1u << k) {
            gen_warn("--edge %s: %s", gen_edge_class_names[k], why[k]);
        }
    }
    if (!e->active) {
        gen_fatal("--edge: no class can give words for this target and "
                  "selection");
    }
}

void gen_edge_free(GenCtx *g)
{
    free(g->edge.res);
    free(g->edge.abs);
    free(g->edge.flipbits);
    memset(&g->edge, 0, sizeof(g->edge));
}

/* One or two of gp's fixed bits of w flipped, unallocated. */
static bool neighbour(GenCtx *g, const GenPat *gp, uint64_t w, uint64_t *out)
{
    uint64_t fixed = gp->p->fixedmask & gp->widthmask;
    int n = 0;

    for (int b = 0; b < 64; b++) {
        if (fixed >> b & 1) {
            g->edge.flipbits[n++] = b;
        }
    }
    for (int k = 0; n && k < FLIP_TRIES; k++) {
        uint64_t x = w ^ (uint64_t)1 << g->edge.flipbits[
                             prng_below(&g->prng, (uint64_t)n)];
        if (n > 1 && prng_below(&g->prng, 2)) {
            uint64_t y;
            do {
                y = (uint64_t)1 << g->edge.flipbits[
                        prng_below(&g->prng, (uint64_t)n)];
            } while ((x ^ w) == y);
            x ^= y;
        }
        if (gen_word_undefined(g->ps, &g->target, x, gp->width)) {
            *out = x;
            return true;
        }
    }
    return false;
}

/* "a == 3" -> "a==3": table names hold no blanks. */
static void squeeze(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s != ' ' && *s != '\t') {
            sb_putc(b, *s);
        }
    }
}

/* The features gp lacks, '+'-joined. */
static void missing_features(StrBuf *b, const GenTarget *t, const GenPat *gp)
{
    GenFeatures miss = gp->reqmask & ~t->features;
    const char *sep = "";

    for (int f = 0; f < t->arch->nfeatures; f++) {
        if (miss & GEN_FEAT(f)) {
            sb_printf(b, "%s%s", sep, t->arch->features[f].name);
            sep = "+";
        }
    }
}

/* Reserved or absent: a word of a candidate, with its operand set-up. */
static bool derived(GenCtx *g, int cls, uint64_t *since)
{
    GenEdge *e = &g->edge;
    bool res = cls == GEN_EDGE_RESERVED;
    GenPat *gp = res ? e->res[prng_below(&g->prng, e->nres)]
                     : e->abs[prng_below(&g->prng, e->nabs)];
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    GenWordStats st;
    StrBuf name = { 0 };
    uint64_t w;
    int which = 0;

    memset(&st, 0, sizeof(st));
    if (!gen_make_edge_word(g->ps, &g->target, &g->prng, gp,
                            res ? GEN_WORD_RESERVED : GEN_WORD_ABSENT,
                            EDGE_TRIES, &w, raw, dec, &which, &st)) {
        return false;
    }
    sb_printf(&name, "%s:%s:", gen_edge_class_names[cls], gp->p->name);
    if (res) {
        squeeze(&name, dt_expr_text(gp->p->annot.reserved[which]));
    } else {
        missing_features(&name, &g->target, gp);
    }
    if (++*since == g->opts->checkpoint_every) {
        gen_checkpoint(g);
        *since = 0;
    }
    gen_test_insn(g, gp, w, raw, dec, name.s, cls + 1);
    sb_free(&name);
    return true;
}

static bool flipped(GenCtx *g, const GenPat *gp, uint64_t w, uint64_t *since)
{
    char name[256];
    uint64_t x;

    if (!neighbour(g, gp, w, &x)) {
        return false;
    }
    if (++*since == g->opts->checkpoint_every) {
        gen_checkpoint(g);
        *since = 0;
    }
    snprintf(name, sizeof(name), "%s:%s",
             gen_edge_class_names[GEN_EDGE_NEIGHBOUR], gp->p->name);
    g->label = name;
    gen_note_insn(g, gp, name, GEN_EDGE_NEIGHBOUR + 1);
    gen_emit_test(g, gp, x);
    return true;
}

/* The k-th (0-based) set bit of m. */
static int nth_class(unsigned m, unsigned k)
{
    for (int c = 0; c < GEN_EDGE_NCLASSES; c++) {
        if ((m & 1u << c) && k-- == 0) {
            return c;
        }
    }
    return -1;
}

void gen_edge_after(GenCtx *g, const GenPat *gp, uint64_t w,
                    uint64_t *since)
{
    GenEdge *e = &g->edge;
    unsigned n = (unsigned)__builtin_popcount(e->active);
    int cls;
    bool ok;

    if (prng_below(&g->prng, g->opts->edge_every)) {
        return;
    }
    cls = nth_class(e->active, n > 1 ? (unsigned)prng_below(&g->prng, n) : 0);
    ok = cls == GEN_EDGE_NEIGHBOUR ? flipped(g, gp, w, since)
                                   : derived(g, cls, since);
    if (ok) {
        e->made[cls]++;
        g->nedge++;
    } else {
        e->missed[cls]++;
    }
}

/* Do c's constraints hold for its argument values raw? */
static bool constraints_hold(const DtPattern *c, const int64_t *raw)
{
    for (int i = 0; i < c->annot.nconstraints; i++) {
        bool fault = false;
        if (!dt_expr_eval(c->annot.constraints[i], raw, NULL, &fault) ||
            fault) {
            return false;
        }
    }
    return true;
}

/*
 * What QEMU-style decoding of the space gives: the first group member
 * that matches.  (Edge words are judged more strictly, by any pattern
 * whose fixed bits match: gen_ns_claimer.)  A pattern of the same name
 * in another file is the same instruction described twice; one whose
 * constraints reject the word does not describe it (A32's conditional
 * patterns leave cond 0b1111 to the unconditional space that way).
 */
void gen_self_check(const GenPatterns *ps, const GenPat *gp, uint64_t w)
{
    int64_t raw[DT_MAX_ARGS];

    for (int i = ps->nuser; i < ps->nns; i++) {
        const DtPattern *c;
        if (ps->ns[i].width != gp->width ||
            !(c = dt_decode(ps->ns[i].dt, w, raw)) ||
            gen_same_pattern(c, gp->p) || !strcmp(c->name, gp->p->name) ||
            !ps->pats[ps->nsbase[i] + (size_t)c->index].present ||
            !constraints_hold(c, raw)) {
            continue;
        }
        gen_fatal_status(1, "internal error: word 0x%0*llx of pattern %s "
                         "(%s:%d) decodes in the encoding space (%s) as %s "
                         "(%s:%d)%s", gp->width / 4, (unsigned long long)w,
                         gp->p->name, gp->p->file, gp->p->line,
                         ps->ns[i].label, c->name, c->file, c->line,
                         c->annot.never ? ", allocated and never generated"
                                        : "");
    }
}
