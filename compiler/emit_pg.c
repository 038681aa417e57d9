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
#include "types.h"

#include <string.h>

/* ---- literals, names and types ---- */

static void pg_quote_string(StrBuf *out, const char *s)
{
    if (!strchr(s, '\\')) {
        emit_quote_string_ansi(out, s);
        return;
    }
    sb_putc(out, 'E');
    emit_quote_string_backslash(out, s);
}

/* `in_create`: the type of a new column, where serial is allowed. */
static void pg_type(EmitCtx *e, const TypeRef *t, bool in_create)
{
    if (t->kind == TY_CUSTOM) {
        emit_type_custom(e, t);
        return;
    }
    const TypeInfo *ti = type_info(t->kind);
    sb_puts(e->out, in_create ? ti->pg : type_info(ti->base)->pg);
    /* numeric(p,s), varchar(n), char(n); and a precision on any other
     * type the checker let through, as timestamp(3) */
    ast_type_args(e->out, t);
}

/* The type of a column being created. */
static void pg_column_type(EmitCtx *e, const TypeRef *t)
{
    pg_type(e, t, true);
}

/* "name" type [NOT NULL] [DEFAULT expr] */
static void pg_column(EmitCtx *e, const ColumnDef *c)
{
    emit_column(e, c, pg_column_type);
}

/* ALTER TABLE "t" ALTER COLUMN "c"  (with a trailing space) */
static void pg_alter_column(EmitCtx *e, const Stmt *s)
{
    emit_alter_table(e, s->table.schema.s, s->table.name.s);
    sb_puts(e->out, "ALTER COLUMN ");
    emit_ident(e, s->column.s);
    sb_putc(e->out, ' ');
}

static void pg_add_constraint(EmitCtx *e, const QName *t, const Constraint *c,
                              const char *col)
{
    emit_alter_table(e, t->schema.s, t->name.s);
    sb_puts(e->out, "ADD ");
    emit_constraint(e, c, col);
    emit_end(e);
}

/* A CONCURRENTLY statement cannot run inside a transaction. */
static bool pg_not_in_transaction(EmitCtx *e, const Stmt *s, const char *what)
{
    if (!e->in_transaction)
        return true;
    diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc,
            "put `no transaction;` at the top of the file",
            "%s concurrently cannot run inside a transaction", what);
    return false;
}

/* ---- statements ---- */

static bool pg_stmt(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    switch (s->kind) {
    case ST_CREATE_TABLE:
        emit_create_table(e, s, NULL, pg_column);
        return true;

    case ST_DROP_TABLE:
        emit_drop_table(e, s);
        return true;

    case ST_RENAME_TABLE:
        emit_rename_table(e, s);
        return true;

    case ST_ADD_COLUMN: {
        const ColumnDef *c = s->columns;
        if (!c)
            return true;
        emit_alter_table(e, s->table.schema.s, s->table.name.s);
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
        emit_drop_column(e, s);
        return true;

    case ST_RENAME_COLUMN:
        emit_rename_column(e, s);
        return true;

    case ST_ALTER_TYPE:
        pg_alter_column(e, s);
        if (s->cast_back && s->def) {
            /* The default goes and comes back around the type change,
             * as PostgreSQL's manual shows for a default with no cast. */
            sb_puts(o, "DROP DEFAULT,\n    ALTER COLUMN ");
            emit_ident(e, s->column.s);
            sb_putc(o, ' ');
        }
        sb_puts(o, "TYPE ");
        pg_type(e, &s->type, false);
        if (s->using_raw) {
            sb_printf(o, " USING (%s)", s->using_raw);
        } else if (s->cast_back) {
            sb_puts(o, " USING ");
            emit_ident(e, s->column.s);
            sb_puts(o, "::");
            pg_type(e, &s->type, false);
            if (s->def) {
                sb_puts(o, ",\n    ALTER COLUMN ");
                emit_ident(e, s->column.s);
                sb_puts(o, " SET DEFAULT ");
                emit_expr(e, s->def);
            }
        }
        emit_end(e);
        return true;

    case ST_SET_DEFAULT:
        pg_alter_column(e, s);
        sb_puts(o, "SET DEFAULT ");
        emit_expr(e, s->def);
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
        if (s->index->concurrently &&
            !pg_not_in_transaction(e, s, "create index"))
            return false;
        emit_create_index(e, s->index, s->index->concurrently);
        return true;

    case ST_DROP_INDEX:
        if (s->concurrently && !pg_not_in_transaction(e, s, "drop index"))
            return false;
        emit_drop_index(e, s, s->concurrently);
        return true;

    case ST_ADD_CONSTRAINT:
        for (const Constraint *k = s->constraints; k; k = k->next)
            pg_add_constraint(e, &s->table, k, NULL);
        return true;

    case ST_DROP_CONSTRAINT:
        emit_alter_table(e, s->table.schema.s, s->table.name.s);
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

    case ST_FILL_COLUMN:
        emit_fill_column(e, s);
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
    .true_sql = "true",
    .false_sql = "false",
    .now_sql = "now()",
    .paren_call = false,
    .needs_snapshot = NULL,
    .stmt = pg_stmt,
    .begin_sql = "BEGIN;\n",
    .commit_sql = "COMMIT;\n",
    .preamble = NULL,
};
