/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where the image goes.  A regular file (or a name not taken yet) is
 * written to a temporary file beside it and renamed into place at the
 * end, so a failed or interrupted run leaves neither a partial image nor
 * the temporary file.  A device, a pipe or "-" (stdout) is written
 * directly: renaming over /dev/null would replace the device with a
 * regular file.  Anything else (a directory, a socket) is refused.
 *
 * Sizes are checked before generating: a lower bound of the image size
 * (size_bound) against the format's limits, the runners' RISU_IMAGE_MAX
 * and the free space of the output's file system.  What it lets through
 * is caught while generating (gen_flush) and before the image is
 * committed (gen_finish_raw).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "gen/gen.h"
#include "format/image.h"

/* Fixed before a signal can arrive; the handler only reads it. */
static char tmp_name[PATH_MAX];
static volatile sig_atomic_t tmp_live;
static char *final_path;        /* rename target, symlinks resolved */
static const int cleanup_sigs[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGS (sizeof(cleanup_sigs) / sizeof(cleanup_sigs[0]))

static void remove_tmp(void)
{
    if (tmp_live) {
        tmp_live = 0;
        unlink(tmp_name);
    }
}

static void on_signal(int sig)
{
    if (tmp_live) {
        unlink(tmp_name);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void block_signals(int how, sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < NSIGS; i++) {
        sigaddset(&set, cleanup_sigs[i]);
    }
    sigprocmask(how, &set, old);
}

/* Signals a shell left ignored (background jobs) stay ignored. */
static void catch_signals(void)
{
    struct sigaction sa = { 0 }, old;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NSIGS; i++) {
        sigaddset(&sa.sa_mask, cleanup_sigs[i]);
    }
    for (size_t i = 0; i < NSIGS; i++) {
        if (sigaction(cleanup_sigs[i], NULL, &old) == 0 &&
            old.sa_handler != SIG_IGN) {
            sigaction(cleanup_sigs[i], &sa, NULL);
        }
    }
}

static const char *file_kind(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISSOCK(m) ? "a socket" :
           "not a regular file, device or pipe";
}

static int open_direct(const char *out)
{
    if (!strcmp(out, "-")) {
        return STDOUT_FILENO;
    }
    int fd = open(out, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        gen_fatal("cannot write output %s: %s", out, strerror(errno));
    }
    return fd;
}

static int open_temp(const char *out)
{
    /* Rename over what a symlink points to, not over the link. */
    final_path = realpath(out, NULL);
    if (!final_path) {
        final_path = xstrdup(out);
    }
    char *copy = xstrdup(final_path);
    char *base = strrchr(final_path, '/');
    int n = snprintf(tmp_name, sizeof(tmp_name), "%s/.%s.XXXXXX",
                     dirname(copy), base ? base + 1 : final_path);
    free(copy);
    if (n < 0 || (size_t)n >= sizeof(tmp_name)) {
        gen_fatal("cannot write output %s: %s", out, strerror(ENAMETOOLONG));
    }
    sigset_t old;
    block_signals(SIG_BLOCK, &old);
    int fd = mkstemp(tmp_name);
    int e = errno;
    if (fd >= 0) {
        tmp_live = 1;
        gen_set_cleanup(remove_tmp);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        gen_fatal("cannot write output %s: %s", out, strerror(e));
    }
    /* mkstemp makes 0600; an image is an ordinary file. */
    mode_t um = umask(0);
    umask(um);
    if (fchmod(fd, 0666 & ~um)) {
        gen_fatal("chmod %s: %s", tmp_name, strerror(errno));
    }
    return fd;
}

int gen_output_open(const char *out, bool *direct)
{
    struct stat st;
    catch_signals();
    *direct = !strcmp(out, "-");
    if (*direct) {
        return open_direct(out);
    }
    if (stat(out, &st) == 0) {
        if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
            S_ISFIFO(st.st_mode)) {
            *direct = true;
            return open_direct(out);
        }
        if (!S_ISREG(st.st_mode)) {
            gen_fatal("output %s is %s; refusing to replace it", out,
                      file_kind(st.st_mode));
        }
    } else if (errno != ENOENT) {
        gen_fatal("cannot write output %s: %s", out, strerror(errno));
    }
    return open_temp(out);
}

void gen_output_commit(const char *out)
{
    if (!tmp_live) {
        return;
    }
    if (rename(tmp_name, final_path)) {
        gen_fatal("cannot write output %s: %s", out, strerror(errno));
    }
    tmp_live = 0;
    gen_set_cleanup(NULL);
    free(final_path);
    final_path = NULL;
}

/* Sum of the hex digits of the offsets i * step, i < n. */
static uint64_t hex_digits_sum(uint64_t n, uint64_t step)
{
    uint64_t sum = 0, lo = 0;
    for (int d = 1; d < 16 && lo < n; d++) {
        uint64_t hi = (((uint64_t)1 << (4 * d)) - 1) / step + 1;
        hi = hi < n ? hi : n;
        sum += (hi - lo) * (uint64_t)d;
        lo = hi;
    }
    return sum + (n - lo) * 16;
}

typedef struct SizeBound {
    uint64_t code, table, elf_extra;
} SizeBound;

/*
 * Patterns are drawn by weight, so over millions of instructions the
 * image holds their weighted mean size (word, memory set-up op traps) and
 * name length to well within 2%: 98% of the mean is a bound that does
 * not refuse an image that fits (fix-ups, clean-ups, COMPAREMEM and the
 * preamble only add to it).
 */
static SizeBound size_bound(const GenPatterns *ps, const GenTarget *t,
                            const GenOpts *o)
{
    double w = 0, name = 0, total = 0;
    uint64_t n = o->numinsns;
    uint64_t trap = (uint64_t)t->arch->trap_bytes;
    for (size_t i = 0; i < ps->nsel; i++) {
        double k = ps->sel[i]->weight;
        /* A memory access comes with a SETMEM and a MEMOFF op trap. */
        w += k * ((double)ps->sel[i]->width / 8 +
                  (ps->sel[i]->has_mem ? 2.0 * (double)(trap + 8) : 0));
        name += k * (double)strlen(ps->sel[i]->p->name);
        total += k;
    }
    w = total > 0 ? 0.98 * w / total : 0;
    name = total > 0 ? 0.98 * name / total : 0;
    uint64_t step = (uint64_t)w + (o->checkpoint_every == 1 ? trap : 0);
    SizeBound b;
    b.code = (uint64_t)((double)n * w) + n / o->checkpoint_every * trap;
    /* Each table line: offset, space, name, newline. */
    b.table = hex_digits_sum(n, step ? step : 1) +
              (uint64_t)((double)n * (name + 2));
    /* ELF: a symbol and a "NAME.N" string per instruction. */
    b.elf_extra = (uint64_t)((double)n * ((t->arch->is64 ? 24 : 16) +
                                          name + 3));
    return b;
}

static void check_space(const char *out, uint64_t need)
{
    struct statvfs sv;
    char *copy = xstrdup(final_path ? final_path : out);
    const char *dir = dirname(copy);
    if (statvfs(dir, &sv) == 0 &&
        (uint64_t)sv.f_bavail * sv.f_frsize < need) {
        gen_fatal("not enough space for %s: the image needs at least %llu "
                  "bytes, %s has %llu free", out, (unsigned long long)need,
                  dir, (unsigned long long)sv.f_bavail * sv.f_frsize);
    }
    free(copy);
}

uint64_t gen_output_check_size(const GenPatterns *ps, const GenTarget *t,
                               const GenOpts *o, bool direct)
{
    SizeBound b = size_bound(ps, t, o);
    unsigned long long n = (unsigned long long)o->numinsns;
    uint64_t total = b.code + b.table + RISU_META_TRAILER;
    if (o->format == GEN_FMT_RAW && b.code > UINT32_MAX) {
        gen_fatal("-n %llu: the code would be at least %llu bytes, more "
                  "than the raw format's 32-bit code length", n,
                  (unsigned long long)b.code);
    }
    /* One limit for every format: host tools read images up to it too. */
    if (o->format == GEN_FMT_ELF) {
        total += b.elf_extra;
    }
    if (total > RISU_IMAGE_MAX) {
        gen_fatal("-n %llu: the image would be at least %llu bytes, more "
                  "than the %u MiB a runner loads", n,
                  (unsigned long long)total, RISU_IMAGE_MAX >> 20);
    }
    if (!direct) {
        check_space(o->out, total);
    }
    return RISU_IMAGE_MAX;
}
