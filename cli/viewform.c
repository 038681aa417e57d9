/*
 * viewform.c — views compared in the server's form (cli_compare_views,
 * dbmodel.h).
 *
 * PostgreSQL's catalog holds a view's query as pg_get_viewdef() prints
 * it, so the model of the database (introspected) has that text while
 * the model of the migrations has the migration's: they never compare
 * equal token by token.  The server prints each model query in its own
 * form too (db_view_server_texts(), runtime/viewtext.c: temporary views
 * in one rolled-back transaction); model_diff then compares the two
 * server texts (CatObject.server_text).  Only the views both sides have
 * are asked about: the others differ whatever their text.
 */
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "dbmodel.h"
#include "viewtext.h"

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

bool cli_compare_views(Db *db, History *dbh, History *model)
{
    if (strcmp(db->drv->name, "postgres") != 0)
        return true;
    HistoryView *dv, *mv;
    int nd = history_views(dbh, &dv);
    int nm = history_views(model, &mv);
    if (nd == 0 || nm == 0)
        return true;
    Arena a;
    arena_init(&a);
    DbViewQuery *q = ARENA_ARRAY(&a, DbViewQuery, nm);
    int *at = ARENA_ARRAY(&a, int, nm);
    int n = 0;
    for (int i = 0; i < nm; i++)
        for (int j = 0; j < nd; j++)
            if (dv[j].materialized == mv[i].materialized &&
                strcmp(dv[j].name, mv[i].name) == 0 &&
                str_eq(dv[j].schema, mv[i].schema)) {
                q[n].query = mv[i].query;
                q[n].cols = mv[i].cols;
                q[n].ncols = mv[i].ncols;
                if (mv[i].col_renamed && !mv[i].ncols) {
                    q[n].names_schema = mv[i].schema;
                    q[n].names_of = mv[i].name;
                }
                at[n++] = i;
                break;
            }
    DbError err;
    db_error_init(&err);
    bool ok = db_view_server_texts(db, &a, q, n, &err);
    if (!ok) {
        fputs("migc: error: the server could not print the views' "
              "queries in its own form, to compare them:\n", stderr);
        apply_print_db_error(stderr, false, "migc", NULL, &err);
        db_error_clear(&err);
    } else {
        for (int j = 0; j < nd; j++)
            history_view_compare_as(dbh, &dv[j], dv[j].query);
        for (int k = 0; k < n; k++)
            history_view_compare_as(model, &mv[at[k]], q[k].server);
    }
    arena_free(&a);
    return ok;
}
