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
#include "ast.h"
#include "catalog.h"
#include "diag.h"

typedef struct Dialect Dialect;

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
} EmitCtx;

struct Dialect {
    const char *name;               /* "postgres", "sqlite", "mysql" */
    bool transactional_ddl;         /* DDL can be rolled back */
    bool has_schemas;               /* create/drop schema supported */

    void (*quote_ident)(StrBuf *out, const char *ident);
    void (*quote_string)(StrBuf *out, const char *s);

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
/* Append a comment line "-- text\n" (text must not hold a newline). */
void emit_comment(EmitCtx *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void emit_type_portable(StrBuf *out, const TypeRef *t);   /* as written */
/* ANSI quoting: "a""b" and 'it''s'. */
void emit_quote_ident_ansi(StrBuf *out, const char *ident);
void emit_quote_string_ansi(StrBuf *out, const char *s);
/* [schema.]name with the dialect's quoting. */
void emit_qname(EmitCtx *e, const char *schema, const char *name);
void emit_ident(EmitCtx *e, const char *name);
void emit_string(EmitCtx *e, const char *s);

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
/*
 * A function or type name as written (EX_CALL, TY_CUSTOM): each
 * dot-separated part bare when it is a plain lower-case identifier
 * ([a-z_][a-z0-9_]*), else quoted with the dialect's quoting.
 */
void emit_sql_name(EmitCtx *e, const char *name);
/* The portable spelling of a type kind, "integer", "varchar", ... */
const char *emit_type_kind_name(TypeKind k);

#endif
