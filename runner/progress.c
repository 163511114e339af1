/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The progress page behind --progress / --peer-progress (format/progress.h).
 * A shared file mapping: the stores reach the page cache at once and
 * survive the process, whatever kills it, at no system call per trap.
 */
#include <asm/fcntl.h>
#include <linux/mman.h>
#include "runner/progress.h"
#include "runner/rt/rt.h"

static uint8_t *page;

int risu_progress_open(const char *path, const uint8_t digest[32],
                       char *err, size_t errlen)
{
    uint8_t init[RISU_PROGRESS_SIZE];
    RisuProgress pr;
    unsigned long len = rt_pagesize ? rt_pagesize : 4096;
    void *p;
    int fd = rt_open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

    if (fd < 0) {
        rt_snprintf(err, errlen, "cannot create progress file %s: %s", path,
                    rt_strerror(-fd));
        return -1;
    }
    memset(&pr, 0, sizeof(pr));
    memcpy(pr.image_digest, digest, 32);
    risu_progress_encode(init, &pr);
    /* The page holds only bytes inside the file, so they are kept. */
    if (rt_write_all(fd, init, sizeof(init)) < 0) {
        rt_close(fd);
        rt_snprintf(err, errlen, "cannot write progress file %s", path);
        return -1;
    }
    p = rt_mmap(0, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
    rt_close(fd);
    if ((unsigned long)p > -4096ul) {
        rt_snprintf(err, errlen, "cannot map progress file %s: %s", path,
                    rt_strerror((int)-(long)p));
        return -1;
    }
    page = p;
    return 0;
}

void risu_progress_trap(uint32_t off)
{
    if (page) {
        risu_put_le32(page + 32, off);
        page[20] = 1;
    }
}

void risu_progress_checkpoints(uint64_t n)
{
    if (page) {
        risu_put_le64(page + 24, n);
    }
}

void risu_progress_state(uint32_t state, uint32_t status)
{
    if (page) {
        risu_put_le32(page + 16, status);
        risu_put_le32(page + 12, state);
    }
}

int risu_progress_read(const char *path, RisuProgress *out, char *err,
                       size_t errlen)
{
    uint8_t buf[RISU_PROGRESS_SIZE];
    long n = 0, r = 0;
    int fd = rt_open(path, O_RDONLY, 0);

    if (fd < 0) {
        rt_snprintf(err, errlen, "cannot open %s: %s", path,
                    rt_strerror(-fd));
        return -1;
    }
    while (n < (long)sizeof(buf) &&
           (r = rt_read(fd, buf + n, sizeof(buf) - n)) > 0) {
        n += r;
    }
    rt_close(fd);
    if (risu_progress_decode(buf, (size_t)n, out) < 0) {
        rt_snprintf(err, errlen, "%s is not a progress file", path);
        return -1;
    }
    return 0;
}
