/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shell quoting and templates, JSON writer, value formatting. */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tests/tools/suites.h"
#include "tools/lib/json.h"
#include "tools/regfmt.h"
#include "tools/tutil.h"

START_TEST(test_sh_quote)
{
    char *q;

    q = sh_quote("plain/path-1.bin");
    ck_assert_str_eq(q, "plain/path-1.bin");
    free(q);
    q = sh_quote("a b");
    ck_assert_str_eq(q, "'a b'");
    free(q);
    q = sh_quote("it's");
    ck_assert_str_eq(q, "'it'\\''s'");
    free(q);
    q = sh_quote("");
    ck_assert_str_eq(q, "''");
    free(q);
    q = sh_quote("$HOME");
    ck_assert_str_eq(q, "'$HOME'");
    free(q);
}
END_TEST

START_TEST(test_template)
{
    char *s = expand_template("qemu-mipsel -cpu 24Kf r --master -t {trace} "
                              "{image} ${X} {{image}} {other}",
                              "/tmp/a b.bin", "t.trace");

    ck_assert_str_eq(s, "qemu-mipsel -cpu 24Kf r --master -t t.trace "
                        "'/tmp/a b.bin' ${X} {image} {other}");
    free(s);
}
END_TEST

START_TEST(test_sb_and_paths)
{
    Sb b = { 0 };
    char *s, *d;

    for (int i = 0; i < 1000; i++) {
        sb_printf(&b, "%d,", i);
    }
    ck_assert_int_eq(b.len, strlen(b.s));
    ck_assert(!strncmp(b.s, "0,1,2,", 6));
    s = sb_take(&b);
    ck_assert_ptr_null(b.s);
    free(s);
    s = sb_take(&b);
    ck_assert_str_eq(s, "");
    free(s);
    ck_assert_str_eq(path_base("a/b/c.bin"), "c.bin");
    ck_assert_str_eq(path_base("c.bin"), "c.bin");
    d = path_dir("a/b/c.bin");
    ck_assert_str_eq(d, "a/b");
    free(d);
    d = path_dir("c.bin");
    ck_assert_str_eq(d, ".");
    free(d);
    d = path_dir("/c");
    ck_assert_str_eq(d, "/");
    free(d);
}
END_TEST

/* read_file refuses a file over its limit with a message, not a crash. */
START_TEST(test_read_file_bounded)
{
    char path[] = "/tmp/risu-readXXXXXX";
    char err[256];
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "wb");
    char *t;
    size_t len;

    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 100000; i++) {
        fputc('a' + i % 26, f);
    }
    fclose(f);
    t = read_file(path, 100000, &len, err, sizeof(err));
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(len, 100000);
    ck_assert_int_eq(t[len], 0);
    ck_assert_int_eq(t[99999], 'a' + 99999 % 26);
    free(t);
    errno = 0;
    t = read_file(path, 99999, &len, err, sizeof(err));
    ck_assert_ptr_null(t);
    ck_assert_int_eq(errno, EFBIG);
    ck_assert_ptr_nonnull(strstr(err, "more than 99999 bytes"));
    ck_assert(!strncmp(err, path, strlen(path)));
    unlink(path);
    ck_assert_ptr_null(read_file(path, 10, NULL, err, sizeof(err)));
    ck_assert_int_eq(errno, ENOENT);
}
END_TEST

START_TEST(test_suggest)
{
    static const char *const names[] = { "addu", "ADDIU", "subu", "lw" };
    StrBuf b = { 0 };

    ck_assert_uint_eq(edit_distance("ADDU", "addu"), 0);
    ck_assert_uint_eq(edit_distance("lx", "lw"), 1);
    ck_assert_str_eq(suggest_names(&b, "addi", names, 4),
                     " (did you mean 'addu', 'ADDIU' or 'subu'?)");
    sb_free(&b);
    ck_assert_str_eq(suggest_names(&b, "x", names, 0), "");
    sb_free(&b);
}
END_TEST

Suite *util_suite(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");

    tcase_add_test(tc, test_sh_quote);
    tcase_add_test(tc, test_template);
    tcase_add_test(tc, test_sb_and_paths);
    tcase_add_test(tc, test_read_file_bounded);
    tcase_add_test(tc, test_suggest);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- JSON ---- */

static char *json_of(void (*fn)(JsonW *), bool pretty)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    JsonW j;

    json_init(&j, f, pretty);
    fn(&j);
    fclose(f);
    return buf;
}

static void doc1(JsonW *j)
{
    json_obj(j);
    json_kstr(j, "s", "a\"b\\c\n\t\x01\x7f");
    json_kint(j, "i", -5);
    json_kuint(j, "u", 18446744073709551615ull);
    json_kbool(j, "t", true);
    json_key(j, "n");
    json_null(j);
    json_key(j, "arr");
    json_arr(j);
    json_int(j, 1);
    json_arr(j);
    json_arr_end(j);
    json_obj(j);
    json_obj_end(j);
    json_str(j, NULL);
    json_arr_end(j);
    json_khex(j, "h", 0xab, 4);
    json_key(j, "d");
    json_double(j, NAN);
    json_key(j, "utf8");
    json_str(j, "\xc3\xa9 \xff");
    json_obj_end(j);
}

START_TEST(test_json_compact)
{
    char *s = json_of(doc1, false);

    ck_assert_str_eq(s, "{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\",\"i\":-5,"
                        "\"u\":18446744073709551615,\"t\":true,\"n\":null,"
                        "\"arr\":[1,[],{},null],\"h\":\"0x00ab\","
                        "\"d\":\"nan\",\"utf8\":\"\xc3\xa9 \\u00ff\"}");
    free(s);
}
END_TEST

START_TEST(test_json_pretty)
{
    char *s = json_of(doc1, true);

    /* Same document, indented: check shape, not whitespace details. */
    ck_assert(strstr(s, "{\n  \"s\": "));
    ck_assert(strstr(s, "\"arr\": [\n    1,\n    [],\n    {},\n    null\n  ]"));
    ck_assert(s[strlen(s) - 1] == '}');
    free(s);
}
END_TEST

Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");

    tcase_add_test(tc, test_json_compact);
    tcase_add_test(tc, test_json_pretty);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- formatting ---- */

START_TEST(test_fmt_float)
{
    char b[64];

    fmt_f64(b, sizeof(b), 0x3ff8000000000000ull);
    ck_assert_str_eq(b, "1.5");
    fmt_f64(b, sizeof(b), 0x8000000000000000ull);
    ck_assert_str_eq(b, "-0");
    fmt_f64(b, sizeof(b), 0x7ff0000000000000ull);
    ck_assert_str_eq(b, "inf");
    fmt_f64(b, sizeof(b), 0xfff0000000000000ull);
    ck_assert_str_eq(b, "-inf");
    /* legacy MIPS default NaN and the NaN2008 one differ in the payload */
    fmt_f64(b, sizeof(b), 0x7ff7ffffffffffffull);
    ck_assert_str_eq(b, "nan(0x7ffffffffffff)");
    fmt_f64(b, sizeof(b), 0x7ff8000000000000ull);
    ck_assert_str_eq(b, "nan(0x8000000000000)");
    fmt_f32(b, sizeof(b), 0x7fbfffff);
    ck_assert_str_eq(b, "nan(0x3fffff)");
    fmt_f32(b, sizeof(b), 0xffc00000);
    ck_assert_str_eq(b, "-nan(0x400000)");
    fmt_f32(b, sizeof(b), 0x40490fdb);
    ck_assert_str_eq(b, "3.14159274");
    fmt_f32(b, sizeof(b), 0x00000001);
    ck_assert_str_eq(b, "1.40129846e-45");
}
END_TEST

START_TEST(test_fmt_lanes)
{
    uint64_t v[2] = { 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull };
    uint64_t f[2] = { 0x3ff0000000000000ull, 0xc000000000000000ull };
    Sb b = { 0 };
    char h[64];

    ck_assert_uint_eq(vec_lane(v, 2, 8, 0), 0x00);
    ck_assert_uint_eq(vec_lane(v, 2, 8, 9), 0x09);
    ck_assert_uint_eq(vec_lane(v, 2, 16, 7), 0x0f0e);
    ck_assert_uint_eq(vec_lane(v, 2, 32, 2), 0x0b0a0908);
    ck_assert_uint_eq(vec_lane(v, 2, 64, 1), 0x0f0e0d0c0b0a0908ull);
    ck_assert_uint_eq(vec_lane(v, 2, 64, 2), 0);
    fmt_lanes(&b, v, 2, 32, false);
    ck_assert_str_eq(b.s, "{0x03020100, 0x07060504, 0x0b0a0908, "
                          "0x0f0e0d0c}");
    sb_free(&b);
    fmt_lanes(&b, f, 2, 64, true);
    ck_assert_str_eq(b.s, "{1, -2}");
    sb_free(&b);
    fmt_hexval(h, sizeof(h), v, 2);
    ck_assert_str_eq(h, "0x0f0e0d0c0b0a09080706050403020100");
    ck_assert_int_eq(lane_letter(32, false), 'w');
    ck_assert_int_eq(lane_letter(32, true), 's');
}
END_TEST

Suite *regfmt_suite(void)
{
    Suite *s = suite_create("regfmt");
    TCase *tc = tcase_create("regfmt");

    tcase_add_test(tc, test_fmt_float);
    tcase_add_test(tc, test_fmt_lanes);
    suite_add_tcase(s, tc);
    return s;
}
