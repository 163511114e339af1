/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-decode: check decodetree files as decodetree.py does, list their
 * patterns, and classify instruction words the way the decoder QEMU
 * generates from them would.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "decode/annot.h"
#include "decode/list-json.h"

static void usage(FILE *out)
{
    fprintf(out,
"usage: risu-decode [OPTIONS] FILE... [-- WORD...]\n"
"\n"
"Parse decodetree FILEs as one namespace, with every check that QEMU's\n"
"scripts/decodetree.py makes; diagnostics are \"file:line: error: msg\".\n"
"\n"
"  -w, --insnwidth N      instruction width 16, 32 (default) or 64\n"
"      --varinsnwidth N   variable-length instructions of at most N bits\n"
"      --decode NAME      as decodetree.py: names inferred argument sets\n"
"      --static-decode NAME  and formats (NAME0.., NAME_Fmt_0..)\n"
"      --overlay FILE     annotation overlay (repeatable)\n"
"      --check            only check (the default without words or --list);\n"
"                         --output-null and --translate are accepted too\n"
"  -l, --list             print every pattern: file:line, fixed mask/bits,\n"
"                         '-' mask, argument set, fields, annotations\n"
"      --json             with --list: one JSON array on stdout, an object\n"
"                         per pattern (masks as hex strings)\n"
"  -h, --help             this text\n"
"      --version          print the version\n"
"\n"
"Words to decode follow \"--\": hexadecimal, with or without 0x.  A \"-\"\n"
"reads words from standard input, one per line ('#' starts a comment).\n"
"Each prints \"WORD NAME arg=value...\" (raw field values; \"=>N\" adds the\n"
"value after a known !function) or \"WORD undefined\".  With\n"
"--varinsnwidth, words are left-aligned in N bits, as the generated\n"
"decoder sees them.\n"
"\n"
"Exit status: 0 success, 1 errors in the files or a bad word, 2 usage.\n");
}

static void print_field(const DtField *f)
{
    StrBuf b = { 0 };

    dt_field_text(&b, f);
    fputs(b.s ? b.s : "", stdout);
    sb_free(&b);
}

static const char *arg_name(const DtPattern *p, int idx)
{
    return idx >= 0 && idx < p->nargs ? p->args[idx].name : "?";
}

static void print_annot(const DtPattern *p)
{
    const DtAnnot *a = &p->annot;

    for (int i = 0; i < a->nroles; i++) {
        printf("    reg %s %s\n", a->roles[i].cls, a->roles[i].field);
    }
    for (int i = 0; i < a->nconstraints; i++) {
        printf("    constraint %s\n", dt_expr_text(a->constraints[i]));
    }
    for (int i = 0; i < a->nreserved; i++) {
        printf("    reserved %s\n", dt_expr_text(a->reserved[i]));
    }
    if (a->mem.present) {
        printf("    mem base=%s", a->mem.base);
        if (a->mem.index) {
            printf(" index=%s", a->mem.index);
        }
        if (a->mem.offset) {
            printf(" offset=%s", dt_expr_text(a->mem.offset));
        }
        if (a->mem.scale) {
            printf(" scale=%s", dt_expr_text(a->mem.scale));
        }
        printf(" size=%d align=%d%s%s\n", a->mem.size, a->mem.align,
               a->mem.post ? " post" : "", a->mem.writeback ? " wb" : "");
    }
    if (a->ntags) {
        printf("    tags");
        for (int i = 0; i < a->ntags; i++) {
            printf(" %s", a->tags[i]);
        }
        printf("\n");
    }
    if (a->nrequires) {
        printf("    requires");
        for (int i = 0; i < a->nrequires; i++) {
            printf(" %s", a->requires[i]);
        }
        printf("\n");
    }
    if (a->weight != 1) {
        printf("    weight %u\n", a->weight);
    }
    if (a->never) {
        printf("    never%s%s\n", a->never_reason ? " " : "",
               a->never_reason ? a->never_reason : "");
    }
    if (a->has_dontcare) {
        printf("    dontcare 0x%llx\n", (unsigned long long)a->dontcare);
    }
    (void)arg_name;
}

static void list_patterns(const DtSet *s)
{
    int hex = dt_set_insnwidth(s) / 4;

    for (size_t i = 0; i < dt_set_npatterns(s); i++) {
        const DtPattern *p = dt_set_pattern(s, i);
        printf("%s:%d: %s width=%d fixed=0x%0*llx/0x%0*llx "
               "dontcare=0x%0*llx &%s", p->file, p->line, p->name, p->width,
               hex, (unsigned long long)p->fixedmask,
               hex, (unsigned long long)p->fixedbits,
               hex, (unsigned long long)p->dontcaremask, p->argset);
        for (int k = 0; k < p->nargs; k++) {
            const DtArg *a = &p->args[k];
            printf(" %s=", a->name);
            if (a->kind == DT_ARG_CONST) {
                printf("%lld", (long long)a->value);
            } else {
                print_field(a->field);
            }
        }
        printf("\n");
        print_annot(p);
    }
}

static bool parse_word(const char *t, uint64_t *w)
{
    char *end;

    while (*t == ' ' || *t == '\t') {
        t++;
    }
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        t += 2;
    }
    if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f') ||
          (*t >= 'A' && *t <= 'F'))) {
        return false;
    }
    errno = 0;
    *w = strtoull(t, &end, 16);
    while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n') {
        end++;
    }
    return errno == 0 && *end == 0;
}

static void decode_one(const DtSet *s, uint64_t w)
{
    int64_t args[DT_MAX_ARGS];
    int hex = dt_set_insnwidth(s) / 4;
    const DtPattern *p = dt_decode(s, w, args);

    printf("0x%0*llx ", hex, (unsigned long long)w);
    if (!p) {
        printf("undefined\n");
        return;
    }
    printf("%s", p->name);
    for (int k = 0; k < p->nargs && k < DT_MAX_ARGS; k++) {
        const DtArg *a = &p->args[k];
        int64_t dec;
        printf(" %s=%lld", a->name, (long long)args[k]);
        if (a->kind == DT_ARG_FIELD && a->field->func &&
            dt_func_apply(a->field->func, args[k], &dec)) {
            printf("=>%lld", (long long)dec);
        }
    }
    printf("\n");
}

/* Returns false on a malformed word (reported). */
static bool decode_arg(const DtSet *s, const char *t, const char *where,
                       int line)
{
    uint64_t w;
    uint64_t mask = dt_set_insnwidth(s) == 64 ? ~0ULL
                    : (1ULL << dt_set_insnwidth(s)) - 1;

    if (!parse_word(t, &w) || (w & ~mask)) {
        if (line) {
            fprintf(stderr, "%s:%d: error: bad instruction word '%s'\n",
                    where, line, t);
        } else {
            fprintf(stderr, "risu-decode: error: bad instruction word '%s'\n",
                    t);
        }
        return false;
    }
    decode_one(s, w);
    return true;
}

/*
 * A word is at most 64 bits: a line longer than this is not a list of
 * words (binary input, /dev/zero), and reading it whole would not end.
 */
#define MAX_LINE 4096

/* One line into buf (NUL-terminated, newline dropped); 0 at EOF, -1 when
 * it is too long or holds a NUL byte. */
static int read_line(char *buf, size_t size)
{
    size_t n = 0;
    int c;

    while ((c = getchar()) != EOF && c != '\n') {
        if (c == 0 || n + 1 >= size) {
            return -1;
        }
        buf[n++] = (char)c;
    }
    buf[n] = 0;
    return c == EOF && n == 0 ? 0 : 1;
}

static bool decode_stdin(const DtSet *s)
{
    char line[MAX_LINE];
    int lineno = 0, r;
    bool ok = true;

    while ((r = read_line(line, sizeof(line))) > 0) {
        char *h = strchr(line, '#');
        char *t = line;
        lineno++;
        if (h) {
            *h = 0;
        }
        while (*t == ' ' || *t == '\t') {
            t++;
        }
        if (*t == 0 || *t == '\r') {
            continue;
        }
        t[strcspn(t, "\r")] = 0;
        ok &= decode_arg(s, t, "<stdin>", lineno);
    }
    if (r < 0) {
        fprintf(stderr, "<stdin>:%d: error: a NUL byte or a line longer "
                "than %d bytes: not a list of instruction words\n",
                lineno + 1, MAX_LINE - 1);
        exit(2);
    }
    if (ferror(stdin)) {
        fprintf(stderr, "risu-decode: error: reading standard input: %s\n",
                strerror(errno));
        exit(2);
    }
    return ok;
}

enum {
    OPT_VARWIDTH = 256,
    OPT_DECODE,
    OPT_STATIC_DECODE,
    OPT_OVERLAY,
    OPT_CHECK,
    OPT_TRANSLATE,
    OPT_OUTPUT_NULL,
    OPT_VERSION,
    OPT_JSON,
};

/* What the command line asks for. */
typedef struct Cmd {
    DtOptions opts;
    const char **overlays;
    int noverlays;
    bool list;
    bool json;              /* --list as JSON */
    int firstword;          /* index of "--" in argv, or argc */
} Cmd;

/*
 * The options before cmd->firstword.  Returns -1 to go on, or the exit
 * status (after --help or a reported error).
 */
static int parse_options(Cmd *cmd, char **argv)
{
    static const struct option longopts[] = {
        { "insnwidth", required_argument, NULL, 'w' },
        { "varinsnwidth", required_argument, NULL, OPT_VARWIDTH },
        { "decode", required_argument, NULL, OPT_DECODE },
        { "static-decode", required_argument, NULL, OPT_STATIC_DECODE },
        { "overlay", required_argument, NULL, OPT_OVERLAY },
        { "check", no_argument, NULL, OPT_CHECK },
        { "output-null", no_argument, NULL, OPT_OUTPUT_NULL },
        { "translate", required_argument, NULL, OPT_TRANSLATE },
        { "list", no_argument, NULL, 'l' },
        { "json", no_argument, NULL, OPT_JSON },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(cmd->firstword, argv, "w:lh", longopts,
                            NULL)) != -1) {
        char *end;
        long v;
        switch (c) {
        case 'w':
        case OPT_VARWIDTH:
            v = strtol(optarg, &end, 10);
            if (*end || (v != 16 && v != 32 && v != 64)) {
                fprintf(stderr, "risu-decode: error: cannot handle insns of "
                        "width %s\n", optarg);
                return 2;
            }
            if (c == 'w') {
                cmd->opts.insnwidth = (int)v;
                cmd->opts.varinsnwidth = 0;
            } else {
                cmd->opts.varinsnwidth = (int)v;
            }
            break;
        case OPT_DECODE:
        case OPT_STATIC_DECODE:
            cmd->opts.decode_name = optarg;
            break;
        case OPT_OVERLAY:
            cmd->overlays[cmd->noverlays++] = optarg;
            break;
        case OPT_CHECK:
        case OPT_OUTPUT_NULL:
        case OPT_TRANSLATE:
            break;
        case 'l':
            cmd->list = true;
            break;
        case OPT_JSON:
            cmd->json = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case OPT_VERSION:
            printf("risu-decode (risu-dt) %s\n", RISU_DT_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    return -1;
}

int main(int argc, char **argv)
{
    Cmd cmd = { .firstword = argc };
    int nfiles, status;
    DtSet *s;
    bool ok = true;

    cmd.overlays = calloc((size_t)argc + 1, sizeof(char *));
    if (!cmd.overlays) {
        return 1;
    }
    /* Words after "--" are not options; getopt must not see them. */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            cmd.firstword = i;
            break;
        }
    }
    status = parse_options(&cmd, argv);
    if (status >= 0) {
        free(cmd.overlays);
        return status;
    }
    if (cmd.json && !cmd.list) {
        fprintf(stderr, "risu-decode: error: --json needs --list\n");
        free(cmd.overlays);
        return 2;
    }
    nfiles = cmd.firstword - optind;
    if (nfiles <= 0) {
        fprintf(stderr, "risu-decode: error: missing input file\n");
        usage(stderr);
        free(cmd.overlays);
        return 2;
    }

    s = dt_set_new(&cmd.opts);
    for (int i = optind; i < cmd.firstword; i++) {
        dt_set_add_file(s, argv[i]);
    }
    for (int i = 0; i < cmd.noverlays; i++) {
        dt_set_add_overlay(s, cmd.overlays[i]);
    }
    dt_set_finish(s);
    free(cmd.overlays);
    if (dt_set_nerrors(s)) {
        dt_set_print_errors(s, stderr);
        dt_set_free(s);
        return 1;
    }
    if (cmd.list && cmd.json) {
        dt_list_json(s, stdout);
    } else if (cmd.list) {
        list_patterns(s);
    }
    for (int i = cmd.firstword + 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            ok &= decode_stdin(s);
        } else {
            ok &= decode_arg(s, argv[i], NULL, 0);
        }
    }
    if (fflush(stdout) != 0) {
        perror("risu-decode: stdout");
        ok = false;
    }
    dt_set_free(s);
    return ok ? 0 : 1;
}
