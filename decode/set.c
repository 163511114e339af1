/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DtSet: the public face of the library.  Files are parsed as they are
 * added; dt_set_finish runs decodetree.py's whole-namespace checks,
 * applies overlays, binds annotations and builds the decoder.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "decode/internal.h"
#include "tools/lib/files.h"
#include "tools/lib/text.h"

DtSet *dt_set_new(const DtOptions *opts)
{
    DtSet *s = calloc(1, sizeof(*s));
    int w = 32;

    if (!s) {
        abort();
    }
    s->arena = dt_arena_new();
    if (opts && opts->varinsnwidth) {
        w = opts->varinsnwidth;
        s->varwidth = true;
    } else if (opts && opts->insnwidth) {
        w = opts->insnwidth;
    }
    s->decode_name = dt_arena_strdup(s->arena,
                                     opts && opts->decode_name
                                     ? opts->decode_name : "decode");
    if (w != 16 && w != 32 && w != 64) {
        dt_error(s, NULL, 0, "cannot handle insns of width %d", w);
        w = 32;
    }
    s->insnwidth = w;
    s->insnmask = dt_len_mask(w);
    s->root = dt_arena_alloc(s->arena, sizeof(DtNode));
    s->root->kind = DT_N_EXC;
    s->root->file = "";
    return s;
}

void dt_set_free(DtSet *s)
{
    if (!s) {
        return;
    }
    for (size_t i = 0; i < s->npats; i++) {
        dt_annot_free(&s->pats[i]->pub.annot);
    }
    for (size_t i = 0; i < s->noverlays; i++) {
        dt_overlay_free(s->overlays[i].lines, s->overlays[i].n);
        free(s->overlays[i].matched);
    }
    free(s->overlays);
    /* Group member arrays are malloc'd; the groups live in the arena. */
    DtNode **stack = NULL;
    size_t n = 0, cap = 0;
    dt_grow((void **)&stack, &cap, n, sizeof(*stack));
    stack[n++] = s->root;
    while (n) {
        DtNode *g = stack[--n];
        for (size_t i = 0; i < g->nkids; i++) {
            if (g->kids[i]->kind != DT_N_PAT) {
                dt_grow((void **)&stack, &cap, n, sizeof(*stack));
                stack[n++] = g->kids[i];
            }
        }
        free(g->kids);
    }
    free(stack);
    for (size_t i = 0; i < s->nerrors; i++) {
        free(s->errors[i]);
    }
    free(s->errors);
    free(s->pats);
    dt_map_free(&s->fields);
    dt_map_free(&s->argsets);
    dt_map_free(&s->formats);
    dt_index_free(&s->argidx);
    dt_index_free(&s->fmtidx);
    dt_arena_free(s->arena);
    free(s);
}

void dt_error_raw(DtSet *s, const char *msg)
{
    if (s->nerrors >= DT_MAX_ERRORS) {
        if (!s->too_many) {
            s->too_many = true;
            msg = "error: too many errors, giving up";
        } else {
            return;
        }
    }
    dt_grow((void **)&s->errors, &s->caperrors, s->nerrors, sizeof(char *));
    s->errors[s->nerrors] = strdup(msg);
    if (!s->errors[s->nerrors]) {
        abort();
    }
    s->nerrors++;
}

void dt_error(DtSet *s, const char *file, int line, const char *fmt, ...)
{
    char msg[2048];
    size_t o = 0;
    va_list ap;

    if (file && *file) {
        o = (size_t)snprintf(msg, sizeof(msg), "%s:", file);
    }
    if (line > 0 && o < sizeof(msg)) {
        o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%d:", line);
    }
    if (o && o < sizeof(msg)) {
        o += (size_t)snprintf(msg + o, sizeof(msg) - o, " ");
    }
    if (o < sizeof(msg)) {
        o += (size_t)snprintf(msg + o, sizeof(msg) - o, "error: ");
    }
    if (o < sizeof(msg)) {
        va_start(ap, fmt);
        vsnprintf(msg + o, sizeof(msg) - o, fmt, ap);
        va_end(ap);
    }
    dt_error_raw(s, msg);
}

int dt_set_add_text(DtSet *s, const char *name, const char *text, size_t len)
{
    if (s->finished) {
        dt_error(s, name, 0, "file added after dt_set_finish");
        return (int)s->nerrors;
    }
    size_t before = s->nerrors;
    dt_parse_text(s, dt_arena_strdup(s->arena, name ? name : "<text>"),
                  text, len);
    if (s->nerrors != before) {
        s->parse_failed = true;
    }
    return (int)s->nerrors;
}

/* Read path and hand its text to add (a pattern file or an overlay). */
static int add_from_file(DtSet *s, const char *path,
                         int (*add)(DtSet *, const char *, const char *,
                                    size_t))
{
    size_t len;
    char err[512];
    char *text = read_file(path, READ_MAX_TEXT, &len, err, sizeof(err));

    if (!text) {
        dt_error(s, path, 0, "cannot read: %s", strerror(errno));
        s->parse_failed = true;
        return (int)s->nerrors;
    }
    add(s, path, text, len);
    free(text);
    return (int)s->nerrors;
}

int dt_set_add_file(DtSet *s, const char *path)
{
    return add_from_file(s, path, dt_set_add_text);
}

int dt_set_add_overlay_text(DtSet *s, const char *name, const char *text,
                            size_t len)
{
    return dt_set_add_overlay_text_flags(s, name, text, len, 0);
}

int dt_set_add_overlay_text_flags(DtSet *s, const char *name,
                                  const char *text, size_t len,
                                  unsigned flags)
{
    DtOverlayFile *of;
    DtOverlayLine *lines = NULL;
    size_t n = 0;
    char err[1024];

    if (s->finished) {
        dt_error(s, name, 0, "overlay added after dt_set_finish");
        return (int)s->nerrors;
    }
    if (dt_overlay_parse(name, text, len, &lines, &n, err, sizeof(err)) < 0) {
        dt_error_raw(s, err);
        s->parse_failed = true;
        return (int)s->nerrors;
    }
    dt_grow((void **)&s->overlays, &s->capoverlays, s->noverlays,
            sizeof(*s->overlays));
    of = &s->overlays[s->noverlays];
    of->lines = lines;
    of->n = n;
    of->flags = flags;
    of->matched = calloc(n ? n : 1, sizeof(bool));
    if (!of->matched) {
        abort();
    }
    s->noverlays++;
    return (int)s->nerrors;
}

int dt_set_add_overlay(DtSet *s, const char *path)
{
    return add_from_file(s, path, dt_set_add_overlay_text);
}

bool dt_set_overlay_matched(const DtSet *s, size_t overlay, size_t line)
{
    return s->finished && overlay < s->noverlays &&
           line < s->overlays[overlay].n && s->overlays[overlay].matched[line];
}

/* "no pattern matches", with the nearest pattern name as a hint. */
static void no_match(DtSet *s, const DtOverlayLine *ol)
{
    const char *best = NULL;
    size_t bd = (size_t)-1;

    for (size_t i = 0; i < s->npats; i++) {
        size_t d = edit_distance(ol->glob, s->pats[i]->pub.name);
        if (d < bd) {
            bd = d;
            best = s->pats[i]->pub.name;
        }
    }
    if (best) {
        dt_error(s, ol->file, ol->line,
                 "no pattern matches '%s' (did you mean '%s'?)",
                 ol->glob, best);
    } else {
        dt_error(s, ol->file, ol->line, "no pattern matches '%s'", ol->glob);
    }
}

static void apply_overlays(DtSet *s)
{
    char err[1024];

    for (size_t o = 0; o < s->noverlays; o++) {
        for (size_t l = 0; l < s->overlays[o].n; l++) {
            const DtOverlayLine *ol = &s->overlays[o].lines[l];
            bool any = false;

            for (size_t i = 0; i < s->npats; i++) {
                DtPattern *p = &s->pats[i]->pub;
                if (!dt_glob_match(ol->glob, p->name)) {
                    continue;
                }
                any = true;
                if (dt_annot_apply(&p->annot, ol->directive, ol->file,
                                   ol->line, err, sizeof(err)) < 0) {
                    dt_error_raw(s, err);
                    break;
                }
            }
            s->overlays[o].matched[l] = any;
            if (!any && !(s->overlays[o].flags & DT_OVERLAY_PARTIAL)) {
                no_match(s, ol);
            }
        }
    }
}

int dt_set_finish(DtSet *s)
{
    char err[1024];

    if (s->finished) {
        return (int)s->nerrors;
    }
    s->finished = true;
    /* After a parse error the namespace is incomplete: checks would cascade. */
    if (s->parse_failed || s->nerrors) {
        return (int)s->nerrors;
    }
    if (!dt_check_structure(s)) {
        return (int)s->nerrors;
    }
    apply_overlays(s);
    for (size_t i = 0; i < s->npats; i++) {
        if (dt_annot_bind(&s->pats[i]->pub, err, sizeof(err)) < 0) {
            dt_error_raw(s, err);
        }
    }
    if (s->nerrors) {
        s->decoder = NULL;
    }
    return (int)s->nerrors;
}

size_t dt_set_npatterns(const DtSet *s)
{
    return s->npats;
}

const DtPattern *dt_set_pattern(const DtSet *s, size_t i)
{
    return i < s->npats ? &s->pats[i]->pub : NULL;
}

int dt_set_insnwidth(const DtSet *s)
{
    return s->insnwidth;
}

bool dt_set_varwidth(const DtSet *s)
{
    return s->varwidth;
}

size_t dt_set_nerrors(const DtSet *s)
{
    return s->nerrors;
}

const char *dt_set_error(const DtSet *s, size_t i)
{
    return i < s->nerrors ? s->errors[i] : NULL;
}

void dt_set_print_errors(const DtSet *s, FILE *out)
{
    for (size_t i = 0; i < s->nerrors; i++) {
        fprintf(out, "%s\n", s->errors[i]);
    }
}
