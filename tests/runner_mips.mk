# MIPS runner tests (issue #4): sanity images per runner flavour, then
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
