# SPDX-License-Identifier: GPL-2.0-or-later
"""The `vm` reference's golden-trace identity, with a stand-in risu-vm
(no VM is booted: tests/vm/nightly-vm.sh does that in make check-vm)."""

import json
import os
import stat
import tempfile
import unittest

from helpers import CONFIG

from nightly import config, targets, vmref

# A risu-vm that answers `kernels`, `versions --json K` from files in its
# directory and logs `setup`; setup "fetches" by creating the cached file.
FAKE = r"""#!/bin/sh
d=$(dirname "$0")
case $1 in
kernels) echo "malta64    mips64el  linux-image-5kc-malta  runners: x"
         echo "no Debian kernel for:  mips" ;;
versions)
    [ -f "$d/fail-versions" ] && { echo "risu-vm: broken" >&2; exit 2; }
    cached=false pk=
    if [ -f "$d/cached" ]; then
        cached=true
        pk='{"package": "linux-image-6.1.0-50-5kc-malta", "arch": "mips64el", "version": "'$(cat "$d/cached")'", "sha256": "ab"}'
    fi
    echo '{"schema": "risu-vm-versions/1", "kernels": [{"kernel": "'$3'", "cached": '$cached', "qemu": "sh", "qemu_version": "7.2.22", "machine": "malta", "default_cpu": "5KEf", "packages": ['"$pk"']}]}' ;;
setup)
    echo setup >> "$d/log"
    [ -f "$d/fail-setup" ] && { echo "risu-vm: archive unreachable" >&2; exit 2; }
    echo 6.1.176-1 > "$d/cached" ;;
esac
"""


class VmRefTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        self.vm = os.path.join(self.d, "risu-vm")
        with open(self.vm, "w") as f:
            f.write(FAKE)
        os.chmod(self.vm, stat.S_IRWXU)
        self.runner = os.path.join(self.d, "risu")
        with open(self.runner, "w") as f:
            f.write("runner")
        os.chmod(self.runner, stat.S_IRWXU)
        text = CONFIG + ("\n[reference vm]\nvm-kernel = malta64\n"
                         "risu-vm = %s\n" % self.vm)
        self.t = config.load("/cfg/nightly.ini", text).references["vm"]
        vmref._describe.cache_clear()
        vmref._kernels.cache_clear()

    def tearDown(self):
        self.tmp.cleanup()

    def setups(self):
        try:
            with open(os.path.join(self.d, "log")) as f:
                return f.read().split()
        except OSError:
            return []

    def test_identity_fetches_once(self):
        ident = targets.identity(self.t, self.runner)
        self.assertEqual(self.setups(), ["setup"])
        self.assertEqual(ident["kind"], "vm")
        self.assertEqual(ident["packages"],
                         "linux-image-6.1.0-50-5kc-malta=6.1.176-1:ab")
        self.assertEqual((ident["qemu-version"], ident["cpu"]),
                         ("7.2.22", "5KEf"))
        self.assertEqual(len(ident["runner-sha256"]), 64)
        targets.identity(self.t, self.runner)
        self.assertEqual(self.setups(), ["setup"])

    def test_new_kernel_version_new_key(self):
        with open(os.path.join(self.d, "cached"), "w") as f:
            f.write("6.1.170-1\n")
        a = targets.identity(self.t, self.runner)
        self.assertEqual(self.setups(), [])
        vmref._describe.cache_clear()
        with open(os.path.join(self.d, "cached"), "w") as f:
            f.write("6.1.176-1\n")
        b = targets.identity(self.t, self.runner)
        self.assertNotEqual(a["packages"], b["packages"])

    def test_errors(self):
        open(os.path.join(self.d, "fail-setup"), "w").close()
        with self.assertRaises(targets.TargetError) as cm:
            targets.identity(self.t, self.runner)
        self.assertIn("archive unreachable", str(cm.exception))
        open(os.path.join(self.d, "fail-versions"), "w").close()
        with self.assertRaises(targets.TargetError) as cm:
            targets.identity(self.t, self.runner)
        self.assertIn("risu-vm versions malta64 failed", str(cm.exception))

    def test_check_local(self):
        self.assertIsNone(targets.check_local(self.t, self.runner))
        self.assertIn("not found", targets.check_local(
            self.t, os.path.join(self.d, "missing")))
        self.t.vm_kernel = "nosuch"
        self.assertIn("no kernel 'nosuch' (known: malta64)",
                      targets.check_local(self.t, self.runner))


if __name__ == "__main__":
    unittest.main()
