# SPDX-License-Identifier: GPL-2.0-or-later
"""An image's metadata (docs/image-format.md), read through `risu-trace
meta`: the format has one parser, in C (format/meta.c), and the driver
keeps none of its own.

The golden-trace key is built from it (generator version, options,
pattern-file digests), and the instruction table turns a mismatching pc
offset into the pattern names around it.
"""

import bisect
import json
import struct
import subprocess
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from nightly import archreg


class ImageError(Exception):
    pass


@dataclass
class ImageMeta:
    keys: Dict[str, str] = field(default_factory=dict)
    pattern_files: List[Tuple[str, str]] = field(default_factory=list)
    insns: List[Tuple[int, str]] = field(default_factory=list)  # sorted
    code: bytes = b""
    sha256: str = ""

    def get(self, key: str, default: str = "") -> str:
        return self.keys.get(key, default)

    def insn_at_or_before(self, off: int) -> Optional[int]:
        """Index of the last generated instruction at or before OFF."""
        offs = [o for o, _ in self.insns]
        i = bisect.bisect_right(offs, off) - 1
        return i if i >= 0 else None

    def word(self, off: int) -> Optional[int]:
        if off < 0 or off + 4 > len(self.code):
            return None
        fmt = ">I" if self.get("endian") == "big" else "<I"
        return struct.unpack_from(fmt, self.code, off)[0]


def read(path: str, risu_trace: Optional[str] = None) -> ImageMeta:
    risu_trace = risu_trace or archreg.default_risu_trace()
    try:
        p = subprocess.run([risu_trace, "meta", path], capture_output=True,
                           text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ImageError("%s: cannot run %s meta: %s" % (path, risu_trace, e))
    if p.returncode != 0:
        lines = (p.stderr or "").strip().splitlines()
        raise ImageError(lines[-1] if lines else
                         "%s: risu-trace meta exited %d" % (path, p.returncode))
    try:
        d = json.loads(p.stdout)
        m = ImageMeta(keys=dict(d["metadata"]),
                      pattern_files=[(n, h) for n, h in d["pattern_files"]],
                      insns=sorted((int(o), n) for o, n in d["insns"]),
                      sha256=d["sha256"])
        off, n = int(d["code_offset"]), int(d["code_bytes"])
    except (ValueError, KeyError, TypeError) as e:
        raise ImageError("%s: unexpected risu-trace meta output: %s" % (path, e))
    with open(path, "rb") as f:
        f.seek(off)
        m.code = f.read(n)
    return m
