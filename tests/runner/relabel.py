#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Rewrite the arch= line of a raw image's metadata (format/image.h).

usage: relabel.py IN OUT ARCH
"""
import struct
import sys

data = open(sys.argv[1], "rb").read()
meta_len, code_len = struct.unpack("<II", data[-8:])
assert data[-16:-8] == b"RISUMETA"
blob = data[code_len:code_len + meta_len].decode()
lines = ["arch=" + sys.argv[3] if l.startswith("arch=") else l
         for l in blob.split("\n")]
blob = "\n".join(lines).encode()
with open(sys.argv[2], "wb") as f:
    f.write(data[:code_len] + blob + b"RISUMETA" +
            struct.pack("<II", len(blob), code_len))
