/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Overlay files: "NAME: DIRECTIVE" lines that annotate the patterns of
 * an unmodified decodetree file by name or glob.
 *
 * Each directive is validated here, once, so a typo is reported at its
 * overlay line even when the glob matches nothing and without one error
 * per matching pattern.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

/* The shared formatter (decode/annot.c), by the short name used here. */
#define oerr dt_annot_error

/* The ']' closing the class that starts at g ('['), or NULL. */
static const char *class_end(const char *g)
{
    g++;
    if (*g == '!' || *g == '^') {
        g++;
    }
    if (*g == ']') {            /* "[]...]": the first ']' is a member */
        g++;
    }
    while (*g && *g != ']') {
        g++;
    }
    return *g ? g : NULL;
}

/* Match one "[...]" class at *gp against c; advances *gp past it. */
static bool match_class(const char **gp, char c, bool *valid)
{
    const char *g = *gp + 1;
    bool neg = false, hit = false;

    if (*g == '!' || *g == '^') {
        neg = true;
        g++;
    }
    /* A ']' right after '[' or '[!' is a member, not the end. */
    if (*g == ']') {
        hit |= c == ']';
        g++;
    }
    while (*g && *g != ']') {
        if (g[1] == '-' && g[2] && g[2] != ']') {
            hit |= (unsigned char)c >= (unsigned char)g[0] &&
                   (unsigned char)c <= (unsigned char)g[2];
            g += 3;
        } else {
            hit |= c == *g;
            g++;
        }
    }
    if (!*g) {
        *valid = false;         /* no ']': the '[' is an ordinary char */
        return c == '[';
    }
    *valid = true;
    *gp = g + 1;
    return hit != neg;
}

/*
 * Iterative matcher: on a mismatch, retry from the most recent '*'
 * with one more character consumed.  Linear in practice, never
 * exponential, no recursion.
 */
bool dt_glob_match(const char *glob, const char *name)
{
    const char *g = glob, *n = name;
    const char *star_g = NULL, *star_n = NULL;

    if (!glob || !name) {
        return false;
    }
    while (*n) {
        if (*g == '*') {
            while (*g == '*') {
                g++;
            }
            star_g = g;
            star_n = n;
            continue;
        }
        if (*g == '?') {
            g++;
            n++;
            continue;
        }
        if (*g == '[') {
            const char *gg = g;
            bool valid;

            if (match_class(&gg, *n, &valid)) {
                g = valid ? gg : g + 1;
                n++;
                continue;
            }
        } else if (*g && *g == *n) {
            g++;
            n++;
            continue;
        }
        if (!star_g) {
            return false;
        }
        g = star_g;
        n = ++star_n;
    }
    while (*g == '*') {
        g++;
    }
    return *g == 0;
}


static bool glob_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("_*?[]!^-", c);
}

void dt_overlay_free(DtOverlayLine *lines, size_t n)
{
    size_t i;

    for (i = 0; lines && i < n; i++) {
        free(lines[i].glob);
        free(lines[i].directive);
        free(lines[i].file);
    }
    free(lines);
}

/* One logical line (comments stripped, continuations joined). */
static int overlay_line(const char *name, int lineno, char *s,
                        DtOverlayLine **lines, size_t *n, size_t *cap,
                        char *err, size_t errlen)
{
    char *colon, *g, *d, *e;
    DtAnnot scratch = { 0 };
    DtOverlayLine *l;
    int r;

    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (!*s) {
        return 0;
    }
    colon = strchr(s, ':');
    if (!colon) {
        return oerr(err, errlen, name, lineno,
                    "expected 'NAME: DIRECTIVE', found no ':'");
    }
    for (e = colon; e > s && (e[-1] == ' ' || e[-1] == '\t'); e--) {
        continue;
    }
    if (e == s) {
        return oerr(err, errlen, name, lineno,
                    "missing pattern name before ':'");
    }
    for (g = s; g < e; g++) {
        if (!glob_char_ok(*g)) {
            return oerr(err, errlen, name, lineno, "'%.*s' is not a pattern "
                        "name or glob (letters, digits, _ * ? [...])",
                        (int)(e - s > 60 ? 60 : e - s), s);
        }
    }
    d = colon + 1;
    while (*d == ' ' || *d == '\t') {
        d++;
    }
    if (!*d) {
        return oerr(err, errlen, name, lineno,
                    "missing directive after '%.*s:'",
                    (int)(e - s > 60 ? 60 : e - s), s);
    }
    r = dt_annot_apply(&scratch, d, name, lineno, err, errlen);
    dt_annot_free(&scratch);
    if (r < 0) {
        return -1;
    }
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        DtOverlayLine *nl = realloc(*lines, ncap * sizeof(*nl));

        if (!nl) {
            return oerr(err, errlen, name, lineno, "out of memory");
        }
        *lines = nl;
        *cap = ncap;
    }
    *e = 0;
    for (g = s; *g; g++) {
        if (*g == '[' && !(g = (char *)class_end(g))) {
            return oerr(err, errlen, name, lineno,
                        "unterminated '[' in '%.60s'", s);
        }
    }
    l = &(*lines)[*n];
    l->glob = strndup(s, e - s);
    l->directive = strdup(d);
    l->file = strdup(name);
    l->line = lineno;
    (*n)++;                     /* counted even if partial: freed below */
    if (!l->glob || !l->directive || !l->file) {
        return oerr(err, errlen, name, lineno, "out of memory");
    }
    return 0;
}

int dt_overlay_parse(const char *name, const char *text, size_t len,
                     DtOverlayLine **lines, size_t *nlines,
                     char *err, size_t errlen)
{
    DtOverlayLine *v = NULL;
    size_t n = 0, cap = 0, pos = 0;
    char *buf = NULL;           /* logical line being assembled */
    size_t blen = 0;
    bool open = false;          /* a '\\' continuation is pending */
    int lineno = 0, first = 0;

    *lines = NULL;
    *nlines = 0;
    if (!name) {
        name = "<overlay>";
    }
    if (err && errlen) {
        err[0] = 0;
    }
    while (pos < len) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t l = nl ? (size_t)(nl - s) : len - pos;
        const char *hash;
        bool more;
        char *nb;

        pos += l + (nl ? 1 : 0);
        lineno++;
        if (memchr(s, 0, l)) {
            oerr(err, errlen, name, lineno, "NUL byte in overlay text");
            goto fail;
        }
        if (l && s[l - 1] == '\r') {
            l--;
        }
        hash = memchr(s, '#', l);
        if (hash) {
            l = hash - s;
        }
        while (l && (s[l - 1] == ' ' || s[l - 1] == '\t')) {
            l--;
        }
        more = !hash && l && s[l - 1] == '\\';
        if (more) {
            l--;
        }
        nb = realloc(buf, blen + l + 2);
        if (!nb) {
            oerr(err, errlen, name, lineno, "out of memory");
            goto fail;
        }
        buf = nb;
        if (!open) {
            first = lineno;
        } else {
            buf[blen++] = ' ';
        }
        open = more;
        memcpy(buf + blen, s, l);
        blen += l;
        buf[blen] = 0;
        if (more) {
            continue;
        }
        if (overlay_line(name, first, buf, &v, &n, &cap, err, errlen) < 0) {
            goto fail;
        }
        blen = 0;
    }
    if (open) {
        oerr(err, errlen, name, first,
             "'\\' continuation at end of file");
        goto fail;
    }
    free(buf);
    *lines = v;
    *nlines = n;
    return 0;

fail:
    free(buf);
    dt_overlay_free(v, n);
    return -1;
}
