/*
 * rows.h — rows for every table of a schema model: INSERT statements in
 * one dialect's SQL whose rows satisfy the model's constraints, so that a
 * migration can be tried on tables that have rows (the round-trip tests;
 * later `migc verify --with-rows`).
 *
 * Row k (k = first, first+1, ...) of every table is built from the number
 * k alone: every column gets a value of its type derived from k (numbers
 * are k, strings "r<k>" cut to the column's length, dates and times k
 * days or seconds after 2001-01-01 10:00:00, booleans alternate, uuids
 * and json hold k).  So:
 *   - NOT NULL holds: every column gets a value;
 *   - UNIQUE and PRIMARY KEY hold: rows with different k differ in every
 *     column (but boolean and one-character columns, which have too few
 *     values; strings cut, and numerics kept, to fewer digits than k
 *     has);
 *   - FOREIGN KEY holds: row k of a table references row k of the parent,
 *     whose referenced columns have exactly the values computed for k,
 *     and parents come first (a self-reference points at the row itself;
 *     a cycle between tables is broken with NULL where a column allows
 *     it);
 *   - CHECK: the check texts are not evaluated.  A column that a check
 *     mentions and that has a constant default (a number, a string, true
 *     or false) and no key gets its default.  Other values are small
 *     positive numbers, non-empty strings, dates after 2000: checks such
 *     as `x >= 0`, `x > 0`, `length(s) > 0`, `d > '2000-01-01'`, `a <= b`
 *     between numeric columns hold; a check that these values break makes
 *     the INSERT fail on the database, which then names it.
 * Columns of a type the generator does not know get their default
 * (the column is left out), else NULL; a NOT NULL one without default
 * makes its table impossible to fill (rows_insert_sql says which).
 * Give each batch its own range of k (first) when inserting more than
 * once into the same tables.
 */
#ifndef MIGC_ROWS_H
#define MIGC_ROWS_H

#include <stdbool.h>

#include "arena.h"
#include "catalog.h"
#include "emit.h"

typedef struct RowsSpec {
    int nrows;      /* rows per table (a few: 2 or 3) */
    long first;     /* k of the first row, > 0 */
} RowsSpec;

/*
 * Append to `out` one INSERT statement per table of `cat`, each ending
 * with ";\n", a table after the tables its foreign keys reference.
 * Returns false when some table cannot be filled, after appending to
 * `why` (may be NULL) one line per such table; the others are written.
 */
bool rows_insert_sql(const Catalog *cat, const Dialect *d,
                     const RowsSpec *spec, StrBuf *out, StrBuf *why);

/*
 * Append to `out` one SELECT per table of `cat` that also exists in
 * `keep` (may be NULL: every table), each ending with ";\n": the table's
 * name as a string, then the columns that `keep` has too with the same
 * type, in name order, ordered by all of them.  Run on a database before
 * and after a change, it shows whether the rows came back; `keep` being
 * the model after the change limits it to what survives (lossy changes).
 */
void rows_select_sql(const Catalog *cat, const Catalog *keep,
                     const Dialect *d, StrBuf *out);

#endif
