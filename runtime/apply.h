/*
 * apply.h — applying and rolling back migrations, written once above the
 * driver interface.
 *
 * The migrations come as plain records (migset.h): the runtime plans from
 * their versions and checksums, asks for their SQL only when something
 * will run, runs it and records it; it never sees the migration language.  Every migration
 * and its ledger row commit in one transaction; a failure leaves schema
 * and ledger as they were, and the run stops there.
 */
#ifndef MIGC_APPLY_H
#define MIGC_APPLY_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "driver.h"
#include "ledger.h"
#include "migset.h"

typedef enum MigState {
    MS_APPLIED,
    MS_PENDING,
    MS_OUT_OF_ORDER,    /* pending, but older than the newest applied */
    MS_CHANGED,         /* applied, and the file now does something else */
    MS_MISSING,         /* applied, and the file is gone */
    MS_PARTIAL          /* stopped part-way, applying or rolling back: some
                           of its statements took effect (MySQL) */
} MigState;

/* "applied", "pending", "out of order", "changed", "missing"; "?" past
 * the last state (so a caller may walk them all). */
const char *apply_state_name(MigState s);

typedef struct PlanEntry {
    const char *version;
    const char *name;
    MigState state;
    const MigRecord *rec;   /* NULL when missing */
    const LedgerRow *row;   /* NULL when not applied */
    const LedgerPartial *partial;   /* when it stopped part-way */
    const char *phase;      /* an `expand;` migration's phase (phase.h),
                               set by the caller, or NULL */
    bool replaced;          /* applied as the migrations it replaces
                               (migc squash): row is one of theirs */
    const char *replaces_missing;   /* it replaces migrations of which the
                                       database applied only some: the
                                       first it lacks (up refuses) */
} PlanEntry;

typedef struct Plan {
    PlanEntry *e;           /* sorted by version */
    int n;
} Plan;

/* Every migration of the set and every ledger row, with its state. */
void apply_plan(Arena *a, const MigSet *s, const Ledger *l, Plan *out);

typedef struct ApplyOpts {
    bool dry_run;
    bool quiet;
    bool verbose;
    bool color;
    bool progress;      /* out is a terminal (and NO_COLOR unset): show the
                           migration that is running, with N of M */
    bool allow_changed;
    bool allow_out_of_order;
    const char *to;     /* up: the last version to apply; down: the version
                           to go back to (it stays applied) */
    int steps;          /* up: at most this many (0: all); down: how many
                           (0: one, unless `to` or `all`) */
    bool all;           /* down: every applied migration */
    /* PostgreSQL: lock_timeout for every unit, in milliseconds (0: none,
     * the server's own setting), and how many times a unit that failed
     * on it (SQLSTATE 55P03) is tried again after a jittered, growing
     * pause.  Drivers without DbDriver.lock_timeout_sql ignore both. */
    long lock_timeout_ms;
    int retries;
    int batch_size;     /* expand backfills: rows per batch (0: 1000) */
    int batch_pause_ms; /* and the pause after each batch */
    FILE *out;          /* progress */
    FILE *err;          /* errors */
    /* Called under the lock, once the ledger is read; false refuses the
     * run, after a message.  NULL: none.  up: when something is to be
     * applied (a dry run too) and no expand is resumed (`migc up`'s drift
     * check, cli/drift.c); apply_repair() REPAIR_MARK_APPLIED: before the
     * row is written (`migc baseline` reads the catalog and writes the
     * file there). */
    bool (*under_lock)(Db *db, const Ledger *l, void *ctx);
    void *under_lock_ctx;
} ApplyOpts;

/* Each returns 0 on success and 1 after printing an error; 128 + the
 * signal when SIGINT or SIGTERM stopped it (it says what took effect).  `db` is open:
 * read-only for a dry run.  The set may lack its SQL (MIGSET_CHECKSUMS):
 * it is asked for it (migset_need_sql) only when something will run. */
int apply_up(Db *db, MigSet *s, const ApplyOpts *o);
int apply_down(Db *db, MigSet *s, const ApplyOpts *o);
int apply_redo(Db *db, MigSet *s, const ApplyOpts *o);

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
