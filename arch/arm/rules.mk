# ARM (A32, T32, A64): generator hooks and the host-side register tables.
ARCH_GEN_SRCS += arch/arm/gen.c
ARCH_HOST_SRCS += arch/arm/arch.c
ARCH_HOST_SRCS += arch/arm/host.c arch/arm/repro.c
