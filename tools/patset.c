/* Pattern files of an image, on the host (see patset.h). */
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "decode/annot.h"
#include "format/trace.h"
#include "tools/patset.h"
#include "tools/tutil.h"

/* ---- risugen's canonical options ---- */

static void push(char ***v, int *n, const char *s)
{
    *v = xrealloc(*v, (size_t)(*n + 1) * sizeof(char *));
    (*v)[(*n)++] = xstrdup(s);
}

/* Next word: blanks separate, '...' quotes (risugen writes REs so). */
static char *next_word(const char **pp)
{
    const char *p = *pp;
    Sb b = { 0 };
    bool any = false;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    while (*p && *p != ' ' && *p != '\t') {
        any = true;
        if (*p == '\'') {
            const char *q = strchr(p + 1, '\'');

            if (!q) {
                q = p + strlen(p);
            }
            sb_putn(&b, p + 1, (size_t)(q - p - 1));
            p = *q ? q + 1 : q;
        } else {
            sb_putc(&b, *p++);
        }
    }
    *pp = p;
    if (!any) {
        sb_free(&b);
        return NULL;
    }
    return sb_take(&b);
}

int ps_parse_options(const char *options, PsOpts *o, char *err,
                     size_t errlen)
{
    /* Options of risugen that take a separate argument. */
    static const char *const witharg[] = {
        "--arch", "--cpu", "--features", "--numinsns", "-n", "--seed", "-s",
        "--checkpoint-every", "--comparemem-every", "--mem", "--format", "-o",
        NULL
    };
    const char *p = options;
    int width = 0;
    char *w;

    memset(o, 0, sizeof(*o));
    while ((w = next_word(&p))) {
        char *arg = NULL;
        bool takes = false;

        for (int i = 0; witharg[i]; i++) {
            takes |= !strcmp(w, witharg[i]);
        }
        if (takes || !strcmp(w, "--insnwidth") || !strcmp(w, "--overlay") ||
            !strcmp(w, "--pattern") || !strcmp(w, "--not-pattern") ||
            !strcmp(w, "--group")) {
            arg = next_word(&p);
            if (!arg) {
                snprintf(err, errlen, "options: %s without its argument", w);
                free(w);
                return -1;
            }
        }
        if (!strcmp(w, "--insnwidth")) {
            width = atoi(arg);
            if (width != 16 && width != 32 && width != 64) {
                snprintf(err, errlen, "options: bad --insnwidth %s", arg);
                free(w);
                free(arg);
                return -1;
            }
        } else if (!strcmp(w, "--overlay")) {
            push(&o->overlays, &o->noverlays, arg);
        } else if (!strcmp(w, "--pattern")) {
            push(&o->patterns, &o->npatterns, arg);
        } else if (!strcmp(w, "--not-pattern")) {
            push(&o->notpatterns, &o->nnotpatterns, arg);
        } else if (!strcmp(w, "--group")) {
            char *s = arg, *tok;

            while ((tok = strsep(&s, ","))) {
                if (*tok) {
                    push(&o->groups, &o->ngroups, tok);
                }
            }
        } else if (w[0] != '-') {
            push(&o->ns_spec, &o->nns, w);
            o->ns_width = xrealloc(o->ns_width, (size_t)o->nns * sizeof(int));
            o->ns_width[o->nns - 1] = width;
            width = 0;
        }
        free(arg);
        free(w);
    }
    return 0;
}

static void free_vec(char **v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

void ps_opts_free(PsOpts *o)
{
    free_vec(o->ns_spec, o->nns);
    free(o->ns_width);
    free_vec(o->overlays, o->noverlays);
    free_vec(o->patterns, o->npatterns);
    free_vec(o->notpatterns, o->nnotpatterns);
    free_vec(o->groups, o->ngroups);
    memset(o, 0, sizeof(*o));
}

/* ---- locating and loading files ---- */

static const char *want_sha(const TImage *img, const char *base)
{
    for (int i = 0; i < img->npfiles; i++) {
        if (!strcmp(img->pfiles[i].name, base)) {
            return img->pfiles[i].sha;
        }
    }
    return NULL;
}

/*
 * Find `base` in the search directories.  A copy whose SHA-256 matches
 * the image wins; otherwise the first copy found, with *mismatch set.
 */
static char *locate(const char *base, const char *sha, char *const *dirs,
                    int ndirs, uint8_t **text, size_t *len, bool *mismatch)
{
    char *first = NULL;
    uint8_t *ftext = NULL;
    size_t flen = 0;
    char err[300];

    *mismatch = false;
    for (int i = 0; i < ndirs; i++) {
        char *path = xasprintf("%s/%s", dirs[i], base);
        uint8_t *t;
        size_t n;
        uint8_t d[32];
        char hex[65];

        if (!file_exists(path) ||
            !(t = read_file(path, READ_MAX_TEXT, &n, err, sizeof(err)))) {
            free(path);
            continue;
        }
        risu_sha256(t, n, d);
        hex_bytes(hex, d, 32);
        if (!sha || !strcmp(hex, sha)) {
            free(first);
            free(ftext);
            *text = t;
            *len = n;
            return path;
        }
        if (!first) {
            first = path;
            ftext = t;
            flen = n;
        } else {
            free(path);
            free(t);
        }
    }
    if (first) {
        *mismatch = true;
        *text = ftext;
        *len = flen;
    }
    return first;
}

typedef struct FileText {
    char *path;
    uint8_t *text;
    size_t len;
} FileText;

static DtSet *build_ns(const ArchHost *ta, const FileText *files, int nfiles,
                       int width, const FileText *ovs, int novs)
{
    DtOptions dopt = { .insnwidth = width ? width : 8 * ta->insn_unit };
    DtSet *s = dt_set_new(&dopt);

    for (int i = 0; i < nfiles; i++) {
        dt_set_add_text(s, files[i].path, (const char *)files[i].text,
                        files[i].len);
    }
    /* Each overlay serves every namespace, as in risugen. */
    for (int i = 0; i < novs; i++) {
        dt_set_add_overlay_text_flags(s, ovs[i].path,
                                      (const char *)ovs[i].text, ovs[i].len,
                                      DT_OVERLAY_PARTIAL);
    }
    return s;
}

/* An overlay that does not parse is left out, with a warning. */
static bool overlay_parses(const FileText *ov)
{
    DtOverlayLine *lines = NULL;
    size_t nlines = 0;
    char err[300];

    if (dt_overlay_parse(ov->path, (const char *)ov->text, ov->len, &lines,
                         &nlines, err, sizeof(err))) {
        rt_warn("%s", err);
        return false;
    }
    dt_overlay_free(lines, nlines);
    return true;
}

static void exe_dirs(const ArchHost *ta, char ***dirs, int *ndirs)
{
    const char *env = getenv("RISU_DT_DATADIR");
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

    if (env && *env) {
        char *d = xasprintf("%s/arch/%s", env, ta->family);

        push(dirs, ndirs, d);
        free(d);
    }
    if (n > 0) {
        char *dir, *d;

        exe[n] = 0;
        dir = path_dir(exe);
        d = xasprintf("%s/../arch/%s", dir, ta->family);
        push(dirs, ndirs, d);
        free(d);
        free(dir);
    }
    {
        char *d = xasprintf("arch/%s", ta->family);

        push(dirs, ndirs, d);
        free(d);
    }
}

bool ps_load(PatSet *ps, const TImage *img, char *const *udirs, int nudirs)
{
    char **dirs = NULL, err[300];
    int ndirs = 0;
    FileText *ovs = NULL;
    int novs = 0;
    bool ok = true;

    memset(ps, 0, sizeof(*ps));
    if (!img->has_meta || !img->arch_known) {
        return false;
    }
    {
        char *s = xstrdup(img->features), *p = s, *tok;

        while ((tok = strsep(&p, ", "))) {
            if (*tok) {
                push(&ps->features, &ps->nfeatures, tok);
            }
        }
        free(s);
    }
    if (ps_parse_options(img->options, &ps->opts, err, sizeof(err))) {
        rt_warn("%s: %s", img->path, err);
        return false;
    }
    if (!ps->opts.nns) {
        rt_warn("%s: the metadata names no pattern files", img->path);
        return false;
    }
    for (int i = 0; i < nudirs; i++) {
        push(&dirs, &ndirs, udirs[i]);
    }
    exe_dirs(img->ta, &dirs, &ndirs);

    for (int i = 0; i < ps->opts.noverlays; i++) {
        FileText f = { 0 };
        bool mism;
        const char *base = path_base(ps->opts.overlays[i]);

        f.path = locate(base, want_sha(img, base), dirs, ndirs, &f.text,
                        &f.len, &mism);
        if (!f.path) {
            rt_warn("overlay %s not found (looked in %s ...); tags it adds "
                    "are missing", base, dirs[0]);
            continue;
        }
        if (mism) {
            rt_warn("%s: SHA-256 differs from the one image %s was made "
                    "with; annotations may differ", f.path, img->path);
            ps->nmismatch++;
        }
        if (!overlay_parses(&f)) {
            free(f.path);
            free(f.text);
            continue;
        }
        ovs = xrealloc(ovs, (size_t)(novs + 1) * sizeof(*ovs));
        ovs[novs++] = f;
    }

    ps->ns = xcalloc((size_t)ps->opts.nns, sizeof(PsNs));
    for (int i = 0; i < ps->opts.nns && ok; i++) {
        FileText *files = NULL;
        int nfiles = 0;
        char *spec = xstrdup(ps->opts.ns_spec[i]), *p = spec, *tok;
        DtSet *s;

        while ((tok = strsep(&p, "+")) && ok) {
            FileText f = { 0 };
            bool mism;
            const char *base = path_base(tok);

            f.path = locate(base, want_sha(img, base), dirs, ndirs, &f.text,
                            &f.len, &mism);
            if (!f.path) {
                rt_warn("pattern file %s (named by image %s) not found in "
                        "%s%s; pattern fields are not shown (use --patterns "
                        "DIR)", base, img->path, dirs[0],
                        ndirs > 1 ? " or the other search directories" : "");
                ok = false;
                break;
            }
            if (mism) {
                rt_warn("%s: SHA-256 differs from the one image %s was made "
                        "with (%.16s..); names and fields may be wrong",
                        f.path, img->path, want_sha(img, base) ?
                        want_sha(img, base) : "?");
                ps->nmismatch++;
            }
            files = xrealloc(files, (size_t)(nfiles + 1) * sizeof(*files));
            files[nfiles++] = f;
        }
        free(spec);
        if (ok) {
            s = build_ns(img->ta, files, nfiles, ps->opts.ns_width[i], NULL,
                         0);
            if (dt_set_finish(s)) {
                rt_warn("pattern files of namespace %s do not load:",
                        ps->opts.ns_spec[i]);
                if (!rt_quiet) {
                    dt_set_print_errors(s, stderr);
                }
                dt_set_free(s);
                ok = false;
            } else if (novs) {
                dt_set_free(s);
                s = build_ns(img->ta, files, nfiles, ps->opts.ns_width[i],
                             ovs, novs);
                if (dt_set_finish(s)) {
                    rt_warn("overlays do not apply to namespace %s:",
                            ps->opts.ns_spec[i]);
                    if (!rt_quiet) {
                        dt_set_print_errors(s, stderr);
                    }
                    dt_set_free(s);
                    ok = false;
                }
            }
            if (ok) {
                ps->ns[ps->nns].set = s;
                ps->ns[ps->nns].width = dt_set_insnwidth(s);
                ps->ns[ps->nns].label = xstrdup(ps->opts.ns_spec[i]);
                ps->nns++;
            }
        }
        for (int k = 0; k < nfiles; k++) {
            free(files[k].path);
            free(files[k].text);
        }
        free(files);
    }
    for (int k = 0; k < novs; k++) {
        free(ovs[k].path);
        free(ovs[k].text);
    }
    free(ovs);
    free_vec(dirs, ndirs);
    ps->loaded = ok;
    if (!ok) {
        ps_free(ps);
    }
    return ok;
}

void ps_free(PatSet *ps)
{
    for (int i = 0; i < ps->nns; i++) {
        dt_set_free(ps->ns[i].set);
        free(ps->ns[i].label);
    }
    free(ps->ns);
    ps_opts_free(&ps->opts);
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

static bool available(const PatSet *ps, const DtPattern *p)
{
    for (int i = 0; i < p->annot.nrequires; i++) {
        if (!ps_feature(ps, p->annot.requires[i])) {
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

static bool re_whole(const char *re, const char *name)
{
    char *full = xasprintf("^(%s)$", re);
    regex_t r;
    bool m = false;

    if (!regcomp(&r, full, REG_EXTENDED | REG_NOSUB)) {
        m = !regexec(&r, name, 0, NULL, 0);
        regfree(&r);
    }
    free(full);
    return m;
}

bool ps_selected(const PatSet *ps, const DtPattern *p)
{
    const PsOpts *o = &ps->opts;
    bool named = false;

    if (p->annot.never || !available(ps, p)) {
        return false;
    }
    if (o->ngroups) {
        bool in = false;

        for (int i = 0; i < o->ngroups && !in; i++) {
            in = ps_has_tag(p, o->groups[i]);
        }
        if (!in) {
            return false;
        }
    }
    if (o->npatterns) {
        for (int i = 0; i < o->npatterns && !named; i++) {
            named = re_whole(o->patterns[i], p->name);
        }
        if (!named) {
            return false;
        }
    }
    for (int i = 0; i < o->nnotpatterns; i++) {
        if (re_whole(o->notpatterns[i], p->name)) {
            return false;
        }
    }
    return named || p->annot.weight > 0;
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
