/*
 * dbmodel.h — the model of a live database (cli/dbmodel.c).
 */
#ifndef MIGC_DBMODEL_H
#define MIGC_DBMODEL_H

#include <stdbool.h>

#include "driver.h"
#include "migc.h"

/* The schema of the database `db` is connected to, as a compiled history
 * of one migration for `d` (*out: a new history, to be freed with
 * history_delete() whatever the result), and in *nobjects (may be NULL)
 * how many tables, schemas and other objects it holds.  False after a
 * message. */
bool cli_db_model(Db *db, const Dialect *d, Diag *diag, History **out,
                  int *nobjects);

/* Before a diff of `dbh` (cli_db_model of db) with `model`, compiled: on
 * PostgreSQL, give each view of `model` that `dbh` has too the server's
 * text of its query (the catalog's form, cli/viewform.c), and each view
 * of `dbh` its own, so that they compare in that form.  Elsewhere
 * nothing (SQLite keeps a view's text as written).  False after a
 * message. */
bool cli_compare_views(Db *db, History *dbh, History *model);

#endif
