/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace progress [--image IMG] [--patterns DIR] FILE
 *
 * A runner's --progress page (format/progress.h) in words: whether the
 * runner exited (and how) or died while the test code ran, and then, with
 * the image, the test word it died on, disassembled.  Exit 0 when it
 * exited 0, 1 when it died or exited 1, 2 on errors or exit status 2.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format/progress.h"
#include "tools/cmds.h"
#include "tools/tctx.h"
#include "tools/tutil.h"

static int read_page(const char *path, RisuProgress *pr)
{
    uint8_t buf[RISU_PROGRESS_SIZE];
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f) {
        rt_err("%s: cannot open", path);
        return -1;
    }
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    if (risu_progress_decode(buf, n, pr) < 0) {
        rt_err("%s: not a progress file (risu --progress)", path);
        return -1;
    }
    return 0;
}

/*
 * The test word: the one that raised the last signal, when a generated
 * instruction did (QEMU 7.2 raises SIGILL for some words, then aborts),
 * else the first generated instruction after that trap.
 */
static void say_word(TCtx *c, const RisuProgress *pr)
{
    const TImage *im = &c->img;
    uint32_t from = pr->has_off ? pr->last_off : 0, i, insn = 0;
    InsnInfo ii;

    for (i = 0; i < im->ninsns && im->insn_off[i] < from; i++) {
    }
    if (pr->has_off && i < im->ninsns && im->insn_off[i] == from) {
        printf("the last signal came from the test word itself\n");
    }
    if (i == im->ninsns) {
        printf("test word: none after +0x%x in the image\n", pr->last_off);
        return;
    }
    arch_insn_at(c->ta, im->code, im->code_len, im->insn_off[i], &insn);
    tctx_explain(c, insn, true, im->insn_off[i], &ii);
    printf("test word: +0x%x 0x%0*x  %s", ii.off, ii.size * 2, ii.insn,
           ii.dis);
    if (ii.table || ii.hit_ok) {
        printf("  [%s%s%s]", ii.table ? ii.table : ii.hit.p->name,
               ii.hit_ok && ii.fields[0] ? " " : "",
               ii.hit_ok ? ii.fields : "");
    }
    putchar('\n');
}

static int load_image(TCtx *c, const char *path, const RisuProgress *pr)
{
    char err[600];

    if (tctx_load_image(c, path, err, sizeof(err))) {
        rt_err("%s", err);
        return -1;
    }
    if (memcmp(c->img.digest, pr->image_digest, 32)) {
        rt_err("%s is not the image the progress file is about", path);
        return -1;
    }
    tctx_settle(c, NULL, err, sizeof(err));
    return 0;
}

static int report(TCtx *c, const RisuProgress *pr, bool have_img)
{
    printf("checkpoints: %llu\n", (unsigned long long)pr->checkpoints);
    if (pr->has_off) {
        printf("last trap: +0x%x\n", pr->last_off);
    }
    switch (pr->state) {
    case RISU_PROG_EXITED:
        printf("state: exited with status %u\n", pr->status);
        return pr->status == 0 ? RT_OK : pr->status == 1 ? RT_DIFFER
                                                         : RT_ERROR;
    case RISU_PROG_STARTING:
        printf("state: died (or still runs) before the image started\n");
        return RT_DIFFER;
    default:
        printf("state: died (or still runs) while the test code ran: QEMU "
               "aborted or crashed, or the process was killed\n");
        if (have_img) {
            say_word(c, pr);
        } else {
            printf("test word: give --image to name it\n");
        }
        return RT_DIFFER;
    }
}

int cmd_progress(int argc, char **argv)
{
    static const struct option lo[] = {
        { "image", required_argument, NULL, 'i' },
        { "patterns", required_argument, NULL, 'p' },
        { NULL, 0, NULL, 0 },
    };
    TCtx c = { 0 };
    RisuProgress pr;
    const char *image = NULL;
    int opt, rc;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "i:p:", lo, NULL)) != -1) {
        if (opt == 'i') {
            image = optarg;
        } else if (opt == 'p') {
            tctx_add_patdir(&c, optarg);
        } else {
            free(c.patdirs);
            return usage_error("progress");
        }
    }
    if (argc - optind != 1) {
        free(c.patdirs);
        return usage_error("progress");
    }
    if (read_page(argv[optind], &pr) ||
        (image && load_image(&c, image, &pr))) {
        tctx_free(&c);
        free(c.patdirs);
        return RT_ERROR;
    }
    rc = report(&c, &pr, image != NULL);
    tctx_free(&c);
    free(c.patdirs);
    return rc;
}
