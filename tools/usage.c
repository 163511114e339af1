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
} cmds[] = {
    { "show", cmd_show,
      "show [--layout] [--image IMG] [--patterns DIR] TRACE" },
    { "verify", cmd_verify, "verify TRACE" },
    { "show-image", cmd_show_image,
      "show-image [--json] [--arch A] [--patterns DIR] IMG" },
    { "diff", cmd_diff,
      "diff [--image IMG] [--keep-going] [--context N] [--max N] [--json]\n"
      "            [--patterns DIR] [--quiet] TRACE_A TRACE_B" },
    { "shrink", cmd_shrink,
      "shrink --image IMG (--ref TRACE | --ref-cmd CMD)\n"
      "            (--test TRACE | --test-cmd CMD | -- RUNNER-CMD...)\n"
      "            [-o OUT] [--repro DIR] [--at K] [--timeout S] [--json]\n"
      "            [--no-units] [--no-regs] [--patterns DIR] [--verbose]" },
    { "coverage", cmd_coverage,
      "coverage [--json] [--image IMG]... [--patterns DIR] IMG|TRACE..." },
    { "arch", cmd_arch, "arch [--json]" },
    { "meta", cmd_meta, "meta IMG" },
    { "progress", cmd_progress,
      "progress [--image IMG] [--patterns DIR] FILE" },
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

int risu_trace_main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
                      !strcmp(argv[1], "help"))) {
        print_usage(stdout);
        return RT_OK;
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
