# Test vectors for arch/mips/crc.decode: each instruction, assembled by
# GNU as, must decode as the pattern named after "#".
# Checked by tests/arch/mips/check-vectors.sh.
# as: -march=mips64r6 -mcrc -mabi=64
.set noreorder
.set noat
crc32b $29,$3,$29                        # CRC32B 7c7d000f
crc32b $1,$8,$1                          # CRC32B 7d01000f
crc32h $25,$28,$25                       # CRC32H 7f99004f
crc32h $25,$4,$25                        # CRC32H 7c99004f
crc32w $9,$13,$9                         # CRC32W 7da9008f
crc32w $30,$5,$30                        # CRC32W 7cbe008f
crc32d $11,$19,$11                       # CRC32D 7e6b00cf
crc32d $20,$9,$20                        # CRC32D 7d3400cf
crc32cb $10,$15,$10                      # CRC32CB 7dea010f
crc32cb $22,$30,$22                      # CRC32CB 7fd6010f
crc32ch $0,$5,$0                         # CRC32CH 7ca0014f
crc32ch $31,$6,$31                       # CRC32CH 7cdf014f
crc32cw $26,$10,$26                      # CRC32CW 7d5a018f
crc32cw $18,$5,$18                       # CRC32CW 7cb2018f
crc32cd $8,$22,$8                        # CRC32CD 7ec801cf
crc32cd $17,$19,$17                      # CRC32CD 7e7101cf
