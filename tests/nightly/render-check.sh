#!/bin/bash
# Render a risu-nightly HTML report in headless Chromium and check that
# what the browser built (--dump-dom) has the matrix cells summary.json
# counts.  Usage: render-check.sh RUN_DIR [SCREENSHOT.png]
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
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td" and "data-status" in a:
            self.status[a["data-job"]] = a["data-status"]
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
print("render: %d cells %s" % (len(dom.status), got))
EOF
if [ -n "$shot" ]; then
    timeout 60 "$chrome" "${flags[@]}" --window-size=1280,1400 \
        --screenshot="$shot" "$url" > /dev/null 2>&1
    if [ ! -s "$shot" ]; then
        echo "FAIL: no screenshot"; exit 1
    fi
fi
exit 0
