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
check-arm-patterns: $(RISU_DECODE) $(RISUGEN) $(ARM_RISU2DECODE)
	@QEMU_SRC="$(QEMU_SRC)" tests/arm/check.sh $(BUILD)

CHECK_TARGETS += check-arm-patterns

# Every tag of our ARM pattern files under qemu-user, live over a Unix
# socket (tests/arm/validate.py): zero SIGILL (features filter what a CPU
# lacks) and a master/apprentice match.  check-arm-tags is the short form
# for make check (300 instructions per tag); validate-arm is the table in
# docs/arm-patterns.md (10000 per tag, every tag on max and on
# cortex-a15/cortex-a9/cortex-a57; several minutes, plus the capstone and
# objdump agreement report per namespace).  Both also run our RISU test
# files through risugen and the runner.
ARM_TAG_DEPS := $(RISUGEN) $(RUNNERS)

.PHONY: check-arm-tags validate-arm
check-arm-tags: $(ARM_TAG_DEPS)
	@BUILD=$(BUILD) tests/arm/risu-run.sh
	@python3 tests/arm/validate.py --build $(BUILD) --quick -n 300 -j 2

validate-arm: $(ARM_TAG_DEPS)
	@BUILD=$(BUILD) tests/arm/risu-run.sh
	python3 tests/arm/validate.py --build $(BUILD) -n $(or $(ARM_VALIDATE_N),10000) \
	    -j 2 --markdown $(BUILD)/validate-arm.md
	@echo "validate-arm: table in $(BUILD)/validate-arm.md"
	@A=arch/arm; for ns in \
	    "aarch64 $$A/a64.decode+$$A/a64-mem.decode+$$A/a64-fp.decode+$$A/a64-simd.decode+$$A/a64-crypto.decode" \
	    "arm $$A/a32.decode+$$A/a32-vfp.decode+$$A/a32-neon.decode" "arm $$A/a32-cond.decode" \
	    "thumb $$A/t32.decode+$$A/a32-vfp.decode+$$A/t32-neon.decode" \
	    "thumb --insnwidth 16 $$A/t16.decode"; do \
	    python3 tests/arm/disasm_report.py --build $(BUILD) -n 20000 $$ns \
	        > $(BUILD)/disasm-report.txt || { cat $(BUILD)/disasm-report.txt; exit 1; }; \
	    head -1 $(BUILD)/disasm-report.txt; \
	done

CHECK_TARGETS += check-arm-tags
