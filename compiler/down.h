/*
 * down.h — deriving the down migration of a statement from the catalog as
 * it stands just before the statement (language.md, "Down migrations";
 * docs/LANGUAGE.md, the table of derived downs).
 */
#ifndef MIGC_DOWN_H
#define MIGC_DOWN_H

#include "ast.h"
#include "check.h"

/*
 * The statements that undo `s`, derived from the catalog in the state just
 * before `s` (call it before cat_apply(s)), in the order they must run.
 * Sets *cls to the class of this statement (reversible, lossy or
 * irreversible) and, for lossy ones, *lost to a short text of what is lost
 * ("rows of table posts", "values of column posts.lat").  Returns NULL
 * for an irreversible statement (sql without down; *cls says so) and for
 * a statement that changed nothing (set not null on a column that was
 * already not null, drop default without a default: *cls reversible).
 * The derived statements have no location (loc.end == 0); check_stmt()
 * gives such compiler-built statements no warnings.
 */
Stmt *down_derive(Checker *ck, Migration *m, const Stmt *s, MigClass *cls,
                  const char **lost);

/*
 * Why the derived down of `s` may fail on rows written after the up ran,
 * or NULL when it cannot: a type change back to a narrower type or one
 * that values of the new type may not cast to, set not null back, a
 * unique, check or foreign key put back, a dropped column put back with
 * one fill value under a unique constraint.  The catalog must be in the
 * state just before `s`, as for down_derive().  `migc check` warns with
 * this text; the class is not changed by it.
 */
const char *down_risk(Checker *ck, const Stmt *s);

#endif
