# SPDX-License-Identifier: GPL-2.0-or-later
# Target runners: one static, freestanding build/risu-<flavour> per line
# of arch/<family>/flavours.mk whose cross compiler is installed (others
# are skipped).  The family's arch/<family>/rules.mk says what it adds:
#   RUNNER_C_<family>, RUNNER_S_<family>  capture and start-up sources
#                              (functions of the flavour name)
#   RUNNER_CFLAGS_<family>     extra compiler flags
#   RUNNER_LIBS_<family>       extra libraries (after zlib)
#   RUNNER_NOFP_COMMENT_<family>, RUNNER_NOFP_RE_<family>
#                              objdump's comment leader and the regex
#                              of FP/vector code for tools/check-nofp.sh
#                              (functions of the flavour name; required)
# Each runner links zlib built from source with its own flags
# (runner/zlib.mk) when the source could be obtained.
include format/rules.mk
include runner/zlib.mk

RUNNER_CORE_C := runner/risu.c runner/memreport.c runner/load.c \
    runner/elfload.c runner/net.c \
    runner/access.c \
    runner/rt/string.c runner/rt/fmt.c runner/rt/sys.c \
    runner/rt/malloc.c runner/rt/int64.c runner/rt/start.c \
    runner/rt/traps.c runner/progress.c runner/summary.c

# No libc, no libgcc unless the family asks, no PIC: the runner must
# start on every CPU of its family (Debian's glibc start-up already dies
# on Loongson-2E/2F and Octeon) and in NaN2008/FR=1 flavours no distro
# ships.  $(1) is the family.
target_cflags = -std=c11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
    -ffreestanding -fno-builtin-printf -fno-tree-loop-distribute-patterns \
    -fno-stack-protector -fno-pic $(RUNNER_CFLAGS_$(1)) -I. \
    -Irunner/rt/include -MMD -MP
TARGET_LDFLAGS := -nostdlib -static -Wl,--build-id=none -Wl,-e,_start \
    -Wl,-z,noexecstack

# $(1) flavour, $(2) family, $(3) compiler command, $(4) flags
define runner_flavour
$$(if $$(call RUNNER_NOFP_RE_$(2),$(1)),,$$(error arch/$(2)/rules.mk: no \
    RUNNER_NOFP_RE_$(2) for flavour $(1): the runner's no-FP check needs \
    one))
$$(if $$(call RUNNER_NOFP_COMMENT_$(2),$(1)),,$$(error arch/$(2)/rules.mk: \
    no RUNNER_NOFP_COMMENT_$(2) for flavour $(1)))
ifneq ($$(shell command -v $(firstword $(3)) 2>/dev/null),)
RUNNERS += $(BUILD)/risu-$(1)
# C must never touch FP/SIMD registers: it runs in the signal handler
# between the live capture and the interrupted code.
RUNNER_NOFP_C_$(1) := $(RUNNER_CORE_C) $(call RUNNER_C_$(2),$(1)) \
    $(TRACE_SRCS)
RUNNER_OBJS_$(1) := $$(RUNNER_NOFP_C_$(1):%.c=$(BUILD)/$(1)/%.o) \
    $(patsubst %.S,$(BUILD)/$(1)/%.S.o,$(call RUNNER_S_$(2),$(1)))
$$(eval $$(call target_zlib,$(1),$(3),$(4) $(call target_cflags,$(2))))
$(BUILD)/$(1)/%.o: %.c $(ZLIB_STATE)
	@mkdir -p $$(dir $$@)
	$(3) $(4) $(call target_cflags,$(2)) $$(ZLIB_RUNNER_CFLAGS) \
	    -DRISU_VARIANT='"$(1)"' $(VERSION_DEF) -c -o $$@ $$<
$(BUILD)/$(1)/%.S.o: %.S
	@mkdir -p $$(dir $$@)
	$(3) $(4) $(call target_cflags,$(2)) -c -o $$@ $$<
# zlib runs in the signal handler path too: it must pass the FP check.
$(BUILD)/risu-$(1): $$(RUNNER_OBJS_$(1)) $$(ZLIB_LIB_$(1)) \
	    tools/check-nofp.sh arch/$(2)/rules.mk
	tools/check-nofp.sh $(patsubst %-gcc,%-objdump,$(firstword $(3))) \
	    '$$(call RUNNER_NOFP_COMMENT_$(2),$(1))' \
	    '$$(call RUNNER_NOFP_RE_$(2),$(1))' \
	    $$(RUNNER_NOFP_C_$(1):%.c=$(BUILD)/$(1)/%.o) $$(ZLIB_OBJS_$(1))
	$(3) $(4) $$(TARGET_LDFLAGS) -o $$@ $$(RUNNER_OBJS_$(1)) \
	    $$(ZLIB_LIB_$(1)) $(RUNNER_LIBS_$(2))
$(BUILD)/$(1)/runner/risu.o: VERSION
-include $$(RUNNER_OBJS_$(1):.o=.d)
endif
endef

$(foreach f,$(RISU_FLAVOURS),$(eval $(call runner_flavour,$(f),$(FLAV_FAMILY_$(f)),$(FLAV_CC_$(f)),$(FLAV_CFLAGS_$(f)) $(FLAV_RUNNER_$(f)))))

.PHONY: runners
runners: $(RUNNERS)
