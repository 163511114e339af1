#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run every ARM tag of our pattern files under qemu-user, live.

For each (instruction set, QEMU CPU model, tag): risugen makes an image
of N instructions from the tag's patterns (--cpu MODEL), the runner runs
it as master (--dump, to see every checkpoint's signal) and apprentice
over a Unix socket, and the row records the signals by kind, the
patterns that raised SIGILL (there should be none: every pattern a CPU
lacks is filtered by `requires`) and whether the two sides matched.

    tests/arch/arm/validate.py [--build B] [-n N] [--seed S] [-j J] [--quick]
                          [--markdown FILE] [--only ARCH[/CPU]]

Exit 0 when every row has zero SIGILL and a match, 1 otherwise, 2 when
something could not run.  `make validate-arm` (the full table, 10000
instructions per tag) and `make check-arm-tags` (--quick: 300 per tag)
use it.  Rows whose tag has no pattern for a CPU are listed as such.
"""
import argparse
import collections
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

A = 'arch/arm'
A64 = '+'.join('%s/%s.decode' % (A, f) for f in
               ('a64', 'a64-mem', 'a64-fp', 'a64-simd', 'a64-crypto', 'sve',
                'sve-ext', 'sve-mem', 'sve2'))
A32 = '+'.join('%s/%s.decode' % (A, f) for f in ('a32', 'a32-vfp', 'a32-neon'))
T32 = '+'.join('%s/%s.decode' % (A, f) for f in ('t32', 'a32-vfp', 't32-neon'))

# name: risugen arch, runner, qemu, risugen file arguments
SETS = {
    'aarch64': ('aarch64', 'aarch64', 'qemu-aarch64', [A64]),
    'arm': ('arm', 'armhf', 'qemu-arm', [A32]),
    'arm-cond': ('arm', 'armhf', 'qemu-arm', ['%s/a32-cond.decode' % A]),
    'thumb': ('thumb', 'armhf', 'qemu-arm',
              ['--insnwidth', '16', '%s/t16.decode' % A, '--insnwidth', '32',
               T32]),
}
# QEMU's own decode files with our overlays (--qemu-src): file -> arch.
# vfp.decode is run in both states (QEMU's A32 and T32 decoders use it).
QEMU_FILES = [('a32', 'arm'), ('a32-uncond', 'arm'), ('vfp', 'arm'),
              ('vfp-uncond', 'arm'), ('neon-dp', 'arm'), ('neon-ls', 'arm'),
              ('neon-shared', 'arm'), ('t32', 'thumb'), ('vfp', 'thumb'),
              ('t16', 'thumb'), ('a64', 'aarch64'), ('sve', 'aarch64')]
# cortex-a9 lacks the divide and VFPv4 instructions that a15 has.
CPUS = {'aarch64': ['max', 'cortex-a57'],
        'arm': ['max', 'cortex-a15', 'cortex-a9'],
        'arm-cond': ['max', 'cortex-a15'],
        'thumb': ['max', 'cortex-a15', 'cortex-a9']}
# --quick: every tag on max, the whole-file tags on the older models too.
QUICK_OLD = {'aarch64': ['a64'], 'arm': ['a32'], 'arm-cond': ['a32-cond'],
             'thumb': ['t32', 't16']}
SIGNAMES = {4: 'SIGILL', 5: 'SIGTRAP', 7: 'SIGBUS', 8: 'SIGFPE',
            11: 'SIGSEGV'}
HARNESS = re.compile(r'^(preamble|OPTRAP|CHECKPOINT|memory|clean-up|fix-up|<)')


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def risugen_arch(s):
    return SETS[s][0]


def add_qemu_sets(src):
    """One set per QEMU decode file found under src (tcg/ or 7.2 layout)."""
    names = []
    for f, arch in QEMU_FILES:
        for d in ('target/arm/tcg', 'target/arm'):
            path = os.path.join(src, d, f + '.decode')
            if os.path.exists(path):
                break
        else:
            continue
        runner = 'aarch64' if arch == 'aarch64' else 'armhf'
        name = 'q-%s' % f if arch != 'thumb' or f != 'vfp' else 'q-vfp-t32'
        width = ['--insnwidth', '16'] if f == 't16' else []
        SETS[name] = (arch, runner, 'qemu-' + runner.replace('armhf', 'arm'),
                      ['--drop-unsatisfiable', '--overlay',
                       '%s/qemu/%s.overlay' % (A, f)] + width + [path])
        CPUS[name] = CPUS['aarch64' if arch == 'aarch64' else 'arm'][:2]
        QUICK_OLD[name] = ['all']
        names.append(name)
    return names


def tags_of(b, s, cpu):
    """Tag -> number of patterns, for what risugen selects on the CPU."""
    r = run([b + '/risugen', '--arch', risugen_arch(s), '--cpu', cpu,
             '--list'] + SETS[s][3])
    count = collections.Counter()
    if r.returncode and 'no pattern selected' in r.stderr:
        return count
    if r.returncode:
        raise SystemExit('risugen --list failed:\n' + r.stderr)
    if s.startswith('q-'):
        # QEMU files: one row for the whole file.
        count['all'] = len(r.stdout.splitlines())
        return count
    for line in r.stdout.splitlines():
        m = re.search(r' tags=(\S*)', line)
        for t in (m.group(1).split(',') if m and m.group(1) else []):
            count[t] += 1
    return count


def listing(text):
    """Checkpoint offset -> name of the test instruction before it."""
    names, last = {}, None
    for line in text.splitlines():
        m = re.match(r'\s*([0-9a-f]+): ([0-9a-f]+)\s+(\S+)', line)
        if not m:
            continue
        off, label = int(m.group(1), 16), m.group(3)
        if label == 'CHECKPOINT':
            names[off] = last
            last = None
        elif not HARNESS.match(label):
            last = label
    return names


def row(b, s, cpu, tag, npat, n, seed, tmp):
    """Generate, run live with a dumping master; return the result dict."""
    arch = risugen_arch(s)
    runner, qemu, files = SETS[s][1:]
    img = os.path.join(tmp, '%s-%s-%s.bin' % (s, cpu, tag))
    sock = img + '.sock'
    group = [] if tag == 'all' else ['--group', tag]
    gen = [b + '/risugen', '--arch', arch, '--cpu', cpu] + group + \
        ['-n', str(n), '-s', str(seed)] + files
    res = {'set': s, 'cpu': cpu, 'tag': tag, 'patterns': npat, 'insns': n,
           'signals': collections.Counter(), 'sigill': collections.Counter(),
           'example': {},
           'checkpoints': 0, 'match': False, 'error': None}
    r = run(gen + ['-o', img])
    if r.returncode:
        res['error'] = 'risugen: ' + r.stderr.strip().splitlines()[-1]
        return res
    names = listing(run(gen + ['--dry-run']).stdout)
    q = [qemu, '-cpu', cpu, '%s/risu-%s' % (b, runner)]
    # Signals from a recorded trace (the runner's own --dump is slow under
    # qemu); the match from a live run over a Unix socket.
    tr = img + '.tr'
    rec = run(q + ['--master', '-t', tr, img], timeout=1800)
    if rec.returncode:
        res['error'] = 'record: ' + rec.stderr.strip()[-600:]
        return res
    show = subprocess.Popen([b + '/risu-trace', 'show', tr],
                            stdout=subprocess.PIPE, universal_newlines=True)
    for line in show.stdout:
        if not line.startswith('#'):
            continue
        m = re.match(r'#(\d+) op \d+ pc (0x[0-9a-f]+)', line)
        if not m:
            continue
        res['checkpoints'] += 1
        sm = re.search(r' signal (\d+) si_code', line)
        if sm:
            sig = SIGNAMES.get(int(sm.group(1)), 'sig' + sm.group(1))
            res['signals'][sig] += 1
            if sig == 'SIGILL':
                pat = names.get(int(m.group(2), 16), '?')
                res['sigill'][pat] += 1
                wm = re.search(r' insn (0x[0-9a-f]+)', line)
                res['example'].setdefault(pat, wm.group(1) if wm else '?')
    show.wait()
    with open(img + '.err', 'w+') as err:
        master = subprocess.Popen(q + ['--master', '--timeout', '300',
                                       '--unix', sock, img],
                                  stdout=subprocess.DEVNULL, stderr=err)
        for _ in range(300):
            if os.path.exists(sock) or master.poll() is not None:
                break
            time.sleep(0.05)
        try:
            app = run(q + ['--timeout', '300', '--unix', sock, img],
                      timeout=1800)
            master.wait(timeout=1800)
        except subprocess.TimeoutExpired:
            master.kill()
            res['error'] = 'timeout'
            return res
        err.seek(0)
        merr = err.read()
    res['match'] = app.returncode == 0 and master.returncode == 0
    if not res['match']:
        res['error'] = (app.stdout + app.stderr + merr).strip()[-600:]
    for f in (img, tr, img + '.err'):
        try:
            os.unlink(f)
        except OSError:
            pass
    return res


def fmt_signals(c):
    return ', '.join('%s %d' % (k, c[k]) for k in sorted(c)) or '-'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.environ.get('BUILD', 'build'))
    ap.add_argument('-n', type=int, default=10000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('-j', type=int, default=1)
    ap.add_argument('--quick', action='store_true')
    ap.add_argument('--markdown')
    ap.add_argument('--only', action='append', default=[])
    ap.add_argument('--qemu-src', help='also (or with --only q-*, only) '
                    'QEMU\'s decode files of this tree, with our overlays')
    o = ap.parse_args()
    b = o.build
    if o.qemu_src and not add_qemu_sets(o.qemu_src):
        raise SystemExit('no ARM decode files under ' + o.qemu_src)
    jobs = []
    for s in SETS:
        runner, qemu = SETS[s][1], SETS[s][2]
        if not os.access('%s/risu-%s' % (b, runner), os.X_OK) or \
                not shutil.which(qemu):
            print('skip: %s (no %s/risu-%s or %s)' % (s, b, runner, qemu))
            continue
        for cpu in CPUS[s]:
            if o.only and s not in o.only and '%s/%s' % (s, cpu) not in o.only:
                continue
            if o.quick and cpu != 'max' and not QUICK_OLD[s]:
                continue
            have = tags_of(b, s, cpu)
            every = tags_of(b, s, 'max')
            for tag in sorted(every):
                if o.quick and cpu != 'max' and tag not in QUICK_OLD[s]:
                    continue
                jobs.append((s, cpu, tag, have.get(tag, 0)))
    rows = []
    with tempfile.TemporaryDirectory(prefix='risu-validate.') as tmp, \
            concurrent.futures.ThreadPoolExecutor(o.j) as ex:
        futs = []
        for s, cpu, tag, npat in jobs:
            if npat == 0:
                rows.append({'set': s, 'cpu': cpu, 'tag': tag, 'patterns': 0,
                             'none': True})
                continue
            futs.append(ex.submit(row, b, s, cpu, tag, npat, o.n, o.seed,
                                  tmp))
        for f in futs:
            r = f.result()
            rows.append(r)
            state = 'match' if r['match'] else 'FAIL'
            print('%-8s %-10s %-14s %5d pat %6d ckpt  %-40s %s%s' % (
                r['set'], r['cpu'], r['tag'], r['patterns'], r['checkpoints'],
                fmt_signals(r['signals']), state,
                ('  SIGILL from ' + ', '.join(
                    '%s %d (e.g. %s)' % (k, v, r['example'][k])
                    for k, v in sorted(r['sigill'].items())))
                if r['sigill'] else ''), flush=True)
            if r['error']:
                print('    ' + r['error'].replace('\n', '\n    '))
    bad = [r for r in rows if not r.get('none') and
           (r['sigill'] or not r['match'])]
    if o.markdown:
        with open(o.markdown, 'w') as f:
            f.write('| set | cpu | tag | patterns | insns | checkpoints | '
                    'signals | SIGILL | match |\n')
            f.write('|---|---|---|---|---|---|---|---|---|\n')
            order = ['max', 'cortex-a57', 'cortex-a15', 'cortex-a9']
            key = lambda r: (r['set'], r['tag'], order.index(r['cpu']))
            for r in sorted(rows, key=key):
                if r.get('none'):
                    f.write('| %s | %s | %s | 0 | - | - | - | - | (no '
                            'pattern for this CPU) |\n' % (r['set'], r['cpu'],
                                                          r['tag']))
                    continue
                f.write('| %s | %s | %s | %d | %d | %d | %s | %d | %s |\n' % (
                    r['set'], r['cpu'], r['tag'], r['patterns'], r['insns'],
                    r['checkpoints'], fmt_signals(r['signals']),
                    r['signals']['SIGILL'], 'yes' if r['match'] else 'NO'))
    ran = len([r for r in rows if not r.get('none')])
    print('validate-arm: %d rows run, %d with SIGILL or a mismatch' %
          (ran, len(bad)))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
