/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tests/decode/risufile: translate a RISU file with decode/risufile.c and
 * the registry's RISU modes, print the decodetree text (32-bit, then
 * 16-bit if any) and the diagnostics, and check that the text loads into
 * a DtSet.
 *
 *   risu2decode [-q] [-o32 FILE] [-o16 FILE] [--expect-errors N] FILE.risu
 *
 * Exit 0 when the text loads and the number of translation errors is the
 * expected one (0 unless --expect-errors), 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "decode/risufile.h"
#include "arch/archtab.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    if (!buf) {
        exit(1);
    }
    *len = n;
    return buf;
}

static int load(const char *name, const char *text, int width)
{
    if (!text[0]) {
        return 0;
    }
    DtOptions o = { .insnwidth = width, .varinsnwidth = 0 };
    DtSet *s = dt_set_new(&o);
    dt_set_add_text(s, name, text, strlen(text));
    int n = dt_set_finish(s);
    if (n) {
        dt_set_print_errors(s, stderr);
    }
    dt_set_free(s);
    return n;
}

static void save(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

int main(int argc, char **argv)
{
    int expect = 0, quiet = 0;
    const char *in = NULL, *o32 = NULL, *o16 = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--expect-errors") && i + 1 < argc) {
            expect = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "-q")) {
            quiet = 1;
        } else if (!strcmp(argv[i], "-o32") && i + 1 < argc) {
            o32 = argv[++i];
        } else if (!strcmp(argv[i], "-o16") && i + 1 < argc) {
            o16 = argv[++i];
        } else {
            in = argv[i];
        }
    }
    if (!in) {
        fprintf(stderr, "usage: risu2decode [-q] [-o32 F] [-o16 F] "
                "[--expect-errors N] FILE.risu\n");
        return 2;
    }
    size_t len;
    char *text = slurp(in, &len);
    RisuTranslation t;
    int nerr = risu_translate(in, text, len, arch_risu_modes(), &t);
    if (!quiet) {
        fputs(t.text32, stdout);
        fputs(t.text16, stdout);
    }
    if (t.errors) {
        fputs(t.errors, stderr);
    }
    if (o32) {
        save(o32, t.text32);
    }
    if (o16) {
        save(o16, t.text16);
    }
    int bad = load("risu32", t.text32, 32) + load("risu16", t.text16, 16);
    fprintf(stderr, "%s: .mode %s, %d patterns (%d never), %d translation "
            "error(s), %d load error(s)\n", in, t.mode, t.npatterns, t.nnever,
            nerr, bad);
    risu_translation_free(&t);
    free(text);
    return bad || nerr != expect;
}
