/*
 * ledger.c — creating, reading and writing the ledger table.
 *
 * The table name is the one name pasted into SQL, always quoted as an
 * identifier (Db.qtable); every value is a parameter.
 */
#include "ledger.h"

#include <stdlib.h>
#include <string.h>

int ledger_version_cmp(const char *a, const char *b)
{
    while (*a == '0' && a[1])
        a++;
    while (*b == '0' && b[1])
        b++;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return la < lb ? -1 : 1;
    return strcmp(a, b);
}

static bool read_count(void *ctx, int ncols, const char *const *vals)
{
    if (ncols > 0 && vals[0])
        *(long *)ctx = strtol(vals[0], NULL, 10);
    return false;
}

bool ledger_exists(Db *db, bool *exists, DbError *err)
{
    const char *sql = NULL;
    const char *params[1] = {NULL};
    long n = 0;
    switch (db->drv->kind) {
    case DB_POSTGRES:
        /* to_regclass follows search_path and the quoting, as the
         * statements that use the table do. */
        sql = "SELECT count(*) FROM (SELECT to_regclass($1) AS c) t "
              "WHERE c IS NOT NULL";
        params[0] = db->qtable;
        break;
    case DB_SQLITE:
        sql = "SELECT count(*) FROM sqlite_master "
              "WHERE type = 'table' AND name = $1";
        params[0] = db->table;
        break;
    }
    if (!db->drv->query(db, sql, 1, params, read_count, &n, err))
        return false;
    *exists = n > 0;
    return true;
}

bool ledger_create(Db *db, DbError *err)
{
    Arena a;
    const char *sql = NULL;
    bool ok, exists;
    /* Look first: CREATE TABLE IF NOT EXISTS would write (SQLite) or
     * raise a notice (PostgreSQL) on every run. */
    if (!ledger_exists(db, &exists, err))
        return false;
    if (exists)
        return true;
    arena_init(&a);
    switch (db->drv->kind) {
    case DB_POSTGRES:
        sql = arena_printf(&a,
            "CREATE TABLE IF NOT EXISTS %s (\n"
            "    version text PRIMARY KEY,\n"
            "    name text NOT NULL,\n"
            "    checksum text NOT NULL,\n"
            "    up_sql text NOT NULL,\n"
            "    down_sql text,\n"
            "    no_transaction boolean NOT NULL DEFAULT false,\n"
            "    applied_at timestamptz NOT NULL DEFAULT now(),\n"
            "    duration_ms double precision NOT NULL\n"
            ")", db->qtable);
        break;
    case DB_SQLITE:
        sql = arena_printf(&a,
            "CREATE TABLE IF NOT EXISTS %s (\n"
            "    version text PRIMARY KEY,\n"
            "    name text NOT NULL,\n"
            "    checksum text NOT NULL,\n"
            "    up_sql text NOT NULL,\n"
            "    down_sql text,\n"
            "    no_transaction integer NOT NULL DEFAULT 0,\n"
            "    applied_at text NOT NULL\n"
            "        DEFAULT (strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now')),\n"
            "    duration_ms real NOT NULL\n"
            ")", db->qtable);
        break;
    }
    ok = db->drv->exec(db, sql, err);
    arena_free(&a);
    return ok;
}

typedef struct ReadCtx {
    Arena *a;
    LedgerRow *rows;
    int n, cap;
} ReadCtx;

static const char *dup_or_empty(Arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

static bool read_row(void *ctx, int ncols, const char *const *vals)
{
    ReadCtx *rc = ctx;
    if (ncols < 4)
        return false;
    if (rc->n == rc->cap) {
        rc->cap = rc->cap ? rc->cap * 2 : 64;
        rc->rows = xrealloc(rc->rows, sizeof *rc->rows * (size_t)rc->cap);
    }
    LedgerRow *r = &rc->rows[rc->n++];
    r->version = dup_or_empty(rc->a, vals[0]);
    r->name = dup_or_empty(rc->a, vals[1]);
    r->checksum = dup_or_empty(rc->a, vals[2]);
    r->applied_at = dup_or_empty(rc->a, vals[3]);
    return true;
}

static int row_cmp(const void *x, const void *y)
{
    const LedgerRow *a = x, *b = y;
    return ledger_version_cmp(a->version, b->version);
}

bool ledger_read(Db *db, Arena *a, Ledger *out, DbError *err)
{
    bool exists;
    const char *sql = NULL;
    ReadCtx rc = {a, NULL, 0, 0};

    out->rows = NULL;
    out->n = 0;
    if (!ledger_exists(db, &exists, err))
        return false;
    if (!exists)
        return true;
    switch (db->drv->kind) {
    case DB_POSTGRES:
        sql = arena_printf(a,
            "SELECT version, name, checksum, to_char(applied_at AT TIME "
            "ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM %s",
            db->qtable);
        break;
    case DB_SQLITE:
        sql = arena_printf(a,
            "SELECT version, name, checksum, "
            "substr(applied_at, 1, 19) || 'Z' FROM %s", db->qtable);
        break;
    }
    if (!db->drv->query(db, sql, 0, NULL, read_row, &rc, err)) {
        free(rc.rows);
        return false;
    }
    if (rc.n > 0) {
        qsort(rc.rows, (size_t)rc.n, sizeof *rc.rows, row_cmp);
        out->rows = ARENA_ARRAY(a, LedgerRow, rc.n);
        memcpy(out->rows, rc.rows, sizeof *rc.rows * (size_t)rc.n);
    }
    out->n = rc.n;
    free(rc.rows);
    return true;
}

typedef struct DownCtx {
    Arena *a;
    bool found;
    const char *down;
    bool no_tx;
} DownCtx;

static bool read_down(void *ctx, int ncols, const char *const *vals)
{
    DownCtx *dc = ctx;
    if (ncols < 2)
        return false;
    dc->found = true;
    dc->down = vals[0] ? arena_strdup(dc->a, vals[0]) : NULL;
    dc->no_tx = vals[1] && (vals[1][0] == 't' || vals[1][0] == '1');
    return false;
}

bool ledger_get_down(Db *db, Arena *a, const char *version, bool *found,
                     const char **down, bool *no_transaction, DbError *err)
{
    DownCtx dc = {a, false, NULL, false};
    const char *params[1] = {version};
    const char *sql = arena_printf(a,
        "SELECT down_sql, no_transaction FROM %s WHERE version = $1",
        db->qtable);
    if (!db->drv->query(db, sql, 1, params, read_down, &dc, err))
        return false;
    *found = dc.found;
    *down = dc.down;
    *no_transaction = dc.no_tx;
    return true;
}

const char *ledger_insert_sql(const Db *db, Arena *a)
{
    switch (db->drv->kind) {
    case DB_POSTGRES:
        return arena_printf(a,
            "INSERT INTO %s (version, name, checksum, up_sql, down_sql, "
            "no_transaction, duration_ms) VALUES ($1, $2, $3, $4, $5, "
            "$6::boolean, coalesce($7::double precision, "
            "extract(epoch FROM clock_timestamp() - now()) * 1000))",
            db->qtable);
    case DB_SQLITE:
        return arena_printf(a,
            "INSERT INTO %s (version, name, checksum, up_sql, down_sql, "
            "no_transaction, duration_ms) VALUES ($1, $2, $3, $4, $5, "
            "CAST($6 AS integer), CAST($7 AS real))", db->qtable);
    }
    return NULL;
}

const char *ledger_delete_sql(const Db *db, Arena *a)
{
    return arena_printf(a, "DELETE FROM %s WHERE version = $1", db->qtable);
}

const char *ledger_count_sql(const Db *db, Arena *a)
{
    return arena_printf(a, "SELECT count(*) FROM %s WHERE version = $1",
                        db->qtable);
}

const LedgerRow *ledger_find(const Ledger *l, const char *version)
{
    int lo = 0, hi = l->n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = ledger_version_cmp(l->rows[mid].version, version);
        if (c == 0)
            return &l->rows[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}
