/*
 * test_exprnorm.c — expressions as a catalog gives them back and as a
 * migration wrote them, in one form (exprnorm.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "exprnorm.h"

static void test_equal(void **state)
{
    (void)state;
    assert_true(expr_norm_equal("((balance >= (0)::numeric))",
                                "balance >= 0"));
    assert_true(expr_norm_equal("CAST('1.50' AS NUMERIC)",
                                "'1.50'::numeric(10, 2)"));
    assert_true(expr_norm_equal("cast ('x' as char(3) charset utf8mb4)",
                                "'x'"));
    assert_true(expr_norm_equal("`title` <> ''", "title <> ''"));
    assert_false(expr_norm_equal("a > 1", "a > 2"));
    assert_false(expr_norm_equal("castle(a)", "(a)"));
}

/* A text shorter than the word cast is read no further than its end:
 * each in memory of its own exact size (ASan and valgrind see a read
 * past it). */
static void test_short_texts(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "a", "ab", "abc", "ca", "cas",
                                        "cast", "1", "'x'"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t n = strlen(texts[i]) + 1;
        char *s = malloc(n);
        assert_non_null(s);
        memcpy(s, texts[i], n);
        assert_true(expr_norm_equal(s, s));
        free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal),
        cmocka_unit_test(test_short_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
