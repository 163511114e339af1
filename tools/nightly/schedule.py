# SPDX-License-Identifier: GPL-2.0-or-later
"""Running many jobs without a home-made scheduler.

- one machine: a thread pool (the jobs are subprocesses; threads only wait)
- several machines: GNU parallel --sshloginfile, fed one `run-job` command
  per line (the same lines `risu-nightly jobs` prints for any CI matrix)

Either way each job writes its own result file, so the report step does
not care where a job ran, and a rerun skips what already finished.
"""

import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import List, Optional

from . import procs
from .config import Config
from .job import run_job
from .matrix import Job
from .progress import Progress
from .results import Run, summarize

ENTRY = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                     "risu-nightly")


def pending(run: Run, jobs: List[Job], force: bool) -> List[Job]:
    if force:
        for j in jobs:
            run.forget(j.id)
        return list(jobs)
    return [j for j in jobs if run.load(j.id) is None]


def run_local(cfg: Config, run: Run, jobs: List[Job], todo: List[Job],
              njobs: int, progress: Optional[Progress] = None) -> None:
    done_before = [run.load(j.id) for j in jobs if j not in todo]
    progress = progress or Progress(len(jobs), summarize([r for r in done_before if r]))
    progress.start()
    ex = ThreadPoolExecutor(max_workers=njobs)
    futs = [ex.submit(run_job, cfg, run, j) for j in todo]
    try:
        for f in as_completed(futs):
            try:
                progress.job_done(f.result())
            except procs.Interrupted:
                pass
    except KeyboardInterrupt:
        for f in futs:
            f.cancel()
        procs.kill_all()
        ex.shutdown(wait=True)
        raise
    ex.shutdown(wait=True)
    progress.finish()


def job_command(config_path: str, run_id: str, job_id: str,
                force: bool = False) -> str:
    argv = [ENTRY, "run-job", "--run-id", run_id] + (["--force"] if force else []) + \
        [os.path.abspath(config_path), job_id]
    return " ".join(shlex.quote(a) for a in argv)


def run_parallel(cfg: Config, run: Run, todo: List[Job], sshloginfile: str,
                 njobs: Optional[int]) -> int:
    """Hand the jobs to GNU parallel.  The hosts need this tree, the
    emulators and the config at the same paths, and the store and results
    directories shared (NFS): docs/nightly.md."""
    lines = "".join(job_command(cfg.settings.config_path, run.id, j.id) + "\n"
                    for j in todo)
    os.makedirs(run.dir, exist_ok=True)
    argv = ["parallel", "--will-cite", "--sshloginfile", sshloginfile,
            "--joblog", os.path.join(run.dir, "parallel.joblog"),
            "--line-buffer", "--tag"]
    if njobs:
        argv += ["--jobs", str(njobs)]
    if sys.stderr.isatty():
        argv.append("--eta")
    try:
        p = subprocess.run(argv, input=lines, text=True)
    except FileNotFoundError:
        print("risu-nightly: GNU parallel is not installed (apt-get install "
              "parallel)", file=sys.stderr)
        return 127
    # parallel's status is the number of failed commands; run-job exits 1
    # for a divergence, so only the result files say what really happened.
    return p.returncode
