# SPDX-License-Identifier: GPL-2.0-or-later
# Host tools.  risu-trace: show, verify and diff traces, list images,
# shrink divergences to reproducers, coverage (docs/host-tools.md).
include format/rules.mk

# Everything but main, so the unit tests link the same objects.
RT_TOOL_SRCS := tools/tutil.c tools/timage.c tools/timage-elf.c \
                tools/disasm.c tools/patset.c tools/regfmt.c tools/tracein.c \
                tools/tctx.c tools/tdiff.c tools/divrep.c tools/operands.c tools/ddmin.c \
                tools/shrgroup.c \
                tools/runcmd.c tools/repro.c tools/cmd-show.c \
                tools/cmd-diff.c tools/cmd-shrink.c tools/cmd-coverage.c \
                tools/cmd-arch.c tools/cmd-meta.c tools/cmd-progress.c \
                tools/usage.c tools/edgename.c tools/covhtml.c
# risu-trace links the generator (the registry's gen faces, and the
# pattern loader): one host library, no symbol defined twice.
RT_TOOL_OBJS := $(RT_TOOL_SRCS:%.c=$(BUILD)/host/%.o) \
                $(filter-out $(TRACE_HOST_OBJS),$(sort \
                    $(ARCH_HOST_SRCS:%.c=$(BUILD)/host/%.o) $(GEN_LIB_OBJS)))
RT_TOOL_LIBS := $(DECODE_LIB) $(DECODE_LDLIBS) -lelf \
                $(shell pkg-config --libs capstone 2>/dev/null || echo -lcapstone) \
                $(TRACE_HOST_LIBS) -lm
RT_CAPSTONE_CFLAGS := $(shell pkg-config --cflags capstone 2>/dev/null)
$(BUILD)/host/tools/disasm.o: HOST_CFLAGS += $(RT_CAPSTONE_CFLAGS)

$(BUILD)/risu-trace: $(BUILD)/host/tools/risu-trace.o $(RT_TOOL_OBJS) \
                     $(TRACE_HOST_OBJS) $(DECODE_LIB)
	$(CC) $(HOST_LDFLAGS) -o $@ $(BUILD)/host/tools/risu-trace.o \
	    $(RT_TOOL_OBJS) $(TRACE_HOST_OBJS) $(RT_TOOL_LIBS)

HOST_TOOLS += $(BUILD)/risu-trace
$(BUILD)/host/tools/usage.o: VERSION
$(BUILD)/host/tools/usage.o: HOST_CFLAGS += $(VERSION_DEF)
