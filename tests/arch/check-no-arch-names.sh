#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Core code never names an architecture: every arch, family, runner
# flavour and CPU model name the registry knows (risu-trace arch --json)
# is looked for, as a whole word, in the C sources of decode/ gen/
# format/ runner/ tools/ with comments stripped.  Files listed in
# tests/arch/allowlist.txt (path, then the reason) are skipped; only
# runner/ and format/ files may be listed.
# usage: check-no-arch-names.sh RISU_TRACE
set -eu
rt=${1:?usage: check-no-arch-names.sh RISU_TRACE}
here=$(dirname "$0")
allow="$here/allowlist.txt"

json=$("$rt" arch --json)

allowed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$allow" | awk '{print $1}')
for f in $allowed; do
    case $f in
    runner/*|format/*) ;;
    *) echo "$0: $f: only runner/ and format/ files may be allowlisted" >&2
       exit 1 ;;
    esac
done

python3 - "$json" $allowed <<'PY'
import json, os, re, sys
d = json.loads(sys.argv[1])
allowed = set(sys.argv[2:])
names, cpus = set(), set()
for a in d["arches"]:
    names.update([a["name"], a["family"]] + a["flavours"])
    # A model named by a plain word ("max") is not told from the word.
    cpus.update(c["name"] for c in a["cpus"]
                if not re.fullmatch("[a-z]+", c["name"]))
for f in d["flavours"]:
    names.update([f["name"], f["family"]])
if not names or not cpus:
    sys.exit("no names from risu-trace arch --json")


def alt(ns):
    return "|".join(re.escape(n) for n in sorted(ns, key=len, reverse=True))


# Arch, family and flavour names in any case, '_' a separator as well
# (TF_MIPS, "mips64el"); CPU models (some are words: "max") only as a
# whole string literal or an option word in one.
word = re.compile(r"(?<![A-Za-z0-9])(%s)(?![A-Za-z0-9])" % alt(names), re.I)
cpu = re.compile(r"(?<=[\"\s])(%s)(?=[\"\s])" % alt(cpus))
strlit = re.compile(r'"(?:[^"\\]|\\.)*"')

def strip_comments(text):
    """Blank out /* */ and // comments, keeping line numbers and strings."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)

bad = 0
for top in ("decode", "gen", "format", "runner", "tools"):
    for root, _, files in os.walk(top):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(root, f)
            if path in allowed:
                continue
            text = strip_comments(open(path, encoding="utf-8").read())
            for no, line in enumerate(text.split("\n"), 1):
                m = word.search(line)
                for lit in strlit.findall(line):
                    m = m or cpu.search(lit[1:-1].join("  "))
                if m:
                    print("%s:%d: names '%s': %s" % (path, no, m.group(1),
                                                     line.strip()))
                    bad += 1
if bad:
    print("%d line(s) outside arch/ name an architecture, flavour or CPU "
          "model (move the fact into arch/<family>/)" % bad)
    sys.exit(1)
PY
echo "no arch, flavour or CPU model names outside arch/"
