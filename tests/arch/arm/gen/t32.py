# SPDX-License-Identifier: GPL-2.0-or-later
import sys
out = []
IND = ['']
def w(x=''):
    for ln in x.split('\n'):
        out.append(IND[0] + ln if ln and ln[0] not in '{}' else ln)
def pat(name, bits, roles=None, cons=None, req=None, tags=None, extra=()):
    if roles:
        w('#@ reg gpr ' + roles)
    if cons:
        w('#@ constraint ' + cons)
    if req:
        w('#@ requires ' + req)
    if tags:
        w('#@ tags ' + tags)
    for e in extra:
        w('#@ ' + e)
    w('%-13s %s' % (name, bits))
def group(f):
    w('{'); IND[0] = '  '; f(); IND[0] = ''; w('}')

w("""# risu-dt patterns: T32, the 32-bit Thumb-2 instructions (ARMv7-A plus
# the ARMv8-A AArch32 additions), as QEMU decodes them: one 32-bit word
# with the first halfword in bits 31:16.
#
# Written for risu-dt from the Arm ARM (DDI 0406C A6.3 "32-bit Thumb
# instruction encoding"); decodetree syntax, annotations in `#@` comments
# (docs/annotations.md).  VFP: a32-vfp.decode (identical encodings);
# Advanced SIMD: t32-neon.decode; 16-bit forms: t16.decode.
#
# Class gpr = R0-R12, R14: SP and PC operands (UNPREDICTABLE in most T32
# forms, or branches) are never generated.  Fields named Rn/Rd = 1111 in
# the architecture (TST, CMP, MOV, ...) are separate patterns, grouped
# before the general form.  Branches: see the end of the file; IT and
# the members of its block: t16.decode, gen/block.c (`noslot`: not in an
# IT block).
#
#@ all: tags t32

# Branch offsets: S:J1:J2:imm10:imm11 (B.W, BL) and S:J2:J1:imm6:imm11
# (B<c>.W), in halfwords.
%t_imm24      26:s1 13:1 11:1 16:10 0:11 !function=t32_branch24
%t_imm20      26:s1 11:1 13:1 16:6 0:11 !function=times_2
""")
MI = '!(i == 0 && imm3 < 4 && imm3 != 0 && imm8 == 0)'  # ThumbExpandImm UNPREDICTABLE
w('### Data processing (modified immediate)')
DPM = [('AND', '0000', 'TST'), ('BIC', '0001', None), ('ORR', '0010', None), ('ORN', '0011', None),
       ('EOR', '0100', 'TEQ'), ('ADD', '1000', 'CMN'), ('ADC', '1010', None), ('SBC', '1011', None),
       ('SUB', '1101', 'CMP'), ('RSB', '1110', None)]
for n, op, t in DPM:
    def g(n=n, op=op, t=t):
        if t:
            pat(t + '_i', '11110 i:1 0 %s 1 rn:4 0 imm3:3 1111 imm8:8' % op, 'rn', MI)
        if n == 'ORR':
            pat('MOV_i', '11110 i:1 0 0010 s:1 1111 0 imm3:3 rd:4 imm8:8', 'rd', MI)
        if n == 'ORN':
            pat('MVN_i', '11110 i:1 0 0011 s:1 1111 0 imm3:3 rd:4 imm8:8', 'rd', MI)
        pat(n + '_i', '11110 i:1 0 %s s:1 rn:4 0 imm3:3 rd:4 imm8:8' % op, 'rd rn', MI)
    if t or n in ('ORR', 'ORN'):
        group(g)
    else:
        g()
w('\n### Data processing (plain binary immediate)')
pat('ADDW', '11110 i:1 1 0000 0 rn:4 0 imm3:3 rd:4 imm8:8', 'rd rn')
pat('SUBW', '11110 i:1 1 0101 0 rn:4 0 imm3:3 rd:4 imm8:8', 'rd rn')
pat('MOVW', '11110 i:1 1 0010 0 imm4:4 0 imm3:3 rd:4 imm8:8', 'rd')
pat('MOVT', '11110 i:1 1 0110 0 imm4:4 0 imm3:3 rd:4 imm8:8', 'rd')
def g():
    pat('SSAT16', '11110 0 1 1001 0 rn:4 0 000 rd:4 00 00 sat:4', 'rd rn')
    pat('SSAT', '11110 0 1 100 sh:1 0 rn:4 0 imm3:3 rd:4 imm2:2 0 sat:5', 'rd rn')
group(g)
def g():
    pat('USAT16', '11110 0 1 1101 0 rn:4 0 000 rd:4 00 00 sat:4', 'rd rn')
    pat('USAT', '11110 0 1 110 sh:1 0 rn:4 0 imm3:3 rd:4 imm2:2 0 sat:5', 'rd rn')
group(g)
pat('SBFX', '11110 0 1 1010 0 rn:4 0 imm3:3 rd:4 imm2:2 0 widthm1:5', 'rd rn', 'imm3 * 4 + imm2 + widthm1 <= 31')
pat('UBFX', '11110 0 1 1110 0 rn:4 0 imm3:3 rd:4 imm2:2 0 widthm1:5', 'rd rn', 'imm3 * 4 + imm2 + widthm1 <= 31')
def g():
    pat('BFC', '11110 0 1 1011 0 1111 0 imm3:3 rd:4 imm2:2 0 msb:5', 'rd', 'msb >= imm3 * 4 + imm2')
    pat('BFI', '11110 0 1 1011 0 rn:4 0 imm3:3 rd:4 imm2:2 0 msb:5', 'rd rn', 'msb >= imm3 * 4 + imm2')
group(g)

w('\n### Data processing (shifted register)')
DPS = [('AND', '0000', 'TST'), ('BIC', '0001', None), ('ORR', '0010', None), ('ORN', '0011', None),
       ('EOR', '0100', 'TEQ'), ('ADD', '1000', 'CMN'), ('ADC', '1010', None), ('SBC', '1011', None),
       ('SUB', '1101', 'CMP'), ('RSB', '1110', None)]
for n, op, t in DPS:
    def g(n=n, op=op, t=t):
        if t:
            pat(t + '_rs', '11101 01 %s 1 rn:4 0 imm3:3 1111 imm2:2 sh:2 rm:4' % op, 'rn rm')
        if n == 'ORR':
            pat('MOV_rs', '11101 01 0010 s:1 1111 0 imm3:3 rd:4 imm2:2 sh:2 rm:4', 'rd rm')
        if n == 'ORN':
            pat('MVN_rs', '11101 01 0011 s:1 1111 0 imm3:3 rd:4 imm2:2 sh:2 rm:4', 'rd rm')
        pat(n + '_rs', '11101 01 %s s:1 rn:4 0 imm3:3 rd:4 imm2:2 sh:2 rm:4' % op, 'rd rn rm')
    if t or n in ('ORR', 'ORN'):
        group(g)
    else:
        g()
pat('PKHBT', '11101 01 0110 0 rn:4 0 imm3:3 rd:4 imm2:2 0 0 rm:4', 'rd rn rm')
pat('PKHTB', '11101 01 0110 0 rn:4 0 imm3:3 rd:4 imm2:2 1 0 rm:4', 'rd rn rm')

w('\n### Data processing (register): shifts, extends, parallel, misc')
for n, op in [('LSL_r', '00'), ('LSR_r', '01'), ('ASR_r', '10'), ('ROR_r', '11')]:
    pat(n, '11111 010 0 %s s:1 rn:4 1111 rd:4 0000 rm:4' % op, 'rd rn rm')
for n0, n1, op in [('SXTH', 'SXTAH', '000'), ('UXTH', 'UXTAH', '001'), ('SXTB16', 'SXTAB16', '010'),
                   ('UXTB16', 'UXTAB16', '011'), ('SXTB', 'SXTAB', '100'), ('UXTB', 'UXTAB', '101')]:
    def g(n0=n0, n1=n1, op=op):
        pat(n0, '11111 010 0 %s 1111 1111 rd:4 1 0 rot:2 rm:4' % op, 'rd rm')
        pat(n1, '11111 010 0 %s rn:4 1111 rd:4 1 0 rot:2 rm:4' % op, 'rd rn rm')
    group(g)
PP = [('ADD8', '000'), ('ADD16', '001'), ('ASX', '010'), ('SUB8', '100'), ('SUB16', '101'), ('SAX', '110')]
for pfx, u, op2 in [('S', 0, '00'), ('Q', 0, '01'), ('SH', 0, '10'), ('U', 1, '00'), ('UQ', 1, '01'), ('UH', 1, '10')]:
    for n, op1 in PP:
        pat(pfx + n, '11111 010 1 %s rn:4 1111 rd:4 0 %d %s rm:4' % (op1, u, op2), 'rd rn rm')
for n, op1, op2, same in [('QADD', '00', '00', 0), ('QDADD', '00', '01', 0), ('QSUB', '00', '10', 0), ('QDSUB', '00', '11', 0),
                          ('REV', '01', '00', 1), ('REV16', '01', '01', 1), ('RBIT', '01', '10', 1), ('REVSH', '01', '11', 1),
                          ('SEL', '10', '00', 0), ('CLZ', '11', '00', 1)]:
    pat(n, '11111 010 10 %s rn:4 1111 rd:4 10 %s rm:4' % (op1, op2), 'rd rn rm', 'rn == rm' if same else None)
w('# CRC32 is UNPREDICTABLE in an IT block.')
pat('CRC32', '11111 010 1100 rn:4 1111 rd:4 10 sz:2 rm:4', 'rd rn rm', 'sz != 3', 'crc', 'noslot')
pat('CRC32C', '11111 010 1101 rn:4 1111 rd:4 10 sz:2 rm:4', 'rd rn rm', 'sz != 3', 'crc', 'noslot')

w('\n### Multiply, multiply accumulate, absolute difference')
def g():
    pat('MUL', '11111 0110 000 rn:4 1111 rd:4 0000 rm:4', 'rd rn rm')
    pat('MLA', '11111 0110 000 rn:4 ra:4 rd:4 0000 rm:4', 'rd rn rm ra')
group(g)
pat('MLS', '11111 0110 000 rn:4 ra:4 rd:4 0001 rm:4', 'rd rn rm ra')
def g():
    pat('SMULxy', '11111 0110 001 rn:4 1111 rd:4 00 n:1 m:1 rm:4', 'rd rn rm')
    pat('SMLAxy', '11111 0110 001 rn:4 ra:4 rd:4 00 n:1 m:1 rm:4', 'rd rn rm ra')
group(g)
for n0, n1, op1, op2 in [('SMUAD', 'SMLAD', '010', '000'), ('SMULWy', 'SMLAWy', '011', '000'),
                         ('SMUSD', 'SMLSD', '100', '000'), ('SMMUL', 'SMMLA', '101', '000'), ('USAD8', 'USADA8', '111', '000')]:
    def g(n0=n0, n1=n1, op1=op1, op2=op2):
        x = '000 0' if n0 == 'USAD8' else '000 x:1'
        pat(n0, '11111 0110 %s rn:4 1111 rd:4 %s rm:4' % (op1, x), 'rd rn rm')
        pat(n1, '11111 0110 %s rn:4 ra:4 rd:4 %s rm:4' % (op1, x), 'rd rn rm ra')
    group(g)
pat('SMMLS', '11111 0110 110 rn:4 ra:4 rd:4 000 r:1 rm:4', 'rd rn rm ra', 'ra != 15')
w('# long multiply: RdLo != RdHi')
for n, op1, op2 in [('SMULL', '000', '0000'), ('UMULL', '010', '0000'), ('SMLAL', '100', '0000'), ('UMLAL', '110', '0000'),
                    ('UMAAL', '110', '0110')]:
    pat(n, '11111 0111 %s rn:4 rdlo:4 rdhi:4 %s rm:4' % (op1, op2), 'rdlo rdhi rn rm', 'rdlo != rdhi')
pat('SMLALxy', '11111 0111 100 rn:4 rdlo:4 rdhi:4 10 n:1 m:1 rm:4', 'rdlo rdhi rn rm', 'rdlo != rdhi')
pat('SMLALD', '11111 0111 100 rn:4 rdlo:4 rdhi:4 110 x:1 rm:4', 'rdlo rdhi rn rm', 'rdlo != rdhi')
pat('SMLSLD', '11111 0111 101 rn:4 rdlo:4 rdhi:4 110 x:1 rm:4', 'rdlo rdhi rn rm', 'rdlo != rdhi')
w('# divide: ARMv7VE and v8 (idiv); UNDEF on cortex-a8/a9')
pat('SDIV', '11111 0111 001 rn:4 1111 rd:4 1111 rm:4', 'rd rn rm', req='idiv')
pat('UDIV', '11111 0111 011 rn:4 1111 rd:4 1111 rm:4', 'rd rn rm', req='idiv')

w("""
### Load/store single: imm12 (positive offset), imm8 (negative offset,
### post-index, pre-index; unprivileged), register (LSL #0-3).  Rt never
### equals Rn.""")
LS = [('STRB', '0', '00', 0, 1), ('STRH', '0', '01', 0, 2), ('STR', '0', '10', 0, 4),
      ('LDRB', '0', '00', 1, 1), ('LDRH', '0', '01', 1, 2), ('LDR', '0', '10', 1, 4),
      ('LDRSB', '1', '00', 1, 1), ('LDRSH', '1', '01', 1, 2)]
for n, sg, sz, l, nb in LS:
    T = 't32 t32-mem'
    if n == 'LDRB':
        w('{'); IND[0] = '  '
        pat('PLD_i12', '1111100 0 1 0 0 1 rn:4 1111 imm12:12', 'rn')
    pat(n + '_i12', '1111100 %s 1 %s %d rn:4 rt:4 imm12:12' % (sg, sz, l), 'rn rt', 'rt != rn', tags=T,
        extra=['mem base=rn offset=imm12 size=%d' % nb])
    if n == 'LDRB':
        IND[0] = ''; w('}')
    pat(n + '_neg', '1111100 %s 0 %s %d rn:4 rt:4 1100 imm8:8' % (sg, sz, l), 'rn rt', 'rt != rn', tags=T,
        extra=['mem base=rn offset=-imm8 size=%d' % nb])
    pat(n + '_post', '1111100 %s 0 %s %d rn:4 rt:4 10 u:1 1 imm8:8' % (sg, sz, l), 'rn rt', 'rt != rn', tags=T,
        extra=['mem base=rn offset=(u*2-1)*imm8 size=%d post wb' % nb])
    pat(n + '_pre', '1111100 %s 0 %s %d rn:4 rt:4 11 u:1 1 imm8:8' % (sg, sz, l), 'rn rt', 'rt != rn', tags=T,
        extra=['mem base=rn offset=(u*2-1)*imm8 size=%d wb' % nb])
    pat(n + 'T', '1111100 %s 0 %s %d rn:4 rt:4 1110 imm8:8' % (sg, sz, l), 'rn rt', 'rt != rn', tags='t32 t32-mem t32-unpriv',
        extra=['mem base=rn offset=imm8 size=%d' % nb])
    pat(n + '_r', '1111100 %s 0 %s %d rn:4 rt:4 000000 imm2:2 rm:4' % (sg, sz, l), 'rn rt rm', 'rt != rn && rm != rn', tags=T,
        extra=['mem base=rn index=rm scale=(1<<imm2) size=%d' % nb])
w("""
### LDRD/STRD (immediate): offset, pre-index, post-index; Rt != Rt2 for
### loads, neither may be the base.""")
for n, l in (('STRD', 0), ('LDRD', 1)):
    c = 'rt != rn && rt2 != rn' + (' && rt != rt2' if l else '')
    pat(n + '_i', '1110100 1 u:1 1 0 %d rn:4 rt:4 rt2:4 imm8:8' % l, 'rn rt rt2', c, tags='t32 t32-mem',
        extra=['mem base=rn offset=(u*2-1)*imm8*4 size=8 align=4'])
    pat(n + '_pre', '1110100 1 u:1 1 1 %d rn:4 rt:4 rt2:4 imm8:8' % l, 'rn rt rt2', c, tags='t32 t32-mem',
        extra=['mem base=rn offset=(u*2-1)*imm8*4 size=8 align=4 wb'])
    pat(n + '_post', '1110100 0 u:1 1 1 %d rn:4 rt:4 rt2:4 imm8:8' % l, 'rn rt rt2', c, tags='t32 t32-mem',
        extra=['mem base=rn offset=(u*2-1)*imm8*4 size=8 align=4 post wb'])
w("""
### LDM/STM (IA, DB): at least two registers, never SP or PC, never the
### base.  size is the 13-word upper bound.""")
LC = 'bits(list, 0, 1) + bits(list, 1, 1) + bits(list, 2, 1) + bits(list, 3, 1) + bits(list, 4, 1) + bits(list, 5, 1) + bits(list, 6, 1) + bits(list, 7, 1) + bits(list, 8, 1) + bits(list, 9, 1) + bits(list, 10, 1) + bits(list, 11, 1) + bits(list, 12, 1) + bits(list, 14, 1) >= 2'
for n, pu, l, off in [('STMIA', '01', 0, 'offset=0'), ('LDMIA', '01', 1, 'offset=0'), ('STMDB', '10', 0, 'offset=-52'), ('LDMDB', '10', 1, 'offset=-52')]:
    pat(n, '1110100 %s 0 w:1 %d rn:4 0 0 0 list:13' % (pu, l), 'rn', 'bits(list, 13, 1) == 0 && ((list >> rn) & 1) == 0 && (' + LC.replace('bits(list, 14, 1) + ', '') + ')',
        tags='t32 t32-mem', extra=['mem base=rn %s size=52 align=4' % off])
w("""
### Exclusives and acquire/release.  Store-exclusives have weight 0 (see
### a64-mem.decode); status register != data and base registers.""")
T = 't32 t32-mem t32-excl'
pat('LDREX', '1110100 0010 1 rn:4 rt:4 1111 imm8:8', 'rn rt', 'rt != rn', tags=T, extra=['mem base=rn offset=imm8*4 size=4 align=4'])
pat('STREX', '1110100 0010 0 rn:4 rt:4 rd:4 imm8:8', 'rn rt rd', 'rt != rn && rd != rn && rd != rt', tags=T,
    extra=['weight 0', 'mem base=rn offset=imm8*4 size=4 align=4'])
for n, sz, nb in [('B', '00', 1), ('H', '01', 2)]:
    pat('LDREX' + n, '1110100 0110 1 rn:4 rt:4 1111 01 %s 1111' % sz, 'rn rt', 'rt != rn', tags=T, extra=['mem base=rn size=%d align=%d' % (nb, nb)])
    pat('STREX' + n, '1110100 0110 0 rn:4 rt:4 1111 01 %s rd:4' % sz, 'rn rt rd', 'rt != rn && rd != rn && rd != rt', tags=T,
        extra=['weight 0', 'mem base=rn size=%d align=%d' % (nb, nb)])
pat('LDREXD', '1110100 0110 1 rn:4 rt:4 rt2:4 0111 1111', 'rn rt rt2', 'rt != rn && rt2 != rn && rt != rt2', tags=T,
    extra=['mem base=rn size=8 align=8'])
pat('STREXD', '1110100 0110 0 rn:4 rt:4 rt2:4 0111 rd:4', 'rn rt rt2 rd', 'rt != rn && rt2 != rn && rd != rn && rd != rt && rd != rt2', tags=T,
    extra=['weight 0', 'mem base=rn size=8 align=8'])
for n, sz, nb in [('B', '00', 1), ('H', '01', 2), ('', '10', 4)]:
    pat('LDA' + n, '1110100 0110 1 rn:4 rt:4 1111 10 %s 1111' % sz, 'rn rt', 'rt != rn', 'v8', tags=T, extra=['mem base=rn size=%d align=%d' % (nb, nb)])
    pat('STL' + n, '1110100 0110 0 rn:4 rt:4 1111 10 %s 1111' % sz, 'rn rt', 'rt != rn', 'v8', tags=T, extra=['mem base=rn size=%d align=%d' % (nb, nb)])

w('\n### Hints, barriers, APSR access: they share the space of the conditional\n### branch (cond = 111x), which closes the group')
def g():
    pat('NOP_w', '11110 0111 010 1111 10 0 0 0 000 0000 0000')
    pat('YIELD_w', '11110 0111 010 1111 10 0 0 0 000 0000 0001')
    pat('CLREX', '11110 0111 011 1111 10 0 0 1111 0010 1111')
    pat('DSB', '11110 0111 011 1111 10 0 0 1111 0100 opt:4')
    pat('DMB', '11110 0111 011 1111 10 0 0 1111 0101 opt:4')
    pat('ISB', '11110 0111 011 1111 10 0 0 1111 0110 1111')
    pat('MRS', '11110 0111 110 1111 10 0 0 rd:4 0000 0000', 'rd')
    pat('MSR', '11110 0111 000 rn:4 10 0 0 mask:2 00 0000 0000', 'rn', 'mask != 0')
    pat('WFE_w', '11110 0111 010 1111 10 0 0 0 000 0000 0010', extra=['tags t32 branch', 'never may sleep on hardware'])
    pat('WFI_w', '11110 0111 010 1111 10 0 0 0 000 0000 0011', extra=['tags t32 branch', 'never may sleep on hardware'])
    pat('SEV_w', '11110 0111 010 1111 10 0 0 0 000 0000 0100', extra=['tags t32 branch', 'never event state differs'])
    pat('UDF_w', '11110 111 1111 imm4:4 1010 imm12:12', extra=['tags t32 branch', 'never traps'])
    pat('SMC', '11110 111 1111 imm4:4 1000 0000 0000 0000', extra=['tags t32 branch', 'never privileged'])
    w("# (the conditional branch: its offset is S:J2:J1:imm6:imm11:'0')")
    pat('B_cond_w', '11110 . cond:4 ...... 10 . 0 . ...........  imm=%t_imm20', cons='cond < 14',
        tags='t32 branch noslot', extra=['branch rel=4+dec(imm) field=imm cond'])
group(g)
w("""
### Branches (gen/branch.c): forward targets inside the image; offsets
### from the branch + 4, decoded by t32_branch24 (I1 = NOT(J1 XOR S)).
### Link: LR (bit 0 set), compared as an image offset.  B.W and BL may
### only end an IT block, which gen/block.c does not generate: noslot.
#@ all: clear
#@ all: tags t32 branch noslot""")
pat('B_w', '11110 . .......... 10 . 1 . ...........  imm=%t_imm24', extra=['branch rel=4+dec(imm) field=imm'])
pat('BL', '11110 . .......... 11 . 1 . ...........  imm=%t_imm24',
    extra=['branch rel=4+dec(imm) field=imm link=14'])
w("""
### Never generated: branches, exceptions, system.
#@ all: clear
#@ all: tags t32 branch
#@ all: never branches to ARM state, traps or changes processor state""")
pat('BLX_i', '11110 s:1 imm10:10 11 j1:1 0 j2:1 imm10l:10 0')
pat('TBB', '11101 000 1101 rn:4 1111 0000 000 h:1 rm:4')
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
