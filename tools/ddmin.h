/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Delta debugging (Zeller and Hildebrandt's ddmin): the smallest subset
 * of n items for which test() still holds ("still diverges"), 1-minimal:
 * removing any single remaining item makes the test fail.  Results are
 * cached, since a rerun costs two emulator runs.
 */
#ifndef TOOLS_DDMIN_H
#define TOOLS_DDMIN_H

#include <stdbool.h>

/* keep[i]: item i is in the candidate.  True = the property holds. */
typedef bool (*DdTest)(void *opaque, const bool *keep, int n);

/*
 * keep[] holds the starting set (normally all true) for which test
 * holds, and receives the result.  The empty set is tried first (the
 * common case: the culprit alone diverges).  Returns the items kept;
 * *ntests (may be NULL) counts distinct tests run.
 */
int ddmin(int n, DdTest test, void *opaque, bool *keep, int *ntests);

#endif
