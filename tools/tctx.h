/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What explaining an instruction needs, in one place: the target (its
 * host face from the registry, arch/host.h), the optional image with its
 * pattern files, and capstone.
 * show, diff, shrink and coverage all build one.
 */
#ifndef TOOLS_TCTX_H
#define TOOLS_TCTX_H

#include <stdbool.h>
#include <stdint.h>
#include "tools/disasm.h"
#include "tools/patset.h"
#include "arch/archtab.h"
#include "tools/timage.h"
#include "tools/tracein.h"

typedef struct TCtx {
    const ArchHost *ta;
    bool ta_known;
    TImage img;
    bool have_img;
    PatSet ps;
    bool have_ps;
    Disasm *dis;
    char **patdirs;       /* --patterns DIR (repeatable) */
    int npatdirs;
} TCtx;

/* Another --patterns DIR (before tctx_load_image; freed by the caller). */
void tctx_add_patdir(TCtx *c, char *dir);
/* Load an image and its pattern files; 0, or -1 with err (exit 2). */
int tctx_load_image(TCtx *c, const char *path, char *err, size_t errlen);
/*
 * Settle the target from a trace header (and the image, which knows
 * Thumb and R6 exactly).  Fails when image and trace disagree on the
 * architecture or byte order.
 */
int tctx_settle(TCtx *c, const TraceIn *t, char *err, size_t errlen);
void tctx_free(TCtx *c);

typedef struct InsnInfo {
    uint32_t insn;
    int size;             /* bytes */
    bool off_known;
    uint32_t off;         /* image offset of the instruction */
    const char *table;    /* pattern name from the image table, or NULL */
    char edge[200];       /* an edge word's description, or "" */
    bool dis_ok;
    char dis[160];        /* capstone text, or why there is none */
    bool hit_ok;          /* our decoder knows it */
    PsHit hit;
    char fields[320];
} InsnInfo;

void tctx_explain(TCtx *c, uint32_t insn, bool off_known, uint32_t off,
                  InsnInfo *ii);
/*
 * Image offset of the generated instruction a checkpoint at `pc` tests:
 * the last table entry before pc and at or after prev_end (the end of
 * the previous checkpoint's trap).  False without an image or entry.
 */
/*
 * Is pc the join checkpoint of a branch group?  Then *b is the branch's
 * index in the image table and *slot the next instruction's, its delay
 * slot if it has one (-1: none in the group).
 */
bool tctx_join_of(const TCtx *c, uint32_t pc, long *b, long *slot);
bool tctx_insn_off(const TCtx *c, uint32_t prev_end, uint32_t pc,
                   uint32_t *off);
/* Bytes of the trap at pc (checkpoint or optrap), from the image. */
uint32_t tctx_trap_len(const TCtx *c, uint32_t pc);
/* One line describing the code word(s) at off; returns bytes consumed. */
int tctx_describe_at(TCtx *c, uint32_t off, char *out, size_t outlen,
                     InsnInfo *ii, int *kind);
enum { TK_INSN, TK_GEN, TK_CHECKPOINT, TK_OPTRAP, TK_DATA };

#endif
