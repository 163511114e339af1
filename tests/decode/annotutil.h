/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the annotation unit tests: a hand-built pattern, so these
 * tests do not depend on the decodetree parser.
 */
#ifndef RISU_TESTS_DECODE_ANNOTUTIL_H
#define RISU_TESTS_DECODE_ANNOTUTIL_H

#include <check.h>
#include <string.h>

#include "decode/annot.h"

/* Fields: rs (5 bits), rt, imm (!function=times_4), sa (unknown func). */
static DtSeg test_seg5 = { .kind = DT_SEG_BITS, .pos = 0, .len = 5 };
static DtField test_f_rs = { .name = "rs", .nsegs = 1, .segs = &test_seg5 };
static DtField test_f_rt = { .name = "rt", .nsegs = 1, .segs = &test_seg5 };
static DtField test_f_imm = { .name = "imm", .nsegs = 1, .segs = &test_seg5,
                              .func = "times_4" };
static DtField test_f_sa = { .name = "sa", .nsegs = 1, .segs = &test_seg5,
                             .func = "mystery_expand" };

static inline void test_pattern(DtPattern *p)
{
    static DtArg args[5];

    args[0] = (DtArg){ .name = "rs", .kind = DT_ARG_FIELD,
                       .field = &test_f_rs };
    args[1] = (DtArg){ .name = "rt", .kind = DT_ARG_FIELD,
                       .field = &test_f_rt };
    args[2] = (DtArg){ .name = "imm", .kind = DT_ARG_FIELD,
                       .field = &test_f_imm };
    args[3] = (DtArg){ .name = "sa", .kind = DT_ARG_FIELD,
                       .field = &test_f_sa };
    args[4] = (DtArg){ .name = "k", .kind = DT_ARG_CONST, .value = 9 };
    memset(p, 0, sizeof(*p));
    p->name = "LW";
    p->file = "t.decode";
    p->line = 3;
    p->nargs = 5;
    p->args = args;
}

/* Fails the test unless haystack contains needle, showing both. */
#define ck_assert_contains(haystack, needle) \
    ck_assert_msg(strstr((haystack), (needle)) != NULL, \
                  "expected \"%s\" in \"%s\"", (needle), (haystack))

static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int nf;

    srunner_run_all(sr, CK_NORMAL);
    nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}

#endif
