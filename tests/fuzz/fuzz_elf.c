/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the runner's ELF image checks (make fuzz-elf):
 * runner/elfload.c built for the host, over arbitrary files.  The file
 * buffer is exactly the input's size, so any read past it is an ASan
 * error; an image it accepts must have its code, segments and note
 * inside the file.  The runner's own header is a little-endian MIPS one
 * (the seeds' machine), so inputs get past the e_machine check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runner/load.h"
#include "runner/rt/rt.h"

const uint8_t __ehdr_start[64] = { 0x7f, 'E', 'L', 'F', 1, 1, 1, 0,
                                   [16] = 2, [18] = 8 };
unsigned long rt_pagesize = 4096;

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return vsnprintf(buf, size, fmt, ap);
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* The runner's memory block and stack (runner/load.c's hints). */
int risu_image_reserved(uint64_t addr, uint64_t len)
{
    return addr < 0x38040000u && 0x30000000u < addr + len;
}

static int inside(const RisuImage *img, const uint8_t *p, uint64_t n)
{
    return p >= img->file && (uint64_t)(p - img->file) <= img->file_len &&
           n <= img->file_len - (uint64_t)(p - img->file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RisuImage img;
    char err[256];

    memset(&img, 0, sizeof(img));
    img.file = malloc(size ? size : 1);
    memcpy(img.file, data, size);
    img.file_len = size;
    if (!risu_elf_parse(&img, "fuzz", err, sizeof(err))) {
        if (!inside(&img, img.code, img.code_len) ||
            (img.has_meta && !inside(&img, img.meta, img.meta_len))) {
            abort();
        }
        for (uint32_t i = 0; i < img.nsegs; i++) {
            if (!inside(&img, img.file + img.segs[i].off,
                        img.segs[i].filesz) ||
                img.segs[i].filesz > img.segs[i].memsz) {
                abort();
            }
        }
    } else if (strncmp(err, "image fuzz: ELF offset ", 23)) {
        abort();        /* every refusal names its offset */
    }
    free(img.file);
    return 0;
}
