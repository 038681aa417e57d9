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

#endif
