/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoder results on hand-checked words, for 16-, 32- and variable-width
 * files with nested groups, and the field helpers of decode.h.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/decode/testutil.h"

START_TEST(test_syntax_words)
{
    DtSet *s = tu_fixture("succ_syntax.decode");

    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    /* rs, rt, rd at 23..20, 19..16, 15..12; &rrr orders rd rs rt. */
    ck_assert_decode(s, 0x01234000, "add rd=4 rs=2 rt=3");
    ck_assert_decode(s, 0x01234001, "undefined");
    /* '-' bits may hold anything. */
    ck_assert_decode(s, 0x0256700f, "sub rd=7 rs=5 rt=6");
    ck_assert_decode(s, 0x02567000, "sub rd=7 rs=5 rt=6");
    /* %disp is 0:s8. */
    ck_assert_decode(s, 0x030500ff, "li rd=5 imm=-1");
    ck_assert_decode(s, 0x0305007f, "li rd=5 imm=127");
    /* %split: bits 19..16 then 3..0; constants as written. */
    ck_assert_decode(s, 0x0409ff05, "lui rd=9 imm=149 sh=16 neg=-1");
    ck_assert_decode(s, 0x0409ff15, "undefined");
    /* Raw value of 8:s4, before !function=times_4. */
    ck_assert_decode(s, 0x05030e00, "lw rd=3 off=-2");
    ck_assert_decode(s, 0x05030700, "lw rd=3 off=7");
    /* A parameter field has no bits: its raw value is 0. */
    ck_assert_decode(s, 0x06000000, "mode m=0");
    ck_assert_decode(s, 0x0904abcd, "typed rd=4 imm=43981");
    /* Repeated names are distinct patterns. */
    ck_assert_int_eq(dt_decode(s, 0x07000000, NULL)->line, 21);
    ck_assert_int_eq(dt_decode(s, 0x08000000, NULL)->line, 22);
    ck_assert_decode(s, 0x0a000000, "undefined");
    dt_set_free(s);
}
END_TEST

START_TEST(test_nested_groups)
{
    DtSet *s = tu_fixture("succ_groups.decode");

    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    /* zero is first in the outer { }, ahead of any0 which also matches. */
    ck_assert_decode(s, 0x00000000, "zero");
    ck_assert_decode(s, 0x01234567, "movi rd=2 imm=214375");
    /* Inner { }: ret before jr. */
    ck_assert_decode(s, 0x02f00000, "ret");
    ck_assert_decode(s, 0x02300000, "jr rs=3");
    /* Nothing in the [ ] matches: fall through to any0. */
    ck_assert_decode(s, 0x02300001, "any0");
    ck_assert_decode(s, 0x0fffffff, "any0");
    ck_assert_decode(s, 0x1c000000, "alu op=3");
    ck_assert_decode(s, 0x13ffffff, "alu op=0");
    ck_assert_decode(s, 0x3abcdef0, "mem");
    ck_assert_decode(s, 0x20000000, "undefined");
    ck_assert_decode(s, 0xffffffff, "undefined");
    dt_set_free(s);
}
END_TEST

START_TEST(test_insn16)
{
    DtSet *s = tu_fixture("succ_insn16.decode");

    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    ck_assert_int_eq(dt_set_insnwidth(s), 16);
    ck_assert_decode(s, 0x0000, "halt");
    ck_assert_decode(s, 0x0523, "mov rd=5 rs=4 imm5=3 sh=0");
    ck_assert_decode(s, 0x051f, "mov rd=5 rs=3 imm5=-1 sh=0");
    ck_assert_decode(s, 0x1a5f, "add rd=5 rs=1 rt=3");
    ck_assert_decode(s, 0xfffe, "b off=-2");
    ck_assert_decode(s, 0x8001, "b off=1");
    /* mov needs bits 7..6 clear; halt needs everything clear. */
    ck_assert_decode(s, 0x0140, "undefined");
    /* Bits above the instruction width are ignored. */
    ck_assert_decode(s, 0x10000, "halt");
    dt_set_free(s);
}
END_TEST

START_TEST(test_varwidth)
{
    DtSet *s = tu_fixture("succ_varwidth.decode");

    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    ck_assert(dt_set_varwidth(s));
    /* Words are left-aligned: a 16-bit insn sits in bits 31..16. */
    ck_assert_decode(s, 0x0012ffff, "short rd=1 rs=2");
    ck_assert_decode(s, 0x0134beef, "long rd=3 rs=4 imm=48879");
    ck_assert_decode(s, 0x02000000, "undefined");
    ck_assert_int_eq(tu_pattern(s, "short")->width, 16);
    ck_assert_uint_eq(tu_pattern(s, "short")->dontcaremask, 0xffff);
    dt_set_free(s);
}
END_TEST

START_TEST(test_named_fields)
{
    DtSet *s = tu_fixture("succ_named.decode");

    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    /* a = bits 3..0 followed by the low two bits of b (a constant). */
    ck_assert_decode(s, 0x0000000d, "one a=53 b=1");
    ck_assert_decode(s, 0x0000000f, "one a=61 b=1");
    /* Here b comes from the format. */
    ck_assert_decode(s, 0x00000150, "two a=23 b=3");
    dt_set_free(s);
}
END_TEST

/* QEMU's tests/decode success cases, re-expressed (fixtures/succ_qemu_*). */
START_TEST(test_qemu_cases)
{
    DtSet *s = tu_fixture("succ_qemu_named_field.decode");

    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    /* bits 11..4 = 0x12 with sh = 2 below them */
    ck_assert_decode(s, 0x00000120, "op shifted=74 sh=2");
    /* the format's field reads the pattern's constant s, and back */
    ck_assert_decode(s, 0x10000003, "u1 imm=25 s=1");
    ck_assert_decode(s, 0x11000003, "u2 imm=27 s=3");
    ck_assert_decode(s, 0x20000007, "u3 imm=61 s=5");
    dt_set_free(s);

    /* QEMU 10.1 inference: LDQ/STQ get &decode1, not @ldst's &ldst. */
    s = tu_fixture("succ_qemu_infer_argset.decode");
    ck_assert_uint_eq(dt_set_nerrors(s), 0);
    ck_assert_str_eq(tu_pattern(s, "LDQ")->argset, "decode1");
    ck_assert_str_eq(tu_pattern(s, "STQ")->argset, "decode1");
    ck_assert_str_eq(tu_pattern(s, "LDX")->argset, "ldst");
    ck_assert_decode(s, 0xa4212345, "STQ ri=1 pm=0 rb=26 vd=5");
    ck_assert_decode(s, 0xa441a345, "LDX vd=5 pm=0 rb=26 ri=1 etype=1 "
                     "count=2");
    dt_set_free(s);

    s = tu_fixture("succ_qemu_nest_full_overlap.decode");
    ck_assert_decode(s, 0x00000000, "zero");
    ck_assert_decode(s, 0x04030201, "any p0=1 p1=2 p2=3 p3=4");
    dt_set_free(s);

    s = tu_fixture("succ_qemu_nest_exc_in_inc.decode");
    ck_assert_decode(s, 0x01020304, "s1 x=2 y=3 z=4");
    ck_assert_decode(s, 0x03020304, "s3 w=3 x=2 y=3 z=4");
    dt_set_free(s);
}
END_TEST

/* dt_pattern_match: a word is a pattern's by its fixed bits alone. */
START_TEST(test_pattern_match)
{
    DtSet *s = tu_fixture("succ_qemu_nest_full_overlap.decode");
    const DtPattern *zero = tu_pattern(s, "zero");
    const DtPattern *any = tu_pattern(s, "any");
    int64_t args[DT_MAX_ARGS];

    /* 0 decodes as "zero", yet it is also "any"'s, with its fields. */
    ck_assert_ptr_eq(dt_decode(s, 0, NULL), zero);
    ck_assert(dt_pattern_match(s, any, 0, args));
    ck_assert_int_eq(args[0], 0);
    ck_assert(dt_pattern_match(s, any, 0x04030201, args));
    ck_assert_int_eq(args[0], 1);
    ck_assert_int_eq(args[3], 4);
    ck_assert(!dt_pattern_match(s, zero, 0x04030201, args));
    /* Bits above the width are ignored, as dt_decode ignores them. */
    ck_assert(dt_pattern_match(s, zero, 0xff00000000ULL, NULL));
    dt_set_free(s);
}
END_TEST

START_TEST(test_signed_named)
{
    /* The referenced value is sign-extended from the segment. */
    DtSet *s = tu_text("%f 0:4 n:s2\n"
                       "x 0000 0000 0000 0000 0000 0000 0000 .... "
                       "v=%f n=2\n", 32, 0);

    ck_assert_str_eq(tu_first_error(s), "");
    /* "-2:s2" is 10b: concatenated below bits 3..0, unsigned overall. */
    ck_assert_decode(s, 0x00000003, "x v=14 n=2");
    dt_set_free(s);
}
END_TEST

START_TEST(test_insn64)
{
    DtSet *s;

    s = tu_text("%hi 32:s28\n"
                "big 1111 ............................ 0000 lo:28 %hi\n",
                64, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_decode(s, 0xf800000000000005ULL, "big lo=5 hi=-134217728");
    ck_assert_decode(s, 0x7000000000000005ULL, "undefined");
    dt_set_free(s);
}
END_TEST

START_TEST(test_field_helpers)
{
    DtSet *s = tu_fixture("succ_syntax.decode");
    const DtPattern *lui = tu_pattern(s, "lui");
    const DtPattern *li = tu_pattern(s, "li");
    const DtPattern *lw = tu_pattern(s, "lw");
    const DtField *imm = lui->args[tu_arg(lui, "imm")].field;
    const DtField *disp = li->args[tu_arg(li, "imm")].field;
    const DtField *off = lw->args[tu_arg(lw, "off")].field;

    ck_assert(dt_field_insertable(imm));
    ck_assert_int_eq(dt_field_width(imm), 8);
    ck_assert_uint_eq(dt_field_insert(imm, 0, 0x95), 0x00090005);
    ck_assert_int_eq(dt_field_extract(imm, 0x00090005, NULL, lui), 0x95);
    /* Insert keeps the other bits and takes only the field's bits. */
    ck_assert_uint_eq(dt_field_insert(imm, 0xffffffff, 0x100), 0xfff0fff0);

    ck_assert_int_eq(dt_field_width(disp), 8);
    ck_assert_uint_eq(dt_field_insert(disp, 0, -1), 0xff);
    ck_assert_int_eq(dt_field_extract(disp, 0x80, NULL, li), -128);
    ck_assert_str_eq(off->func, "times_4");
    ck_assert_int_eq(dt_field_extract(off, 0x800, NULL, lw), -8);

    /* A parameter field: no bits, not insertable. */
    const DtPattern *mode = tu_pattern(s, "mode");
    const DtField *m = mode->args[0].field;
    ck_assert_int_eq(m->nsegs, 0);
    ck_assert(!dt_field_insertable(m));
    ck_assert_int_eq(dt_field_width(m), 0);
    dt_set_free(s);

    s = tu_fixture("succ_named.decode");
    const DtPattern *one = tu_pattern(s, "one");
    const DtField *a = one->args[tu_arg(one, "a")].field;
    ck_assert(!dt_field_insertable(a));
    ck_assert_int_eq(dt_field_width(a), 4);
    /* Named segments read the argument values passed in. */
    int64_t args[2] = { 0, 2 };
    ck_assert_int_eq(dt_field_extract(a, 0x7, args, one), (7 << 2) | 1);
    dt_set_free(s);
}
END_TEST

START_TEST(test_unfinished_set)
{
    DtOptions o = { 0 };
    DtSet *s = dt_set_new(&o);
    const char *t = "x 0000 0000 0000 0000 0000 0000 0000 0000\n";

    dt_set_add_text(s, "t.decode", t, strlen(t));
    /* Before dt_set_finish, and after a failed one, nothing decodes. */
    ck_assert_ptr_null(dt_decode(s, 0, NULL));
    dt_set_finish(s);
    ck_assert_decode(s, 0, "x");
    dt_set_free(s);

    s = tu_text("x 0000 0000 0000 0000 0000 0000 0000 0000\n"
                "y 0000 0000 0000 0000 0000 0000 0000 ----\n", 32, 0);
    ck_assert_uint_gt(dt_set_nerrors(s), 0);
    ck_assert_ptr_null(dt_decode(s, 0, NULL));
    dt_set_free(s);
}
END_TEST

/*
 * Every pattern's own fixed bits decode to it unless an earlier member
 * of a { } group claims them: brute force over a small 16-bit file.
 */
START_TEST(test_exhaustive16)
{
    DtSet *s = tu_fixture("succ_insn16.decode");
    unsigned counts[4] = { 0 };

    for (uint32_t w = 0; w < 0x10000; w++) {
        const DtPattern *p = dt_decode(s, w, NULL);
        if (!p) {
            /* Nothing may match a word that decodes as undefined. */
            for (size_t i = 0; i < dt_set_npatterns(s); i++) {
                const DtPattern *q = dt_set_pattern(s, i);
                ck_assert_uint_ne(w & q->fixedmask, q->fixedbits);
            }
            continue;
        }
        ck_assert_uint_eq(w & p->fixedmask, p->fixedbits);
        /* Only an earlier pattern of the same group could win. */
        for (int i = 0; i < p->index; i++) {
            const DtPattern *q = dt_set_pattern(s, (size_t)i);
            if ((w & q->fixedmask) == q->fixedbits) {
                ck_assert_str_eq(q->name, "halt");
            }
        }
        counts[p->index]++;
    }
    ck_assert_uint_eq(counts[0], 1);                    /* halt */
    ck_assert_uint_eq(counts[1], (1u << 9) - 1);        /* mov */
    ck_assert_uint_eq(counts[2], 1u << 12);             /* add */
    ck_assert_uint_eq(counts[3], 1u << 15);             /* b */
    dt_set_free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("decode_decoder");
    TCase *tc = tcase_create("decoder");

    tcase_add_test(tc, test_syntax_words);
    tcase_add_test(tc, test_nested_groups);
    tcase_add_test(tc, test_insn16);
    tcase_add_test(tc, test_varwidth);
    tcase_add_test(tc, test_named_fields);
    tcase_add_test(tc, test_qemu_cases);
    tcase_add_test(tc, test_pattern_match);
    tcase_add_test(tc, test_signed_named);
    tcase_add_test(tc, test_insn64);
    tcase_add_test(tc, test_field_helpers);
    tcase_add_test(tc, test_unfinished_set);
    tcase_add_test(tc, test_exhaustive16);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(suite());
}
