# SPDX-License-Identifier: GPL-2.0-or-later
"""One job: generate the image, make sure the golden trace exists (record
it on the reference if not), replay it under the implementation, and
write the result file.

Statuses:
  pass   the implementation matched the golden trace
  fail   it diverged (mismatch report), hung past the timeout or crashed
         while the reference did not: a finding
  skip   the reference is a board that is down and the store has no
         trace for this key
  error  configuration or infrastructure problem (missing binary, risugen
         failed, runner refused the image, reference could not record)
"""

import json
import os
import shlex
import shutil
import time
import traceback
from typing import Dict, Optional

from . import difftool, divergence, image_meta, procs, shrinker, targets
from .config import Config, runner_for, split_tags, which
from .matrix import Job
from .results import Run
from .store import Store, key_fields, key_of

KEEP_ON_PASS = False     # work files of passing jobs are deleted: space


def risugen_argv(cfg: Config, job: Job, out: str):
    su = cfg.suites[job.suite]
    argv = [cfg.settings.risugen, "--arch", su.arch]
    if su.gen_cpu:
        argv += ["--cpu", su.gen_cpu]
    argv += ["--seed", str(job.seed), "--numinsns", str(job.numinsns)]
    tags = split_tags(job.tags)
    if tags:
        argv += ["--group", ",".join(tags)]
    return argv + su.risugen_args + ["-o", out] + su.files


class _Done(Exception):
    """Ends a job early with a status."""

    def __init__(self, status: str, message: str, details: str = ""):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details


def run_job(cfg: Config, run: Run, job: Job) -> Dict:
    t0 = time.time()
    res: Dict = {"id": job.id, "suite": job.suite, "tags": job.tags,
                 "seed": job.seed, "numinsns": job.numinsns,
                 "reference": job.reference, "implementation": job.implementation,
                 "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                 "divergences": [], "host": os.uname().nodename}
    work = run.work_dir(job.id)
    try:
        _run(cfg, run, job, work, res)
    except _Done as d:
        res.update(status=d.status, message=d.message, details=d.details)
    except procs.Interrupted:
        shutil.rmtree(work, ignore_errors=True)   # no result: rerun redoes it
        raise
    except Exception:                      # a driver bug must not stop the night
        res.update(status="error", message="risu-nightly internal error",
                   details=traceback.format_exc())
    res["seconds"] = round(time.time() - t0, 3)
    if res["status"] in ("pass", "skip") and not KEEP_ON_PASS:
        shutil.rmtree(work, ignore_errors=True)
        res.pop("work", None)
    run.save(res)
    return res


def _run(cfg: Config, run: Run, job: Job, work: str, res: Dict) -> None:
    st = cfg.settings
    su = cfg.suites[job.suite]
    ref = cfg.references[job.reference]
    impl = cfg.implementations[job.implementation]
    deadline = procs.Deadline(su.timeout or st.timeout)
    res["reference_label"] = ref.label()
    res["implementation_label"] = impl.label()

    ref_runner = runner_for(ref, su)
    impl_runner = runner_for(impl, su)
    for problem in (None if which(st.risugen) else "risugen %s not found" % st.risugen,
                    targets.check_local(impl, impl_runner),
                    targets.check_local(ref, ref_runner)):
        if problem:
            raise _Done("error", problem)

    # 1. the image (cheap and deterministic, so every job makes its own)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    res["work"] = os.path.relpath(work, run.dir)
    image = os.path.join(work, "image.bin")
    o = procs.run(risugen_argv(cfg, job, image), deadline.left())
    if not o.ok:
        raise _Done("error", "risugen failed (%s): %s" % (o.describe(), o.tail(1)),
                    o.tail(30))
    try:
        meta = image_meta.read(image)
    except image_meta.ImageError as e:
        raise _Done("error", str(e))
    res["generator"] = meta.get("generator")
    res["image_sha256"] = meta.sha256

    # 2. the golden trace: from the store, else recorded now
    store = Store(st.store)
    try:
        ident = targets.identity(ref, ref_runner)
    except targets.TargetError as e:
        raise _Done("error", str(e))
    fields = key_fields(job, su.arch, ident, meta)
    key = key_of(fields)
    res["golden_key"] = key
    entry = store.lookup(job, su.arch, key)
    if entry:
        res["golden"] = "reused"
    else:
        entry = _record(cfg, run, job, ref, ref_runner, image, key, fields,
                        deadline, store, res)
    res["golden_recorded"] = entry.recorded().get("recorded_at", "")
    res["golden_dir"] = entry.dir

    # 3. replay under the implementation
    if deadline.expired():
        raise _Done("error", "no time left to replay (timeout %.0f s)" % deadline.total)
    o = targets.replay(impl, impl_runner, image, entry.trace, deadline.left(),
                       st.keep_going)
    res["replay"] = {"rc": o.rc, "seconds": round(o.seconds, 3),
                     "output": (o.out + o.err)[-8000:]}
    res["reproducer"] = _reproducer(impl, impl_runner)
    if o.ok:
        res["coverage"] = _coverage(st.risu_trace, su, work, image, entry.trace)
        res.update(status="pass", message="match")
        return
    divs = divergence.parse_report(o.out)
    if o.rc == 1 and divs:
        res["divergences"] = divs
        _explain_failure(cfg, run, job, ref, ref_runner, impl, impl_runner, meta,
                         entry, work, deadline, res, o.seconds, True)
        res["coverage"] = _coverage(st.risu_trace, su, work, image, entry.trace,
                                    os.path.join(work, "impl.trace"))
        first = (((res.get("diff") or {}).get("doc") or {}).get("divergences") or [None])[0]
        raise _Done("fail", difftool.summary(first) if first else divs[0]["summary"],
                    o.out.strip())
    if o.timed_out:
        # no diff: recording it would hang the same way
        raise _Done("fail", "implementation timed out after %.0f s (the reference "
                    "finished)" % o.seconds, o.tail(20))
    if o.rc is not None and o.rc < 0:
        _explain_failure(cfg, run, job, ref, ref_runner, impl, impl_runner, meta,
                         entry, work, deadline, res, o.seconds, False)
        raise _Done("fail", "implementation %s (the reference finished)"
                    % o.describe(), o.tail(20))
    # exit 2 (runner refused, e.g. the CPU lacks a feature), or an emulator
    # error (unknown -cpu) that printed no mismatch report
    raise _Done("error", "implementation run failed (%s)" % o.describe(), o.tail(20))


def _record(cfg, run, job, ref, ref_runner, image, key, fields, deadline,
            store, res):
    st = cfg.settings
    arch = cfg.suites[job.suite].arch
    why = run.down_reason(ref.name) if ref.kind == "ssh" else None
    if why:
        raise _Done("skip", "reference %s is down and the store has no golden "
                    "trace for this key: %s" % (ref.name, why))
    with store.locked(job, arch):
        entry = store.lookup(job, arch, key)    # another job recorded it
        if entry:
            res["golden"] = "reused"
            return entry
        why = run.down_reason(ref.name) if ref.kind == "ssh" else None
        if why:
            raise _Done("skip", "reference %s is down: %s" % (ref.name, why))
        tmp = store.new_tmp(job, arch)
        trace = os.path.join(tmp, "golden.trace")
        timeout = min(ref.timeout or deadline.left(), deadline.left())
        try:
            o = targets.record(ref, ref_runner, image, trace,
                               "%s-%s" % (job.case, key[:12]), timeout,
                               st.connect_timeout)
        except targets.BoardDown as e:
            shutil.rmtree(tmp, ignore_errors=True)
            run.mark_down(ref.name, str(e))
            raise _Done("skip", "reference %s is down: %s" % (ref.name, e))
        except targets.TargetError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            raise _Done("error", str(e))
        if not o.ok or not os.path.isfile(trace):
            shutil.rmtree(tmp, ignore_errors=True)
            raise _Done("error", "reference %s could not record (%s)"
                        % (ref.name, o.describe()), o.tail(20))
        v = _verify(st.risu_trace, trace)
        if v:
            shutil.rmtree(tmp, ignore_errors=True)
            raise _Done("error", "recorded trace is corrupt: %s" % v)
        entry = store.commit(job, arch, key, fields, tmp, image,
                             {"reference": ref.label(), "job": job.id,
                              "seconds": round(o.seconds, 3),
                              "output": (o.out + o.err)[-2000:]})
    res["golden"] = "recorded"
    return entry


def _verify(risu_trace: str, trace: str) -> Optional[str]:
    """Check the trace's integrity before it becomes a reference for
    months; skipped when risu-trace is not built."""
    if not which(risu_trace):
        return None
    o = procs.run([risu_trace, "verify", trace], 120)
    return None if o.ok else o.tail(5)


def _coverage_doc(argv, work) -> Optional[Dict]:
    out = os.path.join(work, "coverage.json")
    o = procs.run(argv, 120, stdout_file=out)
    try:
        with open(out) as f:
            return json.load(f) if o.ok else None
    except (OSError, ValueError):
        return None
    finally:
        if os.path.exists(out):
            os.unlink(out)


def _coverage(risu_trace, su, work, image, golden, impl_trace=None) -> Optional[Dict]:
    """Per tag [generated, executed, diverged] for the report's bars: the
    golden trace's executions, and (for a failure whose implementation
    trace was kept) the checkpoints where that trace departs from it.
    None without risu-trace or when it cannot read them."""
    if not which(risu_trace):
        return None
    argv = [risu_trace, "coverage", "--json", "--image", image]
    for d in _pattern_dirs(su):
        argv += ["--patterns", d]
    doc = _coverage_doc(argv + [golden], work)
    if doc is None:
        return None
    tags = {t["tag"]: [t["generated"], t["executed"], 0] for t in doc.get("tags", [])}
    if impl_trace and os.path.isfile(impl_trace):
        pair = _coverage_doc(argv + [golden, impl_trace], work) or {}
        for t in pair.get("tags", []):
            if t["tag"] in tags:
                tags[t["tag"]][2] = t["diverged"]
    return {"tags": tags}


def _reproducer(impl, runner) -> str:
    env = " ".join("%s=%s" % (k, shlex.quote(v)) for k, v in impl.env.items())
    cmd = " ".join(shlex.quote(a) for a in targets.emulator_argv(
        impl, runner, ["image.bin", "-t", "golden.trace"]))
    return (env + " " if env else "") + cmd


def _pattern_dirs(su) -> list:
    """--patterns for risu-trace: the directories of the suite's pattern
    files (the tool then finds the image's files by digest)."""
    out = []
    for f in su.files:
        for part in f.split("+"):
            d = os.path.dirname(part)
            if d and d not in out:
                out.append(d)
    return out


def _explain_failure(cfg, run, job, ref, ref_runner, impl, impl_runner, meta,
                     entry, work, deadline, res, replay_seconds, mismatch):
    """Keep what a developer needs: image, golden trace, the
    implementation's own trace, `risu-trace diff --json` of the two
    (rendered in the HTML and JUnit), and a shrunk reproducer.

    MISMATCH: the runner reported a divergence.  Then a diff that fails is
    an error of the job (raised here).  Otherwise (the implementation
    crashed) the diff shows what it can, and the job stays a failure."""
    st = cfg.settings
    su = cfg.suites[job.suite]
    golden = os.path.join(work, "golden.trace")
    image = os.path.join(work, "image.bin")
    shutil.copyfile(entry.trace, golden)
    divs = res.get("divergences") or []
    dmode = divergence.diff_command(st.diff, st.risu_trace)
    if dmode is None:
        res["diff"] = {"ok": False, "skipped": True, "error":
                       "diff = off" if st.diff == "off" else
                       "%s has no `diff --json`" % st.risu_trace}
    else:
        _diff(cfg, job, impl, impl_runner, work, deadline, res, replay_seconds,
              mismatch, dmode)
    if not (res.get("diff") or {}).get("ok"):
        objdump = divergence.objdump_path()
        for d in divs[:5]:
            d["disasm"] = divergence.disassemble(
                meta, d["pc_off"], objdump,
                st.risu_trace if which(st.risu_trace) else None)
    d = res.get("diff") or {}
    if mismatch and not d.get("ok") and not d.get("skipped"):
        what = divs[0]["summary"] if divs else "a mismatch"
        raise _Done("error", "%s; the runner reported %s" % (d.get("error"), what),
                    res["replay"]["output"])
    if mismatch and st.shrink != "off":
        _shrink(cfg, run, su, ref, ref_runner, impl, impl_runner, work, res,
                replay_seconds)


def _diff(cfg, job, impl, impl_runner, work, deadline, res, replay_seconds,
          mismatch, dmode):
    st = cfg.settings
    su = cfg.suites[job.suite]
    mine = os.path.join(work, "impl.trace")
    # The replay stopped at the first mismatch; recording runs the whole
    # image: give it time even when the job's deadline is near.
    timeout = max(deadline.left(), 60.0) if mismatch else 30.0
    o = targets.record_local(impl, impl_runner, os.path.join(work, "image.bin"),
                             mine, timeout)
    res["impl_trace"] = {"rc": o.rc, "seconds": round(o.seconds, 3),
                         "outcome": o.describe(), "output": o.tail(5)}
    if not os.path.isfile(mine) or os.path.getsize(mine) == 0:
        res["diff"] = {"ok": False, "error": "could not record the implementation's "
                       "trace for risu-trace diff (%s): %s" % (o.describe(), o.tail(3))}
        return
    if dmode == "auto":
        argv = difftool.auto_argv(st.risu_trace, st.keep_going, _pattern_dirs(su))
    else:
        argv = divergence.fill(dmode, golden="golden.trace", trace="impl.trace",
                               image="image.bin", risu_trace=st.risu_trace,
                               out=os.path.join(shrinker.DIR, "shrunk.bin"),
                               impl_cmd=shrinker.command_words(
                                   impl, impl_runner, targets.emulator_argv))
    d = difftool.run(argv, work, max(deadline.left(), 60.0))
    if not o.ok and d.get("error"):
        d["error"] += " (recording the implementation's trace: %s)" % o.describe()
    res["diff"] = d
    divs = res.get("divergences") or []
    doc = d.get("doc") or {}
    if d.get("ok") and divs and doc.get("divergences"):
        a, b = divs[0]["checkpoint"], doc["divergences"][0].get("checkpoint")
        if a != b:
            d["note"] = ("risu-trace diff's first divergence is at checkpoint %s, "
                         "the runner's at %s" % (b, a))


def _shrink(cfg, run, su, ref, ref_runner, impl, impl_runner, work, res,
            replay_seconds):
    st = cfg.settings
    impl_words = shrinker.command_words(impl, impl_runner, targets.emulator_argv)
    ref_words = shrinker.command_words(ref, ref_runner, targets.emulator_argv) \
        if ref.kind == "emulator" else None
    if st.shrink in ("auto", "golden"):
        if not which(st.risu_trace):
            res["shrink"] = {"status": "skipped", "error": "risu-trace %s not found"
                             % st.risu_trace}
            return
        per_run = max(10.0, min(60.0, 3 * replay_seconds + 5))
        argv = shrinker.auto_argv(st.risu_trace,
                                  ref_words if st.shrink == "auto" else None,
                                  impl_words, _pattern_dirs(su), per_run)
        mode = "rerun-reference" if st.shrink == "auto" and ref_words else "golden"
    else:
        argv = divergence.fill(st.shrink, golden="golden.trace", trace="impl.trace",
                               image="image.bin", risu_trace=st.risu_trace,
                               out=os.path.join(shrinker.DIR, "shrunk.bin"),
                               repro=shrinker.DIR, impl_cmd=impl_words,
                               ref_cmd=ref_words or [])
        mode = "template"
    budget = shrinker.Budget(run.dir, st.shrink_budget)
    grant = budget.reserve(st.shrink_timeout)
    if not grant:
        res["shrink"] = {"status": "skipped", "mode": mode, "error":
                         "not shrunk: the run's shrink budget (shrink-budget = "
                         "%.0f s) is used up" % st.shrink_budget}
        return
    r = None
    try:
        r = shrinker.run(argv, work, grant, mode)
    finally:
        budget.settle(grant, r["seconds"] if r else grant)
    if r["status"] == "timeout" and grant < st.shrink_timeout:
        r["error"] += "; only %.0f s of the run's budget were left" % grant
    res["shrink"] = r
