/*
 * exprnorm.h — an SQL expression as a catalog gives it back and as a
 * migration wrote it, brought to one form, so that a model read from a
 * database compares with the model of the migrations (modeldiff.c, when
 * DiffSides.stored is set).
 *
 * PostgreSQL deparses `balance >= 0` as `(balance >= (0)::numeric)` and a
 * default '1.50' of a numeric column as '1.50'::numeric(10,2); SQLite keeps
 * the text as written, quoting renamed names, and CAST(x AS type) where
 * the migration wrote x::type.  The form: outside string literals, lower
 * case, without `::type` casts and CAST() calls, parentheses, backticks,
 * double quotes around plain lower-case names, and runs of white space;
 * inside them, a number or boolean loses its quotes ('1.50' is 1.50) and a
 * timestamp its zero seconds and UTC offset ('2020-01-01 10:00:00+00' is
 * '2020-01-01 10:00', a midnight the date alone).  It is the form
 * tests/lib/schema_norm.py gives expressions.  Two different expressions
 * can meet in it (a - (b - c) and a - b - c): a difference it hides is one
 * `migc diff` does not report.
 */
#ifndef MIGC_EXPRNORM_H
#define MIGC_EXPRNORM_H

#include <stdbool.h>

#include "arena.h"

/* The form of `s` appended to out. */
void expr_norm(StrBuf *out, const char *s);

/* Whether a and b (either may be NULL) have the same form. */
bool expr_norm_equal(const char *a, const char *b);

#endif
