#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check PC-relative instructions of a generated image against a
`risu --dump` of it, from first principles.

usage: pcrel-values.py IMAGE DUMP ARCH     (ARCH: mips64r6el aarch64 arm)

For every literal load in the metadata table: its target (decoded here
from the word) lies inside a literal pool (OPTRAP SKIP data), and the
destination register at the next checkpoint holds the pool bytes there.
For every address-forming instruction: the register holds the expected
image offset (the runner's CODEOFF).  Prints the counts per pattern;
exit 1 on any difference or when no instruction was checked.
"""
import struct
import sys

M64 = (1 << 64) - 1
MIPS_NAMES = ("zero at v0 v1 a0 a1 a2 a3 a4 a5 a6 a7 t0 t1 t2 t3 s0 s1 s2 "
              "s3 s4 s5 s6 s7 t8 t9 k0 k1 gp sp fp ra").split()
TRAPS = {"mips64r6el": 0x3d, "aarch64": 0x5af1, "arm": 0xe7fe5af1}


def sext(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def load_image(path):
    b = open(path, "rb").read()
    if b[-16:-8] != b"RISUMETA":
        sys.exit("pcrel-values: %s has no metadata" % path)
    mlen, clen = struct.unpack("<II", b[-8:])
    code, meta = b[:clen], b[clen:clen + mlen].decode()
    lines = meta.split("\n")
    i = next(k for k, l in enumerate(lines) if l.startswith("insns="))
    table = []
    for l in lines[i + 1:]:
        if l:
            off, name = l.split()[:2]
            table.append((int(off, 16), name))
    return code, table


def pools(code, trap):
    """Data ranges of OPTRAP SKIP (op 8), walking the 4-byte stream."""
    out, off = [], 0
    while off + 12 <= len(code):
        w, d0, d1 = struct.unpack_from("<3I", code, off)
        if w == trap and d0 & 0xff == 8:
            out.append((off + 12, off + 12 + d1))
            off += 12 + d1
        elif w == trap:
            off += 12
        else:
            off += 4
    return out


def dump_checkpoints(path):
    cps, cur = [], None
    for line in open(path):
        if line.startswith("checkpoint "):
            w = line.split()
            cur = {"pc": int(w[5], 16), "regs": {}}
            cps.append(cur)
        elif line.startswith("  ") and "=" in line and cur is not None:
            k, v = line.strip().split("=")
            cur["regs"][k] = int(v, 16)
    return cps


def mips(name, w, off):
    """(register, kind, value-or-target, size, signed) for an insn."""
    rs = MIPS_NAMES[(w >> 21) & 31]
    if rs == "zero":
        return None
    if name in ("LWPC", "LWUPC"):
        return rs, "load", off + 4 * sext(w, 19), 4, name == "LWPC"
    if name == "LDPC":
        return rs, "load", (off & ~7) + 8 * sext(w, 18), 8, True
    if name == "ADDIUPC":
        return rs, "addr", off + 4 * sext(w, 19), 0, 0
    imm = sext(w, 16) << 16
    if name == "AUIPC":
        return rs, "addr", off + imm, 0, 0
    if name == "ALUIPC":
        return rs, "addr", (off + imm) & ~0xffff, 0, 0
    return None


def a64(name, w, off):
    rt = "x%d" % (w & 31)
    if w & 31 == 31:
        return None
    if name in ("LDR_lit_w", "LDR_lit_x", "LDRSW_lit"):
        size = 8 if name == "LDR_lit_x" else 4
        return rt, "load", off + 4 * sext(w >> 5, 19), size, name == "LDRSW_lit"
    imm = (sext(w >> 5, 19) << 2) | ((w >> 29) & 3)
    if name == "ADR":
        return rt, "addr", off + imm, 0, 0
    if name == "ADRP":
        return rt, "addr", (off & ~0xfff) + (imm << 12), 0, 0
    return None


def a32(name, w, off):
    rt = (w >> 12) & 15
    reg = "lr" if rt == 14 else "r%d" % rt
    u = 1 if w >> 23 & 1 else -1
    sizes = {"LDR_lit": (4, 0), "LDRB_lit": (1, 0), "LDRH_lit": (2, 0),
             "LDRSB_lit": (1, 1), "LDRSH_lit": (2, 1), "LDRD_lit": (4, 0)}
    if name not in sizes:
        return None
    imm = w & 0xfff if name in ("LDR_lit", "LDRB_lit") else \
        ((w >> 4) & 0xf0) | (w & 0xf)
    size, signed = sizes[name]
    return reg, "load", off + 8 + u * imm, size, signed


def main():
    img, dump, arch = sys.argv[1:4]
    code, table = load_image(img)
    pl = pools(code, TRAPS[arch])
    cps = dump_checkpoints(dump)
    decode = {"mips64r6el": mips, "aarch64": a64, "arm": a32}[arch]
    width = 32 if arch == "arm" else 64
    errs, counts = [], {}
    ci = 0
    for off, name in table:
        while ci < len(cps) and cps[ci]["pc"] <= off:
            ci += 1
        if ci == len(cps):
            break
        w = struct.unpack_from("<I", code, off)[0]
        d = decode(name, w, off)
        if not d:
            continue
        reg, kind, t, size, signed = d
        got = cps[ci]["regs"].get(reg)
        if kind == "addr":
            want = t & ((1 << width) - 1)
        else:
            if not any(a <= t and t + size <= b for a, b in pl):
                errs.append("%s at 0x%x: target 0x%x is in no literal pool"
                            % (name, off, t))
                continue
            want = int.from_bytes(code[t:t + size], "little")
            if signed:
                want = sext(want, 8 * size)
            want &= M64 if width == 64 else 0xffffffff
        if got != want:
            errs.append("%s at 0x%x: %s want 0x%x got %s"
                        % (name, off, reg, want,
                           "none" if got is None else hex(got)))
        counts[name] = counts.get(name, 0) + 1
    print("pcrel-values: %s" % ", ".join("%s %d" % kv
                                         for kv in sorted(counts.items())))
    for e in errs[:20]:
        print("pcrel-values: " + e)
    return 1 if errs or not counts else 0


sys.exit(main())
