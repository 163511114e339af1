# SPDX-License-Identifier: GPL-2.0-or-later
# tests/format: the shared format library (format/): trace format,
# protocol, compare/report and digest tests (Check), with and without
# zlib, and the trace bench.  synth.c also feeds the synthetic-trace
# maker of tests/tools.mk and the trace and protocol fuzzers
# (tests/fuzz.mk).

FORMAT_TEST_SRCS := tests/format/main.c tests/format/synth.c \
                    tests/format/test_trace.c tests/format/test_proto.c \
                    tests/format/test_compare.c tests/format/test_digest.c \
                    tests/format/test_mem.c tests/format/test_classes.c
FORMAT_TEST_OBJS := $(FORMAT_TEST_SRCS:%.c=$(BUILD)/host/%.o)
$(FORMAT_TEST_OBJS): HOST_CFLAGS += -DRISU_HAVE_ZLIB

$(BUILD)/tests/check-format: $(FORMAT_TEST_OBJS) $(TRACE_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(TRACE_HOST_LIBS)

# Same tests against the zlib-less build of the format library.
$(BUILD)/tests/check-format-noz: \
        $(FORMAT_TEST_SRCS:%.c=$(BUILD)/host/noz/%.o) $(TRACE_NOZ_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CHECK_LIBS)

UNIT_TESTS += $(BUILD)/tests/check-format $(BUILD)/tests/check-format-noz

# Bench: records/s and bytes per checkpoint on a realistic stream.
$(BUILD)/tests/bench-trace: $(BUILD)/host/tests/format/bench.o \
        $(BUILD)/host/tests/format/synth.o $(TRACE_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(TRACE_HOST_LIBS)
$(BUILD)/host/tests/format/bench.o: HOST_CFLAGS += -DRISU_HAVE_ZLIB

.PHONY: bench-trace
bench-trace: $(BUILD)/tests/bench-trace
	$(BUILD)/tests/bench-trace
BENCH_TARGETS += bench-trace

# What the memory blocks of trace format 2 cost on risugen images
# (tests/runner/memcost.sh): bytes per checkpoint with and without them.
$(BUILD)/tests/memcost: $(BUILD)/host/tests/format/memcost.o \
        $(BUILD)/host/tests/format/synth.o $(TRACE_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(TRACE_HOST_LIBS)
$(BUILD)/host/tests/format/memcost.o: HOST_CFLAGS += -DRISU_HAVE_ZLIB

.PHONY: bench-memcost
bench-memcost: $(BUILD)/tests/memcost $(BUILD)/risugen \
        $(filter $(BUILD)/risu-mipsel $(BUILD)/risu-aarch64,$(RUNNERS))
	BUILD=$(BUILD) tests/runner/memcost.sh
BENCH_TARGETS += bench-memcost
