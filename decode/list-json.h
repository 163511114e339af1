/* SPDX-License-Identifier: GPL-2.0-or-later */
/* risu-decode --list: the pieces its text and JSON forms share. */
#ifndef DECODE_LIST_JSON_H
#define DECODE_LIST_JSON_H

#include <stdio.h>

#include "decode/decode.h"
#include "tools/lib/strbuf.h"

/* A field as written in the file: "21:5", "rs:5|0:s16!func", ... */
void dt_field_text(StrBuf *b, const DtField *f);
/* --list --json: every pattern of s, as one JSON array. */
void dt_list_json(const DtSet *s, FILE *out);

#endif
