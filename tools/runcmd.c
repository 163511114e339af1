/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parallel shell commands with timeouts (see runcmd.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tools/runcmd.h"
#include "tools/tutil.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A reproducer prints its whole state (an SVE one about 12 KiB), which
 * shrink checks line by line: keep that much.
 */
enum { RUN_TAIL = 64 * 1024 };

static char *tail_of(FILE *f)
{
    long size, from;
    char *buf;
    size_t n;

    fflush(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    from = size > RUN_TAIL ? size - RUN_TAIL : 0;
    fseek(f, from, SEEK_SET);
    buf = xmalloc((size_t)(size - from) + 1);
    n = fread(buf, 1, (size_t)(size - from), f);
    buf[n] = 0;
    return buf;
}

int run_cmds(char *const *cmds, int n, double timeout_s, RunRes *res)
{
    pid_t *pid = xcalloc((size_t)n, sizeof(pid_t));
    FILE **out = xcalloc((size_t)n, sizeof(FILE *));
    int left = 0, rc = 0;
    double deadline = now() + timeout_s;

    for (int i = 0; i < n; i++) {
        memset(&res[i], 0, sizeof(res[i]));
        res[i].status = -1;
        out[i] = tmpfile();
        if (!out[i]) {
            rc = -1;
            continue;
        }
        fflush(NULL);
        pid[i] = fork();
        if (pid[i] == 0) {
            int fd = fileno(out[i]);

            setpgid(0, 0);
            dup2(fd, 1);
            dup2(fd, 2);
            execl("/bin/sh", "sh", "-c", cmds[i], (char *)NULL);
            _exit(127);
        }
        if (pid[i] < 0) {
            rc = -1;
            continue;
        }
        setpgid(pid[i], pid[i]);
        left++;
    }
    while (left) {
        for (int i = 0; i < n; i++) {
            int st;
            pid_t r;

            if (pid[i] <= 0) {
                continue;
            }
            r = waitpid(pid[i], &st, WNOHANG);
            if (r == pid[i]) {
                res[i].status = WIFEXITED(st) ? WEXITSTATUS(st)
                                              : 128 + WTERMSIG(st);
                pid[i] = 0;
                left--;
            }
        }
        if (left && now() > deadline) {
            for (int i = 0; i < n; i++) {
                if (pid[i] > 0) {
                    kill(-pid[i], SIGKILL);
                    waitpid(pid[i], NULL, 0);
                    res[i].timed_out = true;
                    pid[i] = 0;
                    left--;
                }
            }
        }
        if (left) {
            usleep(2000);
        }
    }
    for (int i = 0; i < n; i++) {
        if (out[i]) {
            res[i].output = tail_of(out[i]);
            fclose(out[i]);
        }
    }
    free(pid);
    free(out);
    return rc;
}

void run_res_free(RunRes *r)
{
    free(r->output);
    r->output = NULL;
}
