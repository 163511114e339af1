/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Constraint expression language: values, precedence, faults,
 * short-circuit, every class of malformed input, binding and limits.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/decode/annotutil.h"

static char err[1024];

/* Parse and evaluate a field-free expression; the test fails on error. */
static int64_t cval(const char *text, bool *fault)
{
    DtExpr *e = dt_expr_parse(text, "t.decode", 7, err, sizeof(err));
    int64_t v;

    ck_assert_msg(e != NULL, "'%s' failed: %s", text, err);
    v = dt_expr_eval_const(e, fault);
    dt_expr_free(e);
    return v;
}

/* Parse must fail; returns the diagnostic. */
static const char *perr(const char *text)
{
    DtExpr *e = dt_expr_parse(text, "t.decode", 7, err, sizeof(err));

    ck_assert_msg(e == NULL, "'%s' unexpectedly parsed", text);
    ck_assert_msg(strncmp(err, "t.decode:7: error: ", 19) == 0,
                  "bad prefix: %s", err);
    return err;
}

static const struct {
    const char *text;
    int64_t value;
} values[] = {
    { "42", 42 }, { "0x2a", 42 }, { "0X2A", 42 }, { "0b101010", 42 },
    { "0", 0 }, { "0xffffffffffffffff", -1 },
    { "9223372036854775807", INT64_MAX },
    { "1 + 2 * 3", 7 }, { "(1 + 2) * 3", 9 }, { "5 - 3 - 1", 1 },
    { "100 / 10 / 5", 2 }, { "2 * 3 % 4", 2 }, { "7 / -2", -3 },
    { "-7 % 3", -1 }, { "-2 * 3", -6 }, { "--5", 5 }, { "+5", 5 },
    { "1 << 2 + 1", 8 }, { "256 >> 2 >> 1", 32 }, { "-8 >> 1", -4 },
    { "-1 >> 63", -1 }, { "1 << 63", INT64_MIN },
    { "1 | 2 ^ 3 & 4", 3 }, { "6 & 3", 2 }, { "6 | 3", 7 }, { "6 ^ 3", 5 },
    { "~0 & 0xff", 255 }, { "~5", -6 }, { "!0 + 1", 2 }, { "!7", 0 },
    { "1 == 1 & 0", 0 }, { "3 > 2 > 1", 0 }, { "1 < 2 == 1", 1 },
    { "2 <= 2", 1 }, { "2 >= 3", 0 }, { "2 != 3", 1 }, { "-1 < 0", 1 },
    { "1 || 0 && 0", 1 }, { "(1 || 0) && 0", 0 }, { "5 && 7", 1 },
    { "0 || 9", 1 }, { "0 || 0", 0 },
    { "1 ? 2 : 0 ? 3 : 4", 2 }, { "0 ? 2 : 0 ? 3 : 4", 4 },
    { "0 ? 2 : 1 ? 3 : 4", 3 }, { "1 ? 0 ? 5 : 6 : 7", 6 },
    { "(0 ? 1 : 2) + 3", 5 }, { "1 + (1 ? 10 : 20) * 2", 21 },
    { "0x7fffffffffffffff + 1", INT64_MIN },
    { "-0x8000000000000000", INT64_MIN },
    { "0x8000000000000000 * -1", INT64_MIN },
    { "0x8000000000000000 - 1", INT64_MAX },
    { "0x8000000000000000 % -1", 0 },
    { "in(3, 1, 2, 3)", 1 }, { "in(4, 1, 2, 3)", 0 }, { "in(1, 1)", 1 },
    { "in(2 + 2, 4)", 1 }, { "in(1, 2 > 1, 7)", 1 },
    { "range(5, 1, 5)", 1 }, { "range(1, 1, 5)", 1 }, { "range(0, 1, 5)", 0 },
    { "range(6, 1, 5)", 0 }, { "range(-3, -5, -1)", 1 },
    { "bits(0xf0, 4, 4)", 15 }, { "bits(-1, 60, 4)", 15 },
    { "bits(-1, 0, 64)", -1 }, { "bits(5, 3, 0)", 0 },
    { "bits(0x8000000000000000, 63, 1)", 1 },
    { "even(4)", 1 }, { "even(3)", 0 }, { "odd(-1)", 1 }, { "odd(0)", 0 },
    { "even(4) + odd(4)", 1 },
    { " \t1\t+\n2 ", 3 },
};

START_TEST(test_values)
{
    bool fault = true;
    int64_t v = cval(values[_i].text, &fault);

    ck_assert_msg(!fault, "'%s' faulted", values[_i].text);
    ck_assert_msg(v == values[_i].value, "'%s' = %" PRId64 ", want %" PRId64,
                  values[_i].text, v, values[_i].value);
}
END_TEST

static const char *const faults[] = {
    "1 / 0", "1 % 0", "0x8000000000000000 / -1", "1 << 64", "1 << -1",
    "1 >> 64", "-1 >> -3", "bits(1, 64, 0)", "bits(1, 0, 65)",
    "bits(1, 60, 5)", "bits(1, -1, 1)", "bits(1, 0, -1)",
    "1 && 1 / 0", "0 || 1 / 0", "0 ? 1 : 1 / 0", "in(2, 1, 1 / 0)",
    "range(1 / 0, 0, 1)", "5 + (1 << 70)",
};

START_TEST(test_faults)
{
    bool fault = false;
    int64_t v = cval(faults[_i], &fault);

    ck_assert_msg(fault, "'%s' did not fault", faults[_i]);
    ck_assert_int_eq(v, 0);
}
END_TEST

/* The unevaluated side must not fault. */
static const char *const short_circuits[] = {
    "!(0 && 1 / 0)", "1 || 1 / 0", "1 ? 5 : 1 / 0", "0 ? 1 << 99 : 5",
    "in(1, 1, 1 / 0)", "!(0 && bits(1, 99, 1))",
};

START_TEST(test_short_circuit)
{
    bool fault = true;

    ck_assert_int_ne(cval(short_circuits[_i], &fault), 0);
    ck_assert_msg(!fault, "'%s' faulted", short_circuits[_i]);
}
END_TEST

static const struct {
    const char *text;
    const char *msg;
} malformed[] = {
    { "(1 + 2", "col 7: missing ')' for the '(' at col 1 near end of "
      "expression" },
    { "((1) + 2", "missing ')' for the '(' at col 1" },
    { "1 + 2)", "col 6: unbalanced ')' near ')'" },
    { "()", "col 2: expected a value near ')'" },
    { "1 2", "col 3: unexpected token after expression near '2'" },
    { "1 + 2 rs", "col 7: unexpected token after expression near 'rs'" },
    { "rs, rt", "col 3: unexpected token" },
    { "", "col 1: empty expression" },
    { "   ", "empty expression" },
    { "1 +", "col 4: expected a value near end of expression" },
    { "* 2", "col 1: expected a value near '*'" },
    { "1 ? 2", "expected ':' of '?:'" },
    { "1 ? 2 :", "expected a value" },
    { "a = 1", "col 3: '=' is not an operator (use '==')" },
    { "1 $ 2", "col 3: unexpected character '$'" },
    { "1 + \x01", "unexpected byte 0x01" },
    { "1 + \xc3\xa9", "unexpected byte 0xc3" },
    { "0x", "col 1: malformed number near '0x'" },
    { "0b102", "malformed binary number near '0b102'" },
    { "0xfg", "malformed hexadecimal number" },
    { "12ab", "malformed number near '12ab'" },
    { "99999999999999999999", "number too large" },
    { "9223372036854775808", "number too large" },
    { "0x1ffffffffffffffff", "does not fit in 64 bits" },
    { "foo(1)", "col 1: unknown function 'foo' (known: in, range, dec, "
      "bits, even, odd)" },
    { "range(1, 2)", "col 1: range() takes 3 arguments, got 2 near 'range'" },
    { "range(1, 2, 3, 4)", "range() takes 3 arguments, got 4" },
    { "bits(1)", "bits() takes 3 arguments, got 1" },
    { "even()", "even() takes 1 argument, got 0" },
    { "odd(1, 2)", "odd() takes 1 argument, got 2" },
    { "in(1)", "in() takes a value and at least one candidate" },
    { "in()", "expected a value" },
    { "in(1, 2", "expected ',' or ')' in in()" },
    { "range(1, 2, 3", "expected ',' or ')' in range()" },
    { "dec(1)", "col 5: dec() takes one field name near '1'" },
    { "dec(rs, rt)", "dec() takes one field name near ','" },
    { "dec(rs + 1)", "dec() takes one field name" },
    { "dec()", "dec() takes one field name" },
    { "1 + (2 * (3 - 4)", "missing ')' for the '(' at col 5" },
};

START_TEST(test_malformed)
{
    ck_assert_contains(perr(malformed[_i].text), malformed[_i].msg);
}
END_TEST

static char *repeat(const char *pre, int n, const char *mid, const char *post)
{
    size_t lp = strlen(pre), lpost = strlen(post);
    char *s = malloc(n * (lp + lpost) + strlen(mid) + 1), *o = s;
    int i;

    for (i = 0; i < n; i++) {
        memcpy(o, pre, lp);
        o += lp;
    }
    o = stpcpy(o, mid);
    for (i = 0; i < n; i++) {
        memcpy(o, post, lpost);
        o += lpost;
    }
    *o = 0;
    return s;
}

START_TEST(test_depth_limit)
{
    bool fault;
    char *s;

    /* Just under the limit works (top level counts as one). */
    s = repeat("(", DT_EXPR_MAX_DEPTH - 1, "7", ")");
    ck_assert_int_eq(cval(s, &fault), 7);
    free(s);

    s = repeat("(", DT_EXPR_MAX_DEPTH, "7", ")");
    ck_assert_contains(perr(s), "expression nested too deeply (limit 200)");
    free(s);
    s = repeat("(", 100000, "1", ")");
    ck_assert_contains(perr(s), "nested too deeply");
    free(s);
    s = repeat("-", 100000, "1", "");
    ck_assert_contains(perr(s), "nested too deeply");
    free(s);
    s = repeat("!~", 5000, "1", "");
    ck_assert_contains(perr(s), "nested too deeply");
    free(s);
    s = repeat("1 ? 2 : ", 1000, "3", "");
    ck_assert_contains(perr(s), "nested too deeply");
    free(s);
    s = repeat("in(1, ", 1000, "1", ")");
    ck_assert_contains(perr(s), "nested too deeply");
    free(s);
}
END_TEST

START_TEST(test_stack_limit)
{
    /* Each level leaves 8 operands pending: too many long before depth. */
    char *s = repeat("rs|rs^rs&rs==rs<rs<<rs+rs*(", 80, "rs", ")");

    ck_assert_contains(perr(s), "expression too complex (needs more than "
                       "512 stack slots)");
    free(s);
}
END_TEST

START_TEST(test_long_flat_chain)
{
    /* 200000 terms: no recursion, so no depth error and no stack growth. */
    char *s = repeat("1 + ", 200000, "1", "");
    DtPattern p;
    DtExpr *e;
    bool fault;

    ck_assert_int_eq(cval(s, &fault), 200001);
    free(s);

    s = repeat("rs + ", 200000, "rs", "");
    e = dt_expr_parse(s, "t.decode", 1, err, sizeof(err));
    ck_assert_ptr_nonnull(e);
    test_pattern(&p);
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_expr_eval(e, (int64_t[]){ 2, 0, 0, 0, 0 }, NULL,
                                  &fault), 400002);
    dt_expr_free(e);
    free(s);
}
END_TEST

START_TEST(test_bind_and_eval)
{
    DtPattern p;
    DtExpr *e;
    bool fault;
    int64_t raw[5] = { 3, 4, 5, 6, 9 };
    int idx[8];

    test_pattern(&p);
    e = dt_expr_parse("rs != rt && imm < 8 && k == 9", "t.decode", 2,
                      err, sizeof(err));
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dt_expr_text(e), "rs != rt && imm < 8 && k == 9");

    /* Unbound: reading a field faults, it never reads random memory. */
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault), 0);
    ck_assert(fault);

    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault), 1);
    ck_assert(!fault);
    raw[1] = 3;
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault), 0);
    ck_assert(!fault);
    raw[1] = 4;
    raw[2] = 8;
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault), 0);

    /* rs, rt, imm, k: each once, in order of first use. */
    ck_assert_int_eq(dt_expr_args(e, idx, 8), 4);
    ck_assert_int_eq(idx[0], 0);
    ck_assert_int_eq(idx[1], 1);
    ck_assert_int_eq(idx[2], 2);
    ck_assert_int_eq(idx[3], 4);
    ck_assert_int_eq(dt_expr_args(e, idx, 1), 4);

    /* Without fields it cannot be evaluated as a constant. */
    ck_assert_int_eq(dt_expr_eval_const(e, &fault), 0);
    ck_assert(fault);
    dt_expr_free(e);

    /* A short-circuit must skip the division the guard protects. */
    e = dt_expr_parse("rt != 0 && 100 / rt > 10", "t.decode", 2, err,
                      sizeof(err));
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), 0);
    raw[1] = 0;
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault), 0);
    ck_assert(!fault);
    raw[1] = 5;
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault), 1);
    raw[1] = 50;
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault), 0);
    dt_expr_free(e);

    /* A run-time fault in a field expression. */
    e = dt_expr_parse("100 / rt", "t.decode", 2, err, sizeof(err));
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), 0);
    raw[1] = 0;
    dt_expr_eval(e, raw, NULL, &fault);
    ck_assert(fault);
    dt_expr_free(e);
}
END_TEST

START_TEST(test_bind_unknown)
{
    DtPattern p;
    DtExpr *e = dt_expr_parse("rs + bogus", "x.decode", 12, err, sizeof(err));

    test_pattern(&p);
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "x.decode:12: error: unknown field 'bogus' in "
                     "'rs + bogus'; pattern LW has rs, rt, imm, sa, k");
    /* A NULL buffer is allowed and still reports failure. */
    ck_assert_int_eq(dt_expr_bind(e, &p, NULL, 0), -1);
    p.nargs = 0;
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), -1);
    ck_assert_contains(err, "pattern LW has no fields");
    dt_expr_free(e);
}
END_TEST

START_TEST(test_dec)
{
    DtPattern p;
    DtExpr *e;
    bool fault;
    int64_t raw[5] = { 3, 4, -2, 6, 9 }, dec[5] = { 0, 0, 100, 0, 0 };

    test_pattern(&p);
    /* imm has !function=times_4; rs has none, so dec(rs) == rs. */
    e = dt_expr_parse("dec(imm) * 1000 + dec(rs) * 10 + dec(k) - imm",
                      "t.decode", 2, err, sizeof(err));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_expr_eval(e, raw, NULL, &fault),
                     -8000 + 30 + 9 + 2);
    ck_assert(!fault);
    /* A caller-supplied decoded array is used as is. */
    ck_assert_int_eq(dt_expr_eval(e, raw, dec, &fault), 100000 + 0 + 0 + 2);

    /* Copies keep the binding and are independent. */
    {
        DtExpr *c = dt_expr_copy(e);

        dt_expr_free(e);
        ck_assert_int_eq(dt_expr_eval(c, raw, NULL, &fault),
                         -8000 + 30 + 9 + 2);
        dt_expr_free(c);
    }

    /* sa's !function is not one we can compute: bind must say so. */
    e = dt_expr_parse("dec(sa) > 1", "y.decode", 4, err, sizeof(err));
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), -1);
    ck_assert_contains(err, "y.decode:4: error: dec(sa): "
                       "!function=mystery_expand is not one risu-dt can "
                       "compute");
    dt_expr_free(e);
    /* ...but the raw value is fine. */
    e = dt_expr_parse("sa > 1", "y.decode", 4, err, sizeof(err));
    ck_assert_int_eq(dt_expr_bind(e, &p, err, sizeof(err)), 0);
    dt_expr_free(e);
}
END_TEST

START_TEST(test_misc_api)
{
    bool fault = false;

    /* NULL expression and NULL fault pointer are tolerated. */
    ck_assert_int_eq(dt_expr_eval(NULL, NULL, NULL, &fault), 0);
    ck_assert(fault);
    ck_assert_int_eq(cval("1 / 0", NULL), 0);
    dt_expr_free(NULL);
    ck_assert_ptr_null(dt_expr_copy(NULL));
    ck_assert_ptr_null(dt_expr_text(NULL));
    /* NULL text is an empty expression, not a crash. */
    ck_assert_ptr_null(dt_expr_parse(NULL, NULL, 0, err, sizeof(err)));
    ck_assert_contains(err, "<expr>:0: error: col 1: empty expression");
    /* A zero-sized or NULL error buffer is not written. */
    ck_assert_ptr_null(dt_expr_parse("(", "f", 1, NULL, 0));
    err[0] = 'x';
    ck_assert_ptr_null(dt_expr_parse("(", "f", 1, err, 0));
    ck_assert_int_eq(err[0], 'x');
    /* Truncated diagnostics stay NUL-terminated. */
    ck_assert_ptr_null(dt_expr_parse("(((", "file", 1, err, 8));
    ck_assert_str_eq(err, "file:1:");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("expr");
    TCase *tc = tcase_create("expr");

    tcase_add_loop_test(tc, test_values, 0, sizeof(values) / sizeof(values[0]));
    tcase_add_loop_test(tc, test_faults, 0, sizeof(faults) / sizeof(faults[0]));
    tcase_add_loop_test(tc, test_short_circuit, 0,
                        sizeof(short_circuits) / sizeof(short_circuits[0]));
    tcase_add_loop_test(tc, test_malformed, 0,
                        sizeof(malformed) / sizeof(malformed[0]));
    tcase_add_test(tc, test_depth_limit);
    tcase_add_test(tc, test_stack_limit);
    tcase_add_test(tc, test_long_flat_chain);
    tcase_add_test(tc, test_bind_and_eval);
    tcase_add_test(tc, test_bind_unknown);
    tcase_add_test(tc, test_dec);
    tcase_add_test(tc, test_misc_api);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
