/* The architectures risugen knows, in --help order. */
#include <string.h>

#include "gen/arch.h"

extern const GenArch gen_arch_mips, gen_arch_mipsel, gen_arch_mips64,
    gen_arch_mips64el, gen_arch_mipsr6, gen_arch_mipsr6el,
    gen_arch_mips64r6, gen_arch_mips64r6el;
extern const GenArch gen_arch_arm, gen_arch_thumb, gen_arch_aarch64;

const GenArch *const gen_arches[] = {
    &gen_arch_mips, &gen_arch_mipsel, &gen_arch_mips64, &gen_arch_mips64el,
    &gen_arch_mipsr6, &gen_arch_mipsr6el, &gen_arch_mips64r6,
    &gen_arch_mips64r6el,
    &gen_arch_arm, &gen_arch_thumb, &gen_arch_aarch64,
    NULL,
};

const GenArch *gen_arch_find(const char *name)
{
    for (int i = 0; gen_arches[i]; i++) {
        if (!strcmp(gen_arches[i]->name, name)) {
            return gen_arches[i];
        }
    }
    return NULL;
}
