/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace arch [--json]: the architecture registry as the host tools
 * see it, so scripts (the nightly driver) never keep their own list of
 * architectures, flavours, CPU models or disassembler options.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "arch/flavour.h"
#include "tools/cmds.h"
#include "tools/lib/json.h"
#include "tools/tutil.h"

static void json_names(JsonW *j, const char *key, const char *const *names)
{
    json_key(j, key);
    json_arr(j);
    for (int i = 0; names && names[i]; i++) {
        json_str(j, names[i]);
    }
    json_arr_end(j);
}

static void json_cpus(JsonW *j, const ArchHost *a)
{
    json_key(j, "cpus");
    json_arr(j);
    for (int i = 0; i < a->ncpus; i++) {
        const ArchCpu *c = &a->cpus[i];

        /* A 32-bit-only model cannot run a 64-bit arch's images. */
        if (a->is64 && c->bits == 32) {
            continue;
        }
        json_obj(j);
        json_kstr(j, "name", c->name);
        json_kstr(j, "features", c->features);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void json_objdump(JsonW *j, const ArchHost *a)
{
    json_key(j, "objdump");
    json_obj(j);
    json_kstr(j, "machine", a->objdump_machine);
    json_kstr(j, "options", a->objdump_options);
    json_key(j, "rules");
    json_arr(j);
    for (const ArchObjdumpRule *r = a->objdump_rules; r && r->feature; r++) {
        json_obj(j);
        json_kstr(j, "feature", r->feature);
        json_kstr(j, "machine", r->machine);
        json_kstr(j, "options", r->options);
        json_obj_end(j);
    }
    json_arr_end(j);
    json_obj_end(j);
}

static void json_flavours(JsonW *j, const ArchHost *a)
{
    const char *f[4];
    int n = arch_host_flavours(a, f, 4);

    json_key(j, "flavours");
    json_arr(j);
    for (int i = 0; i < n; i++) {
        json_str(j, f[i]);
    }
    json_arr_end(j);
    if (!a->flavour) {
        /* No runner is built for this arch (no toolchain). */
        json_kstr(j, "default_flavour", NULL);
        return;
    }
    json_kstr(j, "default_flavour", a->flavour(false, false));
    json_key(j, "flavour_for");
    json_obj(j);
    json_kstr(j, "fr1", a->flavour(true, false));
    json_kstr(j, "nan2008", a->flavour(true, true));
    json_obj_end(j);
}

static void json_arch(JsonW *j, const ArchEntry *e)
{
    const ArchHost *a = e->host;

    json_obj(j);
    json_kstr(j, "name", e->name);
    json_kstr(j, "family", a->family);
    json_kstr(j, "endian", a->big_endian ? "big" : "little");
    json_kint(j, "bits", a->is64 ? 64 : 32);
    json_key(j, "insn_sizes");
    json_arr(j);
    json_int(j, a->insn_unit);
    if (a->unit_is_prefix) {
        json_int(j, 2 * a->insn_unit);
    }
    json_arr_end(j);
    json_khex(j, "trap", a->trap_checkpoint, 2 * a->trap_bytes);
    json_khex(j, "optrap", a->trap_op, 2 * a->trap_bytes);
    json_khex(j, "nop", a->nop, 2 * a->nop_bytes);
    json_khex(j, "trace_arch_id", a->trace_arch_id, 8);
    json_kstr(j, "layout", e->regs->name);
    json_kstr(j, "risu_mode", a->risu ? a->risu->name : NULL);
    json_cpus(j, a);
    json_flavours(j, a);
    json_objdump(j, a);
    json_names(j, "capstone_blind", a->cs_blind);
    json_obj_end(j);
}

static void json_all(void)
{
    JsonW j;

    json_init(&j, stdout, true);
    json_obj(&j);
    json_key(&j, "arches");
    json_arr(&j);
    for (const ArchEntry *e = arch_table; e->name; e++) {
        json_arch(&j, e);
    }
    json_arr_end(&j);
    json_key(&j, "flavours");
    json_arr(&j);
    for (const ArchFlavour *f = arch_flavours; f->name; f++) {
        json_obj(&j);
        json_kstr(&j, "name", f->name);
        json_kstr(&j, "family", f->family);
        json_kstr(&j, "cc", f->cc);
        json_kstr(&j, "cflags", f->cflags);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    json_end(&j);
}

static void text_all(void)
{
    for (const ArchEntry *e = arch_table; e->name; e++) {
        const ArchHost *a = e->host;
        const char *f[4];
        int n = arch_host_flavours(a, f, 4);

        printf("%-11s %-5s %-6s %d-bit  insn %d%s  trap 0x%0*x optrap 0x%0*x"
               "  nop 0x%0*x  flavours", e->name, a->family,
               a->big_endian ? "big" : "little", a->is64 ? 64 : 32,
               a->insn_unit, a->unit_is_prefix ? "/4" : "",
               2 * a->trap_bytes, a->trap_checkpoint, 2 * a->trap_bytes,
               a->trap_op, 2 * a->nop_bytes, a->nop);
        for (int i = 0; i < n; i++) {
            printf(" %s%s", f[i], i ? "" : "*");
        }
        printf("  (%d cpus)\n", a->ncpus);
    }
}

int cmd_arch(int argc, char **argv)
{
    static const struct option lo[] = {
        { "json", no_argument, NULL, 'j' },
        { NULL, 0, NULL, 0 },
    };
    bool json = false;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        if (c != 'j') {
            return usage_error("arch");
        }
        json = true;
    }
    if (optind != argc) {
        return usage_error("arch");
    }
    if (json) {
        json_all();
    } else {
        text_all();
    }
    return 0;
}
