/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host utility layer shared by decode/, gen/ and tools/: checked
 * allocation, growable strings, bounded file reading, text helpers.
 * Program-specific reporting (risugen's fatal errors and clean-up,
 * risu-trace's message prefixes) stays with each program.
 */
#ifndef TOOLS_LIB_UTIL_H
#define TOOLS_LIB_UTIL_H

#include "tools/lib/alloc.h"
#include "tools/lib/files.h"
#include "tools/lib/strbuf.h"
#include "tools/lib/text.h"

#endif
