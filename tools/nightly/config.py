# SPDX-License-Identifier: GPL-2.0-or-later
"""The nightly configuration: an INI file read with configparser.

INI because every CI admin already knows it and Python reads it without a
third-party module.  Sections:

  [nightly]                 paths and defaults
  [vars]                    free keys, used as ${vars:KEY} elsewhere
  [reference NAME]          where golden traces come from: an emulator
                            (emulator + cpu), a board (ssh-host) or a
                            Debian kernel in qemu-system (vm-kernel)
  [implementation NAME]     an emulator under test
  [suite NAME]              what to generate and which references and
                            implementations it runs on

Unknown sections and keys are errors: a typo must not silently drop a
board from the nightly.  Relative paths are relative to the config file.
The full reference is docs/nightly.md.
"""

import configparser
import difflib
import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

# Names become parts of job ids and directory names: no '/', no leading dot.
NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
TAG_RE = re.compile(r"^[A-Za-z0-9_.+-]+$")


class ConfigError(Exception):
    """A configuration problem; the CLI prints it and exits 2."""


@dataclass
class Settings:
    config_path: str
    store: str
    results: str
    risugen: str
    risu_trace: str
    jobs: int = 2
    timeout: float = 300.0
    connect_timeout: float = 15.0
    keep_going: bool = False
    diff: str = "auto"          # auto | off | a command template
    shrink: str = "auto"        # auto | golden | off | a command template
    shrink_timeout: float = 120.0   # seconds per failing job
    shrink_budget: float = 1800.0   # seconds of shrinking per run, all jobs


@dataclass
class Target:
    """A reference or an implementation: how to run the static runner."""
    name: str
    kind: str                   # "emulator", "ssh" or "vm"
    runner: str                 # local path, or remote command (ssh)
    emulator: str = ""
    cpu: str = ""
    args: List[str] = field(default_factory=list)
    env: Dict[str, str] = field(default_factory=dict)
    revision: str = ""
    ssh_host: str = ""
    ssh: List[str] = field(default_factory=list)
    scp: List[str] = field(default_factory=list)
    workdir: str = "/tmp/risu-nightly"
    timeout: Optional[float] = None
    description: str = ""
    vm_kernel: str = ""         # risu-vm --kernel (kind "vm")
    risu_vm: str = ""           # the risu-vm script

    def label(self) -> str:
        if self.kind == "ssh":
            how = "ssh " + self.ssh_host
        elif self.kind == "vm":
            how = "risu-vm %s -cpu %s" % (self.vm_kernel, self.cpu or "default")
        else:
            how = "%s -cpu %s" % (os.path.basename(self.emulator), self.cpu)
        if self.description:
            how += "; " + self.description
        return "%s (%s)" % (self.name, how)


@dataclass
class Suite:
    name: str
    arch: str
    gen_cpu: str
    tags: List[str]             # each entry one tag set: "a,b" or "*"
    seeds: List[int]
    numinsns: List[int]
    references: List[str]
    implementations: List[str]
    files: List[str] = field(default_factory=list)
    risugen_args: List[str] = field(default_factory=list)
    runner: str = ""
    timeout: Optional[float] = None


@dataclass
class Config:
    settings: Settings
    references: Dict[str, Target]
    implementations: Dict[str, Target]
    suites: Dict[str, Suite]


# ---------------------------------------------------------------- helpers

def _words(value: str) -> List[str]:
    return value.replace(",", " ").split()


def _lines(value: str) -> List[str]:
    """Newline or '|' separated entries (configparser keeps the newlines
    of indented continuation lines)."""
    out = []
    for line in re.split(r"[\n|]", value):
        line = line.strip()
        if line:
            out.append(line)
    return out


def parse_int_list(value: str, what: str) -> List[int]:
    """'1-3 7, 0x10' -> [1, 2, 3, 7, 16]; ranges are inclusive."""
    out: List[int] = []
    for w in _words(value):
        m = re.fullmatch(r"(\w+)-(\w+)", w)
        try:
            if m:
                lo, hi = int(m.group(1), 0), int(m.group(2), 0)
                if hi < lo or hi - lo > 100000:
                    raise ValueError
                out.extend(range(lo, hi + 1))
            else:
                out.append(int(w, 0))
        except ValueError:
            raise ConfigError("%s: bad number or range '%s'" % (what, w))
    if not out:
        raise ConfigError("%s: empty list" % what)
    if any(v < 0 for v in out):
        raise ConfigError("%s: negative value" % what)
    seen = set()
    return [v for v in out if not (v in seen or seen.add(v))]


def parse_tags(value: str, what: str) -> List[str]:
    """Each line is one tag set (risugen --group A,B: any of the tags);
    '*' means no --group, i.e. the arch's whole default selection."""
    sets = []
    for line in _lines(value):
        if line.strip() == "*":
            sets.append("*")
            continue
        tags = _words(line)
        for t in tags:
            if not TAG_RE.match(t):
                raise ConfigError("%s: bad tag '%s'" % (what, t))
        sets.append(",".join(tags))
    if not sets:
        raise ConfigError("%s: no tag set" % what)
    if len(set(sets)) != len(sets):
        raise ConfigError("%s: duplicate tag set" % what)
    return sets


def _bool(value: str, what: str) -> bool:
    v = value.strip().lower()
    if v in ("1", "yes", "true", "on"):
        return True
    if v in ("0", "no", "false", "off"):
        return False
    raise ConfigError("%s: expected yes or no, not '%s'" % (what, value))


def _float(value: str, what: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise ConfigError("%s: not a number: '%s'" % (what, value))
    if v <= 0:
        raise ConfigError("%s: must be positive" % what)
    return v


def _env(value: str, what: str) -> Dict[str, str]:
    env = {}
    for w in shlex.split(value):
        if "=" not in w or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", w):
            raise ConfigError("%s: expected NAME=VALUE, not '%s'" % (what, w))
        k, v = w.split("=", 1)
        env[k] = v
    return env


class _Section:
    """Key access that remembers which keys were used, to reject the rest."""

    def __init__(self, path: str, title: str, sec):
        self.path, self.title, self.sec = path, title, sec
        self.used = set()

    def what(self, key: str) -> str:
        return "%s: [%s] %s" % (self.path, self.title, key)

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        self.used.add(key)
        try:
            v = self.sec.get(key, fallback=None)
        except configparser.Error as e:   # bad ${...} interpolation
            raise ConfigError("%s: %s" % (self.what(key), e))
        if v is None:
            return default
        return v.strip()

    def need(self, key: str) -> str:
        v = self.get(key)
        if not v:
            raise ConfigError("%s: [%s] needs '%s'" % (self.path, self.title, key))
        return v

    def check_unused(self):
        extra = sorted(set(self.sec.keys()) - self.used -
                       set(self.sec.parser.defaults().keys()))
        if extra:
            raise ConfigError("%s: [%s] unknown key '%s'" %
                              (self.path, self.title, extra[0]))


def _path(base: str, p: str) -> str:
    p = os.path.expanduser(p)
    return p if os.path.isabs(p) else os.path.normpath(os.path.join(base, p))


def _program(base: str, p: str) -> str:
    """A program: a bare name is looked up on PATH when the job runs, a name
    with a slash is a path relative to the config file."""
    if "/" in p:
        return _path(base, p)
    return p


# ---------------------------------------------------------------- sections

def _shrink_mode(v: str, what: str = "shrink") -> str:
    """auto | golden | off (also no/none/empty) | a command template."""
    low = v.strip().lower()
    if low in ("", "off", "no", "none", "false", "0"):
        return "off"
    if low in ("auto", "yes", "on", "true", "1"):
        return "auto"
    if low == "golden":
        return "golden"
    # A template runs a command on the job's files: it names some with
    # {...}.  A bare word is a misspelt mode ('offf'), not a command.
    if "{" not in v:
        near = difflib.get_close_matches(low, ["auto", "golden", "off"], 1)
        raise ConfigError("%s: '%s' is neither auto, golden, off nor a "
                          "command template (with {image}, {out}...)%s" %
                          (what, v, "; did you mean '%s'?" % near[0] if near
                           else ""))
    return v


def _settings(path: str, base: str, s: _Section) -> Settings:
    jobs = s.get("jobs", "2")
    try:
        njobs = int(jobs)
        if njobs < 1:
            raise ValueError
    except ValueError:
        raise ConfigError("%s: expected a positive integer" % s.what("jobs"))
    st = Settings(
        config_path=path,
        store=_path(base, s.get("store", "nightly-store")),
        results=_path(base, s.get("results", "nightly-results")),
        risugen=_program(base, s.get("risugen", "risugen")),
        risu_trace=_program(base, s.get("risu-trace", "risu-trace")),
        jobs=njobs,
        timeout=_float(s.get("timeout", "300"), s.what("timeout")),
        connect_timeout=_float(s.get("connect-timeout", "15"),
                               s.what("connect-timeout")),
        keep_going=_bool(s.get("keep-going", "no"), s.what("keep-going")),
        diff=s.get("diff", "auto") or "off",
        shrink=_shrink_mode(s.get("shrink", "auto"), s.what("shrink")),
        shrink_timeout=_float(s.get("shrink-timeout", "120"), s.what("shrink-timeout")),
        shrink_budget=_float(s.get("shrink-budget", "1800"), s.what("shrink-budget")),
    )
    s.check_unused()
    return st


# The tree's own risu-vm: tools/nightly/ is beside it.
RISU_VM = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "risu-vm")


def _vm_target(base: str, t: Target, s: _Section, is_ref: bool) -> None:
    """A reference run by tools/risu-vm under a Debian kernel: the real
    kernel's signals and fix-ups, no board needed."""
    if not is_ref:
        raise ConfigError("%s: implementations run under an emulator; a VM "
                          "(vm-kernel) can only be a reference"
                          % s.what("vm-kernel"))
    if s.get("emulator") or s.get("ssh-host"):
        raise ConfigError("[%s] a VM reference (vm-kernel) takes no emulator "
                          "or ssh-host" % s.title)
    t.kind = "vm"
    t.vm_kernel = s.get("vm-kernel")
    if not NAME_RE.match(t.vm_kernel):
        raise ConfigError("%s: bad kernel name '%s'" % (s.what("vm-kernel"),
                                                         t.vm_kernel))
    t.cpu = s.get("cpu", "")
    t.args = shlex.split(s.get("args", ""))
    t.risu_vm = _program(base, s.get("risu-vm", "") or RISU_VM)
    runner = s.get("runner", "")
    t.runner = _path(base, runner) if runner else ""


def _target(base: str, name: str, s: _Section, is_ref: bool) -> Target:
    host = s.get("ssh-host")
    timeout = s.get("timeout")
    t = Target(name=name, kind="ssh" if host else "emulator", runner="",
               revision=s.get("revision", ""),
               env=_env(s.get("env", ""), s.what("env")),
               timeout=_float(timeout, s.what("timeout")) if timeout else None,
               description=s.get("description", ""))
    if s.get("vm-kernel"):
        _vm_target(base, t, s, is_ref)
    elif host:
        if not is_ref:
            raise ConfigError("%s: implementations run under an emulator; "
                              "a board can only be a reference" % s.what("ssh-host"))
        if s.get("emulator") or s.get("cpu") or s.get("args"):
            raise ConfigError("[%s] a board (ssh-host) takes no emulator, cpu "
                              "or args" % s.title)
        t.ssh_host = host
        t.runner = s.get("runner", "risu")
        t.ssh = shlex.split(s.get("ssh", "ssh -o BatchMode=yes"))
        t.scp = shlex.split(s.get("scp", "scp -q -o BatchMode=yes"))
        t.workdir = s.get("workdir", "/tmp/risu-nightly")
        if not t.ssh or not t.scp:
            raise ConfigError("[%s] ssh and scp must not be empty" % s.title)
    else:
        t.emulator = _program(base, s.need("emulator"))
        t.cpu = s.need("cpu")
        t.args = shlex.split(s.get("args", ""))
        runner = s.get("runner", "")
        t.runner = _path(base, runner) if runner else ""
    s.check_unused()
    return t


def _suite(base: str, name: str, s: _Section) -> Suite:
    su = Suite(
        name=name,
        arch=s.need("arch"),
        gen_cpu=s.get("gen-cpu", ""),
        tags=parse_tags(s.get("tags", "*"), s.what("tags")),
        seeds=parse_int_list(s.need("seeds"), s.what("seeds")),
        numinsns=parse_int_list(s.get("numinsns", "1000"), s.what("numinsns")),
        references=_words(s.need("references")),
        implementations=_words(s.need("implementations")),
        files=[_path(base, f) for f in s.get("files", "").split()],
        risugen_args=shlex.split(s.get("risugen-args", "")),
        runner=_path(base, s.get("runner")) if s.get("runner") else "",
    )
    timeout = s.get("timeout")
    su.timeout = _float(timeout, s.what("timeout")) if timeout else None
    if any(n == 0 for n in su.numinsns):
        raise ConfigError("%s: 0 instructions" % s.what("numinsns"))
    s.check_unused()
    return su


def load(path: str, text: Optional[str] = None) -> Config:
    """Parse and check a config file (or TEXT, reported as PATH)."""
    path = os.path.abspath(path)
    base = os.path.dirname(path)
    cp = configparser.ConfigParser(
        interpolation=configparser.ExtendedInterpolation(),
        inline_comment_prefixes=("#",),     # only after whitespace
        empty_lines_in_values=False, strict=True)
    cp.optionxform = str.lower
    try:
        if text is None:
            with open(path, encoding="utf-8") as f:
                cp.read_file(f, source=path)
        else:
            cp.read_string(text, source=path)
    except OSError as e:
        raise ConfigError("%s: %s" % (path, e.strerror))
    except UnicodeDecodeError as e:
        raise ConfigError("%s: not UTF-8 text (byte 0x%02x at offset %d)" %
                          (path, e.object[e.start], e.start))
    except configparser.Error as e:
        raise ConfigError("%s: %s" % (path, str(e).replace("\n", " ")))

    settings = None
    refs: Dict[str, Target] = {}
    impls: Dict[str, Target] = {}
    suites: Dict[str, Suite] = {}
    for title in cp.sections():
        sec = _Section(path, title, cp[title])
        kind, _, name = title.partition(" ")
        name = name.strip()
        if kind == "nightly" and not name:
            settings = _settings(path, base, sec)
            continue
        if kind == "vars" and not name:
            continue          # free keys for ${vars:KEY} interpolation
        if kind not in ("reference", "implementation", "suite"):
            raise ConfigError("%s: unknown section [%s] (expected [nightly], "
                              "[reference NAME], [implementation NAME], "
                              "[suite NAME] or [vars])" % (path, title))
        if not NAME_RE.match(name):
            raise ConfigError("%s: [%s]: a name is letters, digits, '_', "
                              "'-' and '.' (not first) only: it is part of "
                              "job ids and file names" % (path, title))
        if kind == "reference":
            refs[name] = _target(base, name, sec, True)
        elif kind == "implementation":
            impls[name] = _target(base, name, sec, False)
        else:
            suites[name] = _suite(base, name, sec)
    if settings is None:
        settings = _settings(path, base, _Section(path, "nightly",
                                                  cp[cp.default_section]))
    if not suites:
        raise ConfigError("%s: no [suite NAME] section" % path)
    for su in suites.values():
        for r in su.references:
            if r not in refs:
                raise ConfigError("%s: [suite %s] references: no [reference %s]"
                                  % (path, su.name, r))
        for i in su.implementations:
            if i not in impls:
                raise ConfigError("%s: [suite %s] implementations: no "
                                  "[implementation %s]" % (path, su.name, i))
        for t in [refs[r] for r in su.references] + \
                 [impls[i] for i in su.implementations]:
            if t.kind in ("emulator", "vm") and not (t.runner or su.runner):
                raise ConfigError("%s: [suite %s] %s has no runner (set "
                                  "'runner' in the suite or the target)"
                                  % (path, su.name, t.name))
    return Config(settings, refs, impls, suites)


def runner_for(t: Target, su: Suite) -> str:
    return t.runner or su.runner


def which(prog: str) -> Optional[str]:
    """Resolve a program as the job will run it (PATH or a path)."""
    if "/" in prog:
        return prog if os.access(prog, os.X_OK) else None
    return shutil.which(prog)


def split_tags(tagset: str) -> Tuple[str, ...]:
    return () if tagset == "*" else tuple(tagset.split(","))
