#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Append a metadata blob and trailer (format/image.h) to a raw image.

usage: addmeta.py IN OUT LINE...   (each LINE one metadata text line)
"""
import struct
import sys

code = open(sys.argv[1], "rb").read()
blob = "".join(line + "\n" for line in sys.argv[3:]).encode()
with open(sys.argv[2], "wb") as f:
    f.write(code + blob + b"RISUMETA" + struct.pack("<II", len(blob), len(code)))
