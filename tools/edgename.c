/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Edge-word table names (see edgename.h). */
#include <stdio.h>
#include <string.h>
#include "gen/gen.h"
#include "tools/edgename.h"

bool edge_name_parse(const char *name, EdgeName *e)
{
    const char *colon = strchr(name, ':');
    size_t n = colon ? (size_t)(colon - name) : 0;
    const char *pat, *end;

    if (!colon) {
        return false;
    }
    e->cls = -1;
    for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
        if (strlen(gen_edge_class_names[k]) == n &&
            !strncmp(name, gen_edge_class_names[k], n)) {
            e->cls = k;
        }
    }
    if (n == 5 && !strncmp(name, "undef", 5)) {
        e->cls = GEN_EDGE_NEIGHBOUR;
    }
    pat = colon + 1;
    end = strchr(pat, ':');
    n = end ? (size_t)(end - pat) : strlen(pat);
    if (e->cls < 0 || !n || n >= sizeof(e->pattern)) {
        return false;
    }
    memcpy(e->pattern, pat, n);
    e->pattern[n] = 0;
    e->detail = end ? end + 1 : "";
    return true;
}

void edge_name_text(const EdgeName *e, char *out, size_t outlen)
{
    const char *cls = gen_edge_class_names[e->cls];

    if (!*e->detail) {
        snprintf(out, outlen, "edge %s of %s", cls, e->pattern);
    } else if (e->cls == GEN_EDGE_ABSENT) {
        snprintf(out, outlen, "edge %s of %s (without %s)", cls, e->pattern,
                 e->detail);
    } else {
        snprintf(out, outlen, "edge %s of %s (%s)", cls, e->pattern,
                 e->detail);
    }
}

bool edge_describe(const char *name, char *out, size_t outlen)
{
    EdgeName e;

    if (!name || !edge_name_parse(name, &e)) {
        return false;
    }
    edge_name_text(&e, out, outlen);
    return true;
}
