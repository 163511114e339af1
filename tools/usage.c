/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The subcommand table, usage text and dispatch of risu-trace (kept out of
 * main's file so the unit tests can link every subcommand).
 */
#include <string.h>
#include "tools/cmds.h"
#include "tools/tutil.h"

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *usage;
    const char *what;
} cmds[] = {
    { "show", cmd_show,
      "show [--layout] [--image IMG] [--patterns DIR] TRACE",
      "Print every checkpoint of a trace." },
    { "verify", cmd_verify, "verify TRACE",
      "Check a trace's framing, checksums and digest." },
    { "show-image", cmd_show_image,
      "show-image [--json] [--arch A] [--patterns DIR] IMG",
      "Disassemble an image with pattern names and checkpoints." },
    { "diff", cmd_diff,
      "diff [--image IMG] [--keep-going] [--context N] [--max N] [--json]\n"
      "            [--patterns DIR] [--quiet] TRACE_A TRACE_B",
      "Compare two traces of one image; report the first divergence." },
    { "shrink", cmd_shrink,
      "shrink --image IMG (--ref TRACE | --ref-cmd CMD)\n"
      "            (--test TRACE | --test-cmd CMD | -- RUNNER-CMD...)\n"
      "            [-o OUT] [--repro DIR] [--at K] [--timeout S] [--json]\n"
      "            [--no-units] [--no-regs] [--patterns DIR] [--verbose]",
      "Cut a divergence down to a short image and a reproducer.\n"
      "CMD templates: {image} and {trace} are replaced (shell-quoted), {{\n"
      "gives a brace; after -- RUNNER-CMD, --master -t {trace} {image} is\n"
      "appended." },
    { "coverage", cmd_coverage,
      "coverage [--json] [--html FILE] [--image IMG]... [--patterns DIR]\n"
      "            IMG|TRACE...",
      "Count per pattern how often it was generated and executed;\n"
      "--html FILE also draws the per-tag counts as bars (inline SVG)." },
    { "arch", cmd_arch, "arch [--json]",
      "List the architectures this build knows and their register layouts." },
    { "meta", cmd_meta, "meta IMG",
      "Print the image's metadata (generator, options, seed, digests)." },
    { "progress", cmd_progress,
      "progress [--image IMG] [--patterns DIR] FILE",
      "Where a run is or was, from a runner's --progress FILE." },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static void print_usage(FILE *f)
{
    fputs("usage:\n", f);
    for (size_t i = 0; i < NCMDS; i++) {
        fprintf(f, "  risu-trace %s\n", cmds[i].usage);
    }
    fputs("TRACE may be - for standard input.  Exit: 0 ok/no differences, "
          "1 differences, 2 errors.\n", f);
}

int usage_error(const char *cmd)
{
    for (size_t i = 0; i < NCMDS; i++) {
        if (!strcmp(cmds[i].name, cmd)) {
            fprintf(stderr, "usage: risu-trace %s\n", cmds[i].usage);
            return RT_ERROR;
        }
    }
    print_usage(stderr);
    return RT_ERROR;
}

/*
 * "--help" among a subcommand's options (not after "--", where shrink's
 * runner command starts), or "-h" right after the subcommand.
 */
static bool wants_help(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[2], "-h")) {
        return true;
    }
    for (int i = 2; i < argc && strcmp(argv[i], "--"); i++) {
        if (!strcmp(argv[i], "--help")) {
            return true;
        }
    }
    return false;
}

static int cmd_help(const char *name)
{
    for (size_t i = 0; i < NCMDS; i++) {
        if (!strcmp(cmds[i].name, name)) {
            printf("usage: risu-trace %s\n%s\n"
                   "Exit: 0 ok/no differences, 1 differences, 2 errors.  "
                   "docs/host-tools.md\nhas every option.\n",
                   cmds[i].usage, cmds[i].what);
            return RT_OK;
        }
    }
    rt_err("unknown command '%s'", name);
    print_usage(stderr);
    return RT_ERROR;
}

int risu_trace_main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
                      !strcmp(argv[1], "help"))) {
        if (argc >= 3 && !strcmp(argv[1], "help")) {
            return cmd_help(argv[2]);
        }
        print_usage(stdout);
        return RT_OK;
    }
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        printf("risu-trace (risu-dt) %s\n", RISU_DT_VERSION);
        return RT_OK;
    }
    if (wants_help(argc, argv)) {
        return cmd_help(argv[1]);
    }
    if (argc < 2) {
        print_usage(stderr);
        return RT_ERROR;
    }
    for (size_t i = 0; i < NCMDS; i++) {
        if (!strcmp(argv[1], cmds[i].name)) {
            return cmds[i].fn(argc - 1, argv + 1);
        }
    }
    rt_err("unknown command '%s'", argv[1]);
    print_usage(stderr);
    return RT_ERROR;
}
