# SPDX-License-Identifier: GPL-2.0-or-later
# gen/: risugen, the random instruction sequence generator.

# SHA-256 is the runner's, so image and pattern digests have one source.
GEN_SRCS := $(wildcard gen/*.c) $(ARCH_GEN_SRCS) $(ARCH_HOST_SRCS) \
            format/sha256.c
GEN_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(GEN_SRCS))
# Everything but main.c, for the unit tests.
GEN_LIB_OBJS := $(filter-out $(BUILD)/host/gen/main.o,$(GEN_OBJS))
GEN_LDLIBS := $(DECODE_LIB) $(DECODE_LDLIBS) -lelf -lcapstone
RISUGEN := $(BUILD)/risugen

$(RISUGEN): $(GEN_OBJS) $(DECODE_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $(GEN_OBJS) $(GEN_LDLIBS)

HOST_TOOLS += $(RISUGEN)
$(BUILD)/host/gen/opts.o $(BUILD)/host/gen/image.o: VERSION
$(BUILD)/host/gen/opts.o $(BUILD)/host/gen/image.o: HOST_CFLAGS += $(VERSION_DEF)
