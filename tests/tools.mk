# SPDX-License-Identifier: GPL-2.0-or-later
# Host tools (risu-trace): Check unit tests of the pure parts (also run
# under make check-asan), the synthetic-trace checks, and check-tools:
# end to end on traces made by the real runners under qemu-user.

TOOLS_TEST_SRCS := tests/tools/main.c tests/tools/test_basic.c \
                   tests/tools/test_image.c tests/tools/test_logic.c
TOOLS_TEST_OBJS := $(TOOLS_TEST_SRCS:%.c=$(BUILD)/host/%.o)
$(BUILD)/host/tests/tools/test_image.o: HOST_CFLAGS += $(RT_CAPSTONE_CFLAGS)

$(BUILD)/tests/check-tools: $(TOOLS_TEST_OBJS) $(RT_TOOL_OBJS) \
                            $(TRACE_HOST_OBJS) $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $(TOOLS_TEST_OBJS) $(RT_TOOL_OBJS) \
	    $(TRACE_HOST_OBJS) $(CHECK_LIBS) $(RT_TOOL_LIBS)

UNIT_TESTS += $(BUILD)/tests/check-tools

# risu-trace show/verify on generated, cut and corrupted synthetic traces.
$(BUILD)/tests/mktrace: $(BUILD)/host/tests/format/mktrace.o \
                        $(BUILD)/host/tests/format/synth.o $(TRACE_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(TRACE_HOST_LIBS)

.PHONY: check-risu-trace check-tools
check-risu-trace: $(BUILD)/risu-trace $(BUILD)/tests/mktrace
	tests/tools/synth-trace.sh $(BUILD)/risu-trace $(BUILD)/tests/mktrace

# Real runners under qemu-user: needs risugen, the runners and qemu; the
# script skips (exit 77 -> message) what the machine lacks.
check-tools: $(BUILD)/risu-trace $(BUILD)/risugen $(RUNNERS)
	BUILD=$(BUILD) tests/tools/tools-test.sh

CHECK_TARGETS += check-risu-trace check-tools

# No global symbol defined twice across the host objects (gen code can
# then be linked into risu-trace and the other way round).
HOST_LINKED_OBJS := $(sort $(DECODE_OBJS) $(UTIL_OBJS) $(GEN_LIB_OBJS) \
                    $(RT_TOOL_OBJS) $(TRACE_HOST_OBJS))
.PHONY: check-dup-symbols
check-dup-symbols: $(HOST_LINKED_OBJS)
	@tests/tools/check-dup-symbols.sh $(HOST_LINKED_OBJS)
CHECK_TARGETS += check-dup-symbols

# --version, per-subcommand --help, --cpu help, the runner's whole --help.
.PHONY: check-cli-first
check-cli-first: $(HOST_TOOLS) $(RUNNERS)
	@BUILD=$(BUILD) sh tests/tools/cli-first.sh
CHECK_TARGETS += check-cli-first

# make install into a stage, then the installed tree on its own.
.PHONY: check-install
check-install: all
	rm -rf $(BUILD)/stage
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(BUILD)/stage \
	    PREFIX=/usr > $(BUILD)/install.log
	BUILD=$(BUILD) sh tests/tools/install-test.sh $(CURDIR)/$(BUILD)/stage
CHECK_TARGETS += check-install

# tools/deps.sh package groups per make target (lists only).
.PHONY: check-deps
check-deps:
	@sh tests/tools/deps-test.sh
CHECK_TARGETS += check-deps

# risu-trace coverage --html: the bars as headless Chromium lays them out.
.PHONY: check-coverage-html
check-coverage-html: $(BUILD)/risu-trace $(BUILD)/risugen $(RUNNERS)
	@BUILD=$(BUILD) sh tests/tools/coverage-html.sh
CHECK_TARGETS += check-coverage-html
