# SPDX-License-Identifier: GPL-2.0-or-later
"""risu-hunt command line (docs/hunt.md)."""

import argparse
import json
import os
import re
import shlex
import signal
import sys
import time
from typing import Dict, List

from .. import EXIT_ERROR, EXIT_FAIL, EXIT_OK, VERSION, archreg
from ..config import which
from ..progress import fmt_seconds
from . import known as knownmod
from . import report, scope, shrinkstep, sides
from . import unit as unitmod
from .campaign import Campaign, progress_printer

USAGE = """\
risu-hunt --ref REF --impl IMPL [--impl IMPL...] [--budget 10m] [options]
risu-hunt unit STATE UNIT        (one unit; what GNU parallel runs on hosts)

REF/IMPL: 'qemu-mips64el -cpu 5Kf [ARGS]' (an 'env K=V' prefix is allowed),
vm:KERNEL[:CPU] (tools/risu-vm), golden:DIR (recorded golden traces, REF only).
Exit status: 0 no new cluster, 1 new clusters, 2 infrastructure error.
"""


def budget_seconds(v: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", v)
    if not m:
        raise argparse.ArgumentTypeError("'%s' is not a duration (90s, 3m, 1h)" % v)
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        print("risu-hunt: error: %s (risu-hunt --help)" % message, file=sys.stderr)
        sys.exit(EXIT_ERROR)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="risu-hunt", usage=USAGE,
                description="Time-budgeted bug hunting between a reference and "
                "implementations: clusters, shrunk reproducers, a triage report.")
    p.add_argument("--version", action="version",
                   version="risu-hunt (risu-dt) " + VERSION)
    p.add_argument("--ref", required=True, help="reference (see above)")
    p.add_argument("--impl", action="append", required=True,
                   help="implementation under test (repeatable)")
    p.add_argument("--budget", type=budget_seconds, default=600.0,
                   help="wall time for the whole campaign (default 10m)")
    p.add_argument("--state", help="state and report directory (default "
                   "hunt-results/REF_vs_IMPL); a rerun resumes it")
    p.add_argument("--arch", help="risugen --arch (default: from qemu-ARCH)")
    p.add_argument("--gen-cpu", help="risugen --cpu (default: the reference's)")
    p.add_argument("--files", action="append", default=[],
                   help="pattern set (risugen FILE, a+b joins); repeatable; "
                   "default: every line of the arch's default list")
    p.add_argument("--tags", action="append", default=[],
                   help="tag set (risugen --group A,B); repeatable: one arm each")
    p.add_argument("--edge-classes", help="comma-separated risugen --edge "
                   "classes, or 'none' (default: those risugen --help names)")
    p.add_argument("--risugen-args", default="",
                   help="more risugen options, e.g. \"--pattern 'MADD_S|ADD_S'\"")
    p.add_argument("-n", "--numinsns", type=int, default=2000,
                   help="instructions per unit (default 2000)")
    p.add_argument("--units", type=int, default=0,
                   help="stop exploring after this many units (0: budget only)")
    p.add_argument("--seed", type=int, default=1, help="first seed of every arm")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   help="parallel units (default: nproc)")
    p.add_argument("--sshloginfile", help="spread units with GNU parallel")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds per step of a unit (default 120)")
    p.add_argument("--shrink-share", type=float, default=0.35,
                   help="share of the budget kept for shrinking (default 0.35)")
    p.add_argument("--shrink-timeout", type=float, default=60.0,
                   help="seconds per cluster (default 60)")
    p.add_argument("--shrink-mode", choices=("auto", "rerun", "golden"),
                   default="auto", help="rerun the reference on every shrink "
                   "candidate (rerun), or use its recorded trace (golden); "
                   "auto: rerun an emulator, not a VM")
    p.add_argument("--no-shrink", action="store_true")
    p.add_argument("--known", help="known-issues file")
    p.add_argument("--risugen", help="risugen binary (default: build/risugen "
                   "of this tree, else PATH)")
    p.add_argument("--risu-trace", help="risu-trace binary (default: likewise)")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    return p


def _tool(name: str) -> str:
    p = os.path.join(sides.TREE, os.environ.get("BUILD", "build"), name)
    return p if os.access(p, os.X_OK) else (which(name) or name)


def _goldens(d: str) -> List[Dict]:
    out = []
    for root, _, names in sorted(os.walk(d)):
        if "golden.trace" in names and "image.bin" in names:
            out.append({"image": os.path.abspath(os.path.join(root, "image.bin")),
                        "trace": os.path.abspath(os.path.join(root, "golden.trace"))})
    if not out:
        raise sides.SideError("golden:%s: no image.bin + golden.trace pairs" % d)
    return sorted(out, key=lambda g: g["image"])


def _side_ctx(s: sides.Side, i: int) -> Dict:
    d = {"spec": s.spec, "name": s.name, "kind": s.kind, "index": i}
    if s.kind != "golden":
        d["words"] = s.words()
        d["template"] = s.template()
    return d


def _setup(a):
    ref = sides.parse(a.ref, "ref")
    impls = [sides.parse(x, "impl") for x in a.impl]
    names = [s.name for s in impls]
    for i, s in enumerate(impls):
        if names.count(s.name) > 1:
            s.name += "-%d" % (i + 1)
    arch = sides.arch_of(impls + [ref], a.arch)
    build = os.path.dirname(_tool("risu-trace")) or "."
    for s in [ref] + impls:
        if s.kind != "golden":
            s.runner = sides.runner_for(arch, s.cpu, build)
            # installed: the runners are in lib/risu-dt/runners
            inst = sides.runner_for(arch, s.cpu, os.path.join(sides.TREE, "runners"))
            if not os.access(s.runner, os.X_OK) and os.access(inst, os.X_OK):
                s.runner = inst
            if not os.access(s.runner, os.X_OK):
                raise sides.SideError("runner %s not built (make)" % s.runner)
        if s.kind == "emulator" and not which(s.emulator):
            raise sides.SideError("%s: emulator %s not found" % (s.spec, s.emulator))
    gen_cpu = a.gen_cpu or (ref.cpu if ref.kind != "golden" else "")
    ctx = {"risugen": a.risugen or _tool("risugen"),
           "risu_trace": a.risu_trace or _tool("risu-trace"),
           "arch": arch, "gen_cpu": gen_cpu, "numinsns": a.numinsns,
           "seed0": a.seed, "timeout": a.timeout, "jobs": max(1, a.jobs),
           "sshloginfile": a.sshloginfile, "shrink_mode": a.shrink_mode,
           "risugen_args": shlex.split(a.risugen_args),
           "ref": _side_ctx(ref, 0),
           "impls": [_side_ctx(s, i + 1) for i, s in enumerate(impls)]}
    return ref, impls, ctx


def _state_dir(a, ref, impls) -> str:
    if a.state:
        return a.state
    n = "%s_vs_%s" % (ref.name, "+".join(s.name for s in impls))
    return os.path.join("hunt-results", re.sub(r"[^A-Za-z0-9_.+-]", "_", n))


IDENTITY = ("arch", "gen_cpu", "numinsns", "seed0", "risugen_args")


def _check_state(state: str, ctx: Dict) -> None:
    p = os.path.join(state, "campaign.json")
    if os.path.isfile(p):
        with open(p) as f:
            old = json.load(f)
        same = all(old.get(k) == ctx.get(k) for k in IDENTITY) and \
            old["ref"]["spec"] == ctx["ref"]["spec"] and \
            [i["spec"] for i in old["impls"]] == [i["spec"] for i in ctx["impls"]]
        if not same:
            raise sides.SideError("%s holds another campaign (other inputs): "
                                  "give another --state" % state)
    os.makedirs(state, exist_ok=True)
    with open(p + ".tmp", "w") as f:
        json.dump(ctx, f, indent=1)
    os.replace(p + ".tmp", p)


def cmd_hunt(a) -> int:
    t_start = time.monotonic()
    ref, impls, ctx = _setup(a)
    entries = knownmod.load(a.known)
    goldens = _goldens(ref.golden_dir) if ref.kind == "golden" else []
    edges = None
    if a.edge_classes is not None:
        edges = [] if a.edge_classes == "none" else \
            [x for x in a.edge_classes.split(",") if x]
    if goldens:
        arms, dropped, note = [], [], "golden traces: the recorded images"
    else:
        arms, dropped, note = scope.arms(ctx["risugen"], ctx["arch"], ctx["gen_cpu"],
                                         [os.path.abspath(f) for f in a.files],
                                         a.tags, edges, ctx["risugen_args"])
    state = _state_dir(a, ref, impls)
    _check_state(state, ctx)
    c = Campaign(ctx, state, arms, goldens)
    resumed = c.resume()
    if not a.quiet:
        print("risu-hunt: %s vs %s, arch %s, %d arms%s; state %s%s" % (
            ref.spec, ", ".join(s.spec for s in impls), ctx["arch"],
            len(arms) or 1, " (" + note + ")" if note else "", state,
            ", resuming %d units" % resumed if resumed else ""), file=sys.stderr)
    share = 0.0 if a.no_shrink else min(max(a.shrink_share, 0.0), 0.9)
    explore_s = a.budget * (1 - share) - (time.monotonic() - t_start)
    show = progress_printer() if not a.quiet else (lambda *x, **k: None)
    c.explore(max(explore_s, 1.0), a.units, show)
    show(c, c.t0 + explore_s, final=True)
    clusters = c.clusters.all()
    shrinks = {}
    if not a.no_shrink:
        left = a.budget - (time.monotonic() - t_start)
        if clusters and not a.quiet:
            print("hunt: shrinking %d clusters (%s left, %s s each at most)" % (
                len(clusters), fmt_seconds(max(left, 0)), a.shrink_timeout),
                file=sys.stderr)
        shrinks = shrinkstep.run_all(ctx, state, clusters, max(left, 0.0),
                                     a.shrink_timeout, ctx["jobs"])
    errors = [{"unit": r["unit"], "error": r.get("error", "")} for r in c.units
              if r.get("status") != "ok"]
    fig = c.figures()
    fig["checkpoints"] = sum(unitmod.checkpoints(r) for r in c.units)
    meta = {"ref": {"spec": ref.spec, "name": ref.name},
            "impls": [{"spec": s.spec, "name": s.name} for s in impls],
            "arch": ctx["arch"], "gen_cpu": ctx["gen_cpu"],
            "numinsns": ctx["numinsns"], "budget": a.budget,
            "seconds": round(time.monotonic() - t_start, 1),
            "known_file": a.known, "coverage": unitmod.coverage(c.units),
            "scope": {"arms": c.bandit.table(), "note": note,
                      "dropped": [{"arm": x, "why": y} for x, y in dropped]}}
    doc = report.build(meta, clusters, shrinks, entries, errors, fig)
    report.write(state, doc)
    print(report.table(doc))
    print("report: %s" % os.path.join(state, "report.html"))
    if errors or not c.units:
        for e in errors[:5]:
            print("risu-hunt: %s: %s" % (e["unit"], e["error"]), file=sys.stderr)
        if not c.units:
            print("risu-hunt: no unit finished", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_FAIL if doc["figures"]["new_clusters"] else EXIT_OK


def cmd_unit(argv: List[str]) -> int:
    if len(argv) != 2:
        print("usage: risu-hunt unit STATE UNIT", file=sys.stderr)
        return EXIT_ERROR
    state, uid = argv
    with open(os.path.join(state, "campaign.json")) as f:
        ctx = json.load(f)
    udir = os.path.join(state, "units", uid)
    with open(os.path.join(udir, "spec.json")) as f:
        u = json.load(f)
    r = unitmod.run(ctx, u, udir)
    return EXIT_OK if r["status"] == "ok" else EXIT_ERROR


def _sigterm(signum, frame):
    raise KeyboardInterrupt()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    signal.signal(signal.SIGTERM, _sigterm)
    try:
        if argv[:1] == ["unit"]:
            return cmd_unit(argv[1:])
        a = parser().parse_args(argv)
        if archreg.registry() is None:
            print("risu-hunt: risu-trace arch --json failed (build risu-trace "
                  "first: make)", file=sys.stderr)
            return EXIT_ERROR
        return cmd_hunt(a)
    except (sides.SideError, scope.ScopeError, knownmod.KnownError) as e:
        print("risu-hunt: %s" % e, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\nrisu-hunt: interrupted; rerun the same command to resume",
              file=sys.stderr)
        return 130
