/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risugen --stats: speed, memory and what the sequence holds, as text
 * lines or (--json) one JSON object, both on stderr so that -o - keeps
 * stdout for the image.
 */
#include <sys/resource.h>

#include "gen/gen.h"
#include "tools/lib/json.h"

static double ratio(double n, double d)
{
    return d > 0 ? n / d : 0.0;
}

static void stats_text(GenCtx *g, const GenStatTimes *st, double cpu,
                       long rss, FILE *f)
{
    const GenOpts *o = g->opts;
    double dt = st->gen_wall;

    fprintf(f, "risugen: %llu insns (%llu edge), %llu bytes; generate "
            "%.3f s wall = %.0f insns/s; total CPU %.3f s = %.0f "
            "insns/s; setup %.3f s (CPU %.3f s); peak RSS %ld KiB\n",
            (unsigned long long)o->numinsns,
            (unsigned long long)g->nedge, (unsigned long long)g->off, dt,
            ratio((double)o->numinsns, dt), cpu,
            ratio((double)o->numinsns, cpu), st->setup_wall,
            st->setup_cpu, rss);
    for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
        if (o->edge_classes & 1u << k) {
            fprintf(f, "risugen: edge %s: %llu words (%llu draws found "
                    "none)\n", gen_edge_class_names[k],
                    (unsigned long long)g->edge.made[k],
                    (unsigned long long)g->edge.missed[k]);
        }
    }
    gen_pcrel_stats(g, f);
}

static void stats_json(GenCtx *g, const GenStatTimes *st, double cpu,
                       long rss, FILE *f)
{
    const GenOpts *o = g->opts;
    JsonW j;

    json_init(&j, f, false);
    json_obj(&j);
    json_kuint(&j, "insns", o->numinsns);
    json_kuint(&j, "edge_insns", g->nedge);
    json_kuint(&j, "bytes", g->off);
    json_key(&j, "generate_wall_s");
    json_double(&j, st->gen_wall);
    json_key(&j, "generate_insns_per_s");
    json_double(&j, ratio((double)o->numinsns, st->gen_wall));
    json_key(&j, "cpu_s");
    json_double(&j, cpu);
    json_key(&j, "setup_wall_s");
    json_double(&j, st->setup_wall);
    json_key(&j, "setup_cpu_s");
    json_double(&j, st->setup_cpu);
    json_kint(&j, "peak_rss_kib", rss);
    json_key(&j, "edge");
    json_obj(&j);
    for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
        if (o->edge_classes & 1u << k) {
            json_key(&j, gen_edge_class_names[k]);
            json_obj(&j);
            json_kuint(&j, "words", g->edge.made[k]);
            json_kuint(&j, "missed_draws", g->edge.missed[k]);
            json_obj_end(&j);
        }
    }
    json_obj_end(&j);
    gen_pcrel_stats_json(g, &j);
    json_obj_end(&j);
    json_end(&j);
}

void gen_print_stats(GenCtx *g, const GenStatTimes *st, FILE *f)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                 (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
    if (g->opts->json) {
        stats_json(g, st, cpu, ru.ru_maxrss, f);
    } else {
        stats_text(g, st, cpu, ru.ru_maxrss, f);
    }
}
