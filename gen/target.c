/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Target resolution: --arch, then --cpu preset (or the arch default),
 * then --features, then the arch's own implication and consistency
 * rules (finish_features).
 */
#include <stdlib.h>
#include <string.h>

#include "arch/archtab.h"
#include "gen/gen.h"

int gen_feature_lookup(const GenArch *a, const char *name, bool *neg)
{
    bool n = false;
    if (*name == '!') {
        n = true;
        name++;
    }
    if (neg) {
        *neg = n;
    }
    for (int i = 0; i < a->nfeatures; i++) {
        if (!strcmp(a->features[i].name, name)) {
            return i;
        }
    }
    return -1;
}

static const char **feature_names(const GenArch *a)
{
    const char **v = xcalloc((size_t)a->nfeatures + 1, sizeof(*v));
    for (int i = 0; i < a->nfeatures; i++) {
        v[i] = a->features[i].name;
    }
    return v;
}

static GenFeatures parse_list(const GenArch *a, const char *list,
                              const char *what, GenFeatures *del)
{
    GenFeatures add = 0, seen_add = 0, seen_del = 0;
    char *copy = xstrdup(list), *save = NULL;
    for (char *t = strtok_r(copy, ", ", &save); t;
         t = strtok_r(NULL, ", ", &save)) {
        bool remove = false;
        if (!strncmp(t, "no-", 3) && gen_feature_lookup(a, t, NULL) < 0) {
            remove = true;
            t += 3;
        } else if (*t == '-') {
            remove = true;
            t++;
        } else if (*t == '+') {
            t++;
        }
        int i = gen_feature_lookup(a, t, NULL);
        if (i < 0 || *t == '!') {
            const char **names = feature_names(a);
            StrBuf b = { 0 };
            gen_fatal("%s: unknown %s feature '%s'%s", what, a->family, t,
                      suggest_names(&b, t, names, (size_t)a->nfeatures));
        }
        /* "msa,no-msa" asks for both: say so rather than pick one. */
        if (del && ((remove ? seen_add : seen_del) & GEN_FEAT(i))) {
            gen_fatal("%s: feature '%s' is both added and removed", what, t);
        }
        *(remove ? &seen_del : &seen_add) |= GEN_FEAT(i);
        if (remove) {
            if (del) {
                *del |= GEN_FEAT(i);
            }
            add &= ~GEN_FEAT(i);
        } else {
            add |= GEN_FEAT(i);
            if (del) {
                *del &= ~GEN_FEAT(i);
            }
        }
    }
    free(copy);
    return add;
}

static void print_cpus(const GenArch *a)
{
    printf("CPU models for --arch %s:\n", a->name);
    for (int i = 0; i < a->ncpus; i++) {
        const GenCpu *c = &a->cpus[i];
        if (c->bits == 32 && a->is64) {
            continue;
        }
        printf("  %-18s %s\n", c->name, c->features);
    }
}

const GenArch *gen_arch_find(const char *name)
{
    const ArchEntry *e = arch_find(name);

    return e ? e->gen : NULL;
}

void gen_target_setup(GenTarget *t, const GenOpts *o)
{
    const GenArch *a = gen_arch_find(o->arch);
    memset(t, 0, sizeof(*t));
    if (!a) {
        size_t n = 0;
        while (arch_table[n].name) {
            n++;
        }
        const char **names = xcalloc(n, sizeof(*names));
        for (size_t i = 0; i < n; i++) {
            names[i] = arch_table[i].name;
        }
        StrBuf b = { 0 };
        gen_fatal("unknown arch '%s'%s", o->arch,
                  suggest_names(&b, o->arch, names, n));
    }
    t->arch = a;

    if (o->cpu) {
        if (!strcmp(o->cpu, "help") || !strcmp(o->cpu, "list")) {
            print_cpus(a);
            exit(0);
        }
        for (int i = 0; i < a->ncpus; i++) {
            if (!ascii_strcasecmp(a->cpus[i].name, o->cpu)) {
                t->cpu = &a->cpus[i];
                break;
            }
        }
        if (!t->cpu) {
            const char **names = xcalloc((size_t)a->ncpus, sizeof(*names));
            for (int i = 0; i < a->ncpus; i++) {
                names[i] = a->cpus[i].name;
            }
            StrBuf b = { 0 };
            gen_fatal("unknown CPU model '%s' for --arch %s%s", o->cpu,
                      a->name, suggest_names(&b, o->cpu, names,
                                           (size_t)a->ncpus));
        }
        if (t->cpu->bits == 32 && a->is64) {
            gen_fatal("CPU model %s is 32-bit: it cannot run --arch %s",
                      t->cpu->name, a->name);
        }
        t->features = parse_list(a, t->cpu->features, "cpus.def", NULL);
    } else {
        t->features = parse_list(a, a->default_features, "default", NULL);
    }
    if (o->features) {
        t->user_add = parse_list(a, o->features, "--features", &t->user_del);
        t->features = (t->features | t->user_add) & ~t->user_del;
    }
    if (a->finish_features) {
        const char *err = a->finish_features(t);
        if (err) {
            gen_fatal("%s", err);
        }
    }
}

char *gen_feature_string(const GenTarget *t)
{
    StrBuf b = { 0 };
    for (int i = 0; i < t->arch->nfeatures; i++) {
        if (gen_has(t, i)) {
            sb_printf(&b, "%s%s", b.len ? "," : "", t->arch->features[i].name);
        }
    }
    if (!b.s) {
        sb_puts(&b, "");
    }
    return b.s;
}
