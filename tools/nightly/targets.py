# SPDX-License-Identifier: GPL-2.0-or-later
"""How to run the static runner on a target: under a local emulator
(`qemu-<arch> -cpu MODEL risu ...`), on a board over ssh/scp, or under a
Debian kernel in qemu-system (`risu-vm run`, vmref.py).

A board that cannot be reached is not a failure of the implementation
under test: BoardDown lets the job report "skipped" instead.
"""

import functools
import hashlib
import os
import shlex
from typing import Dict, List, Optional

from . import procs, vmref
from .config import Target, which


class BoardDown(Exception):
    """ssh could not reach the board (exit 255, or connect timeout)."""


class TargetError(Exception):
    """The target is reachable but a step failed (missing runner, scp of a
    file refused, ...): an infrastructure error, not a divergence."""


@functools.lru_cache(maxsize=64)
def file_sha256(path: str) -> str:
    """Digest of an emulator or runner binary, once per process: a new
    QEMU or runner build as the reference must re-record its traces."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return "missing"
    return h.hexdigest()


def emulator_argv(t: Target, runner: str, runner_args: List[str]) -> List[str]:
    return [t.emulator, "-cpu", t.cpu] + t.args + [runner] + runner_args


def identity(t: Target, runner: str) -> Dict[str, str]:
    """What goes into the golden-trace key for a reference.  For a board
    only what the config says (nothing can be read while it is down);
    'revision' is there for the admin to bump after a firmware or runner
    update."""
    if t.kind == "ssh":
        return {"kind": "ssh", "host": t.ssh_host, "runner": t.runner,
                "revision": t.revision}
    if t.kind == "vm":
        try:
            return vmref.identity(t, runner, file_sha256)
        except vmref.VmError as e:
            raise TargetError(str(e))
    emu = which(t.emulator) or t.emulator
    return {"kind": "emulator", "emulator": os.path.basename(t.emulator),
            "emulator-sha256": file_sha256(os.path.realpath(emu)),
            "cpu": t.cpu, "args": " ".join(t.args),
            "runner": os.path.basename(runner),
            "runner-sha256": file_sha256(runner), "revision": t.revision}


def check_local(t: Target, runner: str) -> Optional[str]:
    """A configuration problem that makes every job of T an error."""
    if t.kind == "vm":
        return vmref.check_local(t, runner)
    if t.kind != "emulator":
        return None
    if not which(t.emulator):
        return "%s: emulator %s not found" % (t.name, t.emulator)
    if not os.access(runner, os.X_OK):
        return "%s: runner %s not found or not executable" % (t.name, runner)
    return None


# ------------------------------------------------------------- recording

def record(t: Target, runner: str, image: str, trace: str, tag: str,
           timeout: float, connect_timeout: float) -> procs.Outcome:
    """Record TRACE from IMAGE on reference T.  Raises BoardDown or
    TargetError; returns the runner's outcome (rc 0 = recorded)."""
    if t.kind == "emulator":
        env = dict(t.env)
        # The trace header then says which emulator recorded it.
        env.setdefault("RISU_RECORDER", "%s -cpu %s" %
                       (os.path.basename(t.emulator), t.cpu))
        return procs.run(emulator_argv(t, runner, ["--master", image, "-t", trace]),
                         timeout, env=env)
    if t.kind == "vm":
        return vmref.record(t, runner, image, trace, timeout)
    return _record_ssh(t, image, trace, tag, timeout, connect_timeout)


def _ssh(t: Target, remote_cmd: str, timeout: float) -> procs.Outcome:
    return procs.run(t.ssh + [t.ssh_host, remote_cmd], timeout)


def _down(o: procs.Outcome) -> bool:
    # ssh exits 255 for its own errors (refused, no route, auth); a
    # connect that hangs past ConnectTimeout is the same thing.
    return o.timed_out or o.rc == 255


def probe(t: Target, connect_timeout: float) -> procs.Outcome:
    return _ssh(t, "mkdir -p %s" % shlex.quote(t.workdir), connect_timeout)


def _record_ssh(t: Target, image: str, trace: str, tag: str, timeout: float,
                connect_timeout: float) -> procs.Outcome:
    o = probe(t, connect_timeout)
    if _down(o):
        raise BoardDown("%s unreachable: %s" % (t.ssh_host, o.tail(3) or o.describe()))
    if not o.ok:
        raise TargetError("%s: cannot create %s: %s" % (t.ssh_host, t.workdir,
                                                         o.tail(5)))
    dl = procs.Deadline(timeout)
    r_img = "%s/%s.bin" % (t.workdir, tag)
    r_tr = "%s/%s.trace" % (t.workdir, tag)
    o = procs.run(t.scp + [image, "%s:%s" % (t.ssh_host, r_img)], dl.left())
    if not o.ok:
        raise TargetError("scp of the image to %s failed (%s): %s"
                          % (t.ssh_host, o.describe(), o.tail(5)))
    # The trace header then names the board that recorded it.
    renv = dict(t.env)
    renv.setdefault("RISU_RECORDER", "board %s" % t.ssh_host)
    env = " ".join("%s=%s" % (k, shlex.quote(v)) for k, v in renv.items())
    cmd = "%s%s --master %s -t %s" % (env + " " if env else "", t.runner,
                                      shlex.quote(r_img), shlex.quote(r_tr))
    run = _ssh(t, cmd, dl.left())
    if run.rc == 255:
        raise BoardDown("%s went away while recording: %s" % (t.ssh_host, run.tail(3)))
    if run.ok:
        o = procs.run(t.scp + ["%s:%s" % (t.ssh_host, r_tr), trace], dl.left())
        if not o.ok:
            raise TargetError("scp of the trace from %s failed (%s): %s"
                              % (t.ssh_host, o.describe(), o.tail(5)))
    _ssh(t, "rm -f %s %s" % (shlex.quote(r_img), shlex.quote(r_tr)),
         connect_timeout)
    return run


# ------------------------------------------------------------- replaying

def replay(t: Target, runner: str, image: str, trace: str, timeout: float,
           keep_going: bool) -> procs.Outcome:
    """Run IMAGE under implementation T and compare with TRACE."""
    args = (["--keep-going"] if keep_going else []) + [image, "-t", trace]
    return procs.run(emulator_argv(t, runner, args), timeout, env=t.env)


def record_local(t: Target, runner: str, image: str, trace: str,
                 timeout: float) -> procs.Outcome:
    """Record what implementation T does (for `risu-trace diff` against
    the golden trace after a mismatch)."""
    return procs.run(emulator_argv(t, runner, ["--master", image, "-t", trace]),
                     timeout, env=t.env)
