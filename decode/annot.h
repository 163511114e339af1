/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-dt annotations: "#@" directives in pattern files and overlay
 * files, turned into DtAnnot (see decode.h and docs/annotations.md).
 *
 * The parser drives this module: dt_annot_comment for every "#@"
 * comment, dt_annot_take when it reaches a pattern, dt_annot_pending at
 * any other line and at EOF (pending directives there are an error it
 * reports), and dt_annot_bind for every pattern in dt_set_finish.
 * Overlays: dt_overlay_parse, then for each line dt_glob_match against
 * the pattern names and dt_annot_apply on each match.
 */
#ifndef RISU_DECODE_ANNOT_H
#define RISU_DECODE_ANNOT_H

#include "decode/decode.h"

typedef struct DtAnnotCtx DtAnnotCtx;          /* per-file pending state */

DtAnnotCtx *dt_annot_ctx_new(void);
void dt_annot_ctx_free(DtAnnotCtx *c);

/*
 * "FILE:LINE: error: MSG" into err (FILE "<annot>" when NULL), for the
 * annotation and overlay parsers; returns -1.
 */
int dt_annot_error(char *err, size_t errlen, const char *file, int line,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A C identifier (a field or argument name)? */
bool dt_annot_is_ident(const char *s);
/*
 * KEY=VAL of directive DIR naming an argument, given once: *slot gets a
 * copy of VAL.  Errors say "DIR: duplicate 'KEY='" and so on.
 */
int dt_annot_take_name(const char **slot, const char *dir, const char *key,
                       const char *val, const char *file, int line,
                       char *err, size_t errlen);

/*
 * A comment line beginning with "#@"; text = what follows "#@".
 * Returns 0, or -1 with "file:line: error: msg" in err.  Handles "all:"
 * directives and '\' continuation.  `file` need not outlive the call.
 */
int dt_annot_comment(DtAnnotCtx *c, const char *text, const char *file,
                     int line, char *err, size_t errlen);
/*
 * Parser reached a pattern: fill *a (zero-initialised by caller) with
 * the "all:" directives then the pending ones; clears pending.  An
 * unfinished '\' continuation is an error here.
 */
int dt_annot_take(DtAnnotCtx *c, DtAnnot *a, char *err, size_t errlen);
/* Line of the first pending directive (or open continuation), or 0. */
int dt_annot_pending(const DtAnnotCtx *c);
/* Drop pending directives and any open continuation (after reporting). */
void dt_annot_discard(DtAnnotCtx *c);

/*
 * Parse one directive (without "#@", without "all:") and merge it into
 * *a, which must be zero-initialised or filled by earlier calls.
 * Returns 0, or -1 with "file:line: error: msg" in err.
 */
int dt_annot_apply(DtAnnot *a, const char *directive, const char *file,
                   int line, char *err, size_t errlen);
/*
 * Bind roles/mem/constraints to p->args (argidx, baseidx, indexidx,
 * dt_expr_bind); unknown field names are errors citing the directive's
 * own file:line.  Called by dt_set_finish for every pattern.
 */
int dt_annot_bind(DtPattern *p, char *err, size_t errlen);
void dt_annot_free(DtAnnot *a);                /* frees contents only */
int dt_annot_copy(DtAnnot *dst, const DtAnnot *src);   /* deep copy */

/*
 * "#@ branch" (decode/annot-branch.c): w[0] is "branch", w[1..n) its
 * words.  Replaces *b (a later directive wins).  bind resolves field=,
 * reg= and link= and the target expression against p's arguments.
 */
int dt_branch_apply(DtBranch *b, char **w, int n, const char *file,
                    int line, char *err, size_t errlen);
int dt_branch_bind(DtBranch *b, const DtPattern *p, char *err,
                   size_t errlen);
int dt_branch_copy(DtBranch *dst, const DtBranch *src);
void dt_branch_free(DtBranch *b);   /* contents; leaves kind NONE */

/* ---- overlays ----------------------------------------------------- */

typedef struct DtOverlayLine {
    char *glob, *directive, *file;
    int line;
} DtOverlayLine;

/*
 * Split an overlay text ("NAME: DIRECTIVE" lines, '#' comments, blank
 * lines, '\' continuation) into lines.  Each directive is also checked
 * with dt_annot_apply on a scratch annotation, so a bad directive is
 * reported once, at its overlay line.  Returns 0, or -1 with err set
 * (then *lines is NULL and *nlines 0).
 */
int dt_overlay_parse(const char *name, const char *text, size_t len,
                     DtOverlayLine **lines, size_t *nlines,
                     char *err, size_t errlen);
void dt_overlay_free(DtOverlayLine *lines, size_t n);
/* Shell-style glob: '*', '?', "[abc]", "[a-z]", "[!x]" / "[^x]". */
bool dt_glob_match(const char *glob, const char *name);

/* ---- additions beyond decode.h ------------------------------------ */

/*
 * Distinct argument indices an expression reads (after dt_expr_bind),
 * so the generator can see which fields a constraint involves.  Writes
 * at most max entries to idx; returns the total count.
 */
int dt_expr_args(const DtExpr *e, int *idx, int max);
/* The expression's source text, as written (trimmed). */
const char *dt_expr_text(const DtExpr *e);
/* Deep copy, including any binding; NULL for NULL or out of memory. */
DtExpr *dt_expr_copy(const DtExpr *e);

/* Limits of the expression language (see docs/annotations.md). */
#define DT_EXPR_MAX_DEPTH 200     /* nesting of (), unary ops, ?: */
#define DT_EXPR_MAX_STACK 512     /* evaluation stack slots */

/*
 * A !function resolved once, so hot loops avoid string compares.
 * dt_func_resolve returns false for unknown names.
 */
typedef struct DtFunc {
    int op;               /* internal operation code */
    int64_t n, m;         /* its constants (times_N_plus_M: N, M) */
} DtFunc;
bool dt_func_resolve(const char *name, DtFunc *out);
int64_t dt_func_eval(const DtFunc *f, int64_t raw);

/*
 * "#@ pcrel" (decode/annot-pcrel.c): apply the split words of one
 * directive (w[0] = "pcrel"), free, deep copy (-1: out of memory), bind
 * to p's arguments.  Errors as dt_annot_apply's.
 */
int dt_pcrel_apply(DtPcrel *pc, char **w, int n, const char *file,
                   int line, char *err, size_t errlen);
void dt_pcrel_free(DtPcrel *pc);
int dt_pcrel_copy(DtPcrel *dst, const DtPcrel *src);
int dt_pcrel_bind(DtPattern *p, char *err, size_t errlen);

#endif
