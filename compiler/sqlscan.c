/*
 * sqlscan.c — identifier tokens of raw SQL texts (see sqlscan.h).
 *
 * The scanner follows PostgreSQL's scan.l where it matters for finding
 * identifiers, and is deliberately forgiving elsewhere: an unterminated
 * string, quoted identifier, dollar quote or comment runs to the end of
 * the text (the lexer has already rejected such texts in migrations).
 */
#include "sqlscan.h"

#include <stdlib.h>
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

/* Past white space and comments (-- to the end of the line, and block
 * comments, which nest). */
static size_t skip_space(const char *t, size_t p)
{
    for (;;) {
        char c = t[p];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v') {
            p++;
        } else if (c == '-' && t[p + 1] == '-') {
            while (t[p] && t[p] != '\n')
                p++;
        } else if (c == '/' && t[p + 1] == '*') {
            int depth = 1;
            for (p += 2; t[p] && depth > 0;) {
                if (t[p] == '/' && t[p + 1] == '*') {
                    depth++;
                    p += 2;
                } else if (t[p] == '*' && t[p + 1] == '/') {
                    depth--;
                    p += 2;
                } else {
                    p++;
                }
            }
        } else {
            return p;
        }
    }
}

/* Past a quoted token that starts at t[p] with `q` (' or "), the quote
 * doubled inside; `esc`: a backslash escapes the next byte (E'...'). */
static size_t skip_quoted(const char *t, size_t p, char q, bool esc)
{
    for (p++; t[p]; p++) {
        if (esc && t[p] == '\\' && t[p + 1]) {
            p++;
        } else if (t[p] == q) {
            if (t[p + 1] != q)
                return p + 1;
            p++;
        }
    }
    return p;
}

/* The length of the dollar-quote tag at t[p] ("$$" or "$tag$"), or 0 when
 * the '$' opens none ($1 is a parameter). */
static size_t dollar_tag(const char *t, size_t p)
{
    size_t q = p + 1;
    if (t[q] != '$') {
        if (!ident_start((unsigned char)t[q]))
            return 0;
        while (ident_start((unsigned char)t[q]) || is_digit((unsigned char)t[q]))
            q++;
        if (t[q] != '$')
            return 0;
    }
    return q + 1 - p;
}

/* Past the dollar-quoted string whose tag (of `n` bytes) is at t[p]. */
static size_t skip_dollar(const char *t, size_t p, size_t n)
{
    for (size_t q = p + n; t[q]; q++)
        if (t[q] == '$' && strncmp(t + q, t + p, n) == 0)
            return q + n;
    return p + strlen(t + p);
}

void sqlscan_init(SqlScan *s, const char *text)
{
    s->text = text ? text : "";
    s->pos = 0;
    s->dot = false;
}

bool sqlscan_next(SqlScan *s, SqlTok *tok)
{
    const char *t = s->text;
    size_t p = s->pos, q;
    for (;;) {
        p = skip_space(t, p);
        unsigned char c = (unsigned char)t[p];
        if (c == '\0') {
            s->pos = p;
            return false;
        }
        if (c == '"') {
            q = skip_quoted(t, p, '"', false);
            tok->quoted = true;
            break;
        }
        if (ident_start(c)) {
            for (q = p + 1; ident_cont((unsigned char)t[q]); q++)
                ;
            /* E'...', B'...', X'...', N'...': a string, not a name. */
            if (q == p + 1 && t[q] == '\'' && strchr("eEbBxXnN", c)) {
                p = skip_quoted(t, q, '\'', c == 'e' || c == 'E');
                s->dot = false;
                continue;
            }
            tok->quoted = false;
            break;
        }
        if (c == '\'') {
            p = skip_quoted(t, p, '\'', false);
        } else if (is_digit(c)) {
            /* 12, 1.5, 1e5, 0x1F, 1_000 */
            while (is_digit((unsigned char)t[p]) || is_alpha((unsigned char)t[p]) ||
                   t[p] == '.' || t[p] == '_')
                p++;
        } else if (c == '$') {
            size_t n = dollar_tag(t, p);
            if (n) {
                p = skip_dollar(t, p, n);
            } else {
                for (p++; is_digit((unsigned char)t[p]); p++)
                    ;
            }
        } else {
            s->dot = c == '.';
            p++;
            continue;
        }
        s->dot = false;
    }
    tok->start = p;
    tok->end = q;
    tok->after_dot = s->dot;
    tok->before_paren = t[skip_space(t, q)] == '(';
    s->dot = false;
    s->pos = q;
    return true;
}

bool sqlscan_tok_is(const char *text, const SqlTok *t, const char *name)
{
    const char *p = text + t->start, *end = text + t->end;
    if (!t->quoted) {
        for (; p < end; p++, name++)
            if (fold(*p) != *name)
                return false;
        return *name == '\0';
    }
    for (p++; p < end; p++, name++) {
        if (*p == '"') {
            if (p + 1 >= end || p[1] != '"')
                break; /* the closing quote */
            p++;
        }
        if (*p != *name)
            return false;
    }
    return *name == '\0';
}

bool sqlscan_mentions(const char *text, const char *name)
{
    SqlScan s;
    SqlTok t;
    sqlscan_init(&s, text);
    while (sqlscan_next(&s, &t))
        if (sqlscan_tok_is(s.text, &t, name))
            return true;
    return false;
}

const char *sqlscan_rename(Arena *a, const char *text, const char *from,
                           const char *to)
{
    if (!text)
        return NULL;
    SqlScan s;
    SqlTok t;
    StrBuf b;
    size_t last = 0;
    bool changed = false;
    sb_init(&b);
    sqlscan_init(&s, text);
    while (sqlscan_next(&s, &t)) {
        if (t.after_dot || t.before_paren || !sqlscan_tok_is(text, &t, from))
            continue;
        sb_putn(&b, text + last, t.start - last);
        sqlscan_put_ident(&b, to);
        last = t.end;
        changed = true;
    }
    const char *out = text;
    if (changed) {
        sb_puts(&b, text + last);
        out = sb_arena_copy(&b, a);
    }
    sb_free(&b);
    return out;
}

/* PostgreSQL's reserved keywords, and those that cannot be a bare column
 * reference everywhere (type_func_name and col_name keywords), sorted. */
static const char *const reserved[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc",
    "asymmetric", "authorization", "between", "bigint", "binary", "bit",
    "boolean", "both", "case", "cast", "char", "character", "check",
    "coalesce", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date",
    "current_role", "current_schema", "current_time", "current_timestamp",
    "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract",
    "false", "fetch", "float", "for", "foreign", "freeze", "from", "full",
    "grant", "greatest", "group", "grouping", "having", "ilike", "in",
    "initially", "inner", "inout", "int", "integer", "intersect",
    "interval", "into", "is", "isnull", "join", "json", "json_array",
    "json_arrayagg", "json_exists", "json_object", "json_objectagg",
    "json_query", "json_scalar", "json_serialize", "json_table",
    "json_value", "lateral", "leading", "least", "left", "like", "limit",
    "localtime", "localtimestamp", "merge_action", "national", "natural",
    "nchar", "none", "normalize", "not", "notnull", "null", "nullif",
    "numeric", "offset", "on", "only", "or", "order", "out", "outer",
    "overlaps", "overlay", "placing", "position", "precision", "primary",
    "real", "references", "returning", "right", "row", "select",
    "session_user", "setof", "similar", "smallint", "some", "substring",
    "symmetric", "system_user", "table", "tablesample", "then", "time",
    "timestamp", "to", "trailing", "treat", "trim", "true", "union",
    "unique", "user", "using", "values", "varchar", "variadic", "verbose",
    "when", "where", "window", "with", "xmlattributes", "xmlconcat",
    "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
    "xmlpi", "xmlroot", "xmlserialize", "xmltable",
};

static int cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

static bool is_bare(const char *name)
{
    if (!((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
        return false;
    for (const char *p = name + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || is_digit((unsigned char)*p) ||
              *p == '_'))
            return false;
    return !bsearch(name, reserved, sizeof reserved / sizeof reserved[0],
                    sizeof reserved[0], cmp_word);
}

void sqlscan_put_ident(StrBuf *b, const char *name)
{
    if (is_bare(name)) {
        sb_puts(b, name);
        return;
    }
    sb_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            sb_putc(b, '"');
        sb_putc(b, *p);
    }
    sb_putc(b, '"');
}

/* `text` with every identifier written in one way: its name as
 * sqlscan_put_ident writes it. */
static void canonical(StrBuf *out, const char *text)
{
    SqlScan s;
    SqlTok t;
    StrBuf name;
    size_t last = 0;
    sb_init(&name);
    sqlscan_init(&s, text);
    while (sqlscan_next(&s, &t)) {
        sb_putn(out, text + last, t.start - last);
        sb_reset(&name);
        const char *p = text + t.start, *end = text + t.end;
        if (!t.quoted) {
            for (; p < end; p++)
                sb_putc(&name, fold(*p));
        } else {
            for (p++; p < end; p++) {
                if (*p == '"') {
                    if (p + 1 >= end || p[1] != '"')
                        break;
                    p++;
                }
                sb_putc(&name, *p);
            }
        }
        sqlscan_put_ident(out, sb_str(&name));
        last = t.end;
    }
    sb_puts(out, text + last);
    sb_free(&name);
}

bool sqlscan_equal(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    if (strcmp(a, b) == 0)
        return true;
    StrBuf ca, cb;
    sb_init(&ca);
    sb_init(&cb);
    canonical(&ca, a);
    canonical(&cb, b);
    bool eq = strcmp(sb_str(&ca), sb_str(&cb)) == 0;
    sb_free(&ca);
    sb_free(&cb);
    return eq;
}
