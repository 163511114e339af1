#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# risu-trace coverage --html: a run with a reference trace and a compared
# one that diverges (the runner's RISU_INJECT flips a register), drawn as
# per-tag bars.  Checked as a browser shows them (headless Chromium lays
# the page out: tests/nightly/svg-render.sh): one group of three bars per
# tag of --json, each bar's count the JSON's, its width to scale (the
# largest 420 px, every non-zero count visible, zero counts empty), and
# the bars byte-identical to risu-nightly's (tools/nightly/charts.py).
# Usage: coverage-html.sh   ($BUILD; SHOT=file.png keeps a screenshot)
set -u
B=${BUILD:-build}
T=$(mktemp -d /tmp/risu-cov-html.XXXXXX)
trap 'rm -rf "$T"' EXIT
R=$B/risu-mips64el
if [ ! -x "$R" ] || ! command -v qemu-mips64el >/dev/null ||
        ! command -v python3 >/dev/null; then
    echo "check-coverage-html: SKIP (needs $R, qemu-mips64el, python3)"
    exit 0
fi
fail() { echo "check-coverage-html: FAIL: $*" >&2; exit 1; }
Q="qemu-mips64el -cpu 5Kf"
"$B/risugen" -q --arch mips64el --cpu 5Kf -n 3000 --seed 11 -o "$T/i.bin" ||
    fail "risugen"
$Q "$R" --master -t "$T/ref.tr" "$T/i.bin" 2>/dev/null || fail "record"
RISU_INJECT=40:a1:5 $Q "$R" --master -t "$T/bad.tr" "$T/i.bin" 2>/dev/null ||
    fail "record with a flipped a1"
C="$B/risu-trace coverage --image $T/i.bin $T/ref.tr $T/bad.tr"
$C --json >"$T/cov.json" || fail "coverage --json"
$C --html "$T/cov.html" >"$T/text" || fail "coverage --html"
grep -q '^coverage: 1 image' "$T/text" || fail "--html lost the text report"
$B/risu-trace coverage --html /nonexistent/x.html "$T/i.bin" >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q 'cannot write /nonexistent/x.html' "$T/err" ||
    fail "an unwritable --html FILE is not a clear error: $(cat "$T/err")"
grep -qi '<script' "$T/cov.html" && fail "the page has a script"

bash tests/nightly/svg-render.sh "$T/cov.html" ${SHOT:+"$SHOT"} >"$T/m"
rc=$?
[ $rc = 77 ] && { echo "check-coverage-html: SKIP (no chromium)"; exit 0; }
[ $rc = 0 ] || fail "svg-render: $(cat "$T/m")"
PYTHONPATH=tools python3 - "$T/cov.json" "$T/m" "$T/cov.html" <<'PY' || exit 1
import json, re, sys
from nightly import charts
doc = json.load(open(sys.argv[1]))
tags = {t["tag"]: (t["generated"], t["executed"], t["diverged"]) for t in doc["tags"]}
marks = [l.split() for l in open(sys.argv[2]) if l.startswith("mark cov-bars ")]
errs = []
if len(tags) < 5 or len(marks) != 3 * len(tags):
    errs.append("%d bars drawn for %d tags" % (len(marks), len(tags)))
top = max(max(v) for v in tags.values())
seen = set()
for _, _, cls, tag, count, w, h in marks:
    series = cls.split(".")[1]
    want = tags.get(tag, (None,) * 3)[["generated", "executed", "diverged"].index(series)]
    seen.add(tag)
    w, h = float(w), float(h)
    if int(count) != want:
        errs.append("%s %s: drawn %s, --json says %s" % (tag, series, count, want))
    if h <= 0 or (want and w < 1) or (not want and w != 0):
        errs.append("%s %s: count %s laid out %gx%g" % (tag, series, count, w, h))
    if want and abs(w - max(1, round(want * 420 / top))) > 1:
        errs.append("%s %s: %g px for %d of %d" % (tag, series, w, want, top))
if seen != set(tags):
    errs.append("tags without bars: %s" % sorted(set(tags) - seen))
div = sum(v[2] for v in tags.values())
if not div:
    errs.append("the flipped a1 diverged nowhere")
svg = re.search(r'<svg class="cov-bars".*?</svg>\n', open(sys.argv[3]).read(), re.S)
py = charts.tag_bars_svg([(t["tag"], t["generated"], t["executed"], t["diverged"])
                          for t in doc["tags"]])
if not svg or svg.group(0) != py:
    errs.append("risu-nightly would draw other bars for the same numbers")
for e in errs:
    print("check-coverage-html: FAIL: " + e, file=sys.stderr)
if errs:
    sys.exit(1)
print("check-coverage-html: %d tags, %d bars laid out, %d divergences drawn"
      % (len(tags), len(marks), div))
PY
