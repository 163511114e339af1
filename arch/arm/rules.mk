# SPDX-License-Identifier: GPL-2.0-or-later
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
# The no-FP check on the runner's C (tools/check-nofp.sh): objdump's
# comment leader and what VFP/Neon (A32, T32) or FP/SIMD/SVE (A64)
# operands and instructions look like, per state.  The C is compiled
# -mgeneral-regs-only; this keeps it so.  A64 operands are b/h/s/d/q/v/z
# registers and SVE predicates "pN/", and the FP control registers.
ARM_NOFP_COMMENT_a32 := @
ARM_NOFP_RE_a32 := ^v|(^|[ ,{])[sdq][0-9]+([ ,}-]|$$)|fpscr|fpexc
ARM_NOFP_COMMENT_a64 := //
ARM_NOFP_RE_a64 := (^|[ ,[{])([bhsdqvz][0-9]+([. ,}]|$$)|p[0-9]+/)|^(fmov|fcvt|scvtf|ucvtf|movi) |(fpcr|fpsr|zcr_el1)
RUNNER_NOFP_COMMENT_arm = $(ARM_NOFP_COMMENT_$(call arm_state,$(1)))
RUNNER_NOFP_RE_arm = $(ARM_NOFP_RE_$(call arm_state,$(1)))
