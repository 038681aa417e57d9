/*
 * check.h — parse analysis: every statement checked against the catalog as
 * it stands just before it.
 *
 * The checker never changes the catalog: cat_apply() does, after a
 * statement was accepted.  It does fill in the statement's resolved fields
 * (generated names of constraints and indexes, the column of column-level
 * constraints, a foreign key's referenced columns, Stmt.implied), so that
 * the catalog and every emitter see a fully named statement.
 */
#ifndef MIGC_CHECK_H
#define MIGC_CHECK_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "catalog.h"
#include "diag.h"

typedef struct Checker {
    Arena *arena;
    Diag *diag;
    Catalog *cat;
    const char *dialect;    /* "postgres", "sqlite", "mysql": the type
                               names that exist (NULL: those of any) */
} Checker;

/*
 * Check one statement of migration `m` against the catalog (state before
 * the statement).  Reports every problem found at its location, with a
 * did-you-mean hint when a known name is close, and returns false if any
 * was an error.  Resolves the statement's fields as described above.
 */
bool check_stmt(Checker *ck, Migration *m, Stmt *s);

/* The down derivation: down.h. */

#endif
