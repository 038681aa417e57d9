/*
 * apply.h — applying and rolling back migrations, written once above the
 * driver interface.
 *
 * The history comes compiled (compile.h): the runtime runs its SQL and
 * records it; it never parses the migration language.  Every migration
 * and its ledger row commit in one transaction; a failure leaves schema
 * and ledger as they were, and the run stops there.
 */
#ifndef MIGC_APPLY_H
#define MIGC_APPLY_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "compile.h"
#include "driver.h"
#include "ledger.h"

typedef enum MigState {
    MS_APPLIED,
    MS_PENDING,
    MS_OUT_OF_ORDER,    /* pending, but older than the newest applied */
    MS_CHANGED,         /* applied, and the file now does something else */
    MS_MISSING          /* applied, and the file is gone */
} MigState;

/* "applied", "pending", "out of order", "changed", "missing". */
const char *apply_state_name(MigState s);

typedef struct PlanEntry {
    const char *version;
    const char *name;
    MigState state;
    CompiledMig *cm;        /* NULL when missing */
    const LedgerRow *row;   /* NULL when not applied */
} PlanEntry;

typedef struct Plan {
    PlanEntry *e;           /* sorted by version */
    int n;
} Plan;

/* Every migration of the history and every ledger row, with its state. */
void apply_plan(Arena *a, const History *h, const Ledger *l, Plan *out);

typedef struct ApplyOpts {
    bool dry_run;
    bool quiet;
    bool verbose;
    bool color;
    bool allow_changed;
    bool allow_out_of_order;
    const char *to;     /* up: the last version to apply; down: the version
                           to go back to (it stays applied) */
    int steps;          /* down: how many (0: one, unless `to`) */
    FILE *out;          /* progress */
    FILE *err;          /* errors */
} ApplyOpts;

/* Each returns 0 on success and 1 after printing an error.  `db` is open:
 * read-only for a dry run. */
int apply_up(Db *db, History *h, const ApplyOpts *o);
int apply_down(Db *db, History *h, const ApplyOpts *o);
int apply_redo(Db *db, History *h, const ApplyOpts *o);

/* Print a database error the way every command does:
 *
 *   WHERE: error: SQLSTATE: message
 *       the statement
 *            ^
 *   detail: ...
 *   hint: ...
 *
 * `stmt` may be NULL; the caret is drawn when the error has a position. */
void apply_print_db_error(FILE *f, bool color, const char *where,
                          const char *stmt, const DbError *e);

#endif
