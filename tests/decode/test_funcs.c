/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * !function expanders: every supported name against hand-computed
 * values (taken from the QEMU definitions), and the unsupported ones.
 */
#include <stdint.h>
#include <string.h>

#include "tests/decode/annotutil.h"

static const struct {
    const char *func;
    int64_t raw, want;
} cases[] = {
    /* generic families */
    { "times_2", 5, 10 }, { "times_4", -3, -12 }, { "times_8", 1, 8 },
    { "times_4", 0x40000000, 0 },           /* C int wraps at 32 bits */
    { "times_2", 0x40000000, INT32_MIN },
    { "plus_1", 4, 5 }, { "plus_2", -2, 0 }, { "plus_12", 3, 15 },
    { "minus_1", 0, -1 }, { "rsub_8", 3, 5 }, { "rsub_16", 16, 0 },
    { "rsub_32", 1, 31 }, { "rsub_64", 0, 64 }, { "shl_12", 1, 4096 },
    { "shl_31", 1, INT32_MIN }, { "xor_2", 3, 1 },
    { "times_2_plus_1", 3, 7 }, { "times_2_plus_8", 1, 10 },
    { "ex_shift_3", 5, 40 }, { "ex_shift_12", 1, 4096 },
    { "ex_plus_1", 7, 8 }, { "ex_rvc_register", 3, 11 }, { "plus1", 0, 1 },
    { "negate", 5, -5 }, { "negate", -7, 7 },
    /* ARM */
    { "neon_3same_fp_size", 0, 2 }, { "neon_3same_fp_size", 1, 1 },
    { "tszimm_esz", 0x0f, 0 }, { "tszimm_esz", 0x10, 1 },
    { "tszimm_esz", 0x47, 3 }, { "tszimm_esz", 0x07, -1 },
    { "tszimm_shr", 13, 3 }, { "tszimm_shr", 0x40, 64 },
    { "tszimm_shr", 0, -1 }, { "tszimm_shl", 13, 5 },
    { "tszimm_shl", 0x7f, 63 }, { "tszimm_shl", 3, -1 },
    { "expand_imm_sh8s", 0x1ff, -256 }, { "expand_imm_sh8s", 0x080, -128 },
    { "expand_imm_sh8s", 0x07f, 127 }, { "expand_imm_sh8s", 0x101, 256 },
    { "expand_imm_sh8u", 0x1ff, 0xff00 }, { "expand_imm_sh8u", 0x0ff, 0xff },
    { "msz_dtype", 0, 0 }, { "msz_dtype", 1, 5 }, { "msz_dtype", 2, 10 },
    { "msz_dtype", 3, 15 }, { "vidup_imm", 0, 1 }, { "vidup_imm", 3, 8 },
    { "t32_expandimm_rot", 0x0ab, 0 }, { "t32_expandimm_rot", 0x3ff, 0 },
    { "t32_expandimm_rot", 0x4ab, 9 }, { "t32_expandimm_rot", 0xfff, 31 },
    { "t32_expandimm_imm", 0x0ab, 0xab },
    { "t32_expandimm_imm", 0x1ab, 0x00ab00ab },
    { "t32_expandimm_imm", 0x2ab, (int32_t)0xab00ab00 },
    { "t32_expandimm_imm", 0x3ff, -1 },
    { "t32_expandimm_imm", 0x42b, 0xab },
    { "t32_branch24", 0, (3 << 22) },        /* S=0: I1:I2 = ~J1:~J2 */
    { "t32_branch24", 3 << 21, 0 },
    { "t32_branch24", -1, -2 },              /* S=1: I = J */
    { "t32_branch24", 1, 2 | (3 << 22) },
    { "t16_push_list", 0x1ff, 0x40ff }, { "t16_push_list", 0x0a5, 0xa5 },
    { "t16_pop_list", 0x1ff, 0x80ff }, { "t16_pop_list", 0x100, 0x8000 },
    /* A64 %uimm_scaled = imm12:sz(3): imm12 << sz; Q form sz = 4 */
    { "uimm_scaled", (1 << 3) | 0, 1 }, { "uimm_scaled", (1 << 3) | 3, 8 },
    { "uimm_scaled", (0xfff << 3) | 4, 0xfff0 },
    { "uimm_scaled", (0xabc << 3) | 2, 0xabc * 4 },
    { "scale_by_log2_tag_granule", 3, 48 },
    { "scale_by_log2_tag_granule", -2, -32 },
    /* MIPS MSA df/n, df/m */
    { "elm_df", 0x0f, 0 }, { "elm_n", 0x0f, 15 },
    { "elm_df", 0x27, 1 }, { "elm_n", 0x27, 7 },
    { "elm_df", 0x33, 2 }, { "elm_n", 0x33, 3 },
    { "elm_df", 0x39, 3 }, { "elm_n", 0x39, 1 },
    { "elm_df", 0x3e, -1 }, { "elm_n", 0x3e, -1 },
    { "bit_df", 0x75, 0 }, { "bit_m", 0x75, 5 },
    { "bit_df", 0x6f, 1 }, { "bit_m", 0x6f, 15 },
    { "bit_df", 0x5f, 2 }, { "bit_m", 0x5f, 31 },
    { "bit_df", 0x3f, 3 }, { "bit_m", 0x3f, 63 },
    { "bit_df", 0x78, -1 }, { "bit_m", 0x78, -1 },
};

START_TEST(test_known)
{
    int64_t out = 12345;
    DtFunc f;

    ck_assert_msg(dt_func_apply(cases[_i].func, cases[_i].raw, &out),
                  "%s unknown", cases[_i].func);
    ck_assert_msg(out == cases[_i].want, "%s(%lld) = %lld, want %lld",
                  cases[_i].func, (long long)cases[_i].raw, (long long)out,
                  (long long)cases[_i].want);
    ck_assert(dt_func_resolve(cases[_i].func, &f));
    ck_assert_int_eq(dt_func_eval(&f, cases[_i].raw), cases[_i].want);
}
END_TEST

/* Context-dependent expanders and malformed family names. */
static const char *const unknown[] = {
    "t16_setflags", "ex_rvc_shiftli", "ex_rvc_shiftri", "vfp_sreg",
    "times_", "times_x", "times_01", "times_2x", "times_-1", "plus_",
    "shl_32", "shl_99", "times_99999999999", "times_2_plus_",
    "times_2_plus_1x", "plus_1_plus_2", "Times_2", "", "negate ",
};

START_TEST(test_unknown)
{
    int64_t out = 0;
    DtFunc f;

    ck_assert_msg(!dt_func_apply(unknown[_i], 77, &out), "'%s' accepted",
                  unknown[_i]);
    ck_assert_int_eq(out, 77);
    ck_assert(!dt_func_resolve(unknown[_i], &f));
}
END_TEST

START_TEST(test_null)
{
    int64_t out = 0;

    ck_assert(!dt_func_apply(NULL, 5, &out));
    ck_assert_int_eq(out, 5);
}
END_TEST

/* No input value may crash or trip UBSan, whatever its range. */
START_TEST(test_extreme_inputs)
{
    static const int64_t raws[] = { INT64_MIN, INT64_MAX, -1, 0, 1,
                                    0x7fffffff, -0x80000000ll, 1ll << 40 };
    static const char *const names[] = {
        "times_8", "plus_1", "minus_1", "shl_31", "rsub_64", "xor_2",
        "times_2_plus_1", "negate", "ex_rvc_register", "neon_3same_fp_size",
        "tszimm_esz", "tszimm_shr", "tszimm_shl", "expand_imm_sh8s",
        "expand_imm_sh8u", "msz_dtype", "vidup_imm", "t32_expandimm_rot",
        "t32_expandimm_imm", "t32_branch24", "t16_push_list",
        "t16_pop_list", "elm_df", "elm_n", "bit_df", "bit_m",
    };
    size_t i, j;
    int64_t out;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        for (j = 0; j < sizeof(raws) / sizeof(raws[0]); j++) {
            ck_assert(dt_func_apply(names[i], raws[j], &out));
            /* QEMU expanders return int: results always fit in 32 bits. */
            ck_assert(out >= INT32_MIN && out <= INT32_MAX);
        }
    }
}
END_TEST

/*
 * dt_func_invert: every invertible case of the table maps back to a raw
 * value that expands to the same result.
 */
START_TEST(test_invert_table)
{
    static const char *const inv[] = {
        "times_", "plus_", "minus_", "rsub_", "xor_", "shl_", "ex_shift_",
        "ex_plus_1", "ex_rvc_register", "plus1", "negate", "t32_branch24",
        "scale_by_log2_tag_granule",
    };
    int64_t raw = 0, back = 0;
    bool want = false;

    for (size_t i = 0; i < sizeof(inv) / sizeof(inv[0]); i++) {
        want |= strncmp(cases[_i].func, inv[i], strlen(inv[i])) == 0;
    }
    ck_assert_int_eq(dt_func_invert(cases[_i].func, cases[_i].want, &raw),
                     want);
    if (want) {
        ck_assert(dt_func_apply(cases[_i].func, raw, &back));
        ck_assert_int_eq(back, cases[_i].want);
    }
}
END_TEST

START_TEST(test_invert_values)
{
    int64_t raw = 0;

    ck_assert(dt_func_invert("times_4", -12, &raw));
    ck_assert_int_eq(raw, -3);
    ck_assert(!dt_func_invert("times_4", 6, &raw));     /* not a multiple */
    ck_assert(!dt_func_invert("shl_2", 5, &raw));
    ck_assert(dt_func_invert("times_2_plus_1", 7, &raw));
    ck_assert_int_eq(raw, 3);
    ck_assert(!dt_func_invert("times_2_plus_1", 8, &raw));
    ck_assert(dt_func_invert("rsub_8", 5, &raw));
    ck_assert_int_eq(raw, 3);
    /* Thumb B.W: S=0 flips J1:J2, S=1 keeps them; odd offsets never. */
    ck_assert(dt_func_invert("t32_branch24", 2 | (3 << 22), &raw));
    ck_assert_int_eq(raw, 1);
    ck_assert(dt_func_invert("t32_branch24", -2, &raw));
    ck_assert_int_eq(raw, -1);
    ck_assert(dt_func_invert("t32_branch24", 0, &raw));
    ck_assert_int_eq(raw, 3 << 21);
    ck_assert(!dt_func_invert("t32_branch24", 3, &raw));
    /* Not invertible here, unknown, or beyond a C int. */
    ck_assert(!dt_func_invert("tszimm_esz", 1, &raw));
    ck_assert(!dt_func_invert("no_such", 1, &raw));
    ck_assert(!dt_func_invert(NULL, 1, &raw));
    ck_assert(!dt_func_invert("plus_1", INT64_MAX, &raw));
    ck_assert(!dt_func_invert("times_2", INT64_MIN, &raw));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("funcs");
    TCase *tc = tcase_create("funcs");

    tcase_add_loop_test(tc, test_known, 0, sizeof(cases) / sizeof(cases[0]));
    tcase_add_loop_test(tc, test_unknown, 0,
                        sizeof(unknown) / sizeof(unknown[0]));
    tcase_add_test(tc, test_null);
    tcase_add_test(tc, test_extreme_inputs);
    tcase_add_loop_test(tc, test_invert_table, 0,
                        sizeof(cases) / sizeof(cases[0]));
    tcase_add_test(tc, test_invert_values);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
