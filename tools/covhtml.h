/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Coverage pictures: per tag, three horizontal bars (generated,
 * executed, diverged) as inline SVG, no script.  risu-nightly draws the
 * same markup (tools/nightly/charts.py); tests/readme and tests/nightly
 * render both in headless Chromium.
 */
#ifndef TOOLS_COVHTML_H
#define TOOLS_COVHTML_H

#include <stdint.h>
#include <stdio.h>

typedef struct CovBar {
    const char *tag;
    uint64_t generated, executed, diverged;
} CovBar;

/* The <svg> element for N tags. */
void cov_svg_bars(FILE *f, const CovBar *bars, int n);
/*
 * A whole HTML page at PATH: TITLE, a line of SUMMARY, the bars and a
 * table of the same numbers.  0, or -1 with errno set.
 */
int cov_html_write(const char *path, const char *title, const char *summary,
                   const CovBar *bars, int n);

#endif
