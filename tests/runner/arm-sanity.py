#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check a `risu --dump` of tests/runner/arm-sanity-a64.S or
arm-sanity-a32.S exactly.

usage: arm-sanity.py DUMPFILE a64 (base|sve) SVE_VL_BYTES
       arm-sanity.py DUMPFILE a32 (arm|thumb) D32(0|1)

SVE_VL_BYTES is the CPU's vector length (0: no SVE, so no SVE registers
may appear).  The expected values mirror the formulas in the .S files.
Exit 0 if every captured register and every signal matches, else print
the differences.
"""
import sys

M64 = (1 << 64) - 1


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
    """Checkpoints; multi-slot registers become one integer (the dump
    prints the highest slot first)."""
    cps = []
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("checkpoint "):
            w = line.split()
            cp = {"op": int(w[3]), "pc": int(w[5], 16), "regs": {},
                  "sig": 0, "code": 0, "fault": None}
            if "signal" in w:
                i = w.index("signal")
                cp["sig"] = int(w[i + 1])
                cp["code"] = int(w[i + 3])
                cp["fault"] = (int(w[i + 5], 16), "(block)" in line)
            cps.append(cp)
        elif line.startswith("  ") and "=" in line:
            k, v = line.strip().split("=")
            regs = cps[-1]["regs"]
            regs[k] = (regs.get(k, 0) << 64) | int(v, 16)
    return cps


def main():
    path, state, kind, arg = sys.argv[1:5]
    arg = int(arg)
    cps = parse(path)
    errs = []

    def want(cpi, reg, val, mask=None):
        got = cps[cpi]["regs"].get(reg)
        if got is not None and mask is not None:
            got &= mask
        if got != val:
            errs.append("checkpoint %d %s: want %s got %s" % (
                cpi, reg, hex(val), None if got is None else hex(got)))

    if len(cps) != 9:
        print("arm-sanity: expected 9 checkpoints, got %d" % len(cps))
        return 1
    exp = {"sp": 0, "memhash": 0}
    masks = {}
    if state == "a64":
        for n in range(31):
            exp["x%d" % n] = ((0xfedcba98 - n) << 32) | \
                             ((0x01010101 * n) ^ 0x80000000)
        exp["nzcv"], masks["nzcv"] = 0xa0000000, 0xf0000000
        exp["fpsr"], exp["fpcr"] = 0x0800009f, 0x07c00000
        vl = arg
        for n in range(32):
            a = 0x0123456789abcdef ^ (n << 56)
            b = 0x0101010101010101 + n
            el = [(a + i * b) & M64 for i in range(32)]
            if kind == "sve":
                exp["v%d" % n] = el[1] << 64 | el[0]
            else:
                lo = (0xc0000000 + n) << 32 | (0x40000000 + n * 0x00110011)
                hi = (0xa5a5a5a5 ^ n) << 32 | (0x5a5a0000 + n)
                exp["v%d" % n] = hi << 64 | lo
            if vl:
                z = 0
                if kind == "sve":
                    for i in range(2, vl // 8):
                        z |= el[i] << (64 * (i - 2))
                exp["z%d.hi" % n] = z
        if vl:
            exp["vl"] = vl
            for n in range(16):
                k = min(3 * n + 1, vl) if kind == "sve" else 0
                exp["p%d" % n] = (1 << k) - 1
            exp["ffr"] = exp["p5"]
        gpr, wmask = "x", 0xffffffff
    else:
        for n in range(15):
            if n != 13:
                exp["lr" if n == 14 else "r%d" % n] = \
                    (0x01010101 * n) ^ 0x80000000
        exp["cpsr"], masks["cpsr"] = 0xa8050000, 0xf80f0000
        exp["fpscr"] = 0x53c0009f
        for n in range(32 if arg else 16):
            exp["d%d" % n] = (0xc0000000 + n) << 32 | \
                             (0x40000000 + n * 0x00110011)
        gpr, wmask = "r", 0xffffffff
    if state == "a64" and "svcr" in cps[0]["regs"]:
        # arm64l layout on a CPU with SME: the image never enters
        # streaming mode nor enables ZA nor writes TPIDR2; SVL is the
        # CPU's.
        exp["svcr"] = 0
        exp["svl"] = cps[0]["regs"]["svl"]
        exp["tpidr2"] = 0
        for n in range(64):
            exp["za.r%d" % n] = 0
    for reg, val in exp.items():
        want(0, reg, val, masks.get(reg))
    for reg in set(cps[0]["regs"]) - set(exp):
        errs.append("checkpoint 0: unexpected register %s" % reg)

    block = meminit(1234)
    word = int.from_bytes(block[8188:8192], "little") & wmask
    sigs = {1: (5, 1, None), 3: (11, 1, (0x2000, True)), 4: (4, None, None),
            5: (4, None, None), 6: (7, 1, (0x11, True))}
    for cpi, cp in enumerate(cps):
        sig, code, fault = sigs.get(cpi, (0, None, None))
        if cp["sig"] != sig:
            errs.append("checkpoint %d: want signal %d got %d" %
                        (cpi, sig, cp["sig"]))
        if sig == 4 and cp["code"] not in (1, 2):
            errs.append("checkpoint %d: SIGILL si_code %d" % (cpi, cp["code"]))
        if code is not None and cp["code"] != code:
            errs.append("checkpoint %d: want si_code %d got %d" %
                        (cpi, code, cp["code"]))
        if fault and cp["fault"] != fault:
            errs.append("checkpoint %d: want fault %s got %s" %
                        (cpi, fault, cp["fault"]))
    want(2, gpr + "8", 8188)
    want(2, gpr + "9", word)
    want(3, gpr + "8", 8192)
    want(6, gpr + "8", 17)
    block[0:4] = word.to_bytes(4, "little")
    h = 0xcbf29ce484222325
    for b in block:
        h = ((h ^ b) * 0x100000001b3) & M64
    want(7, "memhash", h)
    # SKIP jumped over its pool (else extra checkpoints); ADR, CODEOFF
    if state == "a64":
        want(7, "x11", 0x5af0)
        want(7, "x12", 36)
    else:
        want(7, "r11", 0xde5ade5a if kind == "thumb" else 0xe7fe5af0)
        want(7, "r10", 36)
    if [c["op"] for c in cps] != [0, 0, 0, 0, 0, 0, 0, 4, 1]:
        errs.append("ops: %s" % [c["op"] for c in cps])
    for e in errs:
        print("arm-sanity: " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
