/*
 * Host helpers for risu-trace (see tutil.h).  Allocation failures end
 * the program with status 2: a host tool that cannot allocate a few
 * megabytes has nothing useful left to say.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "format/image.h"
#include "tools/tutil.h"

bool rt_quiet;

static void oom(void)
{
    fputs("risu-trace: out of memory\n", stderr);
    exit(RT_ERROR);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p) {
        oom();
    }
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p) {
        oom();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        oom();
    }
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    Sb b = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    return sb_take(&b);
}

static void sb_grow(Sb *b, size_t more)
{
    if (b->len + more + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;

        while (cap < b->len + more + 1) {
            cap *= 2;
        }
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
}

void sb_putn(Sb *b, const char *s, size_t n)
{
    sb_grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void sb_putc(Sb *b, char c)
{
    sb_putn(b, &c, 1);
}

void sb_puts(Sb *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

void sb_vprintf(Sb *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        return;
    }
    sb_grow(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_printf(Sb *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

char *sb_take(Sb *b)
{
    char *s = b->s ? b->s : xstrdup("");

    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sb_free(Sb *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

int read_file(const char *path, uint8_t **buf, size_t *len, char *err,
              size_t errlen)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    uint8_t *p = NULL;
    size_t n = 0, cap = 0;

    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        size_t got;

        /* Every input a tool reads is an image or smaller: /dev/zero or
         * an endless pipe stops here, not when memory runs out. */
        if (n > RISU_IMAGE_MAX) {
            snprintf(err, errlen, "%s: more than %u MiB, the largest image "
                     "a runner loads: not an input of risu-trace", path,
                     RISU_IMAGE_MAX >> 20);
            free(p);
            if (f != stdin) {
                fclose(f);
            }
            return -1;
        }
        if (n + 65536 + 1 > cap) {
            cap = cap ? cap * 2 : 65536 * 2;
            /* Room for one byte past the limit: enough to see it. */
            cap = cap < RISU_IMAGE_MAX + 2ul ? cap : RISU_IMAGE_MAX + 2ul;
            p = xrealloc(p, cap);
        }
        got = fread(p + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
        free(p);
        if (f != stdin) {
            fclose(f);
        }
        return -1;
    }
    if (f != stdin) {
        fclose(f);
    }
    p[n] = 0;
    *buf = p;
    *len = n;
    return 0;
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

void hex_bytes(char *out, const uint8_t *p, size_t n)
{
    static const char hx[] = "0123456789abcdef";

    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hx[p[i] >> 4];
        out[2 * i + 1] = hx[p[i] & 15];
    }
    out[2 * n] = 0;
}

char *sh_quote(const char *s)
{
    Sb b = { 0 };
    bool plain = *s != 0;

    for (const char *p = s; *p; p++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789_-./=:,+@%", *p)) {
            plain = false;
        }
    }
    if (plain) {
        return xstrdup(s);
    }
    sb_putc(&b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            sb_puts(&b, "'\\''");
        } else {
            sb_putc(&b, *p);
        }
    }
    sb_putc(&b, '\'');
    return sb_take(&b);
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
