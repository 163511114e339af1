# Trace format, protocol, compare/report and digest tests (Check), the
# trace bench and the trace/protocol fuzzers.
include format/rules.mk

TRACE_TEST_SRCS := tests/trace/main.c tests/trace/synth.c \
                   tests/trace/test_trace.c tests/trace/test_proto.c \
                   tests/trace/test_compare.c tests/trace/test_digest.c
TRACE_TEST_OBJS := $(TRACE_TEST_SRCS:%.c=$(BUILD)/host/%.o)
$(TRACE_TEST_OBJS): HOST_CFLAGS += -DRISU_HAVE_ZLIB

$(BUILD)/tests/check-trace: $(TRACE_TEST_OBJS) $(TRACE_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(TRACE_HOST_LIBS)

# Same tests against the zlib-less build of the trace code.
$(BUILD)/tests/check-trace-noz: $(TRACE_TEST_SRCS:%.c=$(BUILD)/host/noz/%.o) \
                                $(TRACE_NOZ_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CHECK_LIBS)

UNIT_TESTS += $(BUILD)/tests/check-trace $(BUILD)/tests/check-trace-noz

# Bench: records/s and bytes per checkpoint on a realistic stream.
$(BUILD)/tests/bench-trace: $(BUILD)/host/tests/trace/bench.o \
                            $(BUILD)/host/tests/trace/synth.o $(TRACE_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(TRACE_HOST_LIBS)
$(BUILD)/host/tests/trace/bench.o: HOST_CFLAGS += -DRISU_HAVE_ZLIB

.PHONY: bench-trace fuzz-trace fuzz-proto
bench-trace: $(BUILD)/tests/bench-trace
	$(BUILD)/tests/bench-trace
BENCH_TARGETS += bench-trace

# Fuzzers (clang libFuzzer + ASan/UBSan) in their own tree.  FUZZ_TIME is
# seconds per run; the corpus persists under build-fuzz/corpus-*.
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_FLAGS := -std=c11 -g -O1 -I. -D_GNU_SOURCE -DRISU_HAVE_ZLIB \
              -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
build-fuzz/fuzz-trace: tests/fuzz_trace.c $(TRACE_SRCS) tests/trace/synth.c \
                       $(TRACE_HDRS) tests/trace/synth.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(filter %.c,$^) -lz
build-fuzz/fuzz-proto: tests/fuzz_proto.c $(TRACE_SRCS) tests/trace/synth.c \
                       $(TRACE_HDRS) tests/trace/synth.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(filter %.c,$^) -lz
fuzz-trace: build-fuzz/fuzz-trace
	@mkdir -p build-fuzz/corpus-trace
	build-fuzz/fuzz-trace -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    build-fuzz/corpus-trace
fuzz-proto: build-fuzz/fuzz-proto
	@mkdir -p build-fuzz/corpus-proto
	build-fuzz/fuzz-proto -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    build-fuzz/corpus-proto
fuzz: fuzz-trace fuzz-proto
# risu-trace's own tests (check-risu-trace, check-tools) live in tests/tools.mk.
