# SPDX-License-Identifier: GPL-2.0-or-later
import sys
out = []
def w(x=''):
    out.append(x)
# UNPREDICTABLE in a T32 IT block: the half-precision forms, VJCVT and
# the unconditional space (UNCOND[0] while it is written).
UNCOND = [False]
def pat(name, bits, roles=(), cons=None, req=None, tags=None, extra=()):
    if UNCOND[0] or req in ('fp16arith', 'jscvt'):
        tags = tags + ' noslot' if tags else 'noslot'
    for r in roles:
        w('#@ reg ' + r)
    if cons:
        w('#@ constraint ' + cons)
    if req:
        w('#@ requires ' + req)
    if tags:
        w('#@ tags ' + tags)
    for e in extra:
        w('#@ ' + e)
    ind = '  ' if name.startswith('  ') else ''
    if ind:
        out[len(out) - len(roles) - bool(cons) - bool(req) - bool(tags) - len(extra):] = \
            [ind + x for x in out[len(out) - len(roles) - bool(cons) - bool(req) - bool(tags) - len(extra):]]
    w('%s%-15s %s' % (ind, name.strip(), bits))

w("""# risu-dt patterns: AArch32 VFP (VFPv3/VFPv4, the ARMv8 additions, and
# FEAT_FP16 half-precision arithmetic).
#
# Written for risu-dt from the Arm ARM (DDI 0406C / DDI 0487 AArch32)
# "Floating-point data-processing", "Floating-point extension register
# load/store" and "8, 16 and 32-bit transfer between general-purpose and
# extension registers" tables; decodetree syntax, annotations in `#@`
# comments (docs/annotations.md).
#
# The condition field is fixed to AL (0b1110), which makes every pattern
# here also the T32 encoding of the same instruction: the file serves
# both `risugen --arch arm` and `--arch thumb`.  The ARMv8 additions in
# the unconditional space (VSEL, VMAXNM, VRINTA.., VCVTA..) are the same
# in A32 and T32 too.
#
# Registers: sreg S0-S31 (Vd:D), dreg D0-D31 (D:Vd; D16-D31 need d32),
# gpr R0-R12, R14.  Register fields are multi-segment decodetree fields.
# VFMA/VFMS/VFNMA/VFNMS are VFPv4 (`vfpv4`: cortex-a7/a15 and v8, not
# a8/a9).  _h patterns are FEAT_FP16 (fp16arith), _s single, _d double.
#
#@ all: tags a32 vfp
#@ all: requires vfp
""")
w("""%v_sd    12:4 22:1
%v_sn    16:4 7:1
%v_sm    0:4 5:1
%v_dd    22:1 12:4
%v_dn    7:1 16:4
%v_dm    5:1 0:4
""")
F = {'s3': 'vd=%v_sd vn=%v_sn vm=%v_sm', 'd3': 'vd=%v_dd vn=%v_dn vm=%v_dm',
     's2': 'vd=%v_sd vm=%v_sm', 'd2': 'vd=%v_dd vm=%v_dm', 'ds': 'vd=%v_dd vm=%v_sm',
     'sd': 'vd=%v_sd vm=%v_dm', 's1': 'vd=%v_sd', 'd1': 'vd=%v_dd', 'sm': 'vm=%v_sm', 'dm': 'vm=%v_dm',
     's2m': 'vd=%v_sd vm=%v_sm'}
RS = {'s3': ('sreg vd vn vm',), 'd3': ('dreg vd vn vm',), 's2': ('sreg vd vm',), 'd2': ('dreg vd vm',),
      'ds': ('dreg vd', 'sreg vm'), 'sd': ('sreg vd', 'dreg vm'), 's1': ('sreg vd',), 'd1': ('dreg vd',)}
def P(name, bits, f, cons=None, req=None, tags=None, extra=()):
    pat(name, bits + '  ' + F[f], RS.get(f, ()), cons, req, tags, extra)

w('### Three registers: bits 23,21:20 select the operation, bit 6 its variant')
OPS3 = [('VMLA', '0.00', '0'), ('VMLS', '0.00', '1'), ('VNMLS', '0.01', '0'), ('VNMLA', '0.01', '1'),
        ('VMUL', '0.10', '0'), ('VNMUL', '0.10', '1'), ('VADD', '0.11', '0'), ('VSUB', '0.11', '1'),
        ('VDIV', '1.00', '0'), ('VFNMS', '1.01', '0'), ('VFNMA', '1.01', '1'), ('VFMA', '1.10', '0'),
        ('VFMS', '1.10', '1')]
for n, hi, op in OPS3:
    rq = 'vfpv4' if n.startswith('VF') else None
    P(n + '_s', '1110 1110 %s .... .... 1010 .%s.0 ....' % (hi, op), 's3', req=rq)
    P(n + '_d', '1110 1110 %s .... .... 1011 .%s.0 ....' % (hi, op), 'd3', req=rq)
for n, hi, op in OPS3:
    if n in ('VMLA', 'VMLS', 'VNMLS', 'VNMLA'):
        continue
    P(n + '_h', '1110 1110 %s .... .... 1001 .%s.0 ....' % (hi, op), 's3', req='fp16arith')

w('\n### VMOV (immediate): imm4H:imm4L as VFPExpandImm')
pat('VMOV_i_s', '1110 1110 1.11 imm4h:4 .... 1010 0000 imm4l:4  vd=%v_sd', ('sreg vd',))
pat('VMOV_i_d', '1110 1110 1.11 imm4h:4 .... 1011 0000 imm4l:4  vd=%v_dd', ('dreg vd',))
pat('VMOV_i_h', '1110 1110 1.11 imm4h:4 .... 1001 0000 imm4l:4  vd=%v_sd', ('sreg vd',), req='fp16arith')

w('\n### Two registers (bits 19:16 opc2, bits 7:6 opc3)')
TWO = [('VMOV_r', '0000', '01'), ('VABS', '0000', '11'), ('VNEG', '0001', '01'), ('VSQRT', '0001', '11')]
for n, o2, o3 in TWO:
    P(n + '_s', '1110 1110 1.11 %s .... 1010 %s.0 ....' % (o2, o3), 's2')
    P(n + '_d', '1110 1110 1.11 %s .... 1011 %s.0 ....' % (o2, o3), 'd2')
    if n != 'VMOV_r':
        P(n + '_h', '1110 1110 1.11 %s .... 1001 %s.0 ....' % (o2, o3), 's2', req='fp16arith')
for n, o2, o3 in [('VRINTR', '0110', '01'), ('VRINTZ', '0110', '11'), ('VRINTX', '0111', '01')]:
    P(n + '_s', '1110 1110 1.11 %s .... 1010 %s.0 ....' % (o2, o3), 's2', req='v8')
    P(n + '_d', '1110 1110 1.11 %s .... 1011 %s.0 ....' % (o2, o3), 'd2', req='v8')
    P(n + '_h', '1110 1110 1.11 %s .... 1001 %s.0 ....' % (o2, o3), 's2', req='fp16arith')
w('# compare: e = quiet (0) or signalling (1)')
pat('VCMP_s', '1110 1110 1.11 0100 .... 1010 e:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',))
pat('VCMP_d', '1110 1110 1.11 0100 .... 1011 e:1 1.0 ....  vd=%v_dd vm=%v_dm', ('dreg vd vm',))
pat('VCMP_h', '1110 1110 1.11 0100 .... 1001 e:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='fp16arith')
pat('VCMP_z_s', '1110 1110 1.11 0101 .... 1010 e:1 100 0000  vd=%v_sd', ('sreg vd',))
pat('VCMP_z_d', '1110 1110 1.11 0101 .... 1011 e:1 100 0000  vd=%v_dd', ('dreg vd',))
pat('VCMP_z_h', '1110 1110 1.11 0101 .... 1001 e:1 100 0000  vd=%v_sd', ('sreg vd',), req='fp16arith')
w('# precision conversions; VCVTB/VCVTT: t selects the top half, op = to half')
P('VCVT_ds', '1110 1110 1.11 0111 .... 1010 11.0 ....', 'ds')
P('VCVT_sd', '1110 1110 1.11 0111 .... 1011 11.0 ....', 'sd')
pat('VCVT_bt_sh', '1110 1110 1.11 001 op:1 .... 1010 t:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='fp16')
pat('VCVT_bt_dh', '1110 1110 1.11 0010 .... 1011 t:1 1.0 ....  vd=%v_dd vm=%v_sm', ('dreg vd', 'sreg vm'), req='v8')
pat('VCVT_bt_hd', '1110 1110 1.11 0011 .... 1011 t:1 1.0 ....  vd=%v_sd vm=%v_dm', ('sreg vd', 'dreg vm'), req='v8')
w('# integer <-> floating point; integers live in S registers.  VCVT to int:')
w('# rz = round towards zero (1) or FPSCR rounding (0, VCVTR)')
pat('VCVT_fi_s', '1110 1110 1.11 1000 .... 1010 sgn:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',))
pat('VCVT_fi_d', '1110 1110 1.11 1000 .... 1011 sgn:1 1.0 ....  vd=%v_dd vm=%v_sm', ('dreg vd', 'sreg vm'))
pat('VCVT_fi_h', '1110 1110 1.11 1000 .... 1001 sgn:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='fp16arith')
pat('VCVT_if_s', '1110 1110 1.11 110 sgn:1 .... 1010 rz:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',))
pat('VCVT_if_d', '1110 1110 1.11 110 sgn:1 .... 1011 rz:1 1.0 ....  vd=%v_sd vm=%v_dm', ('sreg vd', 'dreg vm'))
pat('VCVT_if_h', '1110 1110 1.11 110 sgn:1 .... 1001 rz:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='fp16arith')
pat('VJCVT', '1110 1110 1.11 1001 .... 1011 11.0 ....  vd=%v_sd vm=%v_dm', ('sreg vd', 'dreg vm'), req='jscvt')
w('# fixed point <-> floating point, in place: sx = 32-bit (1) or 16-bit (0)')
w('# fixed-point value; frac bits = size - imm4:i, so 16-bit needs imm4:i <= 16')
FX = '(sx == 1 || imm4 * 2 + i <= 16)'
pat('VCVT_fx_s', '1110 1110 1.11 1 tofix:1 1 u:1 .... 1010 sx:1 1 i:1 0 imm4:4  vd=%v_sd', ('sreg vd',), FX)
pat('VCVT_fx_d', '1110 1110 1.11 1 tofix:1 1 u:1 .... 1011 sx:1 1 i:1 0 imm4:4  vd=%v_dd', ('dreg vd',), FX)
w('# half precision: 32-bit fixed point only (binutils rejects 16-bit; QEMU')
w('# accepts it; kept out until the Arm ARM question is settled)')
pat('VCVT_fx_h', '1110 1110 1.11 1 tofix:1 1 u:1 .... 1001 1 1 i:1 0 imm4:4  vd=%v_sd', ('sreg vd',), None, 'fp16arith')

w('''
### ARMv8 unconditional space (identical in A32 and T32).  These, the
### half-precision forms and VJCVT are UNPREDICTABLE in a T32 IT block:
### noslot.''')
UNCOND[0] = True
for sz, sfx, f, rq in (('1010', '_s', 's3', 'v8'), ('1011', '_d', 'd3', 'v8'), ('1001', '_h', 's3', 'fp16arith')):
    P('VSEL' + sfx, '1111 1110 0. cc:2 .... .... %s .0.0 ....' % sz, f, req=rq)
    P('VMAXNM' + sfx, '1111 1110 1.00 .... .... %s .0.0 ....' % sz, f, req=rq)
    P('VMINNM' + sfx, '1111 1110 1.00 .... .... %s .1.0 ....' % sz, f, req=rq)
for sz, sfx, f, rq in (('1010', '_s', 's2', 'v8'), ('1011', '_d', 'd2', 'v8'), ('1001', '_h', 's2', 'fp16arith')):
    P('VRINT_rm' + sfx, '1111 1110 1.11 10 rm:2 .... %s 01.0 ....' % sz, f, req=rq)
pat('VCVT_rm_s', '1111 1110 1.11 11 rm:2 .... 1010 sgn:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='v8')
pat('VCVT_rm_d', '1111 1110 1.11 11 rm:2 .... 1011 sgn:1 1.0 ....  vd=%v_sd vm=%v_dm', ('sreg vd', 'dreg vm'), req='v8')
pat('VCVT_rm_h', '1111 1110 1.11 11 rm:2 .... 1001 sgn:1 1.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='fp16arith')
pat('VMOVX', '1111 1110 1.11 0000 .... 1010 01.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='fp16arith')
pat('VINS', '1111 1110 1.11 0000 .... 1010 11.0 ....  vd=%v_sd vm=%v_sm', ('sreg vd vm',), req='fp16arith')
UNCOND[0] = False

w('\n### Transfers between core and extension registers')
pat('VMOV_sr', '1110 1110 000 0 .... rt:4 1010 .001 0000  vn=%v_sn', ('sreg vn', 'gpr rt'))
pat('VMOV_rs', '1110 1110 000 1 .... rt:4 1010 .001 0000  vn=%v_sn', ('sreg vn', 'gpr rt'))
pat('VMOV_drr', '1110 1100 010 0 rt2:4 rt:4 1011 00.1 ....  vm=%v_dm', ('dreg vm', 'gpr rt rt2'))
pat('VMOV_rrd', '1110 1100 010 1 rt2:4 rt:4 1011 00.1 ....  vm=%v_dm', ('dreg vm', 'gpr rt rt2'), 'rt != rt2')
pat('VMOV_ssrr', '1110 1100 010 0 rt2:4 rt:4 1010 00.1 ....  vm=%v_sm', ('sreg vm', 'gpr rt rt2'), 'vm < 31')
pat('VMOV_rrss', '1110 1100 010 1 rt2:4 rt:4 1010 00.1 ....  vm=%v_sm', ('sreg vm', 'gpr rt rt2'), 'vm < 31 && rt != rt2')
pat('VMOV_to_d32', '1110 1110 0 0 x:1 0 .... rt:4 1011 . 00 1 0000  vd=%v_dn', ('dreg vd', 'gpr rt'))
pat('VMOV_from_d32', '1110 1110 0 0 x:1 1 .... rt:4 1011 . 00 1 0000  vd=%v_dn', ('dreg vd', 'gpr rt'))
w('# FPSCR access; VMRS with Rt = 15 copies the flags to APSR')
w('{')
pat('  VMRS_nzcv', '1110 1110 1111 0001 1111 1010 0001 0000')
pat('  VMRS', '1110 1110 1111 0001 rt:4 1010 0001 0000', ('gpr rt',))
w('}')
pat('VMSR', '1110 1110 1110 0001 rt:4 1010 0001 0000', ('gpr rt',), extra=['weight 0'])

w("""
### Loads and stores.  VLDR/VSTR offsets are imm8 words (halfwords for
### .16), added or subtracted.  VLDM/VSTM transfer imm8 words (doubles:
### imm8 even, at most 16 registers); size is the 128-byte upper bound,
### below the base for the decrement-before form.""")
for l, n in ((1, 'VLDR'), (0, 'VSTR')):
    pat(n + '_s', '1110 1101 u:1 . 0 %d rn:4 .... 1010 imm8:8  vd=%%v_sd' % l, ('sreg vd', 'gpr rn'),
        extra=['mem base=rn offset=(u*2-1)*imm8*4 size=4 align=4'], tags='a32 vfp a32-mem')
    pat(n + '_d', '1110 1101 u:1 . 0 %d rn:4 .... 1011 imm8:8  vd=%%v_dd' % l, ('dreg vd', 'gpr rn'),
        extra=['mem base=rn offset=(u*2-1)*imm8*4 size=8 align=4'], tags='a32 vfp a32-mem')
    pat(n + '_h', '1110 1101 u:1 . 0 %d rn:4 .... 1001 imm8:8  vd=%%v_sd' % l, ('sreg vd', 'gpr rn'),
        req='fp16arith', extra=['mem base=rn offset=(u*2-1)*imm8*2 size=2 align=2'], tags='a32 vfp a32-mem')
for l, n in ((1, 'VLDM'), (0, 'VSTM')):
    for mode, pu, wbit, off, mm in (('ia', '01', '0', 'offset=0', ''), ('ia_wb', '01', '1', 'offset=0', ' wb'),
                                    ('db', '10', '1', 'offset=-128', ' wb')):
        pat(n + mode + '_s', '1110 110 %s . %s %d rn:4 .... 1010 imm8:8  vd=%%v_sd' % (pu, wbit, l), ('sreg vd', 'gpr rn'),
            'imm8 != 0 && vd + imm8 <= 32', tags='a32 vfp a32-mem',
            extra=['mem base=rn %s size=128 align=4%s' % (off, mm)])
        pat(n + mode + '_d', '1110 110 %s . %s %d rn:4 .... 1011 imm8:8  vd=%%v_dd' % (pu, wbit, l), ('dreg vd', 'gpr rn'),
            'imm8 != 0 && (imm8 & 1) == 0 && imm8 <= 32 && vd + imm8 / 2 <= 32', tags='a32 vfp a32-mem',
            extra=['mem base=rn %s size=128 align=4%s' % (off, mm)])
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
