# SPDX-License-Identifier: GPL-2.0-or-later
"""A reference run under a real Debian kernel in qemu-system, through
tools/risu-vm (docs/vm.md).

The golden-trace key holds what the VM is made of: the kernel and
busybox package versions and .deb digests that `risu-vm setup` recorded
in its cache (`risu-vm versions --json`), the qemu-system version and
binary digest, the -cpu model, and the runner's digest.  A Debian point
release (new kernel package) or a new QEMU re-records; an unchanged VM
is served from the store without booting.
"""

import functools
import json
import os
import threading
from typing import Dict, List

from . import procs
from .config import Target, which

# `risu-vm setup` downloads a kernel on first use: allow for a slow mirror.
SETUP_TIMEOUT = 900.0


# Parallel jobs (run -j) must not run two `risu-vm setup` into one cache.
_SETUP_LOCK = threading.Lock()


class VmError(Exception):
    """risu-vm is missing, or the kernel cannot be fetched or described."""


def _versions(risu_vm: str, kernel: str, env: tuple) -> Dict:
    o = procs.run([risu_vm, "versions", "--json", kernel], 60, env=dict(env))
    if not o.ok:
        raise VmError("risu-vm versions %s failed (%s): %s"
                      % (kernel, o.describe(), o.tail(3)))
    try:
        doc = json.loads(o.out)
        return doc["kernels"][0]
    except (ValueError, KeyError, IndexError):
        raise VmError("risu-vm versions %s: no JSON document: %s"
                      % (kernel, o.tail(3)))


def describe(risu_vm: str, kernel: str, env: tuple) -> Dict:
    """The kernel's versions, fetching it first when it is not cached
    (once per process: parallel jobs of one run share the answer)."""
    with _SETUP_LOCK:
        return _describe(risu_vm, kernel, env)


@functools.lru_cache(maxsize=16)
def _describe(risu_vm: str, kernel: str, env: tuple) -> Dict:
    k = _versions(risu_vm, kernel, env)
    if not k.get("cached"):
        o = procs.run([risu_vm, "setup", "--quiet", kernel], SETUP_TIMEOUT,
                      env=dict(env))
        if not o.ok:
            raise VmError("risu-vm setup %s failed (%s): %s"
                          % (kernel, o.describe(), o.tail(5)))
        k = _versions(risu_vm, kernel, env)
        if not k.get("cached"):
            raise VmError("risu-vm setup %s left no cached kernel" % kernel)
    return k


def _env_key(t: Target) -> tuple:
    return tuple(sorted(t.env.items()))


def identity(t: Target, runner: str, file_sha256) -> Dict[str, str]:
    k = describe(t.risu_vm, t.vm_kernel, _env_key(t))
    qemu = which(k.get("qemu", "")) or k.get("qemu", "")
    pkgs = " ".join("%s=%s:%s" % (p["package"], p["version"], p["sha256"])
                    for p in k.get("packages", []))
    return {"kind": "vm", "kernel": t.vm_kernel, "packages": pkgs,
            "qemu-system": os.path.basename(qemu),
            "qemu-version": k.get("qemu_version", ""),
            "qemu-sha256": file_sha256(os.path.realpath(qemu)),
            "machine": k.get("machine", ""),
            "cpu": t.cpu or k.get("default_cpu", ""),
            "args": " ".join(t.args),
            "runner": os.path.basename(runner),
            "runner-sha256": file_sha256(runner), "revision": t.revision}


@functools.lru_cache(maxsize=4)
def _kernels(risu_vm: str) -> tuple:
    """The --kernel names risu-vm knows (its arch tables)."""
    o = procs.run([risu_vm, "kernels"], 30)
    return tuple(line.split()[0] for line in o.out.splitlines()
                 if line.strip() and not line.startswith("no "))


def check_local(t: Target, runner: str):
    if not which(t.risu_vm):
        return "%s: risu-vm %s not found" % (t.name, t.risu_vm)
    known = _kernels(t.risu_vm)
    if t.vm_kernel not in known:
        return "%s: risu-vm has no kernel '%s' (known: %s)" % (
            t.name, t.vm_kernel, " ".join(known))
    if not os.access(runner, os.X_OK):
        return "%s: runner %s not found or not executable" % (t.name, runner)
    return None


def argv(t: Target, runner: str, runner_args: List[str],
         timeout: float) -> List[str]:
    # risu-vm's own timeout a little inside the job's, so that it can kill
    # the guest itself and show the console tail
    vm_timeout = max(10, int(timeout) - 5)
    cpu = ["--cpu", t.cpu] if t.cpu else []
    return ([t.risu_vm, "run", "--quiet", "--kernel", t.vm_kernel] + cpu +
            ["--runner", runner, "--timeout", str(vm_timeout)] + t.args +
            ["--"] + runner_args)


def record(t: Target, runner: str, image: str, trace: str,
           timeout: float) -> procs.Outcome:
    return procs.run(argv(t, runner, ["--master", image, "-t", trace], timeout),
                     timeout, env=t.env)
