#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Print the register tables of docs/arm-capture.md from
arch/arm/regs-a32.def, regs-a64.def and regs-a64l.def, or with --check verify that the
doc holds exactly those tables."""
import re
import sys

MASKS = {"~0ull": "all", "ARM_GPR_MASK": "all (32 bits)",
         "ARM_CPSR_MASK": "ARM_CPSR_MASK 0xf80f0000",
         "A64_PSTATE_MASK": "A64_PSTATE_MASK 0xf0000000"}


def table(path):
    out = ["| register | class | slot | n | needs | compared bits | source |",
           "|---|---|---|---|---|---|---|"]
    for line in open(path):
        m = re.match(r'REG\("([\w.]+)", (\w+), (\d+), (\d+), (\w+), ([^,]+), '
                     r'"(.*)"\)$', line)
        if m:
            name, cls, slot, n, feat, mask, src = m.groups()
            row = (name, cls, slot, n, "-" if feat == "0" else feat,
                   MASKS.get(mask, mask), src)
            out.append("| " + " | ".join(x.replace("|", "\\|") for x in row)
                       + " |")
    return "\n".join(out) + "\n"


tabs = {"regs-a32": table("arch/arm/regs-a32.def"),
        "regs-a64": table("arch/arm/regs-a64.def"),
        "regs-a64l": table("arch/arm/regs-a64l.def")}
if len(sys.argv) > 1 and sys.argv[1] == "--check":
    doc = open("docs/arm-capture.md").read()
    for tag, t in tabs.items():
        m = re.search(r"<!-- %s -->\n(.*?)<!-- /%s -->" % (tag, tag), doc,
                      re.S)
        if not m or m.group(1) != t:
            print("docs/arm-capture.md: %s table differs from arch/arm/%s.def;"
                  " regenerate with tests/runner/arm-regs-table.py" %
                  (tag, tag))
            sys.exit(1)
else:
    for tag, t in tabs.items():
        sys.stdout.write("<!-- %s -->\n%s<!-- /%s -->\n\n" % (tag, t, tag))
