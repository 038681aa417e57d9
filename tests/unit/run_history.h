/*
 * run_history.h — for the unit tests that drive the whole pipeline: a
 * history of migrations given in memory, compiled for one dialect, with
 * its SQL as `migc compile` prints it and its diagnostics as text.
 * Included by one test program each (every function is static).
 */
#ifndef MIGC_TEST_RUN_HISTORY_H
#define MIGC_TEST_RUN_HISTORY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"

/* cmocka.h (assert_non_null) is included before this file. */

/* One compilation of a history given as files in memory. */
typedef struct Run {
    History h;
    Diag d;
    char *diagbuf;
    size_t diaglen;
    FILE *diagf;
    bool ok;
    StrBuf out;
} Run;

/* files: pairs of "version_name" and text, NULL-terminated. */
static void run_compile(Run *r, const Dialect *dialect, const char *const *files)
{
    memset(r, 0, sizeof *r);
    r->diagf = open_memstream(&r->diagbuf, &r->diaglen);
    diag_init(&r->d, r->diagf);
    history_init(&r->h, &r->d);
    sb_init(&r->out);
    r->ok = true;
    for (int i = 0; files[i]; i += 2) {
        char version[32], name[64], path[128];
        const char *us = strchr(files[i], '_');
        snprintf(version, sizeof version, "%.*s", (int)(us - files[i]),
                 files[i]);
        snprintf(name, sizeof name, "%s", us + 1);
        snprintf(path, sizeof path, "migrations/%s.mig", files[i]);
        r->ok = history_add_source(&r->h, path, version, name, files[i + 1],
                                   strlen(files[i + 1])) && r->ok;
    }
    r->ok = r->ok && history_compile(&r->h, dialect);
    fflush(r->diagf);
}

/* The SQL of one direction of one migration, as `migc compile` shows it. */
static const char *run_sql(Run *r, const char *version, bool down)
{
    CompiledMig *cm = history_find(&r->h, version);
    assert_non_null(cm);
    sb_reset(&r->out);
    history_format(&r->h, cm, down, &r->out);
    return sb_str(&r->out);
}

static const char *run_diags(Run *r)
{
    fflush(r->diagf);
    return r->diagbuf ? r->diagbuf : "";
}

static void run_free(Run *r)
{
    fclose(r->diagf);
    free(r->diagbuf);
    sb_free(&r->out);
    history_free(&r->h);
}

#endif
