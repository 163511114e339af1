# ARM runner tests (issue #6): sanity images for risu-armhf (A32 and
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
    $(BUILD)/aarch64/sanity-sve.bin $(BUILD)/aarch64/bench.bin
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
