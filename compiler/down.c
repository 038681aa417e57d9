/*
 * down.c — deriving the down migration of one statement from the catalog
 * as it stands just before the statement (language.md, "Down migrations").
 *
 * The statements built here carry no location (Loc zero): they are checked
 * like any other statement, in the catalog state they run in, and they are
 * fully named, so the checker only has to confirm them.
 */
#include "check.h"

#include <string.h>

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
    return k == TY_SERIAL ? TY_INTEGER : k == TY_BIGSERIAL ? TY_BIGINT : k;
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
    return t->schema ? arena_printf(a, "%s.%s.%s", t->schema, t->name, col->name)
                     : arena_printf(a, "%s.%s", t->name, col->name);
}

static const char *table_disp(Arena *a, const CatTable *t)
{
    return t->schema ? arena_printf(a, "%s.%s", t->schema, t->name) : t->name;
}

static CatTable *stmt_table(Checker *ck, const Stmt *s)
{
    return cat_table(ck->cat, s->table.schema.s, s->table.name.s);
}

static CatColumn *stmt_column(Checker *ck, const Stmt *s)
{
    return cat_column(stmt_table(ck, s), s->column.s);
}

/* DROP COLUMN: put back the column, then the constraints and indexes that
 * went with it (Stmt.implied), in the reverse of the order they were
 * dropped. */
static Stmt *undo_drop_column(Checker *ck, const Stmt *s)
{
    Arena *a = ck->arena;
    CatTable *t = stmt_table(ck, s);
    CatColumn *col = cat_column(t, s->column.s);
    if (!col)
        return NULL;
    Stmt *add = new_stmt(a, ST_ADD_COLUMN, t);
    add->column.s = col->name;
    add->columns = cat_column_def(ck->cat, col);
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
    return append(add, append(cons, idx));
}

Stmt *down_derive(Checker *ck, Migration *m, const Stmt *s, MigClass *cls,
                  const char **lost)
{
    (void)m;
    Arena *a = ck->arena;
    *cls = CLASS_REVERSIBLE;
    *lost = NULL;
    switch (s->kind) {
    case ST_CREATE_TABLE: {
        Stmt *d = new_stmt(a, ST_DROP_TABLE, NULL);
        d->table = qn(s->table.schema.s, s->table.name.s);
        return d;
    }
    case ST_DROP_TABLE: {
        CatTable *t = stmt_table(ck, s);
        if (!t)
            return NULL;
        *cls = CLASS_LOSSY;
        *lost = arena_printf(a, "rows of table %s", table_disp(a, t));
        Stmt *d = cat_table_stmt(ck->cat, t, true);
        for (CatIndex *ix = t->idx; ix; ix = ix->next)
            d = append(d, cat_index_stmt(ck->cat, ix));
        return d;
    }
    case ST_RENAME_TABLE: {
        Stmt *d = new_stmt(a, ST_RENAME_TABLE, NULL);
        d->table = qn(s->table.schema.s, s->new_name.s);
        d->new_name.s = s->table.name.s;
        return d;
    }
    case ST_ADD_COLUMN: {
        const ColumnDef *cd = s->columns;
        if (!cd)
            return NULL;
        /* A primary key on the new column must go before the column. */
        Stmt *d = NULL;
        for (const Constraint *k = cd->cons; k; k = k->next)
            if (k->kind == CON_PRIMARY) {
                Stmt *dc = new_stmt(a, ST_DROP_CONSTRAINT, NULL);
                dc->table = qn(s->table.schema.s, s->table.name.s);
                dc->cname.s = k->name.s;
                d = append(d, dc);
            }
        Stmt *dc = new_stmt(a, ST_DROP_COLUMN, NULL);
        dc->table = qn(s->table.schema.s, s->table.name.s);
        dc->column.s = cd->name.s;
        return append(d, dc);
    }
    case ST_DROP_COLUMN: {
        CatColumn *col = stmt_column(ck, s);
        if (!col)
            return NULL;
        *cls = CLASS_LOSSY;
        *lost = arena_printf(a, "values of column %s", col_disp(a, col));
        return undo_drop_column(ck, s);
    }
    case ST_RENAME_COLUMN: {
        Stmt *d = new_stmt(a, ST_RENAME_COLUMN, NULL);
        d->table = qn(s->table.schema.s, s->table.name.s);
        d->column.s = s->new_name.s;
        d->new_name.s = s->column.s;
        return d;
    }
    case ST_ALTER_TYPE: {
        CatColumn *col = stmt_column(ck, s);
        if (!col)
            return NULL;
        if (s->using_raw || !fits(&col->type, &s->type)) {
            StrBuf b;
            sb_init(&b);
            ast_type_format(&b, &s->type);
            *cls = CLASS_LOSSY;
            *lost = arena_printf(a, "values of column %s as they were before "
                                 "the change to %s", col_disp(a, col),
                                 sb_str(&b));
            sb_free(&b);
        }
        Stmt *d = column_stmt(a, ST_ALTER_TYPE, col);
        d->type = col->type;
        d->type.kind = base_kind(col->type.kind);
        if (d->type.kind != col->type.kind)
            d->type.name = d->type.kind == TY_INTEGER ? "integer" : "bigint";
        memset(&d->type.loc, 0, sizeof d->type.loc);
        return d;
    }
    case ST_SET_DEFAULT:
    case ST_DROP_DEFAULT: {
        CatColumn *col = stmt_column(ck, s);
        if (!col)
            return NULL;
        if (col->type.kind == TY_SERIAL || col->type.kind == TY_BIGSERIAL) {
            /* The sequence default of a serial column has no portable
             * spelling to put back. */
            *cls = CLASS_IRREVERSIBLE;
            *lost = arena_printf(a, "the default of serial column %s.%s "
                                    "(its sequence) cannot be put back",
                                 col->table->name, col->name);
            return NULL;
        }
        if (col->def) {
            Stmt *d = column_stmt(a, ST_SET_DEFAULT, col);
            d->def = cat_column_def(ck->cat, col)->def;
            return d;
        }
        if (s->kind == ST_DROP_DEFAULT)
            return NULL; /* there was no default: nothing to undo */
        return column_stmt(a, ST_DROP_DEFAULT, col);
    }
    case ST_SET_NOT_NULL:
    case ST_DROP_NOT_NULL: {
        CatColumn *col = stmt_column(ck, s);
        bool want = s->kind == ST_SET_NOT_NULL;
        if (!col || col->not_null == want)
            return NULL; /* changed nothing */
        /* drop not null's down, set not null, fails on rows that got a
         * null meanwhile; it still restores the schema exactly. */
        return column_stmt(a, want ? ST_DROP_NOT_NULL : ST_SET_NOT_NULL, col);
    }
    case ST_CREATE_INDEX: {
        const IndexDef *ix = s->index;
        CatTable *t = ix ? cat_table(ck->cat, ix->table.schema.s,
                                     ix->table.name.s)
                         : NULL;
        if (!t)
            return NULL;
        Stmt *d = new_stmt(a, ST_DROP_INDEX, NULL);
        d->object = qn(t->schema, ix->name.name.s);
        d->concurrently = ix->concurrently;
        return d;
    }
    case ST_DROP_INDEX: {
        CatIndex *ix = cat_index(ck->cat, s->object.schema.s,
                                 s->object.name.s);
        if (!ix)
            return NULL;
        Stmt *d = cat_index_stmt(ck->cat, ix);
        d->index->concurrently = s->concurrently;
        return d;
    }
    case ST_ADD_CONSTRAINT: {
        CatTable *t = stmt_table(ck, s);
        const Constraint *k = s->constraints;
        if (!t || !k)
            return NULL;
        Stmt *d = new_stmt(a, ST_DROP_CONSTRAINT, t);
        d->cname.s = k->name.s;
        /* Adding a primary key made its columns NOT NULL, and dropping it
         * does not undo that (as in PostgreSQL): do it explicitly. */
        if (k->kind == CON_PRIMARY)
            for (const NameList *l = k->cols; l; l = l->next) {
                CatColumn *col = cat_column(t, l->name.s);
                if (col && !col->not_null)
                    d = append(d, column_stmt(a, ST_DROP_NOT_NULL, col));
            }
        return d;
    }
    case ST_DROP_CONSTRAINT: {
        CatConstraint *k = cat_constraint(stmt_table(ck, s), s->cname.s);
        return k ? cat_constraint_stmt(ck->cat, k) : NULL;
    }
    case ST_CREATE_SCHEMA:
    case ST_DROP_SCHEMA: {
        Stmt *d = new_stmt(a, s->kind == ST_CREATE_SCHEMA ? ST_DROP_SCHEMA
                                                          : ST_CREATE_SCHEMA,
                           NULL);
        d->cname.s = s->cname.s;
        return d;
    }
    case ST_SQL: {
        if (!s->sql_down) {
            *cls = CLASS_IRREVERSIBLE;
            *lost = "sql without down";
            return NULL;
        }
        Stmt *d = new_stmt(a, ST_SQL, NULL);
        d->sql_up = s->sql_down;
        d->sql_down = s->sql_up;
        return d;
    }
    case ST_IRREVERSIBLE:
        *cls = CLASS_IRREVERSIBLE;
        return NULL;
    }
    return NULL;
}
