/*
 * exprnorm.c — one form for an expression as a catalog gives it back and
 * as a migration wrote it (exprnorm.h).
 *
 * One pass over the text.  White space outside literals is kept only
 * between two characters of words (`a and b`), so `a>=0` and `a >= 0`
 * meet; a parenthesis counts as white space.
 */
#include "exprnorm.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$';
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether p[0..n) is DDDD-DD-DD. */
static bool is_date(const char *p, size_t n)
{
    static const char shape[] = "dddd-dd-dd";
    if (n < 10)
        return false;
    for (int i = 0; i < 10; i++)
        if (shape[i] == 'd' ? !digit(p[i]) : p[i] != shape[i])
            return false;
    return true;
}

/* Whether p[0..n) is exactly `what`. */
static bool is(const char *p, size_t n, const char *what)
{
    return n == strlen(what) && memcmp(p, what, n) == 0;
}

/* Whether p[0..n) is a number: -?[0-9]+(.[0-9]+)? */
static bool is_number(const char *p, size_t n)
{
    size_t i = 0;
    if (i < n && p[i] == '-')
        i++;
    size_t b = i;
    while (i < n && digit(p[i]))
        i++;
    if (i == b)
        return false;
    if (i < n && p[i] == '.') {
        size_t c = ++i;
        while (i < n && digit(p[i]))
            i++;
        if (i == c)
            return false;
    }
    return i == n;
}

/* A string literal's contents p[0..n) (quotes still doubled). */
static void put_literal(StrBuf *out, const char *p, size_t n)
{
    if (is_number(p, n) || is(p, n, "true") || is(p, n, "false")) {
        sb_putn(out, p, n);
        return;
    }
    if (is_date(p, n)) {
        /* 'D HH:MM[:00][+00]' to the minute; a midnight the date. */
        size_t rest = n - 10;
        const char *r = p + 10;
        size_t keep = n;
        if (rest >= 6 && r[0] == ' ' && digit(r[1]) && digit(r[2]) &&
            r[3] == ':' && digit(r[4]) && digit(r[5])) {
            const char *t = r + 6;
            size_t tn = rest - 6;
            if (tn >= 3 && is(t, 3, ":00")) {
                t += 3;
                tn -= 3;
            }
            if (tn == 0 || is(t, tn, "+00"))
                keep = memcmp(r, " 00:00", 6) == 0 ? 10 : 16;
        }
        sb_putc(out, '\'');
        sb_putn(out, p, keep);
        sb_putc(out, '\'');
        return;
    }
    sb_putc(out, '\'');
    sb_putn(out, p, n);
    sb_putc(out, '\'');
}

/* Past a `::type` cast at s + i (the two colons): the name, the words of
 * a type of two words, its arguments, [].  The index after it. */
static size_t skip_cast(const char *s, size_t i)
{
    static const char *const words[] = {
        "varying", "precision", "with time zone", "without time zone",
    };
    i += 2;
    while (isspace((unsigned char)s[i]))
        i++;
    if (s[i] == '"') {
        for (i++; s[i] && s[i] != '"'; i++)
            ;
        if (s[i])
            i++;
    } else {
        while (word_char(s[i]))
            i++;
    }
    for (;;) {
        size_t j = i;
        while (isspace((unsigned char)s[j]))
            j++;
        bool more = false;
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
            size_t n = strlen(words[w]);
            if (strncasecmp(s + j, words[w], n) == 0 && !word_char(s[j + n])) {
                i = j + n;
                more = true;
                break;
            }
        }
        if (!more)
            break;
    }
    size_t j = i;
    while (isspace((unsigned char)s[j]))
        j++;
    if (s[j] == '(') {
        size_t k = j + 1;
        while (digit(s[k]) || s[k] == ',' || s[k] == ' ')
            k++;
        if (s[k] == ')')
            i = k + 1;
    }
    if (s[i] == '[' && s[i + 1] == ']')
        i += 2;
    return i;
}

/* The end of a string literal or quoted name starting at s[i] (the quote
 * q), past its closing quote. */
static size_t past_quoted(const char *s, size_t i, char q)
{
    size_t j = i + 1;
    while (s[j] && !(s[j] == q && s[j + 1] != q))
        j += s[j] == q ? 2 : 1;
    return s[j] ? j + 1 : j;
}

/* `s` with every CAST(x AS type) written as (x), as SQLite and MySQL keep
 * the casts PostgreSQL writes x::type: both then lose them. */
static void drop_cast_calls(StrBuf *out, const char *s)
{
    size_t i = 0;
    while (s[i]) {
        if (s[i] == '\'' || s[i] == '"') {
            size_t e = past_quoted(s, i, s[i]);
            sb_putn(out, s + i, e - i);
            i = e;
            continue;
        }
        /* (past the word only where the word is there: the text may end
         * sooner) */
        size_t j = i;
        if (strncasecmp(s + i, "cast", 4) == 0)
            for (j = i + 4; isspace((unsigned char)s[j]); j++)
                ;
        if (j > i && s[j] == '(' && (i == 0 || !word_char(s[i - 1]))) {
            /* the matching ')' and the last `as` at depth 1 */
            size_t k = j + 1, as = 0;
            int depth = 1;
            while (s[k] && depth > 0) {
                if (s[k] == '\'' || s[k] == '"') {
                    k = past_quoted(s, k, s[k]);
                    continue;
                }
                if (s[k] == '(')
                    depth++;
                else if (s[k] == ')')
                    depth--;
                else if (depth == 1 && strncasecmp(s + k, "as", 2) == 0 &&
                         !word_char(s[k - 1]) && !word_char(s[k + 2]))
                    as = k;
                if (depth > 0)
                    k++;
            }
            if (s[k] == ')' && as) {
                StrBuf inner;
                sb_init(&inner);
                sb_putn(&inner, s + j + 1, as - j - 1);
                sb_putc(out, '(');
                drop_cast_calls(out, sb_str(&inner));
                sb_putc(out, ')');
                sb_free(&inner);
                i = k + 1;
                continue;
            }
        }
        sb_putc(out, s[i]);
        i++;
    }
}

static void norm(StrBuf *out, const char *s);

void expr_norm(StrBuf *out, const char *s)
{
    StrBuf t;
    sb_init(&t);
    drop_cast_calls(&t, s);
    norm(out, sb_str(&t));
    sb_free(&t);
}

static void norm(StrBuf *out, const char *s)
{
    bool space = false;     /* white space seen since the last character */
    char last = 0;          /* the last character written, 0 at the start */
    size_t i = 0;
    while (s[i]) {
        char c = s[i];
        if (isspace((unsigned char)c) || c == '(' || c == ')' || c == '`') {
            space = space || c != '`';
            i++;
            continue;
        }
        if (c == ':' && s[i + 1] == ':') {
            i = skip_cast(s, i);
            continue;
        }
        StrBuf tok;
        sb_init(&tok);
        if (c == '\'') {
            size_t j = i + 1;
            while (s[j] && !(s[j] == '\'' && s[j + 1] != '\''))
                j += s[j] == '\'' ? 2 : 1;
            put_literal(&tok, s + i + 1, j - i - 1);
            i = s[j] ? j + 1 : j;
        } else if (c == '"') {
            size_t j = i + 1;
            while (s[j] && !(s[j] == '"' && s[j + 1] != '"'))
                j += s[j] == '"' ? 2 : 1;
            bool plain = j > i + 1 && !digit(s[i + 1]);
            for (size_t k = i + 1; k < j; k++)
                plain = plain && (word_char(s[k]) && s[k] != '$');
            if (!plain)
                sb_putc(&tok, '"');
            for (size_t k = i + 1; k < j; k++)
                sb_putc(&tok, (char)tolower((unsigned char)s[k]));
            if (!plain)
                sb_putc(&tok, '"');
            i = s[j] ? j + 1 : j;
        } else {
            sb_putc(&tok, (char)tolower((unsigned char)c));
            i++;
        }
        const char *t = sb_str(&tok);
        if (space && last && word_char(last) && word_char(t[0]))
            sb_putc(out, ' ');
        sb_putn(out, t, tok.len);
        if (tok.len)
            last = t[tok.len - 1];
        space = false;
        sb_free(&tok);
    }
}

bool expr_norm_equal(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    if (strcmp(a, b) == 0)
        return true;
    StrBuf x, y;
    sb_init(&x);
    sb_init(&y);
    expr_norm(&x, a);
    expr_norm(&y, b);
    bool eq = strcmp(sb_str(&x), sb_str(&y)) == 0;
    sb_free(&x);
    sb_free(&y);
    return eq;
}
