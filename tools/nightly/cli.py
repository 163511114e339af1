# SPDX-License-Identifier: GPL-2.0-or-later
"""risu-nightly command line.  See docs/nightly.md."""

import argparse
import fnmatch
import os
import signal
import subprocess
import sys
from typing import List

from . import EXIT_ERROR, EXIT_FAIL, EXIT_OK, VERSION, config, matrix, report, schedule
from .config import ConfigError
from .job import run_job
from .results import Run, default_run_id
from .store import Store
from .targets import check_local

USAGE = """\
risu-nightly run CONFIG [-j N] [--run-id ID] [--force] [--only GLOB]
                        [--sshloginfile FILE]      run the matrix, then report
risu-nightly jobs CONFIG [--run-id ID] [--ids] [--pending] [--only GLOB]
                                                   one shell command per job
risu-nightly run-job CONFIG JOBID [--run-id ID] [--force]
risu-nightly report CONFIG [--run-id ID]           junit.xml, index.html, exit status
risu-nightly check CONFIG                          validate config and binaries
risu-nightly prune CONFIG --days N [--dry-run]     drop golden traces unused N days

Exit status: 0 every job passed or was skipped (board down), 1 a divergence,
2 configuration or infrastructure error (or jobs without results).
"""


def _load(path: str):
    cfg = config.load(path)
    return cfg, matrix.expand(cfg)


def _select(jobs: List[matrix.Job], only: List[str]) -> List[matrix.Job]:
    if not only:
        return jobs
    sel = [j for j in jobs if any(fnmatch.fnmatchcase(j.id, g) for g in only)]
    if not sel:
        raise ConfigError("--only %s matches no job" % " ".join(only))
    return sel


def _run(cfg, run_id: str) -> Run:
    try:
        return Run(cfg.settings.results, run_id)
    except ValueError as e:
        raise ConfigError(str(e))


def cmd_run(a) -> int:
    cfg, jobs = _load(a.config)
    jobs = _select(jobs, a.only)
    run = _run(cfg, a.run_id)
    problems = _check(cfg)
    if problems:
        # Not fatal: the affected jobs report 'error' and the rest runs.
        for p in problems:
            print("risu-nightly: warning: %s" % p, file=sys.stderr)
    os.makedirs(run.dir, exist_ok=True)
    run.clear_down()          # a board down yesterday may be up again
    todo = schedule.pending(run, jobs, a.force)
    try:
        if a.sshloginfile:
            rc = schedule.run_parallel(cfg, run, todo, a.sshloginfile, a.jobs)
            if rc > 100:      # parallel itself failed (not our jobs)
                print("risu-nightly: GNU parallel failed (exit %d)" % rc,
                      file=sys.stderr)
        else:
            schedule.run_local(cfg, run, jobs, todo, a.jobs or cfg.settings.jobs)
    except KeyboardInterrupt:
        print("\nrisu-nightly: interrupted; finished jobs are kept, rerun the "
              "same command to resume", file=sys.stderr)
        return 130
    return report.write_all(cfg.settings.config_path, run, jobs,
                            subset=bool(a.only))


def cmd_jobs(a) -> int:
    cfg, jobs = _load(a.config)
    jobs = _select(jobs, a.only)
    run = _run(cfg, a.run_id)
    if a.pending:
        jobs = schedule.pending(run, jobs, False)
    for j in jobs:
        print(j.id if a.ids else schedule.job_command(cfg.settings.config_path,
                                                      run.id, j.id))
    return EXIT_OK


def cmd_run_job(a) -> int:
    cfg = config.load(a.config)
    job = matrix.find(cfg, a.job)
    run = _run(cfg, a.run_id)
    r = None if a.force else run.load(job.id)
    if r is None:
        try:
            r = run_job(cfg, run, job)
        except KeyboardInterrupt:
            return 130
        where = ""
    else:
        where = " (already finished; --force reruns)"
    print("%s %s%s%s" % (r["status"].upper(), job.id, where,
                         ": " + r.get("message", "") if r["status"] != "pass" else ""))
    return {"pass": EXIT_OK, "skip": EXIT_OK, "fail": EXIT_FAIL}.get(r["status"],
                                                                    EXIT_ERROR)


def cmd_report(a) -> int:
    cfg, jobs = _load(a.config)
    jobs = _select(jobs, a.only)
    return report.write_all(cfg.settings.config_path, _run(cfg, a.run_id), jobs,
                            subset=bool(a.only))


def _check(cfg) -> List[str]:
    out = []
    if not config.which(cfg.settings.risugen):
        out.append("risugen %s not found" % cfg.settings.risugen)
    for su in cfg.suites.values():
        for name in su.references:
            p = check_local(cfg.references[name], config.runner_for(cfg.references[name], su))
            if p and p not in out:
                out.append(p)
        for name in su.implementations:
            t = cfg.implementations[name]
            p = check_local(t, config.runner_for(t, su))
            if p and p not in out:
                out.append(p)
        for f in su.files:
            if not os.path.isfile(f.split("+")[0]):
                out.append("[suite %s] pattern file %s not found" % (su.name, f))
    return out


def _check_registry(cfg) -> List[str]:
    """Arch, CPU model and tags as risugen knows them: `risugen --list`
    refuses an unknown one with the nearest names, exit 2."""
    out = []
    rg = config.which(cfg.settings.risugen)
    if not rg:
        return out
    for su in cfg.suites.values():
        for tags in su.tags:
            argv = [rg, "--arch", su.arch]
            if su.gen_cpu:
                argv += ["--cpu", su.gen_cpu]
            if tags != "*":
                argv += ["--group", tags]
            argv += ["--list"] + su.files
            try:
                p = subprocess.run(argv, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, timeout=60,
                                   universal_newlines=True, errors="replace")
            except (OSError, subprocess.TimeoutExpired) as e:
                out.append("[suite %s] risugen: %s" % (su.name, e))
                continue
            if p.returncode:
                lines = [l for l in p.stderr.splitlines() if "error" in l]
                why = (lines or p.stderr.splitlines() or ["exit %d" %
                                                         p.returncode])[0]
                out.append("[suite %s] %s" % (su.name, why))
    return out


def cmd_check(a) -> int:
    cfg, jobs = _load(a.config)
    problems = _check(cfg) + _check_registry(cfg)
    for p in problems:
        print("risu-nightly: %s" % p, file=sys.stderr)
    print("%s: %d suites, %d references, %d implementations, %d jobs%s" % (
        a.config, len(cfg.suites), len(cfg.references), len(cfg.implementations),
        len(jobs), "" if not problems else ", %d problems" % len(problems)))
    return EXIT_ERROR if problems else EXIT_OK


def cmd_prune(a) -> int:
    cfg = config.load(a.config)
    n = 0
    for p in Store(cfg.settings.store).prune(a.days, a.dry_run):
        print(("would remove " if a.dry_run else "removed ") + p)
        n += 1
    print("%d entries" % n)
    return EXIT_OK


def _jobs(v: str) -> int:
    try:
        n = int(v)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError("'%s' is not a number of jobs (0: "
                                          "the config's, or 1, 2...)" % v)
    return n


class _Parser(argparse.ArgumentParser):
    """Usage errors: one line and exit 2, which the systemd unit (and CI)
    tell apart from 1, a night with divergences."""

    def error(self, message):
        print("risu-nightly: error: %s (risu-nightly --help)" % message,
              file=sys.stderr)
        sys.exit(EXIT_ERROR)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="risu-nightly", usage=USAGE,
                description="Nightly risu-dt regression driver.")
    p.add_argument("--version", action="version", version="risu-nightly (risu-dt) " + VERSION)
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND")

    def common(sp, only=True):
        sp.add_argument("config", metavar="CONFIG")
        sp.add_argument("--run-id", default=default_run_id(),
                        help="results subdirectory (default: today's date, or "
                        "$RISU_NIGHTLY_RUN_ID)")
        if only:
            sp.add_argument("--only", action="append", default=[], metavar="GLOB",
                            help="only jobs whose id matches (repeatable)")

    sp = sub.add_parser("run", help="run every job, then write the reports")
    common(sp)
    sp.add_argument("-j", "--jobs", type=_jobs, default=0,
                    help="parallel jobs (default: [nightly] jobs)")
    sp.add_argument("--force", action="store_true",
                    help="rerun jobs that already have a result")
    sp.add_argument("--sshloginfile", metavar="FILE",
                    help="spread the jobs with GNU parallel over these hosts")
    sp.set_defaults(fn=cmd_run)

    sp = sub.add_parser("jobs", help="print one shell command (or id) per job")
    common(sp)
    sp.add_argument("--ids", action="store_true", help="job ids only")
    sp.add_argument("--pending", action="store_true",
                    help="only jobs without a result in this run")
    sp.set_defaults(fn=cmd_jobs)

    sp = sub.add_parser("run-job", help="run one job")
    common(sp, only=False)
    sp.add_argument("job", metavar="JOBID")
    sp.add_argument("--force", action="store_true")
    sp.set_defaults(fn=cmd_run_job)

    sp = sub.add_parser("report", help="write junit.xml and index.html")
    common(sp)
    sp.set_defaults(fn=cmd_report)

    sp = sub.add_parser("check", help="validate the config")
    sp.add_argument("config", metavar="CONFIG")
    sp.set_defaults(fn=cmd_check)

    sp = sub.add_parser("prune", help="remove old golden traces")
    sp.add_argument("config", metavar="CONFIG")
    sp.add_argument("--days", type=float, required=True)
    sp.add_argument("--dry-run", action="store_true")
    sp.set_defaults(fn=cmd_prune)
    return p


def _sigterm(signum, frame):
    # CI cancels with SIGTERM: stop like Ctrl-C (kill the emulators, keep
    # finished results, write nothing for the job in progress).
    raise KeyboardInterrupt()


def main(argv=None) -> int:
    p = parser()
    a = p.parse_args(argv)
    if not getattr(a, "fn", None):
        p.print_usage(sys.stderr)
        return EXIT_ERROR
    signal.signal(signal.SIGTERM, _sigterm)
    try:
        return a.fn(a)
    except ConfigError as e:
        print("risu-nightly: %s" % e, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
