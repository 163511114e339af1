# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared bits for the nightly unit tests: import path, synthetic images
and a minimal config."""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.dont_write_bytecode = True


def make_image(path, code=b"\x00" * 64, generator="risugen-dt 1",
               patterns=(("base.decode", "aa" * 32),), insns=((0x10, "ADDU"),
                                                              (0x20, "SWR")),
               arch="mipsel", endian="little", features="fpu,fr0"):
    """A raw image with the metadata trailer of docs/image-format.md."""
    lines = ["format=1", "arch=" + arch, "endian=" + endian,
             "generator=" + generator, "seed=1",
             "options=--arch %s --seed 1" % arch, "features=" + features]
    lines += ["pattern-file=%s %s" % p for p in patterns]
    lines.append("insns=%d" % len(insns))
    lines += ["%x %s" % i for i in insns]
    blob = ("\n".join(lines) + "\n").encode()
    with open(path, "wb") as f:
        f.write(code + blob + b"RISUMETA" + struct.pack("<II", len(blob), len(code)))
    return path


CONFIG = """
[nightly]
store = store
results = results
risugen = /bin/true
jobs = 3

[reference qemu]
emulator = qemu-mipsel
cpu = 24Kf

[reference board]
ssh-host = root@board
runner = /usr/local/bin/risu
revision = 1

[implementation a]
emulator = qemu-mipsel
cpu = 74Kf

[implementation b]
emulator = /opt/q/bin/qemu-mipsel
cpu = 74Kf
env = RISU_INJECT=1:t1:0 FOO="x y"

[suite s]
arch = mipsel
runner = runner/risu-mipsel
tags = mips-int
       fpu mem | *
seeds = 1-3 7
numinsns = 100
references = qemu board
implementations = a b
"""
