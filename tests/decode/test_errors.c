/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every error class decodetree.py reports (and ours), one fixture each:
 * tests/decode/fixtures/err_*.decode say in "# expect-error: LINE: TEXT"
 * which diagnostic must come first.  succ_*.decode must be accepted.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tests/decode/testutil.h"

#define F32 "0000 0000 0000 0000 0000 0000 0000 0000"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted fixture names starting with prefix. */
static size_t list_fixtures(const char *prefix, char ***out)
{
    DIR *d = opendir(TU_FIXTURES);
    struct dirent *e;
    char **v = NULL;
    size_t n = 0;

    ck_assert_msg(d != NULL, "cannot open %s", TU_FIXTURES);
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && len > 7 &&
            strcmp(e->d_name + len - 7, ".decode") == 0) {
            v = realloc(v, (n + 1) * sizeof(*v));
            v[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(v, n, sizeof(*v), cmp_str);
    *out = v;
    return n;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

START_TEST(test_error_fixtures)
{
    char **names;
    size_t n = list_fixtures("err_", &names);

    /* One per error class; a vanished directory must not pass. */
    ck_assert_uint_ge(n, 55);
    for (size_t i = 0; i < n; i++) {
        char path[512], line[512], want[1024];
        int wline = 0;
        char wmsg[512] = "";
        FILE *f;

        snprintf(path, sizeof(path), "%s/%s", TU_FIXTURES, names[i]);
        f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        while (fgets(line, sizeof(line), f) && line[0] == '#') {
            if (sscanf(line, "# expect-error: %d: %511[^\n]", &wline,
                       wmsg) == 2) {
                break;
            }
        }
        fclose(f);
        ck_assert_msg(wline > 0, "%s has no expect-error line", names[i]);

        DtSet *s = tu_fixture(names[i]);
        snprintf(want, sizeof(want), "%s:%d: error: %s", path, wline, wmsg);
        ck_assert_msg(dt_set_nerrors(s) > 0, "%s: accepted", names[i]);
        ck_assert_msg(strncmp(tu_first_error(s), want, strlen(want)) == 0,
                      "%s: got \"%s\", want \"%s...\"", names[i],
                      tu_first_error(s), want);
        /* A rejected set decodes nothing. */
        ck_assert_ptr_null(dt_decode(s, 0, NULL));
        dt_set_free(s);
    }
    free_list(names, n);
}
END_TEST

START_TEST(test_success_fixtures)
{
    char **names;
    size_t n = list_fixtures("succ_", &names);

    ck_assert_uint_ge(n, 6);
    for (size_t i = 0; i < n; i++) {
        DtSet *s = tu_fixture(names[i]);
        ck_assert_msg(dt_set_nerrors(s) == 0, "%s: %s", names[i],
                      tu_first_error(s));
        ck_assert_uint_gt(dt_set_npatterns(s), 0);
        dt_set_free(s);
    }
    free_list(names, n);
}
END_TEST

START_TEST(test_bad_width)
{
    DtOptions o = { .insnwidth = 24 };
    DtSet *s = dt_set_new(&o);

    ck_assert_str_eq(tu_first_error(s),
                     "error: cannot handle insns of width 24");
    dt_set_free(s);
}
END_TEST

START_TEST(test_missing_file)
{
    DtSet *s = dt_set_new(NULL);

    dt_set_add_file(s, "/nonexistent/x.decode");
    ck_assert_str_eq(tu_first_error(s), "/nonexistent/x.decode: error: "
                     "cannot read: No such file or directory");
    ck_assert_uint_eq(dt_set_finish(s), 1);
    dt_set_free(s);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    DtSet *s = tu_text("# fine\n# \xc3\x28 broken\n", 32, 0);

    ck_assert_str_eq(tu_first_error(s), "t.decode:2: error: invalid UTF-8");
    dt_set_free(s);
}
END_TEST

START_TEST(test_deep_nesting)
{
    char *t = malloc(200 * 100);
    size_t o = 0;

    for (int i = 0; i < 100; i++) {
        o += (size_t)sprintf(t + o, "%*s{\n", 2 * i, "");
    }
    DtSet *s = tu_text(t, 32, 0);
    ck_assert_str_eq(tu_first_error(s),
                     "t.decode:65: error: groups nested more than 64 deep");
    ck_assert_uint_eq(dt_set_nerrors(s), 1);
    dt_set_free(s);
    free(t);
}
END_TEST

START_TEST(test_huge_numbers)
{
    DtSet *s = tu_text("%f 99999999999999999999999:1\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s), "t.decode:1: error: field "
                     "99999999999999999999999:1 too large");
    dt_set_free(s);

    s = tu_text("x 0000 f:99999999999999999999999\n", 32, 0);
    ck_assert_str_eq(tu_first_error(s),
                     "t.decode:1: error: field f exceeds insnwidth");
    dt_set_free(s);

    s = tu_text("x 0000 0000 0000 0000 0000 0000 0000 0000 "
                "k=-99999999999999999999999\n", 32, 0);
    /* decodetree.py accepts any constant; we keep it modulo 2^64. */
    ck_assert_str_eq(tu_first_error(s), "");
    dt_set_free(s);
}
END_TEST

START_TEST(test_too_many_args)
{
    char t[2048];
    size_t o = (size_t)sprintf(t, "x 0000 0000 0000 0000 0000 0000 0000 0000");

    for (int i = 0; i < 65; i++) {
        o += (size_t)sprintf(t + o, " a%d=%d", i, i);
    }
    strcpy(t + o, "\n");
    DtSet *s = tu_text(t, 32, 0);
    ck_assert_str_eq(tu_first_error(s), "t.decode:1: error: more than 64 "
                     "fields");
    dt_set_free(s);

    /*
     * decodetree.py does not check fields against an explicit argument
     * set when it infers the format; such strays are still arguments.
     */
    o = (size_t)sprintf(t, "&a x\nx " F32 " &a x=1");
    for (int i = 0; i < 40; i++) {
        o += (size_t)sprintf(t + o, " p%d=%d", i, i);
    }
    strcpy(t + o, "\n");
    s = tu_text(t, 32, 0);
    ck_assert_str_eq(tu_first_error(s), "");
    ck_assert_int_eq(dt_set_pattern(s, 0)->nargs, 41);
    dt_set_free(s);
}
END_TEST

START_TEST(test_error_limit)
{
    char *t = malloc(20 * 1000 + 1);
    size_t o = 0;

    for (int i = 0; i < 1000; i++) {
        o += (size_t)sprintf(t + o, "$bad%d\n", i);
    }
    DtSet *s = tu_text(t, 32, 0);
    ck_assert_uint_eq(dt_set_nerrors(s), 101);
    ck_assert_str_eq(dt_set_error(s, 100), "error: too many errors, giving up");
    dt_set_free(s);
    free(t);
}
END_TEST

START_TEST(test_every_error_located)
{
    /* Several independent errors: each reported with its own line. */
    DtSet *s = tu_text("%a 0:4 0:4\n"
                       "&b x x\n"
                       "c 0000\n", 32, 0);

    ck_assert_uint_eq(dt_set_nerrors(s), 3);
    ck_assert_str_eq(dt_set_error(s, 0),
                     "t.decode:1: error: field components overlap");
    ck_assert_str_eq(dt_set_error(s, 1),
                     "t.decode:2: error: duplicate argument \"x\"");
    ck_assert_str_eq(dt_set_error(s, 2),
                     "t.decode:3: error: definition has 4 bits");
    dt_set_free(s);
}
END_TEST

START_TEST(test_no_cascade)
{
    /* A failed definition does not make its users fail again. */
    DtSet *s = tu_text("%a 0:4 0:4\n"
                       "x 0000 0000 0000 0000 0000 0000 0000 .... %a\n",
                       32, 0);

    ck_assert_uint_eq(dt_set_nerrors(s), 1);
    dt_set_free(s);
}
END_TEST

START_TEST(test_error_in_second_file)
{
    DtSet *s = dt_set_new(NULL);
    const char *a = "%imm 0:8\n";
    const char *b = "\n%imm 8:8\n";

    dt_set_add_text(s, "a.decode", a, strlen(a));
    dt_set_add_text(s, "b.decode", b, strlen(b));
    ck_assert_str_eq(tu_first_error(s), "b.decode:2: error: duplicate field "
                     "%imm");
    dt_set_free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("decode_errors");
    TCase *tc = tcase_create("errors");

    tcase_add_test(tc, test_error_fixtures);
    tcase_add_test(tc, test_success_fixtures);
    tcase_add_test(tc, test_bad_width);
    tcase_add_test(tc, test_missing_file);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_huge_numbers);
    tcase_add_test(tc, test_too_many_args);
    tcase_add_test(tc, test_error_limit);
    tcase_add_test(tc, test_every_error_located);
    tcase_add_test(tc, test_no_cascade);
    tcase_add_test(tc, test_error_in_second_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(suite());
}
