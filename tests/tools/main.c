/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Check runner for the host tool unit tests. */
#include <stdlib.h>
#include "tests/tools/suites.h"

int main(void)
{
    SRunner *sr = srunner_create(util_suite());
    int failed;

    srunner_add_suite(sr, json_suite());
    srunner_add_suite(sr, regfmt_suite());
    srunner_add_suite(sr, tarch_suite());
    srunner_add_suite(sr, timage_suite());
    srunner_add_suite(sr, tdiff_suite());
    srunner_add_suite(sr, ddmin_suite());
    srunner_add_suite(sr, patset_suite());
    srunner_add_suite(sr, repro_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
