# SPDX-License-Identifier: GPL-2.0-or-later
"""One unit of a campaign: generate an image, record the reference, record
each implementation, diff them.  Runs in a worker thread, or on another
host through `risu-hunt unit STATE UNIT` (GNU parallel); either way it
leaves STATE/units/UNIT/unit.json, which is all the driver reads.

The traces are recorded whole (`--master -t`) on both sides rather than
replayed against each other, because clustering wants every divergence
(`risu-trace diff --keep-going`), not only the first.
"""

import json
import os
import shutil
import time
from typing import Dict, List

from .. import procs
from ..difftool import tool_env
from . import cluster

DIFF_MAX = 100000


def _diff(ctx: Dict, udir: str, ref_trace: str, trace: str) -> Dict:
    out = os.path.join(udir, "diff.json")
    argv = [ctx["risu_trace"], "diff", "--json", "--keep-going", "--max",
            str(DIFF_MAX), "--context", "0", "--image", "image.bin",
            ref_trace, trace]
    o = procs.run(argv, ctx["timeout"], env=tool_env(), cwd=udir,
                  stdout_file=out)
    try:
        with open(out) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        doc = None
    finally:
        if os.path.exists(out):
            os.unlink(out)
    if not isinstance(doc, dict) or doc.get("schema") != "risu-trace-diff/1":
        return {"status": "error", "error": "risu-trace diff: %s: %s" %
                (o.describe(), o.tail(3))}
    if doc.get("result") == "error":
        return {"status": "error", "error": "risu-trace diff: %s" % doc.get("error")}
    divs = [cluster.compact(d) for d in doc.get("divergences") or []]
    return {"status": "ok", "checkpoints": doc.get("checkpoints", 0),
            "last_checkpoint": max(0, (doc.get("checkpoints") or 1) - 1),
            "count": doc.get("count", len(divs)),
            "count_equal_operands": doc.get("count_equal_operands"),
            "divergences": divs}


def _coverage(ctx: Dict, udir: str, traces: List[str]) -> Dict:
    """risu-trace coverage --json's tags: {tag: [generated, executed,
    diverged]} ({} when it fails: pictures only, never a unit error)."""
    out = os.path.join(udir, "coverage.json")
    argv = [ctx["risu_trace"], "coverage", "--json", "--image", "image.bin"]
    o = procs.run(argv + traces, ctx["timeout"], env=tool_env(), cwd=udir,
                  stdout_file=out)
    try:
        with open(out) as f:
            doc = json.load(f) if o.ok else {}
    except (OSError, ValueError):
        doc = {}
    finally:
        if os.path.exists(out):
            os.unlink(out)
    return {t["tag"]: [t["generated"], t["executed"], t["diverged"]]
            for t in doc.get("tags", [])}


def _impl_coverage(ctx: Dict, udir: str, ref_tags: Dict, trace: str) -> Dict:
    """The reference's generated and executed counts, the diverged count
    of TRACE against it."""
    pair = _coverage(ctx, udir, ["ref.trace", trace])
    return {t: [v[0], v[1], (pair.get(t) or [0, 0, 0])[2]]
            for t, v in ref_tags.items()}


def _record(side: Dict, udir: str, trace: str, timeout: float) -> procs.Outcome:
    argv = side["words"] + ["--master", "image.bin", "-t", trace]
    return procs.run(argv, timeout, cwd=udir)


def _image(ctx: Dict, u: Dict, udir: str) -> str:
    """Error text, or '' when image.bin (and for golden, ref.trace) is there."""
    if u.get("golden"):
        shutil.copyfile(u["golden"]["image"], os.path.join(udir, "image.bin"))
        shutil.copyfile(u["golden"]["trace"], os.path.join(udir, "ref.trace"))
        return ""
    argv = [ctx["risugen"], "--arch", ctx["arch"]]
    if ctx.get("gen_cpu"):
        argv += ["--cpu", ctx["gen_cpu"]]
    argv += ["-n", str(ctx["numinsns"]), "-s", str(u["seed"])]
    argv += ctx.get("risugen_args", []) + u["risugen_args"] + ["-o", "image.bin"]
    o = procs.run(argv, ctx["timeout"], cwd=udir)
    if not o.ok:
        return "risugen %s: %s" % (o.describe(), o.tail(3))
    return ""


def run(ctx: Dict, u: Dict, udir: str) -> Dict:
    """Run unit U in UDIR; returns (and writes) its result."""
    t0 = time.monotonic()
    os.makedirs(udir, exist_ok=True)
    r: Dict = {"unit": u["id"], "arm": u["arm"], "seed": u.get("seed"),
               "edge": u.get("edge", ""), "impls": {}}
    err = _image(ctx, u, udir)
    if not err and not u.get("golden"):
        o = _record(ctx["ref"], udir, "ref.trace", ctx["timeout"])
        if not o.ok:
            err = "reference %s: %s" % (o.describe(), o.tail(3))
    if err:
        r.update(status="error", error=err)
    else:
        r["status"] = "ok"
        ref_tags = _coverage(ctx, udir, ["ref.trace"])
        r["coverage"] = {}
        for side in ctx["impls"]:
            trace = "impl-%s.trace" % side["index"]
            o = _record(side, udir, trace, ctx["timeout"])
            if not os.path.isfile(os.path.join(udir, trace)):
                res: Dict = {"status": "error", "error": "%s recorded no "
                             "trace: %s: %s" % (side["name"], o.describe(),
                                                o.tail(3))}
            else:
                res = _diff(ctx, udir, "ref.trace", trace)
                res["record"] = o.describe()
                r["coverage"][side["name"]] = _impl_coverage(ctx, udir, ref_tags,
                                                             trace)
            r["impls"][side["name"]] = res
            if res["status"] == "error":
                r["status"] = "error"
                r["error"] = res["error"]
    r["seconds"] = round(time.monotonic() - t0, 3)
    tmp = os.path.join(udir, "unit.json.tmp")
    with open(tmp, "w") as f:
        json.dump(r, f)
    os.replace(tmp, os.path.join(udir, "unit.json"))
    return r


def load(udir: str):
    try:
        with open(os.path.join(udir, "unit.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def checkpoints(r: Dict) -> int:
    return sum(i.get("checkpoints", 0) for i in r.get("impls", {}).values())


def coverage(units: List[Dict]) -> Dict[str, Dict[str, List[int]]]:
    """Per implementation, per tag: [generated, executed, diverged] summed
    over the units (the report's bars)."""
    out: Dict[str, Dict[str, List[int]]] = {}
    for r in units:
        for impl, tags in (r.get("coverage") or {}).items():
            acc = out.setdefault(impl, {})
            for t, v in tags.items():
                a = acc.setdefault(t, [0, 0, 0])
                for k in range(3):
                    a[k] += v[k]
    return out


def impl_results(r: Dict) -> List:
    return list(r.get("impls", {}).items())
