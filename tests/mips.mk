# SPDX-License-Identifier: GPL-2.0-or-later
# MIPS tests: the pattern files (arch/mips/*.decode), every tag under
# qemu-user (scripts in tests/arch/mips/), and the MIPS runners on
# hand-written sanity images (tests/runner/).
#
# check-mips-patterns:
#   1. every file passes risu-decode --check on its own (one namespace each);
#   2. hand-checked vectors: instructions assembled by GNU as decode as the
#      pattern named beside them (skipped without the cross binutils);
#   3. risugen makes a short image per tag for a CPU model that runs the
#      file, and every word decodes back to the pattern its metadata names;
#   4. the encoding space (space-<arch>.list, *-allocated.decode): every
#      allocated pattern is never + allocated, and risugen --edge all runs
#      its self-check on 15 arch/model pairs (tests/arch/mips/check-space.sh).
# Running the images under QEMU: check-mips-tags and validate-mips below
# (tests/arch/mips/validate.py); tests/arch/mips/qemu-sweep.sh tallies
# signals per pattern for any pattern file (docs/mips-patterns.md).

MIPS_PATTERN_FILES := $(sort $(wildcard arch/mips/*.decode))
# Files of 16-bit words (compressed ISAs, arch/mips/isamode.h).
MIPS_W16_FILES := arch/mips/micromips16.decode \
    arch/mips/micromips16-allocated.decode arch/mips/mips16e.decode \
    arch/mips/mips16e-allocated.decode

.PHONY: check-mips-patterns
check-mips-patterns: $(RISU_DECODE) $(RISUGEN)
	@set -e; for f in $(MIPS_PATTERN_FILES); do \
	    case " $(MIPS_W16_FILES) " in \
	    *" $$f "*) $(RISU_DECODE) --insnwidth 16 --check $$f ;; \
	    *) $(RISU_DECODE) --check $$f ;; \
	    esac; \
	done; echo "mips patterns: $(words $(MIPS_PATTERN_FILES)) files pass risu-decode --check"
	@BUILD=$(BUILD) sh tests/arch/mips/check-vectors.sh
	@BUILD=$(BUILD) sh tests/arch/mips/check-roundtrip.sh
	@BUILD=$(BUILD) sh tests/arch/mips/check-space.sh
CHECK_TARGETS += check-mips-patterns

# check-mips-tags: every tag of the pattern files, briefly, under
# qemu-user (tests/arch/mips/validate.py --quick: 300 instructions per tag on
# one model per runner kind and the dsp64 tags on mips64dspr2 (both
# endians), master and apprentice live, plus a second
# model where one exists): no unexpected signal (SIGILL above all), a
# match.  Also the dsp and ps image features (check-features.sh), --verify's name rule
# (check-verify.sh) and the generator's clean-ups for UNPREDICTABLE FPR,
# vector and divisor values (check-cleanup.sh).  Models whose qemu or
# runner is missing are skipped.
.PHONY: check-mips-tags validate-mips
check-mips-tags: $(RISUGEN) $(RISU_DECODE) $(RUNNERS)
	@BUILD=$(BUILD) python3 tests/arch/mips/validate.py --quick -n 300
	@BUILD=$(BUILD) sh tests/arch/mips/check-features.sh
	@BUILD=$(BUILD) sh tests/arch/mips/check-verify.sh
	@BUILD=$(BUILD) sh tests/arch/mips/check-cleanup.sh
CHECK_TARGETS += check-mips-tags

# validate-mips (not in make check: 15 minutes or more on 2 cores): 10,000
# instructions per tag on 31 model/arch cases, same model and a second
# model; the table goes to $(BUILD)/validate-mips.md (docs/mips-patterns.md
# holds the last one, with the settings it was made with).
validate-mips: $(RISUGEN) $(RISU_DECODE) $(RUNNERS)
	BUILD=$(BUILD) python3 tests/arch/mips/validate.py -n 10000 -s 1 \
	    --md $(BUILD)/validate-mips.md

# MIPS runner tests: sanity images per runner flavour, then
# tests/runner/mips-tests.sh under qemu-user with explicit -cpu models:
# exact capture (sanity), record/replay, live TCP/IPv6/Unix, injected
# faults per register class, MSA-less apprentice, corrupt traces, dead
# and stalled peers.  `make bench-runner` measures throughput.

# $(1) flavour, $(2) compiler command, $(3) flags
define mips_sanity
ifneq ($$(shell command -v $(firstword $(2)) 2>/dev/null),)
MIPS_SANITY_IMAGES += $(BUILD)/$(1)/sanity-base.bin $(BUILD)/$(1)/sanity-fpu.bin
$(BUILD)/$(1)/sanity-%.o: tests/runner/sanity.S
	@mkdir -p $$(dir $$@)
	$(2) $(3) -mno-abicalls -fno-pic -I. $$(SANITY_DEFS_$$*) -c -o $$@ $$<
$(BUILD)/$(1)/bench.o: tests/runner/bench.S
	@mkdir -p $$(dir $$@)
	$(2) $(3) -mno-abicalls -fno-pic -c -o $$@ $$<
$(BUILD)/$(1)/slow.o: tests/runner/slow.S
	@mkdir -p $$(dir $$@)
	$(2) $(3) -mno-abicalls -fno-pic -c -o $$@ $$<
$(BUILD)/$(1)/%.bin: $(BUILD)/$(1)/%.o
	$(patsubst %-gcc,%-objcopy,$(firstword $(2))) -O binary -j .text $$< $$@
ifneq ($(filter -mfp64 -mabi=64 -march=mips32r6 -march=mips64r6,$(3)),)
MIPS_SANITY_IMAGES += $(BUILD)/$(1)/sanity-msa.bin
endif
endif
endef

SANITY_DEFS_base :=
SANITY_DEFS_fpu := -DSANITY_FPU
SANITY_DEFS_msa := -DSANITY_FPU -DSANITY_MSA

MIPS_SANITY_IMAGES :=
$(foreach f,$(call flavours_of,mips),$(eval $(call mips_sanity,$(f),$(FLAV_CC_$(f)),$(FLAV_CFLAGS_$(f)) $(FLAV_RUNNER_$(f)))))

.SECONDARY:
.PHONY: check-runner-mips bench-runner
CHECK_TARGETS += check-runner-mips
BENCH_TARGETS += bench-runner

# RISU_TRACE_ENC: what `risu-trace verify` must say of the runners' traces.
check-runner-mips: $(RUNNERS) $(MIPS_SANITY_IMAGES) $(BUILD)/risu-trace \
	    $(if $(filter $(BUILD)/risu-mipsel,$(RUNNERS)),$(BUILD)/mipsel/slow.bin)
	BUILD=$(BUILD) RISU_TRACE_ENC=$(if $(RISU_ZLIB_SRC),zlib,stored) \
	    tests/runner/mips-tests.sh

bench-runner: $(BUILD)/risu-mipsel $(BUILD)/mipsel/bench.bin
	BUILD=$(BUILD) tests/runner/bench.sh

# Branch groups (gen/branch.c) under qemu-user, record and replay on
# mipsel 24Kf, mips64el Loongson-3A4000, Octeon68XX (BBIT*), 20Kc
# (MIPS-3D BC1ANY*) and mips64r6el I6400: one seed of
# 10,000 instructions each, a trapping delay slot and its report, a
# refused non-linear target (check-mips-branches, a few seconds); 10
# seeds each (check-branch-mips, behind its own target).
.PHONY: check-mips-branches check-branch-mips check-branch
check-mips-branches: $(RISUGEN) $(BUILD)/risu-trace $(RUNNERS)
	@BUILD=$(BUILD) sh tests/arch/mips/check-branch.sh
CHECK_TARGETS += check-mips-branches
check-branch-mips: $(RISUGEN) $(RUNNERS)
	@BUILD=$(BUILD) sh tests/arch/mips/check-branch.sh --long
check-branch: check-branch-mips

# microMIPS images (arch/mips/isamode.h) on M14K and M14Kc: refusals,
# --verify by capstone and by objdump, record/replay and live across the
# two models, 16-bit fault resume (tests/arch/mips/check-micromips.sh, a
# few seconds, TCP slot 10).  check-micromips: the long run, plus every
# tag of validate.py's microMIPS cases at 10,000 instructions.
.PHONY: check-micromips-brief check-micromips
check-micromips-brief: $(RISUGEN) $(BUILD)/risu-trace $(RUNNERS)
	@BUILD=$(BUILD) tests/arch/mips/check-micromips.sh
CHECK_TARGETS += check-micromips-brief
check-micromips: $(RISUGEN) $(BUILD)/risu-trace $(RUNNERS)
	@BUILD=$(BUILD) tests/arch/mips/check-micromips.sh --long
	BUILD=$(BUILD) python3 tests/arch/mips/validate.py --cases micromips \
	    -n 10000 -s 1 --md $(BUILD)/validate-micromips.md

# MIPS16e images (arch/mips/isamode.h) on the models with the ASE:
# refusals, --verify by objdump, record/replay on 24Kf and 74Kf, live
# 24Kf -> 74Kf, SP-relative forms, 16- and 32-bit fault resume
# (tests/arch/mips/check-mips16.sh, a few seconds, Unix sockets).
# check-mips16: the long run, plus every tag of validate.py's MIPS16e
# cases (24Kf, 4Km, 34Kf, 74Kf) at 10,000 instructions.
.PHONY: check-mips16-brief check-mips16
check-mips16-brief: $(RISUGEN) $(BUILD)/risu-trace $(RUNNERS)
	@BUILD=$(BUILD) tests/arch/mips/check-mips16.sh
CHECK_TARGETS += check-mips16-brief
check-mips16: $(RISUGEN) $(BUILD)/risu-trace $(RUNNERS)
	@BUILD=$(BUILD) tests/arch/mips/check-mips16.sh --long
	BUILD=$(BUILD) python3 tests/arch/mips/validate.py --cases '^mips16' \
	    -n 10000 -s 1 --md $(BUILD)/validate-mips16.md
