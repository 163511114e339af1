# SPDX-License-Identifier: GPL-2.0-or-later
"""Explain a mismatch: parse the runner's report, and disassemble the
instructions around it with objdump (the fallback when `risu-trace diff
--json` is off or missing; difftool.py runs that).

The runner's report (format/report.c) is one block per mismatching
checkpoint:

  mismatch at checkpoint 5: pc offset 0x000003a0 insn 0xb9975400 (SWR)
    t1             ref 0x0000000000000004 got 0x000000000000000c mask 0x...
    signal: ref signal 4 si_code 1 fault 0x...
            got none

pc offset is the checkpoint trap; the test instruction is the last
generated one before it (the image's instruction table says which).
"""

import os
import re
import shlex
import subprocess
import tempfile
from typing import Dict, List, Optional

from . import archreg, procs
from .image_meta import ImageMeta

HEAD_RE = re.compile(r"^mismatch at checkpoint (\d+): pc offset (0x[0-9a-f]+) "
                     r"insn (0x[0-9a-f]+)(?: \((.*)\))?\s*$")
REG_RE = re.compile(r"^  (\S+)\s+ref (\S+(?: captured\))?)\s+got (\S+(?: captured\))?)"
                    r"(?: mask (0x[0-9a-f]+))?\s*$")
MAX_DIVERGENCES = 20     # --keep-going can list thousands; the HTML shows these
WINDOW = 5               # generated instructions shown up to the culprit


def parse_report(text: str) -> List[Dict]:
    out: List[Dict] = []
    cur: Optional[Dict] = None
    for line in text.splitlines():
        m = HEAD_RE.match(line)
        if m:
            if len(out) >= MAX_DIVERGENCES:
                cur = None
                continue
            cur = {"checkpoint": int(m.group(1)), "pc_off": int(m.group(2), 16),
                   "insn": m.group(3), "pattern": m.group(4) or "",
                   "regs": [], "lines": [line]}
            out.append(cur)
            continue
        if not line.startswith("  "):
            cur = None          # "risu: ..." summary or other chatter
            continue
        if cur is None:
            continue
        cur["lines"].append(line)
        r = REG_RE.match(line)
        # "signal:", "op:", "pc offset:" lines are not registers
        if r and not r.group(1).endswith(":") and r.group(1) != "got":
            cur["regs"].append({"name": r.group(1), "ref": r.group(2),
                                "got": r.group(3), "mask": r.group(4) or ""})
    for d in out:
        d["summary"] = summary(d)
    return out


def _short_hex(v: str) -> str:
    if v.startswith("0x"):
        return "0x" + (v[2:].lstrip("0") or "0")
    return v


def summary(d: Dict) -> str:
    """One line for a JUnit failure message."""
    what = ", ".join("%s ref %s got %s" % (r["name"], _short_hex(r["ref"]),
                                             _short_hex(r["got"]))
                     for r in d["regs"][:4])
    if len(d["regs"]) > 4:
        what += ", +%d more" % (len(d["regs"]) - 4)
    other = [l.strip() for l in d["lines"][1:]
             if l.strip().startswith(("signal:", "op:", "pc offset:", "insn:",
                                      "features:"))]
    if other:
        what = "; ".join(other + ([what] if what else []))
    return "checkpoint %d, %s %s at +0x%x: %s" % (
        d["checkpoint"], d["pattern"] or "insn", d["insn"], d["pc_off"],
        what or "state differs")


# ------------------------------------------------------------ disassembly

def objdump_args(meta: ImageMeta,
                 risu_trace: Optional[str] = None) -> Optional[List[str]]:
    """objdump -m/-M options for the image: the registry's machine, the
    first feature rule that names another, and every rule's options."""
    a = archreg.arch(meta.get("arch"), risu_trace)
    if not a:
        return None
    feats = set(meta.get("features").split(","))
    ob = a["objdump"]
    endian = ["-EB"] if meta.get("endian") == "big" else ["-EL"]
    mach, opts = ob["machine"], []
    for r in ob["rules"]:
        if r["feature"] in feats and r["machine"]:
            mach = r["machine"]
            break
    for r in ob["rules"]:
        if r["feature"] in feats and r["options"]:
            opts += r["options"].split()
    if ob["options"]:
        opts = ob["options"].split() + opts
    return ["-m", mach] + opts + endian


def disassemble(meta: ImageMeta, pc_off: int, objdump: str = "objdump",
                risu_trace: Optional[str] = None) -> List[Dict]:
    """The generated instructions up to the one that ran before the
    checkpoint at PC_OFF: offset, word, pattern name, disassembly, and
    'culprit' on the last one.  Empty when nothing can be said."""
    last = meta.insn_at_or_before(pc_off - 1)
    if last is None:
        return []
    first = max(0, last - WINDOW + 1)
    rows = []
    for i in range(first, last + 1):
        off, name = meta.insns[i]
        w = meta.word(off)
        rows.append({"off": off, "word": "%08x" % w if w is not None else "",
                     "pattern": name, "asm": "", "culprit": i == last})
    args = objdump_args(meta, risu_trace)
    if not args:
        return rows
    lo, hi = rows[0]["off"], rows[-1]["off"] + 4
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(meta.code)
        f.flush()
        o = procs.run([objdump, "-D", "-b", "binary"] + args +
                      ["--start-address=0x%x" % lo, "--stop-address=0x%x" % hi,
                       f.name], 30)
    if not o.ok:
        return rows
    asm = {}
    for line in o.out.splitlines():
        m = re.match(r"^\s*([0-9a-f]+):\s+(?:[0-9a-f]{2,8} ?)+\s*\t(.*)$", line)
        if m:
            asm[int(m.group(1), 16)] = m.group(2).replace("\t", " ").strip()
    for r in rows:
        r["asm"] = asm.get(r["off"], "")
    return rows


# ------------------------------------------------- risu-trace diff / shrink

def _usage(risu_trace: str) -> str:
    try:
        p = subprocess.run([risu_trace], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return p.stdout + p.stderr


def diff_command(setting: str, risu_trace: str) -> Optional[str]:
    """The `diff` setting: None for 'off', 'auto' when this risu-trace has
    `diff --json` (difftool.auto_argv builds the command), None for 'auto'
    without it, else the template ({golden} {trace} {image} {risu_trace})."""
    if setting == "off":
        return None
    if setting == "auto":
        u = _usage(risu_trace)
        if re.search(r"\bdiff\b", u) and "--json" in u:
            return "auto"
        return None
    return setting


def fill(template: str, **kw) -> List[str]:
    """Expand a command template; a list value (a command) becomes several
    words, a string one word, whatever it contains."""
    quoted = {k: " ".join(map(shlex.quote, v)) if isinstance(v, list)
              else shlex.quote(v) for k, v in kw.items()}
    return shlex.split(template.format(**quoted))


def objdump_path() -> str:
    for p in ("objdump", "mips-linux-gnu-objdump"):
        for d in os.environ.get("PATH", "").split(os.pathsep):
            if os.access(os.path.join(d, p), os.X_OK):
                return p
    return "objdump"
