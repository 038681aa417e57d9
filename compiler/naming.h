/*
 * naming.h — the names PostgreSQL gives objects that a migration leaves
 * unnamed: constraints, indexes, and the sequences of serial columns.
 *
 * makeObjectName: "table_cols_label", cut to 63 bytes (the longer of the
 * two names loses bytes first, never inside a UTF-8 character), then
 * ChooseRelationName / ChooseConstraintName: "1", "2", ... appended to the
 * label while the name is taken.
 *
 * Choosing is linear over a history: the catalog keeps, for each first
 * candidate, the suffix where the last search ended (every smaller one
 * was taken then), and starts over only after a name was freed (a drop or
 * a rename), so that 10,000 `create index on t (b);` cost 10,000 probes,
 * not 50 million.
 */
#ifndef MIGC_NAMING_H
#define MIGC_NAMING_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "catalog.h"
#include "hash.h"

/* PostgreSQL's makeObjectName(name1, name2, label); name2 may be NULL. */
char *naming_object_name(Arena *a, const char *name1, const char *name2,
                         const char *label);

/* Column names joined with '_' ("a_b"), or NULL for an empty list. */
const char *naming_join(Arena *a, const NameList *l);

/* Whether `name` is taken in the relation namespace of `schema`: tables,
 * indexes, the indexes of primary keys and unique constraints, and
 * sequences, as in PostgreSQL. */
bool naming_relation_taken(const Catalog *c, const char *schema,
                           const char *name);

/* A free name for a new object of table `tname` in `schema`.  `t` (may be
 * NULL) is the existing table, whose constraint names are taken; `used`
 * (may be NULL) holds names taken earlier in the same statement;
 * `relation`: the name must also be free in the relation namespace. */
const char *naming_choose(Catalog *c, Arena *a, const char *schema,
                          const CatTable *t, const HashMap *used,
                          bool relation, const char *tname, const char *cols,
                          const char *label);

#endif
