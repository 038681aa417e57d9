/*
 * objkind.h — the kinds of objects beyond tables, one row each
 * (catalog.h, "Objects beyond tables").
 *
 * Everything the compiler does with an object is generic over its kind:
 * the checker (check.c: exists, name taken, dependants), the catalog
 * (catobject.c: store, rename, dependencies), the down derivation
 * (down.c: create <-> drop from the stored text, replace -> the previous
 * text, rename back, refresh -> nothing), `migc schema` and the emitters
 * (emit_object(), below, which every dialect calls for the *_OBJECT
 * statements).  What differs between kinds is in its ObjKind row.
 *
 * Adding a kind: an ObjKindId (ast.h), a row in objkind.c, the grammar
 * that builds ST_CREATE_OBJECT / ST_DROP_OBJECT / ST_RENAME_OBJECT with
 * Stmt.obj set, and, when the generic SQL does not fit, the `create` and
 * `drop` hooks.
 */
#ifndef MIGC_OBJKIND_H
#define MIGC_OBJKIND_H

#include <stdbool.h>

#include "catalog.h"
#include "emit.h"

/* How a dialect renames an object of the kind. */
typedef enum ObjRename {
    OBJ_RENAME_ALTER,       /* ALTER <sql> a RENAME TO b (PostgreSQL) */
    OBJ_RENAME_TABLE,       /* RENAME TABLE a TO b (MySQL views) */
    OBJ_RENAME_RECREATE     /* DROP, then CREATE from the stored text */
} ObjRename;

/* What one dialect has of the kind. */
typedef struct ObjSql {
    /* NULL: the dialect has the kind.  Else the error at any statement
     * on such an object ("sqlite has no materialized views"), with a
     * hint (may be NULL). */
    const char *lacks;
    const char *lacks_hint;
    bool or_replace;        /* CREATE OR REPLACE; else DROP IF EXISTS +
                               CREATE */
    ObjRename rename;
} ObjSql;

typedef struct ObjKind {
    const char *word;       /* in messages: "view", "materialized view";
                               also what the statements spell */
    const char *sql;        /* in SQL: "VIEW", "MATERIALIZED VIEW" */
    bool relation;          /* its names share the namespace of tables,
                               indexes and the other relation kinds */
    bool refresh;           /* REFRESH <sql> [CONCURRENTLY] exists */
    bool has_text;          /* its definition is a query whose tables and
                               columns are its dependencies */
    ObjSql dialect[DIALECT_COUNT];
    /* CREATE [OR REPLACE] of object o, ended (emit_end).  NULL: the
     * generic CREATE [OR REPLACE] <sql> name [(cols)] AS text
     * [WITH NO DATA]. */
    void (*create)(EmitCtx *e, const CatObject *o, bool replace);
    /* DROP of object o (only kind, schema, name and table are set),
     * ended.  NULL: DROP <sql> name. */
    void (*drop)(EmitCtx *e, const CatObject *o);
} ObjKind;

const ObjKind *obj_kind(ObjKindId k);

/* Emit one *_OBJECT statement for e's dialect, or report at s that the
 * dialect lacks the kind and return false. */
bool emit_object(EmitCtx *e, const Stmt *s);

/* The CREATE and DROP of an object (no refusal: the caller knows the
 * dialect has the kind), for dialects that rebuild or recreate. */
void emit_object_create(EmitCtx *e, const CatObject *o, bool replace);
void emit_object_drop(EmitCtx *e, const CatObject *o);

/*
 * The objects that use table t, directly or through one another, in the
 * catalog e->cat (after the statement), for dialects whose table changes
 * break them:
 *   emit_dependants_drop:   DROP each, the last made first (SQLite, before
 *                           a table rebuild, whose final RENAME checks
 *                           every view);
 *   emit_dependants_create: CREATE each again from its stored text, in
 *                           the order they were made (after the rebuild);
 *   emit_dependants_replace: CREATE OR REPLACE each that uses t directly
 *                           (MySQL, after renaming t or one of its
 *                           columns: its views keep the old name).
 */
void emit_dependants_drop(EmitCtx *e, const CatTable *t);
void emit_dependants_create(EmitCtx *e, const CatTable *t);
void emit_dependants_replace(EmitCtx *e, const CatTable *t);

#endif
