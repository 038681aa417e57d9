/*
 * dbschema.h — what a live database holds, as plain records, and the
 * migration in the language that builds it (`migc introspect`,
 * `migc baseline`).
 *
 * The runtime reads a database's catalog into a DbSchema
 * (db_introspect(), runtime/introspect.c: PostgreSQL's pg_catalog,
 * SQLite's sqlite_schema and pragmas, MySQL's information_schema); the
 * compiler side prints the records as one migration in the language
 * (dbschema_print(), compiler/dbschema_print.c), names quoted as the
 * language requires.  Compiled by migc, that text gives the model of the
 * database, so it compares with `migc schema` of a history.  The ledger
 * table and its progress table are left out.
 *
 * Everything lives in the arena passed in; strings are NUL-terminated.
 * Expressions (defaults, checks, predicates) are the database's own text,
 * without the outer parentheses the catalog adds.
 *
 * Usage:
 *     Arena a; DbSchema s; DbError err; StrBuf out;
 *     arena_init(&a); db_error_init(&err); sb_init(&out);
 *     if (db_introspect(db, &a, &s, &err))      // runtime: driver.h's Db
 *         dbschema_print(&s, &out);             // the migration's text
 */
#ifndef MIGC_DBSCHEMA_H
#define MIGC_DBSCHEMA_H

#include <stdbool.h>

#include "arena.h"

typedef enum DbConKind {
    DBCON_PRIMARY,
    DBCON_UNIQUE,
    DBCON_CHECK,
    DBCON_FOREIGN
} DbConKind;

/* A foreign key action, as the language spells it ("cascade", "set null",
 * "set default", "restrict"); NULL: no action (the default). */
typedef const char *DbFkAction;

typedef struct DbColumn {
    const char *name;
    const char *type;       /* in the language: "varchar(40)", "serial",
                               "timestamptz", "double precision" */
    bool not_null;
    const char *def;        /* default expression, or NULL */
    const char *generated;  /* generated always as (this) stored, or NULL */
    char identity;          /* 'a': generated always as identity, 'd': by
                               default; 0: not an identity column */
    const char *comment;    /* comment on column, or NULL */
} DbColumn;

typedef struct DbConstraint {
    DbConKind kind;
    const char *name;       /* NULL: the database keeps no name (SQLite) */
    const char **cols;      /* primary, unique, foreign */
    int ncols;
    const char *check;      /* DBCON_CHECK: the expression */
    const char *ref_schema; /* DBCON_FOREIGN: NULL for the default schema */
    const char *ref_table;
    const char **ref_cols;  /* ncols of them */
    DbFkAction on_delete, on_update;
} DbConstraint;

typedef struct DbIndex {
    const char *name;
    bool unique;
    const char **cols;      /* column names */
    int ncols;
    const char *where;      /* partial index predicate, or NULL */
    /* Per key (ncols of them, NULL: plain columns throughout): an
     * expression key's text, cols[i] then NULL; what follows the key
     * ("text_pattern_ops desc nulls first"), NULL for nothing. */
    const char **exprs;
    const char **opts;
    const char *method;     /* NULL: btree */
    const char **incl;      /* include ( cols ) */
    int nincl;
    /* Set when the language cannot express the index (a key with a
     * collation, an INVALID index): its definition as SQL, and why. */
    const char *sql;
    const char *sql_down;   /* its drop */
    const char *why;
} DbIndex;

typedef struct DbTable {
    const char *schema;     /* NULL: the default schema (public, main, the
                               connection's database) */
    const char *name;
    DbColumn *cols;
    int ncols;
    DbConstraint *cons;
    int ncons;
    DbIndex *idx;
    int nidx;
    /* Set when the language cannot express the table itself: its
     * definition as SQL (its indexes follow as usual), and why. */
    const char *sql;
    const char *sql_down;
    const char *why;
    const char *comment;    /* comment on table, or NULL */
} DbTable;

/* Something else the database holds that the language has no statement
 * for (a view, a function, a trigger, a type): its SQL and why. */
typedef struct DbRaw {
    const char *what;       /* "view v" */
    const char *sql;
    const char *down;       /* its drop, or NULL */
    const char *why;
    bool first;             /* printed before the tables (a type, a
                               function, an extension they may use) */
    /* A view the language writes (SQLite keeps its query as written):
     * printed as `create view NAME [(cols)] as 'QUERY';` instead of the
     * sql.  NULL: none. */
    const char *view_name;
    const char *view_query;
    const char **view_cols;
    int nview_cols;
    /* PostgreSQL: the view's schema (NULL: the default one); a
     * materialized view (`create materialized view`), and one not
     * populated (`with no data`). */
    const char *view_schema;
    bool materialized;
    bool no_data;
    /* An index of a materialized view the language writes: printed as
     * `create index NAME on VIEW ...` (VIEW: view_schema.view_name)
     * instead of the sql.  NULL: none. */
    const DbIndex *view_index;
} DbRaw;

/* A function or procedure of the default schema:
 * `create function NAME(args) returns TYPE language L as BODY`.  Where
 * the language cannot express it (an argument mode, a default, setof, a
 * C function, an option such as STRICT or SECURITY DEFINER), `sql` holds
 * its definition, `sql_down` its drop and `why` the reason. */
typedef struct DbRoutine {
    const char *name;
    bool procedure;
    const char **arg_names; /* per argument: its name, or NULL */
    const char **arg_types; /* per argument: its type in the language */
    int nargs;
    const char *returns;    /* a function's type in the language */
    const char *language;
    const char *body;       /* as written (PostgreSQL's prosrc) */
    /* A trigger's body in SQLite or MySQL, which keep it inline: written
     * `as none DIALECT $$BODY$$`, `body` unused. */
    const char *dialect;    /* "sqlite", "mysql", or NULL */
    const char *dialect_body;
    bool first;             /* before the tables: a default, a check or an
                               index of theirs uses it */
    const char *sql;
    const char *sql_down;
    const char *why;
} DbRoutine;

/* A trigger on a table: `create trigger NAME TIMING EVENTS on T [for
 * each row] [when (...)] execute function F()`.  Where the language cannot
 * express it (a constraint trigger, arguments, a function written as
 * sql), `sql`, `sql_down` and `why` are set as for DbRoutine. */
#define DBTG_INSERT   1u
#define DBTG_UPDATE   2u
#define DBTG_DELETE   4u
#define DBTG_TRUNCATE 8u

typedef struct DbTrigger {
    const char *name;
    const char *schema;     /* the table's, NULL for the default one */
    const char *table;
    const char *timing;     /* "before", "after", "instead of" */
    unsigned events;        /* DBTG_INSERT | ... */
    const char **update_cols;   /* update of (these), or none */
    int nupdate_cols;
    bool for_each_row;
    const char *when;       /* the condition, or NULL */
    const char *function;
    const char *sql;
    const char *sql_down;
    const char *why;
} DbTrigger;

/* An enum type of the default schema: `create type NAME as enum (...)`. */
typedef struct DbEnum {
    const char *name;
    const char **labels;    /* in their order */
    int nlabels;
} DbEnum;

typedef struct DbSchema {
    const char *dialect;    /* "postgres", "sqlite", "mysql" */
    const char **schemas;   /* schemas other than the default one */
    int nschemas;
    const char **exts;      /* extensions (PostgreSQL), in creation order */
    const char **ext_schemas;   /* each one's schema, NULL for the default */
    int nexts;
    DbEnum *enums;          /* before the tables that use them */
    int nenums;
    DbTable *tables;        /* in creation order where the catalog knows it */
    int ntables;
    DbRaw *raw;
    int nraw;
    DbRoutine *routines;    /* in creation order */
    int nroutines;
    DbTrigger *triggers;    /* after the routines and the other objects */
    int ntriggers;
} DbSchema;

/* The migration that builds `s`, in the language: `create schema`,
 * `create type ... as enum`, `create table` with its columns and named
 * constraints, `create index`,
 * foreign keys that point forward as `add constraint` after every table,
 * the routines (those a table uses before the tables), then `sql`
 * statements, each after a comment saying why, then the triggers. */
void dbschema_print(const DbSchema *s, StrBuf *out);

#endif
