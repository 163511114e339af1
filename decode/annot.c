/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "#@" directives: parsing into DtAnnot, the per-file pending state the
 * parser drives, binding to a pattern's arguments, copy and free.
 *
 * Directives are validated the moment they are read (so an error cites
 * the line it is on), but kept as text and applied again for every
 * pattern they reach: "all:" directives apply to many patterns, and
 * re-parsing a line is cheaper than a second representation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

#define MAX_WEIGHT 1000000u     /* keeps weight sums far from overflow */
#define MAX_MEM_BYTES 65536

typedef struct Dir {
    char *text;
    char *file;
    int line;
} Dir;

typedef struct DirList {
    Dir *v;
    int n;
} DirList;

struct DtAnnotCtx {
    DirList all;        /* "#@ all:" directives, in order */
    DirList pend;       /* directives waiting for the next pattern */
    char *cont;         /* text of an unfinished '\' continuation */
    char *cont_file;
    int cont_line;
};

/* The short name the parsers below use. */
#define fail dt_annot_error

int dt_annot_error(char *err, size_t errlen, const char *file, int line,
                   const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    if (err && errlen) {
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        snprintf(err, errlen, "%s:%d: error: %s", file ? file : "<annot>",
                 line, msg);
    }
    return -1;
}

/* ---- small string helpers ------------------------------------------ */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *skip_space(const char *s)
{
    while (is_space(*s)) {
        s++;
    }
    return s;
}

/* strdup of s with surrounding white space removed. */
static char *trimdup(const char *s, size_t len)
{
    while (len && is_space(*s)) {
        s++;
        len--;
    }
    while (len && is_space(s[len - 1])) {
        len--;
    }
    return strndup(s, len);
}

bool dt_annot_is_ident(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          *s == '_')) {
        return false;
    }
    for (s++; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_')) {
            return false;
        }
    }
    return true;
}

int dt_annot_take_name(const char **slot, const char *dir, const char *key,
                       const char *val, const char *file, int line,
                       char *err, size_t errlen)
{
    if (*slot) {
        return fail(err, errlen, file, line, "%s: duplicate '%s='", dir, key);
    }
    if (!dt_annot_is_ident(val)) {
        return fail(err, errlen, file, line, "%s: %s='%s' is not a field name",
                    dir, key, val);
    }
    *slot = strdup(val);
    return *slot ? 0 : fail(err, errlen, file, line, "%s: out of memory",
                            dir);
}

static bool is_tag_str(const char *s)
{
    if (!*s) {
        return false;
    }
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || strchr("_.+-", *s))) {
            return false;
        }
    }
    return true;
}

/*
 * Split into words at white space.  Quotes ("...") and parentheses
 * group, so that mem offset=(imm << 2) stays one word; the quotes are
 * removed.  Returns the number of words, or -1 for unbalanced quotes
 * or parentheses, or out of memory.  *words is NULL-terminated.
 */
static int split_words(const char *s, char ***words, const char **bad)
{
    char **v = NULL;
    int n = 0;

    *bad = NULL;
    for (;;) {
        char *w, *o, **nv;
        int depth = 0;
        bool quote = false;
        const char *start;

        s = skip_space(s);
        if (!*s) {
            break;
        }
        start = s;
        w = malloc(strlen(s) + 1);
        nv = realloc(v, (n + 2) * sizeof(*v));
        if (!w || !nv) {
            free(w);
            if (nv) {
                v = nv;
            }
            goto fail;
        }
        v = nv;
        v[n++] = w;
        v[n] = NULL;
        for (o = w; *s && (quote || depth || !is_space(*s)); s++) {
            if (*s == '"') {
                quote = !quote;
                continue;
            }
            if (!quote && *s == '(') {
                depth++;
            } else if (!quote && *s == ')' && --depth < 0) {
                *bad = start;
                goto fail;
            }
            *o++ = *s;
        }
        *o = 0;
        if (quote || depth) {
            *bad = start;
            goto fail;
        }
    }
    if (!v) {
        v = calloc(1, sizeof(*v));
        if (!v) {
            goto fail;
        }
    }
    *words = v;
    return n;

fail:
    while (n > 0) {
        free(v[--n]);
    }
    free(v);
    *words = NULL;
    return -1;
}

static void free_words(char **w)
{
    int i;

    for (i = 0; w && w[i]; i++) {
        free(w[i]);
    }
    free(w);
}

/* Unsigned integer: decimal, 0x hex or 0b binary, whole string. */
static bool parse_u64(const char *s, uint64_t *out)
{
    unsigned base = 10;
    uint64_t v = 0;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2;
        s += 2;
    }
    if (!*s) {
        return false;
    }
    for (; *s; s++) {
        unsigned d;

        if (*s >= '0' && *s <= '9') {
            d = *s - '0';
        } else if (*s >= 'a' && *s <= 'f') {
            d = *s - 'a' + 10;
        } else if (*s >= 'A' && *s <= 'F') {
            d = *s - 'A' + 10;
        } else {
            return false;
        }
        if (d >= base || v > (UINT64_MAX - d) / base) {
            return false;
        }
        v = v * base + d;
    }
    *out = v;
    return true;
}

static bool pow2(uint64_t v)
{
    return v && !(v & (v - 1));
}

/* ---- applying one directive ------------------------------------------ */

static const char valid_directives[] =
    "reg, constraint, reserved, mem, branch, block, tags, requires, "
    "weight, never, dontcare, pcrel";

static int apply_reg(DtAnnot *a, char **w, int n, const char *file,
                     int line, char *err, size_t errlen)
{
    int i, j;

    if (n < 3) {
        return fail(err, errlen, file, line,
                    "reg needs a class and at least one field: "
                    "reg CLASS FIELD...");
    }
    if (!dt_annot_is_ident(w[1])) {
        return fail(err, errlen, file, line,
                    "reg: '%s' is not a register class name", w[1]);
    }
    for (i = 2; i < n; i++) {
        size_t len = strlen(w[i]);
        bool opt = len > 1 && w[i][len - 1] == '?';
        DtRegRole *r = NULL;
        char *cls, *field, *f;

        if (opt) {
            w[i][--len] = 0;
        }
        if (!dt_annot_is_ident(w[i])) {
            return fail(err, errlen, file, line,
                        "reg: '%s' is not a field name", w[i]);
        }
        for (j = 0; j < a->nroles; j++) {
            if (strcmp(a->roles[j].field, w[i]) == 0) {
                r = &a->roles[j];       /* a later reg overrides */
                break;
            }
        }
        if (!r) {
            DtRegRole *nr = realloc(a->roles, (a->nroles + 1) * sizeof(*nr));

            if (!nr) {
                goto oom;
            }
            a->roles = nr;
            r = &a->roles[a->nroles];
            memset(r, 0, sizeof(*r));
            if (!(r->field = strdup(w[i]))) {
                goto oom;
            }
            a->nroles++;
        }
        cls = strdup(w[1]);
        f = strdup(file);
        if (!cls || !f) {
            free(cls);
            free(f);
            goto oom;
        }
        field = (char *)r->field;
        free((char *)r->cls);
        free((char *)r->file);
        *r = (DtRegRole){ .cls = cls, .field = field, .argidx = -1,
                          .optional = opt, .file = f, .line = line };
    }
    return 0;

oom:
    return fail(err, errlen, file, line, "out of memory");
}

static int add_words(const char ***list, int *count, char **w, int n,
                     const char *what, const char *file, int line,
                     char *err, size_t errlen)
{
    int i, j;

    if (n < 2) {
        return fail(err, errlen, file, line, "%s needs at least one name",
                    what);
    }
    for (i = 1; i < n; i++) {
        const char **nl;
        char *d;
        bool dup = false;

        if (!is_tag_str(w[i])) {
            return fail(err, errlen, file, line, "%s: '%s' is not a valid "
                        "name (letters, digits, _ . + -)", what, w[i]);
        }
        for (j = 0; j < *count; j++) {
            dup |= strcmp((*list)[j], w[i]) == 0;
        }
        if (dup) {
            continue;
        }
        nl = realloc(*list, (*count + 1) * sizeof(*nl));
        if (!nl) {
            return fail(err, errlen, file, line, "out of memory");
        }
        *list = nl;
        if (!(d = strdup(w[i]))) {
            return fail(err, errlen, file, line, "out of memory");
        }
        nl[(*count)++] = d;
    }
    return 0;
}

static void mem_free(DtMem *m)
{
    free((char *)m->base);
    free((char *)m->index);
    free((char *)m->file);
    dt_expr_free(m->offset);
    dt_expr_free(m->scale);
    memset(m, 0, sizeof(*m));
}

/* "post" or "wb": flags that take no value. */
static int mem_flag(DtMem *m, bool *seen_wb, const char *key,
                    const char *val, const char *file, int line, char *msg,
                    size_t msglen)
{
    if (val) {
        return fail(msg, msglen, file, line, "mem: '%s' takes no value",
                    key);
    }
    if ((key[0] == 'p' && m->post) || (key[0] == 'w' && *seen_wb)) {
        return fail(msg, msglen, file, line, "mem: duplicate '%s'", key);
    }
    if (key[0] == 'p') {
        m->post = true;
    } else {
        *seen_wb = true;
    }
    return 0;
}

/* offset= or scale=: an expression. */
static int mem_expr(DtExpr **slot, const char *key, const char *val,
                    const char *file, int line, char *msg, size_t msglen)
{
    if (*slot) {
        return fail(msg, msglen, file, line, "mem: duplicate '%s='", key);
    }
    *slot = dt_expr_parse(val, file, line, msg, msglen);
    return *slot ? 0 : -1;
}

/* eq is "=" when the key came with a value. */
static void mem_unknown(char *msg, size_t msglen, const char *file, int line,
                        const char *key, const char *eq)
{
    fail(msg, msglen, file, line, "mem: unknown key '%s%s' (valid: base= "
         "index= offset= scale= size= align= post wb)", key, eq);
}

static int apply_mem(DtAnnot *a, char **w, int n, const char *file,
                     int line, char *err, size_t errlen)
{
    DtMem m = { .present = true, .align = 1, .baseidx = -1, .indexidx = -1,
                .line = line };
    bool seen_size = false, seen_align = false, seen_wb = false;
    char msg[512];
    int i;

    for (i = 1; i < n; i++) {
        char *key = w[i], *val = strchr(w[i], '=');
        uint64_t u;

        if (val) {
            *val++ = 0;
        }
        if (!strcmp(key, "post") || !strcmp(key, "wb")) {
            if (mem_flag(&m, &seen_wb, key, val, file, line, msg,
                         sizeof(msg))) {
                goto bad;
            }
            continue;
        }
        if (!val) {
            mem_unknown(msg, sizeof(msg), file, line, key, "");
            goto bad;
        }
        if (!strcmp(key, "base") || !strcmp(key, "index")) {
            if (dt_annot_take_name(key[0] == 'b' ? &m.base : &m.index,
                                   "mem", key, val, file, line, msg,
                                   sizeof(msg))) {
                goto bad;
            }
        } else if (!strcmp(key, "offset") || !strcmp(key, "scale")) {
            if (mem_expr(key[0] == 'o' ? &m.offset : &m.scale, key, val,
                         file, line, msg, sizeof(msg))) {
                goto bad;
            }
        } else if (!strcmp(key, "size") || !strcmp(key, "align")) {
            bool *seen = key[0] == 's' ? &seen_size : &seen_align;

            if (*seen) {
                fail(msg, sizeof(msg), file, line, "mem: duplicate '%s='",
                     key);
                goto bad;
            }
            /*
             * Sizes need not be powers of two (LD3 of halfwords reads 6
             * bytes); alignments always are.
             */
            if (!parse_u64(val, &u) || u == 0 || u > MAX_MEM_BYTES) {
                fail(msg, sizeof(msg), file, line, "mem: %s=%s must be an "
                     "integer from 1 to %d", key, val, MAX_MEM_BYTES);
                goto bad;
            }
            if (key[0] == 'a' && !pow2(u)) {
                fail(msg, sizeof(msg), file, line, "mem: align=%s must be "
                     "a power of two", val);
                goto bad;
            }
            *seen = true;
            if (key[0] == 's') {
                m.size = (int)u;
            } else {
                m.align = (int)u;
            }
        } else {
            mem_unknown(msg, sizeof(msg), file, line, key, "=");
            goto bad;
        }
    }
    if (!m.base || !seen_size) {
        fail(msg, sizeof(msg), file, line, "mem needs base=FIELD and "
             "size=BYTES");
        goto bad;
    }
    if (m.scale && !m.index) {
        fail(msg, sizeof(msg), file, line, "mem: scale= needs index=");
        goto bad;
    }
    /* A post-indexed access always updates its base register. */
    m.writeback = seen_wb || m.post;
    if (!(m.file = strdup(file))) {
        goto oom;
    }
    mem_free(&a->mem);          /* a later mem replaces an earlier one */
    a->mem = m;
    return 0;

oom:
    fail(msg, sizeof(msg), file, line, "out of memory");
bad:
    mem_free(&m);
    if (err && errlen) {
        snprintf(err, errlen, "%s", msg);
    }
    return -1;
}

/*
 * "constraint EXPR" adds to the pattern's constraints; "reserved EXPR"
 * to its reserved-value conditions (kw says which).
 */
static int apply_constraint(DtAnnot *a, const char *kw, const char *rest,
                            const char *file, int line, char *err,
                            size_t errlen)
{
    bool rsv = kw[0] == 'r';
    DtExpr *e, **nc, ***list = rsv ? &a->reserved : &a->constraints;
    int *count = rsv ? &a->nreserved : &a->nconstraints;
    char *text;

    if (!*rest) {
        return fail(err, errlen, file, line, "%s needs an expression", kw);
    }
    /* Trimmed, so dt_expr_text shows what the user meant. */
    text = trimdup(rest, strlen(rest));
    if (!text) {
        return fail(err, errlen, file, line, "out of memory");
    }
    e = dt_expr_parse(text, file, line, err, errlen);
    free(text);
    if (!e) {
        return -1;
    }
    nc = realloc(*list, (*count + 1) * sizeof(*nc));
    if (!nc) {
        dt_expr_free(e);
        return fail(err, errlen, file, line, "out of memory");
    }
    *list = nc;
    nc[(*count)++] = e;
    return 0;
}

/* "never [REASON]" */
static int apply_never(DtAnnot *a, const char *rest, const char *file,
                       int line, char *err, size_t errlen)
{
    char *reason = NULL;

    if (*rest && !(reason = trimdup(rest, strlen(rest)))) {
        return fail(err, errlen, file, line, "out of memory");
    }
    free((char *)a->never_reason);
    a->never = true;
    a->never_reason = reason;
    return 0;
}

/* "weight N" or "dontcare VALUE" (kw says which). */
static int apply_number(DtAnnot *a, const char *kw, char **w, int n,
                        const char *file, int line, char *err, size_t errlen)
{
    uint64_t u;

    if (n != 2 || !parse_u64(w[1], &u)) {
        return fail(err, errlen, file, line, "%s takes one non-negative "
                    "integer", kw);
    }
    if (kw[0] == 'w' && u > MAX_WEIGHT) {
        return fail(err, errlen, file, line, "weight %s is too large "
                    "(maximum %u)", w[1], MAX_WEIGHT);
    }
    if (kw[0] == 'w') {
        a->weight = (unsigned)u;
        a->has_weight = true;
    } else {
        a->dontcare = u;
        a->has_dontcare = true;
    }
    return 0;
}

/* ---- "block count=EXPR [exclude=TAG]" (Thumb IT) ------------------------ */

static void block_free(DtBlock *b)
{
    dt_expr_free(b->count);
    free((char *)b->exclude);
    free((char *)b->file);
    memset(b, 0, sizeof(*b));
}

static int apply_block(DtAnnot *a, char **w, int n, const char *file,
                       int line, char *err, size_t errlen)
{
    DtBlock b = { .present = true, .line = line };
    char msg[512];

    for (int i = 1; i < n; i++) {
        char *key = w[i], *val = strchr(w[i], '=');

        if (val) {
            *val++ = 0;
        }
        if (val && !strcmp(key, "count") && !b.count) {
            b.count = dt_expr_parse(val, file, line, msg, sizeof(msg));
            if (!b.count) {
                goto bad;
            }
        } else if (val && !strcmp(key, "exclude") && !b.exclude) {
            if (!is_tag_str(val)) {
                fail(msg, sizeof(msg), file, line, "block: exclude='%s' is "
                     "not a tag", val);
                goto bad;
            }
            if (!(b.exclude = strdup(val))) {
                goto oom;
            }
        } else {
            fail(msg, sizeof(msg), file, line, "block: unknown or duplicate "
                 "key '%s%s' (valid: count=EXPR exclude=TAG)", key,
                 val ? "=" : "");
            goto bad;
        }
    }
    if (!b.count) {
        fail(msg, sizeof(msg), file, line, "block needs count=EXPR");
        goto bad;
    }
    if (!(b.file = strdup(file))) {
        goto oom;
    }
    block_free(&a->block);      /* a later block replaces an earlier one */
    a->block = b;
    return 0;

oom:
    fail(msg, sizeof(msg), file, line, "out of memory");
bad:
    block_free(&b);
    if (err && errlen) {
        snprintf(err, errlen, "%s", msg);
    }
    return -1;
}

int dt_annot_apply(DtAnnot *a, const char *directive, const char *file,
                   int line, char *err, size_t errlen)
{
    const char *s = skip_space(directive ? directive : "");
    const char *rest;
    size_t kwlen = 0;
    char **w = NULL, kw[16];
    const char *bad;
    int n, ret = -1;

    if (err && errlen) {
        err[0] = 0;
    }
    if (!file) {
        file = "<annot>";
    }
    while (s[kwlen] && !is_space(s[kwlen])) {
        kwlen++;
    }
    rest = skip_space(s + kwlen);
    if (kwlen == 0) {
        return fail(err, errlen, file, line, "empty directive (valid: %s)",
                    valid_directives);
    }
    snprintf(kw, sizeof(kw), "%.*s", (int)(kwlen < 15 ? kwlen : 15), s);
    if (kwlen >= sizeof(kw)) {
        kw[0] = 0;              /* too long to be a directive name */
    }

    if (!strcmp(kw, "constraint") || !strcmp(kw, "reserved")) {
        return apply_constraint(a, kw, rest, file, line, err, errlen);
    }
    if (!strcmp(kw, "never")) {
        return apply_never(a, rest, file, line, err, errlen);
    }

    n = split_words(s, &w, &bad);
    if (n < 0) {
        if (!bad) {
            return fail(err, errlen, file, line, "out of memory");
        }
        return fail(err, errlen, file, line, "unbalanced quote or "
                    "parenthesis in '%.40s'", bad);
    }
    if (!strcmp(kw, "reg")) {
        ret = apply_reg(a, w, n, file, line, err, errlen);
    } else if (!strcmp(kw, "mem")) {
        ret = apply_mem(a, w, n, file, line, err, errlen);
    } else if (!strcmp(kw, "branch")) {
        ret = dt_branch_apply(&a->branch, w, n, file, line, err, errlen);
    } else if (!strcmp(kw, "tags")) {
        ret = add_words(&a->tags, &a->ntags, w, n, "tags", file, line,
                        err, errlen);
    } else if (!strcmp(kw, "requires")) {
        ret = add_words(&a->requires, &a->nrequires, w, n, "requires", file,
                        line, err, errlen);
    } else if (!strcmp(kw, "pcrel")) {
        ret = dt_pcrel_apply(&a->pcrel, w, n, file, line, err, errlen);
    } else if (!strcmp(kw, "weight") || !strcmp(kw, "dontcare")) {
        ret = apply_number(a, kw, w, n, file, line, err, errlen);
    } else if (!strcmp(kw, "block")) {
        ret = apply_block(a, w, n, file, line, err, errlen);
    } else {
        ret = fail(err, errlen, file, line, "unknown directive '%.*s' "
                   "(valid: %s)", (int)(kwlen > 40 ? 40 : kwlen), s,
                   valid_directives);
    }
    free_words(w);
    return ret;
}

/* ---- free and copy ---------------------------------------------------- */

static void free_list(const char **v, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        free((char *)v[i]);
    }
    free(v);
}

void dt_annot_free(DtAnnot *a)
{
    int i;

    if (!a) {
        return;
    }
    for (i = 0; i < a->nroles; i++) {
        free((char *)a->roles[i].cls);
        free((char *)a->roles[i].field);
        free((char *)a->roles[i].file);
    }
    free(a->roles);
    for (i = 0; i < a->nconstraints; i++) {
        dt_expr_free(a->constraints[i]);
    }
    free(a->constraints);
    for (i = 0; i < a->nreserved; i++) {
        dt_expr_free(a->reserved[i]);
    }
    free(a->reserved);
    mem_free(&a->mem);
    block_free(&a->block);
    dt_branch_free(&a->branch);
    dt_pcrel_free(&a->pcrel);
    free_list(a->tags, a->ntags);
    free_list(a->requires, a->nrequires);
    free((char *)a->never_reason);
    memset(a, 0, sizeof(*a));
}

static char *dup_or_null(const char *s, bool *ok)
{
    char *d;

    if (!s) {
        return NULL;
    }
    d = strdup(s);
    *ok &= d != NULL;
    return d;
}

/* block's share of dt_annot_copy; false when out of memory. */
static bool block_copy(DtBlock *dst, const DtBlock *src)
{
    bool ok = true;

    dst->exclude = dup_or_null(src->exclude, &ok);
    dst->file = dup_or_null(src->file, &ok);
    dst->count = src->count ? dt_expr_copy(src->count) : NULL;
    return ok && (!src->count || dst->count);
}


static const char **dup_list(const char **v, int n, bool *ok)
{
    const char **d;
    int i;

    if (n == 0) {
        return NULL;
    }
    d = calloc(n, sizeof(*d));
    if (!d) {
        *ok = false;
        return NULL;
    }
    for (i = 0; i < n; i++) {
        d[i] = dup_or_null(v[i], ok);
    }
    return d;
}

/* On failure *n counts the copies made, so dt_annot_free frees them. */
static bool copy_exprs(DtExpr ***dst, int *n, DtExpr *const *src, int count)
{
    if (!count) {
        return true;
    }
    *dst = calloc(count, sizeof(**dst));
    if (!*dst) {
        return false;
    }
    for (int i = 0; i < count; i++) {
        (*dst)[i] = dt_expr_copy(src[i]);
        if (!(*dst)[i]) {
            return false;
        }
        *n = i + 1;
    }
    return true;
}

int dt_annot_copy(DtAnnot *dst, const DtAnnot *src)
{
    bool ok = true;
    int i;

    *dst = *src;
    dst->roles = NULL;
    dst->constraints = dst->reserved = NULL;
    dst->nroles = dst->nconstraints = dst->nreserved = 0;
    if (src->nroles) {
        dst->roles = calloc(src->nroles, sizeof(*dst->roles));
        ok = dst->roles != NULL;
        for (i = 0; ok && i < src->nroles; i++) {
            dst->roles[i] = src->roles[i];
            dst->roles[i].cls = dup_or_null(src->roles[i].cls, &ok);
            dst->roles[i].field = dup_or_null(src->roles[i].field, &ok);
            dst->roles[i].file = dup_or_null(src->roles[i].file, &ok);
            dst->nroles = i + 1;
        }
    }
    ok = ok && copy_exprs(&dst->constraints, &dst->nconstraints,
                          src->constraints, src->nconstraints);
    ok = ok && copy_exprs(&dst->reserved, &dst->nreserved,
                          src->reserved, src->nreserved);
    dst->mem.base = dup_or_null(src->mem.base, &ok);
    dst->mem.index = dup_or_null(src->mem.index, &ok);
    dst->mem.file = dup_or_null(src->mem.file, &ok);
    dst->mem.offset = src->mem.offset ? dt_expr_copy(src->mem.offset) : NULL;
    dst->mem.scale = src->mem.scale ? dt_expr_copy(src->mem.scale) : NULL;
    ok &= !src->mem.offset || dst->mem.offset;
    ok &= !src->mem.scale || dst->mem.scale;
    ok = block_copy(&dst->block, &src->block) && ok;
    dst->tags = dup_list(src->tags, src->ntags, &ok);
    dst->requires = dup_list(src->requires, src->nrequires, &ok);
    dst->never_reason = dup_or_null(src->never_reason, &ok);
    if (ok && dt_branch_copy(&dst->branch, &src->branch) < 0) {
        /* dt_branch_copy left dst->branch empty: nothing shared. */
        ok = false;
    } else if (!ok) {
        memset(&dst->branch, 0, sizeof(dst->branch));
    }
    ok &= dt_pcrel_copy(&dst->pcrel, &src->pcrel) == 0;
    if (!ok) {
        /* Counts of lists that failed must not outrun their storage. */
        if (!dst->tags) {
            dst->ntags = 0;
        }
        if (!dst->requires) {
            dst->nrequires = 0;
        }
        dt_annot_free(dst);
        return -1;
    }
    return 0;
}

/* ---- binding ---------------------------------------------------------- */

static int find_arg(const DtPattern *p, const char *name)
{
    int i;

    for (i = 0; i < p->nargs; i++) {
        if (p->args[i].name && strcmp(p->args[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

static int no_field(const DtPattern *p, const char *file, int line,
                    const char *what, const char *name, char *err,
                    size_t errlen)
{
    char have[512] = "no fields";
    size_t n = 0;
    int i;

    for (i = 0; i < p->nargs && n < sizeof(have); i++) {
        n += snprintf(have + n, sizeof(have) - n, "%s%s", i ? ", " : "",
                      p->args[i].name ? p->args[i].name : "?");
    }
    return fail(err, errlen, file, line, "%s: pattern %s has no field '%s' "
                "(it has %s)", what, p->name ? p->name : "?", name, have);
}

static int block_bind(DtPattern *p, char *err, size_t errlen)
{
    DtExpr *e = p->annot.block.count;

    return e ? dt_expr_bind(e, p, err, errlen) : 0;
}

int dt_annot_bind(DtPattern *p, char *err, size_t errlen)
{
    DtAnnot *a = &p->annot;
    int i;

    if (!a->has_weight) {
        a->weight = 1;
    }
    for (i = 0; i < a->nroles; i++) {
        DtRegRole *r = &a->roles[i];

        r->argidx = find_arg(p, r->field);
        if (r->argidx < 0 && !r->optional) {
            return no_field(p, r->file, r->line, "reg", r->field, err,
                            errlen);
        }
    }
    if (a->mem.present) {
        DtMem *m = &a->mem;

        m->baseidx = find_arg(p, m->base);
        if (m->baseidx < 0) {
            return no_field(p, m->file, m->line, "mem base", m->base, err,
                            errlen);
        }
        m->indexidx = m->index ? find_arg(p, m->index) : -1;
        if (m->index && m->indexidx < 0) {
            return no_field(p, m->file, m->line, "mem index", m->index, err,
                            errlen);
        }
        if (m->offset && dt_expr_bind(m->offset, p, err, errlen) < 0) {
            return -1;
        }
        if (m->scale && dt_expr_bind(m->scale, p, err, errlen) < 0) {
            return -1;
        }
    }
    if (dt_branch_bind(&a->branch, p, err, errlen) < 0) {
        return -1;
    }
    if (dt_pcrel_bind(p, err, errlen) < 0) {
        return -1;
    }
    for (i = 0; i < a->nconstraints; i++) {
        if (dt_expr_bind(a->constraints[i], p, err, errlen) < 0) {
            return -1;
        }
    }
    for (i = 0; i < a->nreserved; i++) {
        if (dt_expr_bind(a->reserved[i], p, err, errlen) < 0) {
            return -1;
        }
    }
    return block_bind(p, err, errlen);
}

/* ---- per-file context -------------------------------------------------- */

DtAnnotCtx *dt_annot_ctx_new(void)
{
    return calloc(1, sizeof(DtAnnotCtx));
}

static void list_clear(DirList *l)
{
    int i;

    for (i = 0; i < l->n; i++) {
        free(l->v[i].text);
        free(l->v[i].file);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static void cont_clear(DtAnnotCtx *c)
{
    free(c->cont);
    free(c->cont_file);
    c->cont = c->cont_file = NULL;
    c->cont_line = 0;
}

void dt_annot_ctx_free(DtAnnotCtx *c)
{
    if (c) {
        list_clear(&c->all);
        list_clear(&c->pend);
        cont_clear(c);
        free(c);
    }
}

void dt_annot_discard(DtAnnotCtx *c)
{
    list_clear(&c->pend);
    cont_clear(c);
}

/* Validate a complete directive, then remember it in l. */
static int remember(DirList *l, const char *text, const char *file,
                    int line, char *err, size_t errlen)
{
    DtAnnot scratch = { 0 };
    Dir *nv;
    int r = dt_annot_apply(&scratch, text, file, line, err, errlen);

    dt_annot_free(&scratch);
    if (r < 0) {
        return -1;
    }
    nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
    if (!nv) {
        return fail(err, errlen, file, line, "out of memory");
    }
    l->v = nv;
    nv[l->n].text = strdup(text);
    nv[l->n].file = strdup(file);
    nv[l->n].line = line;
    if (!nv[l->n].text || !nv[l->n].file) {
        free(nv[l->n].text);
        free(nv[l->n].file);
        return fail(err, errlen, file, line, "out of memory");
    }
    l->n++;
    return 0;
}

static int finish(DtAnnotCtx *c, const char *text, const char *file,
                  int line, char *err, size_t errlen)
{
    const char *s = skip_space(text);

    if (!*s || *s == '#') {
        return 0;               /* blank "#@" line or "#@ # remark" */
    }
    if (strncmp(s, "all:", 4) != 0) {
        return remember(&c->pend, s, file, line, err, errlen);
    }
    s = skip_space(s + 4);
    if (!*s) {
        return fail(err, errlen, file, line, "'all:' needs a directive, or "
                    "'clear'");
    }
    if (strncmp(s, "clear", 5) == 0 && !*skip_space(s + 5)) {
        list_clear(&c->all);
        return 0;
    }
    return remember(&c->all, s, file, line, err, errlen);
}

int dt_annot_comment(DtAnnotCtx *c, const char *text, const char *file,
                     int line, char *err, size_t errlen)
{
    size_t len;
    char *buf;
    bool more;
    int r;

    if (err && errlen) {
        err[0] = 0;
    }
    if (!file) {
        file = "<annot>";
    }
    if (!text) {
        text = "";
    }
    len = strlen(text);
    while (len && is_space(text[len - 1])) {
        len--;
    }
    more = len && text[len - 1] == '\\';
    if (more) {
        len--;
    }
    if (c->cont) {
        size_t old = strlen(c->cont);

        buf = realloc(c->cont, old + len + 2);
        if (!buf) {
            return fail(err, errlen, file, line, "out of memory");
        }
        buf[old] = ' ';
        memcpy(buf + old + 1, text, len);
        buf[old + 1 + len] = 0;
        c->cont = buf;
    } else {
        c->cont = strndup(text, len);
        c->cont_file = strdup(file);
        c->cont_line = line;
        if (!c->cont || !c->cont_file) {
            cont_clear(c);
            return fail(err, errlen, file, line, "out of memory");
        }
    }
    if (more) {
        return 0;
    }
    buf = c->cont;
    c->cont = NULL;
    r = finish(c, buf, c->cont_file, c->cont_line, err, errlen);
    free(buf);
    cont_clear(c);
    return r;
}

int dt_annot_pending(const DtAnnotCtx *c)
{
    if (c->pend.n) {
        return c->pend.v[0].line;
    }
    return c->cont ? c->cont_line : 0;
}

int dt_annot_take(DtAnnotCtx *c, DtAnnot *a, char *err, size_t errlen)
{
    int i, r = 0;

    if (err && errlen) {
        err[0] = 0;
    }
    if (c->cont) {
        r = fail(err, errlen, c->cont_file, c->cont_line,
                 "'\\' continuation is not followed by a '#@' line");
        cont_clear(c);
    }
    for (i = 0; r == 0 && i < c->all.n; i++) {
        r = dt_annot_apply(a, c->all.v[i].text, c->all.v[i].file,
                           c->all.v[i].line, err, errlen);
    }
    for (i = 0; r == 0 && i < c->pend.n; i++) {
        r = dt_annot_apply(a, c->pend.v[i].text, c->pend.v[i].file,
                           c->pend.v[i].line, err, errlen);
    }
    list_clear(&c->pend);
    if (!a->has_weight) {
        a->weight = 1;
    }
    return r;
}
