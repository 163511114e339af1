# SPDX-License-Identifier: GPL-2.0-or-later
"""Config parsing and job expansion."""

import unittest

from helpers import CONFIG

from nightly import config, matrix
from nightly.config import ConfigError


def load(text):
    return config.load("/cfg/nightly.ini", text)


class ConfigTest(unittest.TestCase):
    def test_full(self):
        c = load(CONFIG)
        self.assertEqual(c.settings.store, "/cfg/store")
        self.assertEqual(c.settings.jobs, 3)
        self.assertEqual(c.settings.timeout, 300.0)
        su = c.suites["s"]
        self.assertEqual(su.tags, ["mips-int", "fpu,mem", "*"])
        self.assertEqual(su.seeds, [1, 2, 3, 7])
        self.assertEqual(su.runner, "/cfg/runner/risu-mipsel")
        self.assertEqual(c.references["board"].kind, "ssh")
        self.assertEqual(c.references["board"].ssh[0], "ssh")
        self.assertEqual(c.references["qemu"].emulator, "qemu-mipsel")
        self.assertEqual(c.implementations["b"].emulator, "/opt/q/bin/qemu-mipsel")
        self.assertEqual(c.implementations["b"].env,
                         {"RISU_INJECT": "1:t1:0", "FOO": "x y"})

    def test_int_list(self):
        self.assertEqual(config.parse_int_list("1-3, 0x10 2", "x"), [1, 2, 3, 16])
        for bad in ("", "a", "3-1", "-1"):
            with self.assertRaises(ConfigError):
                config.parse_int_list(bad, "x")

    def test_interpolation(self):
        c = load(CONFIG.replace("cpu = 74Kf\n\n[implementation b]",
                                "cpu = ${reference qemu:cpu}\n\n[implementation b]"))
        self.assertEqual(c.implementations["a"].cpu, "24Kf")

    def errors(self, text, fragment):
        with self.assertRaises(ConfigError) as cm:
            load(text)
        self.assertIn(fragment, str(cm.exception))

    def test_errors(self):
        self.errors(CONFIG.replace("jobs = 3", "jbos = 3"), "unknown key 'jbos'")
        self.errors(CONFIG + "\n[board x]\n", "unknown section [board x]")
        self.errors(CONFIG.replace("references = qemu board",
                                   "references = qemu bord"), "no [reference bord]")
        self.errors(CONFIG.replace("implementations = a b",
                                   "implementations = a c"), "no [implementation c]")
        self.errors(CONFIG.replace("[implementation a]", "[implementation a/b]"),
                    "a name is letters")
        self.errors(CONFIG.replace("seeds = 1-3 7", ""), "needs 'seeds'")
        self.errors(CONFIG.replace("cpu = 24Kf", ""), "needs 'cpu'")
        self.errors(CONFIG.replace("[suite s]", "[suite s]\ntimeout = -1"),
                    "must be positive")
        self.errors(CONFIG.replace("runner = runner/risu-mipsel", ""), "has no runner")
        self.errors(CONFIG.replace("emulator = qemu-mipsel\ncpu = 74Kf",
                                   "ssh-host = x"), "only be a reference")
        self.errors(CONFIG.replace("tags = mips-int", "tags = mips int!"), "bad tag")
        self.errors("[nightly]\n", "no [suite NAME]")
        self.errors(CONFIG.replace("env = RISU", "env = 1RISU"), "NAME=VALUE")

    def test_missing_file(self):
        with self.assertRaises(ConfigError):
            config.load("/nonexistent/nightly.ini")

    def test_vm_reference(self):
        vm = ("\n[reference vm]\nvm-kernel = malta64\ncpu = 5KEf\n"
              "args = --mem 512\nrevision = 2\n")
        c = load(CONFIG + vm)
        t = c.references["vm"]
        self.assertEqual((t.kind, t.vm_kernel, t.cpu, t.args),
                         ("vm", "malta64", "5KEf", ["--mem", "512"]))
        self.assertTrue(t.risu_vm.endswith("/tools/risu-vm"))
        self.assertEqual(t.label(), "vm (risu-vm malta64 -cpu 5KEf)")
        from nightly import vmref
        argv = vmref.argv(t, "/r/risu", ["--master", "i.bin", "-t", "g"], 60)
        self.assertEqual(argv[1:], ["run", "--quiet", "--kernel", "malta64",
                                    "--cpu", "5KEf", "--runner", "/r/risu",
                                    "--timeout", "55", "--mem", "512", "--",
                                    "--master", "i.bin", "-t", "g"])
        self.errors(CONFIG + vm + "ssh-host = x@y\n", "takes no emulator")
        self.errors(CONFIG + vm.replace("[reference vm]",
                                        "[implementation vm]"),
                    "can only be a reference")
        self.errors(CONFIG + vm + "vm-cache = /x\n", "unknown key 'vm-cache'")


class ExampleTest(unittest.TestCase):
    def test_example_parses(self):
        import os
        from helpers import ROOT
        c = config.load(os.path.join(ROOT, "tools", "nightly", "example.ini"))
        self.assertEqual(c.references["malta"].kind, "ssh")
        self.assertTrue(c.settings.risugen.endswith("/build/risugen"))
        # mipsel-o32, then mipsel-dsp (3 tag sets x 10 seeds x 1 x 1)
        self.assertEqual(len(matrix.expand(c)), 3 * 20 * 2 * 2 + 3 * 10)


class MatrixTest(unittest.TestCase):
    def test_expand(self):
        jobs = matrix.expand(load(CONFIG))
        # 3 tag sets x 4 seeds x 1 count x 2 references x 2 implementations
        self.assertEqual(len(jobs), 48)
        ids = [j.id for j in jobs]
        self.assertEqual(len(set(ids)), 48)
        self.assertIn("s.fpu+mem.s7.n100.board.b", ids)
        self.assertIn("s.all.s1.n100.qemu.a", ids)
        j = matrix.find(load(CONFIG), "s.mips-int.s2.n100.qemu.b")
        self.assertEqual((j.tags, j.seed, j.reference, j.implementation),
                         ("mips-int", 2, "qemu", "b"))
        self.assertEqual(j.case, "mips-int.s2.n100")
        with self.assertRaises(ConfigError):
            matrix.find(load(CONFIG), "nope")

    def test_id_collision(self):
        text = CONFIG.replace("fpu mem | *", "fpu mem | fpu,mem")
        with self.assertRaises(ConfigError):
            load(text)   # duplicate tag set


if __name__ == "__main__":
    unittest.main()
