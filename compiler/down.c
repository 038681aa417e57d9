/*
 * down.c — deriving the down migration of one statement from the catalog
 * as it stands just before the statement (language.md, "Down migrations";
 * the table of derived downs in docs/LANGUAGE.md).
 *
 * One function per statement kind, in a table indexed by the kind; a
 * second table says, per kind, why the derived down may fail on rows
 * written after the up (down_risk).
 *
 * The statements built here carry no location (Loc zero): they are checked
 * like any other statement, in the catalog state they run in, and they are
 * fully named, so the checker only has to confirm them.
 */
#include "down.h"

#include <string.h>

#include "naming.h"
#include "types.h"

/* What one derivation sets besides the statements it returns. */
typedef struct Down {
    Checker *ck;
    Arena *a;
    MigClass cls;
    const char *lost;
} Down;

static QName qn(const char *schema, const char *name)
{
    QName q;
    memset(&q, 0, sizeof q);
    q.schema.s = schema;
    q.name.s = name;
    return q;
}

static Stmt *new_stmt(Arena *a, StmtKind kind, const CatTable *t)
{
    Stmt *s = ARENA_NEW(a, Stmt);
    s->kind = kind;
    if (t)
        s->table = qn(t->schema, t->name);
    return s;
}

static Stmt *column_stmt(Arena *a, StmtKind kind, const CatColumn *col)
{
    Stmt *s = new_stmt(a, kind, col->table);
    s->column.s = col->name;
    return s;
}

/* Append list `b` to list `a`; returns the head. */
static Stmt *append(Stmt *a, Stmt *b)
{
    if (!a)
        return b;
    Stmt *t = a;
    while (t->next)
        t = t->next;
    t->next = b;
    return a;
}

/* The type a serial column has without its sequence default. */
static TypeKind base_kind(TypeKind k)
{
    return type_info(k)->base;
}

static int int_rank(TypeKind k)
{
    k = base_kind(k);
    return k == TY_SMALLINT ? 1 : k == TY_INTEGER ? 2 : k == TY_BIGINT ? 3 : 0;
}

/* Decimal digits (with sign) an integer type needs. */
static long int_digits(TypeKind k)
{
    int r = int_rank(k);
    return r == 1 ? 5 : r == 2 ? 10 : 19;
}

/* The length limit of a character type, or -1 for none (char without a
 * length is char(1), as in PostgreSQL). */
static long char_len(const TypeRef *t)
{
    if (t->kind == TY_TEXT)
        return -1;
    if (t->kind == TY_VARCHAR)
        return t->nargs ? t->arg[0] : -1;
    if (t->kind == TY_CHAR)
        return t->nargs ? t->arg[0] : 1;
    return 0;
}

static bool is_char(TypeKind k)
{
    return k == TY_TEXT || k == TY_VARCHAR || k == TY_CHAR;
}

/*
 * Whether every value of type `old` survives the trip to `nw` and back,
 * so that altering the type back restores it.  "Narrower" is the
 * opposite: a smaller integer, a numeric with fewer digits before or
 * after the point, a shorter or fixed-length character type, double to
 * real, timestamptz to timestamp, json to jsonb, anything to boolean,
 * and every change involving a type the compiler does not know.
 */
static bool fits(const TypeRef *old, const TypeRef *nw)
{
    TypeRef o = *old;
    o.kind = base_kind(o.kind);
    if (cat_type_equal(&o, nw))
        return true;
    if (o.kind == TY_CUSTOM || nw->kind == TY_CUSTOM)
        return false;
    if (nw->kind == TY_TEXT || (nw->kind == TY_VARCHAR && !nw->nargs))
        return o.kind != TY_CHAR; /* char's padding would be lost */
    int ro = int_rank(o.kind), rn = int_rank(nw->kind);
    if (ro && rn)
        return rn >= ro;
    if (ro) {
        if (nw->kind == TY_NUMERIC)
            return nw->nargs == 0 ||
                   nw->arg[0] - (nw->nargs > 1 ? nw->arg[1] : 0) >=
                       int_digits(o.kind);
        if (nw->kind == TY_REAL)
            return ro == 1;
        if (nw->kind == TY_DOUBLE)
            return ro <= 2;
        if (nw->kind == TY_VARCHAR)
            return char_len(nw) >= int_digits(o.kind) + 1;
        return false;
    }
    switch (o.kind) {
    case TY_NUMERIC:
        if (nw->kind != TY_NUMERIC)
            return false;
        if (nw->nargs == 0)
            return true;
        if (o.nargs == 0)
            return false;
        {
            long ps = o.nargs > 1 ? o.arg[1] : 0;
            long ns = nw->nargs > 1 ? nw->arg[1] : 0;
            return ns >= ps && nw->arg[0] - ns >= o.arg[0] - ps;
        }
    case TY_REAL:
        return nw->kind == TY_DOUBLE ||
               (nw->kind == TY_NUMERIC && nw->nargs == 0);
    case TY_DOUBLE:
        return nw->kind == TY_NUMERIC && nw->nargs == 0;
    case TY_VARCHAR:
        return nw->kind == TY_VARCHAR && o.nargs && nw->nargs &&
               nw->arg[0] >= o.arg[0];
    case TY_CHAR:
        return nw->kind == TY_CHAR && nw->arg[0] >= char_len(&o);
    case TY_TEXT:
        return false;
    case TY_DATE:
        return nw->kind == TY_TIMESTAMP || nw->kind == TY_TIMESTAMPTZ;
    case TY_TIMESTAMP:
        return nw->kind == TY_TIMESTAMPTZ;
    case TY_JSONB:
        return nw->kind == TY_JSON;
    case TY_BOOLEAN:
        return rn > 0 || (is_char(nw->kind) && char_len(nw) >= 5);
    case TY_SMALLINT:
    case TY_INTEGER:
    case TY_BIGINT:
    case TY_SERIAL:
    case TY_BIGSERIAL:
    case TY_TIME:
    case TY_TIMESTAMPTZ:
    case TY_INTERVAL:
    case TY_UUID:
    case TY_JSON:
    case TY_BYTEA:
    case TY_CUSTOM:
        return false;
    }
    return false;
}

static const char *col_disp(Arena *a, const CatColumn *col)
{
    const CatTable *t = col->table;
    return arena_printf(a, "%s.%s", cat_display(a, t->schema, t->name),
                        col->name);
}

static const char *table_disp(Arena *a, const CatTable *t)
{
    return cat_display(a, t->schema, t->name);
}

static CatTable *stmt_table(Checker *ck, const Stmt *s)
{
    return cat_table(ck->cat, s->table.schema.s, s->table.name.s);
}

static CatColumn *stmt_column(Checker *ck, const Stmt *s)
{
    return cat_column(stmt_table(ck, s), s->column.s);
}

/* ---- one function per statement kind ---- */

static Stmt *down_create_table(Down *d, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, ST_DROP_TABLE, NULL);
    r->table = qn(s->table.schema.s, s->table.name.s);
    return r;
}

/* A serial column's sequence keeps its name when its table or the column
 * is renamed, but the CREATE TABLE or ADD COLUMN that a down makes names
 * it after the table and column as they are: the rename of the new
 * sequence back to the old name, or NULL when the names agree. */
static Stmt *seq_name_back(Down *d, const CatTable *t, const CatColumn *c)
{
    if (!c->seq)
        return NULL;
    const char *made = naming_object_name(d->a, t->name, c->name, "seq");
    if (strcmp(made, c->seq) == 0)
        return NULL;
    if (naming_relation_taken(d->ck->cat, t->schema, made))
        made = naming_choose(d->ck->cat, d->a, t->schema, NULL, NULL, true,
                             t->name, c->name, "seq");
    Stmt *rs = new_stmt(d->a, ST_RENAME_SEQUENCE, NULL);
    rs->object = qn(t->schema, made);
    rs->new_name.s = c->seq;
    return rs;
}

static Stmt *down_drop_table(Down *d, const Stmt *s)
{
    CatTable *t = stmt_table(d->ck, s);
    if (!t)
        return NULL;
    d->cls = CLASS_LOSSY;
    d->lost = arena_printf(d->a, "rows of table %s", table_disp(d->a, t));
    Stmt *r = cat_table_stmt(d->ck->cat, t, true);
    r = append(r, cat_comment_stmts(d->ck->cat, t, NULL));
    for (CatColumn *c = t->cols; c; c = c->next)
        r = append(r, seq_name_back(d, t, c));
    for (CatIndex *ix = t->idx; ix; ix = ix->next)
        r = append(r, cat_index_stmt(d->ck->cat, ix));
    /* Its triggers went with it. */
    for (CatTrigger *g = cat_trigger_next(d->ck->cat, NULL, t, NULL); g;
         g = cat_trigger_next(d->ck->cat, NULL, t, g))
        r = append(r, cat_trigger_stmt(d->ck->cat, g));
    return r;
}

static Stmt *down_rename_table(Down *d, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, ST_RENAME_TABLE, NULL);
    r->table = qn(s->table.schema.s, s->new_name.s);
    r->new_name.s = s->table.name.s;
    return r;
}

static Stmt *down_add_column(Down *d, const Stmt *s)
{
    const ColumnDef *cd = s->columns;
    if (!cd)
        return NULL;
    /* A primary key on the new column must go before the column. */
    Stmt *r = NULL;
    for (const Constraint *k = cd->cons; k; k = k->next)
        if (k->kind == CON_PRIMARY) {
            Stmt *dc = new_stmt(d->a, ST_DROP_CONSTRAINT, NULL);
            dc->table = qn(s->table.schema.s, s->table.name.s);
            dc->cname.s = k->name.s;
            r = append(r, dc);
        }
    Stmt *dc = new_stmt(d->a, ST_DROP_COLUMN, NULL);
    dc->table = qn(s->table.schema.s, s->table.name.s);
    dc->column.s = cd->name.s;
    return append(r, dc);
}

/*
 * DROP COLUMN: put back the column, then the constraints and indexes that
 * went with it (Stmt.implied), in the reverse of the order they were
 * dropped.  With a fill value (`drop column t.c fill VALUE`) the column
 * comes back nullable, every row gets the value, and then not null is put
 * back: a value that is an expression of other columns works too, which a
 * default could not be.  Without one, a not null column comes back with
 * its default (the checker refuses a not null column with none).
 */
static Stmt *down_drop_column(Down *d, const Stmt *s)
{
    Checker *ck = d->ck;
    CatTable *t = stmt_table(ck, s);
    CatColumn *col = cat_column(t, s->column.s);
    if (!col)
        return NULL;
    if (!col->generated) { /* a generated column computes them again */
        d->cls = CLASS_LOSSY;
        d->lost = arena_printf(d->a, "values of column %s",
                               col_disp(d->a, col));
    }
    Stmt *add = new_stmt(d->a, ST_ADD_COLUMN, t);
    add->column.s = col->name;
    add->columns = cat_column_def(ck->cat, col);
    add = append(add, seq_name_back(d, t, col));
    if (s->fill) {
        add->columns->not_null = false;
        Stmt *fill = column_stmt(d->a, ST_FILL_COLUMN, col);
        fill->def = s->fill;
        add = append(add, fill);
        if (col->not_null)
            add = append(add, column_stmt(d->a, ST_SET_NOT_NULL, col));
    }
    Stmt *cons = NULL, *idx = NULL;
    for (const Stmt *i = s->implied; i; i = i->next) {
        if (i->kind == ST_DROP_CONSTRAINT) {
            CatConstraint *k = cat_constraint(t, i->cname.s);
            if (k) {
                Stmt *r = cat_constraint_stmt(ck->cat, k);
                r->next = cons; /* reverse order */
                cons = r;
            }
        } else if (i->kind == ST_DROP_INDEX) {
            CatIndex *ix = cat_index(ck->cat, i->object.schema.s,
                                     i->object.name.s);
            if (ix)
                idx = append(idx, cat_index_stmt(ck->cat, ix));
        }
    }
    return append(append(add, cat_comment_stmts(ck->cat, t, col)),
                  append(cons, idx));
}

static Stmt *down_rename_column(Down *d, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, ST_RENAME_COLUMN, NULL);
    r->table = qn(s->table.schema.s, s->table.name.s);
    r->column.s = s->new_name.s;
    r->new_name.s = s->column.s;
    return r;
}

/* ALTER TYPE: the old type back, its values cast explicitly (on
 * PostgreSQL `USING "c"::old`, which a type with no implicit cast from
 * the new one needs). */
static Stmt *down_alter_type(Down *d, const Stmt *s)
{
    CatColumn *col = stmt_column(d->ck, s);
    if (!col)
        return NULL;
    if (s->using_raw || !fits(&col->type, &s->type)) {
        StrBuf b;
        sb_init(&b);
        ast_type_format(&b, &s->type);
        d->cls = CLASS_LOSSY;
        d->lost = arena_printf(d->a, "values of column %s as they were "
                               "before the change to %s",
                               col_disp(d->a, col), sb_str(&b));
        sb_free(&b);
    }
    Stmt *r = column_stmt(d->a, ST_ALTER_TYPE, col);
    r->type = col->type;
    r->type.kind = base_kind(col->type.kind);
    if (r->type.kind != col->type.kind)
        r->type.name = r->type.kind == TY_INTEGER ? "integer" : "bigint";
    memset(&r->type.loc, 0, sizeof r->type.loc);
    r->cast_back = true;
    /* PostgreSQL would convert the default too, and has no cast for it
     * where the values need one: the down puts the old default back. */
    if (col->def)
        r->def = cat_column_def(d->ck->cat, col)->def;
    return r;
}

static Stmt *down_default(Down *d, const Stmt *s)
{
    CatColumn *col = stmt_column(d->ck, s);
    if (!col)
        return NULL;
    if (col->type.kind == TY_SERIAL || col->type.kind == TY_BIGSERIAL) {
        /* The sequence default of a serial column has no portable
         * spelling to put back. */
        d->cls = CLASS_IRREVERSIBLE;
        d->lost = arena_printf(d->a, "the default of serial column %s.%s "
                               "(its sequence) cannot be put back",
                               col->table->name, col->name);
        return NULL;
    }
    if (col->def) {
        Stmt *r = column_stmt(d->a, ST_SET_DEFAULT, col);
        r->def = cat_column_def(d->ck->cat, col)->def;
        return r;
    }
    if (s->kind == ST_DROP_DEFAULT)
        return NULL; /* there was no default: nothing to undo */
    return column_stmt(d->a, ST_DROP_DEFAULT, col);
}

static Stmt *down_not_null(Down *d, const Stmt *s)
{
    CatColumn *col = stmt_column(d->ck, s);
    bool want = s->kind == ST_SET_NOT_NULL;
    if (!col || col->not_null == want)
        return NULL; /* changed nothing */
    /* drop not null's down, set not null, fails on rows that got a null
     * meanwhile (down_risk says so); it still restores the schema. */
    return column_stmt(d->a, want ? ST_DROP_NOT_NULL : ST_SET_NOT_NULL, col);
}

static Stmt *down_create_index(Down *d, const Stmt *s)
{
    const IndexDef *ix = s->index;
    CatTable *t = ix ? cat_table(d->ck->cat, ix->table.schema.s,
                                 ix->table.name.s)
                     : NULL;
    if (!t) {
        /* an index on a materialized view */
        CatObject *o = ix ? cat_object_any(d->ck->cat, OBJ_VIEW,
                                           ix->table.schema.s,
                                           ix->table.name.s)
                          : NULL;
        if (!o)
            return NULL;
        Stmt *r = new_stmt(d->a, ST_DROP_INDEX, NULL);
        r->object = qn(o->schema, ix->name.name.s);
        r->concurrently = ix->concurrently;
        return r;
    }
    Stmt *r = new_stmt(d->a, ST_DROP_INDEX, NULL);
    r->object = qn(t->schema, ix->name.name.s);
    r->concurrently = ix->concurrently;
    return r;
}

static Stmt *down_drop_index(Down *d, const Stmt *s)
{
    CatIndex *ix = cat_index(d->ck->cat, s->object.schema.s,
                             s->object.name.s);
    if (!ix) {
        CatObjIndex *ox = cat_object_index(d->ck->cat, s->object.schema.s,
                                           s->object.name.s);
        if (!ox)
            return NULL;
        Stmt *r = cat_object_index_stmt(d->ck->cat, ox);
        r->index->concurrently = s->concurrently;
        return r;
    }
    Stmt *r = cat_index_stmt(d->ck->cat, ix);
    r->index->concurrently = s->concurrently;
    return r;
}

static Stmt *down_add_constraint(Down *d, const Stmt *s)
{
    CatTable *t = stmt_table(d->ck, s);
    const Constraint *k = s->constraints;
    if (!t || !k)
        return NULL;
    Stmt *r = new_stmt(d->a, ST_DROP_CONSTRAINT, t);
    r->cname.s = k->name.s;
    /* Adding a primary key made its columns NOT NULL, and dropping it
     * does not undo that (as in PostgreSQL): do it explicitly. */
    if (k->kind == CON_PRIMARY)
        for (const NameList *l = k->cols; l; l = l->next) {
            CatColumn *col = cat_column(t, l->name.s);
            if (col && !col->not_null)
                r = append(r, column_stmt(d->a, ST_DROP_NOT_NULL, col));
        }
    return r;
}

static Stmt *down_drop_constraint(Down *d, const Stmt *s)
{
    CatConstraint *k = cat_constraint(stmt_table(d->ck, s), s->cname.s);
    return k ? cat_constraint_stmt(d->ck->cat, k) : NULL;
}

static Stmt *down_schema(Down *d, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, s->kind == ST_CREATE_SCHEMA ? ST_DROP_SCHEMA
                                                         : ST_CREATE_SCHEMA,
                       NULL);
    r->cname.s = s->cname.s;
    return r;
}

static Stmt *down_sql(Down *d, const Stmt *s)
{
    /* `down none`, or nothing done up and no down written: nothing to
     * undo. */
    if (!s->sql_down &&
        (s->sql_down_none || (s->sql_ups && !s->sql_up && !s->sql_has_down)))
        return NULL;
    if (!s->sql_down) {
        d->cls = CLASS_IRREVERSIBLE;
        d->lost = "sql without down";
        return NULL;
    }
    Stmt *r = new_stmt(d->a, ST_SQL, NULL);
    r->sql_up = s->sql_down;
    r->sql_down = s->sql_up;
    return r;
}

/* ---- enums ---- */

static Stmt *enum_stmt(Down *d, StmtKind kind, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, kind, NULL);
    r->object = qn(NULL, s->object.name.s);
    return r;
}

static Stmt *down_create_enum(Down *d, const Stmt *s)
{
    return enum_stmt(d, ST_DROP_ENUM, s);
}

static Stmt *down_drop_enum(Down *d, const Stmt *s)
{
    CatEnum *e = cat_enum(d->ck->cat, s->object.name.s);
    return e ? cat_enum_stmt(d->ck->cat, e) : NULL;
}

static Stmt *down_add_value(Down *d, const Stmt *s)
{
    Stmt *r = enum_stmt(d, ST_DROP_VALUE, s);
    r->value.s = s->value.s;
    return r;
}

static Stmt *down_rename_value(Down *d, const Stmt *s)
{
    Stmt *r = enum_stmt(d, ST_RENAME_VALUE, s);
    r->value.s = s->new_name.s;
    r->new_name.s = s->value.s;
    return r;
}

/* The label goes back where it was: after the one before it. */
static Stmt *down_drop_value(Down *d, const Stmt *s)
{
    CatEnum *e = cat_enum(d->ck->cat, s->object.name.s);
    int i = cat_enum_index(e, s->value.s);
    if (i < 0)
        return NULL;
    Stmt *r = enum_stmt(d, ST_ADD_VALUE, s);
    r->value.s = s->value.s;
    if (i > 0) {
        r->anchor.s = e->vals[i - 1];
        r->after = true;
    } else if (e->nvals > 1) {
        r->anchor.s = e->vals[1];
    }
    return r;
}

static Stmt *down_create_extension(Down *d, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, ST_DROP_EXTENSION, NULL);
    r->cname.s = s->cname.s;
    return r;
}

static Stmt *down_drop_extension(Down *d, const Stmt *s)
{
    CatExtension *x = cat_extension(d->ck->cat, s->cname.s);
    return x ? cat_ext_stmt(d->ck->cat, x) : NULL;
}

/* rename index / constraint / sequence: rename back */
static Stmt *down_rename_object(Down *d, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, s->kind, NULL);
    if (s->kind == ST_RENAME_CONSTRAINT) {
        r->table = qn(s->table.schema.s, s->table.name.s);
        r->cname.s = s->new_name.s;
        r->new_name.s = s->cname.s;
    } else {
        r->object = qn(s->object.schema.s, s->new_name.s);
        r->new_name.s = s->object.name.s;
    }
    return r;
}

/* ---- functions, procedures, triggers ---- */

/* The stored definition again: `create` (or `create or replace` when it
 * puts back the text a replace changed). */
static Stmt *routine_again(Down *d, const Stmt *def, bool replace)
{
    Stmt *r = new_stmt(d->a, ST_CREATE_ROUTINE, NULL);
    RoutineDef *rd = ARENA_NEW(d->a, RoutineDef);
    *rd = *def->routine;
    rd->or_replace = replace;
    memset(&rd->loc, 0, sizeof rd->loc);
    r->routine = rd;
    return r;
}

static Stmt *down_create_routine(Down *d, const Stmt *s)
{
    const RoutineDef *rd = s->routine;
    CatRoutine *old = cat_routine(
        d->ck->cat, cat_routine_sig(d->a, rd->name.s, rd->args));
    if (old)
        return routine_again(d, old->def, true);
    Stmt *r = new_stmt(d->a, ST_DROP_ROUTINE, NULL);
    RoutineDef *dr = ARENA_NEW(d->a, RoutineDef);
    dr->procedure = rd->procedure;
    dr->name = rd->name;
    dr->args = rd->args;
    r->routine = dr;
    return r;
}

static Stmt *down_drop_routine(Down *d, const Stmt *s)
{
    const RoutineDef *rd = s->routine;
    CatRoutine *old = cat_routine(
        d->ck->cat, cat_routine_sig(d->a, rd->name.s, rd->args));
    return old ? routine_again(d, old->def, false) : NULL;
}

static Stmt *down_create_trigger(Down *d, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, ST_DROP_TRIGGER, NULL);
    TriggerDef *t = ARENA_NEW(d->a, TriggerDef);
    t->name.s = s->trigger->name.s;
    t->table = qn(s->trigger->table.schema.s, s->trigger->table.name.s);
    r->trigger = t;
    return r;
}

static Stmt *down_drop_trigger(Down *d, const Stmt *s)
{
    const TriggerDef *t = s->trigger;
    CatTable *tb = cat_table(d->ck->cat, t->table.schema.s, t->table.name.s);
    CatTrigger *g = tb ? cat_trigger(d->ck->cat, tb, t->name.s) : NULL;
    return g ? cat_trigger_stmt(d->ck->cat, g) : NULL;
}

/* Statements that only a down contains: nothing to undo. */
static Stmt *down_none(Down *d, const Stmt *s)
{
    (void)s;
    if (s->kind == ST_IRREVERSIBLE)
        d->cls = CLASS_IRREVERSIBLE;
    return NULL;
}

/* Objects beyond tables (objkind.h), whatever their kind: a create is
 * undone by a drop, a replace by the previous text, a drop by the create
 * from the stored text, a rename by the rename back; a refresh needs no
 * undoing. */
static Stmt *obj_stmt(Down *d, StmtKind kind, const Stmt *s)
{
    Stmt *r = new_stmt(d->a, kind, NULL);
    r->obj = s->obj;
    r->object = qn(s->object.schema.s, s->object.name.s);
    r->table = qn(s->table.schema.s, s->table.name.s);
    return r;
}

static bool any_dependant(void *arg, CatObject *o, const CatDep *dep)
{
    (void)o;
    (void)dep;
    *(bool *)arg = true;
    return false;
}

static bool has_dependants(const Catalog *c, const CatObject *o)
{
    bool any = false;
    cat_dependants(c, NULL, NULL, o, any_dependant, &any);
    return any;
}

static Stmt *down_create_object(Down *d, const Stmt *s)
{
    CatObject *old = cat_object(d->ck->cat, s->obj, s->object.schema.s,
                                s->object.name.s);
    if (!s->or_replace || !old)
        return obj_stmt(d, ST_DROP_OBJECT, s);
    Stmt *r = cat_object_stmt(d->ck->cat, old);
    r->or_replace = true;
    if (has_dependants(d->ck->cat, old))
        return r;
    /* Nothing uses it: drop and create, since a replace cannot take
     * back columns the up added (PostgreSQL refuses to drop a view's
     * columns with CREATE OR REPLACE). */
    r->or_replace = false;
    Stmt *drop = obj_stmt(d, ST_DROP_OBJECT, s);
    drop->next = r;
    return drop;
}

static Stmt *down_drop_object(Down *d, const Stmt *s)
{
    CatObject *o = cat_object(d->ck->cat, s->obj, s->object.schema.s,
                              s->object.name.s);
    if (!o)
        return NULL;
    Stmt *r = cat_object_stmt(d->ck->cat, o);
    r->no_data = false; /* a materialized view's rows are recomputed */
    Stmt **tail = &r->next;
    for (CatObjIndex *ix = o->idx; ix; ix = ix->next) {
        *tail = cat_object_index_stmt(d->ck->cat, ix);
        tail = &(*tail)->next;
    }
    return r;
}

static Stmt *down_object_rename(Down *d, const Stmt *s)
{
    Stmt *r = obj_stmt(d, ST_RENAME_OBJECT, s);
    r->object.name.s = s->new_name.s;
    r->new_name.s = s->object.name.s;
    return r;
}

/* The comment the table or column had: the text, or null. */
static Stmt *down_comment(Down *d, const Stmt *s)
{
    CatTable *t = stmt_table(d->ck, s);
    if (!t)
        return NULL;
    const CatColumn *col = s->column.s ? cat_column(t, s->column.s) : NULL;
    if (s->column.s && !col)
        return NULL;
    Stmt *r = new_stmt(d->a, ST_COMMENT, t);
    r->column.s = s->column.s;
    r->comment = col ? col->comment : t->comment;
    return r;
}

typedef Stmt *(*DownFn)(Down *d, const Stmt *s);

static const DownFn down_of[ST_KIND_COUNT] = {
    [ST_CREATE_TABLE] = down_create_table,
    [ST_DROP_TABLE] = down_drop_table,
    [ST_RENAME_TABLE] = down_rename_table,
    [ST_ADD_COLUMN] = down_add_column,
    [ST_DROP_COLUMN] = down_drop_column,
    [ST_RENAME_COLUMN] = down_rename_column,
    [ST_ALTER_TYPE] = down_alter_type,
    [ST_SET_DEFAULT] = down_default,
    [ST_DROP_DEFAULT] = down_default,
    [ST_SET_NOT_NULL] = down_not_null,
    [ST_DROP_NOT_NULL] = down_not_null,
    [ST_CREATE_INDEX] = down_create_index,
    [ST_DROP_INDEX] = down_drop_index,
    [ST_ADD_CONSTRAINT] = down_add_constraint,
    [ST_DROP_CONSTRAINT] = down_drop_constraint,
    [ST_CREATE_SCHEMA] = down_schema,
    [ST_DROP_SCHEMA] = down_schema,
    [ST_SQL] = down_sql,
    [ST_CREATE_ENUM] = down_create_enum,
    [ST_DROP_ENUM] = down_drop_enum,
    [ST_ADD_VALUE] = down_add_value,
    [ST_RENAME_VALUE] = down_rename_value,
    [ST_DROP_VALUE] = down_drop_value,
    [ST_CREATE_ROUTINE] = down_create_routine,
    [ST_DROP_ROUTINE] = down_drop_routine,
    [ST_CREATE_TRIGGER] = down_create_trigger,
    [ST_DROP_TRIGGER] = down_drop_trigger,
    [ST_RENAME_INDEX] = down_rename_object,
    [ST_RENAME_CONSTRAINT] = down_rename_object,
    [ST_RENAME_SEQUENCE] = down_rename_object,
    [ST_CREATE_EXTENSION] = down_create_extension,
    [ST_DROP_EXTENSION] = down_drop_extension,
    [ST_FILL_COLUMN] = down_none,
    [ST_IRREVERSIBLE] = down_none,
    [ST_CREATE_OBJECT] = down_create_object,
    [ST_DROP_OBJECT] = down_drop_object,
    [ST_RENAME_OBJECT] = down_object_rename,
    [ST_REFRESH_OBJECT] = NULL,
    [ST_COMMENT] = down_comment,
};

Stmt *down_derive(Checker *ck, Migration *m, const Stmt *s, MigClass *cls,
                  const char **lost)
{
    (void)m;
    Down d = { .ck = ck, .a = ck->arena, .cls = CLASS_REVERSIBLE };
    Stmt *r = (unsigned)s->kind < ST_KIND_COUNT && down_of[s->kind]
                  ? down_of[s->kind](&d, s)
                  : NULL;
    *cls = d.cls;
    *lost = d.lost;
    return r;
}

/* ---- downs that may fail on rows written after the up ---- */

static const char *type_text(Arena *a, const TypeRef *t)
{
    StrBuf b;
    sb_init(&b);
    ast_type_format(&b, t);
    const char *r = arena_printf(a, "%s", sb_str(&b));
    sb_free(&b);
    return r;
}

/* The type back is narrower than the new one, or values of the new type
 * may have no cast to it. */
static const char *risk_alter_type(Checker *ck, const Stmt *s)
{
    CatColumn *col = stmt_column(ck, s);
    if (!col)
        return NULL;
    TypeRef back = col->type;
    back.kind = base_kind(back.kind);
    if (fits(&s->type, &back))
        return NULL;
    Arena *a = ck->arena;
    return arena_printf(a, "changing column %s back from %s to %s fails on "
                        "values written meanwhile that %s does not hold",
                        col_disp(a, col), type_text(a, &s->type),
                        type_text(a, &col->type), type_text(a, &col->type));
}

static const char *risk_drop_not_null(Checker *ck, const Stmt *s)
{
    CatColumn *col = stmt_column(ck, s);
    if (!col || !col->not_null)
        return NULL;
    Arena *a = ck->arena;
    return arena_printf(a, "set not null on column %s fails once a null "
                        "was written", col_disp(a, col));
}

static const char *con_kind_name(ConKind k)
{
    return k == CON_PRIMARY ? "primary key"
           : k == CON_UNIQUE ? "unique constraint"
           : k == CON_CHECK  ? "check"
                             : "foreign key";
}

static const char *risk_drop_constraint(Checker *ck, const Stmt *s)
{
    CatTable *t = stmt_table(ck, s);
    CatConstraint *k = cat_constraint(t, s->cname.s);
    if (!k)
        return NULL;
    return arena_printf(ck->arena, "adding %s %s back fails on rows written "
                        "meanwhile that break it", con_kind_name(k->kind),
                        k->name);
}

static const char *risk_drop_index(Checker *ck, const Stmt *s)
{
    CatIndex *ix = cat_index(ck->cat, s->object.schema.s, s->object.name.s);
    if (!ix || !ix->unique)
        return NULL;
    return arena_printf(ck->arena, "creating unique index %s back fails on "
                        "duplicates written meanwhile", ix->name);
}

/* One value for every row (a constant fill, else the default the column
 * comes back with) cannot satisfy a unique constraint or index on the
 * column alone once there are two rows. */
static const char *risk_drop_column(Checker *ck, const Stmt *s)
{
    CatTable *t = stmt_table(ck, s);
    CatColumn *col = cat_column(t, s->column.s);
    if (!col || col->type.kind == TY_SERIAL || col->type.kind == TY_BIGSERIAL)
        return NULL;
    const Expr *one = s->fill ? s->fill : col->def;
    if (!one || one->kind == EX_RAW || one->kind == EX_CALL ||
        one->kind == EX_NULL)
        return NULL;
    bool uniq = false;
    for (CatConstraint *k = t->cons; k; k = k->next)
        if ((k->kind == CON_UNIQUE || k->kind == CON_PRIMARY) &&
            k->ncols == 1 && k->cols[0] == col)
            uniq = true;
    for (CatIndex *ix = t->idx; ix; ix = ix->next)
        if (ix->unique && ix->plain && ix->ncols == 1 && ix->cols[0] == col &&
            !ix->where)
            uniq = true;
    if (!uniq)
        return NULL;
    Arena *a = ck->arena;
    return arena_printf(a, "column %s is unique: one %s for every row "
                        "fails on a table with two rows or more",
                        col_disp(a, col), s->fill ? "fill value" : "default");
}

/* The label comes out of the type again: rows that hold it stop it. */
static const char *risk_add_value(Checker *ck, const Stmt *s)
{
    return arena_printf(ck->arena, "removing label '%s' from type %s "
                        "fails once a row holds it", s->value.s,
                        s->object.name.s);
}

typedef const char *(*RiskFn)(Checker *ck, const Stmt *s);

static const RiskFn risk_of[ST_KIND_COUNT] = {
    [ST_ALTER_TYPE] = risk_alter_type,
    [ST_DROP_NOT_NULL] = risk_drop_not_null,
    [ST_DROP_CONSTRAINT] = risk_drop_constraint,
    [ST_DROP_INDEX] = risk_drop_index,
    [ST_DROP_COLUMN] = risk_drop_column,
    [ST_ADD_VALUE] = risk_add_value,
};

const char *down_risk(Checker *ck, const Stmt *s)
{
    return (unsigned)s->kind < ST_KIND_COUNT && risk_of[s->kind]
               ? risk_of[s->kind](ck, s)
               : NULL;
}
