# ARM pattern files (arch/arm/*.decode), QEMU overlays (arch/arm/qemu/)
# and the RISU-file reader (decode/risufile.c).  See docs/arm-patterns.md.
#
#   make check-arm-patterns [QEMU_SRC=/path/to/qemu] [ARM_CHECK_N=3000]

ARM_RISU2DECODE := $(BUILD)/tests/risu2decode

# risufile.c is linked explicitly so that the test works whether or not
# decode/rules.mk has added it to libdecode.a.
$(ARM_RISU2DECODE): tests/risufile/risu2decode.c decode/risufile.c \
                    decode/risufile.h $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) $(SAN) -I. -o $@ tests/risufile/risu2decode.c \
	    decode/risufile.c $(DECODE_LIB) $(DECODE_LDLIBS)

.PHONY: check-arm-patterns
check-arm-patterns: $(RISU_DECODE) $(ARM_RISU2DECODE)
	@QEMU_SRC="$(QEMU_SRC)" tests/arm/check.sh $(BUILD)

CHECK_TARGETS += check-arm-patterns
