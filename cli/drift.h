/*
 * drift.h — whether a database drifted from the migrations it applied
 * (cli/drift.c): `migc up`'s check and `migc status --drift`.
 */
#ifndef MIGC_DRIFT_H
#define MIGC_DRIFT_H

#include <stdbool.h>

#include "cli.h"
#include "driver.h"
#include "ledger.h"
#include "migc.h"

/* Whether the database's catalog can be read back (PostgreSQL, SQLite). */
bool cli_drift_checkable(const Db *db);

/* The differences between the model of the migrations of o->dir that the
 * ledger `l` holds and the catalog of `db`, as statements of the language
 * on `out` (history_drift_text), and in *napplied (may be NULL) how many
 * migrations that model has.  The number of differences; -1 after a
 * message; -2 when a migration of the ledger has no file (the model
 * lacks what it did: there is nothing to compare with). */
int cli_drift(const CliOpts *o, Db *db, const Dialect *d, const Ledger *l,
              StrBuf *out, int *napplied);

/* ApplyOpts.under_lock for `migc up` (ctx: a CliDriftCtx): true when the
 * database has not drifted, or cannot be read back (MySQL); else the
 * refusal, with the first lines of the difference and what to do. */
typedef struct CliDriftCtx {
    const CliOpts *o;
    const Dialect *d;
} CliDriftCtx;
bool cli_drift_before_up(Db *db, const Ledger *l, void *ctx);

#endif
