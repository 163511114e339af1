# SPDX-License-Identifier: GPL-2.0-or-later
"""The nightly report's pictures as headless Chromium laid them out
(tests/nightly/svg-render.sh's measurements), against the run files:
usage: chart-check.py RESULTS RUN MEASUREMENTS NIGHT...

  trend   one column per NIGHT, in order; its passed / failed-or-error
          counts those of the night's summary.json, the bars' heights to
          scale (160 px for the largest night), a speed dot per night
  bars    one group of three bars per tag the run's job files count,
          with their sums, to scale, every non-zero count visible, and
          some divergence drawn (the run has failures)
"""
import glob
import json
import os
import sys

root, run, measured, nights = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
lines = [l.split() for l in open(measured) if l.startswith(("svg ", "mark "))]
errs = []

svgs = [l[1] for l in lines if l[0] == "svg"]
if svgs.count("trend") != 1 or svgs.count("cov-bars") != 1:
    errs.append("charts drawn: %s" % svgs)

trend = [l for l in lines if l[0] == "mark" and l[1] == "trend"]
cols = []
for l in trend:
    if l[3] not in cols:
        cols.append(l[3])
if cols != nights:
    errs.append("trend columns %s, want %s" % (cols, nights))
want = {}
for n in nights:
    c = json.load(open(os.path.join(root, n, "summary.json")))["counts"]
    want[n] = {"pass": c["pass"], "fail": c["fail"] + c["error"]}
top = max(v["pass"] + v["fail"] for v in want.values())
for _, _, cls, night, count, w, h in trend:
    w, h, count = float(w), float(h), float(count)
    if cls in ("pass", "fail"):
        if count != want.get(night, {}).get(cls):
            errs.append("%s %s: drawn %g, summary.json %s" % (night, cls, count,
                                                             want.get(night)))
        if abs(h - 160 * count / top) > 1 or (count and w < 20):
            errs.append("%s %s: %g jobs laid out %gx%g" % (night, cls, count, w, h))
    elif cls == "rate" and not (count > 0 and w > 5 and h > 5):
        errs.append("%s speed dot: %g/s laid out %gx%g" % (night, count, w, h))
dots = {l[3] for l in trend if l[2] == "rate"}
if dots != set(nights):
    errs.append("speed dots for %s, want every night" % sorted(dots))

sums = {}
for f in glob.glob(os.path.join(root, run, "jobs", "*.json")):
    cov = json.load(open(f)).get("coverage") or {}
    for t, v in (cov.get("tags") or {}).items():
        acc = sums.setdefault(t, [0, 0, 0])
        for k in range(3):
            acc[k] += v[k]
bars = [l for l in lines if l[0] == "mark" and l[1] == "cov-bars"]
if not sums or len(bars) != 3 * len(sums):
    errs.append("%d coverage bars for %d tags" % (len(bars), len(sums)))
series = ["generated", "executed", "diverged"]
for _, _, cls, tag, count, w, h in bars:
    k = series.index(cls.split(".")[1])
    v = sums.get(tag, [None] * 3)[k]
    if v != int(count) or float(h) <= 0 or (v and float(w) < 1) or (not v and float(w)):
        errs.append("%s %s: drawn %s laid out %sx%s, jobs say %s" % (tag, series[k],
                                                                      count, w, h, v))
div = sum(v[2] for v in sums.values())
if not div:
    errs.append("no divergence drawn, though the run has failures")
for e in errs:
    print("FAIL: " + e)
if errs:
    sys.exit(1)
print("charts: trend %s (%d marks), %d tags x 3 bars, %d divergences drawn"
      % (" ".join(cols), len(trend), len(sums), div))
