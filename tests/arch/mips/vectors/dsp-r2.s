# Test vectors for arch/mips/dsp-r2.decode: each instruction, assembled by
# GNU as, must decode as the pattern named after "#".
# Checked by tests/arch/mips/check-vectors.sh.
# as: -march=mips64r2 -mabi=64 -mdspr2
.set noreorder
.set noat
addu.ph $1,$2,$3                         # ADDU_PH
addu_s.ph $1,$2,$3                       # ADDU_S_PH
subu.ph $1,$2,$3                         # SUBU_PH
subu_s.ph $1,$2,$3                       # SUBU_S_PH
mulq_s.ph $1,$2,$3                       # MULQ_S_PH
adduh.qb $1,$2,$3                        # ADDUH_QB
adduh_r.qb $1,$2,$3                      # ADDUH_R_QB
subuh.qb $1,$2,$3                        # SUBUH_QB
subuh_r.qb $1,$2,$3                      # SUBUH_R_QB
addqh.ph $1,$2,$3                        # ADDQH_PH
addqh_r.ph $1,$2,$3                      # ADDQH_R_PH
subqh.ph $1,$2,$3                        # SUBQH_PH
subqh_r.ph $1,$2,$3                      # SUBQH_R_PH
addqh.w $1,$2,$3                         # ADDQH_W
addqh_r.w $1,$2,$3                       # ADDQH_R_W
subqh.w $1,$2,$3                         # SUBQH_W
subqh_r.w $1,$2,$3                       # SUBQH_R_W
mul.ph $1,$2,$3                          # MUL_PH
mul_s.ph $1,$2,$3                        # MUL_S_PH
mulq_s.w $1,$2,$3                        # MULQ_S_W
mulq_rs.w $1,$2,$3                       # MULQ_RS_W
absq_s.qb $1,$3                          # ABSQ_S_QB
cmpgdu.eq.qb $1,$2,$3                    # CMPGDU_EQ_QB
cmpgdu.lt.qb $1,$2,$3                    # CMPGDU_LT_QB
cmpgdu.le.qb $1,$2,$3                    # CMPGDU_LE_QB
precr.qb.ph $1,$2,$3                     # PRECR_QB_PH
precr_sra.ph.w $3,$2,13                  # PRECR_SRA_PH_W
precr_sra_r.ph.w $3,$2,13                # PRECR_SRA_R_PH_W
shrl.ph $1,$3,11                         # SHRL_PH
shrlv.ph $1,$3,$2                        # SHRLV_PH
shra.qb $1,$3,5                          # SHRA_QB
shra_r.qb $1,$3,5                        # SHRA_R_QB
shrav.qb $1,$3,$2                        # SHRAV_QB
shrav_r.qb $1,$3,$2                      # SHRAV_R_QB
dpa.w.ph $ac2,$2,$3                      # DPA_W_PH
dps.w.ph $ac2,$2,$3                      # DPS_W_PH
mulsa.w.ph $ac2,$2,$3                    # MULSA_W_PH
dpax.w.ph $ac2,$2,$3                     # DPAX_W_PH
dpsx.w.ph $ac2,$2,$3                     # DPSX_W_PH
dpaqx_s.w.ph $ac2,$2,$3                  # DPAQX_S_W_PH
dpaqx_sa.w.ph $ac2,$2,$3                 # DPAQX_SA_W_PH
dpsqx_s.w.ph $ac2,$2,$3                  # DPSQX_S_W_PH
dpsqx_sa.w.ph $ac2,$2,$3                 # DPSQX_SA_W_PH
append $3,$2,13                          # APPEND
prepend $3,$2,13                         # PREPEND
balign $3,$2,3                           # BALIGN
