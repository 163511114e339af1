/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers for the decode library tests: building sets from fixtures or
 * inline text, and rendering decoder results as comparable strings.
 */
#ifndef RISU_TESTS_DECODE_TESTUTIL_H
#define RISU_TESTS_DECODE_TESTUTIL_H

#include <check.h>

#include "decode/decode.h"

/* Directory holding the .decode fixtures. */
#define TU_FIXTURES DT_FIXTURES "/fixtures"

/* Options named in a fixture's "# options:" header line. */
DtOptions tu_fixture_options(const char *path);
/* Parse and finish a fixture (TU_FIXTURES/name); errors are printed. */
DtSet *tu_fixture(const char *name);
/* Parse and finish one text as "t.decode". */
DtSet *tu_text(const char *text, int insnwidth, int varinsnwidth);
/*
 * "NAME a=1 b=-2" for the pattern decoding word (arguments in pattern
 * order, raw values), or "undefined".  Points to a static buffer.
 */
const char *tu_decode(const DtSet *s, uint64_t word);
/* First diagnostic, or "" when there is none. */
const char *tu_first_error(const DtSet *s);
/* Pattern by name (the first with that name), or NULL. */
const DtPattern *tu_pattern(const DtSet *s, const char *name);
/* Index of a pattern's argument by name, or -1. */
int tu_arg(const DtPattern *p, const char *name);

#define ck_assert_decode(s, word, expect) \
    ck_assert_str_eq(tu_decode((s), (word)), (expect))

/* Run a suite; returns the process exit status. */
int tu_run(Suite *suite);

#endif
