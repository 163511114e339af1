# SPDX-License-Identifier: GPL-2.0-or-later
"""Mismatch parsing, result files, trend, JUnit and HTML writers, progress."""

import io
import os
import shutil
import tempfile
import unittest
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from helpers import make_image

from nightly import divergence, html_report, image_meta, junit, report, results
from nightly.matrix import Job
from nightly.progress import Progress, fmt_seconds

REPORT = """\
mismatch at checkpoint 5: pc offset 0x000003a0 insn 0xb9975400 (SWR)
  t1             ref 0x0000000000000004 got 0x000000000000000c mask 0x00000000ffffffff
  w3.hi[63:0]    ref 0x0000000000000001 got (not captured)
mismatch at checkpoint 9: pc offset 0x00000400 insn 0x00000000
  signal: ref signal 4 si_code 1 fault 0x0000000020000400
          got none
  f2             ref 0x0000000000000000 got 0x0000000000000001
"""


class ParseTest(unittest.TestCase):
    def test_blocks(self):
        ds = divergence.parse_report(REPORT + "risu: 2 mismatching\n")
        self.assertEqual(len(ds), 2)
        a, b = ds
        self.assertEqual((a["checkpoint"], a["pc_off"], a["insn"], a["pattern"]),
                         (5, 0x3a0, "0xb9975400", "SWR"))
        self.assertEqual([r["name"] for r in a["regs"]], ["t1", "w3.hi[63:0]"])
        self.assertEqual(a["regs"][0]["mask"], "0x00000000ffffffff")
        self.assertEqual(a["regs"][1]["got"], "(not captured)")
        self.assertEqual(a["summary"], "checkpoint 5, SWR 0xb9975400 at +0x3a0: "
                         "t1 ref 0x4 got 0xc, w3.hi[63:0] ref 0x1 got (not captured)")
        self.assertEqual([r["name"] for r in b["regs"]], ["f2"])
        self.assertIn("signal: ref signal 4", b["summary"])
        self.assertEqual(len(b["lines"]), 4)

    def test_nothing(self):
        self.assertEqual(divergence.parse_report("risu: error\n"), [])

    def test_cap(self):
        text = "".join("mismatch at checkpoint %d: pc offset 0x00000010 insn 0x0\n"
                       "  t1 ref 0x1 got 0x2\n" % i for i in range(100))
        self.assertEqual(len(divergence.parse_report(text)),
                         divergence.MAX_DIVERGENCES)

    def test_fill(self):
        argv = divergence.fill("{risu_trace} diff --json {golden} {trace} -- {cmd}",
                               risu_trace="/x/risu-trace", golden="a b.trace",
                               trace="c", cmd=["qemu", "-cpu", "74Kf"])
        self.assertEqual(argv, ["/x/risu-trace", "diff", "--json", "a b.trace", "c",
                                "--", "qemu", "-cpu", "74Kf"])

    def test_diff_detection(self):
        d = tempfile.mkdtemp()
        try:
            tool = os.path.join(d, "risu-trace")
            for usage, want in (("usage: risu-trace show TRACE", None),
                                ("usage: risu-trace diff [--json] A B", "auto")):
                with open(tool, "w") as f:
                    f.write("#!/bin/sh\necho '%s' >&2\nexit 2\n" % usage)
                os.chmod(tool, 0o755)
                self.assertEqual(divergence.diff_command("auto", tool), want)
            self.assertIsNone(divergence.diff_command("off", tool))
            self.assertEqual(divergence.diff_command("x {golden}", tool), "x {golden}")
        finally:
            shutil.rmtree(d)

    def test_objdump_args(self):
        m = image_meta.ImageMeta(keys={"arch": "mips64el", "endian": "little",
                                       "features": "fpu,msa"})
        self.assertEqual(divergence.objdump_args(m),
                         ["-m", "mips:isa64r2", "-M", "msa", "-EL"])
        m.keys["arch"] = "thumb"
        self.assertIn("force-thumb", divergence.objdump_args(m))

    def test_disassemble_window(self):
        d = tempfile.mkdtemp()
        try:
            # addiu t1,t1,1 = 0x25290001 at 0x10, 0x14, 0x18
            code = b"\x00" * 16 + bytes.fromhex("01002925") * 3 + b"\x00" * 8
            m = image_meta.read(make_image(os.path.join(d, "i.bin"), code=code,
                                           insns=((0x10, "A"), (0x14, "B"), (0x18, "C"))))
        finally:
            shutil.rmtree(d)
        rows = divergence.disassemble(m, 0x1c, divergence.objdump_path())
        self.assertEqual([r["pattern"] for r in rows], ["A", "B", "C"])
        self.assertEqual([r["culprit"] for r in rows], [False, False, True])
        self.assertEqual(rows[2]["word"], "25290001")
        if shutil.which("objdump"):
            self.assertIn("addiu", rows[2]["asm"])


def job(i, status, ref="r", impl="a", seed=1):
    return Job("s.t.s%d.n10.%s.%s" % (seed, ref, impl), "s", "t", seed, 10, ref, impl)


def result(j, status, **kw):
    r = {"id": j.id, "status": status, "message": "msg " + status, "seconds": 0.5}
    r.update(kw)
    return r


class ResultsTest(unittest.TestCase):
    def setUp(self):
        self.d = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.d)

    def test_save_load(self):
        run = results.Run(self.d, "2025-01-02")
        self.assertIsNone(run.load("x"))
        run.save({"id": "x", "status": "pass"})
        self.assertEqual(run.load("x")["status"], "pass")
        self.assertEqual(list(run.all_results()), ["x"])
        run.forget("x")
        self.assertIsNone(run.load("x"))
        with open(run.job_file("bad"), "w") as f:
            f.write("{truncated")
        self.assertIsNone(run.load("bad"))     # rerun redoes it

    def test_previous_and_down(self):
        results.Run(self.d, "2025-01-01").save({"id": "x", "status": "fail"})
        os.makedirs(os.path.join(self.d, "2025-01-03", "jobs"))
        self.assertEqual(results.previous_run(self.d, "2025-01-02").id, "2025-01-01")
        self.assertEqual(results.previous_run(self.d, "2025-01-04").id, "2025-01-03")
        self.assertIsNone(results.previous_run(self.d, "2025-01-01"))
        run = results.Run(self.d, "2025-01-02")
        run.mark_down("board", "refused")
        self.assertEqual(run.down_reason("board"), "refused")
        run.clear_down()
        self.assertIsNone(run.down_reason("board"))
        with self.assertRaises(ValueError):
            results.Run(self.d, "../x")

    def test_trend(self):
        self.assertEqual(results.trend("fail", "pass"), "regressed")
        self.assertEqual(results.trend("error", "skip"), "regressed")
        self.assertEqual(results.trend("pass", "fail"), "fixed")
        self.assertEqual(results.trend("fail", "fail"), "still-fail")
        self.assertEqual(results.trend("pass", None), "new")
        self.assertEqual(results.trend("skip", "pass"), "same")

    def test_exit_status(self):
        js = [job(0, "", seed=1), job(0, "", seed=2)]
        ok = {js[0].id: {"status": "pass"}, js[1].id: {"status": "skip"}}
        self.assertEqual(report.exit_status(js, ok), 0)
        self.assertEqual(report.exit_status(js, dict(ok, **{js[1].id: {"status": "fail"}})), 1)
        self.assertEqual(report.exit_status(js, dict(ok, **{js[1].id: {"status": "error"}})), 2)
        self.assertEqual(report.exit_status(js, {js[0].id: {"status": "fail"}}), 2)


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td" and "data-job" in a:
            self.cells[a["data-job"]] = (a["data-status"], a["data-trend"])


class WritersTest(unittest.TestCase):
    def setUp(self):
        self.d = tempfile.mkdtemp()
        self.jobs = [job(0, "", impl="a"), job(0, "", impl="b"), job(0, "", ref="q"),
                     job(0, "", ref="q", impl="b")]
        div = divergence.parse_report(REPORT)
        div[0]["disasm"] = [{"off": 0x390, "word": "b9975400", "asm": "swr s7,0(t4)",
                             "pattern": "SWR", "culprit": True}]
        self.res = {
            self.jobs[0].id: result(self.jobs[0], "pass"),
            self.jobs[1].id: result(self.jobs[1], "fail", divergences=div,
                                    message=div[0]["summary"], details=REPORT,
                                    work="work/x", reproducer="qemu <x>"),
            self.jobs[2].id: result(self.jobs[2], "skip"),
        }
        self.prev = {self.jobs[1].id: {"status": "pass"},
                     self.jobs[0].id: {"status": "fail"}}

    def tearDown(self):
        shutil.rmtree(self.d)

    def test_junit(self):
        p = os.path.join(self.d, "j.xml")
        junit.write(p, "r1", self.jobs, self.res)
        root = ET.parse(p).getroot()
        self.assertEqual((root.get("tests"), root.get("failures"), root.get("errors"),
                          root.get("skipped")), ("4", "1", "1", "1"))
        cases = root.findall(".//testcase")
        self.assertEqual(len(cases), 4)
        f = cases[1].find("failure")
        self.assertTrue(f.get("message").startswith("checkpoint 5, SWR"))
        self.assertIn("=> +0x0390 b9975400  swr s7,0(t4)", f.text)
        self.assertEqual(cases[1].get("classname"), "s.b")
        self.assertEqual(cases[1].get("name"), "t seed=1 n=10 vs r")
        self.assertIsNotNone(cases[2].find("skipped"))
        self.assertEqual(cases[3].find("error").get("type"), "missing")

    def test_junit_control_chars(self):
        p = os.path.join(self.d, "j.xml")
        self.res[self.jobs[1].id]["details"] = "bad \x01 byte"
        junit.write(p, "r1", self.jobs, self.res)
        ET.parse(p)      # still well-formed

    def test_html(self):
        rep = html_report.Report("r2", self.jobs, self.res, "r1", self.prev, "c.ini")
        text = rep.render()
        cells = Cells()
        cells.feed(text)
        self.assertEqual(cells.cells[self.jobs[0].id], ("pass", "fixed"))
        self.assertEqual(cells.cells[self.jobs[1].id], ("fail", "regressed"))
        self.assertEqual(cells.cells[self.jobs[2].id], ("skip", "new"))
        self.assertEqual(cells.cells[self.jobs[3].id][0], "missing")
        self.assertIn('id="%s"' % self.jobs[1].id, text)     # divergence anchor
        self.assertIn("swr s7,0(t4)", text)
        self.assertIn("qemu &lt;x&gt;", text)                 # escaped
        self.assertIn('data-trend-count="regressed">1 newly failing or in error', text)
        self.assertNotIn("<script", text)

    def test_html_no_previous(self):
        text = html_report.Report("r1", self.jobs, self.res, None, {}, "c").render()
        self.assertIn("No previous run", text)


class ProgressTest(unittest.TestCase):
    def test_lines(self):
        out = io.StringIO()
        p = Progress(4, {"pass": 1}, stream=out, tty=False)
        p.start()
        self.assertIn("resuming: 1 of 4", out.getvalue())
        self.assertIsNone(p.eta())
        p.job_done({"id": "x", "status": "fail", "seconds": 1, "message": "boom"})
        line = out.getvalue().splitlines()[-1]
        self.assertIn("[2/4  50%] pass 1 fail 1", line)
        self.assertIn("FAIL  x (1.0s): boom", line)
        self.assertIsNotNone(p.eta())
        p.finish()
        self.assertIn("1 jobs in", out.getvalue())

    def test_fmt(self):
        self.assertEqual(fmt_seconds(5), "5s")
        self.assertEqual(fmt_seconds(125), "2m05s")
        self.assertEqual(fmt_seconds(3720), "1h02m")


if __name__ == "__main__":
    unittest.main()
