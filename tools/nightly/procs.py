# SPDX-License-Identifier: GPL-2.0-or-later
"""Run one external command with a deadline.

Each command gets its own process group so a timeout kills the whole tree
(qemu, or ssh and whatever it started), not just the direct child.
"""

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Dict, List, Optional

# Keep reports readable and result files small; a runner that prints more
# than this is reporting thousands of mismatches or looping.
MAX_OUTPUT = 64 * 1024


class Interrupted(Exception):
    """The whole run is being stopped (Ctrl-C, SIGTERM): the job in
    progress must not write a result, so a rerun does it again."""


# Children still running, so an interrupt can kill them all: they run in
# their own sessions and would not see the terminal's SIGINT.
_live = set()
_live_lock = threading.Lock()
STOPPING = threading.Event()


def kill_all() -> None:
    STOPPING.set()
    with _live_lock:
        pids = list(_live)
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@dataclass
class Outcome:
    argv: List[str]
    rc: Optional[int]        # None on timeout; negative: killed by signal
    out: str
    err: str
    timed_out: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return self.rc == 0

    def describe(self) -> str:
        if self.timed_out:
            return "timed out after %.0f s" % self.seconds
        if self.rc is not None and self.rc < 0:
            try:
                name = signal.Signals(-self.rc).name
            except ValueError:
                name = "signal %d" % -self.rc
            return "killed by %s" % name
        return "exit %s" % self.rc

    def tail(self, n: int = 20) -> str:
        """The last lines of stderr then stdout, for error messages."""
        lines = (self.err.strip() + "\n" + self.out.strip()).strip().splitlines()
        return "\n".join(lines[-n:])


def _clip(b: bytes) -> str:
    s = b.decode("utf-8", "replace")
    if len(s) > MAX_OUTPUT:
        s = s[:MAX_OUTPUT] + "\n[... %d more characters cut]\n" % (len(s) - MAX_OUTPUT)
    return s


def run(argv: List[str], timeout: float, env: Optional[Dict[str, str]] = None,
        cwd: Optional[str] = None, stdout_file: Optional[str] = None) -> Outcome:
    """Run ARGV; its stdin is an empty pipe (not /dev/null, which a broken
    tool on a shared machine can delete).  With STDOUT_FILE, standard
    output goes to that file, whole (a JSON document must not be clipped),
    and Outcome.out is empty."""
    if STOPPING.is_set():
        raise Interrupted()
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    t0 = time.monotonic()
    sink = None
    try:
        if stdout_file:
            sink = open(stdout_file, "wb")
        p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                             stdout=sink or subprocess.PIPE,
                             stderr=subprocess.PIPE, env=full_env, cwd=cwd,
                             start_new_session=True)
    except OSError as e:
        if sink:
            sink.close()
        return Outcome(argv, 127, "", "%s: %s" % (argv[0], e.strerror), False,
                       time.monotonic() - t0)
    with _live_lock:
        _live.add(p.pid)
    try:
        out, err = p.communicate(timeout=max(timeout, 0.1))
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = p.communicate()
        timed_out = True
    except BaseException:
        # Interrupted (Ctrl-C): do not leave a qemu behind.
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        raise
    finally:
        with _live_lock:
            _live.discard(p.pid)
        if sink:
            sink.close()
    if STOPPING.is_set():
        raise Interrupted()
    return Outcome(argv, None if timed_out else p.returncode, _clip(out or b""),
                   _clip(err), timed_out, time.monotonic() - t0)


class Deadline:
    """A job's time budget, shared by its steps."""

    def __init__(self, seconds: float):
        self.total = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def expired(self) -> bool:
        return self.left() <= 0
