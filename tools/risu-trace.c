/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace: look at traces and images on the host, diff two traces,
 * shrink a divergence to a reproducer, and measure coverage.  Works for
 * any supported architecture and byte order on any host: the register
 * layout comes from the trace header, the instruction encoding from the
 * image metadata.  docs/host-tools.md has the details and the JSON
 * schemas.
 *
 * Exit status (every subcommand): 0 ok / no differences, 1 the traces
 * differ (diff, shrink: no divergence left to shrink is 2), 2 errors:
 * usage, unreadable, cut or corrupt files, traces that do not belong
 * together.
 */
#include "tools/cmds.h"
#include "tools/tutil.h"

int main(int argc, char **argv)
{
    xalloc_set_failure(rt_out_of_memory);
    return risu_trace_main(argc, argv);
}
