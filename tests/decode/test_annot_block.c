/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "#@ block count=EXPR [exclude=TAG]" (Thumb IT blocks): parsing, its
 * errors, binding, copy and free.
 */
#include <stdlib.h>

#include "tests/decode/annotutil.h"

static char err[1024];

START_TEST(test_block)
{
    DtPattern p;
    DtAnnot *a = &p.annot, c;
    int64_t raw[5] = { 1, 2, 3, 4, 9 };
    bool fault;

    test_pattern(&p);
    ck_assert_int_eq(dt_annot_apply(a, "block count=(rs & 1) ? 4 : 2",
                                    "t.decode", 5, err, sizeof(err)), -1);
    ck_assert_int_eq(dt_annot_apply(a, "block count=\"(rs & 1) ? 4 : 2\" "
                                    "exclude=t32", "t.decode", 5, err,
                                    sizeof(err)), 0);
    ck_assert(a->block.present);
    ck_assert_str_eq(a->block.exclude, "t32");
    ck_assert_str_eq(a->block.file, "t.decode");
    ck_assert_int_eq(a->block.line, 5);
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_expr_eval(a->block.count, raw, NULL, &fault), 4);
    raw[0] = 2;
    ck_assert_int_eq(dt_expr_eval(a->block.count, raw, NULL, &fault), 2);

    ck_assert_int_eq(dt_annot_copy(&c, a), 0);
    ck_assert_ptr_ne(c.block.count, a->block.count);
    ck_assert_str_eq(c.block.exclude, "t32");
    dt_annot_free(a);
    ck_assert(!a->block.present);
    ck_assert_int_eq(dt_expr_eval(c.block.count, raw, NULL, &fault), 2);
    dt_annot_free(&c);

    /* A later block replaces an earlier one. */
    test_pattern(&p);
    ck_assert_int_eq(dt_annot_apply(a, "block count=2 exclude=x",
                                    "t.decode", 5, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_annot_apply(a, "block count=3", "t.decode", 6,
                                    err, sizeof(err)), 0);
    ck_assert_ptr_null(a->block.exclude);
    ck_assert_int_eq(a->block.line, 6);
    dt_annot_free(a);
}
END_TEST

static const struct {
    const char *directive;
    const char *msg;
} errors[] = {
    { "block", "t.decode:5: error: block needs count=EXPR" },
    { "block exclude=t32", "t.decode:5: error: block needs count=EXPR" },
    { "block count=", "t.decode:5: error: " },
    { "block count=(1", "unbalanced quote or parenthesis" },
    { "block count=1+", "col 3" },
    { "block count=1 count=2", "unknown or duplicate key 'count='" },
    { "block count=1 size=2", "unknown or duplicate key 'size='" },
    { "block count=1 exclude", "unknown or duplicate key 'exclude'" },
    { "block count=1 exclude=a=b", "exclude='a=b' is not a tag" },
};

START_TEST(test_block_errors)
{
    DtAnnot a = { 0 };
    int r = dt_annot_apply(&a, errors[_i].directive, "t.decode", 5, err,
                           sizeof(err));

    ck_assert_msg(r == -1, "'%s' accepted", errors[_i].directive);
    ck_assert_contains(err, errors[_i].msg);
    ck_assert(!a.block.present);
    dt_annot_free(&a);
}
END_TEST

START_TEST(test_block_bind_error)
{
    DtPattern p;

    test_pattern(&p);
    ck_assert_int_eq(dt_annot_apply(&p.annot, "block count=4-mask",
                                    "o.overlay", 9, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), -1);
    ck_assert_contains(err, "o.overlay:9: error: unknown field 'mask'");
    dt_annot_free(&p.annot);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("annot_block");
    TCase *tc = tcase_create("annot_block");

    tcase_add_test(tc, test_block);
    tcase_add_loop_test(tc, test_block_errors, 0,
                        sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, test_block_bind_error);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
