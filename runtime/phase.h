/*
 * phase.h — running `expand;` migrations (PostgreSQL): the expand phase
 * (`migc up`), `migc complete` and `migc abort`, step by step, with the
 * phase and progress recorded in the ledger's phase table:
 *
 *   <ledger>_expand
 *     version text primary key, phase text, step integer (steps of the
 *     phase done), backfill_key text (the last key of the running
 *     backfill), updated_at
 *
 * Phases: expanding -> expanded -> completing -> completed, and
 * expanding | expanded -> aborting -> (row gone).  The ledger row is
 * written with `expanded` and removed with the end of an abort.  Each step
 * commits with its progress, so a run stopped anywhere (kill -9 included)
 * is finished by `up` (expanding), `complete` (completing) or `abort`.
 */
#ifndef MIGC_RUNTIME_PHASE_H
#define MIGC_RUNTIME_PHASE_H

#include <stdbool.h>

#include "apply.h"

typedef struct ExpandRow {
    const char *version;
    const char *phase;      /* "expanding", "expanded", ... */
    int step;
    const char *key;        /* NULL when no backfill is under way */
} ExpandRow;

typedef struct ExpandState {
    ExpandRow *rows;        /* arena */
    int n;
} ExpandState;

/* Every row of the phase table (none when it does not exist). */
bool expand_state_read(Db *db, Arena *a, ExpandState *st, DbError *err);
const ExpandRow *expand_state_find(const ExpandState *st,
                                   const char *version);
/* The row of a migration between expand and complete (any phase but
 * completed), or NULL. */
const ExpandRow *expand_state_open(const ExpandState *st);

/* `migc up` of an expand migration: run (or resume) its expand phase and
 * record it in the ledger.  Returns as apply_up does. */
int expand_up(Db *db, Arena *a, const ApplyOpts *o, const MigRecord *rec,
              const ExpandState *st);

/* `migc complete [VERSION]`, `migc abort [VERSION]` (version NULL: the
 * one migration between expand and complete). */
int apply_complete(Db *db, MigSet *s, const ApplyOpts *o,
                   const char *version);
int apply_abort(Db *db, MigSet *s, const ApplyOpts *o, const char *version);

#endif
