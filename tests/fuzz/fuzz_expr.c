/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the constraint expression language.
 *
 * Input: up to 40 bytes of argument values (five little-endian int64),
 * then the expression text.  The expression is parsed, bound to a
 * pattern with fields a..e, and evaluated; the result is checked
 * against a direct tree-walking reference interpreter written here,
 * independently of the bytecode compiler (folding, jumps and stack
 * tracking are what it is meant to catch).  Any disagreement aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

#define NARGS 5

/* a: plain, b: times_4, c: MSA elm_n, d: unknown !function, e: const */
static DtSeg seg = { .kind = DT_SEG_BITS, .pos = 0, .len = 8 };
static DtField fa = { .name = "a", .nsegs = 1, .segs = &seg };
static DtField fb = { .name = "b", .nsegs = 1, .segs = &seg,
                      .func = "times_4" };
static DtField fc = { .name = "c", .nsegs = 1, .segs = &seg,
                      .func = "elm_n" };
static DtField fd = { .name = "d", .nsegs = 1, .segs = &seg,
                      .func = "not_a_known_function" };
static DtArg args[NARGS] = {
    { .name = "a", .kind = DT_ARG_FIELD, .field = &fa },
    { .name = "b", .kind = DT_ARG_FIELD, .field = &fb },
    { .name = "c", .kind = DT_ARG_FIELD, .field = &fc },
    { .name = "d", .kind = DT_ARG_FIELD, .field = &fd },
    { .name = "e", .kind = DT_ARG_CONST, .value = 0 },
};

/* ---- reference interpreter ------------------------------------------ */

typedef struct Ref {
    const char *s;
    bool err;           /* syntax error */
    bool unbound;       /* would fail to bind */
    bool fault;
    const int64_t *raw, *dec;
} Ref;

static void ws(Ref *r)
{
    while (*r->s == ' ' || *r->s == '\t' || *r->s == '\r' || *r->s == '\n') {
        r->s++;
    }
}

static bool isid0(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool isid(char c)
{
    return isid0(c) || (c >= '0' && c <= '9');
}

/* Consume the operator op if it is next (and not a longer operator). */
static bool eat(Ref *r, const char *op)
{
    size_t n = strlen(op);

    ws(r);
    if (strncmp(r->s, op, n) != 0) {
        return false;
    }
    /* "<" must not match "<<" or "<=", "&" not "&&", and so on. */
    if (n == 1 && r->s[1] && strchr("<>&|=!", op[0]) &&
        ((op[0] == '<' && (r->s[1] == '<' || r->s[1] == '=')) ||
         (op[0] == '>' && (r->s[1] == '>' || r->s[1] == '=')) ||
         (op[0] == '&' && r->s[1] == '&') ||
         (op[0] == '|' && r->s[1] == '|') ||
         (op[0] == '!' && r->s[1] == '='))) {
        return false;
    }
    r->s += n;
    return true;
}

static int64_t cond(Ref *r, bool live, int depth);

static int64_t number(Ref *r)
{
    unsigned base = 10;
    uint64_t v = 0, limit;
    bool any = false;

    if (r->s[0] == '0' && (r->s[1] == 'x' || r->s[1] == 'X')) {
        base = 16;
        r->s += 2;
    } else if (r->s[0] == '0' && (r->s[1] == 'b' || r->s[1] == 'B')) {
        base = 2;
        r->s += 2;
    }
    limit = base == 10 ? INT64_MAX : UINT64_MAX;
    while (isid(*r->s)) {
        char c = *r->s++;
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
                     c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
                     c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 99;

        if (d >= base || v > (limit - d) / base) {
            r->err = true;
            return 0;
        }
        v = v * base + d;
        any = true;
    }
    if (!any) {
        r->err = true;
    }
    return (int64_t)v;
}

static int arg_index(const char *s, size_t n)
{
    return n == 1 && *s >= 'a' && *s < 'a' + NARGS ? *s - 'a' : -1;
}

static int64_t call(Ref *r, const char *fn, size_t n, bool live, int depth)
{
    int64_t v[3] = { 0 };
    int count = 0;

    if (n == 3 && !memcmp(fn, "dec", 3)) {
        const char *id, *end;
        int i;

        ws(r);
        id = r->s;
        if (!isid0(*id)) {
            r->err = true;
            return 0;
        }
        while (isid(*r->s)) {
            r->s++;
        }
        end = r->s;
        if (!eat(r, ")")) {
            r->err = true;
            return 0;
        }
        i = arg_index(id, end - id);
        if (i < 0 || i == 3) {
            r->unbound = true;  /* unknown name, or unknown !function */
            return 0;
        }
        return live ? r->dec[i] : 0;
    }
    if (n == 2 && !memcmp(fn, "in", 2)) {
        int64_t x = cond(r, live, depth + 1);
        bool matched = false;

        while (!r->err && eat(r, ",")) {
            int64_t c = cond(r, live && !matched, depth + 1);

            matched |= live && !matched && !r->fault && c == x;
            count++;
        }
        if (r->err || !eat(r, ")") || count == 0) {
            r->err = true;
        }
        return matched;
    }
    ws(r);
    if (!eat(r, ")")) {
        do {
            int64_t t = cond(r, live, depth + 1);

            if (count < 3) {
                v[count] = t;
            }
            count++;
        } while (!r->err && eat(r, ","));
        if (r->err || !eat(r, ")")) {
            r->err = true;
            return 0;
        }
    }
    if ((n == 5 && !memcmp(fn, "range", 5)) ||
        (n == 4 && !memcmp(fn, "bits", 4))) {
        if (count != 3) {
            r->err = true;
            return 0;
        }
        if (fn[0] == 'r') {
            return v[1] <= v[0] && v[0] <= v[2];
        }
        if (v[1] < 0 || v[1] > 63 || v[2] < 0 || v[2] > 64 - v[1]) {
            r->fault |= live;
            return 0;
        }
        return v[2] == 0 ? 0 : v[2] == 64 ? v[0] :
               (int64_t)(((uint64_t)v[0] >> v[1]) & ((1ull << v[2]) - 1));
    }
    if ((n == 4 && !memcmp(fn, "even", 4)) ||
        (n == 3 && !memcmp(fn, "odd", 3))) {
        if (count != 1) {
            r->err = true;
            return 0;
        }
        return fn[0] == 'e' ? !(v[0] & 1) : (v[0] & 1);
    }
    r->err = true;
    return 0;
}

static int64_t primary(Ref *r, bool live, int depth)
{
    ws(r);
    if (*r->s >= '0' && *r->s <= '9') {
        return number(r);
    }
    if (isid0(*r->s)) {
        const char *id = r->s, *p;
        size_t n;
        int i;

        while (isid(*r->s)) {
            r->s++;
        }
        n = r->s - id;
        for (p = r->s; *p == ' ' || *p == '\t'; p++) {
            continue;
        }
        if (*p == '(') {
            r->s = p + 1;
            return call(r, id, n, live, depth);
        }
        i = arg_index(id, n);
        if (i < 0) {
            r->unbound = true;
            return 0;
        }
        return live ? r->raw[i] : 0;
    }
    if (eat(r, "(")) {
        int64_t v = cond(r, live, depth + 1);

        if (!eat(r, ")")) {
            r->err = true;
        }
        return v;
    }
    r->err = true;
    return 0;
}

static int64_t unary(Ref *r, bool live, int depth)
{
    int64_t v;

    if (eat(r, "-")) {
        v = unary(r, live, depth + 1);
        return (int64_t)(0 - (uint64_t)v);
    }
    if (eat(r, "+")) {
        return unary(r, live, depth + 1);
    }
    if (eat(r, "~")) {
        return ~unary(r, live, depth + 1);
    }
    if (eat(r, "!")) {
        return !unary(r, live, depth + 1);
    }
    return primary(r, live, depth);
}

static const struct { const char *op; int prec; } ops[] = {
    { "||", 1 }, { "&&", 2 }, { "|", 3 }, { "^", 4 }, { "&", 5 },
    { "==", 6 }, { "!=", 6 }, { "<=", 7 }, { ">=", 7 }, { "<<", 8 },
    { ">>", 8 }, { "<", 7 }, { ">", 7 }, { "+", 9 }, { "-", 9 },
    { "*", 10 }, { "/", 10 }, { "%", 10 },
};

static int64_t arith(Ref *r, const char *op, int64_t x, int64_t y, bool live)
{
    uint64_t ux = x, uy = y;

    switch (op[0]) {
    case '+':
        return (int64_t)(ux + uy);
    case '-':
        return (int64_t)(ux - uy);
    case '*':
        return (int64_t)(ux * uy);
    case '/':
    case '%':
        if (y == 0 || (op[0] == '/' && x == INT64_MIN && y == -1)) {
            r->fault |= live;
            return 0;
        }
        return op[0] == '/' ? x / y : y == -1 ? 0 : x % y;
    case '|':
        return x | y;
    case '^':
        return x ^ y;
    case '&':
        return x & y;
    case '=':
        return x == y;
    case '!':
        return x != y;
    }
    if (!strcmp(op, "<<") || !strcmp(op, ">>")) {
        if (y < 0 || y > 63) {
            r->fault |= live;
            return 0;
        }
        if (op[0] == '<') {
            return (int64_t)(ux << y);
        }
        return x < 0 ? (int64_t)~(~ux >> y) : (int64_t)(ux >> y);
    }
    if (!strcmp(op, "<=")) {
        return x <= y;
    }
    if (!strcmp(op, ">=")) {
        return x >= y;
    }
    return op[0] == '<' ? x < y : x > y;
}

static int64_t binary(Ref *r, int minprec, bool live, int depth)
{
    int64_t x = unary(r, live, depth);

    for (;;) {
        size_t i;

        if (r->err) {
            return 0;
        }
        for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
            const char *save = r->s;

            if (ops[i].prec >= minprec && eat(r, ops[i].op)) {
                break;
            }
            r->s = save;
        }
        if (i == sizeof(ops) / sizeof(ops[0])) {
            return x;
        }
        if (!strcmp(ops[i].op, "&&")) {
            int64_t y = binary(r, ops[i].prec + 1, live && x != 0, depth);

            x = x != 0 && y != 0;
        } else if (!strcmp(ops[i].op, "||")) {
            int64_t y = binary(r, ops[i].prec + 1, live && x == 0, depth);

            x = x != 0 || y != 0;
        } else {
            int64_t y = binary(r, ops[i].prec + 1, live, depth);

            x = arith(r, ops[i].op, x, y, live);
        }
    }
}

static int64_t cond(Ref *r, bool live, int depth)
{
    int64_t c, t, f;

    if (depth > 1000) {
        r->err = true;
        return 0;
    }
    c = binary(r, 1, live, depth);
    if (r->err || !eat(r, "?")) {
        return c;
    }
    t = cond(r, live && c != 0, depth + 1);
    if (!eat(r, ":")) {
        r->err = true;
        return 0;
    }
    f = cond(r, live && c == 0, depth + 1);
    return c ? t : f;
}

/* ---- the harness ---------------------------------------------------- */

static DtPattern pattern = { .name = "FUZZ", .nargs = NARGS, .args = args };

static void check(bool ok, const char *what, const char *text)
{
    if (!ok) {
        fprintf(stderr, "fuzz_expr: %s for '%s'\n", what, text);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t raw[NARGS] = { 0 }, dec[NARGS];
    char err[512], *text, *wrapped;
    size_t n = size < 8 * NARGS ? size : 8 * NARGS, i;
    DtExpr *e, *c, *w;
    Ref ref;
    int64_t v, v2;
    bool fault, fault2;
    int idx[8];

    memcpy(raw, data, n);   /* host order: the harness is not portable data */
    text = strndup((const char *)data + n, size - n);
    if (!text) {
        return 0;
    }
    for (i = 0; i < NARGS; i++) {
        dec[i] = raw[i];
        if (args[i].kind == DT_ARG_FIELD && args[i].field->func) {
            dt_func_apply(args[i].field->func, raw[i], &dec[i]);
        }
    }
    /* A const argument's raw value is its value. */
    args[4].value = raw[4];

    ref = (Ref){ .s = text, .raw = raw, .dec = dec };
    v2 = cond(&ref, true, 0);
    ws(&ref);
    if (*ref.s) {
        ref.err = true;
    }

    e = dt_expr_parse(text, "fuzz", 1, err, sizeof(err));
    if (!e) {
        check(strncmp(err, "fuzz:1: error: col ", 19) == 0,
              "malformed diagnostic", text);
        check(ref.err || strstr(err, "too deeply") ||
              strstr(err, "too complex"), "rejected valid input", text);
        free(text);
        return 0;
    }
    check(!ref.err, "accepted invalid input", text);

    if (dt_expr_bind(e, &pattern, err, sizeof(err)) < 0) {
        check(ref.unbound, "bind failed unexpectedly", text);
        dt_expr_free(e);
        free(text);
        return 0;
    }
    check(!ref.unbound, "bind succeeded unexpectedly", text);

    v = dt_expr_eval(e, raw, NULL, &fault);
    check(fault == ref.fault, "fault differs from reference", text);
    check(fault || v == v2, "value differs from reference", text);
    check(!fault || v == 0, "faulting eval returned non-zero", text);

    /* A caller-supplied decoded array gives the same answer. */
    v2 = dt_expr_eval(e, raw, dec, &fault2);
    check(v2 == v && fault2 == fault, "dec array changes result", text);

    c = dt_expr_copy(e);
    check(c != NULL, "copy failed", text);
    v2 = dt_expr_eval(c, raw, NULL, &fault2);
    check(v2 == v && fault2 == fault, "copy evaluates differently", text);
    check(dt_expr_args(c, idx, 8) <= NARGS, "too many args", text);
    check(strcmp(dt_expr_text(c), text) == 0, "text differs", text);
    dt_expr_free(c);

    /* Wrapping in !!( ) must give the truth value. */
    wrapped = malloc(strlen(text) + 5);
    if (wrapped) {
        sprintf(wrapped, "!!(%s)", text);
        w = dt_expr_parse(wrapped, "fuzz", 1, err, sizeof(err));
        if (w) {
            check(dt_expr_bind(w, &pattern, err, sizeof(err)) == 0,
                  "wrapped bind failed", text);
            v2 = dt_expr_eval(w, raw, NULL, &fault2);
            check(fault2 == fault && (fault || v2 == (v != 0)),
                  "!!( ) differs", text);
            dt_expr_free(w);
        }
        free(wrapped);
    }
    dt_expr_free(e);
    free(text);
    return 0;
}
