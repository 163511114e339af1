/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Load-linked / store-conditional pairs with no trap between them.
 *
 * Every checkpoint and every SETMEM is a signal, and a real kernel's
 * exception return clears the reservation (docs/kernel-diffs.md, SC
 * after a checkpoint), so a store-conditional generated on its own
 * fails there; gen/seq.c keeps it off the last load-linked's bytes so it
 * fails under qemu-user too.  The successful path is tested by pairs:
 *
 *   SETMEM base  LL rt, off(base)  SC rt2, off(base)  MEMOFF base  CHECKPOINT
 *
 * After half of the load-linked instructions the generator draws a
 * store-conditional of the same access size from the selected patterns
 * and those left out only for weight 0 (ARM store-exclusives: weight 0
 * on their own, paired here), gives it the LL's base register and solves
 * its offset field for the LL's offset.  No trap lies between the two,
 * so the SC succeeds under a kernel and under qemu-user alike.
 */
#include <string.h>

#include "gen/gen.h"

enum { PAIR_TRIES = 64 };

static int kind_of(GenCtx *g, const GenPat *gp, uint64_t w)
{
    const GenArch *a = g->target.arch;

    return a->llsc_kind ? a->llsc_kind(&g->target, w, gp->width) : 0;
}

/* Byte offset of gp's access from its base register in raw. */
static int64_t mem_off(const DtMem *m, const int64_t *raw, bool *fault)
{
    return m->offset && !m->post ? dt_expr_eval(m->offset, raw, NULL, fault)
                                 : 0;
}

/*
 * w with base `base` and the offset solved to `off`, or false.  The
 * offset expression must be linear in one field (checked here).
 */
static bool fit(GenCtx *g, const GenPat *sc, uint64_t *w, int64_t *raw,
                int64_t base, int64_t off)
{
    const DtPattern *p = sc->p;
    const DtMem *m = &p->annot.mem;
    int idx[4], n = m->offset ? dt_expr_args(m->offset, idx, 4) : 0;
    int64_t c0, c1, k;
    bool f0, f1;

    *w = dt_field_insert(p->args[m->baseidx].field, *w, base);
    raw[m->baseidx] = base;
    if (n == 0) {
        return mem_off(m, raw, &f0) == off;
    }
    if (n != 1 || p->args[idx[0]].kind != DT_ARG_FIELD) {
        return false;
    }
    raw[idx[0]] = 0;
    c0 = mem_off(m, raw, &f0);
    raw[idx[0]] = 1;
    c1 = mem_off(m, raw, &f1) - c0;
    if (f0 || f1 || c1 == 0 || (off - c0) % c1) {
        return false;
    }
    k = (off - c0) / c1;
    *w = dt_field_insert(p->args[idx[0]].field, *w, k);
    return true;
}


/* Store-conditionals a pair may use, found once. */
static void find_candidates(GenCtx *g)
{
    GenPatterns *ps = g->ps;
    GenSelector *sel = gen_selector_new(g->opts);
    /* The inputs' patterns, not the encoding space's. */
    size_t end = ps->nuser < ps->nns ? ps->nsbase[ps->nuser] : ps->npats;

    g->sc_init = true;
    for (size_t i = 0; i < end; i++) {
        GenPat *gp = &ps->pats[i];
        int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
        GenWordStats st;
        uint64_t w;

        if (!gp->has_mem || gp->p->annot.mem.writeback ||
            gp->p->annot.mem.indexidx >= 0 || !gp->present ||
            (!gp->selected && gen_selector_judge(sel, gp->p, true, 0,
                                                 false) != GEN_SEL_WEIGHT0)) {
            continue;
        }
        memset(&st, 0, sizeof(st));
        if (gen_make_word(ps, &g->target, &g->prng, gp, 100, &w, raw, dec,
                          &st) && kind_of(g, gp, w) == 2) {
            xgrow((void **)&g->sc_cand, &g->capsc, g->nsc + 1,
                  sizeof(*g->sc_cand));
            g->sc_cand[g->nsc++] = gp;
        }
    }
    gen_selector_free(sel);
}

/* A store-conditional of ll's size, fitted to base and off, or NULL. */
static const GenPat *draw_sc(GenCtx *g, const GenPat *ll, int64_t base,
                             int64_t off, uint64_t *w)
{
    const GenPatterns *ps = g->ps;
    int size = ll->p->annot.mem.size;

    if (!g->sc_init) {
        find_candidates(g);
    }
    for (int t = 0; g->nsc && t < PAIR_TRIES; t++) {
        const GenPat *sc = g->sc_cand[prng_below(&g->prng, g->nsc)];
        int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
        GenWordStats st;

        if (sc->p->annot.mem.size != size || sc->width != ll->width) {
            continue;
        }
        memset(&st, 0, sizeof(st));
        if (!gen_make_word(ps, &g->target, &g->prng, sc, 100, w, raw, dec,
                           &st) || kind_of(g, sc, *w) != 2) {
            continue;
        }
        if (fit(g, sc, w, raw, base, off) && gen_word_still_ok(g, sc, *w)) {
            return sc;
        }
    }
    return NULL;
}

void gen_llsc_free(GenCtx *g)
{
    free(g->sc_cand);
    g->sc_cand = NULL;
    g->nsc = g->capsc = 0;
}

void gen_llsc_pair(GenCtx *g, const GenPat *gp, uint64_t w,
                   const int64_t *raw)
{
    const DtMem *m = &gp->p->annot.mem;
    const GenPat *sc;
    uint64_t scw;
    int64_t off;
    bool fault;

    if (!g->pair_room || !gp->has_mem || m->post || m->indexidx >= 0 ||
        kind_of(g, gp, w) != 1 || !prng_below(&g->prng, 2)) {
        return;
    }
    off = mem_off(m, raw, &fault);
    sc = fault ? NULL : draw_sc(g, gp, raw[m->baseidx], off, &scw);
    if (!sc) {
        return;
    }
    if (g->ps->nns > g->ps->nuser) {
        gen_self_check(g->ps, sc, scw);
    }
    g->label = sc->name[0] ? sc->name : sc->p->name;
    gen_note_insn(g, sc, g->label, 0);
    gen_emit_test(g, sc, scw);
    if (gen_verifier) {
        gen_verify_word(gen_verifier, sc, scw, sc->width);
    }
    ((GenPat *)sc)->generated++;
    g->npairs++;
}
