/*
 * risugen: random instruction sequences from decodetree pattern files.
 *
 * The image is written to a temporary file in the output's directory and
 * renamed into place only when complete, so an error never leaves a
 * partial image behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gen/gen.h"

static char *tmp_path;

static void remove_tmp(void)
{
    if (tmp_path) {
        unlink(tmp_path);
        free(tmp_path);
        tmp_path = NULL;
    }
}

static int open_output(const char *out)
{
    struct stat st;
    if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
        gen_fatal("output %s is a directory", out);
    }
    char *copy = xstrdup(out);
    char *dir = dirname(copy);
    tmp_path = xasprintf("%s/.%s.XXXXXX", dir,
                         strrchr(out, '/') ? strrchr(out, '/') + 1 : out);
    free(copy);
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        int e = errno;
        free(tmp_path);
        tmp_path = NULL;
        gen_fatal("cannot write output %s: %s", out, strerror(e));
    }
    gen_set_cleanup(remove_tmp);
    /* mkstemp makes 0600; an image is an ordinary file. */
    mode_t um = umask(0);
    umask(um);
    if (fchmod(fd, 0666 & ~um)) {
        gen_fatal_status(1, "chmod %s: %s", tmp_path, strerror(errno));
    }
    return fd;
}

static void commit_output(const char *out)
{
    if (rename(tmp_path, out)) {
        gen_fatal("cannot write output %s: %s", out, strerror(errno));
    }
    free(tmp_path);
    tmp_path = NULL;
    gen_set_cleanup(NULL);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
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
    gen_probe_patterns(&ps, &t, &o);
    if (o.list) {
        gen_print_list(&ps, stdout);
        gen_free_patterns(&ps);
        gen_free_opts(&o);
        return 0;
    }

    gen_ctx_init(&g, &o, &ps, &t);
    if (o.verify) {
        gen_verifier = gen_verify_new(&t, &ps);
    }
    int fd = -1;
    FILE *out = NULL;
    if (o.dry_run) {
        g.dry = stdout;
    } else {
        fd = open_output(o.out);
        g.table = tmpfile();
        if (!g.table) {
            gen_fatal_status(1, "tmpfile: %s", strerror(errno));
        }
        if (o.format == GEN_FMT_RAW) {
            out = fdopen(fd, "wb");
            if (!out) {
                gen_fatal_status(1, "fdopen: %s", strerror(errno));
            }
            g.code = out;
        } else {
            g.code = tmpfile();
            if (!g.code) {
                gen_fatal_status(1, "tmpfile: %s", strerror(errno));
            }
        }
    }

    double t1 = now();
    gen_sequence(&g);
    if (!o.dry_run) {
        if (o.format == GEN_FMT_RAW) {
            gen_finish_raw(&g, out);
            if (fclose(out)) {
                gen_fatal_status(1, "writing %s: %s", o.out, strerror(errno));
            }
        } else {
            gen_finish_elf(&g, g.code, fd);
            fclose(g.code);
            if (close(fd)) {
                gen_fatal_status(1, "writing %s: %s", o.out, strerror(errno));
            }
        }
        fclose(g.table);
    }
    double t2 = now();

    int status = 0;
    if (gen_verifier && gen_verify_finish(gen_verifier, stdout)) {
        status = 1;
    }
    if (!o.dry_run) {
        commit_output(o.out);
    }
    if (o.stats) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        double dt = t2 - t1;
        double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                     (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
        fprintf(stderr,
                "risugen: %llu insns (%llu undef), %llu bytes; generate "
                "%.3f s wall = %.0f insns/s; total CPU %.3f s = %.0f "
                "insns/s; setup %.3f s; peak RSS %ld KiB\n",
                (unsigned long long)o.numinsns,
                (unsigned long long)g.nundef, (unsigned long long)g.off, dt,
                dt > 0 ? (double)o.numinsns / dt : 0.0, cpu,
                cpu > 0 ? (double)o.numinsns / cpu : 0.0, t1 - t0,
                ru.ru_maxrss);
    }
    free(g.buf);
    free(g.syms);
    free(g.maps);
    gen_free_patterns(&ps);
    gen_free_opts(&o);
    return status;
}
