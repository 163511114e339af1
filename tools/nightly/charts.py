# SPDX-License-Identifier: GPL-2.0-or-later
"""Pictures for the HTML reports, as inline SVG (no script):

  tag_bars_svg   per tag, three bars: generated, executed, diverged.  The
                 same markup, byte for byte, as `risu-trace coverage
                 --html` (tools/covhtml.c): change both together
                 (tests/tools/coverage-html.sh compares them)
  trend_svg      one column per night: passed and failed jobs stacked,
                 and the checkpoints per second of the replays as a line

Every drawn quantity is an element with a data-count attribute inside a
group with data-tag or data-run, which tests/nightly/svg-render.sh
measures in headless Chromium.
"""

import html
from typing import List, Optional, Sequence, Tuple

LABEL_W, BAR_W, NUM_W, ROW_H, TOP = 150, 420, 260, 30, 26
SERIES = (("generated", "#4a7ab5"), ("executed", "#3c9a4a"),
          ("diverged", "#c9302c"))


def _e(s) -> str:
    return html.escape(str(s), quote=True).replace("&#x27;", "'")


def _bar_len(v: int, top: int) -> int:
    """To scale, never invisible when v is not 0 (as C rounds: +0.5)."""
    if not v or not top:
        return 0
    return max(1, int(v * BAR_W / top + 0.5))


def tag_bars_svg(bars: Sequence[Tuple[str, int, int, int]]) -> str:
    """bars: (tag, generated, executed, diverged) in display order."""
    top = max([max(b[1:]) for b in bars] + [0])
    out = ['<svg class="cov-bars" xmlns="http://www.w3.org/2000/svg" '
           'width="%d" height="%d" font-family="sans-serif" font-size="12" '
           'role="img" aria-label="per-tag coverage: generated, executed, '
           'diverged">' % (LABEL_W + BAR_W + NUM_W, TOP + len(bars) * ROW_H + 4)]
    for s, (name, colour) in enumerate(SERIES):
        out.append('<rect class="key" x="%d" y="6" width="12" height="10" '
                   'fill="%s"/><text x="%d" y="15">%s</text>'
                   % (LABEL_W + s * 110, colour, LABEL_W + s * 110 + 16, name))
    for i, b in enumerate(bars):
        tag = _e(b[0])
        out.append('<g class="tag" data-tag="%s" transform="translate(0,%d)">'
                   '<text x="0" y="18">%s</text>' % (tag, TOP + i * ROW_H, tag))
        for s, (name, colour) in enumerate(SERIES):
            out.append('<rect class="bar %s" data-count="%d" x="%d" y="%d" '
                       'width="%d" height="7" fill="%s"><title>%s: %d %s'
                       '</title></rect>' % (name, b[1 + s], LABEL_W, 3 + s * 9,
                                            _bar_len(b[1 + s], top), colour,
                                            tag, b[1 + s], name))
        out.append('<text x="%d" y="18">%d / %d / %d</text></g>'
                   % (LABEL_W + BAR_W + 10, b[1], b[2], b[3]))
    out.append("</svg>\n")
    return "".join(out)


# The trend chart: columns of COL_W, a plot PLOT_H high between a legend
# and the run names.
COL_W, PLOT_H, T_TOP, T_LEFT, T_RIGHT, T_BOTTOM = 46, 160, 30, 50, 80, 60


def _nice(v: float) -> str:
    return "%.0f" % v if v >= 100 else "%.3g" % v


def trend_svg(nights: List[Tuple[str, int, int, Optional[float]]]) -> str:
    """nights: (run id, passed, failed, checkpoints/s or None), oldest
    first.  Bars: jobs (left scale); line and dots: speed (right scale)."""
    jobs = max([p + f for _, p, f, _ in nights] + [1])
    rates = [r for *_, r in nights if r]
    rmax = max(rates + [0.0])
    # at least as wide as the legend
    w = max(T_LEFT + len(nights) * COL_W + T_RIGHT, T_LEFT + 320)
    h = T_TOP + PLOT_H + T_BOTTOM
    base = T_TOP + PLOT_H
    out = ['<svg class="trend" xmlns="http://www.w3.org/2000/svg" width="%d" '
           'height="%d" font-family="sans-serif" font-size="11" role="img" '
           'aria-label="jobs passed and failed, and checkpoints per second, '
           'per night">' % (w, h)]
    for k, (name, colour) in enumerate((("passed", "#3c9a4a"), ("failed", "#c9302c"),
                                        ("checkpoints/s", "#222"))):
        out.append('<rect class="key" x="%d" y="8" width="12" height="10" '
                   'fill="%s"/><text x="%d" y="17">%s</text>'
                   % (T_LEFT + k * 100, colour, T_LEFT + k * 100 + 16, name))
    right = T_LEFT + len(nights) * COL_W
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>'
               % (T_LEFT - 4, base, right + 4, base))
    out.append('<text x="%d" y="%d" text-anchor="end">%d jobs</text>'
               % (T_LEFT - 6, T_TOP + 10, jobs))
    if rmax:
        out.append('<text x="%d" y="%d">%s/s</text>'
                   % (right + 8, T_TOP + 10, _nice(rmax)))
    pts = []
    for i, (run, p, f, r) in enumerate(nights):
        x = T_LEFT + i * COL_W + 10
        hp = round(PLOT_H * p / jobs, 1)
        hf = round(PLOT_H * f / jobs, 1)
        out.append('<g class="run" data-run="%s">' % _e(run))
        out.append('<rect class="pass" data-count="%d" x="%d" y="%.1f" width="26" '
                   'height="%.1f" fill="#3c9a4a"><title>%s: %d passed</title></rect>'
                   % (p, x, base - hp, hp, _e(run), p))
        out.append('<rect class="fail" data-count="%d" x="%d" y="%.1f" width="26" '
                   'height="%.1f" fill="#c9302c"><title>%s: %d failed</title></rect>'
                   % (f, x, base - hp - hf, hf, _e(run), f))
        if r:
            y = round(base - PLOT_H * r / rmax, 1)
            pts.append("%d,%.1f" % (x + 13, y))
            out.append('<circle class="rate" data-count="%.0f" cx="%d" cy="%.1f" '
                       'r="3.5" fill="#222"><title>%s: %.0f checkpoints/s</title>'
                       '</circle>' % (r, x + 13, y, _e(run), r))
        out.append('<text x="%d" y="%d" transform="rotate(40 %d %d)">%s</text></g>'
                   % (x + 4, base + 14, x + 4, base + 14, _e(run[-10:])))
    if len(pts) > 1:
        out.append('<polyline class="rate-line" points="%s" fill="none" '
                   'stroke="#222" stroke-width="1.5"/>' % " ".join(pts))
    out.append("</svg>\n")
    return "".join(out)
