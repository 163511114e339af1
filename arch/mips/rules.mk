# MIPS: generator hooks and the register tables the host tools share.
ARCH_GEN_SRCS += arch/mips/gen.c
ARCH_HOST_SRCS += arch/mips/arch.c
ARCH_HOST_SRCS += arch/mips/host.c arch/mips/repro.c
