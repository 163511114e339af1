# SPDX-License-Identifier: GPL-2.0-or-later
"""Collect the result files of a run and write junit.xml, index.html and
summary.json beside them; decide the exit status for CI."""

import json
import os
import sys
from typing import Dict, List

from . import EXIT_ERROR, EXIT_FAIL, EXIT_OK, html_report, junit
from .matrix import Job
from .results import Run, history, previous_run, summarize, trend


def exit_status(jobs: List[Job], results: Dict[str, Dict]) -> int:
    """2 when the night is incomplete or broken (an error or a job without
    result): its passes prove less than they seem; else 1 for any
    divergence; else 0 (passes and skipped down boards)."""
    sts = [results[j.id]["status"] if j.id in results else "missing" for j in jobs]
    if any(s in ("error", "missing") for s in sts):
        return EXIT_ERROR
    if "fail" in sts:
        return EXIT_FAIL
    return EXIT_OK


def write_all(config_path: str, run: Run, jobs: List[Job], quiet: bool = False,
              subset: bool = False) -> int:
    """subset: a part of the matrix (--only), written as junit-only.xml,
    index-only.html and summary-only.json beside the run's own files so
    that the whole run's report is never replaced by a part of it."""
    sfx = "-only" if subset else ""
    results = run.all_results()
    results = {j.id: results[j.id] for j in jobs if j.id in results}
    prev = previous_run(run.root, run.id)
    prev_results = prev.all_results() if prev else {}
    os.makedirs(run.dir, exist_ok=True)
    junit.write(os.path.join(run.dir, "junit%s.xml" % sfx), run.id, jobs, results)
    html_report.write(os.path.join(run.dir, "index%s.html" % sfx), html_report.Report(
        run.id, jobs, results, prev.id if prev else None, prev_results, config_path,
        history(run.root, run.id, results)))
    status = exit_status(jobs, results)
    counts = summarize(list(results.values()))
    counts["missing"] = len(jobs) - len(results)
    trends: Dict[str, int] = {}
    if prev:
        for j in jobs:
            if j.id in results:
                p = prev_results.get(j.id)
                t = trend(results[j.id]["status"], p["status"] if p else None)
                trends[t] = trends.get(t, 0) + 1
    summary = {"run": run.id, "previous": prev.id if prev else None,
               "jobs": len(jobs), "counts": counts, "trend": trends,
               "exit": status,
               "failed": sorted(i for i, r in results.items() if r["status"] == "fail"),
               "errors": sorted(i for i, r in results.items() if r["status"] == "error")}
    tmp = os.path.join(run.dir, "summary%s.json.tmp" % sfx)
    with open(tmp, "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    os.replace(tmp, os.path.join(run.dir, "summary%s.json" % sfx))
    if not quiet:
        _print(run, jobs, results, counts, summary, sfx)
    return status


def _print(run, jobs, results, counts, summary, sfx="") -> None:
    for j in jobs:
        r = results.get(j.id)
        if r is None:
            print("MISSING %s" % j.id)
        elif r["status"] in ("fail", "error"):
            print("%-7s %s: %s" % (r["status"].upper(), j.id, r.get("message", "")))
    t = summary["trend"]
    if summary["previous"]:
        print("vs %s: %d newly failing, %d fixed" % (
            summary["previous"], t.get("regressed", 0), t.get("fixed", 0)))
    print("reports: %s/junit%s.xml %s/index%s.html" % (run.dir, sfx, run.dir, sfx))
    if sfx:
        print("(a subset, --only: the run's own junit.xml, index.html and "
              "summary.json are left as they were)")
    # The plain closing line CI log readers understand.
    if counts["error"] or counts["missing"]:
        print("risu-nightly: %d errors, %d not run" % (counts["error"],
                                                       counts["missing"]))
    print("risu-nightly: %d passed, %d failed, %d skipped" % (
        counts["pass"], counts["fail"], counts["skip"]))
    sys.stdout.flush()
