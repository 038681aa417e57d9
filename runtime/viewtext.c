/*
 * viewtext.c — view queries as the PostgreSQL server prints them
 * (viewtext.h).
 *
 * The catalog keeps a view's query parsed, and pg_get_viewdef() prints it
 * in the server's own form (names qualified, casts and parentheses
 * added, `*` expanded), never as the migration wrote it.  The only way to
 * get that form for a text is to make a view of it: each query becomes
 * the temporary view migc_view_N inside a transaction, under a savepoint
 * so that a query the server rejects (a table or column the drifted
 * database lacks) costs only that savepoint; one query reads every view
 * back, and the transaction is rolled back.  The transaction is read-write
 * (BEGIN READ WRITE, for a connection opened read-only): a temporary view
 * is still a catalog write, which nothing outlives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viewtext.h"

/* A name in double quotes, " doubled. */
static void put_ident(StrBuf *b, const char *s)
{
    sb_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            sb_putc(b, '"');
        sb_putc(b, *s);
    }
    sb_putc(b, '"');
}

typedef struct Back {
    Arena *a;
    DbViewQuery *v;
    int n;
} Back;

static bool row_back(void *ctx, int ncols, const char *const *vals)
{
    Back *b = ctx;
    (void)ncols;
    int i = atoi(vals[0]);
    if (i >= 0 && i < b->n && vals[1])
        b->v[i].server = arena_strdup(b->a, vals[1]);
    return true;
}

static const char q_back[] =
    "SELECT substr(c.relname, 11), " PG_VIEWDEF("c.oid") " "
    "FROM pg_class c "
    "WHERE c.relnamespace = pg_my_temp_schema() AND c.relkind = 'v' "
    "AND c.relname ~ '^migc_view_[0-9]+$'";

/* The renames that give temporary view migc_view_N ($1) the column names
 * of the live view $2.$3, when both have as many columns. */
static const char q_names[] =
    "SELECT string_agg(format('ALTER VIEW pg_temp.%I RENAME COLUMN %I "
    "TO %I', 'migc_view_' || $1, t.attname, l.attname), '; ') "
    "FROM pg_attribute t JOIN pg_attribute l ON l.attnum = t.attnum "
    "WHERE t.attrelid = to_regclass('pg_temp.migc_view_' || $1) "
    "AND l.attrelid = (SELECT c.oid FROM pg_class c "
    "  JOIN pg_namespace n ON n.oid = c.relnamespace "
    "  WHERE n.nspname = $2 AND c.relname = $3) "
    "AND t.attnum > 0 AND NOT l.attisdropped AND t.attname <> l.attname "
    "AND (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = t.attrelid "
    "     AND a.attnum > 0) = "
    "    (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = l.attrelid "
    "     AND a.attnum > 0 AND NOT a.attisdropped)";

static bool row_names(void *ctx, int ncols, const char *const *vals)
{
    char **sql = ctx;
    (void)ncols;
    if (vals[0])
        *sql = strdup(vals[0]);
    return true;
}

/* Temporary view N takes the column names of the live view v->names_of
 * (a rename of a column rewrote the model's query; the live view kept
 * the old name). */
static bool take_names(Db *db, const DbViewQuery *v, int n, DbError *err)
{
    if (!v->names_of)
        return true;
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    const char *params[] = {
        num, v->names_schema ? v->names_schema : "public", v->names_of,
    };
    char *sql = NULL;
    bool ok = db->drv->query(db, q_names, 3, params, row_names, &sql, err);
    if (ok && sql)
        ok = db->drv->exec(db, sql, err);
    free(sql);
    return ok;
}

bool db_view_server_texts(Db *db, Arena *a, DbViewQuery *v, int n,
                          DbError *err)
{
    const DbDriver *d = db->drv;
    for (int i = 0; i < n; i++)
        v[i].server = NULL;
    if (n == 0)
        return true;
    if (!d->exec(db, "BEGIN READ WRITE", err))
        return false;
    bool ok = true;
    int made = 0;
    StrBuf q;
    sb_init(&q);
    for (int i = 0; i < n && ok; i++) {
        sb_reset(&q);
        sb_printf(&q, "SAVEPOINT migc_view; CREATE TEMPORARY VIEW "
                  "migc_view_%d", i);
        if (v[i].ncols) {
            sb_puts(&q, " (");
            for (int k = 0; k < v[i].ncols; k++) {
                if (k)
                    sb_puts(&q, ", ");
                put_ident(&q, v[i].cols[k]);
            }
            sb_putc(&q, ')');
        }
        sb_puts(&q, " AS\n");
        sb_puts(&q, v[i].query);
        sb_puts(&q, "\n");
        if (d->exec(db, sb_str(&q), err) && take_names(db, &v[i], i, err) &&
            d->exec(db, "RELEASE SAVEPOINT migc_view", err)) {
            made++;
            continue;
        }
        /* The server cannot build it: that view differs. */
        ok = !err->connection;
        db_error_clear(err);
        ok = ok && d->exec(db, "ROLLBACK TO SAVEPOINT migc_view", err);
    }
    sb_free(&q);
    Back b = { a, v, n };
    ok = ok && (made == 0 || d->query(db, q_back, 0, NULL, row_back, &b,
                                      err));
    /* Rolled back whatever happened; the first error is the one told. */
    DbError rb;
    db_error_init(&rb);
    if (!d->exec(db, "ROLLBACK", ok ? err : &rb))
        ok = false;
    db_error_clear(&rb);
    return ok;
}
