/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the armhf runner needs beyond the shared start-up
 * (runner/rt/start.c): libgcc's EABI division helpers (__aeabi_idiv0,
 * __aeabi_ldiv0) call raise(SIGFPE) on division by zero.
 */
#include "runner/rt/rt.h"

int raise(int sig);

int raise(int sig)
{
    return rt_kill(rt_getpid(), sig);
}
