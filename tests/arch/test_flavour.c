/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The flavour table make generates from arch/<family>/flavours.mk:
 * the same names in the same order as make's own list (passed in as
 * RISU_FLAVOUR_NAMES), and the columns a reproducer build relies on.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "arch/flavour.h"

START_TEST(test_same_names_as_make)
{
    char names[] = RISU_FLAVOUR_NAMES;
    const ArchFlavour *f = arch_flavours;

    for (char *tok = strtok(names, " "); tok; tok = strtok(NULL, " ")) {
        ck_assert_ptr_nonnull(f->name);
        ck_assert_str_eq(f->name, tok);
        f++;
    }
    ck_assert_ptr_null(f->name);
    ck_assert_int_gt(f - arch_flavours, 0);
}
END_TEST

START_TEST(test_rows_complete_and_unique)
{
    for (const ArchFlavour *f = arch_flavours; f->name; f++) {
        ck_assert(f->family[0] && f->cc[0]);
        ck_assert_ptr_nonnull(f->cflags);
        ck_assert_ptr_nonnull(f->runner_cflags);
        ck_assert_ptr_nonnull(f->repro_cflags);
        ck_assert_ptr_eq(arch_flavour_find(f->name), f);
    }
    ck_assert_ptr_null(arch_flavour_find("no-such-flavour"));
}
END_TEST

/* The one row whose runner and reproducer flags differ today. */
START_TEST(test_repro_flags_apart)
{
    const ArchFlavour *f = arch_flavour_find("armhf");

    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->repro_cflags, "-mfpu=neon");
    ck_assert_ptr_nonnull(strstr(f->runner_cflags, "-mgeneral-regs-only"));
    ck_assert_ptr_null(strstr(f->cflags, "-mfpu"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("flavour");
    TCase *tc = tcase_create("table");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_same_names_as_make);
    tcase_add_test(tc, test_rows_complete_and_unique);
    tcase_add_test(tc, test_repro_flags_apart);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
