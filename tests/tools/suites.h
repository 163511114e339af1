/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Check suites for the host tools' pure parts (tests/tools.mk). */
#ifndef TESTS_TOOLS_SUITES_H
#define TESTS_TOOLS_SUITES_H
#include <check.h>
Suite *util_suite(void);
Suite *json_suite(void);
Suite *regfmt_suite(void);
Suite *tarch_suite(void);
Suite *timage_suite(void);
Suite *tdiff_suite(void);
Suite *ddmin_suite(void);
Suite *patset_suite(void);
Suite *repro_suite(void);
#endif
