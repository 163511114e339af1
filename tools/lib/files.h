/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole-file I/O and path helpers for the host programs. */
#ifndef TOOLS_LIB_FILES_H
#define TOOLS_LIB_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format/image.h"

/*
 * Upper bounds for read_file.  Pattern files, lists and overlays are a
 * few hundred kilobytes at most; images and reports hold at most a few
 * million instructions.  A larger input is a mistake (a wrong path, a
 * device, a runaway generator) and is refused before memory runs out.
 */
#define READ_MAX_TEXT   ((size_t)64 << 20)
/* Every image a runner loads is smaller (format/image.h RISU_IMAGE_MAX):
 * /dev/zero or an endless pipe stops here, not when memory runs out. */
#define READ_MAX_IMAGE  ((size_t)RISU_IMAGE_MAX)

/*
 * Read a whole file ("-" is standard input) of at most max bytes.
 * Returns the contents (the caller frees them), or NULL with "PATH:
 * reason" in err and errno set: EFBIG when the file exceeds max, ENOMEM
 * when memory runs out (reading never ends the program).  The buffer
 * gets one extra NUL byte, not counted in *len (which may be NULL), so
 * text can be used as a C string.
 */
void *read_file(const char *path, size_t max, size_t *len, char *err,
                size_t errlen);
/* Write via a temporary file and rename, so a failure leaves no half file. */
int write_file(const char *path, const void *buf, size_t len, char *err,
               size_t errlen);

/* Base name of a path (pointer into it). */
const char *path_base(const char *path);
/* Directory part of a path (allocated; "." when there is none). */
char *path_dir(const char *path);
/* A regular file exists at path. */
bool file_exists(const char *path);

#endif
