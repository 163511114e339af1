# Test vectors for arch/mips/mips16e.decode and mips16e-ext.decode: each
# instruction, assembled by GNU as in MIPS16e mode, must decode as the
# pattern named after "#" (".e" forces the EXTENDed form).
# Checked by tests/arch/mips/check-vectors.sh.
# as: -march=mips32r2 -mabi=32 -mips16
# mips16: mips16e.decode mips16e-ext.decode
.set mips16
.set noreorder
addiu $2, $sp, 8                        # ADDIUSP
addiu.e $2, $sp, -8                     # ADDIUSP_E
sll $2, $3, 8                           # SLL
sll.e $2, $3, 31                        # SLL_E
srl $4, $5, 3                           # SRL
sra $4, $5, 3                           # SRA
srl.e $4, $5, 0                         # SRL_E
sra.e $4, $5, 17                        # SRA_E
addiu $3, $4, -8                        # ADDIU3
addiu.e $3, $4, -16384                  # ADDIU3_E
addiu $3, 127                           # ADDIU8
addiu.e $3, -32768                      # ADDIU8_E
slti $3, 255                            # SLTI
slti.e $3, -1                           # SLTI_E
sltiu $3, 7                             # SLTIU
sltiu.e $3, -2                          # SLTIU_E
li $16, 255                             # LI
li.e $16, 65535                         # LI_E
cmpi $17, 200                           # CMPI
cmpi.e $17, 40000                       # CMPI_E
sw $31, 1020($sp)                       # SWRASP
sw.e $31, -4($sp)                       # SWRASP_E
addiu $sp, -1024                        # ADJSP
addiu.e $sp, 12                         # ADJSP_E
save 8, $31, $16                        # SAVE
save 128                                # SAVE
restore 120, $31, $16, $17              # RESTORE
save $4, 2040, $31, $16-$23, $30, $7     # SAVE_E
restore $4, 16, $31, $18-$20            # RESTORE_E
move $31, $2                            # MOV32R
move $20, $17                           # MOV32R
move $2, $31                            # MOVR32
move $16, $25                           # MOVR32
lb $2, 31($3)                           # LB
lb.e $2, -1($3)                         # LB_E
lh $2, 62($3)                           # LH
lh.e $2, 1($3)                          # LH_E
lw $2, 1020($sp)                        # LWSP
lw.e $2, -4($sp)                        # LWSP_E
lw $2, 124($3)                          # LW
lw.e $2, 2131($3)                       # LW_E
lbu $7, 5($6)                           # LBU
lbu.e $7, -5($6)                        # LBU_E
lhu $7, 6($6)                           # LHU
lhu.e $7, -6($6)                        # LHU_E
sb $7, 5($6)                            # SB
sb.e $7, 5000($6)                       # SB_E
sh $7, 6($6)                            # SH
sh.e $7, -6000($6)                      # SH_E
sw $2, 1020($sp)                        # SWSP
sw.e $2, -8($sp)                        # SWSP_E
sw $5, 124($4)                          # SW
sw.e $5, -124($4)                       # SW_E
addu $2, $3, $4                         # ADDU
subu $2, $3, $4                         # SUBU
slt $16, $17                            # SLT
sltu $16, $17                           # SLTU
sllv $2, $3                             # SLLV
srlv $2, $3                             # SRLV
srav $2, $3                             # SRAV
cmp $2, $3                              # CMP
neg $2, $3                              # NEG
and $2, $3                              # AND
or $2, $3                               # OR
xor $2, $3                              # XOR
not $2, $3                              # NOT
mfhi $5                                 # MFHI
mflo $5                                 # MFLO
zeb $5                                  # ZEB
zeh $5                                  # ZEH
seb $5                                  # SEB
seh $5                                  # SEH
mult $2, $3                             # MULT
multu $2, $3                            # MULTU
div $0, $2, $3                          # DIV
divu $0, $2, $3                         # DIVU
.align 2
addiu $3, $pc, 16                       # ADDIUPC
lw $3, 8($pc)                           # LWPC
addiu.e $3, $pc, -16                    # ADDIUPC_E
lw.e $3, 4000($pc)                      # LWPC_E
b .                                    # B
beqz $2, .                             # BEQZ
bnez $16, .                            # BNEZ
bteqz .                                # BTEQZ
btnez .                                # BTNEZ
jr $3                                   # JR
nop                                     # MOV32R
jr $31                                  # JR_RA
nop                                     # MOV32R
jalr $31, $4                            # JALR
nop                                     # MOV32R
jrc $5                                  # JRC
jrc $31                                 # JRC_RA
jalrc $31, $6                           # JALRC
b.e .                                  # B_E
beqz.e $2, .                           # BEQZ_E
bnez.e $17, .                          # BNEZ_E
bteqz.e .                              # BTEQZ_E
btnez.e .                              # BTNEZ_E
jal 0x123454                            # JAL
nop                                     # MOV32R
