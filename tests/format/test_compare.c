/* SPDX-License-Identifier: GPL-2.0-or-later */
/* risu_compare, risu_compare_meta and the mismatch report text. */
#include <check.h>
#include <string.h>
#include "tests/format/synth.h"
#include "tests/format/suites.h"

enum { R_V0 = 2, R_FCSR = 34, R_W1 = 68 };

static RisuState ref, got;

static void setup(void)
{
    memset(&ref, 0, sizeof(ref));
    ref.features = SYNTH_FEATURES;
    ref.pc_off = 0x1a4;
    ref.insn = 0x00851021;
    got = ref;
}

START_TEST(test_compare_basic)
{
    int diff[4];

    ck_assert_str_eq(synth_arch.regs[R_V0].name, "v0");
    ck_assert_str_eq(synth_arch.regs[R_W1].name, "w1");
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, diff, 4), 0);
    got.slot[2] = 1;             /* v0 */
    got.slot[70] = 1ull << 63;   /* w1 high half */
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, diff, 4), 2);
    ck_assert_int_eq(diff[0], R_V0);
    ck_assert_int_eq(diff[1], R_W1);
    /* maxdiff bounds what is stored, not the count. */
    diff[1] = -1;
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, diff, 1), 2);
    ck_assert_int_eq(diff[1], -1);
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, NULL, 0), 2);
}
END_TEST

START_TEST(test_compare_mask)
{
    int diff[4];

    got.slot[34] = 0x0003f000;   /* fcsr bits outside the mask */
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, diff, 4), 0);
    got.slot[34] |= 1;
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, diff, 4), 1);
    ck_assert_int_eq(diff[0], R_FCSR);
}
END_TEST

START_TEST(test_compare_features)
{
    int diff[40];

    /* No MSA on either side: w registers are not compared. */
    ref.features = got.features = SYNTH_F_HILO | SYNTH_F_FPU;
    got.slot[67] = 5;
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, diff, 40), 0);
    /* MSA on one side only: every w register differs. */
    got.features |= SYNTH_F_VEC;
    got.slot[67] = 0;
    ck_assert_int_eq(risu_compare(&synth_arch, &ref, &got, diff, 40), 32);
    ck_assert_int_eq(diff[0], R_W1 - 1);
}
END_TEST

static int32_t norm_udf(int32_t signo, int32_t si_code)
{
    return signo == 4 && si_code == 2 ? 1 : si_code;
}

START_TEST(test_compare_meta)
{
    ck_assert_int_eq(risu_compare_meta(&ref, &got), 0);
    got.op = 1;
    ck_assert_int_ne(risu_compare_meta(&ref, &got), 0);
    got = ref;
    got.fault_addr = 8;
    ck_assert_int_ne(risu_compare_meta(&ref, &got), 0);
    got = ref;
    ref.signo = got.signo = 4;
    ref.si_code = 1;
    got.si_code = 2;
    ck_assert_int_ne(risu_compare_meta(&ref, &got), 0);
    risu_compare_set_si_code_norm(norm_udf);
    ck_assert_int_eq(risu_compare_meta(&ref, &got), 0);
    got.si_code = 3;
    ck_assert_int_ne(risu_compare_meta(&ref, &got), 0);
    risu_compare_set_si_code_norm(NULL);
}
END_TEST

static char out[4096];

static void collect(void *opaque, const char *line)
{
    ck_assert_ptr_eq(opaque, out);
    ck_assert_ptr_null(strchr(line, '\n'));
    strcat(out, line);
    strcat(out, "\n");
}

START_TEST(test_report_text)
{
    out[0] = 0;
    got.slot[2] = 0xffffffff80000000ull;
    got.slot[34] = 0x0003f001;
    got.slot[70] = 1;
    got.signo = 11;
    got.si_code = 1;
    got.fault_flags = RISU_FAULT_IN_BLOCK;
    got.fault_addr = 0x1ff8;
    got.features &= ~SYNTH_F_FPU;
    risu_report_mismatch(&synth_arch, 41, &ref, &got, "ADDU", collect, out);
    ck_assert_str_eq(out,
        "mismatch at checkpoint 41: pc offset 0x000001a4 insn 0x00851021 (ADDU)\n"
        "  signal: ref none\n"
        "          got signal 11 si_code 1 fault 0x1ff8 (memory block offset)\n"
        "  features: ref 0x00000007 got 0x00000005\n"
        "  v0             ref 0x0000000000000000 got 0xffffffff80000000\n"
        "  fcsr           ref 0x0000000000000000 got (not captured)\n"
        "  f0             ref 0x0000000000000000 got (not captured)\n"
        "  f1             ref 0x0000000000000000 got (not captured)\n"
        "  f2             ref 0x0000000000000000 got (not captured)\n"
        "  f3             ref 0x0000000000000000 got (not captured)\n"
        "  f4             ref 0x0000000000000000 got (not captured)\n"
        "  f5             ref 0x0000000000000000 got (not captured)\n"
        "  f6             ref 0x0000000000000000 got (not captured)\n"
        "  f7             ref 0x0000000000000000 got (not captured)\n"
        "  f8             ref 0x0000000000000000 got (not captured)\n"
        "  f9             ref 0x0000000000000000 got (not captured)\n"
        "  f10            ref 0x0000000000000000 got (not captured)\n"
        "  f11            ref 0x0000000000000000 got (not captured)\n"
        "  f12            ref 0x0000000000000000 got (not captured)\n"
        "  f13            ref 0x0000000000000000 got (not captured)\n"
        "  f14            ref 0x0000000000000000 got (not captured)\n"
        "  f15            ref 0x0000000000000000 got (not captured)\n"
        "  f16            ref 0x0000000000000000 got (not captured)\n"
        "  f17            ref 0x0000000000000000 got (not captured)\n"
        "  f18            ref 0x0000000000000000 got (not captured)\n"
        "  f19            ref 0x0000000000000000 got (not captured)\n"
        "  f20            ref 0x0000000000000000 got (not captured)\n"
        "  f21            ref 0x0000000000000000 got (not captured)\n"
        "  f22            ref 0x0000000000000000 got (not captured)\n"
        "  f23            ref 0x0000000000000000 got (not captured)\n"
        "  f24            ref 0x0000000000000000 got (not captured)\n"
        "  f25            ref 0x0000000000000000 got (not captured)\n"
        "  f26            ref 0x0000000000000000 got (not captured)\n"
        "  f27            ref 0x0000000000000000 got (not captured)\n"
        "  f28            ref 0x0000000000000000 got (not captured)\n"
        "  f29            ref 0x0000000000000000 got (not captured)\n"
        "  f30            ref 0x0000000000000000 got (not captured)\n"
        "  f31            ref 0x0000000000000000 got (not captured)\n"
        "  w1[127:64]     ref 0x0000000000000000 got 0x0000000000000001\n");
}
END_TEST

START_TEST(test_report_meta_and_mask)
{
    out[0] = 0;
    got.op = 1;
    got.pc_off = 0x1ac;
    got.insn = 0x00851023;
    got.slot[34] = 1;
    ref.signo = got.signo = 4;
    ref.si_code = 1;
    got.si_code = 2;
    ref.fault_addr = got.fault_addr = 0x400000;
    risu_compare_set_si_code_norm(norm_udf);
    risu_report_mismatch(&synth_arch, 0, &ref, &got, NULL, collect, out);
    risu_compare_set_si_code_norm(NULL);
    ck_assert_str_eq(out,
        "mismatch at checkpoint 0: pc offset 0x000001a4 insn 0x00851021\n"
        "  op: ref 0 got 1\n"
        "  pc offset: ref 0x000001a4 got 0x000001ac\n"
        "  insn: ref 0x00851021 got 0x00851023\n"
        "  fcsr           ref 0x0000000000000000 got 0x0000000000000001 "
        "mask 0x00000000fffc0fff\n");
}
END_TEST

/* A reference that left the image, against a normal checkpoint. */
START_TEST(test_report_escape)
{
    char buf[256];

    out[0] = 0;
    ref.op = RISU_OP_ESCAPE;
    ref.pc_off = 0x1a0;
    ref.insn = 0x166741d3;
    ref.signo = 11;
    ref.si_code = 1;
    ref.fault_flags = RISU_FAULT_PC;
    ref.fault_addr = 0x199d0e30;
    got.signo = 0;
    risu_report_mismatch(&synth_arch, 7, &ref, &got, NULL, collect, out);
    ck_assert_str_eq(out,
        "mismatch at checkpoint 7: pc offset 0x000001a0 insn 0x166741d3\n"
        "  op: ref 254 (left the image) got 0\n"
        "  ref: the test word at +0x000001a0 (insn 0x166741d3) transferred "
        "control outside the image: signal 11 si_code 1 at pc "
        "0x00000000199d0e30\n"
        "  pc offset: ref 0x000001a0 got 0x000001a4\n"
        "  insn: ref 0x166741d3 got 0x00851021\n"
        "  signal: ref signal 11 si_code 1 fault 0x00000000199d0e30\n"
        "          got none\n");
    ref.signo = 0;
    ck_assert_int_eq(risu_describe_end(&ref, NULL, buf, sizeof(buf)), 1);
    ck_assert_str_eq(buf, "the test word at +0x000001a0 (insn 0x166741d3) "
                     "transferred control outside the image: the image "
                     "returned to the runner without TESTEND");
    ref.fault_flags = RISU_FAULT_IN_IMAGE;
    ref.fault_addr = 0x100;
    ck_assert_int_eq(risu_describe_end(&ref, NULL, buf, sizeof(buf)), 1);
    ck_assert_str_eq(buf, "the test word at +0x000001a0 (insn 0x166741d3) "
                     "transferred control back to the trap at +0x00000100 "
                     "(a loop: test code only runs forward)");
    ref.op = RISU_OP_WATCHDOG;
    ref.signo = 14;
    ref.si_code = 0;
    ck_assert_int_eq(risu_describe_end(&ref, "SIGALRM", buf, sizeof(buf)),
                     1);
    ck_assert_str_eq(buf, "the test code looped at +0x000001a0 (insn "
                     "0x166741d3): no checkpoint within the watchdog's "
                     "time (SIGALRM si_code 0)");
    ref.op = 0;     /* RISU_OP_COMPARE */
    ck_assert_int_eq(risu_describe_end(&ref, NULL, buf, sizeof(buf)), 0);
    ck_assert_str_eq(buf, "");
}
END_TEST

Suite *compare_suite(void)
{
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("compare");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_compare_basic);
    tcase_add_test(tc, test_compare_mask);
    tcase_add_test(tc, test_compare_features);
    tcase_add_test(tc, test_compare_meta);
    tcase_add_test(tc, test_report_text);
    tcase_add_test(tc, test_report_meta_and_mask);
    tcase_add_test(tc, test_report_escape);
    suite_add_tcase(s, tc);
    return s;
}
