# ARM (A32, T32, A64): generator hooks and the host-side register tables.
ARCH_GEN_SRCS += arch/arm/gen.c
ARCH_HOST_SRCS += arch/arm/arch.c
ARCH_HOST_SRCS += arch/arm/host.c arch/arm/repro.c

# Runner (runner/rules.mk): each flavour runs one state, A32 (armhf, which
# also runs Thumb images) or A64, told by its compiler.  A state may add
# C to the start-up (start-a32.c: raise() for libgcc's EABI division
# helpers); libgcc (division, cache flush) is the one library linked.
arm_state = $(if $(filter aarch64-%,$(FLAV_CC_$(1))),a64,a32)
RUNNER_C_arm = arch/arm/rt.c arch/arm/arch.c arch/arm/capture.c \
    arch/arm/capture-$(call arm_state,$(1)).c \
    $(wildcard arch/arm/start-$(call arm_state,$(1)).c)
RUNNER_S_arm = arch/arm/start-$(call arm_state,$(1)).S \
    arch/arm/capture-$(call arm_state,$(1)).S
RUNNER_CFLAGS_arm :=
RUNNER_LIBS_arm := -lgcc
