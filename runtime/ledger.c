/*
 * ledger.c — creating, reading and writing the ledger table.
 *
 * The table name is the one name pasted into SQL, always quoted as an
 * identifier (Db.qtable); every value is a parameter.
 */
#include "ledger.h"

#include <stdlib.h>
#include <string.h>

#include "version.h"

/* A ledger statement of the driver (driver.h), {table} filled in. */
static const char *ledger_sql(const Db *db, Arena *a, const char *tmpl)
{
    static const char mark[] = "{table}";
    StrBuf b;
    sb_init(&b);
    const char *p = tmpl, *hit;
    while ((hit = strstr(p, mark)) != NULL) {
        sb_putn(&b, p, (size_t)(hit - p));
        sb_puts(&b, db->qtable);
        p = hit + sizeof mark - 1;
    }
    sb_puts(&b, p);
    const char *r = sb_arena_copy(&b, a);
    sb_free(&b);
    return r;
}

static bool read_count(void *ctx, int ncols, const char *const *vals)
{
    if (ncols > 0 && vals[0])
        *(long *)ctx = strtol(vals[0], NULL, 10);
    return false;
}

bool ledger_exists(Db *db, bool *exists, DbError *err)
{
    const DbLedgerSql *ls = db->drv->ledger;
    const char *params[1] = {ls->exists_quoted ? db->qtable : db->table};
    long n = 0;
    if (!db->drv->query(db, ls->exists, 1, params, read_count, &n, err))
        return false;
    *exists = n > 0;
    return true;
}

bool ledger_create(Db *db, DbError *err)
{
    Arena a;
    bool ok, exists;
    /* Look first: CREATE TABLE IF NOT EXISTS would write (SQLite) or
     * raise a notice (PostgreSQL) on every run. */
    if (!ledger_exists(db, &exists, err))
        return false;
    if (exists)
        return true;
    arena_init(&a);
    ok = db->drv->exec(db, ledger_sql(db, &a, db->drv->ledger->create), err);
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
    return version_cmp(a->version, b->version);
}

typedef struct PartialCtx {
    Arena *a;
    Ledger *l;
    int cap;
} PartialCtx;

static const char *dup_or_null(Arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static void read_partial_row(void *ctx, const DbPartial *dp)
{
    PartialCtx *pc = ctx;
    Ledger *l = pc->l;
    if (l->npartial == pc->cap) {
        pc->cap = pc->cap ? pc->cap * 2 : 8;
        LedgerPartial *v = ARENA_ARRAY(pc->a, LedgerPartial, pc->cap);
        if (l->npartial > 0)
            memcpy(v, l->partial, sizeof *v * (size_t)l->npartial);
        l->partial = v;
    }
    LedgerPartial *p = &l->partial[l->npartial++];
    memset(p, 0, sizeof *p);
    p->version = arena_strdup(pc->a, dp->version);
    p->direction = arena_strdup(pc->a, dp->direction);
    p->up = strcmp(dp->direction, "up") == 0;
    p->done = dp->done;
    p->total = dp->total;
    p->done_sql = arena_strdup(pc->a, dp->done_sql);
    p->failed_sql = dup_or_null(pc->a, dp->failed_sql);
    p->error_code = dup_or_null(pc->a, dp->error_code);
    p->error_message = dup_or_null(pc->a, dp->error_message);
    p->error_detail = dup_or_null(pc->a, dp->error_detail);
    p->error_hint = dup_or_null(pc->a, dp->error_hint);
}

static bool is_undo(const LedgerPartial *p)
{
    return strcmp(p->direction, "undo") == 0;
}

const LedgerPartial *ledger_find_partial(const Ledger *l, const char *version)
{
    for (int i = 0; i < l->npartial; i++)
        if (!is_undo(&l->partial[i]) &&
            version_cmp(l->partial[i].version, version) == 0)
            return &l->partial[i];
    return NULL;
}

bool ledger_read(Db *db, Arena *a, Ledger *out, DbError *err)
{
    bool exists;
    const char *sql = NULL;
    ReadCtx rc = {a, NULL, 0, 0};

    out->rows = NULL;
    out->n = 0;
    out->partial = NULL;
    out->npartial = 0;
    if (!ledger_exists(db, &exists, err))
        return false;
    if (!exists)
        return true;
    sql = ledger_sql(db, a, db->drv->ledger->select);
    if (!db->drv->query(db, sql, 0, NULL, read_row, &rc, err)) {
        free(rc.rows);
        if (!err->connection) {
            /* The table is there but is not what migc made of it. */
            char *msg = err->message;
            err->message = NULL;
            StrBuf m;
            sb_init(&m);
            sb_printf(&m, "the table %s is not a migc ledger: %s", db->qtable,
                      msg ? msg : "unknown error");
            free(msg);
            err->message = xstrdup(sb_str(&m));
            sb_free(&m);
            if (!err->hint)
                err->hint = xstrdup("--table names the ledger table; migc "
                                    "creates it on first use (docs/RUNTIME.md "
                                    "lists its columns)");
        }
        return false;
    }
    if (rc.n > 0) {
        /* The rows usually come in the order they were inserted. */
        int i = 1;
        while (i < rc.n && row_cmp(&rc.rows[i - 1], &rc.rows[i]) <= 0)
            i++;
        if (i < rc.n)
            qsort(rc.rows, (size_t)rc.n, sizeof *rc.rows, row_cmp);
        out->rows = ARENA_ARRAY(a, LedgerRow, rc.n);
        memcpy(out->rows, rc.rows, sizeof *rc.rows * (size_t)rc.n);
    }
    out->n = rc.n;
    free(rc.rows);
    if (db->drv->read_partial) {
        PartialCtx pc = {a, out, 0};
        if (!db->drv->read_partial(db, read_partial_row, &pc, err))
            return false;
        /* A rollback of what ran of a migration belongs to its `up`. */
        for (int i = 0; i < out->npartial; i++) {
            LedgerPartial *up = &out->partial[i];
            for (int j = 0; up->up && j < out->npartial; j++)
                if (is_undo(&out->partial[j]) && out->partial[j].done > 0 &&
                    strcmp(out->partial[j].version, up->version) == 0)
                    up->undo = &out->partial[j];
        }
    }
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
    return ledger_sql(db, a, db->drv->ledger->insert);
}

const char *ledger_delete_sql(const Db *db, Arena *a)
{
    return arena_printf(a, "DELETE FROM %s WHERE version = $1", db->qtable);
}

const char *ledger_accept_sql(const Db *db, Arena *a)
{
    return arena_printf(a, "UPDATE %s SET checksum = $2, down_sql = $3 "
                        "WHERE version = $1", db->qtable);
}

const char *ledger_count_sql(const Db *db, Arena *a)
{
    return arena_printf(a, "SELECT count(*) FROM %s WHERE version = $1",
                        db->qtable);
}

const char *ledger_newest_sql(const Db *db, Arena *a)
{
    const char *t = db->drv->ledger->newest;
    return t ? ledger_sql(db, a, t) : ledger_count_sql(db, a);
}

const LedgerRow *ledger_find(const Ledger *l, const char *version)
{
    int lo = 0, hi = l->n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = version_cmp(l->rows[mid].version, version);
        if (c == 0)
            return &l->rows[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}
