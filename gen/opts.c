/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risugen command line.  Options follow Linaro risugen where the meaning
 * is the same (--numinsns, --pattern, --not-pattern, --group, positional
 * "INPUT OUTPUT"); everything else is ours.  See docs/risugen.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "arch/archtab.h"
#include "gen/gen.h"

enum {
    OPT_ARCH = 256, OPT_PATTERN, OPT_NOTPATTERN, OPT_GROUP, OPT_INSNWIDTH,
    OPT_OVERLAY, OPT_FEATURES, OPT_CPU, OPT_CKEVERY, OPT_FORMAT, OPT_UNDEF,
    OPT_EDGE, OPT_SPACE,
    OPT_VERIFY, OPT_LIST, OPT_DRYRUN, OPT_MEM, OPT_CMPMEM, OPT_STATS,
    OPT_DROP, OPT_HELP, OPT_VERSION, OPT_RUNNERS, OPT_JSON, OPT_UNMATCHED,
};

static const struct option longopts[] = {
    { "arch", required_argument, NULL, OPT_ARCH },
    { "numinsns", required_argument, NULL, 'n' },
    { "seed", required_argument, NULL, 's' },
    { "pattern", required_argument, NULL, OPT_PATTERN },
    { "not-pattern", required_argument, NULL, OPT_NOTPATTERN },
    { "group", required_argument, NULL, OPT_GROUP },
    { "insnwidth", required_argument, NULL, OPT_INSNWIDTH },
    { "overlay", required_argument, NULL, OPT_OVERLAY },
    { "features", required_argument, NULL, OPT_FEATURES },
    { "cpu", required_argument, NULL, OPT_CPU },
    { "checkpoint-every", required_argument, NULL, OPT_CKEVERY },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "undef", optional_argument, NULL, OPT_UNDEF },
    { "edge", required_argument, NULL, OPT_EDGE },
    { "space", required_argument, NULL, OPT_SPACE },
    { "verify", optional_argument, NULL, OPT_VERIFY },
    { "list", no_argument, NULL, OPT_LIST },
    { "dry-run", no_argument, NULL, OPT_DRYRUN },
    { "mem", required_argument, NULL, OPT_MEM },
    { "comparemem-every", required_argument, NULL, OPT_CMPMEM },
    { "stats", optional_argument, NULL, OPT_STATS },
    { "json", no_argument, NULL, OPT_JSON },
    { "drop-unsatisfiable", no_argument, NULL, OPT_DROP },
    { "allow-unmatched-overlay", no_argument, NULL, OPT_UNMATCHED },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { "list-runners", no_argument, NULL, OPT_RUNNERS },
    { "quiet", no_argument, NULL, 'q' },
    { NULL, 0, NULL, 0 },
};

/* "  --arch A  target: a b c", wrapped at 72 columns. */
static void usage_arches(FILE *f)
{
    int col = fprintf(f, "  --arch A               target:");

    for (const ArchEntry *e = arch_table; e->name; e++) {
        if (col + 1 + (int)strlen(e->name) > 72) {
            col = fprintf(f, "\n%24s", "");
        }
        col += fprintf(f, " %s", e->name);
    }
    fputc('\n', f);
}

static void usage(FILE *f)
{
    fputs("usage: risugen [options] [FILE...] [OUT]\n", f);
    usage_arches(f);
    fputs(
"  -o OUT                 output image (else the last positional argument)\n"
"  -n, --numinsns N       test instructions to generate (default 10000)\n"
"  -s, --seed S           PRNG seed, or 'random' (default 0)\n"
"  --pattern RE           only patterns whose whole name matches RE (ERE)\n"
"  --not-pattern RE       exclude patterns whose name matches RE\n"
"  --group G[,G]          only patterns tagged G (any of the groups)\n"
"  --insnwidth N          decodetree width of the FILEs that follow\n"
"  --overlay F            annotation overlay applied to every set\n"
"  --features LIST        add (X) or remove (no-X) target features\n"
"  --cpu MODEL            features of a QEMU CPU model (--cpu help)\n"
"  --checkpoint-every K   checkpoint after every K instructions (1)\n"
"  --comparemem-every K   COMPAREMEM after every K memory insns (16)\n"
"  --mem MODES            memory offsets: aligned,unaligned,guard\n"
"  --format raw|elf       image format (default raw; elf if OUT is *.elf)\n"
"  --edge CLASSES[:N]     also emit an edge word every N insns (16):\n"
"                         reserved,neighbour,absent or all (should SIGILL)\n"
"  --undef[=N]            the same as --edge neighbour:N\n"
"  --space LIST           the encoding space list for --edge (default\n"
"                         arch/<family>/space-<arch>.list)\n"
"  --verify[=objdump]     disassemble every word and report mismatches\n"
"                         (=objdump: objdump alone, no capstone)\n"
"  --list                 print the selected patterns and exit\n"
"  --dry-run              print the sequence, write nothing\n"
"  --stats[=json]         print speed and peak memory on stderr\n"
"  --json                 --list prints a JSON array on stdout (name, file,\n"
"                         line, weight, tags, requires, mem), --stats\n"
"                         one JSON object on stderr\n"
"  --drop-unsatisfiable   warn about and skip patterns that cannot be\n"
"                         generated, instead of failing\n"
"  --allow-unmatched-overlay  list overlay lines that match no pattern\n"
"                         (an overlay written for a newer file) on\n"
"                         stderr instead of failing\n"
"  -q, --quiet            no line on stderr saying what was written\n"
"  --list-runners         which runner and qemu-user program run each\n"
"                         --arch/--cpu pair (a Markdown table)\n"
"  -h, --help             this text\n"
"      --version          print the version\n"
"Each FILE is one decodetree namespace; FILE+FILE joins files into one.\n"
"Without FILE the arch's default list arch/<family>/default-<arch>.list\n"
"is used.\n", f);
}

static uint64_t parse_num(const char *opt, const char *s, uint64_t min,
                          uint64_t max)
{
    char *end;
    errno = 0;
    if (*s == '-') {
        gen_fatal("%s: '%s' is not a non-negative number", opt, s);
    }
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end) {
        gen_fatal("%s: '%s' is not a number", opt, s);
    }
    if (v < min || v > max) {
        gen_fatal("%s: %s is out of range %llu..%llu", opt, s,
                  (unsigned long long)min, (unsigned long long)max);
    }
    return v;
}

static void push(char ***v, size_t *n, const char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    (*v)[(*n)++] = xstrdup(s);
}

static unsigned parse_mem(const char *s)
{
    unsigned m = 0;
    char *copy = xstrdup(s), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "aligned")) {
            m |= GEN_MEM_ALIGNED;
        } else if (!strcmp(t, "unaligned")) {
            m |= GEN_MEM_UNALIGNED;
        } else if (!strcmp(t, "guard")) {
            m |= GEN_MEM_GUARD;
        } else {
            static const char *const names[] = {
                "aligned", "unaligned", "guard",
            };
            StrBuf b = { 0 };
            gen_fatal("--mem: unknown mode '%s'%s", t,
                      suggest_names(&b, t, names, 3));
        }
    }
    free(copy);
    if (!m) {
        gen_fatal("--mem: no mode given");
    }
    return m;
}

const char *const gen_edge_class_names[GEN_EDGE_NCLASSES] = {
    [GEN_EDGE_RESERVED] = "reserved",
    [GEN_EDGE_NEIGHBOUR] = "neighbour",
    [GEN_EDGE_ABSENT] = "absent",
};

/* --edge CLASSES[:N]: a comma list of classes or "all", and a rate. */
static void opt_edge(GenOpts *o, const char *arg)
{
    char *copy = xstrdup(arg), *save = NULL;
    char *colon = strchr(copy, ':');
    unsigned m = 0;

    if (colon) {
        *colon = 0;
        o->edge_every = (unsigned)parse_num("--edge", colon + 1, 1, 1u << 30);
    }
    for (char *t = strtok_r(copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        int k = 0;
        while (k < GEN_EDGE_NCLASSES && strcmp(t, gen_edge_class_names[k])) {
            k++;
        }
        if (k < GEN_EDGE_NCLASSES) {
            m |= 1u << k;
        } else if (!strcmp(t, "all")) {
            m |= GEN_EDGE_ALL;
        } else {
            static const char *const names[] = {
                "reserved", "neighbour", "absent", "all",
            };
            StrBuf b = { 0 };
            gen_fatal("--edge: unknown class '%s'%s", t,
                      suggest_names(&b, t, names, 4));
        }
    }
    free(copy);
    if (!m) {
        gen_fatal("--edge: no class given (reserved, neighbour, absent, "
                  "all)");
    }
    o->edge_classes |= m;
    o->edge_every = o->edge_every ? o->edge_every : 16;
}

static bool looks_like_patterns(const char *s)
{
    size_t n = strlen(s);
    static const char *const ext[] = {
        ".decode", ".list", ".overlay", ".risu",
    };
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        size_t k = strlen(ext[i]);
        if (n >= k && !strcmp(s + n - k, ext[i])) {
            return true;
        }
    }
    return strchr(s, '+') != NULL;
}

/* Command-line state that is not an option value itself. */
typedef struct ArgState {
    char **pos;             /* positional arguments, in order */
    int *posw;              /* the --insnwidth in force for each */
    size_t npos;
    int width;              /* the last --insnwidth (0: none yet) */
    /* Canonical options write --insnwidth before each input it is for. */
    bool width_per_input;
    bool seed_random;
} ArgState;

static void opt_seed(GenOpts *o, ArgState *st, const char *arg)
{
    if (!strcmp(arg, "random")) {
        st->seed_random = true;
    } else {
        o->seed = parse_num("--seed", arg, 0, UINT64_MAX);
        st->seed_random = false;
    }
}

static void opt_groups(GenOpts *o, const char *arg)
{
    char *copy = xstrdup(arg), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        push(&o->groups, &o->ngroups, t);
    }
    free(copy);
}

static int opt_insnwidth(const char *arg)
{
    int width = (int)parse_num("--insnwidth", arg, 8, 64);
    if (width != 16 && width != 32 && width != 64) {
        gen_fatal("--insnwidth: %d is not 16, 32 or 64", width);
    }
    return width;
}

/* Repeated --features accumulate. */
static void opt_features(GenOpts *o, const char *arg)
{
    if (o->features) {
        char *j = xasprintf("%s,%s", o->features, arg);
        free(o->features);
        o->features = j;
    } else {
        o->features = xstrdup(arg);
    }
}

static void opt_format(GenOpts *o, const char *arg)
{
    if (!strcmp(arg, "raw")) {
        o->format = GEN_FMT_RAW;
    } else if (!strcmp(arg, "elf")) {
        o->format = GEN_FMT_ELF;
    } else {
        gen_fatal("--format: unknown format '%s' (raw or elf)", arg);
    }
    o->format_given = true;
}

/* One getopt_long result c (with optarg); exits for help and errors. */
static void parse_option(GenOpts *o, ArgState *st, int c, char **argv)
{
    switch (c) {
    case 1:
        st->pos = xrealloc(st->pos, (st->npos + 1) * sizeof(*st->pos));
        st->posw = xrealloc(st->posw, (st->npos + 1) * sizeof(*st->posw));
        st->pos[st->npos] = optarg;
        st->posw[st->npos++] = st->width;
        st->width = st->width_per_input ? 0 : st->width;
        break;
    case OPT_ARCH:
    case 'a':
        o->arch = optarg;
        break;
    case 'o':
        o->out = optarg;
        break;
    case 'n':
        o->numinsns = parse_num("--numinsns", optarg, 1, (uint64_t)1 << 40);
        break;
    case 's':
        opt_seed(o, st, optarg);
        break;
    case OPT_PATTERN:
        push(&o->patterns, &o->npatterns, optarg);
        break;
    case OPT_NOTPATTERN:
        push(&o->notpatterns, &o->nnotpatterns, optarg);
        break;
    case OPT_GROUP:
        opt_groups(o, optarg);
        break;
    case OPT_INSNWIDTH:
        st->width = opt_insnwidth(optarg);
        break;
    case OPT_OVERLAY:
        push(&o->overlays, &o->noverlays, optarg);
        break;
    case OPT_FEATURES:
        opt_features(o, optarg);
        break;
    case OPT_CPU:
        o->cpu = optarg;
        break;
    case OPT_CKEVERY:
        o->checkpoint_every = parse_num("--checkpoint-every", optarg, 1,
                                        UINT32_MAX);
        break;
    case OPT_CMPMEM:
        o->comparemem_every = parse_num("--comparemem-every", optarg, 1,
                                        UINT32_MAX);
        break;
    case OPT_FORMAT:
        opt_format(o, optarg);
        break;
    case OPT_UNDEF:
        o->edge_every = optarg ? (unsigned)parse_num("--undef", optarg,
                                                     1, 1u << 30)
                               : 16;
        o->edge_classes |= 1u << GEN_EDGE_NEIGHBOUR;
        break;
    case OPT_EDGE:
        opt_edge(o, optarg);
        break;
    case OPT_SPACE:
        o->space_file = optarg;
        break;
    case OPT_VERIFY:
        o->verify = true;
        if (optarg && !strcmp(optarg, "objdump")) {
            o->verify_objdump = true;
        } else if (optarg) {
            gen_fatal("--verify=%s: the only value is objdump", optarg);
        }
        break;
    case OPT_LIST:
        o->list = true;
        break;
    case OPT_DRYRUN:
        o->dry_run = true;
        break;
    case OPT_MEM:
        o->mem_modes = parse_mem(optarg);
        break;
    case OPT_STATS:
        o->stats = true;
        if (optarg && strcmp(optarg, "json")) {
            gen_fatal("--stats=%s: only --stats=json", optarg);
        }
        o->json |= optarg != NULL;
        break;
    case OPT_JSON:
        o->json = true;
        break;
    case OPT_DROP:
        o->drop_bad = true;
        break;
    case OPT_UNMATCHED:
        o->overlay_unmatched_ok = true;
        break;
    case 'q':
        o->quiet = true;
        break;
    case OPT_HELP:
    case 'h':
        usage(stdout);
        exit(0);
    case OPT_RUNNERS:
        gen_print_runners(stdout);
        /* The refused pairs left their error messages (an arch hook's,
         * owned by nobody): like gen_fatal, leave them to the kernel. */
        fflush(NULL);
        _exit(0);
    case OPT_VERSION:
        printf("risugen (risu-dt) %s\n", RISU_DT_VERSION);
        exit(0);
    case ':':
        gen_fatal("option '%s' needs an argument", argv[optind - 1]);
    default:
        if (!gen_trapping()) {
            usage(stderr);
        }
        gen_fatal("unknown option '%s'", argv[optind - 1]);
    }
}

/* -o, or Linaro style the last positional argument; and its format. */
static void pick_output(GenOpts *o, ArgState *st)
{
    /* --cpu help lists models and exits before anything is written. */
    bool cpu_help = o->cpu && (!strcmp(o->cpu, "help") ||
                               !strcmp(o->cpu, "list"));
    bool writes = !o->list && !o->dry_run && !cpu_help;
    if (o->json && !o->list && !o->stats) {
        gen_fatal("--json changes what --list or --stats print: give one");
    }
    if (!writes && o->out) {
        gen_fatal("-o cannot be combined with --%s, which writes no image",
                  o->list ? "list" : "dry-run");
    }
    if (writes && !o->out) {
        if (st->npos >= 1 && !looks_like_patterns(st->pos[st->npos - 1])) {
            o->out = st->pos[--st->npos];
        } else if (st->npos >= 2) {
            gen_fatal("'%s' looks like a pattern file: refusing to "
                      "overwrite it; name the output with -o",
                      st->pos[st->npos - 1]);
        } else {
            gen_fatal("no output file (give -o OUT, or --dry-run)");
        }
    }
    if (o->out && !o->format_given) {
        size_t n = strlen(o->out);
        if (n > 4 && !strcmp(o->out + n - 4, ".elf")) {
            o->format = GEN_FMT_ELF;
        }
    }
}

/* The remaining positional arguments are the pattern inputs. */
static void take_inputs(GenOpts *o, ArgState *st)
{
    o->inputs = xcalloc(st->npos ? st->npos : 1, sizeof(*o->inputs));
    for (size_t i = 0; i < st->npos; i++) {
        o->inputs[i].spec = xstrdup(st->pos[i]);
        o->inputs[i].insnwidth = st->posw[i];
    }
    o->ninputs = st->npos;
    free(st->pos);
    free(st->posw);
}

static void pick_arch(GenOpts *o)
{
    if (!o->arch) {
        /* A RISU file names its instruction set (.mode). */
        o->arch = gen_risu_default_arch(o);
    }
    if (!o->arch) {
        gen_fatal("no --arch given (one of %s)", arch_name_list());
    }
}

/* --seed random: drawn once, and printed so the run can be repeated. */
static void random_seed(GenOpts *o)
{
    uint64_t s;
    if (getrandom(&s, sizeof(s), 0) != (ssize_t)sizeof(s)) {
        gen_fatal_status(1, "getrandom: %s", strerror(errno));
    }
    o->seed = s;
    fprintf(stderr, "risugen: seed %llu\n", (unsigned long long)s);
}

/* Defaults, then every option and positional argument in order. */
static void parse_argv(GenOpts *o, ArgState *st, int argc, char **argv)
{
    int c;

    memset(o, 0, sizeof(*o));
    o->numinsns = 10000;
    o->checkpoint_every = 1;
    o->comparemem_every = 16;
    o->mem_modes = GEN_MEM_ALIGNED;

    /* Leading '-': positionals arrive in order, so --insnwidth can apply
     * to the FILEs after it; ':' reports a missing argument distinctly.
     * optind 0 starts getopt afresh for each command line parsed. */
    optind = 0;
    while ((c = getopt_long(argc, argv, "-:o:n:s:a:hq", longopts, NULL)) != -1) {
        parse_option(o, st, c, argv);
    }
}

void gen_parse_args(GenOpts *o, int argc, char **argv)
{
    ArgState st = { 0 };

    parse_argv(o, &st, argc, argv);
    pick_output(o, &st);
    take_inputs(o, &st);
    pick_arch(o);
    if (st.seed_random) {
        random_seed(o);
    }
}

/* Next word: blanks separate, '...' quotes (REs are written so). */
static char *next_word(const char **pp)
{
    const char *p = *pp;
    StrBuf b = { 0 };
    bool any = false;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    while (*p && *p != ' ' && *p != '\t') {
        any = true;
        if (*p == '\'') {
            const char *q = strchr(p + 1, '\'');
            if (!q) {
                q = p + strlen(p);
            }
            sb_printf(&b, "%.*s", (int)(q - p - 1), p + 1);
            p = *q ? q + 1 : q;
        } else {
            sb_putc(&b, *p++);
        }
    }
    *pp = p;
    if (any && !b.s) {
        return xstrdup("");
    }
    return b.s;
}

/* argv[0] "risugen", the words, NULL. */
static char **split_words(const char *text, int *argc)
{
    char **v = xcalloc(2, sizeof(*v));
    char *w;
    int n = 1;

    v[0] = xstrdup("risugen");
    while ((w = next_word(&text))) {
        v = xrealloc(v, (size_t)(n + 2) * sizeof(*v));
        v[n++] = w;
    }
    v[n] = NULL;
    *argc = n;
    return v;
}

static void free_words(char **v)
{
    for (size_t i = 0; v && v[i]; i++) {
        free(v[i]);
    }
    free(v);
}

/* Apart from the caller, so no local of its can be clobbered by longjmp. */
static __attribute__((noinline)) int
parse_trapped(GenOpts *o, ArgState *st, int argc, char **words, char *err,
              size_t errlen)
{
    GenTrap trap;

    if (setjmp(trap.jb)) {
        snprintf(err, errlen, "options: %s", trap.msg);
        free(st->pos);
        free(st->posw);
        gen_free_opts(o);
        return -1;
    }
    gen_trap_set(&trap);
    parse_argv(o, st, argc, words);
    take_inputs(o, st);
    pick_arch(o);
    gen_trap_clear();
    return 0;
}

int gen_parse_options_text(GenOpts *o, const char *text, char *err,
                           size_t errlen)
{
    int argc;
    char **words = split_words(text, &argc);
    ArgState st = { .width_per_input = true };

    if (parse_trapped(o, &st, argc, words, err, errlen)) {
        free_words(words);
        return -1;
    }
    /* The options point into the words: o owns them. */
    o->words = words;
    return 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

char *gen_canonical_options(const GenOpts *o)
{
    StrBuf b = { 0 };
    sb_printf(&b, "--arch %s", o->arch);
    if (o->cpu) {
        sb_printf(&b, " --cpu %s", o->cpu);
    }
    if (o->features) {
        sb_printf(&b, " --features %s", o->features);
    }
    sb_printf(&b, " --numinsns %llu --seed %llu",
              (unsigned long long)o->numinsns, (unsigned long long)o->seed);
    for (size_t i = 0; i < o->npatterns; i++) {
        sb_printf(&b, " --pattern '%s'", o->patterns[i]);
    }
    for (size_t i = 0; i < o->nnotpatterns; i++) {
        sb_printf(&b, " --not-pattern '%s'", o->notpatterns[i]);
    }
    for (size_t i = 0; i < o->ngroups; i++) {
        sb_printf(&b, " --group %s", o->groups[i]);
    }
    if (o->checkpoint_every != 1) {
        sb_printf(&b, " --checkpoint-every %llu",
                  (unsigned long long)o->checkpoint_every);
    }
    if (o->comparemem_every != 16) {
        sb_printf(&b, " --comparemem-every %llu",
                  (unsigned long long)o->comparemem_every);
    }
    if (o->mem_modes != GEN_MEM_ALIGNED) {
        sb_printf(&b, " --mem %s%s%s",
                  o->mem_modes & GEN_MEM_ALIGNED ? "aligned," : "",
                  o->mem_modes & GEN_MEM_UNALIGNED ? "unaligned," : "",
                  o->mem_modes & GEN_MEM_GUARD ? "guard," : "");
        b.s[--b.len] = 0;       /* the trailing comma */
    }
    if (o->edge_classes) {
        const char *sep = " --edge ";
        for (int k = 0; k < GEN_EDGE_NCLASSES; k++) {
            if (o->edge_classes & (1u << k)) {
                sb_printf(&b, "%s%s", sep, gen_edge_class_names[k]);
                sep = ",";
            }
        }
        sb_printf(&b, ":%u", o->edge_every);
    }
    if (o->space_file) {
        sb_printf(&b, " --space %s", base_name(o->space_file));
    }
    if (o->drop_bad) {
        sb_puts(&b, " --drop-unsatisfiable");
    }
    if (o->overlay_unmatched_ok) {
        sb_puts(&b, " --allow-unmatched-overlay");
    }
    for (size_t i = 0; i < o->noverlays; i++) {
        sb_printf(&b, " --overlay %s", base_name(o->overlays[i]));
    }
    /* Inputs by base name: the same files give the same image anywhere. */
    for (size_t i = 0; i < o->ninputs; i++) {
        if (o->inputs[i].insnwidth) {
            sb_printf(&b, " --insnwidth %d", o->inputs[i].insnwidth);
        }
        sb_putc(&b, ' ');
        const char *s = o->inputs[i].spec;
        while (*s) {
            const char *plus = strchr(s, '+');
            size_t n = plus ? (size_t)(plus - s) : strlen(s);
            char *part = xasprintf("%.*s", (int)n, s);
            sb_puts(&b, base_name(part));
            free(part);
            s += n;
            if (*s == '+') {
                sb_putc(&b, '+');
                s++;
            }
        }
    }
    return b.s;
}

static void free_vec(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

void gen_free_opts(GenOpts *o)
{
    free_vec(o->patterns, o->npatterns);
    free_vec(o->notpatterns, o->nnotpatterns);
    free_vec(o->groups, o->ngroups);
    free_vec(o->overlays, o->noverlays);
    for (size_t i = 0; i < o->ninputs; i++) {
        free(o->inputs[i].spec);
    }
    free(o->inputs);
    for (size_t i = 0; i < o->nspace; i++) {
        free(o->space[i].spec);
    }
    free(o->space);
    free_vec(o->space_overlays, o->nspace_overlays);
    free(o->features);
    free((char *)o->list_file);
    free(o->list_skipped);
    free_words(o->words);
    memset(o, 0, sizeof(*o));
}
