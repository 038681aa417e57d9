/*
 * sqlite.c — the SQLite driver, through the SQLite library (embedded).
 *
 * Concurrent runs are kept apart by SQLite's write lock: every unit starts
 * with BEGIN IMMEDIATE, which waits (busy timeout) for the lock, and then
 * re-checks the ledger inside the transaction (the guard of DbBatch).
 *
 * Foreign keys.  SQLite enforces them only on a connection that asks, with
 * PRAGMA foreign_keys = ON, which is what a user of a migration tool
 * expects of the database it migrates: the connection asks as it opens.
 * But the table rebuild of emit_sqlite.c drops and renames a table that
 * others may reference, which with enforcement on would fail or cascade
 * into the referencing rows.  So every unit runs in the frame of SQLite's
 * documented procedure (https://www.sqlite.org/lang_altertable.html),
 * the one `migc compile --dialect sqlite` prints:
 *
 *     PRAGMA foreign_keys = OFF;      -- outside: a no-op in a transaction
 *     BEGIN IMMEDIATE;
 *     ... the statements, the ledger row ...
 *     PRAGMA foreign_key_check;       -- any row: ROLLBACK, and an error
 *     COMMIT;
 *     PRAGMA foreign_keys = ON;       -- after a ROLLBACK too
 *
 * A statement of the migration that breaks a foreign key (an INSERT in a
 * `sql` statement, say) thus fails the migration as it would with
 * enforcement on, only reported by the check, before COMMIT, rather than
 * at the statement.  A migration without a transaction gets the same
 * frame around all its statements, the check before its ledger row; a
 * violation it finds cannot be undone, but the migration is not recorded.
 * (The rebuilds inside such a migration carry their own frame, which turns
 * the foreign keys on again after each.)
 */
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "driver.h"
#include "ledger.h"

#define MAX_COLS 16

static sqlite3 *handle(Db *db)
{
    return (sqlite3 *)db->conn;
}

/* The symbolic name of a result code, in place of PostgreSQL's SQLSTATE. */
static const char *rc_name(int rc)
{
    switch (rc) {
    case SQLITE_CONSTRAINT_CHECK: return "SQLITE_CONSTRAINT_CHECK";
    case SQLITE_CONSTRAINT_FOREIGNKEY: return "SQLITE_CONSTRAINT_FOREIGNKEY";
    case SQLITE_CONSTRAINT_NOTNULL: return "SQLITE_CONSTRAINT_NOTNULL";
    case SQLITE_CONSTRAINT_PRIMARYKEY: return "SQLITE_CONSTRAINT_PRIMARYKEY";
    case SQLITE_CONSTRAINT_UNIQUE: return "SQLITE_CONSTRAINT_UNIQUE";
    case SQLITE_READONLY_DBMOVED: return "SQLITE_READONLY_DBMOVED";
    case SQLITE_READONLY_DIRECTORY: return "SQLITE_READONLY_DIRECTORY";
    case SQLITE_BUSY_SNAPSHOT: return "SQLITE_BUSY_SNAPSHOT";
    case SQLITE_IOERR_WRITE: return "SQLITE_IOERR_WRITE";
    default: break;
    }
    switch (rc & 0xff) {
    case SQLITE_ERROR: return "SQLITE_ERROR";
    case SQLITE_INTERNAL: return "SQLITE_INTERNAL";
    case SQLITE_PERM: return "SQLITE_PERM";
    case SQLITE_ABORT: return "SQLITE_ABORT";
    case SQLITE_BUSY: return "SQLITE_BUSY";
    case SQLITE_LOCKED: return "SQLITE_LOCKED";
    case SQLITE_NOMEM: return "SQLITE_NOMEM";
    case SQLITE_READONLY: return "SQLITE_READONLY";
    case SQLITE_INTERRUPT: return "SQLITE_INTERRUPT";
    case SQLITE_IOERR: return "SQLITE_IOERR";
    case SQLITE_CORRUPT: return "SQLITE_CORRUPT";
    case SQLITE_NOTFOUND: return "SQLITE_NOTFOUND";
    case SQLITE_FULL: return "SQLITE_FULL";
    case SQLITE_CANTOPEN: return "SQLITE_CANTOPEN";
    case SQLITE_PROTOCOL: return "SQLITE_PROTOCOL";
    case SQLITE_SCHEMA: return "SQLITE_SCHEMA";
    case SQLITE_TOOBIG: return "SQLITE_TOOBIG";
    case SQLITE_CONSTRAINT: return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH: return "SQLITE_MISMATCH";
    case SQLITE_MISUSE: return "SQLITE_MISUSE";
    case SQLITE_RANGE: return "SQLITE_RANGE";
    case SQLITE_NOTADB: return "SQLITE_NOTADB";
    default: return "SQLITE_ERROR";
    }
}

/* Turn the handle's last error into *err.  `base` is the offset of the
 * prepared text within the statement the caller reports. */
static bool fail(Db *db, int rc, size_t base, DbError *err)
{
    sqlite3 *h = handle(db);
    db_error_clear(err);
    int xrc = h ? sqlite3_extended_errcode(h) : rc;
    if ((xrc & 0xff) != (rc & 0xff))
        xrc = rc;
    snprintf(err->code, sizeof err->code, "%s", rc_name(xrc));
    err->message = xstrdup(h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
#if SQLITE_VERSION_NUMBER >= 3038000
    if (h) {
        int off = sqlite3_error_offset(h);
        if (off >= 0)
            err->position = (int)base + off + 1;
    }
#else
    (void)base;
#endif
    return false;
}

/*
 * Roll back the hot journal of `path` (the read-only handle on it is
 * closed): open it for writing, without creating it, and read, which makes
 * SQLite roll the unfinished write back, as any writing run would.  When
 * the file or its folder cannot be written, say what to run.
 */
static bool recover_journal(Db *db, const char *path, DbError *err)
{
    sqlite3 *w = NULL;
    sqlite3_close_v2(handle(db));
    db->conn = NULL;
    int rc = sqlite3_open_v2(path, &w, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(w, 1);
        sqlite3_busy_timeout(w, db->busy_timeout_ms);
        rc = sqlite3_exec(w, "SELECT count(*) FROM sqlite_master", NULL,
                          NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        db_error_set(err, "%s has a hot journal (%s-journal), left by a "
                     "write that did not finish, and it cannot be rolled "
                     "back here: %s", path, path,
                     w ? sqlite3_errmsg(w) : sqlite3_errstr(rc));
        snprintf(err->code, sizeof err->code, "SQLITE_READONLY_ROLLBACK");
        StrBuf hint;
        sb_init(&hint);
        sb_printf(&hint, "as a user who may write the file and its folder, "
                  "run: sqlite3 '%s' 'PRAGMA quick_check'", path);
        err->hint = xstrdup(sb_str(&hint));
        sb_free(&hint);
        sqlite3_close_v2(w);
        return false;
    }
    sqlite3_close_v2(w);
    return true;
}

static bool sq_connect(Db *db, const char *target, bool readonly,
                       DbError *err)
{
    sqlite3 *h = NULL;
    const char *path;
    int flags, rc;

    db->sqlite_path = db_sqlite_path(target);
    path = db->sqlite_path;
    if (!*path) {
        db_error_set(err, "no database file named");
        return false;
    }
    if (readonly) {
        /* Reading a database that does not exist yet: an empty one,
         * without creating the file. */
        if (access(path, F_OK) != 0)
            path = ":memory:";
        flags = SQLITE_OPEN_READONLY;
    } else {
        flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    rc = sqlite3_open_v2(path, &h, flags, NULL);
    db->conn = h;
    if (rc != SQLITE_OK) {
        fail(db, rc, 0, err);
        return false;
    }
    sqlite3_extended_result_codes(h, 1);
    sqlite3_busy_timeout(h, db->busy_timeout_ms);
    if (!readonly && sqlite3_db_readonly(h, "main") == 1) {
        db_error_set(err, "database file is read-only");
        return false;
    }
    /* Read the header now, so that "file is not a database" is a
     * connection error rather than a failure of the first migration.
     * Then enforce foreign keys (see the top of the file). */
    rc = sqlite3_exec(h, "SELECT count(*) FROM sqlite_master", NULL, NULL,
                      NULL);
    if (readonly && sqlite3_extended_errcode(h) == SQLITE_READONLY_ROLLBACK) {
        /* A hot journal: a write that did not finish (a crash, a full
         * disk).  Reading needs it rolled back first, which SQLite does
         * on a connection that may write; then read-only again. */
        if (!recover_journal(db, path, err))
            return false;
        rc = sqlite3_open_v2(path, &h, flags, NULL);
        db->conn = h;
        if (rc != SQLITE_OK) {
            fail(db, rc, 0, err);
            return false;
        }
        sqlite3_extended_result_codes(h, 1);
        sqlite3_busy_timeout(h, db->busy_timeout_ms);
        rc = sqlite3_exec(h, "SELECT count(*) FROM sqlite_master", NULL,
                          NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fail(db, rc, 0, err);
        return false;
    }
    return true;
}

static void sq_close(Db *db)
{
    sqlite3_close_v2(handle(db));
    db->conn = NULL;
}

static bool sq_exec(Db *db, const char *sql, DbError *err)
{
    sqlite3 *h = handle(db);
    const char *tail = sql;
    while (*tail) {
        sqlite3_stmt *st = NULL;
        const char *here = tail;
        int rc = sqlite3_prepare_v2(h, here, -1, &st, &tail);
        if (rc != SQLITE_OK)
            return fail(db, rc, (size_t)(here - sql), err);
        if (!st)            /* only whitespace or comments */
            continue;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            ;
        if (rc != SQLITE_DONE) {
            fail(db, rc, (size_t)(here - sql), err);
            sqlite3_finalize(st);
            return false;
        }
        sqlite3_finalize(st);
    }
    return true;
}

static bool sq_query(Db *db, const char *sql, int nparams,
                     const char *const *params, DbRowFn fn, void *ctx,
                     DbError *err)
{
    sqlite3 *h = handle(db);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(db, rc, 0, err);
    if (!st)
        return true;
    for (int i = 0; i < nparams; i++) {
        char name[16];
        snprintf(name, sizeof name, "$%d", i + 1);
        int idx = sqlite3_bind_parameter_index(st, name);
        if (idx == 0)
            continue;       /* not used by this statement */
        rc = params[i] ? sqlite3_bind_text(st, idx, params[i], -1,
                                           SQLITE_TRANSIENT)
                       : sqlite3_bind_null(st, idx);
        if (rc != SQLITE_OK) {
            fail(db, rc, 0, err);
            sqlite3_finalize(st);
            return false;
        }
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *vals[MAX_COLS];
        int n = sqlite3_column_count(st);
        if (n > MAX_COLS)
            n = MAX_COLS;
        for (int c = 0; c < n; c++)
            vals[c] = (const char *)sqlite3_column_text(st, c);
        if (fn && !fn(ctx, n, vals)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        fail(db, rc, 0, err);
        sqlite3_finalize(st);
        return false;
    }
    sqlite3_finalize(st);
    return true;
}

static bool sq_begin(Db *db, DbError *err)
{
    return sq_exec(db, "BEGIN IMMEDIATE", err);
}

static bool sq_commit(Db *db, DbError *err)
{
    return sq_exec(db, "COMMIT", err);
}

static bool sq_rollback(Db *db, DbError *err)
{
    if (sqlite3_get_autocommit(handle(db)))
        return true;        /* the failure already ended the transaction */
    return sq_exec(db, "ROLLBACK", err);
}

/* ---- the foreign key check ---- */

#define FK_CHECK_SQL "PRAGMA foreign_key_check"

/* The rows of PRAGMA foreign_key_check: table, rowid, parent, fkid. */
typedef struct FkCtx {
    long n;
    char *first;        /* the first violation, for the message */
} FkCtx;

static bool fk_row(void *ctx, int ncols, const char *const *vals)
{
    FkCtx *fc = ctx;
    if (fc->n++ > 0 || ncols < 3)
        return true;
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "table %s ", vals[0] ? vals[0] : "?");
    /* A WITHOUT ROWID table has no rowid to show. */
    if (vals[1])
        sb_printf(&b, "row %s ", vals[1]);
    else
        sb_puts(&b, "(a row without rowid) ");
    sb_printf(&b, "references %s", vals[2] ? vals[2] : "?");
    fc->first = xstrdup(sb_str(&b));
    sb_free(&b);
    return true;
}

static bool fk_count(Db *db, FkCtx *fc, DbError *err)
{
    fc->n = 0;
    fc->first = NULL;
    return sq_query(db, FK_CHECK_SQL, 0, NULL, fk_row, fc, err);
}

/*
 * PRAGMA foreign_key_check reports violations as rows, not as an error:
 * any row fails the unit.  It checks the whole database, so a violation
 * the database had before the unit fails it too; inside a transaction the
 * unit is rolled back here and the check run again, to say so in a hint.
 */
static bool sq_check(Db *db, const char *label, DbError *err)
{
    FkCtx fc;
    if (!fk_count(db, &fc, err)) {
        free(fc.first);
        return false;
    }
    if (fc.n == 0)
        return true;
    db_error_set(err, "foreign key violation after %s: %s", label,
                 fc.first ? fc.first : "?");
    free(fc.first);
    snprintf(err->code, sizeof err->code, "SQLITE_CONSTRAINT_FOREIGNKEY");
    if (fc.n > 1) {
        char buf[64];
        snprintf(buf, sizeof buf, "%ld rows violate a foreign key", fc.n);
        err->detail = xstrdup(buf);
    }
    if (!sqlite3_get_autocommit(handle(db))) {
        DbError e;
        FkCtx before = {0, NULL};
        db_error_init(&e);
        if (sq_exec(db, "ROLLBACK", &e) && fk_count(db, &before, &e) &&
            before.n > 0) {
            char buf[160];
            snprintf(buf, sizeof buf, "the database had %ld such row%s "
                     "before it too: PRAGMA foreign_key_check lists them",
                     before.n, before.n == 1 ? "" : "s");
            err->hint = xstrdup(buf);
        }
        free(before.first);
        db_error_clear(&e);
    }
    return false;
}

/* From a signal handler: sqlite3_interrupt only sets a flag. */
static void sq_interrupt(Db *db)
{
    if (db->conn)
        sqlite3_interrupt(handle(db));
}

/* ---- claims and statement-level progress ---- */

/*
 * A migration without a transaction cannot be re-checked and undone as a
 * transactional one is: two runs that both found it pending would both
 * run it.  So it is claimed first, under the write lock (BEGIN
 * IMMEDIATE): the table `<ledger>_progress` gets a row for the unit
 * (version and direction) with the claimant's process id, and then, after
 * each statement, how many took effect and their text.  The ledger row is
 * written at the end and the progress row deleted after it.
 *
 * A run that finds the unit done (up: in the ledger; down: gone from it)
 * skips it.  One that finds it claimed by a process still alive waits, as
 * BEGIN IMMEDIATE waits for the lock, up to the busy timeout, and then
 * fails saying how far the other run got, having run nothing.  A claim
 * whose process is gone is a run that stopped part-way: the unit resumes
 * after the statements it recorded, if they are the unit's first
 * statements still, and is refused otherwise.  The process check assumes
 * the runs share a machine, as SQLite's own locking does.
 */

typedef struct Claim {
    bool found;
    int done;
    int total;
    long pid;
    char *done_sql;
} Claim;

static bool claim_row(void *ctx, int ncols, const char *const *vals)
{
    Claim *c = ctx;
    if (ncols < 4)
        return false;
    c->found = true;
    c->done = vals[0] ? atoi(vals[0]) : 0;
    c->total = vals[1] ? atoi(vals[1]) : 0;
    c->pid = vals[2] ? atol(vals[2]) : 0;
    c->done_sql = xstrdup(vals[3] ? vals[3] : "");
    return false;
}

static bool read_long_row(void *ctx, int ncols, const char *const *vals)
{
    if (ncols >= 1 && vals[0])
        *(long *)ctx = atol(vals[0]);
    return false;
}

static bool pid_alive(long pid)
{
    if (pid <= 0 || pid == (long)getpid())
        return false;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* The progress table's name, unquoted, as the catalog knows it
 * (malloc'd). */
static char *progress_name(const Db *db)
{
    char *name = xmalloc(strlen(db->table) + sizeof "_progress");
    strcpy(name, db->table);
    strcat(name, "_progress");
    return name;
}

/* Whether the progress table has the columns of a failed statement (a
 * table made before them has not); false when there is no table. */
static bool has_failure_cols(Db *db, bool *has, DbError *err)
{
    char *name = progress_name(db);
    const char *vals[1] = {name};
    long n = 0;
    bool ok = sq_query(db, "SELECT count(*) FROM pragma_table_info($1) WHERE "
                       "name = 'error_code'", 1, vals, read_long_row, &n,
                       err);
    free(name);
    *has = n > 0;
    return ok;
}

typedef enum ClaimResult { CLAIM_OK, CLAIM_DONE, CLAIM_BUSY,
                           CLAIM_FAILED } ClaimResult;

/* One attempt, inside BEGIN IMMEDIATE. */
static ClaimResult claim_once(Db *db, const DbBatch *b, const char *qp,
                              int *resume, Claim *c, DbError *err)
{
    const char *version = b->ledger_params[0];
    const char *dir = db_batch_direction(b);
    bool up = strcmp(dir, "up") == 0, undo = strcmp(dir, "undo") == 0;
    StrBuf q;
    long in_ledger = 0;
    bool ok;
    sb_init(&q);
    sb_printf(&q,
        "CREATE TABLE IF NOT EXISTS %s (\n"
        "    version text NOT NULL,\n"
        "    direction text NOT NULL,\n"
        "    done integer NOT NULL,\n"
        "    total integer NOT NULL,\n"
        "    pid integer NOT NULL,\n"
        "    done_sql text NOT NULL,\n"
        "    updated_at text NOT NULL\n"
        "        DEFAULT (strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now')),\n"
        "    failed_sql text,\n"
        "    error_code text,\n"
        "    error_message text,\n"
        "    error_detail text,\n"
        "    error_hint text,\n"
        "    PRIMARY KEY (version, direction)\n"
        ")", qp);
    ok = sq_exec(db, sb_str(&q), err);
    bool failure_cols = false;
    if (ok)
        ok = has_failure_cols(db, &failure_cols, err);
    if (ok && !failure_cols) {
        /* A table made before them. */
        char *add = db_progress_add_failure_cols(qp, false);
        ok = sq_exec(db, add, err);
        free(add);
    }
    if (ok) {
        /* An undo is done once the migration's `up` row is gone. */
        sb_reset(&q);
        if (undo)
            sb_printf(&q, "SELECT count(*) = 0 FROM %s WHERE version = $1 "
                      "AND direction = 'up'", qp);
        else
            sb_printf(&q, "SELECT count(*) FROM %s WHERE version = $1",
                      db->qtable);
        ok = sq_query(db, sb_str(&q), 1, &version, read_long_row, &in_ledger,
                      err);
    }
    if (ok && (in_ledger > 0) == (up || undo)) {
        /* Done by another run; a row it left behind goes too. */
        sb_reset(&q);
        sb_printf(&q, "DELETE FROM %s WHERE version = $1 AND direction = $2",
                  qp);
        const char *vals[2] = {version, dir};
        ok = sq_query(db, sb_str(&q), 2, vals, NULL, NULL, err);
        sb_free(&q);
        return ok ? CLAIM_DONE : CLAIM_FAILED;
    }
    if (ok) {
        sb_reset(&q);
        sb_printf(&q, "SELECT done, total, pid, done_sql FROM %s "
                  "WHERE version = $1 AND direction = $2", qp);
        const char *vals[2] = {version, dir};
        ok = sq_query(db, sb_str(&q), 2, vals, claim_row, c, err);
    }
    if (!ok) {
        sb_free(&q);
        return CLAIM_FAILED;
    }
    if (c->found && pid_alive(c->pid)) {
        sb_free(&q);
        return CLAIM_BUSY;
    }
    /* An up and the undo of the same migration exclude each other; an up
     * does not resume over a rollback of it that stopped part-way. */
    if (up || undo) {
        Claim other = {false, 0, 0, 0, NULL};
        const char *vals[2] = {version, up ? "undo" : "up"};
        sb_reset(&q);
        sb_printf(&q, "SELECT done, total, pid, done_sql FROM %s "
                  "WHERE version = $1 AND direction = $2", qp);
        ok = sq_query(db, sb_str(&q), 2, vals, claim_row, &other, err);
        ClaimResult r = !ok ? CLAIM_FAILED
                      : other.found && pid_alive(other.pid) ? CLAIM_BUSY
                      : CLAIM_OK;
        if (r == CLAIM_OK && up && other.found && other.done > 0) {
            db_progress_undo_stopped(err, b, other.done, other.total);
            r = CLAIM_FAILED;
        }
        if (r == CLAIM_BUSY) {
            /* The message of a wait that timed out names the other run. */
            c->pid = other.pid;
            c->done = other.done;
            c->total = other.total;
        }
        free(other.done_sql);
        if (r != CLAIM_OK) {
            sb_free(&q);
            return r;
        }
    }
    if (c->found) {
        if (!db_progress_same_prefix(b, c->done, c->done_sql, qp, err)) {
            sb_free(&q);
            return CLAIM_FAILED;
        }
        *resume = c->done;
    }
    char pid[32], total[32];
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    snprintf(total, sizeof total, "%d", b->nstmts);
    const char *vals[4] = {version, dir, pid, total};
    sb_reset(&q);
    if (c->found)
        sb_printf(&q, "UPDATE %s SET pid = CAST($3 AS integer), total = "
                  "CAST($4 AS integer), updated_at = strftime("
                  "'%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now') WHERE version = $1 "
                  "AND direction = $2", qp);
    else
        sb_printf(&q, "INSERT INTO %s (version, direction, done, total, pid, "
                  "done_sql) VALUES ($1, $2, 0, CAST($4 AS integer), "
                  "CAST($3 AS integer), '')", qp);
    ok = sq_query(db, sb_str(&q), 4, vals, NULL, NULL, err);
    sb_free(&q);
    return ok ? CLAIM_OK : CLAIM_FAILED;
}

static bool sq_progress_begin(Db *db, const DbBatch *b, int *resume,
                              DbError *err)
{
    *resume = 0;
    /* A unit without statements (mark, accept) only writes the ledger. */
    if (b->nstmts == 0 || b->nledger_params < 1)
        return true;
    char *qp = db_progress_table(db);
    double until = db_now_ms() + db->busy_timeout_ms;
    for (;;) {
        Claim c = {false, 0, 0, 0, NULL};
        if (!sq_begin(db, err)) {
            free(qp);
            return false;
        }
        ClaimResult r = claim_once(db, b, qp, resume, &c, err);
        bool ok = r != CLAIM_FAILED && sq_commit(db, err);
        if (!ok) {
            DbError e;
            db_error_init(&e);
            sq_rollback(db, &e);
            db_error_clear(&e);
        }
        if (r == CLAIM_BUSY && ok && db_now_ms() >= until) {
            db_error_set(err, "%s is being run without a transaction by "
                         "another process (%ld), %d of its %d statements "
                         "done so far, and it did not finish within the "
                         "busy timeout (%d ms): nothing of it was run here",
                         b->label ? b->label : "this migration", c.pid,
                         c.done, c.total, db->busy_timeout_ms);
            ok = false;
        }
        free(c.done_sql);
        if (!ok) {
            free(qp);
            return false;
        }
        if (r == CLAIM_BUSY) {
            struct timespec ts = {0, 20 * 1000 * 1000};
            nanosleep(&ts, NULL);
            continue;
        }
        free(qp);
        if (r == CLAIM_DONE)
            *resume = -1;
        return true;
    }
}

static DbStep sq_progress_exec(Db *db, const DbBatch *b, int i,
                               bool with_ledger, DbError *err)
{
    (void)with_ledger;      /* never: the driver has a check */
    if (!sq_exec(db, b->stmts[i], err))
        return DB_STEP_FAILED;
    if (b->nledger_params < 1)
        return DB_STEP_OK;
    char *qp = db_progress_table(db);
    char done[32];
    snprintf(done, sizeof done, "%d", i + 1);
    const char *vals[4] = {b->ledger_params[0], db_batch_direction(b), done,
                           b->stmts[i]};
    StrBuf q;
    sb_init(&q);
    sb_printf(&q, "UPDATE %s SET done = CAST($3 AS integer), done_sql = "
              "done_sql || $4 || char(10), updated_at = strftime("
              "'%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'), " DB_PROGRESS_FAILURE_CLEAR
              " WHERE version = $1 AND direction = $2", qp);
    bool ok = sq_query(db, sb_str(&q), 4, vals, NULL, NULL, err);
    sb_free(&q);
    free(qp);
    return ok ? DB_STEP_OK : DB_STEP_LEDGER_FAILED;
}

static void sq_progress_end(Db *db, const DbBatch *b)
{
    if (b->nstmts == 0 || b->nledger_params < 1)
        return;
    char *qp = db_progress_table(db);
    const char *vals[2] = {b->ledger_params[0], db_batch_direction(b)};
    StrBuf q;
    DbError e;
    sb_init(&q);
    db_error_init(&e);
    sb_printf(&q, "DELETE FROM %s WHERE version = $1 AND direction = $2", qp);
    /* A row left by a failure here is dropped by the next claim, which
     * finds the unit done first. */
    sq_query(db, sb_str(&q), 2, vals, NULL, NULL, &e);
    db_error_clear(&e);
    sb_free(&q);
    free(qp);
}

/* For `status`: read-only, so a row of a unit done since is left out
 * rather than deleted, and so is a claim with nothing done yet; a missing
 * table has none. */
static bool sq_read_partial(Db *db, DbPartialFn fn, void *ctx, DbError *err)
{
    char *qp = db_progress_table(db);
    char *name = progress_name(db);
    const char *vals[1] = {name};
    long have = 0;
    bool ok = sq_query(db, "SELECT count(*) FROM sqlite_master WHERE type = "
                       "'table' AND name = $1 COLLATE NOCASE", 1, vals, read_long_row, &have,
                       err);
    bool failure_cols = false;
    if (ok && have > 0)
        ok = has_failure_cols(db, &failure_cols, err);
    if (ok && have > 0) {
        DbPartialRows pc = {fn, ctx};
        StrBuf q;
        sb_init(&q);
        /* An up or undo row while the migration is not in the ledger, a
         * down row while it is. */
        sb_printf(&q, "SELECT version, direction, done, total, done_sql, %s "
                  "FROM %s WHERE done > 0 AND (direction <> 'down') = "
                  "(version NOT IN (SELECT version FROM %s)) ORDER BY "
                  "version", failure_cols ? DB_PROGRESS_FAILURE_COLS
                  : "NULL, NULL, NULL, NULL, NULL", qp, db->qtable);
        ok = sq_query(db, sb_str(&q), 0, NULL, db_partial_row, &pc, err);
        sb_free(&q);
    }
    free(name);
    free(qp);
    return ok;
}

/* No session lock: each unit takes the write lock with BEGIN IMMEDIATE. */
static bool sq_lock(Db *db, DbError *err)
{
    (void)err;
    db->locked = false;
    return true;
}

static bool sq_unlock(Db *db, DbError *err)
{
    (void)db;
    (void)err;
    return true;
}

/* Split where SQLite itself would: sqlite3_complete() knows quotes,
 * comments and the ';' inside CREATE TRIGGER ... END. */
static int sq_split(const char *sql, char ***out)
{
    char **v = NULL;
    int n = 0, cap = 0;
    const char *start = sql;
    StrBuf b;
    sb_init(&b);
    for (const char *p = sql;; p++) {
        if (*p != ';' && *p != '\0')
            continue;
        size_t len = (size_t)(p - start) + (*p == ';');
        sb_reset(&b);
        sb_putn(&b, start, len);
        if (*p == '\0' || sqlite3_complete(sb_str(&b))) {
            if (db_sql_has_content(sb_str(&b), len)) {
                const char *s = sb_str(&b);
                size_t from = 0, to = len;
                while (from < to && (s[from] == ' ' || s[from] == '\n' ||
                                     s[from] == '\t' || s[from] == '\r'))
                    from++;
                if (n == cap) {
                    cap = cap ? cap * 2 : 8;
                    v = xrealloc(v, sizeof *v * (size_t)cap);
                }
                char *piece = xmalloc(to - from + 1);
                memcpy(piece, s + from, to - from);
                piece[to - from] = '\0';
                v[n++] = piece;
            }
            start = p + (*p == ';');
        }
        if (*p == '\0')
            break;
    }
    sb_free(&b);
    *out = v;
    return n;
}

/* The ledger (driver.h).  SQLite's names are case-insensitive (ASCII):
 * `--table Ledger` and `--table ledger` are one table, so the lookup is
 * too. */
static const DbLedgerSql sq_ledger = {
    .exists = "SELECT count(*) FROM sqlite_master "
              "WHERE type = 'table' AND name = $1 COLLATE NOCASE",
    .exists_quoted = false,
    .create =
        "CREATE TABLE IF NOT EXISTS {table} (\n"
        "    version text PRIMARY KEY,\n"
        "    name text NOT NULL,\n"
        "    checksum text NOT NULL,\n"
        "    up_sql text NOT NULL,\n"
        "    down_sql text,\n"
        "    no_transaction integer NOT NULL DEFAULT 0,\n"
        "    applied_at text NOT NULL\n"
        "        DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
        "    duration_ms real NOT NULL\n"
        ")",
    .select = "SELECT version, name, checksum, "
              "substr(applied_at, 1, 19) || 'Z' FROM {table}",
    .insert = "INSERT INTO {table} (version, name, checksum, up_sql, "
              "down_sql, no_transaction, duration_ms) VALUES ($1, $2, $3, "
              "$4, $5, CAST($6 AS integer), CAST($7 AS real))",
    /* Versions are digits: as numbers, a longer one (without leading
     * zeros) is newer, and one as long compares as text. */
    .newest = "SELECT EXISTS (SELECT 1 FROM {table} WHERE version = $1) "
              "AND NOT EXISTS (SELECT 1 FROM {table} WHERE "
              "length(ltrim(version, '0')) > length(ltrim($1, '0')) OR "
              "(length(ltrim(version, '0')) = length(ltrim($1, '0')) AND "
              "ltrim(version, '0') > ltrim($1, '0')))",
};

const DbDriver db_driver_sqlite = {
    .name = "sqlite",
    .ledger = &sq_ledger,
    .quote = '"',
    .session_lock = false,
    .connect = sq_connect,
    .close = sq_close,
    .exec = sq_exec,
    .query = sq_query,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .lock = sq_lock,
    .unlock = sq_unlock,
    .run_batch = NULL,
    .split = sq_split,
    .unit_prologue = "PRAGMA foreign_keys = OFF",
    .unit_epilogue = "PRAGMA foreign_keys = ON",
    .check = sq_check,
    .check_sql = FK_CHECK_SQL,
    .interrupt = sq_interrupt,
    .progress_begin = sq_progress_begin,
    .progress_exec = sq_progress_exec,
    .progress_end = sq_progress_end,
    .read_partial = sq_read_partial,
};
