# SPDX-License-Identifier: GPL-2.0-or-later
"""The triage report: STATE/hunt.json (schema risu-hunt/1, docs/hunt.md),
STATE/report.html and the short table on stdout."""

import html
import json
import os
from typing import Dict, List

from .. import charts
from . import known as knownmod
from .shrinkstep import cluster_id, family

SCHEMA = "risu-hunt/1"


def _example(cl: Dict) -> Dict:
    ex = cl.get("example") or {}
    d = ex.get("divergence") or {}
    return {"unit": ex.get("unit"), "checkpoint": d.get("checkpoint"),
            "offset": d.get("offset"), "word": d.get("word"),
            "disasm": d.get("disasm"), "pattern": d.get("pattern"),
            "fields": d.get("fields"), "registers": d.get("registers", []),
            "signal": d.get("signal"), "operands_differed":
            d.get("operands_differed", []), "folded": ex.get("folded")}


def build(meta: Dict, clusters: List[Dict], shrinks: Dict, entries,
          errors: List[Dict], figures: Dict) -> Dict:
    rows = []
    for cl in clusters:
        k = knownmod.match(entries, cl["impl"], cl["key"])
        sh = shrinks.get((cl["impl"], cl["key"])) or {"status": "not-run",
                                                       "verdict": "not shrunk",
                                                       "verified": None}
        rows.append({
            "id": cluster_id(cl), "impl": cl["impl"], "key": cl["key"],
            "family": family(cl), "signature": cl["signature"],
            "count": cl["count"], "folded": cl["folded"],
            "units": len(cl["units"]), "first_seen": round(cl["first_seen"], 1),
            "known": {"entry": k[3], "note": k[2]} if k else None,
            "new": k is None, "example": _example(cl),
            "shrink": {"status": sh.get("status"), "verified": sh.get("verified"),
                       "mode": sh.get("mode"),
                       "verdict": sh.get("verdict"), "files": sh.get("files", {}),
                       "dir": sh.get("dir"), "seconds": sh.get("seconds"),
                       "result": sh.get("result")}})
    tried = [r for r in rows if r["shrink"]["status"] not in ("not-run", None)]
    fig = dict(figures)
    fig.update({
        "clusters": len(rows), "new_clusters": sum(r["new"] for r in rows),
        "known_clusters": sum(not r["new"] for r in rows),
        "folded": sum(r["folded"] for r in rows),
        "families": len({(r["impl"], r["family"]) for r in rows}),
        "shrink": {"attempted": len(tried),
                   "ok": sum(r["shrink"]["status"] == "ok" for r in tried),
                   "verified": sum(r["shrink"]["verified"] is True and
                                   r["shrink"]["mode"] != "golden" for r in tried),
                   "verified_impl_side": sum(r["shrink"]["verified"] is True and
                                             r["shrink"]["mode"] == "golden"
                                             for r in tried)}})
    return dict(meta, schema=SCHEMA, figures=fig, clusters=rows, errors=errors)


def write(state: str, doc: Dict) -> None:
    tmp = os.path.join(state, "hunt.json.tmp")
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
    os.replace(tmp, os.path.join(state, "hunt.json"))
    with open(os.path.join(state, "report.html"), "w") as f:
        f.write(html_page(doc))


def _sig_cells(r: Dict) -> List[str]:
    s = r["signature"]
    if s["kind"] == "persistent":
        return ["persistent %s from %s" % (s["register"], s["pattern"]),
                s["classes"][0], "-", "-"]
    return [s["pattern"], "+".join(s["classes"]) or "-",
            "%s / %s" % (s["signal_a"], s["signal_b"]),
            "dirty" if s["operands_differed"] else "clean"]


def _families(doc: Dict) -> List[Dict]:
    fams: Dict = {}
    for r in doc["clusters"]:
        f = fams.setdefault((r["impl"], r["family"]), {
            "impl": r["impl"], "rows": [], "new": False})
        f["rows"].append(r)
        f["new"] |= r["new"]
    return list(fams.values())


def _repro(rows: List[Dict]) -> str:
    st = [r["shrink"] for r in rows]
    if any(s["verified"] is True and s.get("mode") != "golden" for s in st):
        return "verified"
    if any(s["verified"] is True for s in st):
        return "impl-side"
    if any(s["status"] == "ok" for s in st):
        return "shrunk"
    return next((s["status"] for s in st if s["status"]), "-")


def table(doc: Dict, limit: int = 25) -> str:
    """The short table for the terminal: one line per family (pattern and
    signal pair), the register-class variants of its clusters listed."""
    f = doc["figures"]
    lines = ["%d clusters (%d new, %d known) in %d families from %d divergences "
             "(%d folded into their causes); %d units, %.0f checkpoints/s; "
             "shrunk %d/%d, verified on both sides %d%s" % (
                 f["clusters"], f["new_clusters"], f["known_clusters"],
                 f["families"], f["divergences"], f["folded"], f["units"],
                 f["checkpoints_per_s"], f["shrink"]["ok"],
                 f["shrink"]["attempted"], f["shrink"]["verified"],
                 ", on the implementation's side only %d" %
                 f["shrink"]["verified_impl_side"]
                 if f["shrink"]["verified_impl_side"] else "")]
    if not doc["clusters"] or limit == 0:
        return lines[0]
    hdr = ("", "impl", "pattern", "signal A / B", "classes (one cluster each)",
           "count", "folded", "repro")
    rows = []
    fams = _families(doc)
    for fam in fams[:limit]:
        c0 = _sig_cells(fam["rows"][0])
        variants = " ".join(_sig_cells(r)[1] + ("" if r["signature"].get(
            "operands_differed") is not True else "(dirty)") for r in fam["rows"])
        rows.append(("new" if fam["new"] else "known", fam["impl"], c0[0], c0[2],
                     variants, str(sum(r["count"] for r in fam["rows"])),
                     str(sum(r["folded"] for r in fam["rows"])),
                     _repro(fam["rows"])))
    w = [max(len(x[i]) for x in rows + [hdr]) for i in range(len(hdr))]
    for row in [hdr] + rows:
        lines.append("  ".join(c.ljust(w[i]) for i, c in enumerate(row)).rstrip())
    if len(fams) > limit:
        lines.append("... %d more families in the report" % (len(fams) - limit))
    return "\n".join(lines)


_CSS = """body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}
td,th{border:1px solid #bbb;padding:2px 6px;vertical-align:top;font-size:90%}
tr.new td:first-child{background:#fcc}tr.known td:first-child{background:#cec}
code,pre{font-size:90%}pre{margin:0}"""


def _regs(ex: Dict) -> str:
    out = []
    for r in ex.get("registers") or []:
        out.append("%-8s A %s  B %s" % (r["name"], r.get("a"), r.get("b")))
    sig = ex.get("signal") or {}
    for side in ("a", "b"):
        s = sig.get(side)
        if s:
            out.append("signal %s %s si_code %s" % (side.upper(), s.get("name"),
                                                    s.get("si_code")))
    return html.escape("\n".join(out))


def html_page(doc: Dict) -> str:
    e = html.escape
    f = doc["figures"]
    h = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>risu-hunt "
         "report</title><style>%s</style></head><body>" % _CSS,
         "<h1>risu-hunt: %s vs %s</h1>" % (
             e(doc["ref"]["spec"]), e(", ".join(i["spec"] for i in doc["impls"]))),
         "<pre>%s</pre>" % e(table(doc, 0).splitlines()[0]),
         "<p>arch %s, generator CPU %s, %s instructions per unit, budget %s s, "
         "ran %.0f s</p>" % (e(doc["arch"]), e(str(doc["gen_cpu"])),
                            doc["numinsns"], doc["budget"], doc["seconds"]),
         "<table><tr><th>status</th><th>impl</th><th>pattern</th><th>classes"
         "</th><th>signal A / B</th><th>operands</th><th>count</th><th>folded"
         "</th><th>first seen</th><th>example</th><th>registers</th>"
         "<th>reproducer</th></tr>"]
    for r in doc["clusters"]:
        ex = r["example"]
        sh = r["shrink"]
        links = " ".join("<a href='%s'>%s</a>" % (e(p), e(k)) for k, p in
                         sorted((sh.get("files") or {}).items()))
        res = sh.get("result") or {}
        if res.get("units_before") is not None:
            links = ("units kept %s of %s, registers %s of %s<br>" % (
                res.get("units_kept"), res.get("units_before"),
                res.get("registers_kept"), res.get("registers_nonzero_before"))
                + links)
        status = "new" if r["new"] else "known: " + e(r["known"]["note"] or
                                                      r["known"]["entry"])
        h.append("<tr class='%s' id='%s'><td>%s</td><td>%s</td>%s<td>%d</td>"
                 "<td>%d</td><td>%.0f s</td><td><code>%s</code><br>%s +%s "
                 "checkpoint %s</td><td><pre>%s</pre></td><td>%s<br>%s</td></tr>" % (
                     "new" if r["new"] else "known", r["id"], status, e(r["impl"]),
                     "".join("<td>%s</td>" % e(c) for c in _sig_cells(r)),
                     r["count"], r["folded"], r["first_seen"],
                     e(str(ex.get("disasm"))), e(str(ex.get("unit"))),
                     e("%x" % ex["offset"] if isinstance(ex.get("offset"), int)
                       else "?"), ex.get("checkpoint"), _regs(ex),
                     e(sh.get("verdict") or ""), links))
    h.append("</table>")
    sc = doc["scope"]
    h.append("<h2>Arms</h2><table><tr><th>arm</th><th>units</th><th>units with "
             "new clusters</th><th>errors</th></tr>")
    for a in sc["arms"]:
        h.append("<tr><td>%s</td><td>%d</td><td>%.0f</td><td>%d</td></tr>" % (
            e(a["arm"]), a["units"], a["reward"], a["errors"]))
    h.append("</table>")
    for d in sc.get("dropped", []):
        h.append("<p>not in scope: %s: %s</p>" % (e(d["arm"]), e(d["why"])))
    for impl, tags in sorted((doc.get("coverage") or {}).items()):
        h.append("<h2>Coverage per tag: %s</h2><p>Over the units: instructions "
                 "generated, executed on the reference, diverged in %s's trace."
                 "</p>" % (e(impl), e(impl)))
        h.append(charts.tag_bars_svg([(t,) + tuple(v) for t, v in sorted(tags.items())]))
    if doc["errors"]:
        h.append("<h2>Errors</h2><ul>%s</ul>" % "".join(
            "<li>%s: %s</li>" % (e(x["unit"]), e(x["error"])) for x in doc["errors"]))
    h.append("</body></html>\n")
    return "\n".join(h)
