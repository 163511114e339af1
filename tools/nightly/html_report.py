# SPDX-License-Identifier: GPL-2.0-or-later
"""The static HTML summary: one self-contained file (inline CSS, no
JavaScript, so CI artifact viewers with strict CSP show it as is).

  totals and trend versus the previous run
  per suite a matrix: rows = tag set x seed x count, columns = reference x
    implementation, cells pass / FAIL / skip / error with the trend
  every divergence as `risu-trace diff --json` explains it (html_diff):
    instruction, pattern and fields, registers with both values, FP and
    lane views, signals, the code before it; the shrunk reproducer (repro.c,
    README) and whether it reproduces; links to image and traces; the
    replay command.  Without a diff document: the runner's report and
    objdump's disassembly
  errors and skipped jobs with their reasons
  pictures (charts.py, inline SVG): pass/fail and checkpoints/s over the
    last nights, and generated/executed/diverged instructions per tag

Matrix cells carry data-job / data-status / data-trend for tools and the
rendering test (tests/nightly/render-check.sh).
"""

import html
import json
import os
import time
from typing import Dict, List, Optional

from . import charts, html_diff
from .matrix import Job, tag_slug
from .results import STATUSES, trend

CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 1.6em; }
.muted { color: #666; }
.totals span { display: inline-block; padding: .25em .7em; margin-right: .4em;
  border-radius: .3em; font-weight: 600; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; }
th { background: #f2f2f2; }
td.cell { text-align: center; min-width: 5.5em; font-weight: 600; }
.pass { background: #d4f4d4; color: #145214; }
.fail { background: #f9caca; color: #8a0d0d; }
.skip { background: #e6e6e6; color: #555; }
.error { background: #ffe1a8; color: #7a4b00; }
.missing { background: #fff; color: #a00; border-style: dashed; }
.trend { display: block; font-size: .75em; font-weight: 400; }
.badge { font-size: .85em; font-weight: 700; }
.badge.regressed { color: #c00; }
.regressed .trend, .trend.regressed { color: #c00; font-weight: 700; }
.fixed .trend, .trend.fixed { color: #070; font-weight: 700; }
pre, code { font: 12.5px/1.35 ui-monospace, monospace; }
pre { background: #f7f7f7; border: 1px solid #ddd; padding: .5em; overflow-x: auto; }
tr.culprit td { background: #fff3b0; font-weight: 600; }
.div { border-left: 4px solid #c33; padding-left: 1em; margin: 1.2em 0; }
a { color: #0645ad; }
.scroll { overflow-x: auto; }
"""


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def _cell_text(status: str) -> str:
    return {"pass": "pass", "fail": "FAIL", "skip": "skip", "error": "error",
            "missing": "not run"}[status]


def _link(href: str, text: str) -> str:
    return '<a href="%s">%s</a>' % (_e(href), _e(text))


class Report:
    def __init__(self, run_id: str, jobs: List[Job], results: Dict[str, Dict],
                 prev_id: Optional[str], prev: Dict[str, Dict], config_path: str,
                 nights: Optional[List] = None):
        self.run_id, self.jobs, self.results = run_id, jobs, results
        self.prev_id, self.prev = prev_id, prev
        self.config_path = config_path
        self.nights = nights or []

    def status(self, j: Job) -> str:
        r = self.results.get(j.id)
        return r["status"] if r else "missing"

    def trend(self, j: Job) -> str:
        if not self.prev_id:
            return ""
        p = self.prev.get(j.id)
        return trend(self.status(j), p["status"] if p else None)

    # ------------------------------------------------------------ parts
    def totals(self) -> str:
        cur = {s: 0 for s in STATUSES + ("missing",)}
        for j in self.jobs:
            cur[self.status(j)] += 1
        old = {s: 0 for s in STATUSES}
        for r in self.prev.values():
            old[r["status"]] = old.get(r["status"], 0) + 1
        out = ['<p class="totals">']
        for s in STATUSES + ("missing",):
            if s == "missing" and not cur[s]:
                continue
            delta = ""
            if self.prev_id and s in old:
                d = cur[s] - old[s]
                delta = " (%+d)" % d if d else ""
            out.append('<span class="%s" data-total="%s">%d %s%s</span>'
                       % (s, s, cur[s], _cell_text(s), delta))
        out.append("</p>")
        return "".join(out)

    def trend_summary(self) -> str:
        if not self.prev_id:
            return "<p class=muted>No previous run to compare with.</p>"
        groups: Dict[str, List[Job]] = {}
        for j in self.jobs:
            groups.setdefault(self.trend(j), []).append(j)
        gone = sorted(set(self.prev) - {j.id for j in self.jobs})
        out = ["<p>Compared with run <b>%s</b>: " % _e(self.prev_id)]
        parts = []
        for t, label in (("regressed", "newly failing or in error"), ("fixed", "fixed"),
                         ("still-fail", "still failing"),
                         ("still-error", "still in error"), ("new", "new jobs")):
            n = len(groups.get(t, []))
            parts.append('<span class="trend-count %s" data-trend-count="%s">%d %s</span>'
                         % (t, t, n, label))
        if gone:
            parts.append("%d jobs no longer in the matrix" % len(gone))
        out.append(", ".join(parts) + ".</p>")
        for t, label in (("regressed", "Newly failing or in error"), ("fixed", "Fixed")):
            if groups.get(t):
                out.append("<p><b>%s:</b> %s</p>" % (label, ", ".join(
                    _link("#" + j.id, j.id) if t == "regressed" else _e(j.id)
                    for j in groups[t])))
        return "".join(out)

    def matrix(self, suite: str, sjobs: List[Job]) -> str:
        refs, impls, rows = [], [], []
        for j in sjobs:
            if j.reference not in refs:
                refs.append(j.reference)
            if j.implementation not in impls:
                impls.append(j.implementation)
            row = (j.tags, j.seed, j.numinsns)
            if row not in rows:
                rows.append(row)
        by = {(j.tags, j.seed, j.numinsns, j.reference, j.implementation): j
              for j in sjobs}
        out = ['<table class="matrix" data-suite="%s">' % _e(suite),
               '<tr><th rowspan=2>tags</th><th rowspan=2>seed</th>'
               '<th rowspan=2>insns</th>']
        for r in refs:
            out.append('<th colspan=%d>reference %s</th>' % (len(impls), _e(r)))
        out.append("</tr><tr>")
        out.extend("<th>%s</th>" % _e(i) for r in refs for i in impls)
        out.append("</tr>")
        for tags, seed, n in rows:
            out.append("<tr><td>%s</td><td>%d</td><td>%d</td>"
                       % (_e(tag_slug(tags)), seed, n))
            for r in refs:
                for i in impls:
                    j = by.get((tags, seed, n, r, i))
                    if not j:
                        out.append("<td></td>")
                        continue
                    out.append(self.cell(j))
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)

    def cell(self, j: Job) -> str:
        st = self.status(j)
        tr = self.trend(j)
        r = self.results.get(j.id) or {}
        title = r.get("message", "no result file") if st != "pass" else \
            "match (golden %s)" % r.get("golden", "?")
        text = _cell_text(st)
        if st in ("fail", "error"):
            text = _link("#" + j.id, text)
        trend_txt = {"regressed": "NEW", "fixed": "fixed", "new": "",
                     "same": ""}.get(tr, "")
        if tr.startswith("still-"):
            trend_txt = "again"
        return ('<td class="cell %s %s" data-job="%s" data-status="%s" '
                'data-trend="%s" title="%s">%s%s</td>'
                % (st, tr, _e(j.id), st, _e(tr), _e(title), text,
                   '<span class="trend">%s</span>' % trend_txt if trend_txt else ""))

    def has_details(self, j: Job) -> bool:
        """Failures, and errors that still have a divergence to show (the
        runner found one but `risu-trace diff` failed)."""
        r = self.results.get(j.id) or {}
        return r.get("status") == "fail" or (r.get("status") == "error"
                                             and bool(r.get("divergences")))

    def divergence(self, j: Job) -> str:
        r = self.results[j.id]
        w = r.get("work", "")
        st = r["status"]
        out = ['<div class="div" id="%s" data-status="%s">' % (_e(j.id), _e(st)),
               "<h3>%s%s</h3>" % (_e(j.id), ' <span class="error badge">ERROR</span>'
                                  if st == "error" else ""),
               "<p><b>%s</b> vs reference <b>%s</b>, tags %s, seed %d, %d insns%s</p>"
               % (_e(r.get("implementation_label", j.implementation)),
                  _e(r.get("reference_label", j.reference)), _e(tag_slug(j.tags)),
                  j.seed, j.numinsns,
                  ' — <span class="badge regressed">new since %s</span>' % _e(self.prev_id)
                  if self.trend(j) == "regressed" else "")]
        d = r.get("diff") if isinstance(r.get("diff"), dict) else {}
        doc = d.get("doc") if d.get("ok") else None
        if st == "error":
            out.append('<p class="errbox diff-error"><b>error:</b> %s</p>'
                       % _e(r.get("message", "")))
        elif d.get("error") and not d.get("skipped"):
            out.append('<p class="errbox diff-error"><b>risu-trace diff:</b> %s</p>'
                       % _e(d["error"]))
        if doc:
            out.append(html_diff.diff_doc(doc, d.get("note")))
        else:
            if not r.get("divergences"):
                out.append("<p>%s</p>" % _e(r.get("message", "")))
            elif d.get("skipped"):
                out.append("<p class=muted>risu-trace diff not used (%s): the runner's "
                           "report and objdump.</p>" % _e(d.get("error", "")))
            out.append(self.runner_divergences(r))
        if isinstance(r.get("shrink"), dict):
            out.append(html_diff.shrink_box(r["shrink"], w))
        links = []
        if w:
            links.append(_link(w + "/image.bin", "image"))
            links.append(_link(w + "/golden.trace", "golden trace"))
            if r.get("impl_trace"):
                links.append(_link(w + "/impl.trace", "implementation trace"))
            if d.get("file"):
                links.append(_link(w + "/" + d["file"], "diff.json"))
            if r.get("shrunk"):           # results of older versions
                links.append(_link(w + "/" + r["shrunk"], "shrunk reproducer"))
        if links:
            out.append("<p>%s</p>" % " · ".join(links))
        if r.get("shrink_error"):
            out.append("<p class=muted>shrink failed: %s</p>" % _e(r["shrink_error"]))
        if r.get("reproducer"):
            out.append("<p>Replay (in <code>%s</code>):</p><pre>%s</pre>"
                       % (_e(w), _e(r["reproducer"])))
        if r.get("diff_json") is not None:     # results of older versions
            out.append("<details><summary>diff tool output</summary><pre>%s"
                       "</pre></details>" % _e(json.dumps(r["diff_json"], indent=1)))
        if r.get("details"):
            out.append("<details><summary>runner output</summary><pre>%s</pre>"
                       "</details>" % _e(r["details"]))
        out.append("</div>")
        return "".join(out)

    def runner_divergences(self, r: Dict) -> str:
        """The runner's own report, parsed, with objdump's disassembly:
        what is shown when there is no `risu-trace diff` document."""
        out = []
        for d in r.get("divergences", [])[:5]:
            out.append("<h4>checkpoint %d: %s <code>%s</code> at +0x%x</h4>"
                       % (d["checkpoint"], _e(d["pattern"] or "insn"), _e(d["insn"]),
                          d["pc_off"]))
            if d.get("regs"):
                out.append("<table><tr><th>register</th><th>reference</th>"
                           "<th>implementation</th><th>mask</th></tr>")
                for x in d["regs"]:
                    out.append("<tr><td><code>%s</code></td><td><code>%s</code></td>"
                               "<td><code>%s</code></td><td><code>%s</code></td></tr>"
                               % (_e(x["name"]), _e(x["ref"]), _e(x["got"]), _e(x["mask"])))
                out.append("</table>")
            other = [l for l in d["lines"][1:] if not any(
                l.strip().startswith(x["name"] + " ") for x in d["regs"])]
            if other:
                out.append("<pre>%s</pre>" % _e("\n".join(other)))
            if d.get("disasm"):
                out.append("<table class=disasm><tr><th>offset</th><th>word</th>"
                           "<th>disassembly</th><th>pattern</th></tr>")
                for x in d["disasm"]:
                    out.append('<tr%s><td><code>+0x%04x</code></td><td><code>%s</code>'
                               '</td><td><code>%s</code></td><td>%s</td></tr>'
                               % (' class="culprit"' if x["culprit"] else "",
                                  x["off"], _e(x["word"]), _e(x["asm"]),
                                  _e(x["pattern"])))
                out.append("</table>")
        if len(r.get("divergences", [])) > 5:
            out.append("<p class=muted>%d more divergences in the runner output "
                       "below.</p>" % (len(r["divergences"]) - 5))
        return "".join(out)

    def problems(self) -> str:
        """Errors and missing jobs one by one; skipped jobs grouped by
        reference (a down board skips dozens of jobs for one reason)."""
        rows, skipped = [], {}
        for j in self.jobs:
            st = self.status(j)
            r = self.results.get(j.id) or {}
            if st == "skip":
                skipped.setdefault(j.reference, []).append(r.get("message", ""))
            elif st in ("error", "missing"):
                detailed = self.has_details(j)
                rows.append('<tr%s><td class="%s">%s</td><td>%s</td><td>%s</td></tr>'
                            % ("" if detailed else ' id="%s"' % _e(j.id), st,
                               _cell_text(st),
                               _link("#" + j.id, j.id) if detailed else _e(j.id),
                               _e(r.get("message", "no result file: interrupted "
                                        "or not scheduled"))))
        for ref, msgs in skipped.items():
            rows.append('<tr><td class="skip">skip</td><td>%d jobs on reference %s</td>'
                        '<td>%s</td></tr>' % (len(msgs), _e(ref), _e(msgs[0])))
        if not rows:
            return ""
        return ("<h2>Errors and skipped jobs</h2><table><tr><th>status</th>"
                "<th>job</th><th>why</th></tr>%s</table>" % "".join(rows))

    def pictures(self) -> str:
        """The trend over the last nights, and this run's coverage per tag
        summed over its jobs (charts.py draws both)."""
        out = []
        if self.nights:
            out.append("<h2>Trend</h2><p class=muted>Jobs passed and failed (or "
                       "in error) per run, and the checkpoints per second of "
                       "the passing replays, over the last %d runs.</p>"
                       % len(self.nights))
            out.append('<div class="scroll">%s</div>' % charts.trend_svg(self.nights))
        tags: Dict[str, List[int]] = {}
        for j in self.jobs:
            cov = (self.results.get(j.id) or {}).get("coverage") or {}
            for t, v in (cov.get("tags") or {}).items():
                acc = tags.setdefault(t, [0, 0, 0])
                for k in range(3):
                    acc[k] += v[k]
        if tags:
            out.append("<h2>Coverage per tag</h2><p class=muted>Over the jobs "
                       "of this run: instructions generated, executed on the "
                       "reference, and diverged in the implementation's trace "
                       "(kept for failures).</p>")
            out.append('<div class="scroll">%s</div>' % charts.tag_bars_svg(
                [(t,) + tuple(v) for t, v in sorted(tags.items())]))
        return "".join(out)

    def store_line(self) -> str:
        rec = sum(1 for r in self.results.values() if r.get("golden") == "recorded")
        reu = sum(1 for r in self.results.values() if r.get("golden") == "reused")
        gens = sorted({r.get("generator", "") for r in self.results.values()} - {""})
        return ("<p class=muted>Golden traces: %d recorded this run, %d reused from "
                "the store. Generator: %s.</p>" % (rec, reu, _e(", ".join(gens) or "-")))

    def render(self) -> str:
        suites: Dict[str, List[Job]] = {}
        for j in self.jobs:
            suites.setdefault(j.suite, []).append(j)
        out = ["<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
               "<title>risu-nightly %s</title><style>%s</style></head><body>"
               % (_e(self.run_id), CSS + html_diff.CSS),
               "<h1>risu-nightly: run %s</h1>" % _e(self.run_id),
               "<p class=muted>%d jobs from <code>%s</code>, report written %s</p>"
               % (len(self.jobs), _e(self.config_path), time.strftime("%Y-%m-%d %H:%M")),
               self.totals(), self.trend_summary(), self.store_line(),
               self.pictures()]
        for s, sj in suites.items():
            out.append("<h2>Suite %s</h2>" % _e(s))
            out.append('<div class="scroll">%s</div>' % self.matrix(s, sj))
        failed = [j for j in self.jobs if self.has_details(j)]
        if failed:
            out.append("<h2>Divergences</h2>")
            out.extend(self.divergence(j) for j in failed)
        out.append(self.problems())
        out.append("</body></html>\n")
        return "\n".join(out)


def write(path: str, report: Report) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(report.render())
    os.replace(tmp, path)
