# SPDX-License-Identifier: GPL-2.0-or-later
"""risu-hunt's clustering, bandit, known-issues file and report on
synthetic divergence lists (the compact form of tools/nightly/hunt/
cluster.py), plus the real 5Kf vs VR5432 diff fixture."""

import json
import os
import tempfile
import unittest

from helpers import HERE

from nightly.hunt import bandit, cluster, known, report, scope, shrinkstep, sides

SIGILL = {"signo": 4, "name": "SIGILL", "si_code": 128, "si_code_compared": 128}
SIGTRAP = {"signo": 5, "name": "SIGTRAP", "si_code": 128, "si_code_compared": 128}


def dv(k, pattern, regs=(), a=None, b=None, ops=(), inputs=None):
    """A compact divergence at checkpoint K; REGS: (name, class) pairs."""
    return {"number": k, "kind": "state", "checkpoint": k, "pattern": pattern,
            "word": "0x0", "disasm": pattern.lower(), "offset": 4 * k,
            "fields": {}, "registers": [{"name": n, "class": c, "a": "0x1",
                                         "b": "0x2"} for n, c in regs],
            "signal": {"a": a, "b": b}, "operands_differed": list(ops),
            "inputs_differed": list(ops if inputs is None else inputs),
            "out_of_step": False, "note": None}


def keys(cl):
    return [(c["key"], c["count"], c["folded"]) for c in cl.all()]


class Signature(unittest.TestCase):
    def test_fields(self):
        s = cluster.signature(dv(3, "MADD_S", [("f1", "fpr"), ("fcsr", "ctrl")],
                                 b=SIGILL))
        self.assertEqual(cluster.key(s), "MADD_S;ctrl+fpr;none;SIGILL/128;clean")
        s = cluster.signature(dv(3, "SRA", [("t1", "gpr")], ops=["t2"]))
        self.assertEqual(cluster.key(s), "SRA;gpr;none;none;dirty")

    def test_edge_word(self):
        # risugen --edge words: class + the pattern they neighbour; the
        # detail of a reserved value does not split the cluster
        for raw in ("reserved:SRL_R:rs>=2", "reserved:SRL_R:rs>=5"):
            d = cluster.compact({"kind": "state", "checkpoint": 4, "insn": {
                "pattern": raw, "edge": "edge reserved of SRL_R"},
                "signal": {"a": SIGILL, "b": None}, "registers": [],
                "differs": {"signal": True}})
            self.assertEqual((d["edge_class"], d["pattern"]), ("reserved", "SRL_R"))
            self.assertEqual(cluster.key(cluster.signature(d)),
                             "reserved/SRL_R;-;SIGILL/128;none;clean")
        d = cluster.compact({"kind": "state", "checkpoint": 4, "insn": {
            "pattern": "ADDU"}, "signal": {}, "registers": []})
        self.assertEqual((d["edge_class"], d["pattern"]), (None, "ADDU"))

    def test_same_signature_one_cluster(self):
        c = cluster.Clusters()
        new = c.add_image("i", "u1", [dv(1, "CLZ", [("t1", "gpr")], b=SIGILL),
                                      dv(9, "CLZ", [("t5", "gpr")], b=SIGILL),
                                      dv(12, "CLZ", [], b=SIGILL)], 100)
        self.assertEqual(new, ["CLZ;gpr;none;SIGILL/128;clean",
                               "CLZ;-;none;SIGILL/128;clean"])
        self.assertEqual(c.add_image("i", "u2", [dv(4, "CLZ", [("a0", "gpr")],
                                                    b=SIGILL)], 100), [])
        self.assertEqual(keys(c), [("CLZ;gpr;none;SIGILL/128;clean", 3, 0),
                                   ("CLZ;-;none;SIGILL/128;clean", 1, 0)])
        self.assertEqual(c.all()[0]["units"], ["u1", "u2"])

    def test_per_implementation(self):
        c = cluster.Clusters()
        c.add_image("x", "u", [dv(1, "CLZ", [("t1", "gpr")], b=SIGILL)], 10)
        c.add_image("y", "u", [dv(1, "CLZ", [("t1", "gpr")], b=SIGILL)], 10)
        self.assertEqual([x["impl"] for x in c.all()], ["x", "y"])


class Folding(unittest.TestCase):
    def test_chain_folds_into_root(self):
        # CTC1 makes fcsr differ; an FP op that reads it differs in fcsr
        # and f3; a move that reads f3 differs in t0; all one cluster.
        divs = [dv(2, "CTC1", [("fcsr", "ctrl")]),
                dv(5, "ADD_S", [("fcsr", "ctrl"), ("f3", "fpr")], ops=["fcsr"]),
                dv(6, "MFC1", [("t0", "gpr")], ops=["f3"]),
                dv(7, "ADDU", [("t1", "gpr")], ops=["t0"])]
        c = cluster.Clusters()
        c.add_image("i", "u", divs, 100)
        self.assertEqual(keys(c), [("CTC1;ctrl;none;none;clean", 1, 3)])

    def test_dirty_without_cause_is_its_own(self):
        c = cluster.Clusters()
        c.add_image("i", "u", [dv(4, "ADDU", [("t1", "gpr")], ops=["t2"])], 100)
        self.assertEqual(keys(c), [("ADDU;gpr;none;none;dirty", 1, 0)])

    def test_memory_hash_folds_into_latest(self):
        # a skipped store is seen only at the next memory comparison
        divs = [dv(3, "SWXC1", [], b=SIGILL), dv(9, "LW", [("memhash", "ctrl")]),
                dv(20, "LB", [("t1", "gpr")], ops=["memhash"])]
        c = cluster.Clusters()
        c.add_image("i", "u", divs, 100)
        self.assertEqual(keys(c), [("SWXC1;-;none;SIGILL/128;clean", 1, 2)])

    def test_same_signal_both_sides_is_no_news(self):
        # a trap taken on both sides at a memory comparison point
        divs = [dv(3, "SWXC1", [], b=SIGILL),
                dv(9, "TLT", [("memhash", "ctrl")], a=SIGTRAP, b=SIGTRAP)]
        c = cluster.Clusters()
        c.add_image("i", "u", divs, 100)
        self.assertEqual(keys(c), [("SWXC1;-;none;SIGILL/128;clean", 1, 1)])

    def test_memory_hash_first_is_a_cluster(self):
        c = cluster.Clusters()
        c.add_image("i", "u", [dv(9, "SW", [("memhash", "ctrl")])], 100)
        self.assertEqual(keys(c), [("SW;ctrl;none;none;clean", 1, 0)])

    def test_trap_from_differing_operands_is_folded(self):
        # TGE traps on one side only because t1 already differed
        divs = [dv(1, "CLZ", [("t1", "gpr")], b=SIGILL),
                dv(4, "TGE", [], a=SIGTRAP, inputs=["t1"])]
        c = cluster.Clusters()
        c.add_image("i", "u", divs, 100)
        self.assertEqual(keys(c), [("CLZ;gpr;none;SIGILL/128;clean", 1, 1)])

    def test_provisional_joins_its_own_when_seen_clean(self):
        # the same TGE trap difference later from equal operands: then the
        # folded one counts for TGE's own cluster too
        c = cluster.Clusters()
        c.add_image("i", "u1", [dv(1, "CLZ", [("t1", "gpr")], b=SIGILL),
                                dv(4, "TGE", [], a=SIGTRAP, inputs=["t1"])], 100)
        c.add_image("i", "u2", [dv(7, "TGE", [], a=SIGTRAP)], 100)
        self.assertEqual(keys(c), [("CLZ;gpr;none;SIGILL/128;clean", 1, 0),
                                   ("TGE;-;SIGTRAP/128;none;clean", 2, 0)])

    def test_sigill_is_never_a_consequence(self):
        # SIGILL depends on the word only: differing inputs do not fold it
        divs = [dv(1, "CTC1", [("fcsr", "ctrl")]),
                dv(3, "MADD_S", [("f2", "fpr")], b=SIGILL, inputs=["fcsr"])]
        c = cluster.Clusters()
        c.add_image("i", "u", divs, 100)
        self.assertEqual(keys(c), [("CTC1;ctrl;none;none;clean", 1, 0),
                                   ("MADD_S;fpr;none;SIGILL/128;clean", 1, 0)])


class Persistent(unittest.TestCase):
    def test_run_to_the_end_is_one_cluster(self):
        # a status register rewritten differently at every checkpoint
        # from 50 to the end (99), plus one unrelated divergence in the run
        divs = [dv(k, "ADDU" if k % 2 else "SLL", [("dspctl", "ctrl")])
                for k in range(50, 100)]
        divs[10]["registers"].append({"name": "t3", "class": "gpr",
                                      "a": "0x1", "b": "0x2"})
        c = cluster.Clusters()
        c.add_image("i", "u", divs, 99)
        self.assertEqual(keys(c), [("persistent:dspctl;SLL", 1, 48),
                                   ("SLL;gpr;none;none;clean", 1, 0)])
        self.assertEqual(c.all()[0]["signature"]["register"], "dspctl")

    def test_short_or_broken_run_is_not_persistent(self):
        divs = [dv(k, "SLL", [("hi", "ctrl")]) for k in range(95, 100)]
        divs += [dv(k, "SLL", [("lo", "ctrl")]) for k in (80, 81, 82, 84, 85, 86)]
        divs.sort(key=lambda d: d["checkpoint"])
        self.assertEqual(cluster.persistent_runs(divs, 99), {})
        divs = [dv(k, "SLL", [("lo", "ctrl")]) for k in range(60, 90)]
        self.assertEqual(cluster.persistent_runs(divs, 99), {})

    def test_run_may_miss_the_last_checkpoints(self):
        divs = [dv(k, "SLL", [("lo", "ctrl")]) for k in range(60, 98)]
        self.assertEqual(cluster.persistent_runs(divs, 99), {"lo": 0})


class RealDiff(unittest.TestCase):
    def test_vr5432_fixture(self):
        with open(os.path.join(HERE, "data", "diff-fpu.json")) as f:
            doc = json.load(f)
        divs = [cluster.compact(d) for d in doc["divergences"]]
        c = cluster.Clusters()
        c.add_image("VR5432", "u", divs, doc["checkpoints"] - 1)
        for cl in c.all():
            self.assertEqual(cl["signature"]["signal_b"], "SIGILL/128")
            self.assertFalse(cl["signature"]["operands_differed"])


class Bandit(unittest.TestCase):
    def test_every_arm_first_then_the_rewarding_one(self):
        b = bandit.Bandit(["a", "b", "c"])
        first = [b.pick() for _ in range(3)]
        self.assertEqual(first, ["a", "b", "c"])
        for arm, r in (("a", 0), ("b", 1), ("c", 0)):
            b.done(arm, r)
        picks = []
        for _ in range(12):
            arm = b.pick()
            picks.append(arm)
            b.done(arm, 1.0 if arm == "b" else 0.0)
        self.assertGreater(picks.count("b"), picks.count("a") + picks.count("c"))
        self.assertIn("a", picks)        # exploration never stops

    def test_running_counts_as_a_play_and_errors_retire(self):
        b = bandit.Bandit(["a", "b"])
        self.assertEqual([b.pick(), b.pick()], ["a", "b"])
        for _ in range(bandit.MAX_ERRORS):
            b.done("a", 0, error=True)
            b.running["a"] += 1
        b.running["a"] = 0
        self.assertEqual(b.live(), ["b"])


class Known(unittest.TestCase):
    def test_match_and_errors(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "known")
            with open(p, "w") as f:
                f.write("# VR5432\n*XC1;*;none;SIGILL/128;*   # no COP1X\n"
                        "persistent:fcsr;*  impl=*5KEf*\n")
            e = known.load(p)
            self.assertEqual(known.match(e, "q-VR5432", "LWXC1;fpr;none;SIGILL/128;clean")[2],
                             "no COP1X")
            self.assertIsNone(known.match(e, "q-VR5432", "MADD_S;fpr;none;SIGILL/128;clean"))
            self.assertIsNone(known.match(e, "q-5Kf", "persistent:fcsr;CTC1"))
            self.assertEqual(known.match(e, "q-5KEf", "persistent:fcsr;CTC1")[3],
                             p + ":3")
            with open(p, "w") as f:
                f.write("A;b  impl\n")
            with self.assertRaisesRegex(known.KnownError, r"known:1: unexpected"):
                known.load(p)


class Report(unittest.TestCase):
    def test_json_table_html(self):
        c = cluster.Clusters()
        c.add_image("impl", "u1", [dv(1, "CLZ", [("t1", "gpr")], b=SIGILL),
                                   dv(2, "ADDU", [("t2", "gpr")], ops=["t1"]),
                                   dv(3, "CLZ", [], b=SIGILL)], 10)
        cls = c.all()
        sh = {("impl", cls[0]["key"]): {"status": "ok", "verified": True,
                                        "verdict": "verified", "files": {
                                            "repro": "clusters/x/shrink/repro.c"}}}
        entries = [("CLZ;-;*", "*", "known one", "k:1")]
        meta = {"ref": {"spec": "r", "name": "r"}, "impls": [{"spec": "i",
                                                              "name": "impl"}],
                "arch": "mipsel", "gen_cpu": "24Kf", "numinsns": 10,
                "budget": 60, "seconds": 1.0,
                "scope": {"arms": [{"arm": "base", "units": 1, "reward": 1,
                                    "errors": 0}], "dropped": [], "note": ""}}
        doc = report.build(meta, cls, sh, entries, [], {
            "units": 1, "errors": 0, "divergences": 3,
            "checkpoints_per_s": 10.0, "elapsed": 1.0})
        self.assertEqual(doc["schema"], "risu-hunt/1")
        f = doc["figures"]
        self.assertEqual((f["clusters"], f["new_clusters"], f["known_clusters"],
                          f["folded"], f["families"]), (2, 1, 1, 1, 1))
        self.assertEqual(f["shrink"], {"attempted": 1, "ok": 1, "verified": 1,
                                       "verified_impl_side": 0})
        self.assertEqual(doc["clusters"][1]["known"]["note"], "known one")
        t = report.table(doc)
        self.assertIn("CLZ", t)
        self.assertIn("gpr -", t)
        self.assertEqual(len(t.splitlines()), 3)      # summary, header, 1 family
        page = report.html_page(doc)
        self.assertIn("clusters/x/shrink/repro.c", page)
        self.assertIn("known: known one", page)


class ShrinkOrder(unittest.TestCase):
    def test_one_per_family_first(self):
        def cl(k, pat, classes):
            return {"impl": "i", "key": k, "signature": {
                "kind": "divergence", "pattern": pat, "classes": classes,
                "signal_a": "none", "signal_b": "SIGILL/128",
                "operands_differed": False}}
        cs = [cl("a", "MADD_S", ["fpr"]), cl("b", "MADD_S", []),
              cl("c", "CLZ", ["gpr"])]
        self.assertEqual([c["key"] for c in shrinkstep.order(cs)], ["a", "c", "b"])


def fake_risugen(d, help_text):
    """A risugen whose --help prints HELP_TEXT and whose --list selects a
    pattern unless the file is called empty.decode; records its argv."""
    p = os.path.join(d, "risugen")
    with open(p, "w") as f:
        f.write("#!/bin/sh\necho \"$@\" >> %s/argv\n"
                "case \"$*\" in *--help*) cat <<'EOF'\n%sEOF\nexit 0;; esac\n"
                "case \"$*\" in *empty.decode*) echo 'risugen: error: no pattern "
                "selected' >&2; exit 2;; esac\necho 'ADD x.decode:1'\n" % (d, help_text))
    os.chmod(p, 0o755)
    return p


class Scope(unittest.TestCase):
    def test_edge_support_from_help(self):
        with tempfile.TemporaryDirectory() as d:
            rg = fake_risugen(d, "  --mem MODES   memory\n")
            self.assertEqual(scope.edge_support(rg), (False, []))
            rg = fake_risugen(d, "  --edge CLASS  emit an edge case next to "
                              "each insn;\n                classes: nan denormal "
                              "zero-div\n")
            self.assertEqual(scope.edge_support(rg),
                             (True, ["nan", "denormal", "zero-div"]))
            # the form of risugen on branch edgegen
            rg = fake_risugen(d, "  --edge CLASSES[:N]     also emit an edge word "
                              "every N insns (16):\n                         "
                              "reserved,neighbour,absent or all (should SIGILL)\n"
                              "  --undef[=N]            the same as --edge "
                              "neighbour:N\n")
            self.assertEqual(scope.edge_support(rg),
                             (True, ["reserved", "neighbour", "absent"]))

    def test_arms_files_edges_and_dropped(self):
        with tempfile.TemporaryDirectory() as d:
            rg = fake_risugen(d, "  --edge CLASS  classes: nan zero\n")
            arms, dropped, note = scope.arms(rg, "mipsel", "24Kf",
                                             ["/x/fpu.decode", "/x/empty.decode"],
                                             [], None, [])
            self.assertEqual([a.id for a in arms],
                             ["fpu", "fpu.edge-nan", "fpu.edge-zero"])
            self.assertEqual([x[0] for x in dropped],
                             ["empty", "empty.edge-nan", "empty.edge-zero"])
            self.assertIn("no pattern selected", dropped[0][1])
            self.assertEqual(arms[1].risugen_args(), ["--edge", "nan", "/x/fpu.decode"])
            arms, _, _ = scope.arms(rg, "mipsel", "24Kf", ["/x/fpu.decode"],
                                    ["fpu-arith"], [], [])
            self.assertEqual([(a.id, a.risugen_args()) for a in arms], [
                ("fpu.fpu-arith", ["--group", "fpu-arith", "/x/fpu.decode"])])
            rg = fake_risugen(d, "  --mem MODES\n")
            with self.assertRaisesRegex(scope.ScopeError, "has no --edge"):
                scope.arms(rg, "mipsel", "24Kf", ["/x/fpu.decode"], [], ["nan"], [])

    def test_no_default_list(self):
        with tempfile.TemporaryDirectory() as d:
            rg = fake_risugen(d, "")
            old = scope.default_list
            scope.default_list = lambda arch: (None, [])
            try:
                with self.assertRaisesRegex(scope.ScopeError,
                                            "no default pattern set yet"):
                    scope.arms(rg, "aarch64", "max", [], [], None, [])
            finally:
                scope.default_list = old


class Sides(unittest.TestCase):
    def test_parse(self):
        s = sides.parse("env RISU_INJECT=7:t1:3 qemu-mipsel -cpu 24Kf -R 1G", "impl")
        self.assertEqual((s.kind, s.emulator, s.cpu, s.args, s.env),
                         ("emulator", "qemu-mipsel", "24Kf", ["-R", "1G"],
                          {"RISU_INJECT": "7:t1:3"}))
        s.runner = "/b/risu-mipsel"
        self.assertEqual(s.record_argv("i", "t"), [
            "env", "RISU_INJECT=7:t1:3", "qemu-mipsel", "-cpu", "24Kf", "-R", "1G",
            "/b/risu-mipsel", "--master", "i", "-t", "t"])
        v = sides.parse("vm:malta64", "ref")
        self.assertEqual((v.kind, v.kernel, v.cpu), ("vm", "malta64", "5KEf"))
        self.assertEqual(sides.parse("vm:malta64:5Kf", "ref").cpu, "5Kf")
        with self.assertRaisesRegex(sides.SideError, "only be the reference"):
            sides.parse("golden:/tmp", "impl")
        with self.assertRaisesRegex(sides.SideError, "EMULATOR -cpu MODEL"):
            sides.parse("qemu-mipsel 24Kf", "impl")


if __name__ == "__main__":
    unittest.main()
