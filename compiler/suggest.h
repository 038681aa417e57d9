/*
 * suggest.h — did-you-mean: the known name closest to a misspelled one.
 */
#ifndef MIGC_SUGGEST_H
#define MIGC_SUGGEST_H

#include "arena.h"
#include "migc.h"
#include "catalog.h"

/* Edit distance with adjacent transpositions counted as one edit (optimal
 * string alignment): "usres" is one typo away from "users". */
int suggest_edit_distance(const char *a, const char *b);

/* The candidate closest to `name`, if it is close enough to be a plausible
 * typo (at most a third of the name's length wrong, at least one edit, and
 * never the whole name), else NULL.  NULL candidates are skipped. */
const char *suggest_closest(const char *name, const char *const *cands,
                            int n);

/* "did you mean PREFIX.NAME?" for the candidate closest to `name`, or
 * NULL; `prefix` (may be NULL) is shown, not compared.  In the arena. */
const char *suggest_hint(Arena *a, const char *prefix, const char *name,
                         const char **cands, int n);

/* The hint for a name that the catalog does not hold, among the objects
 * of its kind: tables, a table's columns and constraints, indexes,
 * schemas. */
const char *suggest_catalog_table(Arena *a, const Catalog *c,
                                  const char *schema, const char *name);
const char *suggest_catalog_column(Arena *a, const CatTable *t,
                                   const char *name);
const char *suggest_catalog_constraint(Arena *a, const CatTable *t,
                                       const char *name);
const char *suggest_catalog_index(Arena *a, const Catalog *c,
                                  const char *schema, const char *name);
const char *suggest_catalog_schema(Arena *a, const Catalog *c,
                                   const char *name);

#endif
