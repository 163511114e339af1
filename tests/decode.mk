# SPDX-License-Identifier: GPL-2.0-or-later
# tests/decode: unit tests (Check) for the decode library, a CLI test,
# the RISU-file translator used by the ARM pattern checks and the decode
# benchmark.  The fuzz harnesses live in tests/fuzz (tests/fuzz.mk).

# Annotation, constraint-expression and overlay-file tests link only the
# annotation objects, against a hand-built pattern (annotutil.h), so a
# parser bug cannot hide an annotation bug.
DECODE_ANNOT_OBJS := $(addprefix $(BUILD)/host/decode/,expr.o funcs.o \
                       annot-branch.o annot-pcrel.o \
                       annot.o overlay.o)
DECODE_ANNOT_TESTS := $(addprefix $(BUILD)/tests/decode_,expr funcs annot \
                        annot_block \
                        overlay_file)
UNIT_TESTS += $(DECODE_ANNOT_TESTS)

$(DECODE_ANNOT_TESTS): $(BUILD)/tests/decode_%: \
                       $(BUILD)/host/tests/decode/test_%.o $(DECODE_ANNOT_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CHECK_LIBS)

# Everything else goes through the whole library (parser, overlays,
# dt_set_finish, decoder).
DECODE_TEST_NAMES := syntax errors decoder overlay annot_set
DECODE_TESTS := $(addprefix $(BUILD)/tests/decode_,$(DECODE_TEST_NAMES))
UNIT_TESTS += $(DECODE_TESTS)

$(DECODE_TESTS): $(BUILD)/tests/decode_%: $(BUILD)/host/tests/decode/test_%.o \
                 $(BUILD)/host/tests/decode/testutil.o $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(DECODE_LDLIBS) $(CHECK_LIBS)

# The fixtures are found relative to the top of the tree.
$(BUILD)/host/tests/decode/%.o: HOST_CFLAGS += -DDT_FIXTURES='"tests/decode"'

# CLI: exit codes, diagnostics on stderr, --list and word decoding.
.PHONY: check-risu-decode
check-risu-decode: $(RISU_DECODE)
	@sh tests/decode/cli.sh $(RISU_DECODE)
CHECK_TARGETS += check-risu-decode

# RISU files (tests/decode/risufile/*.risu) to decodetree through
# decode/risufile.c; run by check-arm-patterns (tests/arch/arm.mk).
# The modes come from the registry, so the generator's objects (which
# hold it) are linked as for the unit tests.
RISU2DECODE := $(BUILD)/tests/risu2decode
$(RISU2DECODE): $(BUILD)/host/tests/decode/risufile/risu2decode.o \
                $(GEN_LIB_OBJS) $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $< $(GEN_LIB_OBJS) $(GEN_LDLIBS)

# Benchmark: parse+finish of a generated 5,000-pattern file, and decoder
# throughput on random words.
BENCH_DECODE := $(BUILD)/tests/bench_decode
$(BENCH_DECODE): $(BUILD)/host/tests/decode/bench.o $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(DECODE_LDLIBS)

.PHONY: bench-decode
bench-decode: $(BENCH_DECODE)
	@$(BENCH_DECODE)
BENCH_TARGETS += bench-decode
