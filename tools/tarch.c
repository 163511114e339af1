/* Host view of the target architectures (see tarch.h). */
#include <string.h>
#include "arch/arm/arch.h"
#include "arch/arm/trap.h"
#include "arch/mips/arch.h"
#include "arch/mips/trap.h"
#include "format/image.h"
#include "tools/tarch.h"

static void set_mips(TArch *a, bool is64, bool be, bool r6)
{
    a->family = TF_MIPS;
    a->is64 = is64;
    a->big_endian = be;
    a->r6 = r6;
    a->arch_id = is64 ? RISU_ARCH_ID_MIPS64 : RISU_ARCH_ID_MIPS32;
    a->subdir = "mips";
    a->checkpoint = MIPS_TRAP_CHECKPOINT;
    a->optrap = MIPS_TRAP_OP;
    a->trap_size = 4;
    a->optrap_size = 12;
    a->nop = 0;             /* sll $0, $0, 0 */
    a->nop_size = 4;
}

static void set_arm(TArch *a, bool thumb)
{
    a->family = TF_ARM;
    a->thumb = thumb;
    a->arch_id = RISU_ARCH_ID_ARM32;
    a->subdir = "arm";
    if (thumb) {
        a->checkpoint = THUMB_TRAP_CHECKPOINT;
        a->optrap = THUMB_TRAP_OP;
        a->trap_size = 2;
        a->optrap_size = 10;
        a->nop = 0xbf00;    /* T1 NOP */
        a->nop_size = 2;
    } else {
        a->checkpoint = ARM_TRAP_CHECKPOINT;
        a->optrap = ARM_TRAP_OP;
        a->trap_size = 4;
        a->optrap_size = 12;
        a->nop = 0xe320f000;
        a->nop_size = 4;
    }
}

static void set_a64(TArch *a)
{
    a->family = TF_A64;
    a->is64 = true;
    a->arch_id = RISU_ARCH_ID_ARM64;
    a->subdir = "arm";
    a->checkpoint = A64_TRAP_CHECKPOINT;
    a->optrap = A64_TRAP_OP;
    a->trap_size = 4;
    a->optrap_size = 12;
    a->nop = 0xd503201f;
    a->nop_size = 4;
}

static const struct {
    const char *name;
    int kind;             /* 0 mips, 1 arm, 2 thumb, 3 a64 */
    bool is64, be, r6;
} arch_names[] = {
    { "mips", 0, false, true, false },
    { "mipsel", 0, false, false, false },
    { "mips64", 0, true, true, false },
    { "mips64el", 0, true, false, false },
    { "mipsr6", 0, false, true, true },
    { "mipsr6el", 0, false, false, true },
    { "mips64r6", 0, true, true, true },
    { "mips64r6el", 0, true, false, true },
    { "arm", 1, false, false, false },
    { "thumb", 2, false, false, false },
    { "aarch64", 3, true, false, false },
};

bool tarch_from_name(const char *name, TArch *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < sizeof(arch_names) / sizeof(arch_names[0]); i++) {
        if (strcmp(name, arch_names[i].name)) {
            continue;
        }
        out->name = arch_names[i].name;
        switch (arch_names[i].kind) {
        case 0:
            set_mips(out, arch_names[i].is64, arch_names[i].be,
                     arch_names[i].r6);
            break;
        case 1:
        case 2:
            set_arm(out, arch_names[i].kind == 2);
            break;
        default:
            set_a64(out);
        }
        return true;
    }
    return false;
}

/* True if the recorder string has `word` as a blank-separated token. */
static bool has_token(const char *s, const char *word)
{
    size_t n = strlen(word);

    while (*s) {
        while (*s == ' ') {
            s++;
        }
        if (!strncmp(s, word, n) && (s[n] == ' ' || !s[n])) {
            return true;
        }
        while (*s && *s != ' ') {
            s++;
        }
    }
    return false;
}

void tarch_from_trace(const RisuTraceHeader *h, const RisuArchDesc *layout,
                      TArch *out)
{
    const char *rec = h->recorder;
    bool be = h->big_endian;

    memset(out, 0, sizeof(*out));
    switch (h->arch_id) {
    case RISU_ARCH_ID_MIPS32:
    case RISU_ARCH_ID_MIPS64: {
        bool is64 = h->arch_id == RISU_ARCH_ID_MIPS64;
        bool r6 = !strncmp(rec, "risu-mipsisa32r6", 16) ||
                  !strncmp(rec, "risu-mipsisa64r6", 16);
        static const char *const names[2][2][2] = {
            { { "mipsel", "mipsr6el" }, { "mips", "mipsr6" } },
            { { "mips64el", "mips64r6el" }, { "mips64", "mips64r6" } },
        };

        set_mips(out, is64, be, r6);
        out->name = names[is64][be][r6];
        return;
    }
    case RISU_ARCH_ID_ARM32:
        set_arm(out, has_token(rec, "thumb"));
        out->name = out->thumb ? "thumb" : "arm";
        return;
    case RISU_ARCH_ID_ARM64:
        set_a64(out);
        out->name = "aarch64";
        return;
    }
    out->family = TF_UNKNOWN;
    out->name = layout ? layout->name : "unknown";
    out->arch_id = h->arch_id;
    out->big_endian = be;
    out->trap_size = 4;
    out->optrap_size = 12;
}

uint32_t tarch_rd16(const TArch *a, const uint8_t *p)
{
    return a->big_endian ? (uint32_t)p[0] << 8 | p[1]
                         : (uint32_t)p[1] << 8 | p[0];
}

uint32_t tarch_rd32(const TArch *a, const uint8_t *p)
{
    if (a->big_endian) {
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
               (uint32_t)p[2] << 8 | p[3];
    }
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
           (uint32_t)p[1] << 8 | p[0];
}

void tarch_wr16(const TArch *a, uint8_t *p, uint32_t v)
{
    p[a->big_endian ? 0 : 1] = (uint8_t)(v >> 8);
    p[a->big_endian ? 1 : 0] = (uint8_t)v;
}

void tarch_wr32(const TArch *a, uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[a->big_endian ? 3 - i : i] = (uint8_t)(v >> (8 * i));
    }
}

/* A Thumb halfword that starts a 32-bit instruction (0b11101/11110/11111). */
static bool t32_first(uint32_t hw)
{
    return (hw >> 11) >= 0x1d;
}

int tarch_insn_at(const TArch *a, const uint8_t *code, uint32_t len,
                  uint32_t off, uint32_t *insn)
{
    if (a->thumb) {
        uint32_t hw;

        if (off + 2 > len) {
            return 0;
        }
        hw = tarch_rd16(a, code + off);
        if (!t32_first(hw)) {
            *insn = hw;
            return 2;
        }
        if (off + 4 > len) {
            return 0;
        }
        *insn = hw << 16 | tarch_rd16(a, code + off + 2);
        return 4;
    }
    if (off + 4 > len) {
        return 0;
    }
    *insn = tarch_rd32(a, code + off);
    return 4;
}

int tarch_insn_size(const TArch *a, uint32_t insn)
{
    return a->thumb && insn <= 0xffff ? 2 : 4;
}

int tarch_insn_bytes(const TArch *a, uint32_t insn, uint8_t out[4])
{
    if (a->thumb) {
        if (insn <= 0xffff) {
            tarch_wr16(a, out, insn);
            return 2;
        }
        tarch_wr16(a, out, insn >> 16);
        tarch_wr16(a, out + 2, insn & 0xffff);
        return 4;
    }
    tarch_wr32(a, out, insn);
    return 4;
}

int tarch_trap_at(const TArch *a, const uint8_t *code, uint32_t len,
                  uint32_t off)
{
    uint32_t w;

    if (a->family == TF_UNKNOWN || off + (uint32_t)a->trap_size > len) {
        return 0;
    }
    w = a->trap_size == 2 ? tarch_rd16(a, code + off)
                          : tarch_rd32(a, code + off);
    if (w == a->checkpoint) {
        return 1;
    }
    if (w == a->optrap && off + (uint32_t)a->optrap_size <= len) {
        return 2;
    }
    return 0;
}

const char *tarch_signame(const TArch *a, int signo)
{
    /* Linux numbering: MIPS keeps the SVR4 layout (EMT 7, BUS 10). */
    static const char *const generic[] = {
        NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
        "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    };
    static const char *const mips[] = {
        NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGEMT", "SIGFPE", "SIGKILL", "SIGBUS", "SIGSEGV", "SIGSYS",
        "SIGPIPE", "SIGALRM", "SIGTERM", "SIGUSR1",
    };
    const char *const *t = a->family == TF_MIPS ? mips : generic;

    if (signo <= 0 || signo > 16) {
        return signo == 0 ? "none" : "SIG?";
    }
    return t[signo];
}

const char *tarch_sicode_name(const TArch *a, int signo, int code)
{
    const char *sig = tarch_signame(a, signo);
    static const char *const ill[] = { NULL, "ILL_ILLOPC", "ILL_ILLOPN",
        "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC",
        "ILL_BADSTK" };
    static const char *const fpe[] = { NULL, "FPE_INTDIV", "FPE_INTOVF",
        "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV",
        "FPE_FLTSUB" };
    static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR" };
    static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR",
        "BUS_OBJERR" };
    static const char *const trap[] = { NULL, "TRAP_BRKPT", "TRAP_TRACE" };

    if (code == 0) {
        return "SI_USER";
    }
    if (code == 0x80) {
        return "SI_KERNEL";
    }
#define PICK(tab) \
    (code > 0 && code < (int)(sizeof(tab) / sizeof(tab[0])) ? tab[code] : NULL)
    if (!strcmp(sig, "SIGILL")) {
        return PICK(ill);
    }
    if (!strcmp(sig, "SIGFPE")) {
        return PICK(fpe);
    }
    if (!strcmp(sig, "SIGSEGV")) {
        return PICK(segv);
    }
    if (!strcmp(sig, "SIGBUS")) {
        return PICK(bus);
    }
    if (!strcmp(sig, "SIGTRAP")) {
        return PICK(trap);
    }
#undef PICK
    return NULL;
}

int32_t tarch_si_norm(const TArch *a, int32_t signo, int32_t code)
{
    if (a->family == TF_ARM || a->family == TF_A64) {
        return risu_arm_si_code_norm(signo, code);
    }
    return code;
}

const char *tarch_op_name(unsigned op)
{
    static const char *const names[] = { "COMPARE", "TESTEND", "SETMEM",
                                         "MEMOFF", "COMPAREMEM", "SETADDR",
                                         "MEMINIT" };

    return op < RISU_OP_MAX ? names[op] : "OP?";
}
