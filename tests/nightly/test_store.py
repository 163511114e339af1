# SPDX-License-Identifier: GPL-2.0-or-later
"""Image metadata, golden keys and the trace store."""

import json
import os
import shutil
import tempfile
import threading
import time
import unittest

from helpers import make_image

from nightly import image_meta
from nightly.matrix import Job
from nightly.store import Store, key_fields, key_of

JOB = Job("s.mips-int.s1.n100.board.a", "s", "mips-int", 1, 100, "board", "a")
IDENT = {"kind": "ssh", "host": "board", "runner": "risu", "revision": ""}


class Tmp(unittest.TestCase):
    def setUp(self):
        self.d = tempfile.mkdtemp(prefix="nightly-test-")

    def tearDown(self):
        shutil.rmtree(self.d)

    def p(self, *a):
        return os.path.join(self.d, *a)


class ImageMetaTest(Tmp):
    def test_read(self):
        m = image_meta.read(make_image(self.p("i.bin"), code=bytes(range(64))))
        self.assertEqual(m.get("arch"), "mipsel")
        self.assertEqual(m.get("generator"), "risugen-dt 1")
        self.assertEqual(m.pattern_files, [("base.decode", "aa" * 32)])
        self.assertEqual(m.insns, [(0x10, "ADDU"), (0x20, "SWR")])
        self.assertEqual(m.insn_at_or_before(0x1f), 0)
        self.assertEqual(m.insn_at_or_before(0x20), 1)
        self.assertIsNone(m.insn_at_or_before(0x0f))
        self.assertEqual(m.word(0), 0x03020100)
        self.assertEqual(len(m.sha256), 64)

    def test_big_endian_word(self):
        m = image_meta.read(make_image(self.p("i.bin"), code=bytes(range(64)),
                                       endian="big"))
        self.assertEqual(m.word(4), 0x04050607)

    def test_bad(self):
        with open(self.p("x.bin"), "wb") as f:
            f.write(b"\x00" * 100)
        with self.assertRaises(image_meta.ImageError):
            image_meta.read(self.p("x.bin"))
        with open(make_image(self.p("i.bin")), "rb") as f:
            data = f.read()
        with open(self.p("t.bin"), "wb") as f:
            f.write(data[1:])          # sizes no longer add up
        with self.assertRaises(image_meta.ImageError):
            image_meta.read(self.p("t.bin"))


class KeyTest(Tmp):
    def key(self, **kw):
        m = image_meta.read(make_image(self.p("i.bin"), **kw))
        return key_of(key_fields(JOB, "mipsel", IDENT, m))

    def test_key_inputs(self):
        base = self.key()
        self.assertEqual(base, self.key())                    # deterministic
        self.assertNotEqual(base, self.key(generator="risugen-dt 2"))
        self.assertNotEqual(base, self.key(patterns=(("base.decode", "bb" * 32),)))
        self.assertNotEqual(base, self.key(code=b"\x01" * 64))
        m = image_meta.read(make_image(self.p("i.bin")))
        other = dict(IDENT, revision="2")
        self.assertNotEqual(base, key_of(key_fields(JOB, "mipsel", other, m)))
        j2 = Job(JOB.id, "s", "mips-int", 2, 100, "board", "a")
        self.assertNotEqual(base, key_of(key_fields(j2, "mipsel", IDENT, m)))
        # the implementation is not part of the key: one golden serves all
        j3 = Job("x", "s", "mips-int", 1, 100, "board", "b")
        self.assertEqual(base, key_of(key_fields(j3, "mipsel", IDENT, m)))


class StoreTest(Tmp):
    def commit(self, store, key="k" * 64):
        tmp = store.new_tmp(JOB, "mipsel")
        with open(os.path.join(tmp, "golden.trace"), "w") as f:
            f.write("trace")
        img = make_image(self.p("i.bin"))
        return store.commit(JOB, "mipsel", key, {"a": 1}, tmp, img, {"x": 1})

    def test_commit_lookup(self):
        st = Store(self.p("store"))
        key = key_of({"a": 1})
        self.assertIsNone(st.lookup(JOB, "mipsel", key))
        e = self.commit(st, key)
        self.assertTrue(os.path.isfile(e.image))
        got = st.lookup(JOB, "mipsel", key)
        self.assertEqual(got.dir, e.dir)
        self.assertEqual(got.recorded()["x"], 1)
        self.assertIn("recorded_at", got.recorded())
        # no temporary directory is left behind
        self.assertFalse([n for n in os.listdir(os.path.dirname(e.dir))
                          if n.startswith(".rec-")])

    def test_key_json_must_match(self):
        st = Store(self.p("store"))
        key = key_of({"a": 1})
        e = self.commit(st, key)
        with open(os.path.join(e.dir, "key.json"), "w") as f:
            json.dump({"a": 2}, f)
        self.assertIsNone(st.lookup(JOB, "mipsel", key))
        os.unlink(os.path.join(e.dir, "key.json"))
        self.assertIsNone(st.lookup(JOB, "mipsel", key))

    def test_missing_trace(self):
        st = Store(self.p("store"))
        key = key_of({"a": 1})
        e = self.commit(st, key)
        os.unlink(e.trace)
        self.assertIsNone(st.lookup(JOB, "mipsel", key))

    def test_lock_serialises(self):
        st = Store(self.p("store"))
        order = []

        def worker(n):
            with st.locked(JOB, "mipsel"):
                order.append(("in", n))
                time.sleep(0.05)
                order.append(("out", n))
        ts = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        for i in range(0, 6, 2):
            self.assertEqual(order[i][0], "in")
            self.assertEqual(order[i + 1], ("out", order[i][1]))

    def test_prune(self):
        st = Store(self.p("store"))
        key = key_of({"a": 1})
        e = self.commit(st, key)
        self.assertEqual(list(st.prune(1)), [])
        old = time.time() - 3 * 86400
        os.utime(e.dir, (old, old))
        self.assertEqual(list(st.prune(1, dry_run=True)), [e.dir])
        self.assertTrue(os.path.isdir(e.dir))
        self.assertEqual(list(st.prune(1)), [e.dir])
        self.assertFalse(os.path.isdir(e.dir))


if __name__ == "__main__":
    unittest.main()
