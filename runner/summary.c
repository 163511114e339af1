/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The runner's --json summary (summary.h).  The runtime has no JSON
 * writer: the object is short, so it is built in one buffer with a
 * string escaper and written with a single write.
 */
#include "runner/rt/rt.h"
#include "runner/summary.h"

RisuSummary risu_summary = { .fd = -1 };

typedef struct Buf {
    char s[4096];         /* fits the strings escaped at worst */
    size_t n;
} Buf;

static void put(Buf *b, const char *s)
{
    while (*s && b->n < sizeof(b->s) - 1) {
        b->s[b->n++] = *s++;
    }
}

/* A JSON string: quotes, backslashes and control bytes escaped. */
static void put_str(Buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";

    if (!s || !*s) {
        put(b, "null");
        return;
    }
    put(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char e[7] = { '\\', (char)c, 0 };
        if (c == '"' || c == '\\') {
            put(b, e);
        } else if (c < 0x20) {
            e[1] = 'u';
            e[2] = '0';
            e[3] = '0';
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            e[6] = 0;
            put(b, e);
        } else {
            e[0] = (char)c;
            e[1] = 0;
            put(b, e);
        }
    }
    put(b, "\"");
}

static void put_u64(Buf *b, const char *key, uint64_t v)
{
    char t[64];

    rt_snprintf(t, sizeof(t), ",\"%s\":%llu", key, (unsigned long long)v);
    put(b, t);
}

static const char *result(int status)
{
    if (status == 1) {
        return "mismatch";
    }
    if (status != 0) {
        return "error";
    }
    if (!strcmp(risu_summary.mode, "record")) {
        return "recorded";
    }
    if (!strcmp(risu_summary.mode, "run")) {
        return "ran";
    }
    return "match";
}

void risu_summary_print(int status)
{
    const RisuSummary *s = &risu_summary;
    Buf b = { .n = 0 };
    char t[80];

    if (s->fd < 0) {
        return;
    }
    put(&b, "{\"runner\":\"risu-" RISU_VARIANT "\",\"mode\":");
    put_str(&b, s->mode);
    put(&b, ",\"result\":");
    put_str(&b, result(status));
    rt_snprintf(t, sizeof(t), ",\"exit\":%d", status);
    put(&b, t);
    put_u64(&b, "checkpoints", s->checkpoints);
    put_u64(&b, "mismatching", s->mismatching);
    put(&b, ",\"image_digest\":");
    if (s->digest) {
        put(&b, "\"");
        for (int i = 0; i < 32; i++) {
            rt_snprintf(t, sizeof(t), "%02x", s->digest[i]);
            put(&b, t);
        }
        put(&b, "\"");
    } else {
        put(&b, "null");
    }
    put(&b, ",\"escape\":");
    put_str(&b, s->escape);
    put(&b, ",\"error\":");
    put_str(&b, s->error);
    put(&b, "}\n");
    rt_write_all(s->fd, b.s, b.n);
}
