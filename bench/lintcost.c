/*
 * lintcost.c — what the lint adds to `migc check`: the same folder loaded,
 * parsed, checked and compiled for a dialect as `migc check` does it, with
 * the lint off and on (History.lint), the findings printed as text
 * diagnostics to /dev/null when on, run after run alternately.
 *
 *   lintcost DIR RUNS [DIALECT]
 *
 * prints "off MEDIAN_S on MEDIAN_S ratio MEDIAN_RATIO findings N", the
 * ratio taken run by run (on / off).  The base leaves out check's own
 * printing of its other warnings, so the ratio errs on the high side.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compile.h"
#include "diag.h"
#include "emit.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One check of dir; returns seconds, counts the findings. */
static double one(const char *dir, const Dialect *d, bool lint, FILE *sink,
                  long *findings)
{
    double t0 = now_s();
    Diag diag;
    diag_init(&diag, sink);
    History h;
    history_init(&h, &diag);
    h.lint = lint;
    if (!history_load_dir(&h, dir) || !history_compile(&h, d)) {
        fprintf(stderr, "lintcost: %s does not compile\n", dir);
        exit(1);
    }
    *findings = 0;
    for (int i = 0; i < h.nmigs; i++)
        for (const LintFinding *f = h.migs[i].lint; f; f = f->next) {
            diag_at(&diag, DIAG_WARNING, &h.migs[i].m->src, f->loc,
                    f->rule->safe, "%s [%s]", f->message, f->rule->name);
            (*findings)++;
        }
    history_free(&h);
    return now_s() - t0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: lintcost DIR RUNS [DIALECT]\n");
        return 2;
    }
    int runs = atoi(argv[2]);
    if (runs < 1)
        runs = 1;
    const Dialect *d = dialect_find(argc > 3 ? argv[3] : "postgres");
    if (!d)
        return 2;
    FILE *sink = fopen("/dev/null", "w");
    if (!sink)
        return 1;
    double *off = calloc((size_t)runs, sizeof(double));
    double *on = calloc((size_t)runs, sizeof(double));
    double *ratio = calloc((size_t)runs, sizeof(double));
    long findings = 0, none = 0;
    one(argv[1], d, true, sink, &findings); /* warm the page cache */
    for (int i = 0; i < runs; i++) {
        off[i] = one(argv[1], d, false, sink, &none);
        on[i] = one(argv[1], d, true, sink, &findings);
        ratio[i] = on[i] / off[i];
    }
    printf("off %.4f on %.4f ratio %.3f findings %ld\n", median(off, runs),
           median(on, runs), median(ratio, runs), findings);
    free(off);
    free(on);
    free(ratio);
    fclose(sink);
    return 0;
}
