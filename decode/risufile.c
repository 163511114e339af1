/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Linaro RISU pattern files (*.risu) -> decodetree text with risu-dt
 * annotations.  See decode/risufile.h for the mapping and
 * docs/arm-patterns.md for what is (not) translated.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "decode/risufile.h"

/* ---- a growable string ------------------------------------------- */

typedef struct Sb {
    char *s;
    size_t n, cap;
} Sb;

static void sb_grow(Sb *b, size_t more)
{
    if (b->n + more + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + more + 1) {
            cap *= 2;
        }
        char *s = realloc(b->s, cap);
        if (!s) {
            abort();
        }
        b->s = s;
        b->cap = cap;
    }
}

static void sb_addn(Sb *b, const char *s, size_t n)
{
    sb_grow(b, n);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_add(Sb *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

static void sb_printf(Sb *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void sb_printf(Sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    sb_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

static char *sb_take(Sb *b)
{
    if (!b->s) {
        char *e = malloc(1);
        if (!e) {
            abort();
        }
        e[0] = 0;
        return e;
    }
    char *s = b->s;
    b->s = NULL;
    b->n = b->cap = 0;
    return s;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) {
        abort();
    }
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* ---- patterns ------------------------------------------------------ */

enum { MAXSEG = 64, MAXNAME = 64 };

typedef struct Seg {
    bool field;             /* else fixed (or 'x') bits */
    bool is_const;          /* a field a mode rule fixes to cval */
    long long cval;
    char name[MAXNAME];     /* field name */
    char bits[40];          /* fixed bits, '0', '1' or 'x' */
    int width;
} Seg;

typedef struct Pat {
    char name[2 * MAXNAME + 2];
    int line;
    int width;
    int nfixed;
    int nseg;
    Seg seg[MAXSEG];
    Sb annot;               /* "#@ ..." lines, without indentation */
    bool never;
    int order;              /* position in the file */
} Pat;

typedef struct Ctx {
    const char *path;
    Sb err;
    int nerr;
    int nnever_err;     /* of nerr, untranslatable blocks (add_never) */
    char mode[32];
    const DtRisuMode *md;   /* what mode implies */
    const DtRisuMode *const *modes;
    char groups[256];       /* space-separated tags from '@' lines */
    Pat *pats;
    int npats, cap;
} Ctx;

static void cerr(Ctx *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void cerr(Ctx *c, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    sb_printf(&c->err, "%s:%d: error: %s\n", c->path, line, msg);
    c->nerr++;
}

static bool is_ident_start(int ch)
{
    return isalpha(ch) || ch == '_';
}

static bool is_ident(int ch)
{
    return isalnum(ch) || ch == '_';
}

static const Seg *find_field(const Pat *p, const char *name, size_t n)
{
    for (int i = 0; i < p->nseg; i++) {
        if (p->seg[i].field && strlen(p->seg[i].name) == n &&
            !strncmp(p->seg[i].name, name, n)) {
            return &p->seg[i];
        }
    }
    return NULL;
}

/* ---- Perl expression subset ---------------------------------------- */

/*
 * A cursor over the Perl text being translated: the xl_* helpers each
 * translate one token at s[i], append it to out and move i past it, or
 * return -1 with a reason in why.
 */
typedef struct Xl {
    const Pat *p;
    const char *s;
    size_t n, i;
    Sb *out;
    char *why;
    size_t whylen;
} Xl;

/* "$field" -> "field" */
static int xl_field(Xl *x)
{
    const char *s = x->s;
    size_t i = x->i, j = i + 1;

    while (j < x->n && is_ident(s[j])) {
        j++;
    }
    if (j == i + 1) {
        snprintf(x->why, x->whylen, "'$' without a name");
        return -1;
    }
    const Seg *g = find_field(x->p, s + i + 1, j - i - 1);
    if (!g) {
        snprintf(x->why, x->whylen, "$%.*s is not a field of %s",
                 (int)(j - i - 1), s + i + 1, x->p->name);
        return -1;
    }
    if (g->is_const) {
        sb_printf(x->out, "%lld", g->cval);
    } else {
        sb_addn(x->out, s + i + 1, j - i - 1);
    }
    x->i = j;
    return 0;
}

/* A Perl number (0x, 0b, 0 octal or decimal; '_' separators) in decimal. */
static int xl_number(Xl *x)
{
    const char *s = x->s;
    size_t n = x->n, i = x->i, j = i;
    char ch = s[i];
    int base = 10;

    if (ch == '0' && j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X')) {
        base = 16;
        j += 2;
    } else if (ch == '0' && j + 1 < n &&
               (s[j + 1] == 'b' || s[j + 1] == 'B')) {
        base = 2;
        j += 2;
    } else if (ch == '0' && j + 1 < n && isdigit((unsigned char)s[j + 1])) {
        base = 8;
        j += 1;
    }
    uint64_t v = 0;
    bool digits = base == 10 || base == 8;
    while (j < n && (isxdigit((unsigned char)s[j]) || s[j] == '_')) {
        if (s[j] == '_') {
            j++;
            continue;
        }
        int d = isdigit((unsigned char)s[j]) ? s[j] - '0'
                : tolower((unsigned char)s[j]) - 'a' + 10;
        if (d >= base) {
            break;
        }
        v = v * (uint64_t)base + (uint64_t)d;
        digits = true;
        j++;
    }
    if (!digits || (j < n && is_ident(s[j]))) {
        snprintf(x->why, x->whylen, "bad number '%.*s'", (int)(j - i + 1),
                 s + i);
        return -1;
    }
    sb_printf(x->out, "%llu", (unsigned long long)v);
    x->i = j;
    return 0;
}

static int xlate_expr(const Pat *p, const char *s, size_t n, Sb *out,
                      char *why, size_t whylen);

/*
 * The helpers risugen_common.pm gives RISU files, as expressions of our
 * constraint language with the same value for every argument:
 *   sextract(F, N)  -(F & (1 << (N-1))) + (F ^ (F & (1 << (N-1))))
 *   zextract(F, N)  F & ((1 << N) - 1)
 *   is_pow_of_2(X)  X > 0 && (X & (X - 1)) == 0
 *   ctz(X)          floor(log2(X)) for X >= 1, 0 below, as its loop
 *                   computes (despite the name)
 * The arguments are translated first ("A" and "B" below).
 */
static void emit_helper(Sb *o, const char *fn, const char *a, const char *b)
{
    if (!strcmp(fn, "sextract")) {
        sb_printf(o, "(-((%s) & (1 << ((%s) - 1))) + ((%s) ^ ((%s) & "
                  "(1 << ((%s) - 1)))))", a, b, a, a, b);
    } else if (!strcmp(fn, "zextract")) {
        sb_printf(o, "((%s) & ((1 << (%s)) - 1))", a, b);
    } else if (!strcmp(fn, "is_pow_of_2")) {
        sb_printf(o, "((%s) > 0 && ((%s) & ((%s) - 1)) == 0)", a, a, a);
    } else {
        sb_add(o, "(0");
        for (int k = 1; k < 63; k++) {
            sb_printf(o, " + ((%s) >= %llu)", a, 1ULL << k);
        }
        sb_add(o, ")");
    }
}

/* Split s[a, e) at top-level commas; returns the count (max 2 kept). */
static int split_args(const char *s, size_t a, size_t e, size_t *as,
                      size_t *ae)
{
    int na = 0, depth = 0;
    size_t b = a;
    for (size_t q = a; q <= e; q++) {
        if (q < e && s[q] == '(') {
            depth++;
        } else if (q < e && s[q] == ')') {
            depth--;
        }
        if (q == e || (s[q] == ',' && depth == 0)) {
            if (na < 2) {
                as[na] = b;
                ae[na] = q;
            }
            na++;
            b = q + 1;
        }
    }
    return na;
}

/* "helper(args)" at s[i] (name of length len); see emit_helper. */
static int xl_call(Xl *x, size_t len)
{
    static const struct { const char *name; int nargs; } helpers[] = {
        { "sextract", 2 }, { "zextract", 2 }, { "is_pow_of_2", 1 },
        { "ctz", 1 },
    };
    const char *s = x->s;
    size_t i = x->i, j = i + len, k;
    int h = -1, depth = 0;

    for (size_t q = 0; q < sizeof(helpers) / sizeof(helpers[0]); q++) {
        if (strlen(helpers[q].name) == len &&
            !strncmp(s + i, helpers[q].name, len)) {
            h = (int)q;
        }
    }
    while (j < x->n && isspace((unsigned char)s[j])) {
        j++;
    }
    if (h < 0 || j >= x->n || s[j] != '(') {
        return 1;
    }
    for (k = j; k < x->n; k++) {
        depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
        if (depth == 0) {
            break;
        }
    }
    size_t as[2], ae[2];
    if (k >= x->n || split_args(s, j + 1, k, as, ae) != helpers[h].nargs) {
        snprintf(x->why, x->whylen, "%s() needs %d argument(s)",
                 helpers[h].name, helpers[h].nargs);
        return -1;
    }
    Sb arg[2] = { { 0 }, { 0 } };
    int r = 0;
    for (int a = 0; a < helpers[h].nargs && !r; a++) {
        r = xlate_expr(x->p, s + as[a], ae[a] - as[a], &arg[a], x->why,
                       x->whylen);
    }
    if (!r) {
        emit_helper(x->out, helpers[h].name, arg[0].s,
                    arg[1].s ? arg[1].s : "");
        x->i = k + 1;
    }
    free(arg[0].s);
    free(arg[1].s);
    return r;
}

/* Word operators and helpers; any other bare word is outside the subset. */
static int xl_word(Xl *x)
{
    const char *s = x->s;
    size_t i = x->i, j = i;

    while (j < x->n && is_ident(s[j])) {
        j++;
    }
    size_t len = j - i;
    int r = xl_call(x, len);
    if (r <= 0) {
        return r;
    }
    if (len == 3 && !strncmp(s + i, "and", 3)) {
        sb_add(x->out, "&&");
    } else if (len == 2 && !strncmp(s + i, "or", 2)) {
        sb_add(x->out, "||");
    } else if (len == 3 && !strncmp(s + i, "not", 3)) {
        sb_add(x->out, "!");
    } else {
        snprintf(x->why, x->whylen, "'%.*s' is outside the Perl subset "
                 "risu-dt translates", (int)len, s + i);
        return -1;
    }
    x->i = j;
    return 0;
}

/* C-like operators pass through; Perl-only ones are refused. */
static int xl_operator(Xl *x)
{
    static const char *const two[] = {
        "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", NULL,
    };
    static const char *const bad2[] = {
        "**", "=~", "!~", "..", "->", "<=>", "::", NULL,
    };
    const char *s = x->s;
    size_t n = x->n, i = x->i;
    char ch = s[i];

    for (int k = 0; bad2[k]; k++) {
        size_t bl = strlen(bad2[k]);
        if (i + bl <= n && !strncmp(s + i, bad2[k], bl)) {
            snprintf(x->why, x->whylen, "operator '%s' is not translated",
                     bad2[k]);
            return -1;
        }
    }
    for (int k = 0; two[k]; k++) {
        if (i + 2 <= n && !strncmp(s + i, two[k], 2)) {
            sb_add(x->out, two[k]);
            x->i += 2;
            return 0;
        }
    }
    if (strchr("+-*/%&|^~!<>?:()", ch)) {
        sb_addn(x->out, &ch, 1);
        x->i++;
        return 0;
    }
    snprintf(x->why, x->whylen, "'%c' is outside the Perl subset risu-dt "
             "translates", ch);
    return -1;
}

/*
 * Translate one Perl expression into the constraint language, appending
 * to out.  Returns 0, or -1 with a reason in why.
 */
static int xlate_expr(const Pat *p, const char *s, size_t n, Sb *out,
                      char *why, size_t whylen)
{
    Xl x = { .p = p, .s = s, .n = n, .out = out, .why = why,
             .whylen = whylen };
    bool any = false;

    while (x.i < n) {
        char ch = s[x.i];
        int r;

        if (isspace((unsigned char)ch)) {
            x.i++;
            continue;
        }
        if (any) {
            sb_add(out, " ");
        }
        any = true;
        if (ch == '$') {
            r = xl_field(&x);
        } else if (isdigit((unsigned char)ch)) {
            r = xl_number(&x);
        } else if (is_ident_start(ch)) {
            r = xl_word(&x);
        } else {
            r = xl_operator(&x);
        }
        if (r) {
            return -1;
        }
    }
    if (!any) {
        snprintf(why, whylen, "empty expression");
        return -1;
    }
    return 0;
}

/* Check that text parses as one of our expressions. */
static int expr_ok(const char *text, char *why, size_t whylen)
{
    char err[256];
    DtExpr *e = dt_expr_parse(text, "risu", 0, err, sizeof(err));
    if (!e) {
        snprintf(why, whylen, "translated expression '%s' does not parse",
                 text);
        return -1;
    }
    dt_expr_free(e);
    return 0;
}

/*
 * Split a block body at top-level ';' into statements.  Returns the
 * count (up to max); each is [start, end) into s.
 */
static int split_stmts(const char *s, size_t n, size_t *st, size_t *en,
                       int max)
{
    int k = 0, depth = 0;
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && (s[i] == '(' || s[i] == '[' || s[i] == '{')) {
            depth++;
        } else if (i < n && (s[i] == ')' || s[i] == ']' || s[i] == '}')) {
            depth--;
        }
        if (i == n || (s[i] == ';' && depth == 0)) {
            size_t b = a, e = i;
            while (b < e && isspace((unsigned char)s[b])) {
                b++;
            }
            while (e > b && isspace((unsigned char)s[e - 1])) {
                e--;
            }
            if (e > b) {
                if (k < max) {
                    st[k] = b;
                    en[k] = e;
                }
                k++;
            }
            a = i + 1;
        }
    }
    return k;
}

static void add_never(Ctx *c, Pat *p, const char *why)
{
    if (!p->never) {
        sb_printf(&p->annot, "never untranslated RISU block: %s\n", why);
        p->never = true;
    }
    c->nnever_err++;
    cerr(c, p->line, "%s: %s", p->name, why);
}

/*
 * Why a block of several statements is not a constraint: RISU files use
 * them to emit set-up code (write_mov_di(...); 1;) or to modify fields.
 */
static const char *several_why(const char *s, size_t n)
{
    static char why[160];
    const char *w = NULL;

    for (size_t i = 0; i + 6 < n && !w; i++) {
        if (!strncmp(s + i, "write_", 6) &&
            (i == 0 || !is_ident(s[i - 1]))) {
            w = s + i;
        }
    }
    if (!w) {
        return "a constraint block with several statements";
    }
    size_t l = 0;
    while (w + l < s + n && is_ident(w[l])) {
        l++;
    }
    snprintf(why, sizeof(why), "the constraint block runs Perl set-up "
             "code (%.*s()), which has no risu-dt equivalent", (int)l, w);
    return why;
}

static void xlate_constraints(Ctx *c, Pat *p, const char *s, size_t n)
{
    size_t st[8], en[8];
    char why[300];
    int k = split_stmts(s, n, st, en, 8);

    if (k == 0) {
        return;
    }
    if (k > 1) {
        add_never(c, p, several_why(s, n));
        return;
    }
    Sb e = {0};
    if (xlate_expr(p, s + st[0], en[0] - st[0], &e, why, sizeof(why)) ||
        expr_ok(e.s, why, sizeof(why))) {
        free(e.s);
        add_never(c, p, why);
        return;
    }
    sb_printf(&p->annot, "constraint %s\n", e.s);
    free(e.s);
}

/* Append expr without spaces (mem values may not contain blanks). */
static void add_nospace(Sb *out, const char *s)
{
    for (; *s; s++) {
        if (!isspace((unsigned char)*s)) {
            sb_addn(out, s, 1);
        }
    }
}

/* One "fn(arg, ...)" statement of a memory block. */
typedef struct Call {
    const char *fn;
    size_t fnlen;
    const char *args;
    size_t as[8], ae[8];    /* argument k is args[as[k], ae[k]) */
    int na;                 /* at most 8; later arguments are dropped */
} Call;

/* The address a memory block describes, built up call by call. */
typedef struct MemAddr {
    int align;
    const char *base, *index;
    size_t baselen, indexlen;
    Sb off, scale;
    bool have_addr;
} MemAddr;

static bool call_is(const Call *cl, const char *name)
{
    return cl->fnlen == strlen(name) && !strncmp(cl->fn, name, cl->fnlen);
}

/* Split statement t into the function name and top-level arguments. */
static int parse_call(const char *t, size_t tn, Call *cl, char *why,
                      size_t whylen)
{
    size_t j = 0;
    while (j < tn && is_ident(t[j])) {
        j++;
    }
    size_t fnlen = j;
    while (j < tn && isspace((unsigned char)t[j])) {
        j++;
    }
    if (fnlen == 0 || j >= tn || t[j] != '(' || t[tn - 1] != ')') {
        snprintf(why, whylen, "memory statement '%.*s' is not a call",
                 (int)tn, t);
        return -1;
    }
    cl->fn = t;
    cl->fnlen = fnlen;
    /* arguments: top-level commas inside the parentheses */
    const char *args = t + j + 1;
    size_t an = tn - j - 2;
    int na = 0, depth = 0;
    size_t a0 = 0;
    for (size_t q = 0; q <= an; q++) {
        if (q < an && args[q] == '(') {
            depth++;
        } else if (q < an && args[q] == ')') {
            depth--;
        }
        if (q == an || (args[q] == ',' && depth == 0)) {
            size_t b = a0, e = q;
            while (b < e && isspace((unsigned char)args[b])) {
                b++;
            }
            while (e > b && isspace((unsigned char)args[e - 1])) {
                e--;
            }
            if (na < 8) {
                cl->as[na] = b;
                cl->ae[na] = e;
            }
            na++;
            a0 = q + 1;
        }
    }
    cl->args = args;
    cl->na = na > 8 ? 8 : na;
    return 0;
}

/* align(N) */
static int mem_align(const Pat *p, const Call *cl, MemAddr *m, char *why,
                     size_t whylen)
{
    Sb e = {0};
    if (cl->na < 1 || xlate_expr(p, cl->args + cl->as[0],
                                 cl->ae[0] - cl->as[0], &e, why, whylen)) {
        free(e.s);
        return -1;
    }
    char *endp;
    long v = strtol(e.s, &endp, 10);
    if (*endp) {
        /* depends on fields: the largest alignment RISU allows
         * satisfies every value it can take */
        v = 64;
    } else if (v <= 0 || (v & (v - 1)) || v > 4096) {
        snprintf(why, whylen, "align(%s) is not a power of two", e.s);
        free(e.s);
        return -1;
    }
    m->align = (int)v;
    free(e.s);
    return 0;
}

/* Argument k must be a plain $field (what names the base or index). */
static int mem_field_arg(const Pat *p, const Call *cl, int k,
                         const char *role, const char **name, size_t *len,
                         char *why, size_t whylen)
{
    const char *x = cl->args + cl->as[k];
    size_t xl = cl->ae[k] - cl->as[k];

    const Seg *g = xl >= 2 && x[0] == '$' ? find_field(p, x + 1, xl - 1)
                                          : NULL;
    if (!g || g->is_const) {
        snprintf(why, whylen, "memory %s '%.*s' is not a field", role,
                 (int)xl, x);
        return -1;
    }
    *name = x + 1;
    *len = xl - 1;
    return 0;
}

/* Append open, argument k translated and without blanks, then close. */
static int mem_expr_arg(const Pat *p, const Call *cl, int k, Sb *dst,
                        const char *open, const char *close, char *why,
                        size_t whylen)
{
    Sb e = {0};
    if (xlate_expr(p, cl->args + cl->as[k], cl->ae[k] - cl->as[k], &e, why,
                   whylen)) {
        free(e.s);
        return -1;
    }
    sb_add(dst, open);
    add_nospace(dst, e.s);
    sb_add(dst, close);
    free(e.s);
    return 0;
}

/* reg(), reg_plus_imm(), reg_minus_imm(), reg_plus_reg(), ..._shifted() */
static int mem_address(const Pat *p, const Call *cl, MemAddr *m, char *why,
                       size_t whylen)
{
    bool shifted = call_is(cl, "reg_plus_reg_shifted");
    bool plus_reg = call_is(cl, "reg_plus_reg") || shifted;
    bool minus_imm = call_is(cl, "reg_minus_imm");
    bool plus_imm = call_is(cl, "reg_plus_imm") || minus_imm;
    int want = call_is(cl, "reg") ? 1 : plus_imm || plus_reg ? 2 + shifted
               : -1;

    if (want < 0) {
        snprintf(why, whylen, "memory function '%.*s' is not translated",
                 (int)cl->fnlen, cl->fn);
        return -1;
    }
    if (cl->na < want) {
        snprintf(why, whylen, "%.*s() needs %d arguments", (int)cl->fnlen,
                 cl->fn, want);
        return -1;
    }
    if (m->have_addr) {
        snprintf(why, whylen, "more than one address in a memory block");
        return -1;
    }
    m->have_addr = true;
    if (mem_field_arg(p, cl, 0, "base", &m->base, &m->baselen, why,
                      whylen)) {
        return -1;
    }
    if (plus_reg) {
        if (mem_field_arg(p, cl, 1, "index", &m->index, &m->indexlen, why,
                          whylen)) {
            return -1;
        }
        if (shifted) {
            return mem_expr_arg(p, cl, 2, &m->scale, "(1<<(", "))", why,
                                whylen);
        }
    } else if (plus_imm) {
        return mem_expr_arg(p, cl, 1, &m->off, minus_imm ? "-(" : "(", ")",
                            why, whylen);
    }
    return 0;
}

/* Append the "mem" directive and check the expressions it holds. */
static int mem_emit(Pat *p, const MemAddr *m, char *why, size_t whylen)
{
    /*
     * RISU points the base 256 bytes or more inside its block on either
     * side, and files rely on it (a pre-indexed "reg($rn)" access lands
     * up to 255 bytes away): a 512-byte window centred on the address.
     */
    sb_printf(&p->annot, "mem base=%.*s", (int)m->baselen, m->base);
    if (m->index) {
        sb_printf(&p->annot, " index=%.*s", (int)m->indexlen, m->index);
        if (m->scale.s) {
            sb_printf(&p->annot, " scale=%s", m->scale.s);
        }
    }
    sb_printf(&p->annot, " offset=%s%s-256 size=512 align=%d\n",
              m->off.s ? m->off.s : "", m->off.s ? "" : "0", m->align);
    const char *exprs[2] = { m->off.s, m->scale.s };
    for (int q = 0; q < 2; q++) {
        if (exprs[q] && expr_ok(exprs[q], why, whylen)) {
            return -1;
        }
    }
    return 0;
}

static void xlate_memory(Ctx *c, Pat *p, const char *s, size_t n)
{
    size_t st[8], en[8];
    char why[300];
    int k = split_stmts(s, n, st, en, 8);
    MemAddr m = { .align = c->md->mem_align };
    int r = 0;

    if (k > 8) {
        add_never(c, p, "too many statements in a memory block");
        return;
    }
    for (int i = 0; i < k && !r; i++) {
        Call cl;
        r = parse_call(s + st[i], en[i] - st[i], &cl, why, sizeof(why));
        if (!r) {
            r = call_is(&cl, "align")
                ? mem_align(p, &cl, &m, why, sizeof(why))
                : mem_address(p, &cl, &m, why, sizeof(why));
        }
    }
    if (!r && !m.have_addr) {
        snprintf(why, sizeof(why), "memory block without reg*() call");
        r = -1;
    }
    if (!r) {
        r = mem_emit(p, &m, why, sizeof(why));
    }
    free(m.off.s);
    free(m.scale.s);
    if (r) {
        add_never(c, p, why);
    }
}

/* ---- lines and patterns -------------------------------------------- */

static Pat *new_pat(Ctx *c)
{
    if (c->npats == c->cap) {
        int cap = c->cap ? 2 * c->cap : 64;
        Pat *np = realloc(c->pats, (size_t)cap * sizeof(*np));
        if (!np) {
            abort();
        }
        c->pats = np;
        c->cap = cap;
    }
    Pat *p = &c->pats[c->npats++];
    memset(p, 0, sizeof(*p));
    p->order = c->npats - 1;
    return p;
}

static void sanitize(char *dst, size_t dstlen, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < dstlen; i++) {
        dst[k++] = is_ident(s[i]) ? s[i] : '_';
    }
    dst[k] = 0;
}

static bool name_taken(const Ctx *c, const Pat *self, const char *name)
{
    for (int i = 0; i < c->npats; i++) {
        if (&c->pats[i] != self && !strcmp(c->pats[i].name, name)) {
            return true;
        }
    }
    return false;
}

/* NAME_ENC as a C identifier, made unique with _2, _3, ... */
static void name_pattern(Ctx *c, Pat *p, const char *name, const char *encname)
{
    char nm[MAXNAME], enc[MAXNAME];
    sanitize(nm, sizeof(nm), name, strlen(name));
    sanitize(enc, sizeof(enc), encname, strlen(encname));
    snprintf(p->name, sizeof(p->name), "%s_%s", nm, enc);
    if (!is_ident_start(p->name[0])) {
        char tmp[sizeof(p->name)];
        snprintf(tmp, sizeof(tmp), "P%.120s", p->name);
        memcpy(p->name, tmp, sizeof(p->name));
    }
    for (int k = 2; name_taken(c, p, p->name); k++) {
        size_t l = strlen(p->name);
        char *u = strrchr(p->name, '_');
        if (k > 2 && u) {
            l = (size_t)(u - p->name);
        }
        snprintf(p->name + l, sizeof(p->name) - l, "_%d", k);
    }
}

/* A string of '0', '1' and 'x' (at least one of them fixed). */
static bool add_bits(Ctx *c, Pat *p, const char *t, int line)
{
    Seg *g = &p->seg[p->nseg];
    size_t tl = strlen(t);

    if (tl >= sizeof(g->bits)) {
        cerr(c, line, "%s: bit string '%s' too long", p->name, t);
        return false;
    }
    memcpy(g->bits, t, tl + 1);
    g->width = (int)tl;
    for (size_t q = 0; q < tl; q++) {
        if (t[q] != 'x') {
            p->nfixed++;
        }
    }
    p->nseg++;
    return true;
}

/* "name" (one bit) or "name:width" */
static bool add_field(Ctx *c, Pat *p, const char *t, int line)
{
    Seg *g = &p->seg[p->nseg];
    size_t tl = strlen(t);
    const char *colon = strchr(t, ':');
    size_t nl = colon ? (size_t)(colon - t) : tl;
    bool okname = nl > 0 && nl < MAXNAME && is_ident_start(t[0]);

    for (size_t q = 1; q < nl && okname; q++) {
        okname = is_ident(t[q]);
    }
    int w = 1;
    if (colon) {
        char *endp;
        long v = strtol(colon + 1, &endp, 10);
        if (*endp || v < 1 || v > 32) {
            okname = false;
        }
        w = (int)v;
    }
    if (!okname) {
        cerr(c, line, "%s: '%s' is not a bit string, name or name:width",
             p->name, t);
        return false;
    }
    g->field = true;
    memcpy(g->name, t, nl);
    g->name[nl] = 0;
    g->width = w;
    if (find_field(p, g->name, nl)) {
        /* RISU would silently use the last one: keep both apart */
        char tmp[MAXNAME];
        snprintf(tmp, sizeof(tmp), "%.*s_%d", MAXNAME - 8, g->name,
                 p->nseg & 0xff);
        memcpy(g->name, tmp, sizeof(g->name));
    }
    p->nseg++;
    return true;
}

/* One encoding token; false (reported) if it is malformed. */
static bool add_segment(Ctx *c, Pat *p, const char *t, int line)
{
    size_t tl = strlen(t);
    bool bitstr = tl > 0 && strspn(t, "01x") == tl && strspn(t, "x") != tl;

    if (p->nseg == MAXSEG) {
        cerr(c, line, "%s: too many fields", p->name);
        return false;
    }
    memset(&p->seg[p->nseg], 0, sizeof(p->seg[p->nseg]));
    return bitstr ? add_bits(c, p, t, line) : add_field(c, p, t, line);
}

static bool rule_fits(const DtRisuFieldRule *r, const Seg *g)
{
    size_t n = strlen(r->name);
    bool named = r->prefix ? !strncmp(g->name, r->name, n)
                           : !strcmp(g->name, r->name);
    return named && g->width >= r->min_width && g->width <= r->max_width;
}

/* r->annot as one annotation line, '$' standing for the field name. */
static void add_rule_annot(Pat *p, const DtRisuFieldRule *r, const Seg *g)
{
    if (!r->annot) {
        return;
    }
    for (const char *a = r->annot; *a; a++) {
        if (*a == '$') {
            sb_add(&p->annot, g->name);
        } else {
            sb_addn(&p->annot, a, 1);
        }
    }
    sb_add(&p->annot, "\n");
}

/* Fields a mode rule fixes become constants (written as fixed bits). */
static void fix_fields(const Ctx *c, Pat *p)
{
    for (int i = 0; i < p->nseg && c->md->rules; i++) {
        Seg *g = &p->seg[i];
        for (const DtRisuFieldRule *r = c->md->rules; r->name; r++) {
            if (g->field && !g->is_const && r->fixed && rule_fits(r, g)) {
                g->is_const = true;
                g->cval = r->value & ((1LL << g->width) - 1);
                p->nfixed += g->width;
            }
        }
    }
}

/* The tags every pattern gets and the mode's implicit rules. */
static void add_implicit(Ctx *c, Pat *p)
{
    sb_printf(&p->annot, "tags risu risu-%s%s%s\n", c->mode,
              c->groups[0] ? " " : "", c->groups);
    for (int i = 0; i < p->nseg; i++) {
        const Seg *g = &p->seg[i];
        if (!g->field || g->is_const || !c->md->rules) {
            continue;
        }
        for (const DtRisuFieldRule *r = c->md->rules; r->name; r++) {
            if (rule_fits(r, g)) {
                add_rule_annot(p, r, g);
            }
        }
    }
}

/* The "{...}" and "!kind {...}" blocks after the encoding. */
static void parse_blocks(Ctx *c, Pat *p, char *blk, int line)
{
    char *q = blk;
    while (*q) {
        while (isspace((unsigned char)*q)) {
            q++;
        }
        if (!*q) {
            break;
        }
        const char *kind = "constraints";
        size_t kl = strlen(kind);
        if (*q == '!') {
            char *k0 = ++q;
            while (is_ident(*q)) {
                q++;
            }
            kind = k0;
            kl = (size_t)(q - k0);
            while (isspace((unsigned char)*q)) {
                q++;
            }
        }
        if (*q != '{') {
            cerr(c, line, "%s: expected '{' after !%.*s", p->name, (int)kl,
                 kind);
            break;
        }
        int depth = 0;
        char *b0 = q + 1, *e = q;
        for (; *e; e++) {
            if (*e == '{') {
                depth++;
            } else if (*e == '}' && --depth == 0) {
                break;
            }
        }
        if (!*e) {
            /* Never generate it without the constraint it lost. */
            cerr(c, line, "%s: unterminated { block", p->name);
            if (!p->never) {
                sb_printf(&p->annot, "never unterminated RISU block\n");
                p->never = true;
            }
            break;
        }
        if (kl == 11 && !strncmp(kind, "constraints", 11)) {
            xlate_constraints(c, p, b0, (size_t)(e - b0));
        } else if (kl == 6 && !strncmp(kind, "memory", 6)) {
            xlate_memory(c, p, b0, (size_t)(e - b0));
        } else {
            char why[128];
            snprintf(why, sizeof(why), "block !%.*s is not translated",
                     (int)kl, kind);
            add_never(c, p, why);
        }
        q = e + 1;
    }
}

/* Parse "NAME ENC FIELDS... [BLOCKS]" (already comment-free). */
static void parse_pattern(Ctx *c, char *s, int line)
{
    /* split off the blocks at the first '!' or '{' */
    char *blk = s;
    while (*blk && *blk != '!' && *blk != '{') {
        blk++;
    }
    char *head = xstrndup(s, (size_t)(blk - s));
    char *tok[MAXSEG + 2];
    int nt = 0;
    for (char *q = strtok(head, " \t\r\n"); q && nt < MAXSEG + 2;
         q = strtok(NULL, " \t\r\n")) {
        tok[nt++] = q;
    }
    if (nt < 3) {
        cerr(c, line, "a pattern needs NAME ENCODING FIELDS...");
        free(head);
        return;
    }
    Pat *p = new_pat(c);
    p->line = line;
    name_pattern(c, p, tok[0], tok[1]);
    bool bad = false;
    for (int i = 2; i < nt && !bad; i++) {
        bad = !add_segment(c, p, tok[i], line);
    }
    free(head);
    if (bad) {
        c->npats--;
        return;
    }
    for (int i = 0; i < p->nseg; i++) {
        p->width += p->seg[i].width;
    }
    bool has16 = c->md->has16;
    if (p->width > 32 && p->width <= 64 && p->width % 16 == 0) {
        /* Well formed (s390x has 48-bit words) but not ours to make:
         * counted, reported, never emitted (emit() takes 16 and 32). */
        char why[96];
        snprintf(why, sizeof(why), "%d-bit pattern: risu-dt generates "
                 "16- and 32-bit words", p->width);
        add_never(c, p, why);
        return;
    }
    if (p->width != 32 && !(has16 && p->width == 16)) {
        cerr(c, line, "%s: %d bits (want 32%s)", p->name, p->width,
             has16 ? " or 16" : "");
        c->npats--;
        return;
    }
    fix_fields(c, p);
    add_implicit(c, p);
    parse_blocks(c, p, blk, line);
}

static int cmp_pat(const void *a, const void *b)
{
    const Pat *x = a, *y = b;
    if (x->nfixed != y->nfixed) {
        return y->nfixed - x->nfixed;
    }
    return x->order - y->order;
}

static char *emit(const Ctx *c, int width, int *count)
{
    Sb o = {0};
    int n = 0;
    for (int i = 0; i < c->npats; i++) {
        if (c->pats[i].width == width) {
            n++;
        }
    }
    *count = n;
    if (!n) {
        return sb_take(&o);
    }
    sb_printf(&o, "# Translated by risu-dt from the RISU file %s\n"
              "# (.mode %s, %d-bit patterns).  Generated text: edit the "
              "source.\n# All patterns share one group, most fixed bits "
              "first (RISU files overlap).\n\n{\n", c->path, c->mode, width);
    for (int i = 0; i < c->npats; i++) {
        const Pat *p = &c->pats[i];
        if (p->width != width) {
            continue;
        }
        sb_printf(&o, "  # %s:%d\n", c->path, p->line);
        const char *a = p->annot.s ? p->annot.s : "";
        while (*a) {
            const char *nl = strchr(a, '\n');
            size_t l = nl ? (size_t)(nl - a) : strlen(a);
            sb_printf(&o, "  #@ %.*s\n", (int)l, a);
            a += l + (nl ? 1 : 0);
        }
        sb_printf(&o, "  %-24s", p->name);
        int xn = 0;
        for (int s = 0; s < p->nseg; s++) {
            const Seg *g = &p->seg[s];
            if (g->field && g->is_const) {
                sb_add(&o, " ");
                for (int k = g->width - 1; k >= 0; k--) {
                    sb_add(&o, (g->cval >> k) & 1 ? "1" : "0");
                }
                continue;
            }
            if (g->field) {
                sb_printf(&o, " %s:%d", g->name, g->width);
                continue;
            }
            /* fixed bits; runs of 'x' become anonymous fields */
            sb_add(&o, " ");
            for (int k = 0; k < g->width;) {
                if (g->bits[k] != 'x') {
                    sb_addn(&o, &g->bits[k], 1);
                    k++;
                    continue;
                }
                int r = k;
                while (r < g->width && g->bits[r] == 'x') {
                    r++;
                }
                sb_printf(&o, "%srisu_x%d:%d%s", k ? " " : "", xn++, r - k,
                          r < g->width ? " " : "");
                k = r;
            }
        }
        sb_add(&o, "\n");
    }
    sb_add(&o, "}\n");
    return sb_take(&o);
}

/*
 * A mode the caller does not describe: no implicit rule; 16- and 32-bit
 * patterns, as RISU's risugen takes both for every architecture.
 */
static const DtRisuMode unknown_mode = { .mem_align = 4, .has16 = true };

/* Enter mode name, with its facts when the caller describes it. */
static void set_mode(Ctx *c, const char *name)
{
    snprintf(c->mode, sizeof(c->mode), "%s", name);
    c->md = &unknown_mode;
    for (const DtRisuMode *const *m = c->modes; m && *m; m++) {
        if (!strcmp((*m)->name, name)) {
            c->md = *m;
        }
    }
}

static void set_default_mode(Ctx *c)
{
    set_mode(c, "");
    for (const DtRisuMode *const *m = c->modes; m && *m; m++) {
        if ((*m)->is_default) {
            set_mode(c, (*m)->name);
            return;
        }
    }
}

int risu_translate(const char *path, const char *text, size_t len,
                   const DtRisuMode *const *modes, RisuTranslation *out)
{
    Ctx c;
    memset(&c, 0, sizeof(c));
    memset(out, 0, sizeof(*out));
    c.path = path;
    c.modes = modes;
    set_default_mode(&c);

    Sb logical = {0};
    int lineno = 0, start = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n') {
            j++;
        }
        lineno++;
        /* strip the comment, then a trailing '\' continues */
        size_t e = i;
        while (e < j && text[e] != '#') {
            e++;
        }
        size_t t = e;
        while (t > i && isspace((unsigned char)text[t - 1])) {
            t--;
        }
        bool cont = t > i && text[t - 1] == '\\';
        if (!logical.n) {
            start = lineno;
        }
        sb_addn(&logical, text + i, (cont ? t - 1 : t) - i);
        sb_add(&logical, " ");
        i = j + 1;
        if (cont && i < len) {
            continue;
        }
        /* a complete logical line */
        char *s = logical.s;
        while (*s && isspace((unsigned char)*s)) {
            s++;
        }
        if (!*s) {
            /* blank */
        } else if (!strncmp(s, ".mode", 5) && isspace((unsigned char)s[5])) {
            char m[32] = "";
            if (sscanf(s + 5, "%31s", m) == 1) {
                /* RISU writes ARCH.MODE; the mode is what follows */
                const char *dot = strchr(m, '.');
                set_mode(&c, dot ? dot + 1 : m);
            }
        } else if (*s == '.') {
            cerr(&c, start, "unknown directive '%.20s'", s);
        } else if (*s == '@') {
            size_t k = 0;
            for (s++; *s && k + 2 < sizeof(c.groups); s++) {
                if (is_ident(*s) || *s == '-') {
                    c.groups[k++] = *s;
                } else if (k && c.groups[k - 1] != ' ') {
                    c.groups[k++] = ' ';
                }
            }
            while (k && c.groups[k - 1] == ' ') {
                k--;
            }
            c.groups[k] = 0;
        } else {
            parse_pattern(&c, s, start);
        }
        logical.n = 0;
        logical.s[0] = 0;
    }
    free(logical.s);

    if (!c.npats) {
        cerr(&c, lineno ? lineno : 1, "no pattern in the file");
    }
    qsort(c.pats, (size_t)c.npats, sizeof(*c.pats), cmp_pat);
    int n32, n16;
    out->mode = xstrndup(c.mode, strlen(c.mode));
    out->text32 = emit(&c, 32, &n32);
    out->text16 = emit(&c, 16, &n16);
    /* every pattern read, including those no text holds (48-bit) */
    out->npatterns = c.npats;
    (void)n32;
    (void)n16;
    for (int k = 0; k < c.npats; k++) {
        out->nnever += c.pats[k].never;
        free(c.pats[k].annot.s);
    }
    free(c.pats);
    out->nerrors = c.nerr;
    out->nsyntax = c.nerr - c.nnever_err;
    out->errors = c.err.s;
    return c.nerr;
}

void risu_translation_free(RisuTranslation *t)
{
    free(t->mode);
    free(t->text32);
    free(t->text16);
    free(t->errors);
    memset(t, 0, sizeof(*t));
}

int risu_file_is_risu(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && !strcmp(path + n - 5, ".risu");
}
