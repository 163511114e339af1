/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Edge words in an image's instruction table (risugen --edge):
 * "CLASS:PATTERN[:DETAIL]", and "undef:PATTERN" from images made before
 * --edge (docs/image-format.md).
 */
#ifndef TOOLS_EDGENAME_H
#define TOOLS_EDGENAME_H

#include <stdbool.h>
#include <stddef.h>

typedef struct EdgeName {
    int cls;                /* GEN_EDGE_* (gen/gen.h) */
    char pattern[128];      /* the pattern it derives from */
    const char *detail;     /* into the name: the reserved value, the
                               missing features, or "" */
} EdgeName;

/* False when name is a normal table entry. */
bool edge_name_parse(const char *name, EdgeName *e);
/* "edge reserved of P (df==3)", "edge absent of P (without msa)". */
void edge_name_text(const EdgeName *e, char *out, size_t outlen);
/* Both in one: the text for an edge entry, else false (out untouched). */
bool edge_describe(const char *name, char *out, size_t outlen);

#endif
