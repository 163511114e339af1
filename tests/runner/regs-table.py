#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Print the register table of docs/mips-capture.md from arch/mips/regs.def,
or with --check verify that the doc holds exactly that table."""
import re
import sys

rows = []
for line in open("arch/mips/regs.def"):
    m = re.match(r'GPR\((\d+), "(\w+)", "(\w+)", (\w+), ([^,]+), "(.*)"\)$', line)
    if m:
        n, o32, n64, cls, mask, src = m.groups()
        name = o32 if o32 == n64 else "%s / %s" % (o32, n64)
        rows.append(("$%s %s" % (n, name), cls, n, "1", "-",
                     mask.replace("MIPS_GPR_MASK", "GPR width"), src))
        continue
    m = re.match(r'REG\("([\w.]+)", (\w+), (\d+), (\d+), (\w+), ([^,]+), "(.*)"\)$',
                 line)
    if m:
        name, cls, slot, nslots, feat, mask, src = m.groups()
        rows.append((name, cls, slot, nslots, "-" if feat == "0" else feat,
                     mask.replace("MIPS_GPR_MASK", "GPR width")
                     .replace("~0ull", "all"), src))
out = ["| register | class | slot | n | needs | compared bits | source |",
       "|---|---|---|---|---|---|---|"]
for r in rows:
    out.append("| " + " | ".join(x.replace("|", "\\|") for x in r) + " |")
table = "\n".join(out) + "\n"
if len(sys.argv) > 1 and sys.argv[1] == "--check":
    doc = open("docs/mips-capture.md").read()
    m = re.search(r"<!-- regs-table -->\n(.*?)<!-- /regs-table -->", doc, re.S)
    if not m or m.group(1) != table:
        print("docs/mips-capture.md: register table differs from regs.def; "
              "regenerate with tests/runner/regs-table.py")
        sys.exit(1)
else:
    sys.stdout.write(table)
