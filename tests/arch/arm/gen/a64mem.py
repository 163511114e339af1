# SPDX-License-Identifier: GPL-2.0-or-later
import re, sys
# emits arch/arm/a64-mem.decode (dev helper, output committed; script not)
out = []
w = out.append
w("""# risu-dt patterns: A64 loads and stores.
#
# Written for risu-dt from the Arm ARM (DDI 0487) "Loads and Stores"
# encoding tables; decodetree syntax, annotations in `#@` comments
# (docs/annotations.md).  Its own namespace: field, argument set and
# format names start with m_ so the file can share a decodetree.py run
# with the other a64*.decode files.
# Pattern names start with the mnemonic (for risugen --verify).
#
# Memory operands: `mem base=rn ...` tells the generator to point the
# base register into the test's memory block.  Rn = 31 (SP) is never
# generated (class gpr).  Integer data registers never equal the base
# register: storing an address, or loading over the base, would make the
# result depend on where the memory block is, and with writeback it is
# CONSTRAINED UNPREDICTABLE.  Index registers (class gpr) never equal the
# base either, so the generator can set both.
#
# Classes: gpr (X0..X30), gprzr (X0..X30, 31 = XZR), vreg (V0..V31).
# FEAT_LOR (LDLAR/STLLR) needs `lor`, FEAT_LRCPC2 (LDAPUR/STLUR) `rcpc2`.
""")

def fmts():
    w("""&m_ri           rt rn imm
&m_rr           rt rn rm opt s
&m_pair         rt rt2 rn imm
&m_ex           rs rt rt2 rn
&m_vls          q rt rn rm
&m_vlss         q s sz rt rn rm

@m_uimm         .. ... . .. .. imm:12 rn:5 rt:5                 &m_ri
@m_simm         .. ... . .. .. . imm:s9 .. rn:5 rt:5            &m_ri
@m_reg          .. ... . .. .. . rm:5 opt:3 s:1 .. rn:5 rt:5    &m_rr
@m_pair         .. ... . ... . imm:s7 rt2:5 rn:5 rt:5           &m_pair
""")
fmts()

# integer (size, opc) variants: name, bytes, load?, mnemonic stem
INT = [
 ('STRB', 0, 0, 1, False), ('LDRB', 0, 1, 1, True), ('LDRSBx', 0, 2, 1, True), ('LDRSBw', 0, 3, 1, True),
 ('STRH', 1, 0, 2, False), ('LDRH', 1, 1, 2, True), ('LDRSHx', 1, 2, 2, True), ('LDRSHw', 1, 3, 2, True),
 ('STRw', 2, 0, 4, False), ('LDRw', 2, 1, 4, True), ('LDRSW', 2, 2, 4, True),
 ('STRx', 3, 0, 8, False), ('LDRx', 3, 1, 8, True),
]
# SIMD&FP (size, opc) variants
VEC = [
 ('STRb', 0, 0, 1, False), ('LDRb', 0, 1, 1, True),
 ('STRh', 1, 0, 2, False), ('LDRh', 1, 1, 2, True),
 ('STRs', 2, 0, 4, False), ('LDRs', 2, 1, 4, True),
 ('STRd', 3, 0, 8, False), ('LDRd', 3, 1, 8, True),
 ('STRq', 0, 2, 16, False), ('LDRq', 0, 3, 16, True),
]
def b(v, n): return format(v, '0%db' % n)
LOG = {1: 0, 2: 1, 4: 2, 8: 3, 16: 4}

def nmf(nm, mode):
    # pattern name = the mnemonic (so --verify can match it), then the form
    m = re.match(r'(STR|LDR)(S?)([BHW]?)([bhsdqwx]?)$', nm)
    op, sg, sz, reg = m.groups()
    if mode == 'ur':
        op = 'STUR' if op == 'STR' else 'LDUR'
    elif mode == 't':
        op = 'STTR' if op == 'STR' else 'LDTR'
    base = op + sg + sz
    parts = [base] + ([reg] if reg else []) + ([] if mode in ('ur', 't') else [mode])
    return '_'.join(parts) if len(parts) > 1 else base + '_i'

def emit(name, bits, fmt, ann):
    for a in ann:
        w('#@ ' + a)
    w('%-23s %s %s' % (name, bits, fmt))

for vec, table, cls in ((0, INT, 'gprzr'), (1, VEC, 'vreg')):
    tag = 'a64-mem' if not vec else 'a64-mem a64-fp-mem'
    w('\n### %s registers: unsigned offset, unscaled, post/pre-index,\n### %sregister offset.'
      % ('SIMD&FP' if vec else 'General', '' if vec else 'unprivileged, '))
    w('#@ all: tags a64 ' + tag)
    for (nm, size, opc, nb, ld) in table:
        base = ['reg gpr rn', 'reg %s rt' % cls]
        if not vec:
            base.append('constraint rt != rn')
        sz, op = b(size, 2), b(opc, 2)
        v = str(vec)
        w('')
        emit(nmf(nm, 'u'), '%s 111 %s 01 %s ............ ..... .....' % (sz, v, op), '@m_uimm',
             base + ['mem base=rn offset=imm*%d size=%d' % (nb, nb)])
        emit(nmf(nm, 'ur'), '%s 111 %s 00 %s 0 ......... 00 ..... .....' % (sz, v, op), '@m_simm',
             base + ['mem base=rn offset=imm size=%d' % nb])
        emit(nmf(nm, 'post'), '%s 111 %s 00 %s 0 ......... 01 ..... .....' % (sz, v, op), '@m_simm',
             base + ['mem base=rn offset=imm size=%d post wb' % nb])
        emit(nmf(nm, 'pre'), '%s 111 %s 00 %s 0 ......... 11 ..... .....' % (sz, v, op), '@m_simm',
             base + ['mem base=rn offset=imm size=%d wb' % nb])
        if not vec:
            emit(nmf(nm, 't'), '%s 111 %s 00 %s 0 ......... 10 ..... .....' % (sz, v, op), '@m_simm',
                 base + ['tags a64 a64-mem a64-unpriv', 'mem base=rn offset=imm size=%d' % nb])
        # register offset: option<1> must be 1 (UXTW, LSL, SXTW, SXTX)
        sc = '1' if nb == 1 else '(1+s*%d)' % (nb - 1)
        emit(nmf(nm, 'r'), '%s 111 %s 00 %s 1 ..... ... . 10 ..... .....' % (sz, v, op), '@m_reg',
             base + ['reg gpr rm', 'constraint (opt & 2) != 0 && rm != rn',
                     'mem base=rn index=rm scale=%s size=%d' % (sc, nb)])
    w('#@ all: clear')

w("""
### Prefetch: no architectural effect, never faults.
#@ all: tags a64 a64-mem a64-prefetch
#@ reg gpr rn
PRFM_u                  11 111 0 01 10 imm:12 rn:5 op:5
#@ reg gpr rn
PRFUM                   11 111 0 00 10 0 imm:s9 00 rn:5 op:5
#@ reg gpr rn rm
#@ constraint (opt & 2) != 0
PRFM_r                  11 111 0 00 10 1 rm:5 opt:3 s:1 10 rn:5 op:5
#@ all: clear

### Load register (literal): PC + imm*4, read from a literal pool the
### generator places within reach (+-1 MiB) and solves imm for
### (gen/pcrel.c).  opc 11 with V=1 is unallocated.
#@ all: tags a64 a64-mem pcrel
#@ reg gprzr rt
#@ pcrel target=imm*4 field=imm size=4
LDR_lit_w               00 011 0 00 imm:s19 rt:5
#@ reg gprzr rt
#@ pcrel target=imm*4 field=imm size=8
LDR_lit_x               01 011 0 00 imm:s19 rt:5
#@ reg gprzr rt
#@ pcrel target=imm*4 field=imm size=4
LDRSW_lit               10 011 0 00 imm:s19 rt:5
#@ tags a64-prefetch
#@ pcrel target=imm*4 field=imm size=1
PRFM_lit                11 011 0 00 imm:s19 op:5
#@ reg vreg rt
#@ tags a64-fp-mem
#@ pcrel target=imm*4 field=imm size=4
LDR_lit_s               00 011 1 00 imm:s19 rt:5
#@ reg vreg rt
#@ tags a64-fp-mem
#@ pcrel target=imm*4 field=imm size=8
LDR_lit_d               01 011 1 00 imm:s19 rt:5
#@ reg vreg rt
#@ tags a64-fp-mem
#@ pcrel target=imm*4 field=imm size=16
LDR_lit_q               10 011 1 00 imm:s19 rt:5
#@ all: clear
""")

# pairs
w('### Load/store pair: no-allocate (LDNP/STNP), post-index, signed offset,\n### pre-index.  LDP with Rt == Rt2 is CONSTRAINED UNPREDICTABLE.')
w('#@ all: tags a64 a64-mem a64-pair')
PAIRS = [  # name, opc, V, L, bytes per reg, cls
 ('STPw', 0, 0, 0, 4), ('LDPw', 0, 0, 1, 4), ('LDPSW', 1, 0, 1, 4),
 ('STPx', 2, 0, 0, 8), ('LDPx', 2, 0, 1, 8),
 ('STPs', 0, 1, 0, 4), ('LDPs', 0, 1, 1, 4), ('STPd', 1, 1, 0, 8), ('LDPd', 1, 1, 1, 8),
 ('STPq', 2, 1, 0, 16), ('LDPq', 2, 1, 1, 16),
]
MODES = [('n', '000', ''), ('post', '001', ' post wb'), ('o', '010', ''), ('pre', '011', ' wb')]
for (nm, opc, v, l, nb) in PAIRS:
    w('')
    cls = 'vreg' if v else 'gprzr'
    for (md, ty, extra) in MODES:
        if nm == 'LDPSW' and md == 'n':
            continue
        n2 = nm
        if md == 'n':
            n2 = nm.replace('STP', 'STNP').replace('LDP', 'LDNP')
        ann = ['reg gpr rn', 'reg %s rt rt2' % cls]
        cons = []
        if not v:
            cons += ['rt != rn', 'rt2 != rn']
        if l:
            cons.append('rt != rt2')
        if cons:
            ann.append('constraint ' + ' && '.join(cons))
        ann.append('mem base=rn offset=imm*%d size=%d%s' % (nb, 2 * nb, extra))
        emit(re.sub(r'([a-z])$', lambda m: '_' + m.group(1), n2) + ('_' + md if md != 'n' else ''),
             '%s 101 %d %s %d ....... ..... ..... .....' % (b(opc, 2), v, ty, l), '@m_pair', ann)
w('#@ all: clear')

# exclusives, acquire/release
w("""
### Exclusives and load-acquire/store-release.  A store-exclusive without
### a matching load-exclusive just fails (status 1), but whether the
### monitor survives the checkpoint trap between a LDXR and a STXR is not
### the same on every kernel and QEMU, so store-exclusives have weight 0
### (generated only when named).  Rs (status) must differ from Rt, Rt2 and
### Rn (CONSTRAINED UNPREDICTABLE).
#@ all: tags a64 a64-mem a64-excl""")
for sz in range(4):
    nb = 1 << sz
    s = b(sz, 2)
    sfx = 'bhwx'[sz]
    for o0, nm in ((0, 'STXR'), (1, 'STLXR')):
        w('#@ reg gprzr rs rt\n#@ reg gpr rn\n#@ weight 0')
        w('#@ constraint rs != rt && rs != rn && rt != rn')
        w('#@ mem base=rn size=%d align=%d' % (nb, nb))
        w('%-23s %s 001000 000 rs:5 %d 11111 rn:5 rt:5' % ('%s_%s' % (nm, sfx), s, o0))
    for o0, nm in ((0, 'LDXR'), (1, 'LDAXR')):
        w('#@ reg gprzr rt\n#@ reg gpr rn\n#@ constraint rt != rn')
        w('#@ mem base=rn size=%d align=%d' % (nb, nb))
        w('%-23s %s 001000 010 11111 %d 11111 rn:5 rt:5' % ('%s_%s' % (nm, sfx), s, o0))
    for o0, nm, req in ((1, 'STLR', ''), (0, 'STLLR', 'lor')):
        w('#@ reg gprzr rt\n#@ reg gpr rn\n#@ constraint rt != rn')
        if req: w('#@ requires ' + req)
        w('#@ mem base=rn size=%d align=%d' % (nb, nb))
        w('%-23s %s 001000 100 11111 %d 11111 rn:5 rt:5' % ('%s_%s' % (nm, sfx), s, o0))
    for o0, nm, req in ((1, 'LDAR', ''), (0, 'LDLAR', 'lor')):
        w('#@ reg gprzr rt\n#@ reg gpr rn\n#@ constraint rt != rn')
        if req: w('#@ requires ' + req)
        w('#@ mem base=rn size=%d align=%d' % (nb, nb))
        w('%-23s %s 001000 110 11111 %d 11111 rn:5 rt:5' % ('%s_%s' % (nm, sfx), s, o0))
for sz in (2, 3):
    nb = 1 << sz
    sfx = 'wx'[sz - 2]
    for o0, nm in ((0, 'STXP'), (1, 'STLXP')):
        w('#@ reg gprzr rs rt rt2\n#@ reg gpr rn\n#@ weight 0')
        w('#@ constraint rs != rt && rs != rt2 && rs != rn && rt != rn && rt2 != rn')
        w('#@ mem base=rn size=%d align=%d' % (2 * nb, 2 * nb))
        w('%-23s 1 %d 001000 001 rs:5 %d rt2:5 rn:5 rt:5' % ('%s_%s' % (nm, sfx), sz - 2, o0))
    for o0, nm in ((0, 'LDXP'), (1, 'LDAXP')):
        w('#@ reg gprzr rt rt2\n#@ reg gpr rn\n#@ constraint rt != rt2 && rt != rn && rt2 != rn')
        w('#@ mem base=rn size=%d align=%d' % (2 * nb, 2 * nb))
        w('%-23s 1 %d 001000 011 11111 %d rt2:5 rn:5 rt:5' % ('%s_%s' % (nm, sfx), sz - 2, o0))
w('#@ all: clear')

# LSE atomics
w("""
### Atomics (FEAT_LSE): CAS, CASP, LD<op>, SWP; ST<op> is LD<op> with Rt = XZR.
### Naturally aligned (no FEAT_LSE2 in QEMU 7.2).  Rs is stored to memory,
### so it never equals Rn.
#@ all: tags a64 a64-mem a64-atomic
#@ all: requires lse""")
OPS = ['LDADD', 'LDCLR', 'LDEOR', 'LDSET', 'LDSMAX', 'LDSMIN', 'LDUMAX', 'LDUMIN']
for sz in range(4):
    nb = 1 << sz
    s = b(sz, 2)
    sfx = 'bhwx'[sz]
    for i, op in enumerate(OPS):
        w('#@ reg gprzr rs rt\n#@ reg gpr rn\n#@ constraint rs != rn && rt != rn')
        w('#@ mem base=rn size=%d align=%d' % (nb, nb))
        w('%-23s %s 111 0 00 a:1 r:1 1 rs:5 0 %s 00 rn:5 rt:5' % ('%s_%s' % (op, sfx), s, b(i, 3)))
    w('#@ reg gprzr rs rt\n#@ reg gpr rn\n#@ constraint rs != rn && rt != rn')
    w('#@ mem base=rn size=%d align=%d' % (nb, nb))
    w('%-23s %s 111 0 00 a:1 r:1 1 rs:5 1 000 00 rn:5 rt:5' % ('SWP_%s' % sfx, s))
    w('#@ reg gprzr rs rt\n#@ reg gpr rn\n#@ constraint rs != rn && rt != rn')
    w('#@ mem base=rn size=%d align=%d' % (nb, nb))
    w('%-23s %s 001000 1 a:1 1 rs:5 r:1 11111 rn:5 rt:5' % ('CAS_%s' % sfx, s))
for sz in (2, 3):
    nb = 1 << sz
    w('#@ reg gprzr rs rt\n#@ reg gpr rn')
    w('#@ constraint even(rs) && even(rt) && rs != rn && rs + 1 != rn && rt != rn && rt + 1 != rn')
    w('#@ mem base=rn size=%d align=%d' % (2 * nb, 2 * nb))
    w('%-23s 0 %d 001000 0 a:1 1 rs:5 r:1 11111 rn:5 rt:5' % ('CASP_%s' % 'wx'[sz - 2], sz - 2))
w('#@ all: clear')
w("""
### RCpc (FEAT_LRCPC: LDAPR; FEAT_LRCPC2: LDAPUR/STLUR).
#@ all: tags a64 a64-mem a64-rcpc""")
for sz in range(4):
    nb = 1 << sz
    w('#@ reg gprzr rt\n#@ reg gpr rn\n#@ constraint rt != rn\n#@ requires rcpc')
    w('#@ mem base=rn size=%d align=%d' % (nb, nb))
    w('%-23s %s 111 0 00 1 0 1 11111 1 100 00 rn:5 rt:5' % ('LDAPR_%s' % 'bhwx'[sz], b(sz, 2)))
RC2 = [('STLURB', 0, 0, 1), ('LDAPURB', 0, 1, 1), ('LDAPURSBx', 0, 2, 1), ('LDAPURSBw', 0, 3, 1),
       ('STLURH', 1, 0, 2), ('LDAPURH', 1, 1, 2), ('LDAPURSHx', 1, 2, 2), ('LDAPURSHw', 1, 3, 2),
       ('STLURw', 2, 0, 4), ('LDAPURw', 2, 1, 4), ('LDAPURSW', 2, 2, 4),
       ('STLURx', 3, 0, 8), ('LDAPURx', 3, 1, 8)]
for (nm, sz, opc, nb) in RC2:
    w('#@ reg gprzr rt\n#@ reg gpr rn\n#@ constraint rt != rn\n#@ requires rcpc2')
    w('#@ mem base=rn offset=imm size=%d align=%d' % (nb, nb))
    w('%-23s %s 011001 %s 0 ......... 00 ..... .....  @m_simm' % (re.sub(r'(B|H|W|Bx|Bw|Hx|Hw|w|x)$', lambda m: m.group(1).upper()[0] + ('_' + m.group(1)[1] if len(m.group(1)) > 1 else '') if m.group(1)[0].isupper() else '_' + m.group(1), nm), b(sz, 2), b(opc, 2)))
w('#@ all: clear')

# SIMD structures
w("""
### AdvSIMD load/store multiple structures (LD1-LD4/ST1-ST4), no offset
### and post-index.  Post-index: Rm = 31 adds the transfer size, any other
### Rm adds that register (so Rm != Rn).  Split by Q so that each pattern
### has a fixed transfer size.  LD2/LD3/LD4 with size = 3 and Q = 0 are
### reserved.
#@ all: tags a64 a64-simd a64-simd-ldst""")
MULTI = [('4', '0000', 4), ('1x4', '0010', 4), ('3', '0100', 3), ('1x3', '0110', 3),
         ('1x1', '0111', 1), ('2', '1000', 2), ('1x2', '1010', 2)]
for (nm, opc, nr) in MULTI:
    for l in (0, 1):
        for q in (0, 1):
            nb = nr * (16 if q else 8)
            mn = ('LD' if l else 'ST') + nm
            cons = []
            if not nm.startswith('1') and q == 0:
                cons.append('sz != 3')
            c = ['constraint ' + ' && '.join(cons)] if cons else []
            emit('%s_%s' % (mn.replace('1x', '1_x'), 'q' if q else 'd'),
                 '0 %d 0011000 %d 000000 %s sz:2 rn:5 rt:5' % (q, l, opc), '',
                 ['reg gpr rn', 'reg vreg rt'] + c + ['mem base=rn size=%d' % nb])
            cr = cons + ['rm != rn']
            emit('%s_%s_post' % (mn.replace('1x', '1_x'), 'q' if q else 'd'),
                 '0 %d 0011001 %d 0 rm:5 %s sz:2 rn:5 rt:5' % (q, l, opc), '',
                 ['reg gpr rn', 'reg vreg rt', 'reg gprzr rm', 'constraint ' + ' && '.join(cr),
                  'mem base=rn size=%d post wb' % nb])
w("""
### AdvSIMD load/store single structure (one lane) and LDnR (load and
### replicate), no offset and post-index.  Lane index bits are Q:S:size.""")
EL = [('b', '000', 1, 's:1 sz:2'), ('h', '010', 2, 's:1 sz:1 0'), ('s', '100', 4, 's:1 00'),
      ('d', '100', 8, '0 01')]
for n in (1, 2, 3, 4):
    r = (n - 1) & 1
    o0 = (n - 1) >> 1
    for (e, opc, eb, cons) in EL:
        opbits = opc[:2] + str(o0)
        for l in (0, 1):
            mn = ('LD' if l else 'ST') + str(n)
            nb = n * eb
            emit('%s_lane_%s' % (mn, e), '0 q:1 0011010 %d %d 00000 %s %s rn:5 rt:5' % (l, r, opbits, cons), '',
                 ['reg gpr rn', 'reg vreg rt'] + ['mem base=rn size=%d' % nb])
            cr = ['rm != rn']
            emit('%s_lane_%s_post' % (mn, e), '0 q:1 0011011 %d %d rm:5 %s %s rn:5 rt:5' % (l, r, opbits, cons), '',
                 ['reg gpr rn', 'reg vreg rt', 'reg gprzr rm', 'constraint ' + ' && '.join(cr),
                  'mem base=rn size=%d post wb' % nb])
    for sz in range(4):
        nb = n * (1 << sz)
        opbits = '11' + str(o0)
        emit('LD%dR_%s' % (n, 'bhsd'[sz]), '0 q:1 0011010 1 %d 00000 %s 0 %s rn:5 rt:5' % (r, opbits, b(sz, 2)), '',
             ['reg gpr rn', 'reg vreg rt', 'mem base=rn size=%d' % nb])
        emit('LD%dR_%s_post' % (n, 'bhsd'[sz]), '0 q:1 0011011 1 %d rm:5 %s 0 %s rn:5 rt:5' % (r, opbits, b(sz, 2)), '',
             ['reg gpr rn', 'reg vreg rt', 'reg gprzr rm', 'constraint rm != rn',
              'mem base=rn size=%d post wb' % nb])
w('#@ all: clear')
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
