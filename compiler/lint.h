/*
 * lint.h — `migc check`'s lint: statements that take strong locks, rewrite
 * or scan a live table, or break clients still running the previous code.
 *
 * One table of rules (lint.c): each row names a rule, the dialects it
 * applies to, the lock the statement takes, what that does to a live
 * table, and the safe form.  lint_stmt() runs on each up statement after
 * the checker accepted it and before the catalog applies it, so that it
 * sees the model as it stands just before the statement (the old type of
 * a column, the checks of a table).  Tables created earlier in the same
 * migration are exempt from the lock rules: they have no rows and no
 * clients yet.  `allow RULE, ...;` silences rules for one statement, or
 * for the whole file at its top.
 */
#ifndef MIGC_LINT_H
#define MIGC_LINT_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "catalog.h"
#include "diag.h"
#include "hash.h"

typedef struct LintRule {
    const char *name;       /* "adding-foreign-key-constraint" */
    unsigned dialects;      /* LINT_PG | LINT_MYSQL */
    const char *lock;       /* the lock the statement takes, or NULL */
    const char *effect;     /* what it does to a live table */
    const char *safe;       /* the safe form: the hint */
} LintRule;

#define LINT_PG 1u
#define LINT_MYSQL 2u

typedef struct LintFinding {
    const LintRule *rule;
    Loc loc;
    const char *message;    /* the whole message, without the [rule] */
    struct LintFinding *next;
} LintFinding;

/* The lint state of one migration. */
typedef struct Lint {
    Arena *arena;
    const Catalog *cat;
    unsigned dialect;       /* LINT_PG or LINT_MYSQL; 0: no rule applies */
    const Migration *m;
    HashMap fresh;          /* keys of tables created in this migration */
    bool not_valid_seen;    /* a `sql` statement added NOT VALID */
    LintFinding *head, *tail;
} Lint;

/* The dialect bit of a dialect name ("postgres" -> LINT_PG); 0: none. */
unsigned lint_dialect(const char *name);

/* Start linting migration m (its findings are collected afresh). */
void lint_begin(Lint *l, Arena *a, const Catalog *cat, unsigned dialect,
                const Migration *m);

/* Release what lint_begin took (the findings stay: they are in the arena). */
void lint_end(Lint *l);

/* Lint one up statement against the catalog before it. */
void lint_stmt(Lint *l, const Stmt *s);

/* Every `allow` of m names a rule: errors (with did-you-mean) otherwise. */
bool lint_check_allow(Diag *d, Arena *a, const Migration *m);

/* Whether a default calls a function whose value differs row by row
 * (random(), clock_timestamp(), ...): `add column` with it rewrites the
 * table, and `safe;` backfills it in batches instead (emit_pg.c). */
bool lint_volatile_default(const Expr *e);

/* The rule table. */
const LintRule *lint_rules(int *n);
const LintRule *lint_rule(const char *name);

#endif
