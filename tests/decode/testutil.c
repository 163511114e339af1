/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers for the decode library tests.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/decode/testutil.h"

DtOptions tu_fixture_options(const char *path)
{
    DtOptions o = { 0 };
    char line[256];
    FILE *f = fopen(path, "r");

    if (!f) {
        return o;
    }
    while (fgets(line, sizeof(line), f) && line[0] == '#') {
        if (sscanf(line, "# options: insnwidth=%d", &o.insnwidth) == 1 ||
            sscanf(line, "# options: varinsnwidth=%d", &o.varinsnwidth) == 1) {
            continue;
        }
    }
    fclose(f);
    return o;
}

DtSet *tu_fixture(const char *name)
{
    char path[512];
    DtOptions o;
    DtSet *s;

    snprintf(path, sizeof(path), "%s/%s", TU_FIXTURES, name);
    o = tu_fixture_options(path);
    s = dt_set_new(&o);
    dt_set_add_file(s, path);
    dt_set_finish(s);
    return s;
}

DtSet *tu_text(const char *text, int insnwidth, int varinsnwidth)
{
    DtOptions o = { 0 };
    DtSet *s;

    o.insnwidth = insnwidth;
    o.varinsnwidth = varinsnwidth;
    s = dt_set_new(&o);
    dt_set_add_text(s, "t.decode", text, strlen(text));
    dt_set_finish(s);
    return s;
}

const char *tu_decode(const DtSet *s, uint64_t word)
{
    static char buf[4096];
    int64_t args[DT_MAX_ARGS];
    const DtPattern *p = dt_decode(s, word, args);
    size_t o;

    if (!p) {
        return "undefined";
    }
    o = (size_t)snprintf(buf, sizeof(buf), "%s", p->name);
    for (int i = 0; i < p->nargs && o < sizeof(buf); i++) {
        o += (size_t)snprintf(buf + o, sizeof(buf) - o, " %s=%lld",
                              p->args[i].name, (long long)args[i]);
    }
    return buf;
}

const char *tu_first_error(const DtSet *s)
{
    return dt_set_nerrors(s) ? dt_set_error(s, 0) : "";
}

const DtPattern *tu_pattern(const DtSet *s, const char *name)
{
    for (size_t i = 0; i < dt_set_npatterns(s); i++) {
        const DtPattern *p = dt_set_pattern(s, i);
        if (strcmp(p->name, name) == 0) {
            return p;
        }
    }
    return NULL;
}

int tu_arg(const DtPattern *p, const char *name)
{
    for (int i = 0; i < p->nargs; i++) {
        if (strcmp(p->args[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

int tu_run(Suite *suite)
{
    SRunner *sr = srunner_create(suite);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
