# SPDX-License-Identifier: GPL-2.0-or-later
import sys
out = []
def w(x=''):
    out.append(x)
def pat(name, bits, roles=None, cons=None, req=None, extra=()):
    if roles:
        w('#@ reg ' + roles)
    c = 'cond != 15' + (' && ' + cons if cons else '')
    w('#@ constraint ' + c)
    if req:
        w('#@ requires ' + req)
    for e in extra:
        w('#@ ' + e)
    w('%-12s %s' % (name, bits))
w("""# risu-dt patterns: A32 conditional execution.
#
# a32.decode, a32-vfp.decode and a32-neon.decode fix the condition to AL.
# This file (its own namespace: it cannot share a run with a32.decode,
# whose AL patterns it overlaps) carries a representative set of
# conditional instructions with a free cond field (any condition but
# 0b1111, the unconditional space): data processing with and without
# flag setting, multiplies, saturating arithmetic, loads and stores with
# writeback, and VFP arithmetic and moves.  The flags come from the
# preceding instructions, so whether each one executes is part of the
# comparison.
#
# Written for risu-dt from the Arm ARM (DDI 0406C); decodetree syntax,
# annotations in `#@` comments (docs/annotations.md).
#
#@ all: tags a32 a32-cond
""")
w('%c_sd    12:4 22:1\n%c_sn    16:4 7:1\n%c_sm    0:4 5:1\n%c_dd    22:1 12:4\n%c_dn    7:1 16:4\n%c_dm    5:1 0:4\n')
for n, op in [('AND', '0000'), ('EOR', '0001'), ('SUB', '0010'), ('RSB', '0011'), ('ADD', '0100'), ('ADC', '0101'),
              ('SBC', '0110'), ('ORR', '1100'), ('BIC', '1110')]:
    pat(n + '_rrsi', 'cond:4 000 %s s:1 rn:4 rd:4 imm5:5 sh:2 0 rm:4' % op, 'gpr rd rn rm')
    pat(n + '_rri', 'cond:4 001 %s s:1 rn:4 rd:4 rot:4 imm8:8' % op, 'gpr rd rn')
for n, op in [('TST', '1000'), ('TEQ', '1001'), ('CMP', '1010'), ('CMN', '1011')]:
    pat(n + '_rsi', 'cond:4 000 %s 1 rn:4 0000 imm5:5 sh:2 0 rm:4' % op, 'gpr rn rm')
    pat(n + '_ri', 'cond:4 001 %s 1 rn:4 0000 rot:4 imm8:8' % op, 'gpr rn')
pat('MOV_rsr', 'cond:4 000 1101 s:1 0000 rd:4 rs:4 0 sh:2 1 rm:4', 'gpr rd rm rs')
pat('MOV_ri', 'cond:4 001 1101 s:1 0000 rd:4 rot:4 imm8:8', 'gpr rd')
pat('MVN_ri', 'cond:4 001 1111 s:1 0000 rd:4 rot:4 imm8:8', 'gpr rd')
pat('MOVW', 'cond:4 0011 0000 imm4:4 rd:4 imm12:12', 'gpr rd')
pat('MOVT', 'cond:4 0011 0100 imm4:4 rd:4 imm12:12', 'gpr rd')
pat('MUL', 'cond:4 0000 000 s:1 rd:4 0000 rm:4 1001 rn:4', 'gpr rd rn rm')
pat('MLA', 'cond:4 0000 001 s:1 rd:4 ra:4 rm:4 1001 rn:4', 'gpr rd rn rm ra')
pat('UMULL', 'cond:4 0000 100 s:1 rdhi:4 rdlo:4 rm:4 1001 rn:4', 'gpr rdhi rdlo rn rm', 'rdhi != rdlo')
pat('SMLAL', 'cond:4 0000 111 s:1 rdhi:4 rdlo:4 rm:4 1001 rn:4', 'gpr rdhi rdlo rn rm', 'rdhi != rdlo')
pat('QADD', 'cond:4 0001 0000 rn:4 rd:4 0000 0101 rm:4', 'gpr rd rn rm')
pat('QSUB', 'cond:4 0001 0010 rn:4 rd:4 0000 0101 rm:4', 'gpr rd rn rm')
pat('CLZ', 'cond:4 0001 0110 1111 rd:4 1111 0001 rm:4', 'gpr rd rm')
pat('SEL', 'cond:4 0110 1000 rn:4 rd:4 1111 1011 rm:4', 'gpr rd rn rm')
pat('UADD8', 'cond:4 0110 0101 rn:4 rd:4 1111 1001 rm:4', 'gpr rd rn rm')
pat('USAT', 'cond:4 0110 111 sat:5 rd:4 imm5:5 sh:1 01 rn:4', 'gpr rd rn')
pat('UBFX', 'cond:4 0111 111 widthm1:5 rd:4 lsb:5 101 rn:4', 'gpr rd rn', 'lsb + widthm1 <= 31')
pat('REV', 'cond:4 0110 1011 1111 rd:4 1111 0011 rm:4', 'gpr rd rm')
w('\n### Loads and stores (the data register never equals the base)')
for n, b, l, nb in [('STR', 0, 0, 4), ('LDR', 0, 1, 4), ('STRB', 1, 0, 1), ('LDRB', 1, 1, 1)]:
    pat(n + '_i', 'cond:4 010 1 u:1 %d 0 %d rn:4 rt:4 imm12:12' % (b, l), 'gpr rn rt', 'rt != rn',
        extra=['tags a32 a32-cond a32-mem', 'mem base=rn offset=(u*2-1)*imm12 size=%d' % nb])
    pat(n + '_post', 'cond:4 010 0 u:1 %d 0 %d rn:4 rt:4 imm12:12' % (b, l), 'gpr rn rt', 'rt != rn',
        extra=['tags a32 a32-cond a32-mem', 'mem base=rn offset=(u*2-1)*imm12 size=%d post wb' % nb])
pat('LDRH_i', 'cond:4 000 1 u:1 1 0 1 rn:4 rt:4 imm4h:4 1011 imm4l:4', 'gpr rn rt', 'rt != rn',
    extra=['tags a32 a32-cond a32-mem', 'mem base=rn offset=(u*2-1)*(imm4h*16+imm4l) size=2'])
pat('STRD_i', 'cond:4 000 1 u:1 1 0 0 rn:4 rt:4 imm4h:4 1111 imm4l:4', 'gpr rn rt',
    'rt != rn && even(rt) && rt < 12 && rt + 1 != rn',
    extra=['tags a32 a32-cond a32-mem', 'mem base=rn offset=(u*2-1)*(imm4h*16+imm4l) size=8 align=4'])
w('\n### VFP')
for n, hi, op in [('VADD', '0.11', '0'), ('VSUB', '0.11', '1'), ('VMUL', '0.10', '0'), ('VMLA', '0.00', '0'),
                  ('VDIV', '1.00', '0')]:
    pat(n + '_s', 'cond:4 1110 %s .... .... 1010 .%s.0 ....  vd=%%c_sd vn=%%c_sn vm=%%c_sm' % (hi, op), 'sreg vd vn vm', req='vfp')
    pat(n + '_d', 'cond:4 1110 %s .... .... 1011 .%s.0 ....  vd=%%c_dd vn=%%c_dn vm=%%c_dm' % (hi, op), 'dreg vd vn vm', req='vfp')
pat('VMOV_r_d', 'cond:4 1110 1.11 0000 .... 1011 01.0 ....  vd=%c_dd vm=%c_dm', 'dreg vd vm', req='vfp')
pat('VSQRT_d', 'cond:4 1110 1.11 0001 .... 1011 11.0 ....  vd=%c_dd vm=%c_dm', 'dreg vd vm', req='vfp')
pat('VCMP_d', 'cond:4 1110 1.11 0100 .... 1011 e:1 1.0 ....  vd=%c_dd vm=%c_dm', 'dreg vd vm', req='vfp')
pat('VMRS_nzcv', 'cond:4 1110 1111 0001 1111 1010 0001 0000', req='vfp')
pat('VMOV_sr', 'cond:4 1110 000 0 .... rt:4 1010 .001 0000  vn=%c_sn', 'sreg vn', req='vfp',
    extra=['reg gpr rt'])
pat('VLDR_d', 'cond:4 1101 u:1 . 0 1 rn:4 .... 1011 imm8:8  vd=%c_dd', 'dreg vd', req='vfp',
    extra=['reg gpr rn', 'tags a32 a32-cond a32-mem', 'mem base=rn offset=(u*2-1)*imm8*4 size=8 align=4'])
w("""
### Conditional branches (gen/branch.c), as in a32.decode but with any
### condition; the flags come from the preceding instructions, so both
### paths occur.  BX/BLX: ARM-state targets only (bit 0 clear).
#@ all: clear
#@ all: tags a32 a32-cond branch noslot""")
pat('B_c', 'cond:4 1010 imm:s24', extra=['branch rel=8+imm*4 field=imm cond'])
pat('BL_c', 'cond:4 1011 imm:s24', extra=['branch rel=8+imm*4 field=imm cond link=14'])
pat('BX_c', 'cond:4 0001 0010 1111 1111 1111 0001 rm:4', 'gpr rm', extra=['branch reg=rm cond'])
pat('BLX_r_c', 'cond:4 0001 0010 1111 1111 1111 0011 rm:4', 'gpr rm',
    extra=['branch reg=rm cond link=14'])
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
