/*
 * test_undo_safe.c — the points of a `safe;` migration from which its
 * partial down runs (CompiledMig.undo_from), and the statements marked as
 * batched backfills (SqlScript.backfill), on PostgreSQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "history_int.h"
#include "run_history.h"

static const char base[] =
    "create table users (id bigint primary key, email text, n integer);\n";

/* One up statement: NOT VALID, VALIDATE (2 SQL statements); a set not
 * null: 4; a new column with a volatile default: 3 + 4.  The downs run
 * newest first: drop column (1), drop check if exists + drop not null
 * (2), drop constraint (1). */
static const char change[] =
    "safe;\n"
    "add constraint users.n_pos check (n > 0);\n"
    "alter column users.email set not null;\n"
    "add column users.seen timestamptz not null default clock_timestamp();\n";

static void test_undo_points(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {"0001_base", base, "0002_change", change, NULL};
    run_compile(&r, &dialect_postgres, files);
    assert_true(r.ok);
    CompiledMig *cm = history_find(&r.h, "0002");
    assert_non_null(cm);
    assert_int_equal(cm->up.nstmts, 2 + 4 + 7);
    assert_int_equal(cm->down.nstmts, 1 + 2 + 1);
    assert_non_null(cm->undo_from);
    /* k statements ran -> the first down statement to run */
    static const int want[] = {4,           /* nothing ran */
                               3, 3,        /* the check */
                               1, 1, 1, 1,  /* set not null */
                               0, 0, 0, 0, 0, 0, 0};  /* the column */
    for (int k = 0; k <= cm->up.nstmts; k++)
        assert_int_equal(cm->undo_from[k], want[k]);
    assert_non_null(cm->up.backfill);
    for (int i = 0; i < cm->up.nstmts; i++)
        if (i == 8)
            assert_string_equal(cm->up.backfill[i], "users.seen");
        else
            assert_null(cm->up.backfill[i]);
    run_free(&r);
}

/* Without `safe;` nothing is inside a statement and nothing is a
 * backfill. */
static void test_plain(void **state)
{
    (void)state;
    Run r;
    const char *files[] = {"0001_base", base, "0002_change", change + 6,
                           NULL};
    run_compile(&r, &dialect_postgres, files);
    assert_true(r.ok);
    CompiledMig *cm = history_find(&r.h, "0002");
    assert_int_equal(cm->up.nstmts, 3);
    assert_null(cm->up.backfill);
    assert_non_null(strstr(run_sql(&r, "0002", false),
                           "ADD COLUMN \"seen\" timestamptz NOT NULL "
                           "DEFAULT clock_timestamp();"));
    assert_string_equal(run_diags(&r), "");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_undo_points),
        cmocka_unit_test(test_plain),
    };
    return cmocka_run_group_tests_name("undo_safe", tests, NULL, NULL);
}
