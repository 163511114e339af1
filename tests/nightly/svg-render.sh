#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Lay out an HTML page's inline SVG charts in headless Chromium and print
# what the browser measured, one line per element:
#   svg CLASS WIDTH HEIGHT
#   mark SVG-CLASS ELEMENT-CLASS GROUP COUNT WIDTH HEIGHT
# for every element with a data-count (GROUP: the data-tag or data-run
# of its group).  The page itself has no script: a copy gets a measuring
# one at its end (getBoundingClientRect), and --dump-dom returns it.
# With a second argument, also a screenshot of the original page.
# Usage: svg-render.sh PAGE.html [SHOT.png]
# Exit 0 ok, 1 failure, 77 Chromium absent (the caller says SKIP).
set -u
page=$1
shot=${2:-}
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
    echo "SKIP: chromium not installed (tools/deps.sh installs it)" >&2
    exit 77
fi
tmp=$(mktemp -d /tmp/risu-svg-render.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update
       --disable-sync --user-data-dir="$tmp/profile")
sed 's|</body>||' "$page" > "$tmp/page.html"
cat >> "$tmp/page.html" <<'JS'
<script>
(function () {
  var out = [];
  document.querySelectorAll('svg').forEach(function (s) {
    var r = s.getBoundingClientRect(), c = s.getAttribute('class') || '-';
    out.push(['svg', c, r.width.toFixed(1), r.height.toFixed(1)].join(' '));
    s.querySelectorAll('[data-count]').forEach(function (e) {
      var b = e.getBoundingClientRect();
      var g = e.closest('[data-tag],[data-run]');
      out.push(['mark', c, e.getAttribute('class').replace(/ /g, '.'),
                g ? (g.getAttribute('data-tag') || g.getAttribute('data-run'))
                  : '-', e.getAttribute('data-count'),
                b.width.toFixed(1), b.height.toFixed(1)].join(' '));
    });
  });
  var p = document.createElement('pre');
  p.id = 'svg-measure';
  p.textContent = '\n' + out.join('\n') + '\n';
  document.body.appendChild(p);
})();
</script></body></html>
JS
if ! timeout 60 "$chrome" "${flags[@]}" --dump-dom "file://$tmp/page.html" \
        > "$tmp/dom.html" 2> "$tmp/err"; then
    echo "FAIL: chromium --dump-dom failed" >&2
    tail -5 "$tmp/err" >&2
    exit 1
fi
sed -n '/<pre id="svg-measure">/,/<\/pre>/p' "$tmp/dom.html" |
    grep -E '^(svg|mark) ' || { echo "FAIL: nothing measured" >&2; exit 1; }
if [ -n "$shot" ]; then
    timeout 60 "$chrome" "${flags[@]}" --window-size=1100,1400 \
        --screenshot="$shot" "file://$(cd "$(dirname "$page")" &&
        pwd)/$(basename "$page")" > /dev/null 2>&1
    [ -s "$shot" ] || { echo "FAIL: no screenshot" >&2; exit 1; }
fi
exit 0
