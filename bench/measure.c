/*
 * measure.c — run one command and record its wall time and peak memory.
 *
 *   measure OUT CMD [ARG...]
 *
 * runs CMD (found on PATH) with the standard streams it inherits, waits
 * for it with wait4(), and appends one line to the file OUT:
 *
 *   <wall seconds> <peak resident set, KiB> <exit status> <CPU seconds>
 *
 * The wall time is taken with CLOCK_MONOTONIC around fork and wait, so it
 * includes starting the process, as a user sees it; the peak memory is
 * the child's ru_maxrss (the largest of the command's own processes, as
 * GNU time's %M); the CPU time is user plus system time of the command and
 * the processes it waited for, which a busy machine inflates less than the
 * wall time.  The exit status is the command's, or 128+signal; measure
 * itself exits with it, so `set -e` scripts still stop on a failure.
 */
#define _DEFAULT_SOURCE /* wait4() */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: measure OUT CMD [ARG...]\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "a");
    if (!out) {
        fprintf(stderr, "measure: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }

    double t0 = now_seconds();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "measure: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "measure: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }

    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
            return 2;
        }
    }
    double wall = now_seconds() - t0;
    int code = WIFEXITED(status) ? WEXITSTATUS(status)
             : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;

    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6
               + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    fprintf(out, "%.6f %ld %d %.6f\n", wall, ru.ru_maxrss, code, cpu);
    if (fclose(out) != 0) {
        fprintf(stderr, "measure: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    return code;
}
