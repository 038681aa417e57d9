/*
 * types.h — one table of the types: what each portable type is called,
 * the arguments it takes, its family, and its spelling in each dialect;
 * and each dialect's own built-in type names, which a custom type must be
 * one of.
 *
 * The parser, the canonical text, the checker and the emitters read this
 * table; none of them keeps its own list.
 */
#ifndef MIGC_TYPES_H
#define MIGC_TYPES_H

#include <stdbool.h>

#include "ast.h"

typedef enum MysqlBlob {
    MY_BLOB_NEVER,      /* literal defaults as they are */
    MY_BLOB_ALWAYS,     /* literal defaults only as expressions: ('x') */
    MY_BLOB_BARE        /* so when written without arguments (varchar) */
} MysqlBlob;

typedef struct TypeInfo {
    TypeKind kind;
    const char *name;       /* the portable name: canonical text, messages */
    int maxargs;            /* numeric arguments it takes */
    TypeKind family;        /* foreign keys match within a family */
    TypeKind base;          /* the column's real type (serial: integer) */
    const char *pg;         /* PostgreSQL, in create table / add column */
    const char *sqlite;     /* SQLite */
    bool sqlite_args;       /* SQLite keeps the arguments */
    const char *mysql;      /* MySQL, written without arguments */
    const char *mysql_args; /* MySQL, followed by the arguments (NULL: none) */
    MysqlBlob mysql_blob;
    const char *mysql_now;  /* MySQL's now() default for a column of it */
} TypeInfo;

/* The target of CAST(x AS ...) for a portable type, where the dialect has
 * no `::` (PostgreSQL writes the type itself).  NULL for TY_CUSTOM: SQLite
 * takes the name as written; MySQL has no cast to it. */
typedef struct TypeCast {
    const char *sqlite;
    const char *mysql;
    bool mysql_args;        /* MySQL keeps the arguments: DECIMAL(10,2) */
} TypeCast;

const TypeCast *type_cast(TypeKind k);

/* The row of a kind (TY_CUSTOM has one too: name "custom"). */
const TypeInfo *type_info(TypeKind k);

/* A portable name or alias ("int4", "double precision"), folded: its kind,
 * or TY_CUSTOM. */
TypeKind type_lookup(const char *name);

/*
 * Whether `name` (folded, without arguments) is a built-in type of the
 * dialect ("postgres", "sqlite", "mysql"; NULL: of any of them).  SQLite
 * takes any name as a declared type, so its table also holds PostgreSQL's
 * names, which a history written for PostgreSQL uses.
 */
bool type_builtin(const char *dialect, const char *name);

/* The portable or built-in name closest to `name`, for did-you-mean
 * (NULL: none is close). */
const char *type_suggest(const char *dialect, const char *name);

#endif
