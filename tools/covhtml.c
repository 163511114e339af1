/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace coverage --html: the per-tag bars as inline SVG.  The
 * geometry and class names are shared with tools/nightly/charts.py
 * (which must draw byte-identical bars for the same numbers: the tests
 * compare them), so change both together.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "tools/covhtml.h"

enum {
    LABEL_W = 150,      /* tag names */
    BAR_W = 420,        /* the longest bar */
    NUM_W = 260,        /* the numbers after the bars */
    ROW_H = 30,         /* three 7-pixel bars and their gaps */
    TOP = 26,           /* the legend */
};

static const struct {
    const char *cls, *colour, *label;
} series[3] = {
    { "generated", "#4a7ab5", "generated" },
    { "executed", "#3c9a4a", "executed" },
    { "diverged", "#c9302c", "diverged" },
};

static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* Bar length: to scale, but never invisible when the count is not 0. */
static unsigned bar_len(uint64_t v, uint64_t max)
{
    unsigned w;

    if (!v || !max) {
        return 0;
    }
    w = (unsigned)(((double)v * BAR_W) / (double)max + 0.5);
    return w ? w : 1;
}

static void svg_legend(FILE *f)
{
    for (int s = 0; s < 3; s++) {
        fprintf(f, "<rect class=\"key\" x=\"%d\" y=\"6\" width=\"12\" "
                "height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"15\">%s"
                "</text>", LABEL_W + s * 110, series[s].colour,
                LABEL_W + s * 110 + 16, series[s].label);
    }
}

static void svg_row(FILE *f, const CovBar *b, int i, uint64_t max)
{
    const uint64_t v[3] = { b->generated, b->executed, b->diverged };

    fputs("<g class=\"tag\" data-tag=\"", f);
    put_escaped(f, b->tag);
    fprintf(f, "\" transform=\"translate(0,%d)\"><text x=\"0\" y=\"18\">",
            TOP + i * ROW_H);
    put_escaped(f, b->tag);
    fputs("</text>", f);
    for (int s = 0; s < 3; s++) {
        fprintf(f, "<rect class=\"bar %s\" data-count=\"%llu\" x=\"%d\" "
                "y=\"%d\" width=\"%u\" height=\"7\" fill=\"%s\"><title>",
                series[s].cls, (unsigned long long)v[s], LABEL_W, 3 + s * 9,
                bar_len(v[s], max), series[s].colour);
        put_escaped(f, b->tag);
        fprintf(f, ": %llu %s</title></rect>", (unsigned long long)v[s],
                series[s].label);
    }
    fprintf(f, "<text x=\"%d\" y=\"18\">%llu / %llu / %llu</text></g>",
            LABEL_W + BAR_W + 10, (unsigned long long)v[0],
            (unsigned long long)v[1], (unsigned long long)v[2]);
}

void cov_svg_bars(FILE *f, const CovBar *bars, int n)
{
    uint64_t max = 0;

    for (int i = 0; i < n; i++) {
        const uint64_t v[3] = { bars[i].generated, bars[i].executed,
                                bars[i].diverged };
        for (int s = 0; s < 3; s++) {
            max = v[s] > max ? v[s] : max;
        }
    }
    fprintf(f, "<svg class=\"cov-bars\" xmlns=\"http://www.w3.org/2000/svg\" "
            "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
            "font-size=\"12\" role=\"img\" aria-label=\"per-tag coverage: "
            "generated, executed, diverged\">", LABEL_W + BAR_W + NUM_W,
            TOP + n * ROW_H + 4);
    svg_legend(f);
    for (int i = 0; i < n; i++) {
        svg_row(f, &bars[i], i, max);
    }
    fputs("</svg>\n", f);
}

static void html_table(FILE *f, const CovBar *bars, int n)
{
    fputs("<table><tr><th>tag</th><th>generated</th><th>executed</th>"
          "<th>diverged</th></tr>\n", f);
    for (int i = 0; i < n; i++) {
        fputs("<tr><td>", f);
        put_escaped(f, bars[i].tag);
        fprintf(f, "</td><td>%llu</td><td>%llu</td><td>%llu</td></tr>\n",
                (unsigned long long)bars[i].generated,
                (unsigned long long)bars[i].executed,
                (unsigned long long)bars[i].diverged);
    }
    fputs("</table>\n", f);
}

int cov_html_write(const char *path, const char *title, const char *summary,
                   const CovBar *bars, int n)
{
    FILE *f = fopen(path, "w");

    if (!f) {
        return -1;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>", f);
    put_escaped(f, title);
    fputs("</title><style>body { font: 14px/1.4 sans-serif; margin: 1.5em; }"
          " table { border-collapse: collapse; } th, td { border: 1px solid "
          "#ccc; padding: .2em .6em; text-align: right; } td:first-child "
          "{ text-align: left; }</style></head><body>\n<h1>", f);
    put_escaped(f, title);
    fputs("</h1>\n<p>", f);
    put_escaped(f, summary);
    fputs("</p>\n", f);
    if (n) {
        cov_svg_bars(f, bars, n);
        html_table(f, bars, n);
    } else {
        fputs("<p>No tags: the images' pattern files carry no tag "
              "annotations, or were not found (--patterns).</p>\n", f);
    }
    fputs("</body></html>\n", f);
    if (ferror(f)) {
        fclose(f);
        errno = EIO;
        return -1;
    }
    return fclose(f);
}
