/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pattern files of an image, on the host (see patset.h). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "decode/annot.h"
#include "format/trace.h"
#include "gen/patload.h"
#include "tools/patset.h"
#include "tools/tutil.h"

static void push(char ***v, int *n, const char *s)
{
    *v = xrealloc(*v, (size_t)(*n + 1) * sizeof(char *));
    (*v)[(*n)++] = xstrdup(s);
}

static void free_vec(char **v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

/* ---- finding the files an image names ---- */

typedef struct Finder {
    const TImage *img;
    char **dirs;
    int ndirs;
    int nmismatch;
} Finder;

static const char *want_sha(const TImage *img, const char *base)
{
    for (int i = 0; i < img->npfiles; i++) {
        if (!strcmp(img->pfiles[i].name, base)) {
            return img->pfiles[i].sha;
        }
    }
    return NULL;
}

/* The SHA-256 of a file as hex; false when it cannot be read. */
static bool file_sha(const char *path, char hex[65])
{
    char err[300];
    uint8_t d[32];
    size_t n;
    uint8_t *t = read_file(path, READ_MAX_TEXT, &n, err, sizeof(err));

    if (!t) {
        return false;
    }
    risu_sha256(t, n, d);
    free(t);
    hex_bytes(hex, d, 32);
    return true;
}

/* The extension of a base name ("" without one). */
static const char *ext_of(const char *base)
{
    const char *dot = strrchr(base, '.');

    return dot ? dot : "";
}

/*
 * A regular file in dir with base's extension (the loader reads .risu
 * and .decode differently) whose digest is sha: a renamed copy.
 */
static char *by_digest(const char *dir, const char *base, const char *sha)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char *found = NULL;

    while (d && !found && (de = readdir(d))) {
        char *path = xasprintf("%s/%s", dir, de->d_name);
        struct stat st;
        char hex[65];

        if (!strcmp(ext_of(de->d_name), ext_of(base)) &&
            !stat(path, &st) && S_ISREG(st.st_mode) &&
            (size_t)st.st_size <= READ_MAX_TEXT && file_sha(path, hex) &&
            !strcmp(hex, sha)) {
            found = path;
        } else {
            free(path);
        }
    }
    if (d) {
        closedir(d);
    }
    return found;
}

/*
 * The file the image names: by its SHA-256, never by name alone.  The
 * copy called `base` in a search directory if its digest matches, else
 * any file there with that digest (renamed).  *wrong gets the first
 * same-named file with another digest (malloc'd, for the warning) and
 * *wrong_sha its digest.  Without a recorded digest, the name decides.
 */
static char *locate(const char *base, const char *sha, char *const *dirs,
                    int ndirs, char **wrong, char wrong_sha[65])
{
    *wrong = NULL;
    for (int i = 0; i < ndirs; i++) {
        char *path = xasprintf("%s/%s", dirs[i], base);
        char hex[65];

        if (file_exists(path) && file_sha(path, hex)) {
            if (!sha || !strcmp(hex, sha)) {
                free(*wrong);
                *wrong = NULL;
                return path;
            }
            if (!*wrong) {
                *wrong = path;
                memcpy(wrong_sha, hex, 65);
                continue;
            }
        }
        free(path);
    }
    for (int i = 0; sha && i < ndirs; i++) {
        char *path = by_digest(dirs[i], base, sha);

        if (path) {
            free(*wrong);
            *wrong = NULL;
            return path;
        }
    }
    return NULL;
}

/* The loader's find hook: where the image's file is, with warnings. */
static char *find_file(void *ctx, const char *name, bool overlay)
{
    Finder *f = ctx;
    const char *base = path_base(name);
    const char *sha = want_sha(f->img, base);
    char *wrong, wsha[65];
    char *path = locate(base, sha, f->dirs, f->ndirs, &wrong, wsha);

    if (wrong) {
        rt_warn("%s: SHA-256 %s, but image %s names %s with "
                "SHA-256 %s: not used%s", wrong, wsha, f->img->path, base,
                sha, overlay ? "; tags it adds are missing"
                             : "; pattern names come from the image's own "
                               "table (use --patterns DIR)");
        f->nmismatch++;
        free(wrong);
    } else if (!path) {
        rt_warn("%s %s (SHA-256 %s, named by image %s) not found in %s%s; "
                "%s", overlay ? "overlay" : "pattern file", base,
                sha ? sha : "not recorded", f->img->path, f->dirs[0],
                f->ndirs > 1 ? " or the other search directories" : "",
                overlay ? "tags it adds are missing"
                        : "pattern names come from the image's own table, "
                          "fields are not shown (use --patterns DIR)");
    } else if (!sha) {
        rt_warn("%s: image %s records no SHA-256 for %s; used by name",
                path, f->img->path, base);
    }
    return path;
}

static void set_errors(void *ctx, const char *label, bool overlays_at_fault,
                       DtSet *s)
{
    (void)ctx;
    if (overlays_at_fault) {
        rt_warn("overlays do not apply to namespace %s:", label);
    } else {
        rt_warn("pattern files of namespace %s do not load:", label);
    }
    if (!rt_quiet) {
        dt_set_print_errors(s, stderr);
    }
}

/*
 * --patterns directories, the image's own directory, then every place
 * risugen looks for its data (gen_data_roots), as arch/FAMILY.
 */
static void search_dirs(const TImage *img, char *const *udirs, int nudirs,
                        char ***dirs, int *ndirs)
{
    char *d;

    for (int i = 0; i < nudirs; i++) {
        push(dirs, ndirs, udirs[i]);
    }
    d = path_dir(img->path);
    push(dirs, ndirs, d);
    free(d);
    for (const char *const *r = gen_data_roots(); *r; r++) {
        d = xasprintf("%s/arch/%s", *r, img->ta->family);
        push(dirs, ndirs, d);
        free(d);
    }
}

/* The view the commands use: the sets, owned, without the GenPats. */
static void take_sets(PatSet *ps, GenPatterns *gp)
{
    ps->ns = xcalloc((size_t)gp->nns + 1, sizeof(PsNs));
    for (int i = 0; i < gp->nns; i++) {
        ps->ns[i].set = gp->ns[i].dt;
        ps->ns[i].width = gp->ns[i].width;
        ps->ns[i].label = gp->ns[i].label;
        gp->ns[i].dt = NULL;
        gp->ns[i].label = NULL;
    }
    ps->nns = gp->nns;
    gen_free_patterns(gp);
}

/*
 * What stops risugen (a RISU file that does not translate, say) is a
 * warning here: the image's own name table still serves.
 */
static __attribute__((noinline)) int
load_trapped(GenPatterns *gp, const GenArch *a, const GenOpts *o,
             const GenLoadHooks *h, const char *img_path, GenSelector **sel)
{
    GenTrap trap;
    int rc;

    if (setjmp(trap.jb)) {
        rt_warn("%s: %s", img_path, trap.msg);
        return -1;
    }
    gen_trap_set(&trap);
    rc = gen_load_sets(gp, a, o, h);
    /* The options' REs compiled as risugen compiles them. */
    *sel = rc ? NULL : gen_selector_new(o);
    gen_trap_clear();
    return rc;
}

static bool load_sets(PatSet *ps, const TImage *img, char *const *udirs,
                      int nudirs)
{
    Finder f = { .img = img };
    GenLoadHooks h = {
        .ctx = &f, .find = find_file, .set_errors = set_errors,
        .keep_going = true, .warn = rt_warn,
    };
    const GenArch *a = gen_arch_find(img->arch);
    GenPatterns gp;
    bool ok;

    if (!a) {
        rt_warn("%s: no generator for arch '%s'", img->path, img->arch);
        return false;
    }
    search_dirs(img, udirs, nudirs, &f.dirs, &f.ndirs);
    ok = !load_trapped(&gp, a, &ps->opts, &h, img->path, &ps->sel);
    ps->nmismatch = f.nmismatch;
    free_vec(f.dirs, f.ndirs);
    if (ok) {
        take_sets(ps, &gp);
    }
    return ok;
}

bool ps_load(PatSet *ps, const TImage *img, char *const *udirs, int nudirs)
{
    char err[600];
    char *s, *p, *tok;

    memset(ps, 0, sizeof(*ps));
    if (!img->has_meta || !img->arch_known) {
        return false;
    }
    s = xstrdup(img->features);
    p = s;
    while ((tok = strsep(&p, ", "))) {
        if (*tok) {
            push(&ps->features, &ps->nfeatures, tok);
        }
    }
    free(s);
    if (gen_parse_options_text(&ps->opts, img->options, err, sizeof(err))) {
        rt_warn("%s: %s", img->path, err);
        return false;
    }
    if (!ps->opts.ninputs) {
        rt_warn("%s: the metadata names no pattern files", img->path);
        return false;
    }
    ps->loaded = load_sets(ps, img, udirs, nudirs);
    if (!ps->loaded) {
        ps_free(ps);
    }
    return ps->loaded;
}

void ps_free(PatSet *ps)
{
    for (int i = 0; i < ps->nns; i++) {
        dt_set_free(ps->ns[i].set);
        free(ps->ns[i].label);
    }
    free(ps->ns);
    gen_selector_free(ps->sel);     /* before the options it points to */
    gen_free_opts(&ps->opts);
    free_vec(ps->features, ps->nfeatures);
    memset(ps, 0, sizeof(*ps));
}

bool ps_feature(const PatSet *ps, const char *name)
{
    for (int i = 0; i < ps->nfeatures; i++) {
        if (!strcmp(ps->features[i], name)) {
            return true;
        }
    }
    return false;
}

/* The image's features meet `requires` ("!name": must not have it). */
static bool available(const PatSet *ps, const DtPattern *p)
{
    for (int i = 0; i < p->annot.nrequires; i++) {
        const char *r = p->annot.requires[i];

        if (ps_feature(ps, r + (*r == '!')) == (*r == '!')) {
            return false;
        }
    }
    return true;
}

bool ps_decode(const PatSet *ps, uint32_t insn, int size, const char *want,
               PsHit *hit)
{
    PsHit cand;
    bool have = false;

    memset(hit, 0, sizeof(*hit));
    for (int i = 0; i < ps->nns; i++) {
        int w = ps->ns[i].width;
        const DtPattern *p;

        if (w != size * 8) {
            continue;
        }
        p = dt_decode(ps->ns[i].set, insn, cand.args);
        if (!p) {
            continue;
        }
        cand.p = p;
        cand.ns = i;
        cand.available = available(ps, p);
        /* The table's name is authoritative: it is what was generated. */
        if (want && !strcmp(p->name, want)) {
            *hit = cand;
            return true;
        }
        /*
         * Otherwise the generator's rule: the first namespace that claims
         * the word with a pattern the target has; failing that, the first
         * namespace that decodes it at all.
         */
        if (!have || (!hit->available && cand.available)) {
            *hit = cand;
            have = true;
        }
        if (!want && cand.available) {
            return true;
        }
    }
    return have;
}

void ps_fields_text(const PsHit *hit, char *out, size_t outlen)
{
    Sb b = { 0 };
    char *s;

    for (int i = 0; hit->p && i < hit->p->nargs; i++) {
        const DtArg *a = &hit->p->args[i];
        int64_t raw = a->kind == DT_ARG_CONST ? a->value : hit->args[i];
        int64_t dec = raw;

        if (a->kind == DT_ARG_FIELD && a->field && a->field->func &&
            dt_func_apply(a->field->func, raw, &dec) && dec != raw) {
            sb_printf(&b, "%s%s=%lld (=%lld)", b.len ? " " : "", a->name,
                      (long long)raw, (long long)dec);
        } else {
            sb_printf(&b, "%s%s=%lld", b.len ? " " : "", a->name,
                      (long long)raw);
        }
    }
    s = sb_take(&b);
    snprintf(out, outlen, "%s", s);
    free(s);
}

bool ps_has_tag(const DtPattern *p, const char *tag)
{
    for (int i = 0; i < p->annot.ntags; i++) {
        if (!strcmp(p->annot.tags[i], tag)) {
            return true;
        }
    }
    return false;
}

/* risugen's own rule (gen/select.c), not a restatement of it. */
bool ps_selected(const PatSet *ps, const DtPattern *p)
{
    return ps->sel && gen_selector_judge(ps->sel, p, available(ps, p),
                                         gen_pattern_weight(p), true) ==
                      GEN_SEL_IN;
}

const DtPattern *ps_find(const PatSet *ps, const char *name)
{
    for (int i = 0; i < ps->nns; i++) {
        size_t n = dt_set_npatterns(ps->ns[i].set);

        for (size_t k = 0; k < n; k++) {
            const DtPattern *p = dt_set_pattern(ps->ns[i].set, k);

            if (!strcmp(p->name, name)) {
                return p;
            }
        }
    }
    return NULL;
}

bool ps_is_vector(const DtPattern *p)
{
    static const char *const tags[] = { "msa", "neon", "a64-simd", "simd",
                                         "sve", NULL };

    for (int i = 0; tags[i]; i++) {
        if (ps_has_tag(p, tags[i])) {
            return true;
        }
    }
    return false;
}

static int arg_index(const DtPattern *p, const char *name)
{
    for (int i = 0; i < p->nargs; i++) {
        if (!strcmp(p->args[i].name, name)) {
            return i;
        }
    }
    return -1;
}

static int64_t arg_value(const PsHit *h, int i)
{
    const DtArg *a = &h->p->args[i];

    return a->kind == DT_ARG_CONST ? a->value : h->args[i];
}

LaneFmt ps_lane_format(const PsHit *hit)
{
    LaneFmt f = { 0, false };
    const DtPattern *p = hit->p;
    bool fptag = false, cmp = false;
    int i;

    if (!p || !ps_is_vector(p)) {
        return f;
    }
    for (int k = 0; k < p->annot.ntags; k++) {
        const char *t = p->annot.tags[k];
        size_t n = strlen(t);

        fptag |= !strcmp(t, "fp") || (n > 3 && !strcmp(t + n - 3, "-fp"));
    }
    /* FP compares produce all-ones/zero masks: show them as integers. */
    for (int k = 0; k < p->annot.ntags; k++) {
        const char *t = p->annot.tags[k];
        size_t n = strlen(t);

        cmp |= n > 4 && !strcmp(t + n - 4, "-cmp");
    }
    /*
     * MIPS MSA: a 2-bit df is b h w d; a 1-bit df is w d for the FP
     * formats and h w for the fixed-point (Q15/Q31) ones.
     */
    if ((i = arg_index(p, "df")) >= 0) {
        int64_t v = arg_value(hit, i);
        const DtArg *a = &p->args[i];
        int w = a->kind == DT_ARG_FIELD && a->field ?
                dt_field_width(a->field) : 2;

        if (w == 1 && (v == 0 || v == 1)) {
            f.fp = fptag && !cmp;
            f.bits = fptag ? 32 << v : 16 << v;
        } else if (v >= 0 && v <= 3) {
            f.bits = 8 << v;
        }
        return f;
    }
    /*
     * ARM: a 1-bit sz is the FP size (0 single, 1 double); a 2-bit sz
     * (QEMU's Neon files use the name for integer sizes too) and size or
     * esz give 8 << n.
     */
    if ((i = arg_index(p, "sz")) >= 0) {
        int64_t v = arg_value(hit, i);
        const DtArg *a = &p->args[i];
        int w = a->kind == DT_ARG_FIELD && a->field ?
                dt_field_width(a->field) : 1;

        if (w == 1 && (v == 0 || v == 1)) {
            f.fp = true;
            f.bits = 32 << v;
        } else if (w == 2 && v >= 0 && v <= 3) {
            f.bits = 8 << v;
        }
        return f;
    }
    if ((i = arg_index(p, "size")) >= 0 || (i = arg_index(p, "esz")) >= 0) {
        int64_t v = arg_value(hit, i);

        if (v >= 0 && v <= 3) {
            f.bits = 8 << v;
        }
    }
    return f;
}

int ps_reg_operands(const PsHit *hit, PsReg *out, int max)
{
    int n = 0;

    if (!hit->p) {
        return 0;
    }
    for (int i = 0; i < hit->p->annot.nroles && n < max; i++) {
        const DtRegRole *r = &hit->p->annot.roles[i];

        if (r->argidx < 0) {
            continue;
        }
        out[n].cls = r->cls;
        out[n].num = (int)arg_value(hit, r->argidx);
        n++;
    }
    return n;
}
