/*
 * backfill.h — one batch of a batched backfill (PostgreSQL): the SQL
 * compiler/backfill.c writes, with $1 the last key done and $2 the batch
 * size.  Used by `expand;` migrations (phase.c) and by the backfills of
 * `safe;` migrations (pg.c's progress_exec), each of which runs every
 * batch in a transaction with the key it reached.
 */
#ifndef MIGC_RUNTIME_BACKFILL_H
#define MIGC_RUNTIME_BACKFILL_H

#include <stdbool.h>

#include "driver.h"

#define BACKFILL_DEFAULT_BATCH 1000

/* Run one batch of `sql` in the caller's transaction, after `key` (NULL:
 * from the first row), of `batch` rows (0: BACKFILL_DEFAULT_BATCH).
 * *next: the batch's last key (malloc'd), or NULL when it was the last:
 * a batch that took fewer keys than its size.  *rows: the rows it
 * updated, added. */
bool backfill_batch(Db *db, const char *sql, const char *key, int batch,
                    char **next, long *rows, DbError *err);

/* Sleep `ms` milliseconds between batches; a signal ends it early. */
void backfill_pause(int ms);

#endif
