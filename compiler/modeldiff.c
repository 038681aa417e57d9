/*
 * modeldiff.c — the statements that turn one schema model into another
 * (model.h).
 *
 * Objects are matched by name: tables by schema and name, columns,
 * constraints and indexes by name within their table.  A constraint or an
 * index whose definition differs is dropped and made again; one found
 * under another name with the same definition is renamed; a table or a
 * column found on one side only is created or dropped (a rename cannot be
 * told from a drop and a create).  The order is one the checker accepts:
 * what depends on an object goes before it is dropped and after it is
 * made (foreign keys last in, first out).
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "compile.h"
#include "emit.h"
#include "exprnorm.h"
#include "model.h"
#include "objkind.h"
#include "sqlscan.h"
#include "types.h"

/* What a dialect stores alike (DiffSides.stored): differences of the
 * models that a database of that dialect cannot show. */
typedef struct Stored {
    bool declared_type;     /* types compare by the type name the dialect
                               declares (SQLite: serial is integer, an enum
                               TEXT) */
    bool serial_not_null;   /* a serial column is not null */
    bool bool_numbers;      /* true and false are 1 and 0 */
    bool enum_text;         /* an enum is no type but a TEXT column with
                               a check of its labels */
    bool no_extensions;     /* create extension does nothing there */
    bool deparsed;          /* expressions compare in one form
                               (exprnorm.h): read back, they are the
                               database's own text */
    bool pk_unnamed;        /* a primary key has no name of its own
                               (MySQL: every one is PRIMARY) */
    bool restrict_no_action;/* on delete/update restrict is no action
                               (InnoDB reports RESTRICT for both) */
    bool unique_index_key;  /* a plain unique index is a unique
                               constraint of the same name (MySQL keeps
                               one kind of unique key) */
    SqlDialect body;        /* the routine bodies it keeps: a function's
                               text for this dialect (SQLD_ANY: as is) */
    bool inline_triggers;   /* no routines: a trigger keeps its
                               function's body (SQLite, MySQL), compared
                               instead of the function's name */
    bool emitted_type;      /* types compare by the column type the
                               emitter writes (MySQL: timestamp and
                               timestamptz are DATETIME(6), uuid
                               CHAR(36), an enum ENUM(its labels)) */
    bool enum_inline;       /* an enum is no type of its own but its
                               labels in each column (MySQL's ENUM) */
    bool identity_serial;   /* an identity column is its serial (MySQL:
                               both are AUTO_INCREMENT) */
    bool number_scale;      /* a number in a default has no scale of its
                               own: 1.0 is 1 (MySQL keeps the value) */
    bool no_partial;        /* an index has no predicate (MySQL: a
                               partial index covers every row) */
    bool hash_btree;        /* a hash index is a btree (InnoDB builds a
                               B-tree for USING HASH) */
    bool view_own_text;     /* a view's query is kept only as the server
                               rewrote it (MySQL), which no migration's
                               text equals: views compare by name */
} Stored;

static const Stored stored_as[DIALECT_COUNT] = {
    [DIALECT_POSTGRES] = { .serial_not_null = true, .deparsed = true,
                           .body = SQLD_POSTGRES },
    [DIALECT_SQLITE] = { .declared_type = true, .bool_numbers = true,
                         .enum_text = true, .no_extensions = true,
                         .deparsed = true, .body = SQLD_SQLITE,
                         .inline_triggers = true },
    [DIALECT_MYSQL] = { .no_extensions = true, .deparsed = true,
                        .pk_unnamed = true, .restrict_no_action = true,
                        .unique_index_key = true, .body = SQLD_MYSQL,
                        .inline_triggers = true, .emitted_type = true,
                        .enum_inline = true, .identity_serial = true,
                        .number_scale = true, .no_partial = true,
                        .hash_btree = true, .view_own_text = true },
};

static const Stored as_is;

typedef struct Diff {
    Arena *a;
    Catalog *from, *to;
    const DiffSides *sides;
    const Stored *st;
    DialectId dialect;          /* the stored one's (when st is not as_is) */
    DiffStep *head, *tail;
    const void **renamed;       /* objects of `to` reached by a rename */
    int nrenamed, caprenamed;
} Diff;

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void step(Diff *d, Stmt *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void step(Diff *d, Stmt *s, const char *fmt, ...)
{
    DiffStep *st = ARENA_NEW(d->a, DiffStep);
    st->stmt = s;
    StrBuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    st->why = sb_arena_copy(&b, d->a);
    sb_free(&b);
    if (d->tail)
        d->tail->next = st;
    else
        d->head = st;
    d->tail = st;
}

static const char *disp(Diff *d, const CatTable *t)
{
    return cat_display(d->a, t->schema, t->name);
}

static QName qname(const char *schema, const char *name)
{
    QName q;
    memset(&q, 0, sizeof q);
    q.schema.s = schema;
    q.name.s = name;
    return q;
}

static Stmt *new_stmt(Diff *d, StmtKind k, const CatTable *t)
{
    Stmt *s = ARENA_NEW(d->a, Stmt);
    s->kind = k;
    if (t)
        s->table = qname(t->schema, t->name);
    return s;
}

/* ---- equality of parts ---- */

static bool col_names_equal(CatColumn *const *a, CatColumn *const *b, int n)
{
    for (int i = 0; i < n; i++)
        if (!a[i] || !b[i] || strcmp(a[i]->name, b[i]->name) != 0)
            return false;
    return true;
}

/* Whether a check was written on a column or on the table does not
 * matter to a database: only its text. */
static bool texts_same(const Diff *d, const char *a, const char *b)
{
    return sqlscan_equal(a, b) || (d->st->deparsed && expr_norm_equal(a, b));
}

/* A foreign key action as the dialect stores it. */
static FkAction stored_action(const Diff *d, FkAction a)
{
    if (a == FK_NONE)
        return FK_NO_ACTION;
    if (d->st->restrict_no_action && a == FK_RESTRICT)
        return FK_NO_ACTION;
    return a;
}

static bool con_same(const Diff *d, const CatConstraint *k,
                     const CatConstraint *l)
{
    if (k->kind != l->kind || !texts_same(d, k->check, l->check))
        return false;
    if (k->kind == CON_CHECK)
        return true;
    if (k->ncols != l->ncols || !col_names_equal(k->cols, l->cols, k->ncols))
        return false;
    if (k->kind != CON_FOREIGN)
        return true;
    return k->ref_table && l->ref_table &&
           str_eq(k->ref_table->schema, l->ref_table->schema) &&
           str_eq(k->ref_table->name, l->ref_table->name) &&
           col_names_equal(k->ref_cols, l->ref_cols, k->ncols) &&
           stored_action(d, k->on_delete) == stored_action(d, l->on_delete) &&
           stored_action(d, k->on_update) == stored_action(d, l->on_update);
}

/* The method, btree when none is written (the catalog names it), or
 * where the dialect builds a B-tree for a hash index. */
static const char *method_of(const Diff *d, const CatIndex *x)
{
    if (!x->method || (d->st->hash_btree && strcmp(x->method, "hash") == 0))
        return "btree";
    return x->method;
}

/* A key's order and nulls as the database keeps them: ascending unless
 * desc, nulls last when ascending and first when descending unless
 * written. */
static bool key_desc(const CatIndexKey *k)
{
    return k->order == KEY_DESC;
}

static bool key_nulls_first(const CatIndexKey *k)
{
    return k->nulls == KEY_NULLS_DEFAULT ? key_desc(k)
                                         : k->nulls == KEY_NULLS_FIRST;
}

/* An index's keys and include columns: an expression key compares as a
 * check does (PostgreSQL's deparsed `lower((email)::text)` is
 * `lower(email)`). */
static bool keys_same(const Diff *d, const CatIndex *x, const CatIndex *y)
{
    if (x->nkeys != y->nkeys || x->nincl != y->nincl ||
        strcmp(method_of(d, x), method_of(d, y)) != 0 ||
        !col_names_equal(x->incl, y->incl, x->nincl))
        return false;
    for (int i = 0; i < x->nkeys; i++) {
        const CatIndexKey *a = &x->keys[i], *b = &y->keys[i];
        if (!a->col != !b->col ||
            (a->col && strcmp(a->col->name, b->col->name) != 0) ||
            (!a->col && !texts_same(d, a->expr, b->expr)) ||
            !str_eq(a->opclass, b->opclass) || key_desc(a) != key_desc(b) ||
            key_nulls_first(a) != key_nulls_first(b))
            return false;
    }
    return true;
}

static bool idx_same(const Diff *d, const CatIndex *x, const CatIndex *y)
{
    if (x->unique != y->unique ||
        (!d->st->no_partial && !texts_same(d, x->where, y->where)))
        return false;
    if (x->plain && y->plain)
        return x->ncols == y->ncols &&
               col_names_equal(x->cols, y->cols, x->ncols) &&
               cat_index_keys_equal(x, y);
    return keys_same(d, x, y);
}

/* The table of the other side with the same name, or NULL. */
static CatTable *other_table(const Catalog *c, const CatTable *t)
{
    return cat_table(c, t->schema, t->name);
}

/* The constraint of the same name in the other side's table, when it is
 * the same constraint. */
/* A plain unique index and a unique constraint of the same name and
 * columns, where the dialect keeps one kind of unique key. */
static bool unique_key_same(const Diff *d, const CatIndex *ix,
                            const CatConstraint *k)
{
    return d->st->unique_index_key && ix && k && ix->unique && ix->plain &&
           !ix->where && k->kind == CON_UNIQUE && ix->ncols == k->ncols &&
           col_names_equal(ix->cols, k->cols, k->ncols);
}

static bool con_kept(Diff *d, const CatConstraint *k, const Catalog *other)
{
    CatTable *u = other_table(other, k->table);
    if (!u)
        return false;
    CatConstraint *l = cat_constraint(u, k->name);
    if (d->st->pk_unnamed && k->kind == CON_PRIMARY)
        l = cat_primary_key(u);
    if (l && con_same(d, k, l))
        return true;
    CatIndex *iy = cat_index(other, u->schema, k->name);
    return iy && iy->table == u && unique_key_same(d, iy, k);
}

static bool idx_kept(const Diff *d, const CatIndex *ix, const Catalog *other)
{
    CatTable *u = other_table(other, ix->table);
    if (!u)
        return false;
    CatIndex *iy = cat_index(other, u->schema, ix->name);
    if (iy && iy->table == u && idx_same(d, ix, iy))
        return true;
    return unique_key_same(d, ix, cat_constraint(u, ix->name));
}

/* ---- the value a derived down puts back into a not null column ---- */

static Expr *fill_for(Diff *d, const TypeRef *t)
{
    Expr *e = ARENA_NEW(d->a, Expr);
    e->kind = EX_STRING;
    switch (t->kind) {
    case TY_SMALLINT: case TY_INTEGER: case TY_BIGINT: case TY_SERIAL:
    case TY_BIGSERIAL: case TY_REAL: case TY_DOUBLE: case TY_NUMERIC:
        e->kind = EX_NUMBER;
        e->text = "0";
        return e;
    case TY_BOOLEAN:
        e->kind = EX_FALSE;
        return e;
    case TY_TEXT: case TY_VARCHAR: case TY_CHAR: case TY_BYTEA:
        e->text = "";
        return e;
    case TY_DATE:
        e->text = "2000-01-01";
        return e;
    case TY_TIME:
        e->text = "00:00:00";
        return e;
    case TY_TIMESTAMP: case TY_TIMESTAMPTZ:
        e->text = "2000-01-01 00:00:00";
        return e;
    case TY_INTERVAL:
        e->text = "0";
        return e;
    case TY_UUID:
        e->text = "00000000-0000-0000-0000-000000000000";
        return e;
    case TY_JSON: case TY_JSONB:
        e->text = "{}";
        return e;
    case TY_CUSTOM:
        break;
    }
    return NULL;
}

static bool is_serial(const TypeRef *t)
{
    return t->kind == TY_SERIAL || t->kind == TY_BIGSERIAL;
}

/* The integer type under a serial one. */
static TypeRef plain_of(const TypeRef *t)
{
    TypeRef r = *t;
    if (t->kind == TY_SERIAL) {
        r.kind = TY_INTEGER;
        r.name = "integer";
    } else if (t->kind == TY_BIGSERIAL) {
        r.kind = TY_BIGINT;
        r.name = "bigint";
    }
    return r;
}

/* ---- what a dialect stores alike (Stored) ---- */

/* The type name the dialect declares for t: SQLite's (emit_sqlite.c's
 * sq_type: an enum is TEXT, a serial its integer) or MySQL's
 * (emit_mysql.c's my_type: an enum is ENUM(its labels), a serial its
 * int, timestamp and timestamptz DATETIME(6)). */
static void declared_type(StrBuf *b, const Diff *d, const Catalog *c,
                          const TypeRef *t)
{
    bool my = d->dialect == DIALECT_MYSQL;
    const CatEnum *en = cat_enum_of_type(c, t);
    if (en && !my) {
        sb_puts(b, "text");
        return;
    }
    if (en) {
        sb_puts(b, "enum(");
        for (int i = 0; i < en->nvals; i++) {
            sb_puts(b, i ? ",'" : "'");
            for (const char *p = en->vals[i]; *p; p++) {
                if (*p == '\'')
                    sb_putc(b, '\'');
                sb_putc(b, *p);
            }
            sb_putc(b, '\'');
        }
        sb_putc(b, ')');
        return;
    }
    if (t->kind == TY_CUSTOM) {
        ast_type_format(b, t);
        return;
    }
    const TypeInfo *ti = type_info(t->kind);
    if (my && t->nargs > 0 && ti->mysql_args) {
        sb_puts(b, ti->mysql_args);
        if (t->kind == TY_NUMERIC && t->nargs == 1)
            sb_printf(b, "(%ld,0)", t->arg[0]); /* decimal(p) is (p,0) */
        else
            ast_type_args(b, t);
    } else {
        sb_puts(b, my ? ti->mysql : ti->sqlite);
        if (!my && ti->sqlite_args)
            ast_type_args(b, t);
    }
}

/* Whether column c's type (of `from`) and e's (of `to`) are stored alike. */
static bool types_same(const Diff *d, const TypeRef *c, const TypeRef *e)
{
    if (cat_type_equal(c, e))
        return true;
    if (!d->st->declared_type && !d->st->emitted_type)
        return false;
    StrBuf x, y;
    sb_init(&x);
    sb_init(&y);
    declared_type(&x, d, d->from, c);
    declared_type(&y, d, d->to, e);
    bool eq = strcasecmp(sb_str(&x), sb_str(&y)) == 0;
    sb_free(&x);
    sb_free(&y);
    return eq;
}

/* Column c's type as the dialect stores it: where an identity column is
 * its serial, an identity integer or bigint is serial or bigserial. */
static TypeRef stored_type(const Diff *d, const CatColumn *c)
{
    TypeRef t = c->type;
    if (!d->st->identity_serial || !c->identity)
        return t;
    if (t.kind == TY_INTEGER) {
        t.kind = TY_SERIAL;
        t.name = "serial";
    } else if (t.kind == TY_BIGINT) {
        t.kind = TY_BIGSERIAL;
        t.name = "bigserial";
    }
    return t;
}

/* "1" for true, "0" for false, a number as written, else NULL. */
static const char *bool_number(const Expr *x)
{
    if (!x)
        return NULL;
    return x->kind == EX_TRUE ? "1" : x->kind == EX_FALSE ? "0"
           : x->kind == EX_NUMBER ? x->text : NULL;
}

/* s (an expression in exprnorm's form) with each number outside string
 * literals written without trailing zeros after its point (1.50 is 1.5,
 * 1.0 is 1). */
static void put_unscaled(StrBuf *out, const char *s)
{
    for (const char *p = s; *p;) {
        if (*p == '\'') {
            const char *e = p + 1;
            while (*e && !(*e == '\'' && e[1] != '\''))
                e += *e == '\'' ? 2 : 1;
            e += *e != '\0';
            sb_putn(out, p, (size_t)(e - p));
            p = e;
            continue;
        }
        bool start = p == s || !(isalnum((unsigned char)p[-1]) ||
                                 p[-1] == '_' || p[-1] == '.');
        if (!start || !isdigit((unsigned char)*p)) {
            sb_putc(out, *p++);
            continue;
        }
        const char *e = p;
        while (isdigit((unsigned char)*e))
            e++;
        const char *dot = *e == '.' ? e : NULL;
        if (dot)
            for (e++; isdigit((unsigned char)*e); e++)
                ;
        const char *end = e;
        if (dot && !(isalnum((unsigned char)*e) || *e == '_' || *e == '.')) {
            while (end > dot + 1 && end[-1] == '0')
                end--;
            if (end == dot + 1)
                end = dot;
        }
        sb_putn(out, p, (size_t)(end - p));
        p = e;
    }
}

/* Whether a and b have the same form, numbers compared without their
 * scale. */
static bool norm_unscaled_equal(const char *a, const char *b)
{
    StrBuf x, y, u, v;
    sb_init(&x);
    sb_init(&y);
    sb_init(&u);
    sb_init(&v);
    expr_norm(&x, a);
    expr_norm(&y, b);
    put_unscaled(&u, sb_str(&x));
    put_unscaled(&v, sb_str(&y));
    bool eq = strcmp(sb_str(&u), sb_str(&v)) == 0;
    sb_free(&x);
    sb_free(&y);
    sb_free(&u);
    sb_free(&v);
    return eq;
}

static bool defaults_same(const Diff *d, const Expr *a, const Expr *b)
{
    if (cat_expr_equal(a, b))
        return true;
    const char *x = bool_number(a), *y = bool_number(b);
    if (d->st->bool_numbers && x && y && strcmp(x, y) == 0)
        return true;
    if (!d->st->deparsed || !a || !b)
        return false;
    /* Each as the language writes it, in the same statement. */
    Stmt st;
    memset(&st, 0, sizeof st);
    st.kind = ST_SET_DEFAULT;
    st.table.name.s = "t";
    st.column.s = "c";
    StrBuf p, q;
    sb_init(&p);
    sb_init(&q);
    st.def = (Expr *)a;
    model_stmt_text(&p, &st);
    st.def = (Expr *)b;
    model_stmt_text(&q, &st);
    bool eq = d->st->number_scale
                  ? norm_unscaled_equal(sb_str(&p), sb_str(&q))
                  : expr_norm_equal(sb_str(&p), sb_str(&q));
    sb_free(&p);
    sb_free(&q);
    return eq;
}

static bool stored_not_null(const Diff *d, const CatColumn *c)
{
    return c->not_null || (d->st->serial_not_null && is_serial(&c->type));
}

/* Check k (of one side) is the check of the labels that stands for an
 * enum column of table u (of the other side, catalog c), where the
 * dialect stores an enum so: `"col" IN ('a', 'b')`. */
static bool enum_check(const Diff *d, const CatConstraint *k,
                       const Catalog *c, const CatTable *u)
{
    if (!d->st->enum_text || !u || k->kind != CON_CHECK || !k->check)
        return false;
    bool found = false;
    for (CatColumn *col = u->cols; col && !found; col = col->next) {
        const CatEnum *en = cat_enum_of_type(c, &col->type);
        if (!en)
            continue;
        StrBuf b;
        sb_init(&b);
        sqlscan_put_ident(&b, col->name);
        sb_puts(&b, " IN (");
        for (int i = 0; i < en->nvals; i++) {
            sb_puts(&b, i ? ", '" : "'");
            for (const char *p = en->vals[i]; *p; p++) {
                if (*p == '\'')
                    sb_putc(&b, '\'');
                sb_putc(&b, *p);
            }
            sb_putc(&b, '\'');
        }
        sb_putc(&b, ')');
        found = sqlscan_equal(k->check, sb_str(&b));
        sb_free(&b);
    }
    return found;
}

/* ---- renames: the same definition under another name ---- */

static bool was_renamed(const Diff *d, const void *p)
{
    for (int i = 0; i < d->nrenamed; i++)
        if (d->renamed[i] == p)
            return true;
    return false;
}

static void mark_renamed(Diff *d, const void *p)
{
    if (d->nrenamed == d->caprenamed) {
        int cap = d->caprenamed ? d->caprenamed * 2 : 16;
        const void **v = ARENA_ARRAY(d->a, const void *, cap);
        for (int i = 0; i < d->nrenamed; i++)
            v[i] = d->renamed[i];
        d->renamed = v;
        d->caprenamed = cap;
    }
    d->renamed[d->nrenamed++] = p;
}

/* The constraint of `u` (in `to`) that is `k` (of `from`) renamed: the
 * same definition, under a name k's table lacks, while u lacks k's. */
static CatConstraint *renamed_con(Diff *d, const CatConstraint *k,
                                  const CatTable *u)
{
    if (cat_constraint(u, k->name))
        return NULL;
    for (CatConstraint *l = u->cons; l; l = l->next)
        if (!cat_constraint(k->table, l->name) && con_same(d, k, l) &&
            !was_renamed(d, l))
            return l;
    return NULL;
}

static CatIndex *renamed_idx(Diff *d, const CatIndex *ix, const CatTable *u)
{
    if (cat_index(d->to, u->schema, ix->name))
        return NULL;
    for (CatIndex *iy = u->idx; iy; iy = iy->next)
        if (!cat_index(d->from, u->schema, iy->name) && idx_same(d, ix, iy) &&
            !was_renamed(d, iy))
            return iy;
    return NULL;
}

/* Rename k to its name in `to` when it was renamed; true if so. */
static bool rename_constraint(Diff *d, const CatConstraint *k,
                              const CatTable *u)
{
    CatConstraint *l = renamed_con(d, k, u);
    if (!l)
        return false;
    mark_renamed(d, l);
    Stmt *s = new_stmt(d, ST_RENAME_CONSTRAINT, k->table);
    s->cname.s = k->name;
    s->new_name.s = l->name;
    step(d, s, "constraint %s of table %s is named %s in %s", k->name,
         disp(d, k->table), l->name, d->sides->to);
    return true;
}

/* ---- the steps ---- */

static void drop_constraint(Diff *d, const CatConstraint *k, const char *why)
{
    Stmt *s = new_stmt(d, ST_DROP_CONSTRAINT, k->table);
    s->cname.s = k->name;
    step(d, s, "constraint %s of table %s %s", k->name, disp(d, k->table), why);
}

static void add_constraint(Diff *d, const CatConstraint *k, const char *why)
{
    step(d, cat_constraint_stmt(d->to, k), "constraint %s of table %s %s",
         k->name, disp(d, k->table), why);
}

static const char *only_in(Diff *d, bool in_to)
{
    return arena_printf(d->a, "is in %s, not in %s",
                        in_to ? d->sides->to : d->sides->from,
                        in_to ? d->sides->from : d->sides->to);
}

static const char *differs(Diff *d)
{
    return arena_printf(d->a, "differs: as %s has it", d->sides->to);
}

/* Foreign keys of `from` that go: changed, gone with their table, or
 * pointing at a table that goes. */
static void drop_foreign_keys(Diff *d)
{
    for (CatTable *t = d->from->tables; t; t = t->next) {
        CatTable *u = other_table(d->to, t);
        for (CatConstraint *k = t->cons; k; k = k->next) {
            if (k->kind != CON_FOREIGN)
                continue;
            if (u) {
                if (!con_kept(d, k, d->to) && !rename_constraint(d, k, u))
                    drop_constraint(d, k, cat_constraint(u, k->name)
                                              ? differs(d)
                                              : only_in(d, false));
            } else if (k->ref_table != t && !other_table(d->to, k->ref_table)) {
                drop_constraint(d, k, "references a table that goes");
            }
        }
    }
}

static void drop_keys_and_indexes(Diff *d)
{
    for (CatTable *t = d->from->tables; t; t = t->next) {
        CatTable *u = other_table(d->to, t);
        if (!u)
            continue;
        for (CatConstraint *k = t->cons; k; k = k->next)
            if (k->kind != CON_FOREIGN && !con_kept(d, k, d->to) &&
                !enum_check(d, k, d->to, u) && !rename_constraint(d, k, u))
                drop_constraint(d, k, cat_constraint(u, k->name)
                                          ? differs(d) : only_in(d, false));
        for (CatIndex *ix = t->idx; ix; ix = ix->next) {
            if (idx_kept(d, ix, d->to))
                continue;
            CatIndex *iy = renamed_idx(d, ix, u);
            if (iy) {
                mark_renamed(d, iy);
                Stmt *s = new_stmt(d, ST_RENAME_INDEX, NULL);
                s->object = qname(t->schema, ix->name);
                s->new_name.s = iy->name;
                step(d, s, "index %s of table %s is named %s in %s",
                     ix->name, disp(d, t), iy->name, d->sides->to);
                continue;
            }
            Stmt *s = new_stmt(d, ST_DROP_INDEX, NULL);
            s->object = qname(t->schema, ix->name);
            step(d, s, "index %s of table %s %s", ix->name, disp(d, t),
                 cat_index(d->to, t->schema, ix->name) ? differs(d)
                                                       : only_in(d, false));
        }
    }
}

static void drop_tables(Diff *d)
{
    for (CatTable *t = d->from->tables; t; t = t->next)
        if (!other_table(d->to, t))
            step(d, new_stmt(d, ST_DROP_TABLE, t), "table %s %s", disp(d, t),
                 only_in(d, false));
}

/* A check written on a column that `t` (the other side) lacks: it comes
 * with the column when the column is added. */
static bool check_of_new_column(const CatConstraint *k, const CatTable *t)
{
    return k->kind == CON_CHECK && k->ncols == 1 &&
           !cat_column(t, k->cols[0]->name);
}

static void column_changes(Diff *d, CatTable *t, CatTable *u)
{
    const char *td = disp(d, t);
    /* Generated columns go first: they may use the others. */
    for (int pass = 0; pass < 2; pass++)
    for (CatColumn *c = t->cols; c; c = c->next) {
        if (cat_column(u, c->name) || (c->generated != NULL) != (pass == 0))
            continue;
        Stmt *s = new_stmt(d, ST_DROP_COLUMN, t);
        s->column.s = c->name;
        bool fills_itself = c->def || c->type.kind == TY_SERIAL ||
                            c->type.kind == TY_BIGSERIAL || c->generated ||
                            c->identity;
        if (c->not_null && !fills_itself)
            s->fill = fill_for(d, &c->type);
        step(d, s, "column %s.%s %s%s", td, c->name, only_in(d, false),
             s->fill ? " (fill: what its down puts back in rows)" : "");
    }
    for (CatColumn *c = t->cols; c; c = c->next) {
        CatColumn *e = cat_column(u, c->name);
        if (!e)
            continue;
        /* No statement makes a column generated or identity, or changes
         * how: the column is dropped and added again by hand. */
        /* (SQLite's identity column is its rowid: an integer key.) */
        if (!texts_same(d, c->generated, e->generated) ||
            (c->identity != e->identity && !d->st->declared_type &&
             !d->st->identity_serial)) {
            step(d, NULL, "column %s.%s is generated or identity otherwise "
                 "in %s: drop it and add it again", td, c->name,
                 d->sides->to);
            continue;
        }
        /* A serial column is an integer with its sequence as default:
         * dropping the default makes it a plain integer, and altering it
         * to an integer type keeps it serial (catalog.c).  A plain
         * column cannot become serial in the language.  Where the
         * dialect declares a serial as its integer, the two are one. */
        bool plain = d->st->declared_type;
        TypeRef ct = stored_type(d, c), et = stored_type(d, e);
        bool a_ser = is_serial(&ct) && !plain;
        bool b_ser = is_serial(&et) && !plain;
        TypeRef cur = plain ? plain_of(&ct) : ct;
        TypeRef want = plain || b_ser ? plain_of(&e->type) : e->type;
        const Expr *cur_def = c->def;
        if (a_ser && !b_ser) {
            Stmt *s = new_stmt(d, ST_DROP_DEFAULT, t);
            s->column.s = c->name;
            step(d, s, "column %s.%s is %s in %s (the down of dropping "
                 "its sequence cannot be derived)", td, c->name,
                 c->type.name, d->sides->from);
            cur = plain_of(&ct);
            cur_def = NULL;
        }
        if (!a_ser && b_ser) {
            step(d, NULL, "column %s.%s is %s in %s: a column cannot become "
                 "serial; drop it and add it again", td, c->name,
                 e->type.name, d->sides->to);
        } else if (plain ? !types_same(d, &c->type, &e->type) &&
                               !c->identity && !e->identity
                         : !types_same(d, &cur, &et)) {
            Stmt *s = new_stmt(d, ST_ALTER_TYPE, t);
            s->column.s = c->name;
            s->type = want;
            StrBuf was;
            sb_init(&was);
            ast_type_format(&was, &c->type);
            step(d, s, "column %s.%s is %s in %s", td, c->name, sb_str(&was),
                 d->sides->from);
            sb_free(&was);
        }
        if (!defaults_same(d, cur_def, e->def)) {
            Stmt *s = new_stmt(d, e->def ? ST_SET_DEFAULT : ST_DROP_DEFAULT, t);
            s->column.s = c->name;
            s->def = (Expr *)e->def;
            step(d, s, "column %s.%s: the default differs in %s", td,
                 c->name, d->sides->from);
        }
        if (stored_not_null(d, c) != stored_not_null(d, e)) {
            bool nn = stored_not_null(d, e);
            Stmt *s = new_stmt(d, nn ? ST_SET_NOT_NULL : ST_DROP_NOT_NULL, t);
            s->column.s = c->name;
            step(d, s, "column %s.%s is %s in %s", td, c->name,
                 nn ? "nullable" : "not null", d->sides->from);
        }
    }
    for (CatColumn *e = u->cols; e; e = e->next) {
        if (cat_column(t, e->name))
            continue;
        Stmt *s = new_stmt(d, ST_ADD_COLUMN, t);
        s->column.s = e->name;
        s->columns = cat_column_def(d->to, e);
        /* Its checks come with it, written on it. */
        Constraint **kt = &s->columns->cons;
        for (CatConstraint *k = u->cons; k; k = k->next)
            if (check_of_new_column(k, t)) {
                *kt = cat_constraint_stmt(d->to, k)->constraints;
                (*kt)->cols = NULL;
                kt = &(*kt)->next;
            }
        step(d, s, "column %s.%s %s", td, e->name, only_in(d, true));
    }
}

static void create_tables(Diff *d)
{
    for (CatTable *u = d->to->tables; u; u = u->next) {
        if (other_table(d->from, u))
            continue;
        Stmt *rest;
        step(d, model_table_stmt(d->to, u, false, &rest), "table %s %s",
             disp(d, u), only_in(d, true));
        for (; rest; rest = rest->next)
            step(d, rest, "constraint %s of table %s %s", rest->cname.s,
                 disp(d, u), only_in(d, true));
        for (CatIndex *ix = u->idx; ix; ix = ix->next)
            step(d, cat_index_stmt(d->to, ix), "index %s of table %s %s",
                 ix->name, disp(d, u), only_in(d, true));
    }
}

static void add_keys_and_indexes(Diff *d)
{
    for (CatTable *u = d->to->tables; u; u = u->next) {
        CatTable *t = other_table(d->from, u);
        if (!t)
            continue;
        for (CatConstraint *k = u->cons; k; k = k->next)
            if (k->kind != CON_FOREIGN && !con_kept(d, k, d->from) &&
                !check_of_new_column(k, t) && !was_renamed(d, k) &&
                !enum_check(d, k, d->from, t))
                add_constraint(d, k, cat_constraint(t, k->name)
                                         ? differs(d) : only_in(d, true));
        for (CatIndex *ix = u->idx; ix; ix = ix->next)
            if (!idx_kept(d, ix, d->from) && !was_renamed(d, ix))
                step(d, cat_index_stmt(d->to, ix), "index %s of table %s %s",
                     ix->name, disp(d, u),
                     cat_index(d->from, t->schema, ix->name) ? differs(d)
                                                            : only_in(d, true));
    }
}

static void add_foreign_keys(Diff *d)
{
    for (CatTable *u = d->to->tables; u; u = u->next) {
        CatTable *t = other_table(d->from, u);
        for (CatConstraint *k = u->cons; k; k = k->next) {
            if (k->kind != CON_FOREIGN || (t && con_kept(d, k, d->from)) ||
                was_renamed(d, k))
                continue;
            add_constraint(d, k, t && cat_constraint(t, k->name)
                                     ? differs(d) : only_in(d, true));
        }
    }
}

static bool has_label(const CatEnum *e, const char *v)
{
    for (int i = 0; i < e->nvals; i++)
        if (strcmp(e->vals[i], v) == 0)
            return true;
    return false;
}

/* Enums of `to` that `from` lacks, and labels it lacks (added after the
 * label before them in `to`, or before the first).  Labels that only
 * `from` has cannot be dropped in the language: a note says so. */
static void create_enums(Diff *d)
{
    if (d->st->enum_text || d->st->enum_inline)
        return; /* no types: the columns' checks or types are the labels */
    for (CatEnum *e = d->to->enums; e; e = e->next) {
        CatEnum *f = cat_enum(d->from, e->name);
        if (!f) {
            step(d, model_enum_stmt(d->a, e), "type %s %s", e->name,
                 only_in(d, true));
            continue;
        }
        for (int i = 0; i < e->nvals; i++) {
            if (has_label(f, e->vals[i]))
                continue;
            Stmt *s = new_stmt(d, ST_ADD_VALUE, NULL);
            s->object.name.s = e->name;
            s->value.s = e->vals[i];
            if (i > 0) {
                s->anchor.s = e->vals[i - 1];
                s->after = true;
            } else if (e->nvals > 1) {
                s->anchor.s = e->vals[1];
            }
            step(d, s, "type %s: label '%s' %s", e->name, e->vals[i],
                 only_in(d, true));
        }
        for (int i = 0; i < f->nvals; i++)
            if (!has_label(e, f->vals[i]))
                step(d, NULL, "type %s: label '%s' %s: a label cannot be "
                     "dropped; make the type again", e->name, f->vals[i],
                     only_in(d, false));
    }
}

static void drop_enums(Diff *d)
{
    if (d->st->enum_text || d->st->enum_inline)
        return;
    for (CatEnum *f = d->from->enums; f; f = f->next)
        if (!cat_enum(d->to, f->name)) {
            Stmt *s = new_stmt(d, ST_DROP_ENUM, NULL);
            s->object.name.s = f->name;
            step(d, s, "type %s %s", f->name, only_in(d, false));
        }
}

/* ---- views and the other objects beyond tables ---- */

static bool names_same(const NameList *a, const NameList *b)
{
    for (; a && b; a = a->next, b = b->next)
        if (strcmp(a->name.s, b->name.s) != 0)
            return false;
    return !a && !b;
}

/* The keys of two indexes of views, as the catalog keeps them: an
 * expression as a check compares (texts_same), the order and nulls by
 * what they mean. */
static bool obj_keys_same(const Diff *d, const IndexKey *a, const IndexKey *b)
{
    for (; a && b; a = a->next, b = b->next) {
        CatIndexKey x = { .order = a->order, .nulls = a->nulls };
        CatIndexKey y = { .order = b->order, .nulls = b->nulls };
        if (!a->col.s != !b->col.s ||
            (a->col.s && strcmp(a->col.s, b->col.s) != 0) ||
            (!a->col.s && !texts_same(d, a->expr, b->expr)) ||
            !str_eq(a->opclass.s, b->opclass.s) ||
            key_desc(&x) != key_desc(&y) ||
            key_nulls_first(&x) != key_nulls_first(&y))
            return false;
    }
    return !a && !b;
}

/* Whether two indexes of views are the same as the dialect stores them:
 * predicates and expression keys compare as checks do, and btree is the
 * method unsaid. */
static bool obj_index_defs_same(const void *ctx, const IndexDef *x,
                                const IndexDef *y)
{
    const Diff *d = ctx;
    const char *mx = x->method.s ? x->method.s : "btree";
    const char *my = y->method.s ? y->method.s : "btree";
    return x->unique == y->unique && obj_keys_same(d, x->keys, y->keys) &&
           names_same(x->cols, y->cols) &&
           names_same(x->include, y->include) && strcmp(mx, my) == 0 &&
           !x->where == !y->where &&
           (!x->where || texts_same(d, x->where, y->where));
}

/* Whether views o and p have the same indexes (in any order); with the
 * stored forms of the dialect (a live database's side) as above. */
static bool obj_indexes_same(const Diff *d, const CatObject *o,
                             const CatObject *p)
{
    if (!d->st->deparsed)
        return cat_object_indexes_equal(o, p);
    return cat_object_indexes_match(o, p, obj_index_defs_same, d);
}

/* Whether object o stands in `other` as it is: the same text and column
 * list, or, when both sides have the server's form of a view's query
 * (CatObject.server_text: a live database), the same server text (the
 * column names are in it); and the same indexes. */
static bool obj_kept(const Diff *d, const CatObject *o, const Catalog *other)
{
    CatObject *p = cat_object(other, o->kind, o->schema, o->name);
    if (!p)
        return false;
    if (o->kind == OBJ_VIEW && d->st->view_own_text)
        return true;
    bool same = o->server_text && p->server_text
        ? *o->server_text && *p->server_text &&
          sqlscan_same_tokens(o->server_text, p->server_text)
        : sqlscan_same_tokens(o->text, p->text) &&
          names_same(o->cols, p->cols);
    return same && obj_indexes_same(d, o, p);
}

/* Objects of `from` that go or change, newest first (a dependant before
 * what it uses), before anything they use is dropped or changed. */
/* ---- functions, procedures and triggers ---- */

/* PostgreSQL keeps a body exactly as written; SQLite and MySQL keep a
 * trigger's body without the white space and the ';' around it. */
static bool same_body(const Diff *d, const CatRoutine *r,
                      const CatRoutine *q)
{
    const char *x = cat_routine_body(r->def, (int)d->st->body);
    const char *y = cat_routine_body(q->def, (int)d->st->body);
    return d->st->inline_triggers ? sqlscan_same_tokens(x, y) : str_eq(x, y);
}

/* Triggers g (of one side) and h (of the other) of the same table and
 * name: the same form.  The `when` compares as a check does (PostgreSQL
 * keeps it deparsed), the `update of` columns by name.  Where the
 * trigger keeps its body (Stored.inline_triggers), the function's body
 * for the dialect counts, not its name. */
static bool trigger_same(const Diff *d, const CatTrigger *g,
                         const CatTrigger *h)
{
    if (h->def->events != g->def->events ||
        h->def->timing != g->def->timing ||
        h->def->for_each_row != g->def->for_each_row ||
        !texts_same(d, g->def->when, h->def->when) || h->ncols != g->ncols ||
        !col_names_equal(h->cols, g->cols, g->ncols))
        return false;
    if (d->st->inline_triggers)
        return same_body(d, g->fn, h->fn);
    return strcmp(h->fn->sig, g->fn->sig) == 0;
}

static const CatTrigger *other_trigger(const CatTrigger *g,
                                       const Catalog *other)
{
    const CatTable *t = cat_table(other, g->table->schema, g->table->name);
    return t ? cat_trigger(other, t, g->name) : NULL;
}

/* A trigger of one side that `other` has in the same form. */
static bool trigger_kept(const Diff *d, const CatTrigger *g,
                         const Catalog *other)
{
    const CatTrigger *h = other_trigger(g, other);
    return h && trigger_same(d, g, h);
}

/* Triggers that go or change, on tables that stay. */
static void drop_triggers(Diff *d)
{
    for (CatTrigger *g = d->from->triggers; g; g = g->next) {
        if (trigger_kept(d, g, d->to) ||
            !other_table(d->to, g->table))
            continue; /* kept, or goes with its table */
        Stmt *s = new_stmt(d, ST_DROP_TRIGGER, NULL);
        TriggerDef *td = ARENA_NEW(d->a, TriggerDef);
        *td = *g->def;
        td->name.s = g->name;
        td->table = qname(g->table->schema, g->table->name);
        s->trigger = td;
        step(d, s, "trigger %s.%s %s", g->table->name, g->name,
             other_trigger(g, d->to) ? differs(d) : only_in(d, false));
    }
}

/* sig without its types' own arguments: "f(varchar(40))" is "f(varchar)". */
static const char *sig_untyped(Arena *a, const char *sig)
{
    StrBuf b;
    sb_init(&b);
    int depth = 0;
    for (const char *p = sig; *p; p++) {
        if (*p == '(' && ++depth > 1)
            continue;
        if (*p == ')' && depth-- > 1)
            continue;
        if (depth <= 1)
            sb_putc(&b, *p);
    }
    const char *r = sb_arena_copy(&b, a);
    sb_free(&b);
    return r;
}

/* The routine of catalog c that is r: the same signature, or, against a
 * database, the same one up to the arguments of its types (PostgreSQL
 * keeps none for a routine's argument: varchar(40) is varchar). */
static const CatRoutine *routine_match(Diff *d, const Catalog *c,
                                       const CatRoutine *r)
{
    const CatRoutine *q = cat_routine(c, r->sig);
    if (q || !d->sides->stored)
        return q;
    const char *u = sig_untyped(d->a, r->sig);
    for (q = c->routines; q; q = q->next)
        if (strcmp(sig_untyped(d->a, q->sig), u) == 0)
            return q;
    return NULL;
}

/* Type t as "(t)", against a database without its arguments. */
static const char *returns_text(Diff *d, const RoutineDef *r)
{
    StrBuf b;
    sb_init(&b);
    sb_putc(&b, '(');
    ast_type_format(&b, &r->returns);
    sb_putc(&b, ')');
    const char *t = d->sides->stored ? sig_untyped(d->a, sb_str(&b))
                                     : sb_arena_copy(&b, d->a);
    sb_free(&b);
    return t;
}

/* Routines f and r of the same signature: both functions or both
 * procedures, of one language, returning one type.  What differs there
 * takes a drop and a create: create or replace cannot change it. */
static bool same_kind(Diff *d, const CatRoutine *f, const CatRoutine *r)
{
    const RoutineDef *a = f->def->routine, *b = r->def->routine;
    if (a->procedure != b->procedure || a->has_returns != b->has_returns ||
        !a->language.s != !b->language.s ||
        (a->language.s && strcasecmp(a->language.s, b->language.s) != 0))
        return false;
    return !a->has_returns ||
           strcmp(returns_text(d, a), returns_text(d, b)) == 0;
}

/* The routines that go, or change what create or replace cannot: after
 * the tables, whose triggers go with them. */
static void drop_routines(Diff *d)
{
    if (d->st->inline_triggers)
        return; /* none there: their bodies are the triggers' */
    for (CatRoutine *r = d->from->routines; r; r = r->next) {
        const CatRoutine *q = routine_match(d, d->to, r);
        if (q && same_kind(d, r, q))
            continue;
        Stmt *s = new_stmt(d, ST_DROP_ROUTINE, NULL);
        s->routine = r->def->routine;
        step(d, s, "routine %s %s", r->sig,
             q ? differs(d) : only_in(d, false));
    }
}

/* Routines that come or change, then triggers that come or change: after
 * the tables are made. */
static void create_routines(Diff *d)
{
    for (CatRoutine *r = d->to->routines; r && !d->st->inline_triggers;
         r = r->next) {
        const CatRoutine *f = routine_match(d, d->from, r);
        bool kind = f && same_kind(d, f, r);
        if (kind && same_body(d, f, r))
            continue;
        Stmt *s = ARENA_NEW(d->a, Stmt);
        *s = *r->def;
        s->next = NULL;
        RoutineDef *rd = ARENA_NEW(d->a, RoutineDef);
        *rd = *r->def->routine;
        rd->or_replace = kind;
        s->routine = rd;
        step(d, s, "routine %s %s", r->sig,
             kind ? "has another body" : f ? differs(d) : only_in(d, true));
    }
    for (CatTrigger *g = d->to->triggers; g; g = g->next) {
        if (trigger_kept(d, g, d->from))
            continue;
        step(d, cat_trigger_stmt(d->to, g), "trigger %s.%s %s",
             g->table->name, g->name,
             other_trigger(g, d->from) ? differs(d) : only_in(d, true));
    }
}

static void drop_objects(Diff *d)
{
    for (CatObject *o = d->from->objects_tail; o; o = o->prev) {
        if (obj_kept(d, o, d->to))
            continue;
        Stmt *s = new_stmt(d, ST_DROP_OBJECT, NULL);
        s->obj = o->kind;
        s->object = qname(o->schema, o->name);
        const char *w = obj_kind(o->kind)->word;
        step(d, s, "%s %s %s", w, cat_display(d->a, o->schema, o->name),
             cat_object(d->to, o->kind, o->schema, o->name)
                 ? differs(d) : only_in(d, false));
    }
}

/* Objects of `to` that are new or changed, in their order, once every
 * table and column they may use stands. */
static void create_objects(Diff *d)
{
    for (CatObject *o = d->to->objects; o; o = o->next) {
        if (obj_kept(d, o, d->from))
            continue;
        const char *w = obj_kind(o->kind)->word;
        step(d, cat_object_stmt(d->to, o), "%s %s %s", w,
             cat_display(d->a, o->schema, o->name),
             cat_object(d->from, o->kind, o->schema, o->name)
                 ? differs(d) : only_in(d, true));
        for (CatObjIndex *ix = o->idx; ix; ix = ix->next)
            step(d, cat_object_index_stmt(d->to, ix), "index %s of %s %s",
                 ix->name, w, cat_display(d->a, o->schema, o->name));
    }
}

DiffStep *model_diff(Arena *a, Catalog *from, Catalog *to,
                     const DiffSides *sides)
{
    static const DiffSides plain = { "the first", "the second", NULL,
                                     false };
    Diff d = { .a = a, .from = from, .to = to,
               .sides = sides ? sides : &plain, .st = &as_is };
    if (d.sides->stored) {
        d.st = &stored_as[d.sides->stored->id];
        d.dialect = d.sides->stored->id;
    }
    for (CatSchema *s = to->schemas; s; s = s->next)
        if (!cat_schema(from, s->name)) {
            Stmt *st = new_stmt(&d, ST_CREATE_SCHEMA, NULL);
            st->cname.s = s->name;
            step(&d, st, "schema %s %s", s->name, only_in(&d, true));
        }
    for (CatExtension *x = to->exts; x && !d.st->no_extensions; x = x->next)
        if (!cat_extension(from, x->name))
            step(&d, cat_ext_stmt(to, x), "extension %s %s", x->name,
                 only_in(&d, true));
    create_enums(&d);
    bool objects = !d.sides->tables_only;
    if (objects) {
        drop_objects(&d);
        drop_triggers(&d);
    }
    drop_foreign_keys(&d);
    drop_keys_and_indexes(&d);
    drop_tables(&d);
    if (objects)
        drop_routines(&d);
    for (CatTable *t = from->tables; t; t = t->next) {
        CatTable *u = other_table(to, t);
        if (u)
            column_changes(&d, t, u);
    }
    create_tables(&d);
    add_keys_and_indexes(&d);
    add_foreign_keys(&d);
    if (objects) {
        create_objects(&d);
        create_routines(&d);
    }
    drop_enums(&d);
    for (CatExtension *x = from->exts; x && !d.st->no_extensions;
         x = x->next)
        if (!cat_extension(to, x->name)) {
            Stmt *st = new_stmt(&d, ST_DROP_EXTENSION, NULL);
            st->cname.s = x->name;
            step(&d, st, "extension %s %s", x->name, only_in(&d, false));
        }
    for (CatSchema *s = from->schemas; s; s = s->next)
        if (!cat_schema(to, s->name)) {
            Stmt *st = new_stmt(&d, ST_DROP_SCHEMA, NULL);
            st->cname.s = s->name;
            step(&d, st, "schema %s %s", s->name, only_in(&d, false));
        }
    return d.head;
}

/* A note is one comment line: a name's control bytes (a newline in a
 * quoted name) must not end it and start a statement. */
void model_diff_text(const DiffStep *steps, StrBuf *out)
{
    for (const DiffStep *s = steps; s; s = s->next) {
        sb_puts(out, "-- ");
        for (const char *p = s->why; *p; p++)
            sb_putc(out, (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
        sb_putc(out, '\n');
        if (s->stmt)
            model_stmt_text(out, s->stmt);
    }
}

bool history_diff_text(History *from, History *to, const char *from_name,
                       const char *to_name, StrBuf *out)
{
    DiffSides sides = { from_name, to_name, to->dialect, false };
    DiffStep *steps = model_diff(&to->arena, &from->cat, &to->cat, &sides);
    model_diff_text(steps, out);
    return steps != NULL;
}

/* Whether an `sql` statement of the compiled history h that changes the
 * schema (its text has CREATE, ALTER or DROP) names `name`: the model
 * does not see what it did to that object.  An UPDATE of rows is no
 * reason. */
static bool sql_names(const History *h, const char *name)
{
    if (!name)
        return false;
    for (int i = 0; i < h->nmigs; i++) {
        const Migration *m = h->migs[i].m;
        for (const Stmt *s = m ? m->up : NULL; s; s = s->next)
            if (s->kind == ST_SQL && s->sql_up &&
                (sqlscan_mentions(s->sql_up, "create") ||
                 sqlscan_mentions(s->sql_up, "alter") ||
                 sqlscan_mentions(s->sql_up, "drop")) &&
                sqlscan_mentions(s->sql_up, name))
                return true;
    }
    return false;
}

/* Whether step statement st is about an object an `sql` statement made
 * or changed: one of the migrations (its table, or the object itself), or
 * one the database was read back as (an index, a view, a schema the
 * language could not write: the object itself, never its table, which
 * such a text names too). */
static bool sql_excused(const History *db, const History *model,
                        const Stmt *st)
{
    const char *own[] = {
        st->object.name.s, st->cname.s,
        st->index ? st->index->name.name.s : NULL,
    };
    if (sql_names(model, st->table.name.s))
        return true;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (sql_names(model, own[i]) || sql_names(db, own[i]))
            return true;
    return false;
}

int history_drift_text(History *db, History *model, StrBuf *out)
{
    DiffSides sides = { "the database", "the migrations", model->dialect,
                        true };
    int n = 0;
    for (DiffStep *s = model_diff(&model->arena, &db->cat, &model->cat,
                                  &sides); s; s = s->next) {
        if (s->stmt && sql_excused(db, model, s->stmt))
            continue;
        DiffStep one = *s;
        one.next = NULL;
        model_diff_text(&one, out);
        n++;
    }
    return n;
}
