/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Constraint expressions: parsed once into a small stack-machine
 * program, evaluated millions of times by the generator.
 *
 * The parser emits code directly (no AST), so a long a+b+c+... chain
 * costs no recursion; recursion happens only for nesting, which is
 * capped at DT_EXPR_MAX_DEPTH.  Evaluation never allocates: the stack
 * lives in the caller's frame and its worst-case height is computed at
 * parse time.  All arithmetic is done on uint64_t so that overflow is
 * defined; division and shifts check their operands and fault instead
 * of invoking undefined behaviour.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

enum {
    OP_PUSH,        /* k */
    OP_ARG,         /* raw[a]; k = name index */
    OP_DEC,         /* decoded value of arg a; k = dec slot */
    OP_NEG, OP_NOT, OP_LNOT, OP_BOOL, OP_EVEN, OP_ODD,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_SHL, OP_SHR,
    OP_AND, OP_OR, OP_XOR,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_RANGE,       /* x lo hi -> lo <= x <= hi */
    OP_BITS,        /* x pos len -> bits */
    OP_JZ,          /* pop; jump to a if zero */
    OP_JMP,         /* jump to a */
    OP_ANDSC,       /* top == 0 ? jump to a (keep 0) : pop */
    OP_ORSC,        /* top != 0 ? top = 1, jump to a : pop */
    OP_INEQ,        /* pop v; top == v ? top = 1, jump to a */
    OP_SET0,        /* top = 0 */
};

typedef struct Insn {
    int32_t op;
    int32_t a;
    int64_t k;
} Insn;

typedef struct DecSlot {
    int name;
    DtFunc f;       /* f.op == 0: the field has no !function */
} DecSlot;

struct DtExpr {
    char *text;
    char *file;
    int line;
    Insn *code;
    int ncode;
    char **names;   /* identifiers, each once */
    int *bound;     /* argument index per name, -1 until bound */
    int nnames;
    DecSlot *decs;
    int ndecs;
    int maxstack;
};

/* ---- evaluation ---------------------------------------------------- */

/* One binary operator; false on a fault (the result is then unused). */
static bool binop(int op, int64_t x, int64_t y, int64_t *r)
{
    uint64_t ux = (uint64_t)x, uy = (uint64_t)y;

    switch (op) {
    case OP_ADD:
        *r = (int64_t)(ux + uy);
        return true;
    case OP_SUB:
        *r = (int64_t)(ux - uy);
        return true;
    case OP_MUL:
        *r = (int64_t)(ux * uy);
        return true;
    case OP_DIV:
        if (y == 0 || (x == INT64_MIN && y == -1)) {
            return false;
        }
        *r = x / y;
        return true;
    case OP_MOD:
        if (y == 0) {
            return false;
        }
        *r = y == -1 ? 0 : x % y;     /* INT64_MIN % -1 traps on x86 */
        return true;
    case OP_SHL:
        if (y < 0 || y > 63) {
            return false;
        }
        *r = (int64_t)(ux << y);
        return true;
    case OP_SHR:
        if (y < 0 || y > 63) {
            return false;
        }
        /* Arithmetic shift, spelt out: >> of a negative is impl-defined. */
        *r = x < 0 ? (int64_t)~(~ux >> y) : (int64_t)(ux >> y);
        return true;
    case OP_AND:
        *r = x & y;
        return true;
    case OP_OR:
        *r = x | y;
        return true;
    case OP_XOR:
        *r = x ^ y;
        return true;
    case OP_EQ:
        *r = x == y;
        return true;
    case OP_NE:
        *r = x != y;
        return true;
    case OP_LT:
        *r = x < y;
        return true;
    case OP_LE:
        *r = x <= y;
        return true;
    case OP_GT:
        *r = x > y;
        return true;
    case OP_GE:
        *r = x >= y;
        return true;
    }
    return false;
}

static int64_t unop(int op, int64_t x)
{
    switch (op) {
    case OP_NEG:
        return (int64_t)(0 - (uint64_t)x);
    case OP_NOT:
        return ~x;
    case OP_LNOT:
        return !x;
    case OP_BOOL:
        return x != 0;
    case OP_EVEN:
        return !(x & 1);
    case OP_ODD:
        return x & 1;
    }
    return x;
}

static bool bitsop(int64_t x, int64_t pos, int64_t len, int64_t *r)
{
    if (pos < 0 || pos > 63 || len < 0 || len > 64 - pos) {
        return false;
    }
    if (len == 0) {
        *r = 0;
    } else if (len == 64) {
        *r = x;
    } else {
        *r = (int64_t)(((uint64_t)x >> pos) & ((1ull << len) - 1));
    }
    return true;
}

/*
 * The decoded value of an argument: from dec when the caller has it,
 * else raw[] through the field's !function.
 */
static bool dec_value(const DtExpr *e, const Insn *in, const int64_t *raw,
                      const int64_t *dec, int64_t *v)
{
    if (in->a < 0) {
        return false;
    }
    if (dec) {
        *v = dec[in->a];
    } else if (!raw) {
        return false;
    } else if (e->decs[in->k].f.op) {
        *v = dt_func_eval(&e->decs[in->k].f, raw[in->a]);
    } else {
        *v = raw[in->a];
    }
    return true;
}

int64_t dt_expr_eval(const DtExpr *e, const int64_t *raw,
                     const int64_t *dec, bool *fault)
{
    int64_t st[DT_EXPR_MAX_STACK];
    int sp = -1, pc = 0;
    bool dummy;

    if (!fault) {
        fault = &dummy;
    }
    *fault = false;
    if (!e) {
        goto fail;
    }
    while (pc < e->ncode) {
        const Insn *in = &e->code[pc++];
        int64_t v;

        switch (in->op) {
        case OP_PUSH:
            st[++sp] = in->k;
            break;
        case OP_ARG:
            if (in->a < 0 || !raw) {
                goto fail;
            }
            st[++sp] = raw[in->a];
            break;
        case OP_DEC:
            if (!dec_value(e, in, raw, dec, &v)) {
                goto fail;
            }
            st[++sp] = v;
            break;
        case OP_NEG: case OP_NOT: case OP_LNOT:
        case OP_BOOL: case OP_EVEN: case OP_ODD:
            st[sp] = unop(in->op, st[sp]);
            break;
        case OP_RANGE:
            sp -= 2;
            st[sp] = st[sp + 1] <= st[sp] && st[sp] <= st[sp + 2];
            break;
        case OP_BITS:
            sp -= 2;
            if (!bitsop(st[sp], st[sp + 1], st[sp + 2], &st[sp])) {
                goto fail;
            }
            break;
        case OP_JZ:
            if (st[sp--] == 0) {
                pc = in->a;
            }
            break;
        case OP_JMP:
            pc = in->a;
            break;
        case OP_ANDSC:
            if (st[sp] == 0) {
                pc = in->a;
            } else {
                sp--;
            }
            break;
        case OP_ORSC:
            if (st[sp] != 0) {
                st[sp] = 1;
                pc = in->a;
            } else {
                sp--;
            }
            break;
        case OP_INEQ:
            sp--;
            if (st[sp] == st[sp + 1]) {
                st[sp] = 1;
                pc = in->a;
            }
            break;
        case OP_SET0:
            st[sp] = 0;
            break;
        default:
            sp--;
            if (!binop(in->op, st[sp], st[sp + 1], &st[sp])) {
                goto fail;
            }
            break;
        }
    }
    return st[0];

fail:
    *fault = true;
    return 0;
}

int64_t dt_expr_eval_const(const DtExpr *e, bool *fault)
{
    return dt_expr_eval(e, NULL, NULL, fault);
}

/* ---- parsing ------------------------------------------------------- */

enum {
    T_EOF, T_NUM, T_IDENT, T_LP, T_RP, T_COMMA, T_QUEST, T_COLON,
    T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT, T_SHL, T_SHR,
    T_AMP, T_PIPE, T_CARET, T_TILDE, T_BANG,
    T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_ANDAND, T_OROR,
};

/* Binary operators: token, precedence (higher binds tighter), opcode. */
static const struct { int tok, prec, op; } binops[] = {
    { T_OROR, 1, -1 }, { T_ANDAND, 2, -1 },
    { T_PIPE, 3, OP_OR }, { T_CARET, 4, OP_XOR }, { T_AMP, 5, OP_AND },
    { T_EQ, 6, OP_EQ }, { T_NE, 6, OP_NE },
    { T_LT, 7, OP_LT }, { T_LE, 7, OP_LE },
    { T_GT, 7, OP_GT }, { T_GE, 7, OP_GE },
    { T_SHL, 8, OP_SHL }, { T_SHR, 8, OP_SHR },
    { T_PLUS, 9, OP_ADD }, { T_MINUS, 9, OP_SUB },
    { T_STAR, 10, OP_MUL }, { T_SLASH, 10, OP_DIV }, { T_PERCENT, 10, OP_MOD },
};

#define MAX_CODE (1 << 20)

typedef struct Parser {
    const char *text;
    const char *file;
    int line;
    char *err;
    size_t errlen;
    bool failed;
    int depth;
    DtExpr *e;
    int cap;
    int sp;           /* stack height at the current emission point */
    int barrier;      /* code before this index may be a jump target */
    int tok;
    const char *tp;   /* token start */
    size_t tl;        /* token length */
    int64_t tv;       /* T_NUM value */
} Parser;

static void error_at(Parser *p, const char *at, size_t len,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void error_at(Parser *p, const char *at, size_t len,
                     const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    if (p->failed) {
        return;         /* keep the first, most relevant, diagnostic */
    }
    p->failed = true;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (!p->err || !p->errlen) {
        return;
    }
    if (!at || !*at || len == 0) {
        snprintf(p->err, p->errlen,
                 "%s:%d: error: col %d: %s near end of expression",
                 p->file, p->line, (int)((at ? at : p->text) - p->text) + 1,
                 msg);
    } else {
        snprintf(p->err, p->errlen, "%s:%d: error: col %d: %s near '%.*s'",
                 p->file, p->line, (int)(at - p->text) + 1, msg,
                 (int)(len > 24 ? 24 : len), at);
    }
}

static void error_tok(Parser *p, const char *fmt, const char *what)
{
    error_at(p, p->tp, p->tok == T_EOF ? 0 : p->tl, fmt, what);
}

static bool is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return 99;
}

static void lex_number(Parser *p, const char *s)
{
    const char *start = s;
    unsigned base = 10;
    uint64_t v = 0, limit;
    bool any = false, overflow = false;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2;
        s += 2;
    }
    /* Hex and binary may use all 64 bits; decimal stays non-negative. */
    limit = base == 10 ? (uint64_t)INT64_MAX : UINT64_MAX;
    while (is_ident(*s)) {
        unsigned d = digit_value(*s);

        if (d >= base) {
            p->tp = start;
            p->tl = 1;
            while (is_ident(start[p->tl])) {
                p->tl++;
            }
            p->tok = T_NUM;
            error_tok(p, "%s", base == 16 ? "malformed hexadecimal number" :
                      base == 2 ? "malformed binary number" :
                      "malformed number");
            return;
        }
        if (v > (limit - d) / base) {
            overflow = true;
        } else {
            v = v * base + d;
        }
        any = true;
        s++;
    }
    p->tok = T_NUM;
    p->tp = start;
    p->tl = s - start;
    if (!any) {
        error_tok(p, "%s", "malformed number");
        return;
    }
    if (overflow) {
        error_tok(p, "%s", base == 10 ?
                  "number too large (decimal maximum is 2^63-1; use hex)" :
                  "number does not fit in 64 bits");
        return;
    }
    p->tv = (int64_t)v;
}

static void next(Parser *p)
{
    const char *s = p->tp + p->tl;
    static const struct { char s[3]; int tok; } ops[] = {
        { "<<", T_SHL }, { ">>", T_SHR }, { "<=", T_LE }, { ">=", T_GE },
        { "==", T_EQ }, { "!=", T_NE }, { "&&", T_ANDAND }, { "||", T_OROR },
        { "(", T_LP }, { ")", T_RP }, { ",", T_COMMA }, { "?", T_QUEST },
        { ":", T_COLON }, { "+", T_PLUS }, { "-", T_MINUS }, { "*", T_STAR },
        { "/", T_SLASH }, { "%", T_PERCENT }, { "&", T_AMP }, { "|", T_PIPE },
        { "^", T_CARET }, { "~", T_TILDE }, { "!", T_BANG }, { "<", T_LT },
        { ">", T_GT },
    };
    size_t i;

    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
        s++;
    }
    p->tp = s;
    p->tl = 0;
    if (!*s) {
        p->tok = T_EOF;
        return;
    }
    if (*s >= '0' && *s <= '9') {
        lex_number(p, s);
        return;
    }
    if (is_ident_start(*s)) {
        while (is_ident(s[p->tl])) {
            p->tl++;
        }
        p->tok = T_IDENT;
        return;
    }
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        size_t n = strlen(ops[i].s);

        if (strncmp(s, ops[i].s, n) == 0) {
            p->tok = ops[i].tok;
            p->tl = n;
            return;
        }
    }
    p->tok = T_EOF;
    p->tl = 1;
    if (*s == '=') {
        error_at(p, s, 1, "'=' is not an operator (use '==')");
    } else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f) {
        error_at(p, s, 1, "unexpected byte 0x%02x",
                 (unsigned)(unsigned char)*s);
    } else {
        error_at(p, s, 1, "unexpected character '%c'", *s);
    }
}

/* Append an instruction; returns its index or -1. */
static int emit(Parser *p, int op, int32_t a, int64_t k)
{
    DtExpr *e = p->e;
    int delta;

    if (p->failed) {
        return -1;
    }
    if (e->ncode == p->cap) {
        int ncap = p->cap ? p->cap * 2 : 16;
        Insn *n;

        if (ncap > MAX_CODE) {
            error_at(p, p->tp, p->tl, "expression too long");
            return -1;
        }
        n = realloc(e->code, ncap * sizeof(*n));
        if (!n) {
            error_at(p, p->tp, p->tl, "out of memory");
            return -1;
        }
        e->code = n;
        p->cap = ncap;
    }
    e->code[e->ncode] = (Insn){ op, a, k };
    switch (op) {
    case OP_PUSH: case OP_ARG: case OP_DEC:
        delta = 1;
        break;
    case OP_NEG: case OP_NOT: case OP_LNOT: case OP_BOOL:
    case OP_EVEN: case OP_ODD: case OP_SET0: case OP_JMP:
        delta = 0;
        break;
    case OP_RANGE: case OP_BITS:
        delta = -2;
        break;
    default:            /* binary ops, JZ, INEQ; ANDSC/ORSC fall through */
        delta = -1;
        break;
    }
    p->sp += delta;
    if (p->sp > e->maxstack) {
        e->maxstack = p->sp;
        if (p->sp > DT_EXPR_MAX_STACK) {
            error_at(p, p->tp, p->tl,
                     "expression too complex (needs more than %d stack "
                     "slots)", DT_EXPR_MAX_STACK);
            return -1;
        }
    }
    return e->ncode++;
}

/* Index of the last instruction if it is a PUSH nobody jumps past. */
static bool last_push(Parser *p, int back)
{
    int i = p->e->ncode - back;

    return i >= p->barrier && i >= 0 && p->e->code[i].op == OP_PUSH;
}

/* Constant folding of the operands just emitted, when they are PUSHes. */
static void emit_unary(Parser *p, int op)
{
    if (!p->failed && last_push(p, 1)) {
        Insn *in = &p->e->code[p->e->ncode - 1];

        in->k = unop(op, in->k);
        return;
    }
    emit(p, op, 0, 0);
}

static void emit_binary(Parser *p, int op)
{
    int64_t r;

    if (!p->failed && last_push(p, 2) && last_push(p, 1)) {
        Insn *x = &p->e->code[p->e->ncode - 2];

        if (binop(op, x->k, x[1].k, &r)) {
            x->k = r;
            p->e->ncode--;
            p->sp--;
            return;
        }
    }
    emit(p, op, 0, 0);
}

/* Jumps pending a target form a chain through their `a` fields. */
static void patch(Parser *p, int chain)
{
    if (p->failed) {
        return;
    }
    while (chain >= 0) {
        int nextc = p->e->code[chain].a;

        p->e->code[chain].a = p->e->ncode;
        chain = nextc;
    }
    p->barrier = p->e->ncode;
}

static int name_index(Parser *p, const char *s, size_t len)
{
    DtExpr *e = p->e;
    char **nn;
    int *nb;
    int i;

    for (i = 0; i < e->nnames; i++) {
        if (strlen(e->names[i]) == len && memcmp(e->names[i], s, len) == 0) {
            return i;
        }
    }
    nn = realloc(e->names, (e->nnames + 1) * sizeof(*nn));
    if (nn) {
        e->names = nn;
    }
    nb = realloc(e->bound, (e->nnames + 1) * sizeof(*nb));
    if (nb) {
        e->bound = nb;
    }
    if (!nn || !nb || !(e->names[e->nnames] = strndup(s, len))) {
        error_at(p, s, len, "out of memory");
        return -1;
    }
    e->bound[e->nnames] = -1;
    return e->nnames++;
}

static void parse_cond(Parser *p);

/* dec(NAME): the argument must be a plain field name. */
static void parse_dec(Parser *p)
{
    const char *name;
    size_t len;
    DecSlot *d;
    int ni;

    if (p->tok != T_IDENT) {
        error_tok(p, "%s", "dec() takes one field name");
        return;
    }
    name = p->tp;
    len = p->tl;
    next(p);
    if (p->tok != T_RP) {
        error_tok(p, "%s", "dec() takes one field name");
        return;
    }
    next(p);
    ni = name_index(p, name, len);
    if (ni < 0) {
        return;
    }
    d = realloc(p->e->decs, (p->e->ndecs + 1) * sizeof(*d));
    if (!d) {
        error_at(p, name, len, "out of memory");
        return;
    }
    p->e->decs = d;
    d[p->e->ndecs] = (DecSlot){ .name = ni };
    emit(p, OP_DEC, -1, p->e->ndecs++);
}

/* in(x, a, b, ...): compare x against each candidate, stop at a match. */
static void parse_in(Parser *p, const char *fn, size_t fnlen)
{
    int chain = -1, n = 0;

    parse_cond(p);
    while (!p->failed && p->tok == T_COMMA) {
        int j;

        next(p);
        parse_cond(p);
        j = emit(p, OP_INEQ, chain, 0);
        if (j >= 0) {
            chain = j;
        }
        n++;
    }
    if (p->failed) {
        return;
    }
    if (p->tok != T_RP) {
        error_tok(p, "%s", "expected ',' or ')' in in()");
        return;
    }
    if (n == 0) {
        error_at(p, fn, fnlen,
                 "in() takes a value and at least one candidate");
        return;
    }
    next(p);
    emit(p, OP_SET0, 0, 0);
    patch(p, chain);
}

static void parse_call(Parser *p)
{
    static const struct { const char *name; int nargs, op; } fns[] = {
        { "range", 3, OP_RANGE }, { "bits", 3, OP_BITS },
        { "even", 1, OP_EVEN }, { "odd", 1, OP_ODD },
    };
    const char *fn = p->tp;
    size_t fnlen = p->tl, i;
    int n = 0;

    next(p);            /* the name */
    next(p);            /* '(' */
    if (fnlen == 3 && memcmp(fn, "dec", 3) == 0) {
        parse_dec(p);
        return;
    }
    if (fnlen == 2 && memcmp(fn, "in", 2) == 0) {
        parse_in(p, fn, fnlen);
        return;
    }
    for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
        if (strlen(fns[i].name) == fnlen &&
            memcmp(fns[i].name, fn, fnlen) == 0) {
            break;
        }
    }
    if (i == sizeof(fns) / sizeof(fns[0])) {
        error_at(p, fn, fnlen, "unknown function '%.*s' (known: in, "
                 "range, dec, bits, even, odd)", (int)fnlen, fn);
        return;
    }
    if (p->tok != T_RP) {
        for (;;) {
            parse_cond(p);
            n++;
            if (p->failed || p->tok != T_COMMA) {
                break;
            }
            next(p);
        }
    }
    if (p->failed) {
        return;
    }
    if (p->tok != T_RP) {
        error_tok(p, "expected ',' or ')' in %s()", fns[i].name);
        return;
    }
    if (n != fns[i].nargs) {
        error_at(p, fn, fnlen, "%s() takes %d argument%s, got %d",
                 fns[i].name, fns[i].nargs, fns[i].nargs == 1 ? "" : "s", n);
        return;
    }
    next(p);
    if (fns[i].op == OP_EVEN || fns[i].op == OP_ODD) {
        emit_unary(p, fns[i].op);
    } else {
        emit(p, fns[i].op, 0, 0);
    }
}

static void parse_primary(Parser *p)
{
    const char *lp;
    int ni;

    switch (p->tok) {
    case T_NUM:
        emit(p, OP_PUSH, 0, p->tv);
        next(p);
        return;
    case T_IDENT: {
        const char *s = p->tp + p->tl;

        while (*s == ' ' || *s == '\t') {
            s++;
        }
        if (*s == '(') {
            parse_call(p);
            return;
        }
        ni = name_index(p, p->tp, p->tl);
        if (ni >= 0) {
            emit(p, OP_ARG, -1, ni);
        }
        next(p);
        return;
    }
    case T_LP:
        lp = p->tp;
        next(p);
        parse_cond(p);
        if (!p->failed && p->tok != T_RP) {
            if (p->tok == T_EOF) {
                error_at(p, p->tp, 0, "missing ')' for the '(' at col %d",
                         (int)(lp - p->text) + 1);
            } else {
                error_tok(p, "%s", "expected ')'");
            }
            return;
        }
        next(p);
        return;
    case T_EOF:
        error_tok(p, "%s", "expected a value");
        return;
    default:
        error_tok(p, "%s", "expected a value");
        return;
    }
}

static void parse_unary(Parser *p)
{
    int tok = p->tok;

    if (tok != T_MINUS && tok != T_PLUS && tok != T_TILDE && tok != T_BANG) {
        parse_primary(p);
        return;
    }
    if (++p->depth > DT_EXPR_MAX_DEPTH) {
        error_at(p, p->tp, p->tl, "expression nested too deeply (limit %d)",
                 DT_EXPR_MAX_DEPTH);
        return;
    }
    next(p);
    parse_unary(p);
    p->depth--;
    if (tok == T_MINUS) {
        emit_unary(p, OP_NEG);
    } else if (tok == T_TILDE) {
        emit_unary(p, OP_NOT);
    } else if (tok == T_BANG) {
        emit_unary(p, OP_LNOT);
    }
}

static int binop_index(int tok)
{
    size_t i;

    for (i = 0; i < sizeof(binops) / sizeof(binops[0]); i++) {
        if (binops[i].tok == tok) {
            return i;
        }
    }
    return -1;
}

/* Precedence climbing: operators of precedence >= minprec. */
static void parse_binary(Parser *p, int minprec)
{
    int i;

    parse_unary(p);
    while (!p->failed && (i = binop_index(p->tok)) >= 0 &&
           binops[i].prec >= minprec) {
        int tok = binops[i].tok, prec = binops[i].prec;

        next(p);
        if (tok == T_ANDAND || tok == T_OROR) {
            int j = emit(p, tok == T_ANDAND ? OP_ANDSC : OP_ORSC, -1, 0);

            parse_binary(p, prec + 1);
            emit(p, OP_BOOL, 0, 0);
            patch(p, j);
        } else {
            parse_binary(p, prec + 1);
            emit_binary(p, binops[i].op);
        }
    }
}

static void parse_cond(Parser *p)
{
    int jz, jmp;

    if (++p->depth > DT_EXPR_MAX_DEPTH) {
        error_at(p, p->tp, p->tl, "expression nested too deeply (limit %d)",
                 DT_EXPR_MAX_DEPTH);
        return;
    }
    parse_binary(p, 1);
    if (!p->failed && p->tok == T_QUEST) {
        next(p);
        jz = emit(p, OP_JZ, -1, 0);
        parse_cond(p);
        if (!p->failed && p->tok != T_COLON) {
            error_tok(p, "%s", "expected ':' of '?:'");
        }
        if (p->failed) {
            return;
        }
        next(p);
        jmp = emit(p, OP_JMP, -1, 0);
        patch(p, jz);
        p->sp--;        /* the else branch starts without the then value */
        parse_cond(p);
        patch(p, jmp);
    }
    p->depth--;
}

static void expr_free_parts(DtExpr *e)
{
    int i;

    for (i = 0; i < e->nnames; i++) {
        free(e->names[i]);
    }
    free(e->names);
    free(e->bound);
    free(e->decs);
    free(e->code);
    free(e->text);
    free(e->file);
}

void dt_expr_free(DtExpr *e)
{
    if (e) {
        expr_free_parts(e);
        free(e);
    }
}

DtExpr *dt_expr_parse(const char *text, const char *file, int line,
                      char *err, size_t errlen)
{
    Parser p = {
        .text = text ? text : "", .file = file ? file : "<expr>",
        .line = line, .err = err, .errlen = errlen,
    };
    DtExpr *e;

    if (err && errlen) {
        err[0] = 0;
    }
    e = calloc(1, sizeof(*e));
    if (!e || !(e->text = strdup(p.text)) ||
        !(e->file = strdup(p.file))) {
        if (err && errlen) {
            snprintf(err, errlen, "%s:%d: error: out of memory", p.file, line);
        }
        dt_expr_free(e);
        return NULL;
    }
    e->line = line;
    p.e = e;
    p.text = e->text;   /* columns and tokens refer to our copy */
    p.tp = p.text;
    next(&p);
    if (!p.failed && p.tok == T_EOF) {
        error_tok(&p, "%s", "empty expression");
    }
    if (!p.failed) {
        parse_cond(&p);
    }
    if (!p.failed && p.tok != T_EOF) {
        error_tok(&p, "%s", p.tok == T_RP ? "unbalanced ')'" :
                  "unexpected token after expression");
    }
    if (p.failed) {
        dt_expr_free(e);
        return NULL;
    }
    return e;
}

/* ---- binding and introspection ------------------------------------- */

int dt_expr_bind(DtExpr *e, const DtPattern *p, char *err, size_t errlen)
{
    int i, j;

    for (i = 0; i < e->nnames; i++) {
        for (j = 0; j < p->nargs; j++) {
            if (p->args[j].name && strcmp(p->args[j].name, e->names[i]) == 0) {
                break;
            }
        }
        if (j == p->nargs) {
            char have[512] = "no fields";
            size_t n = 0;

            for (j = 0; j < p->nargs && n < sizeof(have); j++) {
                n += snprintf(have + n, sizeof(have) - n, "%s%s",
                              j ? ", " : "",
                              p->args[j].name ? p->args[j].name : "?");
            }
            if (err && errlen) {
                snprintf(err, errlen, "%s:%d: error: unknown field '%s' in "
                         "'%s'; pattern %s has %s", e->file, e->line,
                         e->names[i], e->text, p->name ? p->name : "?", have);
            }
            return -1;
        }
        e->bound[i] = j;
    }
    for (i = 0; i < e->ndecs; i++) {
        const DtArg *a = &p->args[e->bound[e->decs[i].name]];
        const char *func = a->kind == DT_ARG_FIELD && a->field ?
                           a->field->func : NULL;

        e->decs[i].f.op = 0;
        if (func && !dt_func_resolve(func, &e->decs[i].f)) {
            e->decs[i].f.op = 0;
            if (!err || !errlen) {
                return -1;
            }
            snprintf(err, errlen, "%s:%d: error: dec(%s): !function=%s is "
                     "not one risu-dt can compute (see docs/annotations.md); "
                     "constrain the raw value instead", e->file, e->line,
                     a->name, func);
            return -1;
        }
    }
    for (i = 0; i < e->ncode; i++) {
        Insn *in = &e->code[i];

        if (in->op == OP_ARG) {
            in->a = e->bound[in->k];
        } else if (in->op == OP_DEC) {
            in->a = e->bound[e->decs[in->k].name];
        }
    }
    return 0;
}

int dt_expr_args(const DtExpr *e, int *idx, int max)
{
    int i, j, n = 0;

    for (i = 0; i < e->nnames; i++) {
        int b = e->bound[i];
        bool seen = false;

        if (b < 0) {
            continue;
        }
        for (j = 0; j < i; j++) {
            seen |= e->bound[j] == b;
        }
        if (!seen) {
            if (n < max) {
                idx[n] = b;
            }
            n++;
        }
    }
    return n;
}

const char *dt_expr_text(const DtExpr *e)
{
    return e ? e->text : NULL;
}

static void *dup_mem(const void *src, size_t n, bool *ok)
{
    void *d;

    if (n == 0) {
        return NULL;
    }
    d = malloc(n);
    if (!d) {
        *ok = false;
        return NULL;
    }
    memcpy(d, src, n);
    return d;
}

DtExpr *dt_expr_copy(const DtExpr *e)
{
    DtExpr *c;
    bool ok = true;
    int i;

    if (!e || !(c = calloc(1, sizeof(*c)))) {
        return NULL;
    }
    c->line = e->line;
    c->ncode = e->ncode;
    c->ndecs = e->ndecs;
    c->maxstack = e->maxstack;
    c->text = strdup(e->text);
    c->file = strdup(e->file);
    c->code = dup_mem(e->code, e->ncode * sizeof(*e->code), &ok);
    c->bound = dup_mem(e->bound, e->nnames * sizeof(*e->bound), &ok);
    c->decs = dup_mem(e->decs, e->ndecs * sizeof(*e->decs), &ok);
    if (e->nnames) {
        c->names = calloc(e->nnames, sizeof(*c->names));
        ok = ok && c->names;
    }
    for (i = 0; ok && i < e->nnames; i++) {
        ok = (c->names[i] = strdup(e->names[i])) != NULL;
        c->nnames = i + 1;      /* what expr_free_parts may touch */
    }
    if (!ok || !c->text || !c->file) {
        dt_expr_free(c);
        return NULL;
    }
    return c;
}
