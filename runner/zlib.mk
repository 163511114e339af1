# SPDX-License-Identifier: GPL-2.0-or-later
# zlib for the target runners, compiled from source once per flavour
# with exactly that flavour's compiler and flags (see docs/zlib-targets.md).
#
# tools/zlib-src.sh fetches Debian's zlib 1.2.13 source once (SHA-256
# pinned, cached in build/zlib-src/) and writes $(ZLIB_MK), which says
# whether the runners get zlib.  Make remakes that file when it is
# missing and restarts, so the decision is taken before any rule is
# read.  Offline, the runners are built without zlib (stored traces,
# still correct) until `make zlib-src` finds the source.
ZLIB_MK := $(BUILD)/zlib.mk
# Rewritten only when the outcome changes: what runner objects depend on.
ZLIB_STATE := $(ZLIB_MK).state

# Neither `make clean` nor `make deps` should download anything.
ifneq ($(filter-out clean deps,$(or $(MAKECMDGOALS),all)),)
-include $(ZLIB_MK)
ifdef RISU_ZLIB_WHY
$(info risu: $(RISU_ZLIB_WHY))
endif
endif

$(ZLIB_MK): tools/zlib-src.sh
	@tools/zlib-src.sh $@
$(ZLIB_STATE):
	@tools/zlib-src.sh $(ZLIB_MK)

.PHONY: zlib-src
zlib-src:
	@tools/zlib-src.sh $(ZLIB_MK)
	@sed -n 's/^RISU_ZLIB_WHY := /risu: /p' $(ZLIB_MK)

# deflate + inflate + crc32 and what they need: no gz*, compress, infback.
ZLIB_C := adler32 crc32 deflate inffast inflate inftrees trees zutil
# Z_SOLO: no libc at all; trace.c supplies zalloc/zfree (an arena inside
# its writer/reader), so zlib's own malloc-based defaults are not built.
ZLIB_DEFS := -DZ_SOLO

# Flags for runner C: empty when building without zlib.
ZLIB_RUNNER_CFLAGS := $(if $(RISU_ZLIB_SRC),-DRISU_HAVE_ZLIB $(ZLIB_DEFS) \
    -I$(RISU_ZLIB_SRC))

# $(1) flavour, $(2) compiler command, $(3) all of the flavour's C flags.
# Defines ZLIB_LIB_$(1): build/<flavour>/zlib/libz.a, or empty.
define target_zlib
ifneq ($(RISU_ZLIB_SRC),)
ZLIB_OBJS_$(1) := $(ZLIB_C:%=$(BUILD)/$(1)/zlib/%.o)
ZLIB_LIB_$(1) := $(BUILD)/$(1)/zlib/libz.a
$$(ZLIB_OBJS_$(1)): $(BUILD)/$(1)/zlib/%.o: $(RISU_ZLIB_SRC)/%.c $(ZLIB_STATE)
	@mkdir -p $$(dir $$@)
	$(2) $(3) $(ZLIB_DEFS) -c -o $$@ $$<
$$(ZLIB_LIB_$(1)): $$(ZLIB_OBJS_$(1))
	rm -f $$@
	$(patsubst %-gcc,%-ar,$(firstword $(2))) rcs $$@ $$^
-include $$(ZLIB_OBJS_$(1):.o=.d)
else
ZLIB_LIB_$(1) :=
endif
endef
