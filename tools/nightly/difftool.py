# SPDX-License-Identifier: GPL-2.0-or-later
"""`risu-trace diff --json` for a failing job: run it, check what it
printed, and turn its document (schema risu-trace-diff/1, docs/host-tools.md)
into one-line summaries and plain text for JUnit.  The HTML rendering of
the same document is in html_report.

What a job keeps (result key "diff"):

  {"ok": bool, "error": text | None, "rc": exit status, "seconds",
   "command": the command line, "file": "diff.json" (the whole document,
   in the job's work dir), "doc": the document with at most
   MAX_KEPT divergences (the result files stay small)}

Failure rules (job.py applies them): a diff that exits 2, prints no JSON,
prints another schema, says "result": "error", or finds no difference
although the runner reported one, makes the job an *error*: a broken
explanation must never be mistaken for a clean night, and a diff tool
that disagrees with the runner is a tool bug to look at.
"""

import json
import os
from typing import Dict, List, Optional

from . import procs

SCHEMA = "risu-trace-diff/1"
# The tree this driver is part of: its arch/ holds the pattern files that
# risu-trace names instructions with, wherever the risu-trace binary is.
TREE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
MAX_KEPT = 20          # divergences kept in the result file (diff.json has all)
MAX_JSON = 64          # --max for --keep-going: the first N divergences


def auto_argv(risu_trace: str, keep_going: bool, patterns: List[str]) -> List[str]:
    """The command for `diff = auto`, run in the job's work dir."""
    argv = [risu_trace, "diff", "--json", "--image", "image.bin", "--context", "4"]
    if keep_going:
        argv += ["--keep-going", "--max", str(MAX_JSON)]
    for d in patterns:
        argv += ["--patterns", d]
    return argv + ["golden.trace", "impl.trace"]


def tool_env() -> Dict[str, str]:
    """RISU_DT_DATADIR for risu-trace (unless set): this tree's arch/."""
    if os.environ.get("RISU_DT_DATADIR") or not os.path.isdir(os.path.join(TREE, "arch")):
        return {}
    return {"RISU_DT_DATADIR": TREE}


def validate(doc) -> Optional[str]:
    """Why DOC is not a usable risu-trace-diff/1 document, or None."""
    if not isinstance(doc, dict):
        return "the output is not a JSON object"
    schema = doc.get("schema")
    if schema != SCHEMA:
        return "the output is not %s (schema: %s)" % (
            SCHEMA, json.dumps(schema) if schema is not None else "missing")
    if doc.get("result") not in ("match", "differ", "error"):
        return "bad 'result': %s" % json.dumps(doc.get("result"))
    divs = doc.get("divergences")
    if not isinstance(divs, list) or not all(isinstance(d, dict) for d in divs):
        return "'divergences' is not a list of objects"
    for d in divs:
        for k in ("checkpoint", "kind"):
            if k not in d:
                return "a divergence lacks '%s'" % k
    return None


def run(argv: List[str], cwd: str, timeout: float) -> Dict:
    """Run a diff command (stdout to diff.json in CWD) and judge it."""
    out = os.path.join(cwd, "diff.json")
    o = procs.run(argv, timeout, env=tool_env(), cwd=cwd, stdout_file=out)
    r: Dict = {"ok": False, "error": None, "rc": o.rc, "seconds": round(o.seconds, 3),
               "command": " ".join(argv), "file": "diff.json", "doc": None}
    try:
        with open(out, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        text = ""
    doc = None
    if text.strip():
        try:
            doc = json.loads(text)
        except ValueError as e:
            r["error"] = "risu-trace diff printed no valid JSON (%s): %s" % (
                e, text.strip()[:200])
    why = validate(doc) if doc is not None else None
    if doc is not None and why is None:
        r["doc"] = compact(doc)
    err_tail = o.tail(5) if o.err.strip() else ""
    if o.timed_out or (o.rc is not None and o.rc < 0):
        r["error"] = "risu-trace diff %s" % o.describe()
    elif r["error"]:
        pass
    elif doc is None:
        r["error"] = "risu-trace diff (%s) printed nothing%s" % (
            o.describe(), ": " + err_tail if err_tail else "")
    elif why:
        r["error"] = "risu-trace diff: %s" % why
    elif doc["result"] == "error" or o.rc == 2:
        r["error"] = "risu-trace diff failed (%s): %s" % (
            o.describe(), doc.get("error") or err_tail or "no message")
    elif o.rc not in (0, 1) or (o.rc == 1) != (doc["result"] == "differ"):
        r["error"] = "risu-trace diff: exit %s does not match result %r" % (
            o.rc, doc["result"])
    elif doc["result"] == "match":
        r["error"] = ("risu-trace diff finds the implementation's trace equal to "
                      "the golden trace, but the runner reported a mismatch "
                      "(a nondeterministic implementation, or a tool bug)")
    else:
        r["ok"] = True
    return r


def compact(doc: Dict) -> Dict:
    divs = doc.get("divergences") or []
    if len(divs) <= MAX_KEPT:
        return doc
    d = dict(doc)
    d["divergences"] = divs[:MAX_KEPT]
    d["divergences_dropped"] = len(divs) - MAX_KEPT
    return d


# ------------------------------------------------------------- text forms

def short_hex(v) -> str:
    if isinstance(v, str) and v.startswith("0x"):
        return "0x" + (v[2:].lstrip("0") or "0")
    return "(not captured)" if v is None else str(v)


def signal_text(s: Optional[Dict]) -> str:
    if not s:
        return "none"
    t = "%s (%s)" % (s.get("name") or "signal", s.get("signo"))
    if s.get("si_code") is not None:
        t += " si_code %s" % s["si_code"]
        if s.get("si_code_name"):
            t += " %s" % s["si_code_name"]
        if s.get("si_code_compared") not in (None, s.get("si_code")):
            t += " (compared as %s)" % s["si_code_compared"]
    if s.get("fault_addr") not in (None, "0x0"):
        t += ", fault address %s" % s["fault_addr"]
        if s.get("fault_in_block"):
            t += " (memory block)"
    return t


def insn_text(i: Optional[Dict]) -> str:
    """`SRA 0x00196143 "sra $t4, $t9, 5"`: pattern, word, disassembly."""
    if not i:
        return "insn"
    parts = [i.get("pattern") or "insn", i.get("word") or ""]
    dis = i.get("disasm")
    if dis:
        parts.append('"%s"' % dis)
    return " ".join(p for p in parts if p)


def fields_text(i: Optional[Dict]) -> str:
    f = (i or {}).get("fields") or {}
    return " ".join("%s=%s" % kv for kv in f.items())


def where(d: Dict) -> str:
    off = (d.get("insn") or {}).get("offset")
    if off is not None:
        return "+0x%x" % off
    return "pc +0x%x" % (d.get("pc_offset") or 0)


def what_differs(d: Dict, nregs: int = 4) -> str:
    parts = []
    sig = d.get("signal") or {}
    diff = d.get("differs") or {}
    if d.get("kind") == "end":
        return d.get("note") or "one trace ends here"
    if diff.get("out_of_step"):
        parts.append("out of step (implementation at checkpoint %s, pc +0x%x)"
                     % (d.get("checkpoint_b"), d.get("pc_offset_b") or 0))
    if diff.get("insn_word"):
        parts.append("insn ref %s got %s" % ((d.get("insn") or {}).get("word"),
                                            d.get("insn_b")))
    op = d.get("op") or {}
    if op and op.get("a") != op.get("b"):
        parts.append("op ref %s got %s" % (op.get("a"), op.get("b")))
    if diff.get("signal"):
        parts.append("signal ref %s got %s" % (_sig_short(sig.get("a")),
                                               _sig_short(sig.get("b"))))
    if diff.get("features"):
        parts.append("features ref %s got %s" % (d.get("features_a"),
                                                 d.get("features_b")))
    regs = d.get("registers") or []
    parts += ["%s ref %s got %s" % (r.get("name"), short_hex(r.get("a")),
                                    short_hex(r.get("b"))) for r in regs[:nregs]]
    if len(regs) > nregs:
        parts.append("+%d more registers" % (len(regs) - nregs))
    return ", ".join(parts) or d.get("note") or "state differs"


def _sig_short(s: Optional[Dict]) -> str:
    if not s:
        return "none"
    t = s.get("name") or "signal %s" % s.get("signo")
    if s.get("si_code") is not None:
        t += " si_code %s" % s["si_code"]
    return t


def summary(d: Dict) -> str:
    """One line, for the JUnit failure message and the matrix tooltip:
    checkpoint 7, SRA 0x00196143 "sra $t4, $t9, 5" at +0x3c4: t1 ref 0x4 got 0xc"""
    return "checkpoint %s, %s at %s: %s" % (d.get("checkpoint"), insn_text(d.get("insn")),
                                            where(d), what_differs(d))


def totals(doc: Dict) -> str:
    n = doc.get("count", len(doc.get("divergences") or []))
    t = "%d divergence%s in %s checkpoints" % (n, "" if n == 1 else "s",
                                               doc.get("checkpoints", "?"))
    eq = doc.get("count_equal_operands")
    if n and eq is not None:
        t += ": %d from equal operands, %d whose operands already differed" % (eq, n - eq)
    if not doc.get("keep_going") and n:
        t += " (stopped at the first; keep-going = yes for all)"
    elif not doc.get("complete"):
        t += " (stopped before the end of the traces)"
    return t


def text(doc: Dict, limit: int = 3) -> str:
    """Plain text of the first LIMIT divergences (JUnit failure body)."""
    out = []
    a, b = doc.get("a") or {}, doc.get("b") or {}
    if a or b:
        out.append("reference trace:      %s (%s)" % (a.get("path"), a.get("recorder", "").strip()))
        out.append("implementation trace: %s (%s)" % (b.get("path"), b.get("recorder", "").strip()))
    for d in (doc.get("divergences") or [])[:limit]:
        out.append("divergence %s at checkpoint %s: %s" % (d.get("number"), d.get("checkpoint"),
                                                          what_differs(d, 8)))
        i = d.get("insn") or {}
        out.append("  insn %s %s  %s  [%s %s]" % (where(d), i.get("word"),
                                                 i.get("disasm") or i.get("disasm_note") or "",
                                                 i.get("pattern") or "?", fields_text(i)))
        if (d.get("differs") or {}).get("signal"):
            s = d.get("signal") or {}
            out.append("  signal     ref %s" % signal_text(s.get("a")))
            out.append("             got %s" % signal_text(s.get("b")))
        for r in d.get("registers") or []:
            out.append("  %-10s ref %s" % (r.get("name"), r.get("a")))
            out.append("  %-10s got %s%s" % ("", r.get("b") if r.get("b") is not None
                                             else "(not captured)",
                                             "  mask " + r["mask"] if r.get("mask") else ""))
            fl = r.get("float")
            if fl:
                out.append("             ref double %s, single(lo) %s" % (fl.get("a_double"),
                                                                       fl.get("a_single")))
                out.append("             got double %s, single(lo) %s" % (fl.get("b_double"),
                                                                       fl.get("b_single")))
        if d.get("operands_differed"):
            out.append("  operands that already differed: %s" % " ".join(d["operands_differed"]))
        if d.get("unit"):
            out.append("  code since the previous checkpoint:")
            for u in d["unit"]:
                out.append("    %s+0x%x  %s  %s" % ("=> " if u.get("kind") == "generated" else "   ",
                                                    u.get("offset") or 0, u.get("word"),
                                                    u.get("text")))
        if d.get("preceding"):
            out.append("  preceding checkpoints:")
            for p in d["preceding"]:
                pi = p.get("insn") or {}
                off = pi.get("offset")
                out.append("    #%-5s %-8s %s  %s  [%s %s]" % (
                    p.get("checkpoint"), "+0x%x" % off if off is not None else "",
                    pi.get("word"),
                    pi.get("disasm") or pi.get("disasm_note") or "",
                    pi.get("pattern") or "?", fields_text(pi)))
    n = len(doc.get("divergences") or [])
    if n > limit:
        out.append("(%d more divergences in diff.json)" % (n - limit))
    out.append(totals(doc))
    return "\n".join(out)
