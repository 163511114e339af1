# Test vectors for arch/mips/octeon.decode: each instruction, assembled by
# GNU as, must decode as the pattern named after "#".
# Checked by tests/arch/mips/check-vectors.sh.
# as: -march=octeon2 -mabi=64
.set noreorder
.set noat
baddu $2,$3,$4                           # BADDU
baddu $31,$30,$1                         # BADDU
dmul $5,$6,$7                            # DMUL
seq $8,$9,$10                            # SEQ
sne $11,$12,$13                          # SNE
seqi $14,$15,-512                        # SEQI
seqi $14,$15,511                         # SEQI
snei $16,$17,-1                          # SNEI
pop $18,$19                              # POP
dpop $20,$21                             # DPOP
exts $22,$23,0,31                        # EXTS
exts $22,$23,31,0                        # EXTS
exts32 $24,$25,1,30                      # EXTS32
exts32 $24,$25,31,0                      # EXTS32
cins $1,$2,17,5                          # CINS
cins32 $3,$4,0,31                        # CINS32
cins32 $3,$4,30,1                        # CINS32
lwx $5,$6($7)                            # LWX
lhx $5,$6($7)                            # LHX
lbux $5,$6($7)                           # LBUX
ldx $5,$6($7)                            # LDX
lbx $8,$9($10)                           # LBX
lhux $8,$9($10)                          # LHUX
lwux $8,$9($10)                          # LWUX
saa $11,($12)                            # SAA
saad $13,($14)                           # SAAD
zcb ($15)                                # ZCB
zcbt ($16)                               # ZCBT
mtm0 $17                                 # MTM0
mtm1 $17                                 # MTM1
mtm2 $17                                 # MTM2
mtp0 $18                                 # MTP0
mtp1 $18                                 # MTP1
mtp2 $18                                 # MTP2
vmulu $1,$2,$3                           # VMULU
vmm0 $1,$2,$3                            # VMM0
v3mulu $1,$2,$3                          # V3MULU
bbit0 $3,5,.                             # BBIT0
bbit032 $3,5,.                           # BBIT032
bbit1 $4,0,.                             # BBIT1
bbit132 $4,31,.                          # BBIT132
