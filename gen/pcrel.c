/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PC-relative instructions ("#@ pcrel", docs/annotations.md).
 *
 * Loads read a literal pool: seeded random data in the code stream that
 * the runner jumps over (OPTRAP SKIP).  The generator keeps the last
 * POOL_RING pools and, per load, picks one the load can reach (a fresh
 * one just before it or just after it, or an earlier one up to the
 * instruction's range: backward and forward offsets, near and far),
 * then solves the offset field so the access lands inside that pool
 * with the alignment it needs:
 *
 *   [fix-ups]  [SKIP n | pool]  LOAD  [SKIP n | pool]  [clean-up]
 *              (backward)             (forward)
 *
 * The target is pcbase + EXPR(args), pcbase the instruction's address
 * rounded down to pcalign; EXPR must be linear in the solved field
 * (checked on every word: three points).  Address-forming instructions
 * (result=) get OPTRAP CODEOFF after them, so the register is compared
 * as an image offset; the image is at RISU_CODE_ADDR, 256 MiB aligned,
 * so page arithmetic (ADRP, ALUIPC) gives the same offsets wherever the
 * image is.
 */
#include <string.h>

#include "gen/gen.h"
#include "format/image.h"
#include "tools/lib/json.h"

enum { POOL_RING = 16, POOL_MAX = 256, SOLVE_TRIES = 16 };

typedef struct Pool {
    uint64_t off;           /* image offset of the data */
    uint32_t len;
} Pool;

struct GenPcrel {
    Pool ring[POOL_RING];
    int n, next;
    /* a pool planned after the instruction being generated */
    bool fwd;
    uint8_t fwd_data[POOL_MAX];
    uint32_t fwd_len;
    uint64_t npools, nfwd, nback, nreuse;
};

static struct GenPcrel *state(GenCtx *g)
{
    if (!g->pcrel) {
        g->pcrel = xcalloc(1, sizeof(*g->pcrel));
    }
    return g->pcrel;
}

void gen_pcrel_free(GenCtx *g)
{
    free(g->pcrel);
    g->pcrel = NULL;
}

/* Pool contents: 8-byte values, mixed integers and FP bit patterns. */
static uint32_t fill_pool(GenCtx *g, uint8_t *buf)
{
    Prng *p = &g->prng;
    uint32_t len = 16 * (2 + prng_below(p, POOL_MAX / 16 - 1));

    for (uint32_t k = 0; k < len; k += 8) {
        uint64_t v;

        switch (prng_below(p, 3)) {
        case 0:
            v = gen_val_gpr64(p);
            break;
        case 1:
            v = gen_val_fp(p, 64, GEN_NAN_IEEE);
            break;
        default:
            v = gen_val_fp(p, 32, GEN_NAN_IEEE) << 32 |
                (gen_val_fp(p, 32, GEN_NAN_IEEE) & 0xffffffffu);
        }
        gen_put64(&g->target, buf + k, v);
    }
    return len;
}

static void remember(struct GenPcrel *s, uint64_t off, uint32_t len)
{
    s->ring[s->next].off = off;
    s->ring[s->next].len = len;
    s->next = (s->next + 1) % POOL_RING;
    if (s->n < POOL_RING) {
        s->n++;
    }
    s->npools++;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t eval_at(const DtPcrel *pc, int64_t *raw, int64_t v,
                       const DtPattern *p)
{
    bool fault;
    int64_t r;

    raw[pc->fieldidx] = v;
    r = dt_expr_eval(pc->target, raw, NULL, &fault);
    if (fault) {
        gen_fatal("%s:%d: error: pattern %s: pcrel target faults", pc->file,
                  pc->line, p->name);
    }
    return r;
}

static int64_t gcd(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;

        a = b;
        b = t;
    }
    return a;
}

/* Raw values the field can hold. */
static void field_range(const DtField *f, int64_t *lo, int64_t *hi)
{
    int w = dt_field_width(f);
    bool sign = f->nsegs && f->segs[0].sign;

    *lo = sign ? -((int64_t)1 << (w - 1)) : 0;
    *hi = sign ? ((int64_t)1 << (w - 1)) - 1 : ((int64_t)1 << w) - 1;
}


/*
 * Solve gp's field in w0 so that the access of the instruction at `at`
 * lands in [pool, pool + len); the new word in *w, or false.
 */
static bool solve(GenCtx *g, const GenPat *gp, uint64_t w0,
                  const int64_t *raw0, uint64_t at, uint64_t pool,
                  uint32_t len, uint64_t *w)
{
    const DtPattern *p = gp->p;
    const DtPcrel *pc = &p->annot.pcrel;
    const DtField *f = p->args[pc->fieldidx].field;
    int64_t raw[DT_MAX_ARGS], c0, c1, flo, fhi, klo, khi, lo, hi, step;
    int64_t base = (int64_t)(at & ~(uint64_t)(pc->pcalign - 1));

    memcpy(raw, raw0, sizeof(int64_t) * (size_t)p->nargs);
    c0 = eval_at(pc, raw, 0, p);
    c1 = eval_at(pc, raw, 1, p) - c0;
    if (c1 == 0 || eval_at(pc, raw, 2, p) - c0 != 2 * c1) {
        gen_fatal("%s:%d: error: pattern %s: pcrel target is not linear in "
                  "%s", pc->file, pc->line, p->name, pc->field);
    }
    lo = (int64_t)pool - base - c0;
    hi = (int64_t)(pool + len) - pc->size - base - c0;
    if (c1 > 0) {
        klo = -floor_div(-lo, c1);
        khi = floor_div(hi, c1);
    } else {
        klo = -floor_div(hi, -c1);
        khi = floor_div(-lo, -c1);
    }
    field_range(f, &flo, &fhi);
    klo = klo > flo ? klo : flo;
    khi = khi < fhi ? khi : fhi;
    /* Aligned targets: every step-th k from the first aligned one. */
    step = pc->align / gcd(c1 < 0 ? -c1 : c1, pc->align);
    while (klo <= khi && (base + c0 + c1 * klo) % pc->align) {
        klo++;
    }
    for (int t = 0; klo <= khi && t < SOLVE_TRIES; t++) {
        int64_t k = klo + step * (int64_t)prng_below(&g->prng,
                                   (uint64_t)((khi - klo) / step + 1));

        *w = dt_field_insert(f, w0, k);
        if (gen_word_still_ok(g, gp, *w)) {
            return true;
        }
    }
    return false;
}

enum { TRY_REUSE, TRY_FWD, TRY_BACK };

/* An earlier pool the load reaches (the most recent first, mostly). */
static bool try_reuse(GenCtx *g, const GenPat *gp, uint64_t *w,
                      const int64_t *raw)
{
    struct GenPcrel *s = state(g);
    int start = s->n ? (int)prng_below(&g->prng, (uint64_t)s->n) : 0;

    for (int i = 0; i < s->n; i++) {
        const Pool *pl = &s->ring[(s->next + POOL_RING - 1 -
                                   (start + i) % s->n) % POOL_RING];

        if (solve(g, gp, *w, raw, g->off, pl->off, pl->len, w)) {
            s->nreuse++;
            return true;
        }
    }
    return false;
}

/* A fresh pool right after the load (emitted by gen_pcrel_after). */
static bool try_fwd(GenCtx *g, const GenPat *gp, uint64_t *w,
                    const int64_t *raw)
{
    struct GenPcrel *s = state(g);
    uint64_t pool = g->off + (uint64_t)gp->width / 8 +
                    (uint64_t)g->target.arch->trap_bytes + 8;

    s->fwd_len = fill_pool(g, s->fwd_data);
    if (!solve(g, gp, *w, raw, g->off, pool, s->fwd_len, w)) {
        return false;
    }
    s->fwd = true;
    s->nfwd++;
    return true;
}

/* A fresh pool right before the load, emitted now. */
static bool try_back(GenCtx *g, const GenPat *gp, uint64_t *w,
                     const int64_t *raw)
{
    struct GenPcrel *s = state(g);
    uint8_t data[POOL_MAX];
    uint32_t len = fill_pool(g, data);
    uint64_t pool = g->off + (uint64_t)g->target.arch->trap_bytes + 8;

    if (!solve(g, gp, *w, raw, pool + len, pool, len, w)) {
        return false;
    }
    g->label = "literal pool";
    if (gen_skip_data(g, data, len) != pool) {
        gen_fatal("internal error: literal pool misplaced");
    }
    remember(s, pool, len);
    s->nback++;
    return true;
}

uint64_t gen_pcrel_before(GenCtx *g, const GenPat *gp, uint64_t w,
                          const int64_t *raw)
{
    static const int orders[4][3] = {
        { TRY_FWD, TRY_REUSE, TRY_BACK }, { TRY_BACK, TRY_REUSE, TRY_FWD },
        { TRY_REUSE, TRY_FWD, TRY_BACK }, { TRY_REUSE, TRY_BACK, TRY_FWD },
    };
    const DtPcrel *pc = &gp->p->annot.pcrel;
    const int *order;

    if (!pc->present || !pc->field) {
        return w;
    }
    order = orders[prng_below(&g->prng, 4)];
    for (int i = 0; i < 3; i++) {
        bool (*f)(GenCtx *, const GenPat *, uint64_t *, const int64_t *) =
            order[i] == TRY_REUSE ? try_reuse :
            order[i] == TRY_FWD ? try_fwd : try_back;

        if (f(g, gp, &w, raw)) {
            if (g->ps->nns > g->ps->nuser) {
                gen_self_check(g->ps, gp, w);
            }
            return w;
        }
    }
    gen_fatal("%s:%d: error: pattern %s: no literal pool within reach of "
              "its pcrel target (size=%d align=%d)", pc->file, pc->line,
              gp->p->name, pc->size, pc->align);
}

void gen_pcrel_after(GenCtx *g, const GenPat *gp, const int64_t *raw)
{
    const DtPcrel *pc = &gp->p->annot.pcrel;
    struct GenPcrel *s;

    if (!pc->present) {
        return;
    }
    if (pc->result) {
        g->label = "pc-relative result";
        gen_optrap(g, RISU_OP_CODEOFF,
                   (int)gen_arg_reg(&g->target, gp, pc->resultidx, raw), 0);
        return;
    }
    s = state(g);
    if (s->fwd) {
        uint64_t want = g->off + (uint64_t)g->target.arch->trap_bytes + 8;

        g->label = "literal pool";
        if (gen_skip_data(g, s->fwd_data, s->fwd_len) != want) {
            gen_fatal("internal error: literal pool misplaced");
        }
        remember(s, want, s->fwd_len);
        s->fwd = false;
    }
}

void gen_pcrel_stats_json(GenCtx *g, JsonW *j)
{
    const struct GenPcrel *s = g->pcrel;

    json_kuint(j, "llsc_pairs", g->npairs);
    json_key(j, "literal_pools");
    json_obj(j);
    json_kuint(j, "pools", s ? s->npools : 0);
    json_kuint(j, "after_load", s ? s->nfwd : 0);
    json_kuint(j, "before_load", s ? s->nback : 0);
    json_kuint(j, "reused", s ? s->nreuse : 0);
    json_obj_end(j);
}

void gen_pcrel_stats(GenCtx *g, FILE *f)
{
    const struct GenPcrel *s = g->pcrel;

    if (g->npairs) {
        fprintf(f, "risugen: %llu load-linked + store-conditional pairs\n",
                (unsigned long long)g->npairs);
    }
    if (s && s->npools) {
        fprintf(f, "risugen: literal pools: %llu (%llu after their load, "
                "%llu before it); %llu loads used an earlier pool\n",
                (unsigned long long)s->npools, (unsigned long long)s->nfwd,
                (unsigned long long)s->nback, (unsigned long long)s->nreuse);
    }
}
