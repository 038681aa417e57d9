/*
 * backfill.c — one batch of a batched backfill (backfill.h).
 */
#include "backfill.h"

#include "arena.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* A batch's answer: its last key, the keys it took, the rows it updated. */
static bool read_batch(void *ctx, int ncols, const char *const *vals)
{
    char **out = ctx;
    if (ncols >= 3) {
        out[0] = vals[0] ? xstrdup(vals[0]) : NULL;
        out[1] = xstrdup(vals[1] ? vals[1] : "0");
        out[2] = xstrdup(vals[2] ? vals[2] : "0");
    }
    return false;
}

bool backfill_batch(Db *db, const char *sql, const char *key, int batch,
                    char **next, long *rows, DbError *err)
{
    if (batch <= 0)
        batch = BACKFILL_DEFAULT_BATCH;
    char bs[24];
    snprintf(bs, sizeof bs, "%d", batch);
    const char *params[2] = {key, bs};
    char *got[3] = {NULL, NULL, NULL};
    *next = NULL;
    bool ok = db->drv->query(db, sql, 2, params, read_batch, got, err);
    /* A short batch is the last: every row there was has been done. */
    if (ok && got[1] && atol(got[1]) >= batch) {
        *next = got[0];
        got[0] = NULL;
    }
    if (ok && rows)
        *rows += got[2] ? atol(got[2]) : 0;
    free(got[0]);
    free(got[1]);
    free(got[2]);
    return ok;
}

void backfill_pause(int ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !db_interrupted())
        ;
}
