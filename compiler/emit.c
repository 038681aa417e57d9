/*
 * emit.c — what every dialect shares: statement boundaries, comments,
 * quoting, finding a dialect by name, and the pieces of SQL that the
 * dialects spell alike (column lists, constraints, CREATE TABLE).
 */
#include "emit.h"
#include "sqlscan.h"

#include <stdio.h>
#include <stdlib.h>
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

const char *dialect_name(const Dialect *d)
{
    return d->name;
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

void emit_backfill_mark(EmitCtx *e, const char *what)
{
    e->bf_at = xrealloc(e->bf_at, sizeof(int) * (size_t)(e->nbf + 1));
    e->bf_what = xrealloc(e->bf_what, sizeof(char *) * (size_t)(e->nbf + 1));
    e->bf_at[e->nbf] = e->nends - 1;
    e->bf_what[e->nbf++] = xstrdup(what);
}

void emit_ctx_free_marks(EmitCtx *e)
{
    for (int i = 0; i < e->nbf; i++)
        free(e->bf_what[i]);
    free(e->bf_what);
    free(e->bf_at);
    free(e->ends);
    e->bf_what = NULL;
    e->bf_at = NULL;
    e->ends = NULL;
    e->nbf = e->nends = e->capends = 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/*
 * Where a raw SQL text ends, lexically (sqlscan.h): inside a line comment
 * or not, and whether its last token outside comments is ';'.  Strings,
 * quoted identifiers (`` too), dollar quotes and comments are tokens of
 * their own, so a ';' or "--" inside them does not count.
 */
static void raw_tail(const char *s, size_t n, bool *in_line_comment,
                     bool *ends_semi)
{
    SqlLex l;
    SqlLexTok t;
    SqlLexKind last = SQLLEX_SPACE;
    *in_line_comment = false;
    sqllex_init(&l, s, n, SQLLEX_BACKTICK);
    while (sqllex_next(&l, &t)) {
        *in_line_comment = t.kind == SQLLEX_COMMENT && s[t.start] != '/' &&
                           t.end == n;
        if (t.kind != SQLLEX_SPACE && t.kind != SQLLEX_COMMENT)
            last = t.kind;
    }
    *ends_semi = last == SQLLEX_SEMI;
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

void emit_raw_inline(EmitCtx *e, const char *sql)
{
    while (is_space(*sql))
        sql++;
    size_t n = strlen(sql);
    while (n > 0 && is_space(sql[n - 1]))
        n--;
    bool in_comment, ends_semi;
    raw_tail(sql, n, &in_comment, &ends_semi);
    sb_putn(e->out, sql, n);
    if (in_comment)
        sb_putc(e->out, '\n');
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

/* ---- quoting ---- */

void emit_quote_doubled(StrBuf *out, const char *s, char q)
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
    emit_quote_doubled(out, ident, '"');
}

void emit_quote_string_ansi(StrBuf *out, const char *s)
{
    emit_quote_doubled(out, s, '\'');
}

void emit_quote_string_backslash(StrBuf *out, const char *s)
{
    sb_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            sb_putc(out, *p);
        sb_putc(out, *p);
    }
    sb_putc(out, '\'');
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

void emit_names(EmitCtx *e, const NameList *l)
{
    for (; l; l = l->next) {
        emit_ident(e, l->name.s);
        if (l->next)
            sb_puts(e->out, ", ");
    }
}

void emit_table(EmitCtx *e, const QName *q)
{
    emit_qname(e, e->dialect->has_schemas ? q->schema.s : NULL, q->name.s);
}

void emit_alter_table(EmitCtx *e, const char *schema, const char *name)
{
    sb_puts(e->out, "ALTER TABLE ");
    emit_qname(e, e->dialect->has_schemas ? schema : NULL, name);
    sb_putc(e->out, ' ');
}

void emit_type_custom(EmitCtx *e, const TypeRef *t)
{
    emit_sql_name(e, t->name);
    if (t->args)
        sb_printf(e->out, "(%s)", t->args);
}

void emit_enum_labels(EmitCtx *e, const char *const *vals, int n)
{
    sb_putc(e->out, '(');
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(e->out, ", ");
        emit_string(e, vals[i]);
    }
    sb_putc(e->out, ')');
}

const SourceFile *emit_src(const EmitCtx *e)
{
    return e->m ? &e->m->src : NULL;
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

/* ---- pieces of statements ---- */

void emit_expr(EmitCtx *e, const Expr *x)
{
    StrBuf *o = e->out;
    const Dialect *d = e->dialect;
    switch (x->kind) {
    case EX_NUMBER: sb_puts(o, x->text); return;
    case EX_STRING: emit_string(e, x->text); return;
    case EX_TRUE: sb_puts(o, d->true_sql); return;
    case EX_FALSE: sb_puts(o, d->false_sql); return;
    case EX_NULL: sb_puts(o, "NULL"); return;
    case EX_NOW: sb_puts(o, d->now_sql); return;
    case EX_CALL:
        /* SQLite and MySQL take an expression default only in
         * parentheses. */
        if (d->paren_call)
            sb_putc(o, '(');
        emit_sql_name(e, x->name);
        sb_putc(o, '(');
        emit_raw_expr(e, x->text ? x->text : "");
        sb_putc(o, ')');
        if (d->paren_call)
            sb_putc(o, ')');
        return;
    case EX_RAW:
        sb_putc(o, '(');
        emit_raw_expr(e, x->text);
        sb_putc(o, ')');
        return;
    case EX_CAST:
        /* SQLite and MySQL: an expression default in parentheses */
        if (d->paren_call && !d->colon_cast)
            sb_putc(o, '(');
        emit_cast(e, x);
        if (d->paren_call && !d->colon_cast)
            sb_putc(o, ')');
        return;
    }
}

void emit_column(EmitCtx *e, const ColumnDef *c, EmitTypeFn *type)
{
    emit_ident(e, c->name.s);
    sb_putc(e->out, ' ');
    type(e, &c->type);
    if (c->not_null)
        sb_puts(e->out, " NOT NULL");
    if (c->def) {
        sb_puts(e->out, " DEFAULT ");
        emit_expr(e, c->def);
    }
    if (c->generated) {
        sb_puts(e->out, " GENERATED ALWAYS AS (");
        emit_raw_expr(e, c->generated);
        sb_puts(e->out, ") STORED");
    }
}

void emit_references(EmitCtx *e, const Constraint *c)
{
    StrBuf *o = e->out;
    sb_puts(o, "REFERENCES ");
    emit_table(e, &c->ref_table);
    if (c->ref_cols) {
        sb_puts(o, " (");
        emit_names(e, c->ref_cols);
        sb_putc(o, ')');
    }
    /* Only the actions the migration gave: FK_NONE is the default. */
    if (c->on_delete != FK_NONE)
        sb_printf(o, " ON DELETE %s", ast_fk_action_sql(c->on_delete));
    if (c->on_update != FK_NONE)
        sb_printf(o, " ON UPDATE %s", ast_fk_action_sql(c->on_update));
}

void emit_constraint(EmitCtx *e, const Constraint *c, const char *col)
{
    StrBuf *o = e->out;
    if (c->name.s) {
        sb_puts(o, "CONSTRAINT ");
        emit_ident(e, c->name.s);
        sb_putc(o, ' ');
    }
    switch (c->kind) {
    case CON_PRIMARY: sb_puts(o, "PRIMARY KEY ("); break;
    case CON_UNIQUE: sb_puts(o, "UNIQUE ("); break;
    case CON_CHECK: sb_printf(o, "CHECK (%s)", c->check); return;
    case CON_FOREIGN: sb_puts(o, "FOREIGN KEY ("); break;
    }
    if (c->cols)
        emit_names(e, c->cols);
    else if (col)
        emit_ident(e, col);
    sb_putc(o, ')');
    if (c->kind == CON_FOREIGN) {
        sb_putc(o, ' ');
        emit_references(e, c);
    }
}

void emit_create_table(EmitCtx *e, const Stmt *s, const char *as,
                       EmitColumnFn *column)
{
    StrBuf *o = e->out;
    sb_puts(o, "CREATE TABLE ");
    if (as)
        emit_ident(e, as);
    else
        emit_table(e, &s->table);
    sb_puts(o, " (");
    const char *sep = "\n    ";
    for (const ColumnDef *c = s->columns; c; c = c->next) {
        sb_puts(o, sep);
        sep = ",\n    ";
        column(e, c);
    }
    for (const ColumnDef *c = s->columns; c; c = c->next)
        for (const Constraint *k = c->cons; k; k = k->next) {
            sb_puts(o, sep);
            sep = ",\n    ";
            emit_constraint(e, k, c->name.s);
        }
    for (const Constraint *k = s->constraints; k; k = k->next) {
        sb_puts(o, sep);
        sep = ",\n    ";
        emit_constraint(e, k, NULL);
    }
    sb_puts(o, "\n)");
    emit_end(e);
    if (s->sql_up && !as) {
        /* create table T (...) as 'query': the table as declared, then
         * the query's rows, in every dialect (CREATE TABLE ... AS would
         * take the column types from the query instead). */
        sb_puts(o, "INSERT INTO ");
        emit_table(e, &s->table);
        sb_puts(o, " (");
        for (const ColumnDef *c = s->columns; c; c = c->next) {
            emit_ident(e, c->name.s);
            if (c->next)
                sb_puts(o, ", ");
        }
        sb_puts(o, ")\n");
        emit_raw_inline(e, s->sql_up);
        emit_end(e);
    }
}

bool emit_index_supported(EmitCtx *e, const Stmt *s, const IndexDef *ix,
                          const IndexLacks *lacks)
{
    const char *d = e->dialect->name;
    const char *what = NULL;
    if (ix->method.s) {
        bool known = false;
        for (const char *const *m = lacks->methods; m && *m && !known; m++)
            known = strcmp(*m, ix->method.s) == 0;
        if (lacks->no_method || !known)
            what = arena_printf(e->arena, "index method %s", ix->method.s);
    }
    if (!what && lacks->no_include && ix->include)
        what = "include columns in an index";
    for (const IndexKey *k = ix->keys; k && !what; k = k->next) {
        if (lacks->no_expr && !k->col.s)
            what = "expression keys in an index";
        else if (lacks->no_opclass && k->opclass.s)
            what = arena_printf(e->arena, "operator class %s", k->opclass.s);
        else if (lacks->no_nulls && k->nulls != KEY_NULLS_DEFAULT)
            what = "nulls first / nulls last in an index";
    }
    if (!what)
        return true;
    diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
            "%s has no %s: this create index cannot be compiled for %s", d,
            what, d);
    return false;
}

void emit_index_keys(EmitCtx *e, const IndexKey *k)
{
    static const char *const order[] = {"", " ASC", " DESC"};
    static const char *const nulls[] = {"", " NULLS FIRST", " NULLS LAST"};
    StrBuf *o = e->out;
    for (; k; k = k->next) {
        if (k->col.s) {
            emit_ident(e, k->col.s);
        } else {
            sb_putc(o, '(');
            emit_raw_expr(e, k->expr);
            sb_putc(o, ')');
        }
        if (k->opclass.s) {
            sb_putc(o, ' ');
            emit_sql_name(e, k->opclass.s);
        }
        sb_puts(o, order[k->order]);
        sb_puts(o, nulls[k->nulls]);
        if (k->next)
            sb_puts(o, ", ");
    }
}

void emit_create_index(EmitCtx *e, const IndexDef *ix, bool concurrently)
{
    StrBuf *o = e->out;
    sb_puts(o, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    if (concurrently)
        sb_puts(o, "CONCURRENTLY ");
    emit_ident(e, ix->name.name.s);
    sb_puts(o, " ON ");
    emit_table(e, &ix->table);
    if (ix->method.s) {
        sb_puts(o, " USING ");
        emit_sql_name(e, ix->method.s);
    }
    sb_puts(o, " (");
    if (!ix->keys)
        emit_names(e, ix->cols);
    emit_index_keys(e, ix->keys);
    sb_putc(o, ')');
    if (ix->include) {
        sb_puts(o, " INCLUDE (");
        emit_names(e, ix->include);
        sb_putc(o, ')');
    }
    if (ix->where)
        sb_printf(o, " WHERE (%s)", ix->where);
    emit_end(e);
}

void emit_drop_table(EmitCtx *e, const Stmt *s)
{
    sb_puts(e->out, "DROP TABLE ");
    emit_table(e, &s->table);
    emit_end(e);
}

void emit_rename_table(EmitCtx *e, const Stmt *s)
{
    emit_alter_table(e, s->table.schema.s, s->table.name.s);
    sb_puts(e->out, "RENAME TO ");
    emit_ident(e, s->new_name.s);
    emit_end(e);
}

void emit_rename_column(EmitCtx *e, const Stmt *s)
{
    emit_alter_table(e, s->table.schema.s, s->table.name.s);
    sb_puts(e->out, "RENAME COLUMN ");
    emit_ident(e, s->column.s);
    sb_puts(e->out, " TO ");
    emit_ident(e, s->new_name.s);
    emit_end(e);
}

void emit_drop_column(EmitCtx *e, const Stmt *s)
{
    emit_alter_table(e, s->table.schema.s, s->table.name.s);
    sb_puts(e->out, "DROP COLUMN ");
    emit_ident(e, s->column.s);
    emit_end(e);
}

void emit_fill_column(EmitCtx *e, const Stmt *s)
{
    sb_puts(e->out, "UPDATE ");
    emit_table(e, &s->table);
    sb_puts(e->out, " SET ");
    emit_ident(e, s->column.s);
    sb_puts(e->out, " = ");
    emit_expr(e, s->def);
    emit_end(e);
}

void emit_drop_index(EmitCtx *e, const Stmt *s, bool concurrently)
{
    sb_puts(e->out, "DROP INDEX ");
    if (concurrently)
        sb_puts(e->out, "CONCURRENTLY ");
    emit_table(e, &s->object);
    emit_end(e);
}
