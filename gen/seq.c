/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The test sequence:
 *
 *   preamble (arch)  MEMINIT seed  CHECKPOINT            checkpoint 0
 *   per instruction:
 *     [operand fix-ups]  [SETMEM base, index := small]  [literal pool]
 *     INSN  [literal pool | CODEOFF]  [SC of an LL+SC pair]
 *     [MEMOFF base]  [COMPAREMEM every K memory insns]  [clean-up]
 *     [CHECKPOINT  edge word (--edge)]  CHECKPOINT (every --checkpoint-every)
 *   or a branch group (gen/branch.c), which ends at a checkpoint
 *   COMPAREMEM  TESTEND
 *
 * TESTEND compares too, so the last instruction needs no CHECKPOINT.
 */
#include <inttypes.h>
#include <string.h>

#include "gen/gen.h"
#include "format/image.h"

enum { GEN_TRIES = 1000000 };

static const GenPat *pick(GenCtx *g)
{
    GenPatterns *ps = g->ps;
    uint64_t r = prng_below(&g->prng, ps->totalw);
    if (ps->totalw == ps->nsel) {
        /* Every weight is 1 (no weight is 0 once selected): cumw[i] is
         * i + 1, so the search below would return r itself. */
        return ps->sel[r];
    }
    size_t lo = 0, hi = ps->nsel - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ps->cumw[mid] > r) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return ps->sel[lo];
}

/*
 * Every access choose_offset can place must fit the memory block: a
 * size beyond it (or, misaligned on purpose, beyond it less one
 * alignment step) would give base offsets the runner rejects mid-run.
 */
void gen_check_mem_sizes(const GenPatterns *ps, const GenOpts *o)
{
    const int64_t block = RISU_MEMBLOCK_SIZE;

    for (size_t i = 0; i < ps->npats; i++) {
        const DtPattern *p = ps->pats[i].p;
        const DtMem *m = &p->annot.mem;
        int64_t step = m->align > 1 ? m->align : m->size;
        if (!m->present) {
            continue;
        }
        if (m->size > block) {
            gen_fatal("%s:%d: error: pattern %s: mem size=%d is larger than "
                      "the %lld-byte memory block", m->file, m->line,
                      p->name, m->size, (long long)block);
        }
        if ((o->mem_modes & GEN_MEM_UNALIGNED) && step > 1 &&
            m->size + step > block) {
            gen_fatal("%s:%d: error: pattern %s: with --mem unaligned, mem "
                      "size=%d plus its alignment step %lld does not fit "
                      "the %lld-byte memory block", m->file, m->line,
                      p->name, m->size, (long long)step, (long long)block);
        }
    }
}

/* A block offset for an access of `size` bytes per the --mem modes. */
static int64_t choose_offset(GenCtx *g, int size, int align)
{
    Prng *p = &g->prng;
    unsigned modes = g->opts->mem_modes, pickm[3], n = 0;
    const int64_t block = RISU_MEMBLOCK_SIZE;
    int64_t a = align > 1 ? align : 1;

    for (unsigned m = 1; m <= GEN_MEM_GUARD; m <<= 1) {
        if (modes & m) {
            pickm[n++] = m;
        }
    }
    switch (pickm[prng_below(p, n)]) {
    case GEN_MEM_UNALIGNED: {
        /* Misaligned for the pattern's alignment, else for its size. */
        int64_t m = a > 1 ? a : size;
        if (m > 1) {
            int64_t slots = (block - size - m) / m + 1;
            return m * prng_below(p, (uint64_t)slots) + 1 +
                   prng_below(p, (uint64_t)(m - 1));
        }
        return prng_below(p, (uint64_t)(block - size + 1));
    }
    case GEN_MEM_GUARD:
        if (size > 1 && prng_below(p, 2)) {
            /* Straddle the end of the block. */
            return block - size + 1 + prng_below(p, (uint64_t)(size - 1));
        }
        return block + a * prng_below(p, (uint64_t)(256 / a + 1));
    default:
        return a * prng_below(p, (uint64_t)((block - size) / a + 1));
    }
}

/*
 * A store-conditional never targets the last load-linked's bytes: a real
 * kernel clears the reservation at the checkpoint trap between them (SC
 * fails), qemu-user keeps it (SC may succeed), docs/kernel-diffs.md.
 * Off them it fails everywhere.  Only when the alignment leaves no other
 * offset (tests/vm/fixtures/llsc-pinned.overlay) is the clash kept.
 */
static int64_t llsc_offset(GenCtx *g, const GenPat *gp, uint64_t w,
                           int64_t want, int size, int align)
{
    const GenArch *a = g->target.arch;
    int kind = a->llsc_kind ? a->llsc_kind(&g->target, w, gp->width) : 0;

    if (kind == 1) {
        g->ll_off = want;
        g->ll_size = size;
    }
    for (int t = 0; kind == 2 && g->ll_size && t < 16 &&
         want < g->ll_off + g->ll_size && g->ll_off < want + size; t++) {
        want = choose_offset(g, size, align);
    }
    return want;
}

static int64_t eval_or(const DtExpr *e, const int64_t *raw,
                       const int64_t *dec, int64_t dflt, const DtPattern *p)
{
    if (!e) {
        return dflt;
    }
    bool fault = false;
    int64_t v = dt_expr_eval(e, raw, dec, &fault);
    if (fault) {
        gen_fatal("%s:%d: error: pattern %s: mem expression faults",
                  p->file, p->line, p->name);
    }
    return v;
}

/* The register number of a memory base or index role. */
static int mem_reg(GenCtx *g, const GenPat *gp, int role, int argidx,
                   const int64_t *raw)
{
    return role < 0 ? (int)raw[argidx]
                    : (int)gen_reg_number(&g->target, gp->roles[role].cls,
                                          raw[argidx]);
}

/* SETMEM base (and index := small) so the access lands where chosen. */
static void mem_setup(GenCtx *g, const GenPat *gp, uint64_t w,
                      const int64_t *raw, const int64_t *dec)
{
    const GenArch *a = g->target.arch;
    const DtPattern *p = gp->p;
    const DtMem *m = &p->annot.mem;
    int64_t off = m->post ? 0 : eval_or(m->offset, raw, dec, 0, p);
    int64_t scale = eval_or(m->scale, raw, dec, 1, p);
    int64_t idx = 0;
    /* Small index values, kept small after scaling too. */
    int64_t mag = scale < 0 ? -scale : scale;
    uint64_t nidx = mag > (1 << 16) ? 1 : mag > 4096 ? 2 : 16;

    if (m->indexidx >= 0 && !m->post) {
        idx = prng_below(&g->prng, nidx);
    }
    int64_t want = llsc_offset(g, gp, w, choose_offset(g, m->size, m->align),
                               m->size, m->align);
    int64_t imm = want - off - idx * scale;
    if (imm < INT32_MIN || imm > INT32_MAX) {
        gen_fatal("%s:%d: error: pattern %s: base offset %lld out of "
                  "range", p->file, p->line, p->name, (long long)imm);
    }
    g->label = "memory set-up";
    gen_optrap(g, RISU_OP_SETMEM, mem_reg(g, gp, gp->base_role, m->baseidx,
                                          raw), (int32_t)imm);
    if (m->indexidx >= 0) {
        /* Post-indexed: the index only updates the base. */
        if (m->post) {
            idx = prng_below(&g->prng, nidx);
        }
        a->set_reg_small(g, mem_reg(g, gp, gp->index_role, m->indexidx,
                                    raw), idx);
    }
}

void gen_emit_word(GenCtx *g, const GenPat *gp, uint64_t w, int edge)
{
    g->target.arch->emit_insn(g, w, gp->width);
    if (gen_verifier && !edge) {
        gen_verify_word(gen_verifier, gp, w, gp->width);
    }
}

/* Operand fix-ups (not for an absent word: they may need the feature). */
void gen_prepare_operands(GenCtx *g, const GenPat *gp, const int64_t *raw)
{
    const GenArch *a = g->target.arch;

    g->label = "fix-up";
    for (int i = 0; i < gp->nroles; i++) {
        const GenRole *r = &gp->roles[i];
        if (r->prep) {
            a->prepare_reg(g, r->cls, raw[r->argidx]);
        }
    }
}

void gen_clean_up(GenCtx *g, const GenPat *gp, const int64_t *raw)
{
    const GenArch *a = g->target.arch;

    g->label = "clean-up";
    if (gp->after_flags && a->after_insn) {
        a->after_insn(g, gp->after_flags);
    }
    for (int i = 0; gp->has_after && i < gp->nroles; i++) {
        const GenRole *r = &gp->roles[i];
        if (r->after) {
            a->after_reg(g, r->cls, raw[r->argidx]);
        }
    }
}

void gen_test_insn(GenCtx *g, const GenPat *gp, uint64_t w,
                   const int64_t *raw, const int64_t *dec, const char *name,
                   int edge)
{
    bool absent = edge == GEN_EDGE_ABSENT + 1;

    if (!edge && g->ps->nns > g->ps->nuser) {
        gen_self_check(g->ps, gp, w);
    }
    if (g->target.arch->before_insn && !absent) {
        g->label = "mode";
        g->target.arch->before_insn(g, gp->after_flags);
    }
    if (gp->has_prep && !absent) {
        gen_prepare_operands(g, gp, raw);
    }
    if (gp->has_mem) {
        mem_setup(g, gp, w, raw, dec);
    }
    if (!edge) {
        w = gen_pcrel_before(g, gp, w, raw);
    }
    g->label = name;
    gen_note_insn(g, gp, name, edge);
    gen_emit_word(g, gp, w, edge);
    if (!edge) {
        gen_pcrel_after(g, gp, raw);
    }
    if (gp->has_mem) {
        const DtMem *m = &gp->p->annot.mem;
        if (!edge) {
            gen_llsc_pair(g, gp, w, raw);
        }
        g->label = "memory clean-up";
        gen_optrap(g, RISU_OP_MEMOFF,
                   mem_reg(g, gp, gp->base_role, m->baseidx, raw), 0);
        if (++g->nmem % g->opts->comparemem_every == 0) {
            gen_optrap(g, RISU_OP_COMPAREMEM, 0, 0);
        }
    }
    if ((gp->after_flags || gp->has_after) && !absent) {
        gen_clean_up(g, gp, raw);
    }
}

void gen_insn_setup(GenCtx *g, const GenPat *gp, uint64_t w,
                    const int64_t *raw, const int64_t *dec)
{
    if (gp->has_prep) {
        gen_prepare_operands(g, gp, raw);
    }
    if (gp->has_mem) {
        mem_setup(g, gp, w, raw, dec);
    }
}

void gen_insn_emit(GenCtx *g, const GenPat *gp, uint64_t w, const char *name,
                   uint64_t slot)
{
    if (g->ps->nns > g->ps->nuser) {
        gen_self_check(g->ps, gp, w);
    }
    g->label = name;
    if (slot) {
        snprintf(g->note_attr, sizeof(g->note_attr), " slot=%" PRIx64,
                 slot - 1);
    }
    gen_note_insn(g, gp, name, 0);
    gen_emit_word(g, gp, w, 0);
}

void gen_insn_finish(GenCtx *g, const GenPat *gp, const int64_t *raw)
{
    if (gp->has_mem) {
        const DtMem *m = &gp->p->annot.mem;
        g->label = "memory clean-up";
        gen_optrap(g, RISU_OP_MEMOFF,
                   mem_reg(g, gp, gp->base_role, m->baseidx, raw), 0);
        if (++g->nmem % g->opts->comparemem_every == 0) {
            gen_optrap(g, RISU_OP_COMPAREMEM, 0, 0);
        }
    }
    if (gp->after_flags || gp->has_after) {
        gen_clean_up(g, gp, raw);
    }
}

void gen_sequence(GenCtx *g)
{
    const GenArch *a = g->target.arch;
    const GenOpts *o = g->opts;
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    uint64_t since = 0;

    if (o->edge_classes) {
        gen_edge_init(g);
    }
    gen_branch_init(g);
    g->label = "preamble";
    a->preamble(g);
    g->label = "memory init";
    gen_optrap(g, RISU_OP_MEMINIT, 0, (int32_t)(uint32_t)prng_next(&g->prng));
    gen_checkpoint(g);

    for (uint64_t i = 0; i < o->numinsns; i++) {
        const GenPat *gp = pick(g);
        GenWordStats st;
        uint64_t w;
        memset(&st, 0, sizeof(st));
        if (!gen_make_word(g->ps, &g->target, &g->prng, gp, GEN_TRIES, &w,
                           raw, dec, &st)) {
            gen_fatal("%s: error: pattern %s: no valid word in %d tries",
                      gen_where(gp->p), gp->p->name, GEN_TRIES);
        }
        ((GenPat *)gp)->generated++;
        if (g->br && gen_is_branch(gp)) {
            /* The group ends at its join checkpoint. */
            i += gen_branch(g, gp, w, raw, dec, o->numinsns - i) - 1;
            since = 0;
            continue;
        }
        if (gp->p->annot.block.present) {
            /* Members count as test instructions (-n may be exceeded by
             * the last block's). */
            i += gen_block_insn(g, gp, w, raw, dec, gp->name[0] ? gp->name
                                                                : gp->p->name);
        } else {
            /* A pair's SC (gen/llsc.c) is one of the -n instructions. */
            uint64_t pairs = g->npairs;
            g->pair_room = i + 1 < o->numinsns;
            gen_test_insn(g, gp, w, raw, dec, gp->name[0] ? gp->name
                                                          : gp->p->name, 0);
            g->pair_room = false;
            i += g->npairs - pairs;
        }
        bool last = i + 1 >= o->numinsns;

        if (o->edge_classes) {
            gen_edge_after(g, gp, w, &since);
        }
        if (++since == o->checkpoint_every && !last) {
            gen_checkpoint(g);
            since = 0;
        }
    }
    g->label = "end";
    if (a->before_insn) {
        a->before_insn(g, 0);
    }
    gen_optrap(g, RISU_OP_COMPAREMEM, 0, 0);
    gen_optrap(g, RISU_OP_TESTEND, 0, 0);
    g->label = NULL;
    gen_flush(g);
    gen_block_free();
    gen_branch_free(g);
}
