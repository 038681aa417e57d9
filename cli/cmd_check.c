/*
 * cmd_check.c — `migc check [FILE...]`: parse and check the whole history,
 * print one line per migration with its class.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Select the migrations named on the command line (added to the history
 * when they are outside the folder).  `sel` gets one flag per migration.
 * With no FILE named every migration is selected and no path is resolved;
 * otherwise each migration's real path is resolved once. */
static bool select_files(CliOpts *o, History *h, bool **sel)
{
    bool ok = true;
    int nmigs = history_count(h);
    if (o->nargs == 0) {
        *sel = xmalloc(sizeof(bool) * (size_t)(nmigs ? nmigs : 1));
        for (int j = 0; j < nmigs; j++)
            (*sel)[j] = true;
        return true;
    }
    char **real = xmalloc(sizeof(char *) * (size_t)o->nargs);
    for (int i = 0; i < o->nargs; i++) {
        real[i] = realpath(o->args[i], NULL);
        if (!real[i]) {
            fprintf(stderr, "migc: error: cannot read %s\n", o->args[i]);
            ok = false;
        }
    }
    int nfolder = nmigs;
    char **mreal = xmalloc(sizeof(char *) * (size_t)(nfolder ? nfolder : 1));
    for (int j = 0; j < nfolder; j++)
        mreal[j] = realpath(history_path(h, j), NULL);
    if (ok) {
        /* Files outside the folder join the history. */
        for (int i = 0; i < o->nargs; i++) {
            bool found = false;
            for (int j = 0; j < nfolder && !found; j++)
                found = mreal[j] && strcmp(mreal[j], real[i]) == 0;
            if (!found && !history_add_file(h, o->args[i]))
                ok = false;
        }
    }
    for (int j = 0; j < nfolder; j++)
        free(mreal[j]);
    free(mreal);
    /* history_add_file() keeps the history sorted, so match again. */
    nmigs = history_count(h);
    *sel = xmalloc(sizeof(bool) * (size_t)(nmigs ? nmigs : 1));
    for (int j = 0; j < nmigs; j++) {
        (*sel)[j] = false;
        char *r = realpath(history_path(h, j), NULL);
        for (int i = 0; i < o->nargs && r; i++)
            if (real[i] && strcmp(r, real[i]) == 0)
                (*sel)[j] = true;
        free(r);
    }
    for (int i = 0; i < o->nargs; i++)
        free(real[i]);
    free(real);
    return ok;
}

int cmd_check(CliOpts *o)
{
    const Dialect *d = cli_dialect(o);
    if (!d)
        return EXIT_USAGE;
    int format = lint_format(o->format);
    if (format < 0) {
        fprintf(stderr, "migc: error: unknown --format '%s' (text, json, "
                        "sarif or github)\n", o->format);
        return EXIT_USAGE;
    }
    Diag diag;
    diag_init(&diag, stderr);
    diag.color = cli_color(STDERR_FILENO);
    diag.no_warnings = o->quiet; /* --quiet: errors only */
    History *h = history_new(&diag);
    CheckOpts run = {.since = o->since, .format = format,
                     .strict = o->strict, .quiet = o->quiet};
    history_check(h, &run);
    bool ok = cli_load_dir(o, h);
    bool *sel = NULL;
    if (!select_files(o, h, &sel))
        ok = false;
    if (ok && o->since && history_index(h, o->since) < 0) {
        fprintf(stderr, "migc: error: --since %s: no migration of %s has "
                "that version\n", o->since, o->dir);
        free(sel);
        history_delete(h);
        return EXIT_USAGE;
    }
    run.sel = sel;
    if (ok)
        ok = history_compile(h, d);
    diag.no_warnings = o->quiet;

    int n = history_count(h);
    int counts[3] = {0, 0, 0};
    size_t width = 0;
    for (int i = 0; i < n; i++) {
        size_t w = strlen(history_version(h, i)) + 1 +
                   strlen(history_name(h, i));
        if (sel[i] && w > width)
            width = w;
    }
    if (ok) {
        if (format != LINT_TEXT) {
            /* With --since, the findings of newer migrations only. */
            bool *shown = xmalloc(sizeof(bool) * (size_t)(n ? n : 1));
            for (int i = 0; i < n; i++)
                shown[i] = sel[i] && history_check_reports(h, &run, i);
            lint_report(h, shown, format, stdout);
            free(shown);
        }
        for (int i = 0; i < n; i++) {
            if (!sel[i])
                continue;
            const char *why;
            int cls = history_class(h, i, &why);
            counts[cls]++;
            if (o->quiet || format == LINT_JSON || format == LINT_SARIF)
                continue;
            char id[PATH_MAX];
            snprintf(id, sizeof id, "%s_%s", history_version(h, i),
                     history_name(h, i));
            printf("%-*s  %s", (int)width, id, migc_class_name(cls));
            if (cls != MIGC_REVERSIBLE && why)
                printf(" (%s)", why);
            putchar('\n');
        }
        if (!o->quiet && format != LINT_JSON && format != LINT_SARIF)
            printf("%d migration%s: %d reversible, %d lossy, %d irreversible\n",
                   counts[0] + counts[1] + counts[2],
                   counts[0] + counts[1] + counts[2] == 1 ? "" : "s",
                   counts[MIGC_REVERSIBLE], counts[MIGC_LOSSY],
                   counts[MIGC_IRREVERSIBLE]);
    }
    if (diag.errors)
        ok = false;
    free(sel);
    history_delete(h);
    return ok ? EXIT_OK : EXIT_FAIL;
}
