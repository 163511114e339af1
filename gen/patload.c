/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loading pattern sets (see patload.h).
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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/patload.h"
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

/* dir, resolved when it exists: shorter paths in messages. */
static char *resolved(char *dir)
{
    char real[PATH_MAX];

    if (realpath(dir, real)) {
        free(dir);
        return xstrdup(real);
    }
    return dir;
}

const char *const *gen_data_roots(void)
{
    static char *roots[6];
    int n = 0;
    const char *env = getenv("RISU_DT_DATADIR");
    char exe[PATH_MAX];
    ssize_t len;

    if (roots[0]) {
        return (const char *const *)roots;
    }
    if (env && *env) {
        roots[n++] = xstrdup(env);
    }
    len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (len > 0) {
        exe[len] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            /* build/risugen -> the source tree one level up. */
            roots[n++] = resolved(xasprintf("%s/..", exe));
            /* Installed: PREFIX/bin/risugen, PREFIX/share/risu-dt/arch. */
            roots[n++] = resolved(xasprintf("%s/../share/risu-dt", exe));
            roots[n++] = xstrdup(exe);
        }
    }
    roots[n] = xstrdup(".");
    return (const char *const *)roots;
}

const char *gen_data_dir(void)
{
    static const char *dir;
    const char *const *r = gen_data_roots();
    const char *env = getenv("RISU_DT_DATADIR");

    if (dir) {
        return dir;
    }
    if (env && *env) {
        return dir = r[0];
    }
    for (dir = *r; r[1]; dir = *++r) {
        if (is_dir_with_arch(dir)) {
            return dir;
        }
    }
    return dir;                 /* "." */
}

/* ---- inputs and default lists ---- */

static void add_input(GenInput **v, size_t *n, const char *spec, int width)
{
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    (*v)[*n].spec = xstrdup(spec);
    (*v)[*n].insnwidth = width;
    (*n)++;
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

char *gen_arch_list_path(const GenArch *a, const char *kind)
{
    return xasprintf("%s/arch/%s/%s-%s.list", gen_data_dir(), a->family,
                     kind, a->name);
}

/* What a list holds: namespaces and overlays. */
typedef struct ListOut {
    GenInput **in;
    size_t *nin;
    char ***ovs;
    size_t *novs;
    const GenTarget *t;         /* judges "--requires" */
    char **skipped;             /* NULL, or where to note files left out */
} ListOut;

/*
 * "--requires F[,F...]": does the target have every feature?  A list
 * line that names an ASE's file this way leaves other targets' images
 * (whose metadata records the files loaded) unchanged.
 */
static bool list_requires(const ListOut *out, char *feats, const char *path,
                          int lineno)
{
    bool have = true;
    char *s = NULL;

    if (!feats) {
        gen_fatal("%s:%d: error: --requires needs features", path, lineno);
    }
    for (char *f = strtok_r(feats, ",", &s); f; f = strtok_r(NULL, ",", &s)) {
        int i = gen_feature_lookup(out->t->arch, f, NULL);
        if (i < 0 || *f == '!') {
            gen_fatal("%s:%d: error: --requires: unknown feature '%s'", path,
                      lineno, f);
        }
        have = have && (out->t->features & GEN_FEAT(i)) != 0;
    }
    return have;
}

/* One line of a list (comment already cut). */
static void list_line(char *line, const char *path, const char *dir,
                      int lineno, const ListOut *out)
{
    int width = 0;
    bool have = true;
    char *tok, *s2 = NULL, *need = NULL;

    for (tok = strtok_r(line, " \t\r", &s2); tok;
         tok = strtok_r(NULL, " \t\r", &s2)) {
        if (!strcmp(tok, "--insnwidth")) {
            char *w = strtok_r(NULL, " \t\r", &s2);
            width = w ? atoi(w) : 0;
            if (width != 16 && width != 32 && width != 64) {
                gen_fatal("%s:%d: error: bad --insnwidth", path, lineno);
            }
        } else if (!strcmp(tok, "--requires")) {
            char *feats = strtok_r(NULL, " \t\r", &s2);
            free(need);
            need = feats ? xstrdup(feats) : NULL;
            have = list_requires(out, feats, path, lineno) && have;
        } else if (!strcmp(tok, "--overlay")) {
            char *f = strtok_r(NULL, " \t\r", &s2);
            if (!f) {
                gen_fatal("%s:%d: error: --overlay needs a file", path,
                          lineno);
            }
            *out->ovs = xrealloc(*out->ovs, (*out->novs + 1) *
                                 sizeof(char *));
            (*out->ovs)[(*out->novs)++] = rebase_spec(dir, f);
        } else if (have) {
            char *p = rebase_spec(dir, tok);
            add_input(out->in, out->nin, p, width);
            free(p);
        } else if (out->skipped) {
            char *old = *out->skipped;
            *out->skipped = xasprintf("%s%s%s (needs %s)", old ? old : "",
                                      old ? ", " : "", tok,
                                      need ? need : "?");
            free(old);
        }
    }
    free(need);
}

/*
 * A list (arch/<family>/default-<arch>.list and space-<arch>.list): one
 * namespace per line, "a+b" to join, "--insnwidth N" and "--requires
 * F[,F]" (only for targets with those features) before a name,
 * "--overlay F" lines, '#' comments.  Names are relative to the list's
 * directory.  False (errno set) when it cannot be read.
 */
static bool read_list(const char *path, const ListOut *out)
{
    char err[512];
    char *text = read_file(path, READ_MAX_TEXT, NULL, err, sizeof(err));
    int saved = errno;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xasprintf("%.*s", (int)(slash - path), path)
                      : xstrdup(".");
    int lineno = 0;
    char *save = NULL;

    if (!text) {
        free(dir);
        errno = saved;
        return false;
    }
    for (char *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *hash = strchr(line, '#');
        lineno++;
        if (hash) {
            *hash = 0;
        }
        list_line(line, path, dir, lineno, out);
    }
    free(text);
    free(dir);
    return true;
}

static void read_default_list(GenOpts *o, const GenTarget *t)
{
    const GenArch *a = t->arch;
    char *path = gen_arch_list_path(a, "default");
    ListOut out = { &o->inputs, &o->ninputs, &o->overlays, &o->noverlays,
                    t, &o->list_skipped };

    if (!read_list(path, &out)) {
        gen_fatal("no pattern FILE given and no default list %s: %s", path,
                  strerror(errno));
    }
    o->list_file = path;
    if (!o->ninputs) {
        gen_fatal("%s: the default list names no pattern file", path);
    }
}

/* A spec's parts by real path, to recognise a file loaded twice. */
static char *real_spec(const char *spec)
{
    StrBuf b = { 0 };
    const char *s = spec;
    while (*s) {
        const char *plus = strchr(s, '+');
        size_t n = plus ? (size_t)(plus - s) : strlen(s);
        char *part = xasprintf("%.*s", (int)n, s);
        char real[PATH_MAX];
        sb_printf(&b, "%s%s", b.len ? "+" : "",
                  realpath(part, real) ? real : part);
        free(part);
        s += n + (plus ? 1 : 0);
    }
    return b.s ? b.s : xstrdup("");
}

static bool loaded_as_input(const GenOpts *o, const GenInput *sp)
{
    char *want = real_spec(sp->spec);
    bool found = false;
    for (size_t i = 0; i < o->ninputs && !found; i++) {
        char *have = real_spec(o->inputs[i].spec);
        found = !strcmp(have, want) &&
                o->inputs[i].insnwidth == sp->insnwidth;
        free(have);
    }
    free(want);
    return found;
}

/*
 * The encoding space (--edge): the arch's space list, less the
 * namespaces the inputs already are.
 */
static void read_space_list(GenOpts *o, const GenTarget *t)
{
    const GenArch *a = t->arch;
    char *path = o->space_file ? xstrdup(o->space_file)
                               : gen_arch_list_path(a, "space");
    GenInput *all = NULL;
    size_t nall = 0;
    ListOut out = { &all, &nall, &o->space_overlays, &o->nspace_overlays,
                    t, NULL };

    if (!read_list(path, &out)) {
        gen_fatal("--edge needs the encoding space of arch %s: cannot read "
                  "%s: %s", a->name, path, strerror(errno));
    }
    if (!nall) {
        gen_fatal("%s: the space list names no pattern file", path);
    }
    for (size_t i = 0; i < nall; i++) {
        if (loaded_as_input(o, &all[i])) {
            free(all[i].spec);
        } else {
            o->space = xrealloc(o->space, (o->nspace + 1) *
                                sizeof(*o->space));
            o->space[o->nspace++] = all[i];
        }
    }
    free(all);
    free(path);
}

/* ---- overlays ---- */

typedef struct Overlay {
    char *path;
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

/* One load in progress. */
typedef struct Loader {
    GenPatterns *ps;
    const GenArch *a;
    const GenOpts *o;
    const GenLoadHooks *h;
    Overlay *ovs;
    size_t novs;
    size_t novs_user;       /* ovs[novs_user..]: the space list's */
    const char **allnames;  /* for suggestions */
    size_t nall;
} Loader;

/* risugen stops at a problem; a keep-going load reports it. */
static void problem(const Loader *L, const char *fmt, const char *a,
                    const char *b)
{
    if (L->h->keep_going) {
        L->h->warn(fmt, a, b);
    } else {
        gen_fatal(fmt, a, b);
    }
}

static char *find_path(const Loader *L, const char *name, bool overlay)
{
    return L->h->find ? L->h->find(L->h->ctx, name, overlay)
                      : xstrdup(name);
}

/* Read and parse one overlay; false when a keep-going load skips it. */
static bool load_overlay(Loader *L, const char *name)
{
    Overlay ov = { 0 };
    char err[512];

    ov.path = find_path(L, name, true);
    if (!ov.path) {
        return false;
    }
    ov.text = read_file(ov.path, READ_MAX_TEXT, &ov.len, err, sizeof(err));
    if (!ov.text) {
        problem(L, "cannot read overlay %s: %s", ov.path, strerror(errno));
        free(ov.path);
        return false;
    }
    if (dt_overlay_parse(ov.path, ov.text, ov.len, &ov.lines, &ov.nlines,
                         err, sizeof(err))) {
        problem(L, "%s%s", err, "");
        free(ov.path);
        free(ov.text);
        return false;
    }
    ov.matched = xcalloc(ov.nlines + 1, sizeof(bool));
    add_digest(L->ps, ov.path, ov.text, ov.len);
    L->ovs[L->novs++] = ov;
    return true;
}

/* The paths of a spec's '+'-joined parts; false at the first missing. */
static bool resolve_parts(const Loader *L, const char *spec, char ***paths,
                          size_t *n)
{
    const char *p = spec;
    *paths = NULL;
    *n = 0;
    while (*p) {
        const char *plus = strchr(p, '+');
        size_t len = plus ? (size_t)(plus - p) : strlen(p);
        char *name = xasprintf("%.*s", (int)len, p);
        char *path = find_path(L, name, false);
        free(name);
        if (!path) {
            return false;
        }
        *paths = xrealloc(*paths, (*n + 1) * sizeof(**paths));
        (*paths)[(*n)++] = path;
        p += len + (plus ? 1 : 0);
    }
    return true;
}

static void free_parts(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(paths[i]);
    }
    free(paths);
}

/* Add one pattern file (or a RISU file's translation) to s. */
static bool add_part(const Loader *L, DtSet *s, const char *file, int width)
{
    size_t len;
    if (gen_is_risu(file)) {
        /* The translation, under a name that says it is one: its
         * line numbers are the generated text's (each pattern is
         * preceded by a "# FILE:LINE" comment naming its source). */
        const char *orig;
        size_t olen;
        const char *text = gen_risu_text(file, width, &orig, &olen);
        char *name = xasprintf("%s[%d-bit translation]", file, width);
        add_digest(L->ps, file, orig, olen);
        dt_set_add_text(s, name, text, strlen(text));
        free(name);
        return true;
    }
    char err[512];
    char *text = read_file(file, READ_MAX_TEXT, &len, err, sizeof(err));
    if (!text) {
        problem(L, "cannot read pattern file %s: %s", file, strerror(errno));
        return false;
    }
    add_digest(L->ps, file, text, len);
    dt_set_add_text(s, file, text, len);
    free(text);
    return true;
}

/* A namespace's set from its files, with the overlays if asked. */
static DtSet *build_set(const Loader *L, const GenInput *in, char **paths,
                        size_t nparts, size_t novs)
{
    DtOptions dopt = { .insnwidth = in->insnwidth ? in->insnwidth
                                                  : L->a->insnwidth };
    DtSet *s = dt_set_new(&dopt);
    for (size_t i = 0; i < nparts; i++) {
        if (!add_part(L, s, paths[i], dopt.insnwidth)) {
            dt_set_free(s);
            return NULL;
        }
    }
    /* Each overlay serves every namespace; a line must match in one. */
    for (size_t k = 0; k < novs; k++) {
        dt_set_add_overlay_text_flags(s, L->ovs[k].path, L->ovs[k].text,
                                      L->ovs[k].len, DT_OVERLAY_PARTIAL);
    }
    return s;
}

/* Files joined with '+', by base name. */
static char *spec_label(const char *spec)
{
    StrBuf lab = { 0 };
    const char *p = spec;
    while (*p) {
        const char *plus = strchr(p, '+');
        size_t n = plus ? (size_t)(plus - p) : strlen(p);
        char *file = xasprintf("%.*s", (int)n, p);
        sb_printf(&lab, "%s%s", lab.len ? "+" : "", base_name(file));
        free(file);
        p += n + (plus ? 1 : 0);
    }
    return lab.s ? lab.s : xstrdup("");
}

static void die_set_errors(DtSet *s)
{
    dt_set_print_errors(s, stderr);
    gen_fatal("%zu error(s) in the pattern files", dt_set_nerrors(s));
}

/* Tell a keep-going caller whether the files or the overlays failed. */
static void report_set_errors(const Loader *L, const GenInput *in,
                              char **paths, size_t nparts, DtSet *s,
                              const char *label)
{
    DtSet *bare = NULL;
    bool at_fault = false;
    if (L->novs) {
        bare = build_set(L, in, paths, nparts, 0);
        at_fault = bare && !dt_set_finish(bare);
    }
    L->h->set_errors(L->h->ctx, label, at_fault,
                     at_fault || !bare ? s : bare);
    dt_set_free(bare);
}

/*
 * The inputs' overlays serve every namespace; the space list's only
 * its own, so asking for edge words never changes the normal ones.
 */
static bool load_ns(Loader *L, const GenInput *in, GenNs *ns, bool space)
{
    char **paths;
    size_t nparts;
    size_t novs = space ? L->novs : L->novs_user;
    bool ok = resolve_parts(L, in->spec, &paths, &nparts);
    DtSet *s = ok ? build_set(L, in, paths, nparts, novs) : NULL;

    ns->label = spec_label(in->spec);
    ns->own_match = ok && nparts > 0;
    for (size_t k = 0; ok && k < nparts; k++) {
        ns->own_match &= gen_is_risu(paths[k]);
    }
    if (s && dt_set_finish(s)) {
        if (!L->h->keep_going) {
            die_set_errors(s);
        }
        report_set_errors(L, in, paths, nparts, s, ns->label);
        dt_set_free(s);
        s = NULL;
    }
    free_parts(paths, nparts);
    if (!s) {
        return false;
    }
    ns->dt = s;
    for (size_t k = 0; k < novs; k++) {
        for (size_t j = 0; j < L->ovs[k].nlines; j++) {
            L->ovs[k].matched[j] |= dt_set_overlay_matched(s, k, j);
        }
    }
    ns->width = dt_set_insnwidth(s);
    collect_names(ns, &L->allnames, &L->nall);
    return true;
}

/*
 * An overlay line matching nothing anywhere is an error (in risugen),
 * or with --allow-unmatched-overlay a warning per line and a count: an
 * overlay written for a newer file names patterns an older one lacks.
 */
static void unmatched_line(const Loader *L, const Overlay *ov, size_t j,
                           size_t *nskip)
{
    const char *file = ov->lines[j].file ? ov->lines[j].file : ov->path;

    if (L->o->overlay_unmatched_ok) {
        fprintf(stderr, "%s:%d: warning: no pattern matches %s: line "
                "skipped (--allow-unmatched-overlay)\n", file,
                ov->lines[j].line, ov->lines[j].glob);
        (*nskip)++;
        return;
    }
    StrBuf b = { 0 };
    gen_fatal("%s:%d: error: no pattern matches %s%s", file,
              ov->lines[j].line, ov->lines[j].glob,
              suggest_names(&b, ov->lines[j].glob, L->allnames, L->nall));
}

static void finish_overlays(Loader *L)
{
    for (size_t k = 0; k < L->novs; k++) {
        const Overlay *ov = &L->ovs[k];
        size_t nskip = 0;
        for (size_t j = 0; j < ov->nlines && !L->h->keep_going; j++) {
            if (!ov->matched[j]) {
                unmatched_line(L, ov, j, &nskip);
            }
        }
        if (nskip) {
            fprintf(stderr, "%s: %zu of %zu lines match no pattern "
                    "(skipped)\n", ov->path, nskip, ov->nlines);
        }
        dt_overlay_free(ov->lines, ov->nlines);
        free(ov->text);
        free(ov->matched);
        free(ov->path);
    }
    free(L->ovs);
    free(L->allnames);
}

/* One GenPat per pattern of every namespace. */
static void index_patterns(GenPatterns *ps)
{
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

int gen_load_sets(GenPatterns *ps, const GenArch *a, const GenOpts *o,
                  const GenLoadHooks *h)
{
    Loader L = { .ps = ps, .a = a, .o = o, .h = h };
    bool ok = true;

    memset(ps, 0, sizeof(*ps));
    L.ovs = xcalloc(o->noverlays + o->nspace_overlays + 1, sizeof(*L.ovs));
    for (size_t i = 0; i < o->noverlays; i++) {
        load_overlay(&L, o->overlays[i]);
    }
    L.novs_user = L.novs;
    for (size_t i = 0; i < o->nspace_overlays; i++) {
        load_overlay(&L, o->space_overlays[i]);
    }
    ps->nuser = (int)o->ninputs;
    ps->nns = (int)(o->ninputs + o->nspace);
    ps->ns = xcalloc((size_t)ps->nns + 1, sizeof(*ps->ns));
    for (int i = 0; i < ps->nns && ok; i++) {
        bool space = i >= ps->nuser;
        ok = load_ns(&L, space ? &o->space[i - ps->nuser] : &o->inputs[i],
                     &ps->ns[i], space);
    }
    finish_overlays(&L);
    if (!ok) {
        gen_free_patterns(ps);
        return -1;
    }
    index_patterns(ps);
    return 0;
}

void gen_load_patterns(GenPatterns *ps, const GenTarget *t, GenOpts *o)
{
    static const GenLoadHooks risugen_hooks = { 0 };

    if (!o->ninputs) {
        read_default_list(o, t);
    }
    gen_risu_expand_inputs(o, t->arch);
    if (o->edge_classes) {
        read_space_list(o, t);
    }
    gen_load_sets(ps, t->arch, o, &risugen_hooks);
}

void gen_free_patterns(GenPatterns *ps)
{
    for (size_t i = 0; i < ps->npats; i++) {
        GenPat *gp = &ps->pats[i];
        for (int k = 0; k < gp->nroles; k++) {
            free(gp->roles[k].allowed);
        }
        free(gp->roles);
        for (int k = 0; k < gp->nseeds; k++) {
            free(gp->seeds[k].vals);
        }
        free(gp->seeds);
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
