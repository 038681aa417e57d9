/*
 * ledger.h — the table that records applied migrations.
 *
 *   migc_migrations (or --table)
 *     version text primary key, name, checksum (of the canonical form),
 *     up_sql and down_sql as applied (down_sql NULL: irreversible),
 *     no_transaction, applied_at (UTC), duration_ms
 *
 * Created on first use.  Reading it for `status` and the plan takes one
 * SELECT of the small columns; the SQL texts are read only to roll back.
 */
#ifndef MIGC_LEDGER_H
#define MIGC_LEDGER_H

#include <stdbool.h>

#include "arena.h"
#include "driver.h"

typedef struct LedgerRow {
    const char *version;
    const char *name;
    const char *checksum;
    const char *applied_at;     /* ISO 8601, UTC: 2026-11-25T09:30:00Z */
} LedgerRow;

/* A migration (up) or rollback (down, undo) that stopped part-way where
 * each statement commits on its own (MySQL, and migrations without a
 * transaction): `done` of its `total` statements took effect
 * (DbDriver.read_partial). */
typedef struct LedgerPartial {
    const char *version;
    const char *direction;      /* "up", "down" or "undo" */
    bool up;                    /* direction "up" */
    int done, total;
    const char *done_sql;       /* the statements that ran, each + "\n" */
    /* The statement that failed and the server's error (DbPartial), or
     * NULL. */
    const char *failed_sql;
    const char *error_code, *error_message, *error_detail, *error_hint;
    /* Of an `up` one: the rollback of what ran of it (direction "undo")
     * when that stopped part-way too, or NULL. */
    const struct LedgerPartial *undo;
} LedgerPartial;

typedef struct Ledger {
    LedgerRow *rows;            /* sorted by version, as numbers */
    int n;
    LedgerPartial *partial;     /* in no order */
    int npartial;
} Ledger;

bool ledger_exists(Db *db, bool *exists, DbError *err);
/* CREATE TABLE IF NOT EXISTS. */
bool ledger_create(Db *db, DbError *err);
/* Every row (a missing table reads as empty), into arena `a`.  A table
 * that lacks the ledger's columns is an error naming it. */
bool ledger_read(Db *db, Arena *a, Ledger *out, DbError *err);
/* The down SQL recorded for `version`: *found false if no row; *down NULL
 * when the migration was irreversible. */
bool ledger_get_down(Db *db, Arena *a, const char *version, bool *found,
                     const char **down, bool *no_transaction, DbError *err);

/* The statements apply.c runs, for the driver's database (arena).
 * insert: $1 version, $2 name, $3 checksum, $4 up_sql, $5 down_sql,
 *         $6 no_transaction ("1"/"0"), $7 duration_ms (PostgreSQL: NULL
 *         for the time since the transaction began, measured by the
 *         server).
 * delete: $1 version.   count: $1 version -> one integer.
 * accept: $1 version, $2 checksum, $3 down_sql (NULL: irreversible). */
#define LEDGER_INSERT_NPARAMS 7
#define LEDGER_INSERT_DURATION 6
const char *ledger_insert_sql(const Db *db, Arena *a);
const char *ledger_delete_sql(const Db *db, Arena *a);
const char *ledger_count_sql(const Db *db, Arena *a);
const char *ledger_accept_sql(const Db *db, Arena *a);
/* $1 version -> 1 when it is applied and no applied version is newer,
 * else 0: the guard of a rollback (the driver's `newest`, else count). */
const char *ledger_newest_sql(const Db *db, Arena *a);

/* The unit of `version` that stopped part-way (never an "undo": that is
 * the `undo` of its "up"), or NULL. */
const LedgerPartial *ledger_find_partial(const Ledger *l, const char *version);

/* Find a row by version, or NULL. */
const LedgerRow *ledger_find(const Ledger *l, const char *version);

#endif
