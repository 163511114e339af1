#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Per-tag validation of the MIPS pattern files under qemu-user.

For every case (arch, CPU model, optional second model) and every tag the
model selects from the default pattern list, risugen makes an image of N
instructions (--group TAG), then:

  1. master and apprentice run it live over a Unix socket on the same
     model; the master also dumps every checkpoint, from which the
     signals are counted and attributed to patterns via the image
     metadata;
  2. where a second model is given, the master runs on the first model
     and the apprentice on the second (live; by recorded traces and
     risu-trace diff when only the second model has an FPU).

A signal is expected when the pattern's tags explain it (trap: SIGTRAP,
trap-ovf: SIGFPE, trap-bounds: SIGSEGV, unaligned/mem: SIGBUS on models
that raise it); SIGILL never is.  Exit status 1 if any run found an
unexpected signal or a mismatch, 2 on set-up errors.

usage: tests/arch/mips/validate.py [-n N] [-s SEED] [--quick] [--md FILE]
                              [--cases RE] [--tags RE] [-v]
  --quick   the short case list of "make check" (check-mips-tags)
  --md      write the result table (Markdown) to FILE
Environment: BUILD (default build), QEMU_TIMEOUT (seconds, default 300),
VALIDATE_INJECT (K:REG:BIT: RISU_INJECT for the second model's runs, to
test that a difference there is reported).
"""
import argparse
import bisect
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get("BUILD", "build")
TIMEOUT = int(os.environ.get("QEMU_TIMEOUT", "300"))
# risugen finds arch/mips/default-*.list here.
os.environ.setdefault("RISU_DT_DATADIR", os.getcwd())

# arch, CPU, second CPU (runs every pattern of the first model's images)
# or None, and optionally a regex of the tags to run (no "(all)" image
# then).  A second model with an FPU the first lacks (24KEc, 34Kf) cannot
# run live: the runner captures the FPU wherever the CPU has one; both
# sides then record a trace and risu-trace diff must find nothing but
# the FPU registers captured on one side (cross_by_trace).  mips64dspr2
# has no second model: its images declare dsp, which only it has on
# n64 (MIPS64R2-generic's images run on it instead).
FULL_CASES = [
    ("mipsel", "4Kc", "24Kc"),
    ("mipsel", "M14Kc", "4KEc"),
    ("mipsel", "24Kf", "74Kf"),
    ("mipsel", "24KEc", "34Kf"),
    ("mipsel", "34Kf", "74Kf"),
    ("mipsel", "74Kf", "34Kf"),
    ("mipsel", "P5600", None),
    ("mips", "24Kf", "34Kf"),
    ("mips", "24KEc", "74Kf"),
    ("mips", "34Kf", "74Kf"),
    ("mips", "74Kf", "34Kf"),
    ("mipsr6el", "mips32r6-generic", None),
    ("mips64el", "R4000", "VR5432"),
    ("mips64el", "VR5432", "5Kf"),
    ("mips64el", "5Kf", "20Kc"),
    ("mips64el", "20Kc", "MIPS64R2-generic"),
    ("mips64el", "5KEf", "MIPS64R2-generic"),
    ("mips64el", "MIPS64R2-generic", "mips64dspr2"),
    ("mips64el", "mips64dspr2", None),
    ("mips64", "mips64dspr2", None),
    ("mips64el", "Loongson-2E", None),
    ("mips64el", "Loongson-2F", "Loongson-3A1000"),
    ("mips64el", "Loongson-3A1000", None),
    ("mips64el", "Loongson-3A4000", None),
    ("mips64el", "Octeon68XX", "5KEc"),
    ("mips64", "Octeon68XX", None),
    ("mips64", "VR5432", None),
    ("mips64", "20Kc", "MIPS64R2-generic"),
    ("mips64", "MIPS64R2-generic", "Loongson-3A1000"),
    ("mips64r6el", "I6400", "I6500"),
    # microMIPS (compressed images on the o32 runners): both models with
    # the ASE, each the other's second model.
    ("micromipsel", "M14K", "M14Kc"),
    ("micromipsel", "M14Kc", "M14K"),
    ("micromips", "M14K", "M14Kc"),
    ("micromips", "M14Kc", "M14K"),
    # MIPS16e: the four models of the brief (24Kf, 4Km, 34Kf, 74Kf), each
    # against another model with the ASE.
    ("mips16el", "24Kf", "74Kf"),
    ("mips16el", "4Km", "24Kc"),
    ("mips16el", "34Kf", "74Kf"),
    ("mips16el", "74Kf", "34Kf"),
    ("mips16", "24Kf", "34Kf"),
    ("mips16", "4Km", "4KEm"),
]

# make check: every tag on a model of each runner kind (FR=0 with DSP,
# o32 FR=1 MSA NaN2008, R6, n64 R1 with PS and the gp clean-up for FPRs,
# n64 R2, MIPS III with Loongson-2E's ".g" group, Loongson-3 MMI/EXT/MSA,
# n64 without FPU, n64 R6 MSA), one big-endian runner, and a second model
# where one exists; the MIPS64 DSP tags on mips64dspr2, both endians.
QUICK_CASES = [
    ("mipsel", "74Kf", "34Kf"),
    ("mipsel", "P5600", None),
    ("mipsr6el", "mips32r6-generic", None),
    ("mips64el", "20Kc", "MIPS64R2-generic"),
    ("mips64el", "MIPS64R2-generic", "mips64dspr2"),
    ("mips64el", "Loongson-2E", None),
    ("mips64el", "Loongson-3A4000", None),
    ("mips64el", "Octeon68XX", "5KEc"),
    ("mips64r6el", "I6400", "I6500"),
    ("mips64", "Loongson-2F", "Loongson-3A1000"),
    ("mips64el", "VR5432", "5Kf"),
    # n64 DSP (LDX, 64-bit accumulators) and big-endian R1 on a model
    # without FPU against one with it.
    ("mips64el", "mips64dspr2", None, "dsp.*"),
    ("mips64", "mips64dspr2", None, r"dsp64.*"),
    ("mips", "24KEc", "74Kf", "dsp.*"),
]

# Second-model mismatches that are QEMU bugs, not pattern problems
# (docs/mips-patterns.md): (first model, second model, regex over the
# apprentice's report, label).  Such a row says "known" and passes.
KNOWN = [
    ("5KEf", "MIPS64R2-generic", r"\(CTC1\)\n\s+fcsr ",
     "QEMU 5KEf: CTC1 cannot write FCSR"),
    ("VR5432", "5Kf", r"\((L[WD]XC1|S[WD]XC1|N?M(ADD|SUB)_[SD])\)\n"
     r"\s+signal: ref signal 4 ", "QEMU VR5432: COP1X raises SIGILL"),
    # Finding 13: an SC/SCD after LL/LLD to $zero fails on Loongson only.
    ("MIPS64R2-generic", "Loongson-3A1000",
     r"\(SCD?\)\n\s+\w+\s+ref 0x0*1 got 0x0+\n",
     "QEMU Loongson: LL/LLD to $zero sets no link"),
]

# Signals that are QEMU bugs: (model regex, pattern-name regex, signal,
# label).  Counted in the "known" column, not as unexpected.
KNOWN_SIGNALS = [
    # linux-user never sets Status.CU3 (XX), which QEMU's compute_hflags
    # requires for COP1X on MIPS IV models; Linux sets ST0_XX there.
    (r"^VR5432$", r"^(L[WD]XC1|S[WD]XC1|N?M(ADD|SUB)_[SD]|PREFX)$", 4,
     "QEMU: COP1X needs Status.CU3, never set in linux-user"),
    # The VR54xx multiply-accumulate group is translated, then decoded
    # again as MULT/MULTU with a DSP accumulator in rd (finding 9).
    (r"^VR5432$", r"^(MULU?_VR|MULS(HI)?U?|MULHIU?|M(ACC|SAC)(HI)?U?)$", 4,
     "QEMU: VR54xx MACC family decoded twice, SIGILL"),
]

# Image features whose state the runner captures: it refuses the image
# on a CPU without them (a second model must have them too).
RUNNER_FEATS = ("dsp", "msa", "fpu", "ps")

# MIPS Linux signal numbers.
SIGNAMES = {4: "ILL", 5: "TRAP", 8: "FPE", 10: "BUS", 11: "SEGV"}

# Models on which QEMU 7.2 raises SIGBUS for a misaligned access (all
# pre-R6 models except Loongson-3, docs/mips-capture.md).
NO_SIGBUS = re.compile(r"^(Loongson-3|I6|mips32r6|mips64r6)")


def qemu_for(arch):
    return {"mipsel": "qemu-mipsel", "mips": "qemu-mips",
            "mipsr6el": "qemu-mipsel", "mips64el": "qemu-mips64el",
            "mips64": "qemu-mips64", "mips64r6el": "qemu-mips64el",
            "micromipsel": "qemu-mipsel", "micromips": "qemu-mips",
            "mips16el": "qemu-mipsel", "mips16": "qemu-mips"}[arch]


def runner_for(arch, feats):
    # Compressed images run on the o32 runners of their byte order.
    arch = {"micromipsel": "mipsel", "micromips": "mips",
            "mips16el": "mipsel", "mips16": "mips"}.get(arch, arch)
    if arch in ("mipsel", "mips"):
        r = "risu-" + arch
        if "fr1" in feats:
            r += "-fp64"
        if "nan2008" in feats:
            r += "-nan2008"
    elif arch in ("mips64el", "mips64"):
        r = "risu-" + arch
    elif arch == "mipsr6el":
        r = "risu-mipsisa32r6el"
    else:
        r = "risu-mipsisa64r6el"
    return os.path.join(BUILD, r)


def read_meta(path):
    """(features, {offset: name}, sorted offsets, insns) from a raw image."""
    data = open(path, "rb").read()
    if len(data) < 16 or data[-16:-8] != b"RISUMETA":
        raise RuntimeError("%s: no metadata trailer" % path)
    mlen, clen = struct.unpack("<II", data[-8:])
    text = data[clen:clen + mlen].decode()
    feats, names, insns, it = [], {}, 0, iter(text.splitlines())
    for line in it:
        if line.startswith("features="):
            feats = line[9:].split(",")
        elif line.startswith("insns="):
            insns = int(line[6:])
            for _ in range(insns):
                off, name = next(it).split()[:2]
                names[int(off, 16)] = name
            break
    return feats, names, sorted(names), insns


def pattern_tags(arch, cpu):
    """{pattern name: set of tags} for the model's default selection."""
    out = subprocess.run([os.path.join(BUILD, "risugen"), "--arch", arch,
                          "--cpu", cpu, "--list"], capture_output=True,
                         text=True, check=True).stdout
    tags = {}
    for line in out.splitlines():
        m = re.match(r"(\S+)\s.*\stags=(\S*)", line)
        if m:
            tags.setdefault(m.group(1), set()).update(
                t for t in m.group(2).split(",") if t)
    return tags


_PATTERNS = {}


def patterns_of(arch, cpu):
    """Names of the patterns the model's default selection holds."""
    if (arch, cpu) not in _PATTERNS:
        _PATTERNS[(arch, cpu)] = set(pattern_tags(arch, cpu))
    return _PATTERNS[(arch, cpu)]


_FEATS = {}


def feats_of(arch, cpu):
    """The features risugen gives (arch, cpu), from a 1-insn image."""
    if (arch, cpu) not in _FEATS:
        _FEATS[(arch, cpu)] = feats_from_image(arch, cpu)
    return _FEATS[(arch, cpu)]


def feats_from_image(arch, cpu):
    with tempfile.TemporaryDirectory() as d:
        img = os.path.join(d, "f.bin")
        subprocess.run([os.path.join(BUILD, "risugen"), "--arch", arch,
                        "--cpu", cpu, "-n", "1", "-o", img],
                       capture_output=True, check=True)
        return read_meta(img)[0]


def expected(sig, tags, cpu):
    if sig == 5:
        return "trap" in tags
    if sig == 8:
        return "trap-ovf" in tags
    if sig == 11:
        return "trap-bounds" in tags
    if sig == 10:
        return bool(tags & {"unaligned", "mem"}) and not NO_SIGBUS.match(cpu)
    return False


def live(arch, cpu_m, cpu_a, runner, img, tmp, dump):
    """Master on cpu_m, apprentice on cpu_a; (master rc, apprentice rc,
    dump text or None, apprentice report)."""
    sock = os.path.join(tmp, "sock")
    if os.path.exists(sock):
        os.unlink(sock)
    q = qemu_for(arch)
    margs = [q, "-cpu", cpu_m, runner, "--master", "--unix", sock]
    if dump:
        margs.append("--dump")
    dpath = os.path.join(tmp, "dump")
    merr_path = os.path.join(tmp, "m.err")
    with open(dpath, "w") as dout, open(merr_path, "w") as merr:
        m = subprocess.Popen(margs + [img], stdout=dout, stderr=merr)
        try:
            a = subprocess.run([q, "-cpu", cpu_a, runner, "--unix", sock,
                                "--timeout", "30", img],
                               capture_output=True, text=True, timeout=TIMEOUT,
                               env=second_env() if cpu_a != cpu_m else None)
            arc, aout = a.returncode, a.stdout + a.stderr
        except subprocess.TimeoutExpired:
            arc, aout = 2, "apprentice timed out"
        try:
            mrc = m.wait(timeout=60)
        except subprocess.TimeoutExpired:
            m.kill()
            mrc = m.wait()
    text = None
    if dump:
        with open(dpath) as f:
            text = [l for l in f if l.startswith("checkpoint ")]
    if mrc != 0 and arc == 0:
        aout += open(os.path.join(tmp, "m.err")).read()
    return mrc, arc, text, aout


def record(arch, cpu, runner, img, trace, env=None):
    """Record img on cpu; (exit status, output)."""
    try:
        r = subprocess.run([qemu_for(arch), "-cpu", cpu, runner, "--master",
                            "-t", trace, img], capture_output=True,
                           text=True, timeout=TIMEOUT, env=env)
        return r.returncode, r.stdout + r.stderr
    except subprocess.TimeoutExpired:
        return 2, "recording on %s timed out" % cpu


def fpu_one_side(d):
    """True when divergence d is only FPU state captured on one side."""
    dif = d.get("differs", {})
    if dif.get("out_of_step") or dif.get("insn_word") or dif.get("signal"):
        return False
    return all((r["a"] is None) != (r["b"] is None) and
               re.match(r"f\d+$|fcsr$|fir$", r["name"])
               for r in d.get("registers", []))


def second_env():
    """The environment of the second model's run: VALIDATE_INJECT
    (K:REG:BIT) becomes its RISU_INJECT, so that a test can make the
    second model differ and see the comparison fail."""
    env = dict(os.environ)
    if env.get("VALIDATE_INJECT"):
        env["RISU_INJECT"] = env["VALIDATE_INJECT"]
    return env


def cross_by_trace(arch, cpu_m, cpu_a, runner, img, tmp):
    """Master and second model record; (master rc, second rc, report):
    the second is 0 when the traces differ only in FPU registers that
    one side (the model without FPU) does not capture, 1 otherwise."""
    ta, tb = os.path.join(tmp, "a.tr"), os.path.join(tmp, "b.tr")
    mrc, mout = record(arch, cpu_m, runner, img, ta)
    arc, aout = record(arch, cpu_a, runner, img, tb, second_env())
    if mrc or arc:
        return mrc, arc, mout + aout
    d = subprocess.run([os.path.join(BUILD, "risu-trace"), "diff",
                        "--keep-going", "--max", "1000000", "--json",
                        "--image", img, ta, tb], capture_output=True,
                       text=True)
    try:
        divs = json.loads(d.stdout)["divergences"]
    except (ValueError, KeyError):
        return mrc, 2, "risu-trace diff: " + d.stderr
    rest = [x for x in divs if not fpu_one_side(x)]
    if not rest:
        return mrc, 0, ""
    what = ["checkpoint %s: %s" % (
        x.get("checkpoint"), ", ".join(r["name"] for r in x["registers"])
        or ", ".join(k for k, v in x["differs"].items() if v))
        for x in rest]
    return mrc, 1, "%d divergence(s) beyond the FPU (risu-trace diff " \
        "--keep-going of both traces):\n%s" % (len(rest), "\n".join(what))


def verdict(mrc, arc):
    if mrc == 0 and arc == 0:
        return "match"
    if arc == 1 or mrc == 1:
        return "MISMATCH"
    return "ERROR(%d/%d)" % (mrc, arc)


def run_tag(case, tag, ptags, args, tmp, log):
    arch, cpu, cpu2 = case[:3]
    img = os.path.join(tmp, "img")
    cmd = [os.path.join(BUILD, "risugen"), "--arch", arch, "--cpu", cpu,
           "-n", str(args.n), "-s", str(args.seed), "-o", img]
    if tag != "(all)":
        cmd += ["--group", tag]
    g = subprocess.run(cmd, capture_output=True, text=True)
    if g.returncode != 0:
        if "no pattern" in g.stderr or "weight 0" in g.stderr:
            return None
        log.append("%s %s %s: risugen failed: %s" % (arch, cpu, tag,
                                                     g.stderr.strip()))
        return {"error": True}
    feats, names, offs, insns = read_meta(img)
    runner = runner_for(arch, feats)
    mrc, arc, dump, rep = live(arch, cpu, cpu, runner, img, tmp, True)
    row = {"arch": arch, "cpu": cpu, "tag": tag, "insns": insns,
           "cps": len(dump), "sigs": {}, "ill": 0, "unexp": 0, "known": 0,
           "same": verdict(mrc, arc), "second": None, "error": False}
    if row["same"] != "match":
        log.append("%s %s %s same-model %s:\n%s" % (
            arch, cpu, tag, row["same"], indent(rep)))
    bad = {}
    prev = 0
    for line in dump:
        f = line.split()
        if "pc" not in f:
            continue
        pc = int(f[f.index("pc") + 1], 16)
        last, prev = prev, pc
        if "signal" not in f:
            continue
        sig = int(f[f.index("signal") + 1])
        code = int(f[f.index("si_code") + 1])
        # A branch group runs several instructions before a checkpoint
        # (gen/branch.c): the signal is any one's that may raise it.
        cands = [names[o] for o in offs[bisect.bisect_right(offs, last):
                                        bisect.bisect_left(offs, pc)]]
        k = bisect.bisect_left(offs, pc) - 1
        name = names[offs[k]] if k >= 0 else "?"
        name = next((n for n in cands
                     if expected(sig, ptags.get(n, set()), cpu)), name)
        kind = SIGNAMES.get(sig, str(sig))
        row["sigs"][kind] = row["sigs"].get(kind, 0) + 1
        if sig == 4:
            row["ill"] += 1
        if not expected(sig, ptags.get(name, set()), cpu):
            label = next((l for c, n, s, l in KNOWN_SIGNALS
                          if s == sig and re.search(c, cpu) and
                          re.search(n, name)), None)
            if label:
                row["known"] += 1
                row["sigs"][kind] -= 1
                kind = "%s (known)" % kind
                row["sigs"][kind] = row["sigs"].get(kind, 0) + 1
            else:
                row["unexp"] += 1
            key = (name, kind, code, label)
            bad[key] = bad.get(key, 0) + 1
    known = {}
    for (name, kind, code, label), c in sorted(bad.items(),
                                               key=lambda x: str(x)):
        if label:
            known.setdefault(label, []).append("%s x%d" % (name, c))
            continue
        log.append("%s %s %s: unexpected SIG%s si_code %d from %s x%d" % (
            arch, cpu, tag, kind, code, name, c))
    for label, what in known.items():
        log.append("%s %s %s: known: %s: %s" % (arch, cpu, tag, label,
                                                ", ".join(what)))
    row["sigs"] = {k: v for k, v in row["sigs"].items() if v}
    lacks = sorted({n for n in names.values()
                    if cpu2 and n not in patterns_of(arch, cpu2)})
    if cpu2 and not lacks:
        # The runner refuses an image whose captured state the CPU lacks.
        lacks = sorted({f for f in RUNNER_FEATS
                        if f in feats and f not in feats_of(arch, cpu2)})
    if lacks:
        # 74Kf's DSP R2 on 34Kf (R1 only): SIGILL there is right.
        log.append("%s %s->%s %s: second model skipped: it lacks %s" % (
            arch, cpu, cpu2, tag, ", ".join(lacks[:4])))
    elif cpu2 and "fpu" not in feats and "fpu" in feats_of(arch, cpu2):
        mrc, arc, rep = cross_by_trace(arch, cpu, cpu2, runner, img, tmp)
        row["second"] = "%s %s" % (cpu2, verdict(mrc, arc))
        if verdict(mrc, arc) != "match":
            log.append("%s %s->%s %s (traces): %s\n%s" % (
                arch, cpu, cpu2, tag, row["second"].split(" ", 1)[1],
                indent(rep)))
    elif cpu2:
        mrc, arc, _, rep = live(arch, cpu, cpu2, runner, img, tmp, False)
        row["second"] = "%s %s" % (cpu2, verdict(mrc, arc))
        for k1, k2, rx, label in KNOWN:
            if (k1, k2) == (cpu, cpu2) and arc == 1 and re.search(rx, rep):
                row["second"] = "%s known (%s)" % (cpu2, label)
        if verdict(mrc, arc) != "match":
            log.append("%s %s->%s %s: %s\n%s" % (
                arch, cpu, cpu2, tag, row["second"].split(" ", 1)[1],
                indent(rep)))
    return row


def indent(s, n=12):
    lines = s.strip().splitlines()
    return "\n".join("    " + l for l in lines[:n])


def fmt_sigs(s):
    return ", ".join("%s %d" % (k, v) for k, v in sorted(s.items())) or "-"


def row_ok(r):
    return (not r["error"] and r["unexp"] == 0 and r["same"] == "match" and
            (r["second"] is None or r["second"].endswith(" match") or
             " known (" in r["second"]))


def render_md(rows, args):
    """A summary per case, then every row (in a <details> block)."""
    out = ["Settings: %d instructions per tag, seed %d, master and "
           "apprentice live over a Unix socket.\n" % (args.n, args.seed),
           "| arch | CPU | tags | insns | checkpoints | signals | SIGILL "
           "(known QEMU bug) | unexpected | same model | second model |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    cases = []
    for r in rows:
        if (r["arch"], r["cpu"]) not in cases:
            cases.append((r["arch"], r["cpu"]))
    for arch, cpu in cases:
        rs = [r for r in rows if (r["arch"], r["cpu"]) == (arch, cpu)]
        sigs = {}
        for r in rs:
            for k, v in r["sigs"].items():
                sigs[k] = sigs.get(k, 0) + v
        ill = sum(r["ill"] for r in rs)
        known = sum(r.get("known", 0) for r in rs)
        same = sum(r["same"] == "match" for r in rs)
        sec = [r["second"] for r in rs if r["second"]]
        if sec:
            cpu2 = sec[0].split()[0]
            ok = sum(x.endswith(" match") for x in sec)
            kn = sum(" known (" in x for x in sec)
            second = "%s: %d/%d match%s" % (
                cpu2, ok, len(sec), ", %d known" % kn if kn else "")
        else:
            second = "-"
        out.append("| %s | %s | %d | %d | %d | %s | %d%s | %d | %d/%d match "
                   "| %s |" % (arch, cpu, len(rs),
                               sum(r["insns"] for r in rs),
                               sum(r["cps"] for r in rs), fmt_sigs(sigs),
                               ill, " (%d)" % known if known else "",
                               sum(r["unexp"] for r in rs), same, len(rs),
                               second))
    out += ["", "<details><summary>Every tag</summary>", "",
            "| arch | CPU | tag | insns | checkpoints | signals | SIGILL | "
            "unexpected | same model | second model |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append("| %s | %s | %s | %d | %d | %s | %d | %d | %s | %s |" % (
            r["arch"], r["cpu"], r["tag"], r["insns"], r["cps"],
            fmt_sigs(r["sigs"]), r["ill"], r["unexp"], r["same"],
            r["second"] or "-"))
    out += ["", "</details>", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("-s", "--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--md")
    ap.add_argument("--cases")
    ap.add_argument("--tags")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()

    cases = QUICK_CASES if args.quick else FULL_CASES
    if args.cases:
        cases = [c for c in cases if re.search(args.cases, " ".join(
            x or "" for x in c[:3]))]
    need = [os.path.join(BUILD, "risugen")]
    if not all(os.access(p, os.X_OK) for p in need):
        print("validate: %s not built" % need[0], file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="risu-validate.")
    rows, log = [], []
    t0 = time.time()
    try:
        for case in cases:
            arch, cpu, cpu2 = case[:3]
            if not shutil.which(qemu_for(arch)):
                print("validate: %s missing, skipping %s" % (qemu_for(arch),
                                                              cpu))
                continue
            if not os.access(runner_for(arch, feats_of(arch, cpu)), os.X_OK):
                print("validate: no runner for %s %s, skipped" % (arch, cpu))
                continue
            ptags = pattern_tags(arch, cpu)
            tags = sorted({t for s in ptags.values() for t in s})
            if args.tags:
                tags = [t for t in tags if re.fullmatch(args.tags, t)]
            if len(case) > 3:
                tags = [t for t in tags if re.fullmatch(case[3], t)]
            for tag in tags + ([] if len(case) > 3 else ["(all)"]):
                t1 = time.time()
                r = run_tag(case, tag, ptags, args, tmp, log)
                if r is None:
                    continue
                if r.get("error") and "cpu" not in r:
                    rows.append({"arch": arch, "cpu": cpu, "tag": tag,
                                 "error": True, "insns": 0, "cps": 0,
                                 "sigs": {}, "ill": 0, "unexp": 0,
                                 "same": "ERROR", "second": None})
                    continue
                rows.append(r)
                if args.v or not row_ok(r):
                    print("%-10s %-16s %-16s %6d cps %-22s ill %d unexp %d "
                          "%s%s (%.1fs)" % (
                              arch, cpu, tag, r["cps"], fmt_sigs(r["sigs"]),
                              r["ill"], r["unexp"], r["same"],
                              " / " + r["second"] if r["second"] else "",
                              time.time() - t1), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for l in log:
        print(l)
    nbad = sum(not row_ok(r) for r in rows)
    print("validate: %d runs (%d models x tags), %d with problems, %.0fs" % (
        len(rows), len(cases), nbad, time.time() - t0))
    if args.md:
        with open(args.md, "w") as f:
            f.write(render_md(rows, args))
    return 1 if nbad else 0


if __name__ == "__main__":
    sys.exit(main())
