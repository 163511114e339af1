# SPDX-License-Identifier: GPL-2.0-or-later
"""What a campaign generates: its arms (docs/hunt.md "Scope").

An arm is one pattern set (a line of the arch's default list
arch/<family>/default-<arch>.list, or a --files entry), optionally
restricted to a tag set (--tags), optionally with an edge class
(risugen --edge, when the risugen in use has it).  Arms whose selection
is empty for the reference CPU (a vendor file on another vendor's CPU)
are dropped before the campaign starts, with the reason risugen gives.
"""

import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from .. import archreg
from .sides import TREE


class ScopeError(Exception):
    pass


@dataclass
class Arm:
    files: str                      # risugen FILE ("a+b" joins)
    tags: str = ""                  # risugen --group value, "" = all
    edge: str = ""                  # risugen --edge class, "" = none
    id: str = field(init=False)

    def __post_init__(self):
        base = "+".join(os.path.basename(f) for f in self.files.split("+"))
        parts = [re.sub(r"\.decode\b", "", base)]
        if self.tags:
            parts.append(self.tags.replace(",", "+"))
        if self.edge:
            parts.append("edge-" + self.edge)
        self.id = ".".join(parts)

    def risugen_args(self) -> List[str]:
        a = []
        if self.tags:
            a += ["--group", self.tags]
        if self.edge:
            a += ["--edge", self.edge]
        return a + [self.files]


def default_list(arch: str) -> Tuple[Optional[str], List[str]]:
    """(path, pattern-set lines) of the arch's default list; (None, [])
    when it has none."""
    a = archreg.arch(arch) or {}
    fam = a.get("family") or arch
    path = os.path.join(TREE, "arch", fam, "default-%s.list" % arch)
    if not os.path.isfile(path):
        return None, []
    out = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            # "--insnwidth N FILE" / "--overlay F FILE": keep the options
            # off; the FILE is what an arm names
            words = line.split()
            files = words[-1]
            out.append("+".join(os.path.join(os.path.dirname(path), p)
                                for p in files.split("+")))
    return path, out


def edge_support(risugen: str) -> Tuple[bool, List[str]]:
    """Whether risugen has --edge, and the classes its help names
    ("classes: a b c" on the --edge lines)."""
    try:
        p = subprocess.run([risugen, "--help"], capture_output=True, text=True,
                           timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False, []
    lines = (p.stdout + p.stderr).splitlines()
    at = [i for i, l in enumerate(lines) if re.match(r"\s*--edge\b", l)]
    if not at:
        return False, []
    # the option's line and its continuation lines (indented, no option)
    block = [lines[at[0]].split(None, 2)[-1]]
    for l in lines[at[0] + 1:]:
        if not l.startswith(" ") or l.lstrip().startswith("-"):
            break
        block.append(l)
    text = " ".join(block)
    m = re.search(r"classes?:\s*([a-z][a-z0-9_, -]*)", text)
    if m:
        return True, re.findall(r"[a-z][a-z0-9_-]*", m.group(1))
    m = re.search(r"\b([a-z][a-z0-9_-]*(?:,[a-z][a-z0-9_-]*)+)\b", text)
    return True, m.group(1).split(",") if m else []


def probe(risugen: str, arch: str, cpu: str, arm: Arm,
          extra: List[str]) -> Optional[str]:
    """None when the arm selects patterns for CPU, else risugen's reason."""
    # --list does not set up edge words: an edge arm is tried for real
    # (a dry run of a few instructions), since a class can have no word
    # for this CPU and selection
    how = ["--dry-run", "-n", "32"] if arm.edge else ["--list"]
    argv = [risugen, "--arch", arch] + (["--cpu", cpu] if cpu else []) + \
        extra + how + arm.risugen_args()
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    if p.returncode == 0 and p.stdout.strip():
        return None
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    return lines[-1] if lines else "no pattern selected"


def arms(risugen: str, arch: str, cpu: str, files: List[str], tags: List[str],
         edges: Optional[List[str]], extra: List[str]):
    """(usable arms, [(arm id, why dropped)], note)."""
    note = ""
    if not files:
        path, files = default_list(arch)
        if path is None:
            raise ScopeError(
                "the %s architecture has no default pattern set yet "
                "(no arch/<family>/default-%s.list): give the pattern files "
                "with --files" % (arch, arch))
    has_edge, helped = edge_support(risugen)
    if edges is None:
        edges = helped if has_edge else []
    elif edges and not has_edge:
        raise ScopeError("--edge-classes given but %s has no --edge" % risugen)
    if has_edge and not edges:
        note = "risugen has --edge but names no classes: give --edge-classes"
    elif not has_edge:
        note = "risugen has no --edge: no edge classes"
    out, dropped = [], []
    for f in files:
        for t in tags or [""]:
            for e in [""] + list(edges):
                a = Arm(f, t, e)
                why = probe(risugen, arch, cpu, a, extra)
                if why:
                    dropped.append((a.id, why))
                else:
                    out.append(a)
    if not out:
        raise ScopeError("no arm selects any pattern for -cpu %s: %s" % (
            cpu, "; ".join("%s: %s" % d for d in dropped)))
    return out, dropped, note
