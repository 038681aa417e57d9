/*
 * emit_pg.c — SQL generation for PostgreSQL.
 *
 * The output is written for a human reviewer: one statement per line,
 * except CREATE TABLE, whose columns and constraints are one per line.
 *
 * Conventions:
 *
 *  - Every constraint, whether written on a column or at table level, is
 *    emitted as a named table constraint (CONSTRAINT "name" ...) after the
 *    columns: column-level ones first, in column order, then the table-level
 *    ones as written.  The two spellings of a migration thus give the same
 *    SQL and the same pg_dump.  Only NOT NULL and DEFAULT stay on the
 *    column.  ADD COLUMN writes the column, then one ALTER TABLE ... ADD
 *    CONSTRAINT per constraint of it.
 *
 *  - Identifiers are always double-quoted with "" doubling.  Names are
 *    schema-qualified only when the migration named a schema (the checker
 *    turns "public" into none).
 *
 *  - String literals are single-quoted with '' doubling, which is exact
 *    when standard_conforming_strings is on (the default since 9.1).  A
 *    string holding a backslash is written E'...' with the backslashes
 *    doubled as well: that means the same thing whatever the setting, so a
 *    server with the setting off cannot turn a \' into the end of the
 *    literal.
 *
 *  - serial and bigserial exist only in CREATE TABLE and ADD COLUMN; a
 *    type change to them (the down of a change away from serial) becomes
 *    integer or bigint, the column keeping its default.
 *
 *  - DROP COLUMN first drops, explicitly, the indexes and constraints that
 *    PostgreSQL would drop with the column (Stmt.implied), as the other
 *    dialects must, so the SQL shows everything that goes.
 *
 *  - Nothing is ever dropped with CASCADE.
 */
#include "emit.h"

#include <string.h>

/* ---- literals, names and types ---- */

static void pg_quote_string(StrBuf *out, const char *s)
{
    if (!strchr(s, '\\')) {
        emit_quote_string_ansi(out, s);
        return;
    }
    sb_puts(out, "E'");
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            sb_putc(out, *p);
        sb_putc(out, *p);
    }
    sb_putc(out, '\'');
}

static void pg_qname(EmitCtx *e, const QName *q)
{
    emit_qname(e, q->schema.s, q->name.s);
}

/* "a", "b" */
static void pg_names(EmitCtx *e, const NameList *l)
{
    for (; l; l = l->next) {
        emit_ident(e, l->name.s);
        if (l->next)
            sb_puts(e->out, ", ");
    }
}

/* `in_create`: the type of a new column, where serial is allowed. */
static void pg_type(EmitCtx *e, const TypeRef *t, bool in_create)
{
    const char *name = NULL;
    switch (t->kind) {
    case TY_SMALLINT: name = "smallint"; break;
    case TY_INTEGER: name = "integer"; break;
    case TY_BIGINT: name = "bigint"; break;
    case TY_SERIAL: name = in_create ? "serial" : "integer"; break;
    case TY_BIGSERIAL: name = in_create ? "bigserial" : "bigint"; break;
    case TY_REAL: name = "real"; break;
    case TY_DOUBLE: name = "double precision"; break;
    case TY_NUMERIC: name = "numeric"; break;
    case TY_BOOLEAN: name = "boolean"; break;
    case TY_TEXT: name = "text"; break;
    case TY_VARCHAR: name = "varchar"; break;
    case TY_CHAR: name = "char"; break;
    case TY_DATE: name = "date"; break;
    case TY_TIME: name = "time"; break;
    case TY_TIMESTAMP: name = "timestamp"; break;
    case TY_TIMESTAMPTZ: name = "timestamptz"; break;
    case TY_INTERVAL: name = "interval"; break;
    case TY_UUID: name = "uuid"; break;
    case TY_JSON: name = "json"; break;
    case TY_JSONB: name = "jsonb"; break;
    case TY_BYTEA: name = "bytea"; break;
    case TY_CUSTOM:
        emit_sql_name(e, t->name);
        if (t->args)
            sb_printf(e->out, "(%s)", t->args);
        return;
    }
    sb_puts(e->out, name);
    /* numeric(p,s), varchar(n), char(n); and a precision on any other
     * type the checker let through, as timestamp(3) */
    int n = t->nargs < 0 ? 0 : t->nargs > TYPE_MAX_ARGS ? TYPE_MAX_ARGS
                                                        : t->nargs;
    for (int i = 0; i < n; i++)
        sb_printf(e->out, "%s%ld", i ? "," : "(", t->arg[i]);
    if (n)
        sb_putc(e->out, ')');
}

static void pg_expr(EmitCtx *e, const Expr *x)
{
    StrBuf *o = e->out;
    switch (x->kind) {
    case EX_NUMBER: sb_puts(o, x->text); return;
    case EX_STRING: emit_string(e, x->text); return;
    case EX_TRUE: sb_puts(o, "true"); return;
    case EX_FALSE: sb_puts(o, "false"); return;
    case EX_NULL: sb_puts(o, "NULL"); return;
    case EX_NOW: sb_puts(o, "now()"); return;
    case EX_CALL:
        emit_sql_name(e, x->name);
        sb_printf(o, "(%s)", x->text ? x->text : "");
        return;
    case EX_RAW: sb_printf(o, "(%s)", x->text); return;
    }
}

static const char *pg_fk_action(FkAction a)
{
    switch (a) {
    case FK_NONE: return NULL;
    case FK_NO_ACTION: return "NO ACTION";
    case FK_RESTRICT: return "RESTRICT";
    case FK_CASCADE: return "CASCADE";
    case FK_SET_NULL: return "SET NULL";
    case FK_SET_DEFAULT: return "SET DEFAULT";
    }
    return NULL;
}

/* CONSTRAINT "name" ...  `col` is the column a column-level constraint was
 * written on, used when the checker has not filled in `cols`. */
static void pg_constraint(EmitCtx *e, const Constraint *c, const char *col)
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
    case CON_CHECK:
        sb_printf(o, "CHECK (%s)", c->check);
        return;
    case CON_FOREIGN: sb_puts(o, "FOREIGN KEY ("); break;
    }
    if (c->cols)
        pg_names(e, c->cols);
    else if (col)
        emit_ident(e, col);
    sb_putc(o, ')');
    if (c->kind != CON_FOREIGN)
        return;
    sb_puts(o, " REFERENCES ");
    pg_qname(e, &c->ref_table);
    if (c->ref_cols) {
        sb_puts(o, " (");
        pg_names(e, c->ref_cols);
        sb_putc(o, ')');
    }
    const char *del = pg_fk_action(c->on_delete);
    const char *upd = pg_fk_action(c->on_update);
    if (del)
        sb_printf(o, " ON DELETE %s", del);
    if (upd)
        sb_printf(o, " ON UPDATE %s", upd);
}

/* "name" type [NOT NULL] [DEFAULT expr] */
static void pg_column(EmitCtx *e, const ColumnDef *c)
{
    emit_ident(e, c->name.s);
    sb_putc(e->out, ' ');
    pg_type(e, &c->type, true);
    if (c->not_null)
        sb_puts(e->out, " NOT NULL");
    if (c->def) {
        sb_puts(e->out, " DEFAULT ");
        pg_expr(e, c->def);
    }
}

/* ALTER TABLE "t"  (with a trailing space) */
static void pg_alter(EmitCtx *e, const QName *t)
{
    sb_puts(e->out, "ALTER TABLE ");
    pg_qname(e, t);
    sb_putc(e->out, ' ');
}

/* ALTER TABLE "t" ALTER COLUMN "c"  (with a trailing space) */
static void pg_alter_column(EmitCtx *e, const Stmt *s)
{
    pg_alter(e, &s->table);
    sb_puts(e->out, "ALTER COLUMN ");
    emit_ident(e, s->column.s);
    sb_putc(e->out, ' ');
}

static void pg_add_constraint(EmitCtx *e, const QName *t, const Constraint *c,
                              const char *col)
{
    pg_alter(e, t);
    sb_puts(e->out, "ADD ");
    pg_constraint(e, c, col);
    emit_end(e);
}

/* ---- statements ---- */

static void pg_create_table(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    sb_puts(o, "CREATE TABLE ");
    pg_qname(e, &s->table);
    sb_puts(o, " (");
    bool first = true;
    for (const ColumnDef *c = s->columns; c; c = c->next) {
        sb_puts(o, first ? "\n    " : ",\n    ");
        first = false;
        pg_column(e, c);
    }
    for (const ColumnDef *c = s->columns; c; c = c->next)
        for (const Constraint *k = c->cons; k; k = k->next) {
            sb_puts(o, first ? "\n    " : ",\n    ");
            first = false;
            pg_constraint(e, k, c->name.s);
        }
    for (const Constraint *k = s->constraints; k; k = k->next) {
        sb_puts(o, first ? "\n    " : ",\n    ");
        first = false;
        pg_constraint(e, k, NULL);
    }
    sb_puts(o, "\n)");
    emit_end(e);
}

static void pg_create_index(EmitCtx *e, const IndexDef *ix)
{
    StrBuf *o = e->out;
    sb_puts(o, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    if (ix->concurrently)
        sb_puts(o, "CONCURRENTLY ");
    /* An index always lives in its table's schema: its name is never
     * qualified here. */
    emit_ident(e, ix->name.name.s);
    sb_puts(o, " ON ");
    pg_qname(e, &ix->table);
    sb_puts(o, " (");
    pg_names(e, ix->cols);
    sb_putc(o, ')');
    if (ix->where)
        sb_printf(o, " WHERE (%s)", ix->where);
    emit_end(e);
}

static const SourceFile *pg_src(const EmitCtx *e)
{
    return e->m ? &e->m->src : NULL;
}

static bool pg_stmt(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    switch (s->kind) {
    case ST_CREATE_TABLE:
        pg_create_table(e, s);
        return true;

    case ST_DROP_TABLE:
        sb_puts(o, "DROP TABLE ");
        pg_qname(e, &s->table);
        emit_end(e);
        return true;

    case ST_RENAME_TABLE:
        pg_alter(e, &s->table);
        sb_puts(o, "RENAME TO ");
        emit_ident(e, s->new_name.s);
        emit_end(e);
        return true;

    case ST_ADD_COLUMN: {
        const ColumnDef *c = s->columns;
        if (!c)
            return true;
        pg_alter(e, &s->table);
        sb_puts(o, "ADD COLUMN ");
        pg_column(e, c);
        emit_end(e);
        for (const Constraint *k = c->cons; k; k = k->next)
            pg_add_constraint(e, &s->table, k, c->name.s);
        return true;
    }

    case ST_DROP_COLUMN:
        for (const Stmt *i = s->implied; i; i = i->next)
            if (!pg_stmt(e, i))
                return false;
        pg_alter(e, &s->table);
        sb_puts(o, "DROP COLUMN ");
        emit_ident(e, s->column.s);
        emit_end(e);
        return true;

    case ST_RENAME_COLUMN:
        pg_alter(e, &s->table);
        sb_puts(o, "RENAME COLUMN ");
        emit_ident(e, s->column.s);
        sb_puts(o, " TO ");
        emit_ident(e, s->new_name.s);
        emit_end(e);
        return true;

    case ST_ALTER_TYPE:
        pg_alter_column(e, s);
        sb_puts(o, "TYPE ");
        pg_type(e, &s->type, false);
        if (s->using_raw)
            sb_printf(o, " USING (%s)", s->using_raw);
        emit_end(e);
        return true;

    case ST_SET_DEFAULT:
        pg_alter_column(e, s);
        sb_puts(o, "SET DEFAULT ");
        pg_expr(e, s->def);
        emit_end(e);
        return true;

    case ST_DROP_DEFAULT:
        pg_alter_column(e, s);
        sb_puts(o, "DROP DEFAULT");
        emit_end(e);
        return true;

    case ST_SET_NOT_NULL:
        pg_alter_column(e, s);
        sb_puts(o, "SET NOT NULL");
        emit_end(e);
        return true;

    case ST_DROP_NOT_NULL:
        pg_alter_column(e, s);
        sb_puts(o, "DROP NOT NULL");
        emit_end(e);
        return true;

    case ST_CREATE_INDEX:
        if (s->index->concurrently && e->in_transaction) {
            diag_at(e->diag, DIAG_ERROR, pg_src(e), s->loc,
                    "put `no transaction;` at the top of the file",
                    "create index concurrently cannot run inside a "
                    "transaction");
            return false;
        }
        pg_create_index(e, s->index);
        return true;

    case ST_DROP_INDEX:
        if (s->concurrently && e->in_transaction) {
            diag_at(e->diag, DIAG_ERROR, pg_src(e), s->loc,
                    "put `no transaction;` at the top of the file",
                    "drop index concurrently cannot run inside a "
                    "transaction");
            return false;
        }
        sb_puts(o, "DROP INDEX ");
        if (s->concurrently)
            sb_puts(o, "CONCURRENTLY ");
        pg_qname(e, &s->object);
        emit_end(e);
        return true;

    case ST_ADD_CONSTRAINT:
        for (const Constraint *k = s->constraints; k; k = k->next)
            pg_add_constraint(e, &s->table, k, NULL);
        return true;

    case ST_DROP_CONSTRAINT:
        pg_alter(e, &s->table);
        sb_puts(o, "DROP CONSTRAINT ");
        emit_ident(e, s->cname.s);
        emit_end(e);
        return true;

    case ST_CREATE_SCHEMA:
        sb_puts(o, "CREATE SCHEMA ");
        emit_ident(e, s->cname.s);
        emit_end(e);
        return true;

    case ST_DROP_SCHEMA:
        sb_puts(o, "DROP SCHEMA ");
        emit_ident(e, s->cname.s);
        emit_end(e);
        return true;

    case ST_SQL:
        emit_raw_sql(e, s->sql_up);
        return true;

    case ST_IRREVERSIBLE:
        /* compile.c marks the migration; there is no SQL to run. */
        return true;
    }
    return true;
}

const Dialect dialect_postgres = {
    .name = "postgres",
    .transactional_ddl = true,
    .has_schemas = true,
    .quote_ident = emit_quote_ident_ansi,
    .quote_string = pg_quote_string,
    .needs_snapshot = NULL,
    .stmt = pg_stmt,
    .begin_sql = "BEGIN;\n",
    .commit_sql = "COMMIT;\n",
    .preamble = NULL,
};
