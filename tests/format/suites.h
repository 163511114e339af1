/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_TRACE_SUITES_H
#define TESTS_TRACE_SUITES_H
#include <check.h>
Suite *trace_suite(void);
Suite *proto_suite(void);
Suite *compare_suite(void);
Suite *digest_suite(void);
Suite *mem_suite(void);
Suite *classes_suite(void);
#endif
