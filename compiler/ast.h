/*
 * ast.h — the syntax tree of a migration file.
 *
 * The parser builds these nodes and nothing else; the checker resolves
 * names against the catalog and fills in the fields marked "checker".
 * Every node is allocated from the compilation's Arena.  Every node carries
 * its location as byte offsets into its SourceFile.
 *
 * Identifiers are stored already folded: an unquoted identifier is lower
 * case, a quoted one is kept exactly (with "" turned into ").  Strings are
 * stored unescaped ('' turned into ').  Raw SQL texts (check bodies, using,
 * where, parenthesised defaults, function arguments) are stored verbatim.
 */
#ifndef MIGC_AST_H
#define MIGC_AST_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"

typedef struct Ident {
    const char *s;      /* NULL when absent */
    Loc loc;
} Ident;

/* [schema.]name */
typedef struct QName {
    Ident schema;       /* schema.s == NULL: the default schema */
    Ident name;
    Loc loc;            /* the whole qualified name */
} QName;

typedef struct NameList {
    Ident name;
    struct NameList *next;
} NameList;

typedef enum TypeKind {
    TY_SMALLINT,
    TY_INTEGER,
    TY_BIGINT,
    TY_SERIAL,
    TY_BIGSERIAL,
    TY_REAL,
    TY_DOUBLE,
    TY_NUMERIC,     /* args: precision, scale (optional) */
    TY_BOOLEAN,
    TY_TEXT,
    TY_VARCHAR,     /* args: length (optional) */
    TY_CHAR,        /* args: length (optional) */
    TY_DATE,
    TY_TIME,
    TY_TIMESTAMP,
    TY_TIMESTAMPTZ,
    TY_INTERVAL,
    TY_UUID,
    TY_JSON,
    TY_JSONB,
    TY_BYTEA,
    TY_CUSTOM       /* any other name: passed through verbatim */
} TypeKind;

#define TYPE_MAX_ARGS 2

typedef struct TypeRef {
    TypeKind kind;
    const char *name;   /* the name as written, folded (e.g. "point") */
    const char *args;   /* TY_CUSTOM: the argument text without parens, or NULL */
    int nargs;          /* portable types: number of numeric args (0..2) */
    long arg[TYPE_MAX_ARGS];
    Loc loc;
} TypeRef;

typedef enum ExprKind {
    EX_NUMBER,      /* text: the literal as written, e.g. "-1.5" */
    EX_STRING,      /* text: the unescaped value */
    EX_TRUE,
    EX_FALSE,
    EX_NULL,
    EX_NOW,         /* now() or current_timestamp: portable, per dialect */
    EX_CALL,        /* name(args): name folded, args raw text (may be "") */
    EX_RAW,         /* ( raw ): text without the outer parens */
    EX_CAST         /* arg :: cast: PostgreSQL's cast, CAST() elsewhere */
} ExprKind;

typedef struct Expr {
    ExprKind kind;
    const char *text;   /* EX_NUMBER, EX_STRING, EX_RAW; EX_CALL: args */
    const char *name;   /* EX_CALL: the function name */
    struct Expr *arg;   /* EX_CAST: the value cast */
    struct TypeRef *cast; /* EX_CAST: the type it is cast to */
    Loc loc;
} Expr;

typedef enum FkAction {
    FK_NONE = 0,    /* not given (the database default, no action) */
    FK_NO_ACTION,
    FK_RESTRICT,
    FK_CASCADE,
    FK_SET_NULL,
    FK_SET_DEFAULT
} FkAction;

typedef enum ConKind {
    CON_PRIMARY,
    CON_UNIQUE,
    CON_CHECK,
    CON_FOREIGN
} ConKind;

/* A constraint, written at table level or on a column.  Column-level ones
 * have `cols` NULL in the tree; the checker fills in the column. */
typedef struct Constraint {
    ConKind kind;
    Ident name;             /* name.s NULL: unnamed (the checker names it) */
    NameList *cols;         /* primary, unique, foreign: the columns */
    const char *check;      /* CON_CHECK: the raw expression */
    QName ref_table;        /* CON_FOREIGN */
    NameList *ref_cols;     /* CON_FOREIGN: NULL = the referenced primary key */
    FkAction on_delete;
    FkAction on_update;
    Loc loc;
    struct Constraint *next;
} Constraint;

/* generated { always | by default } as identity */
typedef enum IdentityKind {
    IDENTITY_NONE = 0,
    IDENTITY_ALWAYS,
    IDENTITY_BY_DEFAULT
} IdentityKind;

typedef struct ColumnDef {
    Ident name;
    TypeRef type;
    bool not_null;          /* `not null` given (or implied by primary key: checker) */
    bool null_given;        /* `null` given explicitly */
    Expr *def;              /* default, or NULL */
    const char *generated;  /* generated always as ( raw ) stored: the raw
                               expression, or NULL */
    IdentityKind identity;
    Loc gen_loc;            /* the generated ... clause */
    Constraint *cons;       /* column-level constraints, in order */
    Loc loc;
    struct ColumnDef *next;
} ColumnDef;

typedef enum KeyOrder { KEY_ORDER_DEFAULT, KEY_ASC, KEY_DESC } KeyOrder;
typedef enum KeyNulls { KEY_NULLS_DEFAULT, KEY_NULLS_FIRST, KEY_NULLS_LAST } KeyNulls;

/* One key of an index: a column or ( raw ), with its options. */
typedef struct IndexKey {
    Ident col;              /* col.s NULL: an expression */
    const char *expr;       /* the expression, without its parentheses */
    Ident opclass;          /* opclass.s NULL: the default */
    KeyOrder order;
    KeyNulls nulls;
    Loc loc;
    struct IndexKey *next;
} IndexKey;

typedef struct IndexDef {
    bool unique;
    bool concurrently;
    QName name;             /* name.name.s NULL: unnamed (the checker names it) */
    QName table;
    NameList *cols;         /* the keys that are plain columns, in order */
    IndexKey *keys;         /* every key, in order (NULL: cols, plain) */
    Ident method;           /* using METHOD; method.s NULL: the default */
    NameList *include;      /* include ( cols ), or NULL */
    const char *where;      /* raw predicate, or NULL */
    Loc loc;
} IndexDef;

/* Whether the index is plain columns only, with no option on any key. */
bool ast_index_plain(const IndexDef *ix);

/* A function's or procedure's argument: [name] type. */
typedef struct ArgDef {
    Ident name;             /* name.s NULL: unnamed */
    TypeRef type;
    struct ArgDef *next;
} ArgDef;

struct SqlText;

/* create [or replace] function|procedure NAME (args) [returns T]
 * language L as STRING [dialect STRING]...; drop function|procedure
 * NAME (argtypes) has only procedure, name and args. */
typedef struct RoutineDef {
    bool procedure;
    bool or_replace;
    Ident name;
    ArgDef *args;
    bool has_returns;
    TypeRef returns;
    Ident language;
    struct SqlText *bodies; /* the body; others per dialect (triggers) */
    Loc loc;
} RoutineDef;

typedef enum TrigTiming { TG_BEFORE, TG_AFTER, TG_INSTEAD_OF } TrigTiming;

/* Trigger events, a bit set. */
#define TG_INSERT   1u
#define TG_UPDATE   2u
#define TG_DELETE   4u
#define TG_TRUNCATE 8u

/* create trigger NAME timing events on T [for each row] [when (raw)]
 * execute function F (); drop trigger T.NAME has only name and table. */
typedef struct TriggerDef {
    Ident name;
    TrigTiming timing;
    unsigned events;
    NameList *update_cols;  /* update of (cols), or NULL */
    QName table;
    bool for_each_row;
    const char *when;       /* raw condition, or NULL */
    Ident function;
    Loc loc;
} TriggerDef;

/* The dialects a `sql` text may be written for (`sql postgres '...'`). */
typedef enum SqlDialect {
    SQLD_ANY,           /* written without a dialect: every other one */
    SQLD_POSTGRES,
    SQLD_SQLITE,
    SQLD_MYSQL,
    SQLD_COUNT
} SqlDialect;

/* One text of a per-dialect `sql` statement, up or down part. */
typedef struct SqlText {
    SqlDialect dialect;
    const char *text;       /* NULL: `none`, nothing to run */
    Loc loc;                /* the text (or `none`) */
    Loc dialect_loc;        /* the dialect word; the text's without one */
    struct SqlText *next;
} SqlText;

typedef enum StmtKind {
    ST_CREATE_TABLE,
    ST_DROP_TABLE,
    ST_RENAME_TABLE,
    ST_ADD_COLUMN,
    ST_DROP_COLUMN,
    ST_RENAME_COLUMN,
    ST_ALTER_TYPE,
    ST_SET_DEFAULT,
    ST_DROP_DEFAULT,
    ST_SET_NOT_NULL,
    ST_DROP_NOT_NULL,
    ST_CREATE_INDEX,
    ST_DROP_INDEX,
    ST_ADD_CONSTRAINT,
    ST_DROP_CONSTRAINT,
    ST_CREATE_SCHEMA,
    ST_DROP_SCHEMA,
    ST_SQL,
    /* enums (create type E as enum ...) */
    ST_CREATE_ENUM,
    ST_ADD_VALUE,
    ST_RENAME_VALUE,
    ST_DROP_ENUM,
    ST_DROP_VALUE,      /* only in derived downs: the down of add value */
    /* functions, procedures and triggers */
    ST_CREATE_ROUTINE,
    ST_DROP_ROUTINE,
    ST_CREATE_TRIGGER,
    ST_DROP_TRIGGER,
    ST_RENAME_INDEX,
    ST_RENAME_CONSTRAINT,
    ST_RENAME_SEQUENCE,
    ST_CREATE_EXTENSION,
    ST_DROP_EXTENSION,
    ST_FILL_COLUMN,     /* only in derived downs: every row's value */
    ST_IRREVERSIBLE,    /* only inside `down { irreversible; }` */
    /* Objects beyond tables (views, ...): one statement kind per verb,
     * the object's kind in Stmt.obj (catalog.h, "Objects"). */
    ST_CREATE_OBJECT,
    ST_DROP_OBJECT,
    ST_RENAME_OBJECT,
    ST_REFRESH_OBJECT,
    ST_COMMENT          /* comment on table|column */
} StmtKind;

#define ST_KIND_COUNT (ST_COMMENT + 1)

/* The kinds of objects beyond tables; each is one row of the table in
 * objkind.c (catalog.h, "Objects").  A new kind is an entry here and a
 * row there. */
typedef enum ObjKindId {
    OBJ_VIEW,
    OBJ_MATVIEW,        /* materialized view (PostgreSQL) */
    OBJ_KIND_COUNT
} ObjKindId;


/*
 * One statement.  A flat node: each kind uses the fields its comment names.
 *
 *   CREATE_TABLE     table, columns (list), constraints (table-level list)
 *   DROP_TABLE       table
 *   RENAME_TABLE     table, new_name
 *   ADD_COLUMN       table, column, columns (exactly one ColumnDef)
 *   DROP_COLUMN      table, column, fill (or NULL)
 *   RENAME_COLUMN    table, column, new_name
 *   ALTER_TYPE       table, column, type, using_raw (or NULL), cast_back,
 *                    def (with cast_back: the default to put back)
 *   SET_DEFAULT      table, column, def
 *   DROP_DEFAULT     table, column
 *   SET_NOT_NULL     table, column
 *   DROP_NOT_NULL    table, column
 *   CREATE_INDEX     index
 *   DROP_INDEX       object (the index name), concurrently
 *   ADD_CONSTRAINT   table, constraints (exactly one, named)
 *   DROP_CONSTRAINT  table, cname
 *   CREATE_SCHEMA    cname (the schema name)
 *   DROP_SCHEMA      cname (the schema name)
 *   SQL              sql_up, sql_down (NULL: no down part); written
 *                    with dialects or `none`: sql_ups, sql_downs (the
 *                    checker resolves them into sql_up, sql_down and
 *                    sql_down_none for the dialect it checks for)
 *   CREATE_ENUM      object (the type), values (the labels, Ident.s each)
 *   ADD_VALUE        object, value, anchor (anchor.s NULL: at the end),
 *                    after (anchor is `after`, else `before`)
 *   RENAME_VALUE     object, value, new_name (the new label)
 *   DROP_ENUM        object
 *   DROP_VALUE       object, value (derived downs only)
 *   CREATE_ROUTINE   routine (a function or a procedure)
 *   DROP_ROUTINE     routine (procedure, name, args)
 *   CREATE_TRIGGER   trigger
 *   DROP_TRIGGER     trigger (name, table)
 *   RENAME_INDEX     object (the index), new_name
 *   RENAME_CONSTRAINT table, cname, new_name
 *   RENAME_SEQUENCE  object (the sequence), new_name
 *   CREATE_EXTENSION cname (the extension), object.schema (with schema S,
 *                    or NULL), if_not_exists
 *   DROP_EXTENSION   cname
 *   FILL_COLUMN      table, column, def: set the column of every row to
 *                    def (UPDATE); built by the down of a drop with fill
 *   IRREVERSIBLE     nothing
 *   CREATE_OBJECT    obj, object, or_replace, names (a view's column
 *                    list, or NULL), sql_up (the definition text) and
 *                    sql_up_loc, no_data (materialized: with no data)
 *   DROP_OBJECT      obj, object
 *   RENAME_OBJECT    obj, object, new_name
 *   REFRESH_OBJECT   obj, object, concurrently
 *   COMMENT          table, column (column.s NULL: the table's comment),
 *                    comment (NULL: is null), sql_up_loc (the text)
 *   CREATE_TABLE may also have sql_up: `create table T (...) as STRING`,
 *   the query whose rows fill the new table.
 */
typedef struct Stmt {
    StmtKind kind;
    Loc loc;                /* the whole statement */
    QName table;
    Ident column;
    Ident new_name;
    Ident cname;            /* constraint or schema name */
    QName object;           /* DROP_INDEX: the index; *_OBJECT: the object */
    ObjKindId obj;          /* *_OBJECT: which kind of object */
    bool or_replace;        /* CREATE_OBJECT: `or replace` */
    bool no_data;           /* CREATE_OBJECT: `with no data` */
    NameList *names;        /* CREATE_OBJECT: a view's column names */
    ColumnDef *columns;
    Constraint *constraints;
    TypeRef type;
    const char *using_raw;
    Expr *def;
    Expr *fill;             /* DROP_COLUMN: the value its down puts back */
    bool cast_back;         /* ALTER_TYPE of a derived down: cast the values
                               to the old type explicitly (PostgreSQL USING) */
    IndexDef *index;
    bool concurrently;
    bool if_not_exists;     /* CREATE_EXTENSION */
    const char *comment;    /* COMMENT: the text, NULL for null */
    const char *sql_up;
    Loc sql_up_loc;
    const char *sql_down;
    Loc sql_down_loc;
    SqlText *sql_ups;       /* the per-dialect form; NULL: the plain one */
    SqlText *sql_downs;     /* its down part (NULL: none written) */
    bool sql_has_down;      /* the per-dialect form has a down part */
    bool sql_down_none;     /* checker: the down is to do nothing */
    NameList *values;       /* CREATE_ENUM: the labels */
    Ident value;            /* ADD_VALUE, RENAME_VALUE, DROP_VALUE */
    Ident anchor;           /* ADD_VALUE: before/after this label */
    bool after;
    RoutineDef *routine;    /* CREATE_ROUTINE, DROP_ROUTINE */
    TriggerDef *trigger;    /* CREATE_TRIGGER, DROP_TRIGGER */
    /* checker: objects that DROP_COLUMN drops implicitly (the indexes and
     * constraints that use the column), so that every emitter can drop them
     * explicitly first and the down can restore them. */
    struct Stmt *implied;   /* list of DROP_INDEX / DROP_CONSTRAINT stmts */
    NameList *allow;        /* `allow RULE, ...;` just before it (lint.h) */
    struct Stmt *next;
} Stmt;

typedef enum MigClass {
    CLASS_REVERSIBLE,
    CLASS_LOSSY,
    CLASS_IRREVERSIBLE
} MigClass;

/* One migration file. */
typedef struct Migration {
    SourceFile src;
    const char *version;    /* digits, as in the file name */
    const char *name;       /* [a-z0-9_]+ */
    NameList *replaces;     /* `replaces V, ...;` at the top (migc squash):
                               the versions whose files it stands for */
    Loc replaces_loc;
    bool no_transaction;    /* `no transaction;` at the top (or `safe;`) */
    Loc no_transaction_loc;
    bool safe;              /* `safe;` at the top: PostgreSQL gets the
                               forms that take weak locks (emit_pg.c) */
    bool expand;            /* `expand;` at the top: zero-downtime phases
                               (expand.h) */
    Loc expand_loc;
    NameList *allow;        /* `allow RULE, ...;` at the top: the whole file */
    bool has_blocks;        /* written as up { } down { } */
    Stmt *up;               /* the statements (or the up block) */
    Stmt *down;             /* the down block, or NULL when derived */
    Loc down_loc;
    /* filled by the checker and the down derivation: */
    Stmt *derived_down;     /* the down that runs: the block or derived */
    MigClass cls;
    const char *lossy_what; /* for lossy ones: what is lost, for the header */
    bool ok;                /* parsed and checked without error */
} Migration;

const char *ast_class_name(MigClass c);
const char *ast_type_name(TypeKind k);     /* portable spelling, "integer" */
/* A type with its arguments, "varchar(20)"; a custom one as written. */
void ast_type_format(StrBuf *out, const TypeRef *t);
/* A portable type's numeric arguments, "(10,2)"; nothing when it has none. */
void ast_type_args(StrBuf *out, const TypeRef *t);
const char *ast_fk_action_sql(FkAction a); /* "CASCADE", ... */
/* "postgres", "sqlite", "mysql" (SQLD_ANY: NULL); and back, or -1. */
const char *ast_sql_dialect_name(SqlDialect d);
int ast_sql_dialect_lookup(const char *name);

/*
 * The canonical text of a migration's statements: one statement per line,
 * keywords lower case, identifiers always double-quoted, strings
 * single-quoted, raw texts verbatim; comments, whitespace, keyword case and
 * line endings do not show.  It is what the ledger's checksum covers.
 */
struct StrBuf;
void ast_canonical(const Migration *m, struct StrBuf *out);
/* How one statement is spelled: AST_CANONICAL as in ast_canonical();
 * AST_READABLE as a person writes it (model.h): a name double-quoted only
 * where the language needs it, a table one column a line. */
typedef enum AstStyle { AST_CANONICAL, AST_READABLE } AstStyle;
/* One statement in that style, ending with ";\n". */
void ast_stmt_text(struct StrBuf *out, const Stmt *s, AstStyle style);
/* Whether name s needs no quotes in the language: a plain lower-case
 * identifier that is none of its keywords. */
bool ast_ident_plain(const char *s);

#endif
