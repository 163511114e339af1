# SPDX-License-Identifier: GPL-2.0-or-later
import sys
out = []
IND = ['']
def w(x):
    out.append(IND[0] + x if x and not x.startswith('{') and not x.startswith('}') else x)
def pat(name, bits, cons=None, req=None, roles='reg vreg rd rn rm', tags=None, extra=()):
    if roles:
        for r in roles.split(';'):
            w('#@ ' + r.strip())
    if cons in RESERVED:
        w('#@ reserved !(%s)' % cons)
    elif cons:
        w('#@ constraint ' + cons)
    if req:
        w('#@ requires ' + req)
    if tags:
        w('#@ tags ' + tags)
    for e in extra:
        w('#@ ' + e)
    w('%-18s %s' % (name, bits))

SZC = {'bhs': 'sz != 3', 'bhsd': 'q == 1 || sz != 3', 'hs': 'sz == 1 || sz == 2', 'bh': 'sz < 2',
       'any': None, 'hsd': 'sz != 0 && (q == 1 || sz != 3)', 'b': None}
# Element-size and Q conditions whose violation the Arm ARM defines as
# UNDEFINED ("if size == '11' then UNDEFINED", "if sz:Q == '10' then
# UNDEFINED"): written as `reserved` so that the decode-edge generator
# emits those words; every other condition stays a `constraint`.
RESERVED = set(v for v in SZC.values() if v) | {
    'q == 1 || sd == 0', 'sz == 1 || sz == 2', 'sz != 3', 'sz < 2'}
def szbits(allow):
    return '00' if allow == 'b' else 'sz:2'
R3 = 'reg vreg rd rn rm'
R2 = 'reg vreg rd rn'

w("""# risu-dt patterns: A64 Advanced SIMD (vector and scalar), including the
# FEAT_FP16 half-precision forms and the FEAT_DotProd, FEAT_RDM, FEAT_FHM,
# FEAT_FCMA, FEAT_FRINTTS, FEAT_I8MM and FEAT_BF16 additions.
#
# Written for risu-dt from the Arm ARM (DDI 0487) "Data Processing --
# Scalar Floating-Point and Advanced SIMD" encoding tables; decodetree
# syntax, annotations in `#@` comments (docs/annotations.md).  Fields are
# inline (no shared formats), so the file can share a decodetree.py run
# with the other a64*.decode files.
#
# Suffixes: _vec vector, _scl scalar, _elt vector by element, _sel scalar
# by element, _h half precision (requires fp16arith).  Fields: q = 128-bit,
# sz = size (bits 23:22), a/sd = FP size bits, rd rn rm = V registers.
# Element sizes that the architecture reserves are excluded by
# constraints (e.g. "q == 1 || sz != 3": 64-bit elements need Q = 1).
#
#@ all: tags a64 a64-simd
""")

# ---------------------------------------------------------------- three same
w('### Three same (integer)')
TS = [(0, '00000', 'SHADD', 'bhs'), (0, '00001', 'SQADD', 'bhsd'), (0, '00010', 'SRHADD', 'bhs'),
      (0, '00100', 'SHSUB', 'bhs'), (0, '00101', 'SQSUB', 'bhsd'), (0, '00110', 'CMGT', 'bhsd'),
      (0, '00111', 'CMGE', 'bhsd'), (0, '01000', 'SSHL', 'bhsd'), (0, '01001', 'SQSHL', 'bhsd'),
      (0, '01010', 'SRSHL', 'bhsd'), (0, '01011', 'SQRSHL', 'bhsd'), (0, '01100', 'SMAX', 'bhs'),
      (0, '01101', 'SMIN', 'bhs'), (0, '01110', 'SABD', 'bhs'), (0, '01111', 'SABA', 'bhs'),
      (0, '10000', 'ADD', 'bhsd'), (0, '10001', 'CMTST', 'bhsd'), (0, '10010', 'MLA', 'bhs'),
      (0, '10011', 'MUL', 'bhs'), (0, '10100', 'SMAXP', 'bhs'), (0, '10101', 'SMINP', 'bhs'),
      (0, '10110', 'SQDMULH', 'hs'), (0, '10111', 'ADDP', 'bhsd'),
      (1, '00000', 'UHADD', 'bhs'), (1, '00001', 'UQADD', 'bhsd'), (1, '00010', 'URHADD', 'bhs'),
      (1, '00100', 'UHSUB', 'bhs'), (1, '00101', 'UQSUB', 'bhsd'), (1, '00110', 'CMHI', 'bhsd'),
      (1, '00111', 'CMHS', 'bhsd'), (1, '01000', 'USHL', 'bhsd'), (1, '01001', 'UQSHL', 'bhsd'),
      (1, '01010', 'URSHL', 'bhsd'), (1, '01011', 'UQRSHL', 'bhsd'), (1, '01100', 'UMAX', 'bhs'),
      (1, '01101', 'UMIN', 'bhs'), (1, '01110', 'UABD', 'bhs'), (1, '01111', 'UABA', 'bhs'),
      (1, '10000', 'SUB', 'bhsd'), (1, '10001', 'CMEQ', 'bhsd'), (1, '10010', 'MLS', 'bhs'),
      (1, '10011', 'PMUL', 'b'), (1, '10100', 'UMAXP', 'bhs'), (1, '10101', 'UMINP', 'bhs'),
      (1, '10110', 'SQRDMULH', 'hs')]
for u, op, n, al in TS:
    pat(n + '_vec', '0 q:1 %d 01110 %s 1 rm:5 %s 1 rn:5 rd:5' % (u, szbits(al), op), SZC[al])
for u, s, n in [(0, '00', 'AND'), (0, '01', 'BIC'), (0, '10', 'ORR'), (0, '11', 'ORN'),
                (1, '00', 'EOR'), (1, '01', 'BSL'), (1, '10', 'BIT'), (1, '11', 'BIF')]:
    pat(n + '_vec', '0 q:1 %d 01110 %s 1 rm:5 00011 1 rn:5 rd:5' % (u, s))

w('\n### Three same (floating point); 64-bit elements need Q = 1')
TF = [(0, 0, '000', 'FMAXNM'), (0, 0, '001', 'FMLA'), (0, 0, '010', 'FADD'), (0, 0, '011', 'FMULX'),
      (0, 0, '100', 'FCMEQ'), (0, 0, '110', 'FMAX'), (0, 0, '111', 'FRECPS'),
      (0, 1, '000', 'FMINNM'), (0, 1, '001', 'FMLS'), (0, 1, '010', 'FSUB'), (0, 1, '110', 'FMIN'),
      (0, 1, '111', 'FRSQRTS'),
      (1, 0, '000', 'FMAXNMP'), (1, 0, '010', 'FADDP'), (1, 0, '011', 'FMUL'), (1, 0, '100', 'FCMGE'),
      (1, 0, '101', 'FACGE'), (1, 0, '110', 'FMAXP'), (1, 0, '111', 'FDIV'),
      (1, 1, '000', 'FMINNMP'), (1, 1, '010', 'FABD'), (1, 1, '100', 'FCMGT'), (1, 1, '101', 'FACGT'),
      (1, 1, '110', 'FMINP')]
for u, a, op, n in TF:
    pat(n + '_vec', '0 q:1 %d 01110 %d sd:1 1 rm:5 11%s 1 rn:5 rd:5' % (u, a, op), 'q == 1 || sd == 0')
for u, a, op, n in TF:
    pat(n + '_vec_h', '0 q:1 %d 01110 %d 10 rm:5 00 %s 1 rn:5 rd:5' % (u, a, op), None, 'fp16arith')
w('# FMLAL/FMLSL (FEAT_FHM): half-precision products accumulated into single')
for u, a, op, n in [(0, 0, '11101', 'FMLAL'), (0, 1, '11101', 'FMLSL'), (1, 0, '11001', 'FMLAL2'),
                    (1, 1, '11001', 'FMLSL2')]:
    pat(n + '_vec', '0 q:1 %d 01110 %d 0 1 rm:5 %s 1 rn:5 rd:5' % (u, a, op), None, 'fhm')

w('\n### Three same extra: RDM, dot products, matrix multiply, complex')
pat('SQRDMLAH_vec', '0 q:1 1 01110 sz:2 0 rm:5 1 0000 1 rn:5 rd:5', 'sz == 1 || sz == 2', 'rdm')
pat('SQRDMLSH_vec', '0 q:1 1 01110 sz:2 0 rm:5 1 0001 1 rn:5 rd:5', 'sz == 1 || sz == 2', 'rdm')
pat('SDOT_vec', '0 q:1 0 01110 10 0 rm:5 1 0010 1 rn:5 rd:5', None, 'dotprod')
pat('UDOT_vec', '0 q:1 1 01110 10 0 rm:5 1 0010 1 rn:5 rd:5', None, 'dotprod')
pat('USDOT_vec', '0 q:1 0 01110 10 0 rm:5 1 0011 1 rn:5 rd:5', None, 'i8mm')
pat('SMMLA', '0 1 0 01110 10 0 rm:5 1 0100 1 rn:5 rd:5', None, 'i8mm')
pat('UMMLA', '0 1 1 01110 10 0 rm:5 1 0100 1 rn:5 rd:5', None, 'i8mm')
pat('USMMLA', '0 1 0 01110 10 0 rm:5 1 0101 1 rn:5 rd:5', None, 'i8mm')
pat('BFDOT_vec', '0 q:1 1 01110 01 0 rm:5 1 1111 1 rn:5 rd:5', None, 'bf16')
pat('BFMMLA', '0 1 1 01110 01 0 rm:5 1 1101 1 rn:5 rd:5', None, 'bf16')
pat('BFMLAL_vec', '0 q:1 1 01110 11 0 rm:5 1 1111 1 rn:5 rd:5', None, 'bf16')
w('# FCMLA/FCADD: size 01 needs fp16, size 11 needs Q = 1')
pat('FCMLA_vec_s', '0 q:1 1 01110 10 0 rm:5 1 10 rot:2 1 rn:5 rd:5', None, 'fcma')
pat('FCMLA_vec_d', '0 1 1 01110 11 0 rm:5 1 10 rot:2 1 rn:5 rd:5', None, 'fcma')
pat('FCMLA_vec_h', '0 q:1 1 01110 01 0 rm:5 1 10 rot:2 1 rn:5 rd:5', None, 'fcma fp16arith')
pat('FCADD_vec_s', '0 q:1 1 01110 10 0 rm:5 1 11 rot:1 0 1 rn:5 rd:5', None, 'fcma')
pat('FCADD_vec_d', '0 1 1 01110 11 0 rm:5 1 11 rot:1 0 1 rn:5 rd:5', None, 'fcma')
pat('FCADD_vec_h', '0 q:1 1 01110 01 0 rm:5 1 11 rot:1 0 1 rn:5 rd:5', None, 'fcma fp16arith')

# ---------------------------------------------------------------- three different
w('\n### Three different (long, wide, narrow)')
TD = [('0000', 'SADDL', 'UADDL'), ('0001', 'SADDW', 'UADDW'), ('0010', 'SSUBL', 'USUBL'),
      ('0011', 'SSUBW', 'USUBW'), ('0100', 'ADDHN', 'RADDHN'), ('0101', 'SABAL', 'UABAL'),
      ('0110', 'SUBHN', 'RSUBHN'), ('0111', 'SABDL', 'UABDL'), ('1000', 'SMLAL', 'UMLAL'),
      ('1010', 'SMLSL', 'UMLSL'), ('1100', 'SMULL', 'UMULL')]
for op, n0, n1 in TD:
    pat(n0 + '_vec', '0 q:1 0 01110 sz:2 1 rm:5 %s 00 rn:5 rd:5' % op, 'sz != 3')
    pat(n1 + '_vec', '0 q:1 1 01110 sz:2 1 rm:5 %s 00 rn:5 rd:5' % op, 'sz != 3')
for op, n in [('1001', 'SQDMLAL'), ('1011', 'SQDMLSL'), ('1101', 'SQDMULL')]:
    pat(n + '_vec', '0 q:1 0 01110 sz:2 1 rm:5 %s 00 rn:5 rd:5' % op, 'sz == 1 || sz == 2')
pat('PMULL_vec', '0 q:1 0 01110 00 1 rm:5 1110 00 rn:5 rd:5')
pat('PMULL_vec_q', '0 q:1 0 01110 11 1 rm:5 1110 00 rn:5 rd:5', None, 'pmull', tags='a64 a64-simd a64-crypto')

# ---------------------------------------------------------------- two reg misc
w('\n### Two-register miscellaneous (integer)')
TM = [(0, '00000', 'REV64', 'bhs'), (0, '00001', 'REV16', 'b'), (0, '00010', 'SADDLP', 'bhs'),
      (0, '00011', 'SUQADD', 'bhsd'), (0, '00100', 'CLS', 'bhs'), (0, '00101', 'CNT', 'b'),
      (0, '00110', 'SADALP', 'bhs'), (0, '00111', 'SQABS', 'bhsd'), (0, '01000', 'CMGT_z', 'bhsd'),
      (0, '01001', 'CMEQ_z', 'bhsd'), (0, '01010', 'CMLT_z', 'bhsd'), (0, '01011', 'ABS', 'bhsd'),
      (0, '10010', 'XTN', 'bhs'), (0, '10100', 'SQXTN', 'bhs'),
      (1, '00000', 'REV32', 'bh'), (1, '00010', 'UADDLP', 'bhs'), (1, '00011', 'USQADD', 'bhsd'),
      (1, '00100', 'CLZ', 'bhs'), (1, '00110', 'UADALP', 'bhs'), (1, '00111', 'SQNEG', 'bhsd'),
      (1, '01000', 'CMGE_z', 'bhsd'), (1, '01001', 'CMLE_z', 'bhsd'), (1, '01011', 'NEG', 'bhsd'),
      (1, '10010', 'SQXTUN', 'bhs'), (1, '10011', 'SHLL', 'bhs'), (1, '10100', 'UQXTN', 'bhs')]
for u, op, n, al in TM:
    pat(n + '_vec', '0 q:1 %d 01110 %s 10000 %s 10 rn:5 rd:5' % (u, szbits(al), op), SZC[al], roles=R2)
pat('NOT_vec', '0 q:1 1 01110 00 10000 00101 10 rn:5 rd:5', roles=R2)
pat('RBIT_vec', '0 q:1 1 01110 01 10000 00101 10 rn:5 rd:5', roles=R2)

w('\n### Two-register miscellaneous (floating point)')
FM = [(0, 0, '11000', 'FRINTN'), (0, 0, '11001', 'FRINTM'), (0, 0, '11010', 'FCVTNS'),
      (0, 0, '11011', 'FCVTMS'), (0, 0, '11100', 'FCVTAS'), (0, 0, '11101', 'SCVTF'),
      (0, 1, '01100', 'FCMGT_z'), (0, 1, '01101', 'FCMEQ_z'), (0, 1, '01110', 'FCMLT_z'),
      (0, 1, '01111', 'FABS'), (0, 1, '11000', 'FRINTP'), (0, 1, '11001', 'FRINTZ'),
      (0, 1, '11010', 'FCVTPS'), (0, 1, '11011', 'FCVTZS'), (0, 1, '11101', 'FRECPE'),
      (1, 0, '11000', 'FRINTA'), (1, 0, '11001', 'FRINTX'), (1, 0, '11010', 'FCVTNU'),
      (1, 0, '11011', 'FCVTMU'), (1, 0, '11100', 'FCVTAU'), (1, 0, '11101', 'UCVTF'),
      (1, 1, '01100', 'FCMGE_z'), (1, 1, '01101', 'FCMLE_z'), (1, 1, '01111', 'FNEG'),
      (1, 1, '11001', 'FRINTI'), (1, 1, '11010', 'FCVTPU'), (1, 1, '11011', 'FCVTZU'),
      (1, 1, '11101', 'FRSQRTE'), (1, 1, '11111', 'FSQRT')]
for u, a, op, n in FM:
    pat(n + '_vec', '0 q:1 %d 01110 %d sd:1 10000 %s 10 rn:5 rd:5' % (u, a, op), 'q == 1 || sd == 0', roles=R2)
for u, a, op, n in FM:
    pat(n + '_vec_h', '0 q:1 %d 01110 %d 1111 00 %s 10 rn:5 rd:5' % (u, a, op), None, 'fp16arith', roles=R2)
for u, op, n in [(0, '11110', 'FRINT32Z'), (0, '11111', 'FRINT64Z'), (1, '11110', 'FRINT32X'), (1, '11111', 'FRINT64X')]:
    pat(n + '_vec', '0 q:1 %d 01110 0 sd:1 10000 %s 10 rn:5 rd:5' % (u, op), 'q == 1 || sd == 0', 'frint', roles=R2)
pat('FCVTN_vec', '0 q:1 0 01110 0 sd:1 10000 10110 10 rn:5 rd:5', roles=R2)
pat('FCVTL_vec', '0 q:1 0 01110 0 sd:1 10000 10111 10 rn:5 rd:5', roles=R2)
pat('FCVTXN_vec', '0 q:1 1 01110 0 1 10000 10110 10 rn:5 rd:5', roles=R2)
pat('BFCVTN_vec', '0 q:1 0 01110 1 0 10000 10110 10 rn:5 rd:5', None, 'bf16', roles=R2)
pat('URECPE_vec', '0 q:1 0 01110 1 0 10000 11100 10 rn:5 rd:5', roles=R2)
pat('URSQRTE_vec', '0 q:1 1 01110 1 0 10000 11100 10 rn:5 rd:5', roles=R2)

# ---------------------------------------------------------------- across lanes
w('\n### Across lanes')
for u, op, n, long_ in [(0, '00011', 'SADDLV', 1), (0, '01010', 'SMAXV', 0), (0, '11010', 'SMINV', 0),
                        (0, '11011', 'ADDV', 0), (1, '00011', 'UADDLV', 1), (1, '01010', 'UMAXV', 0),
                        (1, '11010', 'UMINV', 0)]:
    pat(n, '0 q:1 %d 01110 sz:2 11000 %s 10 rn:5 rd:5' % (u, op), 'sz != 3 && (q == 1 || sz != 2)', roles=R2)
for a, op, n in [(0, '01100', 'FMAXNMV'), (0, '01111', 'FMAXV'), (1, '01100', 'FMINNMV'), (1, '01111', 'FMINV')]:
    pat(n, '0 1 1 01110 %d 0 11000 %s 10 rn:5 rd:5' % (a, op), roles=R2)
    pat(n + '_h', '0 q:1 0 01110 %d 0 11000 %s 10 rn:5 rd:5' % (a, op), None, 'fp16arith', roles=R2)

# ---------------------------------------------------------------- copy
w("""
### Copy: DUP, INS, SMOV, UMOV.  imm5 = index:size marker (xxxx1 B,
### xxx10 H, xx100 S, x1000 D; x0000 reserved).""")
IM = '(imm5 & 0xf) != 0'
pat('DUP_elt', '0 q:1 0 01110000 imm5:5 0 0000 1 rn:5 rd:5', IM + ' && (q == 1 || (imm5 & 0xf) != 8)', roles=R2)
pat('DUP_gpr', '0 q:1 0 01110000 imm5:5 0 0001 1 rn:5 rd:5', IM + ' && (q == 1 || (imm5 & 0xf) != 8)',
    roles='reg vreg rd; reg gprzr rn')
pat('INS_gpr', '0 1 0 01110000 imm5:5 0 0011 1 rn:5 rd:5', IM, roles='reg vreg rd; reg gprzr rn')
pat('INS_elt', '0 1 1 01110000 imm5:5 0 imm4:4 1 rn:5 rd:5', IM, roles=R2)
pat('SMOV', '0 q:1 0 01110000 imm5:5 0 0101 1 rn:5 rd:5',
    '(imm5 & 1) == 1 || (imm5 & 3) == 2 || (q == 1 && (imm5 & 7) == 4)', roles='reg gprzr rd; reg vreg rn')
pat('UMOV', '0 q:1 0 01110000 imm5:5 0 0111 1 rn:5 rd:5',
    '(q == 0 && ((imm5 & 1) == 1 || (imm5 & 3) == 2 || (imm5 & 7) == 4)) || (q == 1 && (imm5 & 0xf) == 8)',
    roles='reg gprzr rd; reg vreg rn')
pat('DUP_scl', '01 0 11110000 imm5:5 0 0000 1 rn:5 rd:5', IM, roles=R2)

# ---------------------------------------------------------------- permute, ext, tbl
w('\n### Permute, EXT, TBL/TBX')
for op, n in [('001', 'UZP1'), ('010', 'TRN1'), ('011', 'ZIP1'), ('101', 'UZP2'), ('110', 'TRN2'), ('111', 'ZIP2')]:
    pat(n, '0 q:1 0 01110 sz:2 0 rm:5 0 %s 10 rn:5 rd:5' % op, 'q == 1 || sz != 3')
pat('EXT', '0 q:1 101110 00 0 rm:5 0 imm4:4 0 rn:5 rd:5', 'q == 1 || imm4 < 8')
pat('TBL', '0 q:1 001110 00 0 rm:5 0 len:2 0 00 rn:5 rd:5')
pat('TBX', '0 q:1 001110 00 0 rm:5 0 len:2 1 00 rn:5 rd:5')

# ---------------------------------------------------------------- modified immediate + shifts
w("""
### Modified immediate and shift by immediate share bits 28:23; immh = 0
### (bits 22:19) is the modified-immediate space, so the shifts sit after
### it in one group and carry immh != 0.  abc:defgh is the 8-bit
### immediate, cmode selects the expansion.""")
w('{')
IND[0] = '  '
MI = [('MOVI_32', 0, '0 sh:2 0', None), ('ORR_vi32', 0, '0 sh:2 1', None),
      ('MOVI_16', 0, '10 sh:1 0', None), ('ORR_vi16', 0, '10 sh:1 1', None),
      ('MOVI_msl', 0, '110 sh:1', None), ('MOVI_8', 0, '1110', None),
      ('MVNI_32', 1, '0 sh:2 0', None), ('BIC_vi32', 1, '0 sh:2 1', None),
      ('MVNI_16', 1, '10 sh:1 0', None), ('BIC_vi16', 1, '10 sh:1 1', None),
      ('MVNI_msl', 1, '110 sh:1', None), ('MOVI_64', 1, '1110', None)]
for n, op, cm, c in MI:
    pat(n, '0 q:1 %d 0111100000 abc:3 %s 0 1 defgh:5 rd:5' % (op, cm), c, roles='reg vreg rd')
pat('FMOV_vi_s', '0 q:1 0 0111100000 abc:3 1111 0 1 defgh:5 rd:5', roles='reg vreg rd')
pat('FMOV_vi_d', '0 1 1 0111100000 abc:3 1111 0 1 defgh:5 rd:5', roles='reg vreg rd')
pat('FMOV_vi_h', '0 q:1 0 0111100000 abc:3 1111 1 1 defgh:5 rd:5', None, 'fp16arith', roles='reg vreg rd')
w('# shift by immediate: immh 0001 B, 001x H, 01xx S, 1xxx D (Q = 1)')
SH = [(0, '00000', 'SSHR', 'n'), (0, '00010', 'SSRA', 'n'), (0, '00100', 'SRSHR', 'n'),
      (0, '00110', 'SRSRA', 'n'), (0, '01010', 'SHL', 'n'), (0, '01110', 'SQSHL_imm', 'n'),
      (0, '10000', 'SHRN', 'w'), (0, '10001', 'RSHRN', 'w'), (0, '10010', 'SQSHRN', 'w'),
      (0, '10011', 'SQRSHRN', 'w'), (0, '10100', 'SSHLL', 'w'),
      (1, '00000', 'USHR', 'n'), (1, '00010', 'USRA', 'n'), (1, '00100', 'URSHR', 'n'),
      (1, '00110', 'URSRA', 'n'), (1, '01000', 'SRI', 'n'), (1, '01010', 'SLI', 'n'),
      (1, '01100', 'SQSHLU', 'n'), (1, '01110', 'UQSHL_imm', 'n'), (1, '10000', 'SQSHRUN', 'w'),
      (1, '10001', 'SQRSHRUN', 'w'), (1, '10010', 'UQSHRN', 'w'), (1, '10011', 'UQRSHRN', 'w'),
      (1, '10100', 'USHLL', 'w')]
for u, op, n, kind in SH:
    # immh = 0 is modified immediate (a constraint); immh<3> = 1 without
    # Q, or in a narrowing/lengthening form, is UNDEFINED (reserved).
    r = '!(q == 1 || immh < 8)' if kind == 'n' else '!(immh < 8)'
    pat(n + '_vec', '0 q:1 %d 011110 immh:4 immb:3 %s 1 rn:5 rd:5' % (u, op), 'immh != 0',
        roles=R2, extra=('reserved ' + r,))
w('# fixed-point conversions: immh 001x half (fp16), 01xx single, 1xxx double')
for u, op, n in [(0, '11100', 'SCVTF_fix'), (0, '11111', 'FCVTZS_fix'), (1, '11100', 'UCVTF_fix'), (1, '11111', 'FCVTZU_fix')]:
    pat(n + '_vec_h', '0 q:1 %d 011110 001 imm:4 %s 1 rn:5 rd:5' % (u, op), None, 'fp16arith', roles=R2)
    pat(n + '_vec_s', '0 q:1 %d 011110 01 imm:5 %s 1 rn:5 rd:5' % (u, op), roles=R2)
    pat(n + '_vec_d', '0 1 %d 011110 1 imm:6 %s 1 rn:5 rd:5' % (u, op), roles=R2)
IND[0] = ''
w('}')

# ---------------------------------------------------------------- by element
w("""
### Vector by element.  H elements: index H:L:M, Rm is V0-V15 (4 bits);
### S elements: index H:L, Rm = M:Rm; D elements: index H (L = 0, Q = 1).""")
EH = '0 q:1 %d 01111 %s l:1 m:1 rm:4 %s h:1 0 rn:5 rd:5'
ES = '0 q:1 %d 01111 %s l:1 rm:5 %s h:1 0 rn:5 rd:5'
ED = '0 1 %d 01111 %s 0 rm:5 %s h:1 0 rn:5 rd:5'
for u, op, n in [(0, '0001', 'FMLA'), (0, '0101', 'FMLS'), (0, '1001', 'FMUL'), (1, '1001', 'FMULX')]:
    pat(n + '_elt_h', EH % (u, '00', op), None, 'fp16arith')
    pat(n + '_elt_s', ES % (u, '10', op))
    pat(n + '_elt_d', ED % (u, '11', op))
INTE = [(0, '0010', 'SMLAL', None), (0, '0011', 'SQDMLAL', None), (0, '0110', 'SMLSL', None),
        (0, '0111', 'SQDMLSL', None), (0, '1000', 'MUL', None), (0, '1010', 'SMULL', None),
        (0, '1011', 'SQDMULL', None), (0, '1100', 'SQDMULH', None), (0, '1101', 'SQRDMULH', None),
        (1, '0000', 'MLA', None), (1, '0100', 'MLS', None), (1, '0010', 'UMLAL', None),
        (1, '0110', 'UMLSL', None), (1, '1010', 'UMULL', None), (1, '1101', 'SQRDMLAH', 'rdm'),
        (1, '1111', 'SQRDMLSH', 'rdm')]
for u, op, n, rq in INTE:
    pat(n + '_elt_h', EH % (u, '01', op), None, rq)
    pat(n + '_elt_s', ES % (u, '10', op), None, rq)
pat('SDOT_elt', ES % (0, '10', '1110'), None, 'dotprod')
pat('UDOT_elt', ES % (1, '10', '1110'), None, 'dotprod')
pat('SUDOT_elt', ES % (0, '00', '1111'), None, 'i8mm')
pat('USDOT_elt', ES % (0, '10', '1111'), None, 'i8mm')
pat('BFDOT_elt', ES % (0, '01', '1111'), None, 'bf16')
pat('BFMLAL_elt', EH % (0, '11', '1111'), None, 'bf16')
for u, op, n in [(0, '0000', 'FMLAL'), (0, '0100', 'FMLSL'), (1, '1000', 'FMLAL2'), (1, '1100', 'FMLSL2')]:
    pat(n + '_elt', EH % (u, '10', op), None, 'fhm')
w('# FCMLA by element: H elements index H:L (Q = 0: H = 0), S elements Q = 1, L = 0')
pat('FCMLA_elt_h', '0 q:1 1 01111 01 l:1 rm:5 0 rot:2 1 h:1 0 rn:5 rd:5', 'q == 1 || h == 0', 'fcma fp16arith')
pat('FCMLA_elt_s', '0 1 1 01111 10 0 rm:5 0 rot:2 1 h:1 0 rn:5 rd:5', None, 'fcma')

# ---------------------------------------------------------------- scalar
w('\n### Scalar three same')
SS = [(0, '00001', 'SQADD', 'any'), (0, '00101', 'SQSUB', 'any'), (0, '00110', 'CMGT', 'd'),
      (0, '00111', 'CMGE', 'd'), (0, '01000', 'SSHL', 'd'), (0, '01001', 'SQSHL', 'any'),
      (0, '01010', 'SRSHL', 'd'), (0, '01011', 'SQRSHL', 'any'), (0, '10000', 'ADD', 'd'),
      (0, '10001', 'CMTST', 'd'), (0, '10110', 'SQDMULH', 'hs'),
      (1, '00001', 'UQADD', 'any'), (1, '00101', 'UQSUB', 'any'), (1, '00110', 'CMHI', 'd'),
      (1, '00111', 'CMHS', 'd'), (1, '01000', 'USHL', 'd'), (1, '01001', 'UQSHL', 'any'),
      (1, '01010', 'URSHL', 'd'), (1, '01011', 'UQRSHL', 'any'), (1, '10000', 'SUB', 'd'),
      (1, '10001', 'CMEQ', 'd'), (1, '10110', 'SQRDMULH', 'hs')]
for u, op, n, al in SS:
    if al == 'd':
        pat(n + '_scl', '01 %d 11110 11 1 rm:5 %s 1 rn:5 rd:5' % (u, op))
    else:
        pat(n + '_scl', '01 %d 11110 sz:2 1 rm:5 %s 1 rn:5 rd:5' % (u, op), SZC[al] if al != 'any' else None)
SF = [(0, 0, '011', 'FMULX'), (0, 0, '100', 'FCMEQ'), (0, 0, '111', 'FRECPS'), (0, 1, '111', 'FRSQRTS'),
      (1, 0, '100', 'FCMGE'), (1, 0, '101', 'FACGE'), (1, 1, '010', 'FABD'), (1, 1, '100', 'FCMGT'),
      (1, 1, '101', 'FACGT')]
for u, a, op, n in SF:
    pat(n + '_scl', '01 %d 11110 %d sd:1 1 rm:5 11%s 1 rn:5 rd:5' % (u, a, op))
    pat(n + '_scl_h', '01 %d 11110 %d 10 rm:5 00 %s 1 rn:5 rd:5' % (u, a, op), None, 'fp16arith')
pat('SQRDMLAH_scl', '01 1 11110 sz:2 0 rm:5 1 0000 1 rn:5 rd:5', 'sz == 1 || sz == 2', 'rdm')
pat('SQRDMLSH_scl', '01 1 11110 sz:2 0 rm:5 1 0001 1 rn:5 rd:5', 'sz == 1 || sz == 2', 'rdm')
w('\n### Scalar three different')
for op, n in [('1001', 'SQDMLAL'), ('1011', 'SQDMLSL'), ('1101', 'SQDMULL')]:
    pat(n + '_scl', '01 0 11110 sz:2 1 rm:5 %s 00 rn:5 rd:5' % op, 'sz == 1 || sz == 2')
w('\n### Scalar two-register miscellaneous')
SM = [(0, '00011', 'SUQADD', 'any'), (0, '00111', 'SQABS', 'any'), (0, '01000', 'CMGT_z', 'd'),
      (0, '01001', 'CMEQ_z', 'd'), (0, '01010', 'CMLT_z', 'd'), (0, '01011', 'ABS', 'd'),
      (0, '10100', 'SQXTN', 'bhs'), (1, '00011', 'USQADD', 'any'), (1, '00111', 'SQNEG', 'any'),
      (1, '01000', 'CMGE_z', 'd'), (1, '01001', 'CMLE_z', 'd'), (1, '01011', 'NEG', 'd'),
      (1, '10010', 'SQXTUN', 'bhs'), (1, '10100', 'UQXTN', 'bhs')]
for u, op, n, al in SM:
    if al == 'd':
        pat(n + '_scl', '01 %d 11110 11 10000 %s 10 rn:5 rd:5' % (u, op), roles=R2)
    else:
        pat(n + '_scl', '01 %d 11110 sz:2 10000 %s 10 rn:5 rd:5' % (u, op), 'sz != 3' if al == 'bhs' else None, roles=R2)
SFM = [(0, 0, '11010', 'FCVTNS'), (0, 0, '11011', 'FCVTMS'), (0, 0, '11100', 'FCVTAS'), (0, 0, '11101', 'SCVTF'),
       (0, 1, '01100', 'FCMGT_z'), (0, 1, '01101', 'FCMEQ_z'), (0, 1, '01110', 'FCMLT_z'), (0, 1, '11010', 'FCVTPS'),
       (0, 1, '11011', 'FCVTZS'), (0, 1, '11101', 'FRECPE'), (0, 1, '11111', 'FRECPX'),
       (1, 0, '11010', 'FCVTNU'), (1, 0, '11011', 'FCVTMU'), (1, 0, '11100', 'FCVTAU'), (1, 0, '11101', 'UCVTF'),
       (1, 1, '01100', 'FCMGE_z'), (1, 1, '01101', 'FCMLE_z'), (1, 1, '11010', 'FCVTPU'), (1, 1, '11011', 'FCVTZU'),
       (1, 1, '11101', 'FRSQRTE')]
for u, a, op, n in SFM:
    pat(n + '_scl', '01 %d 11110 %d sd:1 10000 %s 10 rn:5 rd:5' % (u, a, op), roles=R2)
    pat(n + '_scl_h', '01 %d 11110 %d 1111 00 %s 10 rn:5 rd:5' % (u, a, op), None, 'fp16arith', roles=R2)
pat('FCVTXN_scl', '01 1 11110 0 1 10000 10110 10 rn:5 rd:5', roles=R2)
w('\n### Scalar pairwise')
pat('ADDP_scl', '01 0 11110 11 11000 11011 10 rn:5 rd:5', roles=R2)
for a, op, n in [(0, '01100', 'FMAXNMP'), (0, '01101', 'FADDP'), (0, '01111', 'FMAXP'), (1, '01100', 'FMINNMP'), (1, '01111', 'FMINP')]:
    pat(n + '_scl', '01 1 11110 %d sd:1 11000 %s 10 rn:5 rd:5' % (a, op), roles=R2)
    pat(n + '_scl_h', '01 0 11110 %d 0 11000 %s 10 rn:5 rd:5' % (a, op), None, 'fp16arith', roles=R2)
w('\n### Scalar shift by immediate (immh = 0 is unallocated)')
SSH = [(0, '00000', 'SSHR', 'd'), (0, '00010', 'SSRA', 'd'), (0, '00100', 'SRSHR', 'd'), (0, '00110', 'SRSRA', 'd'),
       (0, '01010', 'SHL', 'd'), (0, '01110', 'SQSHL_imm', 'any'), (0, '10010', 'SQSHRN', 'w'),
       (0, '10011', 'SQRSHRN', 'w'),
       (1, '00000', 'USHR', 'd'), (1, '00010', 'USRA', 'd'), (1, '00100', 'URSHR', 'd'), (1, '00110', 'URSRA', 'd'),
       (1, '01000', 'SRI', 'd'), (1, '01010', 'SLI', 'd'), (1, '01100', 'SQSHLU', 'any'),
       (1, '01110', 'UQSHL_imm', 'any'), (1, '10000', 'SQSHRUN', 'w'), (1, '10001', 'SQRSHRUN', 'w'),
       (1, '10010', 'UQSHRN', 'w'), (1, '10011', 'UQRSHRN', 'w')]
for u, op, n, k in SSH:
    if k == 'd':
        pat(n + '_scl', '01 %d 111110 1 imm:6 %s 1 rn:5 rd:5' % (u, op), roles=R2)
    else:
        pat(n + '_scl', '01 %d 111110 immh:4 immb:3 %s 1 rn:5 rd:5' % (u, op), 'immh != 0',
            roles=R2, extra=() if k == 'any' else ('reserved !(immh < 8)',))
for u, op, n in [(0, '11100', 'SCVTF_fix'), (0, '11111', 'FCVTZS_fix'), (1, '11100', 'UCVTF_fix'), (1, '11111', 'FCVTZU_fix')]:
    pat(n + '_scl_h', '01 %d 111110 001 imm:4 %s 1 rn:5 rd:5' % (u, op), None, 'fp16arith', roles=R2)
    pat(n + '_scl_s', '01 %d 111110 01 imm:5 %s 1 rn:5 rd:5' % (u, op), roles=R2)
    pat(n + '_scl_d', '01 %d 111110 1 imm:6 %s 1 rn:5 rd:5' % (u, op), roles=R2)
w('\n### Scalar by element')
SEH = '01 %d 11111 %s l:1 m:1 rm:4 %s h:1 0 rn:5 rd:5'
SES = '01 %d 11111 %s l:1 rm:5 %s h:1 0 rn:5 rd:5'
SED = '01 %d 11111 %s 0 rm:5 %s h:1 0 rn:5 rd:5'
for u, op, n in [(0, '0001', 'FMLA'), (0, '0101', 'FMLS'), (0, '1001', 'FMUL'), (1, '1001', 'FMULX')]:
    pat(n + '_sel_h', SEH % (u, '00', op), None, 'fp16arith')
    pat(n + '_sel_s', SES % (u, '10', op))
    pat(n + '_sel_d', SED % (u, '11', op))
for u, op, n, rq in [(0, '0011', 'SQDMLAL', None), (0, '0111', 'SQDMLSL', None), (0, '1011', 'SQDMULL', None),
                     (0, '1100', 'SQDMULH', None), (0, '1101', 'SQRDMULH', None), (1, '1101', 'SQRDMLAH', 'rdm'),
                     (1, '1111', 'SQRDMLSH', 'rdm')]:
    pat(n + '_sel_h', SEH % (u, '01', op), None, rq)
    pat(n + '_sel_s', SES % (u, '10', op), None, rq)
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')

# ------------------------------------------------------------------ crypto
out.clear()
w("""# risu-dt patterns: A64 cryptographic extension (FEAT_AES, FEAT_SHA1,
# FEAT_SHA256, FEAT_SHA512, FEAT_SHA3, FEAT_SM3, FEAT_SM4).  PMULL/PMULL2
# on 64-bit lanes (FEAT_PMULL) lives in a64-simd.decode.
#
# Written for risu-dt from the Arm ARM (DDI 0487) "Cryptographic AES",
# "Cryptographic three-register SHA", "Cryptographic two-register SHA",
# "Cryptographic three-register SHA 512", "Cryptographic four-register",
# "XAR", "Cryptographic three-register, imm2" and "Cryptographic
# two-register SHA 512" tables; decodetree syntax, annotations in `#@`
# comments (docs/annotations.md).  cortex-a57 has AES, PMULL, SHA1 and
# SHA256; the others need -cpu max.
#
#@ all: tags a64 a64-crypto
""")
for op, n in [('00100', 'AESE'), ('00101', 'AESD'), ('00110', 'AESMC'), ('00111', 'AESIMC')]:
    pat(n, '0100 1110 0010 100 %s 10 rn:5 rd:5' % op, None, 'aes', roles=R2)
for op, n, rq in [('000', 'SHA1C', 'sha1'), ('001', 'SHA1P', 'sha1'), ('010', 'SHA1M', 'sha1'), ('011', 'SHA1SU0', 'sha1'),
                  ('100', 'SHA256H', 'sha2'), ('101', 'SHA256H2', 'sha2'), ('110', 'SHA256SU1', 'sha2')]:
    pat(n, '0101 1110 000 rm:5 0 %s 00 rn:5 rd:5' % op, None, rq)
for op, n, rq in [('00000', 'SHA1H', 'sha1'), ('00001', 'SHA1SU1', 'sha1'), ('00010', 'SHA256SU0', 'sha2')]:
    pat(n, '0101 1110 0010 100 %s 10 rn:5 rd:5' % op, None, rq, roles=R2)
for op, n, rq in [('1 0 00 00', 'SHA512H', 'sha512'), ('1 0 00 01', 'SHA512H2', 'sha512'), ('1 0 00 10', 'SHA512SU1', 'sha512'),
                  ('1 0 00 11', 'RAX1', 'sha3'), ('1 1 00 00', 'SM3PARTW1', 'sm3'), ('1 1 00 01', 'SM3PARTW2', 'sm3'),
                  ('1 1 00 10', 'SM4EKEY', 'sm4')]:
    pat(n, '1100 1110 011 rm:5 %s rn:5 rd:5' % op, None, rq)
pat('SHA512SU0', '1100 1110 1100 0000 1000 00 rn:5 rd:5', None, 'sha512', roles=R2)
pat('SM4E', '1100 1110 1100 0000 1000 01 rn:5 rd:5', None, 'sm4', roles=R2)
for op, n, rq in [('00', 'EOR3', 'sha3'), ('01', 'BCAX', 'sha3'), ('10', 'SM3SS1', 'sm3')]:
    pat(n, '1100 1110 0 %s rm:5 0 ra:5 rn:5 rd:5' % op, None, rq, roles='reg vreg rd rn rm ra')
pat('XAR', '1100 1110 100 rm:5 imm6:6 rn:5 rd:5', None, 'sha3')
for op, n in [('00', 'SM3TT1A'), ('01', 'SM3TT1B'), ('10', 'SM3TT2A'), ('11', 'SM3TT2B')]:
    pat(n, '1100 1110 010 rm:5 10 imm2:2 %s rn:5 rd:5' % op, None, 'sm3')
open(sys.argv[2], 'w').write('\n'.join(out) + '\n')
