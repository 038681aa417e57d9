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
#include "lint.h"
#include "objkind.h"
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
    if (cat_enum_of_type(e->cat, t)) {
        emit_ident(e, t->name);
        return;
    }
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

/* A type that is not a new column's (no serial). */
static void pg_base_type(EmitCtx *e, const TypeRef *t)
{
    pg_type(e, t, false);
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

/* ---- safe forms (`safe;`, docs/LINT.md "Safe rewrites") ---- */

static bool same_name(const Ident *a, const Ident *b)
{
    if (!a->s || !b->s)
        return a->s == b->s;
    return strcmp(a->s, b->s) == 0;
}

/*
 * Whether a statement on table t gets its safe form: the migration says
 * `safe;`, and t is not one it creates (a new table has no rows and no
 * clients: the plain form is as good, and shorter).
 */
static bool pg_safe(const EmitCtx *e, const QName *t)
{
    if (!e->m || !e->m->safe)
        return false;
    for (const Stmt *s = e->m->up; s; s = s->next)
        if (s->kind == ST_CREATE_TABLE && same_name(&s->table.name, &t->name) &&
            same_name(&s->table.schema, &t->schema))
            return false;
    return true;
}

static void pg_validate(EmitCtx *e, const QName *t, const char *name)
{
    emit_alter_table(e, t->schema.s, t->name.s);
    sb_puts(e->out, "VALIDATE CONSTRAINT ");
    emit_ident(e, name);
    emit_end(e);
}

/* A unique constraint or primary key as a unique index built
 * concurrently (writes go on), then the constraint on that index (a
 * moment's ACCESS EXCLUSIVE, no scan). */
static void pg_unique_via_index(EmitCtx *e, const QName *t,
                                const Constraint *c, const char *col)
{
    StrBuf *o = e->out;
    emit_comment(e, "safe: the unique index concurrently, then the "
                    "constraint USING INDEX");
    sb_puts(o, "CREATE UNIQUE INDEX CONCURRENTLY ");
    emit_ident(e, c->name.s);
    sb_puts(o, " ON ");
    emit_table(e, t);
    sb_puts(o, " (");
    if (c->cols)
        emit_names(e, c->cols);
    else
        emit_ident(e, col);
    sb_putc(o, ')');
    emit_end(e);
    emit_alter_table(e, t->schema.s, t->name.s);
    sb_puts(o, "ADD CONSTRAINT ");
    emit_ident(e, c->name.s);
    sb_puts(o, c->kind == CON_PRIMARY ? " PRIMARY KEY USING INDEX "
                                      : " UNIQUE USING INDEX ");
    emit_ident(e, c->name.s);
    emit_end(e);
}

static void pg_add_constraint(EmitCtx *e, const QName *t, const Constraint *c,
                              const char *col)
{
    bool safe = pg_safe(e, t) && c->name.s;
    if (safe && (c->kind == CON_UNIQUE || c->kind == CON_PRIMARY) &&
        (c->cols || col)) {
        pg_unique_via_index(e, t, c, col);
        return;
    }
    safe = safe && (c->kind == CON_FOREIGN || c->kind == CON_CHECK);
    if (safe)
        emit_comment(e, "safe: NOT VALID (no scan), then VALIDATE in its "
                        "own transaction (writes go on)");
    emit_alter_table(e, t->schema.s, t->name.s);
    sb_puts(e->out, "ADD ");
    emit_constraint(e, c, col);
    if (safe)
        sb_puts(e->out, " NOT VALID");
    emit_end(e);
    if (safe)
        pg_validate(e, t, c->name.s);
}

/* The check that stands for not null while it is validated. */
static const char *pg_not_null_check(EmitCtx *e, const char *col)
{
    return arena_printf(e->arena, "%.54s_not_null", col);
}

/* set not null as a validated check: PostgreSQL 12 and later use it
 * instead of scanning the table under ACCESS EXCLUSIVE. */
static void pg_safe_set_not_null(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    const QName *t = &s->table;
    const char *chk = pg_not_null_check(e, s->column.s);
    emit_comment(e, "safe: a NOT VALID check, VALIDATE (writes go on), SET "
                    "NOT NULL (uses the check: no scan), drop the check");
    emit_alter_table(e, t->schema.s, t->name.s);
    sb_puts(o, "ADD CONSTRAINT ");
    emit_ident(e, chk);
    sb_puts(o, " CHECK (");
    emit_ident(e, s->column.s);
    sb_puts(o, " IS NOT NULL) NOT VALID");
    emit_end(e);
    pg_validate(e, t, chk);
    pg_alter_column(e, s);
    sb_puts(o, "SET NOT NULL");
    emit_end(e);
    emit_alter_table(e, t->schema.s, t->name.s);
    sb_puts(o, "DROP CONSTRAINT ");
    emit_ident(e, chk);
    emit_end(e);
}

/* The text emit_fn writes into e->out, as a string (arena). */
static const char *pg_text(EmitCtx *e, void (*fn)(EmitCtx *, const void *),
                           const void *arg)
{
    StrBuf b, *keep = e->out;
    sb_init(&b);
    e->out = &b;
    fn(e, arg);
    e->out = keep;
    const char *r = sb_arena_copy(&b, e->arena);
    sb_free(&b);
    return r;
}

static void put_table_fn(EmitCtx *e, const void *t) { emit_table(e, t); }
static void put_ident_fn(EmitCtx *e, const void *s) { emit_ident(e, s); }
static void put_type_fn(EmitCtx *e, const void *t) { pg_base_type(e, t); }
static void put_expr_fn(EmitCtx *e, const void *x) { emit_expr(e, x); }

/*
 * A column whose default differs row by row, added to a table with rows
 * without rewriting it (docs/LINT.md, adding-field-with-default): the
 * column without its default and nullable (a catalog change), the default
 * for the rows written from now on, the rows there were backfilled in
 * batches by primary key (each batch a transaction of its own, resumable
 * from the last key done), then, for a not null column, the not-null
 * steps of set not null, then its constraints.  The default comes before
 * the backfill: SET DEFAULT waits for every transaction writing to the
 * table, so once it commits no row without a value can appear behind the
 * backfill.  The table needs a primary key of one column to walk.
 */
static bool pg_safe_add_column(EmitCtx *e, const Stmt *s)
{
    const ColumnDef *c = s->columns;
    const QName *t = &s->table;
    const CatTable *ct = cat_table(e->cat, t->schema.s, t->name.s);
    const CatConstraint *pk = ct ? cat_primary_key(ct) : NULL;
    if (!pk || pk->ncols != 1) {
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc,
                arena_printf(e->arena, "give %s a primary key of one column "
                             "first, or add the column in a migration "
                             "without `safe;` (the table is then rewritten "
                             "under an ACCESS EXCLUSIVE lock)", t->name.s),
                "a `safe;` migration backfills column %s in batches by the "
                "primary key of %s, which has %s", c->name.s, t->name.s,
                pk ? "a primary key of several columns" : "no primary key");
        return false;
    }
    StrBuf *o = e->out;
    emit_comment(e, "safe: the column without its default (no rewrite), "
                    "the default for new rows, a batched backfill of the "
                    "rows there were%s",
                 c->not_null ? ", then not null by a validated check" : "");
    ColumnDef bare = *c;
    bare.def = NULL;
    bare.not_null = false;
    bare.cons = NULL;
    emit_alter_table(e, t->schema.s, t->name.s);
    sb_puts(o, "ADD COLUMN ");
    pg_column(e, &bare);
    emit_end(e);
    Stmt col = {.kind = ST_SET_DEFAULT, .table = *t, .column = c->name,
                .def = c->def, .loc = s->loc};
    pg_alter_column(e, &col);
    sb_puts(o, "SET DEFAULT ");
    emit_expr(e, c->def);
    emit_end(e);
    const CatColumn *key = pk->cols[0];
    emit_comment(e, "safe: backfill %s.%s in batches by %s: $1 the last "
                    "key done (NULL: none), $2 the batch size",
                 t->name.s, c->name.s, key->name);
    emit_backfill_sql(o, pg_text(e, put_table_fn, t),
                      pg_text(e, put_ident_fn, key->name),
                      pg_text(e, put_type_fn, &key->type),
                      pg_text(e, put_ident_fn, c->name.s),
                      pg_text(e, put_expr_fn, c->def), true);
    emit_end(e);
    emit_backfill_mark(e, arena_printf(e->arena, "%s.%s", t->name.s,
                                       c->name.s));
    if (c->not_null) {
        col.kind = ST_SET_NOT_NULL;
        pg_safe_set_not_null(e, &col);
    }
    for (const Constraint *k = c->cons; k; k = k->next)
        pg_add_constraint(e, t, k, c->name.s);
    /* Its down drops the column: from any point before its constraints
     * that is all there is to undo (they would be dropped first). */
    e->undo_inside = c->cons == NULL;
    return true;
}

/* Whether drop constraint s is the down of a unique constraint or primary
 * key that this `safe;` migration adds on its own (as an index built
 * concurrently, then the constraint USING INDEX). */
static bool pg_safe_unique_down(EmitCtx *e, const Stmt *s)
{
    if (!e->down || !pg_safe(e, &s->table) || !s->cname.s)
        return false;
    for (const Stmt *u = e->m->up; u; u = u->next) {
        const Constraint *k = u->constraints;
        if (u->kind == ST_ADD_CONSTRAINT && k && !k->next && k->cols &&
            (k->kind == CON_UNIQUE || k->kind == CON_PRIMARY) &&
            same_name(&k->name, &s->cname) &&
            same_name(&u->table.name, &s->table.name) &&
            same_name(&u->table.schema, &s->table.schema))
            return true;
    }
    return false;
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

/* ---- enums ---- */

/*
 * PostgreSQL cannot drop a label from an enum.  The down of `add value`
 * rebuilds the type without it: the old type is renamed away, the type is
 * created again with the model's labels (after the statement), every
 * column that uses it is changed to it through text (its default dropped
 * first and set again, since the default is of the old type), and the old
 * type is dropped.  A row that holds the label makes the cast fail, and
 * the transaction rolls back.
 */
static void pg_enum_rebuild(EmitCtx *e, const CatEnum *en)
{
    StrBuf *o = e->out;
    const char *old = arena_printf(e->arena, "migc_old_%.50s", en->name);
    emit_comment(e, "postgres cannot drop an enum label: rebuild type %s",
                 en->name);
    sb_puts(o, "ALTER TYPE ");
    emit_ident(e, en->name);
    sb_puts(o, " RENAME TO ");
    emit_ident(e, old);
    emit_end(e);
    sb_puts(o, "CREATE TYPE ");
    emit_ident(e, en->name);
    sb_puts(o, " AS ENUM ");
    emit_enum_labels(e, (const char *const *)en->vals, en->nvals);
    emit_end(e);
    for (const CatColumn *c = cat_enum_next_user(e->cat, en, NULL); c;
         c = cat_enum_next_user(e->cat, en, c)) {
        if (c->def) {
            emit_alter_table(e, c->table->schema, c->table->name);
            sb_puts(o, "ALTER COLUMN ");
            emit_ident(e, c->name);
            sb_puts(o, " DROP DEFAULT");
            emit_end(e);
        }
        emit_alter_table(e, c->table->schema, c->table->name);
        sb_puts(o, "ALTER COLUMN ");
        emit_ident(e, c->name);
        sb_puts(o, " TYPE ");
        emit_ident(e, en->name);
        sb_puts(o, " USING ");
        emit_ident(e, c->name);
        sb_puts(o, "::text::");
        emit_ident(e, en->name);
        emit_end(e);
        if (c->def) {
            emit_alter_table(e, c->table->schema, c->table->name);
            sb_puts(o, "ALTER COLUMN ");
            emit_ident(e, c->name);
            sb_puts(o, " SET DEFAULT ");
            emit_expr(e, c->def);
            emit_end(e);
        }
    }
    sb_puts(o, "DROP TYPE ");
    emit_ident(e, old);
    emit_end(e);
}

static bool pg_enum_stmt(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    const char *name = s->object.name.s;
    switch (s->kind) {
    case ST_CREATE_ENUM: {
        sb_puts(o, "CREATE TYPE ");
        emit_ident(e, name);
        sb_puts(o, " AS ENUM (");
        for (const NameList *l = s->values; l; l = l->next) {
            emit_string(e, l->name.s);
            if (l->next)
                sb_puts(o, ", ");
        }
        sb_putc(o, ')');
        emit_end(e);
        return true;
    }
    case ST_ADD_VALUE:
        sb_puts(o, "ALTER TYPE ");
        emit_ident(e, name);
        sb_puts(o, " ADD VALUE ");
        emit_string(e, s->value.s);
        if (s->anchor.s) {
            sb_puts(o, s->after ? " AFTER " : " BEFORE ");
            emit_string(e, s->anchor.s);
        }
        emit_end(e);
        return true;
    case ST_RENAME_VALUE:
        sb_puts(o, "ALTER TYPE ");
        emit_ident(e, name);
        sb_puts(o, " RENAME VALUE ");
        emit_string(e, s->value.s);
        sb_puts(o, " TO ");
        emit_string(e, s->new_name.s);
        emit_end(e);
        return true;
    case ST_DROP_ENUM:
        sb_puts(o, "DROP TYPE ");
        emit_ident(e, name);
        emit_end(e);
        return true;
    case ST_DROP_VALUE: {
        const CatEnum *en = cat_enum(e->cat, name);
        if (en)
            pg_enum_rebuild(e, en);
        return true;
    }
    default:
        return true;
    }
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
        if (pg_safe(e, &s->table) && !e->down &&
            c->type.kind != TY_SERIAL && c->type.kind != TY_BIGSERIAL &&
            lint_volatile_default(c->def))
            return pg_safe_add_column(e, s);
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

    case ST_ALTER_TYPE: {
        /* To an enum: PostgreSQL casts no other type to it implicitly, so
         * the values go through text.  To or from an enum, a default is
         * of the enum type (PostgreSQL keeps 'x'::e on a text column, and
         * the type could not be dropped): it goes and comes back around
         * the change.  e->before is set only when the old type is an
         * enum (pg_needs_snapshot). */
        bool cast = s->cast_back, via_text = false;
        const Expr *def = s->def;
        const CatColumn *c = !e->cat ? NULL : cat_column(
            cat_table(e->cat, s->table.schema.s, s->table.name.s),
            s->column.s);
        bool to_enum = cat_enum_of_type(e->cat, &s->type) != NULL;
        if (!s->using_raw && !cast && to_enum)
            cast = via_text = true;
        if ((to_enum || e->before) && !s->cast_back)
            def = c ? c->def : NULL;
        bool around = def && (cast || to_enum || e->before);
        pg_alter_column(e, s);
        if (around) {
            /* As PostgreSQL's manual shows for a default with no cast. */
            sb_puts(o, "DROP DEFAULT,\n    ALTER COLUMN ");
            emit_ident(e, s->column.s);
            sb_putc(o, ' ');
        }
        sb_puts(o, "TYPE ");
        pg_type(e, &s->type, false);
        if (s->using_raw) {
            sb_printf(o, " USING (%s)", s->using_raw);
        } else if (cast) {
            sb_puts(o, " USING ");
            emit_ident(e, s->column.s);
            sb_puts(o, via_text ? "::text::" : "::");
            pg_type(e, &s->type, false);
        }
        if (around) {
            sb_puts(o, ",\n    ALTER COLUMN ");
            emit_ident(e, s->column.s);
            sb_puts(o, " SET DEFAULT ");
            emit_expr(e, def);
        }
        emit_end(e);
        return true;
    }

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
        if (pg_safe(e, &s->table)) {
            pg_safe_set_not_null(e, s);
            e->undo_inside = true;  /* its down drops the check too */
            return true;
        }
        pg_alter_column(e, s);
        sb_puts(o, "SET NOT NULL");
        emit_end(e);
        return true;

    case ST_DROP_NOT_NULL:
        if (e->down && pg_safe(e, &s->table)) {
            /* The down of a safe set not null, which may have stopped
             * with its check still there (undo_inside). */
            emit_alter_table(e, s->table.schema.s, s->table.name.s);
            sb_puts(o, "DROP CONSTRAINT IF EXISTS ");
            emit_ident(e, pg_not_null_check(e, s->column.s));
            emit_end(e);
        }
        pg_alter_column(e, s);
        sb_puts(o, "DROP NOT NULL");
        emit_end(e);
        return true;

    case ST_CREATE_INDEX:
        if (s->index->concurrently &&
            !pg_not_in_transaction(e, s, "create index"))
            return false;
        emit_create_index(e, s->index, s->index->concurrently ||
                                           pg_safe(e, &s->index->table));
        return true;

    case ST_DROP_INDEX:
        if (s->concurrently && !pg_not_in_transaction(e, s, "drop index"))
            return false;
        emit_drop_index(e, s, s->concurrently || (e->m && e->m->safe));
        return true;

    case ST_ADD_CONSTRAINT:
        for (const Constraint *k = s->constraints; k; k = k->next)
            pg_add_constraint(e, &s->table, k, NULL);
        /* NOT VALID, then VALIDATE; or the unique index, then the
         * constraint: its down undoes it from either point. */
        e->undo_inside = pg_safe(e, &s->table) && s->constraints &&
                         !s->constraints->next && s->constraints->name.s;
        return true;

    case ST_DROP_CONSTRAINT:
        emit_alter_table(e, s->table.schema.s, s->table.name.s);
        sb_puts(o, "DROP CONSTRAINT ");
        if (pg_safe_unique_down(e, s)) {
            /* The down of a unique constraint built as an index first:
             * it may have stopped with the index and no constraint
             * (undo_inside). */
            sb_puts(o, "IF EXISTS ");
            emit_ident(e, s->cname.s);
            emit_end(e);
            sb_puts(o, "DROP INDEX CONCURRENTLY IF EXISTS ");
            emit_qname(e, s->table.schema.s, s->cname.s);
            emit_end(e);
            return true;
        }
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

    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
        return pg_enum_stmt(e, s);

    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
        return emit_routine_stmt(e, s, pg_base_type);
    case ST_RENAME_INDEX:
    case ST_RENAME_SEQUENCE:
        sb_puts(o, s->kind == ST_RENAME_INDEX ? "ALTER INDEX "
                                               : "ALTER SEQUENCE ");
        emit_table(e, &s->object);
        sb_puts(o, " RENAME TO ");
        emit_ident(e, s->new_name.s);
        emit_end(e);
        return true;

    case ST_CREATE_EXTENSION:
        sb_puts(o, s->if_not_exists ? "CREATE EXTENSION IF NOT EXISTS "
                                    : "CREATE EXTENSION ");
        emit_ident(e, s->cname.s);
        if (s->object.schema.s) {
            sb_puts(o, " WITH SCHEMA ");
            emit_ident(e, s->object.schema.s);
        }
        emit_end(e);
        return true;

    case ST_DROP_EXTENSION:
        sb_puts(o, "DROP EXTENSION ");
        emit_ident(e, s->cname.s);
        emit_end(e);
        return true;

    case ST_RENAME_CONSTRAINT:
        /* a primary key or unique constraint renames its index too */
        emit_alter_table(e, s->table.schema.s, s->table.name.s);
        sb_puts(o, "RENAME CONSTRAINT ");
        emit_ident(e, s->cname.s);
        sb_puts(o, " TO ");
        emit_ident(e, s->new_name.s);
        emit_end(e);
        return true;
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
        return emit_object(e, s);

    case ST_FILL_COLUMN:
        emit_fill_column(e, s);
        return true;

    case ST_IRREVERSIBLE:
        /* compile.c marks the migration; there is no SQL to run. */
        return true;
    }
    return true;
}

/* Only a type change from an enum needs the table before it (the
 * default of the enum type must be dropped and set again). */
static bool pg_needs_snapshot(const Stmt *s, const Catalog *cat)
{
    if (s->kind != ST_ALTER_TYPE)
        return false;
    const CatColumn *c = cat_column(
        cat_table(cat, s->table.schema.s, s->table.name.s), s->column.s);
    return c && cat_enum_of_type(cat, &c->type);
}

const Dialect dialect_postgres = {
    .name = "postgres",
    .id = DIALECT_POSTGRES,
    .transactional_ddl = true,
    .has_schemas = true,
    .quote_ident = emit_quote_ident_ansi,
    .quote_string = pg_quote_string,
    .true_sql = "true",
    .false_sql = "false",
    .now_sql = "now()",
    .paren_call = false,
    .colon_cast = true,
    .needs_snapshot = pg_needs_snapshot,
    .stmt = pg_stmt,
    .begin_sql = "BEGIN;\n",
    .commit_sql = "COMMIT;\n",
    .preamble = NULL,
};
