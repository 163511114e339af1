# SPDX-License-Identifier: GPL-2.0-or-later
"""The two sides of a campaign: the reference and the implementations.

  'qemu-mips64el -cpu 5Kf [ARGS]'   an emulator command (qemu-user)
  'env RISU_INJECT=7:t1:3 qemu-mipsel -cpu 24Kf'   the same with env
  vm:KERNEL[:CPU]                   tools/risu-vm run --kernel KERNEL
  golden:DIR                        recorded golden traces (reference only):
                                    DIR/**/image.bin next to golden.trace
                                    (a nightly store, or any such tree)
"""

import os
import re
import shlex
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .. import archreg

TREE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
RISU_VM = os.path.join(TREE, "tools", "risu-vm")


class SideError(Exception):
    """A --ref/--impl that cannot be used (exit 2)."""


@dataclass
class Side:
    spec: str
    kind: str                      # "emulator", "vm" or "golden"
    name: str = ""
    emulator: str = ""
    cpu: str = ""
    args: List[str] = field(default_factory=list)
    env: Dict[str, str] = field(default_factory=dict)
    kernel: str = ""
    golden_dir: str = ""
    runner: str = ""               # filled in once the arch is known

    def words(self) -> List[str]:
        """The command before the runner's own arguments (env included)."""
        env = ["%s=%s" % kv for kv in sorted(self.env.items())]
        pre = ["env"] + env if env else []
        if self.kind == "emulator":
            return pre + [self.emulator, "-cpu", self.cpu] + self.args + [self.runner]
        if self.kind == "vm":
            return pre + [RISU_VM, "run", "--kernel", self.kernel, "--cpu",
                          self.cpu, "--runner", self.runner, "--quiet", "--"]
        raise SideError("%s cannot be run" % self.spec)

    def record_argv(self, image: str, trace: str) -> List[str]:
        return self.words() + ["--master", image, "-t", trace]

    def template(self) -> str:
        """For risu-trace shrink --ref-cmd/--test-cmd."""
        return (" ".join(shlex.quote(w) for w in self.words()) +
                " --master -t {trace} {image}")


def _vm_cpu(kernel: str) -> str:
    """The kernel's default -cpu from arch/*/vm.conf (KERNEL_cpu=...)."""
    adir = os.path.join(TREE, "arch")
    for fam in sorted(os.listdir(adir)):
        p = os.path.join(adir, fam, "vm.conf")
        if not os.path.isfile(p):
            continue
        with open(p) as f:
            for line in f:
                m = re.match(r"\s*%s_cpu=['\"]?([^'\"\s]+)" % re.escape(kernel), line)
                if m:
                    return m.group(1)
    return ""


def parse(spec: str, role: str) -> Side:
    spec = spec.strip()
    if spec.startswith("vm:"):
        parts = spec[3:].split(":")
        kernel = parts[0]
        cpu = parts[1] if len(parts) > 1 and parts[1] else _vm_cpu(kernel)
        if not kernel or not cpu:
            raise SideError("%s: need vm:KERNEL[:CPU] with a kernel that "
                            "tools/risu-vm knows (risu-vm kernels)" % spec)
        return Side(spec, "vm", name="vm-%s-%s" % (kernel, cpu), kernel=kernel,
                    cpu=cpu)
    if spec.startswith("golden:"):
        if role != "ref":
            raise SideError("%s: golden traces can only be the reference" % spec)
        d = spec[7:]
        if not os.path.isdir(d):
            raise SideError("%s: no such directory" % d)
        return Side(spec, "golden", name="golden", golden_dir=d)
    try:
        w = shlex.split(spec)
    except ValueError as e:
        raise SideError("%s: %s" % (spec, e))
    env = {}
    if w and w[0] == "env":
        w = w[1:]
    while w and "=" in w[0] and not w[0].startswith("-"):
        k, _, v = w.pop(0).partition("=")
        env[k] = v
    if len(w) < 3 or w[1] != "-cpu":
        raise SideError("%s: expected 'EMULATOR -cpu MODEL [ARGS]' (e.g. "
                        "'qemu-mips64el -cpu 5Kf'), vm:KERNEL[:CPU]%s" %
                        (spec, " or golden:DIR" if role == "ref" else ""))
    name = "%s-%s" % (os.path.basename(w[0]), w[2])
    if env:
        name += "-" + "-".join(re.sub(r"[^A-Za-z0-9_.]+", ".", "%s=%s" % kv)
                               for kv in sorted(env.items()))
    return Side(spec, "emulator", name=name, emulator=w[0], cpu=w[2],
                args=w[3:], env=env)


def arch_of(sides: List[Side], forced: Optional[str]) -> str:
    """The risugen --arch: --arch, else qemu-ARCH of the first emulator."""
    if forced:
        if not archreg.arch(forced):
            raise SideError("--arch %s: unknown (risu-trace arch lists them)" % forced)
        return forced
    for s in sides:
        if s.kind == "emulator":
            base = os.path.basename(s.emulator)
            if base.startswith("qemu-") and archreg.arch(base[5:]):
                return base[5:]
    raise SideError("cannot tell the architecture from %s: give --arch" %
                    ", ".join(s.spec for s in sides))


def runner_for(arch: str, cpu: str, build: str) -> str:
    """build/risu-FLAVOUR for CPU (fr1 / nan2008 models need their own)."""
    a = archreg.arch(arch) or {}
    flav = a.get("default_flavour") or arch
    feats = ""
    for c in a.get("cpus", []):
        if c["name"] == cpu:
            feats = c.get("features", "")
    ff = a.get("flavour_for") or {}
    if "nan2008" in feats.split() and ff.get("nan2008"):
        flav = ff["nan2008"]
    elif "fr1" in feats.split() and ff.get("fr1"):
        flav = ff["fr1"]
    return os.path.join(build, "risu-" + flav)
