/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The line risugen prints after writing an image: what it wrote and the
 * runner (and qemu-user program) that runs it, from the arch registry,
 * so a user never has to map --arch names to runner flavours by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "arch/archtab.h"
#include "gen/gen.h"

static bool has_feature(const char *list, const char *name)
{
    size_t n = strlen(name);

    while (*list) {
        size_t k = strcspn(list, ", ");
        if (k == n && !strncmp(list, name, n)) {
            return true;
        }
        list += k;
        list += strspn(list, ", ");
    }
    return false;
}

void gen_print_summary(const GenTarget *t, const GenOpts *o, FILE *f)
{
    const ArchEntry *e = arch_find(t->arch->name);
    const char *out = strcmp(o->out, "-") ? o->out : "standard output";

    fprintf(f, "risugen: wrote %s: %llu insns, arch %s", out,
            (unsigned long long)o->numinsns, t->arch->name);
    if (e && e->host && e->host->flavour) {
        char *feat = gen_feature_string(t);
        const ArchHost *h = e->host;
        bool fr1 = h->fr1_always || has_feature(feat, "fr1");

        fprintf(f, " -> run with risu-%s",
                h->flavour(fr1, has_feature(feat, "nan2008")));
        if (h->qemu_user) {
            fprintf(f, " under %s%s%s", h->qemu_user, t->cpu ? " -cpu " : "",
                    t->cpu ? t->cpu->name : "");
        }
        free(feat);
    }
    fputc('\n', f);
}
