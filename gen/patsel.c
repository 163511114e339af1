/*
 * Loading pattern sets and choosing the patterns to generate.
 *
 * Each input (FILE, or FILE+FILE joined) is one decodetree namespace,
 * as QEMU runs one generated decoder per .decode invocation.  Overlays
 * apply to every namespace: an overlay line is given only to the
 * namespaces holding a matching pattern (the rest see a blank line, so
 * diagnostics keep their line numbers), and a line matching nothing
 * anywhere is an error.
 */
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/gen.h"
#include "format/trace.h"

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static bool is_dir_with_arch(const char *dir)
{
    char *p = xasprintf("%s/arch", dir);
    bool ok = access(p, R_OK | X_OK) == 0;
    free(p);
    return ok;
}

const char *gen_data_dir(void)
{
    static char *dir;
    if (dir) {
        return dir;
    }
    const char *env = getenv("RISU_DT_DATADIR");
    if (env && *env) {
        return dir = xstrdup(env);
    }
    char real[PATH_MAX];
    /* build/risugen -> the source tree one level up. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char *up = xasprintf("%s/..", exe);
            if (is_dir_with_arch(up)) {
                /* Shorter paths in messages: /src rather than /src/build/.. */
                if (realpath(up, real)) {
                    free(up);
                    return dir = xstrdup(real);
                }
                return dir = up;
            }
            free(up);
            if (is_dir_with_arch(exe)) {
                return dir = xstrdup(exe);
            }
        }
    }
    return dir = xstrdup(".");
}

/* ---- inputs and default lists ---- */

static void add_input(GenOpts *o, const char *spec, int width)
{
    o->inputs = xrealloc(o->inputs, (o->ninputs + 1) * sizeof(*o->inputs));
    o->inputs[o->ninputs].spec = xstrdup(spec);
    o->inputs[o->ninputs].insnwidth = width;
    o->ninputs++;
}

/* Prefix each '+'-joined part of spec with dir/ unless absolute. */
static char *rebase_spec(const char *dir, const char *spec)
{
    StrBuf b = { 0 };
    const char *s = spec;
    while (*s) {
        const char *plus = strchr(s, '+');
        size_t n = plus ? (size_t)(plus - s) : strlen(s);
        if (b.len) {
            sb_putc(&b, '+');
        }
        if (*s != '/') {
            sb_printf(&b, "%s/", dir);
        }
        sb_printf(&b, "%.*s", (int)n, s);
        s += n + (plus ? 1 : 0);
    }
    return b.s;
}

/*
 * arch/<family>/default-<arch>.list: one namespace per line, "a+b" to
 * join, "--insnwidth N" before a name, "--overlay F" lines, '#' comments.
 * Names are relative to the list's directory.
 */
static void read_default_list(GenOpts *o, const GenArch *a)
{
    char *dir = xasprintf("%s/arch/%s", gen_data_dir(), a->family);
    char *path = xasprintf("%s/default-%s.list", dir, a->name);
    char err[512];
    char *text = read_file(path, READ_MAX_TEXT, NULL, err, sizeof(err));
    if (!text) {
        gen_fatal("no pattern FILE given and no default list %s: %s", path,
                  strerror(errno));
    }
    o->list_file = path;
    int lineno = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = 0;
        }
        int width = 0;
        char *tok, *s2 = NULL;
        for (tok = strtok_r(line, " \t\r", &s2); tok;
             tok = strtok_r(NULL, " \t\r", &s2)) {
            if (!strcmp(tok, "--insnwidth")) {
                char *w = strtok_r(NULL, " \t\r", &s2);
                width = w ? atoi(w) : 0;
                if (width != 16 && width != 32 && width != 64) {
                    gen_fatal("%s:%d: error: bad --insnwidth", path, lineno);
                }
            } else if (!strcmp(tok, "--overlay")) {
                char *f = strtok_r(NULL, " \t\r", &s2);
                if (!f) {
                    gen_fatal("%s:%d: error: --overlay needs a file", path,
                              lineno);
                }
                char *p = rebase_spec(dir, f);
                o->overlays = xrealloc(o->overlays,
                                       (o->noverlays + 1) * sizeof(char *));
                o->overlays[o->noverlays++] = p;
            } else {
                char *p = rebase_spec(dir, tok);
                add_input(o, p, width);
                free(p);
            }
        }
    }
    free(text);
    free(dir);
    if (!o->ninputs) {
        gen_fatal("%s: the default list names no pattern file", path);
    }
}

/* ---- overlays ---- */

typedef struct Overlay {
    const char *path;
    char *text;
    size_t len;
    DtOverlayLine *lines;
    size_t nlines;
    bool *matched;
} Overlay;

static void collect_names(const GenNs *ns, const char ***names, size_t *n)
{
    size_t np = dt_set_npatterns(ns->dt);
    *names = xrealloc(*names, (*n + np) * sizeof(**names));
    for (size_t i = 0; i < np; i++) {
        (*names)[(*n)++] = dt_set_pattern(ns->dt, i)->name;
    }
}

/* ---- loading ---- */

static void add_digest(GenPatterns *ps, const char *path, const char *text,
                       size_t len)
{
    uint8_t md[32];
    char hex[65];
    risu_sha256(text, len, md);
    for (int i = 0; i < 32; i++) {
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    }
    char *d = xasprintf("%s %s", base_name(path), hex);
    /* A Thumb RISU file is two namespaces but one file. */
    for (size_t i = 0; i < ps->ndigests; i++) {
        if (!strcmp(ps->digests[i], d)) {
            free(d);
            return;
        }
    }
    ps->digests = xrealloc(ps->digests,
                           (ps->ndigests + 1) * sizeof(*ps->digests));
    ps->digests[ps->ndigests++] = d;
}

static DtSet *build_set(const GenArch *a, const GenInput *in, char **label,
                        GenPatterns *ps)
{
    DtOptions dopt = { .insnwidth = in->insnwidth ? in->insnwidth
                                                  : a->insnwidth };
    DtSet *s = dt_set_new(&dopt);
    StrBuf lab = { 0 };
    const char *p = in->spec;
    while (*p) {
        const char *plus = strchr(p, '+');
        size_t n = plus ? (size_t)(plus - p) : strlen(p);
        char *file = xasprintf("%.*s", (int)n, p);
        size_t len;
        if (gen_is_risu(file)) {
            /* The translation, under a name that says it is one: its
             * line numbers are the generated text's (each pattern is
             * preceded by a "# FILE:LINE" comment naming its source). */
            const char *orig;
            size_t olen;
            const char *text = gen_risu_text(file, dopt.insnwidth, &orig,
                                             &olen);
            char *name = xasprintf("%s[%d-bit translation]", file,
                                   dopt.insnwidth);
            add_digest(ps, file, orig, olen);
            dt_set_add_text(s, name, text, strlen(text));
            free(name);
        } else {
            char err[512];
            char *text = read_file(file, READ_MAX_TEXT, &len, err,
                                   sizeof(err));
            if (!text) {
                gen_fatal("cannot read pattern file %s: %s", file,
                          strerror(errno));
            }
            add_digest(ps, file, text, len);
            dt_set_add_text(s, file, text, len);
            free(text);
        }
        sb_printf(&lab, "%s%s", lab.len ? "+" : "", base_name(file));
        free(file);
        p += n + (plus ? 1 : 0);
    }
    *label = lab.s;
    return s;
}

static void die_set_errors(DtSet *s)
{
    dt_set_print_errors(s, stderr);
    gen_fatal("%zu error(s) in the pattern files", dt_set_nerrors(s));
}

void gen_load_patterns(GenPatterns *ps, const GenTarget *t, GenOpts *o)
{
    const GenArch *a = t->arch;
    memset(ps, 0, sizeof(*ps));
    if (!o->ninputs) {
        read_default_list(o, a);
    }
    gen_risu_expand_inputs(o, a);

    Overlay *ovs = xcalloc(o->noverlays ? o->noverlays : 1, sizeof(*ovs));
    for (size_t i = 0; i < o->noverlays; i++) {
        Overlay *ov = &ovs[i];
        char err[512];
        ov->path = o->overlays[i];
        ov->text = read_file(ov->path, READ_MAX_TEXT, &ov->len, err,
                             sizeof(err));
        if (!ov->text) {
            gen_fatal("cannot read overlay %s: %s", ov->path,
                      strerror(errno));
        }
        if (dt_overlay_parse(ov->path, ov->text, ov->len, &ov->lines,
                             &ov->nlines, err, sizeof(err))) {
            gen_fatal("%s", err);
        }
        ov->matched = xcalloc(ov->nlines + 1, sizeof(bool));
        add_digest(ps, ov->path, ov->text, ov->len);
    }

    ps->nns = (int)o->ninputs;
    ps->ns = xcalloc(o->ninputs, sizeof(*ps->ns));
    const char **allnames = NULL;
    size_t nall = 0;
    for (size_t i = 0; i < o->ninputs; i++) {
        GenNs *ns = &ps->ns[i];
        ns->dt = build_set(a, &o->inputs[i], &ns->label, ps);
        /* Each overlay serves every namespace; a line must match in one. */
        for (size_t k = 0; k < o->noverlays; k++) {
            dt_set_add_overlay_text_flags(ns->dt, ovs[k].path, ovs[k].text,
                                          ovs[k].len, DT_OVERLAY_PARTIAL);
        }
        if (dt_set_finish(ns->dt)) {
            die_set_errors(ns->dt);
        }
        for (size_t k = 0; k < o->noverlays; k++) {
            for (size_t j = 0; j < ovs[k].nlines; j++) {
                ovs[k].matched[j] |= dt_set_overlay_matched(ns->dt, k, j);
            }
        }
        ns->width = dt_set_insnwidth(ns->dt);
        collect_names(ns, &allnames, &nall);
    }
    for (size_t k = 0; k < o->noverlays; k++) {
        for (size_t j = 0; j < ovs[k].nlines; j++) {
            if (!ovs[k].matched[j]) {
                StrBuf b = { 0 };
                gen_fatal("%s:%d: error: no pattern matches %s%s",
                          ovs[k].lines[j].file ? ovs[k].lines[j].file
                                               : ovs[k].path,
                          ovs[k].lines[j].line, ovs[k].lines[j].glob,
                          suggest_names(&b, ovs[k].lines[j].glob, allnames,
                                      nall));
            }
        }
        dt_overlay_free(ovs[k].lines, ovs[k].nlines);
        free(ovs[k].text);
        free(ovs[k].matched);
    }
    free(ovs);
    free(allnames);

    /* One GenPat per pattern of every namespace. */
    size_t total = 0;
    for (int i = 0; i < ps->nns; i++) {
        total += dt_set_npatterns(ps->ns[i].dt);
    }
    ps->pats = xcalloc(total ? total : 1, sizeof(*ps->pats));
    ps->nsbase = xcalloc((size_t)ps->nns + 1, sizeof(*ps->nsbase));
    for (int i = 0; i < ps->nns; i++) {
        size_t np = dt_set_npatterns(ps->ns[i].dt);
        ps->nsbase[i] = ps->npats;
        for (size_t j = 0; j < np; j++) {
            GenPat *gp = &ps->pats[ps->npats++];
            gp->p = dt_set_pattern(ps->ns[i].dt, j);
            gp->ns = i;
        }
    }
}

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
            if (t->arch->mem_reg_ok(t, r->allowed[k])) {
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

static void prepare_pattern(GenPat *gp, const GenTarget *t)
{
    const DtPattern *p = gp->p;
    const DtAnnot *an = &p->annot;
    const GenArch *a = t->arch;

    gp->width = p->width;
    gp->keepmask = ~p->fixedmask & ~p->dontcaremask;
    gp->has_checks = an->nconstraints > 0 || an->mem.present;
    gp->has_mem = an->mem.present;
    if (strlen(p->name) < sizeof(gp->name)) {
        strcpy(gp->name, p->name);
    }
    gp->fixedbits = p->fixedbits;
    gp->widthmask = p->width >= 64 ? ~(uint64_t)0
                                   : ((uint64_t)1 << p->width) - 1;
    gp->freemask = gp->widthmask & ~p->fixedmask & ~p->dontcaremask;
    gp->dcbits = an->has_dontcare ? an->dontcare & p->dontcaremask : 0;
    gp->weight = an->has_weight ? an->weight : 1;
    gp->base_role = gp->index_role = -1;

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
    if (an->mem.present) {
        int gpr = a->reg_class("gpr");
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

    finish_roles(gp);
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

void gen_select_patterns(GenPatterns *ps, const GenTarget *t,
                         const GenOpts *o)
{
    regex_t *pre = compile_res(o->patterns, o->npatterns, "--pattern");
    regex_t *npre = compile_res(o->notpatterns, o->nnotpatterns,
                                "--not-pattern");
    bool *pused = xcalloc(o->npatterns + 1, sizeof(bool));
    bool *nused = xcalloc(o->nnotpatterns + 1, sizeof(bool));
    bool *gused = xcalloc(o->ngroups + 1, sizeof(bool));
    size_t n_never = 0, n_feat = 0, n_group = 0, n_pat = 0, n_w0 = 0;
    const GenPat *feat_example = NULL;

    for (size_t i = 0; i < ps->npats; i++) {
        prepare_pattern(&ps->pats[i], t);
    }
    for (size_t i = 0; i < ps->npats; i++) {
        GenPat *gp = &ps->pats[i];
        const DtPattern *p = gp->p;
        bool named = false, ok = true;

        for (size_t g = 0; g < o->ngroups; g++) {
            gused[g] |= has_tag(p, o->groups[g]);
        }
        for (size_t k = 0; k < o->npatterns; k++) {
            if (!regexec(&pre[k], p->name, 0, NULL, 0)) {
                pused[k] = named = true;
            }
        }
        for (size_t k = 0; k < o->nnotpatterns; k++) {
            if (!regexec(&npre[k], p->name, 0, NULL, 0)) {
                nused[k] = true;
                ok = false;
            }
        }
        /* Present even if never generated: it still claims its words. */
        gp->present = !(gp->reqmask & ~t->features) &&
                      !(gp->forbidmask & t->features);
        if (p->annot.never) {
            n_never++;
            continue;
        }
        if (!gp->present) {
            n_feat++;
            feat_example = feat_example ? feat_example : gp;
            continue;
        }
        if (o->ngroups) {
            bool in = false;
            for (size_t g = 0; g < o->ngroups && !in; g++) {
                in = has_tag(p, o->groups[g]);
            }
            if (!in) {
                n_group++;
                continue;
            }
        }
        if ((o->npatterns && !named) || !ok) {
            n_pat++;
            continue;
        }
        if (gp->weight == 0) {
            if (!named) {
                n_w0++;
                continue;
            }
            gp->weight = 1;
        }
        gp->selected = true;
    }

    const char **names = all_names(ps);
    for (size_t g = 0; g < o->ngroups; g++) {
        if (!gused[g]) {
            /* Suggest among all tags. */
            const char **tags = NULL;
            size_t nt = 0;
            for (size_t i = 0; i < ps->npats; i++) {
                const DtAnnot *an = &ps->pats[i].p->annot;
                tags = xrealloc(tags, (nt + (size_t)an->ntags + 1) *
                                          sizeof(*tags));
                for (int k = 0; k < an->ntags; k++) {
                    tags[nt++] = an->tags[k];
                }
            }
            StrBuf b = { 0 };
            gen_fatal("unknown group '%s': no pattern has that tag%s",
                      o->groups[g], suggest_names(&b, o->groups[g], tags, nt));
        }
    }
    for (size_t k = 0; k < o->npatterns; k++) {
        if (!pused[k]) {
            StrBuf b = { 0 };
            gen_fatal("--pattern '%s' matches no pattern%s", o->patterns[k],
                      suggest_names(&b, o->patterns[k], names, ps->npats));
        }
    }
    for (size_t k = 0; k < o->nnotpatterns; k++) {
        if (!nused[k]) {
            gen_warn("--not-pattern '%s' matches no pattern",
                     o->notpatterns[k]);
        }
    }

    ps->sel = xcalloc(ps->npats + 1, sizeof(*ps->sel));
    ps->nsel = 0;
    for (size_t i = 0; i < ps->npats; i++) {
        if (ps->pats[i].selected) {
            ps->sel[ps->nsel++] = &ps->pats[i];
        }
    }
    if (!ps->nsel) {
        StrBuf b = { 0 };
        sb_printf(&b, "no pattern selected: %zu loaded", ps->npats);
        if (n_never) {
            sb_printf(&b, ", %zu marked never", n_never);
        }
        if (n_feat) {
            sb_printf(&b, ", %zu need features the target lacks (e.g. %s "
                      "at %s:%d)", n_feat, feat_example->p->name,
                      feat_example->p->file, feat_example->p->line);
        }
        if (n_group) {
            sb_printf(&b, ", %zu outside the groups", n_group);
        }
        if (n_pat) {
            sb_printf(&b, ", %zu excluded by --pattern/--not-pattern", n_pat);
        }
        if (n_w0) {
            sb_printf(&b, ", %zu of weight 0 (name them with --pattern)",
                      n_w0);
        }
        gen_fatal("%s", b.s);
    }
    for (size_t k = 0; k < o->npatterns; k++) {
        regfree(&pre[k]);
    }
    for (size_t k = 0; k < o->nnotpatterns; k++) {
        regfree(&npre[k]);
    }
    free(pre);
    free(npre);
    free(pused);
    free(nused);
    free(gused);
    free(names);
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

void gen_free_patterns(GenPatterns *ps)
{
    for (size_t i = 0; i < ps->npats; i++) {
        GenPat *gp = &ps->pats[i];
        for (int k = 0; k < gp->nroles; k++) {
            free(gp->roles[k].allowed);
        }
        free(gp->roles);
        free(gp->funcs);
        free(gp->hasfunc);
        free(gp->immargs);
    }
    free(ps->pats);
    for (int i = 0; i < ps->nns; i++) {
        dt_set_free(ps->ns[i].dt);
        free(ps->ns[i].label);
    }
    free(ps->ns);
    free(ps->nsbase);
    free(ps->sel);
    free(ps->cumw);
    for (size_t i = 0; i < ps->ndigests; i++) {
        free(ps->digests[i]);
    }
    free(ps->digests);
    memset(ps, 0, sizeof(*ps));
    gen_risu_free();
}
