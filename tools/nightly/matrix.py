# SPDX-License-Identifier: GPL-2.0-or-later
"""Expand a config into jobs: suite x tag set x seed x numinsns x
reference x implementation.

A job id is readable and stable (it names result files, work directories
and CI matrix entries, and is how a rerun finds what already finished):
SUITE.TAGS.sSEED.nN.REFERENCE.IMPLEMENTATION, with a tag set 'a,b'
written 'a+b' and '*' written 'all'.
"""

from dataclasses import dataclass
from typing import Dict, List

from .config import Config, ConfigError


@dataclass(frozen=True)
class Job:
    id: str
    suite: str
    tags: str            # "a,b" or "*"
    seed: int
    numinsns: int
    reference: str
    implementation: str

    @property
    def case(self) -> str:
        """The generation inputs shared by every reference/implementation
        pair: one golden trace per (case, reference)."""
        return "%s.s%d.n%d" % (tag_slug(self.tags), self.seed, self.numinsns)


def tag_slug(tags: str) -> str:
    return "all" if tags == "*" else tags.replace(",", "+")


def expand(cfg: Config) -> List[Job]:
    jobs: List[Job] = []
    for su in cfg.suites.values():
        for tags in su.tags:
            for seed in su.seeds:
                for n in su.numinsns:
                    for ref in su.references:
                        for impl in su.implementations:
                            jid = "%s.%s.s%d.n%d.%s.%s" % (
                                su.name, tag_slug(tags), seed, n, ref, impl)
                            jobs.append(Job(jid, su.name, tags, seed, n,
                                            ref, impl))
    ids: Dict[str, Job] = {}
    for j in jobs:
        if j.id in ids:   # e.g. tag sets 'a,b' and 'a b' collide
            raise ConfigError("two jobs share the id %s" % j.id)
        ids[j.id] = j
    return jobs


def find(cfg: Config, job_id: str) -> Job:
    for j in expand(cfg):
        if j.id == job_id:
            return j
    raise ConfigError("no job %s in %s (list them with 'risu-nightly jobs "
                      "--ids')" % (job_id, cfg.settings.config_path))
