# Annotation, constraint-expression and overlay unit tests, and the
# expression fuzzer.  The tests link only the annotation objects, so they
# do not depend on the rest of the decode library.

ANNOT_OBJS := $(addprefix $(BUILD)/host/decode/,expr.o funcs.o annot.o overlay.o)
ANNOT_TESTS := $(addprefix $(BUILD)/tests/annot/,test_expr test_funcs \
                 test_annot test_overlay)
UNIT_TESTS += $(ANNOT_TESTS)

$(ANNOT_TESTS): $(BUILD)/tests/annot/%: $(BUILD)/host/tests/annot/%.o $(ANNOT_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CHECK_LIBS)

# The same features through the whole library (parser, overlays, finish).
ANNOT_SET_TEST := $(BUILD)/tests/annot/test_set
UNIT_TESTS += $(ANNOT_SET_TEST)
$(ANNOT_SET_TEST): $(BUILD)/host/tests/annot/test_set.o $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(DECODE_LDLIBS) $(CHECK_LIBS)

# libFuzzer targets, built with clang in their own tree.  FUZZ_TIME is in
# seconds; run e.g. "make fuzz-expr FUZZ_TIME=600".
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_FLAGS := -g -O1 -std=c11 -D_GNU_SOURCE -I. -Wall -Wextra \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_EXPR_SRCS := tests/fuzz_expr.c decode/expr.c decode/funcs.c
FUZZ_ANNOT_SRCS := tests/annot/fuzz_annot.c decode/expr.c decode/funcs.c \
                   decode/annot.c decode/overlay.c

build-fuzz/fuzz_expr: $(FUZZ_EXPR_SRCS) decode/annot.h decode/decode.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(FUZZ_EXPR_SRCS)

build-fuzz/fuzz_annot: $(FUZZ_ANNOT_SRCS) decode/annot.h decode/decode.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(FUZZ_ANNOT_SRCS)

.PHONY: fuzz-expr fuzz-annot
fuzz-expr: build-fuzz/fuzz_expr
	@mkdir -p build-fuzz/corpus-expr
	build-fuzz/fuzz_expr -max_total_time=$(FUZZ_TIME) -max_len=512 \
	    -dict=tests/annot/expr.dict build-fuzz/corpus-expr tests/annot/corpus-expr

fuzz-annot: build-fuzz/fuzz_annot
	@mkdir -p build-fuzz/corpus-annot
	build-fuzz/fuzz_annot -max_total_time=$(FUZZ_TIME) -max_len=1024 \
	    -dict=tests/annot/expr.dict build-fuzz/corpus-annot tests/annot/corpus-annot

fuzz: fuzz-expr fuzz-annot
