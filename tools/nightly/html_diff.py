# SPDX-License-Identifier: GPL-2.0-or-later
"""HTML for one failing job's explanation: the `risu-trace diff --json`
document (schema risu-trace-diff/1) and the shrink result.

Per divergence: checkpoint, pc and image offset, word, disassembly,
pattern name with its fields (and file:line), the differing registers
with both values (differing hex digits marked, the differing bits, the
compare mask), FP registers as double and single, vector registers per
lane (the instruction's data format first, the other formats folded),
signals on both sides, out-of-step / op / instruction-word differences,
which operands already differed, the code since the previous checkpoint
and the preceding checkpoints' instructions.
"""

import html
from typing import Dict, Optional

from . import difftool, shrinker

MAX_DETAILED = 5       # divergences shown in full; the rest one line each
LANES_PER_ROW = 16

CSS = """
.dv { margin: .8em 0 1.2em; }
.dv h4 { margin: .2em 0; font-size: 1.05em; }
.dv h4 .num { color: #c33; }
.pat { font-weight: 700; color: #1a4d8f; }
.fields { color: #555; }
.sub { margin: .15em 0; }
table.regs td, table.regs th, table.code td, table.code th, table.lanes td,
table.lanes th, table.sig td, table.sig th { padding: .12em .5em; }
table.regs td.v { font-family: ui-monospace, monospace; font-size: 12.5px; }
.x { background: #ffb3b3; color: #700; font-weight: 700; }
tr.fl td { color: #444; font-size: .92em; border-top: none; }
table.lanes td.ld { background: #ffd6d6; font-weight: 700; }
table.lanes { margin: .2em 0; }
.own { color: #8a0d0d; font-weight: 600; }
.carried { color: #7a4b00; }
.errbox { background: #fff0f0; border: 1px solid #e09a9a; padding: .4em .7em; }
.shrink { background: #f3f7ff; border: 1px solid #b9c9e8; padding: .4em .8em;
  margin: .8em 0; }
.shrink.bad { background: #fff8e6; border-color: #e8cf8e; }
.kv td:first-child { color: #555; }
.cols { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.cols > div { min-width: 0; }
h5 { margin: .6em 0 .2em; font-size: .95em; }
"""


def _e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _c(s) -> str:
    return "<code>%s</code>" % _e(s)


def _link(href: str, text: str) -> str:
    return '<a href="%s">%s</a>' % (_e(href), _e(text))


def hexdiff(a: Optional[str], b: Optional[str]):
    """Both values as HTML with the hex digits that differ marked."""
    if a is None or b is None or len(a) != len(b) or not a.startswith("0x"):
        return (_e(a) if a is not None else "<i>not captured</i>",
                _e(b) if b is not None else "<i>not captured</i>")
    out_a, out_b = [], []
    for ca, cb in zip(a, b):
        if ca != cb:
            out_a.append('<span class="x">%s</span>' % _e(ca))
            out_b.append('<span class="x">%s</span>' % _e(cb))
        else:
            out_a.append(_e(ca))
            out_b.append(_e(cb))
    return "".join(out_a), "".join(out_b)


def xor_bits(a: Optional[str], b: Optional[str], mask: Optional[str]) -> str:
    """Which bits differ (under the mask, for values no wider than it)."""
    try:
        x = int(a, 16) ^ int(b, 16)
        if mask and len(a) <= len(mask):
            x &= int(mask, 16)
    except (TypeError, ValueError):
        return ""
    if not x:
        return ""
    bits = [i for i in range(x.bit_length()) if x >> i & 1]
    if len(bits) <= 4:
        return "bit%s %s" % ("s" if len(bits) > 1 else "", ", ".join(map(str, bits)))
    return "%d bits: 0x%x" % (len(bits), x)


def insn_html(i: Optional[Dict]) -> str:
    if not i:
        return ""
    dis = i.get("disasm")
    parts = [_c(dis) if dis else '<i class="muted">%s</i>' % _e(
        i.get("disasm_note") or "no disassembly")]
    if i.get("pattern"):
        parts.append('<span class="pat">%s</span>' % _e(i["pattern"]))
    f = difftool.fields_text(i)
    if f:
        parts.append('<span class="fields">%s</span>' % _e(f))
    return " ".join(parts)


def _signal_cell(s: Optional[Dict]) -> str:
    if not s:
        return "none"
    return _e(difftool.signal_text(s))


def _signal_table(d: Dict) -> str:
    s = d.get("signal") or {}
    rows = []
    for side, key in (("reference", "a"), ("implementation", "b")):
        x = s.get(key)
        if not x:
            rows.append("<tr><td>%s</td><td colspan=4>no signal</td></tr>" % side)
            continue
        comp = x.get("si_code_compared")
        rows.append("<tr><td>%s</td><td><b>%s</b> (%s)</td><td>si_code %s %s%s</td>"
                    "<td>fault address %s%s</td></tr>"
                    % (side, _e(x.get("name")), _e(x.get("signo")), _e(x.get("si_code")),
                       _e(x.get("si_code_name") or ""),
                       " (compared as %s)" % _e(comp) if comp not in (None, x.get("si_code"))
                       else "", _c(x.get("fault_addr")),
                       " (in the memory block)" if x.get("fault_in_block") else ""))
    return ('<h5>signal</h5><table class="sig">%s</table>' % "".join(rows))


def _lanes(r: Dict) -> str:
    lanes = r.get("lanes") or []
    if not lanes:
        return ""
    main = [l for l in lanes if l.get("from_insn")] or lanes[:1]
    rest = [l for l in lanes if l not in main]
    out = [_lane_table(l) for l in main]
    if rest:
        out.append("<details><summary>as %s</summary>%s</details>" % (
            ", ".join(".%s" % l.get("format") for l in rest),
            "".join(_lane_table(l) for l in rest)))
    return "".join(out)


def _lane_table(l: Dict) -> str:
    a, b = l.get("a") or [], l.get("b") or []
    n = max(len(a), len(b))
    out = ['<table class="lanes"><caption style="text-align:left">lanes '
           '<code>.%s</code> (%s bits%s%s)</caption>'
           % (_e(l.get("format")), _e(l.get("bits")), ", FP" if l.get("fp") else "",
              ", the instruction's format" if l.get("from_insn") else "")]
    for start in range(0, n, LANES_PER_ROW):
        idx = range(start, min(n, start + LANES_PER_ROW))
        out.append("<tr><th>lane</th>%s</tr>" % "".join("<th>%d</th>" % i for i in idx))
        for side, vals in (("ref", a), ("got", b)):
            cells = []
            for i in idx:
                v = vals[i] if i < len(vals) else None
                other = (b if side == "ref" else a)
                o = other[i] if i < len(other) else None
                cls = ' class="ld"' if v != o else ""
                cells.append("<td%s>%s</td>" % (cls, _c(v) if v is not None else ""))
            out.append("<tr><th>%s</th>%s</tr>" % (side, "".join(cells)))
    out.append("</table>")
    return "".join(out)


def _registers(d: Dict) -> str:
    regs = d.get("registers") or []
    if not regs:
        return ""
    out = ['<h5>registers</h5><table class="regs"><tr><th>register</th><th>class</th>'
           '<th>reference</th><th>implementation</th><th>differing</th>'
           '<th>mask</th></tr>']
    for r in regs:
        ha, hb = hexdiff(r.get("a"), r.get("b"))
        out.append('<tr data-reg="%s"><td><b><code>%s</code></b></td><td>%s</td>'
                   '<td class="v">%s</td><td class="v">%s</td><td>%s</td>'
                   '<td class="v">%s</td></tr>'
                   % (_e(r.get("name")), _e(r.get("name")), _e(r.get("class", "")),
                      ha, hb, _e(xor_bits(r.get("a"), r.get("b"), r.get("mask"))),
                      _e(r.get("mask") or "")))
        fl = r.get("float")
        if fl:
            out.append('<tr class="fl"><td></td><td>as FP</td><td>double %s<br>single(lo) '
                       '%s</td><td>double %s<br>single(lo) %s</td><td colspan=2></td></tr>'
                       % (_c(fl.get("a_double")), _c(fl.get("a_single")),
                          _c(fl.get("b_double")), _c(fl.get("b_single"))))
        lanes = _lanes(r)
        if lanes:
            out.append('<tr class="fl"><td></td><td colspan=5>%s</td></tr>' % lanes)
    out.append("</table>")
    return "".join(out)


def _other(d: Dict) -> str:
    diff = d.get("differs") or {}
    items = []
    if diff.get("out_of_step"):
        items.append("out of step: the implementation is at checkpoint %s, pc +0x%x"
                     % (_e(d.get("checkpoint_b")), d.get("pc_offset_b") or 0))
    if diff.get("insn_word"):
        items.append("instruction word: reference %s, implementation %s"
                     % (_c((d.get("insn") or {}).get("word")), _c(d.get("insn_b"))))
    op = d.get("op") or {}
    if op and op.get("a") != op.get("b"):
        items.append("op: reference %s, implementation %s" % (_c(op.get("a")),
                                                              _c(op.get("b"))))
    if diff.get("features"):
        items.append("features: reference %s, implementation %s"
                     % (_c(d.get("features_a")), _c(d.get("features_b"))))
    if not items:
        return ""
    return "<ul class=sub>%s</ul>" % "".join("<li>%s</li>" % i for i in items)


def _unit(d: Dict) -> str:
    unit = d.get("unit") or []
    if not unit:
        return ""
    out = ['<div><h5>code since the previous checkpoint</h5><table class="code">'
           '<tr><th>offset</th><th>word</th><th>code</th></tr>']
    for u in unit:
        cls = ' class="culprit"' if u.get("kind") == "generated" else ""
        out.append("<tr%s><td>%s</td><td>%s</td><td>%s</td></tr>"
                   % (cls, _c("+0x%04x" % (u.get("offset") or 0)), _c(u.get("word")),
                      _c(u.get("text"))))
    out.append("</table></div>")
    return "".join(out)


def _preceding(d: Dict) -> str:
    pre = d.get("preceding") or []
    if not pre:
        return ""
    out = ['<div><h5>preceding checkpoints</h5><table class="code"><tr><th>#</th>'
           '<th>offset</th><th>word</th><th>instruction</th></tr>']
    for p in pre:
        i = p.get("insn") or {}
        off = i.get("offset")
        out.append("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                   % (_e(p.get("checkpoint")),
                      _c("+0x%04x" % off) if off is not None else
                      '<span class="muted">preamble</span>',
                      _c(i.get("word")), insn_html(i)))
    out.append("</table></div>")
    return "".join(out)


def divergence(d: Dict) -> str:
    i = d.get("insn") or {}
    cp = d.get("checkpoint")
    cpb = d.get("checkpoint_b")
    out = ['<div class="dv" data-checkpoint="%s">' % _e(cp),
           '<h4><span class="num">#%s</span> checkpoint %s%s — %s</h4>'
           % (_e(d.get("number")), _e(cp),
              " (implementation: %s)" % _e(cpb) if cpb not in (None, cp) else "",
              insn_html(i))]
    where = []
    if i.get("offset") is not None:
        where.append("instruction at %s" % _c("+0x%04x" % i["offset"]))
    where.append("word %s" % _c(i.get("word")))
    where.append("checkpoint trap at %s" % _c("+0x%04x" % (d.get("pc_offset") or 0)))
    if i.get("pattern_file"):
        where.append("pattern %s" % _c("%s:%s" % (i["pattern_file"], i.get("pattern_line"))))
    if i.get("in_target") is False:
        where.append("<b>not in the target's pattern set</b>")
    out.append('<p class="sub muted">%s</p>' % " · ".join(where))
    if d.get("kind") == "end":
        out.append('<p class="sub"><b>%s</b></p>' % _e(d.get("note") or "a trace ends here"))
    elif d.get("note"):
        out.append('<p class="sub">%s</p>' % _e(d["note"]))
    if d.get("kind") != "end":
        od = d.get("operands_differed") or []
        if od:
            out.append('<p class="sub carried">operands that already differed before it: '
                       '%s — this may carry an earlier divergence on</p>'
                       % " ".join(_c(x) for x in od))
        else:
            out.append('<p class="sub own">its own divergence: the operands were equal</p>')
        if d.get("carried"):
            out.append('<p class="sub muted">still different from earlier divergences: '
                       '%s</p>' % " ".join(_c(x) for x in d["carried"]))
    out.append(_other(d))
    if (d.get("differs") or {}).get("signal"):
        out.append(_signal_table(d))
    out.append(_registers(d))
    out.append('<div class="cols">%s%s</div>' % (_unit(d), _preceding(d)))
    out.append("</div>")
    return "".join(out)


def diff_doc(doc: Dict, note: Optional[str] = None) -> str:
    a, b = doc.get("a") or {}, doc.get("b") or {}
    img = doc.get("image") or {}
    out = ['<p class="muted">risu-trace diff: reference %s (%s) vs implementation %s '
           '(%s)%s</p>' % (_c(a.get("path")), _e((a.get("recorder") or "").strip()),
                           _c(b.get("path")), _e((b.get("recorder") or "").strip()),
                           "" if img.get("patterns_loaded", True) else
                           " — pattern files not found: names from the image table only"),
           "<p><b>%s</b></p>" % _e(difftool.totals(doc))]
    if note:
        out.append('<p class="errbox">%s</p>' % _e(note))
    divs = doc.get("divergences") or []
    out.extend(divergence(d) for d in divs[:MAX_DETAILED])
    rest = divs[MAX_DETAILED:]
    if rest:
        out.append("<h5>further divergences</h5><table class=code><tr><th>#</th>"
                   "<th>checkpoint</th><th>instruction</th><th>differs</th>"
                   "<th>operands</th></tr>")
        for d in rest:
            od = d.get("operands_differed") or []
            out.append("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                       % (_e(d.get("number")), _e(d.get("checkpoint")),
                          insn_html(d.get("insn")), _e(difftool.what_differs(d)),
                          '<span class="carried">already differed: %s</span>'
                          % _e(" ".join(od)) if od else
                          '<span class="own">equal</span>' if d.get("kind") != "end"
                          else ""))
        out.append("</table>")
    if doc.get("divergences_dropped"):
        out.append("<p class=muted>%d more in diff.json.</p>" % doc["divergences_dropped"])
    return "".join(out)


def shrink_box(sh: Dict, work: str) -> str:
    st = sh.get("status")
    res = sh.get("result") or {}
    files = sh.get("files") or {}
    good = st == "ok" and res.get("verified") is not False
    out = ['<div class="shrink%s" data-shrink="%s"><b>Shrunk reproducer</b>: %s'
           % ("" if good else " bad", _e(st), _e(shrinker.verdict(sh)))]
    if st == "ok" and res:
        facts = []
        golden = sh.get("mode") == "golden"
        if res.get("checkpoints_before") is not None and \
                res.get("checkpoints_after") != res["checkpoints_before"]:
            facts.append("checkpoints %s → %s" % (res["checkpoints_before"],
                                                   res["checkpoints_after"]))
        if res.get("code_bytes_before") is not None:
            facts.append("code %s → %s bytes" % (res["code_bytes_before"],
                                                 res["code_bytes_after"]))
        if golden:
            facts.append("cut after the divergence only: units and initial "
                         "registers are not minimised without a rerunnable reference")
        else:
            if res.get("units_before") is not None:
                facts.append("units before the divergence kept: %s of %s"
                             % (res.get("units_kept"), res["units_before"]))
            if res.get("registers_nonzero_before") is not None:
                facts.append("initial registers kept: %s of %s"
                             % (res.get("registers_kept"), res["registers_nonzero_before"]))
            facts.append("compacted" if res.get("compacted") else
                         "not compacted (NOPs kept)")
        if res.get("runs") is not None:
            facts.append("%s runs" % res["runs"])
        facts.append("%.1f s" % (sh.get("seconds") or 0))
        out.append('<br><span class="muted">%s; %s</span>' % (
            {"rerun-reference": "both sides rerun",
             "golden": "golden trace + implementation",
             "template": "shrink template"}.get(sh.get("mode"), sh.get("mode", "")),
            " · ".join(_e(f) for f in facts)))
        if res.get("output_matches_trace") is False and res.get("output_mismatches"):
            out.append("<br>the reproducer's output differs from its own side's shrunk "
                       "trace in: %s" % _e(res["output_mismatches"]))
    links = []
    for key, label in (("repro", "repro.c"), ("readme", "README"),
                       ("image", "shrunk image"), ("diff", "diff of the shrunk traces"),
                       ("ref_trace", "reference trace"), ("test_trace", "implementation trace")):
        if files.get(key):
            if key == "diff" and sh.get("diff_error"):
                label += " (failed)"
            links.append('<a class="repro-%s" href="%s"%s>%s</a>'
                         % (key, _e(work + "/" + files[key]),
                            ' title="%s"' % _e(sh["diff_error"])
                            if key == "diff" and sh.get("diff_error") else "", _e(label)))
    if sh.get("log"):
        links.append(_link(work + "/" + sh["log"], "shrink log"))
    if links:
        out.append("<br>%s" % " · ".join(links))
    cmds = res.get("commands") or {}
    if st == "ok" and cmds.get("build_test"):
        out.append("<details><summary>build and run (in <code>%s</code>)</summary>"
                   "<pre>%s</pre></details>" % (_e(work), _e("\n".join(
                       "# %s\n%s" % (k, cmds[k]) for k in
                       ("build_ref", "run_ref", "build_test", "run_test") if cmds.get(k)))))
    out.append("</div>")
    return "".join(out)
