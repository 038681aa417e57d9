/*
 * test_rows.c — the row generator (compiler/rows.h) on schema models
 * compiled from migrations in memory: parents before children, values
 * from the row number, foreign keys pointing at the parent's row, lengths
 * kept, a checked column's default, unknown types left to their default,
 * and the SELECTs that compare
 * rows before and after a change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rows.h"
#include "run_history.h"

/* A child referencing its parent by a unique non-key column, a
 * self-reference, short strings. */
static const char posts_sql[] =
    "create table posts (id serial primary key,"
    " owner varchar(2) not null references users (code),"
    " parent integer references posts, ok boolean, at date);\n";

static void must_compile(Run *r, const Dialect *d, const char *const *files)
{
    run_compile(r, d, files);
    if (!r->ok)
        fail_msg("%s", run_diags(r));
    (void)run_sql;
}

static void test_insert_order_and_values(void **state)
{
    (void)state;
    const char *const hist[] = {
        "0001_users",
        "create table users (id bigserial primary key,"
        " code varchar(2) not null unique, pt point default '(0,0)',"
        " doc jsonb, cost numeric(3,1) check (cost >= 0),"
        " qty integer not null default 1 check (qty between 1 and 9));\n",
        "0002_posts", posts_sql, NULL,
    };
    Run r;
    must_compile(&r, &dialect_postgres, hist);
    StrBuf out, why;
    sb_init(&out);
    sb_init(&why);
    RowsSpec spec = { .nrows = 2, .first = 123 };
    assert_true(rows_insert_sql(&r.h.cat, &dialect_postgres, &spec, &out, &why));
    assert_string_equal(sb_str(&out),
        "INSERT INTO \"users\" (\"id\", \"code\", \"doc\", \"cost\", \"qty\") VALUES\n"
        "    (123, '23', '{\"k\": 123}', 23, 1),\n"
        "    (124, '24', '{\"k\": 124}', 24, 1);\n"
        "INSERT INTO \"posts\" (\"id\", \"owner\", \"parent\", \"ok\", \"at\") VALUES\n"
        "    (123, '23', 123, true, '2001-05-12'),\n"
        "    (124, '24', 124, false, '2001-05-13');\n");
    sb_reset(&out);
    assert_true(rows_insert_sql(&r.h.cat, &dialect_mysql, &spec, &out, &why));
    assert_non_null(strstr(sb_str(&out), "INSERT INTO `posts` (`id`, `owner`, "
                                         "`parent`, `ok`, `at`) VALUES\n"
                                         "    (123, '23', 123, 1, "));
    sb_free(&out);
    sb_free(&why);
    run_free(&r);
}

/* A not null column of a type with no generated value and no default:
 * the table is named, the others are still written. */
static void test_cannot_fill(void **state)
{
    (void)state;
    const char *const hist[] = {
        "0001_create",
        "create table a (id serial primary key);\n"
        "create table b (id serial primary key, pt point not null);\n",
        NULL,
    };
    Run r;
    must_compile(&r, &dialect_postgres, hist);
    StrBuf out, why;
    sb_init(&out);
    sb_init(&why);
    RowsSpec spec = { .nrows = 1, .first = 5 };
    assert_false(rows_insert_sql(&r.h.cat, &dialect_postgres, &spec, &out, &why));
    assert_string_equal(sb_str(&out), "INSERT INTO \"a\" (\"id\") VALUES\n    (5);\n");
    assert_string_equal(sb_str(&why),
                        "table b: column pt (point) is not null, has no default, "
                        "and the generator has no value of its type\n");
    sb_free(&out);
    sb_free(&why);
    run_free(&r);
}

/* Before and after a lossy change: only what survives is compared. */
static void test_select_surviving(void **state)
{
    (void)state;
    const char *const before[] = {
        "0001_create",
        "create table t (id serial primary key, b text, a integer, gone text);\n"
        "create table u (id serial primary key);\n",
        NULL,
    };
    const char *const after[] = {
        "0001_create", before[1],
        "0002_change",
        "drop column t.gone; alter column t.a type smallint; drop table u;\n",
        NULL,
    };
    Run rb, ra;
    must_compile(&rb, &dialect_sqlite, before);
    must_compile(&ra, &dialect_sqlite, after);
    StrBuf out;
    sb_init(&out);
    rows_select_sql(&rb.h.cat, &ra.h.cat, &dialect_sqlite, &out);
    assert_string_equal(sb_str(&out),
        "SELECT 't', CAST(\"b\" AS text), CAST(\"id\" AS text) FROM \"t\" "
        "ORDER BY 2, 3;\n");
    sb_reset(&out);
    rows_select_sql(&rb.h.cat, NULL, &dialect_mysql, &out);
    assert_string_equal(sb_str(&out),
        "SELECT 't', CAST(`a` AS char), CAST(`b` AS char), CAST(`gone` AS char), "
        "CAST(`id` AS char) FROM `t` ORDER BY 2, 3, 4, 5;\n"
        "SELECT 'u', CAST(`id` AS char) FROM `u` ORDER BY 2;\n");
    sb_free(&out);
    run_free(&rb);
    run_free(&ra);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_order_and_values),
        cmocka_unit_test(test_cannot_fill),
        cmocka_unit_test(test_select_surviving),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
