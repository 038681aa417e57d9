/*
 * sqlscan.c — identifier tokens of raw SQL texts (see sqlscan.h), read
 * through the one lexer of SQL text (sqllex.c).
 */
#include "sqlscan.h"

#include <stdlib.h>
#include <string.h>

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool sqlscan_copy_stdio(const char *text, size_t *at, bool *from_stdin)
{
    SqlLex l, in;
    SqlLexTok t;
    size_t from, to;
    sqllex_init(&l, text, (size_t)-1, 0);
    while (sqllex_next_stmt(&l, &from, &to)) {
        /* COPY, then at the top level (not in a query in parentheses)
         * FROM STDIN or TO STDOUT. */
        int depth = 0;
        bool copy = false, prev_from = false, prev_to = false;
        sqllex_init(&in, text, to, 0);
        in.pos = from;
        while (sqllex_next(&in, &t)) {
            if (t.kind == SQLLEX_SPACE || t.kind == SQLLEX_COMMENT)
                continue;
            if (!copy) {
                if (!sqllex_word_is(text, &t, "copy"))
                    break;
                copy = true;
                *at = t.start;
                continue;
            }
            if (t.kind == SQLLEX_PUNCT && text[t.start] == '(')
                depth++;
            else if (t.kind == SQLLEX_PUNCT && text[t.start] == ')')
                depth--;
            if (depth == 0 && ((prev_from && sqllex_word_is(text, &t, "stdin")) ||
                               (prev_to && sqllex_word_is(text, &t, "stdout")))) {
                *from_stdin = prev_from;
                return true;
            }
            prev_from = depth == 0 && sqllex_word_is(text, &t, "from");
            prev_to = depth == 0 && sqllex_word_is(text, &t, "to");
        }
    }
    return false;
}

/* The next token of `in` that is neither space nor comment. */
static bool next_word_tok(SqlLex *in, SqlLexTok *t)
{
    while (sqllex_next(in, t))
        if (t->kind != SQLLEX_SPACE && t->kind != SQLLEX_COMMENT)
            return true;
    return false;
}

/* The depth of the compound statement after the tokens left in `in`,
 * from `depth`: BEGIN and CASE open one, END closes one (END CASE too;
 * END IF, END LOOP, END WHILE, END REPEAT, END FOR close none of its).
 * A routine's or trigger's body (SQLite's, MySQL's BEGIN ... END) holds
 * ';' that split it into statements whose BEGIN and END are its own. */
static int compound_depth(const char *text, SqlLex *in, int depth)
{
    static const char *const loops[] = {"if", "loop", "while", "repeat",
                                        "for"};
    SqlLexTok w, n;
    bool have = next_word_tok(in, &w);
    while (have) {
        bool next = next_word_tok(in, &n);
        if (sqllex_word_is(text, &w, "begin") ||
            sqllex_word_is(text, &w, "case")) {
            depth++;
        } else if (sqllex_word_is(text, &w, "end")) {
            bool loop = false;
            for (size_t i = 0; next && i < sizeof loops / sizeof loops[0]; i++)
                loop = loop || sqllex_word_is(text, &n, loops[i]);
            if (!loop)
                depth--;
            if (depth <= 0)
                return 0;
            if (loop || (next && sqllex_word_is(text, &n, "case"))) {
                /* END IF, END CASE: the word is the END's */
                have = next_word_tok(in, &w);
                continue;
            }
        }
        w = n;
        have = next;
    }
    return depth;
}

bool sqlscan_txn_control(const char *text, size_t *at)
{
    static const char *const words[] = {"begin", "commit", "end", "rollback",
                                        "abort", "start"};
    SqlLex l, in;
    SqlLexTok t, t2;
    size_t from, to;
    int body = 0;       /* the depth of a compound statement, if in one */
    sqllex_init(&l, text, (size_t)-1, 0);
    while (sqllex_next_stmt(&l, &from, &to)) {
        sqllex_init(&in, text, to, 0);
        in.pos = from;
        bool first = false;
        while (sqllex_next(&in, &t))
            if (t.kind != SQLLEX_SPACE && t.kind != SQLLEX_COMMENT) {
                first = true;
                break;
            }
        if (!first)
            continue;
        /* CREATE TRIGGER (SQLite, MySQL), PROCEDURE, FUNCTION or EVENT
         * (MySQL) ... BEGIN ...; ...; END: the ';' inside split it, and
         * its BEGIN and END are its own. */
        if (body > 0) {
            in.pos = t.start;
            body = compound_depth(text, &in, body);
            continue;
        }
        if (sqllex_word_is(text, &t, "create")) {
            SqlLex rest = in;
            SqlLexTok w;
            bool routine = false;
            while (!routine && sqllex_next(&rest, &w))
                routine = sqllex_word_is(text, &w, "trigger") ||
                          sqllex_word_is(text, &w, "procedure") ||
                          sqllex_word_is(text, &w, "function") ||
                          sqllex_word_is(text, &w, "event");
            if (routine)
                body = compound_depth(text, &rest, 0);
            continue;
        }
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            if (!sqllex_word_is(text, &t, words[i]))
                continue;
            /* the next word: START TRANSACTION only; ROLLBACK TO and
             * ROLLBACK PREPARED, COMMIT PREPARED are not the frame's */
            bool next = false;
            while (sqllex_next(&in, &t2))
                if (t2.kind != SQLLEX_SPACE && t2.kind != SQLLEX_COMMENT) {
                    next = true;
                    break;
                }
            if (i == 5 && !(next && sqllex_word_is(text, &t2, "transaction")))
                break;
            if (next && (sqllex_word_is(text, &t2, "to") ||
                         sqllex_word_is(text, &t2, "prepared")))
                break;
            *at = t.start;
            return true;
        }
    }
    return false;
}

/* ---- identifier tokens ---- */

void sqlscan_init(SqlScan *s, const char *text)
{
    s->text = text ? text : "";
    s->pos = 0;
    s->dot = false;
}

/* The next token that is neither white space nor a comment. */
static bool next_solid(SqlLex *l, SqlLexTok *t)
{
    while (sqllex_next(l, t))
        if (t->kind != SQLLEX_SPACE && t->kind != SQLLEX_COMMENT)
            return true;
    return false;
}

bool sqlscan_next(SqlScan *s, SqlTok *tok)
{
    SqlLex l;
    SqlLexTok t;
    sqllex_init(&l, s->text, (size_t)-1, 0);
    l.pos = s->pos;
    while (next_solid(&l, &t)) {
        if (t.kind == SQLLEX_WORD || t.kind == SQLLEX_QIDENT) {
            SqlLexTok after;
            tok->start = t.start;
            tok->end = t.end;
            tok->quoted = t.kind == SQLLEX_QIDENT;
            tok->after_dot = s->dot;
            s->pos = l.pos;
            s->dot = false;
            tok->before_paren = next_solid(&l, &after) &&
                                after.kind == SQLLEX_PUNCT &&
                                s->text[after.start] == '(';
            return true;
        }
        s->dot = t.kind == SQLLEX_PUNCT && s->text[t.start] == '.';
    }
    s->pos = l.pos;
    return false;
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

static const char *rename_tokens(Arena *a, const char *text,
                                 const char *from, const char *to,
                                 bool qualified_too);

const char *sqlscan_rename(Arena *a, const char *text, const char *from,
                           const char *to)
{
    return rename_tokens(a, text, from, to, false);
}

const char *sqlscan_rename_ref(Arena *a, const char *text, const char *from,
                               const char *to)
{
    return rename_tokens(a, text, from, to, true);
}

static const char *rename_tokens(Arena *a, const char *text,
                                 const char *from, const char *to,
                                 bool qualified_too)
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
        if ((t.after_dot && !qualified_too) || t.before_paren ||
            !sqlscan_tok_is(text, &t, from))
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

/* The next token of l that is neither white space nor a comment; false at
 * the end and at a final ';'. */
static bool obj_next_token(SqlLex *l, SqlLexTok *t)
{
    if (!next_solid(l, t))
        return false;
    if (t->kind != SQLLEX_SEMI)
        return true;
    SqlLex rest = *l;
    SqlLexTok u;
    while (next_solid(&rest, &u))
        if (u.kind != SQLLEX_SEMI)
            return true;
    return false;
}

bool sqlscan_same_tokens(const char *a, const char *b)
{
    if (sqlscan_equal(a, b))
        return true;
    if (!a || !b)
        return false;
    StrBuf ca, cb;
    sb_init(&ca);
    sb_init(&cb);
    canonical(&ca, a);
    canonical(&cb, b);
    const char *x = sb_str(&ca), *y = sb_str(&cb);
    SqlLex la, lb;
    SqlLexTok ta, tb;
    sqllex_init(&la, x, (size_t)-1, 0);
    sqllex_init(&lb, y, (size_t)-1, 0);
    bool eq;
    for (;;) {
        bool ma = obj_next_token(&la, &ta), mb = obj_next_token(&lb, &tb);
        if (!ma || !mb) {
            eq = ma == mb;
            break;
        }
        if (ta.end - ta.start != tb.end - tb.start ||
            memcmp(x + ta.start, y + tb.start, ta.end - ta.start) != 0) {
            eq = false;
            break;
        }
    }
    sb_free(&ca);
    sb_free(&cb);
    return eq;
}
