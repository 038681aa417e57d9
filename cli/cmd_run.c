/*
 * cmd_run.c — `migc up`, `migc down`, `migc redo`: load and check the whole
 * history, then connect and let runtime/apply.c do the work.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apply.h"
#include "cli.h"
#include "drift.h"
#include "driver.h"
#include "runtime_cli.h"

const Dialect *cli_runtime_dialect(const CliOpts *o, const char *url)
{
    const DbDriver *drv = db_driver_for(url);
    if (!o->dialect)
        return dialect_find(drv->name);
    const Dialect *d = cli_dialect(o);
    if (!d)
        return NULL;
    if (strcmp(dialect_name(d), drv->name) != 0) {
        fprintf(stderr, "migc: error: --dialect %s does not match the "
                "database, which speaks %s\n", dialect_name(d), drv->name);
        return NULL;
    }
    return d;
}

bool cli_runtime_url_ok(const char *url)
{
    (void)url;
    return true;
}

/* An SQLite file named with --db or DATABASE_URL that is not there: only
 * `up` and `verify` create one.  The others would report an empty ledger of a typo
 * (and leave a new file behind).  The default db.sqlite3 of a project
 * that was never migrated is simply empty. */
static bool sqlite_file_missing(const CliOpts *o, const char *url)
{
    const char *env = getenv("DATABASE_URL");
    bool named = (o->db && *o->db) || (env && *env);
    if (!named || db_driver_for(url) != &db_driver_sqlite ||
        strcmp(o->cmd, "up") == 0 || strcmp(o->cmd, "verify") == 0)
        return false;
    char *path = db_sqlite_path(url);
    struct stat st;
    bool missing = *path && strcmp(path, ":memory:") != 0 &&
                   stat(path, &st) != 0 && errno == ENOENT;
    if (missing) {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            snprintf(cwd, sizeof cwd, ".");
        fprintf(stderr, "migc: error: %s: the database file %s does not "
                "exist%s%s%s\n", url, path, path[0] == '/' ? "" : " (in ",
                path[0] == '/' ? "" : cwd, path[0] == '/' ? "" : ")");
        fprintf(stderr, "hint: check --db (or DATABASE_URL); only `migc up` "
                "creates a database file\n");
    }
    free(path);
    return missing;
}

bool cli_connect(const CliOpts *o, Db *db, const char *url, bool readonly)
{
    DbError err;
    db_error_init(&err);
    if (sqlite_file_missing(o, url))
        return false;
    if (!db_open(db, url, o->table, readonly, &err)) {
        char *shown = db_mask_target(url);
        fprintf(stderr, "migc: error: cannot connect to %s: %s\n", shown,
                err.message ? err.message : "unknown error");
        free(shown);
        db_error_clear(&err);
        return false;
    }
    db->verbose = o->verbose;
    return true;
}

int cli_run_db(CliOpts *o, int nargs, CliDbFn fn, const void *arg)
{
    const char *url = cli_db_url(o);
    MigSet set;
    Diag diag;
    Db db;
    int rc;

    if (!cli_runtime_url_ok(url))
        return EXIT_FAIL;
    const Dialect *d = cli_runtime_dialect(o, url);
    if (!d)
        return EXIT_USAGE;
    if (o->nargs > nargs) {
        fprintf(stderr, "migc: %s takes %s arguments ('%s')\n", o->cmd,
                nargs ? "fewer" : "no", o->args[nargs]);
        return EXIT_USAGE;
    }
    /* The whole history must compile before the database is touched
     * (from the cache, it did). */
    if (!cli_load_set(o, &set, &diag, d)) {
        migset_free(&set);
        return EXIT_FAIL;
    }
    if ((o->lock_timeout_arg || o->retries_arg) &&
        !db_driver_for(url)->lock_timeout_sql) {
        fprintf(stderr, "migc: %s is PostgreSQL's: %s has no lock timeout "
                "of a migration\n", o->lock_timeout_arg ? "--lock-timeout"
                                                       : "--retries",
                db_driver_for(url)->name);
        migset_free(&set);
        return EXIT_USAGE;
    }
    if (!cli_connect(o, &db, url, o->dry_run)) {
        migset_free(&set);
        return EXIT_FAIL;
    }
    ApplyOpts ao = {
        .dry_run = o->dry_run,
        .quiet = o->quiet,
        .verbose = o->verbose,
        .color = o->color,
        .progress = o->color,
        .allow_changed = o->allow_changed,
        .allow_out_of_order = o->allow_out_of_order,
        .to = o->to,
        .steps = o->steps,
        .all = o->all,
        .lock_timeout_ms = o->lock_timeout_ms,
        .retries = o->retries,
        .batch_size = o->batch_size,
        .batch_pause_ms = o->batch_pause_ms,
        .out = stdout,
        .err = stderr,
    };
    CliDriftCtx drift = { o, d };
    if (strcmp(o->cmd, "up") == 0 && !o->allow_drift) {
        ao.under_lock = cli_drift_before_up;
        ao.under_lock_ctx = &drift;
    }
    /* 128 + a signal: the run was interrupted (apply.h). */
    rc = fn(&db, &set, &ao, arg);
    rc = rc == 0 ? EXIT_OK : rc > 128 ? rc : EXIT_FAIL;
    db_close(&db);
    migset_free(&set);
    if (fflush(stdout) != 0)
        rc = EXIT_FAIL;
    return rc;
}

static int up(Db *db, MigSet *s, const ApplyOpts *o, const void *arg)
{
    (void)arg;
    return apply_up(db, s, o);
}

static int down(Db *db, MigSet *s, const ApplyOpts *o, const void *arg)
{
    (void)arg;
    return apply_down(db, s, o);
}

static int redo(Db *db, MigSet *s, const ApplyOpts *o, const void *arg)
{
    (void)arg;
    return apply_redo(db, s, o);
}

int cmd_up(CliOpts *o)
{
    return cli_run_db(o, 0, up, NULL);
}

int cmd_down(CliOpts *o)
{
    return cli_run_db(o, 0, down, NULL);
}

int cmd_redo(CliOpts *o)
{
    if (o->to || o->steps) {
        fprintf(stderr, "migc: redo takes neither --to nor --steps\n");
        return EXIT_USAGE;
    }
    return cli_run_db(o, 0, redo, NULL);
}
