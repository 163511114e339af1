# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fuzz: libFuzzer harnesses, built with clang (ASan + UBSan) in
# their own tree, build-fuzz/.  Each fuzz-NAME target builds and runs
# one harness for FUZZ_TIME seconds, e.g. "make fuzz-expr FUZZ_TIME=600";
# "make fuzz" runs them all.  New inputs persist under
# build-fuzz/corpus-NAME; the committed seeds and dictionaries live here.
#
#   fuzz-parse  decodetree parser, checks and decoder (decode/)
#   fuzz-expr   constraint expressions against a reference interpreter
#   fuzz-annot  "#@" directives, overlays and globs
#   fuzz-trace  trace reader and writer (format/)
#   fuzz-proto  live protocol messages (format/)
#   fuzz-live   the master's side of a live run against a lying peer
#   fuzz-elf    the runner's ELF image checks (runner/elfload.c)

FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_DIR := build-fuzz
FUZZ_FLAGS := -std=c11 -g -O1 -I. -D_GNU_SOURCE -Wall -Wextra \
              -Wno-unused-parameter \
              -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_RUN = $(FUZZ_DIR)/fuzz-$* -max_total_time=$(FUZZ_TIME) \
           -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/

FUZZ_NAMES := parse expr annot trace proto elf
.PHONY: $(addprefix fuzz-,$(FUZZ_NAMES)) fuzz-parse-run fuzz-live
fuzz: $(addprefix fuzz-,$(FUZZ_NAMES)) fuzz-live

# Sources per harness; each links the library code it exercises.
FUZZ_SRCS_parse := $(addprefix decode/,$(DECODE_CORE)) $(DECODE_EXTRA) \
                   $(UTIL_SRCS)
FUZZ_SRCS_expr := decode/expr.c decode/funcs.c $(UTIL_SRCS)
FUZZ_SRCS_annot := decode/expr.c decode/funcs.c decode/annot.c \
                   decode/annot-branch.c decode/annot-pcrel.c \
                   decode/overlay.c $(UTIL_SRCS)
FUZZ_SRCS_trace := $(TRACE_SRCS) tests/format/synth.c
FUZZ_SRCS_proto := $(TRACE_SRCS) tests/format/synth.c
FUZZ_SRCS_elf := runner/elfload.c
FUZZ_HDRS := $(wildcard decode/*.h) runner/load.h runner/rt/rt.h $(TRACE_HDRS) tests/format/synth.h
FUZZ_LIBS_trace := -lz
FUZZ_LIBS_proto := -lz
FUZZ_DEFS_trace := -DRISU_HAVE_ZLIB
FUZZ_DEFS_proto := -DRISU_HAVE_ZLIB

# $(1): harness name.
define fuzz_build
$(FUZZ_DIR)/fuzz-$(1): tests/fuzz/fuzz_$(1).c $(FUZZ_SRCS_$(1)) $(FUZZ_HDRS)
	@mkdir -p $$(dir $$@)
	$$(FUZZ_CC) $$(FUZZ_FLAGS) $(FUZZ_DEFS_$(1)) -o $$@ $$(filter %.c,$$^) \
	    $(FUZZ_LIBS_$(1))
endef
$(foreach n,$(FUZZ_NAMES),$(eval $(call fuzz_build,$(n))))

# Run options per harness: input size, time-outs, dictionary, seeds.
FUZZ_OPTS_parse := -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
                   -dict=tests/fuzz/parse.dict
FUZZ_SEEDS_parse := tests/decode/fixtures
FUZZ_OPTS_expr := -max_len=512 -dict=tests/fuzz/expr.dict
FUZZ_SEEDS_expr := tests/fuzz/corpus-expr
FUZZ_OPTS_annot := -max_len=1024 -dict=tests/fuzz/expr.dict
FUZZ_SEEDS_annot := tests/fuzz/corpus-annot
FUZZ_OPTS_elf := -max_len=4096
FUZZ_SEEDS_elf := tests/fuzz/corpus-elf

$(addprefix fuzz-,$(FUZZ_NAMES)): fuzz-%: $(FUZZ_DIR)/fuzz-%
	@mkdir -p $(FUZZ_DIR)/corpus-$*
	$(FUZZ_RUN) $(FUZZ_OPTS_$*) $(FUZZ_DIR)/corpus-$* $(FUZZ_SEEDS_$*)

# Former name of fuzz-parse.
fuzz-parse-run: fuzz-parse

# fuzz-live: arbitrary peer bytes against the master's hello check,
# tapped writer, verdict and judgement; it aborts on any "match" whose
# verdict is not exactly the honest one.  An honest session per record
# count seeds the corpus.
FUZZ_SRCS_live := $(TRACE_SRCS) tests/format/synth.c
FUZZ_LIBS_live := -lz
FUZZ_DEFS_live := -DRISU_HAVE_ZLIB
$(eval $(call fuzz_build,live))
$(FUZZ_DIR)/live-seed: tests/fuzz/live_seed.c $(FUZZ_SRCS_live) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -I. -D_GNU_SOURCE -DRISU_HAVE_ZLIB -o $@ \
	    $(filter %.c,$^) -lz
fuzz-live: $(FUZZ_DIR)/fuzz-live $(FUZZ_DIR)/live-seed
	@mkdir -p $(FUZZ_DIR)/corpus-live
	$(FUZZ_DIR)/live-seed $(FUZZ_DIR)/corpus-live
	$(FUZZ_DIR)/fuzz-live -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-live
