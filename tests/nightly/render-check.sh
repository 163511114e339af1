#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Render a risu-nightly HTML report in headless Chromium and check that
# what the browser built (--dump-dom) has the matrix cells summary.json
# counts, and a divergence block (with the rendered `risu-trace diff`
# divergences and the shrink box) for every failing job.
# Usage: render-check.sh RUN_DIR [SCREENSHOT.png]
# Exit 0 ok, 1 mismatch, 77 Chromium absent (the caller reports SKIP).
set -u
dir=$1
shot=${2:-}
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
    echo "SKIP: chromium not installed (tools/deps.sh installs it)"
    exit 77
fi
profile=$(mktemp -d /tmp/risu-nightly-chrome.XXXXXX)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$profile")
url="file://$(cd "$dir" && pwd)/index.html"
if ! timeout 60 "$chrome" "${flags[@]}" --dump-dom "$url" > "$profile/dom.html" \
        2> "$profile/err"; then
    echo "FAIL: chromium --dump-dom failed"; tail -5 "$profile/err"; exit 1
fi
python3 - "$profile/dom.html" "$dir/summary.json" <<'EOF' || exit 1
import json, sys
from html.parser import HTMLParser

class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.status = {}
        self.h1 = False
        self.title = ""
        self.block = None          # the divergence block being read
        self.blocks = {}           # job id -> [divergences, shrink boxes]
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "td" and "data-status" in a:
            self.status[a["data-job"]] = a["data-status"]
        if tag == "div" and "div" in cls:
            self.block = a.get("id")
            self.blocks[self.block] = [0, 0]
        elif tag == "div" and self.block and "dv" in cls:
            self.blocks[self.block][0] += 1
        elif tag == "div" and self.block and "shrink" in cls:
            self.blocks[self.block][1] += 1
        self.h1 = tag == "h1"
    def handle_data(self, data):
        if self.h1:
            self.title += data

dom = Cells()
dom.feed(open(sys.argv[1], encoding="utf-8").read())
summary = json.load(open(sys.argv[2]))
want = {k: v for k, v in summary["counts"].items() if v}
got = {}
for s in dom.status.values():
    got[s] = got.get(s, 0) + 1
if len(dom.status) != summary["jobs"] or got != want:
    print("FAIL: rendered cells %s (%d), summary.json says %s (%d jobs)"
          % (got, len(dom.status), want, summary["jobs"]))
    sys.exit(1)
if summary["run"] not in dom.title:
    print("FAIL: rendered title %r lacks the run id" % dom.title)
    sys.exit(1)
# every failing job has its block, with `risu-trace diff`'s divergences
# rendered (a .dv per divergence) when its result holds a diff document
import os
missing = []
for job in summary["failed"]:
    r = json.load(open(os.path.join(os.path.dirname(sys.argv[2]), "jobs", job + ".json")))
    b = dom.blocks.get(job)
    if b is None or ((r.get("diff") or {}).get("ok") and not b[0]) or \
            (isinstance(r.get("shrink"), dict) and not b[1]):
        missing.append("%s %s" % (job, b))
if missing:
    print("FAIL: divergence blocks missing or incomplete: %s" % ", ".join(missing))
    sys.exit(1)
print("render: %d cells %s, %d divergence blocks with %d divergences shown" % (
    len(dom.status), got, len(dom.blocks), sum(b[0] for b in dom.blocks.values())))
EOF
if [ -n "$shot" ]; then
    timeout 60 "$chrome" "${flags[@]}" --window-size=1400,2000 \
        --screenshot="$shot" "$url" > /dev/null 2>&1
    if [ ! -s "$shot" ]; then
        echo "FAIL: no screenshot"; exit 1
    fi
fi
exit 0
