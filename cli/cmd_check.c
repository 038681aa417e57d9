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
    if (o->nargs == 0) {
        *sel = xmalloc(sizeof(bool) * (size_t)(h->nmigs ? h->nmigs : 1));
        for (int j = 0; j < h->nmigs; j++)
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
    int nfolder = h->nmigs;
    char **mreal = xmalloc(sizeof(char *) * (size_t)(nfolder ? nfolder : 1));
    for (int j = 0; j < nfolder; j++)
        mreal[j] = realpath(h->migs[j].m->src.path, NULL);
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
    *sel = xmalloc(sizeof(bool) * (size_t)(h->nmigs ? h->nmigs : 1));
    for (int j = 0; j < h->nmigs; j++) {
        (*sel)[j] = false;
        char *r = realpath(h->migs[j].m->src.path, NULL);
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

/* What check_each needs. */
typedef struct CheckRun {
    const CliOpts *o;
    const Dialect *d;
    Diag *diag;
    const bool *sel;
    int format;             /* --format: LINT_TEXT, ... */
} CheckRun;

/* Whether warnings (and --strict errors) of m are reported: with --since,
 * only for migrations newer than that version. */
static bool newer(const CliOpts *o, const Migration *m)
{
    return !o->since || version_cmp(m->version, o->since) > 0;
}

/* Before each migration compiles: its warnings shown or not; after: the
 * warnings of check itself, so that all of a migration's diagnostics come
 * before the next migration's. */
static void check_each(void *ctx, History *h, CompiledMig *cm, bool done)
{
    CheckRun *r = ctx;
    const Migration *m = cm->m;
    const CliOpts *o = r->o;
    bool report = newer(o, m);
    if (!done) {
        r->diag->no_warnings = o->quiet || !report;
        return;
    }
    if (!report || !r->sel[cm - h->migs])
        return;
    if (r->format == LINT_TEXT && !o->quiet)
        lint_print_text(r->diag, cm);
    if (r->d->check_migration)
        r->d->check_migration(r->diag, m);
    if (m->cls == CLASS_LOSSY && cm->lossy_stmt)
        diag_at(r->diag, o->strict ? DIAG_ERROR : DIAG_WARNING, &m->src,
                cm->lossy_stmt->loc, NULL,
                "lossy migration: the down cannot bring back the %s",
                m->lossy_what ? m->lossy_what : "data");
    /* Declared with down { irreversible; }: --strict refuses it as it
     * refuses a lossy one (what cannot come back at all is worse). */
    if (m->cls == CLASS_IRREVERSIBLE && m->has_blocks && m->down)
        diag_at(r->diag, o->strict ? DIAG_ERROR : DIAG_WARNING, &m->src,
                m->down->loc,
                o->strict ? "--strict refuses irreversible migrations as it "
                            "refuses lossy ones; --since VERSION is strict "
                            "about newer migrations only"
                          : NULL,
                "irreversible migration: migc down stops at it");
    /* A risk, not a loss: a warning even with --strict. */
    if (cm->risk_stmt && !m->has_blocks)
        diag_at(r->diag, DIAG_WARNING, &m->src, cm->risk_stmt->loc, NULL,
                "the down may fail on data: %s", cm->risk_why);
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
    History h;
    diag_init(&diag, stderr);
    diag.color = cli_color(STDERR_FILENO);
    diag.no_warnings = o->quiet; /* --quiet: errors only */
    history_init(&h, &diag);
    h.lint = true;
    bool ok = cli_load_dir(o, &h);
    bool *sel = NULL;
    if (!select_files(o, &h, &sel))
        ok = false;
    if (ok && o->since && !history_find(&h, o->since)) {
        fprintf(stderr, "migc: error: --since %s: no migration of %s has "
                "that version\n", o->since, o->dir);
        free(sel);
        history_free(&h);
        return EXIT_USAGE;
    }
    CheckRun run = {.o = o, .d = d, .diag = &diag, .sel = sel,
                    .format = format};
    h.each = check_each;
    h.each_ctx = &run;
    if (ok)
        ok = history_compile(&h, d);
    diag.no_warnings = o->quiet;

    int counts[3] = {0, 0, 0};
    size_t width = 0;
    for (int i = 0; i < h.nmigs; i++) {
        const Migration *m = h.migs[i].m;
        size_t w = strlen(m->version) + 1 + strlen(m->name);
        if (sel[i] && w > width)
            width = w;
    }
    if (ok) {
        if (format != LINT_TEXT) {
            /* With --since, the findings of newer migrations only. */
            bool *shown = xmalloc(sizeof(bool) * (size_t)(h.nmigs ? h.nmigs
                                                                  : 1));
            for (int i = 0; i < h.nmigs; i++)
                shown[i] = sel[i] && newer(o, h.migs[i].m);
            lint_report(&h, shown, format);
            free(shown);
        }
        for (int i = 0; i < h.nmigs; i++) {
            const Migration *m = h.migs[i].m;
            if (!sel[i])
                continue;
            counts[m->cls]++;
            if (o->quiet || format == LINT_JSON || format == LINT_SARIF)
                continue;
            char id[PATH_MAX];
            snprintf(id, sizeof id, "%s_%s", m->version, m->name);
            printf("%-*s  %s", (int)width, id, ast_class_name(m->cls));
            if (m->cls == CLASS_LOSSY && m->lossy_what)
                printf(" (%s)", m->lossy_what);
            else if (m->cls == CLASS_IRREVERSIBLE && h.migs[i].irrev_why)
                printf(" (%s)", h.migs[i].irrev_why);
            putchar('\n');
        }
        if (!o->quiet && format != LINT_JSON && format != LINT_SARIF)
            printf("%d migration%s: %d reversible, %d lossy, %d irreversible\n",
                   counts[0] + counts[1] + counts[2],
                   counts[0] + counts[1] + counts[2] == 1 ? "" : "s",
                   counts[CLASS_REVERSIBLE], counts[CLASS_LOSSY],
                   counts[CLASS_IRREVERSIBLE]);
    }
    if (diag.errors)
        ok = false;
    free(sel);
    history_free(&h);
    return ok ? EXIT_OK : EXIT_FAIL;
}
