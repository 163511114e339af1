# SPDX-License-Identifier: GPL-2.0-or-later
"""The golden-trace store.

A golden trace is what a reference did on one image.  It is recorded once
and replayed against every implementation, night after night, without
the board.  Its key hashes everything the trace depends on:

  reference name and identity (emulator + runner digests, or board host,
  runner command and the admin's 'revision'), arch, tag set, seed,
  instruction count, and from the image metadata: generator version,
  canonical options, features, pattern-file digests, and the digest of
  the image itself.

The image digest is redundant while risugen is deterministic; it is kept
so that a generator change that forgot to bump its version still
re-records instead of replaying a trace of another image (which the
runner would refuse: exit 2).

Layout:  STORE/REF/ARCH/CASE/KEY20/{golden.trace,image.bin,key.json,recorded.json}
         STORE/REF/ARCH/CASE/.lock
An entry appears atomically (built in a temporary directory, renamed), so
an interrupted recording leaves nothing that looks valid.  Entries of
older keys stay until `risu-nightly prune` removes unused ones.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from typing import Dict, Iterator, Optional

from .image_meta import ImageMeta
from .matrix import Job

KEY_SCHEMA = 1
GOLDEN = "golden.trace"


def key_fields(job: Job, arch: str, ident: Dict[str, str],
               meta: ImageMeta) -> Dict[str, object]:
    return {
        "schema": KEY_SCHEMA,
        "reference": job.reference,
        "reference-identity": ident,
        "arch": arch,
        "tags": job.tags,
        "seed": job.seed,
        "numinsns": job.numinsns,
        "generator": meta.get("generator"),
        "options": meta.get("options"),
        "features": meta.get("features"),
        "pattern-files": [list(p) for p in meta.pattern_files],
        "image-sha256": meta.sha256,
    }


def key_of(fields: Dict[str, object]) -> str:
    canon = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode()).hexdigest()


@dataclass
class Entry:
    dir: str
    key: str

    @property
    def trace(self) -> str:
        return os.path.join(self.dir, GOLDEN)

    @property
    def image(self) -> str:
        return os.path.join(self.dir, "image.bin")

    def recorded(self) -> Dict[str, object]:
        try:
            with open(os.path.join(self.dir, "recorded.json")) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}


class Store:
    def __init__(self, root: str):
        self.root = root

    def slot(self, job: Job, arch: str) -> str:
        return os.path.join(self.root, job.reference, arch, job.case)

    def entry(self, job: Job, arch: str, key: str) -> Entry:
        return Entry(os.path.join(self.slot(job, arch), key[:20]), key)

    def lookup(self, job: Job, arch: str, key: str) -> Optional[Entry]:
        e = self.entry(job, arch, key)
        try:
            with open(os.path.join(e.dir, "key.json")) as f:
                stored = json.load(f)
        except (OSError, ValueError):
            return None
        if key_of(stored) != key or not os.path.isfile(e.trace):
            return None
        try:
            os.utime(e.dir)       # last use, for prune
        except OSError:
            pass
        return e

    @contextlib.contextmanager
    def locked(self, job: Job, arch: str) -> Iterator[None]:
        """Serialise recording of one case on one reference: the first job
        records, the others wait and then find the entry.  flock works
        across processes (and over NFS v4 for GNU parallel farms)."""
        slot = self.slot(job, arch)
        os.makedirs(slot, exist_ok=True)
        with open(os.path.join(slot, ".lock"), "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def new_tmp(self, job: Job, arch: str) -> str:
        slot = self.slot(job, arch)
        os.makedirs(slot, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=".rec-", dir=slot)
        # mkdtemp makes 0700; the store is shared (docs/nightly.md), so an
        # entry gets the mode any directory would (umask; a setgid store
        # passes its group on by itself).
        um = os.umask(0)
        os.umask(um)
        os.chmod(tmp, 0o777 & ~um | (os.stat(slot).st_mode & 0o2000))
        return tmp

    def commit(self, job: Job, arch: str, key: str, fields: Dict[str, object],
               tmp: str, image: str, info: Dict[str, object]) -> Entry:
        """TMP holds golden.trace; add the rest and rename into place."""
        shutil.copyfile(image, os.path.join(tmp, "image.bin"))
        with open(os.path.join(tmp, "key.json"), "w") as f:
            json.dump(fields, f, indent=1, sort_keys=True)
        info = dict(info, key=key, recorded_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        with open(os.path.join(tmp, "recorded.json"), "w") as f:
            json.dump(info, f, indent=1, sort_keys=True)
        e = self.entry(job, arch, key)
        if os.path.isdir(e.dir):          # a corrupt leftover
            shutil.rmtree(e.dir)
        os.rename(tmp, e.dir)
        return e

    def prune(self, days: float, dry_run: bool = False) -> Iterator[str]:
        """Remove entries not used for DAYS days (and stale temporaries)."""
        limit = time.time() - days * 86400
        for dirpath, dirnames, _ in os.walk(self.root):
            for d in list(dirnames):
                p = os.path.join(dirpath, d)
                is_entry = os.path.isfile(os.path.join(p, "key.json"))
                is_tmp = d.startswith(".rec-")
                if (is_entry or is_tmp) and os.stat(p).st_mtime < limit:
                    if not dry_run:
                        shutil.rmtree(p, ignore_errors=True)
                    dirnames.remove(d)
                    yield p
                elif is_entry:
                    dirnames.remove(d)
