#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""patch-loop.py IMAGE OUT TRAP_OFF INSN ARCH: replace the test
instruction INSN (the last one at or before the checkpoint trap at
TRAP_OFF; address set-up and clean-up may sit between them) with a branch
to itself (MIPS: `b .` with a nop in the delay slot; AArch64: `b .`)."""
import struct
import sys

img, out, arch = sys.argv[1], sys.argv[2], sys.argv[5]
trap, insn = int(sys.argv[3], 0), int(sys.argv[4], 0)
d = bytearray(open(img, "rb").read())
off = trap
while struct.unpack_from("<I", d, off)[0] != insn:
    off -= 4
    if off < 0:
        sys.exit("patch-loop.py: insn 0x%08x not found" % insn)
off += 4
if arch == "mipsel":
    struct.pack_into("<II", d, off - 4, 0x1000FFFF, 0)
elif arch == "aarch64":
    struct.pack_into("<I", d, off - 4, 0x14000000)
else:
    sys.exit("patch-loop.py: unknown arch " + arch)
open(out, "wb").write(d)
