/*
 * emit.c — what every dialect shares: statement boundaries, comments,
 * quoting, and finding a dialect by name.
 */
#include "emit.h"

#include <stdio.h>
#include <string.h>

/* ---- finding a dialect ---- */

/* ASCII case-insensitive equality (names are ASCII; no locale). */
static bool name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        if (ca != *b)
            return false;
    }
    return *a == '\0' && *b == '\0';
}

const Dialect *dialect_find(const char *name)
{
    static const struct {
        const char *name;
        const Dialect *dialect;
    } names[] = {
        { "postgres", &dialect_postgres },
        { "postgresql", &dialect_postgres },
        { "pg", &dialect_postgres },
        { "sqlite", &dialect_sqlite },
        { "sqlite3", &dialect_sqlite },
        { "mysql", &dialect_mysql },
        { "mariadb", &dialect_mysql },
    };
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (name_eq(name, names[i].name))
            return names[i].dialect;
    return NULL;
}

/* ---- statement boundaries ---- */

void emit_boundary(EmitCtx *e)
{
    if (e->nends == e->capends) {
        /* On malloc: whoever set up the EmitCtx frees e->ends. */
        int cap = e->capends ? e->capends * 2 : 16;
        e->ends = xrealloc(e->ends, sizeof(int) * (size_t)cap);
        e->capends = cap;
    }
    e->ends[e->nends++] = (int)e->out->len;
}

void emit_end(EmitCtx *e)
{
    sb_puts(e->out, ";\n");
    emit_boundary(e);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static bool is_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || (unsigned char)c >= 0x80;
}

/* At s[i] == '$': the length of a dollar-quote delimiter $tag$ starting
 * there (tag empty or [A-Za-z_][A-Za-z0-9_]*), or 0. */
static size_t dollar_tag(const char *s, size_t i, size_t n)
{
    size_t j = i + 1;
    if (j < n && s[j] != '$' && !((s[j] >= 'a' && s[j] <= 'z') ||
                                   (s[j] >= 'A' && s[j] <= 'Z') ||
                                   s[j] == '_' || (unsigned char)s[j] >= 0x80))
        return 0;
    while (j < n && s[j] != '$' && is_ident_char(s[j]))
        j++;
    return j < n && s[j] == '$' ? j + 1 - i : 0;
}

/*
 * Where a raw SQL text ends, lexically: inside a "--" comment or not, and
 * whether its last token outside comments is ';'.  Quoted strings ('', ""
 * and `` with doubling), dollar quotes and nested block comments are
 * skipped, so a ';' or "--" inside them does not count.  A backslash
 * escape (MySQL, E'') may fool it; the worst outcome is a ';' too many
 * (an empty statement) or a needless line break.
 */
static void raw_tail(const char *s, size_t n, bool *in_line_comment,
                     bool *ends_semi)
{
    char last = '\0';
    size_t i = 0;
    *in_line_comment = false;
    while (i < n) {
        char c = s[i];
        if (c == '-' && i + 1 < n && s[i + 1] == '-') {
            while (i < n && s[i] != '\n')
                i++;
            if (i == n)
                *in_line_comment = true;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            int depth = 1;
            i += 2;
            while (i < n && depth > 0) {
                if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
                    depth++;
                    i += 2;
                } else if (s[i] == '*' && i + 1 < n && s[i + 1] == '/') {
                    depth--;
                    i += 2;
                } else {
                    i++;
                }
            }
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') {
            i++;
            while (i < n) {
                if (s[i] == c && i + 1 < n && s[i + 1] == c)
                    i += 2;
                else if (s[i++] == c)
                    break;
            }
            last = c;
            continue;
        }
        size_t tag;
        if (c == '$' && (i == 0 || !is_ident_char(s[i - 1])) &&
            (tag = dollar_tag(s, i, n)) > 0) {
            const char *delim = s + i;
            i += tag;
            while (i < n && !(i + tag <= n && memcmp(s + i, delim, tag) == 0))
                i++;
            i = i < n ? i + tag : n;
            last = '$';
            continue;
        }
        if (!is_space(c))
            last = c;
        i++;
    }
    *ends_semi = last == ';';
}

void emit_raw_sql(EmitCtx *e, const char *sql)
{
    if (!sql)
        return;
    size_t n = strlen(sql);
    while (n > 0 && is_space(sql[n - 1]))
        n--;
    if (n == 0)
        return;
    bool in_comment, ends_semi;
    raw_tail(sql, n, &in_comment, &ends_semi);
    sb_putn(e->out, sql, n);
    /* A ';' after a trailing "-- comment" would be part of the comment. */
    if (in_comment)
        sb_putc(e->out, '\n');
    if (ends_semi) {
        if (!in_comment)
            sb_putc(e->out, '\n');
        emit_boundary(e);
        return;
    }
    emit_end(e);
}

/* ---- comments ---- */

void emit_comment(EmitCtx *e, const char *fmt, ...)
{
    StrBuf tmp;
    sb_init(&tmp);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&tmp, fmt, ap);
    va_end(ap);
    /* An identifier may hold a line break; in a comment it would end the
     * comment and let the rest of the name run as SQL.  Every SQL lexer we
     * target ends a "--" comment at CR or LF only. */
    sb_puts(e->out, "-- ");
    for (size_t i = 0; i < tmp.len; i++) {
        char c = tmp.data[i];
        sb_putc(e->out, c == '\n' || c == '\r' ? ' ' : c);
    }
    sb_putc(e->out, '\n');
    sb_free(&tmp);
}

/* ---- types ---- */

const char *emit_type_kind_name(TypeKind k)
{
    switch (k) {
    case TY_SMALLINT: return "smallint";
    case TY_INTEGER: return "integer";
    case TY_BIGINT: return "bigint";
    case TY_SERIAL: return "serial";
    case TY_BIGSERIAL: return "bigserial";
    case TY_REAL: return "real";
    case TY_DOUBLE: return "double";
    case TY_NUMERIC: return "numeric";
    case TY_BOOLEAN: return "boolean";
    case TY_TEXT: return "text";
    case TY_VARCHAR: return "varchar";
    case TY_CHAR: return "char";
    case TY_DATE: return "date";
    case TY_TIME: return "time";
    case TY_TIMESTAMP: return "timestamp";
    case TY_TIMESTAMPTZ: return "timestamptz";
    case TY_INTERVAL: return "interval";
    case TY_UUID: return "uuid";
    case TY_JSON: return "json";
    case TY_JSONB: return "jsonb";
    case TY_BYTEA: return "bytea";
    case TY_CUSTOM: return "custom";
    }
    return "?";
}

void emit_type_portable(StrBuf *out, const TypeRef *t)
{
    if (t->kind == TY_CUSTOM) {
        sb_puts(out, t->name ? t->name : "?");
        if (t->args)
            sb_printf(out, "(%s)", t->args);
        return;
    }
    sb_puts(out, emit_type_kind_name(t->kind));
    int n = t->nargs < 0 ? 0 : t->nargs > TYPE_MAX_ARGS ? TYPE_MAX_ARGS
                                                        : t->nargs;
    for (int i = 0; i < n; i++)
        sb_printf(out, "%s%ld", i ? "," : "(", t->arg[i]);
    if (n)
        sb_putc(out, ')');
}

/* ---- quoting ---- */

static void quote_doubling(StrBuf *out, const char *s, char q)
{
    sb_putc(out, q);
    for (const char *p = s; *p; p++) {
        if (*p == q)
            sb_putc(out, q);
        sb_putc(out, *p);
    }
    sb_putc(out, q);
}

void emit_quote_ident_ansi(StrBuf *out, const char *ident)
{
    quote_doubling(out, ident, '"');
}

void emit_quote_string_ansi(StrBuf *out, const char *s)
{
    quote_doubling(out, s, '\'');
}

void emit_qname(EmitCtx *e, const char *schema, const char *name)
{
    if (schema) {
        e->dialect->quote_ident(e->out, schema);
        sb_putc(e->out, '.');
    }
    e->dialect->quote_ident(e->out, name);
}

void emit_ident(EmitCtx *e, const char *name)
{
    e->dialect->quote_ident(e->out, name);
}

void emit_string(EmitCtx *e, const char *s)
{
    e->dialect->quote_string(e->out, s);
}

static bool is_plain(const char *s, size_t n)
{
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '_'))
            return false;
    return true;
}

void emit_sql_name(EmitCtx *e, const char *name)
{
    const char *p = name;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (is_plain(p, n)) {
            sb_putn(e->out, p, n);
        } else {
            char *part = arena_strndup(e->arena, p, n);
            e->dialect->quote_ident(e->out, part);
        }
        if (!dot)
            break;
        sb_putc(e->out, '.');
        p = dot + 1;
    }
}
