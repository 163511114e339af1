# SPDX-License-Identifier: GPL-2.0-or-later
"""The architecture registry as `risu-trace arch --json` prints it:
architectures, families, CPU models, runner flavours and objdump choices.
The driver keeps no list of its own; the command runs once per process
(and risu-trace path) and the answer is cached."""

import json
import os
import shutil
import subprocess
from typing import Dict, Optional

_cache: Dict[str, Optional[Dict]] = {}


def default_risu_trace() -> str:
    """The risu-trace built from this source tree ($BUILD, default build/),
    else the one on PATH."""
    repo = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    p = os.path.join(repo, os.environ.get("BUILD", "build"), "risu-trace")
    if os.access(p, os.X_OK):
        return p
    return shutil.which("risu-trace") or "risu-trace"


def registry(risu_trace: Optional[str] = None) -> Optional[Dict]:
    """The whole registry, or None when risu-trace cannot tell."""
    risu_trace = risu_trace or default_risu_trace()
    if risu_trace not in _cache:
        try:
            p = subprocess.run([risu_trace, "arch", "--json"],
                               capture_output=True, text=True, timeout=30)
            _cache[risu_trace] = json.loads(p.stdout) if p.returncode == 0 else None
        except (OSError, subprocess.TimeoutExpired, ValueError):
            _cache[risu_trace] = None
    return _cache[risu_trace]


def arch(name: str, risu_trace: Optional[str] = None) -> Optional[Dict]:
    """One architecture's entry by risugen --arch name."""
    reg = registry(risu_trace)
    for a in (reg or {}).get("arches", []):
        if a["name"] == name:
            return a
    return None
