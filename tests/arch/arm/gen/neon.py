# SPDX-License-Identifier: GPL-2.0-or-later
import sys
THUMB = len(sys.argv) > 2 and sys.argv[2] == 't32'
out = []
IND = ['']
def w(x=''):
    for ln in x.split('\n'):
        out.append(IND[0] + ln if ln and ln[0] not in '{}' else ln)
def conv(bits):
    # bits: A32 string starting with 'DP<u>' or 'LS' prefix marker
    if bits.startswith('DP'):
        if bits[2] in '01':
            u, rest = bits[2], bits[3:]
        else:
            u, rest = bits[2:].split(' ', 1)
            rest = ' ' + rest
        return ('111 %s 1111' % u if THUMB else '1111 001 %s' % u) + rest
    if bits.startswith('LS'):
        return ('1111 1001' if THUMB else '1111 0100') + bits[2:]
    return bits
def top_and(c):
    # The " && " clauses of c outside parentheses, outer parentheses off.
    parts, depth, cur, i = [], 0, '', 0
    while i < len(c):
        if c[i] == '(':
            depth += 1
        elif c[i] == ')':
            depth -= 1
        if depth == 0 and c.startswith(' && ', i):
            parts.append(cur)
            cur, i = '', i + 4
            continue
        cur += c[i]
        i += 1
    parts.append(cur)
    out = []
    for p in parts:
        p = p.strip()
        while p.startswith('(') and p.endswith(')') and balanced(p[1:-1]):
            p = p[1:-1].strip()
        out.append(p)
    return out
def balanced(c):
    d = 0
    for ch in c:
        d += ch == '('
        d -= ch == ')'
        if d < 0:
            return False
    return d == 0
# Clauses whose violation the Arm ARM defines as UNDEFINED: Q = 1 with an
# odd D register ("if Q == '1' && Vd<0> == '1' ... then UNDEFINED") and
# reserved element sizes.  Written as `reserved` for the decode-edge
# generator; every other clause stays a `constraint`.
def undef_clause(c):
    return (c.startswith('q == 0 || ((') and c.endswith(') & 1) == 0')) or \
        c in ('sz != 3', 'sz == 1 || sz == 2', 'q == 0 || even(vd)')
def split_cons(cons):
    if not cons:
        return None, []
    parts = top_and(cons)
    res = [c for c in parts if undef_clause(c)]
    if not res:
        return cons, []
    keep = [c for c in parts if not undef_clause(c)]
    return (' && '.join('(%s)' % c if '||' in c else c for c in keep) or None), res
def pat(name, bits, roles=(), cons=None, req=None, tags=None, extra=()):
    for r in roles:
        w('#@ reg ' + r)
    keep, res = split_cons(cons)
    if keep:
        w('#@ constraint ' + keep)
    for r in res:
        w('#@ reserved !(%s)' % r)
    if req:
        w('#@ requires ' + req)
    if tags:
        w('#@ tags ' + tags)
    for e in extra:
        w('#@ ' + e)
    w('%-16s %s' % (name, conv(bits)))

ISA = 'T32' if THUMB else 'A32'
w("""# risu-dt patterns: %s Advanced SIMD (Neon): ARMv7 plus the ARMv8
# AArch32 additions (VMAXNM, VRINT, VCVTA.., crypto) and FEAT_FP16,
# FEAT_RDM.
#
# Written for risu-dt from the Arm ARM (DDI 0406C / DDI 0487 AArch32)
# "Advanced SIMD data-processing" and "Advanced SIMD element or structure
# load/store" tables; decodetree syntax, annotations in `#@` comments
# (docs/annotations.md).  a32-neon.decode and t32-neon.decode are
# generated from one table: they differ only in the top byte (A32
# 1111001U / 11110100, T32 111U1111 / 11111001).
#
# Registers: dreg D0-D31 (D:Vd), qreg = an even D number (Q=1 forms),
# gpr R0-R12, R14.  Q=1 with an odd register number is UNDEFINED, so
# every Q-form register field is constrained even.  Fields: q, sz (size),
# u; vd vn vm are D numbers.
#
#@ all: tags %s neon
#@ all: requires neon
""" % (ISA, 'a32' if not THUMB else 't32'))
w("""%n_vd    22:1 12:4
%n_vn    7:1 16:4
%n_vm    5:1 0:4
""")
VD, VN, VM = 'vd=%n_vd', 'vn=%n_vn', 'vm=%n_vm'
def qregs(regs):
    return '(q == 0 || ((%s) & 1) == 0)' % ' | '.join(regs)
def and_(*c):
    c = [x for x in c if x]
    return ' && '.join('(%s)' % x if '||' in x else x for x in c) if c else None
def roles_q(regs):
    return ('dreg ' + ' '.join(regs),)

w('### Three registers of the same length')
T3 = [  # name, U, A, B, sizes, q allowed
 ('VHADD', 0, '0000', 0, 'bhs', 1), ('VHADD_u', 1, '0000', 0, 'bhs', 1),
 ('VQADD', 0, '0000', 1, 'any', 1), ('VQADD_u', 1, '0000', 1, 'any', 1),
 ('VRHADD', 0, '0001', 0, 'bhs', 1), ('VRHADD_u', 1, '0001', 0, 'bhs', 1),
 ('VHSUB', 0, '0010', 0, 'bhs', 1), ('VHSUB_u', 1, '0010', 0, 'bhs', 1),
 ('VQSUB', 0, '0010', 1, 'any', 1), ('VQSUB_u', 1, '0010', 1, 'any', 1),
 ('VCGT', 0, '0011', 0, 'bhs', 1), ('VCGT_u', 1, '0011', 0, 'bhs', 1),
 ('VCGE', 0, '0011', 1, 'bhs', 1), ('VCGE_u', 1, '0011', 1, 'bhs', 1),
 ('VSHL', 0, '0100', 0, 'any', 1), ('VSHL_u', 1, '0100', 0, 'any', 1),
 ('VQSHL', 0, '0100', 1, 'any', 1), ('VQSHL_u', 1, '0100', 1, 'any', 1),
 ('VRSHL', 0, '0101', 0, 'any', 1), ('VRSHL_u', 1, '0101', 0, 'any', 1),
 ('VQRSHL', 0, '0101', 1, 'any', 1), ('VQRSHL_u', 1, '0101', 1, 'any', 1),
 ('VMAX', 0, '0110', 0, 'bhs', 1), ('VMAX_u', 1, '0110', 0, 'bhs', 1),
 ('VMIN', 0, '0110', 1, 'bhs', 1), ('VMIN_u', 1, '0110', 1, 'bhs', 1),
 ('VABD', 0, '0111', 0, 'bhs', 1), ('VABD_u', 1, '0111', 0, 'bhs', 1),
 ('VABA', 0, '0111', 1, 'bhs', 1), ('VABA_u', 1, '0111', 1, 'bhs', 1),
 ('VADD', 0, '1000', 0, 'any', 1), ('VSUB', 1, '1000', 0, 'any', 1),
 ('VTST', 0, '1000', 1, 'bhs', 1), ('VCEQ', 1, '1000', 1, 'bhs', 1),
 ('VMLA', 0, '1001', 0, 'bhs', 1), ('VMLS', 1, '1001', 0, 'bhs', 1),
 ('VMUL', 0, '1001', 1, 'bhs', 1),
 ('VPMAX', 0, '1010', 0, 'bhs', 0), ('VPMAX_u', 1, '1010', 0, 'bhs', 0),
 ('VPMIN', 0, '1010', 1, 'bhs', 0), ('VPMIN_u', 1, '1010', 1, 'bhs', 0),
 ('VQDMULH', 0, '1011', 0, 'hs', 1), ('VQRDMULH', 1, '1011', 0, 'hs', 1),
 ('VPADD', 0, '1011', 1, 'bhs', 0),
]
SZ = {'bhs': 'sz != 3', 'hs': '(sz == 1 || sz == 2)', 'any': None}
for n, u, a, b, sz, qok in T3:
    qbit = 'q:1' if qok else '0'
    cons = and_(SZ[sz], qregs(['vd', 'vn', 'vm']) if qok else None)
    pat(n, 'DP%d 0 . sz:2 .... .... %s . %s . %d ....  %s %s %s' % (u, a, qbit, b, VD, VN, VM), roles_q(['vd', 'vn', 'vm']), cons)
pat('VMUL_p', 'DP1 0 . 00 .... .... 1001 . q:1 . 1 ....  %s %s %s' % (VD, VN, VM), roles_q(['vd', 'vn', 'vm']), qregs(['vd', 'vn', 'vm']))
for n, u, sz in [('VAND', 0, '00'), ('VBIC', 0, '01'), ('VORR', 0, '10'), ('VORN', 0, '11'),
                 ('VEOR', 1, '00'), ('VBSL', 1, '01'), ('VBIT', 1, '10'), ('VBIF', 1, '11')]:
    pat(n, 'DP%d 0 . %s .... .... 0001 . q:1 . 1 ....  %s %s %s' % (u, sz, VD, VN, VM), roles_q(['vd', 'vn', 'vm']), qregs(['vd', 'vn', 'vm']))
pat('VQRDMLAH', 'DP1 0 . sz:2 .... .... 1011 . q:1 . 1 ....  %s %s %s' % (VD, VN, VM), roles_q(['vd', 'vn', 'vm']),
    and_(SZ['hs'], qregs(['vd', 'vn', 'vm'])), 'rdm')
pat('VQRDMLSH', 'DP1 0 . sz:2 .... .... 1100 . q:1 . 1 ....  %s %s %s' % (VD, VN, VM), roles_q(['vd', 'vn', 'vm']),
    and_(SZ['hs'], qregs(['vd', 'vn', 'vm'])), 'rdm')
w('# floating point: bit 20 selects F16 (FEAT_FP16) over F32')
TF = [('VADD_f', 0, '1101', 0, 0, 1), ('VSUB_f', 0, '1101', 0, 1, 1), ('VPADD_f', 1, '1101', 0, 0, 0),
      ('VABD_f', 1, '1101', 0, 1, 1), ('VMLA_f', 0, '1101', 1, 0, 1), ('VMLS_f', 0, '1101', 1, 1, 1),
      ('VMUL_f', 1, '1101', 1, 0, 1), ('VCEQ_f', 0, '1110', 0, 0, 1), ('VCGE_f', 1, '1110', 0, 0, 1),
      ('VCGT_f', 1, '1110', 0, 1, 1), ('VACGE', 1, '1110', 1, 0, 1), ('VACGT', 1, '1110', 1, 1, 1),
      ('VMAX_f', 0, '1111', 0, 0, 1), ('VMIN_f', 0, '1111', 0, 1, 1), ('VPMAX_f', 1, '1111', 0, 0, 0),
      ('VPMIN_f', 1, '1111', 0, 1, 0), ('VRECPS', 0, '1111', 1, 0, 1), ('VRSQRTS', 0, '1111', 1, 1, 1),
      ('VFMA', 0, '1100', 1, 0, 1), ('VFMS', 0, '1100', 1, 1, 1),
      ('VMAXNM', 1, '1111', 1, 0, 1), ('VMINNM', 1, '1111', 1, 1, 1)]
for n, u, a, b, op, qok in TF:
    qbit = 'q:1' if qok else '0'
    cons = qregs(['vd', 'vn', 'vm']) if qok else None
    rq = {'VMAXNM': 'v8', 'VMINNM': 'v8', 'VFMA': 'vfpv4', 'VFMS': 'vfpv4'}.get(n)
    pat(n + ('32' if '_' in n else '_32'), 'DP%d 0 . %d 0 .... .... %s . %s . %d ....  %s %s %s' % (u, op, a, qbit, b, VD, VN, VM), roles_q(['vd', 'vn', 'vm']), cons, rq)
    pat(n + ('16' if '_' in n else '_16'), 'DP%d 0 . %d 1 .... .... %s . %s . %d ....  %s %s %s' % (u, op, a, qbit, b, VD, VN, VM), roles_q(['vd', 'vn', 'vm']), cons, 'fp16arith')
w('# SHA-1/SHA-256 three-register forms (Q = 1)')
for n, u, sz, rq in [('SHA1C', 0, '00', 'sha1'), ('SHA1P', 0, '01', 'sha1'), ('SHA1M', 0, '10', 'sha1'),
                     ('SHA1SU0', 0, '11', 'sha1'), ('SHA256H', 1, '00', 'sha2'), ('SHA256H2', 1, '01', 'sha2'),
                     ('SHA256SU1', 1, '10', 'sha2')]:
    pat(n, 'DP%d 0 . %s .... .... 1100 . 1 . 0 ....  %s %s %s' % (u, sz, VD, VN, VM), ('dreg vd vn vm',),
        '((vd | vn | vm) & 1) == 0', rq, tags='%s neon crypto' % ('t32' if THUMB else 'a32'))

w("""
### One register and a modified immediate, and two registers and a shift
### amount: L:imm6 = 0000xxx is the modified-immediate space, so both live
### in one group, immediates first.""")
w('{')
IND[0] = '  '
for op, n in ((0, 'VORR_imm'), (1, 'VBIC_imm')):
    pat(n + ('32' if '_' in n else '_32'), 'DPi:1 1 . 000 abc:3 .... 0 c:2 1 0 q:1 %d 1 efgh:4  %s' % (op, VD), ('dreg vd',), '(q == 0 || even(vd))')
    pat(n + ('16' if '_' in n else '_16'), 'DPi:1 1 . 000 abc:3 .... 10 c:1 1 0 q:1 %d 1 efgh:4  %s' % (op, VD), ('dreg vd',), '(q == 0 || even(vd))')
pat('VMOV_i64', 'DPi:1 1 . 000 abc:3 .... 1110 0 q:1 1 1 efgh:4  %s' % VD, ('dreg vd',), '(q == 0 || even(vd))')
pat('VMOV_imm', 'DPi:1 1 . 000 abc:3 .... cmode:4 0 q:1 0 1 efgh:4  %s' % VD, ('dreg vd',),
    and_('(q == 0 || even(vd))', '((cmode & 1) == 0 || cmode >= 12)'))
pat('VMVN_imm', 'DPi:1 1 . 000 abc:3 .... cmode:4 0 q:1 1 1 efgh:4  %s' % VD, ('dreg vd',),
    and_('(q == 0 || even(vd))', '((cmode & 1) == 0 || cmode == 13)', 'cmode != 14'))
SH = [('VSHR', 0, '0000'), ('VSHR_u', 1, '0000'), ('VSRA', 0, '0001'), ('VSRA_u', 1, '0001'),
      ('VRSHR', 0, '0010'), ('VRSHR_u', 1, '0010'), ('VRSRA', 0, '0011'), ('VRSRA_u', 1, '0011'),
      ('VSRI', 1, '0100'), ('VSHL_i', 0, '0101'), ('VSLI', 1, '0101'), ('VQSHLU', 1, '0110'),
      ('VQSHL_i', 0, '0111'), ('VQSHL_iu', 1, '0111')]
for n, u, a in SH:
    pat(n, 'DP%d 1 . imm6:6 .... %s l:1 q:1 . 1 ....  %s %s' % (u, a, VD, VM), ('dreg vd vm',),
        '(l == 1 || imm6 >= 8) && (q == 0 || ((vd | vm) & 1) == 0)')
NS = [('VSHRN', 0, '1000', 0), ('VRSHRN', 0, '1000', 1), ('VQSHRUN', 1, '1000', 0), ('VQRSHRUN', 1, '1000', 1),
      ('VQSHRN', 0, '1001', 0), ('VQSHRN_u', 1, '1001', 0), ('VQRSHRN', 0, '1001', 1), ('VQRSHRN_u', 1, '1001', 1)]
for n, u, a, b6 in NS:
    pat(n, 'DP%d 1 . imm6:6 .... %s 0 %d . 1 ....  %s %s' % (u, a, b6, VD, VM), ('dreg vd vm',), 'imm6 >= 8 && even(vm)')
pat('VSHLL', 'DP0 1 . imm6:6 .... 1010 0 0 . 1 ....  %s %s' % (VD, VM), ('dreg vd vm',), 'imm6 >= 8 && even(vd)')
pat('VSHLL_u', 'DP1 1 . imm6:6 .... 1010 0 0 . 1 ....  %s %s' % (VD, VM), ('dreg vd vm',), 'imm6 >= 8 && even(vd)')
w('# fixed-point conversions: imm6 = 1xxxxx (F32) or 11xxxx (F16), op: to fixed (1)\n# or to float (0)')
for u in (0, 1):
    pat('VCVT_fx' + ('_u' if u else ''), 'DP%d 1 . 1 imm5:5 .... 111 op:1 0 q:1 . 1 ....  %s %s' % (u, VD, VM), ('dreg vd vm',),
        '(q == 0 || ((vd | vm) & 1) == 0)')
    pat('VCVT_fx16' + ('_u' if u else ''), 'DP%d 1 . 11 imm4:4 .... 110 op:1 0 q:1 . 1 ....  %s %s' % (u, VD, VM), ('dreg vd vm',),
        '(q == 0 || ((vd | vm) & 1) == 0)', 'fp16arith')
IND[0] = ''
w('}')

w('''
### Bit 23 = 1, bit 4 = 0: size = 3 holds two-register miscellaneous,
### VEXT, VTBL/VTBX and VDUP (scalar); sizes 0-2 hold the three-register
### different-length and two-register-and-scalar classes.  One group,
### size = 3 first.''')
w('{')
IND[0] = '  '
w('\n### Two registers, miscellaneous')
M2 = [('VREV64', '00', '0000', 'bhs'), ('VREV32', '00', '0001', 'bh'), ('VREV16', '00', '0010', 'b'),
      ('VPADDL', '00', '0100', 'bhs'), ('VPADDL_u', '00', '0101', 'bhs'), ('VCLS', '00', '1000', 'bhs'),
      ('VCLZ', '00', '1001', 'bhs'), ('VCNT', '00', '1010', 'b'), ('VMVN', '00', '1011', 'b'),
      ('VPADAL', '00', '1100', 'bhs'), ('VPADAL_u', '00', '1101', 'bhs'), ('VQABS', '00', '1110', 'bhs'),
      ('VQNEG', '00', '1111', 'bhs'),
      ('VCGT_z', '01', '0000', 'bhs'), ('VCGE_z', '01', '0001', 'bhs'), ('VCEQ_z', '01', '0010', 'bhs'),
      ('VCLE_z', '01', '0011', 'bhs'), ('VCLT_z', '01', '0100', 'bhs'), ('VABS', '01', '0110', 'bhs'),
      ('VNEG', '01', '0111', 'bhs'),
      ('VCGT_zf', '01', '1000', 'f'), ('VCGE_zf', '01', '1001', 'f'), ('VCEQ_zf', '01', '1010', 'f'),
      ('VCLE_zf', '01', '1011', 'f'), ('VCLT_zf', '01', '1100', 'f'), ('VABS_f', '01', '1110', 'f'),
      ('VNEG_f', '01', '1111', 'f'),
      ('VSWP', '10', '0000', 'b'), ('VTRN', '10', '0001', 'bhs'), ('VUZP', '10', '0010', 'bhs'),
      ('VZIP', '10', '0011', 'bhs'),
      ('VRECPE', '11', '1000', 's'), ('VRSQRTE', '11', '1001', 's'), ('VRECPE_f', '11', '1010', 'f'),
      ('VRSQRTE_f', '11', '1011', 'f'), ('VCVT_fs', '11', '1100', 'f'), ('VCVT_fu', '11', '1101', 'f'),
      ('VCVT_sf', '11', '1110', 'f'), ('VCVT_uf', '11', '1111', 'f')]
SZM = {'bhs': 'sz:2', 'bh': 'sz:2', 'b': '00', 's': '10'}
for n, a, b, k in M2:
    q2 = '(q == 0 || ((vd | vm) & 1) == 0)'
    if k == 'f':
        pat(n + ('32' if '_' in n else '_32'), 'DP1 1 . 11 10 %s .... 0 %s q:1 . 0 ....  %s %s' % (a, b, VD, VM), ('dreg vd vm',), q2)
        pat(n + ('16' if '_' in n else '_16'), 'DP1 1 . 11 01 %s .... 0 %s q:1 . 0 ....  %s %s' % (a, b, VD, VM), ('dreg vd vm',), q2, 'fp16arith')
        continue
    c = and_({'bhs': 'sz != 3', 'bh': 'sz < 2'}.get(k), q2)
    if n in ('VUZP', 'VZIP'):
        c = and_(c, 'q == 1 || sz != 2')
    pat(n, 'DP1 1 . 11 %s %s .... 0 %s q:1 . 0 ....  %s %s' % (SZM[k], a, b, VD, VM), ('dreg vd vm',), c)
for n, b6 in [('VMOVN', '01000'), ('VQMOVUN', '01001'), ('VQMOVN', '01010'), ('VQMOVN_u', '01011')]:
    pat(n, 'DP1 1 . 11 sz:2 10 .... 0 %s . 0 ....  %s %s' % (b6, VD, VM), ('dreg vd vm',), 'sz != 3 && even(vm)')
pat('VSHLL_max', 'DP1 1 . 11 sz:2 10 .... 0 01100 . 0 ....  %s %s' % (VD, VM), ('dreg vd vm',), 'sz != 3 && even(vd)')
pat('VCVT_f16_f32', 'DP1 1 . 11 01 10 .... 0 11000 . 0 ....  %s %s' % (VD, VM), ('dreg vd vm',), 'even(vm)', 'fp16')
pat('VCVT_f32_f16', 'DP1 1 . 11 01 10 .... 0 11100 . 0 ....  %s %s' % (VD, VM), ('dreg vd vm',), 'even(vd)', 'fp16')
w('# ARMv8: VRINT{N,X,A,Z,M,P} and VCVT{A,N,P,M}')
for n, op in [('VRINTN', '000'), ('VRINTX', '001'), ('VRINTA', '010'), ('VRINTZ', '011'), ('VRINTM', '101'), ('VRINTP', '111')]:
    pat(n + ('32' if '_' in n else '_32'), 'DP1 1 . 11 10 10 .... 0 1%s q:1 . 0 ....  %s %s' % (op, VD, VM), ('dreg vd vm',), '(q == 0 || ((vd | vm) & 1) == 0)', 'v8')
    pat(n + ('16' if '_' in n else '_16'), 'DP1 1 . 11 01 10 .... 0 1%s q:1 . 0 ....  %s %s' % (op, VD, VM), ('dreg vd vm',), '(q == 0 || ((vd | vm) & 1) == 0)', 'fp16arith')
pat('VCVT_rm32', 'DP1 1 . 11 10 11 .... 0 0 rm:2 u:1 q:1 . 0 ....  %s %s' % (VD, VM), ('dreg vd vm',), '(q == 0 || ((vd | vm) & 1) == 0)', 'v8')
pat('VCVT_rm16', 'DP1 1 . 11 01 11 .... 0 0 rm:2 u:1 q:1 . 0 ....  %s %s' % (VD, VM), ('dreg vd vm',), '(q == 0 || ((vd | vm) & 1) == 0)', 'fp16arith')
w('# crypto two-register forms (Q = 1 registers for SHA)')
CT = '%s neon crypto' % ('t32' if THUMB else 'a32')
for n, sz, a, b, rq, c in [('AESE', '00', '00', '01100', 'aes', '((vd | vm) & 1) == 0'), ('AESD', '00', '00', '01101', 'aes', '((vd | vm) & 1) == 0'),
                           ('AESMC', '00', '00', '01110', 'aes', '((vd | vm) & 1) == 0'), ('AESIMC', '00', '00', '01111', 'aes', '((vd | vm) & 1) == 0'),
                           ('SHA1H', '10', '01', '01011', 'sha1', '((vd | vm) & 1) == 0'),
                           ('SHA1SU1', '10', '10', '01110', 'sha1', '((vd | vm) & 1) == 0'),
                           ('SHA256SU0', '10', '10', '01111', 'sha2', '((vd | vm) & 1) == 0')]:
    pat(n, 'DP1 1 . 11 %s %s .... 0 %s . 0 ....  %s %s' % (sz, a, b, VD, VM), ('dreg vd vm',), c, rq, tags=CT)

w('\n### VEXT, VTBL/VTBX, VDUP (scalar)')
pat('VEXT', 'DP0 1 . 11 .... .... imm4:4 . q:1 . 0 ....  %s %s %s' % (VD, VN, VM), ('dreg vd vn vm',),
    '(q == 1 || imm4 < 8) && (q == 0 || ((vd | vn | vm) & 1) == 0)')
pat('VTBL', 'DP1 1 . 11 .... .... 10 len:2 . 0 . 0 ....  %s %s %s' % (VD, VN, VM), ('dreg vd vn vm',), 'vn + len < 32')
pat('VTBX', 'DP1 1 . 11 .... .... 10 len:2 . 1 . 0 ....  %s %s %s' % (VD, VN, VM), ('dreg vd vn vm',), 'vn + len < 32')
pat('VDUP_s', 'DP1 1 . 11 imm4:4 .... 11000 q:1 . 0 ....  %s %s' % (VD, VM), ('dreg vd vm',),
    '(imm4 & 7) != 0 && (q == 0 || even(vd))')

w('\n### Three registers of different lengths (size 3 is another class)')
TD = [('VADDL', '0000', 'l'), ('VADDW', '0001', 'w'), ('VSUBL', '0010', 'l'), ('VSUBW', '0011', 'w'),
      ('VABAL', '0101', 'l'), ('VABDL', '0111', 'l'), ('VMLAL', '1000', 'l'), ('VMLSL', '1010', 'l'),
      ('VMULL', '1100', 'l')]
EV = {'l': 'even(vd)', 'w': 'even(vd) && even(vn)', 'n': 'even(vn) && even(vm)'}
for n, a, k in TD:
    for u in (0, 1):
        pat(n + ('_u' if u else ''), 'DP%d 1 . sz:2 .... .... %s . 0 . 0 ....  %s %s %s' % (u, a, VD, VN, VM),
            ('dreg vd vn vm',), 'sz != 3 && ' + EV[k])
for n, u, a in [('VADDHN', 0, '0100'), ('VRADDHN', 1, '0100'), ('VSUBHN', 0, '0110'), ('VRSUBHN', 1, '0110')]:
    pat(n, 'DP%d 1 . sz:2 .... .... %s . 0 . 0 ....  %s %s %s' % (u, a, VD, VN, VM), ('dreg vd vn vm',), 'sz != 3 && ' + EV['n'])
for n, a in [('VQDMLAL', '1001'), ('VQDMLSL', '1011'), ('VQDMULL', '1101')]:
    pat(n, 'DP0 1 . sz:2 .... .... %s . 0 . 0 ....  %s %s %s' % (a, VD, VN, VM), ('dreg vd vn vm',), '(sz == 1 || sz == 2) && even(vd)')
pat('VMULL_p8', 'DP0 1 . 00 .... .... 1110 . 0 . 0 ....  %s %s %s' % (VD, VN, VM), ('dreg vd vn vm',), 'even(vd)')
pat('VMULL_p64', 'DP0 1 . 10 .... .... 1110 . 0 . 0 ....  %s %s %s' % (VD, VN, VM), ('dreg vd vn vm',), 'even(vd)', 'pmull',
    tags='%s neon crypto' % ('t32' if THUMB else 'a32'))

w('\n### Two registers and a scalar: bit 24 is Q here.  16-bit scalars: Vm<2:0>,')
w('### index M:Vm<3>; 32-bit scalars: Vm<3:0>, index M.')
SC = [('VMLA_s', '000', 0, 'is'), ('VMLA_sf', '000', 1, 'f'), ('VMLS_s', '010', 0, 'is'), ('VMLS_sf', '010', 1, 'f'),
      ('VMUL_s', '100', 0, 'is'), ('VMUL_sf', '100', 1, 'f'), ('VQDMULH_s', '110', 0, 'q'), ('VQRDMULH_s', '110', 1, 'q'),
      ('VQRDMLAH_s', '111', 0, 'r'), ('VQRDMLSH_s', '111', 1, 'r')]
for n, a3, f, k in SC:
    for sz in ('01', '10'):
        if k == 'f':
            rq = 'fp16arith' if sz == '01' else None
        elif k == 'r':
            rq = 'rdm'
        else:
            rq = None
        sfx = {'01': '16', '10': '32'}[sz]
        pat(n + sfx, 'DPq:1 1 . %s .... .... %s%d . 1 . 0 ....  %s vn=%%n_vn vm=%%n_vm' % (sz, a3, f, VD),
            ('dreg vd vn',), qregs(['vd', 'vn']), rq)
for n, a in [('VMLAL_s', '0010'), ('VMLSL_s', '0110'), ('VMULL_s', '1010')]:
    for u in (0, 1):
        for sz in ('01', '10'):
            pat(n + ('u' if u else '') + {'01': '16', '10': '32'}[sz],
                'DP%d 1 . %s .... .... %s . 1 . 0 ....  %s %s vm=%%n_vm' % (u, sz, a, VD, VN), ('dreg vd vn',), 'even(vd)')
for n, a in [('VQDMLAL_s', '0011'), ('VQDMLSL_s', '0111'), ('VQDMULL_s', '1011')]:
    for sz in ('01', '10'):
        pat(n + {'01': '16', '10': '32'}[sz], 'DP0 1 . %s .... .... %s . 1 . 0 ....  %s %s vm=%%n_vm' % (sz, a, VD, VN),
            ('dreg vd vn',), 'even(vd)')

IND[0] = ''
w('}')
w('\n### Core register <-> scalar, VDUP (core): condition AL')
pat('VDUP_r', '1110 1110 1 b:1 q:1 0 .... rt:4 1011 . 0 e:1 1 0000  vd=%n_vn', ('dreg vd', 'gpr rt'),
    '!(b == 1 && e == 1) && (q == 0 || even(vd))')
pat('VMOV_to_d8', '1110 1110 0 1 x:1 0 .... rt:4 1011 . y:2 1 0000  vd=%n_vn', ('dreg vd', 'gpr rt'))
pat('VMOV_to_d16', '1110 1110 0 0 x:1 0 .... rt:4 1011 . y:1 1 1 0000  vd=%n_vn', ('dreg vd', 'gpr rt'))
pat('VMOV_from_d8', '1110 1110 u:1 1 x:1 1 .... rt:4 1011 . y:2 1 0000  vd=%n_vn', ('dreg vd', 'gpr rt'))
pat('VMOV_from_d16', '1110 1110 u:1 0 x:1 1 .... rt:4 1011 . y:1 1 1 0000  vd=%n_vn', ('dreg vd', 'gpr rt'))

w("""
### Element and structure loads/stores.  rm = 15: no writeback; rm = 13:
### post-increment by the transfer size; the _r forms post-increment by a
### register (never the base).  align is free (the base is 32-byte
### aligned); reserved align/size combinations are excluded.""")
LT = 'a32 neon a32-mem' if not THUMB else 't32 neon t32-mem'
# type, name, regs used (span), bytes, constraint
MT = [('0000', 'VLD4_i1', 4, 32, 'sz != 3'), ('0001', 'VLD4_i2', 7, 32, 'sz != 3'),
      ('0010', 'VLD1_x4', 4, 32, None), ('0011', 'VLD2_x2', 4, 32, 'sz != 3'),
      ('0100', 'VLD3_i1', 3, 24, 'sz != 3 && (al & 2) == 0'), ('0101', 'VLD3_i2', 5, 24, 'sz != 3 && (al & 2) == 0'),
      ('0110', 'VLD1_x3', 3, 24, '(al & 2) == 0'), ('0111', 'VLD1_x1', 1, 8, '(al & 2) == 0'),
      ('1000', 'VLD2_i1', 2, 16, 'sz != 3 && al != 3'), ('1001', 'VLD2_i2', 3, 16, 'sz != 3 && al != 3'),
      ('1010', 'VLD1_x2', 2, 16, 'al != 3')]
for ty, n, span, nb, c in MT:
    for l in (1, 0):
        nm = n if l else n.replace('VLD', 'VST')
        base = and_(c, 'vd + %d <= 32' % span)
        w('{'); IND[0] = '  '
        for sfx, rm, mm, extra_c, rr in (('', '1111', '', None, ()), ('_wb', '1101', ' post wb', None, ()),
                                        ('_r', 'rm:4', ' post wb', 'rm != rn', ('gpr rm',))):
            pat(nm + sfx, 'LS 0 . %d 0 rn:4 .... %s sz:2 al:2 %s  %s' % (l, ty, rm, VD), ('dreg vd', 'gpr rn') + rr,
                and_(base, extra_c), tags=LT, extra=['mem base=rn size=%d align=32%s' % (nb, mm)])
        IND[0] = ''; w('}')
# single lane: size 0..2, n = 1..4
for nn in range(4):
    for sz in range(3):
        eb = 1 << sz
        for l in (1, 0):
            nm = ('VLD' if l else 'VST') + '%d_lane%d' % (nn + 1, 8 * eb)
            if nn == 0:
                c = ['(ia & 1) == 0', '(ia & 2) == 0', '(ia & 4) == 0 && ((ia & 3) == 0 || (ia & 3) == 3)'][sz]
                span = '1'
            elif nn == 1:
                c = [None, None, '(ia & 2) == 0'][sz]
                span = ['2', '2 + (ia >> 1 & 1)', '2 + (ia >> 2 & 1)'][sz]
            elif nn == 2:
                c = ['(ia & 1) == 0', '(ia & 1) == 0', '(ia & 3) == 0'][sz]
                span = ['3', '3 + 2 * (ia >> 1 & 1)', '3 + 2 * (ia >> 2 & 1)'][sz]
            else:
                c = [None, None, '(ia & 3) != 3'][sz]
                span = ['4', '4 + 3 * (ia >> 1 & 1)', '4 + 3 * (ia >> 2 & 1)'][sz]
            base = and_(c, 'vd + %s <= 32' % span)
            w('{'); IND[0] = '  '
            for sfx, rm, mm, extra_c, rr in (('', '1111', '', None, ()), ('_wb', '1101', ' post wb', None, ()),
                                            ('_r', 'rm:4', ' post wb', 'rm != rn', ('gpr rm',))):
                pat(nm + sfx, 'LS 1 . %d 0 rn:4 .... %s %s ia:4 %s  %s' % (l, format(sz, '02b'), format(nn, '02b'), rm, VD),
                    ('dreg vd', 'gpr rn') + rr, and_(base, extra_c), tags=LT,
                    extra=['mem base=rn size=%d align=32%s' % ((nn + 1) * eb, mm)])
            IND[0] = ''; w('}')
# all lanes (VLDn to all lanes)
for nn in range(4):
    c = [ '!(sz == 0 && a == 1) && sz != 3', 'sz != 3', 'a == 0 && sz != 3', '!(sz == 3 && a == 0)'][nn]
    span = ['t + 1', '2 + t', '3 + 2 * t', '4 + 3 * t'][nn]
    w('{'); IND[0] = '  '
    for sfx, rm, mm, extra_c, rr in (('', '1111', '', None, ()), ('_wb', '1101', ' post wb', None, ()),
                                    ('_r', 'rm:4', ' post wb', 'rm != rn', ('gpr rm',))):
        pat('VLD%d_all' % (nn + 1) + sfx, 'LS 1 . 1 0 rn:4 .... 11 %s sz:2 t:1 a:1 %s  %s' % (format(nn, '02b'), rm, VD),
            ('dreg vd', 'gpr rn') + rr, and_(c, 'vd + %s <= 32' % span, extra_c), tags=LT,
            extra=['mem base=rn size=%d align=32%s' % (16 * (nn + 1), mm)])
    IND[0] = ''; w('}')
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
