#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check a `risu --dump` of tests/runner/sanity.S exactly.

usage: sanity.py DUMPFILE ABI(o32|n64) KIND(base|fpu|msa) FR(0|1)
                 NAN2008(0|1) HILO(0|1) ENDIAN(little|big) CPUFPU(0|1)
                 CPUMSA(0|1) UNALIGNED_SIGBUS(0|1)

KIND says which register classes the image loads; CPUFPU/CPUMSA say
what the CPU has (classes it has but the image leaves alone must read
as the runner's initial zeros).  UNALIGNED_SIGBUS: an unaligned lw
raises SIGBUS (QEMU pre-R6 cores) rather than completing (R6, QEMU's
Loongson-3, and Linux's default unaligned-access emulation).

The expected values mirror the formulas in sanity.S.  Exit 0 if every
captured register and every signal matches, else print the differences.
"""
import sys

M64 = (1 << 64) - 1


def gpr_val(n, abi):
    lo = ((0x01010101 * n) ^ 0x80000000) & 0xffffffff
    hi = (0xfedcba98 - n) & 0xffffffff
    return lo if abi == "o32" else (hi << 32) | lo


def fpr_val(n, fr):
    lo = (0x40000000 + n * 0x00110011) & 0xffffffff
    return lo if fr == 0 else ((0xc0000000 + n) << 32) | lo


def meminit(seed):
    s = ((seed * 0x9E3779B97F4A7C15) | 1) & M64
    out = bytearray()
    for _ in range(8192 // 8):
        x = s
        x ^= x >> 12
        x ^= (x << 25) & M64
        x ^= x >> 27
        s = x
        out += ((x * 0x2545F4914F6CDD1D) & M64).to_bytes(8, "little")
    return out


def parse(path):
    cps = []
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("checkpoint "):
            w = line.split()
            cp = {"op": int(w[3]), "pc": int(w[5], 16), "regs": {},
                  "sig": 0, "fault": None}
            if "signal" in w:
                i = w.index("signal")
                cp["sig"] = int(w[i + 1])
                cp["fault"] = (int(w[i + 5], 16), "(block)" in line)
            cps.append(cp)
        elif line.startswith("  ") and "=" in line:
            k, v = line.strip().split("=")
            cps[-1]["regs"][k] = int(v, 16)
    return cps


def main():
    path, abi, kind, fr, nan2008, hilo, endian, cfpu, cmsa, ua = sys.argv[1:11]
    fr, nan2008, hilo = int(fr), int(nan2008), int(hilo)
    cfpu, cmsa = int(cfpu), int(cmsa)
    names = ("zero at v0 v1 a0 a1 a2 a3 t0 t1 t2 t3 t4 t5 t6 t7 s0 s1 s2 s3 "
             "s4 s5 s6 s7 t8 t9 k0 k1 gp sp fp ra").split()
    if abi == "n64":
        names[8:16] = "a4 a5 a6 a7 t0 t1 t2 t3".split()
    t0, t1 = names[8], names[9]
    mask = 0xffffffff if abi == "o32" else M64
    cps = parse(path)
    errs = []

    def want(cpi, reg, val):
        got = cps[cpi]["regs"].get(reg)
        if got != val:
            errs.append("checkpoint %d %s: want %s got %s" % (
                cpi, reg, hex(val), None if got is None else hex(got)))

    if len(cps) != 7:
        print("sanity: expected 7 checkpoints, got %d" % len(cps))
        return 1
    exp = {}
    for n, name in enumerate(names):
        if name in ("k0", "k1"):
            continue
        exp[name] = 0 if n in (0, 29) else gpr_val(n, abi)
    if hilo:
        exp["hi"], exp["lo"] = gpr_val(40, abi), gpr_val(41, abi)
    nanbits = 0x000c0000 if nan2008 else 0
    if cfpu:
        fpu = kind in ("fpu", "msa")
        for n in range(32):
            exp["f%d" % n] = fpr_val(n, fr) if fpu else 0
        exp["fcsr"] = (0x0001f07e if fpu else 0) | nanbits
    if cmsa:
        msa = kind == "msa"
        for n in range(32):
            exp["w%d.hi" % n] = ((((0xa5a5a5a5 ^ n) << 32) |
                                  (0x5a5a0000 + n)) if msa else 0)
        exp["msacsr"] = 0x7d if msa else 0
    for reg, val in exp.items():
        want(0, reg, val)
    present = set(cps[0]["regs"])
    for reg in present - set(exp) - {"k0", "k1", "memhash"}:
        errs.append("checkpoint 0: unexpected register %s" % reg)

    # Signals and memory: the block word at 8188 (lw sign-extends on n64).
    block = meminit(1234)
    word = int.from_bytes(block[8188:8192], endian)
    if abi == "n64" and word & 0x80000000:
        word |= 0xffffffff00000000
    sigs = [(1, 5, None), (3, 11, (0x2000, True))]
    if int(ua):
        sigs.append((4, 10, (0x11, True)))
    else:
        # lw $10, 1($8) with $8 = block + 16 completed: bytes 17..20
        v = int.from_bytes(block[17:21], endian)
        if abi == "n64" and v & 0x80000000:
            v |= 0xffffffff00000000
        want(4, names[10], v)
    for cpi, sig, fault in sigs:
        if cps[cpi]["sig"] != sig:
            errs.append("checkpoint %d: want signal %d got %d" %
                        (cpi, sig, cps[cpi]["sig"]))
        if fault and cps[cpi]["fault"] != fault:
            errs.append("checkpoint %d: want fault %s got %s" %
                        (cpi, fault, cps[cpi]["fault"]))
    for cpi in (0, 2, 5, 6) if int(ua) else (0, 2, 4, 5, 6):
        if cps[cpi]["sig"]:
            errs.append("checkpoint %d: unexpected signal" % cpi)
    want(2, t0, 8188)
    want(2, t1, word)
    want(3, t0, 8192)
    want(4, t0, 16)
    block[0:4] = (word & 0xffffffff).to_bytes(4, endian)
    h = 0xcbf29ce484222325
    for b in block:
        h = ((h ^ b) * 0x100000001b3) & M64
    want(5, "memhash", h)
    # SKIP jumped over its pool (else extra checkpoints), CODEOFF
    want(5, names[13], 0x39)
    want(5, names[12], 0x7654)
    if [c["op"] for c in cps] != [0, 0, 0, 0, 0, 4, 1]:
        errs.append("ops: %s" % [c["op"] for c in cps])
    for e in errs:
        print("sanity: " + e)
    return 1 if errs else 0


sys.exit(main())
