# SPDX-License-Identifier: GPL-2.0-or-later
import sys
out = []
w = out.append
w("""# risu-dt patterns: A64 scalar floating point (FEAT_FP, FEAT_FP16 half
# precision forms, FEAT_FRINTTS, FEAT_JSCVT, FEAT_BF16 BFCVT).
#
# Written for risu-dt from the Arm ARM (DDI 0487) "Data Processing --
# Scalar Floating-Point and Advanced SIMD" tables; decodetree syntax,
# annotations in `#@` comments (docs/annotations.md).  Names of fields,
# argument sets and formats start with f_ (own namespace, can share a
# decodetree.py run with the other a64*.decode files).
#
# ftype (bits 23:22): 00 single, 01 double, 11 half, 10 reserved.
# Single/double patterns carry `sd` = bit 22 (suffix _sd); the half
# precision patterns (suffix _h) fix ftype = 11 and require fp16arith
# (FEAT_FP16; the feature name "fp16" is the AArch32 VFP half-precision
# conversion extension).
# Registers: vreg = V0..V31 (any view), gprzr = X0..X30 + XZR.
#
#@ all: tags a64 a64-fp
""")
w("""&f_rr            rd rn
&f_rrr           rd rn rm
&f_rrrr          rd rn rm ra
&f_rr_sd         rd rn sd
&f_rrr_sd        rd rn rm sd
&f_rrrr_sd       rd rn rm ra sd

@f_rr_sd         ........ . sd:1 . ...... ..... rn:5 rd:5         &f_rr_sd
@f_rr_h          ........ .. . ...... ..... rn:5 rd:5             &f_rr
@f_rrr_sd        ........ . sd:1 . rm:5 .... .. rn:5 rd:5          &f_rrr_sd
@f_rrr_h         ........ .. . rm:5 .... .. rn:5 rd:5              &f_rrr
@f_rrrr_sd       ........ . sd:1 . rm:5 . ra:5 rn:5 rd:5           &f_rrrr_sd
@f_rrrr_h        ........ .. . rm:5 . ra:5 rn:5 rd:5               &f_rrrr
""")
def pat(name, bits, fmt='', ann=()):
    for a in ann:
        w('#@ ' + a)
    w('%-16s %s %s' % (name, bits, fmt))

def both(name, pre, post, fmt, ann=(), req_sd=None):
    # pre: bits before ftype (9 bits: M 0 S 11110 / 11111), post: after
    a = list(ann)
    pat(name + '_sd', '%s 0 . %s' % (pre, post), '@%s_sd' % fmt, a + ([ 'requires ' + req_sd] if req_sd else []))
    pat(name + '_h', '%s 11 %s' % (pre, post), '@%s_h' % fmt, a + ['requires fp16arith'])

w('### Data-processing (1 source)')
ONE = [('FMOV', '000000'), ('FABS', '000001'), ('FNEG', '000010'), ('FSQRT', '000011'),
       ('FRINTN', '001000'), ('FRINTP', '001001'), ('FRINTM', '001010'), ('FRINTZ', '001011'),
       ('FRINTA', '001100'), ('FRINTX', '001110'), ('FRINTI', '001111')]
for n, op in ONE:
    both(n, '000 11110', '1 %s 10000 ..... .....' % op, 'f_rr', ['reg vreg rd rn'])
for n, op in [('FRINT32Z', '010000'), ('FRINT32X', '010001'), ('FRINT64Z', '010010'), ('FRINT64X', '010011')]:
    pat(n, '000 11110 0 . 1 %s 10000 ..... .....' % op, '@f_rr_sd', ['reg vreg rd rn', 'requires frint'])
w('# FCVT between precisions (half included: FEAT_FP, not FEAT_FP16).')
for sn, sb in (('s', '00'), ('d', '01'), ('h', '11')):
    for dn, db in (('s', '00'), ('d', '01'), ('h', '11')):
        if sn != dn:
            pat('FCVT_%s%s' % (dn, sn), '000 11110 %s 1 0001 %s 10000 rn:5 rd:5' % (sb, db), '', ['reg vreg rd rn'])
pat('BFCVT', '000 11110 01 1 000110 10000 rn:5 rd:5', '', ['reg vreg rd rn', 'requires bf16', 'tags a64 a64-fp a64-bf16'])

w('\n### Compare')
pat('FCMP_sd', '000 11110 0 sd:1 1 rm:5 00 1000 rn:5 00000', '', ['reg vreg rn rm'])
pat('FCMP_h', '000 11110 11 1 rm:5 00 1000 rn:5 00000', '', ['reg vreg rn rm', 'requires fp16arith'])
pat('FCMPE_sd', '000 11110 0 sd:1 1 rm:5 00 1000 rn:5 10000', '', ['reg vreg rn rm'])
pat('FCMPE_h', '000 11110 11 1 rm:5 00 1000 rn:5 10000', '', ['reg vreg rn rm', 'requires fp16arith'])
pat('FCMP_z_sd', '000 11110 0 sd:1 1 00000 00 1000 rn:5 01000', '', ['reg vreg rn'])
pat('FCMP_z_h', '000 11110 11 1 00000 00 1000 rn:5 01000', '', ['reg vreg rn', 'requires fp16arith'])
pat('FCMPE_z_sd', '000 11110 0 sd:1 1 00000 00 1000 rn:5 11000', '', ['reg vreg rn'])
pat('FCMPE_z_h', '000 11110 11 1 00000 00 1000 rn:5 11000', '', ['reg vreg rn', 'requires fp16arith'])
w('# conditional compare; cond 0b1111 behaves as AL')
pat('FCCMP_sd', '000 11110 0 sd:1 1 rm:5 cond:4 01 rn:5 0 nzcv:4', '', ['reg vreg rn rm'])
pat('FCCMP_h', '000 11110 11 1 rm:5 cond:4 01 rn:5 0 nzcv:4', '', ['reg vreg rn rm', 'requires fp16arith'])
pat('FCCMPE_sd', '000 11110 0 sd:1 1 rm:5 cond:4 01 rn:5 1 nzcv:4', '', ['reg vreg rn rm'])
pat('FCCMPE_h', '000 11110 11 1 rm:5 cond:4 01 rn:5 1 nzcv:4', '', ['reg vreg rn rm', 'requires fp16arith'])
pat('FCSEL_sd', '000 11110 0 sd:1 1 rm:5 cond:4 11 rn:5 rd:5', '', ['reg vreg rd rn rm'])
pat('FCSEL_h', '000 11110 11 1 rm:5 cond:4 11 rn:5 rd:5', '', ['reg vreg rd rn rm', 'requires fp16arith'])

w('\n### Immediate: imm8 encodes +-(16..31)/16 * 2^(-3..4)')
pat('FMOV_i_sd', '000 11110 0 sd:1 1 imm:8 100 00000 rd:5', '', ['reg vreg rd'])
pat('FMOV_i_h', '000 11110 11 1 imm:8 100 00000 rd:5', '', ['reg vreg rd', 'requires fp16arith'])

w('\n### Data-processing (2 source)')
TWO = [('FMUL', '0000'), ('FDIV', '0001'), ('FADD', '0010'), ('FSUB', '0011'), ('FMAX', '0100'),
       ('FMIN', '0101'), ('FMAXNM', '0110'), ('FMINNM', '0111'), ('FNMUL', '1000')]
for n, op in TWO:
    both(n, '000 11110', '1 ..... %s 10 ..... .....' % op, 'f_rrr', ['reg vreg rd rn rm'])

w('\n### Data-processing (3 source)')
for n, o1, o0 in [('FMADD', 0, 0), ('FMSUB', 0, 1), ('FNMADD', 1, 0), ('FNMSUB', 1, 1)]:
    both(n, '000 11111', '%d ..... %d ..... ..... .....' % (o1, o0), 'f_rrrr', ['reg vreg rd rn rm ra'])

w("""
### Conversions between floating point and fixed point: fbits = 64 - scale;
### 32-bit integer forms need scale >= 32.""")
for n, rm, op, to_int in [('SCVTF_fix', '00', '010', 0), ('UCVTF_fix', '00', '011', 0),
                           ('FCVTZS_fix', '11', '000', 1), ('FCVTZU_fix', '11', '001', 1)]:
    roles = ['reg vreg rn', 'reg gprzr rd'] if to_int else ['reg vreg rd', 'reg gprzr rn']
    pat(n + '_sd', 'sf:1 00 11110 0 sd:1 0 %s %s scale:6 rn:5 rd:5' % (rm, op), '',
        roles + ['constraint sf == 1 || scale >= 32'])
    pat(n + '_h', 'sf:1 00 11110 11 0 %s %s scale:6 rn:5 rd:5' % (rm, op), '',
        roles + ['constraint sf == 1 || scale >= 32', 'requires fp16arith'])

w('\n### Conversions between floating point and integer')
CV = [('FCVTNS', '00', '000', 1), ('FCVTNU', '00', '001', 1), ('SCVTF', '00', '010', 0), ('UCVTF', '00', '011', 0),
      ('FCVTAS', '00', '100', 1), ('FCVTAU', '00', '101', 1), ('FCVTPS', '01', '000', 1), ('FCVTPU', '01', '001', 1),
      ('FCVTMS', '10', '000', 1), ('FCVTMU', '10', '001', 1), ('FCVTZS', '11', '000', 1), ('FCVTZU', '11', '001', 1)]
for n, rm, op, to_int in CV:
    roles = ['reg vreg rn', 'reg gprzr rd'] if to_int else ['reg vreg rd', 'reg gprzr rn']
    pat(n + '_sd', 'sf:1 00 11110 0 sd:1 1 %s %s 000000 rn:5 rd:5' % (rm, op), '', roles)
    pat(n + '_h', 'sf:1 00 11110 11 1 %s %s 000000 rn:5 rd:5' % (rm, op), '', roles + ['requires fp16arith'])
w('# FMOV general <-> FP: Wn<->Sd, Xn<->Dd, Wn/Xn<->Hd (fp16), Xn<->Vd.D[1]')
pat('FMOV_w_s', '0 00 11110 00 1 00 110 000000 rn:5 rd:5', '', ['reg vreg rn', 'reg gprzr rd'])
pat('FMOV_s_w', '0 00 11110 00 1 00 111 000000 rn:5 rd:5', '', ['reg gprzr rn', 'reg vreg rd'])
pat('FMOV_x_d', '1 00 11110 01 1 00 110 000000 rn:5 rd:5', '', ['reg vreg rn', 'reg gprzr rd'])
pat('FMOV_d_x', '1 00 11110 01 1 00 111 000000 rn:5 rd:5', '', ['reg gprzr rn', 'reg vreg rd'])
pat('FMOV_x_d1', '1 00 11110 10 1 01 110 000000 rn:5 rd:5', '', ['reg vreg rn', 'reg gprzr rd'])
pat('FMOV_d1_x', '1 00 11110 10 1 01 111 000000 rn:5 rd:5', '', ['reg gprzr rn', 'reg vreg rd'])
pat('FMOV_r_h', 'sf:1 00 11110 11 1 00 110 000000 rn:5 rd:5', '', ['reg vreg rn', 'reg gprzr rd', 'requires fp16arith'])
pat('FMOV_h_r', 'sf:1 00 11110 11 1 00 111 000000 rn:5 rd:5', '', ['reg gprzr rn', 'reg vreg rd', 'requires fp16arith'])
pat('FJCVTZS', '0 00 11110 01 1 11 110 000000 rn:5 rd:5', '', ['reg vreg rn', 'reg gprzr rd', 'requires jscvt'])
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
