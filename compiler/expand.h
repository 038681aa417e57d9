/*
 * expand.h — the three phases of an `expand;` migration (PostgreSQL),
 * compiled from its ordinary statements and the schema model.
 *
 * compile.c calls expand_begin() before the migration's first statement,
 * expand_stmt() before each statement is applied to the model (the model
 * is then as the statement finds it), and expand_end() after the last.
 * The result is a MigExpand (migset.h) on the CompiledMig: the expand
 * steps (`migc up`), the contract steps (`migc complete`) and the undo
 * (`migc abort`).  docs/ZERO-DOWNTIME.md describes what each statement
 * becomes.
 */
#ifndef MIGC_EXPAND_H
#define MIGC_EXPAND_H

#include <stdbool.h>

#include "compile.h"
#include "migset.h"

typedef struct Expander Expander;

/* The schema that holds the views of `version`: "public_<version>". */
const char *expand_schema_name(Arena *a, const char *version);

/* Start: `prev` is the migration before cm in the history (NULL: none).
 * Reports (and returns NULL) when the dialect or the migration's form
 * cannot be expanded. */
Expander *expand_begin(History *h, CompiledMig *cm, const CompiledMig *prev);
/* One statement, before the model applies it.  False after a diagnostic. */
bool expand_stmt(Expander *x, const Stmt *s);
/* Build cm->expand.  False after a diagnostic. */
bool expand_end(Expander *x);

#endif
