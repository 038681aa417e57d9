/*
 * sqllex.c — the tokens of SQL text and the statements they make
 * (sqllex.h).
 *
 * It follows PostgreSQL's scan.l where it matters for where a token ends,
 * and is forgiving elsewhere: an unterminated string, quoted identifier,
 * dollar quote or comment runs to the end of the text.
 */
#include "sqllex.h"

#include <string.h>

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* PostgreSQL's ident_start and ident_cont (bytes >= 0x80 are letters). */
static bool ident_start(unsigned char c)
{
    return is_alpha(c) || c == '_' || c >= 0x80;
}

static bool ident_cont(unsigned char c)
{
    return ident_start(c) || is_digit(c) || c == '$';
}

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

void sqllex_init(SqlLex *l, const char *text, size_t len, unsigned flags)
{
    l->text = text ? text : "";
    l->len = len == (size_t)-1 ? strlen(l->text) : len;
    l->pos = 0;
    l->flags = flags;
}

/* Past a quoted token whose opening quote `q` is at t[p], the quote
 * doubled inside; `esc`: a backslash escapes the next byte. */
static size_t skip_quoted(const SqlLex *l, size_t p, char q, bool esc,
                          bool *open)
{
    const char *t = l->text;
    size_t n = l->len;
    for (p++; p < n; p++) {
        if (esc && t[p] == '\\' && p + 1 < n) {
            p++;
        } else if (t[p] == q) {
            if (p + 1 >= n || t[p + 1] != q)
                return p + 1;
            p++;
        }
    }
    *open = true;
    return n;
}

/* The length of the dollar-quote tag at t[p] ("$$" or "$tag$"), or 0 when
 * the '$' opens none ($1 is a parameter). */
static size_t dollar_tag(const SqlLex *l, size_t p)
{
    const char *t = l->text;
    size_t q = p + 1, n = l->len;
    if (q < n && t[q] != '$') {
        if (!ident_start((unsigned char)t[q]))
            return 0;
        while (q < n && (ident_start((unsigned char)t[q]) ||
                         is_digit((unsigned char)t[q])))
            q++;
    }
    return q < n && t[q] == '$' ? q + 1 - p : 0;
}

bool sqllex_next(SqlLex *l, SqlLexTok *tok)
{
    const char *t = l->text;
    size_t n = l->len, p = l->pos, q = p + 1;
    if (p >= n)
        return false;
    unsigned char c = (unsigned char)t[p];
    tok->open = false;
    if (is_space((char)c)) {
        tok->kind = SQLLEX_SPACE;
        while (q < n && is_space(t[q]))
            q++;
    } else if ((c == '-' && q < n && t[q] == '-' &&
                (!(l->flags & SQLLEX_MYCOMMENT) || q + 1 >= n ||
                 is_space(t[q + 1]) || (unsigned char)t[q + 1] < 0x20)) ||
               (c == '#' && (l->flags & SQLLEX_MYCOMMENT))) {
        tok->kind = SQLLEX_COMMENT;
        while (q < n && t[q] != '\n')
            q++;
    } else if (c == '/' && q < n && t[q] == '*') {
        int depth = 1;
        tok->kind = SQLLEX_COMMENT;
        for (q = p + 2; q < n && depth > 0;) {
            if (t[q] == '/' && q + 1 < n && t[q + 1] == '*' &&
                !(l->flags & SQLLEX_MYCOMMENT)) {
                depth++;
                q += 2;
            } else if (t[q] == '*' && q + 1 < n && t[q + 1] == '/') {
                depth--;
                q += 2;
            } else {
                q++;
            }
        }
        tok->open = depth > 0;
    } else if (c == '\'') {
        tok->kind = SQLLEX_STRING;
        q = skip_quoted(l, p, '\'', l->flags & SQLLEX_BACKSLASH, &tok->open);
    } else if (c == '"') {
        tok->kind = (l->flags & SQLLEX_BACKTICK) ? SQLLEX_STRING
                                                 : SQLLEX_QIDENT;
        q = skip_quoted(l, p, '"', l->flags & SQLLEX_BACKSLASH, &tok->open);
    } else if (c == '`' && (l->flags & SQLLEX_BACKTICK)) {
        tok->kind = SQLLEX_QIDENT;
        q = skip_quoted(l, p, '`', false, &tok->open);
    } else if (ident_start(c)) {
        while (q < n && ident_cont((unsigned char)t[q]))
            q++;
        tok->kind = SQLLEX_WORD;
        /* E'...', B'...', X'...', N'...': a string, not a name. */
        if (q == p + 1 && q < n && t[q] == '\'' && strchr("eEbBxXnN", c)) {
            tok->kind = SQLLEX_STRING;
            q = skip_quoted(l, q, '\'',
                            c == 'e' || c == 'E' ||
                                (l->flags & SQLLEX_BACKSLASH),
                            &tok->open);
        }
    } else if (is_digit(c)) {
        /* 12, 1.5, 1e5, 0x1F, 1_000 */
        tok->kind = SQLLEX_NUMBER;
        while (q < n && (is_digit((unsigned char)t[q]) ||
                         is_alpha((unsigned char)t[q]) || t[q] == '.' ||
                         t[q] == '_'))
            q++;
    } else if (c == '$' && !(l->flags & SQLLEX_BACKSLASH) &&
               dollar_tag(l, p) > 0) {
        size_t tag = dollar_tag(l, p);
        tok->kind = SQLLEX_DOLLAR;
        for (q = p + tag; q < n; q++)
            if (t[q] == '$' && q + tag <= n && memcmp(t + q, t + p, tag) == 0)
                break;
        if (q < n) {
            q += tag;
        } else {
            q = n;
            tok->open = true;
        }
    } else if (c == '$' && q < n && is_digit((unsigned char)t[q])) {
        tok->kind = SQLLEX_PARAM;
        while (q < n && is_digit((unsigned char)t[q]))
            q++;
    } else {
        tok->kind = c == ';' ? SQLLEX_SEMI : SQLLEX_PUNCT;
    }
    tok->start = p;
    tok->end = q;
    l->pos = q;
    return true;
}

bool sqllex_word_is(const char *text, const SqlLexTok *t, const char *kw)
{
    if (t->kind != SQLLEX_WORD)
        return false;
    size_t n = t->end - t->start;
    for (size_t i = 0; i < n; i++)
        if (fold(text[t->start + i]) != kw[i] || !kw[i])
            return false;
    return kw[n] == '\0';
}

bool sqllex_next_stmt(SqlLex *l, size_t *start, size_t *end)
{
    SqlLexTok t;
    bool content = false;
    size_t first = l->pos, last = l->pos;
    while (sqllex_next(l, &t)) {
        if (t.kind == SQLLEX_SPACE) {
            if (!content && first == t.start)
                first = last = t.end;
            continue;
        }
        last = t.end;
        if (t.kind == SQLLEX_SEMI) {
            if (content) {
                *start = first;
                *end = last;
                return true;
            }
            first = last = l->pos;
            continue;
        }
        if (t.kind != SQLLEX_COMMENT)
            content = true;
    }
    if (!content)
        return false;
    *start = first;
    *end = last;
    return true;
}

bool sqllex_has_content(const char *text, size_t len, unsigned flags)
{
    SqlLex l;
    SqlLexTok t;
    sqllex_init(&l, text, len, flags);
    while (sqllex_next(&l, &t))
        if (t.kind != SQLLEX_SPACE && t.kind != SQLLEX_COMMENT &&
            t.kind != SQLLEX_SEMI)
            return true;
    return false;
}

