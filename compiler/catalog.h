/*
 * catalog.h — the schema model: every migration, in version order, folded
 * into schemas, tables, columns, constraints and indexes.
 *
 * Objects refer to each other by pointer (a constraint holds its columns'
 * CatColumn pointers, a foreign key its referenced CatTable), so renaming a
 * table or a column is one assignment and every reference follows.  Every
 * lookup by name is hashed.  Lists keep creation order, which is the order
 * of columns in a table and of objects in `migc schema`.
 *
 * All memory comes from the compilation's Arena, except the hash tables'
 * slots, which cat_free() releases.
 *
 * Names: a NULL schema means the default schema ("public" in PostgreSQL);
 * the checker turns an explicit "public" into NULL.  Hash keys are "name"
 * in the default schema and "schema\x1fname" elsewhere.
 *
 * A snapshot table (cat_table_snapshot) has empty hash maps: lookups in it
 * scan its lists instead, so it owns no malloc'd memory.
 */
#ifndef MIGC_CATALOG_H
#define MIGC_CATALOG_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "hash.h"

typedef struct CatTable CatTable;

typedef struct CatColumn {
    const char *name;
    TypeRef type;
    bool not_null;
    const Expr *def;            /* NULL: no default */
    const char *generated;      /* generated always as (this) stored */
    const char *comment;        /* comment on column (NULL: none) */
    IdentityKind identity;
    const char *seq;            /* a serial column's sequence, named as
                                   PostgreSQL names it (t_id_seq); it lives
                                   as long as the column, as in PostgreSQL,
                                   where the column owns it */
    CatTable *table;
    struct CatColumn *prev, *next;  /* table order */
} CatColumn;

typedef struct CatConstraint {
    const char *name;
    ConKind kind;
    int ncols;
    CatColumn **cols;           /* primary, unique, foreign; check: the
                                   column it was written on, if any */
    const char *check;          /* CON_CHECK */
    bool column_level;          /* written on a column definition */
    CatTable *ref_table;        /* CON_FOREIGN */
    CatColumn **ref_cols;       /* CON_FOREIGN: ncols of them */
    FkAction on_delete;
    FkAction on_update;
    CatTable *table;
    struct CatConstraint *prev, *next;      /* the table's list */
    struct CatConstraint *ref_prev, *ref_next; /* ref_table's incoming list */
} CatConstraint;

/* One key of an index: a column or an expression, with its options. */
typedef struct CatIndexKey {
    CatColumn *col;             /* NULL: an expression */
    const char *expr;
    const char *opclass;        /* NULL: the default */
    KeyOrder order;
    KeyNulls nulls;
} CatIndexKey;

typedef struct CatIndex {
    const char *name;
    bool unique;
    int ncols;
    CatColumn **cols;           /* plain: the key columns, in order; else
                                   every column the index uses (its
                                   column keys, the columns its expressions
                                   name, its include columns): the
                                   columns it goes with */
    bool plain;                 /* columns only, no option, no include:
                                   may serve a foreign key or be a key */
    int nkeys;
    CatIndexKey *keys;          /* every key, in order */
    const char *method;         /* using METHOD, or NULL */
    int nincl;
    CatColumn **incl;           /* include ( cols ) */
    const char *where;          /* raw predicate or NULL */
    CatTable *table;
    struct CatIndex *prev, *next;   /* the table's list */
} CatIndex;

struct CatTable {
    const char *schema;         /* NULL: default schema */
    const char *name;
    CatColumn *cols, *cols_tail;
    int ncols;
    HashMap colmap;             /* name -> CatColumn */
    CatConstraint *cons, *cons_tail;
    HashMap conmap;             /* name -> CatConstraint */
    CatIndex *idx, *idx_tail;
    CatConstraint *incoming;    /* foreign keys of any table referencing this one */
    const char *comment;        /* comment on table (NULL: none) */
    CatTable *prev, *next;      /* catalog order */
};

/* An enum type (create type E as enum): its labels in order.  Columns
 * use it by name (a TY_CUSTOM TypeRef whose name is the type's); the
 * model finds them by scanning the tables (cat_enum_next_user).  The
 * labels array is never changed in place: each change makes a new one. */
typedef struct CatEnum {
    const char *name;           /* enums live in the default schema */
    int nvals;
    const char **vals;
    struct CatEnum *prev, *next;    /* catalog order */
} CatEnum;
/*
 * ---- Objects beyond tables ----
 *
 * Views, materialized views and the other kinds of ObjKindId (ast.h) are
 * one struct, CatObject, told apart by `kind`; what differs between kinds
 * (the word in messages, the SQL per dialect, whether a dialect has them
 * at all) is one row per kind in objkind.c (objkind.h).  The catalog keeps
 * them in creation order, hashed by kind namespace and name.
 *
 * An object's definition is stored as its text, so that a drop can be
 * undone and `migc schema` can print it.  The catalog also records what
 * the text mentions (CatDep): tables, their columns, other objects.  The
 * checker refuses to drop or retype what an object depends on
 * (check_dependants() in check.c, generic over kinds), and a rename of a
 * table, a column or an object rewrites the dependants' texts token by
 * token (sqlscan.h), so the text always names what the model has.
 *
 * An object may belong to a table (CatObject.table: a trigger): it goes
 * when the table is dropped, and is not a dependant that blocks the drop.
 */
typedef struct CatObject CatObject;

/* An index on an object (a materialized view): kept as its checked
 * definition (name given, columns as written), since the model does not
 * know the view's column types; it goes with the view. */
typedef struct CatObjIndex {
    const char *name;
    const IndexDef *def;        /* def->table: the view's name when made */
    CatObject *obj;
    struct CatObjIndex *next;
} CatObjIndex;

typedef struct CatDep {
    CatTable *table;            /* a table the text mentions, or NULL */
    CatColumn *col;             /* with table: one of its columns, or NULL
                                   (the table as a whole) */
    CatObject *obj;             /* or another object it mentions */
} CatDep;

struct CatObject {
    ObjKindId kind;
    const char *schema;         /* NULL: default schema */
    const char *name;
    const char *text;           /* the definition as stored (a view's
                                   query), rewritten on renames */
    NameList *cols;             /* a view's column names, or NULL */
    bool no_data;               /* materialized view created with no data */
    bool col_renamed;           /* a rename of a column it uses rewrote
                                   the text: PostgreSQL's view keeps the
                                   column's old name as its own */
    /* A view's query as a live database's server prints it, set before a
     * diff with it (history_view_compare_as()): when both sides have one,
     * a diff compares these instead of the texts and column lists.  ""
     * when the server could not build it.  NULL: not asked. */
    const char *server_text;
    CatTable *table;            /* the table it belongs to, or NULL */
    CatDep *deps;
    int ndeps;
    CatObjIndex *idx;           /* its indexes, in creation order */
    CatObject *prev, *next;     /* catalog order */
};

/* A function or procedure, known by its name and argument types (its
 * signature, "f(integer, text)"); its create statement is kept whole,
 * so that a drop or a replace can be undone. */
typedef struct CatRoutine {
    const char *sig;
    const Stmt *def;            /* ST_CREATE_ROUTINE */
    struct CatRoutine *prev, *next;
} CatRoutine;

/* A trigger: it belongs to its table (it goes when the table goes) and
 * uses one function. */
typedef struct CatTrigger {
    const char *name;
    CatTable *table;
    CatRoutine *fn;
    const TriggerDef *def;      /* timing, events, row, when */
    int ncols;
    CatColumn **cols;           /* update of (cols) */
    struct CatTrigger *prev, *next;
} CatTrigger;

/* A PostgreSQL extension (create extension X [with schema S]). */
typedef struct CatExtension {
    const char *name;
    const char *schema;         /* with schema S; NULL: not given */
    struct CatExtension *prev, *next;   /* catalog order */
} CatExtension;

typedef struct CatSchema {
    const char *name;
    int ntables;                /* tables in it (drop schema needs none) */
    struct CatSchema *prev, *next;
} CatSchema;

typedef struct Catalog {
    Arena *arena;
    CatSchema *schemas, *schemas_tail;
    HashMap schemamap;          /* name -> CatSchema */
    CatTable *tables, *tables_tail;
    HashMap tablemap;           /* "schema\x1fname" or "name" -> CatTable */
    HashMap indexmap;           /* "schema\x1fname" or "name" -> CatIndex */
    HashMap keymap;             /* same keys -> CatConstraint: primary keys
                                   and unique constraints, which own an
                                   index of their name in PostgreSQL */
    HashMap seqmap;             /* same keys -> CatColumn: the sequences
                                   of serial columns */
    int ntables;
    CatEnum *enums, *enums_tail;
    HashMap enummap;            /* name -> CatEnum */
    CatObject *objects, *objects_tail;
    HashMap objmap;             /* cat_object_key() -> CatObject */
    CatRoutine *routines, *routines_tail;
    HashMap routinemap;         /* signature -> CatRoutine */
    CatTrigger *triggers, *triggers_tail;
    CatExtension *exts, *exts_tail;
    HashMap namehint;           /* naming.c: where name searches ended */
    unsigned names_freed;       /* drops and renames so far (naming.c) */
} Catalog;

void cat_init(Catalog *c, Arena *a);
void cat_free(Catalog *c);

/* Lookups (NULL when absent). */
CatSchema *cat_schema(const Catalog *c, const char *name);
CatTable *cat_table(const Catalog *c, const char *schema, const char *name);
CatColumn *cat_column(const CatTable *t, const char *name);
CatConstraint *cat_constraint(const CatTable *t, const char *name);
CatIndex *cat_index(const Catalog *c, const char *schema, const char *name);
CatConstraint *cat_primary_key(const CatTable *t);
/* The primary key or unique constraint named `name` in `schema` (their
 * names share one namespace with tables and indexes, as in PostgreSQL). */
CatConstraint *cat_key_constraint(const Catalog *c, const char *schema,
                                  const char *name);

/* A name as messages show it: "schema.name", or "name" in the default
 * schema; and the key of a name in the catalog's maps. */
const char *cat_display(Arena *a, const char *schema, const char *name);
const char *cat_key(Arena *a, const char *schema, const char *name);

/* The serial column whose sequence is `name` in `schema`. */
CatColumn *cat_sequence(const Catalog *c, const char *schema,
                        const char *name);

/* Types and defaults, as the catalog compares them. */
bool cat_type_equal(const TypeRef *a, const TypeRef *b);
bool cat_expr_equal(const Expr *a, const Expr *b);

/*
 * Apply a statement that the checker accepted.  The statement must be
 * fully resolved by the checker (names of unnamed constraints and indexes
 * filled in, column-level constraints given their column, foreign keys
 * given their referenced columns).  ST_SQL and ST_IRREVERSIBLE do nothing.
 */
void cat_apply(Catalog *c, const Stmt *s);

/*
 * A deep copy of one table as it stands (columns, constraints, indexes),
 * detached from the catalog: for emitters that rebuild a table (SQLite) and
 * must know the table before the statement.  Foreign keys in the copy point
 * at the live referenced tables.
 */
CatTable *cat_table_snapshot(Catalog *c, const CatTable *t);

/* Whether two indexes have the same keys (columns or expressions, with
 * their options), method and include columns. */
bool cat_index_keys_equal(const CatIndex *x, const CatIndex *y);

/* Compare two catalogs (column order ignored when `ignore_col_order`);
 * on a difference, write what differs to `why` (may be NULL) and return
 * false.  The order of tables, constraints and indexes never matters, nor
 * whether a constraint was written on a column or on the table. */
bool cat_equal(const Catalog *a, const Catalog *b, bool ignore_col_order,
               StrBuf *why);

/* Deep copy of a whole catalog (for tests and the fuzz property). */
void cat_copy(Catalog *dst, const Catalog *src, Arena *a);

/*
 * Turn catalog objects back into statements (allocated in the arena), as
 * the down derivation and `migc schema` need them:
 *   cat_table_stmt:  CREATE TABLE with every column and constraint
 *                    (foreign keys included only when `with_fks`)
 *   cat_index_stmt:  CREATE INDEX
 *   cat_constraint_stmt: ADD CONSTRAINT
 *   cat_column_def:  the ColumnDef of a column (type, null, default), with
 *                    no constraints
 */
/* ---- enums (catalog_enum.c) ---- */

CatEnum *cat_enum(const Catalog *c, const char *name);
/* The enum a column type names, or NULL (a TY_CUSTOM type without
 * arguments whose name is an enum's). */
CatEnum *cat_enum_of_type(const Catalog *c, const TypeRef *t);
/* The position of label v, or -1. */
int cat_enum_index(const CatEnum *e, const char *v);
/* The columns whose type is e, table by table in catalog order: pass NULL
 * for the first, then the previous one; NULL at the end. */
CatColumn *cat_enum_next_user(const Catalog *c, const CatEnum *e,
                              const CatColumn *prev);
/* cat_apply() of the enum statements (ST_CREATE_ENUM ... ST_DROP_VALUE). */
void cat_enum_apply(Catalog *c, const Stmt *s);
/* The create type statement of e as it stands (arena). */
Stmt *cat_enum_stmt(Catalog *c, const CatEnum *e);
/* For cat_copy and cat_equal. */
void cat_enum_copy(Catalog *dst, const Catalog *src, Arena *a);
bool cat_enum_equal(const Catalog *a, const Catalog *b, StrBuf *why);

/* ---- functions, procedures, triggers (catalog_routine.c) ---- */

/* "name(type, type)": a routine's signature, the types in their portable
 * spelling (arena). */
const char *cat_routine_sig(Arena *a, const char *name, const ArgDef *args);
CatRoutine *cat_routine(const Catalog *c, const char *sig);
/* The trigger `name` of table t, or NULL. */
CatTrigger *cat_trigger(const Catalog *c, const CatTable *t,
                        const char *name);
/* The first trigger (after `prev`, NULL for the first) that uses routine
 * r, or that belongs to table t (r NULL). */
CatTrigger *cat_trigger_next(const Catalog *c, const CatRoutine *r,
                             const CatTable *t, const CatTrigger *prev);
/* The routine's text for a dialect (SqlDialect): its own, else the one
 * written without a dialect; NULL when it has neither. */
const char *cat_routine_body(const Stmt *def, int dialect);
void cat_routine_apply(Catalog *c, const Stmt *s);
/* The statement that creates trigger g again, as the model has it. */
Stmt *cat_trigger_stmt(Catalog *c, const CatTrigger *g);
/* A table goes: its triggers go with it (cat_apply of drop table). */
void cat_triggers_table_dropped(Catalog *c, const CatTable *t);
void cat_routine_copy(Catalog *dst, const Catalog *src, Arena *a);
bool cat_routine_equal(const Catalog *a, const Catalog *b, StrBuf *why);

/* ---- extensions (catalog_ext.c) ---- */

CatExtension *cat_extension(const Catalog *c, const char *name);
/* cat_apply() of create extension and drop extension. */
void cat_ext_apply(Catalog *c, const Stmt *s);
/* The create extension statement of x (arena). */
Stmt *cat_ext_stmt(Catalog *c, const CatExtension *x);
void cat_ext_copy(Catalog *dst, const Catalog *src, Arena *a);
bool cat_ext_equal(const Catalog *a, const Catalog *b, StrBuf *why);

Stmt *cat_table_stmt(Catalog *c, const CatTable *t, bool with_fks);
Stmt *cat_index_stmt(Catalog *c, const CatIndex *ix);
Stmt *cat_constraint_stmt(Catalog *c, const CatConstraint *k);
ColumnDef *cat_column_def(Catalog *c, const CatColumn *col);
/* The comment on statements that give table t (col NULL: its own comment
 * and every column's) or column col the comments the model has; NULL when
 * there is none. */
Stmt *cat_comment_stmts(Catalog *c, const CatTable *t, const CatColumn *col);

/* ---- objects (catobject.c) ---- */

/* The object of kind `kind` named `name` in `schema`, or NULL.  Kinds that
 * share a namespace (views and materialized views share the relations'
 * with tables: ObjKind.relation) find each other: cat_object_any() finds
 * whatever object of that namespace holds the name. */
CatObject *cat_object(const Catalog *c, ObjKindId kind, const char *schema,
                      const char *name);
CatObject *cat_object_any(const Catalog *c, ObjKindId kind,
                          const char *schema, const char *name);

/*
 * The objects that depend on table t (col NULL) or on its column col, or
 * on object o (t NULL), other than those that belong to t: calls fn for
 * each, with the CatDep that matched, until fn returns false.  Linear in
 * the number of objects.
 */
typedef bool CatDepFn(void *arg, CatObject *dependant, const CatDep *dep);
void cat_dependants(const Catalog *c, const CatTable *t, const CatColumn *col,
                    const CatObject *o, CatDepFn *fn, void *arg);

/* The statement that creates object o again (CREATE_OBJECT from its
 * stored text), for downs, `migc schema` and dialects that recreate. */
Stmt *cat_object_stmt(Catalog *c, const CatObject *o);

/* The index `name` of a materialized view in `schema`, or NULL. */
CatObjIndex *cat_object_index(const Catalog *c, const char *schema,
                              const char *name);
/* The CREATE_INDEX statement of index ix as the model has it (the view's
 * current name). */
Stmt *cat_object_index_stmt(Catalog *c, const CatObjIndex *ix);
/* Whether o has a unique index without a predicate whose keys are plain
 * columns (what refresh ... concurrently needs). */
bool cat_object_has_unique_index(const CatObject *o);
/* Whether o and p have the same indexes, in any order: the same names,
 * each pair of definitions the same by same(ctx, x, y); _equal: as
 * written. */
typedef bool CatIndexDefSame(const void *ctx, const IndexDef *x,
                             const IndexDef *y);
bool cat_object_indexes_match(const CatObject *o, const CatObject *p,
                              CatIndexDefSame *same, const void *ctx);
bool cat_object_indexes_equal(const CatObject *o, const CatObject *p);
/* cat_apply() of create, drop and rename index when the index is a
 * view's (true: it was). */
bool cat_object_index_apply(Catalog *c, const Stmt *s);

/* Called by cat_apply() for the *_OBJECT statements, and on renames and
 * drops of tables and columns (catobject.c). */
void cat_apply_object(Catalog *c, const Stmt *s);
void cat_objects_table_renamed(Catalog *c, CatTable *t, const char *from);
void cat_objects_column_renamed(Catalog *c, CatColumn *col, const char *from);
void cat_objects_table_dropped(Catalog *c, CatTable *t);
void cat_objects_copy(Catalog *dst, const Catalog *src, Arena *a);
bool cat_objects_equal(const Catalog *a, const Catalog *b, StrBuf *why);

#endif
