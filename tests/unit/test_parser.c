/*
 * test_parser.c — the grammar: every statement to its AST fields, both
 * file structures, keyword case, unreserved keywords as names, the
 * canonical text, syntax errors with their exact diagnostics, and the
 * golden cases of tests/diag/syntax (NAME.mig beside NAME.expected; run
 * with MIGC_REGEN=1 to rewrite the .expected files for review).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "ast.h"
#include "compile.h"
#include "diag.h"
#include "emit.h"
#include "parse.h"

typedef struct Parsed {
    Arena arena;
    Migration m;
    bool ok;
    int errors;
    char *diag;
    size_t diaglen;
} Parsed;

static void parse_path(Parsed *p, const char *path, const char *text,
                       size_t len)
{
    memset(p, 0, sizeof *p);
    arena_init(&p->arena);
    FILE *out = open_memstream(&p->diag, &p->diaglen);
    assert_non_null(out);
    Diag d;
    diag_init(&d, out);
    p->m.src.path = path;
    p->m.src.text = text;
    p->m.src.len = len;
    p->ok = parse_migration(&p->arena, &d, &p->m);
    fclose(out);
    p->errors = d.errors;
}

static void parse(Parsed *p, const char *text)
{
    parse_path(p, "m.mig", text, strlen(text));
}

static void parsed_free(Parsed *p)
{
    arena_free(&p->arena);
    free(p->diag);
}

/* Parse, expect success, and return the only statement. */
static Stmt *one(Parsed *p, const char *text)
{
    parse(p, text);
    if (!p->ok)
        fprintf(stderr, "%s", p->diag);
    assert_true(p->ok);
    assert_non_null(p->m.up);
    assert_null(p->m.up->next);
    return p->m.up;
}

static char *canonical(const char *text)
{
    Parsed p;
    parse(&p, text);
    if (!p.ok)
        fprintf(stderr, "%s", p.diag);
    assert_true(p.ok);
    StrBuf b;
    sb_init(&b);
    ast_canonical(&p.m, &b);
    char *s = strdup(sb_str(&b));
    sb_free(&b);
    parsed_free(&p);
    return s;
}

static void assert_loc(Loc l, int start, int end)
{
    assert_int_equal(l.start, start);
    assert_int_equal(l.end, end);
}

/* ---- statements ---- */

static void test_create_table(void **state)
{
    (void)state;
    Parsed p;
    const char *text =
        "create table app.users (\n"
        "  id bigserial primary key,\n"
        "  email varchar(255) not null unique,\n"
        "  bio text null default 'it''s',\n"
        "  score numeric(10, 2) constraint pos check (score >= 0),\n"
        "  org integer references orgs (id) on delete cascade on update set null,\n"
        "  at timestamp with time zone default now(),\n"
        "  constraint users_email unique (email, org),\n"
        "  foreign key (org) references app.orgs on delete no action,\n"
        "  check (id > 0)\n"
        ")";
    Stmt *s = one(&p, text);
    assert_int_equal(s->kind, ST_CREATE_TABLE);
    assert_loc(s->loc, 0, (int)strlen(text));
    assert_string_equal(s->table.schema.s, "app");
    assert_string_equal(s->table.name.s, "users");
    assert_loc(s->table.loc, 13, 22);
    assert_loc(s->table.name.loc, 17, 22);

    ColumnDef *c = s->columns;
    assert_string_equal(c->name.s, "id");
    assert_loc(c->name.loc, 27, 29);
    assert_int_equal(c->type.kind, TY_BIGSERIAL);
    assert_int_equal(c->cons->kind, CON_PRIMARY);
    assert_null(c->cons->name.s);
    assert_loc(c->loc, 27, 51);

    c = c->next;
    assert_string_equal(c->name.s, "email");
    assert_int_equal(c->type.kind, TY_VARCHAR);
    assert_int_equal(c->type.nargs, 1);
    assert_int_equal(c->type.arg[0], 255);
    assert_true(c->not_null);
    assert_int_equal(c->cons->kind, CON_UNIQUE);

    c = c->next;
    assert_true(c->null_given);
    assert_false(c->not_null);
    assert_int_equal(c->def->kind, EX_STRING);
    assert_string_equal(c->def->text, "it's");

    c = c->next;
    assert_int_equal(c->type.kind, TY_NUMERIC);
    assert_int_equal(c->type.nargs, 2);
    assert_int_equal(c->type.arg[0], 10);
    assert_int_equal(c->type.arg[1], 2);
    assert_int_equal(c->cons->kind, CON_CHECK);
    assert_string_equal(c->cons->name.s, "pos");
    assert_string_equal(c->cons->check, "score >= 0");

    c = c->next;
    Constraint *k = c->cons;
    assert_int_equal(k->kind, CON_FOREIGN);
    assert_null(k->cols);
    assert_string_equal(k->ref_table.name.s, "orgs");
    assert_string_equal(k->ref_cols->name.s, "id");
    assert_int_equal(k->on_delete, FK_CASCADE);
    assert_int_equal(k->on_update, FK_SET_NULL);

    c = c->next;
    assert_int_equal(c->type.kind, TY_TIMESTAMPTZ);
    assert_string_equal(c->type.name, "timestamp with time zone");
    assert_int_equal(c->def->kind, EX_NOW);
    assert_null(c->next);

    k = s->constraints;
    assert_int_equal(k->kind, CON_UNIQUE);
    assert_string_equal(k->name.s, "users_email");
    assert_string_equal(k->cols->name.s, "email");
    assert_string_equal(k->cols->next->name.s, "org");
    k = k->next;
    assert_int_equal(k->kind, CON_FOREIGN);
    assert_string_equal(k->cols->name.s, "org");
    assert_string_equal(k->ref_table.schema.s, "app");
    assert_null(k->ref_cols);
    assert_int_equal(k->on_delete, FK_NO_ACTION);
    assert_int_equal(k->on_update, FK_NONE);
    k = k->next;
    assert_int_equal(k->kind, CON_CHECK);
    assert_string_equal(k->check, "id > 0");
    assert_null(k->next);
    parsed_free(&p);
}

static void test_types(void **state)
{
    (void)state;
    static const struct {
        const char *type;
        TypeKind kind;
    } cases[] = {
        { "smallint", TY_SMALLINT }, { "int2", TY_SMALLINT },
        { "INTEGER", TY_INTEGER }, { "int", TY_INTEGER }, { "int4", TY_INTEGER },
        { "bigint", TY_BIGINT }, { "int8", TY_BIGINT },
        { "serial", TY_SERIAL }, { "bigserial", TY_BIGSERIAL },
        { "real", TY_REAL }, { "float4", TY_REAL },
        { "double", TY_DOUBLE }, { "double precision", TY_DOUBLE },
        { "float8", TY_DOUBLE }, { "numeric", TY_NUMERIC },
        { "decimal(5)", TY_NUMERIC }, { "boolean", TY_BOOLEAN },
        { "bool", TY_BOOLEAN }, { "text", TY_TEXT }, { "varchar", TY_VARCHAR },
        { "character varying(3)", TY_VARCHAR }, { "char(2)", TY_CHAR },
        { "character", TY_CHAR }, { "date", TY_DATE }, { "time", TY_TIME },
        { "timestamp", TY_TIMESTAMP },
        { "timestamp without time zone", TY_TIMESTAMP },
        { "timestamptz", TY_TIMESTAMPTZ }, { "interval", TY_INTERVAL },
        { "uuid", TY_UUID }, { "json", TY_JSON }, { "jsonb", TY_JSONB },
        { "bytea", TY_BYTEA }, { "blob", TY_BYTEA }, { "point", TY_CUSTOM },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "add column t.c %s", cases[i].type);
        Parsed p;
        Stmt *s = one(&p, text);
        assert_int_equal(s->kind, ST_ADD_COLUMN);
        assert_int_equal(s->columns->type.kind, cases[i].kind);
        assert_loc(s->columns->type.loc, 15, (int)strlen(text));
        parsed_free(&p);
    }

    Parsed p;
    Stmt *s = one(&p, "add column t.g Geometry(Point, 4326)");
    assert_int_equal(s->columns->type.kind, TY_CUSTOM);
    assert_string_equal(s->columns->type.name, "geometry");
    assert_string_equal(s->columns->type.args, "point, 4326");
    parsed_free(&p);
}

/* The SQL-standard spellings with a time zone clause: the portable kind
 * where there is one, else PostgreSQL's one-word name. */
static void test_time_zone_types(void **state)
{
    (void)state;
    static const struct {
        const char *type;
        TypeKind kind;
        const char *name;
    } cases[] = {
        { "time with time zone", TY_CUSTOM, "timetz" },
        { "TIME WITH TIME ZONE", TY_CUSTOM, "timetz" },
        { "timetz", TY_CUSTOM, "timetz" },
        { "time without time zone", TY_TIME, "time without time zone" },
        { "time", TY_TIME, "time" },
        { "timestamp with time zone", TY_TIMESTAMPTZ,
          "timestamp with time zone" },
        { "timestamp without time zone", TY_TIMESTAMP,
          "timestamp without time zone" },
        { "timestamptz", TY_TIMESTAMPTZ, "timestamptz" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "create table t (c %s not null)",
                 cases[i].type);
        Parsed p;
        Stmt *s = one(&p, text);
        const TypeRef *t = &s->columns->type;
        assert_int_equal(t->kind, cases[i].kind);
        assert_string_equal(t->name, cases[i].name);
        assert_null(t->args);
        assert_int_equal(t->nargs, 0);
        assert_true(s->columns->not_null);
        /* The location covers every word of the type. */
        assert_loc(t->loc, 18, 18 + (int)strlen(cases[i].type));
        parsed_free(&p);
    }
}

/* Through the whole pipeline: PostgreSQL gets names it knows, bare. */
static void test_time_zone_types_emitted(void **state)
{
    (void)state;
    static const char src[] =
        "create table t (a time with time zone, b timetz not null,\n"
        "  c timestamp with time zone, d time without time zone);\n";
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    Diag d;
    diag_init(&d, f);
    History h;
    history_init(&h, &d);
    assert_true(history_add_source(&h, "m/0001_t.mig", "0001", "t", src,
                                   sizeof src - 1));
    assert_true(history_compile(&h, &dialect_postgres));
    assert_int_equal(h.nmigs, 1);
    assert_string_equal(h.migs[0].up.text,
                        "CREATE TABLE \"t\" (\n"
                        "    \"a\" timetz,\n"
                        "    \"b\" timetz NOT NULL,\n"
                        "    \"c\" timestamptz,\n"
                        "    \"d\" time\n"
                        ");\n");
    history_free(&h);
    fclose(f);
    /* timetz is not portable: a warning at each column's type. */
    assert_string_equal(buf,
        "m/0001_t.mig:1:19: warning: type \"timetz\" is not portable\n"
        "    create table t (a time with time zone, b timetz not null,\n"
        "                      ^~~~~~~~~~~~~~~~~~~\n"
        "m/0001_t.mig:1:42: warning: type \"timetz\" is not portable\n"
        "    create table t (a time with time zone, b timetz not null,\n"
        "                                             ^~~~~~\n");
    free(buf);
}

static void test_defaults(void **state)
{
    (void)state;
    static const struct {
        const char *def;
        ExprKind kind;
        const char *text;
        const char *name;
    } cases[] = {
        { "42", EX_NUMBER, "42", NULL },
        { "-1.5", EX_NUMBER, "-1.5", NULL },
        { "'x''y'", EX_STRING, "x'y", NULL },
        { "$$raw$$", EX_STRING, "raw", NULL },
        { "TRUE", EX_TRUE, NULL, NULL },
        { "false", EX_FALSE, NULL, NULL },
        { "null", EX_NULL, NULL, NULL },
        { "now()", EX_NOW, NULL, NULL },
        { "NOW( )", EX_NOW, NULL, NULL },
        { "current_timestamp", EX_NOW, NULL, NULL },
        { "current_date", EX_RAW, "current_date", NULL },
        { "gen_random_uuid()", EX_CALL, "", "gen_random_uuid" },
        { "nextval('seq'::regclass)", EX_CALL, "'seq'::regclass", "nextval" },
        { "(1 + (2))", EX_RAW, "1 + (2)", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "alter column t.c set default %s",
                 cases[i].def);
        Parsed p;
        Stmt *s = one(&p, text);
        assert_int_equal(s->kind, ST_SET_DEFAULT);
        assert_int_equal(s->def->kind, cases[i].kind);
        if (cases[i].text)
            assert_string_equal(s->def->text, cases[i].text);
        if (cases[i].name)
            assert_string_equal(s->def->name, cases[i].name);
        assert_loc(s->def->loc, 29, (int)strlen(text));
        parsed_free(&p);
    }
}

static void test_column_statements(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "add column s.t.c integer not null default 0;");
    assert_int_equal(s->kind, ST_ADD_COLUMN);
    assert_loc(s->loc, 0, 43);
    assert_string_equal(s->table.schema.s, "s");
    assert_string_equal(s->table.name.s, "t");
    assert_loc(s->table.loc, 11, 14);
    assert_string_equal(s->column.s, "c");
    assert_loc(s->column.loc, 15, 16);
    assert_string_equal(s->columns->name.s, "c");
    assert_true(s->columns->not_null);
    assert_string_equal(s->columns->def->text, "0");
    parsed_free(&p);

    s = one(&p, "drop column t.c");
    assert_int_equal(s->kind, ST_DROP_COLUMN);
    assert_null(s->table.schema.s);
    assert_string_equal(s->table.name.s, "t");
    assert_string_equal(s->column.s, "c");
    parsed_free(&p);

    s = one(&p, "rename column comments.contents to body");
    assert_int_equal(s->kind, ST_RENAME_COLUMN);
    assert_string_equal(s->table.name.s, "comments");
    assert_string_equal(s->column.s, "contents");
    assert_loc(s->column.loc, 23, 31);
    assert_string_equal(s->new_name.s, "body");
    assert_loc(s->new_name.loc, 35, 39);
    parsed_free(&p);

    s = one(&p, "alter column t.c type bigint using (c::bigint)");
    assert_int_equal(s->kind, ST_ALTER_TYPE);
    assert_int_equal(s->type.kind, TY_BIGINT);
    assert_string_equal(s->using_raw, "c::bigint");
    parsed_free(&p);

    s = one(&p, "alter column t.c type text");
    assert_null(s->using_raw);
    parsed_free(&p);

    s = one(&p, "alter column t.c drop default");
    assert_int_equal(s->kind, ST_DROP_DEFAULT);
    parsed_free(&p);
    s = one(&p, "alter column t.c set not null");
    assert_int_equal(s->kind, ST_SET_NOT_NULL);
    parsed_free(&p);
    s = one(&p, "alter column t.c drop not null");
    assert_int_equal(s->kind, ST_DROP_NOT_NULL);
    parsed_free(&p);
}

static void test_table_schema_statements(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "drop table s.t");
    assert_int_equal(s->kind, ST_DROP_TABLE);
    assert_string_equal(s->table.schema.s, "s");
    assert_loc(s->table.loc, 11, 14);
    parsed_free(&p);

    s = one(&p, "rename table t to u");
    assert_int_equal(s->kind, ST_RENAME_TABLE);
    assert_string_equal(s->new_name.s, "u");
    parsed_free(&p);

    s = one(&p, "create schema app");
    assert_int_equal(s->kind, ST_CREATE_SCHEMA);
    assert_string_equal(s->cname.s, "app");
    parsed_free(&p);

    s = one(&p, "drop schema \"App\"");
    assert_int_equal(s->kind, ST_DROP_SCHEMA);
    assert_string_equal(s->cname.s, "App");
    parsed_free(&p);
}

static void test_indexes(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "create unique index concurrently users_email on s.users "
                      "(email, org) where (deleted_at is null)");
    assert_int_equal(s->kind, ST_CREATE_INDEX);
    IndexDef *ix = s->index;
    assert_true(ix->unique);
    assert_true(ix->concurrently);
    assert_true(s->concurrently);
    assert_string_equal(ix->name.name.s, "users_email");
    assert_string_equal(ix->table.schema.s, "s");
    assert_string_equal(ix->table.name.s, "users");
    assert_string_equal(ix->cols->name.s, "email");
    assert_string_equal(ix->cols->next->name.s, "org");
    assert_string_equal(ix->where, "deleted_at is null");
    parsed_free(&p);

    s = one(&p, "create index on users (email)");
    assert_false(s->index->unique);
    assert_false(s->index->concurrently);
    assert_null(s->index->name.name.s);
    assert_null(s->index->where);
    parsed_free(&p);

    s = one(&p, "drop index concurrently s.users_email");
    assert_int_equal(s->kind, ST_DROP_INDEX);
    assert_true(s->concurrently);
    assert_string_equal(s->object.schema.s, "s");
    assert_string_equal(s->object.name.s, "users_email");
    parsed_free(&p);

    s = one(&p, "drop index users_email");
    assert_false(s->concurrently);
    assert_null(s->object.schema.s);
    parsed_free(&p);
}

static void test_constraints(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "add constraint s.orders.fk_user foreign key (user_id) "
                      "references users (id) on delete set default "
                      "on update restrict");
    assert_int_equal(s->kind, ST_ADD_CONSTRAINT);
    assert_string_equal(s->table.schema.s, "s");
    assert_string_equal(s->table.name.s, "orders");
    assert_string_equal(s->cname.s, "fk_user");
    Constraint *k = s->constraints;
    assert_int_equal(k->kind, CON_FOREIGN);
    assert_string_equal(k->name.s, "fk_user");
    assert_string_equal(k->cols->name.s, "user_id");
    assert_int_equal(k->on_delete, FK_SET_DEFAULT);
    assert_int_equal(k->on_update, FK_RESTRICT);
    assert_null(k->next);
    parsed_free(&p);

    s = one(&p, "add constraint t.pk primary key (a, b)");
    assert_int_equal(s->constraints->kind, CON_PRIMARY);
    parsed_free(&p);
    s = one(&p, "add constraint t.u unique (a)");
    assert_int_equal(s->constraints->kind, CON_UNIQUE);
    parsed_free(&p);
    s = one(&p, "add constraint t.c check (a <> ')')");
    assert_string_equal(s->constraints->check, "a <> ')'");
    parsed_free(&p);

    s = one(&p, "drop constraint t.c");
    assert_int_equal(s->kind, ST_DROP_CONSTRAINT);
    assert_string_equal(s->table.name.s, "t");
    assert_string_equal(s->cname.s, "c");
    parsed_free(&p);
}

static void test_sql(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "sql 'update t set a = ''x''' down $$update t set a = null$$");
    assert_int_equal(s->kind, ST_SQL);
    assert_string_equal(s->sql_up, "update t set a = 'x'");
    assert_string_equal(s->sql_down, "update t set a = null");
    assert_loc(s->sql_down_loc, 34, 59);    /* the text itself */
    parsed_free(&p);

    s = one(&p, "sql $x$ select 1; $x$");
    assert_string_equal(s->sql_up, " select 1; ");
    assert_null(s->sql_down);
    assert_null(s->sql_ups);
    parsed_free(&p);
}

static void check_errors(const char *text, const char *expected);
static char *canonical(const char *text);

/* default VALUE::type, nested; the canonical text keeps the casts */
static void test_casts(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "alter column t.a set default '1'::int::varchar(3)");
    const Expr *x = s->def;
    assert_int_equal(x->kind, EX_CAST);
    assert_int_equal(x->cast->kind, TY_VARCHAR);
    assert_int_equal(x->cast->arg[0], 3);
    assert_loc(x->loc, 29, 49);
    assert_int_equal(x->arg->kind, EX_CAST);
    assert_int_equal(x->arg->cast->kind, TY_INTEGER);
    assert_int_equal(x->arg->arg->kind, EX_STRING);
    parsed_free(&p);
    char *c = canonical("add column t.b text default (now())::date");
    assert_string_equal(c, "add column \"t\".\"b\" text default (now())::date;\n");
    free(c);
    check_errors("alter column t.a set default 1::",
                 "m.mig:1:33: error: syntax error: unexpected end of file, "
                 "expected a type\n"
                 "    alter column t.a set default 1::\n"
                 "                                    ^\n");
}

/* index keys: columns and ( raw ), opclass, asc/desc, nulls, method,
 * include */
static void test_index_keys(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "create unique index i on t using btree "
                      "(a text_pattern_ops desc nulls last, (lower(b)), c asc) "
                      "include (d, e) where (a > 0)");
    const IndexDef *ix = s->index;
    assert_string_equal(ix->method.s, "btree");
    const IndexKey *k = ix->keys;
    assert_string_equal(k->col.s, "a");
    assert_string_equal(k->opclass.s, "text_pattern_ops");
    assert_int_equal(k->order, KEY_DESC);
    assert_int_equal(k->nulls, KEY_NULLS_LAST);
    k = k->next;
    assert_null(k->col.s);
    assert_string_equal(k->expr, "lower(b)");
    k = k->next;
    assert_string_equal(k->col.s, "c");
    assert_int_equal(k->order, KEY_ASC);
    assert_null(k->next);
    /* the plain column keys */
    assert_string_equal(ix->cols->name.s, "a");
    assert_string_equal(ix->cols->next->name.s, "c");
    assert_string_equal(ix->include->next->name.s, "e");
    assert_string_equal(ix->where, "a > 0");
    assert_false(ast_index_plain(ix));
    parsed_free(&p);
    s = one(&p, "create index on t (asc, desc)");
    assert_string_equal(s->index->keys->col.s, "asc");
    assert_string_equal(s->index->keys->next->col.s, "desc");
    assert_true(ast_index_plain(s->index));
    parsed_free(&p);
    /* a plain index keeps its canonical text; the others show the keys */
    char *c = canonical("create index on t (a, b);"
                        "create index on t (a desc, (b + 1)) include (c)");
    assert_string_equal(c, "create index on \"t\" (\"a\", \"b\");\n"
                           "create index on \"t\" (\"a\" desc, (b + 1)) "
                           "include (\"c\");\n");
    free(c);
}

/* create extension [if not exists] X [with schema S]; drop extension X */
static void test_extensions(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "create extension if not exists pgcrypto with schema s");
    assert_int_equal(s->kind, ST_CREATE_EXTENSION);
    assert_true(s->if_not_exists);
    assert_string_equal(s->cname.s, "pgcrypto");
    assert_string_equal(s->object.schema.s, "s");
    parsed_free(&p);
    s = one(&p, "create extension \"uuid-ossp\"");
    assert_false(s->if_not_exists);
    assert_string_equal(s->cname.s, "uuid-ossp");
    assert_null(s->object.schema.s);
    parsed_free(&p);
    s = one(&p, "drop extension hstore");
    assert_int_equal(s->kind, ST_DROP_EXTENSION);
    assert_string_equal(s->cname.s, "hstore");
    parsed_free(&p);
    char *c = canonical("create extension if not exists x with schema s;"
                        "drop extension x");
    assert_string_equal(c, "create extension if not exists \"x\" with schema "
                           "\"s\";\ndrop extension \"x\";\n");
    free(c);
    check_errors("create extension if not exist x",
                 "m.mig:1:25: error: syntax error: unexpected identifier "
                 "\"exist\", expected \"exists\"\n"
                 "    create extension if not exist x\n"
                 "                            ^~~~~\n"
                 "hint: write create extension if not exists NAME\n");
}

/* rename index / constraint / sequence */
static void test_rename_objects(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "rename index s.i to j");
    assert_int_equal(s->kind, ST_RENAME_INDEX);
    assert_string_equal(s->object.schema.s, "s");
    assert_string_equal(s->object.name.s, "i");
    assert_string_equal(s->new_name.s, "j");
    parsed_free(&p);
    s = one(&p, "rename constraint t.c to d");
    assert_int_equal(s->kind, ST_RENAME_CONSTRAINT);
    assert_string_equal(s->table.name.s, "t");
    assert_string_equal(s->cname.s, "c");
    assert_string_equal(s->new_name.s, "d");
    parsed_free(&p);
    s = one(&p, "rename sequence t_id_seq to u_id_seq");
    assert_int_equal(s->kind, ST_RENAME_SEQUENCE);
    assert_string_equal(s->object.name.s, "t_id_seq");
    assert_string_equal(s->new_name.s, "u_id_seq");
    parsed_free(&p);
    char *c = canonical("rename constraint T.C to D; rename index i to j;"
                        "rename sequence s to t");
    assert_string_equal(c, "rename constraint \"t\".\"c\" to \"d\";\n"
                           "rename index \"i\" to \"j\";\n"
                           "rename sequence \"s\" to \"t\";\n");
    free(c);
    check_errors("rename constraint c to d",
                 "m.mig:1:19: error: constraint name must be qualified by its "
                 "table\n"
                 "    rename constraint c to d\n"
                 "                      ^\n"
                 "hint: write table.c\n");
}

/* sql [dialect] STRING ... [down ([dialect] STRING ... | none)] */
static void test_sql_dialects(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "sql postgres 'a' sqlite $$b$$ mysql none down none");
    assert_int_equal(s->kind, ST_SQL);
    assert_null(s->sql_up);
    const SqlText *t = s->sql_ups;
    assert_int_equal(t->dialect, SQLD_POSTGRES);
    assert_string_equal(t->text, "a");
    assert_loc(t->loc, 13, 16);
    assert_loc(t->dialect_loc, 4, 12);
    t = t->next;
    assert_int_equal(t->dialect, SQLD_SQLITE);
    assert_string_equal(t->text, "b");
    t = t->next;
    assert_int_equal(t->dialect, SQLD_MYSQL);
    assert_null(t->text);
    assert_null(t->next);
    assert_true(s->sql_has_down);
    assert_int_equal(s->sql_downs->dialect, SQLD_ANY);
    assert_null(s->sql_downs->text);
    assert_null(s->sql_downs->next);
    parsed_free(&p);

    /* a down-only statement */
    s = one(&p, "sql none down 'x'");
    assert_null(s->sql_ups->text);
    assert_string_equal(s->sql_downs->text, "x");
    parsed_free(&p);

    /* a text without dialect and one with */
    s = one(&p, "sql 'a' mysql 'b'");
    assert_int_equal(s->sql_ups->dialect, SQLD_ANY);
    assert_int_equal(s->sql_ups->next->dialect, SQLD_MYSQL);
    assert_false(s->sql_has_down);
    parsed_free(&p);

    /* `down none` alone after a plain text is the per-dialect form */
    s = one(&p, "sql 'a' down none");
    assert_non_null(s->sql_ups);
    assert_true(s->sql_has_down);
    parsed_free(&p);

    check_errors("sql postgress 'a'",
                 "m.mig:1:5: error: unknown dialect \"postgress\" in sql "
                 "statement\n"
                 "    sql postgress 'a'\n"
                 "        ^~~~~~~~~\n"
                 "hint: did you mean \"postgres\"?\n");
    check_errors("sql sqlite 'a' sqlite 'b'",
                 "m.mig:1:16: error: the up part of this sql statement has "
                 "two sqlite texts\n"
                 "    sql sqlite 'a' sqlite 'b'\n"
                 "                   ^~~~~~\n");
    check_errors("sql 'a' down 'b' 'c'",
                 "m.mig:1:18: error: the down part of this sql statement has "
                 "two texts without a dialect\n"
                 "    sql 'a' down 'b' 'c'\n"
                 "                     ^~~\n"
                 "hint: name the dialect each text is for: sql postgres "
                 "'...' sqlite '...'\n");
}

/* ---- file structure ---- */

static void test_file_structures(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "no transaction;\n"
              "up {\n  create index concurrently on t (a);\n}\n"
              "down {\n  drop index concurrently t_a_idx\n}\n");
    assert_true(p.ok);
    assert_true(p.m.no_transaction);
    assert_loc(p.m.no_transaction_loc, 0, 15);
    assert_true(p.m.has_blocks);
    assert_int_equal(p.m.up->kind, ST_CREATE_INDEX);
    assert_int_equal(p.m.down->kind, ST_DROP_INDEX);
    assert_loc(p.m.down_loc, 61, 103);
    parsed_free(&p);

    /* `expand;` and `no transaction;`, in either order. */
    parse(&p, "expand;\nrename column t.a to b;");
    assert_true(p.ok);
    assert_true(p.m.expand);
    assert_false(p.m.no_transaction);
    assert_loc(p.m.expand_loc, 0, 7);
    assert_int_equal(p.m.up->kind, ST_RENAME_COLUMN);
    parsed_free(&p);
    parse(&p, "no transaction; expand; drop table t");
    assert_true(p.ok);
    assert_true(p.m.expand);
    assert_true(p.m.no_transaction);
    assert_loc(p.m.expand_loc, 16, 23);
    parsed_free(&p);

    parse(&p, "up { drop table t; } down { irreversible; }");
    assert_true(p.ok);
    assert_int_equal(p.m.down->kind, ST_IRREVERSIBLE);
    assert_null(p.m.down->next);
    parsed_free(&p);

    parse(&p, "up { drop table t } down { }");
    assert_true(p.ok);
    assert_null(p.m.down);
    parsed_free(&p);

    /* Flat: the final ';' is optional, extra ones are harmless. */
    parse(&p, "drop table a;\ndrop table b");
    assert_true(p.ok);
    assert_false(p.m.has_blocks);
    assert_false(p.m.no_transaction);
    assert_int_equal(p.m.up->next->kind, ST_DROP_TABLE);
    assert_null(p.m.down);
    parsed_free(&p);
    parse(&p, "drop table a;; drop table b;;");
    assert_true(p.ok);
    assert_string_equal(p.m.up->next->table.name.s, "b");
    parsed_free(&p);
}

static void test_keyword_case_and_unreserved(void **state)
{
    (void)state;
    char *a = canonical("CREATE TABLE T (ID Integer NOT NULL PRIMARY KEY)");
    char *b = canonical("create table t (id integer not null primary key)");
    assert_string_equal(a, b);
    free(a);
    free(b);

    Parsed p;
    Stmt *s = one(&p, "create table type (type text, key int, name text, "
                      "data jsonb, action text, index int, schema text, "
                      "table int, on int, time time, zone int, not int, "
                      "concurrently int, references int)");
    const char *names[] = { "type", "key", "name", "data", "action", "index",
                            "schema", "table", "on", "time", "zone", "not",
                            "concurrently", "references" };
    ColumnDef *c = s->columns;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++, c = c->next)
        assert_string_equal(c->name.s, names[i]);
    assert_null(c);
    assert_string_equal(s->table.name.s, "type");
    parsed_free(&p);

    s = one(&p, "rename column index.primary to unique");
    assert_string_equal(s->table.name.s, "index");
    assert_string_equal(s->column.s, "primary");
    assert_string_equal(s->new_name.s, "unique");
    parsed_free(&p);

    s = one(&p, "create index key on table (type, key)");
    assert_string_equal(s->index->name.name.s, "key");
    assert_string_equal(s->index->table.name.s, "table");
    parsed_free(&p);
}

/* ---- canonical text ---- */

static void test_canonical(void **state)
{
    (void)state;
    char *a = canonical(
        "-- users\r\n"
        "create table users (id serial primary key, email text not null "
        "default 'x', org int references orgs on delete cascade);\r\n"
        "create index on users (email) where (email <> '');\r\n"
        "sql 'select 1';\r\n");
    assert_string_equal(a,
        "create table \"users\" (\"id\" serial primary key, \"email\" text "
        "not null default 'x', \"org\" integer references \"orgs\" "
        "on delete cascade);\n"
        "create index on \"users\" (\"email\") where (email <> '');\n"
        "sql 'select 1';\n");
    char *b = canonical(
        "CREATE   TABLE Users(ID SERIAL PRIMARY KEY,/* c */EMAIL TEXT DEFAULT "
        "'x' NOT NULL,ORG INT4 REFERENCES ORGS ON DELETE CASCADE);\n"
        "create index on users(email) where (email <> '')\n;"
        "sql $$select 1$$");
    assert_string_equal(a, b);
    free(b);

    /* A different meaning gives a different text. */
    const char *other[] = {
        "create table users (id serial primary key, email text null "
        "default 'x', org int references orgs on delete cascade);"
        "create index on users (email) where (email <> '');sql 'select 1'",
        "create table \"Users\" (id serial primary key, email text not null "
        "default 'x', org int references orgs on delete cascade);"
        "create index on users (email) where (email <> '');sql 'select 1'",
        "create table users (id serial primary key, email text not null "
        "default 'x', org int references orgs on delete restrict);"
        "create index on users (email) where (email <> '');sql 'select 1'",
        "create table users (id serial primary key, email text not null "
        "default 'y', org int references orgs on delete cascade);"
        "create index on users (email) where (email <> '');sql 'select 1'",
        "create table users (id serial primary key, email text not null "
        "default 'x', org int references orgs on delete cascade);"
        "create index on users (email) where (email <> '');sql 'select 2'",
        "no transaction; create table users (id serial primary key, email "
        "text not null default 'x', org int references orgs on delete "
        "cascade); create index on users (email) where (email <> '');"
        "sql 'select 1'",
    };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        char *c = canonical(other[i]);
        assert_string_not_equal(a, c);
        free(c);
    }
    free(a);

    a = canonical("up { drop table t } down { irreversible }");
    assert_string_equal(a, "up {\ndrop table \"t\";\n}\ndown {\nirreversible;\n}\n");
    free(a);
    a = canonical("add constraint t.\"a\"\"b\" check (x > 0)");
    assert_string_equal(a, "add constraint \"t\".\"a\"\"b\" check (x > 0);\n");
    free(a);
    a = canonical("alter column t.c type numeric(5,1) using (c * 1.0)");
    assert_string_equal(a, "alter column \"t\".\"c\" type numeric(5, 1) "
                           "using (c * 1.0);\n");
    free(a);
}

/* ---- errors ---- */

static void check_errors(const char *text, const char *expected)
{
    Parsed p;
    parse(&p, text);
    assert_false(p.ok);
    assert_string_equal(p.diag, expected);
    parsed_free(&p);
}

/* Views, materialized views, create table ... as: the fields each
 * statement fills, and their canonical text. */
static void test_views(void **state)
{
    (void)state;
    Parsed p;
    Stmt *s = one(&p, "create or replace view app.v (a, b) as 'select 1, 2'");
    assert_int_equal(s->kind, ST_CREATE_OBJECT);
    assert_int_equal(s->obj, OBJ_VIEW);
    assert_true(s->or_replace);
    assert_string_equal(s->object.schema.s, "app");
    assert_string_equal(s->object.name.s, "v");
    assert_string_equal(s->names->name.s, "a");
    assert_string_equal(s->names->next->name.s, "b");
    assert_string_equal(s->sql_up, "select 1, 2");
    assert_loc(s->sql_up_loc, 39, 52);
    parsed_free(&p);

    s = one(&p, "create materialized view m as $$select 1$$ with no data");
    assert_int_equal(s->obj, OBJ_MATVIEW);
    assert_false(s->or_replace);
    assert_true(s->no_data);
    parsed_free(&p);

    s = one(&p, "refresh materialized view concurrently m");
    assert_int_equal(s->kind, ST_REFRESH_OBJECT);
    assert_true(s->concurrently);
    assert_string_equal(s->object.name.s, "m");
    parsed_free(&p);

    s = one(&p, "create table t (a int not null) as 'select 1'");
    assert_int_equal(s->kind, ST_CREATE_TABLE);
    assert_string_equal(s->sql_up, "select 1");
    assert_true(s->columns->not_null);
    parsed_free(&p);

    char *a = canonical(
        "create or replace view V (a, b) as 'select 1, 2';\n"
        "create materialized view m as $$select 1$$ with no data;\n"
        "refresh materialized view concurrently m;\n"
        "rename view v to w;\n"
        "rename materialized view m to n;\n"
        "drop materialized view n;\n"
        "drop view w;\n"
        "create table t (a int) as 'select 1';\n");
    assert_string_equal(a,
        "create or replace view \"v\" (\"a\", \"b\") as 'select 1, 2';\n"
        "create materialized view \"m\" as 'select 1' with no data;\n"
        "refresh materialized view concurrently \"m\";\n"
        "rename view \"v\" to \"w\";\n"
        "rename materialized view \"m\" to \"n\";\n"
        "drop materialized view \"n\";\n"
        "drop view \"w\";\n"
        "create table \"t\" (\"a\" integer) as 'select 1';\n");
    free(a);
    /* `with data` is the default; the keywords are names elsewhere. */
    a = canonical("create materialized view m as 'x' with data");
    assert_string_equal(a, "create materialized view \"m\" as 'x';\n");
    free(a);
    a = canonical("create table view (materialized int, refresh text, "
                  "replace int, data int, or int)");
    assert_string_equal(a, "create table \"view\" (\"materialized\" integer, "
                        "\"refresh\" text, \"replace\" integer, \"data\" "
                        "integer, \"or\" integer);\n");
    free(a);
    check_errors("create view v as select 1",
                 "m.mig:1:18: error: syntax error: unexpected identifier "
                 "\"select\", expected a string\n"
                 "    create view v as select 1\n"
                 "                     ^~~~~~\n");
}

static void test_syntax_errors(void **state)
{
    (void)state;
    check_errors("rename table a foo b",
                 "m.mig:1:16: error: syntax error: unexpected identifier "
                 "\"foo\", expected \"to\" or \".\"\n"
                 "    rename table a foo b\n"
                 "                   ^~~\n");
    check_errors("create table t (a int; b int);\ndrop table x y;\n",
                 "m.mig:1:22: error: syntax error: unexpected \";\", "
                 "expected \",\" or \")\"\n"
                 "    create table t (a int; b int);\n"
                 "                         ^\n"
                 "hint: possibly unterminated \"(\" at line 1, column 16\n"
                 "m.mig:2:14: error: syntax error: unexpected identifier "
                 "\"y\", expected \".\", \";\" or end of file\n"
                 "    drop table x y;\n"
                 "                 ^\n");
    check_errors("drop table a\ncreate table b (x int)",
                 "m.mig:2:1: error: syntax error: missing \";\" before "
                 "\"create\"\n"
                 "    create table b (x int)\n"
                 "    ^~~~~~\n");
    check_errors("Crate table t (a int)",
                 "m.mig:1:1: error: syntax error: unexpected identifier "
                 "\"Crate\", expected a statement\n"
                 "    Crate table t (a int)\n"
                 "    ^~~~~\n"
                 "hint: did you mean \"create\"?\n");
    check_errors("create table t (a 5)",
                 "m.mig:1:19: error: syntax error: unexpected number 5, "
                 "expected a type\n"
                 "    create table t (a 5)\n"
                 "                      ^\n");
    check_errors("up { drop table a } down { irreversible; drop table b }",
                 "m.mig:1:28: error: \"irreversible\" must be the only "
                 "statement of the down block\n"
                 "    up { drop table a } down { irreversible; drop table b }\n"
                 "                               ^~~~~~~~~~~~\n");
    check_errors("drop table t; irreversible",
                 "m.mig:1:15: error: syntax error: unexpected "
                 "\"irreversible\", expected a statement\n"
                 "    drop table t; irreversible\n"
                 "                  ^~~~~~~~~~~~\n");
    check_errors("drop table a.b.c",
                 "m.mig:1:12: error: too many dots in table name\n"
                 "    drop table a.b.c\n"
                 "               ^~~~~\n"
                 "hint: a table name is written [schema.]table\n");
    check_errors("add column t.c int references u (a, b) on delete cascade "
                 "on delete restrict",
                 "m.mig:1:58: error: on delete given twice\n"
                 "    add column t.c int references u (a, b) on delete cascade "
                 "on delete restrict\n"
                 "                                                             "
                 "^~\n"
                 "m.mig:1:33: error: a column references exactly one column\n"
                 "    add column t.c int references u (a, b) on delete cascade "
                 "on delete restrict\n"
                 "                                    ^~~~~~\n");
    check_errors("add column t.c int default 1 default 2",
                 "m.mig:1:30: error: multiple default values\n"
                 "    add column t.c int default 1 default 2\n"
                 "                                 ^~~~~~~~~\n");
    check_errors("",
                 "m.mig:1:1: error: migration has no statements\n"
                 "    \n"
                 "    ^\n"
                 "hint: write at least one statement, e.g. create table ...\n");
    check_errors("up { } down { }",
                 "m.mig:1:1: error: migration has no statements\n"
                 "    up { } down { }\n"
                 "    ^\n"
                 "hint: write at least one statement, e.g. create table ...\n");
    /* No cascade after a lexical error or an unterminated body. */
    check_errors("create table t (\xC3\xA9 int)",
                 "m.mig:1:17: error: unexpected character '\xC3\xA9'\n"
                 "    create table t (\xC3\xA9 int)\n"
                 "                    ^\n");
    check_errors("add column t.c int default now(;",
                 "m.mig:1:31: error: unterminated parenthesis\n"
                 "    add column t.c int default now(;\n"
                 "                                  ^\n");
}

static void test_nul_byte_is_not_truncation(void **state)
{
    (void)state;
    Parsed p;
    parse_path(&p, "m.mig", "drop table t;\0drop table u;", 27);
    assert_false(p.ok);
    assert_string_equal(p.diag,
                        "m.mig:1:14: error: unexpected character '\\x00'\n"
                        "    drop table t;?drop table u;\n"
                        "                 ^\n");
    parsed_free(&p);
}

/* A long history parses in linear time: many statements in one file. */
static void test_many_statements(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < 20000; i++)
        sb_printf(&b, "add column t.c%d integer not null default %d;\n", i, i);
    Parsed p;
    parse(&p, sb_str(&b));
    assert_true(p.ok);
    int n = 0;
    for (Stmt *s = p.m.up; s; s = s->next)
        n++;
    assert_int_equal(n, 20000);
    parsed_free(&p);
    sb_free(&b);
}

/* ---- golden diagnostics: tests/diag/syntax ---- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    StrBuf b;
    sb_init(&b);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_putn(&b, buf, n);
    fclose(f);
    *len = b.len;
    char *s = xmalloc(b.len + 1);
    memcpy(s, sb_str(&b), b.len + 1);
    sb_free(&b);
    return s;
}

static void test_golden_syntax(void **state)
{
    (void)state;
    const char *dir = "tests/diag/syntax";
    bool regen = getenv("MIGC_REGEN") != NULL;
    DIR *d = opendir(dir);
    assert_non_null(d);
    int cases = 0, failures = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl < 5 || strcmp(e->d_name + nl - 4, ".mig") != 0)
            continue;
        char path[512], exp_path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(exp_path, sizeof exp_path, "%s/%.*s.expected", dir,
                 (int)(nl - 4), e->d_name);
        size_t len = 0, elen = 0;
        char *text = read_all(path, &len);
        assert_non_null(text);
        Parsed p;
        parse_path(&p, path, text, len);
        cases++;
        if (regen) {
            FILE *f = fopen(exp_path, "wb");
            assert_non_null(f);
            fwrite(p.diag, 1, p.diaglen, f);
            fclose(f);
        } else {
            char *expected = read_all(exp_path, &elen);
            if (!expected || p.ok || strcmp(expected, p.diag) != 0) {
                fprintf(stderr, "golden case %s differs; got:\n%s", path,
                        p.diag);
                failures++;
            }
            free(expected);
        }
        parsed_free(&p);
        free(text);
    }
    closedir(d);
    assert_true(cases >= 15);
    assert_int_equal(failures, 0);
}

/* Every keyword of grammar/kwlist.h is a name exactly where its category
 * says: the grammar's keyword rules agree with the one list. */
enum { UNRESERVED, NOT_INDEX_NAME, COL_RESERVED, RESERVED };
static const struct {
    const char *word;
    int category;
} kwlist[] = {
#define MIGC_KEYWORD(word, tok, category) {word, category},
#include "kwlist.h"
#undef MIGC_KEYWORD
};

static bool parses(const char *fmt, const char *word)
{
    char text[200];
    snprintf(text, sizeof text, fmt, word);
    Parsed p;
    parse(&p, text);
    bool ok = p.ok;
    parsed_free(&p);
    return ok;
}

static void test_keyword_list(void **state)
{
    (void)state;
    size_t n = sizeof kwlist / sizeof kwlist[0];
    assert_true(n > 40);
    for (size_t i = 0; i < n; i++) {
        const char *w = kwlist[i].word;
        int c = kwlist[i].category;
        if (i > 0)
            assert_true(strcmp(kwlist[i - 1].word, w) < 0);
        /* a column name in a create table list */
        assert_int_equal(parses("create table t (%s integer);", w),
                         c == UNRESERVED || c == NOT_INDEX_NAME);
        /* an index name right after drop index */
        assert_int_equal(parses("drop index %s;", w),
                         c == UNRESERVED || c == COL_RESERVED);
        /* any other name */
        assert_int_equal(parses("drop table %s;", w), c != RESERVED);
        assert_int_equal(parses("create table %s (a integer);", w),
                         c != RESERVED);
        assert_int_equal(parses("add column t.a integer references %s (b);",
                                w),
                         c != RESERVED);
        /* and always when quoted */
        assert_true(parses("create table t (\"%s\" integer);", w));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_table),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_time_zone_types),
        cmocka_unit_test(test_time_zone_types_emitted),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_column_statements),
        cmocka_unit_test(test_table_schema_statements),
        cmocka_unit_test(test_indexes),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_sql),
        cmocka_unit_test(test_file_structures),
        cmocka_unit_test(test_keyword_case_and_unreserved),
        cmocka_unit_test(test_canonical),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_sql_dialects),
        cmocka_unit_test(test_rename_objects),
        cmocka_unit_test(test_extensions),
        cmocka_unit_test(test_index_keys),
        cmocka_unit_test(test_casts),
        cmocka_unit_test(test_nul_byte_is_not_truncation),
        cmocka_unit_test(test_many_statements),
        cmocka_unit_test(test_golden_syntax),
        cmocka_unit_test(test_keyword_list),
    };
    return cmocka_run_group_tests_name("parser", tests, NULL, NULL);
}
