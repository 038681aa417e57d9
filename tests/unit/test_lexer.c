/*
 * test_lexer.c — the scanner: every token form, byte-offset locations,
 * raw bodies, and every lexical error with its exact diagnostic.
 */
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
#include "diag.h"
#include "parse.h"
#include "parser.h"
#include "lexer.h"

#define MAXTOK 64

typedef struct Tok {
    int kind;
    int start, end;
    const char *str;        /* value of IDENT, QIDENT, NUMBER, STRING, RAW */
} Tok;

typedef struct Lexed {
    Arena arena;
    Tok tok[MAXTOK];
    int n;                  /* tokens before END */
    int errors;
    char *diag;             /* everything the scanner reported */
    size_t diaglen;
} Lexed;

/* Scan `len` bytes of `text` (file "t.mig") into lx. */
static void lex_n(Lexed *lx, const char *text, size_t len)
{
    memset(lx, 0, sizeof *lx);
    arena_init(&lx->arena);
    FILE *out = open_memstream(&lx->diag, &lx->diaglen);
    assert_non_null(out);
    Diag d;
    diag_init(&d, out);
    SourceFile src = { "t.mig", text, len };
    ParseState ps;
    memset(&ps, 0, sizeof ps);
    ps.arena = &lx->arena;
    ps.diag = &d;
    ps.src = &src;
    ps.lex_error_at = ps.semi_at = ps.prev_semi_at = -1;
    yyscan_t sc;
    assert_int_equal(yylex_init_extra(&ps, &sc), 0);
    YY_BUFFER_STATE buf = yy_scan_bytes(text, (int)len, sc);
    for (;;) {
        YYSTYPE val;
        YYLTYPE loc;
        memset(&val, 0, sizeof val);
        int t = yylex(&val, &loc, sc);
        if (t == END)
            break;
        assert_true(lx->n < MAXTOK);
        Tok *k = &lx->tok[lx->n++];
        k->kind = t;
        k->start = loc.start;
        k->end = loc.end;
        if (t == IDENT || t == QIDENT || t == NUMBER || t == STRING || t == RAW)
            k->str = val.str;
    }
    yy_delete_buffer(buf, sc);
    yylex_destroy(sc);
    fclose(out);
    lx->errors = ps.errors;
}

static void lex(Lexed *lx, const char *text)
{
    lex_n(lx, text, strlen(text));
}

static void lexed_free(Lexed *lx)
{
    arena_free(&lx->arena);
    free(lx->diag);
}

static void assert_tok(const Lexed *lx, int i, int kind, int start, int end,
                       const char *str)
{
    assert_true(i < lx->n);
    assert_int_equal(lx->tok[i].kind, kind);
    assert_int_equal(lx->tok[i].start, start);
    assert_int_equal(lx->tok[i].end, end);
    if (str)
        assert_string_equal(lx->tok[i].str, str);
}

static void test_identifiers_and_keywords(void **state)
{
    (void)state;
    Lexed lx;
    lex(&lx, "CREATE Table users_2 _x \"MixedCase\" \"a\"\"b\" \"select\"");
    assert_int_equal(lx.errors, 0);
    assert_int_equal(lx.n, 7);
    assert_tok(&lx, 0, CREATE, 0, 6, NULL);
    assert_tok(&lx, 1, TABLE, 7, 12, NULL);
    assert_tok(&lx, 2, IDENT, 13, 20, "users_2");
    assert_tok(&lx, 3, IDENT, 21, 23, "_x");
    assert_tok(&lx, 4, QIDENT, 24, 35, "MixedCase");
    assert_tok(&lx, 5, QIDENT, 36, 42, "a\"b");
    assert_tok(&lx, 6, QIDENT, 43, 51, "select");
    lexed_free(&lx);

    lex(&lx, "UsErS NoT nULL");
    assert_tok(&lx, 0, IDENT, 0, 5, "users");
    assert_tok(&lx, 1, NOT, 6, 9, NULL);
    assert_tok(&lx, 2, NULL_P, 10, 14, NULL);
    lexed_free(&lx);
}

static void test_quoted_identifier_utf8(void **state)
{
    (void)state;
    Lexed lx;
    lex(&lx, "\"caf\xC3\xA9 \xE2\x82\xAC\"");
    assert_int_equal(lx.errors, 0);
    assert_tok(&lx, 0, QIDENT, 0, 11, "caf\xC3\xA9 \xE2\x82\xAC");
    lexed_free(&lx);
}

static void test_strings(void **state)
{
    (void)state;
    Lexed lx;
    lex(&lx, "'it''s' '' 'a\nb' 'back\\slash'");
    assert_int_equal(lx.errors, 0);
    assert_int_equal(lx.n, 4);
    assert_tok(&lx, 0, STRING, 0, 7, "it's");
    assert_tok(&lx, 1, STRING, 8, 10, "");
    assert_tok(&lx, 2, STRING, 11, 16, "a\nb");
    assert_tok(&lx, 3, STRING, 17, 29, "back\\slash");
    lexed_free(&lx);
}

static void test_dollar_quotes(void **state)
{
    (void)state;
    Lexed lx;
    lex(&lx, "$$ it's $x$ $$ $fn$ a $f$ $fn $fn$;");
    assert_int_equal(lx.errors, 0);
    assert_int_equal(lx.n, 3);
    assert_tok(&lx, 0, STRING, 0, 14, " it's $x$ ");
    assert_tok(&lx, 1, STRING, 15, 34, " a $f$ $fn ");
    assert_tok(&lx, 2, ';', 34, 35, NULL);
    lexed_free(&lx);

    /* A mismatching tag whose last '$' starts the real end tag. */
    lex(&lx, "$a$x$b$a$");
    assert_int_equal(lx.n, 1);
    assert_tok(&lx, 0, STRING, 0, 9, "x$b");
    lexed_free(&lx);
}

static void test_comments(void **state)
{
    (void)state;
    Lexed lx;
    lex(&lx, "a -- line ( ' \"\nb /* x /* nested */ still */ c /**/d");
    assert_int_equal(lx.errors, 0);
    assert_int_equal(lx.n, 4);
    assert_tok(&lx, 0, IDENT, 0, 1, "a");
    assert_tok(&lx, 1, IDENT, 16, 17, "b");
    assert_tok(&lx, 2, IDENT, 45, 46, "c");
    assert_tok(&lx, 3, IDENT, 51, 52, "d");
    lexed_free(&lx);
}

static void test_numbers_and_punctuation(void **state)
{
    (void)state;
    Lexed lx;
    lex(&lx, "42 -1.5 .5 7. (),;.{}");
    assert_int_equal(lx.errors, 0);
    assert_int_equal(lx.n, 11);
    assert_tok(&lx, 0, NUMBER, 0, 2, "42");
    assert_tok(&lx, 1, NUMBER, 3, 7, "-1.5");
    assert_tok(&lx, 2, NUMBER, 8, 10, ".5");
    assert_tok(&lx, 3, NUMBER, 11, 13, "7.");
    assert_tok(&lx, 4, '(', 14, 15, NULL);
    assert_tok(&lx, 5, ')', 15, 16, NULL);
    assert_tok(&lx, 6, ',', 16, 17, NULL);
    assert_tok(&lx, 7, ';', 17, 18, NULL);
    assert_tok(&lx, 8, '.', 18, 19, NULL);
    assert_tok(&lx, 9, '{', 19, 20, NULL);
    assert_tok(&lx, 10, '}', 20, 21, NULL);
    lexed_free(&lx);
}

static void test_raw_bodies(void **state)
{
    (void)state;
    Lexed lx;
    const char *text =
        "check (a > (1) and b = ')' and \"x)\" = $$)$$ /* ) */ -- )\n)";
    lex(&lx, text);
    assert_int_equal(lx.errors, 0);
    assert_int_equal(lx.n, 2);
    assert_tok(&lx, 0, CHECK, 0, 5, NULL);
    assert_tok(&lx, 1, RAW, 6, (int)strlen(text),
               "a > (1) and b = ')' and \"x)\" = $$)$$ /* ) */ -- )\n");
    lexed_free(&lx);

    lex(&lx, "using(x::int) where (a) default (now())");
    assert_int_equal(lx.n, 6);
    assert_tok(&lx, 1, RAW, 5, 13, "x::int");
    assert_tok(&lx, 3, RAW, 20, 23, "a");
    assert_tok(&lx, 5, RAW, 32, 39, "now()");
    lexed_free(&lx);

    /* default name(args): a call; the args are raw. */
    lex(&lx, "default gen_id('a)', (1)) numeric(10, 2)");
    assert_int_equal(lx.errors, 0);
    assert_int_equal(lx.n, 9);
    assert_tok(&lx, 1, IDENT, 8, 14, "gen_id");
    assert_tok(&lx, 2, RAW, 14, 25, "'a)', (1)");
    assert_tok(&lx, 3, IDENT, 26, 33, "numeric");
    assert_tok(&lx, 4, '(', 33, 34, NULL);
    assert_tok(&lx, 5, NUMBER, 34, 36, "10");
    lexed_free(&lx);
}

static void test_bom_and_tokenize(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF" "drop table t;";
    SourceFile src = { "t.mig", text, strlen(text) };
    Diag d;
    diag_init(&d, NULL);
    assert_int_equal(parse_tokenize(&src, &d), 4);

    const char *bad = "drop table 'x";
    SourceFile src2 = { "t.mig", bad, strlen(bad) };
    assert_int_equal(parse_tokenize(&src2, &d), -1);
    assert_int_equal(d.errors, 1);
}

/* The diagnostics of scanning `len` bytes. */
static void check_error_n(const char *text, size_t len, const char *expected)
{
    Lexed lx;
    lex_n(&lx, text, len);
    assert_true(lx.errors > 0);
    assert_string_equal(lx.diag, expected);
    lexed_free(&lx);
}

static void check_error(const char *text, const char *expected)
{
    check_error_n(text, strlen(text), expected);
}

static void test_errors(void **state)
{
    (void)state;
    check_error("a 'abc\ndef",
                "t.mig:1:3: error: unterminated string\n"
                "    a 'abc\n"
                "      ^\n");
    check_error("a 'abc''",
                "t.mig:1:3: error: unterminated string\n"
                "    a 'abc''\n"
                "      ^\n");
    check_error("x /* a /* b */",
                "t.mig:1:3: error: unterminated comment\n"
                "    x /* a /* b */\n"
                "      ^~\n");
    check_error("sql $fn$ body $f$",
                "t.mig:1:5: error: unterminated dollar-quoted string\n"
                "    sql $fn$ body $f$\n"
                "        ^~~~\n");
    check_error("check (a > (1)",
                "t.mig:1:7: error: unterminated parenthesis\n"
                "    check (a > (1)\n"
                "          ^\n");
    check_error("\"abc",
                "t.mig:1:1: error: unterminated quoted identifier\n"
                "    \"abc\n"
                "    ^\n");
    check_error("a \"\" b",
                "t.mig:1:3: error: empty quoted identifier\n"
                "    a \"\" b\n"
                "      ^~\n");
    check_error("a \x01 b",
                "t.mig:1:3: error: unexpected character '\\x01'\n"
                "    a ? b\n"
                "      ^\n");
    check_error("a @ b",
                "t.mig:1:3: error: unexpected character '@'\n"
                "    a @ b\n"
                "      ^\n");
    check_error("a \xC3\xA9 b",
                "t.mig:1:3: error: unexpected character '\xC3\xA9'\n"
                "    a \xC3\xA9 b\n"
                "      ^\n");
    check_error("a $ b",
                "t.mig:1:3: error: unexpected character '$'\n"
                "    a $ b\n"
                "      ^\n"
                "hint: a dollar-quoted string starts with $$ or $tag$\n");
    check_error("abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij",
                "t.mig:1:1: error: identifier is longer than 63 bytes\n"
                "    abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij\n"
                "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

/* Encoding errors are found by the driver before scanning. */
static void check_file_error_n(const char *text, size_t len,
                               const char *expected)
{
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    Diag d;
    diag_init(&d, f);
    SourceFile src = { "t.mig", text, len };
    assert_int_equal(parse_tokenize(&src, &d), -1);
    fclose(f);
    assert_string_equal(out, expected);
    free(out);
}

static void test_encoding_errors(void **state)
{
    (void)state;
    check_file_error_n("drop table t\0x;", 15,
                       "t.mig:1:13: error: unexpected character '\\x00'\n"
                       "    drop table t?x;\n"
                       "                ^\n");
    check_file_error_n("a\nb \xC3(", 6,
                       "t.mig:2:3: error: invalid UTF-8\n"
                       "    b ?(\n"
                       "      ^\n"
                       "hint: a migration file must be UTF-8 text\n");
    /* An overlong encoding and a surrogate are not UTF-8 either. */
    check_file_error_n("'\xC0\xAF'", 4,
                       "t.mig:1:2: error: invalid UTF-8\n"
                       "    '?" "?'\n"
                       "     ^\n"
                       "hint: a migration file must be UTF-8 text\n");
    check_file_error_n("'\xED\xA0\x80'", 5,
                       "t.mig:1:2: error: invalid UTF-8\n"
                       "    '?" "?" "?'\n"
                       "     ^\n"
                       "hint: a migration file must be UTF-8 text\n");
}

static void test_nesting_limit(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "check (");
    for (int i = 0; i < 300; i++)
        sb_putc(&b, '(');
    for (int i = 0; i < 301; i++)
        sb_putc(&b, ')');
    Lexed lx;
    lex(&lx, sb_str(&b));
    assert_int_equal(lx.errors, 1);
    assert_non_null(strstr(lx.diag,
                           "t.mig:1:263: error: parentheses nested too deeply "
                           "(limit 256)\n"));
    lexed_free(&lx);
    sb_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identifiers_and_keywords),
        cmocka_unit_test(test_quoted_identifier_utf8),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_dollar_quotes),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_numbers_and_punctuation),
        cmocka_unit_test(test_raw_bodies),
        cmocka_unit_test(test_bom_and_tokenize),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_encoding_errors),
        cmocka_unit_test(test_nesting_limit),
    };
    return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
