/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the parser's files: parse.c (lines and statements), defs.c
 * (fields and argument sets), formats.c (decodetree.py's inference of
 * argument sets and formats) and pattern.c (formats and patterns).
 */
#ifndef RISU_DECODE_PARSER_H
#define RISU_DECODE_PARSER_H

#include <string.h>

#include "decode/internal.h"
#include "decode/text.h"

typedef struct DtTok {
    const char *p;
    size_t n;
} DtTok;

typedef struct DtParser {
    DtSet *s;
    const char *file;
    DtAnnotCtx *actx;
    DtTok *toks;
    size_t ntoks, captoks;
    DtNode *stack[DT_MAX_NESTING + 1];
    int depth;
    int nesting;
    int start_line;
    int indent;
    bool indent_reported;
    bool fatal;
} DtParser;

/* A statement's field dictionary, ordered as written. */
typedef struct DtFlds {
    DtFld *v;
    size_t n, cap;
    DtMap idx;
} DtFlds;

#define perr(P, line, ...) dt_error((P)->s, (P)->file, (line), __VA_ARGS__)

static inline bool dt_tok_is(const DtTok *t, const char *s)
{
    return t->n == strlen(s) && memcmp(t->p, s, t->n) == 0;
}

/* Printable form of a token for diagnostics, in buf. */
static inline const char *dt_qtok(const DtTok *t, char *buf, size_t len)
{
    dt_quote_token(buf, len, t->p, t->n);
    return buf;
}

static inline char *dt_tstr(DtParser *P, const char *p, size_t n)
{
    return dt_arena_strndup(P->s->arena, p, n);
}

/* defs.c: "%name ..." and "&name ..." statements. */
void dt_parse_field(DtParser *P, int line, const char *name, size_t nlen,
                    DtTok *t, size_t nt);
void dt_parse_argset(DtParser *P, int line, const char *name, size_t nlen,
                     DtTok *t, size_t nt);

/* formats.c */
void dt_register_argset(DtSet *s, DtArgSet *a);
void dt_register_format(DtSet *s, DtGen *g);
DtArgSet *dt_infer_argset(DtSet *s, const DtFld *flds, size_t n);
DtGen *dt_infer_format(DtParser *P, int line, DtArgSet *arg,
                       uint64_t fieldmask, const DtFlds *flds, int width);
const DtFld *dt_gen_find(const DtGen *g, const char *name);
bool dt_argset_has(const DtArgSet *a, const char *name);
DtGen *dt_new_gen(DtParser *P, const char *name, int line);
void dt_gen_set_flds(DtParser *P, DtGen *g, const DtFlds *f);

/* pattern.c: "@name ..." and pattern statements. */
void dt_parse_generic(DtParser *P, int line, bool is_format,
                      const char *name, DtTok *t, size_t nt);

#endif
