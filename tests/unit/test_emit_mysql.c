/*
 * test_emit_mysql.c — the MySQL dialect, through the whole pipeline:
 * migrations in memory are parsed, checked and compiled, and the exact SQL
 * of `migc compile --dialect mysql` is compared; and the mixed-DDL warning.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit_mysql.h"
#include "run_history.h"

static const char init_sql[] =
    "create table users (\n"
    "  id serial primary key,\n"
    "  name text default 'a\\''; DROP TABLE users; -- ',\n"
    "  active boolean not null default true,\n"
    "  created timestamptz default now(),\n"
    "  doc json, uid uuid, pic bytea, n numeric\n"
    ");\n"
    "create table posts (\n"
    "  id bigserial primary key,\n"
    "  user_id integer not null references users on delete cascade\n"
    ");\n";

static void test_create_table(void **state)
{
    (void)state;
    Run r;
    const char *files[] = { "0001_init", init_sql, NULL };
    run_compile(&r, &dialect_mysql, files);
    assert_true(r.ok);
    assert_string_equal(run_sql(&r, "0001", false),
        "-- 0001_init: up, reversible\n"
        "-- mysql: each DDL statement commits on its own; a failure "
        "part-way leaves the statements before it applied\n"
        "CREATE TABLE `users` (\n"
        "    `id` int NOT NULL AUTO_INCREMENT,\n"
        "    `name` longtext DEFAULT ('a\\\\''; DROP TABLE users; -- '),\n"
        "    `active` tinyint(1) NOT NULL DEFAULT 1,\n"
        "    `created` datetime(6) DEFAULT CURRENT_TIMESTAMP(6),\n"
        "    `doc` json,\n"
        "    `uid` char(36),\n"
        "    `pic` longblob,\n"
        "    `n` decimal(65,30),\n"
        "    CONSTRAINT `users_pkey` PRIMARY KEY (`id`)\n"
        ");\n"
        "CREATE TABLE `posts` (\n"
        "    `id` bigint NOT NULL AUTO_INCREMENT,\n"
        "    `user_id` int NOT NULL,\n"
        "    CONSTRAINT `posts_pkey` PRIMARY KEY (`id`),\n"
        "    CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) "
        "REFERENCES `users` (`id`) ON DELETE CASCADE\n"
        ");\n");
    run_free(&r);
}

/* Column changes are MODIFY COLUMN with the whole definition. */
static void test_modify(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_init", init_sql,
        "0002_a", "alter column users.active drop not null;",
        "0003_b", "alter column users.active set default false;",
        NULL };
    run_compile(&r, &dialect_mysql, files);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0002", false),
        "ALTER TABLE `users` MODIFY COLUMN `active` tinyint(1) DEFAULT 1;\n"));
    assert_non_null(strstr(run_sql(&r, "0002", true),
        "ALTER TABLE `users` MODIFY COLUMN `active` tinyint(1) NOT NULL "
        "DEFAULT 1;\n"));
    assert_non_null(strstr(run_sql(&r, "0003", false),
        "ALTER TABLE `users` MODIFY COLUMN `active` tinyint(1) DEFAULT 0;\n"));
    run_free(&r);
}

/* The index MySQL gives a foreign key of its own. */
static void test_fk_index(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_init", init_sql,
        "0002_ix", "create index posts_user_idx on posts (user_id);",
        "0003_fk", "drop constraint posts.posts_user_id_fkey;",
        NULL };
    run_compile(&r, &dialect_mysql, files);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0002", false),
        "ALTER TABLE `posts` ADD INDEX `posts_user_idx` (`user_id`), "
        "DROP INDEX `posts_user_id_fkey`;\n"));
    assert_non_null(strstr(run_sql(&r, "0002", true),
        "ALTER TABLE `posts` ADD INDEX `posts_user_id_fkey` (`user_id`), "
        "DROP INDEX `posts_user_idx`;\n"));
    /* Served by posts_user_idx: no index of its own to drop. */
    assert_non_null(strstr(run_sql(&r, "0003", false),
        "ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`;\n"));
    run_free(&r);
}

static void test_drop_fk_with_own_index(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_init", init_sql,
        "0002_fk", "drop constraint posts.posts_user_id_fkey;",
        NULL };
    run_compile(&r, &dialect_mysql, files);
    assert_true(r.ok);
    assert_non_null(strstr(run_sql(&r, "0002", false),
        "ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, "
        "DROP INDEX `posts_user_id_fkey`;\n"));
    run_free(&r);
}

static void test_errors(void **state)
{
    (void)state;
    Run r;
    const char *f1[] = { "0001_s", "create schema app;", NULL };
    run_compile(&r, &dialect_mysql, f1);
    assert_false(r.ok);
    assert_non_null(strstr(run_diags(&r),
        "migrations/0001_s.mig:1:1: error: a mysql schema is a database: "
        "create schema cannot be compiled for mysql"));
    run_free(&r);

    const char *f2[] = { "0001_t", "create table t (id integer, n serial);",
                         NULL };
    run_compile(&r, &dialect_mysql, f2);
    assert_false(r.ok);
    assert_non_null(strstr(run_diags(&r),
        "error: mysql numbers only a key column: serial column t.n is not "
        "the first column of a primary key or unique constraint"));
    run_free(&r);

    const char *f3[] = { "0001_t", "create table t (id integer, n bigint "
                         "generated always as identity);", NULL };
    run_compile(&r, &dialect_mysql, f3);
    assert_false(r.ok);
    assert_non_null(strstr(run_diags(&r),
        "error: mysql numbers only a key column: identity column t.n is "
        "not the first column of a primary key or unique constraint"));
    run_free(&r);
}

static void test_mixed_ddl_warning(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {
        "0001_init", init_sql,
        "0002_one", "drop column users.uid;",
        NULL };
    run_compile(&r, &dialect_mysql, files);
    assert_true(r.ok);
    assert_true(mysql_mixed_ddl_warning(&r.d, history_find(&r.h, "0001")->m));
    assert_false(mysql_mixed_ddl_warning(&r.d, history_find(&r.h, "0002")->m));
    assert_non_null(strstr(run_diags(&r),
        "migrations/0001_init.mig:8:1: warning: mysql commits each DDL "
        "statement on its own: if this statement fails, the ones before it "
        "stay applied"));
    assert_int_equal(r.d.warnings, 1);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_table),
        cmocka_unit_test(test_modify),
        cmocka_unit_test(test_fk_index),
        cmocka_unit_test(test_drop_fk_with_own_index),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_mixed_ddl_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
