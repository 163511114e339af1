/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole-file I/O and paths; see files.h. */
#include "tools/lib/files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/lib/alloc.h"

/* Give up: free what was read, close f, report "PATH: reason". */
static void *read_fail(FILE *f, uint8_t *p, int e, char *err, size_t errlen,
                       const char *path, const char *what)
{
    snprintf(err, errlen, "%s: %s", path, what ? what : strerror(e));
    free(p);
    if (f != stdin) {
        fclose(f);
    }
    errno = e;
    return NULL;
}

void *read_file(const char *path, size_t max, size_t *len, char *err,
                size_t errlen)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    uint8_t *p = NULL;
    size_t n = 0, cap = 0;
    char what[64];

    if (!f) {
        int e = errno;

        snprintf(err, errlen, "%s: %s", path, strerror(e));
        errno = e;
        return NULL;
    }
    {
        struct stat st;

        /* fopen succeeds on a directory; reading it gives only EISDIR. */
        if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
            return read_fail(f, p, EISDIR, err, errlen, path, NULL);
        }
    }
    /* Reading past max by up to one chunk is harmless; keeping more is not. */
    for (;;) {
        size_t got;

        if (cap - n < 65536 + 1) {
            size_t ncap = cap ? cap * 2 : 65536 * 2;
            uint8_t *np = realloc(p, ncap);

            if (!np) {
                return read_fail(f, p, ENOMEM, err, errlen, path, NULL);
            }
            p = np;
            cap = ncap;
        }
        got = fread(p + n, 1, cap - n - 1, f);
        n += got;
        if (n > max) {
            if (max >= (1u << 20) && !(max & ((1u << 20) - 1))) {
            snprintf(what, sizeof(what), "more than %zu MiB, the limit for "
                     "this input", max >> 20);
        } else {
            snprintf(what, sizeof(what), "more than %zu bytes, the limit "
                     "for this input", max);
        }
            return read_fail(f, p, EFBIG, err, errlen, path, what);
        }
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        int e = errno ? errno : EIO;

        snprintf(what, sizeof(what), "read error: %s", strerror(e));
        return read_fail(f, p, e, err, errlen, path, what);
    }
    if (f != stdin) {
        fclose(f);
    }
    p[n] = 0;
    if (len) {
        *len = n;
    }
    return p;
}

int write_file(const char *path, const void *buf, size_t len, char *err,
               size_t errlen)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");

    if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        if (f) {
            unlink(tmp);
        }
        free(tmp);
        return -1;
    }
    if (rename(tmp, path)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

const char *path_base(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

char *path_dir(const char *path)
{
    const char *s = strrchr(path, '/');

    if (!s) {
        return xstrdup(".");
    }
    if (s == path) {
        return xstrdup("/");
    }
    return xstrndup(path, (size_t)(s - path));
}

bool file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
