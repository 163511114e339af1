# SPDX-License-Identifier: GPL-2.0-or-later
"""risu-trace diff --json and shrink in the nightly driver: schema checks,
exit-status rules, summaries, HTML and JUnit rendering, the shrink budget.

data/diff-*.json are real `risu-trace diff --json` outputs: mips64el 5Kf
vs VR5432 (--keep-going --max 3: madd.s/ldxc1/luxc1 raise SIGILL on the
VR5432, FP registers), P5600 MSA with RISU_INJECT on w5 (lanes), mipsel
24Kf vs 74Kf with RISU_INJECT=7:t1:3, and a cut trace (result error)."""

import json
import os
import shutil
import tempfile
import threading
import unittest
import xml.etree.ElementTree as ET

from helpers import CONFIG, HERE

from nightly import config, difftool, html_diff, html_report, junit, shrinker
from nightly.matrix import Job

DATA = os.path.join(HERE, "data")


def fixture(name):
    with open(os.path.join(DATA, name)) as f:
        return json.load(f)


def fake_tool(d, body, rc):
    """A stand-in diff tool printing BODY and exiting RC."""
    p = os.path.join(d, "fake-diff")
    with open(os.path.join(d, "out.txt"), "w") as f:
        f.write(body)
    with open(p, "w") as f:
        f.write("#!/bin/sh\ncat '%s/out.txt'\necho 'risu-trace: boom' >&2\nexit %d\n"
                % (d, rc))
    os.chmod(p, 0o755)
    return [p]


class DiffToolTest(unittest.TestCase):
    def setUp(self):
        self.d = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.d)

    def test_fixtures_validate(self):
        for n in ("diff-fpu.json", "diff-msa.json", "diff-inject.json", "diff-error.json"):
            self.assertIsNone(difftool.validate(fixture(n)), n)

    def test_validate_rejects(self):
        ok = fixture("diff-inject.json")
        self.assertIn("not a JSON object", difftool.validate([]))
        self.assertIn("schema: missing", difftool.validate({"first": 1}))
        self.assertIn('schema: "risu-trace-diff/2"',
                      difftool.validate(dict(ok, schema="risu-trace-diff/2")))
        self.assertIn("bad 'result'", difftool.validate(dict(ok, result="maybe")))
        self.assertIn("not a list", difftool.validate(dict(ok, divergences={})))
        self.assertIn("lacks 'checkpoint'",
                      difftool.validate(dict(ok, divergences=[{"kind": "state"}])))

    def run_fake(self, body, rc):
        return difftool.run(fake_tool(self.d, body, rc), self.d, 10)

    def test_run_ok(self):
        body = json.dumps(fixture("diff-inject.json"))
        r = self.run_fake(body, 1)
        self.assertTrue(r["ok"], r)
        self.assertEqual(r["doc"]["divergences"][0]["checkpoint"], 7)
        self.assertTrue(os.path.isfile(os.path.join(self.d, "diff.json")))

    def test_run_errors(self):
        inject = fixture("diff-inject.json")
        cases = [
            (json.dumps(fixture("diff-error.json")), 2, "truncated: offset 300"),
            ("", 2, "printed nothing: risu-trace: boom"),
            ("{not json", 1, "no valid JSON"),
            ('{"first": {"checkpoint": 7}}', 1, "is not risu-trace-diff/1"),
            (json.dumps(dict(inject, result="match", divergences=[])), 0,
             "runner reported a mismatch"),
            (json.dumps(inject), 0, "exit 0 does not match"),
            (json.dumps(inject), 3, "exit 3 does not match"),
        ]
        for body, rc, want in cases:
            r = self.run_fake(body, rc)
            self.assertFalse(r["ok"], (body[:30], rc))
            self.assertIn(want, r["error"], (body[:30], rc))

    def test_big_output_not_clipped(self):
        doc = fixture("diff-inject.json")
        doc["divergences"] = doc["divergences"] * 200      # > 64 KiB
        r = self.run_fake(json.dumps(doc), 1)
        self.assertTrue(r["ok"], r["error"])
        self.assertEqual(len(r["doc"]["divergences"]), difftool.MAX_KEPT)
        self.assertEqual(r["doc"]["divergences_dropped"], 200 - difftool.MAX_KEPT)

    def test_summaries(self):
        self.assertEqual(difftool.summary(fixture("diff-inject.json")["divergences"][0]),
                         'checkpoint 7, SRA 0x00196143 "sra $t4, $t9, 5" at +0x3c4: '
                         "t1 ref 0x4 got 0xc")
        s = difftool.summary(fixture("diff-fpu.json")["divergences"][0])
        self.assertTrue(s.startswith('checkpoint 8, MADD_S 0x4ec88de0 "madd.s $f23, '), s)
        self.assertIn("signal ref none got SIGILL si_code 128, f23 ref 0x7d0760c5 "
                      "got 0xbe9ce88e", s)
        t = difftool.text(fixture("diff-fpu.json"))
        self.assertIn("ref double 1.0363696503986673e-314, single(lo) 1.12467647e+37", t)
        self.assertIn("got SIGILL (4) si_code 128 SI_KERNEL", t)
        self.assertIn("=> +0x3c8  0x4ec88de0", t)
        self.assertIn("3 divergences in", t)

    def test_auto_argv(self):
        a = difftool.auto_argv("/b/risu-trace", True, ["/p"])
        self.assertEqual(a[:4], ["/b/risu-trace", "diff", "--json", "--image"])
        self.assertIn("--keep-going", a)
        self.assertEqual(a[-4:], ["--patterns", "/p", "golden.trace", "impl.trace"])


class HtmlDiffTest(unittest.TestCase):
    def test_registers_and_signals(self):
        h = html_diff.diff_doc(fixture("diff-fpu.json"))
        self.assertIn('data-reg="f23"', h)
        self.assertIn("1.0363696503986673e-314", h)
        self.assertIn("-0.306461751", h)
        self.assertIn("<b>SIGILL</b> (4)", h)
        self.assertIn('<span class="pat">MADD_S</span>', h)
        self.assertIn("fd=23 fr=22 fs=17 ft=8", h)
        self.assertIn("code since the previous checkpoint", h)
        self.assertIn("preceding checkpoints", h)
        self.assertEqual(h.count('class="dv"'), 3)

    def test_lanes(self):
        h = html_diff.diff_doc(fixture("diff-msa.json"))
        self.assertIn("lanes <code>.d</code>", h)
        self.assertIn('<td class="ld"><code>0x0000000039e556b1</code></td>', h)
        self.assertIn("<td><code>0x7fefffffffffffff</code></td>", h)   # equal lane

    def test_hexdiff(self):
        a, b = html_diff.hexdiff("0x04", "0x0c")
        self.assertEqual(a, '0x0<span class="x">4</span>')
        self.assertEqual(b, '0x0<span class="x">c</span>')
        self.assertEqual(html_diff.xor_bits("0x4", "0xc", "0xffffffff"), "bit 3")
        self.assertEqual(html_diff.xor_bits("0x0000000100000004", "0x0000000000000004", "0x00000000ffffffff"), "")
        self.assertEqual(html_diff.hexdiff("0x1", None)[1], "<i>not captured</i>")

    def test_many_divergences(self):
        doc = fixture("diff-fpu.json")
        doc["divergences"] = doc["divergences"] * 3
        h = html_diff.diff_doc(doc)
        self.assertEqual(h.count('class="dv"'), html_diff.MAX_DETAILED)
        self.assertIn("further divergences", h)


def job(impl):
    return Job("s.t.s1.n10.r.%s" % impl, "s", "t", 1, 10, "r", impl)


class ReportTest(unittest.TestCase):
    def setUp(self):
        self.d = tempfile.mkdtemp()
        doc = fixture("diff-inject.json")
        self.jobs = [job("a"), job("b")]
        runner = [{"checkpoint": 7, "pc_off": 0x3c8, "insn": "0x00196143",
                   "pattern": "SRA", "regs": [], "lines": ["x"], "summary": "runner says"}]
        self.res = {
            self.jobs[0].id: {
                "id": self.jobs[0].id, "status": "fail", "seconds": 1,
                "message": difftool.summary(doc["divergences"][0]), "work": "work/a",
                "divergences": runner, "impl_trace": {"rc": 0},
                "diff": {"ok": True, "doc": doc, "file": "diff.json"},
                "shrink": {"status": "ok", "mode": "rerun-reference", "seconds": 0.4,
                           "log": "shrink/shrink.log",
                           "files": {"repro": "shrink/repro.c", "readme": "shrink/README",
                                     "image": "shrink/shrunk.bin"},
                           "result": {"verified": False, "compacted": False,
                                      "verify_note": "both sides print the same state"}}},
            self.jobs[1].id: {
                "id": self.jobs[1].id, "status": "error", "seconds": 1,
                "message": "risu-trace diff failed (exit 2): cut; the runner reported x",
                "work": "work/b", "divergences": runner,
                "diff": {"ok": False, "error": "risu-trace diff failed (exit 2): cut"}},
        }

    def tearDown(self):
        shutil.rmtree(self.d)

    def test_html(self):
        text = html_report.Report("r", self.jobs, self.res, None, {}, "c").render()
        a = text[text.index('<div class="div" id="%s"' % self.jobs[0].id):]
        self.assertIn('data-reg="t1"', a)
        self.assertIn("0x000000000000000<span class=\"x\">4</span>", a)
        self.assertIn('href="work/a/shrink/repro.c"', a)
        self.assertIn('href="work/a/shrink/README"', a)
        self.assertIn("NOT reproduced by the standalone program", a)
        self.assertIn('href="work/a/diff.json"', a)
        b = text[text.index('<div class="div" id="%s"' % self.jobs[1].id):]
        self.assertIn("diff-error", b)
        self.assertIn("cut; the runner reported x", b)
        # the errors table links to the block instead of repeating the id
        self.assertIn('<a href="#%s">' % self.jobs[1].id, text)
        self.assertEqual(text.count('id="%s"' % self.jobs[1].id), 1)

    def test_junit(self):
        p = os.path.join(self.d, "j.xml")
        junit.write(p, "r", self.jobs, self.res)
        root = ET.parse(p).getroot()
        f = root.find(".//failure")
        self.assertIn("t1 ref 0x4 got 0xc", f.get("message"))
        self.assertIn("t1         ref 0x0000000000000004", f.text)
        self.assertIn("shrink: NOT reproduced", f.text)
        self.assertIn("work/a/shrink/repro.c", f.text)
        e = root.find(".//error")
        self.assertIn("risu-trace diff failed", e.get("message"))
        self.assertIn("risu-trace diff: risu-trace diff failed (exit 2): cut", e.text)


class ShrinkTest(unittest.TestCase):
    def setUp(self):
        self.d = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.d)

    def test_budget(self):
        b = shrinker.Budget(self.d, 100)
        self.assertEqual(b.reserve(60), 60)
        self.assertEqual(b.reserve(60), 40)
        self.assertEqual(b.reserve(60), 0)
        b.settle(60, 10)                     # gives 50 back
        self.assertAlmostEqual(b.used(), 50)
        self.assertEqual(b.reserve(60), 50)
        self.assertEqual(shrinker.Budget(self.d, 100).reserve(1), 0)   # shared file

    def test_budget_threads(self):
        b = shrinker.Budget(self.d, 100)
        got = []
        ts = [threading.Thread(target=lambda: got.append(b.reserve(30))) for _ in range(8)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(sum(got), 100)

    def test_argv(self):
        c = config.load("/cfg/n.ini", CONFIG)
        from nightly import targets
        impl = c.implementations["b"]
        words = shrinker.command_words(impl, "/r/risu", targets.emulator_argv)
        self.assertEqual(words[:3], ["env", "RISU_INJECT=1:t1:0", "FOO=x y"])
        a = shrinker.auto_argv("rt", ["qemu", "-cpu", "24Kf", "/r/risu"], words, [], 30)
        i = a.index("--test-cmd")
        self.assertEqual(a[i + 1], "env RISU_INJECT=1:t1:0 'FOO=x y' /opt/q/bin/qemu-mipsel "
                         "-cpu 74Kf /r/risu --master -t {trace} {image}")
        self.assertEqual(a[a.index("--ref-cmd") + 1],
                         "qemu -cpu 24Kf /r/risu --master -t {trace} {image}")
        g = shrinker.auto_argv("rt", None, words, ["/p"], 30)
        self.assertEqual(g[g.index("--ref"):g.index("--ref") + 3],
                         ["--ref", "golden.trace", "--"])
        self.assertEqual(g[-len(words):], words)

    def test_verdict(self):
        ok = {"status": "ok", "result": {"verified": True}}
        self.assertIn("verified", shrinker.verdict(ok))
        self.assertIn("NOT reproduced", shrinker.verdict(
            {"status": "ok", "result": {"verified": False, "verify_note": "same"}}))
        golden = "only the test side can run here; its output differs from the other " \
            "side's trace in: %s"
        self.assertIn("NOT reproduced", shrinker.verdict(
            {"status": "ok", "result": {"verified": False, "verify_note": golden % "nothing"}}))
        self.assertIn("half-verified: the implementation side differs from the golden "
                      "trace in signal f31", shrinker.verdict(
                          {"status": "ok", "result": {"verified": False,
                                                      "verify_note": golden % "signal f31"}}))
        self.assertIn("not run here", shrinker.verdict(
            {"status": "ok", "result": {"verified": None}}))
        self.assertEqual(shrinker.verdict({"status": "skipped", "error": "budget"}), "budget")

    def test_config(self):
        c = config.load("/cfg/n.ini", CONFIG)
        self.assertEqual((c.settings.shrink, c.settings.shrink_timeout,
                          c.settings.shrink_budget), ("auto", 120.0, 1800.0))
        for v, want in (("off", "off"), ("no", "off"), ("golden", "golden"),
                        ("yes", "auto"), ("x {image}", "x {image}")):
            c = config.load("/cfg/n.ini", CONFIG.replace("jobs = 3", "jobs = 3\nshrink = " + v))
            self.assertEqual(c.settings.shrink, want)
        with self.assertRaises(config.ConfigError):
            config.load("/cfg/n.ini", CONFIG.replace("jobs = 3", "jobs = 3\nshrink-budget = 0"))


if __name__ == "__main__":
    unittest.main()
