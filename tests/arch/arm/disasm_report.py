#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Disassembler agreement report for an ARM pattern namespace.

risugen --verify accepts a word when capstone, or failing that objdump,
names it like its pattern.  This report asks both disassemblers about
every generated word and lists, per pattern, where either of them
disagrees (undecoded, or another instruction than the pattern names),
so each disagreement can be explained (docs/arm-patterns.md).

    tests/arch/arm/disasm_report.py [--build B] [-n N] ARCH RISUGEN-FILE-ARGS...

ARCH is arm, thumb or aarch64; the rest goes to risugen (--cpu max is
added).  Needs libcapstone (loaded with ctypes) and the cross objdump.
Exit 1 if some word is accepted by neither disassembler.
"""
import collections
import ctypes
import ctypes.util
import fnmatch
import os
import re
import subprocess
import sys
import tempfile

CS_ARCH = {'arm': 0, 'thumb': 0, 'aarch64': 1}
CS_MODE = {'arm': 1 << 6, 'thumb': (1 << 4) | (1 << 6), 'aarch64': 0}
OBJDUMP = {'arm': ['arm-linux-gnueabihf-objdump', '-m', 'arm'],
           'thumb': ['arm-linux-gnueabihf-objdump', '-m', 'arm', '-M',
                     'force-thumb'],
           'aarch64': ['aarch64-linux-gnu-objdump', '-m', 'aarch64']}
HARNESS = re.compile(r'^(preamble|OPTRAP|CHECKPOINT|memory|clean-up|fix-up|<)')


class CsInsn(ctypes.Structure):
    """cs_insn of capstone 4 (bytes[16]; capstone 5 has 24)."""
    _fields_ = [('id', ctypes.c_uint), ('address', ctypes.c_uint64),
                ('size', ctypes.c_uint16), ('bytes', ctypes.c_uint8 * 16),
                ('mnemonic', ctypes.c_char * 32),
                ('op_str', ctypes.c_char * 160), ('detail', ctypes.c_void_p)]


class Capstone:
    def __init__(self, arch):
        lib = ctypes.CDLL(ctypes.util.find_library('capstone') or
                          'libcapstone.so.4')
        lib.cs_disasm.restype = ctypes.c_size_t
        lib.cs_disasm.argtypes = [ctypes.c_size_t, ctypes.c_char_p,
                                  ctypes.c_size_t, ctypes.c_uint64,
                                  ctypes.c_size_t,
                                  ctypes.POINTER(ctypes.POINTER(CsInsn))]
        lib.cs_free.argtypes = [ctypes.POINTER(CsInsn), ctypes.c_size_t]
        self.lib = lib
        self.h = ctypes.c_size_t()
        if lib.cs_open(CS_ARCH[arch], CS_MODE[arch], ctypes.byref(self.h)):
            raise SystemExit('cs_open failed')

    def dis(self, code):
        p = ctypes.POINTER(CsInsn)()
        n = self.lib.cs_disasm(self.h, code, len(code), 0, 1, ctypes.byref(p))
        if n != 1 or p[0].size != len(code):
            if n:
                self.lib.cs_free(p, n)
            return None
        r = (p[0].mnemonic.decode(), p[0].op_str.decode())
        self.lib.cs_free(p, n)
        return r


def load_aliases(path):
    al = []
    for line in open(path):
        line = line.split('#')[0].split()
        if len(line) >= 2:
            al.append((line[0], line[1:]))
    return al


def fits(aliases, pat, mn):
    mn = mn.lower()
    for glob, mns in aliases:
        if fnmatch.fnmatchcase(pat, glob):
            for a in mns:
                if (a.endswith('*') and mn.startswith(a[:-1])) or a == mn:
                    return True
    head = pat.split('_')[0].lower()
    return mn.startswith(head)


def words(listing, arch):
    """(word, width, pattern) for every test instruction of a listing."""
    out, prev = [], None
    for line in listing.splitlines():
        m = re.match(r'\s*([0-9a-f]+): ([0-9a-f]+)\s+(\S+)', line)
        if not m or HARNESS.match(m.group(3)):
            prev = None
            continue
        w, name = m.group(2), m.group(3)
        if arch == 'thumb' and len(w) == 4:
            if prev and prev[1] == name:
                out.append((int(prev[0] + w, 16), 32, name))
                prev = None
                continue
            if int(w, 16) >> 11 >= 0x1d:
                prev = (w, name)
                continue
            out.append((int(w, 16), 16, name))
            prev = None
            continue
        out.append((int(w, 16), 32, name))
    return out


def to_bytes(w, width, arch):
    if width == 16:
        return w.to_bytes(2, 'little')
    if arch == 'thumb':
        return (w >> 16).to_bytes(2, 'little') + (w & 0xffff).to_bytes(2,
                                                                      'little')
    return w.to_bytes(4, 'little')


def objdump(arch, items):
    """Mnemonic (or None) for each (word, width) via one objdump run."""
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        offs = []
        for w, width, _ in items:
            offs.append(f.tell())
            f.write(to_bytes(w, width, arch))
        f.flush()
        r = subprocess.run(OBJDUMP[arch] + ['-D', '-b', 'binary', f.name],
                           stdout=subprocess.PIPE, universal_newlines=True)
    got = {}
    for line in r.stdout.splitlines():
        m = re.match(r'\s*([0-9a-f]+):\t[0-9a-f ]+\t(\S+)\s*(.*)', line)
        if m:
            got[int(m.group(1), 16)] = (m.group(2), m.group(3))
    res = []
    for o in offs:
        g = got.get(o)
        if g and (g[0].startswith('.') or 'undefined' in g[0] or
                  'undefined' in g[1]):
            g = None
        res.append(g)
    return res


def main():
    args = sys.argv[1:]
    build = 'build'
    n = 5000
    while args and args[0] in ('--build', '-n'):
        if args[0] == '--build':
            build = args[1]
        else:
            n = int(args[1])
        args = args[2:]
    arch, files = args[0], args[1:]
    r = subprocess.run([build + '/risugen', '--arch', arch, '--cpu', 'max',
                        '-n', str(n), '-s', '3', '--dry-run'] + files,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if r.returncode:
        raise SystemExit(r.stderr)
    items = words(r.stdout, arch)
    aliases = load_aliases('arch/arm/disasm-aliases.txt')
    cs = Capstone(arch)
    od = objdump(arch, items)
    per = collections.defaultdict(collections.Counter)
    example = {}
    npat = set()
    for (w, width, name), o in zip(items, od):
        npat.add(name)
        c = cs.dis(to_bytes(w, width, arch))
        cv = 'ok' if c and fits(aliases, name, c[0]) else \
            ('undecoded' if not c else 'other')
        ov = 'ok' if o and fits(aliases, name, o[0]) else \
            ('undecoded' if not o else 'other')
        per[name][(cv, ov)] += 1
        if (cv, ov) != ('ok', 'ok') and (name, cv, ov) not in example:
            example[(name, cv, ov)] = (w, c, o)
    total = len(items)
    both_bad = 0
    classes = collections.Counter()
    lines = []
    for name in sorted(per):
        for (cv, ov), k in sorted(per[name].items()):
            if (cv, ov) == ('ok', 'ok'):
                continue
            classes[(cv, ov)] += k
            if cv != 'ok' and ov != 'ok':
                both_bad += k
            w, c, o = example[(name, cv, ov)]
            lines.append('  %-22s %5d  capstone %-9s objdump %-9s e.g. %08x: '
                         'capstone "%s" objdump "%s"' % (
                             name, k, cv, ov, w,
                             ' '.join(c) if c else '-',
                             ' '.join(o) if o else '-'))
    print('%s %s: %d words of %d patterns; capstone disagrees on %d, '
          'objdump on %d, both on %d' % (
              arch, ' '.join(files), total, len(npat),
              sum(k for (cv, ov), k in classes.items() if cv != 'ok'),
              sum(k for (cv, ov), k in classes.items() if ov != 'ok'),
              both_bad))
    for line in lines:
        print(line)
    sys.exit(1 if both_bad else 0)


if __name__ == '__main__':
    main()
