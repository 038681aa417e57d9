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

#include "arena.h"
#include "driver.h"

#define MAX_COLS 16

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

/* Notices (NOTICE, WARNING) from migrations: shown with --verbose. */
static void notice_processor(void *arg, const char *message)
{
    Db *db = arg;
    if (db->verbose)
        fprintf(stderr, "%s", message);
}

static bool exec_simple(Db *db, const char *sql, DbError *err)
{
    PGresult *r = PQexec(conn_of(db), sql);
    bool ok = pg_check(db, r, sql, err);
    PQclear(r);
    return ok;
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
    if (readonly &&
        !exec_simple(db, "SET default_transaction_read_only = on", err))
        return false;
    return true;
}

static void pg_close(Db *db)
{
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
    PGresult *r = PQexecParams(conn_of(db), sql, nparams, NULL, params, NULL,
                               NULL, 0);
    if (!pg_check(db, r, sql, err)) {
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

static bool pg_lock(Db *db, DbError *err)
{
    char key[32];
    const char *params[1] = {key};
    lock_key(db, key, sizeof key);
    if (!pg_query(db, "SELECT pg_advisory_lock($1::bigint)", 1, params, NULL,
                  NULL, err))
        return false;
    db->locked = true;
    return true;
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

static bool single_commands(const DbBatch *b)
{
    for (int i = 0; i < b->nstmts; i++) {
        char **v;
        int n = db_split_sql(b->stmts[i], &v);
        db_free_split(v, n);
        if (n > 1)
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
    /* Query k: 0 BEGIN, 1..n the statements, n+1 the ledger, then COMMIT. */
    int total = b->nstmts + 2 + (b->ledger_sql != NULL);
    for (int k = 0; ok && k < total; k++) {
        const char *sql;
        int np = 0;
        const char *const *pv = NULL;
        if (k == 0)
            sql = "BEGIN";
        else if (k <= b->nstmts)
            sql = b->stmts[k - 1];
        else if (k == b->nstmts + 1 && b->ledger_sql) {
            sql = b->ledger_sql;
            np = nparams;
            pv = params;
        } else
            sql = "COMMIT";
        ok = PQsendQueryParams(c, sql, np, NULL, pv, NULL, NULL, 0) == 1;
        nsent += ok;
    }
    ok = ok && PQpipelineSync(c) == 1;

    /* Read every result, keeping the first error. */
    for (int k = 0; k < nsent; k++) {
        PGresult *r = PQgetResult(c);
        if (!r) {
            if (first_bad < 0) {
                pg_check(db, NULL, NULL, err);
                first_bad = k;
            }
            break;
        }
        const char *stmt = k >= 1 && k <= b->nstmts ? b->stmts[k - 1] : NULL;
        if (first_bad < 0 && !pg_check(db, r, stmt, err))
            first_bad = k;
        else if (first_bad < 0 && k == total - 1 &&
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
        first_bad = nsent;
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
    if (PQtransactionStatus(c) != PQTRANS_IDLE) {
        DbError e2;
        db_error_init(&e2);
        exec_simple(db, "ROLLBACK", &e2);
        db_error_clear(&e2);
    }
    return DB_RUN_FAILED;
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
};
