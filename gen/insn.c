/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Making one instruction word for a pattern: rejection sampling.
 *
 * Each try fills the free bits from the PRNG (a share of immediates get
 * boundary values), puts an allowed register in every role field, sets
 * the '-' bits to the pattern's dontcare value, then accepts the word
 * only if
 *   - the arch accepts it (word_ok),
 *   - decoding it in its own namespace yields this very pattern (not an
 *     earlier member of a { } group) and every earlier namespace of the
 *     same width finds nothing (QEMU tries decoders in that order);
 *     RISU files (GenNs.own_match) are not decoders: there the pattern's
 *     own fixed bits decide, and they never claim another's word,
 *   - every role holds an allowed register (also for fields that could
 *     not be filled directly), every constraint holds,
 *   - a memory base and index are usable and differ from each other and
 *     from every other GPR operand.
 */
#include <string.h>

#include "gen/gen.h"

static uint64_t interesting_field(Prng *p, int width)
{
    uint64_t ones = width >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << width) - 1;
    switch (prng_below(p, 6)) {
    case 0:
        return 0;
    case 1:
        return 1;
    case 2:
        return ones;                    /* -1 if signed */
    case 3:
        return ones >> 1;               /* signed max */
    case 4:
        return (ones >> 1) + 1;         /* signed min */
    default:
        return ones - 1;
    }
}

/* Does the word decode as gp in QEMU's decoder order? */
static bool check_namespaces(const GenPatterns *ps, const GenPat *gp,
                             uint64_t w, int64_t *raw, GenWordStats *st)
{
    const DtPattern *p = gp->p;

    const GenNs *own = &ps->ns[gp->ns];
    const DtPattern *d;
    if (own->own_match) {
        /* RISU semantics: the word is its pattern's (fixed bits are
         * forced, so this only extracts the fields). */
        if (!dt_pattern_match(own->dt, p, w, raw)) {
            st->fail[GEN_FAIL_SHADOW]++;
            st->shadow = NULL;
            return false;
        }
        return true;
    }
    if ((d = dt_decode(own->dt, w, raw)) != p) {
        st->fail[GEN_FAIL_SHADOW]++;
        st->shadow = d;
        return false;
    }
    for (int i = 0; i < gp->ns && !own->own_match; i++) {
        if (ps->ns[i].width != gp->width || ps->ns[i].own_match) {
            continue;
        }
        /*
         * An earlier decoder claims the word only with a pattern the
         * target has: for the others QEMU's trans_ function returns
         * false and the next decoder gets the word (R6 and vendor
         * files reuse encodings of the base ISA).
         */
        d = dt_decode(ps->ns[i].dt, w, NULL);
        if (d && ps->pats[ps->nsbase[i] + (size_t)d->index].present) {
            st->fail[GEN_FAIL_SHADOW]++;
            st->shadow = d;
            return false;
        }
    }
    return true;
}

/* The pattern's argument values in w (which matches its fixed bits). */
static void pattern_args(const DtPattern *p, uint64_t w, int64_t *raw)
{
    for (int i = 0; i < p->nargs; i++) {
        const DtArg *a = &p->args[i];
        raw[i] = a->kind == DT_ARG_CONST ? a->value
                                         : dt_field_extract(a->field, w, raw,
                                                            p);
    }
}

/* The register a role names (an implicit mem role: the raw value). */
static int64_t role_reg(const GenTarget *t, const GenPat *gp, int role,
                        const int64_t *raw, int argidx)
{
    return role < 0 ? raw[argidx]
                    : gen_reg_number(t, gp->roles[role].cls, raw[argidx]);
}

/*
 * A memory base and index are usable and differ from each other and
 * from every other GPR operand (compared as register numbers).
 */
static bool check_mem_regs(const GenTarget *t, const GenPat *gp,
                           const int64_t *raw)
{
    const DtMem *m = &gp->p->annot.mem;
    int mem[2] = { m->baseidx, m->indexidx };
    int role[2] = { gp->base_role, gp->index_role };
    int64_t reg[2] = { 0, 0 };

    for (int k = 0; k < 2; k++) {
        if (mem[k] < 0) {
            continue;
        }
        reg[k] = role_reg(t, gp, role[k], raw, mem[k]);
        if (!t->arch->mem_reg_ok(t, reg[k])) {
            return false;
        }
        for (int i = 0; i < gp->nroles; i++) {
            const GenRole *r = &gp->roles[i];
            if (r->kind == GEN_REG_GPR && r->argidx != mem[k] &&
                role_reg(t, gp, i, raw, r->argidx) == reg[k]) {
                return false;
            }
        }
    }
    return mem[1] < 0 || reg[0] != reg[1];
}

/*
 * Registers, constraints, reserved values and the memory rule for the
 * argument values raw.  kind GEN_WORD_RESERVED wants a reserved value
 * (*which: the first that holds), GEN_WORD_ABSENT does not look.
 */
static bool check_operands(const GenTarget *t, const GenPat *gp,
                           GenWordKind kind, const int64_t *raw,
                           int64_t *dec, GenWordStats *st, int *which)
{
    const DtPattern *p = gp->p;
    const DtAnnot *an = &p->annot;

    for (int i = 0; gp->check_roles && i < gp->nroles; i++) {
        const GenRole *r = &gp->roles[i];
        if (!r->trusted && !t->arch->reg_ok(t, r->cls, raw[r->argidx])) {
            st->fail[GEN_FAIL_ROLE]++;
            return false;
        }
    }
    if (!gp->has_checks) {
        return kind != GEN_WORD_RESERVED;
    }
    for (int i = 0; i < p->nargs; i++) {
        dec[i] = gp->hasfunc[i] ? dt_func_eval(&gp->funcs[i], raw[i])
                                : raw[i];
    }
    for (int i = 0; i < an->nconstraints; i++) {
        bool fault = false;
        if (!dt_expr_eval(an->constraints[i], raw, dec, &fault) || fault) {
            st->fail[GEN_FAIL_CONSTRAINT]++;
            st->failed_constraint = i;
            return false;
        }
    }
    /* A reserved value is an edge word, never a normal one. */
    for (int i = 0; kind != GEN_WORD_ABSENT && i < an->nreserved; i++) {
        bool fault = false;
        bool hit = dt_expr_eval(an->reserved[i], raw, dec, &fault) || fault;
        if (hit && kind == GEN_WORD_RESERVED && !fault) {
            *which = i;
            kind = GEN_WORD_NORMAL;     /* found: the rest as normal */
            break;
        }
        if (hit && kind == GEN_WORD_NORMAL) {
            st->fail[GEN_FAIL_CONSTRAINT]++;
            st->failed_constraint = -1 - i;
            return false;
        }
    }
    if (kind == GEN_WORD_RESERVED) {
        st->fail[GEN_FAIL_CONSTRAINT]++;
        return false;
    }
    if (an->mem.present && !check_mem_regs(t, gp, raw)) {
        st->fail[GEN_FAIL_MEM]++;
        return false;
    }
    return true;
}

/* One try's word: free bits, roles, boundary immediates, dontcare. */
static uint64_t fill_word(const GenPat *gp, Prng *p)
{
    const DtPattern *pat = gp->p;
    uint64_t w = prng_next(p) & gp->freemask;

    if (gp->nimm && prng_below(p, 4) == 0) {
        /* Boundary immediates reach cases random bits rarely hit
         * (and constraints such as imm == 0). */
        int a = gp->immargs[prng_below(p, (uint32_t)gp->nimm)];
        const DtField *f = pat->args[a].field;
        w = dt_field_insert(f, w,
                            (int64_t)interesting_field(p,
                                                       dt_field_width(f)));
    }
    for (int i = 0; i < gp->nfast; i++) {
        const GenFast *f = &gp->fast[i];
        w = (w & ~f->mask) | (uint64_t)f->vals[prng_below(p, f->n)] << f->pos;
    }
    for (int i = 0; gp->nfast < gp->nroles && i < gp->nroles; i++) {
        const GenRole *r = &gp->roles[i];
        if (!r->fast && r->allowed) {
            w = dt_field_insert(r->field, w,
                                r->allowed[prng_below(p, (uint32_t)
                                                      r->nallowed)]);
        }
    }
    return ((w & gp->keepmask) | gp->fixedbits | gp->dcbits) & gp->widthmask;
}

bool gen_make_word(const GenPatterns *ps, const GenTarget *t, Prng *p,
                   const GenPat *gp, int tries, uint64_t *word,
                   int64_t *raw, int64_t *dec, GenWordStats *st)
{
    for (int k = 0; k < tries; k++) {
        uint64_t w = fill_word(gp, p);
        /* Seeds hold no reserved value: normal words only. */
        for (int i = 0; i < gp->nseeds; i++) {
            const GenSeeds *sd = &gp->seeds[i];
            w = (w & ~sd->mask) | sd->vals[prng_below(p, sd->n)];
        }
        if (t->arch->word_ok && !t->arch->word_ok(t, w, gp->width)) {
            st->fail[GEN_FAIL_WORD]++;
            continue;
        }
        if (check_namespaces(ps, gp, w, raw, st) &&
            check_operands(t, gp, GEN_WORD_NORMAL, raw, dec, st, NULL)) {
            *word = w;
            return true;
        }
    }
    return false;
}

bool gen_check_word(const GenPatterns *ps, const GenTarget *t,
                    const GenPat *gp, uint64_t w, int64_t *raw,
                    int64_t *dec)
{
    GenWordStats st;

    memset(&st, 0, sizeof(st));
    if (t->arch->word_ok && !t->arch->word_ok(t, w, gp->width)) {
        return false;
    }
    return check_namespaces(ps, gp, w, raw, &st) &&
           check_operands(t, gp, GEN_WORD_NORMAL, raw, dec, &st, NULL);
}

static bool is_trap(const GenTarget *t, uint64_t word, int width)
{
    const GenArch *a = t->arch;
    return (width == 32 || (width == 16 && a->trap_bytes == 2)) &&
           (word == a->trap_checkpoint || word == a->trap_op);
}

bool gen_make_edge_word(const GenPatterns *ps, const GenTarget *t, Prng *p,
                        const GenPat *gp, GenWordKind kind, int tries,
                        uint64_t *word, int64_t *raw, int64_t *dec,
                        int *which, GenWordStats *st)
{
    for (int k = 0; k < tries; k++) {
        uint64_t w = fill_word(gp, p);
        const DtPattern *c;
        if ((t->arch->word_ok && !t->arch->word_ok(t, w, gp->width)) ||
            is_trap(t, w, gp->width)) {
            st->fail[GEN_FAIL_WORD]++;
            continue;
        }
        pattern_args(gp->p, w, raw);
        if (!check_operands(t, gp, kind, raw, dec, st, which)) {
            continue;
        }
        c = gen_space_claimer(ps, w, gp->width, gp->p);
        if (c) {
            st->fail[GEN_FAIL_SHADOW]++;
            st->shadow = c;
            continue;
        }
        *word = w;
        return true;
    }
    return false;
}

bool gen_same_pattern(const DtPattern *a, const DtPattern *b)
{
    const char *fa = strrchr(a->file, '/'), *fb = strrchr(b->file, '/');
    return a == b || (a->line == b->line &&
                      !strcmp(fa ? fa + 1 : a->file, fb ? fb + 1 : b->file));
}

/* The pattern's own description says w is UNDEFINED (a reserved value). */
static bool reserved_holds(const DtPattern *p, uint64_t w)
{
    int64_t raw[DT_MAX_ARGS];

    if (!p->annot.nreserved) {
        return false;
    }
    pattern_args(p, w, raw);
    for (int i = 0; i < p->annot.nreserved; i++) {
        bool fault = false;
        if (dt_expr_eval(p->annot.reserved[i], raw, NULL, &fault) && !fault) {
            return true;
        }
    }
    return false;
}

/*
 * Does q claim w?  A pattern does not claim its own reserved values:
 * that is how an overlay on QEMU's files (or a second description of
 * the same instruction) leaves them to the edge generator.
 */
static bool claims_word(const GenPat *q, uint64_t w, const DtPattern *self)
{
    return q->claims && (w & q->p->fixedmask) == q->p->fixedbits &&
           !(self && gen_same_pattern(q->p, self)) &&
           !reserved_holds(q->p, w);
}

/* A claiming pattern of namespace i, not self, whose fixed bits w has. */
static const DtPattern *scan_claimer(const GenPatterns *ps, int i,
                                     uint64_t w, const DtPattern *self)
{
    size_t np = dt_set_npatterns(ps->ns[i].dt);
    for (size_t k = 0; k < np; k++) {
        const GenPat *q = &ps->pats[ps->nsbase[i] + k];
        if (claims_word(q, w, self)) {
            return q->p;
        }
    }
    return NULL;
}

const DtPattern *gen_ns_claimer(const GenPatterns *ps, int i, uint64_t w,
                                const DtPattern *self)
{
    const DtPattern *d = dt_decode(ps->ns[i].dt, w, NULL);
    if (!d) {
        return NULL;
    }
    if (claims_word(&ps->pats[ps->nsbase[i] + (size_t)d->index], w, self)) {
        return d;
    }
    /*
     * The decoder returned self or a pattern whose absence makes it
     * UNDEFINED; in a { } group a later member may still take the word
     * (QEMU's trans_ returns false and the group goes on).
     */
    return scan_claimer(ps, i, w, self);
}

const DtPattern *gen_space_claimer(const GenPatterns *ps, uint64_t w,
                                   int width, const DtPattern *self)
{
    for (int i = 0; i < ps->nns; i++) {
        const DtPattern *c;
        if (ps->ns[i].width == width &&
            (c = gen_ns_claimer(ps, i, w, self))) {
            return c;
        }
    }
    return NULL;
}

bool gen_word_undefined(const GenPatterns *ps, const GenTarget *t,
                        uint64_t word, int width)
{
    const GenArch *a = t->arch;
    if (a->word_ok && !a->word_ok(t, word, width)) {
        return false;
    }
    /* Only patterns whose absence is UNDEFINED count as undefined. */
    return !is_trap(t, word, width) &&
           !gen_space_claimer(ps, word, width, NULL);
}

/* ---- startup probe ---- */

static char *probe_message(const GenPatterns *ps, const GenPat *gp,
                           const GenWordStats *st, const char *kind)
{
    const DtPattern *p = gp->p;
    int worst = GEN_FAIL_ROLE;
    for (int i = GEN_FAIL_ROLE; i <= GEN_FAIL_WORD; i++) {
        if (st->fail[i] > st->fail[worst]) {
            worst = i;
        }
    }
    StrBuf b = { 0 };
    sb_printf(&b, "%s: %s: pattern %s cannot be generated: ", gen_where(p),
              kind, p->name);
    switch (worst) {
    case GEN_FAIL_SHADOW:
        if (st->shadow) {
            sb_printf(&b, "every word tried decodes as %s (%s)",
                      st->shadow->name, gen_where(st->shadow));
        } else {
            sb_puts(&b, "no word tried decodes as this pattern");
        }
        break;
    case GEN_FAIL_CONSTRAINT:
        if (st->failed_constraint < 0) {
            sb_printf(&b, "every word is reserved by '%s'",
                      dt_expr_text(p->annot.reserved[-1 -
                                                     st->failed_constraint]));
        } else {
            sb_printf(&b, "constraint '%s' is unsatisfiable",
                      dt_expr_text(p->annot.constraints[
                                       st->failed_constraint]));
        }
        break;
    case GEN_FAIL_MEM:
        sb_puts(&b, "no distinct usable memory base/index registers");
        break;
    case GEN_FAIL_WORD:
        sb_puts(&b, "the architecture rejects every word");
        break;
    default:
        sb_puts(&b, "no register of the role classes fits");
        break;
    }
    sb_printf(&b, " (no word in %d tries)", GEN_SOLVE_TRIES);
    (void)ps;
    return b.s;
}

void gen_probe_patterns(GenPatterns *ps, const GenTarget *t,
                        const GenOpts *o)
{
    size_t kept = 0, bad = 0;

    for (size_t i = 0; i < ps->nsel; i++) {
        GenPat *gp = ps->sel[i];
        GenWordStats st;
        Prng p;
        memset(&st, 0, sizeof(st));
        /* Its own stream: probing must not move the main sequence. */
        prng_seed(&p, 0x70726f6265ULL + i);
        const char *kind = o->drop_bad ? "warning" : "error";
        char *msg = NULL;
        if (gen_solve_pattern(ps, t, gp, &p, kind, &st, &msg)) {
            ps->sel[kept++] = gp;
            continue;
        }
        if (!msg) {
            msg = probe_message(ps, gp, &st, kind);
        }
        if (o->drop_bad) {
            fprintf(stderr, "%s; skipped\n", msg);
        } else {
            fprintf(stderr, "%s\n", msg);
            bad++;
        }
        free(msg);
        gp->selected = false;
    }
    if (bad) {
        gen_fatal("%zu selected pattern(s) cannot be generated (use "
                  "--not-pattern, or --drop-unsatisfiable)", bad);
    }
    ps->nsel = kept;
    if (!kept) {
        gen_fatal("no pattern selected: none of them can be generated");
    }
    gen_rebuild_weights(ps);
}

/*
 * Is w, after the generator changed a field of it (a solved offset, a
 * paired address), still a normal word of gp?  The same checks as a
 * drawn word gets (gen_check_word), the branch solver's too.
 */
bool gen_word_still_ok(GenCtx *g, const GenPat *gp, uint64_t w)
{
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];

    return gen_check_word(g->ps, &g->target, gp, w, raw, dec);
}
