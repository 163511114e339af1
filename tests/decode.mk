# tests/decode: unit tests (Check) for the decode library, a CLI test,
# the decode benchmark and the parser fuzzer.

DECODE_TEST_NAMES := decode_syntax decode_errors decode_decoder decode_overlay
DECODE_TESTS := $(addprefix $(BUILD)/tests/,$(DECODE_TEST_NAMES))
UNIT_TESTS += $(DECODE_TESTS)

$(BUILD)/tests/decode_%: $(BUILD)/host/tests/decode/test_%.o \
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

# Benchmark: parse+finish of a generated 5,000-pattern file, and decoder
# throughput on random words.
BENCH_DECODE := $(BUILD)/tests/bench_decode
$(BENCH_DECODE): $(BUILD)/host/tests/bench_decode.o $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(DECODE_LDLIBS)

.PHONY: bench-decode
bench-decode: $(BENCH_DECODE)
	@$(BENCH_DECODE)
BENCH_TARGETS += bench-decode

# libFuzzer harness, in its own tree: make fuzz-parse, then e.g.
#   make fuzz-parse-run FUZZ_TIME=600
FUZZ_CC ?= clang
FUZZ_DIR := build-fuzz
FUZZ_PARSE := $(FUZZ_DIR)/fuzz_parse
FUZZ_TIME ?= 60
FUZZ_DECODE_SRCS := $(addprefix decode/,$(DECODE_CORE)) $(DECODE_EXTRA) \
                    $(UTIL_SRCS)

.PHONY: fuzz-parse fuzz-parse-run
fuzz: fuzz-parse
fuzz-parse: $(FUZZ_PARSE)
$(FUZZ_PARSE): tests/fuzz_parse.c $(FUZZ_DECODE_SRCS) $(wildcard decode/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 -std=c11 -D_GNU_SOURCE -I. -Wall -Wextra \
	    -Wno-unused-parameter \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o $@ tests/fuzz_parse.c $(FUZZ_DECODE_SRCS)

fuzz-parse-run: $(FUZZ_PARSE)
	@mkdir -p $(FUZZ_DIR)/corpus-parse
	$(FUZZ_PARSE) -max_total_time=$(FUZZ_TIME) -jobs=1 -max_len=8192 \
	    -timeout=10 -rss_limit_mb=2048 -dict=tests/decode/fuzz.dict \
	    -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-parse tests/decode/fixtures
