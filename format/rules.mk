# SPDX-License-Identifier: GPL-2.0-or-later
# The shared format library (format/): image and trace formats, live
# protocol, compare and report, digests.  Portable freestanding C linked
# into the target runners and into every host tool.  Compile with -DRISU_HAVE_ZLIB and link zlib to
# get compressed chunks; without it traces are written stored and zlib
# traces are refused with a clear error.  Target runners build zlib from
# source per flavour (runner/zlib.mk).
TRACE_SRCS := format/trace.c format/proto.c format/live.c format/compare.c \
              format/report.c format/sha256.c format/crc32.c format/meta.c \
              format/memdiff.c format/classes.c

ifndef TRACE_MK_INCLUDED
TRACE_MK_INCLUDED := 1

# Host objects always have zlib (zlib1g-dev is a build dependency).
TRACE_HOST_OBJS := $(TRACE_SRCS:%.c=$(BUILD)/host/%.o)
$(TRACE_HOST_OBJS): HOST_CFLAGS += -DRISU_HAVE_ZLIB
TRACE_HOST_LIBS := -lz

# The same sources without zlib: the stored-only path and the table CRC.
# (Under $(BUILD)/host so the top-level Makefile picks up their .d files.)
TRACE_NOZ_OBJS := $(TRACE_SRCS:%.c=$(BUILD)/host/noz/%.o)
$(BUILD)/host/noz/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -c -o $@ $<
TRACE_HDRS := format/trace.h format/trace-util.h format/state.h \
              format/classes.h
endif
