/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace's own helpers: exit statuses, message prefixes and command
 * templates.  Allocation, strings, files and text come from the host
 * utility layer (tools/lib).
 */
#ifndef TOOLS_TUTIL_H
#define TOOLS_TUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tools/lib/util.h"

/* Exit statuses of every subcommand (diff: 1 = the traces differ). */
enum { RT_OK = 0, RT_DIFFER = 1, RT_ERROR = 2 };

/* The same type as StrBuf, under the name the subcommands still use. */
typedef StrBuf Sb;

/*
 * Expand {image}, {trace} (and {{ / }} for literal braces) in a command
 * template, each value shell-quoted.  Unknown {names} are kept as they
 * are, so that shell constructs such as ${VAR} survive.
 */
char *expand_template(const char *tmpl, const char *image, const char *trace);

/* "risu-trace: " prefixed message on stderr. */
void rt_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rt_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Set by --quiet style options: suppress warnings. */
extern bool rt_quiet;
/* Ends risu-trace when memory runs out (for xalloc_set_failure). */
void rt_out_of_memory(void) __attribute__((noreturn));

#endif
