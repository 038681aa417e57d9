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

typedef struct MigRecord {
    const char *version;
    const char *name;
    const char *path;           /* the file, as the folder spells it */
    const char *checksum;       /* hex SHA-256 of the canonical form */
    /* Valid when the set has its SQL (MigSet.has_sql): */
    unsigned flags;             /* MIG_* */
    const char *up_text;        /* every up statement, as recorded */
    const char *const *up_stmts;
    int nup;
    const char *down_text;      /* NULL when MIG_IRREVERSIBLE */
    const char *const *down_stmts;  /* down_text, statement by statement */
    int ndown;
    /* undo_from[k], k = 0..nup: the first of down_stmts that undo exactly
     * the first k up statements, or -1 when k ends inside the SQL of one
     * statement of the file; NULL when the down is a down block or there
     * is none (the down undoes the whole migration only). */
    const int *undo_from;
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

/* The record of a version (compared as numbers), or NULL. */
const MigRecord *migset_find(const MigSet *s, const char *version);

#endif
