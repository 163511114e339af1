/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Linaro RISU pattern files (*.risu) as risugen input.
 *
 * decode/risufile.c turns a RISU file into decodetree text with our
 * annotations; this module feeds that text to the pattern loader in
 * place of the file's contents.  A file is translated once (its
 * diagnostics printed once) however many namespaces use it: a Thumb file
 * yields a 32-bit and a 16-bit text, which become two namespaces of one
 * FILE argument, and the overlay pass loads each namespace twice.
 *
 * Untranslatable parts are reported as "file:line: error: ..." on stderr
 * with the original line numbers; those patterns are marked never by the
 * translator, so the rest of the file still generates.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decode/risufile.h"
#include "arch/archtab.h"
#include "gen/gen.h"

typedef struct RisuIn {
    char *path;
    char *text;             /* the file as read, for the digest */
    size_t len;
    RisuTranslation t;
} RisuIn;

static RisuIn *cache;
static size_t ncache;

bool gen_is_risu(const char *path)
{
    return risu_file_is_risu(path) != 0;
}

static const RisuIn *get(const char *path)
{
    for (size_t i = 0; i < ncache; i++) {
        if (!strcmp(cache[i].path, path)) {
            return &cache[i];
        }
    }
    RisuIn r = { 0 };
    char err[512];
    r.text = read_file(path, READ_MAX_TEXT, &r.len, err, sizeof(err));
    if (!r.text) {
        gen_fatal("cannot read pattern file %s: %s", path, strerror(errno));
    }
    r.path = xstrdup(path);
    risu_translate(path, r.text, r.len, arch_risu_modes(), &r.t);
    if (r.t.errors) {
        fputs(r.t.errors, stderr);
    }
    /* A malformed file may have lost constraints: generating from the
     * rest would give words the author excluded. */
    if (r.t.nsyntax) {
        gen_fatal("%s: %d syntax error(s) (above)", path, r.t.nsyntax);
    }
    if (r.t.nnever) {
        gen_warn("%s: %d of %d pattern(s) not translatable: never "
                 "generated (reasons above)", path, r.t.nnever,
                 r.t.npatterns);
    }
    cache = xrealloc(cache, (ncache + 1) * sizeof(*cache));
    cache[ncache] = r;
    return &cache[ncache++];
}

const char *gen_risu_text(const char *path, int width, const char **orig,
                          size_t *origlen)
{
    const RisuIn *r = get(path);
    if (orig) {
        *orig = r->text;
        *origlen = r->len;
    }
    return width == 16 ? r->t.text16 : r->t.text32;
}

/* The arch a RISU file's .mode names (arch/<family>/host.c says). */
static const ArchEntry *mode_arch(const char *mode)
{
    for (const ArchEntry *e = arch_table; e->name; e++) {
        if (e->host->risu && !strcmp(mode, e->host->risu->name)) {
            return e;
        }
    }
    return NULL;
}

/* The single file of a spec, or NULL when it joins several ('+'). */
static const char *single(const GenInput *in)
{
    return strchr(in->spec, '+') ? NULL : in->spec;
}

const char *gen_risu_default_arch(const GenOpts *o)
{
    for (size_t i = 0; i < o->ninputs; i++) {
        const char *f = single(&o->inputs[i]);
        if (f && gen_is_risu(f)) {
            const ArchEntry *a = mode_arch(get(f)->t.mode);
            if (!a) {
                gen_fatal("%s: .mode %s has no risugen arch: give --arch", f,
                          get(f)->t.mode);
            }
            return a->name;
        }
    }
    return NULL;
}

void gen_risu_expand_inputs(GenOpts *o, const GenArch *a)
{
    for (size_t i = 0; i < o->ninputs; i++) {
        GenInput *in = &o->inputs[i];
        const char *s = in->spec;
        /* Every RISU part must be written for this instruction set. */
        while (*s) {
            const char *plus = strchr(s, '+');
            size_t n = plus ? (size_t)(plus - s) : strlen(s);
            char *part = xasprintf("%.*s", (int)n, s);
            if (gen_is_risu(part)) {
                const char *mode = get(part)->t.mode;
                /* A mode of this family must name this very arch. */
                const ArchEntry *ma = mode_arch(mode);
                if (ma && !strcmp(ma->host->family, a->family) &&
                    strcmp(ma->name, a->name)) {
                    gen_fatal("%s: .mode %s does not fit --arch %s (use "
                              "--arch %s)", part, mode, a->name, ma->name);
                }
            }
            free(part);
            s += n + (plus ? 1 : 0);
        }
        const char *f = single(in);
        if (!f || !gen_is_risu(f) || in->insnwidth) {
            continue;
        }
        const RisuTranslation *t = &get(f)->t;
        bool has32 = t->text32 && t->text32[0];
        bool has16 = t->text16 && t->text16[0];
        if (has16 && !has32) {
            in->insnwidth = 16;
        } else if (has16) {
            /* A Thumb file: its 16-bit patterns are a namespace of their
             * own, right after the 32-bit one. */
            in->insnwidth = 32;
            o->inputs = xrealloc(o->inputs,
                                 (o->ninputs + 1) * sizeof(*o->inputs));
            in = &o->inputs[i];
            memmove(in + 2, in + 1, (o->ninputs - i - 1) * sizeof(*in));
            in[1].spec = xstrdup(in->spec);
            in[1].insnwidth = 16;
            o->ninputs++;
            i++;
        }
    }
}

void gen_risu_free(void)
{
    for (size_t i = 0; i < ncache; i++) {
        free(cache[i].path);
        free(cache[i].text);
        risu_translation_free(&cache[i].t);
    }
    free(cache);
    cache = NULL;
    ncache = 0;
}

const char *gen_where(const DtPattern *p)
{
    /* Rotating buffers: a message may name two patterns. */
    static char buf[4][600];
    static int next;
    char *out = buf[next++ & 3];
    const char *tag = strstr(p->file, "-bit translation]");
    const char *br = tag ? strrchr(p->file, '[') : NULL;

    snprintf(out, sizeof(buf[0]), "%s:%d", p->file, p->line);
    if (!br || br > tag) {
        return out;
    }
    char *path = xasprintf("%.*s", (int)(br - p->file), p->file);
    const RisuIn *r = NULL;
    for (size_t i = 0; i < ncache && !r; i++) {
        if (!strcmp(cache[i].path, path)) {
            r = &cache[i];
        }
    }
    const char *text = !r ? NULL : atoi(br + 1) == 16 ? r->t.text16
                                                      : r->t.text32;
    /* The translation puts "  # FILE:LINE" before each pattern. */
    int line = 1, found = 0;
    for (const char *q = text; q && *q && line <= p->line; line++) {
        const char *nl = strchr(q, '\n');
        const char *c = q;
        while (*c == ' ') {
            c++;
        }
        size_t pl = strlen(path);
        if (c[0] == '#' && c[1] == ' ' && !strncmp(c + 2, path, pl) &&
            c[2 + pl] == ':') {
            found = atoi(c + 3 + pl);
        }
        if (!nl) {
            break;
        }
        q = nl + 1;
    }
    if (found > 0) {
        snprintf(out, sizeof(buf[0]), "%s:%d", path, found);
    }
    free(path);
    return out;
}
