/*
 * test_mask.c — passwords never show in a target as printed, nor in a
 * client library's message about it, for every spelling the libraries
 * accept (runtime/mask.h).  tests/t_runtime_pg.sh checks the same forms
 * against a real PostgreSQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mask.h"

static void expect_target(const char *target, const char *want)
{
    char *s = db_mask_target(target);
    assert_string_equal(s, want);
    assert_null(strstr(s, "S3"));
    free(s);
}

static void test_conninfo(void **state)
{
    (void)state;
    expect_target("host=x password='a b' dbname=y",
                  "host=x password=*** dbname=y");
    expect_target("host=x password = S3CRET dbname=y",
                  "host=x password = *** dbname=y");
    expect_target("password=S3\\ CRET dbname=y", "password=*** dbname=y");
    expect_target("password='S3\\'CRET' dbname=y", "password=*** dbname=y");
    expect_target("PASSWORD=S3CRET dbname=y", "PASSWORD=*** dbname=y");
    expect_target("sslpassword=S3CRET", "sslpassword=***");
    /* Not a conninfo libpq accepts: all from the bad key on is hidden. */
    expect_target("dbname=y password S3CRET", "dbname=y ***");
    expect_target("dbname=y", "dbname=y");
}

static void test_url(void **state)
{
    (void)state;
    expect_target("postgres://alice:S3cret@db.example:5432/shop",
                  "postgres://alice:***@db.example:5432/shop");
    expect_target("postgresql:///shop?host=/tmp&password=S3pw&user=u",
                  "postgresql:///shop?host=/tmp&password=***&user=u");
    expect_target("postgres://u:S3/CRET@h/db", "postgres://u:***@h/db");
    expect_target("postgres://u:S3%zzCRET@h/db", "postgres://u:***@h/db");
    expect_target("postgres://u:S3%00CRET@h/db", "postgres://u:***@h/db");
    expect_target("postgres://u:S3@CRET@h/db", "postgres://u:***@h/db");
    expect_target("postgres:///db?pass%77ord=S3CRET",
                  "postgres:///db?pass%77ord=***");
    expect_target("postgres:///db?PASSWORD=S3CRET&x=1",
                  "postgres:///db?PASSWORD=***&x=1");
    expect_target("mysql://root:S3CRET@localhost/app",
                  "mysql://root:***@localhost/app");
    expect_target("postgres://u@h/db", "postgres://u@h/db");
    expect_target("sqlite:db.sqlite3", "sqlite:db.sqlite3");
}

static void expect_message(const char *msg, const char *target,
                           const char *extra, const char *want)
{
    char *s = db_mask_message(msg, target, extra);
    assert_string_equal(s, want);
    free(s);
}

static void test_messages(void **state)
{
    (void)state;
    /* libpq echoes a bad percent-encoding with the value around it. */
    expect_message("invalid percent-encoded token: \"S3%zzCRET\"",
                   "postgres://u:S3%zzCRET@h/db", NULL,
                   "invalid percent-encoded token: \"***\"");
    expect_message("forbidden value %00 in percent-encoded value: "
                   "\"S3%00CRET\"",
                   "postgres://u:S3%00CRET@h/db", NULL,
                   "forbidden value %00 in percent-encoded value: \"***\"");
    /* An unencoded '/' makes libpq read the password's start as a port. */
    expect_message("invalid integer value \"S3\" for connection option "
                   "\"port\"",
                   "postgres://u:S3/CRET@h/db", NULL,
                   "invalid integer value \"***\" for connection option "
                   "\"port\"");
    expect_message("database \"CRET@/db\" does not exist",
                   "postgres://u:S3/CRET@h/db", NULL,
                   "database \"***\" does not exist");
    /* A malformed URL printed whole. */
    expect_message("invalid URI: \"postgres://u:S3CRET@[::1/db\"",
                   "postgres://u:S3CRET@[::1/db", NULL,
                   "invalid URI: \"postgres://u:***@[::1/db\"");
    expect_message("missing \"=\" after \"S3CRET\" in connection info "
                   "string",
                   "dbname=y password S3CRET", NULL,
                   "missing \"=\" after \"***\" in connection info string");
    /* The password libpq's parser found, wherever the message echoes it. */
    expect_message("password S3CRET rejected", "service=x", "S3CRET",
                   "password *** rejected");
    /* Messages without a secret pass unchanged. */
    expect_message("connection refused", "postgres://u:pw@h/db", NULL,
                   "connection refused");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conninfo),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
