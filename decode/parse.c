/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decodetree language's lines: comments, continuation, indentation
 * (after Python's expandtabs), tokens split on Python's whitespace, and
 * the dispatch of statements, including { } and [ ] groups.  The rules
 * follow scripts/decodetree.py; where it stops at the first error we
 * report it and carry on with the next statement.
 */
#include <stdlib.h>

#include "decode/parser.h"

static void annot_flush_pending(DtParser *P)
{
    int line = dt_annot_pending(P->actx);

    if (line) {
        perr(P, line, "annotation not followed by a pattern");
        dt_annot_discard(P->actx);
    }
}

static void indent_error(DtParser *P, int line, int indent)
{
    if (!P->indent_reported) {
        perr(P, line, "indentation %d != %d", indent, P->nesting);
        P->indent_reported = true;
    }
}

static void statement(DtParser *P, int lineno)
{
    DtSet *s = P->s;
    DtTok *t = P->toks;
    size_t nt = P->ntoks;
    int line = P->start_line;
    char q[300];

    if (dt_tok_is(&t[0], "}") || dt_tok_is(&t[0], "]")) {
        bool brace = t[0].p[0] == '}';
        annot_flush_pending(P);
        if (nt > 1) {
            perr(P, line, "extra tokens after close brace");
        }
        if (brace != (P->stack[P->depth]->kind == DT_N_INC)) {
            perr(P, lineno, "mismatched close brace");
            if (P->depth == 0) {
                return;
            }
        }
        if (P->depth == 0) {
            perr(P, lineno, "extra close brace");
            return;
        }
        P->depth--;
        P->nesting -= 2;
        if (P->indent != P->nesting) {
            indent_error(P, lineno, P->indent);
        }
        return;
    }

    if (P->indent != P->nesting) {
        indent_error(P, line, P->indent);
    }

    if (dt_tok_is(&t[0], "{") || dt_tok_is(&t[0], "[")) {
        annot_flush_pending(P);
        if (nt > 1) {
            perr(P, line, "extra tokens after open brace");
        }
        if (P->depth >= DT_MAX_NESTING) {
            perr(P, line, "groups nested more than %d deep", DT_MAX_NESTING);
            P->fatal = true;
            return;
        }
        DtNode *g = dt_arena_alloc(s->arena, sizeof(*g));
        g->kind = t[0].p[0] == '{' ? DT_N_INC : DT_N_EXC;
        g->file = P->file;
        g->line = line;
        DtNode *parent = P->stack[P->depth];
        dt_grow((void **)&parent->kids, &parent->cap, parent->nkids,
                sizeof(DtNode *));
        parent->kids[parent->nkids++] = g;
        P->stack[++P->depth] = g;
        P->nesting += 2;
        return;
    }

    const char *p = t[0].p;
    size_t n = t[0].n;
    if (n && p[0] == '%' && dt_is_word(p + 1, n - 1)) {
        annot_flush_pending(P);
        dt_parse_field(P, line, p + 1, n - 1, t + 1, nt - 1);
    } else if (n && p[0] == '&' && dt_is_word(p + 1, n - 1)) {
        annot_flush_pending(P);
        dt_parse_argset(P, line, p + 1, n - 1, t + 1, nt - 1);
    } else if (n && p[0] == '@' && dt_is_word(p + 1, n - 1)) {
        annot_flush_pending(P);
        dt_parse_generic(P, line, true, dt_tstr(P, p + 1, n - 1), t + 1,
                         nt - 1);
    } else if (dt_is_word(p, n)) {
        dt_parse_generic(P, line, false, dt_tstr(P, p, n), t + 1, nt - 1);
    } else {
        annot_flush_pending(P);
        perr(P, lineno, "invalid token \"%s\"", dt_qtok(&t[0], q, sizeof(q)));
    }
}

static void push_tok(DtParser *P, const char *p, size_t n)
{
    dt_grow((void **)&P->toks, &P->captoks, P->ntoks, sizeof(DtTok));
    P->toks[P->ntoks].p = p;
    P->toks[P->ntoks].n = n;
    P->ntoks++;
}

static void annot_line(DtParser *P, const char *p, size_t n, int lineno)
{
    char err[1024];
    char *text = malloc(n + 1);

    if (!text) {
        abort();
    }
    memcpy(text, p, n);
    text[n] = 0;
    if (dt_annot_comment(P->actx, text, P->file, lineno, err,
                         sizeof(err)) < 0) {
        dt_error_raw(P->s, err);
    }
    free(text);
}

static void process_line(DtParser *P, const char *p, size_t n, int lineno)
{
    size_t i = 0, end = 0, ls, cend;
    int col = 0;
    bool had_toks = P->ntoks != 0;
    bool annot = false;

    /* rstrip: end of the last non-space code point. */
    while (i < n) {
        size_t sp = dt_space_at(p + i, n - i);
        if (sp) {
            i += sp;
        } else {
            i += dt_char_len(p + i, n - i);
            end = i;
        }
    }
    n = end;

    /* Indentation after expandtabs(). */
    i = 0;
    while (i < n) {
        size_t sp = dt_space_at(p + i, n - i);
        if (!sp) {
            break;
        }
        col = p[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
        i += sp;
    }
    ls = i;
    cend = n;
    {
        const char *h = memchr(p + ls, '#', n - ls);
        if (h) {
            cend = (size_t)(h - p);
            annot = cend == ls && cend + 1 < n && p[cend + 1] == '@';
        }
    }

    /* Split on whitespace. */
    i = ls;
    while (i < cend) {
        size_t sp = dt_space_at(p + i, cend - i);
        if (sp) {
            i += sp;
            continue;
        }
        size_t st = i;
        while (i < cend && !dt_space_at(p + i, cend - i)) {
            i += dt_char_len(p + i, cend - i);
        }
        push_tok(P, p + st, i - st);
    }

    if (!had_toks) {
        if (n == 0) {
            return;                 /* blank line */
        }
        if (P->ntoks == 0) {
            if (col != P->nesting) {
                indent_error(P, lineno, col);
            }
            if (annot) {
                annot_line(P, p + ls + 2, n - ls - 2, lineno);
            }
            return;
        }
        P->indent = col;
        P->start_line = lineno;
    }

    if (P->ntoks && dt_tok_is(&P->toks[P->ntoks - 1], "\\")) {
        P->ntoks--;
        return;
    }
    if (P->ntoks) {
        statement(P, lineno);
    }
    P->ntoks = 0;
    if (annot) {
        annot_line(P, p + ls + 2, n - ls - 2, lineno);
    }
}

void dt_parse_text(DtSet *s, const char *file, const char *text, size_t len)
{
    DtParser P;
    size_t pos = 0, bad;
    int lineno = 0;

    memset(&P, 0, sizeof(P));
    P.s = s;
    P.file = file;
    P.stack[0] = s->root;

    if (!dt_utf8_valid(text, len, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++) {
            line += text[i] == '\n';
        }
        dt_error(s, file, line, "invalid UTF-8");
        return;
    }
    P.actx = dt_annot_ctx_new();

    while (pos < len && !P.fatal && !s->too_many) {
        size_t e = pos;
        while (e < len && text[e] != '\n' && text[e] != '\r') {
            e++;
        }
        lineno++;
        process_line(&P, text + pos, e - pos, lineno);
        if (e < len && text[e] == '\r' && e + 1 < len && text[e + 1] == '\n') {
            e++;
        }
        pos = e + 1;
    }
    /* An unfinished continuation at EOF is dropped, as decodetree.py does. */
    if (!P.fatal && P.depth != 0) {
        dt_error(s, file, lineno, "missing close brace");
    }
    if (!P.fatal) {
        annot_flush_pending(&P);
    }
    free(P.toks);
    dt_annot_ctx_free(P.actx);
}
