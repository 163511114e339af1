# SPDX-License-Identifier: GPL-2.0-or-later
import sys
out = []
IND = ['']
def w(x=''):
    out.append(IND[0] + x if x and x[0] not in '{}' else x)
def pat(name, bits, roles=None, cons=None, req=None, tags=None, extra=()):
    for r in (roles or '').split(';'):
        if r.strip():
            w('#@ reg gpr ' + r.strip())
    if cons:
        w('#@ constraint ' + cons)
    if req:
        w('#@ requires ' + req)
    if tags:
        w('#@ tags ' + tags)
    for e in extra:
        w('#@ ' + e)
    w('%-14s %s' % (name, bits))
def group(f):
    w('{'); IND[0] = '  '; f(); IND[0] = ''; w('}')

C = '1110'
w("""# risu-dt patterns: A32 (ARM state) integer instructions, ARMv7-A plus the
# ARMv8-A AArch32 additions (CRC32, load-acquire/store-release).
#
# Written for risu-dt from the Arm ARM (DDI 0406C / DDI 0487 AArch32)
# encoding tables; decodetree syntax, annotations in `#@` comments
# (docs/annotations.md).  VFP is in a32-vfp.decode, Advanced SIMD in
# a32-neon.decode (separate namespaces, may share one decodetree.py run).
#
# Conditional instructions are written with cond = AL (0b1110) fixed:
# conditional execution is exercised by a32-cond.decode, a small file of
# its own that cannot share a run with this one.  Register class gpr = R0-R12, R14 (SP and PC are never
# generated: PC as a source reads the PC, as a destination branches).
# UNPREDICTABLE operand combinations are excluded by constraints.
#
# Literal offsets of the extra loads: imm4h:imm4l.
%lit8          8:4 0:4

#@ all: tags a32 a32-int
""")
DP = [('AND', '0000'), ('EOR', '0001'), ('SUB', '0010'), ('RSB', '0011'), ('ADD', '0100'), ('ADC', '0101'),
      ('SBC', '0110'), ('RSC', '0111'), ('ORR', '1100'), ('BIC', '1110')]
TST = [('TST', '1000'), ('TEQ', '1001'), ('CMP', '1010'), ('CMN', '1011')]
MOV = [('MOV', '1101'), ('MVN', '1111')]
w('### Data processing (immediate shift), (register shift), (immediate)')
for n, op in DP:
    pat(n + '_rrsi', C + ' 000 %s s:1 rn:4 rd:4 imm5:5 sh:2 0 rm:4' % op, 'rd rn rm')
    pat(n + '_rrsr', C + ' 000 %s s:1 rn:4 rd:4 rs:4 0 sh:2 1 rm:4' % op, 'rd rn rm rs')
    pat(n + '_rri', C + ' 001 %s s:1 rn:4 rd:4 rot:4 imm8:8' % op, 'rd rn')
for n, op in TST:
    pat(n + '_rsi', C + ' 000 %s 1 rn:4 0000 imm5:5 sh:2 0 rm:4' % op, 'rn rm')
    pat(n + '_rsr', C + ' 000 %s 1 rn:4 0000 rs:4 0 sh:2 1 rm:4' % op, 'rn rm rs')
    pat(n + '_ri', C + ' 001 %s 1 rn:4 0000 rot:4 imm8:8' % op, 'rn')
for n, op in MOV:
    pat(n + '_rsi', C + ' 000 %s s:1 0000 rd:4 imm5:5 sh:2 0 rm:4' % op, 'rd rm')
    pat(n + '_rsr', C + ' 000 %s s:1 0000 rd:4 rs:4 0 sh:2 1 rm:4' % op, 'rd rm rs')
    pat(n + '_ri', C + ' 001 %s s:1 0000 rd:4 rot:4 imm8:8' % op, 'rd')
pat('MOVW', C + ' 0011 0000 imm4:4 rd:4 imm12:12', 'rd')
pat('MOVT', C + ' 0011 0100 imm4:4 rd:4 imm12:12', 'rd')

w('\n### Multiply and multiply accumulate; long forms need RdHi != RdLo')
pat('MUL', C + ' 0000 000 s:1 rd:4 0000 rm:4 1001 rn:4', 'rd rn rm')
pat('MLA', C + ' 0000 001 s:1 rd:4 ra:4 rm:4 1001 rn:4', 'rd rn rm ra')
pat('UMAAL', C + ' 0000 0100 rdhi:4 rdlo:4 rm:4 1001 rn:4', 'rdhi rdlo rn rm', 'rdhi != rdlo')
pat('MLS', C + ' 0000 0110 rd:4 ra:4 rm:4 1001 rn:4', 'rd rn rm ra')
for n, op in [('UMULL', '100'), ('UMLAL', '101'), ('SMULL', '110'), ('SMLAL', '111')]:
    pat(n, C + ' 0000 %s s:1 rdhi:4 rdlo:4 rm:4 1001 rn:4' % op, 'rdhi rdlo rn rm', 'rdhi != rdlo')
w('# halfword multiplies: m selects the top half of Rm, n of Rn')
pat('SMLAxy', C + ' 0001 0000 rd:4 ra:4 rm:4 1 m:1 n:1 0 rn:4', 'rd rn rm ra')
pat('SMLAWy', C + ' 0001 0010 rd:4 ra:4 rm:4 1 m:1 0 0 rn:4', 'rd rn rm ra')
pat('SMULWy', C + ' 0001 0010 rd:4 0000 rm:4 1 m:1 1 0 rn:4', 'rd rn rm')
pat('SMLALxy', C + ' 0001 0100 rdhi:4 rdlo:4 rm:4 1 m:1 n:1 0 rn:4', 'rdhi rdlo rn rm', 'rdhi != rdlo')
pat('SMULxy', C + ' 0001 0110 rd:4 0000 rm:4 1 m:1 n:1 0 rn:4', 'rd rn rm')
w('# signed multiplies (media); Ra = 15 selects the non-accumulating form')
for n0, n1, op1, op2 in [('SMUAD', 'SMLAD', '000', '00'), ('SMUSD', 'SMLSD', '000', '01'),
                         ('SMMUL', 'SMMLA', '101', '00')]:
    def g(n0=n0, n1=n1, op1=op1, op2=op2):
        pat(n0, C + ' 0111 0%s rd:4 1111 rm:4 %s x:1 1 rn:4' % (op1, op2), 'rd rn rm')
        pat(n1, C + ' 0111 0%s rd:4 ra:4 rm:4 %s x:1 1 rn:4' % (op1, op2), 'rd rn rm ra')
    group(g)
pat('SMMLS', C + ' 0111 0101 rd:4 ra:4 rm:4 11 r:1 1 rn:4', 'rd rn rm ra', 'ra != 15')
pat('SMLALD', C + ' 0111 0100 rdhi:4 rdlo:4 rm:4 00 x:1 1 rn:4', 'rdhi rdlo rn rm', 'rdhi != rdlo')
pat('SMLSLD', C + ' 0111 0100 rdhi:4 rdlo:4 rm:4 01 x:1 1 rn:4', 'rdhi rdlo rn rm', 'rdhi != rdlo')
w('# integer divide: ARMv7VE (cortex-a7, cortex-a15, every v8); UNDEF on a8/a9')
pat('SDIV', C + ' 0111 0001 rd:4 1111 rm:4 0001 rn:4', 'rd rn rm', req='idiv')
pat('UDIV', C + ' 0111 0011 rd:4 1111 rm:4 0001 rn:4', 'rd rn rm', req='idiv')

w('\n### Saturating add/subtract, CLZ, CRC32 (ARMv8, cond must be AL)')
for n, op in [('QADD', '00'), ('QSUB', '01'), ('QDADD', '10'), ('QDSUB', '11')]:
    pat(n, C + ' 0001 0%s0 rn:4 rd:4 0000 0101 rm:4' % op, 'rd rn rm')
pat('CLZ', C + ' 0001 0110 1111 rd:4 1111 0001 rm:4', 'rd rm')
for c in (0, 1):
    pat('CRC32' + ('C' if c else ''), C + ' 0001 0 sz:2 0 rn:4 rd:4 00 %d 0 0100 rm:4' % c, 'rd rn rm',
        'sz != 3', 'crc')

w('\n### Parallel add/subtract: S, Q, SH, U, UQ, UH prefixes')
PFX = [('S', '001'), ('Q', '010'), ('SH', '011'), ('U', '101'), ('UQ', '110'), ('UH', '111')]
POP = [('ADD16', '000'), ('ASX', '001'), ('SAX', '010'), ('SUB16', '011'), ('ADD8', '100'), ('SUB8', '111')]
for p, o1 in PFX:
    for n, o2 in POP:
        pat(p + n, C + ' 0110 0%s rn:4 rd:4 1111 %s 1 rm:4' % (o1, o2), 'rd rn rm')

w('\n### Packing, unpacking, saturation, reversal, select')
pat('PKHBT', C + ' 0110 1000 rn:4 rd:4 imm5:5 0 01 rm:4', 'rd rn rm')
pat('PKHTB', C + ' 0110 1000 rn:4 rd:4 imm5:5 1 01 rm:4', 'rd rn rm')
pat('SSAT', C + ' 0110 101 sat:5 rd:4 imm5:5 sh:1 01 rn:4', 'rd rn')
pat('USAT', C + ' 0110 111 sat:5 rd:4 imm5:5 sh:1 01 rn:4', 'rd rn')
pat('SSAT16', C + ' 0110 1010 sat:4 rd:4 1111 0011 rn:4', 'rd rn')
pat('USAT16', C + ' 0110 1110 sat:4 rd:4 1111 0011 rn:4', 'rd rn')
for n0, n1, op in [('SXTB16', 'SXTAB16', '000'), ('SXTB', 'SXTAB', '010'), ('SXTH', 'SXTAH', '011'),
                   ('UXTB16', 'UXTAB16', '100'), ('UXTB', 'UXTAB', '110'), ('UXTH', 'UXTAH', '111')]:
    def g(n0=n0, n1=n1, op=op):
        pat(n0, C + ' 0110 1%s 1111 rd:4 rot:2 00 0111 rm:4' % op, 'rd rm')
        pat(n1, C + ' 0110 1%s rn:4 rd:4 rot:2 00 0111 rm:4' % op, 'rd rn rm')
    group(g)
pat('SEL', C + ' 0110 1000 rn:4 rd:4 1111 1011 rm:4', 'rd rn rm')
pat('REV', C + ' 0110 1011 1111 rd:4 1111 0011 rm:4', 'rd rm')
pat('REV16', C + ' 0110 1011 1111 rd:4 1111 1011 rm:4', 'rd rm')
pat('RBIT', C + ' 0110 1111 1111 rd:4 1111 0011 rm:4', 'rd rm')
pat('REVSH', C + ' 0110 1111 1111 rd:4 1111 1011 rm:4', 'rd rm')
def g():
    pat('USAD8', C + ' 0111 1000 rd:4 1111 rm:4 0001 rn:4', 'rd rn rm')
    pat('USADA8', C + ' 0111 1000 rd:4 ra:4 rm:4 0001 rn:4', 'rd rn rm ra')
group(g)
w('# bitfields: lsb + width <= 32, msb >= lsb')
pat('SBFX', C + ' 0111 101 widthm1:5 rd:4 lsb:5 101 rn:4', 'rd rn', 'lsb + widthm1 <= 31')
pat('UBFX', C + ' 0111 111 widthm1:5 rd:4 lsb:5 101 rn:4', 'rd rn', 'lsb + widthm1 <= 31')
def g():
    pat('BFC', C + ' 0111 110 msb:5 rd:4 lsb:5 001 1111', 'rd', 'msb >= lsb')
    pat('BFI', C + ' 0111 110 msb:5 rd:4 lsb:5 001 rn:4', 'rd rn', 'msb >= lsb')
group(g)

w("""
### Status register access (APSR only: N Z C V Q GE) and hints""")
pat('MRS', C + ' 0001 0000 1111 rd:4 0000 0000 0000', 'rd')
pat('MSR_reg', C + ' 0001 0010 mask:2 00 1111 0000 0000 rn:4', 'rn', 'mask != 0')
for mk, nm in (('10', 'nzcvq'), ('01', 'g'), ('11', 'nzcvqg')):
    pat('MSR_imm_' + nm, C + ' 0011 0010 %s 00 1111 rot:4 imm8:8' % mk)
pat('NOP', C + ' 0011 0010 0000 1111 0000 0000 0000')
pat('YIELD', C + ' 0011 0010 0000 1111 0000 0000 0001')
pat('WFE', C + ' 0011 0010 0000 1111 0000 0000 0010', extra=['never may sleep on hardware'])
pat('WFI', C + ' 0011 0010 0000 1111 0000 0000 0011', extra=['never may sleep on hardware'])
pat('SEV', C + ' 0011 0010 0000 1111 0000 0000 0100', extra=['never event state differs between runs'])

w("""
### Load/store word and unsigned byte: offset, pre-indexed, post-indexed,
### unprivileged (P=0 W=1, user mode: an ordinary access).  Offsets are
### added (u=1) or subtracted (u=0).  Register offsets use LSL #0..3 only
### so that the address stays base + index * scale.  Writeback with
### Rn == Rt is UNPREDICTABLE; the data register never equals the base.""")
LS = [('STR', 0, 0, 4), ('LDR', 0, 1, 4), ('STRB', 1, 0, 1), ('LDRB', 1, 1, 1)]
MODES = [('', '1 u:1 %d 0', ''), ('_pre', '1 u:1 %d 1', ' wb'), ('_post', '0 u:1 %d 0', ' post wb'),
         ('T', '0 u:1 %d 1', ' post wb')]
def literal(name, bits, size, field, cons=None, align=''):
    """The Rn = PC offset form of a load (literal): reads a literal pool
    at PC + 8 +- offset (gen/pcrel.c), first in a group with the _i form."""
    pat(name, bits, 'rt', cons, tags='a32 a32-mem pcrel',
        extra=['pcrel target=8+(u*2-1)*%s field=%s size=%d%s'
               % (field, field, size, align)])
def maybe_group(lit, f):
    if lit:
        def g():
            lit()
            f()
        group(g)
    else:
        f()
for n, b, l, nb in LS:
    for sfx, pw, mm in MODES:
        bits = pw % b
        nm = n + sfx if sfx != 'T' else n + 'T'
        tags = 'a32 a32-mem a32-unpriv' if sfx == 'T' else 'a32 a32-mem'
        lit = None
        if l and not sfx:
            lit = lambda: literal(n + '_lit', C + ' 010 %s %d 1111 rt:4 imm12:12' % (bits, l), nb, 'imm12')
        maybe_group(lit, lambda: pat(nm + '_i', C + ' 010 %s %d rn:4 rt:4 imm12:12' % (bits, l), 'rn rt', 'rt != rn', tags=tags,
            extra=['mem base=rn offset=(u*2-1)*imm12 size=%d%s' % (nb, mm)]))
        pat(nm + '_r', C + ' 011 %s %d rn:4 rt:4 imm5:5 00 0 rm:4' % (bits, l), 'rn rt rm',
            'rt != rn && rm != rn && rm != rt && imm5 < 4', tags=tags,
            extra=['mem base=rn index=rm scale=(u*2-1)*(1<<imm5) size=%d%s' % (nb, mm)])
w("""
### Extra load/store: halfword, signed byte/halfword, doubleword.  LDRD/STRD
### need an even Rt below R12 (Rt2 = Rt + 1 must not be SP or PC).""")
XL = [('STRH', 0, '01', 2), ('LDRH', 1, '01', 2), ('LDRSB', 1, '10', 1), ('LDRSH', 1, '11', 2),
      ('LDRD', 0, '10', 8), ('STRD', 0, '11', 8)]
XM = [('', '1 u:1 %s 0', ''), ('_pre', '1 u:1 %s 1', ' wb'), ('_post', '0 u:1 %s 0', ' post wb'),
      ('T', '0 u:1 %s 1', ' post wb')]
for n, l, op, nb in XL:
    for sfx, pw, mm in XM:
        if sfx == 'T' and n in ('LDRD', 'STRD'):
            continue
        nm = n + sfx
        d = n in ('LDRD', 'STRD')
        ci = 'rt != rn' + (' && even(rt) && rt < 12 && rt + 1 != rn' if d else '')
        cr = ci + ' && rm != rn && rm != rt' + (' && rm != rt + 1' if d else '')
        tags = 'a32 a32-mem a32-unpriv' if sfx == 'T' else 'a32 a32-mem'
        al = ' align=4' if d else ''
        lit = None
        if (l or n == 'LDRD') and not sfx:
            lit = lambda: literal(n + '_lit', C + ' 000 %s %d 1111 rt:4 .... 1 %s 1 .... %%lit8' % (pw % '1', l, op), nb, 'lit8',
                                  'even(rt) && rt < 12' if d else None, al)
        maybe_group(lit, lambda: pat(nm + '_i', C + ' 000 %s %d rn:4 rt:4 imm4h:4 1 %s 1 imm4l:4' % (pw % '1', l, op), 'rn rt', ci, tags=tags,
            extra=['mem base=rn offset=(u*2-1)*(imm4h*16+imm4l) size=%d%s%s' % (nb, mm, al)]))
        pat(nm + '_r', C + ' 000 %s %d rn:4 rt:4 0000 1 %s 1 rm:4' % (pw % '0', l, op), 'rn rt rm', cr, tags=tags,
            extra=['mem base=rn index=rm scale=(u*2-1) size=%d%s%s' % (nb, mm, al)])

w("""
### Load/store multiple (IA, IB, DA, DB, optional writeback).  The list
### never holds SP or PC, nor the base (UNPREDICTABLE with writeback; a
### stored base would be an address).  size is an upper bound, 16 words:
### IA from Rn, IB from Rn+4, DA up to and including Rn, DB below Rn.""")
for n, p, u in [('IA', 0, 1), ('IB', 1, 1), ('DA', 0, 0), ('DB', 1, 0)]:
    for l, mn in ((0, 'STM'), (1, 'LDM')):
        off = 'offset=%d' % {'IA': 0, 'IB': 4, 'DA': -60, 'DB': -64}[n]
        pat(mn + n, C + ' 100 %d %d 0 w:1 %d rn:4 list:16' % (p, u, l), 'rn',
            'list != 0 && (list & 0xa000) == 0 && ((list >> rn) & 1) == 0', tags='a32 a32-mem a32-ldm',
            extra=['mem base=rn %s size=64 align=4' % off])

w("""
### Exclusives and acquire/release (LDA/STL ARMv8).  Store-exclusive
### status must differ from the data and base registers; weight 0 as for
### A64 (monitor state across the checkpoint trap is not portable).""")
EX = [('', '00', 4), ('D', '01', 8), ('B', '10', 1), ('H', '11', 2)]
for sfx, sz, nb in EX:
    d = sfx == 'D'
    pat('LDREX' + sfx, C + ' 0001 1%s1 rn:4 rt:4 1111 1001 1111' % sz, 'rn rt',
        'rt != rn' + (' && even(rt) && rt < 12 && rt + 1 != rn' if d else ''), tags='a32 a32-mem a32-excl',
        extra=['mem base=rn size=%d align=%d' % (nb, nb)])
    pat('STREX' + sfx, C + ' 0001 1%s0 rn:4 rd:4 1111 1001 rt:4' % sz, 'rn rt rd',
        'rt != rn && rd != rn && rd != rt' + (' && even(rt) && rt < 12 && rd != rt + 1 && rt + 1 != rn' if d else ''),
        tags='a32 a32-mem a32-excl', extra=['weight 0', 'mem base=rn size=%d align=%d' % (nb, nb)])
for sfx, sz, nb in [('', '00', 4), ('B', '10', 1), ('H', '11', 2)]:
    pat('LDA' + sfx, C + ' 0001 1%s1 rn:4 rt:4 1100 1001 1111' % sz, 'rn rt', 'rt != rn', 'v8',
        tags='a32 a32-mem a32-excl', extra=['mem base=rn size=%d align=%d' % (nb, nb)])
    pat('STL' + sfx, C + ' 0001 1%s0 rn:4 1111 1100 1001 rt:4' % sz, 'rn rt', 'rt != rn', 'v8',
        tags='a32 a32-mem a32-excl', extra=['mem base=rn size=%d align=%d' % (nb, nb)])

w("""
### Branches (gen/branch.c): forward targets inside the image; the
### offset is in words from the branch + 8 (the PC reads 8 ahead).
### BX/BLX get an ARM-state target (bit 0 clear) in rm from SETADDR:
### interworking into Thumb is not generated.  Link: LR (R14), compared
### as an image offset.  Conditional forms: a32-cond.decode.
#@ all: clear
#@ all: tags a32 branch noslot""")
pat('B', C + ' 1010 imm:s24', extra=['branch rel=8+imm*4 field=imm'])
pat('BL', C + ' 1011 imm:s24', extra=['branch rel=8+imm*4 field=imm link=14'])
pat('BX', C + ' 0001 0010 1111 1111 1111 0001 rm:4', 'rm', extra=['branch reg=rm'])
pat('BLX_r', C + ' 0001 0010 1111 1111 1111 0011 rm:4', 'rm', extra=['branch reg=rm link=14'])
w("""
### Never generated: exceptions, system.
#@ all: clear
#@ all: tags a32 branch
#@ all: never leaves the generated sequence or traps""")
pat('SVC', C + ' 1111 imm:24')
pat('BKPT', C + ' 0001 0010 imm12:12 0111 imm4:4')
pat('UDF', '1110 0111 1111 imm12:12 1111 imm4:4')
w('#@ all: clear')
w("""
### Unconditional space (cond = 1111): barriers, CLREX, preload hints.
#@ all: tags a32 a32-int""")
pat('CLREX', '1111 0101 0111 1111 1111 0000 0001 1111')
pat('DSB', '1111 0101 0111 1111 1111 0000 0100 opt:4')
pat('DMB', '1111 0101 0111 1111 1111 0000 0101 opt:4')
pat('ISB', '1111 0101 0111 1111 1111 0000 0110 1111')
pat('PLD_i', '1111 0101 u:1 r:1 01 rn:4 1111 imm12:12', 'rn')
pat('PLI_i', '1111 0100 u:1 101 rn:4 1111 imm12:12', 'rn')
pat('PLD_r', '1111 0111 u:1 r:1 01 rn:4 1111 imm5:5 sh:2 0 rm:4', 'rn rm')
pat('SETEND', '1111 0001 0000 0001 0000 00 e:1 0 0000 0000', extra=['never big-endian data breaks the harness'])
pat('CPS', '1111 0001 0000 imod:2 m:1 0 0000 000 a:1 i:1 f:1 0 mode:5', extra=['never privileged'])
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
