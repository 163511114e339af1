/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Annotations through the set: "#@" lines bound to the following
 * pattern, overlays applied by name and glob at dt_set_finish, and the
 * diagnostics for directives that go nowhere.
 */
#include <string.h>

#include "tests/decode/testutil.h"

static bool has_tag(const DtPattern *p, const char *tag)
{
    for (int i = 0; i < p->annot.ntags; i++) {
        if (strcmp(p->annot.tags[i], tag) == 0) {
            return true;
        }
    }
    return false;
}

static DtSet *syntax_with_overlay(const char *overlay)
{
    DtSet *s = dt_set_new(NULL);

    dt_set_add_file(s, TU_FIXTURES "/succ_syntax.decode");
    dt_set_add_overlay_text(s, "x.overlay", overlay, strlen(overlay));
    dt_set_finish(s);
    return s;
}

START_TEST(test_overlay_file)
{
    DtSet *s = dt_set_new(NULL);

    /* Overlays may come first: they are applied at finish. */
    dt_set_add_overlay(s, TU_FIXTURES "/syntax.overlay");
    dt_set_add_file(s, TU_FIXTURES "/succ_syntax.decode");
    ck_assert_int_eq(dt_set_finish(s), 0);

    for (size_t i = 0; i < dt_set_npatterns(s); i++) {
        const DtPattern *p = dt_set_pattern(s, i);
        ck_assert_msg(has_tag(p, "syntax"), "%s untagged", p->name);
        /* Both patterns named nop, and only they, have weight 3. */
        ck_assert_uint_eq(p->annot.weight,
                          strcmp(p->name, "nop") == 0 ? 3 : 1);
        bool reg = strcmp(p->name, "li") == 0 || strcmp(p->name, "lui") == 0;
        ck_assert_int_eq(p->annot.nroles, reg ? 1 : 0);
        if (reg) {
            ck_assert_str_eq(p->annot.roles[0].cls, "gpr");
            ck_assert_int_eq(p->annot.roles[0].argidx,
                             tu_arg(p, "rd"));
        }
    }
    ck_assert_int_eq(tu_pattern(s, "add")->annot.nconstraints, 1);
    ck_assert_int_eq(tu_pattern(s, "sub")->annot.nconstraints, 0);
    dt_set_free(s);
}
END_TEST

START_TEST(test_overlay_no_match)
{
    DtSet *s = syntax_with_overlay("add: tags a\n\nlx: tags x\n");

    ck_assert_uint_eq(dt_set_nerrors(s), 1);
    ck_assert_str_eq(tu_first_error(s), "x.overlay:3: error: no pattern "
                     "matches 'lx' (did you mean 'li'?)");
    dt_set_free(s);

    s = syntax_with_overlay("mod: tags x\nmode: tags y\n");
    ck_assert_str_eq(tu_first_error(s), "x.overlay:1: error: no pattern "
                     "matches 'mod' (did you mean 'mode'?)");
    dt_set_free(s);
}
END_TEST

/* A partial overlay skips what this set lacks and says what matched. */
START_TEST(test_overlay_partial)
{
    static const char ov[] = "add: tags a\n\nlx: tags x\nli: tags b\n";
    DtSet *s = dt_set_new(NULL);

    dt_set_add_file(s, TU_FIXTURES "/succ_syntax.decode");
    dt_set_add_overlay_text_flags(s, "x.overlay", ov, strlen(ov),
                                  DT_OVERLAY_PARTIAL);
    ck_assert(!dt_set_overlay_matched(s, 0, 0));
    ck_assert_int_eq(dt_set_finish(s), 0);
    ck_assert(has_tag(tu_pattern(s, "add"), "a"));
    ck_assert(has_tag(tu_pattern(s, "li"), "b"));
    ck_assert(dt_set_overlay_matched(s, 0, 0));
    ck_assert(!dt_set_overlay_matched(s, 0, 1));
    ck_assert(dt_set_overlay_matched(s, 0, 2));
    ck_assert(!dt_set_overlay_matched(s, 0, 3));
    ck_assert(!dt_set_overlay_matched(s, 1, 0));
    dt_set_free(s);
}
END_TEST

START_TEST(test_overlay_bad_binding)
{
    /* li has rd and imm only; the error cites the overlay line. */
    DtSet *s = syntax_with_overlay("# c\nli: reg gpr rs\n");

    ck_assert_uint_eq(dt_set_nerrors(s), 1);
    ck_assert(strncmp(tu_first_error(s), "x.overlay:2: error: ", 20) == 0);
    ck_assert_ptr_nonnull(strstr(tu_first_error(s), "rs"));
    ck_assert_ptr_null(dt_decode(s, 0x01234000, NULL));
    dt_set_free(s);
}
END_TEST

START_TEST(test_overlay_syntax_error)
{
    DtSet *s = syntax_with_overlay("add tags a\n");

    ck_assert(strncmp(tu_first_error(s), "x.overlay:1: error: ", 20) == 0);
    dt_set_free(s);

    s = dt_set_new(NULL);
    dt_set_add_overlay(s, "/nonexistent.overlay");
    ck_assert_str_eq(tu_first_error(s), "/nonexistent.overlay: error: "
                     "cannot read: No such file or directory");
    dt_set_free(s);
}
END_TEST

START_TEST(test_file_annotations)
{
    DtSet *s = dt_set_new(NULL);
    const char *ov = "addi: tags extra\n";
    const DtPattern *p;

    dt_set_add_file(s, TU_FIXTURES "/succ_annot.decode");
    dt_set_add_overlay_text(s, "a.overlay", ov, strlen(ov));
    ck_assert_int_eq(dt_set_finish(s), 0);

    p = tu_pattern(s, "addi");
    ck_assert_int_eq(p->annot.nroles, 2);
    ck_assert_int_eq(p->annot.roles[0].argidx, tu_arg(p, "rd"));
    ck_assert_int_eq(p->annot.roles[1].argidx, tu_arg(p, "rs"));
    ck_assert_int_eq(p->annot.nconstraints, 1);
    /* "all:" from the file, then the overlay's. */
    ck_assert(has_tag(p, "base"));
    ck_assert(has_tag(p, "extra"));
    ck_assert(!p->annot.never);

    p = tu_pattern(s, "resv");
    ck_assert(p->annot.never);
    ck_assert(has_tag(p, "base"));
    ck_assert(!has_tag(p, "extra"));
    ck_assert_int_eq(p->annot.nroles, 0);
    dt_set_free(s);
}
END_TEST

START_TEST(test_annotation_placement)
{
    DtSet *s;

    /* Inside groups, before the first member. */
    s = tu_text("{\n"
                "  #@ tags first\n"
                "  a 0000 0000 0000 0000 0000 0000 0000 0000\n"
                "  b 0000 ---- ---- ---- ---- ---- ---- ----\n"
                "}\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert(has_tag(dt_set_pattern(s, 0), "first"));
    ck_assert_int_eq(dt_set_pattern(s, 1)->annot.ntags, 0);
    dt_set_free(s);

    /* A directive before a group brace is an error. */
    s = tu_text("#@ tags lost\n"
                "{\n"
                "  a 0000 0000 0000 0000 0000 0000 0000 0000\n"
                "}\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "t.decode:1: error: annotation not "
                     "followed by a pattern");
    dt_set_free(s);

    /* Directives must obey the indentation rule like any comment. */
    s = tu_text("{\n"
                "#@ tags first\n"
                "  a 0000 0000 0000 0000 0000 0000 0000 0000\n"
                "}\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "t.decode:2: error: indentation 0 "
                     "!= 2");
    dt_set_free(s);

    /* A trailing "#@" on a pattern line is an ordinary comment. */
    s = tu_text("a 0000 0000 0000 0000 0000 0000 0000 0000 #@ tags x\n",
                32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_int_eq(dt_set_pattern(s, 0)->annot.ntags, 0);
    dt_set_free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("decode_overlay");
    TCase *tc = tcase_create("overlay");

    tcase_add_test(tc, test_overlay_file);
    tcase_add_test(tc, test_overlay_no_match);
    tcase_add_test(tc, test_overlay_bad_binding);
    tcase_add_test(tc, test_overlay_syntax_error);
    tcase_add_test(tc, test_overlay_partial);
    tcase_add_test(tc, test_file_annotations);
    tcase_add_test(tc, test_annotation_placement);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(suite());
}
