/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace meta IMG: an image's metadata as JSON, read by the one
 * metadata parser (format/meta.c through tools/timage.c), so scripts
 * (the nightly driver) never parse the format themselves.
 */
#include <stdio.h>
#include <string.h>
#include "tools/cmds.h"
#include "tools/lib/json.h"
#include "tools/timage.h"
#include "tools/tutil.h"

static void meta_keys(JsonW *j, const TImage *img)
{
    json_key(j, "metadata");
    json_obj(j);
    for (int i = 0; i < img->nklines; i++) {
        const char *kl = img->klines[i], *eq = strchr(kl, '=');
        char key[128];
        size_t n;

        if (!eq || (n = (size_t)(eq - kl)) >= sizeof(key)) {
            continue;
        }
        memcpy(key, kl, n);
        key[n] = 0;
        /* Repeated key: its own list below. */
        if (strcmp(key, "pattern-file")) {
            json_kstr(j, key, eq + 1);
        }
    }
    json_obj_end(j);
}

static void meta_lists(JsonW *j, const TImage *img)
{
    json_key(j, "pattern_files");
    json_arr(j);
    for (int i = 0; i < img->npfiles; i++) {
        json_arr(j);
        json_str(j, img->pfiles[i].name);
        json_str(j, img->pfiles[i].sha);
        json_arr_end(j);
    }
    json_arr_end(j);
    json_key(j, "insns");
    json_arr(j);
    for (uint32_t i = 0; i < img->ninsns; i++) {
        json_arr(j);
        json_uint(j, img->insn_off[i]);
        json_str(j, img->insn_name[i]);
        json_arr_end(j);
    }
    json_arr_end(j);
}

int cmd_meta(int argc, char **argv)
{
    TImage img;
    JsonW jw;
    char err[600], hex[65];

    if (argc != 2 || argv[1][0] == '-') {
        rt_err("usage: risu-trace meta IMG");
        return RT_ERROR;
    }
    memset(&img, 0, sizeof(img));
    if (timg_load(&img, argv[1], err, sizeof(err))) {
        rt_err("%s", err);
        return RT_ERROR;
    }
    if (!img.has_meta) {
        rt_err("%s: no risu-dt metadata (not a risugen image?)", argv[1]);
        timg_free(&img);
        return RT_ERROR;
    }
    json_init(&jw, stdout, true);
    json_obj(&jw);
    json_kstr(&jw, "schema", "risu-trace-meta/1");
    json_kstr(&jw, "format", img.is_elf ? "elf" : "raw");
    hex_bytes(hex, img.digest, 32);
    json_kstr(&jw, "sha256", hex);
    json_kuint(&jw, "code_offset", img.code_file_off);
    json_kuint(&jw, "code_bytes", img.code_len);
    meta_keys(&jw, &img);
    meta_lists(&jw, &img);
    json_obj_end(&jw);
    json_end(&jw);
    timg_free(&img);
    return RT_OK;
}
