/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The line risugen prints after writing an image: what it wrote and the
 * runner (and qemu-user program) that runs it, from the arch registry,
 * so a user never has to map --arch names to runner flavours by hand.
 */
#include <setjmp.h>
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

/* The runner flavour that runs images made for target T, or NULL. */
static const char *runner_flavour(const GenTarget *t)
{
    const ArchEntry *e = arch_find(t->arch->name);

    if (!e || !e->host || !e->host->flavour) {
        return NULL;
    }
    char *feat = gen_feature_string(t);
    bool fr1 = e->host->fr1_always || has_feature(feat, "fr1");
    const char *fl = e->host->flavour(fr1, has_feature(feat, "nan2008"));
    free(feat);
    return fl;
}

void gen_print_summary(const GenTarget *t, const GenOpts *o, FILE *f)
{
    const ArchEntry *e = arch_find(t->arch->name);
    const char *out = strcmp(o->out, "-") ? o->out : "standard output";
    const char *fl = runner_flavour(t);

    fprintf(f, "risugen: wrote %s: %llu insns, arch %s", out,
            (unsigned long long)o->numinsns, t->arch->name);
    if (fl) {
        fprintf(f, " -> run with risu-%s", fl);
        if (e->host->qemu_user) {
            fprintf(f, " under %s%s%s", e->host->qemu_user,
                    t->cpu ? " -cpu " : "", t->cpu ? t->cpu->name : "");
        }
    } else if (e && e->host && !e->host->flavour) {
        fputs(" (no runner is built for this arch: no toolchain; run it "
              "with your own build of the runner)", f);
    }
    fputc('\n', f);
}

/*
 * The flavour for --arch ARCH --cpu CPU, or NULL when risugen refuses
 * the pair (a 32-bit CPU for a 64-bit arch, an R6 CPU for a pre-R6
 * arch...): those pairs have no runner, so the table leaves them out.
 */
static const char *pair_flavour(const char *arch, const char *cpu)
{
    GenOpts o = { .arch = arch, .cpu = cpu };
    GenTarget t;
    GenTrap trap;

    if (setjmp(trap.jb)) {
        return NULL;
    }
    gen_trap_set(&trap);
    gen_target_setup(&t, &o);
    gen_trap_clear();
    return runner_flavour(&t);
}

/*
 * risugen --list-runners: a Markdown table, one row per arch and runner
 * flavour with the CPU models it serves (README's table is this output,
 * and tests/readme checks that it is current).
 */
void gen_print_runners(FILE *f)
{
    fputs("| `--arch` | `--cpu` models | runner | under |\n"
          "|---|---|---|---|\n", f);
    for (const ArchEntry *e = arch_table; e->name; e++) {
        const GenArch *a = e->gen;
        if (!a || !e->host || !e->host->flavour) {
            continue;
        }
        const char **fl = xcalloc((size_t)a->ncpus + 1, sizeof(*fl));
        for (int i = 0; i < a->ncpus; i++) {
            fl[i] = pair_flavour(e->name, a->cpus[i].name);
        }
        for (int i = 0; i < a->ncpus; i++) {
            if (!fl[i]) {
                continue;
            }
            const char *row = fl[i];
            fprintf(f, "| %s |", e->name);
            for (int j = i; j < a->ncpus; j++) {
                if (fl[j] && !strcmp(fl[j], row)) {
                    fprintf(f, " %s", a->cpus[j].name);
                    fl[j] = j == i ? fl[j] : NULL;
                }
            }
            fprintf(f, " | `risu-%s` | `%s` |\n", row,
                    e->host->qemu_user ? e->host->qemu_user : "-");
        }
        free(fl);
    }
}
