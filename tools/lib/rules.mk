# SPDX-License-Identifier: GPL-2.0-or-later
# tools/lib/: the host utility layer (allocation, strings, files, text,
# the JSON writer of every --json) shared by decode/, gen/ and tools/.
# An archive, so each program links only the members it uses; it goes
# after every library that needs it.
UTIL_SRCS := $(addprefix tools/lib/,alloc.c strbuf.c files.c text.c json.c)
UTIL_OBJS := $(UTIL_SRCS:%.c=$(BUILD)/host/%.o)
UTIL_LIB := $(BUILD)/libutil.a

$(UTIL_LIB): $(UTIL_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^
