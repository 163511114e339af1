# SPDX-License-Identifier: GPL-2.0-or-later
# MIPS: generator hooks and the register tables the host tools share.
ARCH_GEN_SRCS += arch/mips/gen.c
ARCH_HOST_SRCS += arch/mips/arch.c
ARCH_HOST_SRCS += arch/mips/host.c arch/mips/repro.c

# Runner (runner/rules.mk): capture and start-up for every MIPS flavour.
# No $gp and no abicalls: the runner is static and position-dependent.
RUNNER_C_mips = arch/mips/rt.c arch/mips/arch.c arch/mips/capture.c
RUNNER_S_mips = arch/mips/start.S arch/mips/capture.S
RUNNER_CFLAGS_mips := -mno-abicalls -G0
RUNNER_LIBS_mips :=
# The no-FP check on the runner's C (tools/check-nofp.sh): no $$fN or
# $$wN (MSA) operand, and none of the FP/MSA control and move
# instructions, in any flavour (they are hard-float: only this check
# keeps the C off the FPU).
RUNNER_NOFP_COMMENT_mips := \#
RUNNER_NOFP_RE_mips := \$$f[0-9]|\$$w[0-9]|^(cfc1|ctc1|mfc1|mtc1|dmfc1|dmtc1|mfhc1|mthc1|cfcmsa|ctcmsa)( |$$)
