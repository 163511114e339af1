/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decodetree language as QEMU's decodetree.py reads it: what the
 * parser builds from each construct, line handling, several files in one
 * namespace, and decodetree.py's argument-set and format inference.
 */
#include <string.h>

#include "tests/decode/testutil.h"

#define F32 "0000 0000 0000 0000 0000 0000 0000 0000"

START_TEST(test_patterns_built)
{
    DtSet *s = tu_fixture("succ_syntax.decode");
    const DtPattern *p;

    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    ck_assert_uint_eq(dt_set_npatterns(s), 9);

    p = tu_pattern(s, "add");
    ck_assert_str_eq(p->file, TU_FIXTURES "/succ_syntax.decode");
    ck_assert_int_eq(p->line, 12);
    ck_assert_int_eq(p->index, 0);
    ck_assert_int_eq(p->width, 32);
    ck_assert_uint_eq(p->fixedmask, 0xff000fff);
    ck_assert_uint_eq(p->fixedbits, 0x01000000);
    ck_assert_uint_eq(p->dontcaremask, 0);
    ck_assert_str_eq(p->argset, "rrr");
    ck_assert_int_eq(p->nargs, 3);
    ck_assert_str_eq(p->args[0].name, "rd");
    ck_assert_int_eq(p->args[0].field->segs[0].pos, 12);
    ck_assert_int_eq(p->args[0].field->segs[0].len, 4);

    p = tu_pattern(s, "sub");
    ck_assert_uint_eq(p->dontcaremask, 0xf);
    ck_assert_uint_eq(p->fixedmask, 0xff000ff0);

    /* Signed imported field renamed by the format: imm=%disp. */
    p = tu_pattern(s, "li");
    ck_assert_str_eq(p->argset, "ext");
    ck_assert_str_eq(p->args[1].name, "imm");
    ck_assert_str_eq(p->args[1].field->name, "disp");
    ck_assert(p->args[1].field->segs[0].sign);

    /* Two segments, most significant first; constants, signed too. */
    p = tu_pattern(s, "lui");
    ck_assert_str_eq(p->argset, "decode3");
    const DtField *f = p->args[tu_arg(p, "imm")].field;
    ck_assert_int_eq(f->nsegs, 2);
    ck_assert_int_eq(f->segs[0].pos, 16);
    ck_assert_int_eq(f->segs[1].pos, 0);
    ck_assert_int_eq(p->args[tu_arg(p, "sh")].kind, DT_ARG_CONST);
    ck_assert_int_eq(p->args[tu_arg(p, "sh")].value, 16);
    ck_assert_int_eq(p->args[tu_arg(p, "neg")].value, -1);
    ck_assert_uint_eq(p->dontcaremask, 0x0000ff00);

    /* A continued line counts from its first line. */
    p = tu_pattern(s, "lw");
    ck_assert_int_eq(p->line, 17);
    ck_assert_str_eq(p->args[tu_arg(p, "off")].field->func, "times_4");

    p = tu_pattern(s, "mode");
    ck_assert_int_eq(p->args[0].field->nsegs, 0);
    ck_assert_str_eq(p->args[0].field->func, "get_mode");

    /* Typed argument set given explicitly. */
    ck_assert_str_eq(tu_pattern(s, "typed")->argset, "typed");
    dt_set_free(s);
}
END_TEST

START_TEST(test_repeated_names)
{
    DtSet *s = tu_fixture("succ_syntax.decode");
    const DtPattern *a = dt_set_pattern(s, 6), *b = dt_set_pattern(s, 7);

    ck_assert_str_eq(a->name, "nop");
    ck_assert_str_eq(b->name, "nop");
    /* Both infer the same (empty) argument set: no conflict. */
    ck_assert_str_eq(a->argset, b->argset);
    dt_set_free(s);
}
END_TEST

START_TEST(test_several_files)
{
    DtSet *s = dt_set_new(NULL);
    const char *a = "%imm 0:8\n&ri rd imm\n@ri .... rd:4 ........ ........ "
                    "........ &ri %imm\n";
    const char *b = "addi 0001 .... 0000 0000 0000 0000 .... .... @ri\n"
                    "addi 0010 .... 0000 0000 0000 0000 .... .... @ri\n";

    dt_set_add_text(s, "defs.decode", a, strlen(a));
    dt_set_add_text(s, "insns.decode", b, strlen(b));
    ck_assert_int_eq(dt_set_finish(s), 0);
    ck_assert_uint_eq(dt_set_npatterns(s), 2);
    ck_assert_str_eq(dt_set_pattern(s, 1)->file, "insns.decode");
    ck_assert_int_eq(dt_set_pattern(s, 1)->line, 2);
    ck_assert_decode(s, 0x230000ff, "addi rd=3 imm=255");
    dt_set_free(s);

    /* Overlap across files is found too. */
    s = dt_set_new(NULL);
    const char *c = "one 0001 ---- ---- ---- ---- ---- ---- ----\n";
    dt_set_add_text(s, "c1.decode", c, strlen(c));
    dt_set_add_text(s, "c2.decode", c, strlen(c));
    ck_assert_int_eq(dt_set_finish(s), 1);
    ck_assert_str_eq(tu_first_error(s), "c1.decode:1: error: overlapping "
                     "patterns: one (c1.decode:1), one (c2.decode:1)");
    dt_set_free(s);
}
END_TEST

START_TEST(test_line_handling)
{
    DtSet *s;

    /* CRLF and lone CR end lines as in Python's text mode. */
    s = tu_text("# c\r\none " F32 "\r\rtwo 0001 ---- ---- ---- ---- ---- "
                "---- ----\r\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_int_eq(tu_pattern(s, "two")->line, 4);
    dt_set_free(s);

    /* Tabs expand to multiples of 8 columns. */
    s = tu_text("{\n\tone " F32 "\n}\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "t.decode:2: error: indentation 8 "
                     "!= 2");
    dt_set_free(s);
    s = tu_text("{\n  {\n      \tone " F32 "\n  }\n}\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "t.decode:3: error: indentation 8 "
                     "!= 4");
    dt_set_free(s);

    /* Unicode whitespace (here U+00A0) separates tokens. */
    s = tu_text("one\xc2\xa0" F32 "\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    dt_set_free(s);

    /* A comment ends a token, anywhere. */
    s = tu_text("one " F32 "#no space needed\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    dt_set_free(s);

    /* Pattern names may start with a digit. */
    s = tu_text("3dnow " F32 "\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_ptr_nonnull(tu_pattern(s, "3dnow"));
    dt_set_free(s);

    /* Nothing at all is a valid, empty namespace. */
    s = tu_text("", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_uint_eq(dt_set_npatterns(s), 0);
    ck_assert_ptr_null(dt_decode(s, 0, NULL));
    dt_set_free(s);
}
END_TEST

START_TEST(test_continuation)
{
    DtSet *s;

    /* The backslash must be a token of its own. */
    s = tu_text("one 0000 0000 0000 0000\\\n 0000 0000 0000 0000\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s),
                     "t.decode:1: error: invalid token \"0000\\\"");
    dt_set_free(s);

    /* Continuation lines are not indentation-checked. */
    s = tu_text("one 0000 0000 0000 0000 \\\n"
                "                 0000 \\\n"
                "0000 0000 0000\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    dt_set_free(s);

    /* A comment-only line ends the statement. */
    s = tu_text("one 0000 0000 0000 0000 \\\n# x\n0000 0000 0000 0000\n",
                32, 0);
    ck_assert_str_eq(tu_first_error(s),
                     "t.decode:1: error: definition has 16 bits");
    dt_set_free(s);

    /* decodetree.py silently drops a statement continued past EOF. */
    s = tu_text("one " F32 "\ntwo 0001 \\\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_uint_eq(dt_set_npatterns(s), 1);
    dt_set_free(s);
}
END_TEST

START_TEST(test_widths)
{
    DtSet *s;

    s = tu_text("one 0000 0000 0000 0000\n", 16, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    dt_set_free(s);
    s = tu_text("one " F32 "\n", 16, 0);
    ck_assert_str_eq(tu_first_error(s),
                     "t.decode:1: error: definition has 32 bits");
    dt_set_free(s);
    s = tu_text("one " F32 " " F32 "\n", 64, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_uint_eq(dt_set_pattern(s, 0)->fixedmask, ~0ULL);
    dt_set_free(s);

    /* A zero-length field may sit just above bit 63. */
    s = tu_text("one z:0 " F32 " " F32 "\n", 64, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_int_eq(dt_set_pattern(s, 0)->args[0].field->segs[0].pos, 64);
    ck_assert_decode(s, 0, "one z=0");
    dt_set_free(s);

    /* Variable width: shorter patterns must be whole bytes. */
    s = tu_text("one 0000 0000 0000 0000\n", 0, 32);
    ck_assert_str_eq(tu_first_error(s), "");
    dt_set_free(s);
    s = tu_text("one 0000 0000 0000\n", 0, 32);
    ck_assert_str_eq(tu_first_error(s),
                     "t.decode:1: error: definition has 12 bits");
    dt_set_free(s);
}
END_TEST

START_TEST(test_inference)
{
    DtSet *s;

    /* An inferred argument set is reused by later equal field sets. */
    s = tu_text("a 0000 rd:4 " "0000 0000 0000 0000 0000 0000\n"
                "b 0001 rd:4 " "0000 0000 0000 0000 0000 0000\n", 32, 0);
    ck_assert_str_eq(dt_set_pattern(s, 0)->argset, "decode0");
    ck_assert_str_eq(dt_set_pattern(s, 1)->argset, "decode0");
    dt_set_free(s);

    /* ...so is an explicit one with the same members. */
    s = tu_text("&rr a b\n"
                "@f .... a:4 b:4 ....................\n"
                "x 0000 a:4 b:4 0000 0000 0000 0000 0000\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_str_eq(dt_set_pattern(s, 0)->argset, "rr");
    dt_set_free(s);

    /*
     * QEMU 10.1+: a pattern with inline fields first infers its argument
     * set, then reuses only a format of that set.  @f has equal fields
     * but an argument set with a member x never sets: x gets a set of
     * its own (decode1) and a format of its own (before 10.1 it took @f
     * and failed with "field c not initialized").
     */
    s = tu_text("&rrr a b c\n"
                "@f .... a:4 b:4 .................... &rrr\n"
                "y 0001 .... .... 0000 0000 0000 0000 0000 @f c=2\n"
                "x 0000 a:4 b:4 0000 0000 0000 0000 0000\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_str_eq(dt_set_pattern(s, 0)->argset, "rrr");
    ck_assert_str_eq(dt_set_pattern(s, 1)->argset, "decode1");
    ck_assert_int_eq(dt_set_pattern(s, 1)->nargs, 2);
    ck_assert_decode(s, 0x01200000, "x a=1 b=2");
    dt_set_free(s);

    /*
     * The inferred set is the first all-int set with these names, even
     * when a format with equal fields uses another one: x takes &ab (and
     * its member order), not @f's &ba.
     */
    s = tu_text("&ab a b\n&ba b a\n"
                "@f .... a:4 b:4 .................... &ba\n"
                "y 0001 .... .... 0000 0000 0000 0000 0000 @f\n"
                "x 0000 a:4 b:4 0000 0000 0000 0000 0000\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_str_eq(dt_set_pattern(s, 0)->argset, "ba");
    ck_assert_str_eq(dt_set_pattern(s, 1)->argset, "ab");
    ck_assert_str_eq(dt_set_pattern(s, 1)->args[0].name, "a");
    ck_assert_decode(s, 0x01200000, "x a=1 b=2");
    dt_set_free(s);

    /* Inferred names follow --decode and may collide with the file's. */
    s = tu_text("x 0000 a:4 0000 0000 0000 0000 0000 0000\n"
                "&decode0 a b\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s),
                     "t.decode:2: error: duplicate argument set &decode0");
    dt_set_free(s);

    DtOptions o = { .decode_name = "disas_x" };
    const char *t = "x 0000 a:4 0000 0000 0000 0000 0000 0000\n"
                    "&decode0 a b\n";
    s = dt_set_new(&o);
    dt_set_add_text(s, "t.decode", t, strlen(t));
    ck_assert_int_eq(dt_set_finish(s), 0);
    ck_assert_str_eq(dt_set_pattern(s, 0)->argset, "disas_x0");
    dt_set_free(s);
}
END_TEST

START_TEST(test_conflicting_across_files)
{
    DtSet *s = dt_set_new(NULL);
    const char *a = "same 0000 rd:4 0000 0000 0000 0000 0000 0000\n";
    const char *b = "same 0001 rs:4 0000 0000 0000 0000 0000 0000\n";

    dt_set_add_text(s, "a.decode", a, strlen(a));
    dt_set_add_text(s, "b.decode", b, strlen(b));
    ck_assert_int_eq(dt_set_finish(s), 1);
    ck_assert_str_eq(tu_first_error(s), "b.decode:1: error: same has "
                     "conflicting argument sets (&decode1 here, &decode0 at "
                     "a.decode:1)");
    dt_set_free(s);
}
END_TEST

START_TEST(test_fields_may_overlap)
{
    /* Fields may share bits (decodetree.py allows duplicating a field). */
    DtSet *s = tu_text("%lo 0:8\n%hi 4:8\n"
                       "x 0000 0000 0000 0000 0000 .... .... .... "
                       "%lo %hi\n", 32, 0);

    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_decode(s, 0x00000abc, "x lo=188 hi=171");
    dt_set_free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("decode_syntax");
    TCase *tc = tcase_create("syntax");

    tcase_add_test(tc, test_patterns_built);
    tcase_add_test(tc, test_repeated_names);
    tcase_add_test(tc, test_several_files);
    tcase_add_test(tc, test_line_handling);
    tcase_add_test(tc, test_continuation);
    tcase_add_test(tc, test_widths);
    tcase_add_test(tc, test_inference);
    tcase_add_test(tc, test_conflicting_across_files);
    tcase_add_test(tc, test_fields_may_overlap);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(suite());
}
