/*
 * parser.y — the grammar of the migration language (docs/LANGUAGE.md).
 *
 * A pure parser: all state lives in the ParseState (compiler/parse.h), and
 * the tree is built from the compilation's arena.  The grammar builds nodes
 * and nothing else; names are resolved by the checker.
 *
 * Keywords.  Most keywords are unreserved, as in PostgreSQL: a column may
 * be called `type`, `key`, `index`, `schema`, `action`, `time` ... without
 * quotes.  The exceptions:
 *
 *   check, default, using, where
 *       reserved everywhere: a '(' after them opens a raw SQL body, which
 *       the scanner has to know before the parser sees the parenthesis;
 *   constraint, primary, unique, foreign
 *       not a column name in a `create table` list, where they start a
 *       table constraint (they may name anything else);
 *   concurrently, on
 *       not an index name right after `create index` / `drop index`.
 *
 * Any word may be used as a name when double-quoted.  The keywords and
 * their categories are listed once, in kwlist.h, which the scanner reads;
 * the %token lines and the keyword rules below must agree with it (a unit
 * test parses every entry as each kind of name).
 */

%define api.pure full
%define api.location.type {Loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {ParseState *ps}

%code requires {
#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "compile.h"
#include "diag.h"
#include "parse.h"
#include "habits.h"
#include "types.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* Values of nonterminals that are not AST nodes themselves. */
typedef struct PStmtList { Stmt *head, *tail; } PStmtList;
typedef struct PNames { NameList *head, *tail; } PNames;
typedef struct PElems {
    ColumnDef *col_head, *col_tail;
    Constraint *con_head, *con_tail;
} PElems;
/* A dotted name of up to three parts, before we know what it names. */
typedef struct PDotted { Ident part[3]; int n; Loc loc; } PDotted;
typedef enum PColOptKind {
    COLOPT_NOT_NULL, COLOPT_NULL, COLOPT_DEFAULT, COLOPT_CONSTRAINT,
    COLOPT_GENERATED, COLOPT_IDENTITY
} PColOptKind;
typedef struct PColOpt {
    PColOptKind kind;
    Expr *def;
    Constraint *con;
    const char *gen;        /* COLOPT_GENERATED */
    IdentityKind identity;  /* COLOPT_IDENTITY */
} PColOpt;
typedef struct PFkActs { FkAction on_delete, on_update; } PFkActs;
typedef struct PIndexKeys { IndexKey *head, *tail; } PIndexKeys;
typedef struct PSqlTexts { SqlText *head, *tail; bool given; } PSqlTexts;
typedef struct PTypeName { const char *name; Loc loc; } PTypeName;
typedef struct PTypeArgs {
    int n;
    bool all_numbers;
    const char *text;       /* "a, b" */
    long num[TYPE_MAX_ARGS];
    Loc bad;                /* first argument that is not a small integer */
    bool has_bad;
    bool capped;            /* past MIGC_MAX_TYPE_ARGS: the rest ignored */
} PTypeArgs;

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                 \
    do {                                                            \
        if (N) {                                                    \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                   \
            (Cur).end = YYRHSLOC(Rhs, N).end;                       \
        } else {                                                    \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;         \
        }                                                           \
    } while (0)
}

%union {
    char *str;
    bool flag;
    int ival;
    Ident ident;
    PDotted dotted;
    PTypeName tname;
    PTypeArgs targs;
    TypeRef type;
    Expr *expr;
    ArgDef *arg;
    RoutineDef *routine;
    TriggerDef *trigger;
    Stmt *stmt;
    PStmtList stmts;
    PNames names;
    ColumnDef *col;
    Constraint *con;
    PColOpt colopt;
    PElems elems;
    PFkActs fk;
    SqlText *sqlt;
    PSqlTexts sqlts;
    IndexKey *ikey;
    PIndexKeys ikeys;
}

%code {
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

static Stmt *mkstmt(ParseState *ps, StmtKind kind, Loc loc);
static Ident mkident(const char *s, Loc loc);
static Ident kw_ident(ParseState *ps, Loc loc);
static QName table_name(ParseState *ps, const PDotted *d);
static void column_ref(ParseState *ps, const PDotted *d, QName *table,
                       Ident *col, const char *what);
static QName index_name(ParseState *ps, const PDotted *d);
static TypeRef make_type(ParseState *ps, PTypeName name, const PTypeArgs *args,
                         Loc loc);
static Expr *mkexpr(ParseState *ps, ExprKind kind, const char *text, Loc loc);
static Expr *bare_default(ParseState *ps, const char *name, Loc loc);
static Constraint *mkcon(ParseState *ps, ConKind kind, Loc loc);
static void elems_add(PElems *e, const PElems *one);
static void names_add(ParseState *ps, PNames *l, Ident id);
static void stmts_add(PStmtList *l, Stmt *s);
static void targ_add(PTypeArgs *t, const char *s, Loc loc);
static void yyerror(const YYLTYPE *loc, yyscan_t scanner, ParseState *ps,
                    const char *msg);
static void set_fk(ParseState *ps, FkAction *slot, int act, Loc loc,
                   const char *what);
static SqlText *mksqltext(ParseState *ps, const char *dialect, Loc dloc,
                          const char *text, Loc loc);
static int edit_distance(const char *a, const char *b);
static void sqltexts_add(ParseState *ps, PSqlTexts *l, SqlText *t,
                         const char *part);
static void sql_stmt(ParseState *ps, Stmt *s, const PSqlTexts *up,
                     const PSqlTexts *down);
}

%token END 0 "end of file"
%token <str> IDENT "identifier"
%token <str> QIDENT "quoted identifier"
%token <str> NUMBER "number"
%token <str> STRING "string"
%token <str> RAW "parenthesised expression"
%token <str> HNAME "rule name"

%token ACTION "action" ADD "add" ASC "asc" DESC "desc" FIRST "first"
%token INCLUDE "include" LAST "last" NULLS "nulls" EXTENSION "extension"
%token ALLOW "allow" ALTER "alter" CASCADE "cascade"
%token CHARACTER "character" CHECK "check" COLUMN "column"
%token CONCURRENTLY "concurrently" CONSTRAINT "constraint" CREATE "create"
%token DEFAULT "default" DELETE "delete" DOUBLE "double" DOWN "down"
%token DROP "drop" EXPAND "expand" FALSE_P "false" FILL "fill" FOREIGN "foreign"
%token INDEX "index" IRREVERSIBLE "irreversible" KEY "key" NO "no" NONE "none"
%token NOT "not" NULL_P "null"
%token ON "on" PRECISION "precision" PRIMARY "primary"
%token REPLACES "replaces"
%token REFERENCES "references" RENAME "rename" RESTRICT "restrict"
%token SAFE "safe"
%token SCHEMA "schema" SEQUENCE "sequence" SET "set" SQL "sql"
%token TABLE "table" TIME "time"
%token TIMESTAMP "timestamp" TO "to" TRANSACTION "transaction" TRUE_P "true"
%token TYPE "type" UNIQUE "unique" UP "up" UPDATE "update" USING "using"
%token VARYING "varying" WHERE "where" WITH "with" WITHOUT "without"
%token AFTER "after" AS "as" BEFORE "before" ENUM "enum" VALUE "value"
%token EACH "each" EXECUTE "execute" FOR "for" FUNCTION "function"
%token INSERT "insert" INSTEAD "instead" LANGUAGE "language" OF "of"
%token PROCEDURE "procedure" RETURNS "returns" ROW "row"
%token TRIGGER "trigger" TRUNCATE "truncate" WHEN "when"
%token DATA "data" MATERIALIZED "materialized" OR "or"
%token REFRESH "refresh" REPLACE "replace" VIEW "view"
%token ALWAYS "always" BY "by" GENERATED "generated" IDENTITY "identity"
%token STORED "stored" COMMENT "comment" IS "is"
/* ZONE stays the last keyword token: sym_is_keyword() */
%token ZONE "zone"
%token TYPECAST "::"

%type <stmts> stmt_list down_list
%type <stmt> stmt opt_stmt opt_down_stmt
%type <ident> any_name col_name index_name opt_index_name
%type <dotted> dotted index_dotted
%type <elems> elements element
%type <col> col_def col_opts
%type <colopt> col_opt col_opt_body
%type <con> tcon tcon_body
%type <arg> opt_func_args func_args func_arg
%type <routine> routine_head routine_rest
%type <trigger> trig_timing trig_events trig_event
%type <flag> func_or_proc opt_for_each_row
%type <str> opt_trig_when comment_text
%type <names> name_list opt_ref_cols rule_list enum_labels version_list
%type <ident> version
%type <fk> fk_actions
%type <ival> fk_action
%type <type> type_ref
%type <tname> type_name
%type <targs> opt_type_args type_args
%type <flag> opt_unique opt_conc tz_clause opt_or_replace opt_no_data
%type <names> opt_view_cols
%type <expr> default_expr opt_fill
%type <str> opt_using opt_where type_arg
%type <sqlt> sql_text
%type <ikey> index_key
%type <ikeys> index_keys
%type <ident> opt_method opt_opclass opt_ext_schema
%type <ival> opt_key_order opt_key_nulls
%type <names> opt_include
%type <sqlts> sql_texts sql_down_texts opt_sql_down

%%

file:
    opt_replaces directives body
    ;

/* `replaces 0001, 0002;`: a migration that `migc squash` wrote in place
 * of the files of those versions (docs/LANGUAGE.md). */
opt_replaces:
    %empty
  | REPLACES version_list ';'
        {
            ps->mig->replaces = $2.head;
            ps->mig->replaces_loc = @$;
        }
  ;

version_list:
    version                     { $$.head = $$.tail = NULL; names_add(ps, &$$, $1); }
  | version_list ',' version    { $$ = $1; names_add(ps, &$$, $3); }
  ;

version:
    NUMBER
        {
            $$ = mkident($1, @1);
            if (strspn($1, "0123456789") != strlen($1))
                parse_error(ps, @1, NULL,
                            "a version is digits, as in a file name");
        }
  ;

/* `no transaction;` and `expand;`, in either order, before the body. */
directives:
    %empty
  | directives NO TRANSACTION ';'
        {
            ps->mig->no_transaction = true;
            ps->mig->no_transaction_loc = @2;
            ps->mig->no_transaction_loc.end = @4.end;
        }
  | directives EXPAND ';'
        {
            ps->mig->expand = true;
            ps->mig->expand_loc = @2;
            ps->mig->expand_loc.end = @3.end;
        }
  | SAFE ';'
        {
            /* Each statement its own unit, in its safe form. */
            ps->mig->no_transaction = true;
            ps->mig->no_transaction_loc = @$;
            ps->mig->safe = true;
        }
  ;

body:
    stmt_list
        { ps->mig->up = $1.head; }
  | UP '{' stmt_list '}' { parse_dangling_allow(ps); } DOWN '{' down_list '}'
        {
            ps->mig->has_blocks = true;
            ps->mig->up = $3.head;
            ps->mig->down = $8.head;
            ps->mig->down_loc = @6;
            ps->mig->down_loc.end = @9.end;
        }
  ;

/* Statements are separated by ';'; empty statements are allowed, so the
 * last ';' may be left out or doubled.  After an error, a ';' (or a ','
 * in a column list) ends the recovery: errors after it are reported. */
stmt_list:
    opt_stmt                    { $$.head = $$.tail = NULL; stmts_add(&$$, $1); }
  | stmt_list ';' { yyerrok; } opt_stmt
                                { $$ = $1; stmts_add(&$$, $4); }
  ;

opt_stmt:
    %empty                      { $$ = NULL; }
  | stmt                        { $$ = $1; }
  | ALLOW rule_list
        {
            /* before any statement: the whole file; else the next one */
            NameList **slot = ps->seen_stmt ? &ps->pending_allow
                                             : &ps->mig->allow;
            if (ps->seen_stmt)
                ps->pending_allow_loc = @$;
            while (*slot)
                slot = &(*slot)->next;
            *slot = $2.head;
            $$ = NULL;
        }
  | error                       { $$ = NULL; }
  ;

down_list:
    opt_down_stmt               { $$.head = $$.tail = NULL; stmts_add(&$$, $1); }
  | down_list ';' { yyerrok; } opt_down_stmt
                                { $$ = $1; stmts_add(&$$, $4); }
  ;

opt_down_stmt:
    %empty                      { $$ = NULL; }
  | stmt                        { $$ = $1; }
  | IRREVERSIBLE                { $$ = mkstmt(ps, ST_IRREVERSIBLE, @$); }
  | error                       { $$ = NULL; }
  ;

stmt:
    CREATE TABLE dotted '(' elements ')'
        {
            $$ = mkstmt(ps, ST_CREATE_TABLE, @$);
            $$->table = table_name(ps, &$3);
            $$->columns = $5.col_head;
            $$->constraints = $5.con_head;
        }
  | DROP TABLE dotted
        {
            $$ = mkstmt(ps, ST_DROP_TABLE, @$);
            $$->table = table_name(ps, &$3);
        }
  | RENAME TABLE dotted TO any_name
        {
            $$ = mkstmt(ps, ST_RENAME_TABLE, @$);
            $$->table = table_name(ps, &$3);
            $$->new_name = $5;
        }
  | ADD COLUMN dotted type_ref col_opts
        {
            $$ = mkstmt(ps, ST_ADD_COLUMN, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
            $5->name = $$->column;
            $5->type = $4;
            $5->loc.start = $3.loc.start;
            $5->loc.end = @$.end;
            $$->columns = $5;
        }
  | DROP COLUMN dotted opt_fill
        {
            $$ = mkstmt(ps, ST_DROP_COLUMN, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
            $$->fill = $4;
        }
  | RENAME COLUMN dotted TO any_name
        {
            $$ = mkstmt(ps, ST_RENAME_COLUMN, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
            $$->new_name = $5;
        }
  | ALTER COLUMN dotted TYPE type_ref opt_using
        {
            $$ = mkstmt(ps, ST_ALTER_TYPE, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
            $$->type = $5;
            $$->using_raw = $6;
        }
  | ALTER COLUMN dotted SET DEFAULT default_expr
        {
            $$ = mkstmt(ps, ST_SET_DEFAULT, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
            $$->def = $6;
        }
  | ALTER COLUMN dotted DROP DEFAULT
        {
            $$ = mkstmt(ps, ST_DROP_DEFAULT, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
        }
  | ALTER COLUMN dotted SET NOT NULL_P
        {
            $$ = mkstmt(ps, ST_SET_NOT_NULL, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
        }
  | ALTER COLUMN dotted DROP NOT NULL_P
        {
            $$ = mkstmt(ps, ST_DROP_NOT_NULL, @$);
            column_ref(ps, &$3, &$$->table, &$$->column, "column");
        }
  | CREATE opt_unique INDEX opt_conc opt_index_name ON dotted opt_method
    '(' index_keys ')' opt_include opt_where
        {
            $$ = mkstmt(ps, ST_CREATE_INDEX, @$);
            IndexDef *ix = ARENA_NEW(ps->arena, IndexDef);
            ix->unique = $2;
            ix->concurrently = $4;
            ix->name.name = $5;
            ix->name.loc = $5.loc;
            ix->table = table_name(ps, &$7);
            ix->method = $8;
            ix->keys = $10.head;
            PNames cols = { NULL, NULL };
            for (IndexKey *k = $10.head; k; k = k->next)
                if (k->col.s)
                    names_add(ps, &cols, k->col);
            ix->cols = cols.head;
            ix->include = $12.head;
            ix->where = $13;
            ix->loc = @$;
            $$->index = ix;
            $$->table = ix->table;
            $$->concurrently = $4;
        }
  | DROP INDEX opt_conc index_dotted
        {
            $$ = mkstmt(ps, ST_DROP_INDEX, @$);
            $$->concurrently = $3;
            $$->object = index_name(ps, &$4);
        }
  | ADD CONSTRAINT dotted tcon_body
        {
            $$ = mkstmt(ps, ST_ADD_CONSTRAINT, @$);
            column_ref(ps, &$3, &$$->table, &$$->cname, "constraint");
            $4->name = $$->cname;
            $4->loc.start = $3.loc.start;
            $$->constraints = $4;
        }
  | DROP CONSTRAINT dotted
        {
            $$ = mkstmt(ps, ST_DROP_CONSTRAINT, @$);
            column_ref(ps, &$3, &$$->table, &$$->cname, "constraint");
        }
  | CREATE SCHEMA any_name
        {
            $$ = mkstmt(ps, ST_CREATE_SCHEMA, @$);
            $$->cname = $3;
        }
  | DROP SCHEMA any_name
        {
            $$ = mkstmt(ps, ST_DROP_SCHEMA, @$);
            $$->cname = $3;
        }
  /* ---- enums ---- */
  | CREATE TYPE any_name AS ENUM '(' enum_labels ')'
        {
            $$ = mkstmt(ps, ST_CREATE_ENUM, @$);
            $$->object.name = $3;
            $$->object.loc = @3;
            $$->values = $7.head;
        }
  | ALTER TYPE any_name ADD VALUE STRING
        {
            $$ = mkstmt(ps, ST_ADD_VALUE, @$);
            $$->object.name = $3;
            $$->object.loc = @3;
            $$->value = mkident($6, @6);
        }
  | ALTER TYPE any_name ADD VALUE STRING BEFORE STRING
        {
            $$ = mkstmt(ps, ST_ADD_VALUE, @$);
            $$->object.name = $3;
            $$->object.loc = @3;
            $$->value = mkident($6, @6);
            $$->anchor = mkident($8, @8);
        }
  | ALTER TYPE any_name ADD VALUE STRING AFTER STRING
        {
            $$ = mkstmt(ps, ST_ADD_VALUE, @$);
            $$->object.name = $3;
            $$->object.loc = @3;
            $$->value = mkident($6, @6);
            $$->anchor = mkident($8, @8);
            $$->after = true;
        }
  | ALTER TYPE any_name RENAME VALUE STRING TO STRING
        {
            $$ = mkstmt(ps, ST_RENAME_VALUE, @$);
            $$->object.name = $3;
            $$->object.loc = @3;
            $$->value = mkident($6, @6);
            $$->new_name = mkident($8, @8);
        }
  | DROP TYPE any_name
        {
            $$ = mkstmt(ps, ST_DROP_ENUM, @$);
            $$->object.name = $3;
            $$->object.loc = @3;
        }
  | CREATE EXTENSION any_name opt_ext_schema
        {
            $$ = mkstmt(ps, ST_CREATE_EXTENSION, @$);
            $$->cname = $3;
            $$->object.schema = $4;
        }
  | CREATE EXTENSION IDENT NOT IDENT any_name opt_ext_schema
        {
            /* if not exists: "if" and "exists" are no keywords */
            if (strcmp($3, "if") != 0)
                parse_error(ps, @3, NULL,
                            "syntax error: unexpected identifier \"%s\", "
                            "expected \"if not exists\" or a name", $3);
            else if (strcmp($5, "exists") != 0)
                parse_error(ps, @5, "write create extension if not exists NAME",
                            "syntax error: unexpected identifier \"%s\", "
                            "expected \"exists\"", $5);
            $$ = mkstmt(ps, ST_CREATE_EXTENSION, @$);
            $$->if_not_exists = true;
            $$->cname = $6;
            $$->object.schema = $7;
        }
  | DROP EXTENSION any_name
        {
            $$ = mkstmt(ps, ST_DROP_EXTENSION, @$);
            $$->cname = $3;
        }
  | RENAME INDEX index_dotted TO any_name
        {
            $$ = mkstmt(ps, ST_RENAME_INDEX, @$);
            $$->object = index_name(ps, &$3);
            $$->new_name = $5;
        }
  | RENAME CONSTRAINT dotted TO any_name
        {
            $$ = mkstmt(ps, ST_RENAME_CONSTRAINT, @$);
            column_ref(ps, &$3, &$$->table, &$$->cname, "constraint");
            $$->new_name = $5;
        }
  | COMMENT ON TABLE dotted IS comment_text
        {
            $$ = mkstmt(ps, ST_COMMENT, @$);
            $$->table = table_name(ps, &$4);
            $$->comment = $6;
            $$->sql_up_loc = @6;
        }
  | COMMENT ON COLUMN dotted IS comment_text
        {
            $$ = mkstmt(ps, ST_COMMENT, @$);
            column_ref(ps, &$4, &$$->table, &$$->column, "column");
            $$->comment = $6;
            $$->sql_up_loc = @6;
        }
  | RENAME SEQUENCE dotted TO any_name
        {
            $$ = mkstmt(ps, ST_RENAME_SEQUENCE, @$);
            $$->object = table_name(ps, &$3);
            $$->new_name = $5;
        }
  /* ---- objects beyond tables (compiler/objkind.h) ---- */
  | CREATE TABLE dotted '(' elements ')' AS STRING
        {
            $$ = mkstmt(ps, ST_CREATE_TABLE, @$);
            $$->table = table_name(ps, &$3);
            $$->columns = $5.col_head;
            $$->constraints = $5.con_head;
            $$->sql_up = $8;
            $$->sql_up_loc = @8;
        }
  | CREATE opt_or_replace VIEW dotted opt_view_cols AS STRING
        {
            $$ = mkstmt(ps, ST_CREATE_OBJECT, @$);
            $$->obj = OBJ_VIEW;
            $$->or_replace = $2;
            $$->object = table_name(ps, &$4);
            $$->names = $5.head;
            $$->sql_up = $7;
            $$->sql_up_loc = @7;
        }
  | CREATE MATERIALIZED VIEW dotted opt_view_cols AS STRING opt_no_data
        {
            $$ = mkstmt(ps, ST_CREATE_OBJECT, @$);
            $$->obj = OBJ_MATVIEW;
            $$->object = table_name(ps, &$4);
            $$->names = $5.head;
            $$->sql_up = $7;
            $$->sql_up_loc = @7;
            $$->no_data = $8;
        }
  | DROP VIEW dotted
        {
            $$ = mkstmt(ps, ST_DROP_OBJECT, @$);
            $$->obj = OBJ_VIEW;
            $$->object = table_name(ps, &$3);
        }
  | DROP MATERIALIZED VIEW dotted
        {
            $$ = mkstmt(ps, ST_DROP_OBJECT, @$);
            $$->obj = OBJ_MATVIEW;
            $$->object = table_name(ps, &$4);
        }
  | RENAME VIEW dotted TO any_name
        {
            $$ = mkstmt(ps, ST_RENAME_OBJECT, @$);
            $$->obj = OBJ_VIEW;
            $$->object = table_name(ps, &$3);
            $$->new_name = $5;
        }
  | RENAME MATERIALIZED VIEW dotted TO any_name
        {
            $$ = mkstmt(ps, ST_RENAME_OBJECT, @$);
            $$->obj = OBJ_MATVIEW;
            $$->object = table_name(ps, &$4);
            $$->new_name = $6;
        }
  | REFRESH MATERIALIZED VIEW opt_conc index_dotted
        {
            $$ = mkstmt(ps, ST_REFRESH_OBJECT, @$);
            $$->obj = OBJ_MATVIEW;
            $$->concurrently = $4;
            $$->object = table_name(ps, &$5);
        }
  /* ---- functions, procedures, triggers ---- */
  | CREATE opt_or_replace routine_head routine_rest
        {
            $$ = mkstmt(ps, ST_CREATE_ROUTINE, @$);
            $4->procedure = $3->procedure;
            $4->name = $3->name;
            $4->args = $3->args;
            $4->or_replace = $2;
            $4->loc = @$;
            $$->routine = $4;
        }
  | DROP routine_head
        {
            $$ = mkstmt(ps, ST_DROP_ROUTINE, @$);
            $2->loc = @$;
            $$->routine = $2;
        }
  | CREATE TRIGGER any_name trig_timing trig_events ON dotted
    opt_for_each_row opt_trig_when EXECUTE FUNCTION any_name '(' ')'
        {
            $$ = mkstmt(ps, ST_CREATE_TRIGGER, @$);
            TriggerDef *t = $5;
            t->name = $3;
            t->timing = $4->timing;
            t->table = table_name(ps, &$7);
            t->for_each_row = $8;
            t->when = $9;
            t->function = $12;
            t->loc = @$;
            $$->trigger = t;
        }
  | DROP TRIGGER dotted
        {
            $$ = mkstmt(ps, ST_DROP_TRIGGER, @$);
            TriggerDef *t = ARENA_NEW(ps->arena, TriggerDef);
            column_ref(ps, &$3, &t->table, &t->name, "trigger");
            t->loc = @$;
            $$->trigger = t;
        }
  | SQL sql_texts opt_sql_down
        {
            $$ = mkstmt(ps, ST_SQL, @$);
            sql_stmt(ps, $$, &$2, &$3);
        }
  ;

func_or_proc:
    FUNCTION                    { $$ = false; }
  | PROCEDURE                   { $$ = true; }
  ;

/* function NAME (args): what create and drop share. */
routine_head:
    func_or_proc any_name '(' opt_func_args ')'
        {
            $$ = ARENA_NEW(ps->arena, RoutineDef);
            $$->procedure = $1;
            $$->name = $2;
            $$->args = $4;
        }
  ;

routine_rest:
    RETURNS type_ref LANGUAGE any_name AS sql_texts
        {
            $$ = ARENA_NEW(ps->arena, RoutineDef);
            $$->has_returns = true;
            $$->returns = $2;
            $$->language = $4;
            $$->bodies = $6.head;
        }
  | RETURNS TRIGGER LANGUAGE any_name AS sql_texts
        {
            $$ = ARENA_NEW(ps->arena, RoutineDef);
            $$->has_returns = true;
            $$->returns.kind = TY_CUSTOM;
            $$->returns.name = "trigger";
            $$->returns.loc = @2;
            $$->language = $4;
            $$->bodies = $6.head;
        }
  | LANGUAGE any_name AS sql_texts
        {
            $$ = ARENA_NEW(ps->arena, RoutineDef);
            $$->language = $2;
            $$->bodies = $4.head;
        }
  ;

opt_func_args:
    %empty                      { $$ = NULL; }
  | func_args                   { $$ = $1; }
  ;

func_args:
    func_arg                    { $$ = $1; }
  | func_args ',' func_arg
        {
            ArgDef *a = $1;
            while (a->next)
                a = a->next;
            a->next = $3;
            $$ = $1;
        }
  ;

func_arg:
    type_ref
        {
            $$ = ARENA_NEW(ps->arena, ArgDef);
            $$->type = $1;
        }
  | IDENT type_ref
        {
            $$ = ARENA_NEW(ps->arena, ArgDef);
            $$->name = mkident($1, @1);
            $$->type = $2;
        }
  ;

trig_timing:
    BEFORE          { $$ = ARENA_NEW(ps->arena, TriggerDef); $$->timing = TG_BEFORE; }
  | AFTER           { $$ = ARENA_NEW(ps->arena, TriggerDef); $$->timing = TG_AFTER; }
  | INSTEAD OF      { $$ = ARENA_NEW(ps->arena, TriggerDef); $$->timing = TG_INSTEAD_OF; }
  ;

trig_events:
    trig_event                  { $$ = $1; }
  | trig_events OR trig_event
        {
            $$ = $1;
            if ($$->events & $3->events)
                parse_error(ps, @3, NULL, "an event appears twice in the trigger");
            $$->events |= $3->events;
            if ($3->update_cols)
                $$->update_cols = $3->update_cols;
        }
  ;

trig_event:
    INSERT          { $$ = ARENA_NEW(ps->arena, TriggerDef); $$->events = TG_INSERT; }
  | UPDATE          { $$ = ARENA_NEW(ps->arena, TriggerDef); $$->events = TG_UPDATE; }
  | UPDATE OF name_list
        {
            $$ = ARENA_NEW(ps->arena, TriggerDef);
            $$->events = TG_UPDATE;
            $$->update_cols = $3.head;
        }
  | DELETE          { $$ = ARENA_NEW(ps->arena, TriggerDef); $$->events = TG_DELETE; }
  | TRUNCATE        { $$ = ARENA_NEW(ps->arena, TriggerDef); $$->events = TG_TRUNCATE; }
  ;

opt_for_each_row:
    %empty                      { $$ = false; }
  | FOR EACH ROW                { $$ = true; }
  ;

opt_trig_when:
    %empty                      { $$ = NULL; }
  | WHEN RAW                    { $$ = $2; }
  ;

enum_labels:
    STRING                      { $$.head = $$.tail = NULL; names_add(ps, &$$, mkident($1, @1)); }
  | enum_labels ',' STRING      { $$ = $1; names_add(ps, &$$, mkident($3, @3)); }
  ;

opt_using:
    %empty                      { $$ = NULL; }
  | USING RAW                   { $$ = $2; }
  ;

opt_where:
    %empty                      { $$ = NULL; }
  | WHERE RAW                   { $$ = $2; }
  ;

/* sql [dialect] STRING ... [down ([dialect] STRING ... | none)]: a text
 * without a dialect is for every dialect that has none of its own; `none`
 * in place of a text says there is nothing to run. */
sql_texts:
    sql_text
        { $$.head = $$.tail = NULL; $$.given = true; sqltexts_add(ps, &$$, $1, "up"); }
  | sql_texts sql_text          { $$ = $1; sqltexts_add(ps, &$$, $2, "up"); }
  ;

sql_text:
    STRING                      { $$ = mksqltext(ps, NULL, @1, $1, @1); }
  | NONE                        { $$ = mksqltext(ps, NULL, @1, NULL, @1); }
  | IDENT STRING                { $$ = mksqltext(ps, $1, @1, $2, @2); }
  | IDENT NONE                  { $$ = mksqltext(ps, $1, @1, NULL, @2); }
  ;

opt_sql_down:
    %empty                      { $$.head = $$.tail = NULL; $$.given = false; }
  | DOWN sql_down_texts         { $$ = $2; }
  ;

sql_down_texts:
    sql_text
        { $$.head = $$.tail = NULL; $$.given = true; sqltexts_add(ps, &$$, $1, "down"); }
  | sql_down_texts sql_text     { $$ = $1; sqltexts_add(ps, &$$, $2, "down"); }
  ;

opt_ext_schema:
    %empty                      { $$ = mkident(NULL, @$); }
  | WITH SCHEMA any_name        { $$ = $3; }
  ;

/* using METHOD (btree, hash, gist, gin, brin, spgist, ...) */
opt_method:
    %empty                      { $$ = mkident(NULL, @$); }
  | USING IDENT                 { $$ = mkident($2, @2); }
  ;

index_keys:
    index_key                   { $$.head = $$.tail = $1; }
  | index_keys ',' index_key    { $$ = $1; $$.tail->next = $3; $$.tail = $3; }
  ;

/* ( col | ( raw ) ) [opclass] [asc | desc] [nulls first | nulls last] */
index_key:
    any_name opt_opclass opt_key_order opt_key_nulls
        {
            $$ = ARENA_NEW(ps->arena, IndexKey);
            $$->col = $1;
            $$->opclass = $2;
            $$->order = (KeyOrder)$3;
            $$->nulls = (KeyNulls)$4;
            $$->loc = @$;
        }
  | RAW opt_opclass opt_key_order opt_key_nulls
        {
            $$ = ARENA_NEW(ps->arena, IndexKey);
            $$->col = mkident(NULL, @1);
            $$->expr = $1;
            $$->opclass = $2;
            $$->order = (KeyOrder)$3;
            $$->nulls = (KeyNulls)$4;
            $$->loc = @$;
        }
  ;

opt_opclass:
    %empty                      { $$ = mkident(NULL, @$); }
  | IDENT                       { $$ = mkident($1, @1); }
  ;

opt_key_order:
    %empty                      { $$ = KEY_ORDER_DEFAULT; }
  | ASC                         { $$ = KEY_ASC; }
  | DESC                        { $$ = KEY_DESC; }
  ;

opt_key_nulls:
    %empty                      { $$ = KEY_NULLS_DEFAULT; }
  | NULLS FIRST                 { $$ = KEY_NULLS_FIRST; }
  | NULLS LAST                  { $$ = KEY_NULLS_LAST; }
  ;

opt_include:
    %empty                      { $$.head = $$.tail = NULL; }
  | INCLUDE '(' name_list ')'   { $$ = $3; }
  ;

opt_or_replace:
    %empty                      { $$ = false; }
  | OR REPLACE                  { $$ = true; }
  ;

opt_view_cols:
    %empty                      { $$.head = $$.tail = NULL; }
  | '(' name_list ')'           { $$ = $2; }
  ;

opt_no_data:
    %empty                      { $$ = false; }
  | WITH NO DATA                { $$ = true; }
  | WITH DATA                   { $$ = false; }
  ;

opt_unique:
    %empty                      { $$ = false; }
  | UNIQUE                      { $$ = true; }
  ;

opt_conc:
    %empty                      { $$ = false; }
  | CONCURRENTLY                { $$ = true; }
  ;

opt_index_name:
    %empty                      { $$ = mkident(NULL, @$); }
  | index_name                  { $$ = $1; }
  ;

/* ---- create table ---- */

elements:
    element                     { memset(&$$, 0, sizeof $$); elems_add(&$$, &$1); }
  | elements ',' { yyerrok; } element
                                { $$ = $1; elems_add(&$$, &$4); }
  ;

element:
    col_def                     { memset(&$$, 0, sizeof $$); $$.col_head = $1; }
  | tcon                        { memset(&$$, 0, sizeof $$); $$.con_head = $1; }
  | error                       { memset(&$$, 0, sizeof $$); }
  ;

col_def:
    col_name type_ref col_opts
        {
            $$ = $3;
            $$->name = $1;
            $$->type = $2;
            $$->loc = @$;
        }
  ;

col_opts:
    %empty                      { $$ = ARENA_NEW(ps->arena, ColumnDef); }
  | col_opts col_opt
        {
            $$ = $1;
            switch ($2.kind) {
            case COLOPT_NOT_NULL:
                $$->not_null = true;
                break;
            case COLOPT_NULL:
                $$->null_given = true;
                break;
            case COLOPT_DEFAULT:
                if ($$->def)
                    parse_error(ps, @2, NULL, "multiple default values");
                $$->def = $2.def;
                break;
            case COLOPT_GENERATED:
            case COLOPT_IDENTITY:
                if ($$->generated || $$->identity)
                    parse_error(ps, @2, NULL,
                                "multiple generated clauses");
                $$->generated = $2.gen;
                $$->identity = $2.identity;
                $$->gen_loc = @2;
                break;
            case COLOPT_CONSTRAINT:
                if (!$$->cons) {
                    $$->cons = $2.con;
                } else {
                    Constraint *c = $$->cons;
                    while (c->next)
                        c = c->next;
                    c->next = $2.con;
                }
                break;
            }
        }
  ;

col_opt:
    col_opt_body                { $$ = $1; }
  | CONSTRAINT any_name col_opt_body
        {
            $$ = $3;
            if ($$.con) {
                $$.con->name = $2;
                $$.con->loc = @$;
            }
        }
  ;

col_opt_body:
    NOT NULL_P
        { $$.kind = COLOPT_NOT_NULL; $$.def = NULL; $$.con = NULL; }
  | NULL_P
        { $$.kind = COLOPT_NULL; $$.def = NULL; $$.con = NULL; }
  | DEFAULT default_expr
        { $$.kind = COLOPT_DEFAULT; $$.def = $2; $$.con = NULL; }
  | GENERATED ALWAYS AS RAW STORED
        {
            $$.kind = COLOPT_GENERATED; $$.def = NULL; $$.con = NULL;
            $$.gen = $4; $$.identity = IDENTITY_NONE;
        }
  | GENERATED ALWAYS AS IDENTITY
        {
            $$.kind = COLOPT_IDENTITY; $$.def = NULL; $$.con = NULL;
            $$.gen = NULL; $$.identity = IDENTITY_ALWAYS;
        }
  | GENERATED BY DEFAULT AS IDENTITY
        {
            $$.kind = COLOPT_IDENTITY; $$.def = NULL; $$.con = NULL;
            $$.gen = NULL; $$.identity = IDENTITY_BY_DEFAULT;
        }
  | PRIMARY KEY
        {
            $$.kind = COLOPT_CONSTRAINT; $$.def = NULL;
            $$.con = mkcon(ps, CON_PRIMARY, @$);
        }
  | UNIQUE
        {
            $$.kind = COLOPT_CONSTRAINT; $$.def = NULL;
            $$.con = mkcon(ps, CON_UNIQUE, @$);
        }
  | CHECK RAW
        {
            $$.kind = COLOPT_CONSTRAINT; $$.def = NULL;
            $$.con = mkcon(ps, CON_CHECK, @$);
            $$.con->check = $2;
        }
  | REFERENCES dotted opt_ref_cols fk_actions
        {
            $$.kind = COLOPT_CONSTRAINT; $$.def = NULL;
            $$.con = mkcon(ps, CON_FOREIGN, @$);
            $$.con->ref_table = table_name(ps, &$2);
            $$.con->ref_cols = $3.head;
            $$.con->on_delete = $4.on_delete;
            $$.con->on_update = $4.on_update;
            if ($3.head && $3.head->next)
                parse_error(ps, @3, NULL,
                            "a column references exactly one column");
        }
  ;

tcon:
    tcon_body                   { $$ = $1; }
  | CONSTRAINT any_name tcon_body
        {
            $$ = $3;
            $$->name = $2;
            $$->loc = @$;
        }
  ;

tcon_body:
    PRIMARY KEY '(' name_list ')'
        {
            $$ = mkcon(ps, CON_PRIMARY, @$);
            $$->cols = $4.head;
        }
  | UNIQUE '(' name_list ')'
        {
            $$ = mkcon(ps, CON_UNIQUE, @$);
            $$->cols = $3.head;
        }
  | CHECK RAW
        {
            $$ = mkcon(ps, CON_CHECK, @$);
            $$->check = $2;
        }
  | FOREIGN KEY '(' name_list ')' REFERENCES dotted opt_ref_cols fk_actions
        {
            $$ = mkcon(ps, CON_FOREIGN, @$);
            $$->cols = $4.head;
            $$->ref_table = table_name(ps, &$7);
            $$->ref_cols = $8.head;
            $$->on_delete = $9.on_delete;
            $$->on_update = $9.on_update;
        }
  ;

opt_ref_cols:
    %empty                      { $$.head = $$.tail = NULL; }
  | '(' name_list ')'           { $$ = $2; }
  ;

fk_actions:
    %empty
        { $$.on_delete = FK_NONE; $$.on_update = FK_NONE; }
  | fk_actions ON DELETE fk_action
        { $$ = $1; set_fk(ps, &$$.on_delete, $4, @2, "on delete"); }
  | fk_actions ON UPDATE fk_action
        { $$ = $1; set_fk(ps, &$$.on_update, $4, @2, "on update"); }
  ;

fk_action:
    CASCADE                     { $$ = FK_CASCADE; }
  | RESTRICT                    { $$ = FK_RESTRICT; }
  | NO ACTION                   { $$ = FK_NO_ACTION; }
  | SET NULL_P                  { $$ = FK_SET_NULL; }
  | SET DEFAULT                 { $$ = FK_SET_DEFAULT; }
  ;

name_list:
    any_name                    { $$.head = $$.tail = NULL; names_add(ps, &$$, $1); }
  | name_list ',' any_name      { $$ = $1; names_add(ps, &$$, $3); }
  ;

/* ---- types and defaults ---- */

type_ref:
    type_name opt_type_args     { $$ = make_type(ps, $1, &$2, @$); }
  ;

type_name:
    IDENT                       { $$.name = $1; $$.loc = @$; }
  | DOUBLE                      { $$.name = "double"; $$.loc = @$; }
  | DOUBLE PRECISION            { $$.name = "double precision"; $$.loc = @$; }
  | CHARACTER                   { $$.name = "character"; $$.loc = @$; }
  | CHARACTER VARYING           { $$.name = "character varying"; $$.loc = @$; }
  | TIME                        { $$.name = "time"; $$.loc = @$; }
  | TIME tz_clause
        {
            /* time with time zone has no portable type: it stays a custom
             * type under PostgreSQL's own one-word name, which every
             * emitter can write bare. */
            $$.name = $2 ? "timetz" : "time without time zone";
            $$.loc = @$;
        }
  | TIMESTAMP                   { $$.name = "timestamp"; $$.loc = @$; }
  | TIMESTAMP tz_clause
        {
            $$.name = $2 ? "timestamp with time zone"
                         : "timestamp without time zone";
            $$.loc = @$;
        }
  ;

tz_clause:
    WITH TIME ZONE              { $$ = true; }
  | WITHOUT TIME ZONE           { $$ = false; }
  ;

opt_type_args:
    %empty                      { memset(&$$, 0, sizeof $$); }
  | '(' type_args ')'           { $$ = $2; }
  ;

type_args:
    type_arg
        {
            memset(&$$, 0, sizeof $$);
            $$.all_numbers = true;
            $$.text = $1;
            targ_add(&$$, $1, @1);
        }
  | type_args ',' type_arg
        {
            /* The text is joined anew for each argument: the cap keeps
             * that linear in the input. */
            $$ = $1;
            if ($$.n >= MIGC_MAX_TYPE_ARGS) {
                if (!$$.capped)
                    parse_error(ps, @3, NULL,
                                "too many type arguments (limit %d)",
                                MIGC_MAX_TYPE_ARGS);
                $$.capped = true;
            } else {
                $$.text = arena_printf(ps->arena, "%s, %s", $1.text, $3);
                targ_add(&$$, $3, @3);
            }
        }
  ;

type_arg:
    NUMBER                      { $$ = $1; }
  | IDENT                       { $$ = $1; }
  ;

/* drop column t.c fill VALUE: the value the down gives existing rows. */
opt_fill:
    %empty                      { $$ = NULL; }
  | FILL default_expr           { $$ = $2; }
  ;

default_expr:
    NUMBER                      { $$ = mkexpr(ps, EX_NUMBER, $1, @$); }
  | STRING                      { $$ = mkexpr(ps, EX_STRING, $1, @$); }
  | TRUE_P                      { $$ = mkexpr(ps, EX_TRUE, NULL, @$); }
  | FALSE_P                     { $$ = mkexpr(ps, EX_FALSE, NULL, @$); }
  | NULL_P                      { $$ = mkexpr(ps, EX_NULL, NULL, @$); }
  | RAW                         { $$ = mkexpr(ps, EX_RAW, $1, @$); }
  | IDENT                       { $$ = bare_default(ps, $1, @$); }
  | default_expr TYPECAST type_ref
        {
            $$ = mkexpr(ps, EX_CAST, NULL, @$);
            $$->arg = $1;
            $$->cast = ARENA_NEW(ps->arena, TypeRef);
            *$$->cast = $3;
        }
  | IDENT RAW
        {
            const char *p = $2;
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                p++;
            if (strcmp($1, "now") == 0 && *p == '\0') {
                $$ = mkexpr(ps, EX_NOW, NULL, @$);
            } else {
                $$ = mkexpr(ps, EX_CALL, $2, @$);
                $$->name = $1;
            }
        }
  ;

/* ---- names ---- */

dotted:
    any_name
        {
            $$.part[0] = $1;
            $$.n = 1;
            $$.loc = @$;
        }
  | dotted '.' any_name
        {
            $$ = $1;
            if ($$.n < 3)
                $$.part[$$.n] = $3;
            $$.n++;
            $$.loc = @$;
        }
  ;

index_dotted:
    index_name
        {
            $$.part[0] = $1;
            $$.n = 1;
            $$.loc = @$;
        }
  | index_dotted '.' any_name
        {
            $$ = $1;
            if ($$.n < 3)
                $$.part[$$.n] = $3;
            $$.n++;
            $$.loc = @$;
        }
  ;

/* A name in a column list of create table. */
col_name:
    IDENT                       { $$ = mkident($1, @$); }
  | QIDENT                      { $$ = mkident($1, @$); }
  | unreserved_keyword          { $$ = kw_ident(ps, @$); }
  | CONCURRENTLY                { $$ = kw_ident(ps, @$); }
  | ON                          { $$ = kw_ident(ps, @$); }
  ;

/* Lint rules named by `allow`: adding-foreign-key-constraint. */
rule_list:
    HNAME                       { $$.head = $$.tail = NULL; names_add(ps, &$$, mkident($1, @1)); }
  | IDENT                       { $$.head = $$.tail = NULL; names_add(ps, &$$, mkident($1, @1)); }
  | rule_list ',' HNAME         { $$ = $1; names_add(ps, &$$, mkident($3, @3)); }
  | rule_list ',' IDENT         { $$ = $1; names_add(ps, &$$, mkident($3, @3)); }
  ;

/* An index name right after create index / drop index. */
index_name:
    IDENT                       { $$ = mkident($1, @$); }
  | QIDENT                      { $$ = mkident($1, @$); }
  | unreserved_keyword          { $$ = kw_ident(ps, @$); }
  | col_reserved_keyword        { $$ = kw_ident(ps, @$); }
  ;

/* Any other name. */
any_name:
    col_name                    { $$ = $1; }
  | col_reserved_keyword        { $$ = kw_ident(ps, @$); }
  ;

col_reserved_keyword:
    CONSTRAINT | FOREIGN | PRIMARY | UNIQUE
  ;

unreserved_keyword:
    ACTION | ADD | AFTER | ALLOW | ALTER | AS | ASC | BEFORE | CASCADE | CHARACTER
  | DESC | EXTENSION | FIRST | INCLUDE | LAST | NULLS
  | COLUMN | CREATE | DELETE
  | DOUBLE | DOWN | DROP | ENUM | EXPAND | FALSE_P | FILL | INDEX | IRREVERSIBLE
  | KEY | NO | NONE | NOT
  | NULL_P | PRECISION | REFERENCES | RENAME | REPLACES | RESTRICT | SAFE
  | SCHEMA
  | SEQUENCE | SET
  | SQL
  | TABLE | TIME | TIMESTAMP | TO | TRANSACTION | TRUE_P | TYPE | UP | UPDATE
  | VALUE | VARYING | WITH | WITHOUT | ZONE
  | DATA | MATERIALIZED | OR | REFRESH | REPLACE | VIEW
  | EACH | EXECUTE | FOR | FUNCTION | INSERT | INSTEAD | LANGUAGE | OF
  | PROCEDURE | RETURNS | ROW | TRIGGER | TRUNCATE | WHEN
  | ALWAYS | BY | GENERATED | IDENTITY | STORED | COMMENT | IS
  ;

/* comment on ... is 'text' | null (NULL: no comment) */
comment_text:
    STRING                      { $$ = $1; }
  | NULL_P                      { $$ = NULL; }
  ;

%%

static Stmt *mkstmt(ParseState *ps, StmtKind kind, Loc loc)
{
    Stmt *s = ARENA_NEW(ps->arena, Stmt);
    s->kind = kind;
    s->loc = loc;
    s->allow = ps->pending_allow;
    ps->pending_allow = NULL;
    ps->seen_stmt = true;
    return s;
}

static Ident mkident(const char *s, Loc loc)
{
    Ident id = { s, loc };
    return id;
}

/* A keyword used as a name: its text, folded. */
static Ident kw_ident(ParseState *ps, Loc loc)
{
    size_t n = (size_t)(loc.end - loc.start);
    char *p = arena_strndup(ps->arena, ps->src->text + loc.start, n);
    for (size_t i = 0; i < n; i++)
        if (p[i] >= 'A' && p[i] <= 'Z')
            p[i] = (char)(p[i] - 'A' + 'a');
    return mkident(p, loc);
}

/* [schema.]table */
static QName table_name(ParseState *ps, const PDotted *d)
{
    QName q;
    memset(&q, 0, sizeof q);
    q.loc = d->loc;
    if (d->n > 2) {
        parse_error(ps, d->loc, "a table name is written [schema.]table",
                    "too many dots in table name");
        q.name = d->part[d->n > 3 ? 2 : d->n - 1];
        return q;
    }
    if (d->n == 2) {
        q.schema = d->part[0];
        q.name = d->part[1];
    } else {
        q.name = d->part[0];
    }
    return q;
}

/* [schema.]table.name: a column or a constraint of a table. */
static void column_ref(ParseState *ps, const PDotted *d, QName *table,
                       Ident *col, const char *what)
{
    memset(table, 0, sizeof *table);
    table->loc = d->loc;
    *col = d->part[0];
    if (d->n == 1) {
        parse_error(ps, d->loc,
                    arena_printf(ps->arena, "write table.%s", d->part[0].s),
                    "%s name must be qualified by its table", what);
        return;
    }
    if (d->n > 3) {
        parse_error(ps, d->loc,
                    arena_printf(ps->arena, "a %s is written [schema.]table.%s",
                                 what, what),
                    "too many dots in %s name", what);
        return;
    }
    int t = d->n - 2;
    if (t == 1)
        table->schema = d->part[0];
    table->name = d->part[t];
    table->loc.end = d->part[t].loc.end;
    *col = d->part[t + 1];
}

/* [schema.]index */
static QName index_name(ParseState *ps, const PDotted *d)
{
    QName q;
    memset(&q, 0, sizeof q);
    q.loc = d->loc;
    if (d->n > 2) {
        parse_error(ps, d->loc, "an index name is written [schema.]index",
                    "too many dots in index name");
        q.name = d->part[0];
        return q;
    }
    if (d->n == 2) {
        q.schema = d->part[0];
        q.name = d->part[1];
    } else {
        q.name = d->part[0];
    }
    return q;
}

static void targ_add(PTypeArgs *t, const char *s, Loc loc)
{
    char *end = NULL;
    long v = -1;
    if (s[0] >= '0' && s[0] <= '9' && strlen(s) <= 9)
        v = strtol(s, &end, 10);
    if (!end || *end) {
        t->all_numbers = false;
        if (!t->has_bad) {
            t->has_bad = true;
            t->bad = loc;
        }
    } else if (t->n < TYPE_MAX_ARGS) {
        t->num[t->n] = v;
    }
    t->n++;
}

static TypeRef make_type(ParseState *ps, PTypeName name, const PTypeArgs *args,
                         Loc loc)
{
    TypeRef t;
    memset(&t, 0, sizeof t);
    t.kind = TY_CUSTOM;
    t.name = name.name;
    t.loc = loc;
    t.kind = type_lookup(name.name);
    if (t.kind != TY_CUSTOM) {
        int maxargs = type_info(t.kind)->maxargs;
        if (args->n > maxargs) {
            if (maxargs == 0)
                parse_error(ps, loc, NULL, "type %s takes no arguments",
                            name.name);
            else
                parse_error(ps, loc, NULL,
                            "type %s takes at most %d argument%s", name.name,
                            maxargs, maxargs == 1 ? "" : "s");
        } else if (args->has_bad) {
            parse_error(ps, args->bad, NULL,
                        "type argument must be a non-negative integer");
        } else {
            t.nargs = args->n;
            for (int k = 0; k < args->n; k++)
                t.arg[k] = args->num[k];
        }
        return t;
    }
    if (args->n > 0)
        t.args = args->text;
    return t;
}

static Expr *mkexpr(ParseState *ps, ExprKind kind, const char *text, Loc loc)
{
    Expr *e = ARENA_NEW(ps->arena, Expr);
    e->kind = kind;
    e->text = text;
    e->loc = loc;
    return e;
}

/* A default written as a bare word: the SQL niladic functions. */
static Expr *bare_default(ParseState *ps, const char *name, Loc loc)
{
    static const char *const niladic[] = {
        "current_date", "current_time", "localtime", "localtimestamp",
        "current_user", "session_user",
    };
    if (ps->eof_error)
        return mkexpr(ps, EX_RAW, name, loc);
    if (strcmp(name, "current_timestamp") == 0)
        return mkexpr(ps, EX_NOW, NULL, loc);
    for (size_t i = 0; i < sizeof niladic / sizeof niladic[0]; i++)
        if (strcmp(name, niladic[i]) == 0)
            return mkexpr(ps, EX_RAW, name, loc);
    parse_error(ps, loc,
                arena_printf(ps->arena,
                             "write a string ('%s'), a function call (%s()) "
                             "or an expression in parentheses",
                             name, name),
                "unknown default value \"%s\"", name);
    return mkexpr(ps, EX_RAW, name, loc);
}

static Constraint *mkcon(ParseState *ps, ConKind kind, Loc loc)
{
    Constraint *c = ARENA_NEW(ps->arena, Constraint);
    c->kind = kind;
    c->loc = loc;
    return c;
}

static void elems_add(PElems *e, const PElems *one)
{
    if (one->col_head) {
        if (e->col_tail)
            e->col_tail->next = one->col_head;
        else
            e->col_head = one->col_head;
        e->col_tail = one->col_head;
    }
    if (one->con_head) {
        if (e->con_tail)
            e->con_tail->next = one->con_head;
        else
            e->con_head = one->con_head;
        e->con_tail = one->con_head;
    }
}

static void names_add(ParseState *ps, PNames *l, Ident id)
{
    NameList *n = ARENA_NEW(ps->arena, NameList);
    n->name = id;
    if (l->tail)
        l->tail->next = n;
    else
        l->head = n;
    l->tail = n;
}

static void stmts_add(PStmtList *l, Stmt *s)
{
    if (!s)
        return;
    if (l->tail)
        l->tail->next = s;
    else
        l->head = s;
    l->tail = s;
}

static void set_fk(ParseState *ps, FkAction *slot, int act, Loc loc,
                   const char *what)
{
    if (*slot != FK_NONE)
        parse_error(ps, loc, NULL, "%s given twice", what);
    *slot = (FkAction)act;
}

/* One text of a sql statement; `dialect` as written (NULL: none). */
static SqlText *mksqltext(ParseState *ps, const char *dialect, Loc dloc,
                          const char *text, Loc loc)
{
    SqlText *t = ARENA_NEW(ps->arena, SqlText);
    t->dialect = SQLD_ANY;
    t->text = text;
    t->loc = loc;
    t->dialect_loc = dloc;
    if (dialect) {
        int d = ast_sql_dialect_lookup(dialect);
        if (d < 0) {
            static const char *const names[] = {"postgres", "sqlite", "mysql"};
            const char *best = NULL;
            int bestd = 4;
            for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
                int dd = edit_distance(dialect, names[i]);
                if (dd < bestd) {
                    bestd = dd;
                    best = names[i];
                }
            }
            parse_error(ps, dloc,
                        best ? arena_printf(ps->arena, "did you mean \"%s\"?",
                                            best)
                             : "the dialects are postgres, sqlite and mysql",
                        "unknown dialect \"%s\" in sql statement", dialect);
        } else {
            t->dialect = (SqlDialect)d;
        }
    }
    return t;
}

/* Each dialect (and the text without one) at most once in a part. */
static void sqltexts_add(ParseState *ps, PSqlTexts *l, SqlText *t,
                         const char *part)
{
    for (SqlText *p = l->head; p; p = p->next)
        if (p->dialect == t->dialect) {
            if (t->dialect == SQLD_ANY)
                parse_error(ps, t->dialect_loc,
                            "name the dialect each text is for: sql postgres "
                            "'...' sqlite '...'",
                            "the %s part of this sql statement has two texts "
                            "without a dialect", part);
            else
                parse_error(ps, t->dialect_loc, NULL,
                            "the %s part of this sql statement has two %s "
                            "texts", part, ast_sql_dialect_name(t->dialect));
            return;
        }
    if (l->tail)
        l->tail->next = t;
    else
        l->head = t;
    l->tail = t;
}

/* One text without a dialect up, and one or none down, is the plain form,
 * kept in sql_up and sql_down (its canonical text is as it always was);
 * any other is the per-dialect form, which the checker resolves. */
static void sql_stmt(ParseState *ps, Stmt *s, const PSqlTexts *up,
                     const PSqlTexts *down)
{
    (void)ps;
    const SqlText *u = up->head, *d = down->head;
    bool plain = u && !u->next && u->dialect == SQLD_ANY && u->text &&
                 (!down->given ||
                  (d && !d->next && d->dialect == SQLD_ANY && d->text));
    if (plain) {
        s->sql_up = u->text;
        s->sql_up_loc = u->loc;
        if (d) {
            s->sql_down = d->text;
            s->sql_down_loc = d->loc;
        }
        return;
    }
    s->sql_ups = up->head;
    s->sql_downs = down->head;
    s->sql_has_down = down->given;
}

/* ---- syntax error messages ---- */

/* The symbol of a one-character token. */
#define SYM(c) YYTRANSLATE(c)

static bool sym_is_keyword(yysymbol_kind_t k)
{
    return k >= YYSYMBOL_ACTION && k <= YYSYMBOL_ZONE;
}

static bool sym_starts_stmt(yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_CREATE:
    case YYSYMBOL_DROP:
    case YYSYMBOL_RENAME:
    case YYSYMBOL_ADD:
    case YYSYMBOL_ALTER:
    case YYSYMBOL_ALLOW:
    case YYSYMBOL_SQL:
    case YYSYMBOL_REFRESH:
    case YYSYMBOL_COMMENT:
        return true;
    default:
        return false;
    }
}

/* Expected tokens are listed words first, then punctuation, then the end
 * of the file: expected "to" or "."; expected "," or ")". */
static int sym_rank(yysymbol_kind_t k)
{
    static const char punct[] = ".,)(;{}";
    if (k == YYSYMBOL_YYEOF)
        return 1000;
    for (int i = 0; punct[i]; i++) {
        int c = punct[i];
        if (k == SYM(c))
            return 500 + i;
    }
    return (int)k;
}

static int sym_order(const void *a, const void *b)
{
    return sym_rank(*(const yysymbol_kind_t *)a) -
           sym_rank(*(const yysymbol_kind_t *)b);
}

/* "create", "(", end of file, a name ... as a message shows them. */
static const char *sym_display(ParseState *ps, yysymbol_kind_t k)
{
    const char *name = yysymbol_name(k);
    switch (k) {
    case YYSYMBOL_YYEOF:
        return "end of file";
    case YYSYMBOL_IDENT:
    case YYSYMBOL_QIDENT:
        return "a name";
    case YYSYMBOL_NUMBER:
        return "a number";
    case YYSYMBOL_STRING:
        return "a string";
    case YYSYMBOL_RAW:
        return "\"(\"";
    default:
        break;
    }
    if (name[0] == '\'')
        return arena_printf(ps->arena, "\"%c\"", name[1]);
    return arena_printf(ps->arena, "\"%s\"", name);
}

/* The unexpected token, with its text where that helps. */
static const char *tok_display(ParseState *ps, yysymbol_kind_t k, Loc loc)
{
    const char *s = ps->src->text + loc.start;
    int n = loc.end - loc.start;
    switch (k) {
    case YYSYMBOL_IDENT:
        return arena_printf(ps->arena, "identifier \"%.*s\"", n > 40 ? 40 : n, s);
    case YYSYMBOL_QIDENT:
        return arena_printf(ps->arena, "quoted identifier %.*s%s",
                            n > 40 ? 40 : n, s, n > 40 ? "...\"" : "");
    case YYSYMBOL_NUMBER:
        return arena_printf(ps->arena, "number %.*s", n > 40 ? 40 : n, s);
    case YYSYMBOL_STRING:
        if (n <= 30 && !memchr(s, '\n', (size_t)n) && s[0] == '\'')
            return arena_printf(ps->arena, "string %.*s", n, s);
        return "string";
    default:
        return sym_display(ps, k);
    }
}

/* Edit distance of two short words, for "did you mean". */
static int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 30 || lb > 30)
        return 99;
    int row[31];
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* Only for bison's own failures (its stack exhausted). */
static void yyerror(const YYLTYPE *loc, yyscan_t scanner, ParseState *ps,
                    const char *msg)
{
    (void)scanner;
    parse_error(ps, *loc, NULL, "%s", msg);
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
                                 ParseState *ps)
{
    (void)scanner;
    yysymbol_kind_t la = yypcontext_token(ctx);
    Loc loc = *yypcontext_location(ctx);

    /* The scanner already said why the file ended early. */
    if (la == YYSYMBOL_YYEOF && ps->eof_error) {
        ps->errors++;
        return 0;
    }
    /* Nor after a lexical error in the same statement. */
    bool closes = la == SYM(';') || la == SYM('{') || la == SYM('}');
    int boundary = closes ? ps->prev_semi_at : ps->semi_at;
    if (ps->lex_error_at >= 0 && ps->lex_error_at > boundary) {
        ps->errors++;
        return 0;
    }
    if (la == YYSYMBOL_RAW)
        loc.end = loc.start + 1;

    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
    if (n < 0)
        n = 0;
    bool want_name = false, want_stmt = false, want_semi = false;
    bool want_close = false, want_qident = false, want_double = false;
    for (int i = 0; i < n; i++) {
        if (exp[i] == YYSYMBOL_IDENT)
            want_name = true;
        else if (exp[i] == YYSYMBOL_CREATE)
            want_stmt = true;
        else if (exp[i] == SYM(';'))
            want_semi = true;
        else if (exp[i] == SYM(')'))
            want_close = true;
        else if (exp[i] == YYSYMBOL_QIDENT)
            want_qident = true;
        else if (exp[i] == YYSYMBOL_DOUBLE)
            want_double = true;
    }
    bool want_type = want_name && !want_qident && want_double;
    /* Keywords are names too: CREATE is a statement only where no name
     * is expected. */
    if (want_name)
        want_stmt = false;
    qsort(exp, (size_t)n, sizeof exp[0], sym_order);

    /* A hint: an unclosed parenthesis, a reserved word, or a typo. */
    const char *hint = NULL;
    if (want_close && ps->paren_depth > 0 && la != SYM(')')) {
        int d = ps->paren_depth;
        int at = ps->paren_at[(d > PARSE_PAREN_STACK ? PARSE_PAREN_STACK : d) - 1];
        int line, col;
        diag_linecol(ps->src, at, &line, &col);
        hint = arena_printf(ps->arena,
                            "possibly unterminated \"(\" at line %d, column %d",
                            line, col);
    } else if (n == 1 && exp[0] == YYSYMBOL_RAW) {
        if (ps->prev_tok == CHECK)
            hint = "a check constraint is written check (expression); "
                   "a column named \"check\" must be quoted";
        else if (ps->prev_tok == USING || ps->prev_tok == WHERE)
            hint = arena_printf(ps->arena, "write %s (expression)",
                                ps->prev_tok == USING ? "using" : "where");
    } else if (want_name && sym_is_keyword(la)) {
        const char *w = yysymbol_name(la);
        hint = arena_printf(ps->arena,
                            "\"%s\" is a reserved word here; quote it to use it "
                            "as a name", w);
    } else if (la == YYSYMBOL_IDENT) {
        const char *word = arena_strndup(ps->arena, ps->src->text + loc.start,
                                         (size_t)(loc.end - loc.start));
        const char *best = NULL;
        int bestd = 3;
        for (int i = 0; i < n; i++) {
            if (!sym_is_keyword(exp[i]))
                continue;
            const char *kw = yysymbol_name(exp[i]);
            int d = edit_distance(word, kw);
            if (d < bestd && d < (int)strlen(kw) - 1) {
                bestd = d;
                best = kw;
            }
        }
        if (best)
            hint = arena_printf(ps->arena, "did you mean \"%s\"?", best);
    }

    /* SQL typed out of habit: the migc spelling, with the user's names. */
    const char *habit = habit_hint(ps->arena, ps->src->text, ps->src->len,
                                   (closes ? ps->prev_semi_at : ps->semi_at) + 1);
    if (habit)
        hint = habit;

    if (sym_starts_stmt(la) && want_semi) {
        parse_error(ps, loc, hint, "syntax error: missing \";\" before %s",
                    tok_display(ps, la, loc));
        return 0;
    }

    /* What was expected, in words; long lists are cut down to the
     * punctuation, which is what is usually missing. */
    const char *words[YYNTOKENS];
    bool punct[YYNTOKENS];
    int nw = 0;
    bool said_name = false, said_stmt = false;
    for (int i = 0; i < n; i++) {
        yysymbol_kind_t k = exp[i];
        if (k == YYSYMBOL_IDENT || k == YYSYMBOL_QIDENT) {
            if (said_name)
                continue;
            said_name = true;
            punct[nw] = true;
            /* Only type names are never quoted. */
            words[nw++] = want_type ? "a type" : "a name";
            continue;
        }
        if (want_stmt && (sym_starts_stmt(k) || k == YYSYMBOL_UP ||
                          k == YYSYMBOL_NO || k == YYSYMBOL_SAFE ||
                          k == YYSYMBOL_EXPAND ||
                          k == YYSYMBOL_REPLACES ||
                          k == YYSYMBOL_YYEOF ||
                          k == SYM(';') || k == YYSYMBOL_IRREVERSIBLE ||
                          k == SYM('}'))) {
            if (said_stmt)
                continue;
            said_stmt = true;
            punct[nw] = true;
            words[nw++] = "a statement";
            continue;
        }
        if (want_name && sym_is_keyword(k))
            continue;
        punct[nw] = !sym_is_keyword(k) && k != SYM('(');
        words[nw++] = sym_display(ps, k);
    }
    if (nw > 5) {
        int m = 0;
        for (int i = 0; i < nw; i++)
            if (punct[i])
                words[m++] = words[i];
        nw = m;
    }

    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "syntax error: unexpected %s", tok_display(ps, la, loc));
    if (nw > 0 && nw <= 5) {
        sb_puts(&b, ", expected ");
        for (int i = 0; i < nw; i++) {
            if (i > 0)
                sb_puts(&b, i == nw - 1 ? " or " : ", ");
            sb_puts(&b, words[i]);
        }
    }
    parse_error(ps, loc, hint, "%s", sb_str(&b));
    sb_free(&b);
    return 0;
}
