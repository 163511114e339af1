#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Damage an ELF image the way a corrupt or hostile file would.

usage: elfbad.py IN OUT CASE [ARG]
CASE: trunc-ehdr, trunc-phdr, trunc-text, phoff, phnum, filesz, overlap,
      at ADDR (move the code segment and entry to ADDR), entry, note,
      shoff, machine, dyn, flip SEED (random bytes in the headers).
Writes OUT; the runner must refuse it (exit 2) or, for flip, never crash.
"""
import random
import struct
import sys

data = bytearray(open(sys.argv[1], "rb").read())
case = sys.argv[3]
arg = sys.argv[4] if len(sys.argv) > 4 else None
is64 = data[4] == 2
e = "<" if data[5] == 1 else ">"
W = "Q" if is64 else "I"
ws = 8 if is64 else 4


def get(fmt, off):
    return struct.unpack_from(e + fmt, data, off)[0]


def put(fmt, off, v):
    struct.pack_into(e + fmt, data, off, v)


PHOFF = 32 if is64 else 28
SHOFF = 40 if is64 else 32
PHNUM = 56 if is64 else 44
phoff = get(W, PHOFF)
# Field offsets inside a program header.
P_OFF, P_VADDR, P_FILESZ, P_MEMSZ = ((8, 16, 32, 40) if is64
                                     else (4, 8, 16, 20))
phent = 56 if is64 else 32


def note_offset():
    """File offset of the first SHT_NOTE section's contents."""
    shoff, shent, shnum = get(W, SHOFF), 64 if is64 else 40, get("H",
                                                               PHNUM + 4)
    for i in range(shnum):
        sh = shoff + i * shent
        if get("I", sh + 4) == 7:
            return get(W, sh + (24 if is64 else 16))
    raise SystemExit("no note section")


if case == "trunc-ehdr":
    data = data[:40]
elif case == "trunc-phdr":
    data = data[:phoff + 10]
elif case == "trunc-text":
    data = data[:get(W, phoff + P_OFF) + 8]
elif case == "phoff":
    put(W, PHOFF, len(data) - 8)
elif case == "phnum":
    put("H", PHNUM, 0)
elif case == "filesz":
    put(W, phoff + P_FILESZ, len(data))
    put(W, phoff + P_MEMSZ, len(data))
elif case == "overlap":
    # A second PT_LOAD, a page into the first's range; headers moved to
    # the end of the file, where there is room for two.
    ph = bytes(data[phoff:phoff + phent])
    second = bytearray(ph)
    struct.pack_into(e + W, second, P_VADDR, get(W, phoff + P_VADDR) + 16)
    put(W, PHOFF, len(data))
    put("H", PHNUM, 2)
    data += ph + second
elif case == "at":
    addr = int(arg, 0)
    put(W, phoff + P_VADDR, addr)
    put(W, 24, addr | (get(W, 24) & 1))
elif case == "entry":
    put(W, 24, get(W, 24) + 64)
elif case == "note":
    put("I", note_offset() + 4, 0x7ffffff0)
elif case == "shoff":
    put(W, SHOFF, len(data) - 4)
elif case == "machine":
    put("H", 18, get("H", 18) ^ 0x100)
elif case == "dyn":
    put("I", phoff, 3)
elif case == "flip":
    rng = random.Random(int(arg))
    end = get(W, phoff + P_OFF)
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(4, end)] = rng.randrange(256)
else:
    raise SystemExit("unknown case " + case)
open(sys.argv[2], "wb").write(data)
