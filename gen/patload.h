/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pattern loader: an option list's namespaces and overlays become
 * pattern sets (with the digests the image metadata records).  risugen
 * reads the files it is given and stops at the first problem; a viewer
 * such as risu-trace finds the files an image names through a hook,
 * hears about problems and goes on where it can.
 */
#ifndef GEN_PATLOAD_H
#define GEN_PATLOAD_H

#include "gen/gen.h"

typedef struct GenLoadHooks {
    void *ctx;
    /*
     * The path to read for `name` (a part of a namespace spec, or an
     * overlay) as a new string, or NULL when it cannot be had (the hook
     * has said why): a missing overlay is left out, a missing pattern
     * file fails the load.  NULL hook: the name itself.
     */
    char *(*find)(void *ctx, const char *name, bool overlay);
    /*
     * Namespace `label` does not build: overlays_at_fault when it builds
     * without the overlays.  Keep-going mode only; the load fails.
     */
    void (*set_errors)(void *ctx, const char *label, bool overlays_at_fault,
                       DtSet *s);
    /*
     * Problems are reported (warn) and the load goes on or fails instead
     * of exiting; overlay lines matching nothing are not an error.
     */
    bool keep_going;
    void (*warn)(const char *fmt, ...);
} GenLoadHooks;

/*
 * Load the namespaces and overlays of o (inputs already given: no
 * default list, no RISU-file expansion) for arch a into ps.  Returns 0,
 * or -1 when a keep-going load failed (ps is then empty).
 */
int gen_load_sets(GenPatterns *ps, const GenArch *a, const GenOpts *o,
                  const GenLoadHooks *h);

#endif
