/*
 * parse.c — the driver of the scanner and the parser.
 *
 * Hides the scanner's life cycle the way PostgreSQL's raw_parser() does:
 * check that the text is UTF-8, set up a reentrant scanner over exactly
 * src->len bytes (NUL bytes cannot truncate the file), run the parser, tear
 * everything down, and apply the few file-level rules the grammar cannot
 * express.
 */
#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "parser.h"
#include "lexer.h"

void parse_error(ParseState *ps, Loc loc, const char *hint, const char *fmt,
                 ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vat(ps->diag, DIAG_ERROR, ps->src, loc, hint, fmt, ap);
    va_end(ap);
    ps->errors++;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid. */
static int utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    int len;
    unsigned min_second = 0x80, max_second = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            min_second = 0xA0;      /* overlong */
        else if (c == 0xED)
            max_second = 0x9F;      /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            min_second = 0x90;      /* overlong */
        else if (c == 0xF4)
            max_second = 0x8F;      /* above U+10FFFF */
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    if (s[1] < min_second || s[1] > max_second)
        return 0;
    for (int i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* The file must be UTF-8 without NUL bytes: report the first offence. */
static bool check_encoding(ParseState *ps)
{
    const unsigned char *s = (const unsigned char *)ps->src->text;
    size_t n = ps->src->len;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        Loc loc = { (int)i, (int)i + 1 };
        if (c == 0) {
            parse_error(ps, loc, NULL, "unexpected character '\\x00'");
            return false;
        }
        int len = utf8_len(s + i, n - i);
        if (len == 0) {
            parse_error(ps, loc, "a migration file must be UTF-8 text",
                        "invalid UTF-8");
            return false;
        }
        i += (size_t)len;
    }
    return true;
}

/* Set up a scanner over the file, after a UTF-8 byte order mark if any. */
static yyscan_t scanner_open(ParseState *ps, YY_BUFFER_STATE *buf)
{
    yyscan_t sc;
    if (yylex_init_extra(ps, &sc) != 0) {
        fputs("migc: out of memory\n", stderr);
        abort();
    }
    int start = 0;
    if (ps->src->len >= 3 && memcmp(ps->src->text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    ps->pos = start;
    *buf = yy_scan_bytes(ps->src->text + start,
                         (int)ps->src->len - start, sc);
    return sc;
}

static void scanner_close(yyscan_t sc, YY_BUFFER_STATE buf)
{
    yy_delete_buffer(buf, sc);
    yylex_destroy(sc);
}

static bool size_ok(ParseState *ps)
{
    if (ps->src->len > MIGC_MAX_FILE_BYTES) {
        diag_file(ps->diag, DIAG_ERROR, ps->src,
                  "file is larger than %d MiB", MIGC_MAX_FILE_BYTES >> 20);
        ps->errors++;
        return false;
    }
    return true;
}

/* Rules about the whole file that the grammar does not express. */
static void check_file(ParseState *ps, Migration *m)
{
    if (!m->up) {
        Loc at = { 0, 0 };
        parse_error(ps, at,
                    "write at least one statement, e.g. create table ...",
                    "migration has no statements");
    }
    if (m->has_blocks) {
        for (Stmt *s = m->down; s; s = s->next) {
            if (s->kind == ST_IRREVERSIBLE && (s != m->down || s->next)) {
                parse_error(ps, s->loc, NULL,
                            "\"irreversible\" must be the only statement of "
                            "the down block");
                break;
            }
        }
    }
}

bool parse_migration(Arena *a, Diag *d, Migration *m)
{
    ParseState ps;
    memset(&ps, 0, sizeof ps);
    ps.arena = a;
    ps.diag = d;
    ps.src = &m->src;
    ps.mig = m;
    ps.lex_error_at = ps.semi_at = ps.prev_semi_at = -1;
    m->no_transaction = false;
    m->safe = false;
    m->allow = NULL;
    m->has_blocks = false;
    m->up = NULL;
    m->down = NULL;
    if (!size_ok(&ps) || !check_encoding(&ps))
        return false;

    YY_BUFFER_STATE buf;
    yyscan_t sc = scanner_open(&ps, &buf);
    int rc = yyparse(sc, &ps);
    scanner_close(sc, buf);

    if (rc != 0 && ps.errors == 0) {
        Loc at = { ps.pos, ps.pos };
        parse_error(&ps, at, NULL, "syntax error");
    }
    if (ps.errors == 0)
        parse_dangling_allow(&ps);
    if (ps.errors == 0)
        check_file(&ps, m);
    return ps.errors == 0;
}

void parse_dangling_allow(ParseState *ps)
{
    if (!ps->pending_allow)
        return;
    parse_error(ps, ps->pending_allow_loc,
                "put it right before the statement it is for, or at the top "
                "of the file for all of them",
                "`allow` with no statement after it");
    ps->pending_allow = NULL;
}

long parse_tokenize(const SourceFile *src, Diag *d)
{
    Arena arena;
    arena_init(&arena);
    ParseState ps;
    memset(&ps, 0, sizeof ps);
    ps.arena = &arena;
    ps.diag = d;
    ps.src = src;
    ps.lex_error_at = ps.semi_at = ps.prev_semi_at = -1;
    long count = -1;
    if (size_ok(&ps) && check_encoding(&ps)) {
        YY_BUFFER_STATE buf;
        yyscan_t sc = scanner_open(&ps, &buf);
        YYSTYPE val;
        YYLTYPE loc;
        count = 0;
        while (yylex(&val, &loc, sc) != END)
            count++;
        scanner_close(sc, buf);
    }
    arena_free(&arena);
    return ps.errors ? -1 : count;
}
