/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for directives, the per-file context, overlays and
 * globs.  The first byte picks the mode; the rest is text.  Only
 * robustness is checked here (no crash, leak, hang or UB, well-formed
 * diagnostics); semantics are covered by the unit tests.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

static DtSeg seg = { .kind = DT_SEG_BITS, .pos = 0, .len = 8 };
static DtField fimm = { .name = "imm", .nsegs = 1, .segs = &seg,
                        .func = "times_4" };
static DtField freg = { .name = "rs", .nsegs = 1, .segs = &seg };

static void check_diag(int r, const char *err)
{
    if (r < 0 && (!strstr(err, ": error: ") || strchr(err, '\n'))) {
        fprintf(stderr, "fuzz_annot: bad diagnostic '%s'\n", err);
        abort();
    }
}

/* Every line is a "#@" comment; a line "P" marks a pattern. */
static void comments(char *text)
{
    DtArg args[3] = {
        { .name = "rs", .kind = DT_ARG_FIELD, .field = &freg },
        { .name = "rt", .kind = DT_ARG_FIELD, .field = &freg },
        { .name = "imm", .kind = DT_ARG_FIELD, .field = &fimm },
    };
    DtAnnotCtx *c = dt_annot_ctx_new();
    char err[512], *line, *save = NULL;
    int lineno = 0;

    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (strcmp(line, "P") == 0) {
            DtPattern p = { .name = "P", .nargs = 3, .args = args };
            DtAnnot copy;
            int64_t raw[3] = { 1, 2, 3 };
            bool fault;
            int i;

            check_diag(dt_annot_take(c, &p.annot, err, sizeof(err)), err);
            if (dt_annot_bind(&p, err, sizeof(err)) == 0) {
                for (i = 0; i < p.annot.nconstraints; i++) {
                    dt_expr_eval(p.annot.constraints[i], raw, NULL, &fault);
                }
            } else {
                check_diag(-1, err);
            }
            if (dt_annot_copy(&copy, &p.annot) == 0) {
                dt_annot_free(&copy);
            }
            dt_annot_free(&p.annot);
        } else {
            check_diag(dt_annot_comment(c, line, "f", lineno, err,
                                        sizeof(err)), err);
        }
    }
    dt_annot_pending(c);
    dt_annot_ctx_free(c);
}

static void overlay(const char *text, size_t len)
{
    static const char *const names[] = {
        "ADD", "ADD_rrri", "LDR_ri", "VLD4_all", "", "x[", "]",
    };
    DtOverlayLine *l;
    size_t n, i, j;
    char err[512];
    int r = dt_overlay_parse("o", text, len, &l, &n, err, sizeof(err));

    check_diag(r, err);
    for (i = 0; r == 0 && i < n; i++) {
        DtAnnot a = { 0 };

        for (j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
            dt_glob_match(l[i].glob, names[j]);
        }
        if (dt_annot_apply(&a, l[i].directive, l[i].file, l[i].line, err,
                           sizeof(err)) != 0) {
            fprintf(stderr, "fuzz_annot: validated directive rejected\n");
            abort();
        }
        dt_annot_free(&a);
    }
    if (r == 0) {
        dt_overlay_free(l, n);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text;

    if (size < 1) {
        return 0;
    }
    text = strndup((const char *)data + 1, size - 1);
    if (!text) {
        return 0;
    }
    switch (data[0] % 3) {
    case 0:
        comments(text);
        break;
    case 1:
        overlay((const char *)data + 1, size - 1);
        break;
    default: {
        char *nl = strchr(text, '\n');

        if (nl) {
            *nl = 0;
            dt_glob_match(text, nl + 1);
        }
        break;
    }
    }
    free(text);
    return 0;
}
