/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Blocks: a pattern with "#@ block count=EXPR [exclude=TAG]" (Thumb IT)
 * governs the count(args) instructions after it, so nothing may come
 * between them, not even an op trap:
 *
 *   [fix-ups and memory set-up of every member]  BLOCK  M1 .. Mn
 *   [MEMOFF of the memory member]  [COMPAREMEM]  [clean-ups]
 *
 * Members are drawn from the selection, or when it has none that may sit
 * in a block (--group branch), from every pattern of the inputs the
 * target has that the options do not exclude by name or weight: never
 * branches, blocks, `noslot` patterns or the block's exclude tag.
 * Set-up happens before the block, so a member must not disturb
 * another's operands: at most one member accesses memory (a
 * register list could overwrite another member's base) and no other
 * member names its base or index register, nor a register another
 * member's fix-up prepared.
 */
#include <string.h>

#include "gen/gen.h"

enum {
    BLOCK_MAX = 8,          /* more members than any IT block has */
    MEMBER_TRIES = 2000,    /* draws for a word of a member pattern */
    BLOCK_TRIES = 200,      /* draws of a member that fits the others */
};

typedef struct Member {
    const GenPat *gp;
    uint64_t w;
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
} Member;

typedef struct Pool {
    GenPat **pats;
    uint64_t *cumw;
    size_t n;
    uint64_t total;
    const char *exclude;
    bool built;
} Pool;

/* One pool per exclude tag would be general; IT needs one, so one. */
static Pool pool;

static bool has_tag(const DtPattern *p, const char *tag)
{
    for (int i = 0; tag && i < p->annot.ntags; i++) {
        if (!strcmp(p->annot.tags[i], tag)) {
            return true;
        }
    }
    return false;
}

static bool may_be_member(const GenPat *gp, const char *exclude)
{
    const DtPattern *p = gp->p;

    /* A literal pool or CODEOFF cannot sit inside the block (pcrel). */
    return gp->present && !p->annot.never && !p->annot.block.present &&
           p->annot.branch.kind == DT_BRANCH_NONE && !p->annot.pcrel.present &&
           gen_pattern_weight(p) > 0 && !has_tag(p, "branch") &&
           !has_tag(p, "noslot") && !has_tag(p, exclude);
}

static void pool_add(GenPat *gp)
{
    unsigned w = gp->weight ? gp->weight : gen_pattern_weight(gp->p);

    pool.pats = xrealloc(pool.pats, (pool.n + 1) * sizeof(*pool.pats));
    pool.cumw = xrealloc(pool.cumw, (pool.n + 1) * sizeof(*pool.cumw));
    pool.total += w;
    pool.pats[pool.n] = gp;
    pool.cumw[pool.n++] = pool.total;
}

static void pool_build(const GenPatterns *ps, const GenOpts *opts,
                       const GenPat *blk)
{
    const DtBlock *b = &blk->p->annot.block;
    /* The inputs' patterns come first; the encoding space may follow. */
    size_t nuser = ps->nuser < ps->nns ? ps->nsbase[ps->nuser] : ps->npats;

    pool.exclude = b->exclude;
    for (size_t i = 0; i < ps->nsel; i++) {
        if (may_be_member(ps->sel[i], b->exclude)) {
            pool_add(ps->sel[i]);
        }
    }
    if (!pool.n) {
        /* As the options would select without --group and --pattern. */
        GenOpts o = *opts;
        o.ngroups = o.npatterns = 0;
        GenSelector *sel = gen_selector_new(&o);
        for (size_t i = 0; i < nuser; i++) {
            GenPat *gp = &ps->pats[i];
            if (may_be_member(gp, b->exclude) &&
                gen_selector_judge(sel, gp->p, true, gp->weight, false) ==
                GEN_SEL_IN) {
                pool_add(gp);
            }
        }
        gen_selector_free(sel);
    }
    if (!pool.n) {
        gen_fatal("%s:%d: error: pattern %s: no pattern may be a member of "
                  "its block (all are branches, blocks, never, noslot or "
                  "tagged %s)", b->file, b->line, blk->p->name,
                  b->exclude ? b->exclude : "-");
    }
    pool.built = true;
}

static const GenPat *pool_pick(Prng *p)
{
    uint64_t r = prng_below(p, pool.total);
    size_t lo = 0, hi = pool.n - 1;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pool.cumw[mid] > r) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return pool.pats[lo];
}

/* Does m name GPR r in any role? */
static bool names_gpr(const Member *m, int64_t r)
{
    for (int i = 0; i < m->gp->nroles; i++) {
        const GenRole *role = &m->gp->roles[i];
        if (role->kind == GEN_REG_GPR && m->raw[role->argidx] == r) {
            return true;
        }
    }
    return false;
}

/* The registers of `a` that set-up before the block gives a value. */
static bool set_up_clash(const Member *a, const Member *b)
{
    const GenPat *gp = a->gp;

    for (int i = 0; i < gp->nroles; i++) {
        const GenRole *r = &gp->roles[i];
        bool setup = r->prep || i == gp->base_role || i == gp->index_role;
        if (setup && names_gpr(b, a->raw[r->argidx])) {
            return true;
        }
    }
    return false;
}

static bool fits(const Member *m, const Member *ms, int n)
{
    for (int k = 0; k < n; k++) {
        if ((m->gp->has_mem && ms[k].gp->has_mem) ||
            set_up_clash(m, &ms[k]) || set_up_clash(&ms[k], m)) {
            return false;
        }
    }
    return true;
}

/* Draw member n; false when no pattern that fits was found. */
static bool draw_member(GenCtx *g, Member *ms, int n)
{
    Member *m = &ms[n];

    for (int t = 0; t < BLOCK_TRIES; t++) {
        GenWordStats st;
        memset(&st, 0, sizeof(st));
        m->gp = pool_pick(&g->prng);
        if (gen_make_word(g->ps, &g->target, &g->prng, m->gp, MEMBER_TRIES,
                          &m->w, m->raw, m->dec, &st) &&
            fits(m, ms, n)) {
            return true;
        }
    }
    return false;
}

static int block_count(const GenPat *gp, const int64_t *raw,
                       const int64_t *dec)
{
    const DtBlock *b = &gp->p->annot.block;
    bool fault = false;
    int64_t n = dt_expr_eval(b->count, raw, dec, &fault);

    if (fault || n < 1 || n > BLOCK_MAX) {
        gen_fatal("%s:%d: error: pattern %s: block count %s is %lld, not "
                  "1 to %d", b->file, b->line, gp->p->name,
                  dt_expr_text(b->count), (long long)n, BLOCK_MAX);
    }
    return (int)n;
}

uint64_t gen_block_insn(GenCtx *g, const GenPat *gp, uint64_t w,
                        const int64_t *raw, const int64_t *dec,
                        const char *name)
{
    Member ms[BLOCK_MAX];
    int n = block_count(gp, raw, dec);
    uint64_t at;

    if (!pool.built) {
        pool_build(g->ps, g->opts, gp);
    }
    for (int k = 0; k < n; k++) {
        if (!draw_member(g, ms, k)) {
            gen_fatal("%s:%d: error: pattern %s: no member for its block "
                      "in %d draws", gp->p->annot.block.file,
                      gp->p->annot.block.line,
                      gp->p->name, BLOCK_TRIES);
        }
    }
    gen_insn_setup(g, gp, w, raw, dec);
    for (int k = 0; k < n; k++) {
        gen_insn_setup(g, ms[k].gp, ms[k].w, ms[k].raw, ms[k].dec);
    }
    at = gen_offset(g);
    gen_insn_emit(g, gp, w, name, 0);
    for (int k = 0; k < n; k++) {
        const GenPat *m = ms[k].gp;
        gen_insn_emit(g, m, ms[k].w, m->name[0] ? m->name : m->p->name,
                      at + 1);
        ((GenPat *)m)->generated++;
    }
    gen_insn_finish(g, gp, raw);
    for (int k = 0; k < n; k++) {
        gen_insn_finish(g, ms[k].gp, ms[k].raw);
    }
    return (uint64_t)n;
}

void gen_block_free(void)
{
    free(pool.pats);
    free(pool.cumw);
    memset(&pool, 0, sizeof(pool));
}
