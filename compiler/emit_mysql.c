/*
 * emit_mysql.c — SQL generation for MySQL 8.0 and MariaDB 10.11.
 *
 * Conventions:
 *
 *  - Identifiers are backquoted with ` doubled.  Strings are single-quoted
 *    with ' doubled and \ doubled: MySQL reads \ as an escape unless
 *    sql_mode has NO_BACKSLASH_ESCAPES.  Under that mode a backslash comes
 *    out doubled in the value, but no literal can ever be ended early.
 *
 *  - Every constraint is a named table constraint after the columns (MySQL
 *    ignores a REFERENCES written on a column).  MySQL names the primary
 *    key PRIMARY whatever it is called; the model keeps the name.
 *
 *  - A column change (type, null, default) is MODIFY COLUMN with the whole
 *    column definition, taken from the schema model after the statement.
 *
 *  - serial is int NOT NULL AUTO_INCREMENT and bigserial bigint NOT NULL
 *    AUTO_INCREMENT (not MySQL's SERIAL, which adds a unique index).
 *    MySQL wants such a column to be a key in the same statement: a serial
 *    column that is not the first column of a primary key or unique
 *    constraint of its table is an error.
 *
 *  - Foreign keys need an index on their columns.  When the table has none
 *    whose leading columns are the key's, MySQL creates one named like the
 *    constraint, and drops it silently when an index that can serve comes.
 *    The output keeps that rule exactly, so that every down gives back the
 *    schema the up found: dropping a foreign key also drops its own index
 *    when it had one; dropping the last index that served a foreign key
 *    first gives the key its own index back; creating an index or key that
 *    serves a foreign key that had its own index drops that one.
 *
 *  - MySQL commits each DDL statement: there is no BEGIN/COMMIT, and every
 *    migration starts with a comment saying so.
 *
 *  - Text and blob columns (text, varchar without a length, bytea, json)
 *    are indexed on their first 255 characters by a plain index; a unique
 *    one takes them whole, which MariaDB does with a hash (MySQL 8.0 and
 *    a foreign key cannot use such a key: give the column a length).
 *
 *  - A partial index (where) covers every row: MySQL has none.  A unique
 *    partial index would forbid what the migration allows: an error.
 *
 *  - Not expressible, hence errors: schemas (a MySQL schema is a
 *    database), unique partial indexes, alter column type ... using.
 */
#include "emit_mysql.h"

#include <string.h>

#include "emit.h"
#include "objkind.h"
#include "types.h"

/* ---- quoting ---- */

/* `a``b` */
static void my_quote_ident(StrBuf *out, const char *ident)
{
    emit_quote_doubled(out, ident, '`');
}

static void my_cols(EmitCtx *e, CatColumn *const *cols, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(e->out, ", ");
        emit_ident(e, cols[i]->name);
    }
}

/* ---- types and defaults ---- */

static void my_type(EmitCtx *e, const TypeRef *t)
{
    const CatEnum *en = cat_enum_of_type(e->cat, t);
    if (en) {
        sb_puts(e->out, "ENUM");
        emit_enum_labels(e, (const char *const *)en->vals, en->nvals);
        return;
    }
    if (t->kind == TY_CUSTOM) {
        emit_type_custom(e, t);
        return;
    }
    const TypeInfo *ti = type_info(t->kind);
    if (t->nargs > 0 && ti->mysql_args) {
        sb_puts(e->out, ti->mysql_args);
        ast_type_args(e->out, t);
    } else {
        sb_puts(e->out, ti->mysql);
    }
}

/* Types whose literal defaults MySQL 8.0 takes only as expressions. */
static bool my_blob_type(const TypeRef *t)
{
    MysqlBlob b = type_info(t->kind)->mysql_blob;
    return b == MY_BLOB_ALWAYS || (b == MY_BLOB_BARE && t->nargs == 0);
}

/* The default of a column of type t. */
static void my_expr(EmitCtx *e, const Expr *x, const TypeRef *t)
{
    StrBuf *o = e->out;
    bool paren = my_blob_type(t);
    switch (x->kind) {
    case EX_NUMBER:
        sb_printf(o, paren ? "(%s)" : "%s", x->text);
        return;
    case EX_STRING:
        if (paren)
            sb_putc(o, '(');
        emit_string(e, x->text);
        if (paren)
            sb_putc(o, ')');
        return;
    case EX_TRUE:
    case EX_FALSE:
    case EX_NULL:
    case EX_CALL:
    case EX_RAW:
    case EX_CAST:
        emit_expr(e, x);
        return;
    case EX_NOW:
        /* The precision must be the column's. */
        sb_puts(o, type_info(t->kind)->mysql_now);
        return;
    }
}

/* `name` type [GENERATED ALWAYS AS (expr) STORED] [NOT NULL]
 * [AUTO_INCREMENT] [DEFAULT expr]: an identity column is numbered as a
 * serial one is. */
static void my_column_c(EmitCtx *e, const char *name, const TypeRef *t,
                        bool not_null, const Expr *def, const char *gen,
                        IdentityKind identity, const char *comment);

static void my_column(EmitCtx *e, const char *name, const TypeRef *t,
                      bool not_null, const Expr *def, const char *gen,
                      IdentityKind identity)
{
    my_column_c(e, name, t, not_null, def, gen, identity, NULL);
}

/* The same, with the column's comment (MODIFY COLUMN would drop it). */
static void my_column_c(EmitCtx *e, const char *name, const TypeRef *t,
                        bool not_null, const Expr *def, const char *gen,
                        IdentityKind identity, const char *comment)
{
    StrBuf *o = e->out;
    bool serial = t->kind == TY_SERIAL || t->kind == TY_BIGSERIAL ||
                  identity;
    emit_ident(e, name);
    sb_putc(o, ' ');
    my_type(e, t);
    if (gen) {
        sb_puts(o, " GENERATED ALWAYS AS (");
        emit_raw_expr(e, gen);
        sb_puts(o, ") STORED");
    }
    if (not_null || serial)
        sb_puts(o, " NOT NULL");
    if (serial)
        sb_puts(o, " AUTO_INCREMENT");
    else if (def) {
        sb_puts(o, " DEFAULT ");
        my_expr(e, def, t);
    }
    if (comment) {
        sb_puts(o, " COMMENT ");
        emit_string(e, comment);
    }
}

/* ---- the foreign keys' own indexes ---- */

static bool my_excluded(const char *name, const char *const *excl, int n)
{
    for (int i = 0; i < n; i++)
        if (excl[i] && strcmp(excl[i], name) == 0)
            return true;
    return false;
}

/* Whether an index on `cols` serves foreign key k (k's columns lead it). */
static bool my_serves(CatColumn *const *cols, int n, const CatConstraint *k)
{
    if (n < k->ncols)
        return false;
    for (int i = 0; i < k->ncols; i++)
        if (!cols[i] || !k->cols[i] || strcmp(cols[i]->name, k->cols[i]->name))
            return false;
    return true;
}

/* Whether index ix serves foreign key k: k's columns lead its keys as
 * plain columns, whatever their direction (MySQL orders a key part
 * descending and still finds the rows by it), its method (InnoDB builds
 * a B-tree for any) or its predicate (MySQL has none: the index covers
 * every row). */
static bool my_index_serves(const CatIndex *ix, const CatConstraint *k)
{
    if (ix->nkeys < k->ncols)
        return false;
    for (int i = 0; i < k->ncols; i++)
        if (!ix->keys[i].col || !k->cols[i] ||
            strcmp(ix->keys[i].col->name, k->cols[i]->name) != 0)
            return false;
    return true;
}

/*
 * Whether foreign key k has no index of the model (primary key, unique
 * constraint, index) to serve it, leaving out the objects named in excl:
 * then MySQL gives it an index of its own, named like it.
 */
static bool my_bare(const CatTable *t, const CatConstraint *k,
                    const char *const *excl, int nexcl)
{
    for (const CatConstraint *c = t->cons; c; c = c->next)
        if ((c->kind == CON_PRIMARY || c->kind == CON_UNIQUE) &&
            !my_excluded(c->name, excl, nexcl) &&
            my_serves(c->cols, c->ncols, k))
            return false;
    for (const CatIndex *ix = t->idx; ix; ix = ix->next)
        if (!my_excluded(ix->name, excl, nexcl) && my_index_serves(ix, k))
            return false;
    return true;
}

/*
 * An index or key `name` was added to table t (t is the model after it):
 * ", DROP INDEX `k`" for each foreign key k that had its own index and no
 * longer needs it.
 */
static void my_after_index_added(EmitCtx *e, const CatTable *t,
                                 const char *name)
{
    const char *excl[1] = { name };
    for (const CatConstraint *k = t->cons; k; k = k->next)
        if (k->kind == CON_FOREIGN && !my_bare(t, k, NULL, 0) &&
            my_bare(t, k, excl, 1)) {
            sb_puts(e->out, ", DROP INDEX ");
            emit_ident(e, k->name);
        }
}

/*
 * Index or key `name` is about to go from table t (t as before, with the
 * names in excl already gone): "ADD INDEX `k` (...), " for each foreign key
 * that it alone served, so that MySQL lets it go.
 */
static void my_before_index_dropped(EmitCtx *e, const CatTable *t,
                                    const char *name, const char **excl,
                                    int nexcl)
{
    for (const CatConstraint *k = t->cons; k; k = k->next) {
        if (k->kind != CON_FOREIGN || my_excluded(k->name, excl, nexcl))
            continue;
        excl[nexcl] = NULL;
        bool before = my_bare(t, k, (const char *const *)excl, nexcl);
        excl[nexcl] = name;
        bool after = my_bare(t, k, (const char *const *)excl, nexcl + 1);
        excl[nexcl] = NULL;
        if (!before && after) {
            sb_puts(e->out, "ADD INDEX ");
            emit_ident(e, k->name);
            sb_puts(e->out, " (");
            my_cols(e, k->cols, k->ncols);
            sb_puts(e->out, "), ");
        }
    }
}

/*
 * Drop index or constraint `name` of table t (the table before, with
 * the objects named in excl[0..nexcl) already gone; excl has room for one
 * more).  Returns false after a diagnostic.
 */
static bool my_drop_object(EmitCtx *e, const Stmt *s, const CatTable *t,
                           const char *name, bool is_index, const char **excl,
                           int nexcl)
{
    StrBuf *o = e->out;
    emit_alter_table(e, NULL, t->name);
    if (is_index) {
        my_before_index_dropped(e, t, name, excl, nexcl);
        sb_puts(o, "DROP INDEX ");
        emit_ident(e, name);
        emit_end(e);
        return true;
    }
    const CatConstraint *k = cat_constraint(t, name);
    if (!k) {
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                "internal error: mysql: constraint %s.%s not in the model",
                t->name, name);
        return false;
    }
    switch (k->kind) {
    case CON_PRIMARY:
        my_before_index_dropped(e, t, name, excl, nexcl);
        sb_puts(o, "DROP PRIMARY KEY");
        break;
    case CON_UNIQUE:
        my_before_index_dropped(e, t, name, excl, nexcl);
        sb_puts(o, "DROP INDEX ");
        emit_ident(e, name);
        break;
    case CON_CHECK:
        sb_puts(o, "DROP CONSTRAINT ");
        emit_ident(e, name);
        break;
    case CON_FOREIGN:
        sb_puts(o, "DROP FOREIGN KEY ");
        emit_ident(e, name);
        if (my_bare(t, k, (const char *const *)excl, nexcl)) {
            sb_puts(o, ", DROP INDEX ");
            emit_ident(e, name);
        }
        break;
    }
    emit_end(e);
    return true;
}

/* ---- statements ---- */

/* Whether column `col` of a CREATE TABLE is the first column of one of
 * its primary key or unique constraints. */
static bool my_is_key(const Stmt *s, const ColumnDef *col)
{
    for (const ColumnDef *c = s->columns; c; c = c->next)
        for (const Constraint *k = c->cons; k; k = k->next)
            if ((k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) &&
                (k->cols ? strcmp(k->cols->name.s, col->name.s) == 0
                         : c == col))
                return true;
    for (const Constraint *k = s->constraints; k; k = k->next)
        if ((k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) && k->cols &&
            strcmp(k->cols->name.s, col->name.s) == 0)
            return true;
    return false;
}

static bool my_serial_key(EmitCtx *e, const Stmt *s, const ColumnDef *c,
                          const Stmt *whole)
{
    if (c->type.kind != TY_SERIAL && c->type.kind != TY_BIGSERIAL &&
        !c->identity)
        return true;
    if (my_is_key(whole, c))
        return true;
    if (c->identity) {
        diag_at(e->diag, DIAG_ERROR, emit_src(e),
                c->loc.end ? c->loc : s->loc, "make it the primary key",
                "mysql numbers only a key column: identity column %s.%s is "
                "not the first column of a primary key or unique constraint",
                s->table.name.s, c->name.s);
        return false;
    }
    diag_at(e->diag, DIAG_ERROR, emit_src(e), c->loc.end ? c->loc : s->loc,
            "make it the primary key, or use integer",
            "mysql numbers only a key column: serial column %s.%s is not "
            "the first column of a primary key or unique constraint",
            s->table.name.s, c->name.s);
    return false;
}

/* A column of CREATE TABLE. */
static void my_column_def(EmitCtx *e, const ColumnDef *c)
{
    my_column(e, c->name.s, &c->type, c->not_null, c->def, c->generated,
              c->identity);
}

static bool my_create_table(EmitCtx *e, const Stmt *s)
{
    for (const ColumnDef *c = s->columns; c; c = c->next)
        if (!my_serial_key(e, s, c, s))
            return false;
    emit_create_table(e, s, NULL, my_column_def);
    return true;
}

/* The model's table of statement s (after it). */
static const CatTable *my_table_after(EmitCtx *e, const Stmt *s)
{
    const CatTable *t =
        cat_table(e->cat, s->table.schema.s, s->table.name.s);
    if (!t)
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                "internal error: mysql: table %s not in the model",
                s->table.name.s ? s->table.name.s : "?");
    return t;
}

static bool my_no_schema(EmitCtx *e, const Stmt *s, const QName *q)
{
    if (!q->schema.s)
        return true;
    diag_at(e->diag, DIAG_ERROR, emit_src(e), q->loc.end ? q->loc : s->loc,
            NULL,
            "a mysql schema is a database: %s.%s cannot be compiled for "
            "mysql", q->schema.s, q->name.s);
    return false;
}

/* ALTER TABLE `t` MODIFY COLUMN with the whole definition from the model. */
static bool my_modify(EmitCtx *e, const Stmt *s)
{
    const CatTable *t = my_table_after(e, s);
    const CatColumn *c = t ? cat_column(t, s->column.s) : NULL;
    if (!c)
        return false;
    emit_alter_table(e, NULL, t->name);
    sb_puts(e->out, "MODIFY COLUMN ");
    my_column_c(e, c->name, &c->type, c->not_null, c->def, c->generated,
                c->identity, c->comment);
    emit_end(e);
    return true;
}

/* ---- enums: a MySQL enum is a column type, ENUM('a', 'b') ---- */

/* ALTER TABLE `t` MODIFY COLUMN `c` ENUM(labels) ...: the column as the
 * model has it, with the labels given. */
static void my_enum_modify(EmitCtx *e, const CatColumn *c,
                           const char *const *vals, int n)
{
    StrBuf *o = e->out;
    emit_alter_table(e, NULL, c->table->name);
    sb_puts(o, "MODIFY COLUMN ");
    emit_ident(e, c->name);
    sb_puts(o, " ENUM");
    emit_enum_labels(e, vals, n);
    if (c->not_null)
        sb_puts(o, " NOT NULL");
    if (c->def) {
        sb_puts(o, " DEFAULT ");
        my_expr(e, c->def, &c->type);
    }
    emit_end(e);
}

/*
 * create and drop type have nothing to run: the labels are written into
 * each column.  add value (and its down) modifies every column that uses
 * the type; rename value modifies each to the labels of both names,
 * moves the rows from the old label to the new one, then modifies it to
 * the new labels, since MySQL would turn values of a vanished label into
 * errors.
 */
static bool my_enum_stmt(EmitCtx *e, const Stmt *s)
{
    const CatEnum *en = cat_enum(e->cat, s->object.name.s);
    switch (s->kind) {
    case ST_CREATE_ENUM:
        emit_comment(e, "mysql: type %s is written as ENUM(...) in each "
                     "column that uses it", s->object.name.s);
        return true;
    case ST_DROP_ENUM:
        emit_comment(e, "mysql: type %s was written into its columns",
                     s->object.name.s);
        return true;
    default:
        break;
    }
    if (!en)
        return true;
    const char *const *vals = (const char *const *)en->vals;
    if (!cat_enum_next_user(e->cat, en, NULL))
        emit_comment(e, "mysql: no column uses type %s", en->name);
    for (const CatColumn *c = cat_enum_next_user(e->cat, en, NULL); c;
         c = cat_enum_next_user(e->cat, en, c)) {
        if (s->kind != ST_RENAME_VALUE) {
            my_enum_modify(e, c, vals, en->nvals);
            continue;
        }
        int at = cat_enum_index(en, s->new_name.s);
        const char **both =
            ARENA_ARRAY(e->arena, const char *, en->nvals + 1);
        for (int i = 0, k = 0; i < en->nvals; i++) {
            if (i == at)
                both[k++] = s->value.s;
            both[k++] = en->vals[i];
        }
        my_enum_modify(e, c, both, en->nvals + 1);
        sb_puts(e->out, "UPDATE ");
        emit_ident(e, c->table->name);
        sb_puts(e->out, " SET ");
        emit_ident(e, c->name);
        sb_puts(e->out, " = ");
        emit_string(e, s->new_name.s);
        sb_puts(e->out, " WHERE ");
        emit_ident(e, c->name);
        sb_puts(e->out, " = ");
        emit_string(e, s->value.s);
        emit_end(e);
        my_enum_modify(e, c, vals, en->nvals);
    }
    return true;
}

static bool my_is_fk_drop(const CatTable *t, const Stmt *i)
{
    if (i->kind != ST_DROP_CONSTRAINT)
        return false;
    const CatConstraint *k = cat_constraint(t, i->cname.s);
    return k && k->kind == CON_FOREIGN;
}

/* DROP COLUMN: first the indexes and constraints that go with it, foreign
 * keys first (MySQL will not drop an index a foreign key needs). */
static bool my_drop_column(EmitCtx *e, const Stmt *s)
{
    const CatTable *t = e->before;
    if (!t) {
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                "internal error: mysql: drop column without the table "
                "before it");
        return false;
    }
    int n = 0;
    for (const Stmt *i = s->implied; i; i = i->next)
        n++;
    const char **excl = ARENA_ARRAY(e->arena, const char *, n + 1);
    int nexcl = 0;
    for (int pass = 0; pass < 2; pass++)
        for (const Stmt *i = s->implied; i; i = i->next) {
            bool fk = my_is_fk_drop(t, i);
            if (fk != (pass == 0))
                continue;
            bool is_index = i->kind == ST_DROP_INDEX;
            const char *name = is_index ? i->object.name.s : i->cname.s;
            if (!my_drop_object(e, i, t, name, is_index, excl, nexcl))
                return false;
            excl[nexcl++] = name;
        }
    emit_alter_table(e, NULL, t->name);
    sb_puts(e->out, "DROP COLUMN ");
    emit_ident(e, s->column.s);
    emit_end(e);
    return true;
}

static bool my_add_column(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    const ColumnDef *d = s->columns;
    const CatTable *t = my_table_after(e, s);
    const CatColumn *col = t ? cat_column(t, d->name.s) : NULL;
    if (!col)
        return false;
    Stmt whole = *s;
    whole.constraints = NULL;
    if (!my_serial_key(e, s, d, &whole))
        return false;
    /* One statement: an AUTO_INCREMENT column needs its key with it. */
    emit_alter_table(e, NULL, t->name);
    sb_puts(o, "ADD COLUMN ");
    my_column(e, d->name.s, &d->type, d->not_null, d->def, d->generated,
              d->identity);
    if (col->next) {
        /* Back where it was (a down of drop column). */
        if (col->prev) {
            sb_puts(o, " AFTER ");
            emit_ident(e, col->prev->name);
        } else {
            sb_puts(o, " FIRST");
        }
    }
    for (const Constraint *k = d->cons; k; k = k->next) {
        sb_puts(o, ", ADD ");
        emit_constraint(e, k, d->name.s);
    }
    for (const Constraint *k = d->cons; k; k = k->next)
        if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE)
            my_after_index_added(e, t, k->name.s);
    emit_end(e);
    return true;
}

/* ALTER TABLE t RENAME INDEX a TO b (MySQL 5.7, MariaDB 10.5.2) */
static void my_rename_index(EmitCtx *e, const CatTable *t, const char *from,
                            const char *to)
{
    emit_alter_table(e, NULL, t->name);
    sb_puts(e->out, "RENAME INDEX ");
    emit_ident(e, from);
    sb_puts(e->out, " TO ");
    emit_ident(e, to);
    emit_end(e);
}

/*
 * MySQL has no RENAME CONSTRAINT.  A primary key is always called
 * PRIMARY there: nothing to do.  A unique constraint is its index: rename
 * the index.  A check: drop it and add it under the new name.  A foreign
 * key: drop it, rename the index that was made for it (named after it),
 * and add it again under the new name, from the model.
 */
static bool my_rename_constraint(EmitCtx *e, const Stmt *s)
{
    const CatTable *t = my_table_after(e, s);
    const CatConstraint *k = t ? cat_constraint(t, s->new_name.s) : NULL;
    if (!k)
        return false;
    StrBuf *o = e->out;
    const Stmt *add = cat_constraint_stmt(e->cat, k);
    switch (k->kind) {
    case CON_PRIMARY:
        emit_comment(e, "mysql: a primary key is always named PRIMARY: "
                     "nothing to rename");
        return true;
    case CON_UNIQUE:
        my_rename_index(e, t, s->cname.s, s->new_name.s);
        return true;
    case CON_CHECK:
        emit_alter_table(e, NULL, t->name);
        sb_puts(o, "DROP CONSTRAINT ");
        emit_ident(e, s->cname.s);
        sb_puts(o, ", ADD ");
        emit_constraint(e, add->constraints, NULL);
        emit_end(e);
        return true;
    case CON_FOREIGN:
        emit_alter_table(e, NULL, t->name);
        sb_puts(o, "DROP FOREIGN KEY ");
        emit_ident(e, s->cname.s);
        emit_end(e);
        if (my_bare(t, k, NULL, 0))
            my_rename_index(e, t, s->cname.s, s->new_name.s);
        emit_alter_table(e, NULL, t->name);
        sb_puts(o, "ADD ");
        emit_constraint(e, add->constraints, NULL);
        emit_end(e);
        return true;
    }
    return true;
}

static bool my_stmt(EmitCtx *e, const Stmt *s)
{
    StrBuf *o = e->out;
    switch (s->kind) {
    case ST_CREATE_TABLE:
        if (!my_no_schema(e, s, &s->table))
            return false;
        return my_create_table(e, s);

    case ST_DROP_TABLE:
        emit_drop_table(e, s);
        return true;

    case ST_RENAME_TABLE: {
        emit_rename_table(e, s);
        /* MySQL's views keep the old name: made again from the model,
         * whose texts follow the rename. */
        const CatTable *t = cat_table(e->cat, NULL, s->new_name.s);
        if (t)
            emit_dependants_replace(e, t);
        return true;
    }

    case ST_ADD_COLUMN:
        if (!s->columns)
            return true;
        return my_add_column(e, s);

    case ST_DROP_COLUMN:
        return my_drop_column(e, s);

    case ST_RENAME_COLUMN: {
        emit_rename_column(e, s);
        const CatTable *t = my_table_after(e, s);
        if (t)
            emit_dependants_replace(e, t);
        return true;
    }

    case ST_ALTER_TYPE:
        if (s->using_raw) {
            diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc,
                    "change the values with an sql statement, then the type",
                    "mysql has no USING: alter column type ... using cannot "
                    "be compiled for mysql");
            return false;
        }
        return my_modify(e, s);
    case ST_SET_DEFAULT:
    case ST_DROP_DEFAULT:
    case ST_SET_NOT_NULL:
    case ST_DROP_NOT_NULL:
        return my_modify(e, s);

    case ST_CREATE_INDEX: {
        const IndexDef *ix = s->index;
        /* MariaDB has no expression keys (MySQL 8.0.13 has): index a
         * generated column instead */
        static const char *const methods[] = {"btree", "hash", NULL};
        static const IndexLacks lacks = {
            .no_include = true, .no_opclass = true, .no_nulls = true,
            .no_expr = true, .methods = methods,
        };
        if (!emit_index_supported(e, s, ix, &lacks))
            return false;
        if (ix->where && ix->unique) {
            diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                    "mysql has no partial indexes: create unique index ... "
                    "where cannot be compiled for mysql");
            return false;
        }
        const CatTable *t = cat_table(e->cat, ix->table.schema.s,
                                      ix->table.name.s);
        if (!t)
            return false;
        if (ix->where)
            emit_comment(e, "mysql has no partial indexes: %s covers every "
                         "row", ix->name.name.s);
        /* `concurrently` is PostgreSQL's; MySQL ignores the word. */
        emit_alter_table(e, NULL, t->name);
        sb_puts(o, ix->unique ? "ADD UNIQUE INDEX " : "ADD INDEX ");
        emit_ident(e, ix->name.name.s);
        sb_puts(o, " (");
        for (const IndexKey *k = ix->keys; k; k = k->next) {
            emit_ident(e, k->col.s);
            /* A text or blob column is indexed on its first 255
             * characters; a unique index takes it whole (MariaDB hashes
             * it). */
            const CatColumn *c = cat_column(t, k->col.s);
            if (!ix->unique && c && my_blob_type(&c->type))
                sb_puts(o, "(255)");
            if (k->order == KEY_DESC)
                sb_puts(o, " DESC");
            else if (k->order == KEY_ASC)
                sb_puts(o, " ASC");
            if (k->next)
                sb_puts(o, ", ");
        }
        sb_putc(o, ')');
        if (ix->method.s)
            sb_puts(o, strcmp(ix->method.s, "hash") == 0 ? " USING HASH"
                                                          : " USING BTREE");
        my_after_index_added(e, t, ix->name.name.s);
        emit_end(e);
        return true;
    }

    case ST_DROP_INDEX: {
        if (!e->before)
            return false;
        const char *excl[1] = { NULL };
        return my_drop_object(e, s, e->before, s->object.name.s, true, excl,
                              0);
    }

    case ST_ADD_CONSTRAINT: {
        const CatTable *t = my_table_after(e, s);
        if (!t)
            return false;
        for (const Constraint *k = s->constraints; k; k = k->next) {
            emit_alter_table(e, NULL, t->name);
            sb_puts(o, "ADD ");
            emit_constraint(e, k, NULL);
            if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE)
                my_after_index_added(e, t, k->name.s);
            emit_end(e);
        }
        return true;
    }

    case ST_DROP_CONSTRAINT: {
        if (!e->before)
            return false;
        const char *excl[1] = { NULL };
        return my_drop_object(e, s, e->before, s->cname.s, false, excl, 0);
    }

    case ST_CREATE_SCHEMA:
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc,
                "create a database for it instead",
                "a mysql schema is a database: create schema cannot be "
                "compiled for mysql");
        return false;

    case ST_DROP_SCHEMA:
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                "a mysql schema is a database: drop schema cannot be "
                "compiled for mysql");
        return false;

    case ST_SQL:
        emit_raw_sql(e, s->sql_up);
        return true;

    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
        return my_enum_stmt(e, s);

    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
        return emit_routine_stmt(e, s, my_type);
    case ST_RENAME_INDEX: {
        const CatIndex *ix =
            cat_index(e->cat, s->object.schema.s, s->new_name.s);
        if (!ix)
            return false;
        my_rename_index(e, ix->table, s->object.name.s, s->new_name.s);
        return true;
    }

    case ST_RENAME_CONSTRAINT:
        return my_rename_constraint(e, s);

    case ST_RENAME_SEQUENCE:
        emit_comment(e, "mysql: no sequences: rename sequence %s has "
                     "nothing to do", s->object.name.s);
        return true;
    case ST_COMMENT:
        if (!my_no_schema(e, s, &s->table))
            return false;
        if (s->column.s) /* the whole column again, with its comment */
            return my_modify(e, s);
        emit_alter_table(e, NULL, s->table.name.s);
        sb_puts(e->out, "COMMENT = ");
        emit_string(e, s->comment ? s->comment : "");
        emit_end(e);
        return true;
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
        return emit_object(e, s);

    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
        emit_comment(e, "mysql: no extensions: %s extension %s has nothing "
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

/* Drops need to know what they drop (its kind, the foreign keys it
 * served); the model after the statement no longer has it. */
static bool my_needs_snapshot(const Stmt *s, const Catalog *cat)
{
    (void)cat;
    switch (s->kind) {
    case ST_DROP_COLUMN:
    case ST_DROP_INDEX:
    case ST_DROP_CONSTRAINT:
        return true;
    case ST_CREATE_TABLE:
    case ST_DROP_TABLE:
    case ST_RENAME_TABLE:
    case ST_ADD_COLUMN:
    case ST_RENAME_COLUMN:
    case ST_ALTER_TYPE:
    case ST_SET_DEFAULT:
    case ST_DROP_DEFAULT:
    case ST_SET_NOT_NULL:
    case ST_DROP_NOT_NULL:
    case ST_CREATE_INDEX:
    case ST_ADD_CONSTRAINT:
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
    case ST_RENAME_INDEX:
    case ST_RENAME_CONSTRAINT:
    case ST_RENAME_SEQUENCE:
    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
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

bool mysql_mixed_ddl_warning(Diag *d, const Migration *m)
{
    int n = 0;
    for (const Stmt *s = m->up; s; s = s->next) {
        if (s->kind == ST_IRREVERSIBLE)
            continue;
        if (++n == 2) {
            diag_at(d, DIAG_WARNING, &m->src, s->loc,
                    "put each DDL statement in a migration of its own",
                    "mysql commits each DDL statement on its own: if this "
                    "statement fails, the ones before it stay applied");
            return true;
        }
    }
    return false;
}

const Dialect dialect_mysql = {
    .name = "mysql",
    .id = DIALECT_MYSQL,
    .transactional_ddl = false,
    .has_schemas = false,
    .quote_ident = my_quote_ident,
    .quote_string = emit_quote_string_backslash,
    /* Booleans are 0 and 1; an expression default (MySQL 8.0.13+) is
     * parenthesised.  now() depends on the column's type: my_expr. */
    .true_sql = "1",
    .false_sql = "0",
    .now_sql = "CURRENT_TIMESTAMP",
    .paren_call = true,
    .needs_snapshot = my_needs_snapshot,
    .stmt = my_stmt,
    .begin_sql = NULL,
    .commit_sql = NULL,
    .preamble = "-- mysql: each DDL statement commits on its own; a failure "
                "part-way leaves the statements before it applied\n",
    .check_migration = mysql_mixed_ddl_warning,
};
