#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Markdown tables for docs/mips-patterns.md from the pattern files:
patterns per file (total, never, weight 0) and generatable patterns per
tag and file.  Uses risu-decode -l, so it counts what the tools read.

usage: tests/arch/mips/pattern-stats.py   (Environment: BUILD, default build)
"""
import glob
import os
import re
import subprocess

BUILD = os.environ.get("BUILD", "build")
files = sorted(glob.glob("arch/mips/*.decode"))
per_file, per_tag = {}, {}
for f in files:
    # Files of 16-bit words (compressed ISAs) need their width.
    w16 = (["--insnwidth", "16"]
           if re.search(r"16e?(-allocated)?\.decode$", f) else [])
    out = subprocess.run([os.path.join(BUILD, "risu-decode")] + w16 +
                         ["-l", f],
                         capture_output=True, text=True, check=True).stdout
    pats = []
    for line in out.splitlines():
        if re.match(r"\S+:\d+: ", line):
            pats.append({"name": line.split()[1], "tags": [], "never": False,
                         "w0": False})
        elif pats and line.startswith("    "):
            d = line.split()
            if d[0] == "tags":
                pats[-1]["tags"] = d[1:]
            elif d[0] == "never":
                pats[-1]["never"] = True
            elif d[0] == "weight" and d[1] == "0":
                pats[-1]["w0"] = True
    name = os.path.basename(f)
    per_file[name] = (len(pats), len({p["name"] for p in pats}),
                      sum(p["never"] for p in pats),
                      sum(p["w0"] and not p["never"] for p in pats))
    for p in pats:
        if p["never"]:
            continue
        for t in p["tags"]:
            per_tag.setdefault(t, {}).setdefault(name, 0)
            per_tag[t][name] += 1

print("| file | patterns | names | never | weight 0 |")
print("|---|---|---|---|---|")
for f, (n, u, nv, w0) in per_file.items():
    print("| %s | %d | %d | %d | %d |" % (f, n, u, nv, w0))
print("| total | %d | | %d | %d |" % (
    sum(v[0] for v in per_file.values()), sum(v[2] for v in per_file.values()),
    sum(v[3] for v in per_file.values())))
print()
# Files with generatable patterns only (not the allocated / known files).
gen_files = [f for f in per_file if any(f in v for v in per_tag.values())]
short = [f.replace(".decode", "") for f in gen_files]
print("| tag | " + " | ".join(short) + " |")
print("|---|" + "---|" * len(short))
for t in sorted(per_tag):
    print("| %s | %s |" % (t, " | ".join(
        str(per_tag[t].get(f, "")) for f in gen_files)))

# Which QEMU models select each tag (risugen --cpu MODEL --list over the
# default list of the model's widest little-endian arch).
cpus = re.findall(r'MIPS_CPU\("([^"]+)",\s*(\d+),\s*"([^"]*)"\)',
                  open("arch/mips/cpus.def").read())
env = dict(os.environ, RISU_DT_DATADIR=os.getcwd())
by_tag = {}
for name, bits, feats in cpus:
    r6 = "r6" in feats.split()
    arch = {("32", False): "mipsel", ("32", True): "mipsr6el",
            ("64", False): "mips64el", ("64", True): "mips64r6el"}[(bits, r6)]
    out = subprocess.run([os.path.join(BUILD, "risugen"), "--arch", arch,
                          "--cpu", name, "--list"], capture_output=True,
                         text=True, env=env).stdout
    for m in re.finditer(r"\stags=(\S*)", out):
        for t in m.group(1).split(","):
            by_tag.setdefault(t, [])
            if name not in by_tag[t]:
                by_tag[t].append(name)
print()
print("| tag | QEMU 7.2 models (risugen --cpu) |")
print("|---|---|")
for t in sorted(by_tag):
    print("| %s | %s |" % (t, " ".join(by_tag[t])))
