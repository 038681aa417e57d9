/*
 * viewtext.h — a view's query as a PostgreSQL server prints it
 * (runtime/viewtext.c), so that a query written in a migration compares
 * with the one the catalog holds (`migc diff`, `migc verify`, the drift
 * check).
 */
#ifndef MIGC_VIEWTEXT_H
#define MIGC_VIEWTEXT_H

#include <stdbool.h>

#include "arena.h"
#include "driver.h"

/* pg_get_viewdef() of the relation `oid` (SQL text) without the space it
 * starts with and the ';' it ends with: introspect_pg.c's view queries
 * and the ones db_view_server_texts() gets compare as they are. */
#define PG_VIEWDEF(oid) \
    "rtrim(ltrim(pg_get_viewdef(" oid "), E' \\n'), E'; \\n')"

typedef struct DbViewQuery {
    const char *query;      /* as a migration wrote it */
    const char *const *cols;/* its column list, or NULL */
    int ncols;
    /* Or NULL: the live view (schema, name) whose column names the view
     * takes, position by position when it has as many columns (a rename
     * of a table's column rewrote the query; the live view kept the
     * column's old name). */
    const char *names_schema, *names_of;
    const char *server;     /* out: as the server prints it; NULL when the
                               server could not build it (it names a
                               table or column the database lacks) */
} DbViewQuery;

/* The server's text of each of the n queries of v (PostgreSQL): each is
 * made a temporary view, in one transaction that is rolled back (a
 * savepoint per query, so that one the server cannot build is only
 * marked so), and read back with pg_get_viewdef().  One round trip a
 * query, and three more.  The strings go in `a`.  False with *err set
 * when the transaction itself fails (the connection, a standby that
 * refuses a read-write transaction). */
bool db_view_server_texts(Db *db, Arena *a, DbViewQuery *v, int n,
                          DbError *err);

#endif
