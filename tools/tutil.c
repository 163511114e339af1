/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace's own helpers (see tutil.h).  Running out of memory ends
 * the program with status 2: a host tool that cannot allocate a few
 * megabytes has nothing useful left to say.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "tools/tutil.h"

bool rt_quiet;

void rt_out_of_memory(void)
{
    fputs("risu-trace: out of memory\n", stderr);
    exit(RT_ERROR);
}

char *expand_template(const char *tmpl, const char *image, const char *trace)
{
    Sb b = { 0 };
    const char *p = tmpl;

    while (*p) {
        const char *val = NULL;
        size_t skip = 0;

        if (!strncmp(p, "{{", 2) || !strncmp(p, "}}", 2)) {
            sb_putc(&b, *p);
            p += 2;
            continue;
        }
        if (!strncmp(p, "{image}", 7)) {
            val = image;
            skip = 7;
        } else if (!strncmp(p, "{trace}", 7)) {
            val = trace;
            skip = 7;
        }
        if (val) {
            char *q = sh_quote(val);

            sb_puts(&b, q);
            free(q);
            p += skip;
        } else {
            sb_putc(&b, *p++);
        }
    }
    return sb_take(&b);
}

void rt_err(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("risu-trace: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void rt_warn(const char *fmt, ...)
{
    va_list ap;

    if (rt_quiet) {
        return;
    }
    fflush(stdout);
    fputs("risu-trace: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
