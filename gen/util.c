/* Helpers for the generator; see util.h. */
#include "gen/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void (*cleanup_fn)(void);

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        gen_fatal_status(1, "out of memory");
    }
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        gen_fatal_status(1, "out of memory");
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        gen_fatal_status(1, "out of memory");
    }
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void xgrow(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n <= *cap) {
        return;
    }
    size_t c = *cap ? *cap : 16;
    while (c < n) {
        c *= 2;
    }
    *p = xrealloc(*p, c * sz);
    *cap = c;
}

void sb_putc(StrBuf *b, char c)
{
    xgrow((void **)&b->s, &b->cap, b->len + 2, 1);
    b->s[b->len++] = c;
    b->s[b->len] = 0;
}

void sb_puts(StrBuf *b, const char *s)
{
    size_t n = strlen(s);
    xgrow((void **)&b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

void sb_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    xgrow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sb_free(StrBuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void gen_set_cleanup(void (*fn)(void))
{
    cleanup_fn = fn;
}

static _Noreturn void vfatal(int status, const char *fmt, va_list ap)
{
    char msg[4096];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    /* "file:line: error: ..." diagnostics already say what they are. */
    fprintf(stderr, "%s%s\n",
            strstr(msg, ": error: ") ? "" : "risugen: error: ", msg);
    if (cleanup_fn) {
        void (*fn)(void) = cleanup_fn;
        cleanup_fn = NULL;
        fn();
    }
    /* Error exits leave their allocations to the kernel: _exit keeps
     * LeakSanitizer from reporting them (stdout is flushed first). */
    fflush(NULL);
    _exit(status);
}

void gen_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfatal(GEN_EXIT_USAGE, fmt, ap);
    va_end(ap);
}

void gen_fatal_status(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfatal(status, fmt, ap);
    va_end(ap);
}

void gen_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("risugen: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

char gen_tolower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int gen_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)gen_tolower(*a);
        int cb = (unsigned char)gen_tolower(*b);
        if (ca != cb || !ca) {
            return ca - cb;
        }
    }
}

int gen_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int *row = xmalloc((lb + 1) * sizeof(int));
    for (size_t j = 0; j <= lb; j++) {
        row[j] = (int)j;
    }
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = gen_tolower(a[i - 1]) != gen_tolower(b[j - 1]);
            int v = diag + cost;
            if (row[j] + 1 < v) {
                v = row[j] + 1;
            }
            if (row[j - 1] + 1 < v) {
                v = row[j - 1] + 1;
            }
            row[j] = v;
            diag = up;
        }
    }
    int d = row[lb];
    free(row);
    return d;
}

const char *gen_suggest(StrBuf *b, const char *want,
                        const char *const *cands, size_t n)
{
    enum { K = 3 };
    size_t best[K];
    int bestd[K];
    int nb = 0;

    for (size_t i = 0; i < n; i++) {
        int d = gen_edit_distance(want, cands[i]);
        /* A candidate containing the wanted text is a good guess too. */
        if (strstr(cands[i], want) && d > 1) {
            d = 1;
        }
        bool dup = false;
        for (int k = 0; k < nb; k++) {
            dup |= !strcmp(cands[best[k]], cands[i]);
        }
        if (dup) {
            continue;
        }
        int pos = nb;
        while (pos > 0 && bestd[pos - 1] > d) {
            pos--;
        }
        if (pos >= K) {
            continue;
        }
        if (nb < K) {
            nb++;
        }
        for (int k = nb - 1; k > pos; k--) {
            best[k] = best[k - 1];
            bestd[k] = bestd[k - 1];
        }
        best[pos] = i;
        bestd[pos] = d;
    }
    if (nb) {
        sb_puts(b, " (did you mean ");
        for (int k = 0; k < nb; k++) {
            sb_printf(b, "%s'%s'", k ? (k == nb - 1 ? " or " : ", ") : "",
                      cands[best[k]]);
        }
        sb_puts(b, "?)");
    }
    if (!b->s) {
        sb_puts(b, "");
    }
    return b->s;
}

char *gen_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f) {
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return NULL;
    }
    StrBuf b = { 0 };
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        xgrow((void **)&b.s, &b.cap, b.len + n + 1, 1);
        memcpy(b.s + b.len, buf, n);
        b.len += n;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(b.s);
        errno = EIO;
        return NULL;
    }
    if (!b.s) {
        b.s = xcalloc(1, 1);
    }
    b.s[b.len] = 0;
    if (len) {
        *len = b.len;
    }
    return b.s;
}
