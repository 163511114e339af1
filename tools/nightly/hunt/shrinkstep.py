# SPDX-License-Identifier: GPL-2.0-or-later
"""Shrink one representative per cluster with `risu-trace shrink`
(docs/hunt.md "Shrinking").

The representative is the cluster's first divergence (unit, checkpoint);
`shrink --at K` starts from it.  With an emulator or vm reference both
sides are rerun on every candidate and the reproducer is built and run
on both (verified = true only when both outputs show the divergence);
with golden traces only the cut can be checked.  Each cluster gets at
most --shrink-timeout seconds; clusters are taken one family (pattern
and signal pair) at a time, so a short budget still gives every family
one reproducer before a second signature of the same family is shrunk.
"""

import hashlib
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List

from .. import shrinker


def cluster_id(cl: Dict) -> str:
    return hashlib.sha256(("%s\n%s" % (cl["impl"], cl["key"])).encode()
                          ).hexdigest()[:12]


def family(cl: Dict) -> str:
    s = cl["signature"]
    if s["kind"] == "persistent":
        return "persistent:" + s["register"]
    return "%s;%s;%s" % (s["pattern"], s["signal_a"], s["signal_b"])


def order(clusters: List[Dict]) -> List[Dict]:
    """First of each family, then the rest (each in first-seen order)."""
    seen, first, rest = set(), [], []
    for cl in clusters:
        f = (cl["impl"], family(cl))
        (rest if f in seen else first).append(cl)
        seen.add(f)
    return first + rest


def _argv(ctx: Dict, cl: Dict, impl: Dict, udir: str, per_run: float) -> List[str]:
    ex = cl["example"]["divergence"]
    argv = [ctx["risu_trace"], "shrink", "--image", os.path.join(udir, "image.bin"),
            "--repro", shrinker.DIR, "--json", "--timeout", "%d" % max(1, round(per_run)),
            "--at", str(ex["checkpoint"])]
    if _rerun_ref(ctx):
        return argv + ["--ref-cmd", ctx["ref"]["template"],
                       "--test-cmd", impl["template"]]
    return argv + ["--ref", os.path.join(udir, "ref.trace"), "--"] + impl["words"]


def _rerun_ref(ctx: Dict) -> bool:
    """Rerun the reference on every candidate?  Not a golden trace, and by
    default not a VM: a boot per candidate (seconds each, dozens of
    candidates) would take the whole budget for a few clusters."""
    mode = ctx.get("shrink_mode", "auto")
    if not ctx["ref"].get("template") or mode == "golden":
        return False
    return mode == "rerun" or ctx["ref"]["kind"] == "emulator"


def one(ctx: Dict, state: str, cl: Dict, limit: float) -> Dict:
    cid = cluster_id(cl)
    out = os.path.join(state, "clusters", cid)
    os.makedirs(out, exist_ok=True)
    done = os.path.join(out, "shrink.json")
    prev = _load(done)
    if prev is not None:
        return prev
    impl = next(s for s in ctx["impls"] if s["name"] == cl["impl"])
    udir = os.path.abspath(os.path.join(state, "units", cl["example"]["unit"]))
    per_run = ctx.get("shrink_run_timeout") or min(30.0, max(5.0, limit / 4))
    argv = _argv(ctx, cl, impl, udir, per_run)
    r = shrinker.run(argv, out, limit, "auto")
    r["dir"] = os.path.relpath(out, state)
    # shrinker.run works in WORK/shrink; the files are there
    r["files"] = {k: os.path.join(r["dir"], v) for k, v in r["files"].items()}
    r["verified"] = (r.get("result") or {}).get("verified")
    r["mode"] = "rerun" if _rerun_ref(ctx) else "golden"
    r["verdict"] = shrinker.verdict(r)
    if r["mode"] == "golden" and r.get("status") == "ok":
        note = ((r.get("result") or {}).get("verify_note") or "").strip()
        r["verdict"] = ("cut only, the reference not rerun (its recorded "
                        "trace is the other side); the implementation's "
                        "reproducer %s: %s" % (
                            "shows the divergence" if r["verified"] else
                            "does NOT show it", note))
    _save(done, r)
    return r


def _load(p: str):
    try:
        with open(p) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _save(p: str, r: Dict) -> None:
    with open(p + ".tmp", "w") as f:
        json.dump(r, f, indent=1)
    os.replace(p + ".tmp", p)


def run_all(ctx: Dict, state: str, clusters: List[Dict], seconds: float,
            limit: float, jobs: int) -> Dict[str, Dict]:
    """cluster key -> shrink result; clusters not reached in SECONDS get
    status "not-run"."""
    end = time.monotonic() + seconds
    todo = [c for c in order(clusters) if c["example"] is not None]
    res: Dict[str, Dict] = {}

    def work(cl):
        left = end - time.monotonic()
        key = (cl["impl"], cl["key"])
        prev = _load(os.path.join(state, "clusters", cluster_id(cl), "shrink.json"))
        if prev is not None:
            res[key] = prev
        elif left < shrinker.MIN_GRANT:
            res[key] = {"status": "not-run", "verdict": "not shrunk: the "
                        "budget ran out", "verified": None}
        else:
            res[key] = one(ctx, state, cl, min(limit, left))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        list(ex.map(work, todo))
    return res
