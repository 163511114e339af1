/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Start-up: can a selected pattern be generated?  Decided from its
 * constraints first, so an unsatisfiable pattern costs no blind tries.
 *
 *  1. The constraint system alone -- every `constraint` true and no
 *     `reserved` true -- over the word bits of the fields it reads
 *     (named segments and the arguments they name included), the fixed
 *     bits staying fixed.  Expressions that read common bits form a
 *     component; each component spanning at most SOLVE_BITS bits is
 *     enumerated exhaustively.  One with no satisfying assignment makes
 *     the pattern unsatisfiable, a proof, reported with the expressions
 *     at fault.
 *  2. Otherwise ordinary draws (gen_make_word) get a small budget; most
 *     patterns need a handful.  If they fail, the pattern gets seeds: up
 *     to SOLVE_SEEDS satisfying assignments of each enumerable component
 *     (a uniform sample of all of them), and this and every later draw
 *     takes its constrained bits from them, so only the remaining checks
 *     (registers, memory operands, decoding, the arch's word filter) are
 *     left to chance.
 *  3. A pattern neither proven nor found in SOLVE_TRIES draws is reported
 *     as not found (not as proven).
 *  4. A RISU pattern whose draws are mostly rejected (more than SOLVE_SLOW
 *     per word) gets seeds for the groups whose satisfying assignments
 *     all fit in a seed set: the same distribution, without the waste.
 */
#include <string.h>

#include "gen/gen.h"

enum {
    SOLVE_BITS = 20,        /* exhaustive enumeration up to 2^20 words */
    SOLVE_QUICK = 2000,     /* plain draws before the seeded ones */
    SOLVE_SEEDS = 256,      /* satisfying assignments kept per group */
    SOLVE_SAMPLE = 16,      /* words drawn to measure the rejection rate */
    SOLVE_SLOW = 3,         /* rejections per word that call for seeds */
};

/* Word bits of argument a's field, with those of the args it names. */
static uint64_t arg_bits(const DtPattern *p, int a, int depth)
{
    const DtArg *arg = &p->args[a];
    uint64_t m = 0;

    if (arg->kind != DT_ARG_FIELD || !arg->field || depth > 8) {
        return 0;
    }
    for (int i = 0; i < arg->field->nsegs; i++) {
        const DtSeg *s = &arg->field->segs[i];
        if (s->kind == DT_SEG_BITS) {
            m |= (s->len >= 64 ? ~(uint64_t)0
                  : (((uint64_t)1 << s->len) - 1)) << s->pos;
            continue;
        }
        for (int k = 0; k < p->nargs; k++) {
            if (!strcmp(p->args[k].name, s->name)) {
                m |= arg_bits(p, k, depth + 1);
            }
        }
    }
    return m;
}

static uint64_t expr_bits(const DtPattern *p, const DtExpr *e)
{
    int idx[DT_MAX_ARGS];
    int n = dt_expr_args(e, idx, DT_MAX_ARGS);
    uint64_t m = 0;

    for (int i = 0; i < n && i < DT_MAX_ARGS; i++) {
        m |= arg_bits(p, idx[i], 0);
    }
    return m;
}

/* Scatter the low bits of v into the set bits of mask (PDEP). */
static uint64_t deposit(uint64_t v, uint64_t mask)
{
    uint64_t r = 0;
    for (uint64_t b = 1; mask; b <<= 1) {
        uint64_t low = mask & -mask;
        if (v & b) {
            r |= low;
        }
        mask &= mask - 1;
    }
    return r;
}

/* The expressions to satisfy: constraints (want true), reserved (false). */
enum { SOLVE_MAXE = 128 };
typedef struct Sys {
    const GenPatterns *ps;
    const GenPat *gp;
    const DtExpr *e[SOLVE_MAXE];
    bool want[SOLVE_MAXE];
    uint64_t bits[SOLVE_MAXE];  /* word bits each expression reads */
    int comp[SOLVE_MAXE];       /* connected component (shared bits) */
    int n;
} Sys;

/* Do the expressions of component c (every one for c < 0) hold on w? */
static bool holds(const Sys *s, int c, uint64_t w)
{
    const GenPat *gp = s->gp;
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];

    if (!dt_pattern_match(s->ps->ns[gp->ns].dt, gp->p, w, raw)) {
        return false;
    }
    for (int i = 0; i < gp->p->nargs; i++) {
        dec[i] = gp->hasfunc[i] ? dt_func_eval(&gp->funcs[i], raw[i])
                                : raw[i];
    }
    for (int i = 0; i < s->n; i++) {
        bool fault = false;
        if (c >= 0 && s->comp[i] != c) {
            continue;
        }
        bool v = dt_expr_eval(s->e[i], raw, dec, &fault) != 0;
        if (fault || v != s->want[i]) {
            return false;
        }
    }
    return true;
}

/*
 * Enumerate the bits of mask (others from base); 1 and the assignment
 * in *found if component c can hold, 0 if it cannot, -1 when mask is too
 * wide to enumerate.
 */
static int enumerate(const Sys *s, int c, uint64_t mask, uint64_t base,
                     uint64_t *found)
{
    int k = __builtin_popcountll(mask);

    if (k > SOLVE_BITS) {
        return -1;
    }
    for (uint64_t v = 0; v < (uint64_t)1 << k; v++) {
        uint64_t w = base | deposit(v, mask);
        if (holds(s, c, w)) {
            *found = w & mask;
            return 1;
        }
    }
    return 0;
}

static char *unsat_message(const GenPat *gp, const Sys *s, int c,
                           const char *kind)
{
    const DtPattern *p = gp->p;
    StrBuf b = { 0 };
    int n = 0, last = -1;

    for (int i = 0; i < s->n; i++) {
        if (s->comp[i] == c) {
            n++;
            last = i;
        }
    }
    sb_printf(&b, "%s: %s: pattern %s cannot be generated: ", gen_where(p),
              kind, p->name);
    if (n > 1) {
        sb_puts(&b, "its constraints cannot hold together:");
        for (int i = 0; i < s->n; i++) {
            if (s->comp[i] == c) {
                sb_printf(&b, " %s'%s'", s->want[i] ? "" : "not ",
                          dt_expr_text(s->e[i]));
            }
        }
    } else if (s->want[last]) {
        sb_printf(&b, "constraint '%s' is unsatisfiable",
                  dt_expr_text(s->e[last]));
    } else {
        sb_printf(&b, "every word is reserved by '%s'",
                  dt_expr_text(s->e[last]));
    }
    sb_puts(&b, " (proven over every value of the fields involved)");
    return b.s;
}

/* Merge expressions that read a common bit into one component. */
static int components(Sys *s)
{
    int nc = 0;
    for (int i = 0; i < s->n; i++) {
        s->comp[i] = nc++;
    }
    for (bool merged = true; merged;) {
        merged = false;
        for (int i = 0; i < s->n; i++) {
            for (int j = i + 1; j < s->n; j++) {
                if (s->comp[i] != s->comp[j] && (s->bits[i] & s->bits[j])) {
                    int from = s->comp[j], to = s->comp[i];
                    for (int k = 0; k < s->n; k++) {
                        s->comp[k] = s->comp[k] == from ? to : s->comp[k];
                    }
                    merged = true;
                }
            }
        }
    }
    return nc;
}

/*
 * Every assignment of component c over mask that satisfies it, as a seed
 * set (a reservoir of at most SOLVE_SEEDS, drawn with prng).
 */
static uint64_t collect(const Sys *s, int c, uint64_t mask, uint64_t base,
                        Prng *prng, GenSeeds *out)
{
    int k = __builtin_popcountll(mask);
    uint64_t seen = 0;

    out->mask = mask;
    out->vals = xcalloc(SOLVE_SEEDS, sizeof(uint64_t));
    out->n = 0;
    for (uint64_t v = 0; v < (uint64_t)1 << k; v++) {
        uint64_t w = base | deposit(v, mask);
        if (!holds(s, c, w)) {
            continue;
        }
        if (out->n < SOLVE_SEEDS) {
            out->vals[out->n++] = w & mask;
        } else {
            uint64_t j = prng_next(prng) % (seen + 1);
            if (j < SOLVE_SEEDS) {
                out->vals[j] = w & mask;
            }
        }
        seen++;
    }
    return seen;
}

/*
 * Prove the constraint system unsatisfiable (returns the message), or,
 * with seeds, give gp a seed set for each component small enough to
 * enumerate; with exact, only components whose satisfying assignments
 * all fit in a set (drawing from it is then drawing uniformly among
 * them, as rejection does).
 */
static char *solve_constraints(const GenPatterns *ps, GenPat *gp,
                               const char *kind, Prng *prng, bool seeds,
                               bool exact)
{
    const DtAnnot *an = &gp->p->annot;
    uint64_t avail = gp->widthmask & ~gp->p->fixedmask & ~gp->p->dontcaremask;
    uint64_t base = gp->fixedbits | gp->dcbits, w;
    Sys s = { .ps = ps, .gp = gp };

    for (int i = 0; i < an->nconstraints + an->nreserved &&
         s.n < SOLVE_MAXE; i++) {
        bool c = i < an->nconstraints;
        s.e[s.n] = c ? an->constraints[i]
                     : an->reserved[i - an->nconstraints];
        s.want[s.n] = c;
        s.bits[s.n] = expr_bits(gp->p, s.e[s.n]) & avail;
        s.n++;
    }
    int nc = components(&s);
    for (int c = 0; c < nc; c++) {
        uint64_t m = 0;
        bool any = false;
        for (int i = 0; i < s.n; i++) {
            if (s.comp[i] == c) {
                m |= s.bits[i];
                any = true;
            }
        }
        int r = any ? enumerate(&s, c, m, base, &w) : -1;
        if (r == 0) {
            return unsat_message(gp, &s, c, kind);
        }
        if (r > 0 && seeds && m) {
            gp->seeds = xrealloc(gp->seeds,
                                 (size_t)(gp->nseeds + 1) *
                                 sizeof(*gp->seeds));
            GenSeeds *sd = &gp->seeds[gp->nseeds++];
            if (collect(&s, c, m, base, prng, sd) > SOLVE_SEEDS && exact) {
                free(sd->vals);
                gp->nseeds--;
            }
        }
    }
    return NULL;
}

/* A seed may land in a register field: check every role after decoding. */
static void untrust_roles(GenPat *gp)
{
    for (int i = 0; i < gp->nroles && gp->nseeds; i++) {
        gp->roles[i].trusted = false;
    }
    gp->check_roles |= gp->nseeds > 0;
}

/*
 * Do blind draws reject more than SOLVE_SLOW words per accepted one?
 * Asked of RISU patterns only: their constraints often pick a few
 * values of a wide field (SHIFTiv's opcode), and they have no recorded
 * images whose draws seeding would change.
 */
static bool rarely_met(const GenPatterns *ps, const GenTarget *t,
                       const GenPat *gp, Prng *prng)
{
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    GenWordStats st;
    uint64_t w, rejected = 0;

    memset(&st, 0, sizeof(st));
    for (int i = 0; i < SOLVE_SAMPLE; i++) {
        if (!gen_make_word(ps, t, prng, gp, SOLVE_QUICK, &w, raw, dec,
                           &st)) {
            return true;
        }
    }
    for (int i = 0; i < 6; i++) {
        rejected += st.fail[i];
    }
    return rejected > (uint64_t)SOLVE_SLOW * SOLVE_SAMPLE;
}

bool gen_solve_pattern(const GenPatterns *ps, const GenTarget *t,
                       GenPat *gp, Prng *prng, const char *kind,
                       GenWordStats *st, char **msg)
{
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    uint64_t w;

    *msg = solve_constraints(ps, gp, kind, prng, false, false);
    if (*msg) {
        return false;
    }
    if (gen_make_word(ps, t, prng, gp, SOLVE_QUICK, &w, raw, dec, st)) {
        if (ps->ns[gp->ns].own_match && rarely_met(ps, t, gp, prng)) {
            solve_constraints(ps, gp, kind, prng, true, true);
            untrust_roles(gp);
        }
        return true;
    }
    /*
     * Blind draws rarely meet the constraints: from now on every draw
     * takes its constrained fields from the satisfying assignments.  A
     * seed may land in a register field whose drawn values are otherwise
     * trusted, so every role is checked after decoding.
     */
    solve_constraints(ps, gp, kind, prng, true, false);
    untrust_roles(gp);
    return gen_make_word(ps, t, prng, gp, GEN_SOLVE_TRIES - SOLVE_QUICK,
                         &w, raw, dec, st);
}
