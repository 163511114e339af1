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
 * Translate one Perl expression into the constraint language, appending
 * to out.  Returns 0, or -1 with a reason in why.
 */
static int xlate_expr(const Pat *p, const char *s, size_t n, Sb *out,
                      char *why, size_t whylen)
{
    size_t i = 0;
    bool any = false;

    while (i < n) {
        char ch = s[i];
        if (isspace((unsigned char)ch)) {
            i++;
            continue;
        }
        if (any) {
            sb_add(out, " ");
        }
        any = true;
        if (ch == '$') {
            size_t j = i + 1;
            while (j < n && is_ident(s[j])) {
                j++;
            }
            if (j == i + 1) {
                snprintf(why, whylen, "'$' without a name");
                return -1;
            }
            if (!find_field(p, s + i + 1, j - i - 1)) {
                snprintf(why, whylen, "$%.*s is not a field of %s",
                         (int)(j - i - 1), s + i + 1, p->name);
                return -1;
            }
            sb_addn(out, s + i + 1, j - i - 1);
            i = j;
            continue;
        }
        if (isdigit((unsigned char)ch)) {
            size_t j = i;
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
                snprintf(why, whylen, "bad number '%.*s'", (int)(j - i + 1),
                         s + i);
                return -1;
            }
            sb_printf(out, "%llu", (unsigned long long)v);
            i = j;
            continue;
        }
        if (is_ident_start(ch)) {
            size_t j = i;
            while (j < n && is_ident(s[j])) {
                j++;
            }
            size_t len = j - i;
            if (len == 3 && !strncmp(s + i, "and", 3)) {
                sb_add(out, "&&");
            } else if (len == 2 && !strncmp(s + i, "or", 2)) {
                sb_add(out, "||");
            } else if (len == 3 && !strncmp(s + i, "not", 3)) {
                sb_add(out, "!");
            } else {
                snprintf(why, whylen, "'%.*s' is outside the Perl subset "
                         "risu-dt translates", (int)len, s + i);
                return -1;
            }
            i = j;
            continue;
        }
        static const char *const two[] = {
            "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", NULL,
        };
        static const char *const bad2[] = {
            "**", "=~", "!~", "..", "->", "<=>", "::", NULL,
        };
        bool done = false;
        for (int k = 0; bad2[k]; k++) {
            size_t bl = strlen(bad2[k]);
            if (i + bl <= n && !strncmp(s + i, bad2[k], bl)) {
                snprintf(why, whylen, "operator '%s' is not translated",
                         bad2[k]);
                return -1;
            }
        }
        for (int k = 0; two[k]; k++) {
            if (i + 2 <= n && !strncmp(s + i, two[k], 2)) {
                sb_add(out, two[k]);
                i += 2;
                done = true;
                break;
            }
        }
        if (done) {
            continue;
        }
        if (strchr("+-*/%&|^~!<>?:()", ch)) {
            sb_addn(out, &ch, 1);
            i++;
            continue;
        }
        snprintf(why, whylen, "'%c' is outside the Perl subset risu-dt "
                 "translates", ch);
        return -1;
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

static void xlate_constraints(Ctx *c, Pat *p, const char *s, size_t n)
{
    size_t st[8], en[8];
    char why[300];
    int k = split_stmts(s, n, st, en, 8);

    if (k == 0) {
        return;
    }
    if (k > 1) {
        add_never(c, p, "a constraint block with several statements");
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

static void xlate_memory(Ctx *c, Pat *p, const char *s, size_t n)
{
    size_t st[8], en[8];
    char why[300];
    int k = split_stmts(s, n, st, en, 8);
    int align = strcmp(c->mode, "aarch64") ? 4 : 16;
    const char *base = NULL, *index = NULL;
    size_t baselen = 0, indexlen = 0;
    Sb off = {0}, scale = {0};
    bool have_addr = false;

    if (k > 8) {
        add_never(c, p, "too many statements in a memory block");
        return;
    }
    for (int i = 0; i < k; i++) {
        const char *t = s + st[i];
        size_t tn = en[i] - st[i], j = 0;
        while (j < tn && is_ident(t[j])) {
            j++;
        }
        size_t fnlen = j;
        while (j < tn && isspace((unsigned char)t[j])) {
            j++;
        }
        if (fnlen == 0 || j >= tn || t[j] != '(' || t[tn - 1] != ')') {
            snprintf(why, sizeof(why), "memory statement '%.*s' is not a "
                     "call", (int)tn, t);
            goto fail;
        }
        /* arguments: top-level commas inside the parentheses */
        const char *args = t + j + 1;
        size_t an = tn - j - 2;
        size_t as[8], ae[8];
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
                    as[na] = b;
                    ae[na] = e;
                }
                na++;
                a0 = q + 1;
            }
        }
        if (na > 8) {
            na = 8;
        }
#define FN(x) (fnlen == strlen(x) && !strncmp(t, x, fnlen))
        if (FN("align")) {
            Sb e = {0};
            if (na < 1 || xlate_expr(p, args + as[0], ae[0] - as[0], &e, why,
                                     sizeof(why))) {
                free(e.s);
                goto fail;
            }
            char *endp;
            long v = strtol(e.s, &endp, 10);
            if (*endp) {
                /* depends on fields: the largest alignment RISU allows
                 * satisfies every value it can take */
                v = 64;
            } else if (v <= 0 || (v & (v - 1)) || v > 4096) {
                snprintf(why, sizeof(why), "align(%s) is not a power of "
                         "two", e.s);
                free(e.s);
                goto fail;
            }
            align = (int)v;
            free(e.s);
            continue;
        }
        int want = FN("reg") ? 1 : FN("reg_plus_imm") || FN("reg_minus_imm")
                   || FN("reg_plus_reg") ? 2 : FN("reg_plus_reg_shifted") ? 3
                   : -1;
        if (want < 0) {
            snprintf(why, sizeof(why), "memory function '%.*s' is not "
                     "translated", (int)fnlen, t);
            goto fail;
        }
        if (na < want) {
            snprintf(why, sizeof(why), "%.*s() needs %d arguments",
                     (int)fnlen, t, want);
            goto fail;
        }
        if (have_addr) {
            snprintf(why, sizeof(why), "more than one address in a memory "
                     "block");
            goto fail;
        }
        have_addr = true;
        /* the base (and index) must be plain $fields */
        const char *b = args + as[0];
        size_t bl = ae[0] - as[0];
        if (bl < 2 || b[0] != '$' || !find_field(p, b + 1, bl - 1)) {
            snprintf(why, sizeof(why), "memory base '%.*s' is not a field",
                     (int)bl, b);
            goto fail;
        }
        base = b + 1;
        baselen = bl - 1;
        if (FN("reg_plus_reg") || FN("reg_plus_reg_shifted")) {
            const char *x = args + as[1];
            size_t xl = ae[1] - as[1];
            if (xl < 2 || x[0] != '$' || !find_field(p, x + 1, xl - 1)) {
                snprintf(why, sizeof(why), "memory index '%.*s' is not a "
                         "field", (int)xl, x);
                goto fail;
            }
            index = x + 1;
            indexlen = xl - 1;
            if (FN("reg_plus_reg_shifted")) {
                Sb e = {0};
                if (xlate_expr(p, args + as[2], ae[2] - as[2], &e, why,
                               sizeof(why))) {
                    free(e.s);
                    goto fail;
                }
                sb_add(&scale, "(1<<(");
                add_nospace(&scale, e.s);
                sb_add(&scale, "))");
                free(e.s);
            }
        } else if (FN("reg_plus_imm") || FN("reg_minus_imm")) {
            Sb e = {0};
            if (xlate_expr(p, args + as[1], ae[1] - as[1], &e, why,
                           sizeof(why))) {
                free(e.s);
                goto fail;
            }
            sb_add(&off, FN("reg_minus_imm") ? "-(" : "(");
            add_nospace(&off, e.s);
            sb_add(&off, ")");
            free(e.s);
        }
#undef FN
    }
    if (!have_addr) {
        snprintf(why, sizeof(why), "memory block without reg*() call");
        goto fail;
    }
    /*
     * RISU points the base 256 bytes or more inside its block on either
     * side, and files rely on it (a pre-indexed "reg($rn)" access lands
     * up to 255 bytes away): a 512-byte window centred on the address.
     */
    sb_printf(&p->annot, "mem base=%.*s", (int)baselen, base);
    if (index) {
        sb_printf(&p->annot, " index=%.*s", (int)indexlen, index);
        if (scale.s) {
            sb_printf(&p->annot, " scale=%s", scale.s);
        }
    }
    sb_printf(&p->annot, " offset=%s%s-256 size=512 align=%d\n",
              off.s ? off.s : "", off.s ? "" : "0", align);
    {
        /* validate the expressions we produced */
        const char *exprs[2] = { off.s, scale.s };
        for (int q = 0; q < 2; q++) {
            if (exprs[q] && expr_ok(exprs[q], why, sizeof(why))) {
                goto fail;
            }
        }
    }
    free(off.s);
    free(scale.s);
    return;
fail:
    free(off.s);
    free(scale.s);
    add_never(c, p, why);
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
    char nm[MAXNAME], enc[MAXNAME];
    sanitize(nm, sizeof(nm), tok[0], strlen(tok[0]));
    sanitize(enc, sizeof(enc), tok[1], strlen(tok[1]));
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
    bool bad = false;
    for (int i = 2; i < nt && !bad; i++) {
        const char *t = tok[i];
        size_t tl = strlen(t);
        bool bitstr = tl > 0 && strspn(t, "01x") == tl &&
                      strspn(t, "x") != tl;
        if (p->nseg == MAXSEG) {
            cerr(c, line, "%s: too many fields", p->name);
            bad = true;
            break;
        }
        Seg *g = &p->seg[p->nseg];
        memset(g, 0, sizeof(*g));
        if (bitstr) {
            if (tl >= sizeof(g->bits)) {
                cerr(c, line, "%s: bit string '%s' too long", p->name, t);
                bad = true;
                break;
            }
            memcpy(g->bits, t, tl + 1);
            g->width = (int)tl;
            for (size_t q = 0; q < tl; q++) {
                if (t[q] != 'x') {
                    p->nfixed++;
                }
            }
            p->nseg++;
            continue;
        }
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
            bad = true;
            break;
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
    }
    free(head);
    if (bad) {
        c->npats--;
        return;
    }
    for (int i = 0; i < p->nseg; i++) {
        p->width += p->seg[i].width;
    }
    bool thumb = !strcmp(c->mode, "thumb");
    if (p->width != 32 && !(thumb && p->width == 16)) {
        cerr(c, line, "%s: %d bits (want 32%s)", p->name, p->width,
             thumb ? " or 16" : "");
        c->npats--;
        return;
    }

    /* tags and RISU's implicit constraints */
    sb_printf(&p->annot, "tags risu risu-%s%s%s\n", c->mode,
              c->groups[0] ? " " : "", c->groups);
    bool a32 = !strcmp(c->mode, "arm") || thumb;
    bool a64 = !strcmp(c->mode, "aarch64");
    for (int i = 0; i < p->nseg; i++) {
        const Seg *g = &p->seg[i];
        if (!g->field) {
            continue;
        }
        if (a32 && g->name[0] == 'r') {
            if (g->width == 3 || g->width == 4) {
                sb_printf(&p->annot, "reg gpr %s\n", g->name);
            } else if (g->width > 3) {
                sb_printf(&p->annot, "constraint %s != 13 && %s != 15\n",
                          g->name, g->name);
            }
        }
        if (a32 && !strcmp(g->name, "cond")) {
            sb_printf(&p->annot, "constraint cond == 14\n");
        }
        if (a64 && g->name[0] == 'r' && g->width == 5) {
            sb_printf(&p->annot, "reg gprzr %s\n", g->name);
        }
    }

    /* blocks */
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

int risu_translate(const char *path, const char *text, size_t len,
                   RisuTranslation *out)
{
    Ctx c;
    memset(&c, 0, sizeof(c));
    memset(out, 0, sizeof(*out));
    c.path = path;
    snprintf(c.mode, sizeof(c.mode), "arm");

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
                /* RISU writes arch.subarch: arm, arm.thumb, arm.aarch64 */
                const char *dot = strchr(m, '.');
                snprintf(c.mode, sizeof(c.mode), "%s", dot ? dot + 1 : m);
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
    out->npatterns = n32 + n16;
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

int risu_file_translate(const char *path, const char *text, size_t len,
                        char **decode_text, char **errors)
{
    RisuTranslation t;
    int n = risu_translate(path, text, len, &t);
    Sb o = {0};
    sb_add(&o, t.text32);
    if (t.text16 && t.text16[0]) {
        int k = 0;
        for (const char *q = t.text16; (q = strstr(q, "\n  #@ tags")); q++) {
            k++;
        }
        sb_printf(&o, "# %d 16-bit Thumb pattern(s) omitted here: use "
                  "risu_translate() for them\n", k);
    }
    *decode_text = sb_take(&o);
    *errors = t.errors;
    t.errors = NULL;
    risu_translation_free(&t);
    return n;
}

int risu_file_is_risu(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && !strcmp(path + n - 5, ".risu");
}
