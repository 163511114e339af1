# SPDX-License-Identifier: GPL-2.0-or-later
# ARM tests: the pattern files (arch/arm/*.decode), QEMU overlays
# (arch/arm/qemu/) and RISU files through the decode library; every tag
# under qemu-user; and the ARM runners (risu-armhf, risu-aarch64) on
# hand-written sanity images.  Scripts live in tests/arch/arm/ and
# tests/runner/.  See docs/arm-patterns.md.
#
#   make check-arm-patterns [QEMU_SRC=/path/to/qemu] [ARM_CHECK_N=3000]

# risu2decode is built by tests/decode.mk, which is included after this
# file, hence the path rather than its variable.
.PHONY: check-arm-patterns
check-arm-patterns: $(RISU_DECODE) $(RISUGEN) $(BUILD)/tests/risu2decode
	@QEMU_SRC="$(QEMU_SRC)" tests/arch/arm/check.sh $(BUILD)

CHECK_TARGETS += check-arm-patterns

# Every tag of our ARM pattern files under qemu-user, live over a Unix
# socket (tests/arch/arm/validate.py): zero SIGILL (features filter what
# a CPU lacks) and a master/apprentice match.  check-arm-tags is the short form
# for make check (300 instructions per tag); validate-arm is the table in
# docs/arm-patterns.md (10000 per tag, every tag on max and on
# cortex-a15/cortex-a9/cortex-a57; several minutes, plus the capstone and
# objdump agreement report per namespace).  Both also run our RISU test
# files through risugen and the runner; check-arm-tags also the default
# pattern lists and --edge all (tests/arch/arm/default-edge.sh) and SVE
# images at several vector lengths (tests/arch/arm/sve.sh).
ARM_TAG_DEPS := $(RISUGEN) $(RUNNERS)

.PHONY: check-arm-tags validate-arm
check-arm-tags: $(ARM_TAG_DEPS)
	@BUILD=$(BUILD) tests/arch/arm/risu-run.sh
	@BUILD=$(BUILD) tests/arch/arm/default-edge.sh
	@BUILD=$(BUILD) tests/arch/arm/sve.sh
	@python3 tests/arch/arm/validate.py --build $(BUILD) --quick -n 300 -j 2

validate-arm: $(ARM_TAG_DEPS)
	@BUILD=$(BUILD) tests/arch/arm/risu-run.sh
	python3 tests/arch/arm/validate.py --build $(BUILD) -n $(or $(ARM_VALIDATE_N),10000) \
	    -j 2 --markdown $(BUILD)/validate-arm.md
	@echo "validate-arm: table in $(BUILD)/validate-arm.md"
	@A=arch/arm; for ns in \
	    "aarch64 $$A/a64.decode+$$A/a64-mem.decode+$$A/a64-fp.decode+$$A/a64-simd.decode+$$A/a64-crypto.decode+$$A/sve.decode+$$A/sve-ext.decode+$$A/sve-mem.decode+$$A/sve2.decode" \
	    "arm $$A/a32.decode+$$A/a32-vfp.decode+$$A/a32-neon.decode" "arm $$A/a32-cond.decode" \
	    "thumb $$A/t32.decode+$$A/a32-vfp.decode+$$A/t32-neon.decode" \
	    "thumb --insnwidth 16 $$A/t16.decode"; do \
	    python3 tests/arch/arm/disasm_report.py --build $(BUILD) -n 20000 $$ns \
	        > $(BUILD)/disasm-report.txt || { cat $(BUILD)/disasm-report.txt; exit 1; }; \
	    head -1 $(BUILD)/disasm-report.txt; \
	done

CHECK_TARGETS += check-arm-tags

# Branches and IT blocks (tests/arch/arm/branch.sh): `--group branch`
# images for aarch64, thumb and arm and --pattern IT images, verified,
# recorded and replayed under qemu-user, matching, no escapes.
# check-arm-branches (make check) runs one seed of 10000 per case on
# the max CPU; check-branch-arm the issue's 10 seeds x 10000 for
# aarch64 and thumb, and IT images (a few minutes; any case list:
# tests/arch/arm/branch.sh SEEDS N CASE...).
.PHONY: check-arm-branches check-branch-arm
check-arm-branches: $(ARM_TAG_DEPS)
	@BUILD=$(BUILD) tests/arch/arm/branch.sh 1 10000 a64 thumb arm it
check-branch-arm: $(ARM_TAG_DEPS)
	@BUILD=$(BUILD) tests/arch/arm/branch.sh 10 10000 a64 thumb it
# make check-branch: issue 18's whole run, MIPS (tests/mips.mk) and ARM.
check-branch: check-branch-arm

CHECK_TARGETS += check-arm-branches

# The SVE files at VL 128/256/512/1024 (tests/arch/arm/sve-matrix.sh):
# per tag record/replay with no signal, live per VL, risugen --verify of
# every SVE pattern.  About a minute; not part of make check (sve.sh is).
.PHONY: check-sve
check-sve: $(RISUGEN) $(BUILD)/risu-aarch64 $(BUILD)/risu-trace
	@BUILD=$(BUILD) tests/arch/arm/sve-matrix.sh

# ARM runner tests: sanity images for risu-armhf (A32 and
# Thumb) and risu-aarch64 (with and without SVE), then
# tests/runner/arm-tests.sh under qemu-arm / qemu-aarch64 with explicit
# CPU models: exact capture, record/replay, live TCP and Unix, injected
# faults per register class, --keep-going write-back, si_code
# normalisation, SVE vector lengths (extra_context, lowering), corrupt
# traces, dead peers, risugen images.  `make bench-runner-arm` measures.

ifneq ($(shell command -v arm-linux-gnueabihf-gcc 2>/dev/null),)
ARM_SANITY_IMAGES += $(BUILD)/armhf/sanity-arm.bin $(BUILD)/armhf/sanity-thumb.bin
endif
ifneq ($(shell command -v aarch64-linux-gnu-gcc 2>/dev/null),)
ARM_SANITY_IMAGES += $(BUILD)/aarch64/sanity-base.bin \
    $(BUILD)/aarch64/sanity-sve.bin $(BUILD)/aarch64/bench.bin \
    $(BUILD)/aarch64/sanity-sme.bin
endif

$(BUILD)/armhf/sanity-arm.o: tests/runner/arm-sanity-a32.S
	@mkdir -p $(dir $@)
	arm-linux-gnueabihf-gcc -c -o $@ $<
$(BUILD)/armhf/sanity-thumb.o: tests/runner/arm-sanity-a32.S
	@mkdir -p $(dir $@)
	arm-linux-gnueabihf-gcc -DSANITY_THUMB -c -o $@ $<
$(BUILD)/armhf/%.raw: $(BUILD)/armhf/%.o
	arm-linux-gnueabihf-objcopy -O binary -j .text $< $@
# A32 stays raw (Linaro style, no metadata); Thumb needs arch=thumb.
$(BUILD)/armhf/sanity-arm.bin: $(BUILD)/armhf/sanity-arm.raw
	cp $< $@
$(BUILD)/armhf/sanity-thumb.bin: $(BUILD)/armhf/sanity-thumb.raw \
        tests/runner/addmeta.py
	python3 tests/runner/addmeta.py $< $@ format=1 arch=thumb endian=little

$(BUILD)/aarch64/sanity-base.o: tests/runner/arm-sanity-a64.S
	@mkdir -p $(dir $@)
	aarch64-linux-gnu-gcc -c -o $@ $<
$(BUILD)/aarch64/sanity-sve.o: tests/runner/arm-sanity-a64.S
	@mkdir -p $(dir $@)
	aarch64-linux-gnu-gcc -DSANITY_SVE -c -o $@ $<
$(BUILD)/aarch64/sme.o: tests/runner/arm-sme-a64.S
	@mkdir -p $(dir $@)
	aarch64-linux-gnu-gcc -c -o $@ $<
# SME state is captured for images that declare it (arm64l layout).
$(BUILD)/aarch64/sanity-sme.bin: $(BUILD)/aarch64/sme.raw \
        tests/runner/addmeta.py
	python3 tests/runner/addmeta.py $< $@ format=1 arch=aarch64 \
	    endian=little features=fp,asimd,sve,sme
$(BUILD)/aarch64/%.raw: $(BUILD)/aarch64/%.o
	aarch64-linux-gnu-objcopy -O binary -j .text $< $@
$(BUILD)/aarch64/bench.o: tests/runner/arm-bench-a64.S
	@mkdir -p $(dir $@)
	aarch64-linux-gnu-gcc -c -o $@ $<
$(BUILD)/aarch64/%.bin: $(BUILD)/aarch64/%.o
	aarch64-linux-gnu-objcopy -O binary -j .text $< $@

.PHONY: check-runner-arm bench-runner-arm
CHECK_TARGETS += check-runner-arm
BENCH_TARGETS += bench-runner-arm

# RISU_TRACE_ENC: what `risu-trace verify` must say of the runners' traces.
check-runner-arm: $(RUNNERS) $(ARM_SANITY_IMAGES) $(BUILD)/risu-trace
	BUILD=$(BUILD) RISU_TRACE_ENC=$(if $(RISU_ZLIB_SRC),zlib,stored) \
	    tests/runner/arm-tests.sh

bench-runner-arm: $(BUILD)/risu-aarch64 $(BUILD)/aarch64/bench.bin
	BUILD=$(BUILD) tests/runner/arm-bench.sh

# The floor under a checkpoint (tests/runner/arm-floor.sh): QEMU's
# signal round trip with a handler that only steps the pc, and the same
# checkpoints as branches to register-saving stubs, at several vector
# lengths.  A freestanding static program like the runner.
$(BUILD)/aarch64/floor: tests/runner/arm-floor-a64.c \
        tests/runner/arm-floor-a64.S arch/arm/frame.h
	@mkdir -p $(dir $@)
	aarch64-linux-gnu-gcc -O2 -Wall -Wextra -ffreestanding \
	    -fno-stack-protector -mgeneral-regs-only -nostdlib -static \
	    -Wl,--build-id=none -I. -o $@ tests/runner/arm-floor-a64.c \
	    tests/runner/arm-floor-a64.S

.PHONY: bench-floor-arm
BENCH_TARGETS += bench-floor-arm
bench-floor-arm: $(BUILD)/aarch64/floor
	BUILD=$(BUILD) tests/runner/arm-floor.sh
