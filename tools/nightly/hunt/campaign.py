# SPDX-License-Identifier: GPL-2.0-or-later
"""The campaign loop: units on -j workers (or GNU parallel hosts) until
the exploration share of the budget is spent, clustering as results
come in, then shrinking (docs/hunt.md).

State directory (resumable: a rerun with the same --state continues,
its units are not run again and count towards the clusters):

  STATE/campaign.json           the inputs (ctx); a rerun must match them
  STATE/units/UNIT/unit.json    one finished unit (UNIT = ARM.sSEED)
  STATE/units/UNIT/image.bin    its image, ref.trace, impl-N.trace
  STATE/clusters/CID/           shrink output of a cluster's representative
  STATE/hunt.json, report.html  the triage report
"""

import json
import os
import shlex
import subprocess
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import Dict, List, Optional

from .. import procs
from ..progress import fmt_seconds
from . import unit as unitmod
from .bandit import Bandit
from .cluster import Clusters

ENTRY = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__)))), "risu-hunt")


class Campaign:
    def __init__(self, ctx: Dict, state: str, arms: List, goldens: List[Dict]):
        self.ctx = ctx
        self.state = state
        self.arms = {a.id: a for a in arms}
        self.goldens = goldens
        self.bandit = Bandit([a.id for a in arms] if not goldens else ["golden"])
        self.clusters = Clusters()
        self.units: List[Dict] = []
        self.next_seed: Dict[str, int] = {}
        self.lock = threading.Lock()
        self.t0 = time.monotonic()
        self.ckpts_now = 0
        self.errors = 0
        self.golden_next = 0
        self.explored = None            # seconds of exploring, once done

    # ------------------------------------------------------------ state
    def udir(self, uid: str) -> str:
        return os.path.join(self.state, "units", uid)

    def resume(self) -> int:
        d = os.path.join(self.state, "units")
        n = 0
        for uid in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            r = unitmod.load(self.udir(uid))
            if r is None:
                continue
            arm = r.get("arm")
            if arm not in self.bandit.plays:
                continue      # an arm out of this run's scope
            self.next_seed[arm] = max(self.next_seed.get(arm, 0),
                                      (r.get("seed") or 0) + 1)
            reward = self._ingest(r, 0.0)
            self.bandit.replay(arm, reward)
            n += 1
        if self.goldens:
            self.golden_next = n
        return n

    def _ingest(self, r: Dict, when: float) -> float:
        with self.lock:
            self.units.append(r)
            if r.get("status") != "ok":
                self.errors += 1
            new = []
            for impl, res in unitmod.impl_results(r):
                if res.get("status") != "ok":
                    continue
                new += self.clusters.add_image(impl, r["unit"],
                                               res["divergences"],
                                               res["last_checkpoint"], when)
            return 1.0 if new else 0.0

    # ------------------------------------------------------------ units
    def _next_unit(self) -> Optional[Dict]:
        arm = self.bandit.pick()
        if arm is None:
            return None
        if self.goldens:
            with self.lock:
                if self.golden_next >= len(self.goldens):
                    self.bandit.done(arm, 0.0)
                    return None
                g = self.goldens[self.golden_next]
                self.golden_next += 1
            return {"id": "golden.%04d" % (self.golden_next - 1), "arm": arm,
                    "golden": g, "seed": self.golden_next - 1,
                    "risugen_args": []}
        with self.lock:
            seed = self.next_seed.get(arm, self.ctx["seed0"])
            self.next_seed[arm] = seed + 1
        a = self.arms[arm]
        return {"id": "%s.s%d" % (arm, seed), "arm": arm, "seed": seed,
                "edge": a.edge, "risugen_args": a.risugen_args()}

    def _finish(self, u: Dict, r: Dict) -> None:
        reward = self._ingest(r, time.monotonic() - self.t0)
        self.bandit.done(u["arm"], reward, r.get("status") != "ok")
        with self.lock:
            self.ckpts_now += unitmod.checkpoints(r)

    def explore(self, seconds: float, max_units: int, progress) -> None:
        try:
            if self.ctx.get("sshloginfile"):
                self._explore_parallel(seconds, max_units, progress)
            else:
                self._explore_local(seconds, max_units, progress)
        finally:
            self.explored = time.monotonic() - self.t0

    def _explore_local(self, seconds: float, max_units: int, progress) -> None:
        end = self.t0 + seconds
        ex = ThreadPoolExecutor(max_workers=self.ctx["jobs"])
        futs: Dict = {}
        started = len(self.units)      # --units counts resumed units too
        try:
            while True:
                while (len(futs) < self.ctx["jobs"] and time.monotonic() < end
                       and (not max_units or started < max_units)):
                    u = self._next_unit()
                    if u is None:
                        break
                    futs[ex.submit(unitmod.run, self.ctx, u, self.udir(u["id"]))] = u
                    started += 1
                if not futs:
                    break
                done, _ = wait(list(futs), timeout=1.0, return_when=FIRST_COMPLETED)
                for f in done:
                    u = futs.pop(f)
                    try:
                        self._finish(u, f.result())
                    except procs.Interrupted:
                        pass
                progress(self, end)
        except KeyboardInterrupt:
            procs.kill_all()
            ex.shutdown(wait=True)
            raise
        ex.shutdown(wait=True)

    def _explore_parallel(self, seconds: float, max_units: int, progress) -> None:
        """Batches of units handed to GNU parallel; the bandit decides each
        batch from the results of the previous ones."""
        end = self.t0 + seconds
        started = len(self.units)
        batch = max(1, self.ctx["jobs"])
        while time.monotonic() < end and (not max_units or started < max_units):
            us = []
            for _ in range(batch if not max_units else
                           min(batch, max_units - started)):
                u = self._next_unit()
                if u is None:
                    break
                us.append(u)
            if not us:
                break
            started += len(us)
            for u in us:
                os.makedirs(self.udir(u["id"]), exist_ok=True)
                with open(os.path.join(self.udir(u["id"]), "spec.json"), "w") as f:
                    json.dump(u, f)
            lines = "".join(" ".join(shlex.quote(w) for w in [
                ENTRY, "unit", os.path.abspath(self.state), u["id"]]) + "\n"
                for u in us)
            argv = ["parallel", "--will-cite", "--sshloginfile",
                    self.ctx["sshloginfile"], "--jobs", str(self.ctx["jobs"]),
                    "--timeout", str(int(self.ctx["timeout"] * 4))]
            try:
                subprocess.run(argv, input=lines, text=True,
                               stdout=subprocess.DEVNULL)
            except FileNotFoundError:
                raise RuntimeError("GNU parallel is not installed "
                                   "(apt-get install parallel)")
            for u in us:
                r = unitmod.load(self.udir(u["id"])) or {
                    "unit": u["id"], "arm": u["arm"], "status": "error",
                    "error": "no result from the remote host", "impls": {}}
                self._finish(u, r)
            progress(self, end)

    # --------------------------------------------------------- figures
    def figures(self) -> Dict:
        with self.lock:
            el = max(self.explored or time.monotonic() - self.t0, 1e-6)
            raw = sum(len(res.get("divergences", []))
                      for r in self.units for _, res in unitmod.impl_results(r))
            return {"units": len(self.units), "errors": self.errors,
                    "clusters": len(self.clusters.order),
                    "divergences": raw,
                    "checkpoints_per_s": self.ckpts_now / el,
                    "elapsed": el}


def progress_printer(stream=None):
    stream = stream or sys.stderr
    tty = stream.isatty()
    last = [0.0]

    def show(c: Campaign, end: float, final: bool = False) -> None:
        now = time.monotonic()
        if not final and not tty and now - last[0] < 10:
            return
        last[0] = now
        f = c.figures()
        line = ("hunt: %d units (%d errors), %d clusters from %d divergences, "
                "%.0f checkpoints/s, %s left" % (
                    f["units"], f["errors"], f["clusters"], f["divergences"],
                    f["checkpoints_per_s"], fmt_seconds(max(0, end - now))))
        if tty:
            stream.write("\r\033[K" + line + ("\n" if final else ""))
        else:
            stream.write(line + "\n")
        stream.flush()
    return show
