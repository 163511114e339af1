# Target runners: one static, freestanding `risu` per MIPS flavour whose
# cross compiler is installed (others are skipped).  See
# docs/mips-capture.md for which flavour runs on which CPU model.  Each
# links zlib built from source with its own flags (runner/zlib.mk) when
# the source could be obtained.
include format/rules.mk
include runner/zlib.mk

RUNNER_C := runner/risu.c runner/load.c runner/net.c \
            runner/rt/string.c runner/rt/fmt.c runner/rt/sys.c \
            runner/rt/malloc.c runner/rt/int64.c runner/rt/start.c \
            runner/rt/traps.c \
            arch/mips/arch.c arch/mips/capture.c
RUNNER_S := arch/mips/start.S arch/mips/capture.S
# C that must never touch FP/MSA registers (everything but the stub).
RUNNER_NOFP_C := $(RUNNER_C) $(TRACE_SRCS)

# No libc, no libgcc, no PIC/$gp: the runner must start on every CPU of
# its family (Debian's glibc start-up already dies on Loongson-2E/2F and
# Octeon) and in NaN2008/FR=1 flavours no distro ships.
TARGET_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
    -ffreestanding -fno-builtin-printf -fno-tree-loop-distribute-patterns \
    -fno-stack-protector -fno-pic -mno-abicalls -G0 -I. -Irunner/rt/include \
    -MMD -MP
TARGET_LDFLAGS := -nostdlib -static -Wl,--build-id=none -Wl,-e,_start \
    -Wl,-z,noexecstack

# name, compiler (+ endianness), ISA and FP flags
MIPS_RUNNER_FLAVOURS := \
    mipsel:mipsel-linux-gnu-gcc:-march=mips32@-mfp32 \
    mipsel-fp64:mipsel-linux-gnu-gcc:-march=mips32r2@-mfp64 \
    mipsel-fp64-nan2008:mipsel-linux-gnu-gcc:-march=mips32r2@-mfp64@-mnan=2008 \
    mips:mips-linux-gnu-gcc:-march=mips32@-mfp32 \
    mips-fp64:mips-linux-gnu-gcc:-march=mips32r2@-mfp64 \
    mips-fp64-nan2008:mips-linux-gnu-gcc:-march=mips32r2@-mfp64@-mnan=2008 \
    mips64el:mips64el-linux-gnuabi64-gcc:-march=mips3@-mabi=64 \
    mips64:mips64el-linux-gnuabi64-gcc@-EB:-march=mips3@-mabi=64 \
    mipsisa32r6el:mipsisa32r6el-linux-gnu-gcc:-march=mips32r6 \
    mipsisa64r6el:mipsisa64r6el-linux-gnuabi64-gcc:-march=mips64r6@-mabi=64

flav_name = $(word 1,$(subst :, ,$(1)))
flav_cc = $(subst @, ,$(word 2,$(subst :, ,$(1))))
flav_flags = $(subst @, ,$(word 3,$(subst :, ,$(1))))

# $(1) name, $(2) compiler command, $(3) flags
define mips_runner
ifneq ($$(shell command -v $(firstword $(2)) 2>/dev/null),)
RUNNERS += $(BUILD)/risu-$(1)
RUNNER_OBJS_$(1) := $$(RUNNER_C:%.c=$(BUILD)/$(1)/%.o) \
    $$(TRACE_SRCS:%.c=$(BUILD)/$(1)/%.o) $$(RUNNER_S:%.S=$(BUILD)/$(1)/%.S.o)
$$(eval $$(call target_zlib,$(1),$(2),$(3) $$(TARGET_CFLAGS)))
$(BUILD)/$(1)/%.o: %.c $(ZLIB_STATE)
	@mkdir -p $$(dir $$@)
	$(2) $(3) $$(TARGET_CFLAGS) $$(ZLIB_RUNNER_CFLAGS) \
	    -DRISU_VARIANT='"$(1)"' -c -o $$@ $$<
$(BUILD)/$(1)/%.S.o: %.S
	@mkdir -p $$(dir $$@)
	$(2) $(3) $$(TARGET_CFLAGS) -c -o $$@ $$<
# zlib runs in the signal handler path too: it must pass the FP check.
$(BUILD)/risu-$(1): $$(RUNNER_OBJS_$(1)) $$(ZLIB_LIB_$(1)) \
	    tools/check-nofp.sh
	tools/check-nofp.sh $(patsubst %-gcc,%-objdump,$(firstword $(2))) \
	    $$(RUNNER_NOFP_C:%.c=$(BUILD)/$(1)/%.o) $$(ZLIB_OBJS_$(1))
	$(2) $(3) $$(TARGET_LDFLAGS) -o $$@ $$(RUNNER_OBJS_$(1)) \
	    $$(ZLIB_LIB_$(1))
-include $$(RUNNER_OBJS_$(1):.o=.d)
endif
endef

$(foreach f,$(MIPS_RUNNER_FLAVOURS),$(eval $(call mips_runner,$(call flav_name,$(f)),$(call flav_cc,$(f)),$(call flav_flags,$(f)))))


# ---- ARM: risu-armhf (A32 and Thumb images) and risu-aarch64 ----
# Freestanding like MIPS (same runtime, own _start and syscalls), but
# linked with libgcc (EABI division helpers, cache flush); zlib is built
# from source with the flavour's flags like MIPS (runner/zlib.mk).  See
# docs/arm-capture.md.
ARM_RUNNER_C := runner/risu.c runner/load.c runner/net.c \
    runner/rt/string.c runner/rt/fmt.c runner/rt/sys.c \
    runner/rt/malloc.c runner/rt/int64.c runner/rt/start.c \
            runner/rt/traps.c \
    arch/arm/arch.c arch/arm/capture.c
# Per state (a32/a64): C beyond the shared start-up (start-a32.c: raise()
# for libgcc's EABI division helpers; aarch64's libgcc needs nothing).
ARM_START_C_a32 := arch/arm/start-a32.c
ARM_START_C_a64 :=
ARM_TARGET_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
    -ffreestanding -fno-builtin-printf -fno-tree-loop-distribute-patterns \
    -fno-stack-protector -fno-pic -I. -Irunner/rt/include -MMD -MP
ARM_TARGET_LDFLAGS := -nostdlib -static -Wl,--build-id=none \
    -Wl,-e,_start -Wl,-z,noexecstack

# name, compiler, debian arch (unused since zlib is built from source),
# state suffix, flags (@ = space)
ARM_RUNNER_FLAVOURS := \
    armhf:arm-linux-gnueabihf-gcc:armhf:a32:-marm@-march=armv7-a@-mfpu=vfpv3-d16@-mfloat-abi=hard@-mgeneral-regs-only \
    aarch64:aarch64-linux-gnu-gcc:arm64:a64:-march=armv8-a@-mgeneral-regs-only

arm_flav = $(word $(2),$(subst :, ,$(1)))

# $(1) name, $(2) compiler, $(3) debian arch, $(4) a32/a64, $(5) flags
define arm_runner
ifneq ($$(shell command -v $(2) 2>/dev/null),)
RUNNERS += $(BUILD)/risu-$(1)
RUNNER_OBJS_$(1) := $$(ARM_RUNNER_C:%.c=$(BUILD)/$(1)/%.o) \
    $(BUILD)/$(1)/arch/arm/capture-$(4).o \
    $$(ARM_START_C_$(4):%.c=$(BUILD)/$(1)/%.o) \
    $$(TRACE_SRCS:%.c=$(BUILD)/$(1)/%.o) \
    $(BUILD)/$(1)/arch/arm/start-$(4).S.o \
    $(BUILD)/$(1)/arch/arm/capture-$(4).S.o
$$(eval $$(call target_zlib,$(1),$(2),$(5) $$(ARM_TARGET_CFLAGS)))
$(BUILD)/$(1)/%.o: %.c $(ZLIB_STATE)
	@mkdir -p $$(dir $$@)
	$(2) $(5) $$(ARM_TARGET_CFLAGS) $$(ZLIB_RUNNER_CFLAGS) \
	    -DRISU_VARIANT='"$(1)"' -c -o $$@ $$<
$(BUILD)/$(1)/%.S.o: %.S
	@mkdir -p $$(dir $$@)
	$(2) $(5) $$(ARM_TARGET_CFLAGS) -c -o $$@ $$<
# -mgeneral-regs-only already keeps FP/SIMD out of C; the check keeps it so.
$(BUILD)/risu-$(1): $$(RUNNER_OBJS_$(1)) $$(ZLIB_LIB_$(1)) \
	    tools/check-nofp.sh
	tools/check-nofp.sh $(2:-gcc=-objdump) \
	    $$(filter-out %.S.o,$$(RUNNER_OBJS_$(1))) $$(ZLIB_OBJS_$(1))
	$(2) $(5) $$(ARM_TARGET_LDFLAGS) -o $$@ $$(RUNNER_OBJS_$(1)) \
	    $$(ZLIB_LIB_$(1)) -lgcc
-include $$(RUNNER_OBJS_$(1):.o=.d)
endif
endef

$(foreach f,$(ARM_RUNNER_FLAVOURS),$(eval $(call arm_runner,$(call arm_flav,$(f),1),$(call arm_flav,$(f),2),$(call arm_flav,$(f),3),$(call arm_flav,$(f),4),$(subst @, ,$(call arm_flav,$(f),5)))))

.PHONY: runners
runners: $(RUNNERS)
