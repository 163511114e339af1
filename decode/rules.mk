# SPDX-License-Identifier: GPL-2.0-or-later
# decode/: the decodetree parser, checks, decoder and annotations, as a
# static library for gen/ and the host tools, plus the risu-decode CLI.

DECODE_CORE := arena.c text.c field.c parse.c defs.c formats.c pattern.c \
               check.c tree.c set.c
# Written alongside: annotations, overlays, expressions, !function, and
# the reader for Linaro RISU pattern files.
DECODE_EXTRA := $(wildcard decode/annot.c decode/annot-branch.c \
                           decode/annot-pcrel.c \
                           decode/overlay.c decode/expr.c \
                           decode/funcs.c decode/risufile.c)
DECODE_OBJS := $(patsubst %.c,$(BUILD)/host/%.o, \
                 $(addprefix decode/,$(DECODE_CORE)) $(DECODE_EXTRA))
DECODE_LIB := $(BUILD)/libdecode.a
# What a program linking DECODE_LIB needs after it: the host utility
# layer (file reading, suggestions), kept in its own archive so gen/ and
# tools/ link the same members instead of a second copy.  Listing it as
# a prerequisite makes every program that links DECODE_LIB wait for it.
DECODE_LDLIBS := $(UTIL_LIB)

$(DECODE_LIB): $(DECODE_OBJS) $(UTIL_LIB)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $(DECODE_OBJS)

RISU_DECODE := $(BUILD)/risu-decode
$(RISU_DECODE): $(BUILD)/host/decode/risu-decode.o \
                $(BUILD)/host/decode/list-json.o $(DECODE_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(DECODE_LDLIBS)

HOST_TOOLS += $(RISU_DECODE)
$(BUILD)/host/decode/risu-decode.o: VERSION
$(BUILD)/host/decode/risu-decode.o: HOST_CFLAGS += $(VERSION_DEF)
