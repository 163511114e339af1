/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risugen: random instruction sequences from decodetree pattern files.
 *
 * gen/output.c decides how the image reaches its destination; this file
 * runs the phases in order.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gen/gen.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

int main(int argc, char **argv)
{
    GenOpts o;
    GenTarget t;
    GenPatterns ps;
    GenCtx g;
    double t0 = now();

    xalloc_set_failure(gen_out_of_memory);
    gen_parse_args(&o, argc, argv);
    gen_target_setup(&t, &o);
    gen_load_patterns(&ps, &t, &o);
    gen_select_patterns(&ps, &t, &o);
    gen_check_mem_sizes(&ps, &o);
    gen_probe_patterns(&ps, &t, &o);
    if (o.list) {
        if (o.json) {
            gen_print_list_json(&ps, stdout);
        } else {
            gen_print_list(&ps, stdout);
        }
        gen_free_patterns(&ps);
        gen_free_opts(&o);
        return 0;
    }

    gen_ctx_init(&g, &o, &ps, &t);
    if (o.verify) {
        gen_verifier = gen_verify_new(&t, &ps, o.verify_objdump);
    }
    int fd = -1;
    FILE *out = NULL;
    bool direct = false;
    if (o.dry_run) {
        g.dry = stdout;
    } else {
        fd = gen_output_open(o.out, &direct);
        g.code_limit = gen_output_check_size(&ps, &t, &o, direct);
        g.table = tmpfile();
        if (!g.table) {
            gen_fatal("tmpfile: %s", strerror(errno));
        }
        if (o.format == GEN_FMT_RAW) {
            out = fdopen(fd, "wb");
            if (!out) {
                gen_fatal("fdopen: %s", strerror(errno));
            }
            g.code = out;
            g.code_name = o.out;
        } else {
            g.code = tmpfile();
            g.code_name = "a temporary file";
            if (!g.code) {
                gen_fatal("tmpfile: %s", strerror(errno));
            }
        }
    }

    double t1 = now(), setup_cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    gen_sequence(&g);
    if (!o.dry_run) {
        if (o.format == GEN_FMT_RAW) {
            gen_finish_raw(&g, out);
            if (fclose(out)) {
                gen_fatal("writing %s: %s", o.out, strerror(errno));
            }
        } else {
            gen_finish_elf(&g, g.code, fd, direct);
            fclose(g.code);
            if (close(fd)) {
                gen_fatal("writing %s: %s", o.out, strerror(errno));
            }
        }
        fclose(g.table);
    }
    double t2 = now();

    int status = 0;
    /* With -o - the image is on stdout. */
    FILE *report = o.out && !strcmp(o.out, "-") ? stderr : stdout;
    if (gen_verifier && gen_verify_finish(gen_verifier, report)) {
        status = 1;
    }
    if (!o.dry_run) {
        gen_output_commit(o.out);
        if (!o.quiet) {
            gen_print_summary(&t, &o, stderr);
        }
    }
    if (o.stats) {
        GenStatTimes st = { t1 - t0, setup_cpu, t2 - t1 };
        gen_print_stats(&g, &st, stderr);
    }
    gen_pcrel_free(&g);
    gen_llsc_free(&g);
    gen_edge_free(&g);
    free(g.buf);
    free(g.syms);
    free(g.maps);
    gen_free_patterns(&ps);
    gen_free_opts(&o);
    return status;
}
