/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Overlay files (syntax and errors) and the glob matcher.
 */
#include <stdlib.h>
#include <time.h>

#include "tests/decode/annotutil.h"

static char err[1024];

START_TEST(test_parse)
{
    static const char text[] =
        "# overlay for QEMU's t16.decode\n"
        "\n"
        "*:          tags t16\n"
        "ADD_rrri:   reg gpr rd rn rm   # trailing comment\r\n"
        "  LDR_ri :  mem base=rn offset=imm \\\n"
        "            size=4 align=4\n"
        "BKPT:       never traps to the debugger\n"
        "LD[BH]_?? : constraint rt != rn\n"
        "last: weight 0";                     /* no final newline */
    DtOverlayLine *l;
    size_t n;

    ck_assert_int_eq(dt_overlay_parse("t16.overlay", text, strlen(text), &l,
                                      &n, err, sizeof(err)), 0);
    ck_assert_int_eq(n, 6);
    ck_assert_str_eq(l[0].glob, "*");
    ck_assert_str_eq(l[0].directive, "tags t16");
    ck_assert_str_eq(l[0].file, "t16.overlay");
    ck_assert_int_eq(l[0].line, 3);
    ck_assert_str_eq(l[1].glob, "ADD_rrri");
    ck_assert_str_eq(l[1].directive, "reg gpr rd rn rm");
    ck_assert_int_eq(l[1].line, 4);
    ck_assert_str_eq(l[2].glob, "LDR_ri");
    ck_assert_str_eq(l[2].directive, "mem base=rn offset=imm              "
                     "size=4 align=4");
    ck_assert_int_eq(l[2].line, 5);
    ck_assert_str_eq(l[3].directive, "never traps to the debugger");
    ck_assert_int_eq(l[3].line, 7);
    ck_assert_str_eq(l[4].glob, "LD[BH]_??");
    ck_assert_int_eq(l[5].line, 9);
    ck_assert_str_eq(l[5].directive, "weight 0");
    dt_overlay_free(l, n);

    /* Empty and comment-only overlays are fine. */
    ck_assert_int_eq(dt_overlay_parse("e", "", 0, &l, &n, err, sizeof(err)),
                     0);
    ck_assert_int_eq(n, 0);
    dt_overlay_free(l, n);
    ck_assert_int_eq(dt_overlay_parse("e", "# x\n\n  # y\n", 11, &l, &n,
                                      err, sizeof(err)), 0);
    ck_assert_int_eq(n, 0);
    dt_overlay_free(l, n);
    dt_overlay_free(NULL, 0);
}
END_TEST

/* The text length is honoured: nothing past len is read. */
START_TEST(test_parse_len)
{
    static const char text[] = "A: weight 1\nB: bogus";
    DtOverlayLine *l;
    size_t n;

    ck_assert_int_eq(dt_overlay_parse("x", text, 12, &l, &n, err,
                                      sizeof(err)), 0);
    ck_assert_int_eq(n, 1);
    dt_overlay_free(l, n);
}
END_TEST

static const struct {
    const char *text;
    const char *msg;
} errors[] = {
    { "ADD reg gpr rd", "o.overlay:1: error: expected 'NAME: DIRECTIVE', "
      "found no ':'" },
    { "\n\n: tags x", "o.overlay:3: error: missing pattern name before ':'" },
    { "ADD rrri: tags x", "o.overlay:1: error: 'ADD rrri' is not a pattern "
      "name or glob" },
    { "A.B: tags x", "'A.B' is not a pattern name or glob" },
    { "LD[BH: tags x", "o.overlay:1: error: unterminated '[' in 'LD[BH'" },
    { "LD[!: tags x", "unterminated '['" },
    { "ADD:", "o.overlay:1: error: missing directive after 'ADD:'" },
    { "ADD:   # only a comment", "missing directive after 'ADD:'" },
    { "A: weight 1\n\nADD: regs gpr rd", "o.overlay:3: error: unknown "
      "directive 'regs'" },
    { "ADD: mem base=rn", "o.overlay:1: error: mem needs base=FIELD" },
    { "ADD: constraint rd ==", "o.overlay:1: error: col 6: expected a value" },
    { "A: tags x \\\n", "o.overlay:1: error: '\\' continuation at end of "
      "file" },
    { "A: tags x \\\nB: tags \\", "o.overlay:1: error: '\\' continuation" },
    { "A: tags \\\n  bad$tag", "o.overlay:1: error: tags: 'bad$tag'" },
};

START_TEST(test_errors)
{
    DtOverlayLine *l = (DtOverlayLine *)1;
    size_t n = 99;

    ck_assert_int_eq(dt_overlay_parse("o.overlay", errors[_i].text,
                                      strlen(errors[_i].text), &l, &n,
                                      err, sizeof(err)), -1);
    ck_assert_contains(err, errors[_i].msg);
    ck_assert_ptr_null(l);
    ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(test_nul_byte)
{
    static const char text[] = "A: tags x\nB: tags\0y\n";
    DtOverlayLine *l;
    size_t n;

    ck_assert_int_eq(dt_overlay_parse("o", text, sizeof(text) - 1, &l, &n,
                                      err, sizeof(err)), -1);
    ck_assert_str_eq(err, "o:2: error: NUL byte in overlay text");
}
END_TEST

static const struct {
    const char *glob, *name;
    bool match;
} globs[] = {
    { "ADD", "ADD", true }, { "ADD", "ADDS", false }, { "ADD", "AD", false },
    { "*", "ANYTHING", true }, { "*", "", true }, { "", "", true },
    { "", "A", false }, { "ADD*", "ADD", true }, { "ADD*", "ADD_rrri", true },
    { "*_rrri", "ADD_rrri", true }, { "*_rrri", "ADD_rri", false },
    { "*_*", "A_B", true }, { "*_*", "AB", false },
    { "A*B*C", "AxxBxxC", true }, { "A*B*C", "ABC", true },
    { "A*B*C", "AxxBxx", false }, { "A*B*C", "ACB", false },
    { "A**C", "AC", true }, { "A*C", "ACCC", true }, { "A*CD", "ACDCD", true },
    { "?", "A", true }, { "?", "", false }, { "??", "A", false },
    { "LD?", "LDB", true }, { "LD?_*", "LDH_ri", true },
    { "LD[BH]", "LDB", true }, { "LD[BH]", "LDH", true },
    { "LD[BH]", "LDW", false }, { "LD[A-C]", "LDB", true },
    { "LD[A-C]", "LDD", false }, { "LD[!BH]", "LDW", true },
    { "LD[!BH]", "LDB", false }, { "LD[^BH]", "LDW", true },
    { "LD[^BH]", "LDH", false }, { "[]]", "]", true }, { "[]a]", "a", true },
    { "[!]]", "]", false }, { "[!]]", "x", true }, { "[a-]", "-", true },
    { "[a-]", "a", true }, { "x[", "x[", true }, { "x[", "xa", false },
    { "[*]", "*", true }, { "[*]", "a", false }, { "*[0-9]", "VLD4", true },
    { "*[0-9]", "VLD", false }, { "*[0-9]_*", "VLD4_all", true },
};

START_TEST(test_glob)
{
    ck_assert_msg(dt_glob_match(globs[_i].glob, globs[_i].name) ==
                  globs[_i].match, "glob '%s' vs '%s' should %s",
                  globs[_i].glob, globs[_i].name,
                  globs[_i].match ? "match" : "not match");
}
END_TEST

START_TEST(test_glob_pathological)
{
    char name[4097], glob[256];
    clock_t t0 = clock();
    int i;

    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = 0;
    strcpy(glob, "");
    for (i = 0; i < 40; i++) {
        strcat(glob, "a*");
    }
    strcat(glob, "b");
    ck_assert(!dt_glob_match(glob, name));
    ck_assert(!dt_glob_match(NULL, "x"));
    ck_assert(!dt_glob_match("x", NULL));
    /* Backtracking on the last '*' only: well under a second. */
    ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0,
                  "glob matching is too slow");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("overlay");
    TCase *tc = tcase_create("overlay");

    tcase_add_test(tc, test_parse);
    tcase_add_test(tc, test_parse_len);
    tcase_add_loop_test(tc, test_errors, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, test_nul_byte);
    tcase_add_loop_test(tc, test_glob, 0, sizeof(globs) / sizeof(globs[0]));
    tcase_add_test(tc, test_glob_pathological);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
