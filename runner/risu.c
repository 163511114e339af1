/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu: the target runner.  Loads an image, runs it under the
 * architecture's signal-based capture, and at each checkpoint records
 * (master/record), or compares against a reference (apprentice/replay).
 *
 *   risu --master [--port P] [--listen ADDR | --unix PATH] IMAGE
 *   risu --host H [--port P] IMAGE      risu --unix PATH IMAGE
 *   risu --master IMAGE -t FILE         risu IMAGE -t FILE
 *   risu [--master] --dev PORT IMAGE    (a virtio-serial port, in a VM)
 *
 * Exit status: 0 match, 1 mismatch (also: the test code left the image,
 * the live peer's process died mid-run), 2 usage, I/O or protocol error.
 */
#include "runner/rt/rt.h"
#include <asm/fcntl.h>
#include <asm/unistd.h>
#include "format/classes.h"
#include "format/image.h"
#include "runner/access.h"
#include "runner/load.h"
#include "runner/memreport.h"
#include "runner/net.h"
#include "runner/progress.h"
#include "runner/run.h"
#include "runner/summary.h"
#include "format/trace.h"

#define RISU_DEFAULT_PORT 9191
#define RISU_MAXDIFF 64
/*
 * Seconds without a checkpoint before the watchdog ends the run.  Under
 * qemu-user a checkpoint interval is microseconds and the time spent in
 * the checkpoint itself (waiting for a peer) does not count, so this only
 * has to exceed a slow board's worst test instruction by a wide margin.
 */
#define RISU_DEFAULT_WATCHDOG 5

enum Mode { MODE_RUN, MODE_RECORD, MODE_REPLAY, MODE_MASTER, MODE_APPRENTICE };

typedef struct Opts {
    int master;
    const char *host;
    const char *listen;
    const char *unix_path;
    const char *dev;
    unsigned port;
    const char *trace;
    int keep_going;
    int timeout_s;
    int dump;
    int info;
    int ticker;             /* --stderr-progress */
    int json;               /* --json: a JSON summary at exit */
    int no_compress;
    int compress;           /* --compress: zlib on a live stream too */
    int all_state;          /* --all-state: ignore the image's classes */
    int watchdog_s;
    const char *progress;
    const char *peer_progress;
    const char *image;
} Opts;

RisuRun risu_run;

static Opts opt;
static enum Mode mode;
static RisuImage img;
static RisuTraceHeader hdr;
static RisuTraceWriter *writer;
static RisuTraceReader *reader;
static RisuConn conn = { .fd = -1, .timeout_ms = 10000 };
static RisuIO raw_io;       /* hello and verdict */
static RisuIO io;           /* the trace stream, through the tap */
static RisuLiveTap tap;     /* hashes the stream for the verdict */
static RisuState ref;
static char ref_who[96];    /* the reference's "on WHO", for reports */
static uint64_t ncp;        /* checkpoints seen */
static uint64_t ndiverge;   /* mismatching checkpoints */
static int ended_early;     /* reference ended before us */
static const RisuState *last_cp; /* the arch's state at the last checkpoint */
static int stream_out;      /* recording to a pipe: keep the reader fed */
static struct {
    int active;
    uint64_t k;
    int slot;
    unsigned bit;
    const char *name;
    int set_si_code;      /* K:si_code:V sets si_code to V instead */
    int32_t si_code;
    uintptr_t fault;      /* K:fault:ADDR reads ADDR in the handler */
    int mem;              /* K:mem:OFF flips block byte OFF; 2 (memlie):
                             only in the block recorded, not the hash */
    uint32_t mem_off;
    int mem_done;
    uint32_t pool;        /* K:pool:N rotates a literal pool by N bytes */
    int pool_done;
} inject;
static uint32_t last_cmp_off;  /* the reference's last COMPAREMEM */
/* The image's state classes (format/state.h), when it declares them. */
static int img_has_classes;
static uint32_t img_classes;
static RisuSpans img_spans;


_Noreturn void risu_fatal(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = rt_vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 2) {
        n = sizeof(buf) - 2;
    }
    memcpy(risu_summary.error, buf, (size_t)n < sizeof(risu_summary.error) ?
           (size_t)n : sizeof(risu_summary.error) - 1);
    buf[n++] = '\n';
    rt_write_all(2, "risu: ", 6);
    rt_write_all(2, buf, n);
    rt_exit(2);
}

/* Is `off` the join of the branch at insn_off or owning it?  *res: it. */
static int branch_join(const RisuImage *img, uint32_t insn_off, uint32_t off,
                       uint32_t *res)
{
    uint32_t b = insn_off, join;

    (void)risu_image_insn_slot(img, insn_off, &b);
    if (risu_image_insn_join(img, b, &join) && join == off) {
        *res = b;
        return 1;
    }
    return 0;
}

uint32_t risu_insn_off16(const RisuRun *run, uint32_t off, uint32_t trap_op,
                         uint32_t (*hw)(uint32_t o),
                         int (*wide)(uint32_t hw))
{
    for (int h = 0; h < 4 && off >= 12 && off <= run->code_len; h++) {
        if (hw(off - 10) != trap_op) {
            break;
        }
        off -= 10;
    }
    if (off >= 4 && risu_image_pattern(run->img, off - 4)) {
        return off - 4;
    }
    if (off >= 2 && risu_image_pattern(run->img, off - 2)) {
        return off - 2;
    }
    if (off >= 4 && wide(hw(off - 4))) {
        return off - 4;
    }
    return off >= 2 ? off - 2 : 0;
}

int risu_meta_insn_off(const RisuRun *run, uint32_t off, uint32_t unit,
                       int (*trap_at)(uint32_t o), uint32_t optrap_len,
                       uint32_t *res)
{
    const RisuImage *img = run->img;
    uint32_t lo, o, d0;
    int32_t imm;

    if (!img || !img->insn_sorted || off > run->code_len) {
        return 0;
    }
    lo = risu_image_lower_bound(img, off);
    if (lo == 0) {
        return 0;
    }
    /* A branch's join checkpoint stands for the branch (gen/branch.c). */
    if (branch_join(img, img->insn_off[lo - 1], off, res)) {
        return 1;
    }
    for (o = img->insn_off[lo - 1] + unit; o < off;) {
        int t = trap_at(o);

        if (t == 1) {
            return 0;   /* it belongs to an earlier checkpoint */
        }
        if (t != 2 || o + optrap_len > off) {
            o += unit;
            continue;
        }
        memcpy(&d0, run->image + o + optrap_len - 8, 4);
        memcpy(&imm, run->image + o + optrap_len - 4, 4);
        o += optrap_len;
        if ((d0 & 0xff) == RISU_OP_SKIP && imm > 0 &&
            (uint32_t)imm <= off - o) {
            o += (uint32_t)imm;
        }
    }
    *res = img->insn_off[lo - 1];
    return 1;
}

static void rotate(uint8_t *p, uint32_t n, uint32_t by)
{
    for (uint32_t k = 0; k < by; k++) {
        uint8_t first = p[0];

        memmove(p, p + 1, n - 1);
        p[n - 1] = first;
    }
}

uint32_t risu_skip_len(uint32_t off, uint32_t trap_len, int32_t imm,
                       uint32_t unit)
{
    uint32_t end = off + trap_len;

    if (imm < 0 || (uint32_t)imm % unit) {
        risu_fatal("OPTRAP SKIP at image offset 0x%x: %d data bytes is not "
                   "a non-negative multiple of %u", off, imm, unit);
    }
    if ((uint32_t)imm > risu_run.code_len - end) {
        risu_fatal("OPTRAP SKIP at image offset 0x%x: %d data bytes run "
                   "past the code (0x%x bytes)", off, imm,
                   risu_run.code_len);
    }
    if (inject.pool && !inject.pool_done && ncp > inject.k &&
        (uint32_t)imm > inject.pool) {
        rotate(risu_run.image + end, (uint32_t)imm, inject.pool);
        inject.pool_done = 1;
    }
    return trap_len + (uint32_t)imm;
}

static void print_line(void *opaque, const char *line)
{
    int fd = (int)(intptr_t)opaque;

    rt_write_all(fd, line, strlen(line));
    rt_write_all(fd, "\n", 1);
}

#define RISU_STR_(x) #x
#define RISU_STR(x) RISU_STR_(x)

/*
 * One whole-string write: rt_dprintf formats into a bounded buffer, and
 * this text is longer than it.
 */
static const char usage_text[] =
"usage: risu [options] IMAGE\n"
"  --master              reference side: listen for an apprentice, or with\n"
"                        -t record a trace\n"
"  --host H              apprentice: connect to the master at H (numeric\n"
"                        IPv4/IPv6 address or localhost)\n"
"  --port P              TCP port (default " RISU_STR(RISU_DEFAULT_PORT) ")\n"
"  --listen ADDR         master: listen address (default 127.0.0.1; :: or\n"
"                        0.0.0.0 for every interface)\n"
"  --unix PATH           use a Unix socket instead of TCP\n"
"  --dev PATH            use a virtio-serial port (in a VM; its host end is\n"
"                        a Unix socket) instead of a socket\n"
"  -t, --trace FILE      master: record FILE; otherwise replay FILE and\n"
"                        compare ('-' = stdout/stdin)\n"
"  --keep-going          on a mismatch adopt the reference state, continue\n"
"                        and report every divergence\n"
"  --timeout S           give up on a silent peer after S seconds, and on a\n"
"                        handshake or verdict not complete by then (10)\n"
"  --watchdog S          a divergence when no checkpoint comes for S seconds\n"
"                        (a test instruction loops); 0 = off ("
RISU_STR(RISU_DEFAULT_WATCHDOG) ")\n"
"  --progress FILE       keep FILE up to date with where the run is (it\n"
"                        survives the process: risu-trace progress)\n"
"  --peer-progress FILE  live: the peer's --progress FILE (same host), to\n"
"                        name the test word if the peer's process dies\n"
"  --no-compress         record without zlib even if linked in\n"
"  --compress            live master: zlib-compress the stream too (default:\n"
"                        stored, which costs the busier side less CPU)\n"
"  --all-state           capture and compare the whole state at every\n"
"                        checkpoint, not only the image's state classes\n"
"                        (both sides of a comparison must agree)\n"
"  --dump                print every checkpoint (alone: just run the image)\n"
"  --stderr-progress     print the checkpoints so far on stderr, at most\n"
"                        once a second\n"
"  --json                at exit, one JSON object as the last line on stdout\n"
"                        (stderr with -t - recording): mode, result\n"
"                        (match, mismatch, error, recorded, ran), exit,\n"
"                        checkpoints, mismatching, image_digest, escape\n"
"                        (the signal or exit that left the image), error\n"
"  --info                print the runner and CPU capabilities, exit\n"
"  --version             print the version, exit\n"
"  -h, --help            this text\n"
"Exit status: 0 match, 1 mismatch (also: the test code left the image, the\n"
"live peer's process died mid-run), 2 usage, I/O or protocol error.\n"
"RISU_INJECT=K:REG:BIT flips bit BIT of register REG at checkpoint K\n"
"(0-based, as in reports) after capture: for testing the comparison;\n"
"RISU_INJECT=K:si_code:V sets the signal's si_code to V instead;\n"
"RISU_INJECT=K:pool:N rotates the data of the first literal pool (OPTRAP\n"
"SKIP) run after checkpoint K by N bytes (a PC-relative load reading N\n"
"bytes off sees that);\n"
"RISU_INJECT=K:fault:ADDR reads ADDR inside the signal handler;\n"
"RISU_INJECT=K:mem:OFF inverts byte OFF of the memory block at the first\n"
"COMPAREMEM at or after checkpoint K (for testing the memory report);\n"
"RISU_INJECT=K:memlie:OFF does so only in the block a recorder sends.\n";

static void usage(int status)
{
    rt_write_all(status ? 2 : 1, usage_text, sizeof(usage_text) - 1);
    rt_exit(status);
}

static void version(void)
{
    static const char v[] = "risu-" RISU_VARIANT " (risu-dt) "
                            RISU_DT_VERSION "\n";

    rt_write_all(1, v, sizeof(v) - 1);
    rt_exit(0);
}

static const char *need_arg(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        rt_dprintf(2, "risu: %s needs an argument\n", argv[*i]);
        usage(2);
    }
    return argv[++*i];
}

static void parse_args(int argc, char **argv)
{
    opt.port = RISU_DEFAULT_PORT;
    opt.timeout_s = 10;
    opt.watchdog_s = RISU_DEFAULT_WATCHDOG;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint64_t v;

        if (!strcmp(a, "--master")) {
            opt.master = 1;
        } else if (!strcmp(a, "--host")) {
            opt.host = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "--port")) {
            if (rt_parse_u64(need_arg(argc, argv, &i), &v) || !v ||
                v > 65535) {
                rt_dprintf(2, "risu: bad port\n");
                usage(2);
            }
            opt.port = v;
        } else if (!strcmp(a, "--listen")) {
            opt.listen = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "--unix")) {
            opt.unix_path = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "--dev")) {
            opt.dev = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "-t") || !strcmp(a, "--trace")) {
            opt.trace = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "--keep-going")) {
            opt.keep_going = 1;
        } else if (!strcmp(a, "--all-state")) {
            opt.all_state = 1;
        } else if (!strcmp(a, "--timeout")) {
            if (rt_parse_u64(need_arg(argc, argv, &i), &v) || !v ||
                v > 86400) {
                rt_dprintf(2, "risu: bad timeout\n");
                usage(2);
            }
            opt.timeout_s = v;
        } else if (!strcmp(a, "--watchdog")) {
            if (rt_parse_u64(need_arg(argc, argv, &i), &v) || v > 86400) {
                rt_dprintf(2, "risu: bad watchdog\n");
                usage(2);
            }
            opt.watchdog_s = v;
        } else if (!strcmp(a, "--progress")) {
            opt.progress = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "--peer-progress")) {
            opt.peer_progress = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "--no-compress")) {
            opt.no_compress = 1;
        } else if (!strcmp(a, "--compress")) {
            opt.compress = 1;
        } else if (!strcmp(a, "--dump")) {
            opt.dump = 1;
        } else if (!strcmp(a, "--info")) {
            opt.info = 1;
        } else if (!strcmp(a, "--json")) {
            opt.json = 1;
        } else if (!strcmp(a, "--stderr-progress")) {
            opt.ticker = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(0);
        } else if (!strcmp(a, "--version")) {
            version();
        } else if (a[0] == '-' && a[1]) {
            rt_dprintf(2, "risu: unknown option %s\n", a);
            usage(2);
        } else if (!opt.image) {
            opt.image = a;
        } else {
            rt_dprintf(2, "risu: more than one image given\n");
            usage(2);
        }
    }
    if (opt.info) {
        return;
    }
    if (!opt.image) {
        rt_dprintf(2, "risu: no image given\n");
        usage(2);
    }
    if (opt.host && (opt.master || opt.unix_path)) {
        rt_dprintf(2, "risu: --host is for the apprentice, without --unix\n");
        usage(2);
    }
    if (opt.dev && (opt.host || opt.unix_path || opt.listen)) {
        rt_dprintf(2, "risu: --dev replaces --host, --unix and --listen\n");
        usage(2);
    }
    if (opt.trace && (opt.host || opt.unix_path || opt.listen || opt.dev)) {
        rt_dprintf(2, "risu: -t cannot be combined with a socket\n");
        usage(2);
    }
    if (opt.listen && !opt.master) {
        rt_dprintf(2, "risu: --listen is for the master\n");
        usage(2);
    }
    if (opt.dump && opt.trace && opt.master && !strcmp(opt.trace, "-")) {
        rt_dprintf(2, "risu: --dump and -t - would both write to stdout\n");
        usage(2);
    }
    if (opt.trace) {
        mode = opt.master ? MODE_RECORD : MODE_REPLAY;
    } else if (opt.master) {
        mode = MODE_MASTER;
    } else if (opt.host || opt.unix_path || opt.dev) {
        mode = MODE_APPRENTICE;
    } else if (opt.dump) {
        mode = MODE_RUN;
    } else {
        rt_dprintf(2, "risu: say --master, --host, --unix, --dev, -t or "
                   "--dump\n");
        usage(2);
    }
}

static void parse_inject(const RisuArchDesc *arch)
{
    const char *s = rt_getenv("RISU_INJECT");
    char k[24], name[32];
    const char *c1, *c2;
    uint64_t kv, bit;

    if (!s || !*s) {
        return;
    }
    c1 = strchr(s, ':');
    c2 = c1 ? strchr(c1 + 1, ':') : 0;
    if (!c2 || c1 - s >= (long)sizeof(k) || c2 - c1 - 1 >= (long)sizeof(name)) {
        risu_fatal("RISU_INJECT must be K:REGNAME:BIT");
    }
    memcpy(k, s, c1 - s);
    k[c1 - s] = 0;
    memcpy(name, c1 + 1, c2 - c1 - 1);
    name[c2 - c1 - 1] = 0;
    if (rt_parse_u64(k, &kv) || rt_parse_u64(c2 + 1, &bit)) {
        risu_fatal("RISU_INJECT must be K:REGNAME:BIT");
    }
    /* A fault inside the handler (tests the escape guard's nesting). */
    if (!strcmp(name, "fault")) {
        inject.active = 1;
        inject.k = kv;
        inject.fault = (uintptr_t)bit;
        return;
    }
    /* Corrupt the block as a broken store would (tests memory reports). */
    if (!strcmp(name, "mem") || !strcmp(name, "memlie")) {
        if (bit >= RISU_MEMBLOCK_SIZE) {
            risu_fatal("RISU_INJECT: the block has %u bytes",
                       RISU_MEMBLOCK_SIZE);
        }
        inject.active = 1;
        inject.mem = name[3] ? 2 : 1;
        inject.k = kv;
        inject.mem_off = (uint32_t)bit;
        return;
    }
    /* Literal pool data out of place (tests PC-relative loads). */
    if (!strcmp(name, "pool")) {
        if (!bit || bit >= 64) {
            risu_fatal("RISU_INJECT: pool shift must be 1..63 bytes");
        }
        inject.active = 1;
        inject.k = kv;
        inject.pool = (uint32_t)bit;
        return;
    }
    /* Pretend another kernel's si_code (tests the normalisation). */
    if (!strcmp(name, "si_code")) {
        inject.active = inject.set_si_code = 1;
        inject.k = kv;
        inject.si_code = (int32_t)bit;
        return;
    }
    for (int i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *rd = &arch->regs[i];
        if (!strcmp(rd->name, name)) {
            if (bit >= 64u * rd->nslots) {
                risu_fatal("RISU_INJECT: %s has %d bits", name,
                           64 * rd->nslots);
            }
            inject.active = 1;
            inject.k = kv;
            inject.slot = rd->slot + bit / 64;
            inject.bit = bit % 64;
            inject.name = rd->name;
            return;
        }
    }
    risu_fatal("RISU_INJECT: no register named '%s'", name);
}

/* ---- per-checkpoint work (runs inside the signal handler) ---- */

static void dump_state(const RisuState *st, uint64_t k)
{
    const RisuArchDesc *arch = risu_run.arch;

    rt_dprintf(1, "checkpoint %llu op %u pc 0x%x insn 0x%08x",
               (unsigned long long)k, st->op, st->pc_off, st->insn);
    if (st->signo) {
        rt_dprintf(1, " signal %d si_code %d fault 0x%llx%s", st->signo,
                   st->si_code, (unsigned long long)st->fault_addr,
                   st->fault_flags & RISU_FAULT_IN_BLOCK ? " (block)" : "");
    }
    rt_dprintf(1, "\n");
    for (int i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *rd = &arch->regs[i];
        if ((rd->features & st->features) != rd->features) {
            continue;
        }
        for (int s = rd->nslots - 1; s >= 0; s--) {
            rt_dprintf(1, "  %s=0x%016llx\n", rd->name,
                       (unsigned long long)st->slot[rd->slot + s]);
        }
    }
}

/* "checkpoint N" for the last checkpoint, or words for none yet. */
static const char *cp_where(char *buf, size_t len)
{
    if (!ncp) {
        return "before the first checkpoint";
    }
    rt_snprintf(buf, len, "at checkpoint %llu", (unsigned long long)(ncp - 1));
    return buf;
}

/* "after checkpoint N", or "before the first checkpoint". */
static const char *cp_after(char *buf, size_t len)
{
    if (!ncp) {
        return "before the first checkpoint";
    }
    rt_snprintf(buf, len, "after checkpoint %llu",
                (unsigned long long)(ncp - 1));
    return buf;
}

/*
 * The test word executed after the trap at image offset `last`: the first
 * generated instruction after it (execution resumed right after the trap
 * and reached no further one); with `back` the last one at or before it.
 */
static uint32_t next_word_off(int seen, uint32_t last, int back)
{
    uint32_t i;

    if (!img.insn_sorted || !img.ninsns) {
        return seen ? last : 0;
    }
    i = risu_image_lower_bound(&img, seen ? last + 1 : 0);
    if (back && i > 0) {
        i--;
    }
    return img.insn_off[i < img.ninsns ? i : img.ninsns - 1];
}

/*
 * The test word a dead peer's progress page points at: the last trap's
 * own word when a test word raised it (QEMU 7.2 raises SIGILL for some
 * words, then aborts: the fp16 two-register misc group), else the next.
 */
static void peer_word(const RisuProgress *pr, const char *who)
{
    uint32_t off = pr->has_off && risu_image_pattern(&img, pr->last_off) ?
                   pr->last_off :
                   next_word_off(pr->has_off, pr->last_off, 0);
    const char *pat = risu_image_pattern(&img, off);

    if (pr->state != RISU_PROG_RUNNING) {
        rt_dprintf(1, "  its progress file says it had not started the "
                   "image\n");
        return;
    }
    rt_dprintf(1, "  the %s died on the test word at +0x%08x (insn "
               "0x%08x%s%s) after %llu checkpoints; `risu-trace progress "
               "--image IMAGE %s` disassembles it\n", who, off,
               off < img.code_len ? risu_arch_insn_word(&risu_run, off) : 0,
               pat ? ", " : "", pat ? pat : "",
               (unsigned long long)pr->checkpoints, opt.peer_progress);
}

/*
 * The live peer's process vanished mid-run: QEMU aborted or crashed under
 * it, or it was killed.  That is the implementation's failure (exit 1),
 * never a match; its --progress page, when given, names the test word.
 */
_Noreturn static void peer_died(const char *who)
{
    RisuProgress pr;
    char where[48], err[160];

    rt_dprintf(1, "mismatch: the %s's process vanished mid-run (this side "
               "%s%s%s): QEMU aborted or crashed under it, or it was "
               "killed; the implementation's failure\n", who,
               cp_where(where, sizeof(where)), conn.err[0] ? "; " : "",
               conn.err);
    if (!opt.peer_progress) {
        rt_dprintf(1, "  (which word: give --peer-progress the %s's "
                   "--progress file)\n", who);
        rt_exit(1);
    }
    if (risu_progress_read(opt.peer_progress, &pr, err, sizeof(err)) < 0) {
        rt_dprintf(1, "  (which word: %s)\n", err);
        rt_exit(1);
    }
    if (memcmp(pr.image_digest, img.digest, 32)) {
        rt_dprintf(1, "  (which word: %s is about another image)\n",
                   opt.peer_progress);
        rt_exit(1);
    }
    if (pr.state == RISU_PROG_EXITED) {
        rt_dprintf(1, "  its progress file says it exited with status %u "
                   "after %llu checkpoints: see its output\n", pr.status,
                   (unsigned long long)pr.checkpoints);
        rt_exit(pr.status == 2 ? 2 : 1);
    }
    peer_word(&pr, who);
    rt_exit(1);
}

static void send_verdict(void)
{
    RisuVerdict v;

    memset(&v, 0, sizeof(v));
    v.verdict = ndiverge != 0;
    v.ndiverge = ndiverge;
    v.ncompared = ncp;
    v.nrecords = risu_trace_reader_records(reader);
    risu_live_tap_digest(&tap, v.digest);
    risu_proto_verdict_send(raw_io, &v);
}

/*
 * Master: read the apprentice's verdict (as a whole within --timeout) and
 * check it against what was streamed; a verdict that contradicts the
 * stream is a protocol error, never a match.
 */
/* A verdict problem: fatal (exit 2), or only said when `soft`. */
static void verdict_problem(int soft, const char *fmt, ...)
{
    char buf[320];
    va_list ap;

    va_start(ap, fmt);
    rt_vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (!soft) {
        risu_fatal("%s", buf);
    }
    rt_dprintf(1, "risu: %s\n", buf);
}

static int master_verdict_or(int complete, int soft)
{
    RisuVerdict v;
    uint8_t digest[32];
    char why[256], where[48];
    int rc;

    risu_net_phase(&conn, "the verdict", opt.timeout_s * 1000);
    conn.err[0] = 0;
    rc = risu_proto_verdict_recv(raw_io, &v);
    risu_net_phase(&conn, 0, 0);
    if (rc != RISU_OK && conn.peer_gone) {
        peer_died("apprentice");
    }
    if (rc != RISU_OK) {
        verdict_problem(soft, "no verdict from the apprentice %s: %s",
                        cp_where(where, sizeof(where)),
                        conn.err[0] ? conn.err : risu_strerror(rc));
        return -1;
    }
    risu_live_tap_digest(&tap, digest);
    rc = risu_live_judge(&v, risu_trace_writer_records(writer), digest,
                         complete, why, sizeof(why));
    if (rc < 0) {
        verdict_problem(soft, "apprentice %s", why);
        return -1;
    }
    risu_summary.mismatching = v.ndiverge;
    if (complete) {
        rt_dprintf(1, "risu: %llu checkpoints; apprentice reports %s "
                   "(%llu mismatching)\n", (unsigned long long)ncp,
                   rc ? "a mismatch" : "a match",
                   (unsigned long long)v.ndiverge);
    } else {
        rt_dprintf(1, "risu: apprentice reports a mismatch after %llu of "
                   "its checkpoints (see its output)\n",
                   (unsigned long long)v.ncompared);
    }
    return rc;
}

static int master_verdict(int complete)
{
    return master_verdict_or(complete, 0);
}

static int checkpoint_work(RisuState *st);

/*
 * A signal in a delay slot: the kernel reports it at the branch, and
 * the run resumes at the join checkpoint (risu_fault_resume).  The
 * branch's offset + 1 until that checkpoint is done, else 0.
 */
static uint32_t slot_fault;

uint32_t risu_fault_resume(uint32_t off, uint32_t len)
{
    uint32_t join;

    if (risu_image_insn_join(&img, off, &join) && join > off &&
        join < img.code_len) {
        if (!slot_fault) {
            slot_fault = off + 1;
        }
        return join;
    }
    return off + len;
}

/* "SIGFPE in the delay slot of BEQ at 0x1a4 (slot ADD at 0x1a8)" */
static void report_slot_fault(const RisuState *mine)
{
    uint32_t b = slot_fault - 1, s = b + 4, o;
    const char *bn = risu_image_pattern(&img, b), *sn = "?";
    uint32_t lo = risu_image_lower_bound(&img, b + 1);

    if (lo < img.ninsns && risu_image_insn_slot(&img, img.insn_off[lo], &o) &&
        o == b) {
        s = img.insn_off[lo];
        sn = img.insn_name[lo];
    }
    rt_dprintf(1, "  signal %d in the delay slot of %s at 0x%x (slot %s at "
               "0x%x); the run resumed at the branch's join checkpoint\n",
               mine->signo, bn ? bn : "?", b, sn, s);
}

static void report(const RisuState *mine)
{
    int in_code = ref.pc_off >= 4 && ref.pc_off < img.code_len;
    uint32_t off = in_code ? risu_arch_insn_off(&risu_run, ref.pc_off) : 0;
    const char *pat = in_code ? risu_image_pattern(&img, off) : 0;
    uint32_t size, align;

    risu_report_mismatch(risu_run.arch, ncp - 1, &ref, mine, pat,
                         print_line, (void *)(intptr_t)1);
    if (in_code && risu_image_insn_mem(&img, off, &size, &align)) {
        risu_explain_access(&ref, mine, size, align, ref_who, print_line,
                            (void *)(intptr_t)1);
    }
    if (slot_fault) {
        report_slot_fault(mine);
    }
    /*
     * Every generated store-conditional follows a checkpoint (a signal)
     * or a SETMEM: docs/kernel-diffs.md class 4.
     */
    if (in_code && !ref.signo && !mine->signo &&
        risu_arch_store_cond(risu_arch_insn_word(&risu_run, off))) {
        print_line((void *)(intptr_t)1, "  note: SC after a checkpoint: the "
                   "kernel clears the reservation on exception return, "
                   "qemu-user keeps it (docs/kernel-diffs.md)");
    }
}

/*
 * A COMPAREMEM mismatch: the reference's block came with the stream, so
 * name the bytes (a format 1 trace has none: say so).
 */
static void mem_report(void)
{
    const uint8_t *blk = risu_trace_reader_mem(reader);

    if (!blk) {
        rt_dprintf(1, "  memory: the reference carries no block (trace "
                   "format %u); only the hash is compared\n",
                   risu_trace_reader_version(reader));
        return;
    }
    risu_report_mem(&img, blk, risu_run.mem, last_cmp_off, ref.pc_off,
                    print_line, (void *)(intptr_t)1);
}

/* "on WHO" of a recorder text (RISU_RECORDER where it was recorded). */
static void note_ref_who(const RisuTraceHeader *peer)
{
    char rec[sizeof(peer->recorder) + 1];

    memcpy(rec, peer->recorder, sizeof(peer->recorder));
    rec[sizeof(peer->recorder)] = 0;
    for (const char *p = rec; *p; p++) {
        if (p[0] == ' ' && p[1] == 'o' && p[2] == 'n' && p[3] == ' ') {
            rt_snprintf(ref_who, sizeof(ref_who), "%s", p + 4);
            return;
        }
    }
}

/* Apprentice/replayer mismatch without --keep-going: end the run. */
_Noreturn static void finish_mismatch(void)
{
    rt_dprintf(1, "risu: %llu mismatching checkpoint(s); stopping\n",
               (unsigned long long)ndiverge);
    if (mode == MODE_APPRENTICE) {
        send_verdict();
        /* Let the master see the verdict before our close resets it. */
        risu_net_drain(&conn);
    }
    rt_exit(1);
}

static void writer_failed(int rc)
{
    char where[48];

    cp_where(where, sizeof(where));
    if (mode == MODE_MASTER) {
        /* Usually the apprentice found a mismatch and said so. */
        /* A verdict sent before a close is still there to read; a
         * vanished apprentice is reported by master_verdict. */
        if (conn.peer_spoke || conn.peer_gone) {
            rt_exit(master_verdict(0));
        }
        risu_fatal("apprentice connection lost %s: %s", where, conn.err);
    }
    risu_fatal("writing trace %s failed %s: %s (%s)", opt.trace, where,
               risu_trace_writer_error(writer), risu_strerror(rc));
}

static void reader_failed(int rc)
{
    char where[48];

    if (mode == MODE_APPRENTICE && conn.peer_gone) {
        peer_died("master");
    }
    risu_fatal("reading the reference (%s) %s: %s at byte %llu%s%s",
               mode == MODE_APPRENTICE ? "master" : opt.trace,
               cp_where(where, sizeof(where)),
               risu_trace_reader_error(reader),
               (unsigned long long)risu_trace_reader_offset(reader),
               conn.err[0] ? ": " : "", conn.err);
    (void)rc;
}

/*
 * Live master: records reach the apprentice when a chunk is written, and
 * a chunk holds thousands of them, so a slow master (a slow board or CPU
 * model) could leave the apprentice without data for longer than its
 * --timeout although both make progress.  Hand the records over once the
 * oldest unsent one is LIVE_FLUSH_NS old.  At full speed chunks fill
 * sooner than that and this never flushes; the clock read costs a system
 * call per checkpoint, a few per cent of one under qemu-user.
 */
#define LIVE_FLUSH_NS 200000000ull

static int live_flush(void)
{
    static uint64_t since_ns, sent;
    uint64_t now = rt_now_ns();
    int rc;

    if (risu_trace_writer_bytes(writer) != sent) {
        /* A full chunk just went out: what is left is new. */
        sent = risu_trace_writer_bytes(writer);
        since_ns = now;
        return RISU_OK;
    }
    if (now - since_ns < LIVE_FLUSH_NS) {
        return RISU_OK;
    }
    rc = risu_trace_flush(writer);
    since_ns = now;
    sent = risu_trace_writer_bytes(writer);
    return rc;
}

/*
 * The watchdog ticks WATCHDOG_TICKS times per --watchdog period
 * (ITIMER_REAL: wall-clock, as qemu-user offers no instruction count to
 * a guest) and fires on the WATCHDOG_TICKS-th tick in a row that finds
 * no new checkpoint: between S and S * (1 + 1 / WATCHDOG_TICKS) seconds
 * after the last one.  A free-running timer costs no system call per
 * checkpoint (re-arming it did: two, a few per cent of a checkpoint
 * under qemu-user).  Ticks due while a checkpoint is handled (a slow
 * peer) wait until it returns, and then see its progress.
 */
#define WATCHDOG_TICKS 8

static uint64_t watchdog_ncp;   /* ncp at the last tick */
static int watchdog_idle;       /* ticks in a row without a checkpoint */

static void watchdog_set(int s)
{
    long us = (long)s * (1000000 / WATCHDOG_TICKS);
    long itv[4] = { us / 1000000, us % 1000000, us / 1000000, us % 1000000 };

    if (opt.watchdog_s) {
        watchdog_idle = 0;
        RT_SYS3(__NR_setitimer, 0 /* ITIMER_REAL */, itv, 0);
    }
}

void risu_watchdog(uint32_t off)
{
    static RisuState st;
    char where[48];

    if (watchdog_ncp != ncp) {
        watchdog_ncp = ncp;
        watchdog_idle = 0;
        return;
    }
    if (++watchdog_idle < WATCHDOG_TICKS) {
        return;
    }
    watchdog_set(0);
    st.op = RISU_OP_WATCHDOG;
    st.pc_off = off;
    memcpy(&st.insn, risu_run.image + off,
           off + 4 <= risu_run.code_len ? 4 : 2);
    st.signo = 14;
    rt_snprintf(risu_summary.escape, sizeof(risu_summary.escape),
                "watchdog: the test code loops at image offset 0x%08x", off);
    rt_dprintf(1, "mismatch: watchdog: no checkpoint for %d s %s; the test "
               "code loops at image offset 0x%08x (insn 0x%08x)\n",
               opt.watchdog_s, cp_after(where, sizeof(where)), off, st.insn);
    if (mode == MODE_RECORD || mode == MODE_MASTER) {
        /* The trace ends properly: a last record names the offset. */
        if (risu_trace_write(writer, &st) == RISU_OK &&
            risu_trace_finish(writer) == RISU_OK && mode == MODE_RECORD) {
            rt_dprintf(2, "risu: recorded %llu checkpoints and the "
                       "watchdog record\n", (unsigned long long)ncp);
        }
    } else if (mode == MODE_APPRENTICE) {
        ndiverge++;
        send_verdict();
        risu_net_drain(&conn);
    }
    rt_exit(1);
}

/* ---- the test code leaves the image (risu_guard) ---- */

enum { ESC_OUTSIDE, ESC_RUNNER, ESC_RETURNED, ESC_BACKWARDS };

/*
 * The last test word executed, after the last trap the test code raised;
 * when the runner's own handler faulted, the one that trap belongs to.
 */
static uint32_t escape_word_off(int why)
{
    return next_word_off(risu_run.seen_trap, risu_run.last_off,
                         why == ESC_RUNNER);
}

static void escape_record(RisuState *st, int sig, int code, uintptr_t pc,
                          int why)
{
    RisuRun *run = &risu_run;
    uintptr_t mem = (uintptr_t)run->mem;

    /* Registers as at the last checkpoint: the record changes none. */
    if (last_cp) {
        memcpy(st->slot, last_cp->slot, sizeof(st->slot));
        st->features = last_cp->features;
    }
    st->op = RISU_OP_ESCAPE;
    st->pc_off = escape_word_off(why);
    st->insn = st->pc_off < run->code_len ?
               risu_arch_insn_word(run, st->pc_off) : 0;
    st->signo = sig;
    st->si_code = code;
    st->fault_flags = sig ? RISU_FAULT_PC : 0;
    st->fault_addr = sig ? pc : 0;
    if (why == ESC_BACKWARDS) {
        st->fault_flags = RISU_FAULT_IN_IMAGE;
        st->fault_addr = pc - (uintptr_t)run->image;
        return;
    }
    if (sig && pc - mem < RISU_MEMBLOCK_SIZE + 4096) {
        st->fault_flags |= RISU_FAULT_IN_BLOCK;
        st->fault_addr = pc - mem;
    }
    if (why == ESC_RUNNER) {
        st->fault_flags |= RISU_FAULT_RUNNER;
    }
}

static void escape_say(const RisuState *st, uintptr_t addr)
{
    const char *pat = risu_image_pattern(&img, st->pc_off);
    char what[256], where[48];

    risu_describe_end(st, 0, what, sizeof(what));
    rt_snprintf(risu_summary.escape, sizeof(risu_summary.escape), "%s",
                what);
    rt_dprintf(1, "mismatch: %s [%s; %s, fault address %p]\n", what,
               pat ? pat : "no pattern name", cp_after(where, sizeof(where)),
               (void *)addr);
}

/* Record or live master: the escape record ends the stream properly. */
static void escape_write(const RisuState *st)
{
    if (risu_trace_write(writer, st) != RISU_OK ||
        risu_trace_finish(writer) != RISU_OK) {
        /* The apprentice may have judged the record already. */
        if (mode == MODE_MASTER && conn.peer_spoke) {
            master_verdict_or(0, 1);
            return;
        }
        rt_dprintf(1, "risu: the trace could not be ended after the "
                   "escape: %s%s%s\n", risu_trace_writer_error(writer),
                   conn.err[0] ? ": " : "", conn.err);
        return;
    }
    if (mode == MODE_RECORD) {
        rt_close(conn.fd);
        rt_dprintf(2, "risu: recorded %llu checkpoints and the escape "
                   "record\n", (unsigned long long)ncp);
        return;
    }
    /* The apprentice compares the record: wait for what it says. */
    master_verdict_or(1, 1);
}

/* Replay or apprentice: what did the reference do here? */
static void escape_compare(const RisuState *mine)
{
    int rc = risu_trace_read(reader, &ref);

    ncp++;
    ndiverge++;
    if (rc < 0) {
        rt_dprintf(1, "risu: the reference could not be read after the "
                   "escape: %s%s%s\n", risu_trace_reader_error(reader),
                   conn.err[0] ? ": " : "", conn.err);
    } else if (rc == 0) {
        rt_dprintf(1, "  the reference ended before this point\n");
    } else if (ref.op == RISU_OP_ESCAPE && !risu_compare_meta(&ref, mine)) {
        rt_dprintf(1, "  the reference left the image at the same word, "
                   "with the same signal and pc\n");
    } else {
        report(mine);
    }
    if (mode == MODE_APPRENTICE) {
        send_verdict();
        risu_net_drain(&conn);
    }
}

_Noreturn static void escape(int sig, int code, uintptr_t addr,
                             uintptr_t pc, int why)
{
    static RisuState st;
    static int escaping;

    if (escaping++) {
        rt_dprintf(2, "risu: signal %d at pc %p while ending the run after "
                   "the test code left the image\n", sig, (void *)pc);
        rt_exit(2);
    }
    watchdog_set(0);
    escape_record(&st, sig, code, pc, why);
    escape_say(&st, addr);
    if (mode == MODE_RECORD || mode == MODE_MASTER) {
        escape_write(&st);
    } else if (mode != MODE_RUN) {
        escape_compare(&st);
    }
    if (why == ESC_RUNNER) {
        rt_dprintf(2, "risu: the runner's signal handler faulted: a runner "
                   "bug, or runner memory the test code overwrote\n");
        rt_exit(2);
    }
    rt_exit(1);
}

uint32_t risu_guard(int sig, int code, uintptr_t addr, uintptr_t pc, int bad)
{
    RisuRun *run = &risu_run;
    uintptr_t base = (uintptr_t)run->image;

    if (run->depth > 1) {
        escape(sig, code, addr, pc, ESC_RUNNER);
    }
    /* Outside the test code's time the runner itself faulted. */
    if (!run->in_image || run->finished) {
        risu_fatal("signal %d (si_code %d, address %p) at pc %p in the "
                   "runner %s", sig, code, (void *)addr, (void *)pc,
                   run->finished ? "after TESTEND" : "before the image ran");
    }
    if (bad || pc < base || pc - base >= run->code_len) {
        escape(sig, code, addr, pc, ESC_OUTSIDE);
    }
    /* Straight-line code raises its signals at rising offsets: a word
     * that jumped back would loop through checkpoints for ever. */
    if (run->seen_trap && pc - base <= run->last_off) {
        escape(0, 0, addr, pc, ESC_BACKWARDS);
    }
    /* A watchdog tick may come before the next trap's own word. */
    if (sig == 14 /* SIGALRM */) {
        return pc - base;
    }
    run->last_off = pc - base;
    run->seen_trap = 1;
    risu_progress_trap(run->last_off);
    return pc - base;
}

_Noreturn void risu_escape_returned(void)
{
    escape(0, 0, 0, 0, ESC_RETURNED);
}

int risu_checkpoint(RisuState *st)
{
    int r;

    r = checkpoint_work(st);
    slot_fault = 0;
    /* After TESTEND only runner code runs: nothing to watch. */
    if (risu_run.finished) {
        watchdog_set(0);
    }
    return r;
}

/*
 * --stderr-progress: a long run under emulation or on a slow board is
 * silent.  The clock is read every 256 checkpoints, a line printed at
 * most once a second.
 */
static void stderr_progress(uint64_t k)
{
    static uint64_t next_ns;
    uint64_t now;

    if (!opt.ticker || (k & 255)) {
        return;
    }
    now = rt_now_ns();
    if (!next_ns) {
        next_ns = now + 1000000000u;
    } else if (now >= next_ns) {
        rt_dprintf(2, "risu: %llu checkpoints so far\n",
                   (unsigned long long)k);
        next_ns = now + 1000000000u;
    }
}

/* The block a COMPAREMEM record carries: a lie under K:memlie:OFF. */
static const uint8_t *recorded_block(uint64_t k)
{
    static uint8_t lie[RISU_MEMBLOCK_SIZE];

    if (inject.mem != 2 || inject.mem_done || k < inject.k) {
        return risu_run.mem;
    }
    memcpy(lie, risu_run.mem, sizeof(lie));
    lie[inject.mem_off] ^= 0xff;
    inject.mem_done = 1;
    return lie;
}

/*
 * Does checkpoint k (image op `op`) hold only the image's state classes?
 * Every RISU_FULL_EVERY-th and the TESTEND hold everything, so a change
 * to another class (an emulator bug) is found there.
 */
static int cp_partial(uint32_t op, uint64_t k)
{
    return img_has_classes && !opt.all_state && (k % RISU_FULL_EVERY) &&
           op != RISU_OP_TESTEND;
}

const RisuSpans *risu_cp_spans(uint32_t op)
{
    return cp_partial(op, ncp) ? &img_spans : NULL;
}

/* The image's classes= against the layout, once the layout is known. */
static void setup_classes(void)
{
    const RisuArchDesc *a = risu_run.arch;
    char err[96];

    if (!img.classes) {
        return;     /* older images: everything, at every checkpoint */
    }
    if (!a->class_names) {
        risu_fatal("image %s declares state classes (%s), but the %s "
                   "register layout has none", opt.image, img.classes,
                   a->name);
    }
    if (risu_classes_parse(a, img.classes, strlen(img.classes),
                           &img_classes, err, sizeof(err))) {
        risu_fatal("image %s: metadata classes=%s: %s", opt.image,
                   img.classes, err);
    }
    if (risu_class_spans(a, img_classes, &img_spans)) {
        risu_fatal("the %s layout's state classes need more than %d slot "
                   "ranges", a->name, RISU_MAX_SPANS);
    }
    img_has_classes = 1;
}

/* The reference holds other classes than this run: never a "match". */
static void class_mismatch(uint64_t k, const RisuState *st)
{
    const RisuArchDesc *a = risu_run.arch;
    char rc[96], mc[96];

    risu_classes_text(a, risu_record_classes(a, ref.features), rc,
                      sizeof(rc));
    risu_classes_text(a, risu_record_classes(a, st->features), mc,
                      sizeof(mc));
    risu_fatal("checkpoint %llu: the reference holds the state classes "
               "'%s', this run '%s' (recorded from an image with other "
               "classes=, with or without --all-state, or by another "
               "version)", (unsigned long long)k, rc, mc);
}

/*
 * A full checkpoint of an image with classes found a register of a
 * class the image does not declare changed: say when it was last seen.
 */
static void report_undeclared(const int *diff, int ndiff, uint64_t k)
{
    const RisuArchDesc *a = risu_run.arch;

    for (int i = 0; i < ndiff && i < RISU_MAXDIFF; i++) {
        if (risu_reg_in_classes(a, diff[i], img_classes)) {
            continue;
        }
        rt_dprintf(1, "  note: %s is not in the image's state classes "
                   "(%s): it is compared only every %d checkpoints and at "
                   "the end, so it changed after checkpoint %llu\n",
                   a->regs[diff[i]].name, img.classes, RISU_FULL_EVERY,
                   (unsigned long long)(k < RISU_FULL_EVERY ? 0 :
                                        (k - 1) / RISU_FULL_EVERY *
                                        RISU_FULL_EVERY));
    }
}

static int checkpoint_work(RisuState *st)
{
    uint64_t k = ncp++;
    int rc, ndiff, diff[RISU_MAXDIFF];
    int partial = cp_partial(st->op, k), wb = 0;

    last_cp = st;
    risu_progress_checkpoints(ncp);
    if (st->op == RISU_OP_TESTEND) {
        risu_run.finished = 1;
    }
    stderr_progress(k);

    if (inject.active && inject.k == k && !inject.pool) {
        if (inject.fault) {
            (void)*(volatile uint32_t *)inject.fault;
        }
        if (inject.set_si_code) {
            st->si_code = inject.si_code;
        } else if (!inject.mem) {
            st->slot[inject.slot] ^= (uint64_t)1 << inject.bit;
            /*
             * A slot this checkpoint does not hold: the flip goes into
             * the machine's register, as an emulator bug would, and
             * shows at the next full checkpoint.
             */
            wb = partial && !risu_spans_hold(&img_spans, inject.slot);
        }
    }
    if (partial) {
        st->features |= RISU_FEAT_CLASSES |
                        img_classes << RISU_FEAT_CLASS_SHIFT;
    }
    if (opt.dump) {
        dump_state(st, k);
    }
    switch (mode) {
    case MODE_RUN:
        return wb ? RISU_CP_ADOPT : RISU_CP_CONTINUE;
    case MODE_RECORD:
    case MODE_MASTER:
        risu_trace_writer_set_spans(writer, partial ? &img_spans : NULL);
        rc = st->op == RISU_OP_COMPAREMEM ?
             risu_trace_write_mem(writer, st, recorded_block(k)) :
             risu_trace_write(writer, st);
        if (rc == RISU_OK && (mode == MODE_MASTER || stream_out)) {
            rc = live_flush();
        }
        if (rc < 0) {
            writer_failed(rc);
        }
        return wb ? RISU_CP_ADOPT : RISU_CP_CONTINUE;
    default:
        break;
    }
    rc = risu_trace_read(reader, &ref);
    if (rc < 0) {
        reader_failed(rc);
    }
    if (rc == 0) {
        rt_dprintf(1, "mismatch at checkpoint %llu: pc offset 0x%08x: the "
                   "reference ended before this checkpoint\n",
                   (unsigned long long)k, st->pc_off);
        ndiverge++;
        ended_early = 1;
        finish_mismatch();
    }
    if ((ref.features ^ st->features) &
        (RISU_FEAT_CLASSES | RISU_FEAT_CLASS_MASK)) {
        class_mismatch(k, st);
    }
    ndiff = partial ? risu_compare_classes(risu_run.arch, &ref, st,
                                           img_classes, &img_spans, diff,
                                           RISU_MAXDIFF) :
            risu_compare(risu_run.arch, &ref, st, diff, RISU_MAXDIFF);
    if (!ndiff && !risu_compare_meta(&ref, st)) {
        last_cmp_off = ref.op == RISU_OP_COMPAREMEM ? ref.pc_off :
                       last_cmp_off;
        return wb ? RISU_CP_ADOPT : RISU_CP_CONTINUE;
    }
    ndiverge++;
    report(st);
    if (img_has_classes && !partial) {
        report_undeclared(diff, ndiff, k);
    }
    if (ref.op == RISU_OP_COMPAREMEM) {
        mem_report();
    }
    if (!opt.keep_going) {
        finish_mismatch();
    }
    /* Adopt the reference, live-only registers included (capture.c). */
    {
        uint32_t features = st->features;
        memcpy(st->slot, ref.slot, sizeof(st->slot));
        st->pc_off = ref.pc_off;
        st->features = features;
    }
    if (ref.op == RISU_OP_COMPAREMEM) {
        last_cmp_off = ref.pc_off;
        if (risu_trace_reader_mem(reader)) {
            memcpy(risu_run.mem, risu_trace_reader_mem(reader),
                   RISU_MEMBLOCK_SIZE);
        }
    }
    /* The run goes on after the reference's trap (risu_guard). */
    risu_run.last_off = ref.pc_off;
    return RISU_CP_ADOPT;
}

void risu_note_signal(int sig, int code, uintptr_t addr)
{
    RisuRun *run = &risu_run;
    uintptr_t mem = (uintptr_t)run->mem;

    if (run->sig_no) {
        return;
    }
    run->sig_no = sig;
    run->sig_code = code;
    run->sig_flags = 0;
    run->sig_addr = addr;
    /* Inside the block or its guard page: an offset, equal on any run. */
    if (addr - mem < RISU_MEMBLOCK_SIZE + 4096) {
        run->sig_flags = RISU_FAULT_IN_BLOCK;
        run->sig_addr = addr - mem;
    }
}

void risu_meminit(uint32_t seed)
{
    risu_meminit_fill(risu_run.mem, seed);
    /* The trace's first block is a delta against this fill. */
    if (writer) {
        risu_trace_mem_base(writer, seed);
    }
}

uint64_t risu_memhash(void)
{
    /* Runs before checkpoint ncp is processed: ncp is its number. */
    if (inject.mem == 1 && !inject.mem_done && ncp >= inject.k) {
        risu_run.mem[inject.mem_off] ^= 0xff;
        inject.mem_done = 1;
    }
    return risu_memblock_hash(risu_run.mem, RISU_MEMBLOCK_SIZE);
}

/* ---- set-up and the end of the run ---- */

/* Architectures without image kinds (MIPS): whole 32-bit words. */
__attribute__((weak)) int risu_arch_check_image(RisuRun *run, char *why,
                                                size_t whylen)
{
    if (run->code_len < 4 || (run->code_len & 3)) {
        rt_snprintf(why, whylen, "code length %u is not a positive multiple "
                    "of 4", run->code_len);
        return -1;
    }
    return 0;
}

__attribute__((weak)) int risu_arch_store_cond(uint32_t insn)
{
    return 0;
}

__attribute__((weak)) const char *risu_arch_id_text(const RisuRun *run,
                                                     char *buf, size_t len)
{
    buf[0] = 0;
    return buf;
}

static void check_features(void)
{
    RisuRun *run = &risu_run;
    const char *p = img.features;
    char caps[96], tok[32];

    if (risu_image_check_arch(&img, risu_arch_image_names,
                              risu_arch_variant(), caps, sizeof(caps)) ||
        risu_arch_check_image(run, caps, sizeof(caps))) {
        risu_fatal("image %s: %s", opt.image, caps);
    }
    risu_arch_caps_text(run, caps, sizeof(caps));
    /* The arch lists its features space-terminated: "(it has: a b)". */
    for (size_t n = strlen(caps); n && caps[n - 1] == ' '; n--) {
        caps[n - 1] = 0;
    }
    while (*p) {
        size_t k = 0;
        while (p[k] && p[k] != ',' && p[k] != ' ') {
            k++;
        }
        if (k && k < sizeof(tok)) {
            memcpy(tok, p, k);
            tok[k] = 0;
            int has = risu_arch_feature(run, tok);
            if (has == 0) {
                risu_fatal("image %s needs '%s', which this runner (%s) on "
                           "this CPU lacks (it has: %s)", opt.image, tok,
                           risu_arch_variant(), caps);
            }
            if (has < 0) {
                rt_dprintf(2, "risu: warning: image feature '%s' unknown to "
                           "this runner; not checked\n", tok);
            }
        }
        p += k;
        while (*p == ',' || *p == ' ') {
            p++;
        }
    }
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    if (img.endian[0] && strcmp(img.endian, "big")) {
        risu_fatal("image %s is %s-endian; this runner is big-endian",
                   opt.image, img.endian);
    }
#else
    if (img.endian[0] && strcmp(img.endian, "little")) {
        risu_fatal("image %s is %s-endian; this runner is little-endian",
                   opt.image, img.endian);
    }
#endif
}

static void fill_header(void)
{
    RisuRun *run = &risu_run;
    char caps[160];
    const char *who = rt_getenv("RISU_RECORDER");

    memset(&hdr, 0, sizeof(hdr));
    hdr.version = RISU_TRACE_VERSION;
    hdr.arch_id = run->arch->arch_id;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    hdr.big_endian = 1;
#endif
#ifdef RISU_HAVE_ZLIB
    /*
     * A live stream is read as it is written, on loopback or a local
     * network: deflate would cost the master (the busier side) ~15 % of
     * its CPU time per checkpoint and save nothing that matters.
     */
    hdr.compressed = !opt.no_compress &&
                     (mode != MODE_MASTER || opt.compress);
#endif
    hdr.features = run->caps;
    risu_layout_digest(run->arch, hdr.layout_digest);
    memcpy(hdr.image_digest, img.digest, 32);
    risu_arch_caps_text(run, caps, sizeof(caps));
    /* Traces of an image with classes say so (its records do too). */
    if (img_has_classes && !opt.all_state) {
        size_t n = strlen(caps);
        rt_snprintf(caps + n, sizeof(caps) - n, "classes=%s/%d ",
                    img.classes, RISU_FULL_EVERY);
    }
    rt_snprintf(hdr.recorder, sizeof(hdr.recorder), "risu-%s %s %s%s%s",
                risu_arch_variant(), RISU_DT_VERSION, caps, who ? "on " : "",
                who ? who : "");
}

static void *alloc_or_die(size_t n)
{
    void *p = malloc(n);

    if (!p) {
        risu_fatal("out of memory (%lu bytes)", (unsigned long)n);
    }
    return p;
}

static void check_peer_header(const RisuTraceHeader *peer, const char *name)
{
    RisuTraceHeader p = *peer;
    char why[256];

    /* Older trace files replay (without memory blocks); a live peer
     * must speak this format (the hello refuses others). */
    if (mode == MODE_REPLAY && p.version >= RISU_TRACE_VERSION_MIN) {
        p.version = hdr.version;
    }
    if (risu_trace_header_explain(&p, name, &hdr, "this run", why,
                                  sizeof(why)) != RISU_OK) {
        risu_fatal("%s does not fit this run: %s", name, why);
    }
}

static void open_trace(void)
{
    int fd;

    if (!strcmp(opt.trace, "-")) {
        fd = mode == MODE_RECORD ? 1 : 0;
    } else if (mode == MODE_RECORD) {
        fd = rt_open(opt.trace, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    } else {
        fd = rt_open(opt.trace, O_RDONLY, 0);
    }
    if (fd < 0) {
        risu_fatal("cannot open trace %s: %s", opt.trace, rt_strerror(-fd));
    }
    conn.fd = fd;
    stream_out = mode == MODE_RECORD && !strcmp(opt.trace, "-");
    raw_io = risu_fd_io(&conn);
    io = risu_live_tap(&tap, raw_io);
}

static void open_socket(void)
{
    char err[160];
    int tmo = opt.timeout_s * 1000;

    if (opt.dev) {
        /* As over a socket, the master waits longer for its peer. */
        conn.fd = risu_net_open_dev(opt.dev, mode == MODE_MASTER ? tmo * 6 :
                                    tmo, mode == MODE_MASTER ? "apprentice" :
                                    "master", err, sizeof(err));
        conn.dev = 1;
    } else if (mode == MODE_MASTER) {
        int lfd = opt.unix_path ?
                  risu_net_listen_unix(opt.unix_path, err, sizeof(err)) :
                  risu_net_listen_tcp(opt.listen, opt.port, err, sizeof(err));
        if (lfd < 0) {
            risu_fatal("%s", err);
        }
        /* The apprentice may start much later than the master: say
         * what it waits for rather than sitting silent for a minute. */
        if (risu_net_readable(lfd, 1000) == 0) {
            if (opt.unix_path) {
                rt_dprintf(2, "risu: waiting for the apprentice on %s...\n",
                           opt.unix_path);
            } else {
                rt_dprintf(2, "risu: waiting for the apprentice on %s port "
                           "%u...\n", opt.listen ? opt.listen : "127.0.0.1",
                           opt.port);
            }
        }
        conn.fd = risu_net_accept(lfd, tmo * 6, err, sizeof(err));
        rt_close(lfd);
        /* One apprentice per run: the socket file has done its job. */
        if (opt.unix_path) {
            risu_net_unlink_socket(opt.unix_path);
        }
    } else {
        conn.fd = opt.unix_path ?
                  risu_net_connect_unix(opt.unix_path, tmo, err, sizeof(err)) :
                  risu_net_connect_tcp(opt.host, opt.port, tmo, err,
                                       sizeof(err));
    }
    if (conn.fd < 0) {
        risu_fatal("%s", err);
    }
    raw_io = risu_net_io(&conn);
    io = risu_live_tap(&tap, raw_io);
}

static void start_mode(void)
{
    const RisuArchDesc *arch = risu_run.arch;
    RisuTraceHeader peer;
    char why[256];
    int rc;

    conn.timeout_ms = opt.timeout_s * 1000;
    switch (mode) {
    case MODE_RUN:
        return;
    case MODE_RECORD:
    case MODE_REPLAY:
        open_trace();
        break;
    case MODE_MASTER:
    case MODE_APPRENTICE:
        open_socket();
        /* A slow peer gets --timeout for the whole handshake. */
        risu_net_phase(&conn, "the handshake", conn.timeout_ms);
        if (risu_proto_hello_send(raw_io, &hdr) != RISU_OK ||
            (rc = risu_proto_hello_check(raw_io, &hdr, why, sizeof(why)))
                != RISU_OK) {
            risu_fatal("handshake with the %s failed: %s",
                       mode == MODE_MASTER ? "apprentice" : "master",
                       conn.err[0] ? conn.err : why);
        }
        risu_net_phase(&conn, 0, 0);
        /* From now on the apprentice speaks only to give a verdict. */
        conn.check_incoming = mode == MODE_MASTER;
        break;
    }
    if (mode == MODE_RECORD || mode == MODE_MASTER) {
        writer = alloc_or_die(risu_trace_writer_size());
        rc = risu_trace_writer_init(writer, io, arch, &hdr, hdr.compressed);
        if (rc < 0) {
            writer_failed(rc);
        }
    } else {
        reader = alloc_or_die(risu_trace_reader_size());
        rc = risu_trace_reader_init(reader, io, arch, &peer);
        if (rc < 0) {
            reader_failed(rc);
        }
        /* ref is only ever written by the reader. */
        risu_trace_reader_incremental(reader);
        check_peer_header(&peer, mode == MODE_REPLAY ? "trace" : "master");
        note_ref_who(&peer);
    }
}

static int end_run(void)
{
    int rc;

    /* A fault that was never injected would make a test pass vacuously. */
    if (inject.mem && !inject.mem_done) {
        risu_fatal("RISU_INJECT names checkpoint %llu, but no COMPAREMEM "
                   "came at or after it: nothing was injected",
                   (unsigned long long)inject.k);
    }
    if (inject.active && inject.k >= ncp) {
        risu_fatal("RISU_INJECT names checkpoint %llu, but the run has only "
                   "%llu (0..%llu): nothing was injected",
                   (unsigned long long)inject.k, (unsigned long long)ncp,
                   (unsigned long long)(ncp ? ncp - 1 : 0));
    }
    if (inject.pool && !inject.pool_done) {
        risu_fatal("RISU_INJECT: no literal pool (OPTRAP SKIP) of more than "
                   "%u bytes ran after checkpoint %llu: nothing was injected",
                   inject.pool, (unsigned long long)inject.k);
    }
    switch (mode) {
    case MODE_RUN:
        return 0;
    case MODE_RECORD:
    case MODE_MASTER:
        rc = risu_trace_finish(writer);
        if (rc < 0) {
            writer_failed(rc);
        }
        if (mode == MODE_RECORD) {
            rt_close(conn.fd);
            rt_dprintf(2, "risu: recorded %llu checkpoints, %llu bytes\n",
                       (unsigned long long)ncp,
                       (unsigned long long)risu_trace_writer_bytes(writer));
            return 0;
        }
        return master_verdict(1);
    default:
        break;
    }
    rc = risu_trace_read(reader, &ref);
    if (rc < 0) {
        reader_failed(rc);
    }
    if (rc > 0) {
        char where[48];

        char what[256];

        rt_dprintf(1, "mismatch %s: this run ended, the reference goes on "
                   "(pc offset 0x%08x)\n", cp_after(where, sizeof(where)),
                   ref.pc_off);
        if (risu_describe_end(&ref, 0, what, sizeof(what))) {
            rt_dprintf(1, "  ref: %s\n", what);
        }
        ndiverge++;
    }
    if (mode == MODE_APPRENTICE) {
        send_verdict();
        risu_net_drain(&conn);
    }
    rt_dprintf(1, "risu: %llu checkpoints, %s (%llu mismatching)\n",
               (unsigned long long)ncp, ndiverge ? "MISMATCH" : "match",
               (unsigned long long)ndiverge);
    return ndiverge ? 1 : 0;
}

static void print_info(void)
{
    char caps[96], ids[64];

    risu_arch_caps_text(&risu_run, caps, sizeof(caps));
    risu_arch_id_text(&risu_run, ids, sizeof(ids));
    rt_dprintf(1, "runner %s arch %s caps %s%shwcap 0x%lx\n",
               risu_arch_variant(), risu_run.arch->name, caps, ids, rt_hwcap);
}

/* Every exit: the progress page's state, then --json's summary. */
static void exit_hook(int status)
{
    static const char *const names[] = {
        [MODE_RUN] = "run", [MODE_RECORD] = "record",
        [MODE_REPLAY] = "replay", [MODE_MASTER] = "master",
        [MODE_APPRENTICE] = "apprentice",
    };

    risu_progress_state(RISU_PROG_EXITED, status);
    risu_summary.mode = names[mode];
    risu_summary.checkpoints = ncp;
    if (mode != MODE_MASTER) {
        risu_summary.mismatching = ndiverge;
    }
    risu_summary_print(status);
}

int risu_main(int argc, char **argv)
{
    RisuRun *run = &risu_run;
    char err[256];

    parse_args(argc, argv);
    if (risu_arch_init(run, err, sizeof(err))) {
        risu_fatal("%s", err);
    }
    if (opt.info) {
        print_info();
        return 0;
    }
    if (opt.json) {
        /* -t - records the trace on stdout. */
        risu_summary.fd = mode == MODE_RECORD && !strcmp(opt.trace, "-") ?
                          2 : 1;
    }
    rt_exit_hook = exit_hook;
    if (risu_image_load(&img, opt.image, err, sizeof(err)) ||
        risu_image_map(&img, &run->image, &run->mem, &run->stack_top, err,
                       sizeof(err))) {
        risu_fatal("%s", err);
    }
    run->code_len = img.code_len;
    run->img = &img;
    risu_summary.digest = img.digest;
    check_features();
    setup_classes();
    parse_inject(run->arch);
    if (opt.progress) {
        if (risu_progress_open(opt.progress, img.digest, err,
                               sizeof(err)) < 0) {
            risu_fatal("%s", err);
        }
    }
    fill_header();
    start_mode();
    risu_progress_state(RISU_PROG_RUNNING, 0);
    watchdog_set(opt.watchdog_s);
    run->in_image = 1;
    risu_arch_run(run);
    run->in_image = 0;
    watchdog_set(0);
    if (!run->finished) {
        risu_escape_returned();
    }
    return end_run();
}
