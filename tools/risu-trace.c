/*
 * risu-trace: inspect trace files on the host.
 *
 *   risu-trace show [--layout] TRACE   header and records as text
 *   risu-trace verify TRACE            check every chunk and the end
 *
 * Works for any architecture: the register layout comes from the trace
 * header.  Exit status: 0 ok, 2 the trace is corrupt or truncated (the
 * readable prefix is still shown), 1 usage or file errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "runner/trace.h"

static long fd_read(void *opaque, void *buf, size_t len)
{
    long n;

    do {
        n = read(*(int *)opaque, buf, len);
    } while (n < 0 && errno == EINTR);
    return n;
}

static const char *class_name(unsigned cls)
{
    static const char *const names[] = { "gpr", "sp", "ctrl", "fpr", "vec",
                                         "pred" };

    return cls < sizeof(names) / sizeof(names[0]) ? names[cls] : "?";
}

static void print_hex(const uint8_t *p, size_t n)
{
    while (n--) {
        printf("%02x", *p++);
    }
}

static void show_header(const RisuTraceHeader *h, const RisuArchDesc *a,
                        int layout)
{
    int i;

    printf("trace format %u, arch %s (id %u), recorder %s-endian, %s\n",
           h->version, a->name, h->arch_id, h->big_endian ? "big" : "little",
           h->compressed ? "zlib" : "stored");
    printf("recorder: %s\n", h->recorder[0] ? h->recorder : "(none)");
    printf("features: 0x%08x\n", h->features);
    printf("image digest:  ");
    print_hex(h->image_digest, 32);
    printf("\nlayout digest: ");
    print_hex(h->layout_digest, 32);
    printf("\nlayout: %d registers in %d slots\n", a->nregs, a->nslots);
    for (i = 0; layout && i < a->nregs; i++) {
        const RisuRegDesc *r = &a->regs[i];

        printf("  %-10s %-4s slot %3u x%u features 0x%x mask 0x%016llx\n",
               r->name, class_name(r->cls), r->slot, r->nslots, r->features,
               (unsigned long long)r->mask);
    }
}

/* One line per record, then the registers that changed since the last. */
static void show_record(const RisuArchDesc *a, uint64_t idx,
                        const RisuState *st, const RisuState *prev)
{
    int i, k;

    printf("#%llu op %u pc 0x%08x insn 0x%08x", (unsigned long long)idx,
           st->op, st->pc_off, st->insn);
    if (st->signo || st->si_code || st->fault_flags || st->fault_addr) {
        printf(" signal %d si_code %d fault 0x%llx%s", st->signo, st->si_code,
               (unsigned long long)st->fault_addr,
               st->fault_flags & RISU_FAULT_IN_BLOCK ? " (block)" : "");
    }
    if (st->features != prev->features) {
        printf(" features 0x%x", st->features);
    }
    putchar('\n');
    for (i = 0; i < a->nregs; i++) {
        const RisuRegDesc *r = &a->regs[i];

        for (k = r->nslots - 1; k >= 0; k--) {
            if (st->slot[r->slot + k] != prev->slot[r->slot + k]) {
                break;
            }
        }
        if (k < 0) {
            continue;
        }
        printf("    %-10s 0x", r->name);
        for (k = r->nslots - 1; k >= 0; k--) {
            printf("%016llx%s", (unsigned long long)st->slot[r->slot + k],
                   k ? "_" : "");
        }
        putchar('\n');
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: risu-trace show [--layout] TRACE\n"
                    "       risu-trace verify TRACE\n"
                    "TRACE may be - for standard input.\n");
    return 1;
}

int main(int argc, char **argv)
{
    RisuTraceReader *r;
    RisuTraceHeader h;
    RisuState *st, *prev;
    const char *cmd, *path;
    int show, layout = 0, fd, rc;
    uint64_t n = 0;

    if (argc < 3) {
        return usage();
    }
    cmd = argv[1];
    show = !strcmp(cmd, "show");
    if (!show && strcmp(cmd, "verify")) {
        return usage();
    }
    if (show && argc == 4 && !strcmp(argv[2], "--layout")) {
        layout = 1;
    } else if (argc != 3) {
        return usage();
    }
    path = argv[argc - 1];
    fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
    if (fd < 0) {
        fprintf(stderr, "risu-trace: %s: %s\n", path, strerror(errno));
        return 1;
    }
    r = malloc(risu_trace_reader_size());
    st = calloc(1, sizeof(*st));
    prev = calloc(1, sizeof(*prev));
    if (!r || !st || !prev) {
        fprintf(stderr, "risu-trace: out of memory\n");
        return 1;
    }
    rc = risu_trace_reader_init(r, (RisuIO){ .opaque = &fd, .read = fd_read },
                                NULL, &h);
    if (!rc && show) {
        show_header(&h, risu_trace_reader_arch(r), layout);
    }
    while (!rc && (rc = risu_trace_read(r, st)) == 1) {
        if (show) {
            show_record(risu_trace_reader_arch(r), n, st, prev);
        }
        memcpy(prev, st, sizeof(*st));
        n++;
        rc = 0;
    }
    if (rc < 0) {
        fflush(stdout);
        fprintf(stderr, "risu-trace: %s: %s: %s (%llu records read)\n", path,
                risu_strerror(rc), risu_trace_reader_error(r),
                (unsigned long long)n);
    } else if (!show) {
        printf("%s: ok, %llu records, arch %s, %s\n", path,
               (unsigned long long)n, risu_trace_reader_arch(r)->name,
               h.compressed ? "zlib" : "stored");
    }
    free(r);
    free(st);
    free(prev);
    if (fd > 0) {
        close(fd);
    }
    return rc < 0 ? 2 : 0;
}
