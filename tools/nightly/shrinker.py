# SPDX-License-Identifier: GPL-2.0-or-later
"""`risu-trace shrink` for a failing job, within a budget.

The smallest image that still diverges, both sides' traces of it, and a
standalone reproducer (repro.c + README with the build and run commands)
go to the job's work dir, `work/JOB/shrink/`, and are linked from the HTML.

How shrink is run (`shrink = auto`, the default):

  reference is an emulator   both sides are rerun on every candidate:
                             --ref-cmd 'REF-EMU -cpu M RUNNER --master -t {trace} {image}'
                             --test-cmd 'IMPL-EMU ... --master -t {trace} {image}'
                             (units, initial registers and NOPs minimised,
                             reproducer run and checked on both sides)
  reference is a board       the golden trace and the implementation:
                             --ref golden.trace -- IMPL-EMU -cpu M RUNNER
                             (only the cut after the divergence can be
                             checked against the golden prefix)

An implementation's `env` (e.g. RISU_INJECT) goes into its command as an
`env NAME=VALUE` prefix, so it reaches the test side only.

Budget: `shrink-timeout` seconds per job at most, and `shrink-budget`
seconds per run in total, shared by every process of the run (run -j,
run-job from a CI matrix, GNU parallel on hosts sharing the results
directory) through RESULTS/RUN/shrink-budget.json under flock.  A job
reserves its timeout before it starts (so parallel jobs cannot overdraw)
and gives back what it did not use.
"""

import fcntl
import json
import os
import shlex
from contextlib import contextmanager
from typing import Dict, List, Optional

from . import procs
from .difftool import tool_env

SCHEMA = "risu-trace-shrink/1"
DIR = "shrink"           # inside the job's work dir
MIN_GRANT = 5.0          # seconds: below that a shrink is not worth starting


def command_words(t, runner: str, emulator_argv) -> List[str]:
    """The target's command (emulator, -cpu, args, runner) with its env."""
    env = ["%s=%s" % kv for kv in t.env.items()]
    return (["env"] + env if env else []) + emulator_argv(t, runner, [])


def _record_template(words: List[str]) -> str:
    return " ".join(shlex.quote(w) for w in words) + " --master -t {trace} {image}"


def auto_argv(risu_trace: str, ref_words: Optional[List[str]], impl_words: List[str],
              patterns: List[str], per_run: float) -> List[str]:
    """REF_WORDS None: the reference cannot be rerun here (a board)."""
    argv = [risu_trace, "shrink", "--image", "image.bin", "--repro", DIR,
            "--json", "--timeout", "%d" % max(1, round(per_run))]
    for d in patterns:
        argv += ["--patterns", d]
    if ref_words:
        return argv + ["--ref-cmd", _record_template(ref_words),
                       "--test-cmd", _record_template(impl_words)]
    return argv + ["--ref", "golden.trace", "--"] + impl_words


# ----------------------------------------------------------------- budget

class Budget:
    """Seconds of shrinking left in a run, shared through a file."""

    def __init__(self, run_dir: str, total: float):
        self.path = os.path.join(run_dir, "shrink-budget.json")
        self.total = total

    @contextmanager
    def _locked(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path + ".lock", "a") as lk:
            fcntl.flock(lk, fcntl.LOCK_EX)
            try:
                data = {"used": 0.0, "shrinks": 0, "refused": 0}
                try:
                    with open(self.path) as f:
                        data.update(json.load(f))
                except (OSError, ValueError):
                    pass
                yield data
                tmp = self.path + ".tmp"
                with open(tmp, "w") as f:
                    json.dump(data, f)
                os.replace(tmp, self.path)
            finally:
                fcntl.flock(lk, fcntl.LOCK_UN)

    def reserve(self, want: float) -> float:
        """Up to WANT seconds, or 0 when the run's budget is spent."""
        with self._locked() as d:
            left = self.total - d["used"]
            if left < MIN_GRANT:
                d["refused"] += 1
                return 0.0
            grant = min(want, left)
            d["used"] += grant
            d["shrinks"] += 1
            return grant

    def settle(self, granted: float, used: float) -> None:
        with self._locked() as d:
            d["used"] = max(0.0, d["used"] - max(0.0, granted - used))

    def used(self) -> float:
        with self._locked() as d:
            return d["used"]


# ------------------------------------------------------------------- run

def run(argv: List[str], work: str, timeout: float, mode: str) -> Dict:
    """Run a shrink command in WORK; the result key "shrink" of a job."""
    os.makedirs(os.path.join(work, DIR), exist_ok=True)
    log = os.path.join(DIR, "shrink.log")
    o = procs.run(argv, timeout, env=tool_env(), cwd=work)
    with open(os.path.join(work, log), "w") as f:
        f.write("$ %s\n%s" % (" ".join(shlex.quote(a) for a in argv), o.err))
        if o.out and mode == "template":
            f.write(o.out)
    _scratch(os.path.join(work, DIR))
    r: Dict = {"mode": mode, "rc": o.rc, "seconds": round(o.seconds, 3),
               "command": " ".join(shlex.quote(a) for a in argv), "log": log,
               "files": {}}
    doc = None
    if o.out.strip().startswith("{"):
        try:
            doc = json.loads(o.out)
        except ValueError:
            doc = None
    if isinstance(doc, dict) and doc.get("schema") == SCHEMA:
        r["result"] = {k: doc.get(k) for k in (
            "checkpoint", "checkpoints_before", "checkpoints_after",
            "code_bytes_before", "code_bytes_after", "units_before", "units_kept",
            "registers_nonzero_before", "registers_kept", "compacted", "runs",
            "verified", "verify_note", "output_matches_trace", "output_mismatches",
            "commands")}
    for key, name in (("image", "shrunk.bin"), ("repro", "repro.c"),
                      ("readme", "README"), ("diff", "diff.txt"),
                      ("ref_trace", "shrunk-ref.trace"),
                      ("test_trace", "shrunk-test.trace")):
        p = os.path.join(DIR, name)
        if os.path.isfile(os.path.join(work, p)):
            r["files"][key] = p
    if "diff" in r["files"]:
        try:
            with open(os.path.join(work, r["files"]["diff"]), errors="replace") as f:
                first = f.readline().strip()
        except OSError:
            first = ""
        if first.startswith("risu-trace:"):        # shrink's own diff failed
            r["diff_error"] = first
    if o.timed_out:
        r.update(status="timeout", error="shrink %s (shrink-timeout or the "
                 "run's shrink budget)" % o.describe())
    elif not o.ok:
        r.update(status="failed", error="shrink failed (%s): %s"
                 % (o.describe(), _last_error(o.err) or o.tail(3)))
    elif mode != "template" and "result" not in r:
        r.update(status="failed", error="shrink printed no %s document" % SCHEMA)
    else:
        r["status"] = "ok"
    return r


def _scratch(d: str) -> None:
    """Drop shrink's working files (the last candidate, the traces of the
    original image: copies of what the job dir already has)."""
    try:
        names = os.listdir(d)
    except OSError:
        return
    for n in names:
        if n.startswith(("cand.", "cand-", "orig-")):
            try:
                os.unlink(os.path.join(d, n))
            except OSError:
                pass


def _last_error(err: str) -> str:
    lines = [l for l in err.strip().splitlines() if l.startswith("risu-trace")]
    return lines[-1] if lines else ""


def verdict(r: Dict) -> str:
    """How far the reproducer goes, in words (HTML and JUnit)."""
    res = r.get("result") or {}
    v = res.get("verified")
    note = (res.get("verify_note") or "").strip()
    if r.get("status") != "ok":
        return r.get("error") or r.get("status", "")
    if v is True:
        return "reproducer verified: run on both sides, it shows the divergence"
    if v is False:
        if "only the test side" in note or "only one side" in note:
            # golden-trace form: the implementation's program is compared
            # with the golden trace; "in: nothing" = it does not show it
            what = note.rpartition(" in: ")[2].strip() if " in: " in note else ""
            if what == "nothing":
                return ("NOT reproduced by the standalone program: its implementation "
                        "side prints what the golden trace holds (the reference cannot "
                        "be rerun here to compare)")
            if what:
                return ("reproducer half-verified: the implementation side differs from "
                        "the golden trace in %s; the reference side cannot run here" % what)
            return "reproducer not verified: %s" % note
        return "NOT reproduced by the standalone program: %s" % (
            note or "its output does not show the divergence")
    return "reproducer not run here (no cross compiler or emulator)%s" % (
        ": " + note if note else "")
