/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interface between the generic runner (runner/risu.c: modes, trace,
 * comparison) and the architecture's capture code (arch/<a>/capture.c:
 * signal handling, register capture and write-back).
 */
#ifndef RISU_RUN_H
#define RISU_RUN_H

#include <stddef.h>
#include <stdint.h>
#include "format/state.h"

struct RisuImage;
struct RisuSpans;

typedef struct RisuRun {
    const RisuArchDesc *arch;
    const struct RisuImage *img;   /* metadata (arch, features, names) */
    uint8_t *image;        /* code, mapped RWX */
    uint32_t code_len;
    uint8_t *mem;          /* RISU_MEMBLOCK_SIZE bytes, then a guard page */
    uintptr_t stack_top;   /* sp at image entry */
    uint32_t caps;         /* feature bits (arch.h) this CPU + runner have;
                              what else the arch probes, it keeps */
    /* signal raised by a test instruction since the last checkpoint */
    int32_t sig_no;
    int32_t sig_code;
    uint32_t sig_flags;
    uint64_t sig_addr;
    uint64_t memhash;      /* hash of the block at the last COMPAREMEM */
    /* escape guard (risu_guard): where the test code last trapped */
    uint32_t last_off;
    int seen_trap;         /* last_off is valid */
    int depth;             /* signal handlers active (nested = a fault in
                              the runner's own handler) */
    int in_image;          /* risu_arch_run is running */
    int started;           /* the arch has entered the image */
    int finished;          /* TESTEND reached */
} RisuRun;

extern RisuRun risu_run;

enum {
    RISU_CP_CONTINUE = 0,  /* state unchanged */
    RISU_CP_ADOPT = 1,     /* *st replaced by the reference: write back */
};

/* Generic checkpoint processing (record, compare, adopt). */
int risu_checkpoint(RisuState *st);
/*
 * The state classes (format/state.h) the coming checkpoint, of image op
 * `op`, holds: NULL for everything, else the spans of slots it holds.
 * The arch's capture may leave every other slot as it is (the value of
 * the last checkpoint that held it); risu_checkpoint compares and
 * records only these.
 */
const struct RisuSpans *risu_cp_spans(uint32_t op);
/* Remember a signal raised by a test instruction (first one wins). */
void risu_note_signal(int sig, int code, uintptr_t addr);
/*
 * Where the run goes on after the test instruction at image offset off
 * (len bytes) raised a signal: off + len, or, when off is a branch
 * whose metadata has join= (the kernel reports a fault in a delay slot
 * at its branch), that join checkpoint, so both sides of a comparison
 * stay in step; the mismatch report then names the branch and slot.
 */
uint32_t risu_fault_resume(uint32_t off, uint32_t len);
/* Memory block ops. */
void risu_meminit(uint32_t seed);
uint64_t risu_memhash(void);
/*
 * A watchdog tick (SIGALRM) with the pc at image offset `off`; called
 * from the arch's signal handler after risu_guard, which the handler
 * then leaves.  Returns while checkpoints keep coming.  When none came
 * within the budget (a test instruction loops) it ends the run as a
 * divergence (exit 1), the trace with a final RISU_OP_WATCHDOG record
 * naming the offset.
 */
void risu_watchdog(uint32_t off);
/*
 * The escape guard, first thing in the arch's signal handler once it has
 * the interrupted pc: returns pc's image offset when the signal comes
 * from test code in the image.  Otherwise (pc outside the image, or
 * `bad`: the arch says the pc is misaligned or in the wrong instruction
 * set, or a signal nested in the runner's own handler) the run ends as a
 * divergence: a final RISU_OP_ESCAPE record naming the last test word
 * executed, the end chunk, exit 1 (2 when the runner's handler itself
 * faulted).  Does not return then.
 */
uint32_t risu_guard(int sig, int code, uintptr_t addr, uintptr_t pc, int bad);
/* The image returned to the runner without TESTEND: as above. */
_Noreturn void risu_escape_returned(void);
/* The handler's nesting count for risu_guard (arch wrappers call these). */
static inline void risu_handler_enter(void)
{
    risu_run.depth++;
}
static inline void risu_handler_leave(void)
{
    risu_run.depth--;
}
/* Print "risu: ..." and exit 2; usable from the signal handler. */
_Noreturn void risu_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * Bytes an OPTRAP SKIP at `off` (trap_len: the OPTRAP and its data words)
 * covers with its imm data bytes; fatal, naming the offset, when imm is
 * negative, not a multiple of the instruction unit or runs past the code.
 * The caller has checked that the OPTRAP itself fits.
 */
uint32_t risu_skip_len(uint32_t off, uint32_t trap_len, int32_t imm,
                       uint32_t unit);

/*
 * The metadata's last generated instruction before the trap at `off`,
 * when no checkpoint lies between them (risugen puts clean-ups and
 * literal pools there, which the word before the trap would show).
 * Walks in `unit` steps; trap_at(o) says 1 checkpoint, 2 OPTRAP (of
 * optrap_len bytes, a SKIP's data jumped over too), else 0.  1 and
 * *res, or 0.
 */
int risu_meta_insn_off(const RisuRun *run, uint32_t off, uint32_t unit,
                       int (*trap_at)(uint32_t o), uint32_t optrap_len,
                       uint32_t *res);

/*
 * Without such metadata, the instruction before the trap at `off` in a
 * stream of 16- and 32-bit words (a compressed instruction set):
 * steps back over OPTRAPs (trap_op and 8 data bytes), then takes the
 * pattern the metadata names 4 or 2 bytes back, else a 32-bit word when
 * wide() says its first halfword, hw(o), begins one.
 */
uint32_t risu_insn_off16(const RisuRun *run, uint32_t off, uint32_t trap_op,
                         uint32_t (*hw)(uint32_t o),
                         int (*wide)(uint32_t hw));

/* Architecture interface. */
int risu_arch_init(RisuRun *run, char *why, size_t whylen);
void risu_arch_run(RisuRun *run);
const char *risu_arch_variant(void);
/* The instruction at image offset `off` as traces record it. */
uint32_t risu_arch_insn_word(const RisuRun *run, uint32_t off);
/* Image offset of the instruction tested by the trap at `trap_off`. */
uint32_t risu_arch_insn_off(const RisuRun *run, uint32_t trap_off);
/* Does this CPU + runner have image feature `name` (metadata
 * "features" token)?  1 yes, 0 no, 2 not checkable from user mode
 * (accepted), -1 name unknown to this arch. */
int risu_arch_feature(const RisuRun *run, const char *name);
/* The risugen --arch names of the images this runner executes
 * (NULL-terminated); the core refuses every other arch= before
 * risu_arch_check_image runs. */
extern const char *const risu_arch_image_names[];
/* Is insn (as risu_arch_insn_word gives it) a store-conditional
 * (SC, STREX, STXR...)?  Optional: the default says no. */
int risu_arch_store_cond(uint32_t insn);
/* Can this runner execute run->img (code length and unit, image kind)?
 * 0 yes; else -1 with a reason.  Optional: the default wants words. */
int risu_arch_check_image(RisuRun *run, char *why, size_t whylen);
/* Capabilities as text (messages, trace header). */
const char *risu_arch_caps_text(const RisuRun *run, char *buf, size_t len);
/* Identification registers for --info, as "name 0x... " items; empty
 * when the arch has none to show.  Optional: the default is empty. */
const char *risu_arch_id_text(const RisuRun *run, char *buf, size_t len);

#endif
