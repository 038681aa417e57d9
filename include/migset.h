/*
 * migset.h — the migration set: what the runtime needs of a folder of
 * migrations, as plain records.
 *
 * This is the boundary between the compiler and the runtime.  The runtime
 * (runtime/apply.c) plans from versions and checksums and runs SQL text; it
 * sees no AST, catalog or dialect.  A set is loaded with what the command
 * needs:
 *
 *   MIGSET_CHECKSUMS  versions, names, paths and checksums.  Taken from the
 *                     compiled-history cache when it describes the folder
 *                     exactly (docs/RUNTIME.md), else by compiling.
 *   MIGSET_SQL        also each migration's flags, up statements and down
 *                     SQL: the whole history compiled.
 *
 * Either way the whole history has compiled without error (the cache is
 * written only after a full compile of exactly these files), so a command
 * may connect once it has the checksums, plan, and call migset_need_sql()
 * only when something will run.
 */
#ifndef MIGC_MIGSET_H
#define MIGC_MIGSET_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "version.h"

typedef struct Dialect Dialect;

typedef enum MigsetNeed { MIGSET_CHECKSUMS, MIGSET_SQL } MigsetNeed;

/* MigRecord.flags */
#define MIG_NO_TRANSACTION 1u   /* `no transaction;`: statements run alone */
#define MIG_IRREVERSIBLE 2u     /* no down: rolling back is an error */

/*
 * An `expand;` migration (PostgreSQL): the steps of its three phases
 * (docs/ZERO-DOWNTIME.md).  The runtime (runtime/phase.c) runs each step
 * on its own and records, in the ledger's phase table, how many of a
 * phase's steps are done, so that an interrupted phase resumes where it
 * stopped.
 *
 *   MIG_STEP_TX        one statement, in a transaction with its progress
 *   MIG_STEP_ALONE     one statement outside a transaction (CREATE/DROP
 *                      INDEX CONCURRENTLY); it may run twice after a crash,
 *                      so it is written to allow that
 *   MIG_STEP_BACKFILL  a batch: $1 the last key done (NULL: none yet) and
 *                      $2 the batch size; returns one row: the batch's last
 *                      key as text, how many keys it took and how many rows
 *                      it updated.  Run, each batch in a transaction with
 *                      its progress (the key), until a batch takes fewer
 *                      keys than the batch size: every row there was when
 *                      the trigger came has been done then, and the rows
 *                      written since are the trigger's.
 */
typedef enum MigStepKind {
    MIG_STEP_TX,
    MIG_STEP_ALONE,
    MIG_STEP_BACKFILL
} MigStepKind;

typedef struct MigStep {
    MigStepKind kind;
    const char *sql;
    const char *what;           /* MIG_STEP_BACKFILL: "comments.body" */
    const char *first;          /* MIG_STEP_ALONE: run before `sql`, on its
                                   own, each time the step runs (DROP INDEX
                                   CONCURRENTLY IF EXISTS before CREATE
                                   INDEX CONCURRENTLY), or NULL */
} MigStep;

typedef struct MigExpand {
    const char *schema;         /* the version's schema: new shape */
    const char *prev_schema;    /* the previous version's: old shape, or
                                   NULL (no previous migration) */
    const MigStep *expand;      /* `migc up` */
    int nexpand;
    const MigStep *complete;    /* `migc complete` */
    int ncomplete;
    const MigStep *abort;       /* `migc abort`: every step may run on a
                                   database where the expand stopped
                                   anywhere */
    int nabort;
} MigExpand;

typedef struct MigRecord {
    const char *version;
    const char *name;
    const char *path;           /* the file, as the folder spells it */
    const char *checksum;       /* hex SHA-256 of the canonical form */
    /* `replaces V, ...;` (migc squash): the versions whose files this one
     * stands for; a database whose ledger holds them all has applied it
     * (docs/RUNTIME.md).  NULL-terminated; NULL when none. */
    const char *const *replaces;
    /* Valid when the set has its SQL (MigSet.has_sql): */
    unsigned flags;             /* MIG_* */
    const char *up_text;        /* every up statement, as recorded */
    const char *const *up_stmts;
    int nup;
    /* Per up statement, for a `safe;` migration's batched backfills: what
     * it fills ("t.c"), run batch by batch with $1 the last key done and
     * $2 the batch size (as MIG_STEP_BACKFILL); NULL for any other
     * statement.  NULL when the migration has none. */
    const char *const *up_backfill;
    const char *down_text;      /* NULL when MIG_IRREVERSIBLE */
    const char *const *down_stmts;  /* down_text, statement by statement */
    int ndown;
    /* undo_from[k], k = 0..nup: the first of down_stmts that undo exactly
     * the first k up statements, or -1 when k ends inside the SQL of one
     * statement of the file; NULL when the down is a down block or there
     * is none (the down undoes the whole migration only). */
    const int *undo_from;
    const MigExpand *expand;    /* `expand;` migrations, else NULL */
} MigRecord;

typedef struct MigSet {
    Arena arena;                /* the records and their strings */
    MigRecord *recs;            /* sorted by version */
    int n, cap;
    bool has_sql;
    /* Private: where the SQL comes from when it is needed. */
    char *dir;
    const Dialect *dialect;
    Diag *diag;
    void *history;
} MigSet;

/* An empty set (a history of no migration). */
void migset_init(MigSet *s);
void migset_free(MigSet *s);

/* Load the folder `dir` for `dialect`, with what `need` says; diagnostics
 * (syntax, checks) go to `diag`.  False after any error: nothing of the
 * set is to be used then. */
bool migset_load(MigSet *s, const char *dir, const Dialect *dialect,
                 MigsetNeed need, Diag *diag);

/* Make sure the records have their SQL: compile the whole history if the
 * set was loaded from the cache.  The records are then rebuilt (pointers
 * into the old ones are stale).  False after diagnostics. */
bool migset_need_sql(MigSet *s);

/* A record added by hand (tests): zeroed, in the set's order of adding;
 * call migset_sort() after the last. */
MigRecord *migset_push(MigSet *s);
void migset_sort(MigSet *s);

/* The schema of views a client of `version` puts on its search_path
 * ("public_<version>"; docs/ZERO-DOWNTIME.md), in arena `a`. */
const char *migset_schema_name(Arena *a, const char *version);

/* The record of a version (compared as numbers), or NULL. */
const MigRecord *migset_find(const MigSet *s, const char *version);

#endif
