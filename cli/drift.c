/*
 * drift.c — whether a database drifted from the migrations it applied, for
 * `migc up` (which refuses to build on it unless --allow-drift) and
 * `migc status --drift`.
 *
 * The model is the history compiled with only the migrations the ledger
 * holds; the database's side is its catalog read back (cli/dbmodel.c).
 * They compare as history_drift_text() does: tables, columns, constraints,
 * indexes, enums, extensions and schemas, each as the dialect stores it,
 * leaving out what an applied `sql` statement names.  `migc diff` shows
 * everything, views, routines and triggers included (PostgreSQL's views
 * in the server's form, cli/viewform.c: about 0.3 ms a view, left out
 * here for the false difference docs/RUNTIME.md names).
 *
 * The cost: compiling the applied history once more (the cache does not
 * keep models) and reading the catalog (PostgreSQL: seven queries for the
 * whole database; MySQL: six, and one per stored routine; SQLite: one),
 * so `up` pays it only when there is something to apply, and `status`
 * only when asked.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "cli.h"
#include "dbmodel.h"
#include "drift.h"

/* How many lines of the difference a refusal shows. */
#define DRIFT_SHOWN_LINES 12

/* The drivers whose catalog reads back faithfully enough to refuse on:
 * each one migc speaks. */
static const char *const checkable[] = { "postgres", "sqlite", "mysql" };

bool cli_drift_checkable(const Db *db)
{
    for (size_t i = 0; i < sizeof checkable / sizeof checkable[0]; i++)
        if (strcmp(db->drv->name, checkable[i]) == 0)
            return true;
    return false;
}

/* The ledger and the catalog as one snapshot.  Where a session lock keeps
 * other runs out (PostgreSQL's advisory lock, MySQL's GET_LOCK), `up`
 * reads both under it, and nothing another run applies comes between;
 * MySQL's catalog could not be read in a snapshot anyway (its DDL commits,
 * information_schema is no MVCC data).  Where none does (SQLite), both
 * are read in one read transaction, the ledger again, so that what
 * another run applies meanwhile is either in both or in neither. */
static bool read_db(Db *db, const Dialect *d, Diag *diag, Arena *a,
                    const Ledger **l, History **dbh)
{
    bool snap = !db->drv->session_lock;
    DbError err;
    db_error_init(&err);
    Ledger *fresh = ARENA_NEW(a, Ledger);
    bool ok = !snap || (db->drv->exec(db, "BEGIN", &err) &&
                        ledger_read(db, a, fresh, &err));
    if (!ok) {
        apply_print_db_error(stderr, false, "migc", NULL, &err);
        db_error_clear(&err);
        return false;
    }
    if (snap)
        *l = fresh;
    ok = cli_db_model(db, d, diag, dbh, NULL);
    if (snap && !db->drv->exec(db, ok ? "COMMIT" : "ROLLBACK", &err)) {
        apply_print_db_error(stderr, false, "migc", NULL, &err);
        ok = false;
    }
    db_error_clear(&err);
    return ok;
}

int cli_drift(const CliOpts *o, Db *db, const Dialect *d, const Ledger *l,
              StrBuf *out, int *napplied)
{
    Diag diag;
    diag_init(&diag, stderr);
    diag.color = cli_color(STDERR_FILENO);
    diag.no_warnings = true;    /* the history compiled once already */
    History *model = history_new(&diag), *dbh = NULL;
    int n = -1, total = 0, applied = 0;
    Arena a;
    arena_init(&a);
    if (!cli_load_dir(o, model) || !read_db(db, d, &diag, &a, &l, &dbh))
        goto out;
    total = history_count(model);
    bool *keep = ARENA_ARRAY(&a, bool, total + 1);
    for (int i = 0; i < total; i++) {
        keep[i] = ledger_find(l, history_version(model, i)) != NULL;
        applied += keep[i];
    }
    for (int i = 0; i < l->n; i++)
        if (history_index(model, l->rows[i].version) < 0) {
            /* The model lacks what it did: nothing to compare with. */
            n = -2;
            goto out;
        }
    history_keep(model, keep);
    if (!history_compile(model, d))
        goto out;
    n = history_drift_text(dbh, model, out);
    if (napplied)
        *napplied = applied;
out:
    arena_free(&a);
    history_delete(dbh);
    history_delete(model);
    return n;
}

/* The first DRIFT_SHOWN_LINES lines of `text`, then how many more. */
static void print_head(FILE *f, const StrBuf *text)
{
    const char *p = text->data, *end = text->data + text->len;
    int lines = 0;
    while (p < end && lines < DRIFT_SHOWN_LINES) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl + 1 : end;
        fwrite(p, 1, (size_t)(e - p), f);
        p = e;
        lines++;
    }
    int more = 0;
    for (; p < end; p++)
        more += *p == '\n';
    if (more)
        fprintf(f, "-- ... and %d more line%s (migc diff shows them all)\n",
                more, more == 1 ? "" : "s");
}

bool cli_drift_before_up(Db *db, const Ledger *l, void *ctx)
{
    const CliDriftCtx *c = ctx;
    /* Nothing applied yet: nothing to drift from (a database that holds
     * objects before its first migration is `migc baseline`'s case). */
    if (!cli_drift_checkable(db) || l->n == 0)
        return true;
    StrBuf out;
    sb_init(&out);
    int applied = 0;
    int n = cli_drift(c->o, db, c->d, l, &out, &applied);
    if (n == -2)
        n = 0; /* the missing migration is reported as such */
    if (n > 0) {
        fprintf(stderr, "migc: error: the database drifted from the %d "
                "migration%s it applied (%d difference%s); refusing to "
                "apply more on it\n", applied, applied == 1 ? "" : "s", n,
                n == 1 ? "" : "s");
        fputs("-- these statements bring it back to the migrations:\n",
              stderr);
        print_head(stderr, &out);
        fputs("hint: bring the database back (migc diff prints every "
              "statement), or write the change as a migration; "
              "--allow-drift applies anyway\n", stderr);
    } else if (n < 0) {
        fputs("hint: --allow-drift applies without the check\n", stderr);
    }
    sb_free(&out);
    return n == 0;
}
