/*
 * pg.c — the PostgreSQL driver, through libpq.
 *
 * The target goes to libpq as given (a postgres:// URL or a conninfo
 * string), so PGHOST, PGPORT, PGUSER, PGPASSWORD, ~/.pgpass and sslmode
 * all work.  Values travel as parameters of PQexecParams; the only names
 * pasted into SQL are the ledger table's, quoted as an identifier.
 *
 * A run holds a session-level advisory lock whose key is derived from the
 * ledger table name, so concurrent runs against one database take turns.
 */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "backfill.h"
#include "driver.h"
#include "sqllex.h"

#define MAX_COLS 16

/* After every unit: what a migration SET (search_path, role, timeouts)
 * goes back to the connection's defaults.  RESET ALL leaves the role. */
#define PG_SESSION_RESET "RESET ALL; RESET ROLE"

static PGconn *conn_of(Db *db)
{
    return (PGconn *)db->conn;
}

static char *first_line(const char *s)
{
    size_t n = strcspn(s ? s : "", "\n");
    char *r = xmalloc(n + 1);
    memcpy(r, s ? s : "", n);
    r[n] = '\0';
    return r;
}

/* A diagnostic field, copied, or NULL when the server gave none. */
static char *field(const PGresult *r, int code)
{
    const char *v = PQresultErrorField(r, code);
    return v && *v ? xstrdup(v) : NULL;
}

/* PostgreSQL counts the position in characters; we report bytes. */
static int char_to_byte_pos(const char *stmt, long chars)
{
    long seen = 0;
    int i = 0;
    if (!stmt || chars <= 0)
        return 0;
    for (; stmt[i]; i++) {
        if (((unsigned char)stmt[i] & 0xC0) != 0x80) {
            if (++seen == chars)
                return i + 1;
        }
    }
    return i > 0 ? i : 0;
}

/*
 * The one place that turns a result into success or a structured error.
 * A NULL result means the connection failed; every field may be missing.
 * The caller still owns (and clears) the result.
 */
static bool pg_check(Db *db, const PGresult *r, const char *stmt,
                     DbError *err)
{
    ExecStatusType st;
    if (!r) {
        db_error_clear(err);
        err->message = first_line(PQerrorMessage(conn_of(db)));
        err->connection = true;
        return false;
    }
    st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ||
        st == PGRES_EMPTY_QUERY || st == PGRES_SINGLE_TUPLE ||
        st == PGRES_PIPELINE_SYNC)
        return true;

    db_error_clear(err);
    const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    snprintf(err->code, sizeof err->code, "%s", code ? code : "");
    err->message = field(r, PG_DIAG_MESSAGE_PRIMARY);
    if (!err->message) {
        const char *m = PQresultErrorMessage(r);
        err->message = first_line(m && *m ? m : PQerrorMessage(conn_of(db)));
        if (!*err->message) {
            free(err->message);
            err->message = xstrdup(st == PGRES_PIPELINE_ABORTED
                                       ? "not run: an earlier statement failed"
                                       : PQresStatus(st));
        }
    }
    err->detail = field(r, PG_DIAG_MESSAGE_DETAIL);
    err->hint = field(r, PG_DIAG_MESSAGE_HINT);
    const char *pos = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
    if (pos)
        err->position = char_to_byte_pos(stmt, strtol(pos, NULL, 10));
    err->connection = PQstatus(conn_of(db)) == CONNECTION_BAD;
    return false;
}

/*
 * A COPY ... FROM STDIN waits for rows and a COPY ... TO STDOUT sends them:
 * a migration has none to send and reads none (check refuses both), but
 * whatever reaches the driver must not hang it.  End the copy (the server
 * then fails the statement, or finishes sending) and return the result
 * that follows; a COPY counts as failed either way.
 */
static PGresult *end_copy(Db *db, PGresult *r, bool *refused)
{
    PGconn *c = conn_of(db);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    *refused = false;
    if (st != PGRES_COPY_IN && st != PGRES_COPY_OUT && st != PGRES_COPY_BOTH)
        return r;
    *refused = true;
    PQclear(r);
    if (st == PGRES_COPY_OUT) {
        char *buf;
        while (PQgetCopyData(c, &buf, 0) > 0)
            PQfreemem(buf);
    } else {
        PQputCopyEnd(c, "migc sends no COPY data: COPY FROM STDIN cannot "
                        "run in a migration");
    }
    /* The statement's own result, then NULL. */
    PGresult *res = PQgetResult(c), *more;
    while ((more = PQgetResult(c)) != NULL)
        PQclear(more);
    return res;
}

static bool copy_refused(DbError *err)
{
    db_error_set(err, "COPY to or from the client cannot run in a "
                 "migration: migc sends no rows and reads none");
    snprintf(err->code, sizeof err->code, "0A000");
    return false;
}

/* Notices (NOTICE, WARNING) from migrations: shown with --verbose. */
static void notice_processor(void *arg, const char *message)
{
    Db *db = arg;
    if (db->verbose)
        fprintf(stderr, "%s", message);
}

static bool exec_simple(Db *db, const char *sql, DbError *err)
{
    bool refused;
    PGresult *r = end_copy(db, PQexec(conn_of(db), sql), &refused);
    bool ok = pg_check(db, r, sql, err);
    PQclear(r);
    return refused && ok ? copy_refused(err) : ok;
}

/*
 * The ledger's name with its schema, so that a migration's `SET
 * search_path` does not move it.  `schema` (already quoted) is the schema
 * where the search path finds the table, else the one where CREATE TABLE
 * would put it; NULL (an empty search path) leaves the name as it is.
 */
#define LEDGER_SCHEMA_SQL(param)                                            \
    "coalesce((SELECT pg_catalog.quote_ident(n.nspname) "                   \
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "            \
    "ON n.oid = c.relnamespace WHERE c.oid = pg_catalog.to_regclass(" param \
    ")), pg_catalog.quote_ident(pg_catalog.current_schema()))"

static void qualify_ledger(Db *db, const PGresult *r, int col)
{
    if (!r || PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1 ||
        PQnfields(r) <= col || PQgetisnull(r, 0, col) || db->qualified)
        return;
    const char *schema = PQgetvalue(r, 0, col);
    char *q = xmalloc(strlen(schema) + strlen(db->qtable) + 2);
    sprintf(q, "%s.%s", schema, db->qtable);
    free(db->qtable);
    db->qtable = q;
    db->qualified = true;
}

static bool pg_connect(Db *db, const char *target, bool readonly,
                       DbError *err)
{
    const char *keys[] = {"dbname", "fallback_application_name", NULL};
    const char *vals[] = {target, "migc", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    db->conn = c;
    if (!c) {
        db_error_set(err, "out of memory");
        return false;
    }
    if (PQstatus(c) != CONNECTION_OK) {
        db_error_clear(err);
        /* libpq's message may echo parts of the target: mask with the
         * password that libpq's own parser finds in it, and with the ones
         * db_mask_message finds (for targets libpq cannot parse). */
        char *line = first_line(PQerrorMessage(c));
        const char *pw = NULL;
        PQconninfoOption *opts = PQconninfoParse(target, NULL);
        for (PQconninfoOption *o = opts; o && o->keyword; o++)
            if (strcmp(o->keyword, "password") == 0 && o->val)
                pw = o->val;
        err->message = db_mask_message(line, target, pw);
        PQconninfoFree(opts);
        free(line);
        err->connection = true;
        return false;
    }
    PQsetNoticeProcessor(c, notice_processor, db);
    db->cancel = PQgetCancel(c);
    if (!readonly)
        return true;        /* pg_lock qualifies the ledger's name */
    /* One round trip: read-only, and the ledger's schema. */
    char *lit = PQescapeLiteral(c, db->qtable, strlen(db->qtable));
    if (!lit) {
        pg_check(db, NULL, NULL, err);
        return false;
    }
    StrBuf q;
    sb_init(&q);
    sb_printf(&q, "SET default_transaction_read_only = on; SELECT "
              LEDGER_SCHEMA_SQL("%s"), lit);
    PQfreemem(lit);
    PGresult *r = PQexec(c, sb_str(&q));
    sb_free(&q);
    bool ok = pg_check(db, r, NULL, err);
    if (ok)
        qualify_ledger(db, r, 0);
    PQclear(r);
    return ok;
}

static void pg_close(Db *db)
{
    PQfreeCancel(db->cancel);
    db->cancel = NULL;
    PQfinish(conn_of(db));
    db->conn = NULL;
}

static bool pg_exec(Db *db, const char *sql, DbError *err)
{
    return exec_simple(db, sql, err);
}

static bool pg_query(Db *db, const char *sql, int nparams,
                     const char *const *params, DbRowFn fn, void *ctx,
                     DbError *err)
{
    bool refused;
    PGresult *r = end_copy(db, PQexecParams(conn_of(db), sql, nparams, NULL,
                                            params, NULL, NULL, 0),
                           &refused);
    if (!pg_check(db, r, sql, err) || (refused && !copy_refused(err))) {
        PQclear(r);
        return false;
    }
    if (fn && PQresultStatus(r) == PGRES_TUPLES_OK) {
        int nrows = PQntuples(r), ncols = PQnfields(r);
        if (ncols > MAX_COLS)
            ncols = MAX_COLS;
        for (int i = 0; i < nrows; i++) {
            const char *v[MAX_COLS];
            for (int c = 0; c < ncols; c++)
                v[c] = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
            if (!fn(ctx, ncols, v))
                break;
        }
    }
    PQclear(r);
    return true;
}

static bool pg_begin(Db *db, DbError *err)
{
    return exec_simple(db, "BEGIN", err);
}

static bool pg_commit(Db *db, DbError *err)
{
    PGresult *r = PQexec(conn_of(db), "COMMIT");
    bool ok = pg_check(db, r, "COMMIT", err);
    /* COMMIT of a failed transaction "succeeds" as ROLLBACK. */
    if (ok && strcmp(PQcmdStatus(r), "ROLLBACK") == 0) {
        db_error_set(err, "the transaction was rolled back");
        ok = false;
    }
    PQclear(r);
    return ok;
}

static bool pg_rollback(Db *db, DbError *err)
{
    if (PQtransactionStatus(conn_of(db)) == PQTRANS_IDLE)
        return true;
    return exec_simple(db, "ROLLBACK", err);
}

/* From a signal handler: PQcancel is safe there. */
static void pg_interrupt(Db *db)
{
    char buf[256];
    if (db->cancel)
        PQcancel(db->cancel, buf, sizeof buf);
}

/* The advisory lock key: FNV-1a (64 bits) of the ledger table name, so
 * that runs on different ledgers of one database do not wait for each
 * other. */
static void lock_key(const Db *db, char *out, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    const char *p = "migc:";
    for (int pass = 0; pass < 2; pass++, p = db->table) {
        for (; *p; p++) {
            h ^= (unsigned char)*p;
            h *= 0x100000001b3u;
        }
    }
    snprintf(out, n, "%lld", (long long)(int64_t)h);
}

/* The lock, and in the same round trip the ledger's schema. */
static bool pg_lock(Db *db, DbError *err)
{
    char key[32];
    const char *params[2] = {key, db->qtable};
    lock_key(db, key, sizeof key);
    PGresult *r = PQexecParams(conn_of(db),
                               "SELECT pg_advisory_lock($1::bigint), "
                               LEDGER_SCHEMA_SQL("$2"),
                               2, NULL, params, NULL, NULL, 0);
    bool ok = pg_check(db, r, NULL, err);
    if (ok)
        qualify_ledger(db, r, 1);
    PQclear(r);
    if (ok)
        db->locked = true;
    return ok;
}

static bool pg_unlock(Db *db, DbError *err)
{
    char key[32];
    const char *params[1] = {key};
    if (!db->locked)
        return true;
    lock_key(db, key, sizeof key);
    db->locked = false;
    return pg_query(db, "SELECT pg_advisory_unlock($1::bigint)", 1, params,
                    NULL, NULL, err);
}

/*
 * A whole transactional unit in one round trip (libpq pipeline mode):
 * BEGIN, every statement, the ledger row, COMMIT, then one sync.  After an
 * error the server skips the rest up to the sync, and we roll back.  The
 * extended protocol takes one command per query, so a statement holding
 * several commands (raw SQL) sends the unit the ordinary way.
 */
#define PIPELINE_MAX 1000

/* Whether text's first word is COPY. */
static bool is_copy(const char *text)
{
    SqlLex l;
    SqlLexTok t;
    sqllex_init(&l, text, (size_t)-1, 0);
    while (sqllex_next(&l, &t))
        if (t.kind != SQLLEX_SPACE && t.kind != SQLLEX_COMMENT)
            return sqllex_word_is(text, &t, "copy");
    return false;
}

/* Whether every statement is one command, and none a COPY (whose data
 * the pipeline would wait for, or spin on: exec_simple ends it). */
static bool single_commands(const DbBatch *b)
{
    for (int i = 0; i < b->nstmts; i++) {
        char **v;
        int n = db_split_sql(b->stmts[i], &v);
        db_free_split(v, n);
        if (n > 1 || is_copy(b->stmts[i]))
            return false;
    }
    return true;
}

static DbRunResult generic_batch(Db *db, const DbBatch *b, int *failed,
                                 DbError *err)
{
    DbDriver d = *db->drv;
    const DbDriver *saved = db->drv;
    DbRunResult r;
    d.run_batch = NULL;
    db->drv = &d;
    r = db_run_batch(db, b, failed, err);
    db->drv = saved;
    return r;
}

static DbRunResult pg_run_batch(Db *db, const DbBatch *b, int *failed,
                                DbError *err)
{
    PGconn *c = conn_of(db);
    const char *params[16];
    int nparams = b->nledger_params < 16 ? b->nledger_params : 16;
    int nsent = 0, first_bad = -1;
    bool ok = true;

    if (b->guard_sql || b->nstmts > PIPELINE_MAX || !single_commands(b))
        return generic_batch(db, b, failed, err);
    for (int i = 0; i < nparams; i++)
        params[i] = b->ledger_params[i];
    /* The server measures the duration (see ledger_insert_sql). */
    if (b->duration_param >= 0 && b->duration_param < nparams)
        params[b->duration_param] = NULL;

    *failed = DB_FAILED_TXN;
    if (!PQenterPipelineMode(c)) {
        pg_check(db, NULL, NULL, err);
        return DB_RUN_FAILED;
    }
    /* Query k: 0 BEGIN, 1..n the statements, n+1 the ledger, then COMMIT,
     * then the session reset (one command per query), whose own failure
     * changes nothing of the unit.  The unit's setup (the lock timeout),
     * when there is one, goes before them all as query -1. */
    int pre = db->unit_setup != NULL;
    int unit = b->nstmts + 2 + (b->ledger_sql != NULL);
    int total = unit + 2;
    for (int k = -pre; ok && k < total; k++) {
        const char *sql;
        int np = 0;
        const char *const *pv = NULL;
        if (k < 0)
            sql = db->unit_setup;
        else if (k == 0)
            sql = "BEGIN";
        else if (k <= b->nstmts)
            sql = b->stmts[k - 1];
        else if (k == b->nstmts + 1 && b->ledger_sql) {
            sql = b->ledger_sql;
            np = nparams;
            pv = params;
        } else if (k == unit - 1)
            sql = "COMMIT";
        else
            sql = k == unit ? "RESET ALL" : "RESET ROLE";
        ok = PQsendQueryParams(c, sql, np, NULL, pv, NULL, NULL, 0) == 1;
        nsent += ok;
    }
    ok = ok && PQpipelineSync(c) == 1;

    /* Read every result, keeping the first error. */
    for (int j = 0; j < nsent; j++) {
        int k = j - pre > 0 ? j - pre : 0;  /* the setup counts as BEGIN */
        PGresult *r = PQgetResult(c);
        if (!r) {
            if (first_bad < 0) {
                pg_check(db, NULL, NULL, err);
                first_bad = k;
            }
            break;
        }
        const char *stmt = k >= 1 && k <= b->nstmts ? b->stmts[k - 1] : NULL;
        if (k >= unit) {
            /* the reset */
        } else if (first_bad < 0 && !pg_check(db, r, stmt, err))
            first_bad = k;
        else if (first_bad < 0 && k == unit - 1 &&
                 strcmp(PQcmdStatus(r), "ROLLBACK") == 0) {
            db_error_set(err, "the transaction was rolled back");
            first_bad = k;
        }
        PQclear(r);
        while ((r = PQgetResult(c)) != NULL)    /* end of query k */
            PQclear(r);
    }
    if (ok) {
        PGresult *r;
        /* The sync result, then the pipeline is idle. */
        while ((r = PQgetResult(c)) != NULL) {
            ExecStatusType st = PQresultStatus(r);
            PQclear(r);
            if (st == PGRES_PIPELINE_SYNC)
                break;
        }
    } else if (first_bad < 0) {
        pg_check(db, NULL, NULL, err);
        first_bad = nsent - pre > 0 ? nsent - pre : 0;
    }
    if (!PQexitPipelineMode(c) && first_bad < 0) {
        pg_check(db, NULL, NULL, err);
        first_bad = 0;
    }
    if (first_bad < 0)
        return DB_RUN_OK;

    if (first_bad >= 1 && first_bad <= b->nstmts)
        *failed = first_bad - 1;
    else if (first_bad == b->nstmts + 1 && b->ledger_sql)
        *failed = DB_FAILED_LEDGER;
    DbError e2;
    db_error_init(&e2);
    if (PQtransactionStatus(c) != PQTRANS_IDLE)
        exec_simple(db, "ROLLBACK", &e2);
    if (PQstatus(c) == CONNECTION_OK)
        exec_simple(db, PG_SESSION_RESET, &e2);
    db_error_clear(&e2);
    return DB_RUN_FAILED;
}

/* ---- statement-level progress of a `no transaction;` migration ---- */

/*
 * A migration without a transaction that stops part-way (a failed
 * statement, a killed client, a lost server) leaves its first statements
 * applied and no ledger row.  The table `<ledger>_progress`, next to the
 * ledger, gets a row for the unit (version and direction) before its
 * first statement, with the process id of the run, and after each
 * statement how many took effect and their text.  The next run of the
 * unit resumes after them if they are the unit's first statements still,
 * and refuses otherwise; the row is deleted once the ledger row is
 * written.  All of it happens under the run's advisory lock, so no other
 * run is in the middle of the unit; the process id says which run wrote
 * the row.
 *
 * A CREATE INDEX CONCURRENTLY that fails leaves an INVALID index of its
 * name behind, and running it again would fail on that name: before a
 * unit retries such a statement, an INVALID index of that name is dropped.
 */

static bool read_one_long(void *ctx, int ncols, const char *const *vals)
{
    if (ncols > 0 && vals[0])
        *(long *)ctx = strtol(vals[0], NULL, 10);
    return false;
}

typedef struct PgClaim {
    bool found;
    int done, total;
    char *done_sql;
    char *version;
} PgClaim;

/* done, done_sql, total, version */
static bool claim_row(void *ctx, int ncols, const char *const *vals)
{
    PgClaim *c = ctx;
    if (ncols < 4)
        return false;
    c->found = true;
    c->done = vals[0] ? atoi(vals[0]) : 0;
    c->done_sql = xstrdup(vals[1] ? vals[1] : "");
    c->total = vals[2] ? atoi(vals[2]) : 0;
    c->version = xstrdup(vals[3] ? vals[3] : "");
    return false;
}

static void claim_free(PgClaim *c)
{
    free(c->done_sql);
    free(c->version);
}

typedef struct PgLook {
    bool exists;
    bool failure_cols;  /* it has the columns of a failed statement */
} PgLook;

static bool read_look(void *ctx, int ncols, const char *const *vals)
{
    PgLook *l = ctx;
    if (ncols >= 2) {
        l->exists = vals[0] && vals[0][0] == 't';
        l->failure_cols = vals[1] && vals[1][0] == 't';
    }
    return false;
}

/* Whether the progress table `qp` is there (to_regclass, as for the
 * ledger: a missing one is not an error), and whether it has the columns
 * of a failed statement (a table made before them has not). */
static bool progress_exists(Db *db, const char *qp, bool *exists,
                            bool *failure_cols, DbError *err)
{
    PgLook l = {false, false};
    const char *params[1] = {qp};
    if (!pg_query(db, "SELECT to_regclass($1) IS NOT NULL, EXISTS (SELECT "
                  "1 FROM pg_catalog.pg_attribute WHERE attrelid = "
                  "to_regclass($1) AND attname = 'error_code' AND NOT "
                  "attisdropped)", 1, params, read_look, &l, err))
        return false;
    *exists = l.exists;
    *failure_cols = l.failure_cols;
    return true;
}

/* The name an index statement creates, as written, if `stmt` is a CREATE
 * [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name (malloc'd), else NULL. */
static char *concurrent_index_name(const char *stmt)
{
    /* The words in order; a leading '?' marks one that may be missing
     * (UNIQUE; IF NOT EXISTS as a whole). */
    static const char *const words[] = {"create", "?unique", "index",
                                        "concurrently", "?if", "not",
                                        "exists"};
    const int nwords = (int)(sizeof words / sizeof words[0]);
    SqlLex l;
    SqlLexTok t;
    int w = 0;
    sqllex_init(&l, stmt, (size_t)-1, 0);
    while (sqllex_next(&l, &t)) {
        if (t.kind == SQLLEX_SPACE || t.kind == SQLLEX_COMMENT)
            continue;
        while (w < nwords) {
            const char *word = words[w] + (words[w][0] == '?');
            if (sqllex_word_is(stmt, &t, word))
                break;
            if (words[w][0] != '?')
                return NULL;
            w += w == 4 ? 3 : 1;    /* IF NOT EXISTS: all or nothing */
        }
        if (w < nwords) {
            w++;
            continue;
        }
        if (sqllex_word_is(stmt, &t, "on"))
            return NULL;        /* no name: PostgreSQL chose it */
        char *name = xmalloc(t.end - t.start + 1);
        memcpy(name, stmt + t.start, t.end - t.start);
        name[t.end - t.start] = '\0';
        return name;
    }
    return NULL;
}

/* The INVALID index that a failed CREATE INDEX CONCURRENTLY `stmt` left
 * behind, dropped (DbDriver.drop_leftover). */
static bool pg_drop_leftover(Db *db, const char *stmt, DbError *err)
{
    char *name = concurrent_index_name(stmt);
    if (!name)
        return true;
    long invalid = 0;
    const char *params[1] = {name};
    bool ok = pg_query(db, "SELECT count(*) FROM pg_catalog.pg_index "
                       "WHERE indexrelid = pg_catalog.to_regclass($1) AND "
                       "NOT indisvalid", 1, params, read_one_long, &invalid,
                       err);
    if (ok && invalid > 0) {
        StrBuf q;
        sb_init(&q);
        sb_printf(&q, "DROP INDEX CONCURRENTLY IF EXISTS %s", name);
        ok = exec_simple(db, sb_str(&q), err);
        sb_free(&q);
        if (ok && db->verbose)
            fprintf(stderr, "dropped the INVALID index %s that an earlier, "
                    "failed run of the statement left\n", name);
    }
    free(name);
    return ok;
}

/* Before statement i runs again: drop what its earlier, failed run left. */
static bool drop_invalid_index(Db *db, const DbBatch *b, int i, DbError *err)
{
    return i < 0 || i >= b->nstmts || pg_drop_leftover(db, b->stmts[i], err);
}

/* The backfill key column, on a progress table made without it: quietly,
 * as ADD COLUMN IF NOT EXISTS says when it is there. */
static bool add_key_column(Db *db, const char *qp, DbError *err)
{
    StrBuf q;
    sb_init(&q);
    sb_printf(&q, "ALTER TABLE %s ADD COLUMN IF NOT EXISTS backfill_key text",
              qp);
    bool verbose = db->verbose;
    db->verbose = false;
    bool ok = exec_simple(db, "SET client_min_messages = warning", err) &&
              exec_simple(db, sb_str(&q), err) &&
              exec_simple(db, "RESET client_min_messages", err);
    db->verbose = verbose;
    sb_free(&q);
    return ok;
}

static bool read_key(void *ctx, int ncols, const char *const *vals)
{
    char **key = ctx;
    free(*key);
    *key = ncols > 0 && vals[0] ? xstrdup(vals[0]) : NULL;
    return false;
}

static bool pg_progress_begin(Db *db, const DbBatch *b, int *resume,
                              DbError *err)
{
    free(db->resumed_key);
    db->resumed_key = NULL;
    *resume = 0;
    /* A unit without statements (mark, accept) only writes the ledger. */
    if (b->nstmts == 0 || b->nledger_params < 1)
        return true;
    const char *version = b->ledger_params[0];
    const char *dir = db_batch_direction(b);
    char *qp = db_progress_table(db);
    StrBuf q;
    bool exists = false, failure_cols = false;
    sb_init(&q);
    bool ok = progress_exists(db, qp, &exists, &failure_cols, err);
    if (ok && exists && !failure_cols) {
        char *add = db_progress_add_failure_cols(qp, true);
        ok = exec_simple(db, add, err);
        free(add);
    }
    if (ok && !exists) {
        sb_printf(&q,
            "CREATE TABLE IF NOT EXISTS %s (\n"
            "    version text NOT NULL,\n"
            "    direction text NOT NULL,\n"
            "    done integer NOT NULL,\n"
            "    total integer NOT NULL,\n"
            "    pid integer NOT NULL,\n"
            "    done_sql text NOT NULL,\n"
            "    updated_at timestamptz NOT NULL DEFAULT now(),\n"
            "    backfill_key text,\n"
            "    failed_sql text,\n"
            "    error_code text,\n"
            "    error_message text,\n"
            "    error_detail text,\n"
            "    error_hint text,\n"
            "    PRIMARY KEY (version, direction)\n"
            ")", qp);
        ok = exec_simple(db, sb_str(&q), err);
    }
    /* A table made before backfills had their key. */
    if (ok && exists && b->backfill)
        ok = add_key_column(db, qp, err);
    /* A row can outlive its unit only if deleting it failed: an `up` row
     * whose version is in the ledger, a `down` row whose version is not,
     * an `undo` row whose migration has no `up` row. */
    if (ok && exists) {
        sb_reset(&q);
        sb_printf(&q, "DELETE FROM %s WHERE (direction = 'up' AND version "
                  "IN (SELECT version FROM %s)) OR (direction = 'down' AND "
                  "version NOT IN (SELECT version FROM %s)) OR (direction = "
                  "'undo' AND version NOT IN (SELECT version FROM %s WHERE "
                  "direction = 'up'))", qp, db->qtable, db->qtable, qp);
        ok = exec_simple(db, sb_str(&q), err);
    }
    /* Rolling back an applied migration under one that stopped part-way
     * would undo what it stands on; an up does not resume over a
     * rollback of it that stopped part-way. */
    bool down = strcmp(dir, "down") == 0, up = strcmp(dir, "up") == 0;
    if (ok && exists && (down || up)) {
        PgClaim other = {false, 0, 0, NULL, NULL};
        const char *v1[1] = {version};
        sb_reset(&q);
        if (down)
            sb_printf(&q, "SELECT done, done_sql, total, version FROM %s "
                      "WHERE direction = 'up' AND done > 0 ORDER BY version "
                      "LIMIT 1", qp);
        else
            sb_printf(&q, "SELECT done, done_sql, total, version FROM %s "
                      "WHERE direction = 'undo' AND done > 0 AND version = "
                      "$1", qp);
        ok = pg_query(db, sb_str(&q), down ? 0 : 1, down ? NULL : v1,
                      claim_row, &other, err);
        if (ok && other.found && down) {
            db_progress_partial_above(err, other.version, other.done,
                                      other.done_sql);
            ok = false;
        } else if (ok && other.found) {
            db_progress_undo_stopped(err, b, other.done, other.total);
            ok = false;
        }
        claim_free(&other);
    }
    PgClaim c = {false, 0, 0, NULL, NULL};
    const char *vals[3] = {version, dir, NULL};
    if (ok && exists) {
        sb_reset(&q);
        sb_printf(&q, "SELECT done, done_sql, total, version FROM %s WHERE "
                  "version = $1 AND direction = $2", qp);
        ok = pg_query(db, sb_str(&q), 2, vals, claim_row, &c, err);
    }
    if (ok && c.found)
        ok = db_progress_same_prefix(b, c.done, c.done_sql, qp, err);
    if (ok) {
        char pid[32], total[32];
        snprintf(pid, sizeof pid, "%ld", (long)getpid());
        snprintf(total, sizeof total, "%d", b->nstmts);
        const char *v4[4] = {version, dir, pid, total};
        sb_reset(&q);
        sb_printf(&q, "INSERT INTO %s (version, direction, done, total, pid, "
                  "done_sql) VALUES ($1, $2, 0, $4::integer, $3::integer, '') "
                  "ON CONFLICT (version, direction) DO UPDATE SET pid = "
                  "EXCLUDED.pid, total = EXCLUDED.total, updated_at = now()",
                  qp);
        ok = pg_query(db, sb_str(&q), 4, v4, NULL, NULL, err);
    }
    /* A retry of the statement that failed; a backfill resumes after the
     * key it had reached. */
    if (ok && c.found)
        ok = drop_invalid_index(db, b, c.done, err);
    if (ok && c.found && b->backfill && c.done < b->nstmts &&
        b->backfill[c.done]) {
        sb_reset(&q);
        sb_printf(&q, "SELECT backfill_key FROM %s WHERE version = $1 AND "
                  "direction = $2", qp);
        ok = pg_query(db, sb_str(&q), 2, vals, read_key, &db->resumed_key,
                      err);
    }
    if (ok && c.found)
        *resume = c.done;
    claim_free(&c);
    sb_free(&q);
    free(qp);
    return ok;
}

static void rollback_quiet(Db *db)
{
    DbError e;
    db_error_init(&e);
    pg_rollback(db, &e);
    db_error_clear(&e);
}

/*
 * Statement i, a batched backfill (DbBatch.backfill): batch after batch,
 * each in a transaction with the key it reached recorded in the unit's
 * progress row, so that a run stopped anywhere resumes after that key
 * (progress_begin); the last batch records the statement as done.
 */
static DbStep pg_backfill(Db *db, const DbBatch *b, int i, DbError *err)
{
    char *qp = db_progress_table(db);
    char *key = db->resumed_key ? xstrdup(db->resumed_key) : NULL;
    StrBuf q;
    sb_init(&q);
    sb_printf(&q, "UPDATE %s SET backfill_key = $3, done = $4::integer, "
              "done_sql = done_sql || $5, updated_at = now() WHERE version "
              "= $1 AND direction = $2", qp);
    DbStep r = DB_STEP_OK;
    for (;;) {
        if (db_interrupted()) {
            db_error_set(err, "interrupted between two batches of the "
                         "backfill of %s", b->backfill[i]);
            r = DB_STEP_FAILED;
            break;
        }
        char *next = NULL;
        if (!pg_begin(db, err) ||
            !backfill_batch(db, b->stmts[i], key, b->batch_size, &next,
                            &db->backfilled, err)) {
            rollback_quiet(db);
            r = DB_STEP_FAILED;
            break;
        }
        char done[32];
        snprintf(done, sizeof done, "%d", next ? i : i + 1);
        /* done_sql: each statement done, followed by a newline. */
        char *sql = NULL;
        if (!next) {
            size_t n = strlen(b->stmts[i]);
            sql = xmalloc(n + 2);
            memcpy(sql, b->stmts[i], n);
            sql[n] = '\n';
            sql[n + 1] = '\0';
        }
        const char *vals[5] = {b->ledger_params[0], db_batch_direction(b),
                               next, done, sql ? sql : ""};
        bool ok = pg_query(db, sb_str(&q), 5, vals, NULL, NULL, err) &&
                  pg_commit(db, err);
        free(sql);
        if (!ok) {
            rollback_quiet(db);
            free(next);
            r = DB_STEP_LEDGER_FAILED;
            break;
        }
        free(key);
        key = next;
        if (!key)
            break;
        backfill_pause(b->batch_pause_ms);
    }
    free(key);
    sb_free(&q);
    free(qp);
    return r;
}

static DbStep pg_progress_exec(Db *db, const DbBatch *b, int i,
                               bool with_ledger, DbError *err)
{
    /* The ledger row follows in its own statement (run_unit_no_tx): each
     * statement here is its own transaction, so nothing could go with it
     * in one. */
    (void)with_ledger;
    if (b->backfill && b->backfill[i] && b->nledger_params >= 1)
        return pg_backfill(db, b, i, err);
    if (!exec_simple(db, b->stmts[i], err))
        return DB_STEP_FAILED;
    if (b->nstmts == 0 || b->nledger_params < 1)
        return DB_STEP_OK;
    char *qp = db_progress_table(db);
    char done[32];
    snprintf(done, sizeof done, "%d", i + 1);
    const char *vals[4] = {b->ledger_params[0], db_batch_direction(b), done,
                           b->stmts[i]};
    StrBuf q;
    sb_init(&q);
    sb_printf(&q, "UPDATE %s SET done = $3::integer, done_sql = done_sql || "
              "$4 || E'\\n', updated_at = now(), " DB_PROGRESS_FAILURE_CLEAR
              " WHERE version = $1 AND direction = $2", qp);
    bool ok = pg_query(db, sb_str(&q), 4, vals, NULL, NULL, err);
    sb_free(&q);
    free(qp);
    return ok ? DB_STEP_OK : DB_STEP_LEDGER_FAILED;
}

static void pg_progress_end(Db *db, const DbBatch *b)
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
    /* A row left by a failure here is dropped by the next unit's first
     * look (pg_progress_begin). */
    pg_query(db, sb_str(&q), 2, vals, NULL, NULL, &e);
    db_error_clear(&e);
    sb_free(&q);
    free(qp);
}

/* For `status`: read-only, so a row of a unit done since is left out
 * rather than deleted, and so is a row with nothing done yet; a missing
 * table has none. */
static bool pg_read_partial(Db *db, DbPartialFn fn, void *ctx, DbError *err)
{
    char *qp = db_progress_table(db);
    bool exists = false, failure_cols = false;
    bool ok = progress_exists(db, qp, &exists, &failure_cols, err);
    if (ok && exists) {
        DbPartialRows pr = {fn, ctx};
        StrBuf q;
        sb_init(&q);
        /* An up or undo row while the migration is not in the ledger, a
         * down row while it is. */
        sb_printf(&q, "SELECT version, direction, done, total, done_sql, %s "
                  "FROM %s WHERE done > 0 AND (direction <> 'down') = "
                  "(version NOT IN (SELECT version FROM %s)) ORDER BY "
                  "version", failure_cols ? DB_PROGRESS_FAILURE_COLS
                  : "NULL, NULL, NULL, NULL, NULL", qp, db->qtable);
        ok = pg_query(db, sb_str(&q), 0, NULL, db_partial_row, &pr, err);
        sb_free(&q);
    }
    free(qp);
    return ok;
}

/* The ledger (driver.h).  to_regclass follows search_path and the
 * quoting, as the statements that use the table do; the insert lets the
 * server measure the duration when $7 is NULL (pg_run_batch). */
static const DbLedgerSql pg_ledger = {
    .exists = "SELECT count(*) FROM (SELECT to_regclass($1) AS c) t "
              "WHERE c IS NOT NULL",
    .exists_quoted = true,
    .create =
        "CREATE TABLE IF NOT EXISTS {table} (\n"
        "    version text PRIMARY KEY,\n"
        "    name text NOT NULL,\n"
        "    checksum text NOT NULL,\n"
        "    up_sql text NOT NULL,\n"
        "    down_sql text,\n"
        "    no_transaction boolean NOT NULL DEFAULT false,\n"
        "    applied_at timestamptz NOT NULL DEFAULT now(),\n"
        "    duration_ms double precision NOT NULL\n"
        ")",
    .select = "SELECT version, name, checksum, to_char(applied_at AT TIME "
              "ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM {table}",
    .insert = "INSERT INTO {table} (version, name, checksum, up_sql, "
              "down_sql, no_transaction, duration_ms) VALUES ($1, $2, $3, "
              "$4, $5, $6::boolean, coalesce($7::double precision, "
              "extract(epoch FROM clock_timestamp() - now()) * 1000))",
};

const DbDriver db_driver_postgres = {
    .name = "postgres",
    .ledger = &pg_ledger,
    .quote = '"',
    .session_lock = true,
    .connect = pg_connect,
    .close = pg_close,
    .exec = pg_exec,
    .query = pg_query,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .lock = pg_lock,
    .unlock = pg_unlock,
    .run_batch = pg_run_batch,
    .split = db_split_sql,
    .session_reset = PG_SESSION_RESET,
    .lock_timeout_sql = "SET lock_timeout = ",
    .lock_timeout_code = "55P03",
    .interrupt = pg_interrupt,
    .progress_begin = pg_progress_begin,
    .progress_exec = pg_progress_exec,
    .progress_end = pg_progress_end,
    .read_partial = pg_read_partial,
    .drop_leftover = pg_drop_leftover,
};
