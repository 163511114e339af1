/* SPDX-License-Identifier: GPL-2.0-or-later */
/* risu-trace subcommands (one file each) and what they share. */
#ifndef TOOLS_CMDS_H
#define TOOLS_CMDS_H

#include <stddef.h>
#include <stdint.h>
#include "arch/archtab.h"
#include "tools/tracein.h"

int cmd_show(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_show_image(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_shrink(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_arch(int argc, char **argv);
int cmd_meta(int argc, char **argv);
int cmd_progress(int argc, char **argv);

/* Dispatch argv[1] to its subcommand (tools/usage.c). */
int risu_trace_main(int argc, char **argv);
/* Print the usage of one subcommand to stderr; returns RT_ERROR. */
int usage_error(const char *cmd);
/* Two traces of one experiment: same arch, image and layout. */
int check_pair(const TraceIn *a, const TraceIn *b, char *err, size_t errlen);
/*
 * The preamble's data block: an image starts with OPTRAP SETADDR and an
 * unconditional branch over the register values.  Gives [from, to) of
 * the bytes the branch skips, or false if the image does not start so.
 */
bool preamble_data(const ArchHost *a, const uint8_t *code, uint32_t len,
                   uint32_t *from, uint32_t *to);

#endif
