/*
 * test_emit_sqlite.c — the SQLite dialect, through the whole pipeline:
 * migrations in memory are parsed, checked and compiled, and the exact SQL
 * of `migc compile --dialect sqlite` is compared.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run_history.h"

static const char users_sql[] =
    "create table users (\n"
    "  id serial primary key,\n"
    "  email varchar(200) not null unique,\n"
    "  name text default 'it''s',\n"
    "  active boolean not null default true,\n"
    "  created timestamptz default now()\n"
    ");\n"
    "create index on users (name);\n";

static void test_create_table(void **state)
{
    (void)state;
    Run r;
    const char *files[] = { "0001_users", users_sql, NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    assert_string_equal(run_sql(&r, "0001", false),
        "-- 0001_users: up, reversible\n"
        "PRAGMA foreign_keys = OFF;\n"
        "BEGIN;\n"
        "CREATE TABLE \"users\" (\n"
        "    \"id\" integer NOT NULL,\n"
        "    \"email\" varchar(200) NOT NULL,\n"
        "    \"name\" text DEFAULT 'it''s',\n"
        "    \"active\" boolean NOT NULL DEFAULT 1,\n"
        "    \"created\" timestamptz DEFAULT CURRENT_TIMESTAMP,\n"
        "    CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\"),\n"
        "    CONSTRAINT \"users_email_key\" UNIQUE (\"email\")\n"
        ");\n"
        "CREATE INDEX \"users_name_idx\" ON \"users\" (\"name\");\n"
        "PRAGMA foreign_key_check;\n"
        "COMMIT;\n"
        "PRAGMA foreign_keys = ON;\n");
    run_free(&r);
}

/* PostgreSQL's x::type becomes CAST(x AS type), the type by its SQLite
 * affinity; in raw texts only outside strings, quoted names and
 * comments, with the operand PostgreSQL binds. */
static void test_casts(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_t",
        "create table t (\n"
        "  a text default 'x'::varchar(3),\n"
        "  b text default ('it''s::text'::text),\n"
        "  c text default (s.f(1, 2)::int /* ::x */ + \"q::r\".c::bigint),\n"
        "  d text default (1 = 1 and (2)::int > 1),\n"
        "  e text default ((1::int + 2)::text::double precision),\n"
        "  f text default ('2020-01-01'::timestamp with time zone),\n"
        "  g text default ('a'::citext),\n"
        "  h text default (x[1]::int)\n"
        ");\n",
        NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    const char *sql = run_sql(&r, "0001", false);
    const char *want[] = {
        "\"a\" text DEFAULT (CAST('x' AS TEXT)),",
        "\"b\" text DEFAULT (CAST('it''s::text' AS TEXT)),",
        "\"c\" text DEFAULT (CAST(s.f(1, 2) AS INTEGER) /* ::x */ + "
        "CAST(\"q::r\".c AS INTEGER)),",
        "\"d\" text DEFAULT (1 = 1 and CAST((2) AS INTEGER) > 1),",
        "\"e\" text DEFAULT (CAST(CAST((CAST(1 AS INTEGER) + 2) AS TEXT) "
        "AS REAL)),",
        "\"f\" text DEFAULT (CAST('2020-01-01' AS TEXT)),",
        "\"g\" text DEFAULT (CAST('a' AS citext)),",
        "\"h\" text DEFAULT (CAST(x[1] AS INTEGER))",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(sql, want[i]))
            fail_msg("missing: %s\nin:\n%s", want[i], sql);
    run_free(&r);
}

/* ALTER TABLE ADD COLUMN where SQLite allows it, constraints inline. */
static void test_add_column_native(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_users", users_sql,
        "0002_age", "add column users.age integer not null default 0 "
                    "check (age >= 0);",
        NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0002", false),
        "BEGIN;\n"
        "ALTER TABLE \"users\" ADD COLUMN \"age\" integer NOT NULL DEFAULT 0 "
        "CONSTRAINT \"users_age_check\" CHECK (age >= 0);\n"
        "PRAGMA foreign_key_check;\n"));
    run_free(&r);
}

/* A unique column cannot be added by ALTER TABLE: the table is rebuilt,
 * and the down (drop column of a unique column) rebuilds it back. */
static void test_add_column_rebuild(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_users", users_sql,
        "0002_nick", "add column users.nick text unique;",
        NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    const char *rebuilt =
        "CREATE TABLE \"migc_new_users\" (\n"
        "    \"id\" integer NOT NULL,\n"
        "    \"email\" varchar(200) NOT NULL,\n"
        "    \"name\" text DEFAULT 'it''s',\n"
        "    \"active\" boolean NOT NULL DEFAULT 1,\n"
        "    \"created\" timestamptz DEFAULT CURRENT_TIMESTAMP,\n"
        "    \"nick\" text,\n"
        "    CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\"),\n"
        "    CONSTRAINT \"users_email_key\" UNIQUE (\"email\"),\n"
        "    CONSTRAINT \"users_nick_key\" UNIQUE (\"nick\")\n"
        ");\n"
        "INSERT INTO \"migc_new_users\" (\"id\", \"email\", \"name\", "
        "\"active\", \"created\") SELECT \"id\", \"email\", \"name\", "
        "\"active\", \"created\" FROM \"users\";\n"
        "DROP TABLE \"users\";\n"
        "PRAGMA legacy_alter_table = ON;\n"
        "ALTER TABLE \"migc_new_users\" RENAME TO \"users\";\n"
        "PRAGMA legacy_alter_table = OFF;\n"
        "CREATE INDEX \"users_name_idx\" ON \"users\" (\"name\");\n";
    const char *up = run_sql(&r, "0002", false);
    assert_non_null(strstr(up, "-- sqlite: add column: rebuild table users\n"));
    assert_non_null(strstr(up, rebuilt));
    const char *down = run_sql(&r, "0002", true);
    assert_non_null(strstr(down, "-- sqlite: drop column: rebuild table users\n"));
    assert_non_null(strstr(down,
        "INSERT INTO \"migc_new_users\" (\"id\", \"email\", \"name\", "
        "\"active\", \"created\") SELECT \"id\", \"email\", \"name\", "
        "\"active\", \"created\" FROM \"users\";\n"));
    assert_null(strstr(down, "\"nick\""));
    run_free(&r);
}

/* A plain column is dropped with ALTER TABLE DROP COLUMN. */
static void test_drop_column_native(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_users", users_sql,
        "0002_drop", "drop column users.created;",
        NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0002", false),
        "BEGIN;\nALTER TABLE \"users\" DROP COLUMN \"created\";\n"));
    /* A CURRENT_TIMESTAMP default cannot be added: the down rebuilds. */
    assert_non_null(strstr(run_sql(&r, "0002", true),
        "-- sqlite: add column: rebuild table users\n"));
    run_free(&r);
}

/* alter column type: the rebuild copies the column through `using`. */
static void test_alter_type_using(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_t", "create table t (id integer primary key, n text);",
        "0002_n", "alter column t.n type integer using (length(n));",
        NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0002", false),
        "INSERT INTO \"migc_new_t\" (\"id\", \"n\") SELECT \"id\", "
        "(length(n)) FROM \"t\";\n"));
    run_free(&r);
}

/* Outside a transaction, each rebuild brings its own frame. */
static void test_no_transaction(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_t", "create table t (id integer primary key, n text);",
        "0002_n", "no transaction;\nalter column t.n set not null;",
        NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    const char *up = run_sql(&r, "0002", false);
    assert_non_null(strstr(up,
        "-- sqlite: set not null: rebuild table t\n"
        "PRAGMA foreign_keys = OFF;\n"
        "BEGIN;\n"
        "CREATE TABLE \"migc_new_t\" (\n"
        "    \"id\" integer NOT NULL,\n"
        "    \"n\" text NOT NULL,\n"));
    assert_non_null(strstr(up,
        "ALTER TABLE \"migc_new_t\" RENAME TO \"t\";\n"
        "PRAGMA legacy_alter_table = OFF;\n"
        "PRAGMA foreign_key_check;\n"
        "COMMIT;\n"
        "PRAGMA foreign_keys = ON;\n"));
    run_free(&r);
}

static void test_schema_error(void **state)
{
    (void)state;
    Run r;
    const char *files[] = { "0001_s", "create schema app;", NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_false(r.ok);
    assert_non_null(strstr(run_diags(&r),
        "migrations/0001_s.mig:1:1: error: sqlite has no schemas: create "
        "schema cannot be compiled for sqlite"));
    run_free(&r);
}

/* SQLite numbers only the rowid: an identity column that is not the
 * whole primary key is refused at its clause; one that is is the rowid. */
static void test_identity(void **state)
{
    (void)state;
    Run r;
    const char *f1[] = {
        "0001_t", "create table t (id bigint primary key,\n"
                  "    n integer generated always as identity);", NULL };
    run_compile(&r, &dialect_sqlite, f1);
    assert_false(r.ok);
    assert_non_null(strstr(run_diags(&r),
        "migrations/0001_t.mig:2:15: error: sqlite numbers only the rowid: "
        "identity column t.n is not the whole primary key of its table"));
    run_free(&r);

    const char *f2[] = {
        "0001_t", "create table t (id bigint generated by default as "
                  "identity primary key, g text generated always as "
                  "(upper(x)) stored, x text);", NULL };
    run_compile(&r, &dialect_sqlite, f2);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0001", false),
        "    \"id\" integer NOT NULL,\n"
        "    \"g\" text GENERATED ALWAYS AS (upper(x)) STORED,\n"));
    run_free(&r);
}

/* Identifiers and strings that try to break out. */
static void test_quoting(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_q", "create table \"we\"\"ird\" (\"sel ect\" text default "
                  "'x''); DROP TABLE t; --');",
        NULL };
    run_compile(&r, &dialect_sqlite, files);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0001", false),
        "CREATE TABLE \"we\"\"ird\" (\n"
        "    \"sel ect\" text DEFAULT 'x''); DROP TABLE t; --'\n"
        ");\n"));
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_table),
        cmocka_unit_test(test_casts),
        cmocka_unit_test(test_add_column_native),
        cmocka_unit_test(test_add_column_rebuild),
        cmocka_unit_test(test_drop_column_native),
        cmocka_unit_test(test_alter_type_using),
        cmocka_unit_test(test_no_transaction),
        cmocka_unit_test(test_schema_error),
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_quoting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
