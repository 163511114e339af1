# SPDX-License-Identifier: GPL-2.0-or-later
"""Per-run result files: what makes a run resumable and reportable.

RESULTS/RUN/jobs/JOB.json   one per finished job, written atomically: a
                            job killed half-way has none and is rerun
RESULTS/RUN/work/JOB/       image, logs, traces kept for failures
RESULTS/RUN/down/REF        a board found unreachable during this run, so
                            the next jobs skip it without waiting for ssh
RESULTS/RUN/junit.xml, index.html, summary.json   the reports

RUN defaults to today's date, so a nightly cron job resumes an
interrupted run on the same day and the previous run is yesterday's.
"""

import json
import os
import re
import tempfile
import time
from typing import Dict, List, Optional, Tuple

STATUSES = ("pass", "fail", "skip", "error")
RUN_ID_RE = re.compile(r"^[A-Za-z0-9_.+-]+$")


def default_run_id() -> str:
    return os.environ.get("RISU_NIGHTLY_RUN_ID") or time.strftime("%Y-%m-%d")


class Run:
    def __init__(self, results_root: str, run_id: str):
        if not RUN_ID_RE.match(run_id) or run_id in (".", ".."):
            raise ValueError("bad run id '%s'" % run_id)
        self.root = results_root
        self.id = run_id
        self.dir = os.path.join(results_root, run_id)

    def job_file(self, job_id: str) -> str:
        return os.path.join(self.dir, "jobs", job_id + ".json")

    def work_dir(self, job_id: str) -> str:
        return os.path.join(self.dir, "work", job_id)

    def load(self, job_id: str) -> Optional[Dict]:
        try:
            with open(self.job_file(job_id)) as f:
                r = json.load(f)
        except (OSError, ValueError):
            return None
        return r if r.get("status") in STATUSES else None

    def save(self, result: Dict) -> None:
        path = self.job_file(result["id"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
        with os.fdopen(fd, "w") as f:
            json.dump(result, f, indent=1)   # keeps the order of diff fields
        os.replace(tmp, path)

    def forget(self, job_id: str) -> None:
        try:
            os.unlink(self.job_file(job_id))
        except FileNotFoundError:
            pass

    def all_results(self) -> Dict[str, Dict]:
        out = {}
        d = os.path.join(self.dir, "jobs")
        if os.path.isdir(d):
            for name in os.listdir(d):
                if name.endswith(".json") and not name.startswith("."):
                    r = self.load(name[:-5])
                    if r:
                        out[r["id"]] = r
        return out

    # A board found down stays down for the rest of the run: every job
    # would otherwise wait connect-timeout seconds for the same answer.
    def mark_down(self, ref: str, why: str) -> None:
        d = os.path.join(self.dir, "down")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, ref), "w") as f:
            f.write(why + "\n")

    def down_reason(self, ref: str) -> Optional[str]:
        try:
            with open(os.path.join(self.dir, "down", ref)) as f:
                return f.read().strip()
        except OSError:
            return None

    def clear_down(self) -> None:
        d = os.path.join(self.dir, "down")
        if os.path.isdir(d):
            for n in os.listdir(d):
                os.unlink(os.path.join(d, n))


def previous_run(results_root: str, run_id: str) -> Optional[Run]:
    """The latest run before RUN_ID (by name: dates sort) that has results."""
    try:
        names = sorted(n for n in os.listdir(results_root)
                       if RUN_ID_RE.match(n) and n < run_id)
    except OSError:
        return None
    for n in reversed(names):
        if os.path.isdir(os.path.join(results_root, n, "jobs")):
            return Run(results_root, n)
    return None


def trend(status: str, before: Optional[str]) -> str:
    """How a job moved since the previous run."""
    if before is None:
        return "new"
    bad = ("fail", "error")
    if status in bad and before not in bad:
        return "regressed"
    if status == "pass" and before in bad:
        return "fixed"
    if status in bad:
        return "still-" + status
    return "same"


def summarize(results: List[Dict]) -> Dict[str, int]:
    counts = {s: 0 for s in STATUSES}
    for r in results:
        counts[r["status"]] += 1
    return counts


# The runner's closing line of a replay (runner/risu.c)
_CHECKPOINTS_RE = re.compile(r"risu: (\d+) checkpoints, match")


def night_figures(run_id: str, results: Dict[str, Dict]) -> Tuple[str, int, int, Optional[float]]:
    """(run, passed, failed or error, checkpoints per second of the passing
    replays, or None when no replay said how many it compared)."""
    passed = sum(1 for r in results.values() if r["status"] == "pass")
    failed = sum(1 for r in results.values() if r["status"] in ("fail", "error"))
    n, secs = 0, 0.0
    for r in results.values():
        rp = r.get("replay") or {}
        m = _CHECKPOINTS_RE.search(rp.get("output", ""))
        if r["status"] == "pass" and m and rp.get("seconds"):
            n += int(m.group(1))
            secs += rp["seconds"]
    return (run_id, passed, failed, n / secs if secs else None)


def history(results_root: str, run_id: str, results: Dict[str, Dict],
            nights: int = 14) -> List[Tuple[str, int, int, Optional[float]]]:
    """night_figures of the runs before RUN_ID (by name, as previous_run
    orders them) and of RUN_ID itself (RESULTS), the last NIGHTS in all."""
    try:
        names = sorted(n for n in os.listdir(results_root)
                       if RUN_ID_RE.match(n) and n < run_id and
                       os.path.isdir(os.path.join(results_root, n, "jobs")))
    except OSError:
        names = []
    out = [night_figures(n, Run(results_root, n).all_results())
           for n in names[max(0, len(names) - nights + 1):]]
    return out + [night_figures(run_id, results)]
