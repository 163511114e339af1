# SPDX-License-Identifier: GPL-2.0-or-later
"""JUnit XML for GitLab, Jenkins and friends.

One <testsuite> per suite, one <testcase> per tag set x seed x instruction
count x implementation x reference.  classname SUITE.IMPLEMENTATION makes
Jenkins group results by implementation; the name carries the rest.  The
failure message is the first divergence in one line, the body the whole
`risu-trace diff` explanation (registers, code, preceding checkpoints),
the shrunk reproducer and the runner's report; a down board gives
<skipped>.
"""

import os
import re
import xml.etree.ElementTree as ET
from typing import Dict, List

from . import difftool, shrinker
from .matrix import Job, tag_slug


# Characters XML 1.0 cannot carry at all (emulator output may have them).
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s: str) -> str:
    return _BAD_XML.sub("?", s or "")


def case_name(j: Job) -> str:
    return "%s seed=%d n=%d vs %s" % (tag_slug(j.tags), j.seed, j.numinsns,
                                      j.reference)


def _doc(r: Dict):
    d = r.get("diff")
    return d.get("doc") if isinstance(d, dict) and d.get("ok") else None


def failure_body(r: Dict) -> str:
    """The first divergences as `risu-trace diff` explains them (or the
    runner's report with objdump's disassembly when there is no diff), the
    shrunk reproducer, the command to reproduce, the runner's output."""
    parts = []
    doc = _doc(r)
    if doc:
        parts.append(difftool.text(doc))
        if r["diff"].get("note"):
            parts.append("note: " + r["diff"]["note"])
    else:
        d = r.get("diff") or {}
        if d.get("error"):
            parts.append("risu-trace diff: " + d["error"])
        for dv in r.get("divergences", [])[:5]:
            rows = dv.get("disasm") or []
            if rows:
                parts.append("instructions up to checkpoint %d:" % dv["checkpoint"])
                for x in rows:
                    parts.append("  %s +0x%04x %s  %-28s %s" % (
                        "=>" if x["culprit"] else "  ", x["off"], x["word"],
                        x["asm"], x["pattern"]))
    sh = r.get("shrink")
    work = r.get("work", "the work dir")
    if isinstance(sh, dict):
        files = sh.get("files") or {}
        line = "shrink: " + shrinker.verdict(sh)
        if files.get("repro"):
            line += "\n  reproducer: %s/%s (commands in %s/%s)" % (
                work, files["repro"], work, files.get("readme", "README"))
        parts.append(line)
    if r.get("reproducer"):
        parts.append("reproduce (in %s): %s" % (work, r["reproducer"]))
    if r.get("details"):
        parts.append("runner output:\n" + r["details"])
    return "\n".join(p for p in parts if p)


def write(path: str, run_id: str, jobs: List[Job], results: Dict[str, Dict]) -> None:
    root = ET.Element("testsuites", name="risu-nightly %s" % run_id)
    totals = dict(tests=0, failures=0, errors=0, skipped=0, time=0.0)
    suites: Dict[str, List[Job]] = {}
    for j in jobs:
        suites.setdefault(j.suite, []).append(j)
    for sname, sjobs in suites.items():
        ts = ET.SubElement(root, "testsuite", name=sname)
        c = dict(tests=0, failures=0, errors=0, skipped=0, time=0.0)
        for j in sjobs:
            r = results.get(j.id)
            tc = ET.SubElement(ts, "testcase", classname="%s.%s" % (sname, j.implementation),
                               name=case_name(j))
            c["tests"] += 1
            if r is None:
                e = ET.SubElement(tc, "error", message="job did not run (no result "
                                  "file): interrupted, or not scheduled", type="missing")
                e.text = "job id %s" % j.id
                c["errors"] += 1
                continue
            secs = float(r.get("seconds", 0))
            tc.set("time", "%.3f" % secs)
            c["time"] += secs
            st = r["status"]
            if st == "fail":
                e = ET.SubElement(tc, "failure", message=_x(r.get("message", "")),
                                  type="divergence")
                e.text = _x(failure_body(r))
                c["failures"] += 1
            elif st == "error":
                e = ET.SubElement(tc, "error", message=_x(r.get("message", "")),
                                  type="infrastructure")
                e.text = _x(failure_body(r) if r.get("divergences")
                            else r.get("details", ""))
                c["errors"] += 1
            elif st == "skip":
                ET.SubElement(tc, "skipped", message=_x(r.get("message", "")))
                c["skipped"] += 1
            out = "job %s\ngolden trace: %s (%s)\n" % (
                j.id, r.get("golden", "-"), r.get("golden_key", "-")[:20])
            ET.SubElement(tc, "system-out").text = out
        for k, v in c.items():
            ts.set(k, "%.3f" % v if k == "time" else str(v))
            totals[k] += v
    for k, v in totals.items():
        root.set(k, "%.3f" % v if k == "time" else str(v))
    tree = ET.ElementTree(root)
    ET.indent(tree)
    tmp = path + ".tmp"
    tree.write(tmp, encoding="utf-8", xml_declaration=True)
    os.replace(tmp, path)
