/*
 * introspect.h — reading a live database's schema into the records of
 * dbschema.h (`migc introspect`, `migc baseline`).
 *
 * db_introspect() picks the reader of the connection's driver (one file
 * each: introspect_pg.c, introspect_sqlite.c, introspect_mysql.c); each
 * reads its catalog in a few queries, whatever the number of tables.  The
 * helpers below are theirs.
 */
#ifndef MIGC_INTROSPECT_H
#define MIGC_INTROSPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "dbschema.h"
#include "driver.h"

/* Read the schema of the database `db` is connected to into *out (arena
 * `a`), the ledger table (Db.table) and its progress table left out.  A
 * read-only connection will do.  False with *err set on failure. */
bool db_introspect(Db *db, Arena *a, DbSchema *out, DbError *err);

/* One reader per driver. */
bool introspect_pg(Db *db, Arena *a, DbSchema *out, DbError *err);
bool introspect_sqlite(Db *db, Arena *a, DbSchema *out, DbError *err);
bool introspect_mysql(Db *db, Arena *a, DbSchema *out, DbError *err);

/* Whether table `name` (in `schema`, NULL: the default one) is the ledger
 * or its progress or expand table, which introspection leaves out. */
bool introspect_is_ledger(const Db *db, const char *schema, const char *name);

/* The arena array v of n elements of `size` bytes (capacity *cap), with
 * room for one more (zeroed); INTRO_PUSH appends and returns it. */
void *introspect_grow(Arena *a, void *v, int n, int *cap, size_t size);
#define INTRO_PUSH(a, arr, n, cap) \
    ((arr) = introspect_grow((a), (arr), (n), &(cap), sizeof *(arr)), \
     &(arr)[(n)++])

/* The foreign key action of PostgreSQL's and SQLite's spelling or code
 * ("CASCADE", "c", "SET NULL", "n") in the language, NULL for none. */
DbFkAction introspect_fk_action(const char *s);

/* s without one pair of parentheses around the whole text (and the white
 * space around it), in the arena; s itself when there is none. */
const char *introspect_unparen(Arena *a, const char *s);

#endif
