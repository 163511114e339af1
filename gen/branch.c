/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Branch groups: a pattern with a "#@ branch" directive is emitted as
 *
 *   [operand fix-ups]  [condition set-up]  [SETADDR reg := T]
 *   B   the branch, its offset field solved for the target T
 *   [S] delay-slot instruction (slot)
 *   F1..Fk  fall-through instructions, k in 0..3
 *   CHECKPOINT          the not-taken path ends here
 *   [CODEOFF link]      the link register as an image offset
 *   CHECKPOINT          join: both paths reach it
 *
 * T is one of the Fi, the first checkpoint, the CODEOFF or the join, so
 * control only moves forward inside the image.  S and the Fi come from
 * a pool of patterns that need no set-up or clean-up code (nothing may
 * come between a branch and its slot), are not branches and are not
 * tagged noslot.  The branch line of the metadata gets " join=HEX", S
 * and the Fi " slot=HEX" (the branch's offset): a runner resumes at the
 * join after a fault the kernel reports at the branch (a delay slot).
 */
#include <inttypes.h>
#include <string.h>

#include "gen/gen.h"
#include "format/image.h"

enum { BR_MAXFALL = 3, BR_TRIES = 1000, BR_REDRAW = 100 };

struct GenBranchCtx {
    GenPat **pool;          /* candidates for slots and fall-throughs */
    size_t npool;
    int64_t *slope;         /* per pattern (rel/abs): target per unit */
};

/* One drawn instruction of the group. */
typedef struct BrInsn {
    const GenPat *gp;
    uint64_t w;
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
} BrInsn;

static bool has_tag(const DtPattern *p, const char *tag)
{
    for (int i = 0; i < p->annot.ntags; i++) {
        if (!strcmp(p->annot.tags[i], tag)) {
            return true;
        }
    }
    return false;
}

/*
 * Nothing may sit between a branch and its slot: no set-up, clean-up,
 * literal pool or CODEOFF (pcrel).
 */
static bool slot_ok(const GenPat *gp)
{
    return !gen_is_branch(gp) && !gp->has_mem && !gp->has_prep &&
           !gp->after_flags && !gp->has_after &&
           !gp->p->annot.pcrel.present && !has_tag(gp->p, "noslot");
}

/*
 * The pool: the selected patterns that fit a slot; when the selection
 * has none (--group branch), every pattern the target has that the
 * options do not exclude by name or weight.
 */
static void build_pool(GenCtx *g, GenBranchCtx *bc)
{
    GenPatterns *ps = g->ps;
    /* The inputs' patterns; a --space list's follow them. */
    size_t nuser = ps->nuser < ps->nns ? ps->nsbase[ps->nuser] : ps->npats;

    bc->pool = xcalloc(nuser + 1, sizeof(*bc->pool));
    for (size_t i = 0; i < ps->nsel; i++) {
        if (slot_ok(ps->sel[i])) {
            bc->pool[bc->npool++] = ps->sel[i];
        }
    }
    if (bc->npool) {
        return;
    }
    GenOpts o = *g->opts;
    o.ngroups = 0;
    o.npatterns = 0;
    GenSelector *s = gen_selector_new(&o);
    for (size_t i = 0; i < nuser; i++) {
        GenPat *gp = &ps->pats[i];
        if (gp->present && slot_ok(gp) &&
            gen_selector_judge(s, gp->p, true, gp->weight, false) ==
            GEN_SEL_IN) {
            bc->pool[bc->npool++] = gp;
        }
    }
    gen_selector_free(s);
}

static int64_t eval_target(const GenPat *gp, const int64_t *raw,
                           const int64_t *dec, bool *fault)
{
    return dt_expr_eval(gp->p->annot.branch.target, raw, dec, fault);
}

/* rel/abs: the target must be linear in the solved field (3 points). */
static int64_t check_linear(const GenPat *gp)
{
    const DtBranch *b = &gp->p->annot.branch;
    const DtPattern *p = gp->p;
    int64_t raw[DT_MAX_ARGS] = { 0 }, dec[DT_MAX_ARGS] = { 0 }, v[3];
    bool fault = false, f;

    if (p->args[b->fieldidx].kind != DT_ARG_FIELD ||
        !dt_field_insertable(p->args[b->fieldidx].field)) {
        gen_fatal("%s:%d: error: pattern %s: branch field=%s is not an "
                  "instruction field risugen can set", b->file, b->line,
                  p->name, b->field);
    }
    for (int x = 0; x < 3; x++) {
        raw[b->fieldidx] = dec[b->fieldidx] = x;
        v[x] = eval_target(gp, raw, dec, &f);
        fault |= f;
    }
    if (fault || v[1] == v[0] || v[2] - v[1] != v[1] - v[0]) {
        gen_fatal("%s:%d: error: pattern %s: branch target '%s' is not "
                  "linear in field %s", b->file, b->line, p->name,
                  dt_expr_text(b->target), b->field);
    }
    return v[1] - v[0];
}

void gen_branch_init(GenCtx *g)
{
    GenPatterns *ps = g->ps;
    GenBranchCtx *bc;
    bool any = false;

    for (size_t i = 0; i < ps->nsel && !any; i++) {
        any = gen_is_branch(ps->sel[i]);
    }
    if (!any) {
        return;
    }
    bc = xcalloc(1, sizeof(*bc));
    bc->slope = xcalloc(ps->npats, sizeof(*bc->slope));
    for (size_t i = 0; i < ps->nsel; i++) {
        const GenPat *gp = ps->sel[i];
        DtBranchKind k = gp->p->annot.branch.kind;
        if (k == DT_BRANCH_REL || k == DT_BRANCH_ABS) {
            bc->slope[gp - ps->pats] = check_linear(gp);
        }
    }
    build_pool(g, bc);
    g->br = bc;
}

void gen_branch_free(GenCtx *g)
{
    if (g->br) {
        free(g->br->pool);
        free(g->br->slope);
        free(g->br);
        g->br = NULL;
    }
}

/* The pool index of the n-th entry of `width` bits. */
static size_t nth_of_width(const GenBranchCtx *bc, int width, uint64_t n)
{
    size_t i = 0;

    for (;; i++) {
        if (bc->pool[i]->width == width && !n--) {
            return i;
        }
    }
}

/* A slot or fall-through instruction from the pool; width 0: any. */
static void draw_pool(GenCtx *g, BrInsn *in, int width)
{
    GenBranchCtx *bc = g->br;
    GenWordStats st;

    for (int k = 0; k < BR_REDRAW && bc->npool; k++) {
        size_t i, nw = 0;

        for (size_t j = 0; width && j < bc->npool; j++) {
            nw += bc->pool[j]->width == width;
        }
        if (width && !nw) {
            break;
        }
        i = width ? nth_of_width(bc, width, prng_below(&g->prng, nw))
                  : prng_below(&g->prng, bc->npool);
        memset(&st, 0, sizeof(st));
        in->gp = bc->pool[i];
        if (gen_make_word(g->ps, &g->target, &g->prng, in->gp, BR_TRIES,
                          &in->w, in->raw, in->dec, &st)) {
            return;
        }
        /* Never generable (its constraints): drop it from the pool. */
        bc->pool[i] = bc->pool[--bc->npool];
    }
    gen_fatal("branch: no pattern can fill a delay slot%s or fall-through "
              "(none is selected or present that needs no set-up, is not "
              "a branch and is not tagged noslot)",
              width == 16 ? " of 16 bits" : width == 32 ? " of 32 bits" : "");
}

/*
 * Set the field so the target expression gives `want`; checks the word
 * still decodes as gp with valid operands.  Returns false if it can't.
 */
static bool solve(GenCtx *g, const GenPat *gp, BrInsn *br, int64_t want)
{
    const DtBranch *b = &gp->p->annot.branch;
    const DtField *f = gp->p->args[b->fieldidx].field;
    int64_t slope = g->br->slope[gp - g->ps->pats], a, x, cand[2];
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    int n = 0;
    bool fault;

    memcpy(raw, br->raw, sizeof(raw));
    memcpy(dec, br->dec, sizeof(dec));
    raw[b->fieldidx] = dec[b->fieldidx] = 0;
    a = eval_target(gp, raw, dec, &fault);
    if (fault || (want - a) % slope) {
        return false;
    }
    x = (want - a) / slope;
    /* x is the decoded value; a field with a !function needs its
     * inverse, unless the expression read the raw value. */
    if (f->func && dt_func_invert(f->func, x, &cand[n])) {
        n++;
    }
    cand[n++] = x;
    for (int i = 0; i < n; i++) {
        uint64_t w = dt_field_insert(f, br->w, cand[i]);
        if (gen_check_word(g->ps, &g->target, gp, w, raw, dec) &&
            eval_target(gp, raw, dec, &fault) == want && !fault) {
            br->w = w;
            memcpy(br->raw, raw, sizeof(raw));
            memcpy(br->dec, dec, sizeof(dec));
            return true;
        }
    }
    return false;
}

/* Registers a conditional branch compares: equal or zero at times. */
static void condition_setup(GenCtx *g, const GenPat *gp, const int64_t *raw)
{
    static const int64_t vals[] = { 0, 0, 1, -1 };
    const DtBranch *b = &gp->p->annot.branch;
    const GenArch *a = g->target.arch;
    int64_t v;

    if (!b->cond || prng_below(&g->prng, 2)) {
        return;
    }
    v = vals[prng_below(&g->prng, 4)];
    g->label = "branch condition";
    for (int i = 0; i < gp->nroles; i++) {
        const GenRole *r = &gp->roles[i];
        int64_t reg = gen_reg_number(&g->target, r->cls, raw[r->argidx]);
        if (r->kind == GEN_REG_GPR && r->argidx != b->regidx &&
            r->argidx != b->linkidx && a->mem_reg_ok(&g->target, reg)) {
            a->set_reg_small(g, (int)reg, v);
        }
    }
}

/* The link register to convert to an image offset, or -1. */
static int link_reg(const GenCtx *g, const GenPat *gp, const int64_t *raw)
{
    const DtBranch *b = &gp->p->annot.branch;
    int64_t r = b->linkidx >= 0 ? gen_arg_reg(&g->target, gp, b->linkidx, raw)
                                : b->linkreg;

    return r >= 0 && g->target.arch->mem_reg_ok(&g->target, r) ? (int)r
                                                                 : -1;
}

/* Offsets of the group, from the branch at B. */
typedef struct BrLayout {
    uint64_t b, cp, codeoff, join;
    int link;               /* register for CODEOFF, or -1 */
} BrLayout;

static void layout(GenCtx *g, BrLayout *l, const BrInsn *in, int n,
                   uint64_t b)
{
    int tb = g->target.arch->trap_bytes;
    uint64_t o = b + (uint64_t)in[0].gp->width / 8;

    l->b = b;
    for (int i = 1; i < n; i++) {
        o += (uint64_t)in[i].gp->width / 8;
    }
    l->cp = o;
    l->codeoff = o + (uint64_t)tb;
    l->join = l->codeoff + (l->link >= 0 ? (uint64_t)tb + 8 : 0);
}

/* Forward targets: the fall-throughs, the checkpoint, CODEOFF/join. */
static int targets(const BrLayout *l, const BrInsn *in, int n, int nslot,
                   uint64_t *t)
{
    uint64_t o = l->b + (uint64_t)in[0].gp->width / 8;
    int k = 0;

    for (int i = 1; i < n; i++) {
        if (i > nslot) {
            t[k++] = o;
        }
        o += (uint64_t)in[i].gp->width / 8;
    }
    t[k++] = l->cp;
    t[k++] = l->codeoff;    /* the join itself when there is no link */
    return k;
}

/* Pick a target and make the branch reach it: false if none works. */
static bool aim(GenCtx *g, const GenPat *gp, BrInsn *in, int n, int nslot,
                const BrLayout *l, uint64_t *tgt)
{
    const DtBranch *b = &gp->p->annot.branch;
    uint64_t t[BR_MAXFALL + 4];
    int nt = targets(l, in, n, nslot, t);

    for (int tries = 0; nt > 0 && tries < 2 * BR_MAXFALL + 8; tries++) {
        int i = (int)prng_below(&g->prng, (uint64_t)nt);
        if (b->kind == DT_BRANCH_REG ||
            solve(g, gp, &in[0], b->kind == DT_BRANCH_REL ?
                  (int64_t)(t[i] - l->b) : (int64_t)t[i])) {
            *tgt = t[i];
            return true;
        }
        t[i] = t[--nt];
    }
    return false;
}

/* May the branch word be used as drawn (a usable target register)? */
static bool usable(GenCtx *g, const GenPat *gp, const BrInsn *br)
{
    const DtBranch *b = &gp->p->annot.branch;

    return b->kind != DT_BRANCH_REG ||
           g->target.arch->mem_reg_ok(&g->target,
                                      gen_arg_reg(&g->target, gp, b->regidx,
                                                  br->raw));
}

static void emit_group(GenCtx *g, const GenPat *gp, BrInsn *in, int n,
                       const BrLayout *l)
{
    const char *name = gp->name[0] ? gp->name : gp->p->name;

    snprintf(g->note_attr, sizeof(g->note_attr), " join=%" PRIx64,
             l->join);
    g->label = name;
    gen_note_insn(g, gp, name, 0);
    gen_emit_word(g, gp, in[0].w, 0);
    for (int i = 1; i < n; i++) {
        const GenPat *sp = in[i].gp;
        snprintf(g->note_attr, sizeof(g->note_attr), " slot=%" PRIx64,
                 l->b);
        gen_test_insn(g, sp, in[i].w, in[i].raw, in[i].dec,
                      sp->name[0] ? sp->name : sp->p->name, 0);
        ((GenPat *)sp)->generated++;
    }
    gen_checkpoint(g);
    if (l->link >= 0) {
        g->label = "link offset";
        gen_optrap(g, RISU_OP_CODEOFF, l->link, 0);
    }
    if (g->off != l->join) {
        gen_fatal("internal error: branch %s: join at 0x%" PRIx64 ", "
                  "expected 0x%" PRIx64, name, g->off, l->join);
    }
    gen_checkpoint(g);
}

uint64_t gen_branch(GenCtx *g, const GenPat *gp, uint64_t w, int64_t *raw,
                    int64_t *dec, uint64_t max)
{
    const DtBranch *b = &gp->p->annot.branch;
    const GenArch *a = g->target.arch;
    BrInsn in[2 + BR_MAXFALL];
    BrLayout l;
    GenWordStats st;
    uint64_t tgt = 0, k = prng_below(&g->prng, BR_MAXFALL + 1);
    int nslot = b->slot > 0, n;

    in[0].gp = gp;
    in[0].w = w;
    memcpy(in[0].raw, raw, sizeof(in[0].raw));
    memcpy(in[0].dec, dec, sizeof(in[0].dec));
    for (int r = 0; !usable(g, gp, &in[0]); r++) {
        memset(&st, 0, sizeof(st));
        if (r == BR_REDRAW ||
            !gen_make_word(g->ps, &g->target, &g->prng, gp, BR_TRIES,
                           &in[0].w, in[0].raw, in[0].dec, &st)) {
            gen_fatal("%s:%d: error: pattern %s: no usable target register "
                      "for reg=%s", b->file, b->line, gp->p->name, b->reg);
        }
    }
    k = max > 1 + (uint64_t)nslot + k ? k :
        max > 1 + (uint64_t)nslot ? max - 1 - (uint64_t)nslot : 0;
    /*
     * Never a trap in a forbidden slot: QEMU reports an exception there
     * at the compact branch, as for a delay slot, so a checkpoint would
     * look like a fault of the branch.
     */
    if (b->forbidden && k == 0) {
        k = 1;
    }
    n = 1 + nslot + (int)k;
    for (int i = 1; i < n; i++) {
        draw_pool(g, &in[i], i <= nslot ? b->slotwidth : 0);
    }
    if (gp->has_prep) {
        gen_prepare_operands(g, gp, in[0].raw);
    }
    condition_setup(g, gp, in[0].raw);
    l.link = link_reg(g, gp, in[0].raw);
    layout(g, &l, in, n, g->off + (b->kind == DT_BRANCH_REG ?
                                   (uint64_t)a->trap_bytes + 8 : 0));
    if (!aim(g, gp, in, n, nslot, &l, &tgt)) {
        gen_fatal("%s:%d: error: pattern %s: no value of field %s reaches "
                  "a target a few instructions ahead", b->file, b->line,
                  gp->p->name, b->field);
    }
    if (b->kind == DT_BRANCH_REG) {
        bool fault = false;
        int64_t plus = b->target ? eval_target(gp, in[0].raw, in[0].dec,
                                               &fault) : 0;
        g->label = "branch target";
        gen_optrap(g, RISU_OP_SETADDR,
                   (int)gen_arg_reg(&g->target, gp, b->regidx, in[0].raw),
                   (int32_t)((int64_t)tgt - plus));
    }
    if (g->ps->nns > g->ps->nuser) {
        gen_self_check(g->ps, gp, in[0].w);
    }
    emit_group(g, gp, in, n, &l);
    if (gp->after_flags || gp->has_after) {
        gen_clean_up(g, gp, in[0].raw);
    }
    return (uint64_t)n;
}
