# Test vectors for arch/mips/vr54xx.decode: each instruction, assembled by
# GNU as, must decode as the pattern named after "#".
# Checked by tests/arch/mips/check-vectors.sh.
# as: -march=vr5400 -mabi=64
.set noreorder
.set noat
mul $2,$3,$4                             # MUL_VR
mul $31,$0,$25                           # MUL_VR
mulu $2,$3,$4                            # MULU_VR
mulu $31,$0,$25                          # MULU_VR
muls $2,$3,$4                            # MULS
muls $31,$0,$25                          # MULS
mulsu $2,$3,$4                           # MULSU
mulsu $31,$0,$25                         # MULSU
mulhi $2,$3,$4                           # MULHI
mulhi $31,$0,$25                         # MULHI
mulhiu $2,$3,$4                          # MULHIU
mulhiu $31,$0,$25                        # MULHIU
mulshi $2,$3,$4                          # MULSHI
mulshi $31,$0,$25                        # MULSHI
mulshiu $2,$3,$4                         # MULSHIU
mulshiu $31,$0,$25                       # MULSHIU
macc $2,$3,$4                            # MACC
macc $31,$0,$25                          # MACC
maccu $2,$3,$4                           # MACCU
maccu $31,$0,$25                         # MACCU
msac $2,$3,$4                            # MSAC
msac $31,$0,$25                          # MSAC
msacu $2,$3,$4                           # MSACU
msacu $31,$0,$25                         # MSACU
macchi $2,$3,$4                          # MACCHI
macchi $31,$0,$25                        # MACCHI
macchiu $2,$3,$4                         # MACCHIU
macchiu $31,$0,$25                       # MACCHIU
msachi $2,$3,$4                          # MSACHI
msachi $31,$0,$25                        # MSACHI
msachiu $2,$3,$4                         # MSACHIU
msachiu $31,$0,$25                       # MSACHIU
