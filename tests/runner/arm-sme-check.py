#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check a --dump of tests/runner/arm-sme-a64.S (see its header):
SVCR, the vector length in and out of streaming mode, the ZA rows
written by LDR, MOVA, FMOPA and ZERO, and TPIDR2_EL0 set by MSR.  Usage: arm-sme-check.py DUMP"""
import importlib.util
import os
import sys

spec = importlib.util.spec_from_file_location(
    "sanity", os.path.join(os.path.dirname(__file__), "arm-sanity.py"))
sanity = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sanity)


def main():
    cps = sanity.parse(sys.argv[1])
    errs = []
    if len(cps) != 11:
        print("arm-sme: expected 11 checkpoints, got %d" % len(cps))
        return 1
    r = [cp["regs"] for cp in cps]
    svl = r[0]["svl"]
    svcr = [0, 2, 2, 3, 3, 3, 3, 2, 2, 0, 0]
    for i, cp in enumerate(r):
        if cp["svcr"] != svcr[i]:
            errs.append("cp %d svcr %d, want %d" % (i, cp["svcr"], svcr[i]))
        want_vl = svl if svcr[i] & 1 else r[0]["vl"]
        if cp["vl"] != want_vl:
            errs.append("cp %d vl %d, want %d" % (i, cp["vl"], want_vl))
    row_bits = 8 * svl
    block = sanity.meminit(1234)[:svl]
    if r[2]["za.r2"] != int.from_bytes(block, "little"):
        errs.append("cp 2 za.r2 is not the memory block's first %d bytes"
                    % svl)
    if r[4]["za.r5"] != int("11" * svl, 16):
        errs.append("cp 4 za.r5 %x, want 0x11 bytes" % r[4]["za.r5"])
    z3 = r[5]["z3.hi"] << 128 | r[5]["v3"]
    if z3 != r[5]["za.r2"]:
        errs.append("cp 5 z3 %x differs from za.r2 %x" % (z3, r[5]["za.r2"]))
    one = int("3f800000" * (svl // 4), 16)
    for row in range(1, svl, 4):
        if r[6]["za.r%d" % row] != one:
            errs.append("cp 6 za.r%d is not 1.0 everywhere" % row)
    for i in (8, 9, 10):
        for row in range(64):
            if r[i]["za.r%d" % row]:
                errs.append("cp %d za.r%d not zero" % (i, row))
    for i, cp in enumerate(r):
        want = 0x5a5a if i < 4 else 0xa5a5
        if cp.get("tpidr2") != want:
            errs.append("cp %d tpidr2 %s, want %#x" % (i, cp.get("tpidr2"),
                                                     want))
    if row_bits > 512:
        errs.append("svl %d bits: above the layout's 512" % row_bits)
    for e in errs[:20]:
        print("arm-sme: " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
