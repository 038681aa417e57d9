/*
 * backfill.c — the SQL of one batch of a batched backfill (PostgreSQL),
 * written alike for an `expand;` type change (expand.c) and for a
 * `safe;` column with a default that differs row by row (emit_pg.c).
 * The runtime runs it batch after batch, each in a transaction with the
 * last key it reached (runtime/backfill.c).
 */
#include "emit.h"

void emit_backfill_sql(StrBuf *o, const char *qtable, const char *qpk,
                       const char *pktype, const char *qcol,
                       const char *value, bool only_null)
{
    sb_printf(o, "WITH b AS (SELECT %s FROM %s WHERE $1::text IS NULL OR "
                 "%s > $1::text::%s ORDER BY %s LIMIT $2::integer), ",
              qpk, qtable, qpk, pktype, qpk);
    sb_printf(o, "u AS (UPDATE %s SET %s = %s WHERE %s IN (SELECT %s FROM "
                 "b)%s%s%s RETURNING 1) ",
              qtable, qcol, value, qpk, qpk, only_null ? " AND " : "",
              only_null ? qcol : "", only_null ? " IS NULL" : "");
    sb_printf(o, "SELECT (SELECT max(%s)::text FROM b), (SELECT count(*) "
                 "FROM b), (SELECT count(*) FROM u)", qpk);
}
