/*
 * Stand-in for the flavour table that make generates from
 * arch/<family>/flavours.mk (see arch/flavour.h); same rows as the
 * runner rules build today.
 */
#include <string.h>

#include "arch/flavour.h"

const ArchFlavour arch_flavours[] = {
    { "mipsel", "mips", "mipsel-linux-gnu-gcc", "-march=mips32 -mfp32", "", "" },
    { "mipsel-fp64", "mips", "mipsel-linux-gnu-gcc", "-march=mips32r2 -mfp64", "", "" },
    { "mipsel-fp64-nan2008", "mips", "mipsel-linux-gnu-gcc",
      "-march=mips32r2 -mfp64 -mnan=2008", "", "" },
    { "mips", "mips", "mips-linux-gnu-gcc", "-march=mips32 -mfp32", "", "" },
    { "mips-fp64", "mips", "mips-linux-gnu-gcc", "-march=mips32r2 -mfp64", "", "" },
    { "mips-fp64-nan2008", "mips", "mips-linux-gnu-gcc",
      "-march=mips32r2 -mfp64 -mnan=2008", "", "" },
    { "mips64el", "mips", "mips64el-linux-gnuabi64-gcc", "-march=mips3 -mabi=64", "", "" },
    { "mips64", "mips", "mips64el-linux-gnuabi64-gcc -EB", "-march=mips3 -mabi=64", "", "" },
    { "mipsisa32r6el", "mips", "mipsisa32r6el-linux-gnu-gcc", "-march=mips32r6", "", "" },
    { "mipsisa64r6el", "mips", "mipsisa64r6el-linux-gnuabi64-gcc",
      "-march=mips64r6 -mabi=64", "", "" },
    { "armhf", "arm", "arm-linux-gnueabihf-gcc", "-marm -march=armv7-a -mfloat-abi=hard",
      "-mfpu=vfpv3-d16 -mgeneral-regs-only", "-mfpu=neon" },
    { "aarch64", "arm", "aarch64-linux-gnu-gcc", "-march=armv8-a",
      "-mgeneral-regs-only", "" },
    { NULL, NULL, NULL, NULL, NULL, NULL },
};

const ArchFlavour *arch_flavour_find(const char *name)
{
    for (const ArchFlavour *f = arch_flavours; f->name; f++) {
        if (!strcmp(f->name, name)) {
            return f;
        }
    }
    return NULL;
}
