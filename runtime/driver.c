/*
 * driver.c — what every driver shares: errors, opening by target, the
 * generic transaction runner, masking passwords, splitting SQL text.
 */
#include "driver.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "ledger.h"
#include "mask.h"
#include "sqllex.h"

void db_error_init(DbError *e)
{
    memset(e, 0, sizeof *e);
}

void db_error_clear(DbError *e)
{
    free(e->message);
    free(e->detail);
    free(e->hint);
    db_error_init(e);
}

void db_error_set(DbError *e, const char *fmt, ...)
{
    va_list ap;
    StrBuf b;
    db_error_clear(e);
    sb_init(&b);
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    e->message = xstrdup(sb_str(&b));
    sb_free(&b);
}

double db_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static bool has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

const DbDriver *db_driver_for(const char *target)
{
    if (has_prefix(target, "sqlite:"))
        return &db_driver_sqlite;
    if (has_prefix(target, "mysql:") || has_prefix(target, "mariadb:"))
        return &db_driver_mysql;
    return &db_driver_postgres;
}

char *db_sqlite_path(const char *target)
{
    const char *p = target;
    if (has_prefix(p, "sqlite://"))
        p += 9;
    else if (has_prefix(p, "sqlite:"))
        p += 7;
    return xstrdup(p);
}

bool db_open(Db *db, const char *target, const char *table, bool readonly,
             DbError *err)
{
    StrBuf q;
    memset(db, 0, sizeof *db);
    db->drv = db_driver_for(target);
    db->table = xstrdup(table);
    sb_init(&q);
    char quote = db->drv->quote ? db->drv->quote : '"';
    sb_putc(&q, quote);
    for (const char *p = table; *p; p++) {
        if (*p == quote)
            sb_putc(&q, quote);
        sb_putc(&q, *p);
    }
    sb_putc(&q, quote);
    db->qtable = xstrdup(sb_str(&q));
    sb_free(&q);
    db->display = db_mask_target(target);
    db->readonly = readonly;
    db->busy_timeout_ms = 30000;
    if (!db->drv->connect(db, target, readonly, err)) {
        if (err->message) {
            char *m = db_mask_message(err->message, target, NULL);
            free(err->message);
            err->message = m;
        }
        db_close(db);
        return false;
    }
    return true;
}

void db_close(Db *db)
{
    if (db->drv && db->conn) {
        if (db->locked) {
            DbError e;
            db_error_init(&e);
            db->drv->unlock(db, &e);
            db_error_clear(&e);
        }
        db->drv->close(db);
    }
    db->conn = NULL;
    free(db->table);
    free(db->qtable);
    free(db->display);
    free(db->sqlite_path);
    free(db->unit_setup);
    free(db->resumed_key);
    db->resumed_key = NULL;
    db->unit_setup = NULL;
    db->table = db->qtable = db->display = db->sqlite_path = NULL;
}

/* Roll back after a failure, keeping the first error. */
static void rollback_quietly(Db *db)
{
    DbError e;
    db_error_init(&e);
    db->drv->rollback(db, &e);
    db_error_clear(&e);
}

static bool read_long(void *ctx, int ncols, const char *const *vals)
{
    if (ncols > 0 && vals[0])
        *(long *)ctx = strtol(vals[0], NULL, 10);
    return false;
}

bool db_run_frame(Db *db, const char *sql, DbError *err)
{
    return !sql || db->drv->exec(db, sql, err);
}

/* The guard of a batch: DB_RUN_OK when it says go (or there is none). */
static DbRunResult run_guard(Db *db, const DbBatch *b, DbError *err)
{
    long v = -1;
    if (!b->guard_sql)
        return DB_RUN_OK;
    if (!db->drv->query(db, b->guard_sql, b->nguard_params, b->guard_params,
                        read_long, &v, err))
        return DB_RUN_FAILED;
    return v == b->guard_expect ? DB_RUN_OK : DB_RUN_SKIPPED;
}

/* The ledger statement of a batch, the duration measured from t0. */
static bool run_ledger(Db *db, const DbBatch *b, double t0, DbError *err)
{
    const char *params[16];
    char dur[32];
    int n = b->nledger_params < 16 ? b->nledger_params : 16;
    if (!b->ledger_sql)
        return true;
    for (int i = 0; i < n; i++)
        params[i] = b->ledger_params[i];
    if (b->duration_param >= 0 && b->duration_param < n) {
        snprintf(dur, sizeof dur, "%.3f", db_now_ms() - t0);
        params[b->duration_param] = dur;
    }
    return db->drv->query(db, b->ledger_sql, n, params, NULL, NULL, err);
}

static bool run_check(Db *db, const DbBatch *b, DbError *err)
{
    return !db->drv->check ||
           db->drv->check(db, b->label ? b->label : "the unit", err);
}

/* BEGIN, [guard,] statements, ledger row, [check,] COMMIT. */
static DbRunResult run_unit_txn(Db *db, const DbBatch *b, int *failed,
                                DbError *err)
{
    double t0 = db_now_ms();
    *failed = DB_FAILED_TXN;
    if (!db->drv->begin(db, err))
        return DB_RUN_FAILED;
    DbRunResult g = run_guard(db, b, err);
    if (g != DB_RUN_OK) {
        rollback_quietly(db);
        return g;
    }
    for (int i = 0; i < b->nstmts; i++) {
        if (!db->drv->exec(db, b->stmts[i], err)) {
            *failed = i;
            rollback_quietly(db);
            return DB_RUN_FAILED;
        }
    }
    if (!run_ledger(db, b, t0, err)) {
        *failed = DB_FAILED_LEDGER;
        rollback_quietly(db);
        return DB_RUN_FAILED;
    }
    if (!run_check(db, b, err)) {
        *failed = DB_FAILED_CHECK;
        rollback_quietly(db);
        return DB_RUN_FAILED;
    }
    if (!db->drv->commit(db, err)) {
        *failed = DB_FAILED_TXN;
        rollback_quietly(db);
        return DB_RUN_FAILED;
    }
    return DB_RUN_OK;
}

static void record_failure(Db *db, const DbBatch *b, int i, const DbError *e);

/* Without a transaction: the guard, each statement on its own, the
 * check, then the ledger row once all of them succeeded. */
static DbRunResult run_unit_no_tx(Db *db, const DbBatch *b, int *failed,
                                  DbError *err)
{
    double t0 = db_now_ms();
    *failed = DB_FAILED_TXN;
    const DbDriver *d = db->drv;
    int start = 0;
    db->resumed = 0;
    DbRunResult r = run_guard(db, b, err);
    if (r != DB_RUN_OK)
        return r;
    if (d->progress_begin && !d->progress_begin(db, b, &start, err))
        return DB_RUN_FAILED;
    if (start < 0)
        return DB_RUN_SKIPPED;  /* done by another run meanwhile */
    db->resumed = start;
    for (int i = start; i < b->nstmts; i++) {
        if (!d->progress_exec) {
            if (!d->exec(db, b->stmts[i], err)) {
                *failed = i;
                return DB_RUN_FAILED;
            }
            continue;
        }
        bool last = i == b->nstmts - 1 && !d->check && b->ledger_sql;
        switch (d->progress_exec(db, b, i, last, err)) {
        case DB_STEP_OK:
            break;
        case DB_STEP_FAILED:
            *failed = i;
            record_failure(db, b, i, err);
            return DB_RUN_FAILED;
        case DB_STEP_DONE:
            return DB_RUN_OK;
        case DB_STEP_LEDGER_FAILED:
            *failed = DB_FAILED_LEDGER;
            return DB_RUN_FAILED;
        }
    }
    if (!run_check(db, b, err)) {
        /* Not recorded: the next run runs it all again, as before. */
        if (d->progress_end)
            d->progress_end(db, b);
        *failed = DB_FAILED_CHECK;
        return DB_RUN_FAILED;
    }
    if (!run_ledger(db, b, t0, err)) {
        *failed = DB_FAILED_LEDGER;
        return DB_RUN_FAILED;
    }
    if (d->progress_end)
        d->progress_end(db, b);
    return DB_RUN_OK;
}

DbRunResult db_run_batch(Db *db, const DbBatch *b, int *failed, DbError *err)
{
    if (db->drv->run_batch && !b->no_transaction)
        return db->drv->run_batch(db, b, failed, err);

    /* The prologue must run outside any transaction (SQLite ignores
     * PRAGMA foreign_keys inside one); the epilogue runs whatever became
     * of the unit, and its own failure does not change the outcome. */
    *failed = DB_FAILED_TXN;
    if (!db_run_frame(db, db->unit_setup, err) ||
        !db_run_frame(db, db->drv->unit_prologue, err))
        return DB_RUN_FAILED;
    DbRunResult r = b->no_transaction ? run_unit_no_tx(db, b, failed, err)
                                      : run_unit_txn(db, b, failed, err);
    DbError e;
    db_error_init(&e);
    db_run_frame(db, db->drv->unit_epilogue, &e);
    db_run_frame(db, db->drv->session_reset, &e);
    db_error_clear(&e);
    return r;
}

/* ---- the progress table (DbDriver.progress_begin and the rest) ---- */

char *db_progress_table(const Db *db)
{
    char quote = db->drv->quote ? db->drv->quote : '"';
    StrBuf q;
    sb_init(&q);
    /* A qualified name is `schema.` and then the table quoted as db_open
     * quoted it: keep the schema part. */
    size_t own = strlen(db->qtable), bare = 2;
    for (const char *p = db->table; *p; p++)
        bare += *p == quote ? 2 : 1;
    if (db->qualified && own > bare)
        sb_putn(&q, db->qtable, own - bare);
    sb_putc(&q, quote);
    for (const char *p = db->table; *p; p++) {
        if (*p == quote)
            sb_putc(&q, quote);
        sb_putc(&q, *p);
    }
    sb_puts(&q, "_progress");
    sb_putc(&q, quote);
    char *r = xstrdup(sb_str(&q));
    sb_free(&q);
    return r;
}

bool db_progress_same_prefix(const DbBatch *b, int done, const char *done_sql,
                             const char *qprogress, DbError *err)
{
    StrBuf now;
    sb_init(&now);
    for (int k = 0; k < done && k < b->nstmts; k++) {
        sb_puts(&now, b->stmts[k]);
        sb_putc(&now, '\n');
    }
    bool same = done <= b->nstmts && strcmp(sb_str(&now), done_sql) == 0;
    sb_free(&now);
    if (same)
        return true;
    db_error_set(err, "an earlier run of %s stopped after %d of its "
                 "statements, and they are not its first statements now: "
                 "the file changed in the part that ran",
                 b->label ? b->label : "this migration", done);
    err->detail = xstrdup(done_sql);
    StrBuf h;
    sb_init(&h);
    sb_printf(&h, "restore the file as it was when they ran; or undo them "
              "by hand and delete the row of version %s from %s",
              b->nledger_params > 0 ? b->ledger_params[0] : "?", qprogress);
    err->hint = xstrdup(sb_str(&h));
    sb_free(&h);
    return false;
}

void db_progress_partial_above(DbError *err, const char *version, int done,
                               const char *done_sql)
{
    db_error_set(err, "migration %s stopped part-way in an earlier run (%d "
                 "statement%s took effect): roll back what ran of it with "
                 "`migc down`, or finish it with `migc up` once it is fixed, "
                 "before rolling back anything older", version, done,
                 done == 1 ? "" : "s");
    err->detail = xstrdup(done_sql);
}

bool db_partial_row(void *ctx, int ncols, const char *const *vals)
{
    DbPartialRows *pr = ctx;
    if (ncols < 5 || !vals[0] || !vals[1])
        return true;
    DbPartial p = {vals[0], vals[1], vals[2] ? atoi(vals[2]) : 0,
                   vals[3] ? atoi(vals[3]) : 0, vals[4] ? vals[4] : "",
                   NULL, NULL, NULL, NULL, NULL};
    if (ncols >= 10 && vals[5]) {
        p.failed_sql = vals[5];
        p.error_code = vals[6];
        p.error_message = vals[7];
        p.error_detail = vals[8];
        p.error_hint = vals[9];
    }
    pr->fn(pr->ctx, &p);
    return true;
}

char *db_progress_add_failure_cols(const char *qp, bool if_not_exists)
{
    static const char *const cols[] = {"failed_sql", "error_code",
                                       "error_message", "error_detail",
                                       "error_hint"};
    StrBuf q;
    sb_init(&q);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        /* SQLite adds one column a statement. */
        if (i == 0 || !if_not_exists)
            sb_printf(&q, "%sALTER TABLE %s", i ? ";\n" : "", qp);
        sb_printf(&q, "%s ADD COLUMN %s%s text", i && if_not_exists ? "," : "",
                  if_not_exists ? "IF NOT EXISTS " : "", cols[i]);
    }
    char *r = xstrdup(sb_str(&q));
    sb_free(&q);
    return r;
}

/* Statement i of b failed: its text and the error go to the unit's row of
 * the progress table, for `status`.  Best effort: a lost connection
 * records nothing, and neither does a row that is not there (MySQL writes
 * it with the first statement that succeeds). */
static void record_failure(Db *db, const DbBatch *b, int i, const DbError *e)
{
    if (!db->drv->progress_exec || b->nledger_params < 1 || e->connection ||
        i < 0 || i >= b->nstmts)
        return;
    char *qp = db_progress_table(db);
    StrBuf q;
    sb_init(&q);
    sb_printf(&q, "UPDATE %s SET failed_sql = $3, error_code = $4, "
              "error_message = $5, error_detail = $6, error_hint = $7 "
              "WHERE version = $1 AND direction = $2", qp);
    const char *vals[7] = {b->ledger_params[0], db_batch_direction(b),
                           b->stmts[i], e->code[0] ? e->code : NULL,
                           e->message ? e->message : "", e->detail, e->hint};
    DbError e2;
    db_error_init(&e2);
    db->drv->query(db, sb_str(&q), 7, vals, NULL, NULL, &e2);
    db_error_clear(&e2);
    sb_free(&q);
    free(qp);
}

const char *db_batch_direction(const DbBatch *b)
{
    if (b->direction)
        return b->direction;
    return b->nledger_params == LEDGER_INSERT_NPARAMS ? "up" : "down";
}

void db_progress_undo_stopped(DbError *err, const DbBatch *b, int done,
                              int total)
{
    db_error_set(err, "a rollback of %s stopped part-way in an earlier run, "
                 "after %d of its %d down statements: finish it with `migc "
                 "down` once the cause is fixed",
                 b->label ? b->label : "this migration", done, total);
}

/* ---- splitting SQL text into statements (the compiler's lexer) ---- */

bool db_sql_has_content(const char *s, size_t n)
{
    return sqllex_has_content(s, n, 0);
}

int db_split_sql_flags(const char *s, unsigned flags, char ***out)
{
    char **v = NULL;
    int n = 0, cap = 0;
    size_t from, to;
    SqlLex l;
    sqllex_init(&l, s, (size_t)-1, flags);
    while (sqllex_next_stmt(&l, &from, &to)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            v = xrealloc(v, sizeof *v * (size_t)cap);
        }
        char *p = xmalloc(to - from + 1);
        memcpy(p, s + from, to - from);
        p[to - from] = '\0';
        v[n++] = p;
    }
    *out = v;
    return n;
}

int db_split_sql(const char *s, char ***out)
{
    return db_split_sql_flags(s, 0, out);
}

void db_free_split(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}
