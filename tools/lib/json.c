/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Streaming JSON writer (see json.h). */
#include <math.h>
#include <string.h>
#include "tools/lib/json.h"

void json_init(JsonW *j, FILE *f, bool pretty)
{
    memset(j, 0, sizeof(*j));
    j->f = f;
    j->pretty = pretty;
    j->first[0] = true;
}

static void indent(JsonW *j)
{
    if (j->pretty) {
        fputc('\n', j->f);
        for (int i = 0; i < j->depth; i++) {
            fputs("  ", j->f);
        }
    }
}

/* Separator before a value or key at the current level. */
static void sep(JsonW *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (!j->first[j->depth]) {
        fputc(',', j->f);
    }
    j->first[j->depth] = false;
    if (j->depth) {
        indent(j);
    }
}

static void begin(JsonW *j, char c)
{
    sep(j);
    fputc(c, j->f);
    if (j->depth + 1 < JSON_MAX_DEPTH) {
        j->depth++;
    }
    j->first[j->depth] = true;
}

static void finish(JsonW *j, char c)
{
    bool empty = j->first[j->depth];

    if (j->depth) {
        j->depth--;
    }
    if (!empty) {
        indent(j);
    }
    fputc(c, j->f);
}

void json_obj(JsonW *j)
{
    begin(j, '{');
}

void json_obj_end(JsonW *j)
{
    finish(j, '}');
}

void json_arr(JsonW *j)
{
    begin(j, '[');
}

void json_arr_end(JsonW *j)
{
    finish(j, ']');
}

static void raw_str(JsonW *j, const char *s, size_t n)
{
    fputc('"', j->f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        switch (c) {
        case '"':
            fputs("\\\"", j->f);
            break;
        case '\\':
            fputs("\\\\", j->f);
            break;
        case '\n':
            fputs("\\n", j->f);
            break;
        case '\t':
            fputs("\\t", j->f);
            break;
        case '\r':
            fputs("\\r", j->f);
            break;
        default:
            /*
             * Control bytes are escaped; bytes >= 0x80 that are not valid
             * UTF-8 would make the document invalid, so they are escaped
             * as the Latin-1 code point (recorder strings come from boards).
             */
            if (c < 0x20 || c == 0x7f) {
                fprintf(j->f, "\\u%04x", c);
            } else if (c >= 0x80) {
                size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2
                                                                      : 0;
                bool ok = len && i + len <= n && c < 0xf5;

                for (size_t k = 1; ok && k < len; k++) {
                    ok = ((unsigned char)s[i + k] & 0xc0) == 0x80;
                }
                if (ok) {
                    fwrite(s + i, 1, len, j->f);
                    i += len - 1;
                } else {
                    fprintf(j->f, "\\u%04x", c);
                }
            } else {
                fputc(c, j->f);
            }
        }
    }
    fputc('"', j->f);
}

void json_key(JsonW *j, const char *k)
{
    sep(j);
    raw_str(j, k, strlen(k));
    fputs(j->pretty ? ": " : ":", j->f);
    j->after_key = true;
}

void json_strn(JsonW *j, const char *s, size_t n)
{
    sep(j);
    raw_str(j, s, n);
}

void json_str(JsonW *j, const char *s)
{
    if (!s) {
        json_null(j);
        return;
    }
    json_strn(j, s, strlen(s));
}

void json_int(JsonW *j, int64_t v)
{
    sep(j);
    fprintf(j->f, "%lld", (long long)v);
}

void json_uint(JsonW *j, uint64_t v)
{
    sep(j);
    fprintf(j->f, "%llu", (unsigned long long)v);
}

void json_bool(JsonW *j, bool v)
{
    sep(j);
    fputs(v ? "true" : "false", j->f);
}

void json_null(JsonW *j)
{
    sep(j);
    fputs("null", j->f);
}

void json_double(JsonW *j, double v)
{
    if (isnan(v)) {
        json_str(j, signbit(v) ? "-nan" : "nan");
    } else if (isinf(v)) {
        json_str(j, v < 0 ? "-inf" : "inf");
    } else {
        sep(j);
        fprintf(j->f, "%.17g", v);
    }
}

void json_hex(JsonW *j, uint64_t v, int digits)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)v);
    json_str(j, buf);
}

void json_kstr(JsonW *j, const char *k, const char *s)
{
    json_key(j, k);
    json_str(j, s);
}

void json_kint(JsonW *j, const char *k, int64_t v)
{
    json_key(j, k);
    json_int(j, v);
}

void json_kuint(JsonW *j, const char *k, uint64_t v)
{
    json_key(j, k);
    json_uint(j, v);
}

void json_kbool(JsonW *j, const char *k, bool v)
{
    json_key(j, k);
    json_bool(j, v);
}

void json_khex(JsonW *j, const char *k, uint64_t v, int digits)
{
    json_key(j, k);
    json_hex(j, v, digits);
}

void json_end(JsonW *j)
{
    fputc('\n', j->f);
    fflush(j->f);
}
