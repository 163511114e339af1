/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Check runner for the trace, protocol, compare and digest suites. */
#include <stdlib.h>
#include "tests/format/suites.h"

int main(void)
{
    SRunner *sr = srunner_create(trace_suite());
    int failed;

    srunner_add_suite(sr, proto_suite());
    srunner_add_suite(sr, compare_suite());
    srunner_add_suite(sr, digest_suite());
    srunner_add_suite(sr, mem_suite());
    srunner_add_suite(sr, classes_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
