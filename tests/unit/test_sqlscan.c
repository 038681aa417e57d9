/*
 * test_sqlscan.c — identifiers in raw SQL texts: which tokens are names,
 * the renaming of a column in a check or predicate, the writing of a new
 * name, and the comparison of texts up to the spelling of names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "sqlscan.h"

/* The identifier tokens of `text`, as written, one per line, with
 * ".x" for a qualified one and "x(" for a function name. */
static void assert_tokens(const char *text, const char *want)
{
    SqlScan s;
    SqlTok t;
    StrBuf b;
    sb_init(&b);
    sqlscan_init(&s, text);
    while (sqlscan_next(&s, &t))
        sb_printf(&b, "%s%.*s%s\n", t.after_dot ? "." : "",
                  (int)(t.end - t.start), text + t.start,
                  t.before_paren ? "(" : "");
    assert_string_equal(sb_str(&b), want);
    sb_free(&b);
}

static void test_tokens(void **state)
{
    (void)state;
    assert_tokens("price >= 0", "price\n");
    assert_tokens("", "");
    assert_tokens("t.Price > \"Q\"\"x\" and lower (name) <> ''",
                  "t\n.Price\n\"Q\"\"x\"\nand\nlower(\nname\n");
    /* Strings, comments and dollar quotes hide names; numbers are not
     * names, nor are the prefixes of E'', B'', X'' and N'' strings. */
    assert_tokens("'a''b' -- c\n/* d /* e */ f */ $$g$$ $t$ h $$ $t$ "
                  "E'i\\'j' x'1F' 1e5 $1 k$l",
                  "k$l\n");
    /* A name that merely starts like a prefix is a name. */
    assert_tokens("ex'a' e 'b'", "ex\ne\n");
    /* Unterminated quotes run to the end. */
    assert_tokens("a 'b c", "a\n");
    assert_tokens("a \"b c", "a\n\"b c\n");
    assert_tokens("a /* b", "a\n");
    assert_tokens("a $q$ b", "a\n");
}

static void test_mentions(void **state)
{
    (void)state;
    assert_true(sqlscan_mentions("price >= 0", "price"));
    assert_true(sqlscan_mentions("PRICE >= 0", "price"));
    assert_true(sqlscan_mentions("\"price\" >= 0", "price"));
    assert_true(sqlscan_mentions("\"Price\" >= 0", "Price"));
    assert_true(sqlscan_mentions("t.price >= 0", "price"));
    assert_true(sqlscan_mentions("\"a\"\"b\" > 0", "a\"b"));
    assert_false(sqlscan_mentions("Price >= 0", "Price"));
    assert_false(sqlscan_mentions("\"Price\" >= 0", "price"));
    assert_false(sqlscan_mentions("prices >= 0", "price"));
    assert_false(sqlscan_mentions("pric >= 0", "price"));
    assert_false(sqlscan_mentions("note <> 'price'", "price"));
    assert_false(sqlscan_mentions("a > 0 -- price", "price"));
    assert_false(sqlscan_mentions("a > 0 /* price */", "price"));
    assert_false(sqlscan_mentions("a <> $x$price$x$", "price"));
    assert_false(sqlscan_mentions("a <> E'\\'price'", "price"));
    assert_false(sqlscan_mentions(NULL, "price"));
}

static void test_rename(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_string_equal(sqlscan_rename(&a, "price >= 0", "price", "cost"),
                        "cost >= 0");
    /* Unquoted names fold; a quoted one matches as written. */
    assert_string_equal(
        sqlscan_rename(&a, "Price > 0 and \"price\" < 9 and \"Price\" <> 5",
                       "price", "cost"),
        "cost > 0 and cost < 9 and \"Price\" <> 5");
    assert_string_equal(
        sqlscan_rename(&a, "Price > 0 and \"Price\" <> 5", "Price", "cost"),
        "Price > 0 and cost <> 5");
    /* Strings, comments, dollar quotes, qualified names and function
     * names are left alone. */
    assert_string_equal(
        sqlscan_rename(&a,
                       "price <> 'price' -- price\n"
                       "and price <> $$price$$ /* price /* price */ */ "
                       "and price <> E'it\\'s price' and o.price > 0 "
                       "and price(1) and price_x > 0",
                       "price", "cost"),
        "cost <> 'price' -- price\n"
        "and cost <> $$price$$ /* price /* price */ */ "
        "and cost <> E'it\\'s price' and o.price > 0 "
        "and price(1) and price_x > 0");
    assert_string_equal(sqlscan_rename(&a, "length(length) > 0", "length",
                                       "len"),
                        "length(len) > 0");
    assert_string_equal(sqlscan_rename(&a, "x = x'1F'", "x", "y"),
                        "y = x'1F'");
    /* The new name is written bare only when that reads back the same. */
    assert_string_equal(sqlscan_rename(&a, "a > 0", "a", "Cost"),
                        "\"Cost\" > 0");
    assert_string_equal(sqlscan_rename(&a, "a > 0", "a", "q\"x y"),
                        "\"q\"\"x y\" > 0");
    assert_string_equal(sqlscan_rename(&a, "a > 0", "a", "order"),
                        "\"order\" > 0");
    assert_string_equal(sqlscan_rename(&a, "a > 0", "a", "_c2"), "_c2 > 0");
    assert_string_equal(sqlscan_rename(&a, "a > 0", "a", "2c"), "\"2c\" > 0");
    assert_string_equal(sqlscan_rename(&a, "\"q\"\"x y\" > 0", "q\"x y", "b"),
                        "b > 0");
    /* Nothing to rename: the same text, not a copy. */
    const char *text = "qty > 0";
    assert_ptr_equal(sqlscan_rename(&a, text, "price", "cost"), text);
    assert_null(sqlscan_rename(&a, NULL, "price", "cost"));
    arena_free(&a);
}

static void test_put_ident(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "price", "price" }, { "_x1", "_x1" }, { "Price", "\"Price\"" },
        { "user", "\"user\"" }, { "select", "\"select\"" },
        { "time", "\"time\"" }, { "a b", "\"a b\"" }, { "a\"b", "\"a\"\"b\"" },
        { "xmltable", "\"xmltable\"" }, { "all", "\"all\"" },
        { "allx", "allx" }, { "", "\"\"" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        StrBuf b;
        sb_init(&b);
        sqlscan_put_ident(&b, cases[i][0]);
        assert_string_equal(sb_str(&b), cases[i][1]);
        sb_free(&b);
    }
}

static void test_equal(void **state)
{
    (void)state;
    assert_true(sqlscan_equal(NULL, NULL));
    assert_false(sqlscan_equal("a", NULL));
    assert_false(sqlscan_equal(NULL, "a"));
    assert_true(sqlscan_equal("Price >= 0", "price >= 0"));
    assert_true(sqlscan_equal("\"price\" >= 0", "PRICE >= 0"));
    assert_true(sqlscan_equal("a AND b", "a and b"));
    assert_false(sqlscan_equal("\"Price\" >= 0", "price >= 0"));
    assert_false(sqlscan_equal("a >= 0", "a > 0"));
    assert_false(sqlscan_equal("a <> 'X'", "a <> 'x'"));
    assert_false(sqlscan_equal("a  > 0", "a > 0"));
}

/* ---- the lexical layer ---- */

/* Every token of `text` as KIND:text, separated by '|'. */
static void assert_lex(const char *text, unsigned flags, const char *want)
{
    static const char *const kinds[] = {"sp", "com", "str", "qid", "dol",
                                        "w", "num", "par", ";", "p"};
    SqlLex l;
    SqlLexTok t;
    StrBuf b;
    sb_init(&b);
    sqllex_init(&l, text, (size_t)-1, flags);
    while (sqllex_next(&l, &t))
        sb_printf(&b, "%s%s:%.*s%s", b.len ? "|" : "", kinds[t.kind],
                  (int)(t.end - t.start), text + t.start, t.open ? "!" : "");
    assert_string_equal(sb_str(&b), want);
    sb_free(&b);
}

static void test_lex(void **state)
{
    (void)state;
    assert_lex("select 1;", 0, "w:select|sp: |num:1|;:;");
    assert_lex("a$b $1 $$x;y$$ $t$ $$ $t$", 0,
               "w:a$b|sp: |par:$1|sp: |dol:$$x;y$$|sp: |dol:$t$ $$ $t$");
    assert_lex("'it''s' E'a\\'b' \"q\"\"x\"", 0,
               "str:'it''s'|sp: |str:E'a\\'b'|sp: |qid:\"q\"\"x\"");
    assert_lex("/* a /* b */ c */x--y\nz", 0,
               "com:/* a /* b */ c */|w:x|com:--y|sp:\n|w:z");
    assert_lex("'open", 0, "str:'open!");
    assert_lex("$q$ never closed", 0, "dol:$q$ never closed!");
    assert_lex("/* /* */", 0, "com:/* /* */!");
    /* MySQL: backticks, backslashes, # comments, "--" before a space,
     * flat block comments, no dollar quotes. */
    assert_lex("`a``b` 'x\\'y' \"s\" # c\n--x -- y", SQLLEX_MYSQL,
               "qid:`a``b`|sp: |str:'x\\'y'|sp: |str:\"s\"|sp: |com:# c|"
               "sp:\n|p:-|p:-|w:x|sp: |com:-- y");
    assert_lex("/* a /* b */ c", SQLLEX_MYSQL,
               "com:/* a /* b */|sp: |w:c");
}

/* The statements of `text`, separated by '|'. */
static void assert_stmts(const char *text, unsigned flags, const char *want)
{
    SqlLex l;
    size_t from, to;
    StrBuf b;
    sb_init(&b);
    sqllex_init(&l, text, (size_t)-1, flags);
    while (sqllex_next_stmt(&l, &from, &to))
        sb_printf(&b, "%s%.*s", b.len ? "|" : "", (int)(to - from),
                  text + from);
    assert_string_equal(sb_str(&b), want);
    sb_free(&b);
}

static void test_statements(void **state)
{
    (void)state;
    assert_stmts("", 0, "");
    assert_stmts(" ; ;\n -- only a comment\n;", 0, "");
    assert_stmts("a; b", 0, "a;|b");
    assert_stmts("  create index concurrently i on t (a);\n"
                 "create index concurrently j on t (b);  \n", 0,
                 "create index concurrently i on t (a);|"
                 "create index concurrently j on t (b);");
    assert_stmts("select ';'; select $f$ a; b $f$; select \"x;\"", 0,
                 "select ';';|select $f$ a; b $f$;|select \"x;\"");
    assert_stmts("select 1 /* ; */; -- ;\nselect 2 -- end", 0,
                 "select 1 /* ; */;|-- ;\nselect 2 -- end");
    assert_stmts("select E'\\';'; select 2", 0,
                 "select E'\\';';|select 2");
    assert_stmts("insert into t values ('a\\';b'); select 2", SQLLEX_MYSQL,
                 "insert into t values ('a\\';b');|select 2");
    /* an unterminated quote runs to the end: one statement */
    assert_stmts("select 'a; select b", 0, "select 'a; select b");
    assert_true(sqllex_has_content(" x ", 3, 0));
    assert_false(sqllex_has_content(" ; /* x */ -- y", 15, 0));
}

static void test_copy_stdio(void **state)
{
    (void)state;
    size_t at = 99;
    bool from = false;
    assert_true(sqlscan_copy_stdio("select 1; COPY t FROM STDIN", &at, &from));
    assert_int_equal(at, 10);
    assert_true(from);
    assert_true(sqlscan_copy_stdio("copy (select 1) to stdout", &at, &from));
    assert_int_equal(at, 0);
    assert_false(from);
    assert_true(sqlscan_copy_stdio("copy t (a, b) from\n  stdin with csv",
                                   &at, &from));
    assert_false(sqlscan_copy_stdio("copy t from '/tmp/x'", &at, &from));
    assert_false(sqlscan_copy_stdio("copy t to '/tmp/stdout'", &at, &from));
    assert_false(sqlscan_copy_stdio("select 'copy t from stdin'", &at,
                                    &from));
    assert_false(sqlscan_copy_stdio("-- copy t from stdin\nselect 1", &at,
                                    &from));
    assert_false(sqlscan_copy_stdio("copy (select stdin from t) to '/x'",
                                    &at, &from));
    assert_false(sqlscan_copy_stdio(NULL, &at, &from));
}

static void test_txn_control(void **state)
{
    (void)state;
    size_t at = 99;
    assert_true(sqlscan_txn_control("insert into t values (1); commit", &at));
    assert_int_equal(at, 26);
    assert_true(sqlscan_txn_control("BEGIN; select 1", &at));
    assert_true(sqlscan_txn_control("start transaction", &at));
    assert_true(sqlscan_txn_control("select 1; /* x */ ROLLBACK;", &at));
    assert_true(sqlscan_txn_control("end", &at));
    assert_false(sqlscan_txn_control("rollback to savepoint a", &at));
    assert_false(sqlscan_txn_control("commit prepared 'x'", &at));
    assert_false(sqlscan_txn_control("select 'commit'; -- commit", &at));
    assert_false(sqlscan_txn_control("do $$begin perform 1; end$$", &at));
    assert_false(sqlscan_txn_control("start replication", &at));
    assert_false(sqlscan_txn_control(
        "create trigger tr after insert on t begin update t set a = 1; "
        "update t set b = 2; end; select 1", &at));
    assert_true(sqlscan_txn_control(
        "create trigger tr after insert on t begin update t set a = 1; "
        "end; commit", &at));
    /* MySQL's routines: BEGIN ... END nest, with CASE ... END and END IF
     * inside. */
    const char *proc =
        "CREATE PROCEDURE `bump`(IN k int)\n"
        "BEGIN\n"
        "  IF k > 0 THEN UPDATE t SET n = n + 1; END IF;\n"
        "  inner_block: BEGIN SET @x = CASE WHEN k THEN 1 ELSE 2 END; "
        "END inner_block;\n"
        "  CASE k WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE;\n"
        "  WHILE k > 0 DO SET k = k - 1; END WHILE;\n"
        "END";
    assert_false(sqlscan_txn_control(proc, &at));
    char both[512];
    snprintf(both, sizeof both, "%s; commit", proc);
    assert_true(sqlscan_txn_control(both, &at));
    assert_int_equal(at, strlen(proc) + 2);
    assert_false(sqlscan_txn_control(
        "CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC "
        "BEGIN RETURN x + 1; END", &at));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_mentions),
        cmocka_unit_test(test_rename),
        cmocka_unit_test(test_put_ident),
        cmocka_unit_test(test_equal),
        cmocka_unit_test(test_lex),
        cmocka_unit_test(test_statements),
        cmocka_unit_test(test_copy_stdio),
        cmocka_unit_test(test_txn_control),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
