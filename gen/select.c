/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Choosing the patterns to generate: each loaded pattern is prepared
 * (register roles, immediates, feature masks) and selected by the
 * target's features, --group, --pattern, --not-pattern and weights.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen.h"
#include "tools/lib/json.h"

/* ---- per-pattern preparation ---- */

static const char **class_names(const GenArch *a, size_t *n)
{
    *n = 0;
    while (a->reg_class_names && a->reg_class_names[*n]) {
        (*n)++;
    }
    return (const char **)a->reg_class_names;
}

static void add_role(GenPat *gp, const GenTarget *t, int argidx, int cls,
                     const char *clsname, bool implicit, const char *file,
                     int line)
{
    const DtPattern *p = gp->p;
    const DtArg *arg = &p->args[argidx];
    gp->roles = xrealloc(gp->roles, (gp->nroles + 1) * sizeof(*gp->roles));
    GenRole *r = &gp->roles[gp->nroles++];
    memset(r, 0, sizeof(*r));
    r->argidx = argidx;
    r->cls = cls;
    r->kind = t->arch->reg_kind(cls);
    r->implicit = implicit;
    if (arg->kind != DT_ARG_FIELD) {
        return;
    }
    r->field = arg->field;
    r->insertable = dt_field_insertable(arg->field);
    int w = dt_field_width(arg->field);
    if (!r->insertable || w > 12) {
        return;         /* checked after decoding instead */
    }
    r->allowed = xcalloc((size_t)1 << w, sizeof(int64_t));
    for (int64_t v = 0; v < (int64_t)1 << w; v++) {
        uint64_t word = dt_field_insert(r->field, 0, v);
        int64_t raw = dt_field_extract(r->field, word, NULL, p);
        bool dup = false;
        for (int k = 0; k < r->nallowed && !dup; k++) {
            dup = r->allowed[k] == raw;
        }
        if (!dup && t->arch->reg_ok(t, cls, raw)) {
            r->allowed[r->nallowed++] = raw;
        }
    }
    if (!r->nallowed) {
        gen_fatal("%s:%d: error: pattern %s: no register of class %s fits "
                  "field %s on this target", file, line, p->name,
                  clsname, arg->name);
    }
    const DtField *f = r->field;
    if (f->nsegs == 1 && !f->segs[0].sign && w <= 8 &&
        f->segs[0].pos + w <= 64) {
        r->simple = true;
        r->pos = f->segs[0].pos;
        r->mask = (((uint64_t)1 << w) - 1) << r->pos;
    }
}

/* Which roles need no re-check; the inline copies of the simple ones. */
static void finish_roles(GenPat *gp)
{
    const DtPattern *p = gp->p;
    for (int i = 0; i < gp->nroles; i++) {
        GenRole *r = &gp->roles[i];
        if (!r->simple) {
            gp->check_roles = true;
            continue;
        }
        r->trusted = !(r->mask & (p->fixedmask | p->dontcaremask));
        for (int j = 0; j < gp->nroles; j++) {
            const GenRole *o = &gp->roles[j];
            if (j != i && (!o->simple || (o->mask & r->mask)) &&
                o->argidx != r->argidx) {
                r->trusted &= o->simple && !(o->mask & r->mask);
            }
        }
        gp->check_roles |= !r->trusted;
        if (gp->nfast < GEN_FAST_ROLES && r->nallowed <= 32 &&
            r->mask >> r->pos < 32) {
            GenFast *f = &gp->fast[gp->nfast++];
            f->mask = r->mask;
            f->pos = (uint8_t)r->pos;
            f->n = (uint8_t)r->nallowed;
            for (int k = 0; k < r->nallowed; k++) {
                f->vals[k] = (uint8_t)r->allowed[k];
            }
            r->fast = true;
        }
    }
}

/* A memory base/index must also be a register the runner can set. */
static void restrict_mem_role(GenPat *gp, const GenTarget *t, int argidx)
{
    for (int i = 0; i < gp->nroles; i++) {
        GenRole *r = &gp->roles[i];
        if (r->argidx != argidx || !r->allowed) {
            continue;
        }
        /* Shrinks allowed before finish_roles copies it to bytes. */
        int n = 0;
        for (int k = 0; k < r->nallowed; k++) {
            if (t->arch->mem_reg_ok(t, gen_reg_number(t, r->cls,
                                                      r->allowed[k]))) {
                r->allowed[n++] = r->allowed[k];
            }
        }
        r->nallowed = n;
        if (!n) {
            gen_fatal("%s:%d: error: pattern %s: no register usable as a "
                      "memory base/index fits field %s", gp->p->file,
                      gp->p->line, gp->p->name, gp->p->args[argidx].name);
        }
    }
}

static int find_role(const GenPat *gp, int argidx)
{
    for (int i = 0; i < gp->nroles; i++) {
        if (gp->roles[i].argidx == argidx) {
            return i;
        }
    }
    return -1;
}

int64_t gen_arg_reg(const GenTarget *t, const GenPat *gp, int argidx,
                    const int64_t *raw)
{
    int r = find_role(gp, argidx);

    return r < 0 ? raw[argidx]
                 : gen_reg_number(t, gp->roles[r].cls, raw[argidx]);
}

/* Copy the pattern's masks and annotations GenPat keeps inline. */
static void prep_basics(GenPat *gp)
{
    const DtPattern *p = gp->p;
    const DtAnnot *an = &p->annot;

    gp->width = p->width;
    gp->keepmask = ~p->fixedmask & ~p->dontcaremask;
    gp->has_checks = an->nconstraints > 0 || an->nreserved > 0 ||
                     an->mem.present;
    gp->has_mem = an->mem.present;
    if (strlen(p->name) < sizeof(gp->name)) {
        strcpy(gp->name, p->name);
    }
    gp->fixedbits = p->fixedbits;
    gp->widthmask = p->width >= 64 ? ~(uint64_t)0
                                   : ((uint64_t)1 << p->width) - 1;
    gp->freemask = gp->widthmask & ~p->fixedmask & ~p->dontcaremask;
    gp->dcbits = an->has_dontcare ? an->dontcare & p->dontcaremask : 0;
    gp->weight = gen_pattern_weight(p);
    gp->base_role = gp->index_role = -1;
}

/* The `reg` annotations' roles. */
static void prep_reg_roles(GenPat *gp, const GenTarget *t)
{
    const DtAnnot *an = &gp->p->annot;
    const GenArch *a = t->arch;

    for (int i = 0; i < an->nroles; i++) {
        const DtRegRole *rr = &an->roles[i];
        if (rr->argidx < 0) {
            continue;
        }
        int cls = a->reg_class(rr->cls);
        if (cls < 0) {
            size_t n;
            const char **names = class_names(a, &n);
            StrBuf b = { 0 };
            gen_fatal("%s:%d: error: unknown register class '%s' for %s%s",
                      rr->file, rr->line, rr->cls, a->family,
                      suggest_names(&b, rr->cls, names, n));
        }
        add_role(gp, t, rr->argidx, cls, rr->cls, false, rr->file,
                 rr->line);
    }
}

/* A memory operand's base and index: gpr roles the runner can set. */
static void prep_mem_roles(GenPat *gp, const GenTarget *t)
{
    const DtAnnot *an = &gp->p->annot;
    if (!an->mem.present) {
        return;
    }
    int gpr = t->arch->reg_class("gpr");
    int idx[2] = { an->mem.baseidx, an->mem.indexidx };
    for (int k = 0; k < 2; k++) {
        if (idx[k] < 0) {
            continue;
        }
        int r = find_role(gp, idx[k]);
        if (r < 0) {
            add_role(gp, t, idx[k], gpr, "gpr", true, an->mem.file,
                     an->mem.line);
            r = gp->nroles - 1;
        }
        restrict_mem_role(gp, t, idx[k]);
        if (k == 0) {
            gp->base_role = r;
        } else {
            gp->index_role = r;
        }
    }
}

/* Which roles the arch's prepare/after hooks apply to. */
static void prep_arch_hooks(GenPat *gp, const GenTarget *t)
{
    const GenArch *a = t->arch;
    const DtAnnot *an = &gp->p->annot;

    for (int i = 0; i < gp->nroles; i++) {
        GenRole *r = &gp->roles[i];
        r->prep = a->prepare_reg && i != gp->base_role &&
                  i != gp->index_role &&
                  (!a->prepare_cls || a->prepare_cls(t, r->cls));
        gp->has_prep |= r->prep;
        r->after = a->after_reg && a->after_cls && a->after_cls(t, r->cls);
        gp->has_after |= r->after;
    }
    if (a->tag_flags) {
        gp->after_flags = a->tag_flags(t, (const char *const *)an->tags,
                                       an->ntags);
    }
}

/* Field functions, and the insertable arguments that are immediates. */
static void prep_args(GenPat *gp)
{
    const DtPattern *p = gp->p;

    gp->funcs = xcalloc((size_t)p->nargs + 1, sizeof(*gp->funcs));
    gp->hasfunc = xcalloc((size_t)p->nargs + 1, sizeof(bool));
    gp->immargs = xcalloc((size_t)p->nargs + 1, sizeof(int));
    for (int i = 0; i < p->nargs; i++) {
        const DtArg *arg = &p->args[i];
        if (arg->kind != DT_ARG_FIELD) {
            continue;
        }
        if (arg->field->func) {
            gp->hasfunc[i] = dt_func_resolve(arg->field->func, &gp->funcs[i]);
        }
        if (find_role(gp, i) < 0 && dt_field_insertable(arg->field) &&
            dt_field_width(arg->field) > 1) {
            gp->immargs[gp->nimm++] = i;
        }
    }
}

/* `requires` as feature masks. */
static void prep_requires(GenPat *gp, const GenArch *a)
{
    const DtPattern *p = gp->p;
    const DtAnnot *an = &p->annot;

    for (int i = 0; i < an->nrequires; i++) {
        bool neg;
        int f = gen_feature_lookup(a, an->requires[i], &neg);
        if (f < 0) {
            const char **names = xcalloc((size_t)a->nfeatures, sizeof(char *));
            for (int k = 0; k < a->nfeatures; k++) {
                names[k] = a->features[k].name;
            }
            StrBuf b = { 0 };
            const char *want = an->requires[i] + (an->requires[i][0] == '!');
            gen_fatal("%s:%d: error: pattern %s requires unknown %s feature "
                      "'%s'%s", p->file, p->line, p->name, a->family, want,
                      suggest_names(&b, want, names, (size_t)a->nfeatures));
        }
        if (neg) {
            gp->forbidmask |= GEN_FEAT(f);
        } else {
            gp->reqmask |= GEN_FEAT(f);
        }
    }
}

static void prepare_pattern(GenPat *gp, const GenTarget *t)
{
    prep_basics(gp);
    prep_reg_roles(gp, t);
    prep_mem_roles(gp, t);
    finish_roles(gp);
    prep_arch_hooks(gp, t);
    prep_args(gp);
    prep_requires(gp, t->arch);
}

/* ---- selection ---- */

static regex_t *compile_res(char **res, size_t n, const char *opt)
{
    regex_t *v = xcalloc(n ? n : 1, sizeof(*v));
    for (size_t i = 0; i < n; i++) {
        /* Whole-name match, as Linaro's \b...\b does for plain names. */
        char *full = xasprintf("^(%s)$", res[i]);
        int rc = regcomp(&v[i], full, REG_EXTENDED | REG_NOSUB);
        if (rc) {
            char msg[256];
            regerror(rc, &v[i], msg, sizeof(msg));
            gen_fatal("%s '%s': %s", opt, res[i], msg);
        }
        free(full);
    }
    return v;
}

static bool has_tag(const DtPattern *p, const char *tag)
{
    for (int i = 0; i < p->annot.ntags; i++) {
        if (!strcmp(p->annot.tags[i], tag)) {
            return true;
        }
    }
    return false;
}

static const char **all_names(const GenPatterns *ps)
{
    const char **v = xcalloc(ps->npats + 1, sizeof(*v));
    for (size_t i = 0; i < ps->npats; i++) {
        v[i] = ps->pats[i].p->name;
    }
    return v;
}

/* Selection state: compiled REs, which options matched, why not. */
struct GenSelector {
    const GenOpts *o;
    int nuser;
    regex_t *pre, *npre;
    bool *pused, *nused, *gused;
    size_t n_never, n_feat, n_group, n_pat, n_w0;
    const GenPat *feat_example;
};
typedef struct GenSelector Selector;

static void selector_init(Selector *s, const GenOpts *o)
{
    memset(s, 0, sizeof(*s));
    s->o = o;
    s->pre = compile_res(o->patterns, o->npatterns, "--pattern");
    s->npre = compile_res(o->notpatterns, o->nnotpatterns, "--not-pattern");
    s->pused = xcalloc(o->npatterns + 1, sizeof(bool));
    s->nused = xcalloc(o->nnotpatterns + 1, sizeof(bool));
    s->gused = xcalloc(o->ngroups + 1, sizeof(bool));
}

static void selector_free(Selector *s)
{
    for (size_t k = 0; k < s->o->npatterns; k++) {
        regfree(&s->pre[k]);
    }
    for (size_t k = 0; k < s->o->nnotpatterns; k++) {
        regfree(&s->npre[k]);
    }
    free(s->pre);
    free(s->npre);
    free(s->pused);
    free(s->nused);
    free(s->gused);
}

GenSelector *gen_selector_new(const GenOpts *o)
{
    GenSelector *s = xmalloc(sizeof(*s));

    selector_init(s, o);
    return s;
}

void gen_selector_free(GenSelector *s)
{
    if (s) {
        selector_free(s);
        free(s);
    }
}

unsigned gen_pattern_weight(const DtPattern *p)
{
    return p->annot.has_weight ? p->annot.weight : 1;
}

/* Is the pattern in one of the --groups (true without --group)? */
static bool in_groups(const DtPattern *p, const GenOpts *o)
{
    bool in = !o->ngroups;
    for (size_t g = 0; g < o->ngroups && !in; g++) {
        in = has_tag(p, o->groups[g]);
    }
    return in;
}

static bool group_asked(const GenOpts *o, const char *tag)
{
    for (size_t g = 0; g < o->ngroups; g++) {
        if (!strcmp(o->groups[g], tag)) {
            return true;
        }
    }
    return false;
}

GenSelWhy gen_selector_judge(GenSelector *s, const DtPattern *p,
                             bool present, unsigned weight, bool user)
{
    const GenOpts *o = s->o;
    bool named = false, ok = true;

    for (size_t g = 0; g < o->ngroups; g++) {
        s->gused[g] |= user && has_tag(p, o->groups[g]);
    }
    for (size_t k = 0; k < o->npatterns; k++) {
        if (!regexec(&s->pre[k], p->name, 0, NULL, 0)) {
            s->pused[k] |= user;
            named = true;
        }
    }
    for (size_t k = 0; k < o->nnotpatterns; k++) {
        if (!regexec(&s->npre[k], p->name, 0, NULL, 0)) {
            s->nused[k] |= user;
            ok = false;
        }
    }
    if (p->annot.never) {
        return GEN_SEL_NEVER;
    } else if (!present) {
        return GEN_SEL_FEATURE;
    } else if (!in_groups(p, o) ||
               ((p->annot.branch.kind != DT_BRANCH_NONE ||
                 p->annot.block.present) &&
                !named && !group_asked(o, "branch"))) {
        /* Branch groups and blocks (IT) are opt-in: images without them
         * stay as they were before they could be generated. */
        return GEN_SEL_GROUP;
    } else if ((o->npatterns && !named) || !ok) {
        return GEN_SEL_PATTERN;
    } else if (weight == 0 && !named) {
        return GEN_SEL_WEIGHT0;
    }
    return GEN_SEL_IN;
}

/* Decide one pattern, counting why it is left out. */
static void select_one(Selector *s, GenPat *gp, const GenTarget *t)
{
    /* Options count as used by the inputs' patterns, not the space's. */
    bool user = gp->ns < s->nuser;
    GenSelWhy why, if_present;

    /* Present even if never generated: it still claims its words. */
    gp->present = !(gp->reqmask & ~t->features) &&
                  !(gp->forbidmask & t->features);
    bool undef = !gp->present && t->arch->undef_when_absent &&
                 !(gp->forbidmask & t->features) &&
                 !(gp->reqmask & ~t->features &
                   ~t->arch->undef_when_absent(t));
    why = gen_selector_judge(s, gp->p, gp->present, gp->weight, user);
    /* Absent and UNDEFINED: what the options would take if present. */
    if_present = gp->present ? why : gen_selector_judge(s, gp->p, true,
                                                        gp->weight, user);
    gp->claims = !undef;
    gp->absent_undef = undef && (if_present == GEN_SEL_IN ||
                                 if_present == GEN_SEL_WEIGHT0);
    if (!user) {
        return;             /* the encoding space: judged, not generated */
    }
    switch (why) {
    case GEN_SEL_NEVER:
        s->n_never++;
        break;
    case GEN_SEL_FEATURE:
        s->n_feat++;
        s->feat_example = s->feat_example ? s->feat_example : gp;
        break;
    case GEN_SEL_GROUP:
        s->n_group++;
        break;
    case GEN_SEL_PATTERN:
        s->n_pat++;
        break;
    case GEN_SEL_WEIGHT0:
        s->n_w0++;
        break;
    case GEN_SEL_IN:
        gp->weight = gp->weight ? gp->weight : 1;
        gp->selected = true;
        break;
    }
}

/*
 * Files the default list left out for features the target lacks: a tag
 * or pattern of theirs is not unknown, the target does not have it.
 */
static const char *skipped_note(StrBuf *b, const GenOpts *o)
{
    if (!o->list_skipped) {
        return "";
    }
    sb_printf(b, "; %s left out %s for features the target lacks (add "
              "them with --features if it has them)",
              o->list_file ? o->list_file : "the default list",
              o->list_skipped);
    return b->s;
}

/* Suggest among all tags. */
static void die_unknown_group(const GenPatterns *ps, const GenOpts *o,
                              const char *group)
{
    const char **tags = NULL;
    size_t nt = 0;
    for (size_t i = 0; i < ps->npats; i++) {
        const DtAnnot *an = &ps->pats[i].p->annot;
        tags = xrealloc(tags, (nt + (size_t)an->ntags + 1) * sizeof(*tags));
        for (int k = 0; k < an->ntags; k++) {
            tags[nt++] = an->tags[k];
        }
    }
    StrBuf b = { 0 }, n = { 0 };
    gen_fatal("unknown group '%s': no pattern has that tag%s%s", group,
              suggest_names(&b, group, tags, nt), skipped_note(&n, o));
}

/* A --group or --pattern that matched nothing is an error. */
static void check_unused(const Selector *s, const GenPatterns *ps)
{
    const GenOpts *o = s->o;
    for (size_t g = 0; g < o->ngroups; g++) {
        if (!s->gused[g]) {
            die_unknown_group(ps, o, o->groups[g]);
        }
    }
    for (size_t k = 0; k < o->npatterns; k++) {
        if (!s->pused[k]) {
            const char **names = all_names(ps);
            StrBuf b = { 0 }, n = { 0 };
            gen_fatal("--pattern '%s' matches no pattern%s%s",
                      o->patterns[k],
                      suggest_names(&b, o->patterns[k], names, ps->npats),
                      skipped_note(&n, o));
        }
    }
    for (size_t k = 0; k < o->nnotpatterns; k++) {
        if (!s->nused[k]) {
            gen_warn("--not-pattern '%s' matches no pattern",
                     o->notpatterns[k]);
        }
    }
}

static void die_none_selected(const Selector *s, const GenPatterns *ps)
{
    StrBuf b = { 0 };
    sb_printf(&b, "no pattern selected: %zu loaded", ps->npats);
    if (s->n_never) {
        sb_printf(&b, ", %zu marked never", s->n_never);
    }
    if (s->n_feat) {
        sb_printf(&b, ", %zu need features the target lacks (e.g. %s "
                  "at %s:%d)", s->n_feat, s->feat_example->p->name,
                  s->feat_example->p->file, s->feat_example->p->line);
    }
    if (s->n_group) {
        sb_printf(&b, ", %zu outside the groups", s->n_group);
    }
    if (s->n_pat) {
        sb_printf(&b, ", %zu excluded by --pattern/--not-pattern", s->n_pat);
    }
    if (s->n_w0) {
        sb_printf(&b, ", %zu of weight 0 (name them with --pattern)",
                  s->n_w0);
    }
    gen_fatal("%s", b.s);
}

void gen_select_patterns(GenPatterns *ps, const GenTarget *t,
                         const GenOpts *o)
{
    Selector s;

    selector_init(&s, o);
    s.nuser = ps->nuser;
    for (size_t i = 0; i < ps->npats; i++) {
        prepare_pattern(&ps->pats[i], t);
    }
    for (size_t i = 0; i < ps->npats; i++) {
        select_one(&s, &ps->pats[i], t);
    }
    check_unused(&s, ps);
    ps->sel = xcalloc(ps->npats + 1, sizeof(*ps->sel));
    ps->nsel = 0;
    for (size_t i = 0; i < ps->npats; i++) {
        if (ps->pats[i].selected) {
            ps->sel[ps->nsel++] = &ps->pats[i];
        }
    }
    if (!ps->nsel) {
        die_none_selected(&s, ps);
    }
    selector_free(&s);
    gen_rebuild_weights(ps);
}

void gen_rebuild_weights(GenPatterns *ps)
{
    free(ps->cumw);
    ps->cumw = xcalloc(ps->nsel + 1, sizeof(*ps->cumw));
    ps->totalw = 0;
    for (size_t i = 0; i < ps->nsel; i++) {
        ps->totalw += ps->sel[i]->weight;
        ps->cumw[i] = ps->totalw;
    }
    if (ps->totalw > UINT32_MAX) {
        gen_fatal("pattern weights add up to %llu, more than 2^32",
                  (unsigned long long)ps->totalw);
    }
}

void gen_print_list(const GenPatterns *ps, FILE *out)
{
    for (size_t i = 0; i < ps->nsel; i++) {
        const GenPat *gp = ps->sel[i];
        const DtPattern *p = gp->p;
        const DtAnnot *an = &p->annot;
        fprintf(out, "%-20s %s:%d weight=%u", p->name, p->file, p->line,
                gp->weight);
        fputs(" tags=", out);
        for (int k = 0; k < an->ntags; k++) {
            fprintf(out, "%s%s", k ? "," : "", an->tags[k]);
        }
        if (an->nrequires) {
            fputs(" requires=", out);
            for (int k = 0; k < an->nrequires; k++) {
                fprintf(out, "%s%s", k ? "," : "", an->requires[k]);
            }
        }
        if (an->mem.present) {
            fprintf(out, " mem=%d", an->mem.size);
        }
        fputc('\n', out);
    }
}

/* Write a JSON array of n strings under key k. */
static void json_strs(JsonW *j, const char *k, const char **v, int n)
{
    json_key(j, k);
    json_arr(j);
    for (int i = 0; i < n; i++) {
        json_str(j, v[i]);
    }
    json_arr_end(j);
}

void gen_print_list_json(const GenPatterns *ps, FILE *out)
{
    JsonW j;

    json_init(&j, out, true);
    json_arr(&j);
    for (size_t i = 0; i < ps->nsel; i++) {
        const GenPat *gp = ps->sel[i];
        const DtPattern *p = gp->p;
        const DtAnnot *an = &p->annot;
        json_obj(&j);
        json_kstr(&j, "name", p->name);
        json_kstr(&j, "file", p->file);
        json_kint(&j, "line", p->line);
        json_kuint(&j, "weight", gp->weight);
        json_strs(&j, "tags", an->tags, an->ntags);
        json_strs(&j, "requires", an->requires, an->nrequires);
        json_key(&j, "mem");
        if (an->mem.present) {
            json_int(&j, an->mem.size);
        } else {
            json_null(&j);
        }
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_end(&j);
}

