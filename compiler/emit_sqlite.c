/*
 * emit_sqlite.c — SQL generation for SQLite (3.35 and later; Debian ships
 * 3.40).
 *
 * SQLite's ALTER TABLE can rename a table, rename a column, add a column
 * and drop a column, each within limits.  Those statements use it.  Every
 * other change (a column's type, nullability or default, adding or
 * dropping a constraint, and the ADD/DROP COLUMN that SQLite refuses) is
 * the table rebuild of https://www.sqlite.org/lang_altertable.html, section
 * "Making Other Kinds Of Table Schema Changes":
 *
 *     CREATE TABLE "migc_new_t" (...);    -- the table after the statement
 *     INSERT INTO "migc_new_t" (cols) SELECT cols FROM "t";
 *     DROP TABLE "t";
 *     PRAGMA legacy_alter_table = ON;     -- views migc does not know
 *     ALTER TABLE "migc_new_t" RENAME TO "t";
 *     PRAGMA legacy_alter_table = OFF;
 *     CREATE INDEX ...;                   -- every index of the table after
 *
 * The new table comes from the schema model (EmitCtx.cat, after the
 * statement); the copied columns are those the table has both before
 * (EmitCtx.before, the snapshot this dialect asks for) and after, by name.
 * No database introspection is needed.
 *
 * Whether a statement is rebuilt is decided once, before it is applied to
 * the model, by sq_needs_snapshot(): the snapshot is taken (EmitCtx.before
 * is set) exactly when the table will be rebuilt.  Where the decision
 * needs the table as it was (DROP COLUMN, ALTER COLUMN TYPE), sq_stmt()
 * reads it back from EmitCtx.before being NULL or not.  The snapshot lives
 * only until the statement is emitted: nothing here keeps a pointer to it.
 *
 * Foreign keys must be off while a table is dropped and renamed, and
 * PRAGMA foreign_keys does nothing inside a transaction.  So a migration
 * runs as
 *
 *     PRAGMA foreign_keys = OFF;  BEGIN;  ...  PRAGMA foreign_key_check;
 *     COMMIT;  PRAGMA foreign_keys = ON;
 *
 * (begin_sql and commit_sql below; the runtime does the same and rolls
 * back when foreign_key_check returns a row).  A `no transaction`
 * migration gets that frame around each rebuild instead.
 *
 * Other conventions:
 *
 *  - Identifiers are double-quoted with "" doubling, strings single-quoted
 *    with '' doubling (SQLite has no backslash escapes).
 *  - Every constraint is a named table constraint after the columns, as in
 *    the PostgreSQL output, except on ADD COLUMN, where SQLite only takes
 *    column constraints.
 *  - serial and bigserial are "integer": a column of declared type exactly
 *    INTEGER that is the table's whole primary key is SQLite's rowid alias,
 *    which numbers new rows itself (max(rowid)+1, not AUTOINCREMENT).  A
 *    serial column that is not the whole primary key gets no numbering.
 *  - Booleans are 0 and 1; now() and current_timestamp are
 *    CURRENT_TIMESTAMP; a function-call default is parenthesised, as
 *    SQLite requires.
 *  - SQLite has no schemas: create schema and drop schema are errors.
 */
#include "emit.h"
#include "objkind.h"
#include "sqlscan.h"
#include "types.h"

#include <string.h>

/* ---- names, literals, types ---- */

/* The declared type.  SQLite keeps it as text and derives the column's
 * affinity from it, so the names are chosen for their affinity: INTEGER
 * for the integers, REAL, NUMERIC (numeric, boolean, dates and times),
 * TEXT, BLOB. */
static void sq_type(EmitCtx *e, const TypeRef *t)
{
    if (e->cat && cat_enum_of_type(e->cat, t)) {
        sb_puts(e->out, "TEXT");
        return;
    }
    if (t->kind == TY_CUSTOM) {
        emit_type_custom(e, t);
        return;
    }
    const TypeInfo *ti = type_info(t->kind);
    sb_puts(e->out, ti->sqlite);
    if (ti->sqlite_args)
        ast_type_args(e->out, t);
}

/* A default that ALTER TABLE ADD COLUMN accepts: a constant, not
 * CURRENT_TIMESTAMP nor an expression in parentheses. */
static bool sq_constant_default(const Expr *x)
{
    if (!x)
        return true;
    switch (x->kind) {
    case EX_NUMBER:
    case EX_STRING:
    case EX_TRUE:
    case EX_FALSE:
    case EX_NULL:
        return true;
    case EX_NOW:
    case EX_CALL:
    case EX_RAW:
    case EX_CAST:
        return false;
    }
    return false;
}

/* "name" type [NOT NULL] [DEFAULT expr]; an enum column is TEXT with
 * CHECK ("name" IN (labels)), the labels as the model has them. */
static void sq_column(EmitCtx *e, const ColumnDef *c)
{
    if (c->identity) {
        /* the rowid: declared type exactly integer (sq_identity_ok) */
        ColumnDef one = *c;
        one.type.kind = TY_INTEGER;
        one.type.nargs = 0;
        emit_column(e, &one, sq_type);
        return;
    }
    emit_column(e, c, sq_type);
    const CatEnum *en = e->cat ? cat_enum_of_type(e->cat, &c->type) : NULL;
    if (en) {
        sb_puts(e->out, " CHECK (");
        emit_ident(e, c->name.s);
        sb_puts(e->out, " IN ");
        emit_enum_labels(e, (const char *const *)en->vals, en->nvals);
        sb_putc(e->out, ')');
    }
}

static void sq_line(EmitCtx *e, const char *sql)
{
    sb_puts(e->out, sql);
    emit_end(e);
}

/* ---- the table rebuild ---- */

static bool sq_has_column(const CatTable *t, const char *name)
{
    for (const CatColumn *c = t->cols; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return true;
    return false;
}

/*
 * Rebuild table `after` (the model after statement s) from `before`.
 * `using_col`/`using_raw`: the column whose value is computed by the
 * expression (alter column type ... using), else NULL.
 */
static bool sq_rebuild_relabel(EmitCtx *e, const Stmt *s, const char *why,
                               const char *using_col, const char *using_raw,
                               const Stmt *relabel);

static bool sq_rebuild(EmitCtx *e, const Stmt *s, const char *why,
                       const char *using_col, const char *using_raw)
{
    return sq_rebuild_relabel(e, s, why, using_col, using_raw, NULL);
}

/* The same; `relabel` (a rename value, or NULL): the columns of its enum
 * are copied with the old label turned into the new one. */
static bool sq_rebuild_relabel(EmitCtx *e, const Stmt *s, const char *why,
                               const char *using_col, const char *using_raw,
                               const Stmt *relabel)
{
    const CatTable *before = e->before;
    const CatTable *after =
        cat_table(e->cat, s->table.schema.s, s->table.name.s);
    if (!before || !after) {
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                "internal error: sqlite table rebuild without the table "
                "before and after the statement");
        return false;
    }
    StrBuf *o = e->out;
    /* A name no table of the model has. */
    const char *tmp = arena_printf(e->arena, "migc_new_%s", after->name);
    while (cat_table(e->cat, NULL, tmp))
        tmp = arena_printf(e->arena, "%s_", tmp);

    emit_comment(e, "sqlite: %s: rebuild table %s", why, after->name);
    if (!e->in_transaction) {
        sq_line(e, "PRAGMA foreign_keys = OFF");
        sq_line(e, "BEGIN");
    }
    /* The final RENAME checks every view: those that use the table go
     * first and come back after. */
    emit_dependants_drop(e, after);
    emit_create_table(e, cat_table_stmt(e->cat, after, true), tmp, sq_column);

    /* Copy the rows: the columns present before and after. */
    StrBuf cols, vals;
    sb_init(&cols);
    sb_init(&vals);
    for (const CatColumn *c = after->cols; c; c = c->next) {
        /* A serial column added back (the down of its drop) that is not
         * the rowid numbers nothing here, and is not null: each row
         * takes its rowid, a distinct integer, as PostgreSQL gives each
         * row the sequence's next value. */
        bool renumber = !sq_has_column(before, c->name) && !c->generated &&
                        (c->type.kind == TY_SERIAL ||
                         c->type.kind == TY_BIGSERIAL);
        /* a generated column computes its own values */
        if ((!renumber && !sq_has_column(before, c->name)) || c->generated)
            continue;
        if (cols.len) {
            sb_puts(&cols, ", ");
            sb_puts(&vals, ", ");
        }
        e->dialect->quote_ident(&cols, c->name);
        if (renumber) {
            sb_puts(&vals, "rowid");
        } else if (using_col && using_raw && strcmp(c->name, using_col) == 0) {
            StrBuf *saved = e->out;
            e->out = &vals;
            sb_putc(&vals, '(');
            emit_raw_expr(e, using_raw);
            sb_putc(&vals, ')');
            e->out = saved;
        } else if (relabel && c->type.kind == TY_CUSTOM && c->type.name &&
                   strcmp(c->type.name, relabel->object.name.s) == 0) {
            sb_puts(&vals, "CASE ");
            e->dialect->quote_ident(&vals, c->name);
            sb_puts(&vals, " WHEN ");
            e->dialect->quote_string(&vals, relabel->value.s);
            sb_puts(&vals, " THEN ");
            e->dialect->quote_string(&vals, relabel->new_name.s);
            sb_puts(&vals, " ELSE ");
            e->dialect->quote_ident(&vals, c->name);
            sb_puts(&vals, " END");
        } else {
            e->dialect->quote_ident(&vals, c->name);
        }
    }
    if (cols.len) {
        sb_puts(o, "INSERT INTO ");
        emit_ident(e, tmp);
        sb_printf(o, " (%s) SELECT %s FROM ", sb_str(&cols), sb_str(&vals));
        emit_ident(e, before->name);
        emit_end(e);
    }
    sb_free(&cols);
    sb_free(&vals);

    sb_puts(o, "DROP TABLE ");
    emit_ident(e, before->name);
    emit_end(e);
    /* The RENAME checks every view and trigger of the schema, and one
     * the model does not know (made by raw `sql` or by hand) that uses
     * the table fails it while the table is gone.  With
     * legacy_alter_table it checks none and rewrites none (nothing
     * names the new table), as SQLite's documentation of the rebuild
     * advises; the view then finds the table under its name again. */
    sq_line(e, "PRAGMA legacy_alter_table = ON");
    emit_alter_table(e, NULL, tmp);
    sb_puts(o, "RENAME TO ");
    emit_ident(e, after->name);
    emit_end(e);
    sq_line(e, "PRAGMA legacy_alter_table = OFF");
    for (const CatIndex *ix = after->idx; ix; ix = ix->next)
        emit_create_index(e, cat_index_stmt(e->cat, ix)->index, false);
    emit_dependants_create(e, after);
    /* DROP TABLE took the table's triggers with it. */
    emit_table_triggers(e, after, sq_type);
    if (!e->in_transaction) {
        sq_line(e, "PRAGMA foreign_key_check");
        sq_line(e, "COMMIT");
        sq_line(e, "PRAGMA foreign_keys = ON");
    }
    return true;
}

/* ---- when SQLite's own ALTER TABLE does the job ---- */

static bool sq_col_in(CatColumn *const *cols, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (cols[i] && strcmp(cols[i]->name, name) == 0)
            return true;
    return false;
}

/*
 * ALTER TABLE ADD COLUMN: the column must come last (a new column does),
 * have no PRIMARY KEY or UNIQUE constraint, a constant default, a non-NULL
 * default if NOT NULL, and a NULL default if it references another table.
 */
static bool sq_addable_column(const ColumnDef *d)
{
    if (d->type.kind == TY_SERIAL || d->type.kind == TY_BIGSERIAL)
        return false;
    /* SQLite adds no STORED column; an identity column is a key */
    if (d->generated || d->identity)
        return false;
    if (!sq_constant_default(d->def))
        return false;
    bool null_default = !d->def || d->def->kind == EX_NULL;
    if (d->not_null && null_default)
        return false;
    for (const Constraint *k = d->cons; k; k = k->next) {
        switch (k->kind) {
        case CON_PRIMARY:
        case CON_UNIQUE:
            return false;
        case CON_FOREIGN:
            if (!null_default)
                return false;
            break;
        case CON_CHECK:
            break;
        }
    }
    return true;
}

/* The same, with the model after the statement: the column is the last. */
static bool sq_can_add_column(const EmitCtx *e, const Stmt *s)
{
    const ColumnDef *d = s->columns;
    const CatTable *t = cat_table(e->cat, s->table.schema.s, s->table.name.s);
    const CatColumn *col = t ? cat_column(t, d->name.s) : NULL;
    if (!col || col->next)
        return false;
    return sq_addable_column(d);
}

/* Whether raw SQL text may name the column: an identifier token of it
 * is the name (sqlscan.h; a false alarm only costs a rebuild). */
static bool sq_mentions(const char *text, const char *name)
{
    return !text || !*name || sqlscan_mentions(text, name);
}

/*
 * ALTER TABLE DROP COLUMN: the column must not be in a key, an index, a
 * foreign key or a check constraint.  Check texts are not parsed here: a
 * check that may name the column, or any partial index, means a rebuild.
 */
static bool sq_can_drop_column(const CatTable *t, const Stmt *s)
{
    if (!t || s->implied)
        return false;
    const CatColumn *col = cat_column(t, s->column.s);
    if (!col || col->generated)
        return false;
    for (const CatConstraint *k = t->cons; k; k = k->next) {
        if (k->kind == CON_CHECK && sq_mentions(k->check, s->column.s))
            return false;
        if (sq_col_in(k->cols, k->ncols, s->column.s))
            return false;
    }
    for (const CatIndex *ix = t->idx; ix; ix = ix->next)
        if (ix->where || sq_col_in(ix->cols, ix->ncols, s->column.s))
            return false;
    return true;
}

/* ALTER TABLE "t" ADD COLUMN "c" type ... with its constraints inline. */
static void sq_add_column(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    const ColumnDef *d = s->columns;
    emit_alter_table(e, s->table.schema.s, s->table.name.s);
    sb_puts(o, "ADD COLUMN ");
    sq_column(e, d);
    for (const Constraint *k = d->cons; k; k = k->next) {
        if (k->name.s) {
            sb_puts(o, " CONSTRAINT ");
            emit_ident(e, k->name.s);
        }
        switch (k->kind) {
        case CON_CHECK:
            sb_printf(o, " CHECK (%s)", k->check);
            break;
        case CON_FOREIGN:
            sb_putc(o, ' ');
            emit_references(e, k);
            break;
        case CON_PRIMARY:
        case CON_UNIQUE:
            break; /* rebuilt instead: sq_can_add_column */
        }
    }
    emit_end(e);
}

/* Whether the declared type is the same text before and after. */
static bool sq_same_type(EmitCtx *e, const TypeRef *a, const TypeRef *b)
{
    StrBuf *saved = e->out;
    StrBuf x, y;
    sb_init(&x);
    sb_init(&y);
    e->out = &x;
    sq_type(e, a);
    e->out = &y;
    sq_type(e, b);
    e->out = saved;
    bool same = strcmp(sb_str(&x), sb_str(&y)) == 0;
    /* An enum is TEXT with a check: a change to or from one rebuilds. */
    if (e->cat && (cat_enum_of_type(e->cat, a) || cat_enum_of_type(e->cat, b)))
        same = same && cat_type_equal(a, b);
    sb_free(&x);
    sb_free(&y);
    return same;
}

/* ---- enums: TEXT columns with a CHECK of the labels ---- */

/* create and drop type have nothing to run; a change of labels rebuilds
 * every table with a column of the type, once each, with the check of
 * the new labels (the copy turns a renamed label into its new name). */
static bool sq_enum_stmt(EmitCtx *e, const Stmt *s)
{
    const char *name = s->object.name.s;
    if (s->kind == ST_CREATE_ENUM || s->kind == ST_DROP_ENUM) {
        emit_comment(e, "sqlite: type %s is text with a check of its "
                     "labels in each column that uses it", name);
        return true;
    }
    const CatEnum *en = cat_enum(e->cat, name);
    if (!en)
        return true;
    if (!cat_enum_next_user(e->cat, en, NULL))
        emit_comment(e, "sqlite: no column uses type %s", name);
    const CatTable *done = NULL;
    bool ok = true;
    for (const CatColumn *c = cat_enum_next_user(e->cat, en, NULL); c;
         c = cat_enum_next_user(e->cat, en, c)) {
        if (c->table == done)
            continue;
        done = c->table;
        Stmt one = *s;
        memset(&one.table, 0, sizeof one.table);
        one.table.schema.s = c->table->schema;
        one.table.name.s = c->table->name;
        /* Same columns before and after: the table is its own "before". */
        e->before = c->table;
        ok = sq_rebuild_relabel(e, &one,
                                arena_printf(e->arena, "labels of type %s",
                                             name),
                                NULL, NULL,
                                s->kind == ST_RENAME_VALUE ? s : NULL) &&
             ok;
        e->before = NULL;
    }
    return ok;
}

/* ---- statements ---- */

/*
 * SQLite numbers new rows only in the rowid: an identity column must be
 * its table's whole primary key (it is then declared integer, the rowid's
 * alias), else the statement is refused.  `always` is not enforced there:
 * an explicit value is taken, as in a serial column.
 */
static bool sq_identity_ok(EmitCtx *e, const Stmt *s)
{
    const CatTable *t = cat_table(e->cat, s->table.schema.s, s->table.name.s);
    if (!t)
        return true;
    const CatConstraint *pk = cat_primary_key(t);
    for (const CatColumn *c = t->cols; c; c = c->next) {
        if (!c->identity || (pk && pk->ncols == 1 && pk->cols[0] == c))
            continue;
        Loc loc = s->loc;
        for (const ColumnDef *d = s->columns; d; d = d->next)
            if (d->name.s && strcmp(d->name.s, c->name) == 0 && d->gen_loc.end)
                loc = d->gen_loc;
        diag_at(e->diag, DIAG_ERROR, emit_src(e), loc,
                "make it the table's primary key, or compile for postgres "
                "or mysql",
                "sqlite numbers only the rowid: identity column %s.%s is "
                "not the whole primary key of its table", t->name, c->name);
        return false;
    }
    return true;
}

static bool sq_stmt(EmitCtx *e, const Stmt *s)
{
    switch (s->kind) {
    case ST_CREATE_TABLE:
        if (!sq_identity_ok(e, s))
            return false;
        emit_create_table(e, s, NULL, sq_column);
        return true;

    case ST_DROP_TABLE:
        emit_drop_table(e, s);
        return true;

    case ST_RENAME_TABLE:
        /* SQLite (3.26+) also renames the references of other tables'
         * foreign keys, as the model does. */
        emit_rename_table(e, s);
        return true;

    case ST_ADD_COLUMN:
        if (!s->columns)
            return true;
        if (!sq_identity_ok(e, s))
            return false;
        if (sq_can_add_column(e, s)) {
            sq_add_column(e, s);
            return true;
        }
        return sq_rebuild(e, s, "add column", NULL, NULL);

    case ST_DROP_COLUMN:
        /* No snapshot: sq_needs_snapshot() found the drop native. */
        if (!e->before) {
            emit_drop_column(e, s);
            return true;
        }
        /* The rebuilt table has none of the column's indexes and
         * constraints (Stmt.implied): they go with the old table. */
        return sq_rebuild(e, s, "drop column", NULL, NULL);

    case ST_RENAME_COLUMN:
        emit_rename_column(e, s);
        return true;

    case ST_ALTER_TYPE:
        /* No snapshot: sq_needs_snapshot() found the declared type the
         * same. */
        if (!e->before) {
            emit_comment(e, "sqlite: the declared type of %s.%s does not "
                         "change", s->table.name.s, s->column.s);
            return true;
        }
        return sq_rebuild(e, s, "alter column type", s->column.s,
                          s->using_raw);

    case ST_SET_DEFAULT:
        return sq_rebuild(e, s, "set default", NULL, NULL);
    case ST_DROP_DEFAULT:
        return sq_rebuild(e, s, "drop default", NULL, NULL);
    case ST_SET_NOT_NULL:
        return sq_rebuild(e, s, "set not null", NULL, NULL);
    case ST_DROP_NOT_NULL:
        return sq_rebuild(e, s, "drop not null", NULL, NULL);
    case ST_ADD_CONSTRAINT:
        return sq_rebuild(e, s, "add constraint", NULL, NULL);
    case ST_DROP_CONSTRAINT:
        return sq_rebuild(e, s, "drop constraint", NULL, NULL);

    case ST_CREATE_INDEX: {
        /* SQLite has expression keys, asc and desc (and collations,
         * which the language does not write) */
        static const IndexLacks lacks = {
            .no_method = true, .no_include = true, .no_opclass = true,
            .no_nulls = true,
        };
        if (!emit_index_supported(e, s, s->index, &lacks))
            return false;
        /* `concurrently` is PostgreSQL's; SQLite ignores the word. */
        emit_create_index(e, s->index, false);
        return true;
    }

    case ST_DROP_INDEX:
        emit_drop_index(e, s, false);
        return true;

    case ST_CREATE_SCHEMA:
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                "sqlite has no schemas: create schema cannot be compiled "
                "for sqlite");
        return false;

    case ST_DROP_SCHEMA:
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                "sqlite has no schemas: drop schema cannot be compiled "
                "for sqlite");
        return false;

    case ST_SQL:
        emit_raw_sql(e, s->sql_up);
        return true;

    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
        return sq_enum_stmt(e, s);

    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
        return emit_routine_stmt(e, s, sq_type);
    case ST_RENAME_INDEX: {
        /* No ALTER INDEX: the index again under its new name, from the
         * model. */
        const CatIndex *ix =
            cat_index(e->cat, s->object.schema.s, s->new_name.s);
        if (!ix)
            return false;
        emit_comment(e, "sqlite: rename index: drop it, create it again");
        emit_drop_index(e, s, false);
        emit_create_index(e, cat_index_stmt(e->cat, ix)->index, false);
        return true;
    }

    case ST_RENAME_CONSTRAINT:
        /* A constraint's name is in its table's definition. */
        return sq_rebuild(e, s, "rename constraint", NULL, NULL);

    case ST_RENAME_SEQUENCE:
        emit_comment(e, "sqlite: no sequences: rename sequence %s has "
                     "nothing to do", s->object.name.s);
        return true;
    case ST_COMMENT:
        if (s->column.s)
            emit_comment(e, "sqlite: no comments: comment on column %s.%s "
                         "is kept in the model only", s->table.name.s,
                         s->column.s);
        else
            emit_comment(e, "sqlite: no comments: comment on table %s is "
                         "kept in the model only", s->table.name.s);
        return true;
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
        return emit_object(e, s);

    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
        emit_comment(e, "sqlite: no extensions: %s extension %s has nothing "
                     "to do", s->kind == ST_CREATE_EXTENSION ? "create"
                                                             : "drop",
                     s->cname.s);
        return true;

    case ST_FILL_COLUMN:
        emit_fill_column(e, s);
        return true;

    case ST_IRREVERSIBLE:
        return true;
    }
    return true;
}

/* Whether the declared type of the column stays the same text: then
 * ALTER COLUMN TYPE changes nothing SQLite keeps. */
static bool sq_type_unchanged(const Catalog *cat, const Stmt *s,
                              const CatTable *t)
{
    const CatColumn *old = t ? cat_column(t, s->column.s) : NULL;
    if (!old || s->using_raw)
        return false;
    EmitCtx e;
    memset(&e, 0, sizeof e);
    e.dialect = &dialect_sqlite;
    e.arena = cat->arena;   /* a quoted custom type name's parts */
    e.cat = (Catalog *)cat; /* enums: read only */
    return sq_same_type(&e, &old->type, &s->type);
}

/* Whether statement s rebuilds its table, decided with the model before s
 * (`cat`): the rebuild wants the table as it was, so only then is a
 * snapshot taken. */
static bool sq_needs_snapshot(const Stmt *s, const Catalog *cat)
{
    switch (s->kind) {
    case ST_ADD_COLUMN: {
        if (!s->columns)
            return false;
        const CatTable *t = cat_table(cat, s->table.schema.s, s->table.name.s);
        if (!t || cat_column(t, s->columns->name.s))
            return true;
        return !sq_addable_column(s->columns);
    }
    case ST_DROP_COLUMN:
        return !sq_can_drop_column(
            cat_table(cat, s->table.schema.s, s->table.name.s), s);
    case ST_ALTER_TYPE:
        return !sq_type_unchanged(
            cat, s, cat_table(cat, s->table.schema.s, s->table.name.s));
    case ST_SET_DEFAULT:
    case ST_DROP_DEFAULT:
    case ST_SET_NOT_NULL:
    case ST_DROP_NOT_NULL:
    case ST_ADD_CONSTRAINT:
    case ST_DROP_CONSTRAINT:
    case ST_RENAME_CONSTRAINT:
        return true;
    case ST_RENAME_INDEX:
    case ST_RENAME_SEQUENCE:
    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
    case ST_CREATE_TABLE:
    case ST_DROP_TABLE:
    case ST_RENAME_TABLE:
    case ST_RENAME_COLUMN:
    case ST_CREATE_INDEX:
    case ST_DROP_INDEX:
    case ST_CREATE_SCHEMA:
    case ST_DROP_SCHEMA:
    case ST_SQL:
    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
    case ST_FILL_COLUMN:
    case ST_IRREVERSIBLE:
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
    case ST_COMMENT:
        return false;
    }
    return false;
}

const Dialect dialect_sqlite = {
    .name = "sqlite",
    .id = DIALECT_SQLITE,
    .transactional_ddl = true,
    .has_schemas = false,
    .quote_ident = emit_quote_ident_ansi,
    .quote_string = emit_quote_string_ansi,
    /* Booleans are 0 and 1; an expression default is parenthesised. */
    .true_sql = "1",
    .false_sql = "0",
    .now_sql = "CURRENT_TIMESTAMP",
    .paren_call = true,
    .needs_snapshot = sq_needs_snapshot,
    .stmt = sq_stmt,
    /* PRAGMA foreign_keys is a no-op inside a transaction: it goes
     * around it.  foreign_key_check reports (as rows) what a rebuild left
     * dangling; the runtime rolls back when there is any. */
    .begin_sql = "PRAGMA foreign_keys = OFF;\nBEGIN;\n",
    .commit_sql = "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n",
    .preamble = NULL,
};
