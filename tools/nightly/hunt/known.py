# SPDX-License-Identifier: GPL-2.0-or-later
"""The known-issues file (docs/hunt.md "Known issues").

One entry per line: a shell glob matched against the cluster key
(`PATTERN;CLASSES;SIGNAL_A;SIGNAL_B;clean|dirty`, or
`persistent:REG;PATTERN`), optionally `impl=GLOB` to limit it to
implementations whose name matches, then free text after `#` (shown in
the report).  Blank lines and lines starting with `#` are ignored.

    *XC1;*;none;SIGILL/128;*   # VR5432 has no COP1X: not a QEMU bug
    persistent:fcsr;*  impl=qemu-mips64el-5KEf   # FCSR mask, known
"""

import fnmatch
from typing import List, Optional, Tuple


class KnownError(Exception):
    pass


Entry = Tuple[str, str, str, str]       # glob, impl glob, note, "file:line"


def load(path: Optional[str]) -> List[Entry]:
    if not path:
        return []
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise KnownError("%s: %s" % (path, e.strerror))
    out = []
    for n, line in enumerate(lines, 1):
        body, _, note = line.partition("#")
        words = body.split()
        if not words:
            continue
        impl = "*"
        for w in words[1:]:
            if not w.startswith("impl="):
                raise KnownError("%s:%d: unexpected '%s' (GLOB [impl=GLOB] "
                                 "[# note])" % (path, n, w))
            impl = w[5:]
        out.append((words[0], impl, note.strip(), "%s:%d" % (path, n)))
    return out


def match(entries: List[Entry], impl: str, key: str) -> Optional[Entry]:
    for e in entries:
        if fnmatch.fnmatchcase(key, e[0]) and fnmatch.fnmatchcase(impl, e[1]):
            return e
    return None
