/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Streaming JSON writer: output goes straight to a FILE (a keep-going
 * diff of a long trace can produce many divergences), commas and
 * nesting are tracked here so callers just name keys and values.
 * 64-bit register values are written as hex strings by the callers,
 * since JSON numbers lose precision above 2^53 in most readers.
 */
#ifndef TOOLS_LIB_JSON_H
#define TOOLS_LIB_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

typedef struct JsonW {
    FILE *f;
    int depth;
    bool first[JSON_MAX_DEPTH];   /* no element written yet at this level */
    bool pretty;
    bool after_key;
} JsonW;

void json_init(JsonW *j, FILE *f, bool pretty);
void json_obj(JsonW *j);          /* { */
void json_obj_end(JsonW *j);      /* } */
void json_arr(JsonW *j);          /* [ */
void json_arr_end(JsonW *j);      /* ] */
void json_key(JsonW *j, const char *k);
void json_str(JsonW *j, const char *s);   /* NULL writes null */
void json_strn(JsonW *j, const char *s, size_t n);
void json_int(JsonW *j, int64_t v);
void json_uint(JsonW *j, uint64_t v);
void json_bool(JsonW *j, bool v);
void json_null(JsonW *j);
void json_double(JsonW *j, double v);     /* non-finite: a string */
void json_hex(JsonW *j, uint64_t v, int digits);  /* "0x%0*llx" */
/* Key + value shorthands. */
void json_kstr(JsonW *j, const char *k, const char *s);
void json_kint(JsonW *j, const char *k, int64_t v);
void json_kuint(JsonW *j, const char *k, uint64_t v);
void json_kbool(JsonW *j, const char *k, bool v);
void json_khex(JsonW *j, const char *k, uint64_t v, int digits);
/* Finish the document (newline). */
void json_end(JsonW *j);

#endif
