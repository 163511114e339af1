# The live protocol against lying and hostile peers: the hostile-peer
# suite (tests/runner/hostile/, fake masters and apprentices in Python
# against real runners under qemu-user, each case with an exit code and
# a time bound) and the master-side protocol fuzzer (make fuzz-live).

.PHONY: check-hostile fuzz-live
CHECK_TARGETS += check-hostile

HOSTILE_RUNNERS := $(filter $(BUILD)/risu-mipsel $(BUILD)/risu-aarch64,$(RUNNERS))
check-hostile: $(HOSTILE_RUNNERS) $(BUILD)/risugen
	BUILD=$(BUILD) tests/runner/hostile/run.sh

# FUZZ_FLAGS, FUZZ_TIME and TRACE_SRCS come from tests/trace.mk.
build-fuzz/fuzz-live: tests/fuzz/fuzz_live.c $(TRACE_SRCS) tests/trace/synth.c \
                      $(TRACE_HDRS) tests/trace/synth.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(filter %.c,$^) -lz
fuzz-live: build-fuzz/fuzz-live
	@mkdir -p build-fuzz/corpus-live
	build-fuzz/live-seed build-fuzz/corpus-live
	build-fuzz/fuzz-live -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    build-fuzz/corpus-live

# An honest session per record count seeds the corpus.
build-fuzz/live-seed: tests/fuzz/live_seed.c $(TRACE_SRCS) tests/trace/synth.c \
                      $(TRACE_HDRS) tests/trace/synth.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -I. -D_GNU_SOURCE -DRISU_HAVE_ZLIB -o $@ \
	    $(filter %.c,$^) -lz
fuzz-live: build-fuzz/live-seed
