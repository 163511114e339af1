# SPDX-License-Identifier: GPL-2.0-or-later
import sys
out = []
def w(x=''):
    out.append(x)
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
    if name.startswith('  '):
        k = sum(1 for x in (roles, cons, req, tags) if x) + len(extra)
        for i in range(len(out) - k, len(out)):
            out[i] = '  ' + out[i]
    w('%s%-12s %s' % ('  ' if name.startswith('  ') else '', name.strip(), bits))
w("""# risu-dt patterns: T16, the 16-bit Thumb instructions (ARMv7-A/ARMv8-A
# AArch32), for decodetree.py --insnwidth 16 / risugen --arch thumb
# --insnwidth 16.
#
# Written for risu-dt from the Arm ARM (DDI 0406C A6.2 "16-bit Thumb
# instruction encoding"); decodetree syntax, annotations in `#@` comments
# (docs/annotations.md).  The 32-bit Thumb-2 instructions are in
# t32.decode.
#
# Outside an IT block the data-processing forms set the flags, inside
# one they do not (the same words: which applies is the CPU's IT state).
# IT governs the 1-4 instructions after it (`block`, gen/block.c);
# `noslot` marks what is UNPREDICTABLE inside an IT block.  Low
# registers R0-R7 are always fine; high-register fields (D:Rdn, Rm in
# 4 bits) use class gpr, which excludes SP and PC.
# Forms that read or write SP or PC are never generated.
#
#@ all: tags t16
""")
w('%t_rdn   7:1 0:3')
w('%t_cbz   9:1 3:5\n')
w('### Shift (immediate), add/subtract, move/compare immediate')
w('# LSL #0 is MOVS (register), UNPREDICTABLE in an IT block: LSL_i stays')
w('# out of IT blocks (a pattern of its own would change the draws of')
w('# images without IT blocks).')
pat('LSL_i', '000 00 imm5:5 rm:3 rd:3', tags='t16 noslot')
pat('LSR_i', '000 01 imm5:5 rm:3 rd:3')
pat('ASR_i', '000 10 imm5:5 rm:3 rd:3')
pat('ADD_rrr', '0001100 rm:3 rn:3 rd:3')
pat('SUB_rrr', '0001101 rm:3 rn:3 rd:3')
pat('ADD_rri', '0001110 imm3:3 rn:3 rd:3')
pat('SUB_rri', '0001111 imm3:3 rn:3 rd:3')
pat('MOV_i', '00100 rd:3 imm8:8')
pat('CMP_i', '00101 rn:3 imm8:8')
pat('ADD_i8', '00110 rdn:3 imm8:8')
pat('SUB_i8', '00111 rdn:3 imm8:8')
w('\n### Data processing (register)')
for n, op in [('AND', '0000'), ('EOR', '0001'), ('LSL_r', '0010'), ('LSR_r', '0011'), ('ASR_r', '0100'),
              ('ADC', '0101'), ('SBC', '0110'), ('ROR_r', '0111'), ('TST', '1000'), ('RSB', '1001'),
              ('CMP_r', '1010'), ('CMN', '1011'), ('ORR', '1100'), ('MUL', '1101'), ('BIC', '1110'),
              ('MVN', '1111')]:
    pat(n, '010000 %s rm:3 rdn:3' % op)
w('\n### Special data processing (high registers)')
pat('ADD_hi', '01000100 . rm:4 ...  rdn=%t_rdn', 'rdn rm')
pat('CMP_hi', '01000101 . rm:4 ...  rdn=%t_rdn', 'rdn rm', 'rdn >= 8 || rm >= 8')
pat('MOV_hi', '01000110 . rm:4 ...  rdn=%t_rdn', 'rdn rm')
w('\n### Load/store: register offset, immediate offset (scaled)')
LS = [('STR', '000', 4, 0), ('STRH', '001', 2, 0), ('STRB', '010', 1, 0), ('LDRSB', '011', 1, 1),
      ('LDR', '100', 4, 1), ('LDRH', '101', 2, 1), ('LDRB', '110', 1, 1), ('LDRSH', '111', 2, 1)]
for n, op, nb, ld in LS:
    pat(n + '_r', '0101 %s rm:3 rn:3 rt:3' % op, None, 'rt != rn && rm != rn', tags='t16 t16-mem',
        extra=['mem base=rn index=rm size=%d' % nb])
for n, bits, nb in [('STR_i', '01100', 4), ('LDR_i', '01101', 4), ('STRB_i', '01110', 1), ('LDRB_i', '01111', 1),
                    ('STRH_i', '10000', 2), ('LDRH_i', '10001', 2)]:
    pat(n, '%s imm5:5 rn:3 rt:3' % bits, None, 'rt != rn', tags='t16 t16-mem',
        extra=['mem base=rn offset=imm5*%d size=%d' % (nb, nb)])
w('# STM (always writeback) and LDM (writeback unless Rn is in the list);')
w('# the base is never in the list.  size is the 8-word upper bound.')
pat('STM', '11000 rn:3 list:8', None, 'list != 0 && ((list >> rn) & 1) == 0', tags='t16 t16-mem',
    extra=['mem base=rn size=32 align=4 wb'])
pat('LDM', '11001 rn:3 list:8', None, 'list != 0 && ((list >> rn) & 1) == 0', tags='t16 t16-mem',
    extra=['mem base=rn size=32 align=4 wb'])
w('\n### Miscellaneous')
pat('SXTH', '1011 0010 00 rm:3 rd:3')
pat('SXTB', '1011 0010 01 rm:3 rd:3')
pat('UXTH', '1011 0010 10 rm:3 rd:3')
pat('UXTB', '1011 0010 11 rm:3 rd:3')
pat('REV', '1011 1010 00 rm:3 rd:3')
pat('REV16', '1011 1010 01 rm:3 rd:3')
pat('REVSH', '1011 1010 11 rm:3 rd:3')
w('# hints share their space with IT (mask = 0 is a hint)')
w('{')
pat('  NOP', '1011 1111 0000 0000')
pat('  YIELD', '1011 1111 0001 0000')
pat('  WFE', '1011 1111 0010 0000', extra=['tags t16 branch', 'never may sleep on hardware'])
pat('  WFI', '1011 1111 0011 0000', extra=['tags t16 branch', 'never may sleep on hardware'])
pat('  SEV', '1011 1111 0100 0000', extra=['tags t16 branch', 'never event state differs between runs'])
w('''  # count: 4 - the number of trailing zeros of mask (0 is a hint).
  # firstcond 1111 is UNPREDICTABLE, and so is AL with an "else" (more
  # than one bit set in mask); IT inside IT is UNPREDICTABLE too.''')
pat('  IT', '1011 1111 cond:4 mask:4', tags='t16 branch noslot',
    cons='mask != 0 && cond != 15 && (cond != 14 || in(mask, 1, 2, 4, 8))',
    extra=['block count="(mask & 1) ? 4 : (mask & 2) ? 3 : (mask & 4) ? 2 : 1" exclude=neon'])
w('}')
w("""
### Never generated: PC- or SP-relative forms, branches, IT, system.
#@ all: clear
#@ all: tags t16 branch
#@ all: never uses SP or PC, branches, or traps""")
for n, b in [('LDR_lit', '01001 rt:3 imm8:8'), ('STR_sp', '10010 rt:3 imm8:8'), ('LDR_sp', '10011 rt:3 imm8:8'),
             ('ADR', '10100 rd:3 imm8:8'), ('ADD_sp_i', '10101 rd:3 imm8:8'), ('ADD_sp_sp', '1011 0000 0 imm7:7'),
             ('SUB_sp_sp', '1011 0000 1 imm7:7'),
             ('PUSH', '1011 010 m:1 list:8'), ('POP', '1011 110 p:1 list:8'), ('BKPT', '1011 1110 imm8:8'),
             ('HLT', '1011 1010 10 imm6:6'), ('SETEND', '1011 0110 0101 e:1 000'), ('CPS', '1011 0110 011 im:1 0 aif:3'),
             ]:
    pat(n, b)
w('''
### Branches (gen/branch.c): forward targets inside the image; offsets
### in halfwords from the branch + 4.  CBZ/CBNZ: i:imm5 zero-extended
### (forward only).  BX/BLX get the target + 1 (Thumb state) in rm from
### SETADDR: interworking into ARM state is not generated.  Link: LR
### (R14, bit 0 set), compared as an image offset.  None of them may sit
### in an IT block (B<c>, CBZ, CBNZ: UNPREDICTABLE; the others only as
### its last instruction, which gen/block.c does not generate).
#@ all: clear
#@ all: tags t16 branch noslot''')
w('# B<c> shares its space with UDF (cond 1110) and SVC (cond 1111).')
w('{')
pat('  UDF', '1101 1110 imm8:8', extra=['never traps'])
pat('  SVC', '1101 1111 imm8:8', extra=['never supervisor calls leave the test'])
pat('  B_cond', '1101 cond:4 imm8:s8', cons='cond < 14',
    extra=['branch rel=4+imm8*2 field=imm8 cond'])
w('}')
pat('B', '11100 imm11:s11', extra=['branch rel=4+imm11*2 field=imm11'])
pat('CBZ', '1011 0 0 . 1 ..... rn:3  imm=%t_cbz', 'rn', extra=['branch rel=4+imm*2 field=imm cond'])
pat('CBNZ', '1011 1 0 . 1 ..... rn:3  imm=%t_cbz', 'rn', extra=['branch rel=4+imm*2 field=imm cond'])
pat('BX', '01000111 0 rm:4 000', 'rm', extra=['branch reg=rm plus=-1'])
pat('BLX', '01000111 1 rm:4 000', 'rm', extra=['branch reg=rm plus=-1 link=14'])

open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
