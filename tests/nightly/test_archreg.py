# SPDX-License-Identifier: GPL-2.0-or-later
"""The driver's architecture facts come from `risu-trace arch --json`."""

import os
import unittest

import helpers  # noqa: F401  (the import path)
from nightly import archreg, divergence
from nightly.image_meta import ImageMeta

RISU_TRACE = os.path.join(helpers.ROOT, os.environ.get("BUILD", "build"),
                          "risu-trace")


def meta(arch, endian, features):
    return ImageMeta(keys={"arch": arch, "endian": endian,
                           "features": features})


@unittest.skipUnless(os.access(RISU_TRACE, os.X_OK), "no " + RISU_TRACE)
class RegistryTest(unittest.TestCase):
    def test_registry(self):
        reg = archreg.registry(RISU_TRACE)
        names = [a["name"] for a in reg["arches"]]
        self.assertIn("mipsel", names)
        self.assertIs(archreg.registry(RISU_TRACE), reg)     # cached
        a = archreg.arch("mipsel", RISU_TRACE)
        self.assertEqual(a["default_flavour"], a["flavours"][0])
        self.assertEqual(a["flavour_for"]["nan2008"], "mipsel-fp64-nan2008")
        self.assertIn("P5600", [c["name"] for c in a["cpus"]])
        self.assertEqual(archreg.arch("thumb", RISU_TRACE)["insn_sizes"], [2, 4])
        self.assertIsNone(archreg.arch("x86", RISU_TRACE))

    def test_objdump_args(self):
        def args(*m):
            return divergence.objdump_args(meta(*m), RISU_TRACE)
        self.assertEqual(args("mipsel", "little", "r2,fpu"),
                         ["-m", "mips:isa32r2", "-EL"])
        self.assertEqual(args("mips64r6", "big", "r6,msa"),
                         ["-m", "mips:isa64r6", "-M", "msa", "-EB"])
        self.assertEqual(args("mips64el", "little", "mmi,loongson-ext"),
                         ["-m", "mips:gs464e", "-EL"])
        self.assertEqual(args("mipsel", "little", "loongson2f"),
                         ["-m", "mips:gs464", "-EL"])
        self.assertEqual(args("thumb", "little", "v8"),
                         ["-m", "arm", "-M", "force-thumb", "-EL"])
        self.assertEqual(args("aarch64", "little", "v8"),
                         ["-m", "aarch64", "-EL"])
        self.assertIsNone(args("x86", "little", ""))


if __name__ == "__main__":
    unittest.main()
