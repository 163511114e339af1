# SPDX-License-Identifier: GPL-2.0-or-later
"""Clustering of divergences (docs/hunt.md "Clustering").

Input: the divergences of one image under one implementation, in the
compact form `compact()` makes from a `risu-trace-diff/1` document.
Output: for each divergence either a signature (it starts or joins a
cluster) or the signature of the cluster it is folded into.

Signature = pattern (for an edge word of risugen --edge: "CLASS/PATTERN",
the edge class and the pattern it neighbours), the set
of differing register classes, the signal on each side (signo/si_code),
and whether the instruction's operands already differed.

Folding: `risu-trace diff` resynchronises (B is replayed on A's state),
so a register that merely stays different is not reported again; what is
reported with "operands already differed" is an instruction that read a
register an earlier divergence left different.  Such a divergence is
folded into the cluster of the divergence that last made that operand
differ (followed through chains); only when no cause can be found in the
image does it form a cluster of its own (flag "dirty").

Persistence: a register that is reported as a fresh divergence at every
compared checkpoint from some point to the end of the trace (a status or
control register that one side keeps rewriting differently) is one
cluster "persistent REG", named by the register and the first
instruction; it is removed from the later divergences, which are folded
into it when nothing else differs.
"""

from typing import Dict, List, Optional, Tuple

# A run shorter than this is a coincidence, not a persistent divergence.
PERSIST_MIN = 8
# The run must reach this close to the trace's last compared checkpoint.
PERSIST_SLACK = 2
# The register holding the memory block's hash (the same name in every
# arch's register table; tools/operands.c uses it too).  The runner
# updates it only at COMPAREMEM checkpoints.
MEMORY_REG = "memhash"
WORD_SIGNAL, WORD_SIGNO = "SIGILL", 4     # POSIX: the same on every Linux arch


def _sig_text(s: Optional[Dict]) -> str:
    if not s:
        return "none"
    return "%s/%s" % (s.get("name") or "SIG%d" % s["signo"],
                      s.get("si_code_compared", s.get("si_code")))


def _edge(insn: Dict) -> Tuple[Optional[str], Optional[str]]:
    """(edge class, neighbour pattern) of an edge word (risugen --edge:
    table name CLASS:PATTERN[:DETAIL], diff's "edge" key set), else
    (None, pattern)."""
    pat = insn.get("pattern")
    if insn.get("edge") and pat and ":" in pat:
        cls, _, rest = pat.partition(":")
        return cls, rest.partition(":")[0]
    return None, pat


def compact(div: Dict) -> Dict:
    """What clustering and the report need of one diff divergence."""
    insn = div.get("insn") or {}
    sig = div.get("signal") or {}
    edge_class, pattern = _edge(insn)
    return {
        "number": div.get("number"),
        "kind": div.get("kind"),
        "checkpoint": div.get("checkpoint"),
        "pattern": pattern,
        "edge_class": edge_class,
        "edge": insn.get("edge"),
        "word": insn.get("word"),
        "disasm": insn.get("disasm"),
        "offset": insn.get("offset"),
        "fields": insn.get("fields"),
        "registers": [{"name": r["name"], "class": r["class"],
                       "a": r.get("a"), "b": r.get("b")}
                      for r in div.get("registers") or []],
        "signal": {"a": sig.get("a"), "b": sig.get("b")},
        "operands_differed": list(div.get("operands_differed") or []),
        "inputs_differed": list(div.get("inputs_differed") or []),
        "out_of_step": bool((div.get("differs") or {}).get("out_of_step")),
        "signal_differs": bool((div.get("differs") or {}).get("signal")),
        "note": div.get("note"),
    }


def signature(d: Dict, drop: Tuple[str, ...] = ()) -> Dict:
    """The signature of compact divergence D (registers in DROP ignored)."""
    pat = d.get("pattern") or ("(%s)" % d.get("kind") if d.get("kind") != "state"
                               else "(unknown)")
    if d.get("edge_class"):
        pat = "%s/%s" % (d["edge_class"], pat)
    classes = sorted({r["class"] for r in d["registers"] if r["name"] not in drop})
    return {"kind": "divergence", "pattern": pat, "classes": classes,
            "signal_a": _sig_text(d["signal"].get("a")),
            "signal_b": _sig_text(d["signal"].get("b")),
            "operands_differed": bool(d["operands_differed"])}


def persistent_signature(reg: str, rclass: str, first: Dict) -> Dict:
    pat = first.get("pattern") or "(unknown)"
    if first.get("edge_class"):
        pat = "%s/%s" % (first["edge_class"], pat)
    return {"kind": "persistent", "register": reg, "classes": [rclass],
            "pattern": pat}


def key(sig: Dict) -> str:
    """One line, no spaces: what the known-issues file matches."""
    if sig["kind"] == "persistent":
        return "persistent:%s;%s" % (sig["register"], sig["pattern"])
    return "%s;%s;%s;%s;%s" % (
        sig["pattern"], "+".join(sig["classes"]) or "-", sig["signal_a"],
        sig["signal_b"], "dirty" if sig["operands_differed"] else "clean")


def _signal_differs(d: Dict) -> bool:
    if "signal_differs" in d:
        return d["signal_differs"]
    return d["signal"].get("a") != d["signal"].get("b")


def _has_news(d: Dict, drop: Tuple[str, ...]) -> bool:
    return (_signal_differs(d) or d.get("kind") != "state" or
            d.get("out_of_step") or
            any(r["name"] not in drop for r in d["registers"]))


def persistent_runs(divs: List[Dict], last_checkpoint: int) -> Dict[str, int]:
    """Register -> index (in DIVS) where its persistent run starts."""
    at = {d["checkpoint"]: i for i, d in enumerate(divs)
          if d.get("checkpoint") is not None}

    def has(k: int, name: str) -> bool:
        return k in at and any(r["name"] == name
                               for r in divs[at[k]]["registers"])

    out: Dict[str, int] = {}
    for name in sorted({r["name"] for d in divs for r in d["registers"]}):
        end = max(d["checkpoint"] for d in divs if d.get("checkpoint") is not None
                  if any(r["name"] == name for r in d["registers"]))
        if end < last_checkpoint - PERSIST_SLACK:
            continue
        k = end
        while k >= 0 and has(k, name):
            k -= 1
        if end - k >= PERSIST_MIN:
            out[name] = at[k + 1]
    return out


def _cause_of(d: Dict, names: List[str], cause: Dict, pers: Dict):
    for op in names:
        if op in cause:
            return cause[op]
        if op in pers:
            return pers[op]
    return None


def cluster_image(divs: List[Dict], last_checkpoint: int) -> List[Dict]:
    """Per divergence: {"sig", "folded", "own"}: the cluster it starts or
    joins (folded False) or is folded into (folded True).  "own" is set
    for a signal divergence whose operands already differed: it joins its
    own (clean) signature if the campaign ever sees that one from equal
    operands, else it is folded into "sig" (Clusters decides)."""
    runs = persistent_runs(divs, last_checkpoint)
    pers: Dict[str, Dict] = {}          # register -> persistent signature
    cause: Dict[str, Dict] = {}         # register -> signature that made it differ
    last = None                         # the latest divergence's cluster
    out: List[Dict] = []
    for i, d in enumerate(divs):
        for name, start in runs.items():
            if start == i:
                r = next(r for r in d["registers"] if r["name"] == name)
                pers[name] = persistent_signature(name, r["class"], d)
        drop = tuple(pers)
        item = None
        if pers and not _has_news(d, drop):
            starts = [n for n, st in runs.items() if st == i]
            reg = starts[0] if starts else next(
                r["name"] for r in d["registers"] if r["name"] in pers)
            item = {"sig": pers[reg], "folded": not starts, "own": None}
        elif last is not None and _only_memory(d, drop):
            # the memory hash is compared only now and then: memory that
            # differs now was changed by an earlier divergence
            item = {"sig": last, "folded": True, "own": None}
        else:
            sig = signature(d, drop)
            sigd = d["signal"]
            c = _cause_of(d, d["operands_differed"], cause, pers)
            if c is not None:
                item = {"sig": c, "folded": True, "own": None}
            elif _signal_differs(d) and d.get("inputs_differed") \
                    and not _word_signal(sigd):
                c = _cause_of(d, d["inputs_differed"], cause, pers)
                item = {"sig": c or sig, "folded": c is not None,
                        "own": sig if c is not None else None}
            else:
                item = {"sig": sig, "folded": False, "own": None}
        for r in d["registers"]:
            if r["name"] not in pers:
                cause[r["name"]] = item["sig"]
        last = item["sig"]
        out.append(item)
    return out


def _word_signal(sigd: Dict) -> bool:
    """SIGILL says the CPU does not take the instruction word at all: it
    does not depend on register values, so differing operands cannot be
    its cause (a trap, FP exception or fault can be)."""
    return any((s or {}).get("name") == WORD_SIGNAL or
               (s or {}).get("signo") == WORD_SIGNO
               for s in (sigd.get("a"), sigd.get("b")))


def _only_memory(d: Dict, drop: Tuple[str, ...]) -> bool:
    regs = [r["name"] for r in d["registers"] if r["name"] not in drop]
    return (not _signal_differs(d) and d.get("kind") == "state"
            and not d.get("out_of_step") and regs == [MEMORY_REG])


class Clusters:
    """Clusters of a whole campaign, per implementation."""

    def __init__(self):
        self.by_key: Dict[Tuple[str, str], Dict] = {}
        self.order: List[Tuple[str, str]] = []
        # (impl, own key) -> [(cause key, unit)] of provisional divergences
        self.pending: Dict[Tuple[str, str], List[Tuple[str, str]]] = {}

    def _get(self, impl: str, sig: Dict, unit: str, seen_at: float,
             new: List[str]) -> Dict:
        k = (impl, key(sig))
        cl = self.by_key.get(k)
        if cl is None:
            cl = {"impl": impl, "key": k[1], "signature": sig,
                  "count": 0, "folded": 0, "units": [],
                  "first_seen": seen_at, "example": None}
            self.by_key[k] = cl
            self.order.append(k)
            new.append(k[1])
        if unit not in cl["units"]:
            cl["units"].append(unit)
        return cl

    def add_image(self, impl: str, unit: str, divs: List[Dict],
                  last_checkpoint: int, seen_at: float = 0.0) -> List[str]:
        """Fold one image's divergences in; returns the new cluster keys."""
        new: List[str] = []
        for d, c in zip(divs, cluster_image(divs, last_checkpoint)):
            if c["own"] is not None:
                self.pending.setdefault((impl, key(c["own"])), []).append(
                    (key(c["sig"]), unit))
            cl = self._get(impl, c["sig"], unit, seen_at, new)
            if c["folded"]:
                cl["folded"] += 1
            else:
                cl["count"] += 1
            if cl["example"] is None or (cl["example"]["folded"] and
                                         not c["folded"]):
                cl["example"] = {"unit": unit, "divergence": d,
                                 "folded": c["folded"]}
        return new

    def all(self) -> List[Dict]:
        """The clusters, with each provisional divergence moved to its own
        signature's cluster when that exists (seen from equal operands)."""
        out = {k: dict(v, units=list(v["units"])) for k, v in self.by_key.items()}
        for (impl, own), items in self.pending.items():
            mine = out.get((impl, own))
            if mine is None or mine["count"] == 0:
                continue
            for cause_key, unit in items:
                out[(impl, cause_key)]["folded"] -= 1
                mine["count"] += 1
                mine["provisional"] = mine.get("provisional", 0) + 1
                if unit not in mine["units"]:
                    mine["units"].append(unit)
        return [out[k] for k in self.order]
