# SPDX-License-Identifier: GPL-2.0-or-later
import sys
which = sys.argv[1]
out = []
w = out.append
HDR = {
 't32': """# risu-dt overlay for QEMU's unmodified t32.decode (QEMU 8.0+:
# target/arm/tcg/t32.decode; 7.2: target/arm/t32.decode), the 32-bit
# Thumb-2 decoder (first halfword in bits 31:16).  See docs/qemu-decode.md.
#
#   risugen --arch thumb --drop-unsatisfiable \\
#       --overlay arch/arm/qemu/t32.overlay $QEMU/target/arm/tcg/t32.decode
#
# Variants whose base register is the constant 15 (literal loads) or
# whose register fields are SP/PC cannot be generated (class gpr) and are
# skipped by --drop-unsatisfiable.  M-profile (MVE, low-overhead loops,
# TT, SG, CLRM, v8.1-M CSEL) and system instructions are never generated.
# REV/REV16/REVSH/RBIT/CLZ repeat Rm in bits 19:16, which QEMU's file
# marks '-': only Rm = R0 keeps the two copies equal.
""",
 'a32': """# risu-dt overlay for QEMU's unmodified a32.decode (QEMU 8.0+:
# target/arm/tcg/a32.decode; 7.2: target/arm/a32.decode), the A32 decoder
# for cond != 0b1111.  See docs/qemu-decode.md.
#
#   risugen --arch arm --drop-unsatisfiable \\
#       --overlay arch/arm/qemu/a32.overlay $QEMU/target/arm/tcg/a32.decode
#
# QEMU's file marks the condition '-' (its caller tests it): dontcare puts
# AL (0b1110) there.  Variants that can only use SP/PC are skipped by
# --drop-unsatisfiable; system instructions are never generated.
""",
}[which]
w(HDR)
w('*:              tags %s qemu' % which)
if which == 'a32':
    w('*:              dontcare 0xe0000000')
w("""
# ---- data processing: registers are R0-R12, R14 (class gpr)
*_rrri:         reg gpr rd? rn? rm?
*_rrrr:         reg gpr rd? rn? rm? rs?
*_rri:          reg gpr rd? rn?
*_rxi:          reg gpr rd
*_rxri:         reg gpr rd rm
*_rxrr:         reg gpr rd rm rs
*_xri:          reg gpr rn
*_xrri:         reg gpr rn rm
*_xrrr:         reg gpr rn rm rs
MOV[WT]:        reg gpr rd
# multiplies; the long forms use rd = RdHi, ra = RdLo
MUL:            reg gpr rd rn rm
ML[AS]:         reg gpr rd rn rm ra
SMLA*:          reg gpr rd rn rm ra
SMLS*:          reg gpr rd rn rm ra
SMUL*:          reg gpr rd rn rm ra?
SMMLA*:         reg gpr rd rn rm ra
SMMLS*:         reg gpr rd rn rm ra
SMUAD*:         reg gpr rd rn rm ra?
SMUSD*:         reg gpr rd rn rm ra?
UM[AU]*:        reg gpr rd rn rm ra
UMLAL:          reg gpr rd rn rm ra
[SU]MULL:       constraint rd != ra
[SU]MLAL:       constraint rd != ra
UMAAL:          constraint rd != ra
SMLAL[BT][BT]:  constraint rd != ra
SMLALD*:        constraint rd != ra
SMLSLD*:        constraint rd != ra
USADA8:         reg gpr rd rn rm ra
USAD8:          reg gpr rd rn rm
[SU]DIV:        reg gpr rd rn rm
[SU]DIV:        requires idiv
# saturating, parallel, packing, extend, bitfield, misc
Q*:             reg gpr rd rn rm
[SU]ADD*:       reg gpr rd rn rm
[SU]SUB*:       reg gpr rd rn rm
[SU]ASX:        reg gpr rd rn rm
[SU]SAX:        reg gpr rd rn rm
[SU]H*:         reg gpr rd rn rm
UQ[AS][DUSA]*:  reg gpr rd rn rm
SEL:            reg gpr rd rn rm
PKH:            reg gpr rd rn rm
[SU]SAT*:       reg gpr rd rn
[SU]XTA*:       reg gpr rd rn rm
[SU]BFX:        reg gpr rd rn
[SU]BFX:        constraint lsb + widthm1 <= 31
BFCI:           reg gpr rd rn
BFCI:           constraint msb >= lsb
REV*:           reg gpr rd rm
RBIT:           reg gpr rd rm
CLZ:            reg gpr rd rm
CRC32*:         reg gpr rd rn rm
CRC32*:         requires crc
MRS_reg:        reg gpr rd
MRS_reg:        constraint r == 0
MSR_reg:        reg gpr rn
MSR_reg:        constraint r == 0 && mask != 0 && (mask & 3) == 0""")
if which == 't32':
    w('REV*:           constraint rm == 0\nRBIT:           constraint rm == 0\nCLZ:            constraint rm == 0')
w("""
# ---- loads and stores: the data register never equals the base.  p, u
# and w as in the Arm ARM (p = 0: post-indexed, so no offset is applied
# before the access; w or !p: writeback).  Register offsets: LSL #0-3.
""")
for n, nb in [('STR', 4), ('LDR', 4), ('STRT', 4), ('LDRT', 4), ('STRB', 1), ('LDRB', 1), ('STRBT', 1), ('LDRBT', 1),
              ('LDRSB', 1), ('LDRSBT', 1), ('STRH', 2), ('LDRH', 2), ('STRHT', 2), ('LDRHT', 2), ('LDRSH', 2), ('LDRSHT', 2)]:
    w('%-15s reg gpr rn rt' % (n + '_ri:'))
    w('%-15s constraint rt != rn' % (n + '_ri:'))
    w('%-15s reg gpr rn rt rm' % (n + '_rr:'))
    w('%-15s constraint rt != rn && rm != rn && rm != rt && shtype == 0 && shimm < 4' % (n + '_rr:'))
    w('%-15s mem base=rn offset=p*(u*2-1)*dec(imm) size=%d' % (n + '_ri:', nb))
    w('%-15s mem base=rn index=rm scale=p*(u*2-1)*(1<<shimm) size=%d' % (n + '_rr:', nb))
if which == 't32':
    w('SB:             requires sb')
    w("""[LS][DT]RD_ri_t32: reg gpr rn rt rt2
LDRD_ri_t32:    constraint rt != rn && rt2 != rn && rt != rt2
STRD_ri_t32:    constraint rt != rn && rt2 != rn
[LS][DT]RD_ri_t32: mem base=rn offset=p*(u*2-1)*dec(imm) size=8 align=4 wb""")
else:
    w("""LDRD_r[ir]_a32: reg gpr rn rt
STRD_r[ir]_a32: reg gpr rn rt
LDRD_ri_a32:    constraint rt != rn && even(rt) && rt < 12 && rt + 1 != rn
STRD_ri_a32:    constraint rt != rn && even(rt) && rt < 12 && rt + 1 != rn
LDRD_rr:        reg gpr rn rt rm
STRD_rr:        reg gpr rn rt rm
LDRD_rr:        constraint rt != rn && even(rt) && rt < 12 && rt + 1 != rn && rm != rn && rm != rt && rm != rt + 1
STRD_rr:        constraint rt != rn && even(rt) && rt < 12 && rt + 1 != rn && rm != rn && rm != rt && rm != rt + 1
[LS][DT]RD_ri_a32: mem base=rn offset=p*(u*2-1)*dec(imm) size=8 align=4 wb
[LS][DT]RD_rr:  mem base=rn index=rm scale=p*(u*2-1) size=8 align=4 wb""")
w("""# LDM/STM: i = increment, b = before; the list holds neither SP, PC nor
# the base; size is the 16-word upper bound: IA [Rn, Rn+64), IB from
# Rn+4, DA up to and including the word at Rn, DB below Rn
[LS][DT]M*:     reg gpr rn
[LS][DT]M*:     mem base=rn offset=(i-1)*64+4*(1-(i^b)) size=64 align=4 wb""")
if which == 'a32':
    w('# u = 1 is the user-register form: UNPREDICTABLE in user mode')
    w('[LS][DT]M*:     constraint u == 0')
if which == 't32':
    w('[LS][DT]M*:     constraint (list & 0xa000) == 0 && ((list >> rn) & 1) == 0 && (list & (list - 1)) != 0')
else:
    w('[LS][DT]M*:     constraint list != 0 && (list & 0xa000) == 0 && ((list >> rn) & 1) == 0')
w("""# exclusives and acquire/release; store-exclusives only on request
LD[AR]*EX*:     reg gpr rn rt
LD[AR]*EX*:     tags %s qemu %s-excl
ST[LR]*EX*:     reg gpr rn rt rd
ST[LR]*EX*:     constraint rt != rn && rd != rn && rd != rt
ST[LR]*EX*:     weight 0
ST[LR]*EX*:     tags %s qemu %s-excl
LDA:            reg gpr rn rt
LDA[BH]:        reg gpr rn rt
STL:            reg gpr rn rt
STL[BH]:        reg gpr rn rt
LDA*:           requires v8
STL*:           requires v8
LDA:            constraint rt != rn
LDA[BH]:        constraint rt != rn
STL:            constraint rt != rn
STL[BH]:        constraint rt != rn
LDA:            mem base=rn size=4 align=4
LDAB:           mem base=rn size=1
LDAH:           mem base=rn size=2 align=2
STL:            mem base=rn size=4 align=4
STLB:           mem base=rn size=1
STLH:           mem base=rn size=2 align=2""" % (which, which, which, which))
for pfx in ('LDREX', 'LDAEX'):
    w('%-15s constraint rt != rn\n%-15s mem base=rn offset=dec(imm) size=4 align=4' % (pfx + ':', pfx + ':'))
    w('%-15s constraint rt != rn\n%-15s mem base=rn size=1' % (pfx + 'B:', pfx + 'B:'))
    w('%-15s constraint rt != rn\n%-15s mem base=rn size=2 align=2' % (pfx + 'H:', pfx + 'H:'))
for pfx in ('STREX', 'STLEX'):
    w('%-15s mem base=rn offset=dec(imm) size=4 align=4' % (pfx + ':'))
    w('%-15s mem base=rn size=1' % (pfx + 'B:'))
    w('%-15s mem base=rn size=2 align=2' % (pfx + 'H:'))
if which == 't32':
    w("""LD[AR]EXD_t32: reg gpr rt2
LD[AR]EXD_t32: constraint rt != rn && rt2 != rn && rt != rt2
LD[AR]EXD_t32: mem base=rn size=8 align=8
ST[LR]EXD_t32: reg gpr rt2
ST[LR]EXD_t32: constraint rt2 != rn && rd != rt2
ST[LR]EXD_t32: mem base=rn size=8 align=8""")
else:
    w("""LD[AR]EXD_a32: constraint even(rt) && rt < 12 && rt != rn && rt + 1 != rn
LD[AR]EXD_a32: mem base=rn size=8 align=8
ST[LR]EXD_a32: constraint even(rt) && rt < 12 && rt + 1 != rn && rd != rt + 1
ST[LR]EXD_a32: mem base=rn size=8 align=8""")
w("""
# ---- never: branches, exceptions, system, coprocessors""")
NEV = ['B', 'BL', 'BLX_*', 'BX*', 'B_cond_thumb', 'TB[BH]', 'SVC', 'BKPT', 'HLT', 'HVC', 'SMC', 'UDF', 'ERET', 'RFE', 'SRS',
       'CPS', 'SETEND', 'MRS_bank', 'MSR_bank', 'MSR_imm', 'MCR', 'MRC', 'MCRR', 'MRRC', 'WF[EI]', 'ESB', 'ADR']
if which == 't32':
    NEV += ['MRS_v7m', 'MSR_v7m', 'CSEL', 'CLRM', 'SG', 'TT', 'LE', 'WLS', 'DLS', 'BF', 'LCTP', 'VCTP',
            '*SHRL*_r[ri]', '*SHLL*_r[ri]', 'ASRL_r[ri]', 'LSLL_r[ri]', 'LSRL_ri', '[SU]Q*SH[LR]_r[ri]', '[SU]RSHR_ri']
else:
    NEV += ['BLX_r', 'SWP', 'SWPB', 'MSR_imm']
seen = set()
for n in NEV:
    if n in seen:
        continue
    seen.add(n)
    w('%-15s never branches, traps, privileged or M-profile' % (n + ':'))
if which == 'a32':
    w('SWP*:           never deprecated, absent from ARMv8 (cortex-a15 has it)' if False else '')
import fnmatch
names = []
# pattern-name lists: "risu-decode --list FILE" of each QEMU version's
# file, given as the remaining arguments
for fn in sys.argv[3:]:
    names.append({ln.split()[1] for ln in open(fn) if ln.strip()})
keep = []
for ln in out:
    for sub in ln.split('\n'):
        if sub and not sub.startswith('#') and ':' in sub and not sub.startswith(' '):
            g = sub.split(':', 1)[0].strip()
            if not all(any(fnmatch.fnmatchcase(n, g) for n in ns) for ns in names):
                continue
        keep.append(sub)
open(sys.argv[2], 'w').write('\n'.join(keep) + '\n')
