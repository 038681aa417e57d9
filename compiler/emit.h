/*
 * emit.h — SQL generation, one table of functions per dialect (like
 * SQLite's VFS).  compile.c walks a migration's statements in lockstep with
 * the catalog and calls the dialect for each one.
 *
 * Output conventions, for a human reviewer: one SQL statement per line
 * (CREATE TABLE columns one per line), each ending with ";\n"; every
 * identifier quoted with the dialect's quoting, every literal escaped.
 */
#ifndef MIGC_EMIT_H
#define MIGC_EMIT_H

#include <stdbool.h>

#include "arena.h"
#include "migc.h"
#include "ast.h"
#include "catalog.h"
#include "diag.h"

typedef struct Dialect Dialect;

/* The dialects, as an index into per-dialect tables (objkind.h). */
typedef enum DialectId {
    DIALECT_POSTGRES,
    DIALECT_SQLITE,
    DIALECT_MYSQL,
    DIALECT_COUNT
} DialectId;

typedef struct EmitCtx {
    const Dialect *dialect;
    Arena *arena;
    Diag *diag;
    const Migration *m;     /* the migration being emitted (for diagnostics) */
    StrBuf *out;
    Catalog *cat;           /* the catalog AFTER the statement was applied */
    const CatTable *before; /* the statement's table before it, when the
                               dialect asked for a snapshot; else NULL */
    bool in_transaction;    /* the migration runs inside a transaction */
    /* statement boundaries in `out`, recorded by emit_end(); the array
     * is malloc'd (xrealloc): the owner of the EmitCtx frees it */
    int *ends;
    int nends;
    int capends;
    /* The statements that are batched backfills (emit_backfill_mark):
     * their indexes among `ends` and what they fill ("t.c", malloc'd);
     * malloc'd like `ends`, freed by its owner. */
    int *bf_at;
    char **bf_what;
    int nbf;
    bool down;              /* emitting a migration's down */
    /* Set by a statement's safe form when the statement's down undoes
     * what ran of it from any point between its SQL statements (compile.c
     * reads and clears it after each statement: undo_from). */
    bool undo_inside;
} EmitCtx;

struct Dialect {
    const char *name;               /* "postgres", "sqlite", "mysql" */
    DialectId id;
    bool transactional_ddl;         /* DDL can be rolled back: else no
                                       statement is in a transaction
                                       (EmitCtx.in_transaction) */
    bool has_schemas;               /* create/drop schema supported */

    void (*quote_ident)(StrBuf *out, const char *ident);
    void (*quote_string)(StrBuf *out, const char *s);

    /* The spellings of default expressions (emit_expr): true, false,
     * now(), and whether a function call is parenthesised. */
    const char *true_sql;
    const char *false_sql;
    const char *now_sql;
    bool paren_call;
    bool colon_cast;                /* x::type; else CAST(x AS type) */

    /* Whether stmt s needs a snapshot of its table before it is applied
     * (SQLite's table rebuild).  `cat` is in the state before s.  NULL:
     * never. */
    bool (*needs_snapshot)(const Stmt *s, const Catalog *cat);

    /* Emit statement s.  Returns false after reporting a diagnostic at s
     * when the dialect cannot express it. */
    bool (*stmt)(EmitCtx *e, const Stmt *s);

    /* Transaction control around a migration, e.g. "BEGIN;\n". */
    const char *begin_sql;
    const char *commit_sql;

    /* A comment line or two that the dialect puts at the top of every
     * migration (MySQL: DDL commits implicitly), or NULL. */
    const char *preamble;

    /* Dialect-specific warnings about a whole compiled migration, for
     * `migc check` (MySQL: several DDL statements commit one by one).
     * Returns whether it warned.  NULL: none. */
    bool (*check_migration)(Diag *d, const Migration *m);
};

extern const Dialect dialect_postgres;
extern const Dialect dialect_sqlite;
extern const Dialect dialect_mysql;

/* By name ("postgres", "postgresql", "pg", "sqlite", "mysql",
 * "mariadb"), or NULL. */
const Dialect *dialect_find(const char *name);

/* Shared helpers for the emitters. */
/* End one SQL statement: append ";\n" and record where it ends, so the
 * runtime can run (and report) statements one by one.  Every SQL statement
 * an emitter writes, raw `sql` bodies included, ends with one call. */
void emit_end(EmitCtx *e);
/* Mark the statement emit_end() just ended as a batched backfill of
 * `what` (MigRecord.up_backfill). */
void emit_backfill_mark(EmitCtx *e, const char *what);
/* Free what an EmitCtx malloc'd (ends and the backfill marks). */
void emit_ctx_free_marks(EmitCtx *e);
/*
 * A batched backfill, one batch (backfill.c): $1 the last key done (NULL:
 * none yet), $2 the batch size; it sets `qcol` = `value` in the next $2
 * rows by primary key `qpk` (of type `pktype`) of `qtable` (those where
 * the column is null only, with `only_null`) and returns one row: the
 * batch's last key as text, the keys it took, the rows it updated.  The
 * names come quoted.  Without the ";\n".
 */
void emit_backfill_sql(StrBuf *o, const char *qtable, const char *qpk,
                       const char *pktype, const char *qcol,
                       const char *value, bool only_null);
/* Append a comment line "-- text\n" (text must not hold a newline). */
void emit_comment(EmitCtx *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* ANSI quoting: "a""b" and 'it''s'. */
void emit_quote_ident_ansi(StrBuf *out, const char *ident);
void emit_quote_string_ansi(StrBuf *out, const char *s);
/* s between two q, each q in it doubled: `a``b` for q '`'. */
void emit_quote_doubled(StrBuf *out, const char *s, char q);
/* 'it''s a \\ backslash': ' and \ doubled (MySQL; PostgreSQL's E''). */
void emit_quote_string_backslash(StrBuf *out, const char *s);
/* [schema.]name with the dialect's quoting. */
void emit_qname(EmitCtx *e, const char *schema, const char *name);
void emit_ident(EmitCtx *e, const char *name);
void emit_string(EmitCtx *e, const char *s);
/* "a", "b" */
void emit_names(EmitCtx *e, const NameList *l);
/* A table or index name: schema-qualified when the dialect has schemas
 * and the migration named one, else the bare name. */
void emit_table(EmitCtx *e, const QName *q);
/* "ALTER TABLE t "  (with a trailing space; schema as for emit_table) */
void emit_alter_table(EmitCtx *e, const char *schema, const char *name);
/* A custom type as written: its name (emit_sql_name), then its argument
 * text in parentheses when it has one. */
void emit_type_custom(EmitCtx *e, const TypeRef *t);
/* ('a', 'b'): enum labels as string literals, in parentheses. */
void emit_enum_labels(EmitCtx *e, const char *const *vals, int n);
/* The migration's source file, for diagnostics (NULL without one). */
const SourceFile *emit_src(const EmitCtx *e);

/* ---- pieces of statements that the dialects write alike ---- */

/* A default expression with the dialect's spellings (Dialect.true_sql,
 * ...).  Numbers and raw texts as written, strings quoted. */
void emit_expr(EmitCtx *e, const Expr *x);
/* x::type (PostgreSQL) or CAST(x AS type) (emit_cast.c), and the type of
 * a cast alone.  A text in PostgreSQL's SQL (a raw default, `using`) with
 * its `::` casts rewritten as CAST() for the other dialects. */
void emit_cast(EmitCtx *e, const Expr *x);
void emit_cast_type(EmitCtx *e, const TypeRef *t);
void emit_raw_expr(EmitCtx *e, const char *text);
/* "name" type [NOT NULL] [DEFAULT expr], the type written by `type`. */
typedef void EmitTypeFn(EmitCtx *e, const TypeRef *t);
void emit_column(EmitCtx *e, const ColumnDef *c, EmitTypeFn *type);
/* REFERENCES "t" ("c") [ON DELETE ...] [ON UPDATE ...] */
void emit_references(EmitCtx *e, const Constraint *c);
/* [CONSTRAINT "name"] PRIMARY KEY (...) | UNIQUE (...) | CHECK (...) |
 * FOREIGN KEY (...) REFERENCES ..., as a table constraint.  `col`: the
 * column a column-level constraint was written on, used when the checker
 * has not filled in its `cols`. */
void emit_constraint(EmitCtx *e, const Constraint *c, const char *col);
/*
 * CREATE TABLE "t" (columns, then the column-level constraints in column
 * order, then the table-level ones, one per line), ended.  Named `as`
 * instead when not NULL.  `column` writes one column definition.
 * A table made from a query (Stmt.sql_up) is followed by
 * INSERT INTO "t" (columns) query, ended.
 */
typedef void EmitColumnFn(EmitCtx *e, const ColumnDef *c);
void emit_create_table(EmitCtx *e, const Stmt *s, const char *as,
                       EmitColumnFn *column);
/* CREATE [UNIQUE] INDEX [CONCURRENTLY] "i" ON "t" ("c", ...) [WHERE (...)],
 * ended; the index name is never qualified (it lives in its table's
 * schema). */
void emit_create_index(EmitCtx *e, const IndexDef *ix, bool concurrently);
/* "a" DESC, (lower(b)) text_pattern_ops NULLS LAST: an index's keys. */
void emit_index_keys(EmitCtx *e, const IndexKey *k);
/* What of index ix the dialect lacks (no_method .. no_expr: true when it
 * lacks it): reported at s, naming the dialect; false then. */
typedef struct IndexLacks {
    bool no_method, no_include, no_opclass, no_nulls, no_expr;
    const char *const *methods;     /* the methods it has (NULL-ended) */
} IndexLacks;
bool emit_index_supported(EmitCtx *e, const Stmt *s, const IndexDef *ix,
                          const IndexLacks *lacks);
/* Statements every dialect spells the same way, ended:
 * DROP TABLE, ALTER TABLE ... RENAME TO / RENAME COLUMN / DROP COLUMN. */
void emit_drop_table(EmitCtx *e, const Stmt *s);
void emit_rename_table(EmitCtx *e, const Stmt *s);
void emit_rename_column(EmitCtx *e, const Stmt *s);
void emit_drop_column(EmitCtx *e, const Stmt *s);
/* UPDATE "t" SET "c" = value, ended: every row's value (ST_FILL_COLUMN). */
void emit_fill_column(EmitCtx *e, const Stmt *s);
/* DROP INDEX [CONCURRENTLY] "i", ended. */
void emit_drop_index(EmitCtx *e, const Stmt *s, bool concurrently);

/*
 * Statement boundaries: e->ends[i] is the offset in e->out just past the
 * "\n" that follows statement i's final ';'.  emit_end() appends ";\n" and
 * records; emit_boundary() only records (the text already ends a
 * statement, as a raw `sql` body that ends with ';' does).
 */
void emit_boundary(EmitCtx *e);
/*
 * A raw `sql` body as one statement: written verbatim without its trailing
 * white space, then ';' unless its last token (outside comments, strings
 * and dollar quotes) already is one, then "\n" and the boundary.  When the
 * body ends in a "-- comment", a line break comes first, so the ';' and
 * whatever follows are not part of the comment.  An empty body writes
 * nothing and records no statement.
 */
void emit_raw_sql(EmitCtx *e, const char *sql);
/* A raw text inside a statement (a view's query): verbatim without its
 * leading and trailing white space, then a line break when it ends in a "-- comment".
 * Neither ends the statement nor records a boundary. */
void emit_raw_inline(EmitCtx *e, const char *sql);
/*
 * A function or type name as written (EX_CALL, TY_CUSTOM): each
 * dot-separated part bare when it is a plain lower-case identifier
 * ([a-z_][a-z0-9_]*), else quoted with the dialect's quoting.
 */
void emit_sql_name(EmitCtx *e, const char *name);

/* Functions, procedures and triggers (emit_routine.c): the
 * ST_CREATE_ROUTINE ... ST_DROP_TRIGGER statements, with `type` for the
 * argument and return types; and the triggers of table t created again
 * from the model (after a table rebuild). */
bool emit_routine_stmt(EmitCtx *e, const Stmt *s, EmitTypeFn *type);
bool emit_create_trigger(EmitCtx *e, const Stmt *s, EmitTypeFn *type);
void emit_table_triggers(EmitCtx *e, const CatTable *t, EmitTypeFn *type);

#endif
