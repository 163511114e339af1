"""Read the metadata risugen appends to a raw image (docs/image-format.md):
[code][blob][trailer "RISUMETA" u32 meta_len u32 code_len], little-endian.

The golden-trace key is built from it (generator version, options,
pattern-file digests), and the instruction table turns a mismatching pc
offset into the pattern names around it.  ELF images are not handled:
the runner runs raw images only.
"""

import bisect
import hashlib
import struct
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

MAGIC = b"RISUMETA"
TRAILER = 16


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


def parse_blob(text: str) -> ImageMeta:
    m = ImageMeta()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        k, eq, v = line.partition("=")
        if not eq:
            raise ImageError("metadata line without '=': %r" % line[:60])
        if k == "insns":
            n = int(v)
            for line in lines[i:i + n]:
                off, _, name = line.partition(" ")
                m.insns.append((int(off, 16), name))
            i += n
            if len(m.insns) != n:
                raise ImageError("metadata: %d of %d instruction lines"
                                 % (len(m.insns), n))
            continue
        if k == "pattern-file":
            name, _, digest = v.rpartition(" ")
            m.pattern_files.append((name, digest))
            continue
        m.keys[k] = v
    m.insns.sort()
    return m


def read(path: str) -> ImageMeta:
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < TRAILER or data[-TRAILER:-8] != MAGIC:
        raise ImageError("%s: no risu-dt metadata trailer (not a risugen raw "
                         "image?)" % path)
    meta_len, code_len = struct.unpack("<II", data[-8:])
    if code_len + meta_len + TRAILER != len(data):
        raise ImageError("%s: metadata trailer sizes do not add up" % path)
    try:
        text = data[code_len:code_len + meta_len].decode("utf-8")
        m = parse_blob(text)
    except (UnicodeDecodeError, ValueError) as e:
        raise ImageError("%s: bad metadata: %s" % (path, e))
    m.code = data[:code_len]
    m.sha256 = hashlib.sha256(data).hexdigest()
    return m
